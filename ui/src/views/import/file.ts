// The file field of the import screens. In the desktop app it holds a path, typed or chosen in
// the system's dialog; in a browser it holds the handle of an upload (`uploads/<id>/<name>`),
// which the person never types: the field shows the chosen file's name, read-only.
import { inApp } from '../../api'

/** What the file field shows for `path`. */
export function shownFile(path: string): string {
  return inApp ? path : path.slice(path.lastIndexOf('/') + 1)
}
