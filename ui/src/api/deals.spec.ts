import { beforeEach, describe, expect, it, vi } from 'vitest'

// The deal commands over Tauri: each wrapper calls its command with the argument names the Rust
// command takes (src-tauri/api/src/commands/deals.rs).
const invoke = vi.hoisted(() => vi.fn())
vi.mock('@tauri-apps/api/core', () => ({ invoke }))
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn() }))

// The desktop app's window: Tauri's IPC is there.
Object.assign(window, { __TAURI_INTERNALS__: {} })
const api = await import('./index')

beforeEach(() => invoke.mockReset().mockResolvedValue(1))

describe('deal commands over Tauri', () => {
  const publicity = { id: null } as unknown as Parameters<typeof api.savePublicity>[0]
  const resolution = { id: null } as unknown as Parameters<typeof api.saveResolution>[0]
  const grant = { id: null } as unknown as Parameters<typeof api.saveGrant>[0]
  const query = { page: 2, page_size: 20, search: '锂' }
  it.each<[string, () => Promise<unknown>, string, Record<string, unknown> | undefined]>([
    ['publicities', () => api.listPublicities({ ...query, organization_id: 3, contract_kind: 'transfer', id: null }), 'list_publicities', { query: { ...query, organization_id: 3, contract_kind: 'transfer', id: null } }],
    ['save publicity', () => api.savePublicity(publicity), 'save_publicity', { publicity }],
    ['resolutions', () => api.listResolutions({ ...query, id: 7 }), 'list_resolutions', { query: { ...query, id: 7 } }],
    ['save resolution', () => api.saveResolution(resolution), 'save_resolution', { resolution }],
    ['grants', () => api.listGrants(query), 'list_grants', { query }],
    ['save grant', () => api.saveGrant(grant), 'save_grant', { grant }],
  ])('%s', async (_, run, command, args) => {
    await run()
    expect(invoke).toHaveBeenCalledWith(command, args)
  })
})
