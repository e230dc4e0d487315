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
      sql`SELECT name_kana, name_kana_generated, legal_form, status, member_count FROM groups WHERE name LIKE '%みどりの会第1'`,
    )
    assert.match(g.name_kana, /^ミドリノカイ/)
    assert.equal(g.name_kana_generated, true)
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
  test('a failure while writing rolls the whole import back (one transaction)', async () => {
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
