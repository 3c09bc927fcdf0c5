// The desktop app's transport: Tauri's invoke for commands, its events for job progress, the
// system's dialogs for files (their paths go to the commands as they are), each starting in the
// folder last used for its kind of file (./folders).
import { invoke } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import { getCurrentWebview } from '@tauri-apps/api/webview'
import { open, save } from '@tauri-apps/plugin-dialog'
import { ApiError } from './error'
import { fileKind, remember, startPath } from './folders'
import type { Progress } from './types.gen'
import type { ChosenFile, FileFilter, Transport } from './transport'

async function dialog<T>(show: () => Promise<T>): Promise<T> {
  try {
    return await show()
  } catch (error) {
    throw ApiError.from(error)
  }
}

export const tauriTransport: Transport = {
  // A name outside the table is refused by Tauri's permission check before it reaches the
  // backend; every other mistake gets the same `{code, message, details}` as over HTTP.
  call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
    return invoke<T>(command, args ?? {})
  },
  async listenJob(job: string, onProgress: (p: Progress) => void) {
    return listen<{ id: string; progress: Progress }>('job', (event) => {
      if (event.payload.id === job) onProgress(event.payload.progress)
    })
  },
  async pickFile(filters: FileFilter[]) {
    const kind = fileKind('open', filters.flatMap((f) => f.extensions))
    const chosen = await dialog(() => open({ multiple: false, directory: false, filters, defaultPath: startPath(kind) }))
    remember(kind, chosen)
    return chosen
  },
  // A path is all the backend needs: it reads a folder itself, never following a link out of it.
  async pickFiles(filters: FileFilter[], folder: boolean): Promise<ChosenFile[]> {
    const kind = folder ? 'folder' : fileKind('open', filters.flatMap((f) => f.extensions))
    const chosen = folder
      ? await dialog(() => open({ multiple: false, directory: true, defaultPath: startPath(kind) }))
      : await dialog(() => open({ multiple: true, directory: false, filters, defaultPath: startPath(kind) }))
    const paths = chosen === null ? [] : Array.isArray(chosen) ? chosen : [chosen]
    remember(kind, paths[0] ?? null, folder)
    return paths.map((file) => ({ file, name: '', folders: [] }))
  },
  // The webview takes drops itself and hands over the paths (folders included): the page is not
  // told which element they fell on, so any drop while the screen listens counts.
  async listenDrop(_target: HTMLElement, onFiles: (files: string[]) => void) {
    return getCurrentWebview().onDragDropEvent((event) => {
      if (event.payload.type === 'drop' && event.payload.paths.length) onFiles(event.payload.paths)
    })
  },
  async pickSave(defaultName: string, filters: FileFilter[]) {
    const kind = fileKind('save', filters.flatMap((f) => f.extensions))
    const chosen = await dialog(() => save({ defaultPath: startPath(kind, defaultName), filters }))
    remember(kind, chosen)
    return chosen
  },
  async pickFolder() {
    const chosen = await dialog(() => open({ multiple: false, directory: true, defaultPath: startPath('folder') }))
    remember('folder', chosen, true)
    return chosen
  },
}
