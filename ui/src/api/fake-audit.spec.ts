import { beforeEach, describe, expect, it } from 'vitest'
import { fakeStore, resetFake } from './fake'
import { auditTarget, backupNow, checkBackup, FOREIGN_FILE, listAudit, listBackups, resetFakeAudit, restoreBackup, tamperEntry, verifyStore } from './fake-audit'
import type { AuditQuery } from './types.gen'

const ALL: AuditQuery = { page: 1, page_size: 200, entity: null, entity_key: null, action: null, actor: null, from: null, to: null }

beforeEach(() => {
  resetFake()
  resetFakeAudit()
})

describe('fake audit log', () => {
  it('filters by kind, record, action and both ends of the date range, newest first', async () => {
    const store = fakeStore()
    const people = await listAudit({ ...ALL, entity: 'person' })
    // One insert per imported person and one hand edit.
    expect(people.total).toBe(store.people.length + 1)
    expect(people.rows.every((r) => r.entity === 'person')).toBe(true)
    const ids = people.rows.map((r) => r.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))

    const no = store.achievements[0]?.achievement_no ?? ''
    const history = await listAudit({ ...ALL, entity: 'achievement', entity_key: no })
    expect(history.rows.map((r) => r.action)).toEqual(['update', 'insert'])

    const day = await listAudit({ ...ALL, from: '2026-11-02', to: '2026-11-02' })
    expect(day.rows.map((r) => [r.entity, r.action])).toEqual([
      ['cost', 'delete'],
      ['contract', 'update'],
    ])
    expect((await listAudit({ ...ALL, action: 'delete' })).total).toBe(1)
    expect((await listAudit({ ...ALL, actor: '合同表' })).total).toBe(store.contracts.length)
    expect(people.entities).toContain('institution')
  })

  it('verifies the chain and names the first entry altered behind its back', async () => {
    const ok = await verifyStore()
    expect(ok).toMatchObject({ integrity: 'ok', first_broken_entry: null, ok: true })
    await tamperEntry(12)
    const broken = await verifyStore()
    expect(broken).toMatchObject({ first_broken_entry: 12, ok: false, audit_entries: ok.audit_entries })
  })

  it('opens a record by the key the log holds, not by its id', async () => {
    const a = fakeStore().achievements[4]
    expect(await auditTarget('achievement', a?.achievement_no ?? '')).toEqual({ page: 'achievement', id: a?.id })
    expect(await auditTarget('contract', fakeStore().contracts[2]?.contract_no ?? '')).toEqual({ page: 'contract', id: 3 })
    expect(await auditTarget('person', 'T0002')).toEqual({ page: 'person', id: 2 })
    expect(await auditTarget('cost', '9001')).toBeNull()
    expect(await auditTarget('achievement', 'NO-SUCH')).toBeNull()
  })
})

describe('fake backups', () => {
  it('takes a manual backup newest first, and refuses a foreign file before anything is replaced', async () => {
    const before = await listBackups()
    const taken = await backupNow('job-1')
    expect(taken.reason).toBe('manual')
    expect((await listBackups())[0]).toEqual(taken)
    expect((await listBackups()).length).toBe(before.length + 1)

    await expect(checkBackup(FOREIGN_FILE)).rejects.toMatchObject({ code: 'backup_foreign' })
    await expect(restoreBackup('job-2', FOREIGN_FILE)).rejects.toMatchObject({ code: 'backup_foreign' })
    expect((await listBackups()).length).toBe(before.length + 1)
  })

  it('restores a checked backup and keeps the replaced data as a before-restore backup', async () => {
    const [latest] = await listBackups()
    const restored = await restoreBackup('job-3', latest?.file ?? '')
    expect(restored.from.file).toBe(latest?.file)
    expect(restored.kept.reason).toBe('before-restore')
    expect((await listBackups())[0]).toEqual(restored.kept)
    const [entry] = (await listAudit({ ...ALL, entity: 'restore' })).rows
    expect(entry?.entity_key).toBe(latest?.name)
    expect((await verifyStore()).ok).toBe(true)
  }, 10_000)
})
