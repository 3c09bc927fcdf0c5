import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { call, query, start } from './harness.mjs'

// The inventors' side is scoped to the person (the walk through it, signed on through the
// university's OpenID provider, is tests/sso/walk.test.mjs): nothing of another person is
// reachable by id, by search or in a list. harness.mjs's account `inventor` is T0001 谢艳 of the
// small demo; this file adds T0002 梁超 and T0003 黄杰.

const second = ['inventor2', '梁超', 'inventor', '--employee', 'T0002']
const third = ['inventor3', '黄杰', 'inventor', '--employee', 'T0003']

let app
before(async () => {
  app = await start({ accounts: [second, third] })
})
after(() => app.stop())

test('an inventor reaches nothing of another person: not by id, not by search, not in a list', async () => {
  const { server } = await app.open('#/dashboard', { as: 'office' })
  // A distribution of the demo past its draft without a line of T0003 (read from the file).
  const [other] = query(server.db, "SELECT d.id FROM distribution d WHERE d.state <> 'draft' AND NOT EXISTS (SELECT 1 FROM distribution_line l JOIN person p ON p.id = l.person_id WHERE l.distribution_id = d.id AND p.employee_id = 'T0003') LIMIT 1")
  const { page: wang } = await app.page(server, '#/me', { as: 'inventor3' })
  // By id: another's distribution statement and the office's detail.
  assert.equal((await call(wang, server, 'export_my_statement', { id: other.id, path: 'x.pdf' })).body.code, 'not_found')
  assert.equal((await call(wang, server, 'get_distribution', { id: other.id })).status, 403)
  // By search and list: the office's commands are refused whole.
  for (const [name, args] of [
    ['list_distributions', { query: { page: 1, page_size: 50 } }],
    ['list_people', { query: { page: 1, page_size: 50 } }],
    ['search', { text: '谢艳' }],
    ['list_disclosures', { query: { page: 1, page_size: 50 } }],
  ]) {
    assert.equal((await call(wang, server, name, args)).status, 403, name)
  }
  // Their own list holds only their own lines: each one's amount is T0003's line of it.
  const mine = (await call(wang, server, 'my_rewards')).body
  const expected = query(server.db, "SELECT l.distribution_id AS id, l.amount_fen AS fen FROM distribution_line l JOIN distribution d ON d.id = l.distribution_id JOIN person p ON p.id = l.person_id WHERE p.employee_id = 'T0003' AND d.state <> 'draft' ORDER BY l.distribution_id")
  assert.deepEqual(mine.map((r) => ({ id: r.distribution_id, fen: r.amount_fen })).sort((a, b) => a.id - b.id), expected)
  // The colleague directory names people and 学院 only.
  const found = (await call(wang, server, 'find_colleagues', { search: 'T0001' })).body
  assert.deepEqual(Object.keys(found[0]).sort(), ['department', 'employee_id', 'name'])
  // Another's draft by id.
  const { page: xie } = await app.page(server, '#/me', { as: 'inventor' })
  const draft = (await call(xie, server, 'save_my_draft', { form: { id: null, version: 0, title: '私人草稿', department: '', funding_source: null, fiscal_project: null, description: '', prior_art: null, intended_protection: null, confidential: false, inventors: [] } })).body
  assert.equal((await call(wang, server, 'my_draft', { id: draft })).body.code, 'not_found')
  assert.equal((await call(wang, server, 'delete_my_draft', { id: draft })).body.code, 'not_found')
})
