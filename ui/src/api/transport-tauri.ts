// The desktop app's transport: Tauri's invoke for commands, its events for job progress, the
// system's dialogs for files (their paths go to the commands as they are).
import { invoke } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import { open, save } from '@tauri-apps/plugin-dialog'
import { ApiError } from './error'
import type { Progress } from './types.gen'
import type { FileFilter, Transport } from './transport'

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
  pickFile(filters: FileFilter[]) {
    return dialog(() => open({ multiple: false, directory: false, filters }))
  },
  pickSave(defaultName: string, filters: FileFilter[]) {
    return dialog(() => save({ defaultPath: defaultName, filters }))
  },
  pickFolder() {
    return dialog(() => open({ multiple: false, directory: true }))
  },
}
