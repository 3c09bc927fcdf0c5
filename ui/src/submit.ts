import { ref } from 'vue'
import { ApiError } from './api'
import { errorText, i18n } from './i18n'

/**
 * One backend step from a dialog or button: busy while it runs, and on failure the backend's
 * sentence (and field problems) kept for display; nothing else changes.
 */
export function useSubmit() {
  const busy = ref(false)
  const error = ref('')
  const problems = ref<ApiError['details']>([])

  /** `{ value }` when the step succeeded, null when it failed. */
  async function run<T>(step: () => Promise<T>): Promise<{ value: T } | null> {
    busy.value = true
    error.value = ''
    problems.value = []
    try {
      return { value: await step() }
    } catch (e) {
      const failure = ApiError.from(e)
      error.value = errorText(failure)
      problems.value = failure.details
      return null
    } finally {
      busy.value = false
    }
  }

  function clear() {
    error.value = ''
    problems.value = []
  }

  /** The backend's problems with one form field (its `column`), as one line; '' when none. */
  function problemsOf(field: string): string {
    return problems.value
      .filter((p) => p.column === field)
      .map((p) => p.problem)
      .join(i18n.global.t('common.separator'))
  }

  return { busy, error, problems, run, clear, problemsOf }
}
