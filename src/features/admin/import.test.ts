import { parse } from 'csv-parse/sync'
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import iconv from 'iconv-lite'
import { rows } from '../../core/db/index.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { applyMapping, autoMap, checkDepartmentRows, DEPARTMENT_FIELDS } from '../organisation/index.ts'

let t: TestApp
let admin: TestClient
before(async () => {
  t = await createTestApp()
  admin = await t.as('admin@demo.example')
  await admin.get('/admin/departments/import')
})
after(async () => t.close())

const dept = async (name: string) =>
  (
    await rows<{ id: string; phone: string; parent: string | null; kind: string; duties: string }>(
      t.database.db,
      sql`SELECT d.id, d.phone, d.kind, d.duties, p.name AS parent FROM departments d LEFT JOIN departments p ON p.id = d.parent_id WHERE d.name = ${name}`,
    )
  )[0]
const auditCount = async (action: string) =>
  (await rows(t.database.db, sql`SELECT 1 FROM audit_log WHERE action = ${action}`)).length

/** A department list as a city would keep it in Excel: Japanese headers, some mistakes. */
const CSV = [
  '課名,ふりがな,上位部署,所掌事務,電話番号',
  '国際交流課,こくさいこうりゅうか,総合政策部,外国人住民の支援、国際交流イベント,0422-60-1111', // 2: new
  '道路課,ドウロカ,都市整備部,道路の維持管理、道路の美化（アダプト制度）,0422-60-2222', // 3: update
  ',,総合政策部,名前のない行,', // 4: name missing
  '不明課,フメイカ,存在しない部,上位部署が無い,', // 5: parent missing
  '電話課,デンワカ,,電話番号が違う,abc', // 6: bad phone
  '地域共生部,チイキキョウセイブ,,,', // 7: new 部 (kind guessed)
  '地域共生課,チイキキョウセイカ,地域共生部,地域の支え合い,', // 8: new 課 under the new 部
].join('\r\n')

const cp932 = () => iconv.encode(CSV, 'cp932')

async function upload(
  c: TestClient,
  path: string,
  bytes: Uint8Array,
  name = '部署.csv',
  extra: Record<string, string> = {},
) {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), name)
  for (const [k, v] of Object.entries(extra)) fd.append(k, v)
  return c.request('POST', path, { body: fd, headers: { 'x-csrf-token': c.csrf } })
}

const unescapeHtml = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e as string]!,
  )

const mapping = {
  map_name: '0',
  map_nameKana: '1',
  map_kind: '',
  map_parent: '2',
  map_duties: '3',
  map_phone: '4',
  map_email: '',
  map_location: '',
  map_sortOrder: '',
}

describe('column mapping and row checks (pure)', () => {
  test('obvious Japanese headers are mapped automatically', () => {
    const m = autoMap(['課名', 'ふりがな', '上位部署', '所掌事務', '電話番号', '備考'], DEPARTMENT_FIELDS)
    assert.deepEqual(
      {
        name: m.name,
        nameKana: m.nameKana,
        parent: m.parent,
        duties: m.duties,
        phone: m.phone,
        email: m.email,
      },
      { name: 0, nameKana: 1, parent: 2, duties: 3, phone: 4, email: null },
    )
    assert.equal(autoMap(['部署名', '事務分掌', 'TEL'], DEPARTMENT_FIELDS).phone, 2)
  })

  test('every problem is reported by row and column in Japanese', () => {
    const lines = CSV.split('\r\n').slice(1)
    const parsed = lines.map((l, i) => ({ line: i + 2, cells: l.split(',') }))
    const map = autoMap(CSV.split('\r\n')[0].split(','), DEPARTMENT_FIELDS)
    const { good, errors } = checkDepartmentRows(
      applyMapping(parsed, map),
      new Set(['総合政策部', '都市整備部', '道路課']),
    )
    assert.deepEqual(
      errors.map((e) => [e.row, e.column]),
      [
        [4, '部署名'],
        [5, '上位部署'],
        [6, '電話番号'],
      ],
    )
    assert.match(errors[1].message, /上位部署「存在しない部」が見つかりません/)
    assert.deepEqual(
      good.map((g) => g.name),
      ['国際交流課', '道路課', '地域共生部', '地域共生課'],
    )
    assert.equal(good[0].nameKana, 'コクサイコウリュウカ')
  })
})

describe('department import through the pages (CP932 file, no JavaScript)', () => {
  let text = ''

  test('upload a CP932 file: it is decoded and the columns are mapped', async () => {
    const res = await upload(admin, '/admin/departments/import', cp932())
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.match(html, /Shift_JIS（CP932）/)
    assert.match(html, /データ7行を読み込みました/)
    assert.match(html, /<option value="0" selected="">1列目：課名<\/option>/)
    assert.match(html, /<option value="2" selected="">3列目：上位部署<\/option>/)
    const m = html.match(/name="csvText" value="([^"]*)"/)
    assert.ok(m)
    text = unescapeHtml(m[1])
    // the table is carried as CSV text (re-written from what was read; blank rows left out)
    const recs = (x: string) =>
      (parse(x, { relax_column_count: true }) as string[][]).filter((r) => r.some((c) => c.trim()))
    assert.deepEqual(recs(text), recs(CSV))
  })

  test('the dry run lists every problem and writes nothing', async () => {
    const res = await admin.post('/admin/departments/import/check', {
      csvText: text,
      encoding: 'cp932',
      ...mapping,
    })
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.match(html, /4行目<\/td><td>部署名<\/td><td>部署名が空です/)
    assert.match(html, /5行目<\/td><td>上位部署<\/td><td>上位部署「存在しない部」が見つかりません/)
    assert.match(html, /6行目<\/td><td>電話番号<\/td>/)
    assert.match(html, /新規登録<\/dt><dd>3件/)
    assert.match(html, /更新（同じ名前が登録済み）<\/dt><dd>1件/)
    assert.match(html, /name="mode" value="good_only"/)
    assert.equal(await dept('国際交流課'), undefined)
  })

  test('a required field without a column is refused at the mapping step', async () => {
    const res = await admin.post('/admin/departments/import/check', {
      csvText: text,
      encoding: 'cp932',
      ...mapping,
      map_name: '',
    })
    assert.equal(res.status, 422)
    assert.match(await res.text(), /「部署名」に対応する列を選んでください/)
  })

  test('all-or-nothing with errors imports nothing', async () => {
    const before = await auditCount('department.import')
    const res = await admin.post('/admin/departments/import/commit', {
      csvText: text,
      encoding: 'cp932',
      ...mapping,
      mode: 'all',
    })
    assert.equal(res.status, 422)
    assert.match(await res.text(), /「すべて取り込む」では何も取り込みませんでした/)
    assert.equal(await dept('国際交流課'), undefined)
    assert.equal((await dept('道路課')).phone.startsWith('0422-60-2222'), false)
    assert.equal(await auditCount('department.import'), before)
  })

  test('good rows only: creates, updates (by name) and links parents, with audit rows', async () => {
    const res = await admin.post('/admin/departments/import/commit', {
      csvText: text,
      encoding: 'cp932',
      ...mapping,
      mode: 'good_only',
    })
    assert.equal(res.status, 303)
    const flash = decodeURIComponent(decodeURIComponent(admin.cookies.get('kyodo_flash') ?? ''))
    assert.match(flash, /新規3件、更新1件、スキップ3件/)
    const k = await dept('国際交流課')
    assert.equal(k.parent, '総合政策部')
    assert.equal(k.kind, 'ka')
    const road = await dept('道路課')
    assert.equal(road.phone, '0422-60-2222')
    assert.match(road.duties, /アダプト制度/)
    assert.equal(road.parent, '都市整備部')
    assert.equal((await dept('地域共生部')).kind, 'bu')
    assert.equal((await dept('地域共生課')).parent, '地域共生部')
    assert.equal(await dept('不明課'), undefined)
    assert.equal(await auditCount('department.import.create'), 3)
    assert.equal(await auditCount('department.import.update'), 1)
    assert.equal(await auditCount('department.import'), 1)
    const list = await (await admin.get('/admin/departments')).text()
    assert.match(list, /国際交流課/)
  })

  test('a broken file is refused with a Japanese message', async () => {
    const bad = await upload(
      admin,
      '/admin/departments/import',
      new Uint8Array([0x82, 0xa0, 0xff, 0xfe, 0x81, 0x00, 0x85]),
    )
    assert.equal(bad.status, 422)
    assert.match(await bad.text(), /文字コードを判別できませんでした/)
    const quote = await upload(
      admin,
      '/admin/departments/import',
      new TextEncoder().encode('部署名,所掌事務\r\n"閉じない,引用符\r\n'),
    )
    assert.equal(quote.status, 422)
    assert.match(await quote.text(), /CSVファイルを読み取れませんでした/)
    const empty = await upload(admin, '/admin/departments/import', new Uint8Array(0))
    assert.equal(empty.status, 422)
    assert.match(await empty.text(), /ファイルを選んでください/)
  })

  test('an exported file re-imports as updates only (round trip)', async () => {
    const exp = new Uint8Array(await (await admin.get('/admin/departments/export')).arrayBuffer())
    const res = await upload(admin, '/admin/departments/import', exp)
    assert.equal(res.status, 200)
    const html = await res.text()
    const csvText = unescapeHtml(html.match(/name="csvText" value="([^"]*)"/)![1])
    const map: Record<string, string> = {}
    for (const m of html.matchAll(/name="map_(\w+)"[^>]*>([\s\S]*?)<\/select>/g)) {
      const sel = m[2].match(/<option value="(\d+)" selected=""/)
      map[`map_${m[1]}`] = sel ? sel[1] : ''
    }
    assert.equal(map.map_kind, '2')
    const check = await admin.post('/admin/departments/import/check', {
      csvText,
      encoding: 'utf-8-bom',
      ...map,
    })
    const report = await check.text()
    assert.match(report, /新規登録<\/dt><dd>0件/)
    assert.match(report, /誤りは見つかりませんでした/)
  })
})

describe('department import through the API', () => {
  test('dry run, all-or-nothing and good-only answer counts and errors by row', async () => {
    const csv = iconv.encode(
      [
        '部署名,種別,上位部署,所掌事務',
        'API国際課,課,総合政策部,API経由',
        ',課,,名前なし',
        'API部,部,,',
      ].join('\r\n'),
      'cp932',
    )
    const dry = await upload(admin, '/api/v1/departments/import?dryRun=true', csv)
    assert.equal(dry.status, 200)
    const d = (await dry.json()) as any
    assert.deepEqual(
      { created: d.created, updated: d.updated, skipped: d.skipped, errors: d.errors, applied: d.applied },
      {
        created: 2,
        updated: 0,
        skipped: 1,
        errors: [{ row: 3, column: '部署名', message: '部署名が空です。部署名を入力してください' }],
        applied: false,
      },
    )
    // dryRun is the default: without it nothing is written either
    const dflt = (await (await upload(admin, '/api/v1/departments/import', csv)).json()) as any
    assert.equal(dflt.dryRun, true)
    assert.equal(await dept('API国際課'), undefined)
    const all = await upload(admin, '/api/v1/departments/import?dryRun=false', csv)
    assert.equal(all.status, 422)
    const a = (await all.json()) as any
    assert.equal(a.created, 0)
    assert.equal(a.errors.length, 1)
    assert.equal(await dept('API国際課'), undefined)
    const good = await upload(admin, '/api/v1/departments/import?dryRun=false', csv, 'x.csv', {
      mode: 'good_only',
    })
    assert.equal(good.status, 200)
    const g = (await good.json()) as any
    assert.deepEqual(
      { created: g.created, updated: g.updated, skipped: g.skipped, errors: g.errors, applied: g.applied },
      {
        created: 2,
        updated: 0,
        skipped: 1,
        errors: [{ row: 3, column: '部署名', message: '部署名が空です。部署名を入力してください' }],
        applied: true,
      },
    )
    assert.equal((await dept('API国際課')).parent, '総合政策部')
  })

  test('a broken file answers 422 with a message; others are refused first', async () => {
    const bad = await upload(admin, '/api/v1/departments/import', new Uint8Array([0xff, 0xfe, 0x81, 0x00]))
    assert.equal(bad.status, 422)
    assert.match(((await bad.json()) as any).message, /文字コード/)
    const coord = await t.as('coordinator@demo.example')
    const r = await upload(coord, '/api/v1/departments/import', cp932())
    assert.equal(r.status, 403)
  })
})

describe('area import', () => {
  test('UTF-8 without BOM, hiragana furigana, duplicates reported', async () => {
    await admin.get('/admin/areas/import')
    const csv =
      '地区名,ふりがな,説明\n中央地区,ちゅうおうちく,中町一丁目〜三丁目\n新地区,シンチク,\n中央地区,チュウオウ,重複\n'
    const res = await upload(admin, '/admin/areas/import', new TextEncoder().encode(csv))
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.match(html, /UTF-8/)
    const csvText = unescapeHtml(html.match(/name="csvText" value="([^"]*)"/)![1])
    const map = { map_name: '0', map_nameKana: '1', map_description: '2', map_sortOrder: '' }
    const check = await admin.post('/admin/areas/import/check', { csvText, encoding: 'utf-8', ...map })
    assert.match(
      await check.text(),
      /4行目<\/td><td>地区名<\/td><td>地区名「中央地区」が2行目と重複しています/,
    )
    const commit = await admin.post('/admin/areas/import/commit', {
      csvText,
      encoding: 'utf-8',
      ...map,
      mode: 'good_only',
    })
    assert.equal(commit.status, 303)
    const r = await rows<{ name_kana: string }>(
      t.database.db,
      sql`SELECT name_kana FROM areas WHERE name = '中央地区'`,
    )
    assert.equal(r[0].name_kana, 'チュウオウチク')
    assert.ok((await auditCount('area.import.create')) >= 1)
  })
})
