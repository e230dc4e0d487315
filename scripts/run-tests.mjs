// Runs node's test runner over the test files of one kind (Node 20 has no glob in --test).
//   node scripts/run-tests.mjs unit   → src/**/*.test.ts(x)
//   node scripts/run-tests.mjs e2e    → test/e2e/**/*.test.ts
// Extra arguments are passed to node --test (e.g. --test-name-pattern=...).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const kind = process.argv[2] ?? 'unit'
const root = kind === 'e2e' ? 'test/e2e' : 'src'
const files = []
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name)
    if (e.isDirectory()) walk(p)
    else if (/\.test\.tsx?$/.test(e.name)) files.push(p)
  }
}
if (fs.existsSync(root)) walk(root)
files.sort()
if (files.length === 0) {
  console.log(`no ${kind} tests found under ${root}`)
  process.exit(1)
}
const concurrency = kind === 'e2e' ? '1' : (process.env.TEST_CONCURRENCY ?? '2')

// Unit tests copy prepared databases instead of migrating and loading the demo city per file
// (src/testing/templates.ts): build the templates once for this run.
const env = { ...process.env }
const prepare = (...args) => {
  const p = spawnSync(process.execPath, ['--import', 'tsx', 'src/testing/prepare.ts', ...args], {
    stdio: 'inherit',
  })
  if (p.status !== 0) process.exit(p.status ?? 1)
}
let cleanup = () => {}
if (kind === 'unit') {
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    const prefix = `kyodo_tmpl_${process.pid}_${Date.now().toString(36)}`
    prepare('postgres', url, prefix)
    env.KYODO_TEST_PG_TEMPLATE = prefix
    cleanup = () => prepare('drop', url, prefix)
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-test-'))
    prepare('pglite', dir)
    env.KYODO_TEST_TEMPLATES = dir
    cleanup = () => fs.rmSync(dir, { recursive: true, force: true })
  }
}
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...process.argv.slice(3), ...files],
  { stdio: 'inherit', env },
)
cleanup()
process.exit(r.status ?? 1)
