/**
 * Load benchmark (issue 11 item 7): the real server (`src/server.ts`, its own process) over a city
 * of BENCH_LOAD_GROUPS groups (default 50,000), and a bounded Node client on 127.0.0.1 keeping
 * BENCH_LOAD_CLIENTS requests in flight (default 20) for BENCH_LOAD_SECONDS per scenario (default 20):
 * - the directory page `/groups?q=…` (a visitor),
 * - the API search `/api/v1/groups?q=…` (a visitor); these two cycle 15 queries over 3 pages, so
 *   after the first round they are served from the kept answers (core/search/kept.ts),
 * - the API search with a new two-word query every time (nothing kept can serve it),
 * - a need's matches `/needs/{id}/matches` (the coordinator, signed in),
 * - the directory page while a 20,000-row import runs (the import must not freeze the site).
 * On PostgreSQL (BENCH_DATABASE_URL, default the local test server) and on PGlite.
 * Prints one table per database: requests/s, p50/p95/p99, errors, and the issue's targets.
 * Client and server share the machine: read the numbers as this machine's, and compare ratios.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { and, eq, sql } from 'drizzle-orm'
import pg from 'pg'
import { type Database, migrate, openDatabase } from '../src/core/db/index.ts'
import { needs } from '../src/features/needs/schema.ts'
import { benchCity, cityCtx, generate, importCsv, insertGroups } from './gen-groups.ts'

const N = Number(process.env.BENCH_LOAD_GROUPS ?? 50_000)
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 20)
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const QUERIES = [
  'こども食堂',
  'みまもり',
  '防災',
  'ぼうさい',
  '子育て',
  '日本語教室',
  '合唱',
  '環境',
  '高齢者 サロン',
  '地域猫',
  '読み聞かせ',
  '障がい 就労',
  'ひとり暮らしのお年寄りの見守り',
  '吉祥寺',
  'スマホ教室',
]

/** Two-word queries, each asked once in a run: what the kept answers (core/search/kept.ts) cannot serve. */
const WORDS_A = [
  '子ども',
  '高齢者',
  '障がい',
  '外国人',
  '子育て',
  '地域',
  '環境',
  '防災',
  '健康',
  '文化',
  'スポーツ',
  '学習',
  '福祉',
  '食',
  '音楽',
  '自然',
  '見守り',
  'まちづくり',
  '若者',
  '読書',
]
const WORDS_B = [
  '支援',
  '交流',
  '教室',
  'サロン',
  '講座',
  '相談',
  '清掃',
  '訓練',
  '居場所',
  'イベント',
  '食堂',
  'ボランティア',
  '散歩',
  '体操',
  '花壇',
  '祭り',
  '勉強会',
  '通訳',
  '送迎',
  'カフェ',
]
/** Where, as a third word: with it a query must find all three (子育て サロン 吉祥寺). */
const WORDS_C = [
  '',
  '吉祥寺',
  '中町',
  '境南町',
  '緑町',
  '関前',
  '八幡町',
  '西久保',
  '御殿山',
  '桜堤',
  '北町',
  '本町',
  '市内',
  '週末',
]
/** 5,600 queries of two or three words: more than a run asks, so none is asked twice (none kept). */
const NEW_QUERIES = WORDS_C.flatMap((c) =>
  WORDS_A.flatMap((a, i) =>
    WORDS_B.map((b, j) => {
      const two = (i + j) % 2 ? `${a} ${b}` : `${a}${b}`
      return c ? `${two} ${c}` : two
    }),
  ),
)

interface Result {
  name: string
  n: number
  errors: number
  rps: number
  p50: number
  p95: number
  p99: number
  target?: { p95: number; rps?: number }
}

const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN

/** CLIENTS loops, each sending the next request when its previous one has answered. */
async function load(
  name: string,
  base: string,
  next: (i: number) => string,
  headers: Record<string, string> = {},
  target?: Result['target'],
  /** stop early when this says so (at most 10 × BENCH_LOAD_SECONDS then) */
  done?: () => boolean,
): Promise<Result> {
  const times: number[] = []
  let errors = 0
  const kinds = new Map<string, number>()
  const fail = (k: string) => {
    errors++
    kinds.set(k, (kinds.get(k) ?? 0) + 1)
  }
  let i = 0
  const until = Date.now() + SECONDS * 1000 * (done ? 10 : 1)
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until && !done?.()) {
        const url = base + next(i++)
        const s = performance.now()
        try {
          const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) })
          await res.arrayBuffer()
          if (res.status !== 200) fail(String(res.status))
        } catch (e) {
          fail((e as Error).name)
        }
        times.push(performance.now() - s)
      }
    }),
  )
  const secs = (performance.now() - t0) / 1000
  times.sort((a, b) => a - b)
  if (kinds.size) name += ` [errors: ${[...kinds].map(([k, n]) => `${k}×${n}`).join(', ')}]`
  return {
    name,
    n: times.length,
    errors,
    rps: times.length / secs,
    p50: pct(times, 0.5),
    p95: pct(times, 0.95),
    p99: pct(times, 0.99),
    target,
  }
}

/** Signs in through the login form like a browser; returns the Cookie header of the session. */
async function login(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>()
  const keep = (res: Response) => {
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';')
      const k = pair.slice(0, pair.indexOf('='))
      jar.set(k, pair.slice(k.length + 1))
    }
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const page = await fetch(`${base}/login`)
  keep(page)
  const token = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? ''
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ email, password, _csrf: token }).toString(),
  })
  keep(res)
  if (res.status !== 303) throw new Error(`login as ${email}: ${res.status}`)
  return cookie()
}

async function startServer(env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const port = 3400 + Math.floor(Math.random() * 500)
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KYODO_DEMO: '0',
      KYODO_JOBS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 2400; i++) {
    try {
      const r = await fetch(`${base}/healthz`)
      if (r.status < 500) return { base, child }
    } catch {}
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGKILL')
  throw new Error('the server did not start')
}

async function stopServer(child: ChildProcess) {
  const gone = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))])
  if (child.exitCode === null) child.kill('SIGKILL')
}

/** Demo city (small) + N groups, and one published need to match; returns the need's id and a CSV. */
async function prepare(database: Database, existing = false) {
  await migrate(database)
  const ctx = existing ? await cityCtx(database) : await benchCity(database)
  if (!existing) {
    await insertGroups(ctx, await generate(ctx, N))
    await database.db.execute(sql`ANALYZE`)
  }
  const [need] = await database.db
    .select({ id: needs.id })
    .from(needs)
    .where(and(eq(needs.municipalityId, ctx.tenantId), eq(needs.status, 'published')))
    .limit(1)
  if (!need) throw new Error('the demo city has no published need')
  const extra = await generate(ctx, 20_000, 99)
  // the generator's names and addresses repeat across 50,000 groups: as they are, every imported row
  // would be a duplicate of a registered group, skipped, and the import would write nothing
  extra.forEach((g, i) => {
    g.row.name = `${g.row.name}（第${i + 1}班）`
    g.row.contactEmail = `import-${i + 1}@group.bench.example`
  })
  const csv = await importCsv(ctx, extra)
  return { needId: need.id, csv }
}

async function scenarios(label: string, base: string, needId: string, csv: Uint8Array): Promise<Result[]> {
  const q = (i: number) => encodeURIComponent(QUERIES[i % QUERIES.length])
  // warm up: the search indexes are built at start-up (the directory answers from SQL meanwhile);
  // wait until /healthz says no build is running
  const t = performance.now()
  let resets = 0
  for (;;) {
    // a poll on a kept-alive connection can meet the server closing it (while a PGlite query holds
    // the thread for seconds): counted and asked again
    const h = (await fetch(`${base}/healthz`)
      .then((r) => r.json())
      .catch(() => {
        resets++
        return { indexesBuilding: 1 }
      })) as { indexesBuilding?: number }
    if (!h.indexesBuilding) break
    await new Promise((r) => setTimeout(r, 1000))
  }
  if (resets) console.log(`${label}: ${resets} health checks failed while the indexes were built`)
  console.log(
    `${label}: the search indexes were built ${((performance.now() - t) / 1000).toFixed(1)} s after the server answered`,
  )
  // BENCH_LOAD_ONLY=word: only the scenarios whose name holds it (e.g. "new", "matches", "import")
  const only = process.env.BENCH_LOAD_ONLY
  const want = (name: string) => !only || name.includes(only)
  for (let i = 0; i < 30; i++) await (await fetch(`${base}/groups?q=${q(i)}`)).arrayBuffer()
  const coord = await login(base, 'coordinator@demo.example', 'demo-password-2026')
  if (want('matches'))
    for (let i = 0; i < 5; i++)
      await (await fetch(`${base}/needs/${needId}/matches`, { headers: { cookie: coord } })).arrayBuffer()
  const results: Result[] = []
  const pgTargets = label === 'PostgreSQL'
  const push = (r: Result | null) => {
    if (r) results.push(r)
  }
  const maybe = (name: string, run: (name: string) => Promise<Result>) => (want(name) ? run(name) : null)
  push(
    await maybe('directory page /groups?q=', (name) =>
      load(
        name,
        base,
        (i) => `/groups?q=${q(i)}&page=${1 + (i % 3)}`,
        {},
        pgTargets ? { p95: 300, rps: 50 } : undefined,
      ),
    ),
  )
  push(
    await maybe('API search /api/v1/groups?q=', (name) =>
      load(name, base, (i) => `/api/v1/groups?q=${q(i)}`, {}, pgTargets ? { p95: 300, rps: 50 } : undefined),
    ),
  )
  push(
    await maybe(
      `API search, every query new (${NEW_QUERIES.length.toLocaleString()} queries of 2–3 words)`,
      (name) =>
        load(
          name,
          base,
          (i) => {
            if (i === NEW_QUERIES.length)
              console.log(`${label}: more requests than new queries: some were asked twice`)
            return `/api/v1/groups?q=${encodeURIComponent(NEW_QUERIES[i % NEW_QUERIES.length])}`
          },
          {},
          pgTargets ? { p95: 300, rps: 50 } : undefined,
        ),
    ),
  )
  push(
    await maybe('need matches /needs/{id}/matches', (name) =>
      load(
        name,
        base,
        () => `/needs/${needId}/matches`,
        { cookie: coord },
        pgTargets ? { p95: 500 } : undefined,
      ),
    ),
  )
  if (!want('during a 20,000-row import')) return results
  // the directory while the coordinator imports 20,000 rows through the API (one request that
  // checks and writes them all); the load runs for as long as the import does
  const page = await fetch(`${base}/groups`, { headers: { cookie: coord } })
  const token = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? ''
  const form = new FormData()
  form.set('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'groups.csv')
  const started = performance.now()
  let importDone = false
  const imp = fetch(`${base}/api/v1/groups/import?dryRun=false&mode=good_only&status=published`, {
    method: 'POST',
    body: form,
    headers: { cookie: coord, 'x-csrf-token': token },
  }).then(async (r) => {
    const report = (await r.json().catch(() => ({}))) as { created?: number; skipped?: number }
    if (!report.created) console.log(`${label}: the import created nothing`, report.skipped ?? '', 'skipped')
    importDone = true
    return { status: r.status, created: report.created ?? 0, secs: (performance.now() - started) / 1000 }
  })
  const during = await load(
    'directory page during a 20,000-row import',
    base,
    (i) => `/groups?q=${q(i)}`,
    {},
    undefined,
    () => importDone,
  )
  const ir = await imp
  during.name += ` (import: ${ir.status}, ${ir.created.toLocaleString()} created in ${ir.secs.toFixed(1)} s)`
  results.push(during)
  return results
}

function table(label: string, rs: Result[]) {
  console.log(
    `\n${label}: ${N.toLocaleString()} groups, ${CLIENTS} clients, ${SECONDS} s per scenario, ${os.cpus().length} CPUs shared by client and server`,
  )
  console.log('| scenario | requests | errors | requests/s | p50 / p95 / p99 ms | target |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const r of rs) {
    const t = r.target
      ? `p95 < ${r.target.p95}${r.target.rps ? `, ≥ ${r.target.rps}/s` : ''}: ${r.p95 < r.target.p95 && (!r.target.rps || r.rps >= r.target.rps) && r.errors === 0 ? 'met' : 'NOT met'}`
      : 'no errors: ' + (r.errors === 0 ? 'met' : 'NOT met')
    console.log(
      `| ${r.name} | ${r.n} | ${r.errors} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(0)} / ${r.p95.toFixed(0)} / ${r.p99.toFixed(0)} | ${t} |`,
    )
  }
}

export default async function () {
  // PostgreSQL
  const url = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'
  const name = `kyodo_bench_load_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  // BENCH_LOAD_POSTGRES=0: PGlite only
  let pgOk = process.env.BENCH_LOAD_POSTGRES !== '0'
  if (pgOk)
    try {
      await admin.connect()
    } catch {
      pgOk = false
      console.log('PostgreSQL: not reachable, skipped')
    }
  if (pgOk) {
    // BENCH_LOAD_KEEP=1: the prepared city is kept as a template database and cloned by later runs
    const tmpl = `kyodo_bench_load_tmpl_${N}`
    const keep = process.env.BENCH_LOAD_KEEP === '1'
    const cloned =
      keep && (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [tmpl])).rowCount === 1
    await admin.query(cloned ? `CREATE DATABASE ${name} TEMPLATE ${tmpl}` : `CREATE DATABASE ${name}`)
    const u = new URL(url)
    u.pathname = `/${name}`
    let server: { base: string; child: ChildProcess } | undefined
    try {
      const db = await openDatabase({ url: u.toString() })
      const { needId, csv } = await prepare(db, cloned)
      await db.close()
      if (keep && !cloned) await admin.query(`CREATE DATABASE ${tmpl} TEMPLATE ${name}`)
      const t = performance.now()
      server = await startServer({ DATABASE_URL: u.toString() })
      console.log(
        `PostgreSQL: the server answered ${((performance.now() - t) / 1000).toFixed(1)} s after start`,
      )
      table('PostgreSQL', await scenarios('PostgreSQL', server.base, needId, csv))
    } finally {
      if (server) await stopServer(server.child)
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    }
  }
  // PGlite (a data folder the server opens, as in production)
  if (process.env.BENCH_LOAD_PGLITE === '0') return
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-load-'))
  // BENCH_LOAD_KEEP=1: the prepared data folder is kept beside and copied by later runs
  const keptDir = path.join(os.tmpdir(), `kyodo_bench_load_tmpl_${N}_pglite`)
  const keep = process.env.BENCH_LOAD_KEEP === '1'
  const copied = keep && fs.existsSync(path.join(keptDir, 'pgdata', 'PG_VERSION'))
  const noLock = (src: string) => path.basename(src) !== 'kyodo.lock'
  if (copied) fs.cpSync(keptDir, dir, { recursive: true, filter: noLock })
  let server: { base: string; child: ChildProcess } | undefined
  try {
    const db = await openDatabase({ dataDir: dir })
    const { needId, csv } = await prepare(db, copied)
    await db.close()
    if (keep && !copied) fs.cpSync(dir, keptDir, { recursive: true, filter: noLock })
    server = await startServer({ KYODO_DATA_DIR: dir, DATABASE_URL: '' })
    table('PGlite', await scenarios('PGlite', server.base, needId, csv))
  } finally {
    if (server) await stopServer(server.child)
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
