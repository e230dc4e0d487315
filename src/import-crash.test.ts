/**
 * Issue 9/11: a server killed with SIGKILL in the middle of an import leaves no half import.
 * The real server (`src/server.ts`, its own process) on a PGlite folder holding the demo city; a
 * coordinator imports a large list through the API (mode all, published); once rows are being
 * written the server is killed; restarted on the same folder, it shows none of the list and the
 * directory's count is what it was; the folder then holds no staged row and no batch.
 * A second part checks start-up's recovery in-process: a batch committed before the stop is
 * finished (every row moved into groups), one not committed is deleted.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { openDatabase, rows } from './core/db/index.ts'
import { commitBatch, recoverImportBatches, stageRows } from './core/import/index.ts'
import { importJobs } from './core/db/schema.ts'
import { groupAreas, groups } from './features/groups/schema.ts'
import { createTestApp, type TestApp } from './testing/harness.ts'
import { pgliteTemplate } from './testing/templates.ts'

const root = path.resolve(import.meta.dirname, '..')
const MARK = '強制終了検査'
const ROWS = 6000

function csv(): string {
  const head = '団体名,団体名フリガナ,活動目的,メールアドレス'
  const lines = Array.from(
    { length: ROWS },
    (_, i) => `${MARK}の会${i + 1},キョウセイシュウリョウケンサノカイ,地域の見守り,crash${i + 1}@example.jp`,
  )
  return `${[head, ...lines].join('\r\n')}\r\n`
}

/** A port nothing listens on now (a fixed range can meet the machine's own services: NATS on 4222). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

async function startServer(dir: string): Promise<{ base: string; child: ChildProcess; log: () => string }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KYODO_DATA_DIR: dir,
      DATABASE_URL: '',
      KYODO_DEMO: '0',
      KYODO_JOBS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) break
    try {
      const r = await fetch(`${base}/healthz`)
      if (r.status < 500) return { base, child, log: () => out }
    } catch {}
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGKILL')
  throw new Error(`the server did not start: ${out.slice(-2000)}`)
}

async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const gone = new Promise((r) => child.once('exit', r))
  child.kill(signal)
  let timer: NodeJS.Timeout | undefined
  await Promise.race([gone, new Promise((r) => (timer = setTimeout(r, 15_000)))])
  clearTimeout(timer)
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}

/** A signed-in coordinator: its cookies and CSRF token. */
async function login(base: string) {
  const jar = new Map<string, string>()
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [kv] = c.split(';')
      const i = kv.indexOf('=')
      jar.set(kv.slice(0, i), kv.slice(i + 1))
    }
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const page = await fetch(`${base}/login`)
  keep(page)
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? ''
  const r = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({
      email: 'coordinator@demo.example',
      password: 'demo-password-2026',
      _csrf: csrf,
    }).toString(),
  })
  keep(r)
  assert.equal(r.status, 303, 'the coordinator signs in')
  const home = await fetch(`${base}/groups`, { headers: { cookie: cookie() } })
  const token = (await home.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? csrf
  return { cookie: cookie(), token }
}

/** What the directory shows: published groups in all, and those of the killed list. */
async function directory(base: string) {
  const all = (await (await fetch(`${base}/api/v1/groups?perPage=1`)).json()) as { total: number }
  const mine = (await (await fetch(`${base}/api/v1/groups?q=${encodeURIComponent(MARK)}`)).json()) as {
    total: number
  }
  const page = await (await fetch(`${base}/groups?q=${encodeURIComponent(MARK)}`)).text()
  return { total: all.total, mine: mine.total, pageNames: page.includes(`${MARK}の会`) }
}

describe('a server killed during an import (PGlite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-crash-'))
  const servers: ChildProcess[] = []
  after(async () => {
    for (const s of servers) await stop(s, 'SIGKILL')
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('kill -9 while an API import writes: after a restart no row of it is shown, the count is unchanged, nothing is left', async () => {
    const { PGlite } = await import('@electric-sql/pglite')
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
    const seed = new PGlite(path.join(dir, 'pgdata'), {
      loadDataDir: await pgliteTemplate('demo'),
      extensions: { pg_trgm },
    })
    await seed.waitReady
    await seed.close()

    const first = await startServer(dir)
    servers.push(first.child)
    const before = await directory(first.base)
    assert.ok(before.total > 0, 'the demo city has published groups')
    assert.equal(before.mine, 0)
    const coord = await login(first.base)
    const form = new FormData()
    form.set('file', new Blob([csv()], { type: 'text/csv' }), 'list.csv')
    const res = await fetch(`${first.base}/api/v1/groups/import?dryRun=false&mode=all&status=published`, {
      method: 'POST',
      body: form,
      headers: { cookie: coord.cookie, 'x-csrf-token': coord.token, accept: 'application/x-ndjson' },
    })
    assert.equal(res.status, 200)
    // read the progress lines until rows are being written, then kill the server
    const reader = res.body!.getReader()
    const dec = new TextDecoder()
    let buf = ''
    let written = 0
    const seen: string[] = []
    while (written < 500) {
      const { value, done } = await reader.read()
      if (done) break
      buf += dec.decode(value, { stream: true })
      let nl = buf.indexOf('\n')
      while (nl >= 0) {
        const line = JSON.parse(buf.slice(0, nl))
        buf = buf.slice(nl + 1)
        seen.push(JSON.stringify(line))
        assert.ok(!line.report && !line.error, `the import ended before it was killed: ${seen.at(-1)}`)
        if (line.phase === 'write') written = line.done
        nl = buf.indexOf('\n')
      }
    }
    assert.ok(written >= 500 && written < ROWS, `killed while writing (${written} of ${ROWS} rows written)`)
    await stop(first.child, 'SIGKILL')
    assert.equal(first.child.signalCode, 'SIGKILL')
    await reader.cancel().catch(() => {})

    const second = await startServer(dir)
    servers.push(second.child)
    const afterRestart = await directory(second.base)
    assert.equal(afterRestart.mine, 0, 'no row of the killed import is shown')
    assert.equal(afterRestart.pageNames, false, 'the directory page names none of them')
    assert.equal(afterRestart.total, before.total, 'the directory count is unchanged')
    // and the coordinator's review lists show none either
    const c2 = await login(second.base)
    for (const status of ['pending', 'published', 'draft']) {
      const r = await fetch(`${second.base}/coordinator/groups?status=${status}`, {
        headers: { cookie: c2.cookie },
      })
      assert.equal(r.status, 200)
      assert.ok(!(await r.text()).includes(MARK), `the ${status} list names none of them`)
    }
    await stop(second.child, 'SIGTERM')

    // the folder: start-up removed the staged rows and the batch; no audit entry of the import
    const db = await openDatabase({ dataDir: dir })
    try {
      const [g] = await rows<{ n: number }>(
        db.db,
        sql`SELECT ((SELECT count(*) FROM groups WHERE name LIKE ${`${MARK}%`}) + (SELECT count(*) FROM import_staged_rows))::int AS n`,
      )
      assert.equal(g.n, 0, 'no staged row is left')
      const [b] = await rows<{ n: number }>(db.db, sql`SELECT count(*)::int AS n FROM import_batches`)
      assert.equal(b.n, 0, 'no batch is left')
      const [a] = await rows<{ n: number }>(
        db.db,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'group.import'`,
      )
      assert.equal(a.n, 0, 'no audit entry of the killed import')
    } finally {
      await db.close()
    }
  })
})

describe('start-up recovery of a batch left behind', () => {
  let t: TestApp
  after(async () => t?.close())

  test('a committed batch is finished (all its rows shown); an uncommitted one is deleted', async () => {
    t = await createTestApp()
    const [m] = await rows<{ id: string }>(t.database.db, sql`SELECT id FROM municipalities LIMIT 1`)
    const ctx = { db: t.database.db, tenantId: m.id }
    const row = (name: string) => ({
      municipalityId: m.id,
      name,
      nameKana: 'カイフク',
      actorKind: 'civic',
      legalForm: 'npo',
      status: 'published',
      source: 'import',
    })
    const committed = await stageRows(
      ctx,
      groups,
      Array.from({ length: 600 }, (_, i) => row(`確定済み回復${i}`)),
    )
    await commitBatch(ctx, committed)
    await stageRows(
      ctx,
      groups,
      Array.from({ length: 300 }, (_, i) => row(`未確定回復${i}`)),
    )
    const count = async (like: string, status?: string) =>
      (
        await rows<{ n: number }>(
          t.database.db,
          sql`SELECT count(*)::int AS n FROM groups WHERE name LIKE ${like} ${status ? sql`AND status = ${status}` : sql``}`,
        )
      )[0].n
    assert.equal(await count('確定済み回復%'), 0, 'staged rows are not in groups')
    const r = await recoverImportBatches(t.database.db)
    assert.deepEqual(r, { discarded: 300, published: 600 })
    assert.equal(await count('確定済み回復%', 'published'), 600)
    assert.equal(await count('未確定回復%'), 0)
    const [b] = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM import_batches`)
    assert.equal(b.n, 0)
  })

  test('an import that staged its groups and their areas: start-up moves the groups first, then the areas', async () => {
    const db = t.database.db
    const [m] = await rows<{ id: string }>(db, sql`SELECT id FROM municipalities LIMIT 1`)
    const [area] = await rows<{ id: string }>(
      db,
      sql`SELECT id FROM areas WHERE municipality_id = ${m.id} LIMIT 1`,
    )
    const ctx = { db, tenantId: m.id }
    const ids = Array.from({ length: 300 }, () => randomUUID())
    // the areas' batch is written first here but dated after the groups' one: start-up must go by
    // the order the batches were opened (as the import opens them), or the links come before their groups
    const links = await stageRows(
      ctx,
      groupAreas,
      ids.map((groupId) => ({ municipalityId: m.id, groupId, areaId: area.id })),
    )
    const gs = await stageRows(
      ctx,
      groups,
      ids.map((id, i) => ({
        id,
        municipalityId: m.id,
        name: `地区つき回復${i}`,
        nameKana: 'チクツキカイフク',
        actorKind: 'civic',
        legalForm: 'npo',
        status: 'published',
        source: 'import',
      })),
    )
    await db.execute(
      sql`UPDATE import_batches SET created_at = now() - interval '1 minute' WHERE id = ${gs.id}`,
    )
    // committed areas first: the rows of import_batches now lie links first
    await commitBatch(ctx, links)
    await commitBatch(ctx, gs)
    const r = await recoverImportBatches(db)
    assert.deepEqual(r, { discarded: 0, published: 600 })
    const [n] = await rows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM groups g JOIN group_areas ga
          ON ga.municipality_id = g.municipality_id AND ga.group_id = g.id AND ga.area_id = ${area.id}
          WHERE g.name LIKE '地区つき回復%'`,
    )
    assert.equal(n.n, 300, 'every recovered group has its area')
  })
  test('a page-started job whose batch was committed before the stop says the import was completed', async () => {
    const [m] = await rows<{ id: string }>(t.database.db, sql`SELECT id FROM municipalities LIMIT 1`)
    const ctx = { db: t.database.db, tenantId: m.id }
    const [job] = await t.database.db
      .insert(importJobs)
      .values({ municipalityId: m.id, kind: 'groups', dryRun: false, phase: 'write', done: 10, total: 10 })
      .returning()
    const batch = await stageRows(
      ctx,
      groups,
      [
        {
          municipalityId: m.id,
          name: '再起動で完了した団体',
          nameKana: 'サイキドウデカンリョウシタダンタイ',
          actorKind: 'civic',
          legalForm: 'npo',
          status: 'pending',
          source: 'import',
        },
      ],
      { jobId: job.id },
    )
    await commitBatch(ctx, batch)
    await recoverImportBatches(t.database.db)
    const coord = await t.as('coordinator@demo.example')
    const r = await coord.get(`/groups/import/jobs/${job.id}`)
    assert.equal(r.status, 200)
    const html = await r.text()
    assert.match(html, /<h1>取り込みは再起動のときに完了しました<\/h1>/)
    assert.match(html, /取り込みを完了しました/)
    const [g] = await rows<{ status: string }>(
      t.database.db,
      sql`SELECT status FROM groups WHERE name = '再起動で完了した団体'`,
    )
    assert.equal(g.status, 'pending')
  })
})
