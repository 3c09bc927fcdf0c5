import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { VNode } from 'vue'
import type { ErrorReport } from './api'

const confirm = vi.hoisted(() => vi.fn())
vi.mock('element-plus', () => ({ ElMessageBox: { confirm } }))

const { conflictFields, useSubmit } = await import('./submit')
const { ApiError } = await import('./api')
const { setLocale } = await import('./i18n')

// What the backend sends when someone else saved the achievement first (error.rs `Conflict`).
const conflict: ErrorReport = {
  code: 'edit_conflict',
  message: '未保存：成果“CG001”在您打开后已被 app:wang 于 2026-11-23 09:30:00 修改，与您提交的不同之处：成果名称、法律状态。请重新加载后再修改',
  details: [
    { sheet: '', row: 0, column: 'title', cell: null, value: '成果名称', code: 'edit_conflict', problem: '已被他人修改' },
    { sheet: '', row: 0, column: 'status', cell: null, value: '法律状态', code: 'edit_conflict', problem: '已被他人修改' },
  ],
}

/** Lets the conflict box's promise chain run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(() => {
  confirm.mockReset()
  setLocale('zh-CN')
})

describe('a save refused because someone else changed the record', () => {
  it('marks the fields, tells who and when, and reloads when asked', async () => {
    confirm.mockResolvedValue('confirm')
    const reload = vi.fn()
    const submit = useSubmit({ reload })
    const done = await submit.run(() => Promise.reject(conflict))
    expect(done, 'nothing saved').toBeNull()
    expect(submit.problemsOf('title'), 'the field is marked where the form shows it').toBe('已被他人修改')
    expect(submit.conflicted()).toBe(true)
    expect(confirm).toHaveBeenCalledTimes(1)
    const [box, title, options] = confirm.mock.calls[0]!
    expect([title, options.confirmButtonText, options.cancelButtonText]).toEqual(['记录已被他人修改', '重新加载', '取消'])
    const lines = ((box as VNode).children as (VNode | null)[]).filter((c) => c !== null)
    expect(lines.length, 'the sentence (it names the fields already) and the hint').toBe(2)
    await settle()
    expect(reload, 'reloaded after 重新加载').toHaveBeenCalledTimes(1)
    expect(submit.problemsOf('title'), 'the reloaded form starts clean').toBe('')
  })

  it('keeps the form as it is on 取消', async () => {
    confirm.mockRejectedValue('cancel')
    const reload = vi.fn()
    const submit = useSubmit({ reload })
    await submit.run(() => Promise.reject(conflict))
    await settle()
    expect(reload).not.toHaveBeenCalled()
    expect(submit.error.value, "the backend's sentence stays shown").toContain('app:wang')
  })

  it('opens no box for another refusal, nor without a way to reload', async () => {
    await useSubmit({ reload: vi.fn() }).run(() => Promise.reject({ ...conflict, code: 'policy_in_use', details: [] }))
    await useSubmit().run(() => Promise.reject(conflict))
    expect(confirm).not.toHaveBeenCalled()
  })

  it('names the fields in the language of the screen', async () => {
    const failure = ApiError.from(conflict)
    expect(conflictFields(failure)).toEqual(['成果名称', '法律状态'])
    setLocale('en')
    expect(conflictFields(failure)).toEqual(['title', 'status'])
    // The backend's sentence stays Chinese; an English screen lists the fields in English under it.
    confirm.mockRejectedValue('cancel')
    await useSubmit({ reload: vi.fn() }).run(() => Promise.reject(conflict))
    const box = confirm.mock.calls[0]![0] as VNode
    const lines = (box.children as (VNode | null)[]).filter((c): c is VNode => c !== null).map((c) => c.children)
    expect(lines[0]).toBe(conflict.message)
    expect(lines[1]).toBe('Fields that differ from what you sent: title, status')
    expect(confirm.mock.calls[0]![1]).toBe('Changed by someone else')
  })
})
