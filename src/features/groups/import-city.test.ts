import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { rows } from '../../core/db/index.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { importGroups } from './io.ts'
import { npoFixture } from './npo-fixture.ts'

/** Issue #9: import what a city really has — its spreadsheet of groups, as it is. */

let t: TestApp
let dataDir: string
let coord: TestClient

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-import-'))
  t = await createTestApp({ env: { KYODO_DATA_DIR: dataDir } })
  coord = await t.as('coordinator@demo.example')
  await coord.get('/groups/import')
})
after(async () => {
  await t.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function upload(c: TestClient, p: string, bytes: Uint8Array, name = 'groups.csv') {
  const fd = new FormData()
  fd.append('_csrf', c.csrf)
  fd.append('file', new Blob([bytes as BlobPart]), name)
  return c.request('POST', p, { body: fd, headers: { 'x-csrf-token': c.csrf } })
}
const json = async (r: Response) => (await r.json()) as any
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'))
const count = async () =>
  Number((await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM groups`))[0].n)
const auditCount = async (action: string) =>
  Number(
    (
      await rows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`,
      )
    )[0].n,
  )
const facets = async () => {
  const r = await coord.get('/api/v1/groups?facets=true&per_page=1', { accept: 'application/json' })
  assert.equal(r.status, 200)
  return (await json(r)).facets.field as Record<string, number>
}

async function loadCtx() {
  const { loadActor } = await import('../../core/auth/service.ts')
  const [m] = await rows<any>(t.database.db, sql`SELECT * FROM municipalities LIMIT 1`)
  const [u] = await rows<{ id: string }>(
    t.database.db,
    sql`SELECT id FROM users WHERE email = 'coordinator@demo.example'`,
  )
  const actor = await loadActor(t.database.db, m.id, u.id, 'session')
  return {
    db: t.database.db,
    dbKind: t.database.kind,
    config: t.config,
    tenantId: m.id,
    municipality: { ...m, settings: m.settings ?? {}, officeEmail: m.office_email ?? '' },
    actor,
    ip: '127.0.0.1',
    userAgent: 'test',
  } as any
}

describe('a prefecture list of 600 NPO法人 (CP932, short-form fields, no フリガナ, 3 broken rows)', () => {
  const fx = npoFixture(600)

  test('the dry run (the default) reports exactly the 3 broken rows by row and column; nothing is written', async () => {
    const before = await count()
    const r = await upload(coord, '/api/v1/groups/import', new Uint8Array(fx.bytes))
    assert.equal(r.status, 200)
    const rep = await json(r)
    assert.equal(rep.dryRun, true)
    assert.equal(rep.encoding, 'cp932')
    assert.equal(rep.headerLine, fx.headerLine)
    assert.equal(rep.total, 603)
    assert.equal(rep.created, 600)
    assert.equal(rep.kanaGenerated, 600)
    assert.deepEqual(
      rep.errors.map((e: any) => ({ row: e.row, column: e.column })),
      fx.broken,
      JSON.stringify(rep.errors.slice(0, 5)),
    )
    assert.ok(rep.errors.every((e: any) => /[ぁ-んァ-ン一-龯]/.test(e.message)))
    assert.equal(rep.applied, false)
    assert.equal(await count(), before)
  })

  test('all-or-nothing writes nothing; good_only imports the 600 good rows; the directory counts per field equal the file', async () => {
    const before = await count()
    const refused = await json(
      await upload(coord, '/api/v1/groups/import?dryRun=false&mode=all', new Uint8Array(fx.bytes)),
    )
    assert.equal(refused.applied, false)
    assert.equal(refused.created, 0)
    assert.equal(await count(), before)
    const facetsBefore = await facets()
    const rep = await json(
      await upload(
        coord,
        '/api/v1/groups/import?dryRun=false&mode=good_only&status=published',
        new Uint8Array(fx.bytes),
      ),
    )
    assert.equal(rep.applied, true)
    assert.equal(rep.created, 600)
    assert.equal(rep.errors.length, 3)
    assert.equal(await count(), before + 600)
    const facetsAfter = await facets()
    for (const [code, n] of Object.entries(fx.fieldCounts))
      assert.equal((facetsAfter[code] ?? 0) - (facetsBefore[code] ?? 0), n, code)
    const [g] = await rows<any>(
      t.database.db,
      sql`SELECT id, name_kana, name_kana_generated, legal_form, status, member_count FROM groups WHERE name LIKE '%みどりの会第1'`,
    )
    assert.match(g.name_kana, /^ミドリノカイ/)
    assert.equal(g.name_kana_generated, true)
    // staff are told the reading is a guess where they can correct it
    const edit = await (await coord.get(`/groups/${g.id}/edit`)).text()
    assert.match(edit, /このフリガナは取り込みのとき団体名から自動で作りました/)
    assert.ok(['npo', 'certified_npo'].includes(g.legal_form), g.legal_form)
    assert.equal(g.status, 'published')
    assert.equal(typeof g.member_count, 'number')
  })
})

describe('fields in any wording, unknown values mapped once and remembered', () => {
  const header = '団体名,フリガナ,活動分野\r\n'
  test('official wording, numbers and short forms are accepted', async () => {
    const body = `${header}語法の会,ゴホウノカイ,"保健、医療又は福祉の増進を図る活動、第13号、①、(3)、7号、人権・平和"\r\n`
    const rep = await json(await upload(coord, '/api/v1/groups/import', utf8(body)))
    assert.deepEqual(rep.errors, [])
    assert.equal(rep.created, 1)
  })
  test('an unknown value names the nearest labels; mapped once it is remembered for the next import', async () => {
    const body = `${header}交流の会,コウリュウノカイ,国際交流、まちづくり\r\n`
    const dry = await json(await upload(coord, '/api/v1/groups/import', utf8(body)))
    assert.equal(dry.errors.length, 1)
    assert.equal(dry.errors[0].row, 2)
    assert.equal(dry.errors[0].column, '活動分野')
    assert.match(dry.errors[0].message, /近い分野：「国際協力」/)
    assert.equal(dry.unknownFieldValues[0].value, '国際交流')
    const fv = encodeURIComponent(JSON.stringify({ 国際交流: 'international' }))
    const done = await json(
      await upload(
        coord,
        `/api/v1/groups/import?dryRun=false&status=published&fieldValues=${fv}`,
        utf8(body),
      ),
    )
    assert.equal(done.applied, true)
    const [g] = await rows<any>(t.database.db, sql`SELECT fields FROM groups WHERE name = '交流の会'`)
    assert.deepEqual([...g.fields].sort(), ['community', 'international'])
    const next = await json(
      await upload(coord, '/api/v1/groups/import', utf8(`${header}次の会,ツギノカイ,国際交流\r\n`)),
    )
    assert.deepEqual(next.errors, [])
    const fields = await json(await coord.get('/api/v1/fields', { accept: 'application/json' }))
    const intl = fields.items.find((f: any) => f.code === 'international')
    assert.ok(intl.wordings.includes('国際交流'))
    const inter = fields.items.find((f: any) => f.code === 'intermediary')
    assert.equal(inter.number, 19)
    assert.ok(inter.wordings.includes('連絡・助言・援助'))
  })
})

describe('XLSX, a title row, spaces and full-width header cells, the mapping parameter', () => {
  test('a workbook with a title row and blank rows is read with Excel row numbers; mapping picks a column', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('名簿')
    ws.getCell('A1').value = '市民活動団体名簿'
    ws.getRow(4).values = ['名称（正式）', ' ﾌﾘｶﾞﾅ ', '活動　分野', 'メールアドレス', null, null]
    ws.getRow(5).values = ['エクセルの会', 'えくせるのかい', 'まちづくり', 'xl@example.jp']
    ws.getRow(6).values = ['エクセル二の会', '', '観光', 'bad-mail']
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const noMap = await json(await upload(coord, '/api/v1/groups/import', bytes, 'g.xlsx'))
    assert.equal(noMap.format, 'xlsx')
    assert.equal(noMap.headerLine, 4)
    const mapping = encodeURIComponent(JSON.stringify({ name: '名称（正式）' }))
    const rep = await json(await upload(coord, `/api/v1/groups/import?mapping=${mapping}`, bytes, 'g.xlsx'))
    assert.equal(rep.mapping.name, 0)
    assert.equal(rep.mapping.nameKana, 1)
    assert.equal(rep.mapping.fields, 2)
    assert.equal(rep.created, 1)
    assert.equal(rep.kanaGenerated, 0)
    assert.deepEqual(
      rep.errors.map((e: any) => [e.row, e.column]),
      [[6, 'メールアドレス']],
    )
  })
})

describe('large files stay safe', () => {
  test('a failure while writing rolls the whole import back (nothing of it stays)', async () => {
    const ctx = await loadCtx()
    const fx = npoFixture(1200, 7, '戻し')
    const before = await count()
    const audits = await auditCount('group.import')
    await assert.rejects(
      importGroups(ctx, new Uint8Array(fx.bytes), {
        dryRun: false,
        mode: 'good_only',
        status: 'published',
        onProgress: (phase, done) => {
          if (phase === 'write' && done >= 500) throw new Error('killed mid-import')
        },
      }),
      /killed mid-import/,
    )
    assert.equal(await count(), before)
    assert.equal(await auditCount('group.import'), audits)
  })
  test('progress is streamed as lines when asked (application/x-ndjson)', async () => {
    const fx = npoFixture(1500, 3, '流れ')
    const fd = new FormData()
    fd.append('file', new Blob([new Uint8Array(fx.bytes) as BlobPart]), 'g.csv')
    const r = await coord.request('POST', '/api/v1/groups/import', {
      body: fd,
      headers: { 'x-csrf-token': coord.csrf, accept: 'application/x-ndjson' },
    })
    const lines = (await r.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.ok(lines.some((l) => l.phase === 'check' && l.done === 1000))
    assert.equal(lines.at(-1).report.created, 1500)
    assert.equal(lines.at(-1).report.dryRun, true)
  })
})

describe('imported groups wait for review; coordinators approve or return many at once', () => {
  test('pending by default; API approve and return (audited); the review list approves several', async () => {
    const body =
      '団体名,フリガナ\r\n審査の会一,シンサノカイイチ\r\n審査の会二,シンサノカイニ\r\n審査の会三,シンサノカイサン\r\n審査の会四,シンサノカイヨン\r\n'
    const rep = await json(await upload(coord, '/api/v1/groups/import?dryRun=false', utf8(body)))
    assert.equal(rep.status, 'pending')
    const ids = await rows<{ id: string; name: string; status: string }>(
      t.database.db,
      sql`SELECT id, name, status FROM groups WHERE name LIKE '審査の会%' ORDER BY name_kana`,
    )
    assert.ok(ids.every((g) => g.status === 'pending'))
    const byName = new Map(ids.map((g) => [g.name, g.id]))
    const a = await coord.request('POST', `/api/v1/groups/${byName.get('審査の会一')}/approve`, {
      body: JSON.stringify({}),
      headers: { 'x-csrf-token': coord.csrf, 'content-type': 'application/json' },
    })
    assert.equal(a.status, 200)
    assert.equal((await json(a)).status, 'published')
    const noComment = await coord.request('POST', `/api/v1/groups/${byName.get('審査の会二')}/return`, {
      body: JSON.stringify({}),
      headers: { 'x-csrf-token': coord.csrf, 'content-type': 'application/json' },
    })
    assert.equal(noComment.status, 422)
    const ret = await coord.request('POST', `/api/v1/groups/${byName.get('審査の会二')}/return`, {
      body: JSON.stringify({ comment: '活動内容を書いてください' }),
      headers: { 'x-csrf-token': coord.csrf, 'content-type': 'application/json' },
    })
    assert.equal((await json(ret)).status, 'returned')
    const approvals = await auditCount('group.approve')
    const page = await (await coord.get('/coordinator/groups')).text()
    assert.match(page, /name="ids\[\]"/)
    const bulk = await coord.post('/coordinator/groups/review', {
      action: 'approve',
      'ids[]': [byName.get('審査の会三')!, byName.get('審査の会四')!],
    })
    assert.equal(bulk.status, 303)
    assert.equal(await auditCount('group.approve'), approvals + 2)
    const after = await rows<{ status: string }>(
      t.database.db,
      sql`SELECT status FROM groups WHERE name IN ('審査の会三', '審査の会四')`,
    )
    assert.deepEqual(
      after.map((x) => x.status),
      ['published', 'published'],
    )
  })
})

describe('a failed or killed import writes nothing', () => {
  test('mode=all: an error in the middle of writing leaves no new row, no audit entry, no remembered mapping', async () => {
    const ctx = await loadCtx()
    const fx = npoFixture(4500, 5, '全件落ち')
    const good = fx.text.replace(/npo-at-example\.jp/, 'npo-ok@example.jp').replace(/,数名,/, ',3,')
    const lines = good.split('\r\n')
    // the row without a name gets one: every row is good, so mode=all writes
    const bytes = utf8(lines.map((l) => (l.startsWith(',') ? `全件落ち名無し${l}` : l)).join('\r\n'))
    const dry = await importGroups(ctx, bytes, { dryRun: true, mode: 'all' })
    assert.equal(dry.errors.length, 0, JSON.stringify(dry.errors.slice(0, 3)))
    const before = await count()
    const audits = await auditCount('group.import')
    const settingsBefore = (await rows<any>(t.database.db, sql`SELECT settings FROM municipalities`))[0]
    const chunks: number[] = []
    await assert.rejects(
      importGroups(ctx, bytes, {
        dryRun: false,
        mode: 'all',
        status: 'published',
        fieldValues: { 落ちた値: 'community' },
        onProgress: (phase, done) => {
          if (phase !== 'write') return
          chunks.push(done)
          if (chunks.length === 2) throw new Error('failure in the middle of the import')
        },
      }),
      /failure in the middle/,
    )
    // PGlite writes 250 rows a statement (invisible until committed), PostgreSQL 2,000 in its transaction
    const step = t.database.kind === 'pglite' ? 250 : 2000
    assert.deepEqual(chunks, [step, 2 * step], 'two chunks of rows were written before the failure')
    const staged = await rows<{ n: number }>(
      t.database.db,
      sql`SELECT ((SELECT count(*) FROM import_staged_rows) + (SELECT count(*) FROM import_batches) )::int AS n`,
    )
    assert.equal(staged[0].n, 0, 'the staged rows were deleted')
    assert.equal(await count(), before)
    assert.equal(await auditCount('group.import'), audits)
    const settingsAfter = (await rows<any>(t.database.db, sql`SELECT settings FROM municipalities`))[0]
    assert.deepEqual(settingsAfter, settingsBefore)
  })

  test('mode=good_only writes exactly the good rows, none of the broken ones', async () => {
    const ctx = await loadCtx()
    const fx = npoFixture(300, 9, '良行')
    const rep = await importGroups(ctx, new Uint8Array(fx.bytes), {
      dryRun: false,
      mode: 'good_only',
      status: 'published',
    })
    assert.equal(rep.created, 300)
    const written = await rows<{ name: string; email: string }>(
      t.database.db,
      sql`SELECT name, contact_email AS email FROM groups WHERE name LIKE '%良行%' ORDER BY name`,
    )
    const records = fx.text.split('\r\n').slice(fx.headerLine)
    const brokenRecords = fx.broken.map((b) => records[b.row - fx.headerLine - 1].split(','))
    const goodNames = records
      .filter((r, i) => r && !fx.broken.some((b) => b.row === fx.headerLine + 1 + i))
      .map((r) => r.split(',')[0])
    assert.deepEqual(written.map((w) => w.name).sort(), goodNames.sort())
    for (const b of brokenRecords) {
      assert.ok(!written.some((w) => w.email === b[5]), `broken row ${b[0]} ${b[5]} was written`)
    }
  })

  test('killing the server in the middle of writing leaves no half import; the job reads as interrupted', async () => {
    const { PGlite } = await import('@electric-sql/pglite')
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
    const { pgliteTemplate } = await import('../../testing/templates.ts')
    const { spawn } = await import('node:child_process')
    const { openDatabase } = await import('../../core/db/index.ts')
    const { importJob, recoverImportBatches } = await import('../../core/import/index.ts')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-kill-'))
    try {
      const seed = new PGlite(path.join(dir, 'pgdata'), {
        loadDataDir: await pgliteTemplate('demo'),
        extensions: { pg_trgm },
      })
      await seed.waitReady
      await seed.close()
      const file = path.join(dir, 'list.csv')
      const fx = npoFixture(5000, 13, '殺')
      const lines = fx.text
        .replace(/npo-at-example\.jp/, 'npo-ok@example.jp')
        .replace(/,数名,/, ',3,')
        .split('\r\n')
      fs.writeFileSync(file, lines.map((l) => (l.startsWith(',') ? `殺名無し${l}` : l)).join('\r\n'))
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(import.meta.dirname, 'import-kill.child.ts'), dir, file],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      )
      const jobId = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (d) => {
          out += d
          const m = out.match(/^(\S+) WRITING (\d+)/m)
          if (m) resolve(m[1])
        })
        child.on('exit', (code) => reject(new Error(`child exited (${code}) before writing: ${out}`)))
      })
      const exited = new Promise((r) => child.on('exit', r))
      child.kill('SIGKILL')
      await exited
      const after = await openDatabase({ dataDir: dir })
      try {
        // before start-up's recovery the staged rows wait outside the groups table
        const seen = await rows<{ n: number }>(
          after.db,
          sql`SELECT count(*)::int AS n FROM groups WHERE name LIKE '%殺%'`,
        )
        assert.equal(seen[0].n, 0, 'no row of the killed import in groups')
        const rec = await recoverImportBatches(after.db)
        assert.ok(rec.discarded > 0, 'start-up deleted the staged rows')
        const n = await rows<{ n: number }>(
          after.db,
          sql`SELECT count(*)::int AS n FROM groups WHERE name LIKE '%殺%'`,
        )
        assert.equal(n[0].n, 0, 'no row of the killed import')
        const a = await rows<{ n: number }>(
          after.db,
          sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'group.import'`,
        )
        assert.equal(a[0].n, 0, 'no audit entry of the killed import')
        const s = await rows<any>(after.db, sql`SELECT settings FROM municipalities`)
        assert.equal(s[0].settings?.importFieldValues?.殺された値, undefined)
        const [m] = await rows<any>(after.db, sql`SELECT * FROM municipalities LIMIT 1`)
        const job = await importJob(
          { db: after.db, dbKind: 'pglite', tenantId: m.id } as any,
          'groups',
          jobId,
        )
        assert.equal(job?.state, 'interrupted')
        assert.match(job!.message, /何も取り込まれていません/)
      } finally {
        await after.close()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('an import started from the page runs as a job with a progress page', () => {
  const form = (key: string, extra: Record<string, string>) => ({
    step: 'run',
    key,
    map_name: '0',
    map_legalForm: '1',
    map_fields: '2',
    map_address: '3',
    map_memberCount: '4',
    map_contactEmail: '5',
    mode: 'good_only',
    status: 'published',
    duplicates: 'skip',
    ...extra,
  })

  test('the page shows rows checked and errors so far while it runs (polling JSON, or refreshing without JavaScript), then the report', async () => {
    const { stageImport, runImport, runInput } = await import('./import.ts')
    const { startImportJob } = await import('../../core/import/index.ts')
    const ctx = await loadCtx()
    const fx = npoFixture(2400, 17, '進捗')
    const staged = await stageImport(ctx, new File([new Uint8Array(fx.bytes)], 'list.csv'))
    assert.ok(staged.ok)
    const input = runInput(form(staged.key, { dryRun: 'true' }))
    let release = () => {}
    const latch = new Promise<void>((r) => {
      release = r
    })
    let reached = () => {}
    const atLatch = new Promise<void>((r) => {
      reached = r
    })
    const id = await startImportJob(ctx, {
      kind: 'groups',
      dryRun: true,
      params: input as any,
      run: async (progress) =>
        (await runImport(ctx, input, async (p) => {
          await progress(p)
          if (p.phase === 'check' && p.done === 2000) {
            reached()
            await latch
          }
        })) as any,
    })
    await atLatch
    const st = await json(await coord.get(`/api/v1/groups/import/jobs/${id}`, { accept: 'application/json' }))
    assert.equal(st.state, 'running')
    assert.equal(st.phase, 'check')
    assert.equal(st.done, 2000)
    assert.equal(st.total, 2403)
    assert.equal(st.errors, 3, 'the three broken rows are among the first 2,000')
    assert.equal(st.report, undefined)
    const page = await coord.get(`/groups/import/jobs/${id}`)
    assert.equal(page.headers.get('cache-control'), 'no-store')
    const html = await page.text()
    assert.match(html, /<progress id="import-progress-bar" max="2403" value="2000"/)
    assert.match(html, /2,000／2,403行を確かめました。問題のある行：3件（ここまで）/)
    assert.match(html, /<noscript><meta http-equiv="refresh" content="5"\/?><\/noscript>/)
    assert.match(html, /<script src="\/static\/import-progress.js" defer/)
    const still = await (await coord.get(`/groups/import/jobs/${id}?auto=0`)).text()
    assert.doesNotMatch(still, /http-equiv="refresh"/)
    assert.match(still, /最新の状態を表示する/)
    const js = await coord.get('/static/import-progress.js')
    assert.equal(js.status, 200)
    release()
    const { waitForJob } = await import('../../core/import/index.ts')
    assert.ok(await waitForJob(id, 30_000))
    const done = await json(
      await coord.get(`/api/v1/groups/import/jobs/${id}`, { accept: 'application/json' }),
    )
    assert.equal(done.state, 'done')
    assert.equal(done.report.created, 2400)
    assert.equal(done.report.errors.length, 3)
    const result = await (await coord.get(`/groups/import/jobs/${id}`)).text()
    assert.match(result, /確認結果（ドライラン：まだ何も変更していません）/)
    assert.match(result, /name="key" value="[^"]+"/, 'the form is there to import for real')
  })

  test('the form posts, the job runs, the page shows the report; a second run at once is refused; a failed job keeps the typed mapping', async () => {
    const fx = npoFixture(40, 19, '画面')
    const up = await upload(coord, '/groups/import', new Uint8Array(fx.bytes), 'list.csv')
    assert.equal(up.status, 200)
    const key = (await up.text()).match(/name="key" value="([^"]+)"/)![1]
    const before = await count()
    const r = await coord.post('/groups/import', form(key, { dryRun: 'false' }))
    assert.equal(r.status, 303)
    const loc = r.headers.get('location')!
    assert.match(loc, /^\/groups\/import\/jobs\/[0-9a-f-]{36}$/)
    const { waitForJob } = await import('../../core/import/index.ts')
    assert.ok(await waitForJob(loc.split('/').at(-1)!, 30_000))
    const page = await (await coord.get(loc)).text()
    assert.match(page, /取り込み結果/)
    assert.match(page, /新規40件/)
    assert.equal(await count(), before + 40)

    // a failed job: its page says nothing was written and shows the form with the mapping as typed
    const fx2 = npoFixture(30, 23, '失敗')
    const up2 = await upload(coord, '/groups/import', new Uint8Array(fx2.bytes), 'list.csv')
    const key2 = (await up2.text()).match(/name="key" value="([^"]+)"/)![1]
    const { startImportJob } = await import('../../core/import/index.ts')
    const { runInput } = await import('./import.ts')
    const ctx = await loadCtx()
    const input = runInput(form(key2, { dryRun: 'false', map_memberCount: '-1' }))
    const id = await startImportJob(ctx, {
      kind: 'groups',
      dryRun: false,
      params: input as any,
      run: async () => {
        throw new Error('disk full')
      },
    })
    assert.ok(await waitForJob(id, 10_000))
    const failed = await (await coord.get(`/groups/import/jobs/${id}`)).text()
    assert.match(failed, /取り込みに失敗しました。何も書き込んでいません。/)
    assert.match(failed, /<select[^>]*name="map_memberCount"[\s\S]*?<option value="-1" selected/)
    assert.match(failed, /<select[^>]*name="map_contactEmail"[\s\S]*?<option value="5" selected/)
  })
})
