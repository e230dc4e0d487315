// Runs node's test runner over the test files of one kind (Node 20 has no glob in --test).
//   node scripts/run-tests.mjs unit   → src/**/*.test.ts(x)
//   node scripts/run-tests.mjs e2e    → test/e2e/**/*.test.ts
// Extra arguments are passed to node --test (e.g. --test-name-pattern=...).
//
// TEST_SHARDS=N (unit only; default 2, the CI machine's CPUs; 0 = one process per file): run the
// files in N processes. Each runs a generated entry module that imports its share of the files in
// turn, each inside a describe() named by the file (so a file's before/after/beforeEach hooks stay
// its own), and pays Node, tsx and the app's modules once instead of once per file. Files listed
// in OWN_PROCESS still run alone. A crash (not a failed test) ends the rest of its shard too.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Files that must not share a process with others (path from the repository root → the reason).
 * None does today: databases, city caches (keyed by database) and env changes are per app or
 * restored by the test. Add a file here, with its reason, rather than skip a test.
 */
const OWN_PROCESS = new Map([])

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
// (src/testing/templates.ts). The run's templates are built by one process started alongside
// the test processes: while it builds (about 10 s on one core) they load the app on the other
// and run the files that need no database; a test that needs a template waits for the builder's
// mark in KYODO_TEST_TEMPLATES_SIGNAL (`<kind>.ready`, or `failed` when the build fails).
const env = { ...process.env }
const prepareArgs = (...args) => [
  '--single-threaded-gc',
  '--import',
  'tsx',
  'src/testing/prepare.ts',
  ...args,
]
const prepareSync = (...args) => {
  const p = spawnSync(process.execPath, prepareArgs(...args), { stdio: 'inherit' })
  if (p.status !== 0) process.exit(p.status ?? 1)
}
let cleanup = () => {}
let building = null
if (kind === 'unit') {
  const signal = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-templates-ready-'))
  env.KYODO_TEST_TEMPLATES_SIGNAL = signal
  const url = process.env.TEST_DATABASE_URL
  let args
  if (url) {
    const prefix = `kyodo_tmpl_${process.pid}_${Date.now().toString(36)}`
    args = ['postgres', url, prefix]
    env.KYODO_TEST_PG_TEMPLATE = prefix
    cleanup = () => prepareSync('drop', url, prefix)
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-test-'))
    args = ['pglite', dir]
    env.KYODO_TEST_TEMPLATES = dir
    cleanup = () => fs.rmSync(dir, { recursive: true, force: true })
  }
  const removeSignal = cleanup
  cleanup = () => {
    removeSignal()
    fs.rmSync(signal, { recursive: true, force: true })
  }
  building = new Promise((resolve) => {
    const child = spawn(process.execPath, prepareArgs(...args), { stdio: 'inherit', env })
    child.on('error', (e) => resolve({ ok: false, why: e.message }))
    child.on('exit', (code, sig) => resolve({ ok: code === 0, why: `exit ${code ?? sig}` }))
  }).then((r) => {
    // the waiting tests fail at once instead of waiting out their time limit
    if (!r.ok) fs.writeFileSync(path.join(signal, 'failed'), r.why)
    return r
  })
}
// TEST_RECORD_TIMES=1: after a passing sharded run, write each file's seconds to TIMES_FILE (commit
// it; a stale entry only makes the shards less even, never changes what runs).
const TIMES_FILE = 'scripts/test-times.json'
const record = process.env.TEST_RECORD_TIMES === '1'
function fileWeights(list) {
  let known = {}
  try {
    known = JSON.parse(fs.readFileSync(TIMES_FILE, 'utf8'))
  } catch {
    // no record yet: sizes alone
  }
  const key = (f) => f.split(path.sep).join('/')
  const size = (f) => fs.statSync(f).size
  const seen = list.filter((f) => typeof known[key(f)] === 'number')
  const perByte = seen.length
    ? seen.reduce((n, f) => n + known[key(f)], 0) / seen.reduce((n, f) => n + size(f), 0)
    : 1
  return (f) => known[key(f)] ?? size(f) * perByte
}
function saveTimes(file) {
  if (!file || !fs.existsSync(file)) return
  const times = {}
  for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const { name, s } = JSON.parse(line)
    times[name] = Math.round(s * 10) / 10
  }
  const sorted = Object.fromEntries(
    Object.keys(times)
      .sort()
      .map((k) => [k, times[k]]),
  )
  fs.writeFileSync(TIMES_FILE, `${JSON.stringify(sorted, null, 2)}\n`)
  console.log(`recorded the run time of ${Object.keys(sorted).length} files in ${TIMES_FILE}`)
}
let targets = files
let testConcurrency = concurrency
let removeEntries = () => {}
const shards = kind === 'unit' ? Number(process.env.TEST_SHARDS ?? '2') : 0
if (shards > 0) {
  const alone = files.filter((f) => OWN_PROCESS.has(f.split(path.sep).join('/')))
  const shared = files.filter((f) => !alone.includes(f))
  // Balance by run time: each file's seconds from the last recorded run (scripts/test-times.json;
  // a file not in it counts its size at the recorded seconds per byte), longest first, each to
  // the shard with the least time so far.
  const weightOf = fileWeights(shared)
  const groups = Array.from({ length: Math.min(shards, shared.length) }, () => ({ time: 0, files: [] }))
  for (const f of [...shared].sort((a, b) => weightOf(b) - weightOf(a) || a.localeCompare(b))) {
    const g = groups.reduce((m, x) => (x.time < m.time ? x : m))
    g.time += weightOf(f)
    g.files.push(f)
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-shards-'))
  removeEntries = () => fs.rmSync(dir, { recursive: true, force: true })
  targets = groups.map((g, i) => {
    const entry = path.join(dir, `shard-${i + 1}.test.mjs`)
    // files that open no database first: they run while the templates are being built
    const needsDb = (f) =>
      /createTestApp|createBareApp|pgliteTemplate|clonePglite|PgliteCopy|openDatabase/.test(
        fs.readFileSync(f, 'utf8'),
      )
    const order = [...g.files].sort()
    const lines = [...order.filter((f) => !needsDb(f)), ...order.filter(needsDb)].map((f) => {
      const name = f.split(path.sep).join('/')
      // before/after registered ahead of the file's own hooks: they time the whole file
      return `describe(${JSON.stringify(name)}, async () => { let t0 = 0; before(() => { t0 = performance.now() }); after(() => took(${JSON.stringify(name)}, t0)); await import(${JSON.stringify(pathToFileURL(path.resolve(f)).href)}) })`
    })
    const took = `const took = (name, t0) => { if (process.env.KYODO_TEST_TIMES) appendFileSync(process.env.KYODO_TEST_TIMES, JSON.stringify({ name, s: (performance.now() - t0) / 1000 }) + '\\n') }`
    fs.writeFileSync(
      entry,
      `import { appendFileSync } from 'node:fs'\nimport { after, before, describe } from 'node:test'\n${took}\n${lines.join('\n')}\n`,
    )
    return entry
  })
  targets.push(...alone)
  if (record) env.KYODO_TEST_TIMES = path.join(dir, 'times.jsonl')
  testConcurrency = String(Math.max(shards, Number(concurrency)))
}
// V8's garbage collector works in background threads by default; with a test process (or the
// template builder) on every core those threads only take turns with the other processes'
// main threads: collecting on the main thread took the unit run from 97-98 s to 88-89 s (two
// runs each, alternated). The test processes inherit the flag.
const gcFlags = kind === 'unit' ? ['--single-threaded-gc'] : []
const run = spawn(
  process.execPath,
  [
    ...gcFlags,
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${testConcurrency}`,
    ...process.argv.slice(3),
    ...targets,
  ],
  { stdio: 'inherit', env },
)
const status = await new Promise((resolve) => {
  run.on('error', () => resolve(1))
  run.on('exit', (code, sig) => resolve(code ?? (sig ? 1 : 0)))
})
let built = { ok: true }
if (building) built = await building
if (!built.ok) console.error(`the test templates could not be built (${built.why}): see the output above`)
if (record && status === 0 && built.ok) saveTimes(env.KYODO_TEST_TIMES)
removeEntries()
cleanup()
process.exit(built.ok ? status : 1)
