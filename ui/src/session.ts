// Who is using the screens, and what they may do. In the desktop app that is the one person at
// the desk, who may do everything; in a browser it is the account signed in to the office
// server, whose role decides which commands of the table it may call. The screens hide what the
// account cannot use; the server refuses it anyway.
import { reactive } from 'vue'
import { ApiError, inApp, whoami, type Account, type Me } from './api'
import { SIGNED_OUT } from './api/transport-http'

export const session = reactive({
  /** Whether the first answer came (the screens wait for it). */
  ready: false,
  /** In a browser: whether an account is signed in. Always true in the desktop app. */
  signedIn: inApp,
  /** The account (none in the desktop app). */
  account: null as Account | null,
  /** The commands this caller may call. */
  commands: new Set<string>(),
  /** At the desk: who of the office said they are working (null: the computer account stands in). */
  operator: null as string | null,
  /** The name the audit log gives this caller's changes. */
  stampedAs: '',
})

/** Takes who the backend says is calling. */
export function applyMe(me: Me): void {
  session.account = me.account
  session.commands = new Set(me.commands)
  session.operator = me.operator
  session.stampedAs = me.stamped_as
}

/** Asks the backend who is calling; not signed in is an answer, not an error. */
export async function loadSession(): Promise<void> {
  try {
    applyMe(await whoami())
    session.signedIn = true
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'not_signed_in') throw error
    session.account = null
    session.commands = new Set()
    session.signedIn = false
  } finally {
    session.ready = true
  }
}

/** Whether the caller may call `command` (any of them, when several are given). */
export function can(...commands: string[]): boolean {
  return commands.some((c) => session.commands.has(c))
}

// The server ended the session (idle, signed out elsewhere, disabled): back to the sign-in page.
if (typeof window !== 'undefined') {
  window.addEventListener(SIGNED_OUT, () => {
    session.signedIn = inApp
    session.account = null
    session.commands = new Set()
  })
}
