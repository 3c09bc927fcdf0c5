import { computed, ref } from 'vue'
import { cancelJob, runJob, type Progress } from './api'
import { useSubmit } from './submit'

/**
 * A long backend job started from a screen: busy while it runs, its latest step for the
 * progress bar (<JobProgress>), and a cancel that makes the backend roll back.
 */
export function useJob() {
  const submit = useSubmit()
  const progress = ref<Progress | null>(null)
  const current = ref<string | null>(null)
  const cancelling = ref(false)
  const percent = computed(() => (progress.value && progress.value.total > 0 ? Math.round((100 * progress.value.done) / progress.value.total) : 0))

  /** `{ value }` when the job finished, null when it failed or was cancelled (see `cancelled`). */
  async function run<T>(start: (job: string) => Promise<T>): Promise<{ value: T } | null> {
    progress.value = null
    cancelling.value = false
    try {
      return await submit.run(() =>
        runJob((job) => {
          current.value = job
          return start(job)
        }, (p) => (progress.value = p)),
      )
    } finally {
      current.value = null
      progress.value = null
    }
  }

  async function cancel() {
    if (!current.value) return
    cancelling.value = true
    await cancelJob(current.value).catch(() => false)
  }

  return { run, cancel, progress, percent, cancelling, busy: submit.busy, error: submit.error, problems: submit.problems }
}
