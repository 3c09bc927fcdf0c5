// A list screen whose filters live in the route's query string (so that Back and a reload keep
// them): loads the page whenever they change, ignores answers that arrive out of order, and
// debounces the search box into the route.
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import { errorText } from './i18n'

interface Paged {
  page: number
  search?: string | null
}

export function useRouteList<Q extends Paged, P>(options: {
  /** The route this list is shown on: leaving it empties route.query, which must not load. */
  routeName: string
  fromRoute: (query: LocationQuery) => Q
  toRoute: (query: Q) => LocationQueryRaw
  fetch: (query: Q) => Promise<P>
  empty: P
}) {
  const route = useRoute()
  const router = useRouter()
  const query = computed(() => options.fromRoute(route.query))
  const result = ref(options.empty) as Ref<P>
  const loading = ref(false)
  const error = ref('')

  /** A new filter or order starts again at page 1; paging passes its own page. */
  function update(change: Partial<Q>) {
    router.replace({ query: options.toRoute({ ...query.value, page: 1, ...change }) })
  }

  let latest = 0
  async function load() {
    const ticket = ++latest
    loading.value = true
    try {
      const page = await options.fetch(query.value)
      if (ticket === latest) [result.value, error.value] = [page, '']
    } catch (e) {
      if (ticket === latest) error.value = errorText(e)
    } finally {
      if (ticket === latest) loading.value = false
    }
  }
  watch(
    () => route.name === options.routeName && JSON.stringify(query.value),
    (key) => key && load(),
    { immediate: true },
  )

  const search = ref(query.value.search ?? '')
  let debounce: ReturnType<typeof setTimeout> | undefined
  watch(search, (value) => {
    clearTimeout(debounce)
    debounce = setTimeout(() => update({ search: value.trim() || null } as Partial<Q>), 300)
  })
  watch(
    () => query.value.search,
    (value) => {
      if ((value ?? '') !== search.value.trim()) search.value = value ?? ''
    },
  )
  onBeforeUnmount(() => clearTimeout(debounce))

  return { query, result, loading, error, update, load, search }
}
