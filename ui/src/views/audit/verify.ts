import { ref } from 'vue'
import { verifyStore, type VerifyReport } from '../../api'
import { useSubmit } from '../../submit'

/** 校验数据 (the audit viewer's and the backup tab's button): the last report, or the failure. */
export function useVerify() {
  const submit = useSubmit()
  const report = ref<VerifyReport | null>(null)
  async function run() {
    report.value = null
    const done = await submit.run(verifyStore)
    if (done) report.value = done.value
  }
  return { run, report, busy: submit.busy, error: submit.error }
}
