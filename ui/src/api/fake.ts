// An in-memory backend for the fake build and the UI tests: the same functions as ./index.ts over
// a deterministic portfolio, with the filtering, sorting and paging rules of the Rust side
// (src-tauri/core/src/portfolio.rs). The data is built on first use so that the real build,
// which never calls it, drops this module. Contracts carry their receipts and costs, and a few
// scenario contracts (addScenarios) serve the reward screens of ./fake-rewards.ts.
import { ApiError } from './error'
import type {
  AchievementDetail,
  AchievementKind,
  AchievementPage,
  AchievementQuery,
  AchievementRow,
  AchievementStatus,
  Category,
  ContractKind,
  CostCategory,
  ImportSummary,
  Institution,
  InventorLine,
  LinkedContract,
  LeaderLevel,
  PortfolioFilters,
  ProblemReport,
  ReceiptLine,
  SortKey,
  Table,
} from './types.gen'

/** Same limit as `MAX_PAGE_SIZE` in portfolio.rs. */
export const MAX_PAGE_SIZE = 200
/** The fake backend's "today": fixed, so that deadlines and refusals are the same on every run. */
export const TODAY = '2026-11-23'

export type Person = { employee_id: string; name: string; department: string; category: Category; leader_level: LeaderLevel }
type Inventor = { person: Person; share_bp: number; key_contributor: boolean }
export type Achievement = Omit<AchievementDetail, 'inventors' | 'contracts'> & { inventors: Inventor[] }
export type CostLine = { incurred_on: string; amount_fen: number; category: CostCategory }
export type Contract = Omit<LinkedContract, 'weight_bp'> & {
  achievements: { id: number; weight_bp: number }[]
  /** 技术合同登记号. */
  registration_no: string | null
  /** Equity only: registered capital received, in fen of yuan. */
  equity_units: number | null
  /** 到账, in date order; they add up to `received_fen`. */
  receipts: ReceiptLine[]
  /** 费用 linked to the contract. */
  costs: CostLine[]
}
export type Store = { people: Person[]; achievements: Achievement[]; contracts: Contract[] }

const INSTITUTION: Institution = { name: '西南理工大学', province: '四川省', fee_reduction: true }

const DEPARTMENTS: Record<string, { topics: string[]; objects: string[]; products: string[] }> = {
  计算机学院: {
    topics: ['基于深度学习的', '面向边缘计算的', '基于知识图谱的', '基于联邦学习的', '基于区块链的', '多模态'],
    objects: ['图像识别方法', '任务调度方法及系统', '数据加密传输装置', '异常流量检测方法', '文本分类方法', '推荐系统'],
    products: ['智能终端', '边缘计算网关', '数据采集器'],
  },
  机械工程学院: {
    topics: ['一种高精度', '基于数字孪生的', '轻量化', '自适应', '一种多自由度', '低噪声'],
    objects: ['数控机床主轴', '齿轮箱故障诊断方法', '柔性夹持装置', '减速器', '焊接机器人', '轴承寿命预测方法'],
    products: ['巡检机器人', '机械臂', '数控操作面板'],
  },
  材料科学与工程学院: {
    topics: ['一种高强度', '耐腐蚀', '一种纳米', '一种可降解', '高导热', '一种稀土掺杂'],
    objects: ['铝合金及其制备方法', '涂层材料', '复合陶瓷', '钛合金板材轧制工艺', '锂电池正极材料', '石墨烯薄膜'],
    products: ['保温板', '陶瓷刀具', '合金型材'],
  },
  化学化工学院: {
    topics: ['一种绿色', '一种高选择性', '连续流', '一种低温', '高效', '一种负载型'],
    objects: ['催化剂及其制备方法', '废水处理工艺', '萃取分离方法', '聚合物电解质', '天然产物提取方法', '页岩气脱硫剂'],
    products: ['反应釜', '试剂瓶', '过滤器'],
  },
  电气工程学院: {
    topics: ['一种高效', '基于宽禁带器件的', '智能', '一种分布式', '低损耗', '一种高压'],
    objects: ['光伏逆变器', '配电网故障定位方法', '无线充电装置', '电机驱动控制方法', '储能变流器', '绝缘检测装置'],
    products: ['充电桩', '配电柜', '电能表'],
  },
  生命科学学院: {
    topics: ['一种快速', '一种高通量', '基于CRISPR的', '一种重组', '抗逆', '一种植物源'],
    objects: ['病原体检测试剂盒', '单克隆抗体制备方法', '微生物菌剂', '基因编辑载体', '茶多酚提取工艺', '生物农药'],
    products: ['检测仪', '培养箱', '采样管'],
  },
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任'
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '勇', '军', '杰', '涛', '明', '超', '霞', '平', '刚', '健',
  '志强', '秀英', '建国', '海燕', '晓东', '红梅', '文博', '子涵', '思远', '雨欣', '国栋', '丽华', '振宇', '嘉怡',
]
const COMPANIES = [
  '四川长虹电器股份有限公司', '成都天府智能科技有限公司', '绵阳九洲新材料有限公司', '重庆渝新能源科技有限公司',
  '宜宾锂宝新材料有限公司', '德阳东方重装设备有限公司', '贵州黔丰生物科技有限公司', '深圳华拓电子有限公司',
  '成都蜀道化工有限公司', '攀枝花钒钛科技有限公司', '西安秦创机器人有限公司', '南充果州农业发展有限公司',
]
const FUNDS = ['国家自然科学基金', '国家重点研发计划', '四川省科技计划', '中央高校基本科研业务费']

// Weighted so the portfolio looks like a university's: mostly invention patents.
const KIND_MIX: AchievementKind[] = [
  ...Array<AchievementKind>(10).fill('invention_patent'),
  ...Array<AchievementKind>(5).fill('utility_model'),
  'design_patent', 'design_patent',
  ...Array<AchievementKind>(4).fill('software_copyright'),
  'ic_layout', 'plant_variety', 'know_how', 'know_how', 'other',
]
const PATENT_TYPE_DIGIT: Partial<Record<AchievementKind, number>> = { invention_patent: 1, utility_model: 2, design_patent: 3 }
const SHARE_SPLITS = [[10000], [6000, 4000], [5000, 3000, 2000], [4000, 3000, 2000, 1000], [3000, 2500, 2000, 1500, 1000]]

/** mulberry32: a tiny seeded generator, so every build shows the same portfolio. */
function random(seed: number) {
  let s = seed
  const next = () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1))
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T
  return { next, int, pick }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')
const date = (y: number, m: number, d: number) => `${y}-${pad(m, 2)}-${pad(d, 2)}`
const addMonths = (iso: string, months: number) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  return date(Math.floor(total / 12), (total % 12) + 1, d)
}

/** The CNIPA check character of a 12-digit application number (weights 2–9, 2–5, mod 11, 10 = X). */
export function checkDigit(digits12: string): string {
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
  const sum = [...digits12].reduce((acc, c, i) => acc + Number(c) * (weights[i] as number), 0)
  const r = sum % 11
  return r === 10 ? 'X' : String(r)
}

/** The patent year (1-based) that contains today, counted from the filing date. */
function patentYear(filedOn: string): number {
  const years = Number(TODAY.slice(0, 4)) - Number(filedOn.slice(0, 4))
  return TODAY.slice(5) >= filedOn.slice(5) ? years + 1 : years
}

function generate(): Store {
  const r = random(20261123)
  const departments = Object.keys(DEPARTMENTS)
  const people: Person[] = Array.from({ length: 72 }, (_, i) => ({
    employee_id: `T${pad(i + 1, 4)}`,
    name: r.pick([...SURNAMES]) + r.pick(GIVEN),
    department: departments[i % departments.length] as string,
    category: 'researcher',
    leader_level: 'none',
  }))

  const achievements: Achievement[] = Array.from({ length: 300 }, (_, i) => {
    const id = i + 1
    const kind = r.pick(KIND_MIX)
    const department = r.pick(departments)
    const vocab = DEPARTMENTS[department]!
    const filedYear = r.int(2015, 2026)
    let filedOn: string | null = date(filedYear, r.int(1, filedYear === 2026 ? 10 : 12), r.int(1, 28))
    let applicationNo: string | null = null
    let grantNo: string | null = null
    let grantedOn: string | null = null
    let status: AchievementStatus = 'in_force'
    let title = `${r.pick(vocab.topics)}${r.pick(vocab.objects)}`
    const typeDigit = PATENT_TYPE_DIGIT[kind]
    if (typeDigit !== undefined) {
      const digits = `${filedYear}${typeDigit}${pad(r.int(0, 9_999_999), 7)}`
      applicationNo = `${digits}.${checkDigit(digits)}`
      if (kind === 'design_patent') title = r.pick(vocab.products)
      const granted = addMonths(filedOn, kind === 'invention_patent' ? r.int(18, 40) : r.int(6, 12))
      if (granted <= TODAY) {
        grantedOn = granted
        grantNo = `ZL${applicationNo}`
        const roll = r.next()
        status = roll < 0.7 ? 'in_force' : roll < 0.85 ? 'lapsed' : roll < 0.95 ? 'abandoned' : 'expired'
      } else {
        status = r.next() < 0.9 ? 'pending' : 'abandoned'
      }
    } else if (kind === 'software_copyright') {
      title = `${r.pick(vocab.objects).replace(/方法.*$/, '')}管理软件V${r.int(1, 3)}.0`
      grantedOn = addMonths(filedOn, r.int(2, 4))
      grantNo = `${grantedOn.slice(0, 4)}SR${pad(r.int(0, 1_999_999), 7)}`
      filedOn = null
    } else if (kind === 'ic_layout') {
      title = `${r.pick(['高精度模数转换', '低功耗电源管理', '射频收发'])}芯片布图设计`
      applicationNo = `BS.${String(filedYear).slice(2)}5${pad(r.int(0, 999_999), 6)}`
      grantedOn = addMonths(filedOn, 6)
      grantNo = applicationNo
    } else if (kind === 'plant_variety') {
      title = `川${r.pick(['薯', '麦', '油', '茶', '稻'])}${r.int(11, 98)}号`
      applicationNo = `${filedYear}${pad(r.int(0, 99_999), 5)}.${r.int(0, 9)}`
      status = 'pending'
    } else if (kind === 'know_how') {
      title = `${r.pick(vocab.objects).replace(/及其制备方法|方法及系统|方法/, '')}关键工艺技术秘密`
      filedOn = null
    } else {
      title = `${r.pick(vocab.objects).replace(/方法.*$/, '')}检测标准`
      grantedOn = filedOn
      filedOn = null
    }
    if (grantedOn && grantedOn > TODAY) grantedOn = null

    const feesApply = typeDigit !== undefined && status === 'in_force' && filedOn !== null
    const assumed = feesApply && r.next() < 0.1
    const colleagues = people.filter((p) => p.department === department)
    const split = r.pick(SHARE_SPLITS)
    const chosen = new Set<Person>()
    while (chosen.size < split.length) chosen.add(r.next() < 0.85 ? r.pick(colleagues) : r.pick(people))
    const inventors = [...chosen].map((person, n) => ({
      person,
      share_bp: split[n] as number,
      key_contributor: n === 0 || (n === 1 && split.length > 2),
    }))

    return {
      id,
      achievement_no: `CG${filedOn?.slice(0, 4) ?? grantedOn?.slice(0, 4) ?? '2020'}-${pad(id, 4)}`,
      title,
      kind,
      application_no: applicationNo,
      filed_on: filedOn,
      grant_no: grantNo,
      granted_on: grantedOn,
      status,
      department,
      fiscal_project: r.next() < 0.4 ? `${r.pick(FUNDS)} ${filedYear - r.int(0, 2)}${pad(r.int(100, 9999), 6)}` : null,
      fees_paid_through: feesApply ? patentYear(filedOn!) - (assumed ? 0 : r.int(0, 1)) : null,
      fees_paid_through_assumed: assumed,
      inventors,
    }
  })

  const licensable = achievements.filter((a) => a.status === 'in_force' && a.granted_on)
  const contractKinds = ['transfer', 'transfer', 'license', 'license', 'equity'] as const satisfies ContractKind[]
  const titleSuffix = { transfer: '专利权转让合同', license: '专利实施许可合同', equity: '作价投资协议' }
  const contracts: Contract[] = Array.from({ length: 48 }, (_, i) => {
    const kind = r.pick(contractKinds)
    const count = r.pick([1, 1, 1, 2, 3])
    const linked = new Set<Achievement>()
    while (linked.size < count) linked.add(r.pick(licensable))
    const weights = count === 1 ? [10000] : count === 2 ? [7000, 3000] : [4000, 3000, 3000]
    const latestGrant = [...linked].map((a) => a.granted_on as string).sort().at(-1) as string
    const signed = addMonths(latestGrant, r.int(1, 30))
    const signedOn = signed <= TODAY ? signed : latestGrant
    const amount = r.int(5, 500) * 1_000_000 // 50,000 to 5,000,000 yuan, in fen
    const first = [...linked][0] as Achievement
    const received = r.next() < 0.2 ? 0 : Math.round((amount * r.int(3, 10)) / 10 / 100) * 100
    return {
      contract_no: `HT${signedOn.slice(0, 4)}-${pad(i + 1, 3)}`,
      title: `${first.title}${titleSuffix[kind]}`,
      kind,
      counterparty: r.pick(COMPANIES),
      signed_on: signedOn,
      amount_fen: amount,
      received_fen: received,
      achievements: [...linked].map((a, n) => ({ id: a.id, weight_bp: weights[n] as number })),
      ...money(i, kind, signedOn, amount, received),
    }
  })
  const store = { people, achievements, contracts }
  addScenarios(store)
  return store
}

/**
 * Receipts, costs and registration of a generated contract, derived from its figures without
 * drawing from the generator (so the portfolio stays the same): 60% a month after signing and
 * the rest three months later (one receipt when that is still to come), a 3% agency fee, and a
 * registration number for two transfers or licenses in three.
 */
function money(i: number, kind: ContractKind, signedOn: string, amount: number, received: number) {
  const soon = addMonths(signedOn, 1) <= TODAY ? addMonths(signedOn, 1) : signedOn
  const later = addMonths(signedOn, 4)
  const voucher = (on: string, n: number) => `记-${on.slice(0, 7)}-${pad(((i + 1) * 37 + n) % 1000, 4)}`
  const receipts: ReceiptLine[] = []
  if (received > 0 && later <= TODAY) {
    const first = Math.floor((received * 6) / 10 / 10000) * 10000
    receipts.push({ received_on: soon, amount_fen: first, voucher_no: voucher(soon, 1) })
    receipts.push({ received_on: later, amount_fen: received - first, voucher_no: voucher(later, 2) })
  } else if (received > 0) {
    receipts.push({ received_on: soon, amount_fen: received, voucher_no: voucher(soon, 1) })
  }
  const costs: CostLine[] = received > 0 ? [{ incurred_on: soon, amount_fen: Math.floor((received * 3) / 100 / 100) * 100, category: 'agency' }] : []
  const registered = kind !== 'equity' && i % 3 !== 2
  return {
    registration_no: registered ? `${signedOn.slice(0, 4)}5101060${pad(i + 1, 5)}` : null,
    equity_units: kind === 'equity' ? amount : null,
    receipts,
    costs,
  }
}

/** 技术转移中心 staff, who can share a policy's transfer-staff part of a pool. */
const TRANSFER_STAFF: [string, string][] = [
  ['T0901', '周晓雯'],
  ['T0902', '孙浩然'],
  ['T0903', '林雅琴'],
  ['T0904', '贺子轩'],
]

type ScenarioContract = Pick<Contract, 'contract_no' | 'title' | 'kind' | 'counterparty' | 'signed_on' | 'amount_fen'> &
  Partial<Pick<Contract, 'registration_no' | 'equity_units' | 'receipts' | 'costs'>>

/**
 * The contracts the reward screens and their tests rely on, on achievements chosen by rule from
 * the generated portfolio (see fake-rewards.ts for the distributions saved on some of them):
 * - HT2026-101, a registered license of an achievement with three inventors 50/30/20: receipts
 *   300,000.00 + 200,000.00, costs 10,000.00 + 5,000.00 → net 485,000.00, pool 339,500.00;
 * - HT2026-102, an equity contribution whose second inventor is the unit principal leader;
 * - HT2026-103, a transfer whose key contributors hold 30% (below the 50% minimum);
 * - HT2026-104, a license under the 2026 policy with its transfer-staff share;
 * - HT2024-201 … HT2026-206, with distributions in every state.
 */
function addScenarios(store: Store) {
  const { people, achievements, contracts } = store
  for (const [employee_id, name] of TRANSFER_STAFF) {
    people.push({ employee_id, name, department: '技术转移中心', category: 'transfer_staff', leader_level: 'none' })
  }
  const used = new Set<Achievement>()
  const pick = (test: (a: Achievement) => boolean) => {
    const found = achievements.find((a) => a.status === 'in_force' && a.granted_on !== null && !used.has(a) && test(a))
    if (!found) throw new Error('the generated portfolio lacks an achievement for a scenario')
    used.add(found)
    return found
  }
  const equity = pick((a) => a.inventors.length === 2)
  const principal = equity.inventors[1]!.person
  principal.leader_level = 'unit_principal'
  const plain = (size: number) => (a: Achievement) => a.inventors.length === size && a.inventors.every((i) => i.person.leader_level === 'none')
  const license = pick(plain(3))
  const lowKey = pick(plain(4))
  lowKey.inventors.forEach((i, n) => (i.key_contributor = n >= 2))
  const staffed = pick(plain(1))
  const seeds = [plain(2), plain(3), plain(1), plain(3), plain(2), plain(2)].map(pick)
  seeds[2]!.inventors[0]!.person.leader_level = 'middle'

  const receipt = (received_on: string, amount_fen: number, voucher_no: string): ReceiptLine => ({ received_on, amount_fen, voucher_no })
  const add = (c: ScenarioContract, on: Achievement) => {
    const receipts = c.receipts ?? []
    contracts.push({
      registration_no: null,
      equity_units: null,
      costs: [],
      ...c,
      receipts,
      received_fen: receipts.reduce((sum, x) => sum + x.amount_fen, 0),
      title: `${on.title}${c.title}`,
      achievements: [{ id: on.id, weight_bp: 10000 }],
    })
  }
  const licenseTitle = '专利实施许可合同'
  const transferTitle = '专利权转让合同'
  add(
    {
      contract_no: 'HT2026-101', title: licenseTitle, kind: 'license', counterparty: '四川长虹电器股份有限公司',
      signed_on: '2026-02-01', amount_fen: 60_000_000, registration_no: '2026510106000101',
      receipts: [receipt('2026-03-10', 30_000_000, '记-2026-03-0118'), receipt('2026-06-15', 20_000_000, '记-2026-06-0057')],
      costs: [{ incurred_on: '2026-02-20', amount_fen: 1_000_000, category: 'appraisal' }, { incurred_on: '2026-03-12', amount_fen: 500_000, category: 'agency' }],
    },
    license,
  )
  add(
    {
      contract_no: 'HT2026-102', title: '作价投资协议', kind: 'equity', counterparty: '成都天府智能科技有限公司',
      signed_on: '2026-05-20', amount_fen: 300_000_000, equity_units: 300_000_000,
    },
    equity,
  )
  add(
    {
      contract_no: 'HT2026-103', title: transferTitle, kind: 'transfer', counterparty: '重庆渝新能源科技有限公司',
      signed_on: '2026-05-10', amount_fen: 15_000_000, registration_no: '2026510106000103',
      receipts: [receipt('2026-09-01', 12_000_000, '记-2026-09-0021')],
    },
    lowKey,
  )
  add(
    {
      contract_no: 'HT2026-104', title: licenseTitle, kind: 'license', counterparty: '绵阳九洲新材料有限公司',
      signed_on: '2026-08-20', amount_fen: 80_000_000, registration_no: '2026510106000104',
      receipts: [receipt('2026-10-15', 20_000_000, '记-2026-10-0233')],
      costs: [{ incurred_on: '2026-10-20', amount_fen: 800_000, category: 'taxes' }],
    },
    staffed,
  )
  const [s1, s2, s3, s4, s5, s6] = seeds as [Achievement, Achievement, Achievement, Achievement, Achievement, Achievement]
  add(
    {
      contract_no: 'HT2025-201', title: transferTitle, kind: 'transfer', counterparty: '宜宾锂宝新材料有限公司',
      signed_on: '2025-03-01', amount_fen: 80_000_000, registration_no: '2025510106000201',
      receipts: [receipt('2025-04-15', 80_000_000, '记-2025-04-0312')],
      costs: [{ incurred_on: '2025-04-20', amount_fen: 1_200_000, category: 'agency' }],
    },
    s1,
  )
  add(
    {
      contract_no: 'HT2025-202', title: licenseTitle, kind: 'license', counterparty: '深圳华拓电子有限公司',
      signed_on: '2025-05-10', amount_fen: 26_000_000, registration_no: '2025510106000202',
      receipts: [receipt('2025-06-20', 26_000_000, '记-2025-06-0140')],
    },
    s2,
  )
  add(
    {
      contract_no: 'HT2026-203', title: licenseTitle, kind: 'license', counterparty: '德阳东方重装设备有限公司',
      signed_on: '2026-01-15', amount_fen: 15_000_000, registration_no: '2026510106000203',
      receipts: [receipt('2026-03-20', 15_000_000, '记-2026-03-0207')],
    },
    s3,
  )
  add(
    {
      contract_no: 'HT2026-204', title: transferTitle, kind: 'transfer', counterparty: '攀枝花钒钛科技有限公司',
      signed_on: '2025-12-01', amount_fen: 42_000_000,
      receipts: [receipt('2026-04-10', 42_000_000, '记-2026-04-0093')],
      costs: [{ incurred_on: '2026-04-12', amount_fen: 2_100_000, category: 'taxes' }],
    },
    s4,
  )
  add(
    {
      contract_no: 'HT2026-205', title: '作价投资协议', kind: 'equity', counterparty: '西安秦创机器人有限公司',
      signed_on: '2026-04-01', amount_fen: 200_000_000, equity_units: 200_000_000,
    },
    s5,
  )
  add(
    {
      contract_no: 'HT2024-206', title: licenseTitle, kind: 'license', counterparty: '南充果州农业发展有限公司',
      signed_on: '2024-03-01', amount_fen: 20_000_000, registration_no: '2024510106000206',
      receipts: [receipt('2024-05-10', 10_000_000, '记-2024-05-0016'), receipt('2025-05-10', 10_000_000, '记-2025-05-0031')],
    },
    s6,
  )
}

let store: Store | null = null
const db = () => (store ??= generate())

/** The portfolio the other fake modules build on (a new object after `resetFake`). */
export const fakeStore = (): Store => db()

/** Back to the generated portfolio (unit tests). */
export function resetFake(): void {
  store = null
}

const contractCount = (id: number) => db().contracts.filter((c) => c.achievements.some((l) => l.id === id)).length

function toRow(a: Achievement): AchievementRow {
  const { id, achievement_no, title, kind, application_no, filed_on, grant_no, granted_on, status, department } = a
  return {
    id, achievement_no, title, kind, application_no, filed_on, grant_no, granted_on, status, department,
    inventors: a.inventors.map((i) => i.person.name + (i.key_contributor ? '*' : '')).join('、'),
    contract_count: contractCount(a.id),
  }
}

// SQLite compares text bytewise and LIKE folds ASCII case only; code-unit order and
// toLowerCase() agree with that for the characters used here.
type SortValue = string | null
const sortValue: Record<SortKey, (a: Achievement) => SortValue> = {
  achievement_no: (a) => a.achievement_no,
  title: (a) => a.title,
  kind: (a) => a.kind,
  application_no: (a) => a.application_no,
  filed_on: (a) => a.filed_on,
  granted_on: (a) => a.granted_on,
  status: (a) => a.status,
  department: (a) => a.department,
}
/** NULL sorts first, as in SQLite. */
const compare = (x: SortValue, y: SortValue) => (x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1)

function matches(q: AchievementQuery): (a: Achievement) => boolean {
  const search = q.search?.trim() ?? ''
  const needle = search.toLowerCase()
  // Numbers match without prefixes, spaces or dots, so "CN2023 1012" finds 202310123456.X.
  const digits = search.replace(/[^0-9A-Za-z]/g, '').toUpperCase().replace(/^(CN)+/, '').replace(/^(ZL)+/, '')
  const year = q.year === null ? null : String(q.year)
  return (a) =>
    (q.kind === null || a.kind === q.kind) &&
    (q.status === null || a.status === q.status) &&
    (!q.department || a.department === q.department) &&
    (year === null || (a.filed_on ?? a.granted_on)?.slice(0, 4) === year) &&
    (!search ||
      [a.title, a.achievement_no, a.grant_no].some((v) => v?.toLowerCase().includes(needle)) ||
      (digits.length > 2 && !!a.application_no?.replace(/\./g, '').toUpperCase().includes(digits)) ||
      a.inventors.some((i) => i.person.name.toLowerCase().includes(needle) || i.person.employee_id === search))
}

const clone = <T>(value: T): Promise<T> => Promise.resolve(structuredClone(value))

export function getInstitution(): Promise<Institution> {
  return clone(INSTITUTION)
}

/** The settings' profile screen renames the institution the header shows. */
export function setInstitution(institution: Institution): void {
  Object.assign(INSTITUTION, institution)
}

export function listAchievements(q: AchievementQuery): Promise<AchievementPage> {
  const pageSize = Math.min(Math.max(q.page_size, 1), MAX_PAGE_SIZE)
  const page = Math.max(q.page, 1)
  const key = sortValue[q.sort ?? 'achievement_no']
  const dir = q.descending ? -1 : 1
  const found = db()
    .achievements.filter(matches(q))
    .sort((a, b) => dir * (compare(key(a), key(b)) || compare(a.achievement_no, b.achievement_no)))
  return clone({ total: found.length, rows: found.slice((page - 1) * pageSize, page * pageSize).map(toRow) })
}

export function getAchievement(id: number): Promise<AchievementDetail> {
  const a = db().achievements.find((x) => x.id === id)
  if (!a) return Promise.reject(new ApiError('not_found', `未找到成果：${id}`))
  const inventors: InventorLine[] = a.inventors.map(({ person: { employee_id, name, department }, share_bp, key_contributor }) => ({
    employee_id,
    name,
    department,
    share_bp,
    key_contributor,
  }))
  const contracts: LinkedContract[] = db()
    .contracts.flatMap(({ contract_no, title, kind, counterparty, signed_on, amount_fen, received_fen, achievements }) => {
      const link = achievements.find((l) => l.id === id)
      return link ? [{ contract_no, title, kind, counterparty, signed_on, amount_fen, received_fen, weight_bp: link.weight_bp }] : []
    })
    .sort((x, y) => compare(x.signed_on, y.signed_on) || compare(x.contract_no, y.contract_no))
  return clone({ ...a, inventors, contracts })
}

export function portfolioFilters(): Promise<PortfolioFilters> {
  const years = new Set(db().achievements.flatMap((a) => (a.filed_on ?? a.granted_on)?.slice(0, 4) ?? []).map(Number))
  return clone({
    departments: Object.keys(DEPARTMENTS).sort(),
    years: [...years].sort((x, y) => y - x),
  })
}

const BAD_FILE: ProblemReport[] = [
  { sheet: 'Sheet1', row: 3, column: '申请号', cell: 'D3', value: '202310123456.X', code: 'bad_check_digit', problem: '申请号校验位错误（按规则应为 6）' },
  { sheet: 'Sheet1', row: 4, column: '完成人', cell: 'L4', value: 'T0003*:50; T0007:30', code: 'shares_not_100', problem: '完成人份额合计为 80%，应为 100%' },
  { sheet: 'Sheet1', row: 6, column: '申请日', cell: 'E6', value: '2023-02-30', code: 'bad_date', problem: '日期无效：2023 年 2 月没有 30 日' },
]

function importedAchievements(): Achievement[] {
  const [p1, p2, p3] = db().people.filter((p) => p.department === '材料科学与工程学院') as [Person, Person, Person]
  const base = { kind: 'invention_patent' as const, department: '材料科学与工程学院', fiscal_project: null }
  return [
    {
      ...base,
      id: 100001,
      achievement_no: 'IMP-0001',
      title: '一种高熵合金涂层及其激光熔覆制备方法',
      application_no: '202310123456.6',
      filed_on: '2023-03-15',
      grant_no: null,
      granted_on: null,
      status: 'pending',
      fees_paid_through: null,
      fees_paid_through_assumed: false,
      inventors: [
        { person: p1, share_bp: 6000, key_contributor: true },
        { person: p2, share_bp: 4000, key_contributor: false },
      ],
    },
    {
      ...base,
      id: 100002,
      achievement_no: 'IMP-0002',
      title: '一种钠离子电池硬碳负极材料的制备方法',
      application_no: `202410456789.${checkDigit('202410456789')}`,
      filed_on: '2024-05-10',
      grant_no: `ZL202410456789.${checkDigit('202410456789')}`,
      granted_on: '2025-09-02',
      status: 'in_force',
      fees_paid_through: 3,
      fees_paid_through_assumed: true,
      inventors: [{ person: p3, share_bp: 10000, key_contributor: true }],
    },
  ]
}

export function importFile(table: Table, path: string, dryRun: boolean): Promise<ImportSummary> {
  if (path.includes('bad')) {
    return Promise.reject(new ApiError('invalid_input', `输入有 ${BAD_FILE.length} 处问题，未写入任何数据`, BAD_FILE))
  }
  const incoming = table === 'achievements' ? importedAchievements() : []
  const existing = new Set(db().achievements.map((a) => a.achievement_no))
  const duplicates: ProblemReport[] = incoming.flatMap((a, i) =>
    existing.has(a.achievement_no)
      ? [{ sheet: 'Sheet1', row: i + 2, column: '成果编号', cell: `A${i + 2}`, value: a.achievement_no, code: 'duplicate', problem: '成果编号已存在' }]
      : [],
  )
  if (duplicates.length) {
    return Promise.reject(new ApiError('invalid_input', `输入有 ${duplicates.length} 处问题，未写入任何数据`, duplicates))
  }
  if (!dryRun) db().achievements.push(...incoming)
  return clone({
    table,
    rows: 2,
    inserted: 2,
    updated: 0,
    dry_run: dryRun,
    warnings: table === 'achievements' ? ['第 3 行（IMP-0002）：年费已缴至为空，假定为第 3 年'] : [],
  })
}

export function pickImportFile(): Promise<string | null> {
  return Promise.resolve('/home/office/导入/成果表.xlsx')
}
