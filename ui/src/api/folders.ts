// The desktop app's file dialogs start in the folder last used for the same kind of file: the
// office imports from one folder, saves exports to another and keeps backups in a third, and the
// system's dialog left to itself opens in the home folder every time. Kept in this window's
// localStorage (like the language), per kind, as the folder's path; the browser's uploads and
// downloads never come here.

const STORAGE_KEY = 'transferdesk.lastFolders'

/** What a dialog is for: its mode and the extensions it offers ('open:xlsx,csv', 'save:pdf', 'folder'). */
export type FolderKind = string

/** The kind of a file dialog offering `extensions` (none: any file). */
export function fileKind(mode: 'open' | 'save', extensions: string[]): FolderKind {
  return `${mode}:${extensions.length ? [...extensions].sort().join(',') : '*'}`
}

function all(): Record<string, string> {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}')
    return saved && typeof saved === 'object' && !Array.isArray(saved) ? (saved as Record<string, string>) : {}
  } catch {
    // Anything unreadable there is as good as nothing remembered.
    return {}
  }
}

/** The folder last used for `kind`, or null. */
export function lastFolder(kind: FolderKind): string | null {
  const folder = all()[kind]
  return typeof folder === 'string' && folder !== '' ? folder : null
}

/** The folder a chosen file is in ('C:\\a\\b.xlsx' → 'C:\\a', '/home/a/b.xlsx' → '/home/a', '/b' → '/'). */
export function folderOf(path: string): string | null {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  if (cut < 0) return null
  // A root keeps its separator: '/' and 'C:\\' are folders, '' and 'C:' are not.
  const root = cut === 0 || (cut === 2 && path[1] === ':')
  return path.slice(0, root ? cut + 1 : cut)
}

/** `name` inside `folder`, with the folder's own separator. */
export function inFolder(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/'
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`
}

/** Remembers where a dialog of `kind` was answered: the chosen folder, or the chosen file's folder. */
export function remember(kind: FolderKind, chosen: string | null, isFolder = false): void {
  if (!chosen) return
  const folder = isFolder ? chosen : folderOf(chosen)
  if (!folder) return
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...all(), [kind]: folder }))
  } catch {
    // A full or disabled storage only costs the convenience.
  }
}

/** Where a dialog of `kind` starts: the last folder, with `name` in it for a save; else `name`. */
export function startPath(kind: FolderKind, name?: string): string | undefined {
  const folder = lastFolder(kind)
  if (!folder) return name || undefined
  return name ? inFolder(folder, name) : folder
}
