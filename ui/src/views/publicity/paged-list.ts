// A paged list inside a tab: the route's query names the tab, so the search box and the page are
// the tab's own state (two tabs sharing `?page=` would page each other). Loads again whenever they
// change, debounces the search box, and ignores answers that arrive out of order — as route-list.ts
// does for the lists that own their route.
import { onBeforeUnmount, reactive, ref, watch, type Ref } from 'vue'
import { errorText } from '../../i18n'

export const PAGE_SIZES = [20, 50, 100]

/** What every paged deal list takes; each caller adds its own filters. */
export interface PageAsk {
  page: number
  page_size: number
  search: string | null
}

export function usePagedList<R>(askPage: (ask: PageAsk) => Promise<{ total: number; rows: R[] }>) {
  const ask = reactive<PageAsk>({ page: 1, page_size: PAGE_SIZES[0]!, search: null })
  const rows = ref([]) as Ref<R[]>
  const total = ref(0)
  const loading = ref(false)
  const error = ref('')

  let latest = 0
  async function load() {
    const ticket = ++latest
    loading.value = true
    try {
      const page = await askPage({ ...ask })
      if (ticket === latest) [rows.value, total.value, error.value] = [page.rows, page.total, '']
    } catch (e) {
      if (ticket === latest) error.value = errorText(e)
    } finally {
      if (ticket === latest) loading.value = false
    }
  }
  watch(() => [ask.page, ask.page_size, ask.search], load, { immediate: true })

  const search = ref('')
  let debounce: ReturnType<typeof setTimeout> | undefined
  watch(search, (value) => {
    clearTimeout(debounce)
    debounce = setTimeout(() => Object.assign(ask, { search: value.trim() || null, page: 1 }), 300)
  })
  onBeforeUnmount(() => clearTimeout(debounce))

  const setPage = (page: number) => (ask.page = page)
  const setPageSize = (page_size: number) => Object.assign(ask, { page_size, page: 1 })

  return { ask, rows, total, loading, error, load, search, setPage, setPageSize }
}
