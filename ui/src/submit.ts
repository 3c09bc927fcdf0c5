import { h, ref } from 'vue'
import { ElMessageBox } from 'element-plus'
import { ApiError } from './api'
import { errorText, i18n } from './i18n'

/** What a form does when its save is refused because someone else changed the record meanwhile. */
export interface SubmitOptions {
  /** Loads the record as it is stored now (the form's own load; a dialog asks its page). */
  reload?: () => unknown
}

/**
 * One backend step from a dialog or button: busy while it runs, and on failure the backend's
 * sentence (and field problems) kept for display; nothing else changes. A save refused with
 * `edit_conflict` (someone else changed the record since the form was loaded) also opens the
 * conflict box, which offers `reload`.
 */
export function useSubmit(options: SubmitOptions = {}) {
  const busy = ref(false)
  const error = ref('')
  /** The failure's code ('' after success). */
  const code = ref('')
  const problems = ref<ApiError['details']>([])

  /** `{ value }` when the step succeeded, null when it failed. */
  async function run<T>(step: () => Promise<T>): Promise<{ value: T } | null> {
    busy.value = true
    clear()
    try {
      return { value: await step() }
    } catch (e) {
      const failure = ApiError.from(e)
      error.value = errorText(failure)
      code.value = failure.code
      problems.value = failure.details
      if (failure.code === EDIT_CONFLICT && options.reload) {
        const reload = options.reload
        void showConflict(failure).then(async (again) => {
          if (again) {
            clear()
            await reload()
          }
        })
      }
      return null
    } finally {
      busy.value = false
    }
  }

  function clear() {
    error.value = ''
    code.value = ''
    problems.value = []
  }

  /** The backend's problems with one form field (its `column`), as one line; '' when none. */
  function problemsOf(field: string): string {
    return problems.value
      .filter((p) => p.column === field)
      .map((p) => p.problem)
      .join(i18n.global.t('common.separator'))
  }

  /** Whether the last failure was a conflict the box already told (no other message needed). */
  const conflicted = () => code.value === EDIT_CONFLICT && !!options.reload

  return { busy, error, code, problems, run, clear, problemsOf, conflicted }
}

/** The code of a save refused because the record changed since its form was loaded. */
export const EDIT_CONFLICT = 'edit_conflict'

/**
 * The fields an `edit_conflict` names, for a person: in Chinese as the backend names them (the
 * audit log's names), in another language by the audit viewer's name of the field's key.
 */
export function conflictFields(failure: ApiError): string[] {
  const { t, te, locale } = i18n.global
  return failure.details.map((d) => {
    const key = `audit.fields.${d.column}`
    return locale.value !== 'zh-CN' && te(key) ? t(key) : d.value || d.column
  })
}

/**
 * Tells that someone else changed the record (the backend's sentence: who, when, which fields)
 * and offers 重新加载 / 取消; resolves true when the person chose to reload.
 */
export async function showConflict(failure: ApiError): Promise<boolean> {
  const { t, locale } = i18n.global
  // The backend's sentence is Chinese and names the fields already; another language lists them.
  const fields = locale.value === 'zh-CN' ? [] : conflictFields(failure)
  const message = h('div', { 'data-testid': 'conflict-message' }, [
    h('p', failure.message),
    fields.length ? h('p', { 'data-testid': 'conflict-fields' }, t('conflict.fields', { fields: fields.join(t('conflict.separator')) })) : null,
    h('p', { class: 'conflict-hint', style: 'margin-top: 8px; font-size: 12px; color: var(--el-text-color-secondary)' }, t('conflict.hint')),
  ])
  return ElMessageBox.confirm(message, t('conflict.title'), {
    type: 'warning',
    confirmButtonText: t('conflict.reload'),
    cancelButtonText: t('common.cancel'),
    confirmButtonClass: 'conflict-reload',
    cancelButtonClass: 'conflict-cancel',
  }).then(
    () => true,
    () => false,
  )
}
