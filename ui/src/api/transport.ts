// The one seam between the screens and the backend. A screen calls the generated wrappers
// (commands.gen.ts), which call `call(name, args)`; the transport behind it is Tauri's IPC in the
// desktop app and HTTP in a browser (the office server). Files follow the same split: in the
// app a choice is a path from the system's dialog, in a browser an upload (and an export a
// download). The screens never know which.
import type { Progress } from './types.gen'
import { ApiError } from './error'
import { tauriTransport } from './transport-tauri'
import { httpTransport } from './transport-http'

/** What a file chooser offers. */
export interface FileFilter {
  name: string
  extensions: string[]
}

/** A file (or, in the app, a folder) chosen for a command that reads several: in the app its
 * path; in a browser an upload's handle, the file's own name and the folders above it inside a
 * chosen folder. */
export interface ChosenFile {
  file: string
  name: string
  folders: string[]
}

export interface Transport {
  /** Runs a command of the table; rejects with an ApiError. */
  call<T>(command: string, args?: Record<string, unknown>): Promise<T>
  /** Hears the steps of job `job` until the returned function is called. */
  listenJob(job: string, onProgress: (p: Progress) => void): Promise<() => void>
  /** One file to read; null when the person cancels. */
  pickFile(filters: FileFilter[]): Promise<string | null>
  /** Several files to read (a folder's every file with `folder`); empty when cancelled. */
  pickFiles(filters: FileFilter[], folder: boolean): Promise<ChosenFile[]>
  /** Hears files dropped on `target` (each one's handle: a path, or an upload) until the returned
   * function is called. */
  listenDrop(target: HTMLElement, onFiles: (files: string[]) => void): Promise<() => void>
  /** Where to write one file (the suggested name); null when cancelled. */
  pickSave(defaultName: string, filters: FileFilter[]): Promise<string | null>
  /** Where to write an export of several files; null when cancelled. */
  pickFolder(defaultName: string): Promise<string | null>
}

/** Inside the desktop app's window Tauri injects its IPC; anywhere else we are in a browser. */
export const inApp = typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window

export const transport: Transport = inApp ? tauriTransport : httpTransport

/** Calls command `command` of the table (the generated wrappers go through here). */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await transport.call<T>(command, args)
  } catch (error) {
    throw ApiError.from(error)
  }
}
