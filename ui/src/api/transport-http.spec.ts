import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// The office server's transport: the same wrappers, carried as `POST /api/<name>` with a JSON
// body; a failure's `{code, message, details}` becomes the same ApiError as over Tauri.
const fetchMock = vi.fn()
const api = await import('./index')

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })
}

beforeEach(() => {
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => vi.unstubAllGlobals())

describe('api over HTTP', () => {
  it('posts the camelCase arguments to /api/<command>', async () => {
    fetchMock.mockResolvedValue(json({ id: 3 }))
    await expect(api.payDistribution(3, '2026-10-27')).resolves.toEqual({ id: 3 })
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/api/pay_distribution')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body as string)).toEqual({ id: 3, paidOn: '2026-10-27' })
  })

  it('sends an empty object for a command without arguments', async () => {
    fetchMock.mockResolvedValue(json([]))
    await api.listPolicies()
    expect(JSON.parse((fetchMock.mock.calls[0] as [string, RequestInit])[1].body as string)).toEqual({})
  })

  it('turns the error body into an ApiError with its code and details', async () => {
    const report = { code: 'bad_request', message: '请求参数有误（id）', details: [{ sheet: '', row: 0, column: 'id', cell: null, value: '', code: 'bad_argument', problem: 'invalid type' }] }
    fetchMock.mockResolvedValue(json(report, 400))
    await expect(api.getAchievement(7)).rejects.toMatchObject({ name: 'ApiError', code: 'bad_request', details: report.details })
  })

  it('names the status when the body is not a report', async () => {
    fetchMock.mockResolvedValue(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    await expect(api.getAchievement(7)).rejects.toMatchObject({ code: 'http', message: expect.stringContaining('502') })
  })

  it('offers the suggested name as the download name', async () => {
    await expect(api.pickSavePath('发放表.xlsx', 'xlsx')).resolves.toBe('发放表.xlsx')
    await expect(api.pickFolder('2025年度报告')).resolves.toBe('2025年度报告')
  })
})
