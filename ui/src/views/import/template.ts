// The standard templates' fields (spec/import-template.md, core/src/template.rs) as the wizard
// shows them: key, Chinese header, whether every row needs it, and what kind of value it holds
// (which decides the conversion offered first).
import type { Conversion, Table } from '../../api'

export type ValueKind = 'text' | 'money' | 'date' | 'choice' | 'inventors'

export interface TemplateField {
  key: string
  header: string
  required: boolean
  value: ValueKind
}

const f = (key: string, header: string, required: boolean, value: ValueKind = 'text'): TemplateField => ({ key, header, required, value })

export const TEMPLATE: Record<Table, TemplateField[]> = {
  people: [
    f('employee_id', '工号', true),
    f('name', '姓名', true),
    f('department', '所在单位', true),
    f('category', '人员类别', false, 'choice'),
    f('leader_level', '领导职务', false, 'choice'),
    f('id_number', '身份证号', false),
  ],
  organizations: [
    f('name', '单位名称', true),
    f('credit_code', '统一社会信用代码', false),
    f('ownership', '单位性质', true, 'choice'),
    f('size', '企业规模', false, 'choice'),
    f('region', '所在地区', true),
  ],
  achievements: [
    f('achievement_no', '成果编号', true),
    f('title', '成果名称', true),
    f('kind', '成果类型', true, 'choice'),
    f('application_no', '申请号', false),
    f('filed_on', '申请日', false, 'date'),
    f('grant_no', '授权号', false),
    f('granted_on', '授权日', false, 'date'),
    f('status', '法律状态', true, 'choice'),
    f('department', '所属单位', true),
    f('fiscal_project', '财政资助项目', false),
    f('fees_paid_through', '年费已缴至', false),
    f('inventors', '完成人', true, 'inventors'),
  ],
  contracts: [
    f('contract_no', '合同编号', true),
    f('title', '合同名称', true),
    f('kind', '转化方式', true, 'choice'),
    f('license_kind', '许可类型', false, 'choice'),
    f('counterparty', '合作单位', true),
    f('amount', '合同金额', true, 'money'),
    f('signed_on', '签订日期', true, 'date'),
    f('achievements', '涉及成果', false),
    f('registration_no', '技术合同登记号', false),
    f('equity_units', '获得股权', false, 'money'),
  ],
  receipts: [
    f('contract_no', '合同编号', true),
    f('received_on', '到账日期', true, 'date'),
    f('amount', '到账金额', true, 'money'),
    f('voucher_no', '凭证号', false),
  ],
  costs: [
    f('contract_no', '合同编号', true),
    f('incurred_on', '发生日期', true, 'date'),
    f('category', '费用类别', true, 'choice'),
    f('amount', '金额', true, 'money'),
    f('note', '说明', false),
  ],
}

/** The conversions that make sense for a kind of value, the first being the default. */
export function conversionsFor(value: ValueKind): Conversion[] {
  switch (value) {
    case 'money':
      return ['yuan', 'wan_yuan', 'none']
    case 'date':
      return ['date', 'none']
    case 'choice':
      return ['choice', 'none']
    case 'inventors':
      return ['names', 'none']
    default:
      return ['none']
  }
}
