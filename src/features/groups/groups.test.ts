import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import iconv from 'iconv-lite'
import { rows } from '../../core/db/index.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { waitForJob } from '../../core/import/index.ts'
import { disclosureLevel } from './domain.ts'

let t: TestApp
let dataDir: string
let mainId: string

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-groups-'))
  t = await createTestApp({ env: { KYODO_DATA_DIR: dataDir } })
  const [g] = await rows<{ id: string }>(
    t.database.db,
    sql`SELECT id FROM groups WHERE name = 'むさしの見守りネットワーク'`,
  )
  mainId = g.id
})
after(async () => {
  await t.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const api = async (c: TestClient, p: string) => {
  const res = await c.get(p, { accept: 'application/json' })
  assert.equal(res.status, 200, p)
  return (await res.json()) as any
}
const names = (j: any) => j.items.map((x: any) => x.name as string)

/** Send a CSV file as multipart (with the session's CSRF token). */
async function upload(c: TestClient, p: string, bytes: Uint8Array, fields: Record<string, string> = {}) {
  const fd = new FormData()
  fd.append('_csrf', c.csrf)
  for (const [k, v] of Object.entries(fields)) fd.append(k, v)
  fd.append('file', new Blob([bytes as BlobPart], { type: 'text/csv' }), 'groups.csv')
  return c.request('POST', p, { body: fd, headers: { 'x-csrf-token': c.csrf } })
}
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'))
const count = async () =>
  Number((await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM groups`))[0].n)

describe('search the way Japanese users type', () => {
  test('hiragana finds the katakana furigana of a kanji/katakana name', async () => {
    const j = await api(t.client(), `/api/v1/groups?q=${encodeURIComponent('むさしのみまもり')}`)
    assert.ok(names(j).includes('むさしの見守りネットワーク'), names(j).join(','))
  })
  test('full-width ＮＰＯ matches NPO', async () => {
    const full = await api(t.client(), `/api/v1/groups?q=${encodeURIComponent('ＮＰＯ')}&per_page=100`)
    const half = await api(t.client(), '/api/v1/groups?q=NPO&per_page=100')
    assert.ok(full.total > 0)
    assert.equal(full.total, half.total)
    assert.ok(names(full).includes('むさしの見守りネットワーク'))
  })
  test('a word inside a compound is found (見守り in 高齢者見守り活動)', async () => {
    const j = await api(t.client(), `/api/v1/groups?q=${encodeURIComponent('見守り')}&per_page=100`)
    assert.ok(names(j).includes('むさしの見守りネットワーク'))
    const k = await api(t.client(), `/api/v1/groups?q=${encodeURIComponent('高齢者見守り')}&per_page=100`)
    assert.ok(names(k).includes('むさしの見守りネットワーク'))
  })
  test('a misspelt or partial name still finds the group', async () => {
    const miss = await api(t.client(), `/api/v1/groups?q=${encodeURIComponent('むさしの見守りネットワ－ク')}`)
    assert.equal(miss.items[0]?.name, 'むさしの見守りネットワーク')
    const typo = await api(
      t.client(),
      `/api/v1/groups?q=${encodeURIComponent('むさしの見まもりネットワーク')}`,
    )
    assert.ok(names(typo).includes('むさしの見守りネットワーク'), names(typo).join(','))
    const part = await api(t.client(), `/api/v1/groups?q=${encodeURIComponent('見守りネット')}`)
    assert.equal(part.items[0]?.name, 'むさしの見守りネットワーク')
  })
  test('several terms are AND-ed, half- and full-width spaces alike', async () => {
    const a = await api(t.client(), `/api/v1/groups?q=${encodeURIComponent('見守り　サロン')}&per_page=100`)
    assert.ok(a.total >= 1)
    const none = await api(
      t.client(),
      `/api/v1/groups?q=${encodeURIComponent('見守り ぜったいにないことば')}`,
    )
    assert.equal(none.total, 0)
  })
  test('facets filter, counts add up, paging pages', async () => {
    const all = await api(t.client(), '/api/v1/groups?facets=true&per_page=5')
    assert.equal(all.items.length, 5)
    assert.equal(all.page, 1)
    const f = all.facets.field.health_welfare
    assert.ok(f > 0)
    const hw = await api(t.client(), '/api/v1/groups?field=health_welfare&per_page=100')
    assert.equal(hw.total, f)
    assert.ok(hw.items.every((x: any) => x.fields.includes('health_welfare')))
    const p2 = await api(t.client(), '/api/v1/groups?per_page=5&page=2&sort=kana')
    const p1 = await api(t.client(), '/api/v1/groups?per_page=5&page=1&sort=kana')
    assert.equal(p2.page, 2)
    assert.equal(new Set([...names(p1), ...names(p2)]).size, 10)
    const one = await api(t.client(), '/api/v1/groups?field=children')
    const two = await api(t.client(), '/api/v1/groups?field=children&field=environment')
    const comma = await api(t.client(), '/api/v1/groups?field=children,environment')
    assert.ok(two.total > one.total)
    assert.equal(comma.total, two.total)
    const kinds = await api(t.client(), '/api/v1/groups?kind=community_org&per_page=100')
    assert.ok(kinds.items.every((x: any) => x.actorKind === 'community_org'))
  })
  test('only published and inactive groups are in the directory', async () => {
    const j = await api(t.client(), '/api/v1/groups?per_page=100')
    assert.ok(j.items.every((x: any) => ['published', 'inactive'].includes(x.status)))
  })
  test('the directory page has facets in <details>, counts and the results', async () => {
    const res = await t.client().get(`/groups?q=${encodeURIComponent('みまもり')}&field=health_welfare`)
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.match(html, /<details/)
    assert.match(html, /むさしの見守りネットワーク/)
    assert.match(html, /件の団体が見つかりました/)
    assert.match(html, /form="groups-search"/)
  })
})

describe('visibility: a visitor never sees non-public contacts or documents', () => {
  test('profile page and JSON show public contacts only', async () => {
    const v = t.client()
    const html = await (await v.get(`/groups/${mainId}`)).text()
    assert.match(html, /mimamori@group\.demo\.example/) // public e-mail
    assert.doesNotMatch(html, /0422-60-0000/) // staff-only phone
    assert.doesNotMatch(html, /吉祥寺北町1-1-1/) // staff-only address
    const j = await api(v, `/api/v1/groups/${mainId}`)
    assert.equal(j.contacts.contactEmail, 'mimamori@group.demo.example')
    assert.equal(j.contacts.contactPhone, undefined)
    assert.equal(j.contacts.representativeName, undefined)
    assert.doesNotMatch(JSON.stringify(j), /0422-60-0000|吉祥寺北町1-1-1/)
    const staff = await api(await t.as('staff@demo.example'), `/api/v1/groups/${mainId}`)
    assert.equal(staff.contacts.contactPhone, '0422-60-0000')
    assert.equal(staff.contacts.representativeName, undefined) // coordinator only
    const coord = await api(await t.as('coordinator@demo.example'), `/api/v1/groups/${mainId}`)
    assert.equal(coord.contacts.representativeName, '佐藤 美咲')
  })
  test('open data CSV and JSON carry public fields only', async () => {
    const v = t.client()
    const csv = await v.get('/opendata/groups.csv')
    assert.equal(csv.status, 200)
    const buf = Buffer.from(await csv.arrayBuffer())
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    const text = buf.toString('utf8')
    assert.match(text, /^\uFEFF団体ID,団体名,団体名_カナ,/)
    assert.match(text, /\r\n/)
    assert.doesNotMatch(text, /0422-60-0000|吉祥寺北町1-1-1|佐藤 美咲/)
    const j = await api(v, '/opendata/groups.json')
    assert.ok(j.columns.length >= 20)
    assert.ok(j.items.length > 10)
    assert.doesNotMatch(JSON.stringify(j), /0422-60-0000|吉祥寺北町1-1-1|佐藤 美咲/)
    const page = await (await v.get('/opendata/groups')).text()
    assert.match(page, /項目の定義/)
    assert.match(page, /団体名_カナ/)
  })
  test('staff export: visitors and group members are refused, staff get CSV (BOM, CRLF) without coordinator-only fields', async () => {
    assert.equal((await t.client().get('/groups/export.csv')).status, 302)
    assert.equal((await (await t.as('group@demo.example')).get('/groups/export.csv')).status, 403)
    const staff = await t.as('staff@demo.example')
    const res = await staff.get('/groups/export.csv')
    assert.equal(res.status, 200)
    const buf = Buffer.from(await res.arrayBuffer())
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    const text = buf.toString('utf8')
    assert.match(text, /0422-60-0000/)
    assert.match(text, /mimamori\.demo\.example,,,佐藤 美咲,mimamori@/) // representative (coordinator-only) is blank
    assert.ok(text.includes('\r\n'))
    const sj = await staff.get('/groups/export.csv?encoding=cp932')
    assert.match(sj.headers.get('content-type') ?? '', /Shift_JIS/)
    const decoded = iconv.decode(Buffer.from(await sj.arrayBuffer()), 'cp932')
    assert.match(decoded, /^団体ID,団体名/)
    const x = await staff.get('/groups/export.xlsx')
    assert.equal(x.status, 200)
    const xb = Buffer.from(await x.arrayBuffer())
    assert.equal(xb.subarray(0, 2).toString(), 'PK')
  })
  test('an export with a keyword holds the groups the directory finds for it (readings, spelling variants)', async () => {
    const staff = await t.as('staff@demo.example')
    const names = (csv: string) =>
      csv
        .split('\r\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(',')[1])
    for (const q of ['みまもり', 'こども食堂']) {
      const csv = Buffer.from(
        await (await staff.get(`/groups/export.csv?q=${encodeURIComponent(q)}`)).arrayBuffer(),
      )
        .toString('utf8')
        .replace(/^\uFEFF/, '')
      const page = await (await staff.get(`/groups?q=${encodeURIComponent(q)}`)).text()
      const total = Number(page.match(/([0-9,]+)件/)?.[1].replace(/,/g, '') ?? 'NaN')
      const got = names(csv)
      assert.ok(got.length > 0, `${q}: the export is not empty`)
      assert.equal(got.length, total, `${q}: the export holds as many groups as the directory counts`)
    }
    const kanji = names(
      Buffer.from(
        await (await staff.get(`/groups/export.csv?q=${encodeURIComponent('見守り')}`)).arrayBuffer(),
      ).toString('utf8'),
    )
    const hira = names(
      Buffer.from(
        await (await staff.get(`/groups/export.csv?q=${encodeURIComponent('みまもり')}`)).arrayBuffer(),
      ).toString('utf8'),
    )
    assert.ok(
      kanji.every((n) => hira.includes(n)),
      'みまもり finds every group 見守り finds',
    )
  })
  test('documents: private ones are invisible to visitors, public ones downloadable', async () => {
    const owner = await t.as('group@demo.example')
    await owner.get(`/groups/${mainId}/edit`)
    const send = async (isPublic: boolean, title: string) => {
      const fd = new FormData()
      fd.append('_csrf', owner.csrf)
      fd.append('kind', 'officers')
      fd.append('title', title)
      if (isPublic) fd.append('isPublic', 'on')
      fd.append('file', new Blob([Buffer.from('%PDF-1.4 test')], { type: 'application/pdf' }), 'list.pdf')
      return owner.request('POST', `/groups/${mainId}/documents`, { body: fd })
    }
    assert.equal((await send(false, '役員名簿（非公開）')).status, 303)
    assert.equal((await send(true, '会則（公開）')).status, 303)
    const docs = await rows<{ id: string; is_public: boolean }>(
      t.database.db,
      sql`SELECT id, is_public FROM group_documents WHERE group_id = ${mainId}`,
    )
    const priv = docs.find((d) => !d.is_public)!
    const pub = docs.find((d) => d.is_public)!
    const v = t.client()
    const html = await (await v.get(`/groups/${mainId}`)).text()
    assert.doesNotMatch(html, /役員名簿（非公開）/)
    assert.match(html, /会則（公開）/)
    assert.equal((await v.get(`/groups/${mainId}/documents/${priv.id}`)).status, 404)
    assert.equal((await v.get(`/groups/${mainId}/documents/${pub.id}`)).status, 200)
    const j = await api(v, `/api/v1/groups/${mainId}`)
    assert.doesNotMatch(JSON.stringify(j), /役員名簿（非公開）/)
    const staff = await t.as('staff@demo.example')
    assert.equal((await staff.get(`/groups/${mainId}/documents/${priv.id}`)).status, 200)
    // a type that is not allowed is refused with the field named
    const fd = new FormData()
    fd.append('_csrf', owner.csrf)
    fd.append('kind', 'other')
    fd.append('file', new Blob([new Uint8Array([0, 1, 2, 0xff, 0xfe, 0x00])]), 'x.exe')
    const bad = await owner.request('POST', `/groups/${mainId}/documents`, { body: fd })
    assert.equal(bad.status, 422)
    assert.match(await bad.text(), /添付書類/)
  })
})

describe('life cycle', () => {
  let newId = ''
  test('a member registers: the form rejects what is invalid and keeps what was typed', async () => {
    const c = await t.as('group@demo.example')
    await c.get('/groups/new')
    const res = await c.post('/groups/new', {
      name: '吉祥寺テスト子ども会',
      nameKana: '吉祥寺',
      purpose: '',
      intent: 'submit',
      foundedYear: 'そのうち',
      memberCount: '２８人',
    })
    assert.equal(res.status, 422)
    const html = await res.text()
    assert.match(html, /団体名（フリガナ）はカタカナ/)
    assert.match(html, /活動の目的を入力してください/)
    assert.match(html, /活動分野を1つ以上選んでください/)
    assert.match(html, /設立年は西暦（例：2015）か和暦（例：平成27年）で入力してください/)
    // full-width digits with a unit are input, not an error
    assert.doesNotMatch(html, /構成員数[^<]*で入力してください/)
    assert.match(html, /登録の条件/)
    assert.match(html, /value="吉祥寺テスト子ども会"/)
  })
  test('registered → pending (hidden) → sent back → resubmitted → approved (public)', async () => {
    const c = await t.as('group@demo.example')
    await c.get('/groups/new')
    const res = await c.post('/groups/new', {
      name: 'ＮＰＯ法人 テスト環境クラブ',
      nameKana: 'てすとかんきょうくらぶ',
      actorKind: 'civic',
      legalForm: 'npo',
      fields: ['environment'],
      citywide: 'on',
      purpose: '市内の緑を守るための活動をしています。',
      activities: '清掃活動と自然観察会を毎月行っています。',
      contactEmail: 'TEST@EXAMPLE.JP',
      vis_contactEmail: 'staff',
      check_members: 'on',
      check_rules: 'on',
      check_city: 'on',
      check_nonpolitical: 'on',
      memberCount: '5',
      intent: 'submit',
    })
    assert.equal(res.status, 303)
    newId = (res.headers.get('location') ?? '').split('/').pop()!
    const [g] = await rows<any>(t.database.db, sql`SELECT status, name_kana FROM groups WHERE id = ${newId}`)
    assert.equal(g.status, 'pending')
    assert.equal(g.name_kana, 'テストカンキョウクラブ')
    assert.equal((await t.client().get(`/groups/${newId}`)).status, 404)
    assert.equal((await (await t.as('staff@demo.example')).get(`/groups/${newId}`)).status, 404)
    const coord = await t.as('coordinator@demo.example')
    const queue = await (await coord.get('/coordinator/groups')).text()
    assert.match(queue, /テスト環境クラブ/)
    await coord.get(`/groups/${newId}`)
    const noComment = await coord.post(`/coordinator/groups/${newId}/review`, {
      action: 'return',
      comment: '',
    })
    assert.equal(noComment.status, 422)
    {
      // back on the group's page, the review box with the message, not a bare error page
      const html = await noComment.text()
      assert.match(html, /テスト環境クラブ<\/h1>/)
      assert.match(html, /差し戻す理由をコメントに書いてください/)
      assert.match(html, /id="f-comment"[^>]*aria-invalid="true"/)
    }
    const bulkNoComment = await coord.post('/coordinator/groups/review', {
      action: 'return',
      'ids[]': [newId],
      comment: '',
    })
    assert.equal(bulkNoComment.status, 422)
    {
      const html = await bulkNoComment.text()
      assert.match(html, /団体登録の審査/)
      assert.match(html, /差し戻す理由をコメントに書いてください/)
      assert.match(html, new RegExp(`value="${newId}"[^>]*checked`), 'the ticked group stays ticked')
    }
    assert.equal(
      (
        await coord.post(`/coordinator/groups/${newId}/review`, {
          action: 'return',
          comment: '会則を添付してください',
        })
      ).status,
      303,
    )
    const mine = await (await c.get('/my/groups')).text()
    assert.match(mine, /会則を添付してください/)
    await c.get(`/groups/${newId}`)
    const unticked = await c.post(`/groups/${newId}/submit`, { check_members: 'on' })
    assert.equal(unticked.status, 422)
    {
      const html = await unticked.text()
      assert.match(html, /を確認してチェックしてください/)
      assert.match(html, /name="check_members"[^>]*checked/, 'what was ticked stays ticked')
    }
    assert.equal(
      (
        await c.post(`/groups/${newId}/submit`, {
          check_members: 'on',
          check_rules: 'on',
          check_city: 'on',
          check_nonpolitical: 'on',
        })
      ).status,
      303,
    )
    assert.equal(
      (await coord.post(`/coordinator/groups/${newId}/review`, { action: 'approve', comment: '' })).status,
      303,
    )
    assert.equal((await t.client().get(`/groups/${newId}`)).status, 200)
    const j = await api(t.client(), `/api/v1/groups?q=${encodeURIComponent('てすとかんきょう')}`)
    assert.ok(names(j).includes('ＮＰＯ法人 テスト環境クラブ'))
    const owners = await rows(
      t.database.db,
      sql`SELECT 1 FROM outbox WHERE subject LIKE '%テスト環境クラブ%承認%'`,
    )
    assert.ok(owners.length >= 1)
  })
  test('edits to a published group go live and are kept as history coordinators can browse', async () => {
    const c = await t.as('group@demo.example')
    // as if the reading had been generated by an import: a saved form makes it checked
    await t.database.db.execute(sql`UPDATE groups SET name_kana_generated = true WHERE id = ${newId}`)
    const editPage = await c.get(`/groups/${newId}/edit`)
    assert.equal(editPage.status, 200)
    assert.match(await editPage.text(), /自動で作りました/)
    const res = await c.post(`/groups/${newId}/edit`, {
      name: 'ＮＰＯ法人 テスト環境クラブ',
      nameKana: 'テストカンキョウクラブ',
      actorKind: 'civic',
      legalForm: 'npo',
      fields: ['environment', 'children'],
      citywide: 'on',
      purpose: '市内の緑と水辺を守るための活動をしています。',
      activities: '清掃活動と自然観察会を毎月行っています。',
    })
    assert.equal(res.status, 303)
    const [k] = await rows<{ g: boolean }>(
      t.database.db,
      sql`SELECT name_kana_generated AS g FROM groups WHERE id = ${newId}`,
    )
    assert.equal(k.g, false)
    assert.match(await (await t.client().get(`/groups/${newId}`)).text(), /緑と水辺/)
    assert.equal((await c.get(`/groups/${newId}/history`)).status, 403)
    const coord = await t.as('coordinator@demo.example')
    const h = await (await coord.get(`/groups/${newId}/history`)).text()
    assert.match(h, /活動の目的/)
    assert.match(h, /緑と水辺/)
    assert.match(h, /差し戻し/)
    const audit = await rows(
      t.database.db,
      sql`SELECT 1 FROM audit_log WHERE action = 'group.update' AND entity_id = ${newId}`,
    )
    assert.equal(audit.length, 1)
  })
  test('areas of activity live in group_areas: an edit replaces the set; pages and JSON still show them', async () => {
    const c = await t.as('group@demo.example')
    const db = t.database.db
    const as = await rows<{ id: string; name: string }>(
      db,
      sql`SELECT id, name FROM areas WHERE municipality_id = ${t.municipalityId} ORDER BY sort_order, name LIMIT 3`,
    )
    assert.equal(as.length, 3)
    const form = (areaIds: string[]) => ({
      name: 'ＮＰＯ法人 テスト環境クラブ',
      nameKana: 'テストカンキョウクラブ',
      actorKind: 'civic',
      legalForm: 'npo',
      fields: ['environment', 'children'],
      areaIds,
      purpose: '市内の緑と水辺を守るための活動をしています。',
      activities: '清掃活動と自然観察会を毎月行っています。',
    })
    const linked = async () =>
      (
        await rows<{ area_id: string }>(
          db,
          sql`SELECT area_id FROM group_areas WHERE municipality_id = ${t.municipalityId} AND group_id = ${newId} ORDER BY area_id`,
        )
      ).map((r) => r.area_id)
    await c.get(`/groups/${newId}/edit`)
    assert.equal((await c.post(`/groups/${newId}/edit`, form([as[0].id, as[1].id]))).status, 303)
    assert.deepEqual(await linked(), [as[0].id, as[1].id].sort())
    assert.match(await (await t.client().get(`/groups/${newId}`)).text(), new RegExp(as[1].name))
    assert.equal((await c.post(`/groups/${newId}/edit`, form([as[1].id, as[2].id]))).status, 303)
    assert.deepEqual(await linked(), [as[1].id, as[2].id].sort())
    const j = await api(t.client(), `/api/v1/groups/${newId}`)
    assert.deepEqual([...j.areaIds].sort(), [as[1].id, as[2].id].sort())
    assert.deepEqual([...j.areaNames].sort(), [as[1].name, as[2].name].sort())
    // a filter by area finds it, through the join table
    const q = encodeURIComponent('テスト環境クラブ')
    const found = await api(t.client(), `/api/v1/groups?q=${q}&area=${as[2].id}&facets=true`)
    assert.ok(found.items.some((g: any) => g.id === newId))
    assert.ok(found.facets.area[as[2].id] >= 1)
    const notFound = await api(t.client(), `/api/v1/groups?q=${q}&area=${as[0].id}`)
    assert.ok(!notFound.items.some((g: any) => g.id === newId))
  })
  test('another group member cannot edit a group that is not theirs', async () => {
    const [other] = await rows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM groups WHERE status = 'published' AND id <> ${mainId} AND id <> ${newId} LIMIT 1`,
    )
    const c = await t.as('group@demo.example')
    assert.equal((await c.get(`/groups/${other.id}/edit`)).status, 403)
    assert.equal((await c.post(`/groups/${other.id}/edit`, { name: 'x' })).status, 403)
    assert.equal((await c.get('/groups/not-a-uuid')).status, 404)
  })
  test('owners invite members and hand ownership over; the last owner cannot leave', async () => {
    const c = await t.as('group@demo.example')
    await c.get(`/groups/${mainId}/members`)
    assert.equal(
      (await c.post(`/groups/${mainId}/members/invite`, { email: 'bad', groupRole: 'editor' })).status,
      422,
    )
    assert.equal(
      (
        await c.post(`/groups/${mainId}/members/invite`, {
          email: 'new-member@example.jp',
          groupRole: 'editor',
        })
      ).status,
      303,
    )
    const mail = await rows(t.database.db, sql`SELECT 1 FROM outbox WHERE "to" = 'new-member@example.jp'`)
    assert.equal(mail.length, 1)
    const [me] = await rows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM users WHERE email = 'group@demo.example'`,
    )
    // the last owner is refused before any confirmation, on the members page with the reason
    const leave = await c.post(`/groups/${mainId}/members/remove`, { userId: me.id })
    assert.equal(leave.status, 409)
    const why = await leave.text()
    assert.match(why, /代表（オーナー）が一人だけのため外れられません/)
    assert.match(why, /メンバー一覧/)
    assert.doesNotMatch(why, /name="confirmed"/)
  })
  test('renewal job reminds, then marks non-renewed groups inactive (not deleted)', async () => {
    const { runRenewalJob } = await import('./service.ts')
    const { loadCtx } = await helpers()
    const ctx = await loadCtx()
    await t.database.db.execute(
      sql`UPDATE groups SET renewed_fiscal_year = renewed_fiscal_year - 1 WHERE id = ${newId}`,
    )
    const before = await count()
    const r1 = await runRenewalJob(ctx, { deactivate: false })
    assert.ok(r1.reminded >= 1)
    const r2 = await runRenewalJob(ctx, { deactivate: true })
    assert.ok(r2.deactivated >= 1)
    const [g] = await rows<any>(t.database.db, sql`SELECT status FROM groups WHERE id = ${newId}`)
    assert.equal(g.status, 'inactive')
    assert.equal(await count(), before)
    const page = await (await t.client().get(`/groups/${newId}`)).text()
    assert.match(page, /活動休止/)
    const c = await t.as('group@demo.example')
    await c.get(`/groups/${newId}`)
    assert.equal((await c.post(`/groups/${newId}/renew`)).status, 303)
    const [g2] = await rows<any>(t.database.db, sql`SELECT status FROM groups WHERE id = ${newId}`)
    assert.equal(g2.status, 'published')
  })
  test('deletion: requested by the owner, carried out by a coordinator, personal data removed, history anonymised', async () => {
    const c = await t.as('group@demo.example')
    await c.get(`/groups/${newId}/edit`)
    assert.equal((await c.post(`/groups/${newId}/delete-request`)).status, 303)
    const coord = await t.as('coordinator@demo.example')
    await coord.get('/coordinator/groups')
    assert.equal((await coord.post(`/coordinator/groups/${newId}/delete`)).status, 303)
    const [g] = await rows<any>(
      t.database.db,
      sql`SELECT status, name, contact_email FROM groups WHERE id = ${newId}`,
    )
    assert.equal(g.status, 'deleted')
    assert.equal(g.contact_email, '')
    const revs = await rows<any>(
      t.database.db,
      sql`SELECT changes FROM group_revisions WHERE group_id = ${newId}`,
    )
    assert.ok(revs.length > 3)
    assert.doesNotMatch(JSON.stringify(revs), /test@example\.jp|テスト環境クラブ/)
    assert.equal((await t.client().get(`/groups/${newId}`)).status, 404)
  })
})

async function helpers() {
  const { loadActor } = await import('../../core/auth/service.ts')
  return {
    loadCtx: async () => {
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
    },
  }
}

describe('import', () => {
  const header =
    '団体名,フリガナ,団体の種類,法人格,活動分野,活動地区,活動目的,活動内容,メールアドレス,電話番号,設立年\r\n'
  const good = (n: string, kana: string, email: string) =>
    `${n},${kana},市民活動団体,任意団体,環境の保全,吉祥寺東町,川をきれいにする,清掃活動,${email},0422-11-2222,平成20年\r\n`
  let coord: TestClient
  before(async () => {
    coord = await t.as('coordinator@demo.example')
    await coord.get('/groups/import')
  })

  test('group members and visitors cannot import', async () => {
    const g = await t.as('group@demo.example')
    const r = await upload(g, '/api/v1/groups/import?dryRun=true', utf8(header))
    assert.equal(r.status, 403)
  })
  test('UTF-8 with BOM, dry run: a report by row and column in Japanese, nothing changed', async () => {
    const body = `\uFEFF${header}${good('インポート川の会', 'インポートカワノカイ', 'a@example.jp')}不明な団体,ふめい,宇宙人,謎法人,存在しない分野,火星,,,not-mail,12,いつか\r\n`
    const before = await count()
    const r = await upload(coord, '/api/v1/groups/import?dryRun=true', utf8(body))
    assert.equal(r.status, 200)
    const rep = (await r.json()) as any
    assert.equal(rep.created, 1)
    assert.equal(rep.skipped, 1)
    const cols = rep.errors.filter((e: any) => e.row === 3).map((e: any) => e.column)
    for (const col of [
      '団体の種類',
      '法人格',
      '活動分野',
      '活動地区',
      'メールアドレス',
      '電話番号',
      '設立年',
    ])
      assert.ok(cols.includes(col), col)
    assert.ok(rep.errors.every((e: any) => /[ぁ-んァ-ン一-龯]/.test(e.message)))
    assert.equal(await count(), before)
  })
  test('all-or-nothing refuses a file with errors; good-rows-only imports the good ones', async () => {
    const body = `${header}${good('インポート川の会', 'インポートカワノカイ', 'a@example.jp')},ナマエナシ,,,,,,,,,\r\n`
    const before = await count()
    const all = (await (
      await upload(coord, '/api/v1/groups/import?dryRun=false&mode=all', utf8(body))
    ).json()) as any
    assert.equal(all.created, 0)
    assert.equal(await count(), before)
    assert.equal(all.errors[0].row, 3)
    assert.equal(all.errors[0].column, '団体名')
    const goodOnly = (await (
      await upload(coord, '/api/v1/groups/import?dryRun=false&mode=good_only&status=published', utf8(body))
    ).json()) as any
    assert.equal(goodOnly.created, 1)
    assert.equal(await count(), before + 1)
    const j = await api(t.client(), `/api/v1/groups?q=${encodeURIComponent('いんぽーと')}`)
    assert.ok(names(j).includes('インポート川の会'))
    const [g] = await rows<any>(
      t.database.db,
      sql`SELECT founded_year FROM groups WHERE name = 'インポート川の会'`,
    )
    assert.equal(g.founded_year, 2008)
    // its 活動地区 became a row of group_areas (staged with the group and moved after it)
    const as = await rows<{ name: string }>(
      t.database.db,
      sql`SELECT a.name FROM groups g
          JOIN group_areas ga ON ga.municipality_id = g.municipality_id AND ga.group_id = g.id
          JOIN areas a ON a.municipality_id = ga.municipality_id AND a.id = ga.area_id
          WHERE g.name = 'インポート川の会'`,
    )
    assert.deepEqual(
      as.map((x) => x.name),
      ['吉祥寺東町'],
    )
  })
  test('likely duplicates (same normalised name, same e-mail) are listed and skipped or merged', async () => {
    const body = `${header}${good('インポート　川の会', 'インポートカワノカイ', 'z@example.jp')}${good('別の名前の会', 'ベツノナマエノカイ', 'a@example.jp')}`
    const before = await count()
    const skip = (await (
      await upload(coord, '/api/v1/groups/import?dryRun=false&mode=good_only&duplicates=skip', utf8(body))
    ).json()) as any
    assert.equal(skip.duplicates.length, 2)
    assert.equal(skip.skipped, 2)
    assert.equal(await count(), before)
    const merge = (await (
      await upload(coord, '/api/v1/groups/import?dryRun=false&mode=good_only&duplicates=merge', utf8(body))
    ).json()) as any
    assert.equal(merge.updated, 2)
    assert.equal(await count(), before)
  })
  test('CP932 (Shift_JIS) is detected', async () => {
    const body = iconv.encode(
      `${header}${good('シフトジス髙橋の会', 'シフトジスタカハシノカイ', 'sj@example.jp')}`,
      'cp932',
    )
    const rep = (await (
      await upload(coord, '/api/v1/groups/import?dryRun=true', new Uint8Array(body))
    ).json()) as any
    assert.equal(rep.created, 1)
    assert.equal(rep.errors.length, 0)
    assert.equal(rep.encoding, 'cp932')
  })
  test('broken encoding, a missing required column and a huge line get a clear report and change nothing', async () => {
    const before = await count()
    const broken = await upload(
      coord,
      '/api/v1/groups/import?dryRun=false',
      new Uint8Array([0x82, 0xa0, 0xff, 0xfe, 0x81, 0x0a, 0xfd]),
    )
    assert.equal(broken.status, 422)
    assert.match(((await broken.json()) as any).message, /文字コード/)
    const missing = (await (
      await upload(coord, '/api/v1/groups/import?dryRun=false', utf8('活動内容,備考\r\n清掃,あの会\r\n'))
    ).json()) as any
    assert.equal(missing.created, 0)
    assert.match(missing.errors[0].message, /必須の列「団体名」がありません/)
    const huge = `${header}x,${'あ'.repeat((10 * 1024 * 1024) / 3)}\r\n`
    const big = await upload(coord, '/api/v1/groups/import?dryRun=false', utf8(huge))
    assert.ok([413, 422].includes(big.status), String(big.status))
    assert.match(((await big.json()) as any).message, /長い|大きすぎ/)
    const many = `${header}${'a,ア\r\n'.repeat(100_001)}`
    const tooMany = await upload(coord, '/api/v1/groups/import?dryRun=false', utf8(many))
    assert.equal(tooMany.status, 413)
    assert.match(((await tooMany.json()) as any).message, /行まで/)
    assert.equal(await count(), before)
  })
  test('the import pages: upload → mapping → dry-run report in Japanese → import', async () => {
    const body = `${header}${good('画面から取り込む会', 'ガメンカラトリコムカイ', 'screen@example.jp')}`
    const step1 = await upload(coord, '/groups/import', utf8(body), { step: 'upload' })
    assert.equal(step1.status, 200)
    const html = await step1.text()
    assert.match(html, /列の対応/)
    const key =
      html.match(/name="key" value="([^"]+)"/)?.[1] ??
      assert.fail(html.slice(html.indexOf('<main'), html.indexOf('<main') + 1500))
    const form: Record<string, string> = {
      step: 'run',
      key,
      mode: 'all',
      duplicates: 'skip',
      dryRun: 'true',
    }
    // a run is a job: the form redirects to its page, which shows the report once it has finished
    const run = async (f: Record<string, string>) => {
      const r = await coord.post('/groups/import', f)
      assert.equal(r.status, 303)
      const loc = r.headers.get('location')!
      assert.ok(await waitForJob(loc.split('/').at(-1)!, 30_000))
      return coord.get(loc)
    }
    for (const m of html.matchAll(/<select id="f-map_(\w+)" name="map_\w+"[^>]*>([\s\S]*?)<\/select>/g)) {
      const sel = m[2].match(/<option value="(-?\d+)" selected/)
      form[`map_${m[1]}`] = sel ? sel[1] : '-1'
    }
    const dryHtml = await (await run(form)).text()
    assert.match(dryHtml, /ドライラン/)
    assert.match(dryHtml, /新規1件/)
    // a duplicate of an existing group gets a per-row choice
    const dupBody = `${header}${good('むさしの見守りネットワーク', 'ムサシノミマモリネットワーク', 'dupe@example.jp')}`
    const up2 = await (await upload(coord, '/groups/import', utf8(dupBody), { step: 'upload' })).text()
    const key2 = up2.match(/name="key" value="([^"]+)"/)![1]
    const dry2 = await (await run({ ...form, key: key2 })).text()
    assert.match(dry2, /name="dup_2"/)
    assert.match(dry2, /重複しそうな行/)
    const done = await run({ ...form, dryRun: 'false' })
    assert.match(await done.text(), /取り込み結果/)
    assert.equal(
      (await rows(t.database.db, sql`SELECT 1 FROM groups WHERE name = '画面から取り込む会'`)).length,
      1,
    )
  })
})

describe('numbers, conditions, pages', () => {
  test('stats page: SVG charts with a table beside each, no raw colours', async () => {
    const res = await t.client().get('/groups/stats')
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.ok((html.match(/<svg/g) ?? []).length >= 5)
    assert.ok((html.match(/<table/g) ?? []).length >= 5)
    assert.match(html, /活動分野別の団体数/)
    assert.match(html, /年度別の登録団体数/)
    assert.doesNotMatch(html, /fill="#|stroke="#/)
  })
  test('the administrator sets the registration conditions shown as a checklist', async () => {
    const admin = await t.as('admin@demo.example')
    await admin.get('/groups/conditions')
    assert.equal((await admin.post('/groups/conditions', { minMembers: 'abc' })).status, 422)
    assert.equal(
      (
        await admin.post('/groups/conditions', {
          minMembers: '10',
          requireRules: 'on',
          note: '市内在住・在勤の方が半数以上',
        })
      ).status,
      303,
    )
    const c = await t.as('group@demo.example')
    const html = await (await c.get('/groups/new')).text()
    assert.match(html, /構成員が10人以上いる/)
    assert.match(html, /市内在住・在勤の方が半数以上/)
    assert.doesNotMatch(html, /政治活動・宗教活動/)
    assert.equal((await (await t.as('coordinator@demo.example')).get('/groups/conditions')).status, 403)
  })
  test('disclosure level rewards complete, recent profiles', () => {
    const base = {
      purpose: 'あ'.repeat(30),
      activities: 'い'.repeat(30),
      expertise: '専門性のある活動をしています',
      trackRecord: '実績'.repeat(15),
      wantsToDo: '協働したいことがたくさんあります',
      fields: ['x'],
      areaIds: ['a'],
      citywide: false,
      resources: ['people'],
      foundedYear: 2000,
      memberCount: 10,
      website: 'https://a.example',
      logoPath: null,
      contactVisibility: {},
      contactEmail: '',
      contactPhone: '',
      publicDocuments: 0,
    }
    assert.equal(disclosureLevel({ ...base, updatedAt: new Date() }), 5)
    assert.equal(disclosureLevel({ ...base, updatedAt: new Date(Date.now() - 800 * 86400000) }), 1)
    assert.equal(
      disclosureLevel({ ...base, purpose: '', website: '', trackRecord: '', updatedAt: new Date() }),
      2,
    )
  })
})

describe('destructive acts ask first (documents, members)', () => {
  const uid = async (email: string) =>
    (await rows<{ id: string }>(t.database.db, sql`SELECT id FROM users WHERE email = ${email}`))[0].id
  const roleOf = async (userId: string) =>
    (
      await rows<{ role: string }>(
        t.database.db,
        sql`SELECT role FROM group_members WHERE group_id = ${mainId} AND user_id = ${userId}`,
      )
    )[0]?.role ?? null

  test('deleting a document: the first post shows the confirmation and keeps the file; the confirmed one deletes it', async () => {
    const owner = await t.as('group@demo.example')
    await owner.get(`/groups/${mainId}/edit`)
    const fd = new FormData()
    fd.append('_csrf', owner.csrf)
    fd.append('kind', 'other')
    fd.append('title', '削除確認用の書類')
    fd.append('file', new Blob([Buffer.from('%PDF-1.4 test')], { type: 'application/pdf' }), 'x.pdf')
    assert.equal((await owner.request('POST', `/groups/${mainId}/documents`, { body: fd })).status, 303)
    const docs = () =>
      rows<{ id: string }>(
        t.database.db,
        sql`SELECT id FROM group_documents WHERE title = '削除確認用の書類'`,
      )
    const [d] = await docs()
    const ask = await owner.post(`/groups/${mainId}/documents/${d.id}/delete`)
    assert.equal(ask.status, 200, 'a confirmation step first')
    const html = await ask.text()
    assert.match(html, /書類「削除確認用の書類」を削除します。よろしいですか。/)
    assert.match(html, /name="confirmed" value="yes"/)
    assert.equal((await docs()).length, 1, 'nothing changed yet')
    const done = await owner.post(`/groups/${mainId}/documents/${d.id}/delete`, { confirmed: 'yes' })
    assert.equal(done.status, 303)
    assert.equal((await docs()).length, 0)
  })

  test('handing over ownership and removing a member ask first; refusals return to the members page', async () => {
    const me = await uid('group@demo.example')
    const other = await uid('reviewer@demo.example')
    await t.database.db.execute(
      sql`INSERT INTO group_members (municipality_id, group_id, user_id, role) VALUES (${t.municipalityId}, ${mainId}, ${other}, 'editor')`,
    )
    const owner = await t.as('group@demo.example')
    await owner.get(`/groups/${mainId}/members`)

    // a person who is not a member: the members page with the message, not an error page
    const stranger = await uid('staff@demo.example')
    for (const confirmed of [undefined, 'yes']) {
      const bad = await owner.post(`/groups/${mainId}/members/transfer`, {
        userId: stranger,
        ...(confirmed ? { confirmed } : {}),
      })
      assert.equal(bad.status, 422)
      const html = await bad.text()
      assert.match(html, /引き継ぐ相手は団体のメンバーから選んでください。/)
      assert.match(html, /メンバー一覧/)
    }
    const gone = await owner.post(`/groups/${mainId}/members/remove`, { userId: stranger, confirmed: 'yes' })
    assert.equal(gone.status, 422)
    assert.match(await gone.text(), /そのメンバーは見つかりませんでした/)

    // hand over: asked first, nothing changes; confirmed, the roles swap
    const ask = await owner.post(`/groups/${mainId}/members/transfer`, { userId: other })
    assert.equal(ask.status, 200, 'a confirmation step first')
    assert.match(await ask.text(), /のオーナー（代表）を .+ さんに引き継ぎます。よろしいですか。/)
    assert.equal(await roleOf(other), 'editor', 'nothing changed yet')
    const done = await owner.post(`/groups/${mainId}/members/transfer`, { userId: other, confirmed: 'yes' })
    assert.equal(done.status, 303)
    assert.equal(await roleOf(other), 'owner')
    assert.equal(await roleOf(me), 'editor')

    // and back, so the rest of the city stays as the demo has it
    const reviewer = await t.as('reviewer@demo.example')
    await reviewer.get(`/groups/${mainId}/members`)
    assert.equal(
      (await reviewer.post(`/groups/${mainId}/members/transfer`, { userId: me, confirmed: 'yes' })).status,
      303,
    )
    assert.equal(await roleOf(me), 'owner')

    // remove: asked first, nothing changes; confirmed, the member is gone
    await owner.get(`/groups/${mainId}/members`)
    const askRemove = await owner.post(`/groups/${mainId}/members/remove`, { userId: other })
    assert.equal(askRemove.status, 200)
    assert.match(
      await askRemove.text(),
      /さんを「むさしの見守りネットワーク」のメンバーから外します。よろしいですか。/,
    )
    assert.equal(await roleOf(other), 'editor', 'nothing changed yet')
    const removed = await owner.post(`/groups/${mainId}/members/remove`, { userId: other, confirmed: 'yes' })
    assert.equal(removed.status, 303)
    assert.equal(await roleOf(other), null)
  })
})
