// The screens' one entry to the backend: the command table's typed wrappers (generated from the
// Rust declarations), the file choosers, long jobs, and today's date as the backend sees it.
// Which transport carries a call — the desktop app's IPC or the office server's HTTP — is decided
// in ./transport, never here or in a screen.
import { ApiError } from './error'
import { transport, inApp, type ChosenFile } from './transport'
import { cancelJob, today as backendToday } from './commands.gen'
import type { Progress } from './types.gen'

export { ApiError, inApp }
export type { ChosenFile }
export * from './commands.gen'
export type * from './types.gen'

/** The kinds of record a file can be attached to (core's attachment::ENTITIES). */
export type AttachmentEntity = 'achievement' | 'disclosure' | 'valuation' | 'publicity' | 'resolution' | 'contract' | 'grant' | 'fee_decision'

// Choosing files: a path from the system's dialog in the app, an upload in a browser.

/** One workbook to import; null when cancelled. */
export function pickImportFile(): Promise<string | null> {
  return transport.pickFile([{ name: 'Excel / CSV', extensions: ['xlsx', 'csv'] }])
}

const SAVE_FILTERS = { xlsx: { name: 'Excel', extensions: ['xlsx'] }, pdf: { name: 'PDF', extensions: ['pdf'] } }

/** Where to write an export (a download in a browser); null when cancelled. */
export function pickSavePath(defaultName: string, extension: 'xlsx' | 'pdf'): Promise<string | null> {
  return transport.pickSave(defaultName, [SAVE_FILTERS[extension]])
}

/** The minutes (会议纪要) of a collective decision; null when cancelled. */
export function pickMinutesFile(): Promise<string | null> {
  return transport.pickFile([{ name: 'PDF / Word / JPG / PNG', extensions: ['pdf', 'doc', 'docx', 'jpg', 'png'] }])
}

/** A folder for an export that writes several files (one ZIP download in a browser); null when cancelled. */
export function pickFolder(defaultName = 'TransferDesk'): Promise<string | null> {
  return transport.pickFolder(defaultName)
}

/** A file to attach (any type); null when cancelled. */
export function pickAttachment(): Promise<string | null> {
  return transport.pickFile([])
}

/** Files, ZIPs or (`folder`) a folder for bulk files (批量附件); empty when cancelled. */
export function pickBulkFiles(folder: boolean): Promise<ChosenFile[]> {
  return transport.pickFiles([], folder)
}

/** Files to attach to a disclosure or an objection (any type); empty when cancelled. */
export function pickFilesToAttach(): Promise<ChosenFile[]> {
  return transport.pickFiles([], false)
}

/** CNIPA's notices: PDFs or ZIPs of them, or (`folder`) a folder; empty when cancelled. */
export function pickNoticeFiles(folder: boolean): Promise<string[]> {
  return transport.pickFiles([{ name: 'PDF / ZIP', extensions: ['pdf', 'zip'] }], folder).then((chosen) => chosen.map((c) => c.file))
}

/** Hears files dropped on `target` until the returned function is called. */
export function listenDrop(target: HTMLElement, onFiles: (files: string[]) => void): Promise<() => void> {
  return transport.listenDrop(target, onFiles)
}

/** A backup to restore; null when cancelled. */
export function pickBackupFile(): Promise<string | null> {
  return transport.pickFile([{ name: 'TransferDesk', extensions: ['db', 'sqlite'] }])
}

// Long jobs (import, report export, backup, restore): the command runs under an id chosen here,
// its steps arrive through the transport, and cancelJob stops it with nothing half-written.

/** Runs `start` under a fresh job id, telling `onProgress` each step until it ends. The id is
 * random: on the office server nobody else can guess it to watch or cancel the job. */
export async function runJob<T>(start: (job: string) => Promise<T>, onProgress: (p: Progress) => void): Promise<T> {
  const job = `job-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`
  const stop = await transport.listenJob(job, onProgress)
  try {
    return await start(job)
  } finally {
    stop()
  }
}

export { cancelJob }

// Today: the backend's day (the rules and the audit log use it), read once at start.

let todayCache: string | null = null

/** Asks the backend for today's date; main.ts awaits it before the first screen. */
export async function loadToday(): Promise<void> {
  todayCache = await backendToday()
}

/** Today as the backend sees it, `YYYY-MM-DD` (the browser's day until loadToday resolved). */
export function today(): string {
  if (todayCache) return todayCache
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}
