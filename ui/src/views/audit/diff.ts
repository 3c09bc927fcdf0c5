// The drawer's field-by-field comparison of an audit entry's before and after (JSON text as the
// backend logged it). Values are compared as their JSON, so 0 and "0" or null and a missing field
// count as different only when the logged text differs.
import { formatBp, formatFen } from '../../format'

export interface FieldDiff {
  field: string
  before: string | null
  after: string | null
  changed: boolean
}

type Json = unknown

function parse(text: string | null): Json | undefined {
  if (text === null) return undefined
  try {
    return JSON.parse(text) as Json
  } catch {
    // A row altered behind the app's back may not even be JSON any more: show it as it is.
    return text
  }
}

const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The drawer's words for a flag or a coded text value of a field; undefined keeps it as logged. */
export type Words = (field: string, value: string | boolean) => string | undefined

/**
 * A value as the drawer shows it: money fields (`…_fen`) in yuan, ratios (`…_bp`) in percent, a
 * flag or a code in words, other text as is, the rest as JSON.
 */
export function show(field: string, value: Json, words: Words = () => undefined): string | null {
  if (value === undefined) return null
  if (value === null) return '—'
  if (typeof value === 'boolean') return words(field, value) ?? String(value)
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (field.endsWith('_fen')) return formatFen(value)
    if (field.endsWith('_bp')) return formatBp(value)
  }
  if (typeof value === 'string') return words(field, value) ?? value
  return JSON.stringify(value)
}

/**
 * The fields of `before` and `after` in the order they were logged (after's, then fields only
 * before had). A value that is not an object (a holiday list, text) is one field named ''.
 */
export function diffFields(beforeText: string | null, afterText: string | null, words?: Words): FieldDiff[] {
  const before = parse(beforeText)
  const after = parse(afterText)
  const asFields = (v: Json | undefined): Record<string, Json> | undefined => (v === undefined ? undefined : isRecord(v) ? v : { '': v })
  const b = asFields(before)
  const a = asFields(after)
  const fields = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])]
  return fields.map((field) => {
    const bv = b === undefined ? undefined : field in b ? b[field] : undefined
    const av = a === undefined ? undefined : field in a ? a[field] : undefined
    // An insert or a delete has one side only: nothing is "changed", it is all new or all gone.
    const changed = b !== undefined && a !== undefined && JSON.stringify(bv) !== JSON.stringify(av)
    return { field, before: show(field, bv, words), after: show(field, av, words), changed }
  })
}
