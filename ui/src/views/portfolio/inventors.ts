// The inventor list as a form edits it: a person (with the label the picker showed), the share
// as typed and the key-contributor mark. Shares become basis points digit by digit
// (format.ts), so that "33.33" is 3333 bp; the 100% rule itself is the backend's.
import type { Inventor, InventorLine } from '../../api'
import { parsePercent, percentText } from '../../format'

export type InventorRow = { employee_id: string; label: string; share: string; key_contributor: boolean }

/** `王五（T0003）`: how a picked person reads in the list. */
export const personLabel = (p: { name: string; employee_id: string }) => `${p.name}（${p.employee_id}）`

/** Rows for saved inventors; names come from the lines a detail page already has. */
export function toRows(inventors: readonly Inventor[], known: readonly Pick<InventorLine, 'employee_id' | 'name'>[] = []): InventorRow[] {
  return inventors.map((i) => {
    const line = known.find((k) => k.employee_id === i.employee_id)
    return {
      employee_id: i.employee_id,
      label: line ? personLabel(line) : i.employee_id,
      share: percentText(i.share_bp),
      key_contributor: i.key_contributor,
    }
  })
}

/** The list to send: rows without a person are left out; a share that is not a percentage is sent as 0 (refused with its field). */
export function fromRows(rows: readonly InventorRow[]): Inventor[] {
  return rows
    .filter((r) => r.employee_id)
    .map((r) => ({ employee_id: r.employee_id, share_bp: parsePercent(r.share) ?? 0, key_contributor: r.key_contributor }))
}

/** Σ of the shares typed so far in bp; null while one is not a percentage. */
export function shareSum(rows: readonly InventorRow[]): number | null {
  let sum = 0
  for (const r of rows) {
    const bp = parsePercent(r.share)
    if (bp === null) return null
    sum += bp
  }
  return sum
}
