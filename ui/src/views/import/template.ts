// The standard templates' fields as the wizard shows them: key, Chinese header and whether every
// row needs it come from the core (TEMPLATE_COLUMNS, generated from core/src/template/column.rs);
// the kind of value a field holds, which decides the conversion offered first, is the wizard's own.
import { TEMPLATE_COLUMNS, type Conversion, type Table } from '../../api/types.gen'

export type ValueKind = 'text' | 'money' | 'date' | 'choice' | 'inventors'

export interface TemplateField {
  key: string
  header: string
  required: boolean
  value: ValueKind
}

// A key means the same in every template; a key not listed holds text.
const VALUES: Record<string, ValueKind> = {
  category: 'choice',
  leader_level: 'choice',
  ownership: 'choice',
  size: 'choice',
  kind: 'choice',
  status: 'choice',
  license_kind: 'choice',
  filed_on: 'date',
  granted_on: 'date',
  signed_on: 'date',
  received_on: 'date',
  incurred_on: 'date',
  amount: 'money',
  equity_units: 'money',
  inventors: 'inventors',
}

const fields = (table: Table): TemplateField[] => TEMPLATE_COLUMNS[table].map((c) => ({ ...c, value: VALUES[c.key] ?? 'text' }))

export const TEMPLATE: Record<Table, TemplateField[]> = {
  people: fields('people'),
  organizations: fields('organizations'),
  achievements: fields('achievements'),
  contracts: fields('contracts'),
  receipts: fields('receipts'),
  costs: fields('costs'),
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
