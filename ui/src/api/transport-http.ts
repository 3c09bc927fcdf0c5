// The browser's transport (the office server): `POST /api/<name>` with the arguments as JSON,
// job progress as Server-Sent Events, a chosen file uploaded first (the command gets its
// handle), and a file a command wrote fetched as a download. Same origin only.
import { ApiError } from './error'
import type { Progress } from './types.gen'
import type { ChosenFile, FileFilter, Transport } from './transport'

/** The header in which the server names the downloads a command produced. */
const DOWNLOAD_HEADER = 'x-transferdesk-download'

/** The session's CSRF token, from the readable cookie the server set at sign-in. */
function csrf(): string {
  const pair = document.cookie.split(';').map((c) => c.trim().split('=')).find(([k]) => k === 'td_csrf')
  return pair?.[1] ?? ''
}

/** Every state-changing request names the session's CSRF token. */
function headers(extra: Record<string, string>): Record<string, string> {
  return { ...extra, 'x-csrf-token': csrf() }
}

/** The event the app hears when the server says nobody is signed in (the session ended). */
export const SIGNED_OUT = 'transferdesk-signed-out'

async function failure(response: Response): Promise<ApiError> {
  if (response.status === 401) window.dispatchEvent(new Event(SIGNED_OUT))
  const body: unknown = await response.json().catch(() => null)
  if (body && typeof body === 'object' && 'code' in body) return ApiError.from(body)
  return new ApiError('http', `服务器返回 ${response.status} ${response.statusText}`)
}

/** Saves what the server prepared under `token` the way a browser saves any download. */
function download(token: string) {
  const link = document.createElement('a')
  link.href = `/api/download/${encodeURIComponent(token)}`
  link.download = ''
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
}

/** Opens the browser's file chooser; resolves with the file, or null when the person cancels. */
async function chooseFile(filters: FileFilter[]): Promise<File | null> {
  return (await chooseFiles(filters, false, false))[0] ?? null
}

/** The browser's chooser for several files, or for a folder (every file in it); empty when the
 * person cancels. */
function chooseFiles(filters: FileFilter[], multiple: boolean, folder: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',')
    input.multiple = multiple
    input.webkitdirectory = folder
    input.style.display = 'none'
    input.addEventListener('change', () => {
      resolve([...(input.files ?? [])])
      input.remove()
    })
    input.addEventListener('cancel', () => {
      resolve([])
      input.remove()
    })
    document.body.appendChild(input)
    input.click()
  })
}

async function upload(file: File): Promise<string> {
  const response = await fetch('/api/upload', {
    method: 'POST',
    headers: headers({ 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) }),
    body: file,
    credentials: 'same-origin',
  })
  if (!response.ok) throw await failure(response)
  const { file: handle } = (await response.json()) as { file: string }
  return handle
}

export const httpTransport: Transport = {
  async call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
    const response = await fetch(`/api/${encodeURIComponent(command)}`, {
      method: 'POST',
      headers: headers({ 'content-type': 'application/json' }),
      body: JSON.stringify(args ?? {}),
      credentials: 'same-origin',
    })
    if (!response.ok) throw await failure(response)
    const tokens = response.headers.get(DOWNLOAD_HEADER)
    if (tokens) tokens.split(',').forEach(download)
    return (await response.json()) as T
  },
  async listenJob(job: string, onProgress: (p: Progress) => void) {
    const source = new EventSource(`/api/jobs/${encodeURIComponent(job)}`)
    source.addEventListener('progress', (event) => onProgress(JSON.parse((event as MessageEvent<string>).data) as Progress))
    source.addEventListener('end', () => source.close())
    // The stream is open before the command starts, so no step is missed.
    await new Promise<void>((resolve) => {
      source.addEventListener('open', () => resolve(), { once: true })
      source.addEventListener('error', () => resolve(), { once: true })
    })
    return () => source.close()
  },
  async pickFile(filters: FileFilter[]) {
    const file = await chooseFile(filters)
    return file ? upload(file) : null
  },
  // Each file is uploaded; the folders of its path inside a chosen folder go along as text (the
  // server keeps an upload under its own name only), so that a folder's name can match it.
  async pickFiles(filters: FileFilter[], folder: boolean): Promise<ChosenFile[]> {
    const files = await chooseFiles(filters, true, folder)
    const chosen: ChosenFile[] = []
    for (const file of files) {
      const folders = (file.webkitRelativePath || file.name).split('/').slice(0, -1)
      chosen.push({ file: await upload(file), name: file.name, folders })
    }
    return chosen
  },
  async listenDrop(target: HTMLElement, onFiles: (files: string[]) => void) {
    const over = (event: DragEvent) => event.preventDefault()
    const drop = (event: DragEvent) => {
      event.preventDefault()
      const files = Array.from(event.dataTransfer?.files ?? [])
      if (files.length) void Promise.all(files.map(upload)).then(onFiles)
    }
    target.addEventListener('dragover', over)
    target.addEventListener('drop', drop)
    return () => {
      target.removeEventListener('dragover', over)
      target.removeEventListener('drop', drop)
    }
  },
  // A browser asks where to save when the download arrives; the name is what it suggests.
  async pickSave(defaultName: string) {
    return defaultName
  },
  async pickFolder(defaultName: string) {
    return defaultName
  },
}

// Signing in and out of the office server (the desktop app has no sessions).

async function auth(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`/auth/${path}`, {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  })
  if (!response.ok) {
    const error = await failure(response)
    throw error
  }
  return response.status === 204 ? null : response.json()
}

/** Signs in with a password; rejects with `sign_in_refused` or `sign_in_locked`. */
export async function signIn(login: string, password: string): Promise<void> {
  await auth('login', { login, password })
}

/** Ends this session, or every session of the account. */
export async function signOut(everywhere: boolean): Promise<void> {
  await auth(everywhere ? 'logout-everywhere' : 'logout')
}

/** A sign-on the server offers: its button's text and where it starts. */
export interface SignOnOffer {
  label: string
  start: string
}

/** What `GET /api/sign-on` answers (no session needed): the university's sign-ons the server's
 * configuration names, and why the last one was refused, once. */
export interface SignOnInfo {
  oidc: SignOnOffer | null
  cas: SignOnOffer | null
  refusal: { code: string; message: string } | null
}

/** The sign-ons offered; null from a server that answers none (an older one). */
export async function signOnInfo(): Promise<SignOnInfo | null> {
  const response = await fetch('/api/sign-on', { credentials: 'same-origin' })
  return response.ok ? ((await response.json()) as SignOnInfo) : null
}

/** Changes one's own password; the other sessions end, this one goes on. */
export async function changePassword(old: string, next: string): Promise<void> {
  await auth('password', { old, new: next })
}
