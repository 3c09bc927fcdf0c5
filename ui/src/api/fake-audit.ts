// The fake backend's audit log (操作日志) and backups (备份与恢复), as src-tauri/core's audit_view.rs,
// store/audit.rs and backup.rs do them: the log is built from the fake portfolio (imports, then a
// few edits by hand), chained by a hash over each entry and the previous hash, and `verifyStore`
// walks that chain. A UI test can alter an entry behind the app's back by opening the page with
// `?fake-tamper=<id>` in the address: that entry's `after` is changed without re-hashing, so the
// walk stops at it just as the real one stops at a row edited with another SQLite tool.
import { ApiError } from './error'
import { fakeStore, MAX_PAGE_SIZE, TODAY } from './fake'
import { step } from './fake-jobs'
import { getDistribution, listDistributions } from './fake-rewards'
import type {
  AuditEntry,
  AuditPage,
  AuditQuery,
  AuditTarget,
  BackupCheck,
  BackupFile,
  Reason,
  Restored,
  VerifyReport,
} from './types.gen'

/** The schema version of this build (the migrations 0001–0005). */
export const SCHEMA_VERSION = 5
const BACKUP_DIR = '/home/office/.local/share/transferdesk/backups'
/** What the fake file picker answers: a spreadsheet, which a restore must refuse. */
export const FOREIGN_FILE = '/home/office/下载/成果统计.xlsx'

type Logged = AuditEntry & { prev_hash: string; hash: string }
type State = { log: Logged[]; backups: BackupFile[]; clock: number }

/** FNV-1a over the text, 8 hex digits: enough to show a changed row, not a security claim. */
function fnv(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}
const GENESIS = '0'.repeat(8)
const entryHash = (e: AuditEntry, prev: string) =>
  fnv(JSON.stringify([prev, e.at, e.actor, e.action, e.entity, e.entity_key, e.before, e.after]))

type Draft = Omit<AuditEntry, 'id' | 'before' | 'after'> & { before?: unknown; after?: unknown }

function append(log: Logged[], d: Draft): void {
  const prev = log.at(-1)?.hash ?? GENESIS
  const entry: AuditEntry = {
    id: log.length + 1,
    at: d.at,
    actor: d.actor,
    action: d.action,
    entity: d.entity,
    entity_key: d.entity_key,
    before: d.before === undefined ? null : JSON.stringify(d.before),
    after: d.after === undefined ? null : JSON.stringify(d.after),
  }
  log.push({ ...entry, prev_hash: prev, hash: entryHash(entry, prev) })
}

const pad = (n: number) => String(n).padStart(2, '0')
const time = (day: string, seconds: number) => `${day}T${pad(9 + Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`

async function build(): Promise<State> {
  const store = fakeStore()
  const drafts: Draft[] = []
  // The first import: people, then achievements, then contracts, one entry per row.
  store.people.forEach((p, i) =>
    drafts.push({
      at: time('2026-09-01', i),
      actor: 'import:人员表.xlsx',
      action: 'insert',
      entity: 'person',
      entity_key: p.employee_id,
      after: { employee_id: p.employee_id, name: p.name, department: p.department, category: p.category, leader_level: p.leader_level },
    }),
  )
  store.achievements.forEach((a, i) =>
    drafts.push({
      at: time('2026-09-02', i),
      actor: 'import:成果表.xlsx',
      action: 'insert',
      entity: 'achievement',
      entity_key: a.achievement_no,
      after: { achievement_no: a.achievement_no, title: a.title, kind: a.kind, status: a.status, department: a.department, application_no: a.application_no },
    }),
  )
  store.contracts.forEach((c, i) =>
    drafts.push({
      at: time('2026-09-03', i),
      actor: 'import:合同表.xlsx',
      action: 'insert',
      entity: 'contract',
      entity_key: c.contract_no,
      after: { contract_no: c.contract_no, title: c.title, kind: c.kind, counterparty: c.counterparty, signed_on: c.signed_on, amount_fen: c.amount_fen },
    }),
  )
  // Edits by hand in the weeks after.
  const a = store.achievements[0]
  if (a)
    drafts.push({
      at: '2026-10-15T14:20:05',
      actor: 'app:office',
      action: 'update',
      entity: 'achievement',
      entity_key: a.achievement_no,
      before: { achievement_no: a.achievement_no, title: a.title, kind: a.kind, status: 'pending', department: a.department, grant_no: null },
      after: { achievement_no: a.achievement_no, title: a.title, kind: a.kind, status: a.status, department: a.department, grant_no: a.grant_no },
    })
  const p = store.people[1]
  if (p)
    drafts.push({
      at: '2026-10-20T10:02:11',
      actor: 'app:office',
      action: 'update',
      entity: 'person',
      entity_key: p.employee_id,
      before: { employee_id: p.employee_id, name: p.name, department: '计算机学院', category: p.category, leader_level: p.leader_level },
      after: { employee_id: p.employee_id, name: p.name, department: p.department, category: p.category, leader_level: p.leader_level },
    })
  const c = store.contracts[2]
  if (c) {
    drafts.push({
      at: '2026-11-02T16:45:30',
      actor: 'app:office',
      action: 'update',
      entity: 'contract',
      entity_key: c.contract_no,
      before: { contract_no: c.contract_no, title: c.title, kind: c.kind, counterparty: c.counterparty, signed_on: c.signed_on, amount_fen: c.amount_fen + 100_000_00 },
      after: { contract_no: c.contract_no, title: c.title, kind: c.kind, counterparty: c.counterparty, signed_on: c.signed_on, amount_fen: c.amount_fen },
    })
    drafts.push({
      at: '2026-11-02T16:47:02',
      actor: 'app:office',
      action: 'delete',
      entity: 'cost',
      entity_key: '9001',
      before: { contract_no: c.contract_no, incurred_on: '2026-10-30', category: 'agency', amount_fen: 1_200_00 },
    })
  }
  drafts.push({
    at: '2026-11-05T09:12:00',
    actor: 'app:office',
    action: 'update',
    entity: 'policy',
    entity_key: '1',
    before: { name: '2024 版收益分配办法', effective_on: '2024-01-01', payment_months: 6 },
    after: { name: '2024 版收益分配办法', effective_on: '2024-01-01', payment_months: 3 },
  })
  drafts.push({
    at: '2026-11-12T11:30:00',
    actor: 'app:office',
    action: 'update',
    entity: 'holiday',
    entity_key: '2026',
    before: [{ day: '2026-10-01', kind: 'rest' }],
    after: [{ day: '2026-10-01', kind: 'rest' }, { day: '2026-10-02', kind: 'rest' }, { day: '2026-10-10', kind: 'work' }],
  })
  const distributions = (await listDistributions({ page: 1, page_size: MAX_PAGE_SIZE, state: null, contract_no: null, search: null, year: null, overdue: false })).rows
  ;[...distributions].reverse().forEach((d, i) =>
    drafts.push({
      at: time('2026-11-16', i * 60),
      actor: 'app:office',
      action: 'insert',
      entity: 'distribution',
      entity_key: String(d.id),
      after: { contract_no: d.contract_no, through_on: d.through_on, state: 'draft' },
    }),
  )
  drafts.push({
    at: '2026-11-18T15:00:00',
    actor: 'app:office',
    action: 'update',
    entity: 'institution',
    entity_key: '1',
    before: { name: '西南理工学院', province: '四川省', fee_reduction: true },
    after: { name: '西南理工大学', province: '四川省', fee_reduction: true },
  })
  const log: Logged[] = []
  drafts.sort((x, y) => x.at.localeCompare(y.at)).forEach((d) => append(log, d))
  tamper(log)
  const backup = (at: string, reason: Reason, bytes: number): BackupFile => {
    const name = `transferdesk-${at.replace(/[-:]/g, '').replace('T', '-')}-${reason}.db`
    return { file: `${BACKUP_DIR}/${name}`, name, reason, taken_at: at, bytes }
  }
  const backups = [
    backup('2026-11-23T08:30:12', 'start', 2_457_600),
    backup('2026-11-20T18:02:40', 'quit', 2_449_408),
    backup('2026-11-20T08:41:05', 'start', 2_441_216),
    backup('2026-11-18T15:05:00', 'manual', 2_437_120),
    backup('2026-10-31T17:55:31', 'quit', 2_244_608),
  ]
  return { log, backups, clock: 0 }
}

/** `?fake-tamper=<id>`: that entry's `after` changed behind the app's back (hash left as it was). */
function tamper(log: Logged[]): void {
  const id = Number(typeof location === 'undefined' ? NaN : new URLSearchParams(location.search).get('fake-tamper'))
  const entry = log.find((e) => e.id === id)
  if (!entry) return
  const altered = (entry.after ?? '{}').replace(/"amount_fen":\d+/, '"amount_fen":1').replace(/"title":"/, '"title":"（改）')
  entry.after = altered === entry.after ? `${altered} ` : altered
}

let state: Promise<State> | null = null
const db = () => (state ??= build())

/** Back to the generated log and backups (unit tests). */
export function resetFakeAudit(): void {
  state = null
}

/** Alters entry `id` as `?fake-tamper` does (unit tests). */
export async function tamperEntry(id: number): Promise<void> {
  const entry = (await db()).log.find((e) => e.id === id)
  if (entry) entry.after = `${entry.after ?? ''} `
}

export async function listAudit(q: AuditQuery): Promise<AuditPage> {
  const { log } = await db()
  const text = (v: string | null) => v?.trim() || null
  const [entity, key, action, actor] = [text(q.entity), text(q.entity_key), text(q.action), text(q.actor)]
  const rows = log
    .filter(
      (e) =>
        (!entity || e.entity === entity) &&
        (!key || e.entity_key === key) &&
        (!action || e.action === action) &&
        (!actor || e.actor.includes(actor)) &&
        (!q.from || e.at.slice(0, 10) >= q.from) &&
        (!q.to || e.at.slice(0, 10) <= q.to),
    )
    .reverse()
  const size = Math.min(Math.max(q.page_size, 1), MAX_PAGE_SIZE)
  const start = (Math.max(q.page, 1) - 1) * size
  const page: AuditEntry[] = rows.slice(start, start + size).map((e) => ({
    id: e.id,
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entity_key: e.entity_key,
    before: e.before,
    after: e.after,
  }))
  return { rows: page, total: rows.length, entities: [...new Set(log.map((e) => e.entity))].sort() }
}

export async function verifyStore(): Promise<VerifyReport> {
  const { log } = await db()
  let prev = GENESIS
  let broken: number | null = null
  for (const e of log) {
    if (e.prev_hash !== prev || entryHash(e, prev) !== e.hash) {
      broken = e.id
      break
    }
    prev = e.hash
  }
  return { integrity: 'ok', audit_entries: log.length, first_broken_entry: broken, ok: broken === null }
}

/** As core's `audit_view::target`: the page of a logged record, looked up by its logged key. */
export async function auditTarget(entity: string, key: string): Promise<AuditTarget | null> {
  const store = fakeStore()
  const found = (page: AuditTarget['page'], index: number): AuditTarget | null => (index < 0 ? null : { page, id: index + 1 })
  switch (entity) {
    case 'achievement':
    case 'fee_payment': {
      const no = key.split('/')[0]
      const a = store.achievements.find((x) => x.achievement_no === no)
      return a ? { page: 'achievement', id: a.id } : null
    }
    // fake-contracts, fake-people: a contract's, person's and organization's id is its place + 1.
    case 'contract':
      return found('contract', store.contracts.findIndex((c) => c.contract_no === key))
    case 'person':
      return found('person', store.people.findIndex((p) => p.employee_id === key))
    case 'organization':
      return found('organization', [...new Set(store.contracts.map((c) => c.counterparty))].indexOf(key))
    case 'distribution': {
      const id = Number(key)
      return (await getDistribution(id).then(() => true).catch(() => false)) ? { page: 'distribution', id } : null
    }
    default:
      return null
  }
}

// Backups.

export async function listBackups(): Promise<BackupFile[]> {
  return structuredClone((await db()).backups)
}

const PAGES = 600

async function copyPages(job: string): Promise<void> {
  for (let done = 0; done < PAGES; done += 200) await step(job, { done, total: PAGES, step: 'pages' })
  await step(job, { done: PAGES, total: PAGES, step: 'pages' }, 50)
}

/** A new backup stamped on the fake day, a minute after the previous one taken here. */
function stamp(s: State, reason: Reason): BackupFile {
  s.clock += 1
  const at = `${TODAY}T10:${pad(s.clock % 60)}:00`
  const name = `transferdesk-${at.replace(/[-:]/g, '').replace('T', '-')}-${reason}.db`
  return { file: `${BACKUP_DIR}/${name}`, name, reason, taken_at: at, bytes: 2_461_696 }
}

export async function backupNow(job: string): Promise<BackupFile> {
  const s = await db()
  await copyPages(job)
  const taken = stamp(s, 'manual')
  s.backups.unshift(taken)
  return structuredClone(taken)
}

export async function checkBackup(file: string): Promise<BackupCheck> {
  const s = await db()
  if (file === FOREIGN_FILE || !file.endsWith('.db')) throw new ApiError('backup_foreign', `这不是 TransferDesk 的备份文件，未做任何替换：${file}`)
  if (!s.backups.some((b) => b.file === file)) throw new ApiError('db_missing', `数据文件不存在：${file}`)
  const report = await verifyStore()
  return { file, schema_version: SCHEMA_VERSION, audit_entries: report.audit_entries }
}

export async function restoreBackup(job: string, file: string): Promise<Restored> {
  const s = await db()
  const from = await checkBackup(file)
  await copyPages(job)
  const kept = stamp(s, 'before-restore')
  s.backups.unshift(kept)
  append(s.log, {
    at: kept.taken_at,
    actor: 'app:office',
    action: 'insert',
    entity: 'restore',
    entity_key: file.split('/').pop() ?? file,
    after: { from: file, schema_version: from.schema_version, kept: kept.name },
  })
  return { from, kept: structuredClone(kept) }
}

export function pickBackupFile(): Promise<string | null> {
  return Promise.resolve(FOREIGN_FILE)
}
