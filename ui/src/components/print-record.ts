import { ref, watch, type Ref } from 'vue'
import { errorText } from '../i18n'

/** The record a print view shows, loaded by id (again when the id changes), or why it could not be. */
export function usePrintRecord<T>(id: () => number, load: (id: number) => Promise<T>): { record: Ref<T | null>; error: Ref<string> } {
  const record = ref(null) as Ref<T | null>
  const error = ref('')
  watch(
    id,
    async (value) => {
      try {
        record.value = await load(value)
      } catch (e) {
        error.value = errorText(e)
      }
    },
    { immediate: true },
  )
  return { record, error }
}
