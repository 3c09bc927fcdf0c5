// Date display. The backend decides every date that counts (publicity end, deadlines); these
// only name the day after and the weekday of dates it sent.

const utc = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}

/** `2026-10-26` → `2026-10-27`. */
export const nextDay = (iso: string): string => new Date(utc(iso).getTime() + 86_400_000).toISOString().slice(0, 10)

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (iso: string): number => utc(iso).getUTCDay()

/** The file name part of a path, for either separator. */
export const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path
