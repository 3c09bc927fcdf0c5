// The report records kept as plain lists (platforms, outside-work periods, projects): load the
// list, add or edit one in a dialog with its version, delete one after confirmation. One
// composable, so that each tab only says what its record is and how its form reads.
import { ref, toRaw, type Ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { errorText, i18n } from '../../i18n'
import { useSubmit } from '../../submit'

type Versioned = { id: number; version: number }

export function useRecordList<R extends Versioned, F extends { id: number }>(o: {
  list: () => Promise<R[]>
  create: (record: R) => Promise<unknown>
  update: (record: R) => Promise<unknown>
  remove: (id: number, version: number) => Promise<unknown>
  /** The form of a new record. */
  blank: () => F
  /** The form of a stored record. */
  toForm: (record: R) => F
  /** The record a form sends. */
  fromForm: (form: F) => R
  /** How the delete confirmation names a record. */
  label: (record: R) => string
}) {
  const t = i18n.global.t
  const rows = ref([]) as Ref<R[]>
  const loading = ref(false)
  const error = ref('')
  async function load() {
    loading.value = true
    try {
      rows.value = await o.list()
      error.value = ''
    } catch (e) {
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  const open = ref(false)
  const form = ref(o.blank()) as Ref<F>
  // A conflict's reload closes the dialog on the list as stored now.
  const submit = useSubmit({
    reload: () => {
      open.value = false
      return load()
    },
  })
  function edit(record: R | null) {
    // The row is a reactive proxy, which structuredClone (a form's copy) cannot clone.
    form.value = record ? o.toForm(toRaw(record)) : o.blank()
    submit.clear()
    open.value = true
  }
  async function save() {
    const sent = o.fromForm(form.value)
    const done = await submit.run(() => (form.value.id ? o.update(sent) : o.create(sent)))
    if (done) {
      open.value = false
      ElMessage.success(t('records.saved'))
      await load()
    }
  }

  const removing = useSubmit()
  async function remove(record: R) {
    const sure = await ElMessageBox.confirm(t('records.deleteConfirm', { name: o.label(record) }), t('common.remove'), {
      type: 'warning',
      confirmButtonText: t('common.remove'),
      cancelButtonText: t('common.cancel'),
    }).then(
      () => true,
      () => false,
    )
    if (!sure) return
    if (await removing.run(() => o.remove(record.id, record.version))) await load()
    else ElMessage.error(removing.error.value)
  }

  return { rows, loading, error, load, open, form, submit, edit, save, remove }
}
