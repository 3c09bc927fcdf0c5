// Runs the browser tests one file at a time (node --test, spec reporter) and ends with a summary
// naming every failing test, so that the tail of a CI log says what failed. A file that fails is
// run once more: a test that fails twice fails the run; one that passes the second time is named
// as unsteady in the summary (with its first failure above), to be made steady, never ignored.
//
//   node tests/ui/run.mjs [FILE...]      (default: every tests/ui/*.test.mjs)

import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(here, f))

/** Runs one file; returns the names of its failing tests (empty: it passed). */
function run(file) {
  const out = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  process.stdout.write(out.stdout ?? '')
  if (out.status === 0) return []
  // The spec reporter lists failures under "failing tests:" with a ✖ before each name.
  const tail = (out.stdout ?? '').split('failing tests:')[1] ?? ''
  const names = [...tail.matchAll(/^\s*✖ (.+?)(?: \(\d[\d.]*m?s\))?$/gm)].map((m) => m[1])
  return names.length ? [...new Set(names)] : [`(the file itself: exit ${out.status ?? out.signal})`]
}

const unsteady = []
const failed = []
for (const file of files) {
  const name = relative(process.cwd(), file)
  const first = run(file)
  if (!first.length) continue
  console.log(`\n=== ${name} failed; running it once more ===\n`)
  const second = run(file)
  if (second.length) failed.push(...second.map((t) => `${name}: ${t}`))
  else unsteady.push(...first.map((t) => `${name}: ${t}`))
}

console.log(`\n=== browser tests: ${files.length} files ===`)
for (const t of unsteady) console.log(`UNSTEADY (failed, then passed): ${t}`)
for (const t of failed) console.log(`FAILED: ${t}`)
if (!unsteady.length && !failed.length) console.log('all passed')
process.exit(failed.length ? 1 : 0)
