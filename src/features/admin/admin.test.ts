import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { rows } from '../../core/db/index.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'
import { isValidMunicipalityCode, municipalityCheckDigit, prefectureOfCode } from '../organisation/index.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

const auditRows = (action: string) =>
  rows<{ action: string; entity_id: string; changes: any; actor_label: string }>(
    t.database.db,
    sql`SELECT action, entity_id, changes, actor_label FROM audit_log WHERE action = ${action} ORDER BY id`,
  )
const idOf = async (table: string, name: string) =>
  (
    await rows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM ${sql.identifier(table)} WHERE name = ${name}`,
    )
  )[0]?.id
const userId = async (email: string) =>
  (await rows<{ id: string }>(t.database.db, sql`SELECT id FROM users WHERE email = ${email}`))[0].id

describe('municipality code (全国地方公共団体コード)', () => {
  test('the check digit of the 6th position', () => {
    assert.equal(municipalityCheckDigit('13203'), 9) // 武蔵野市
    assert.equal(municipalityCheckDigit('13101'), 6) // 千代田区
    assert.ok(isValidMunicipalityCode('132039'))
    assert.ok(isValidMunicipalityCode('131016'))
    assert.ok(isValidMunicipalityCode('011002')) // 札幌市
    assert.ok(!isValidMunicipalityCode('132038'))
    assert.ok(!isValidMunicipalityCode('13203'))
    assert.ok(!isValidMunicipalityCode('13203x'))
    assert.equal(prefectureOfCode('132039'), '東京都')
  })

  test('the settings page refuses a wrong check digit in Japanese and keeps what was typed', async () => {
    const c = await t.as('admin@demo.example')
    assert.equal((await c.get('/admin/municipality')).status, 200)
    const res = await c.post('/admin/municipality', {
      name: '武蔵野市',
      nameKana: 'むさしのし',
      code: '132038',
      prefecture: '東京都',
      officeName: '市民協働推進課',
      officePhone: '0422-60-1830',
      officeEmail: 'bad-mail',
    })
    assert.equal(res.status, 422)
    const html = await res.text()
    assert.match(html, /全国地方公共団体コードの検査数字（6桁目）が合いません/)
    assert.match(html, /窓口のメールアドレスの形式が正しくありません/)
    assert.match(html, /value="132038"/)
    assert.match(html, /aria-invalid="true"/)
  })

  test('a valid change is saved, shown in the footer and audited with the changed fields', async () => {
    const c = await t.as('admin@demo.example')
    await c.get('/admin/municipality')
    const res = await c.post('/admin/municipality', {
      name: '武蔵野市',
      nameKana: 'むさしのし',
      code: '１３２０３９',
      prefecture: '東京都',
      officeName: '市民協働推進課',
      officePhone: '0422-60-1999',
      officeEmail: 'kyodo@demo.example',
    })
    assert.equal(res.status, 303)
    const home = await (await c.get('/')).text()
    assert.match(home, /0422-60-1999/)
    const a = await auditRows('municipality.update')
    assert.deepEqual(a.at(-1)!.changes.officePhone, ['0422-60-1830', '0422-60-1999'])
    assert.equal(a.at(-1)!.actor_label, 'admin@demo.example')
  })
})

describe('who may use which admin page', () => {
  const adminPages = [
    '/admin',
    '/admin/municipality',
    '/admin/departments',
    '/admin/departments/new',
    '/admin/departments/import',
    '/admin/fiscal-years',
    '/admin/areas',
    '/admin/areas/new',
    '/admin/areas/import',
    '/admin/users',
    '/admin/invitations',
    '/admin/outbox',
    '/admin/audit',
  ]

  test('an administrator reaches every page from the dashboard', async () => {
    const c = await t.as('admin@demo.example')
    const dash = await (await c.get('/admin')).text()
    for (const p of adminPages.filter((p) => !/new|import/.test(p) && p !== '/admin'))
      assert.match(dash, new RegExp(`href="${p}"`), p)
    for (const p of adminPages) assert.equal((await c.get(p)).status, 200, p)
  })

  test('a coordinator sees invitations and the public department list only', async () => {
    const c = await t.as('coordinator@demo.example')
    const dash = await (await c.get('/admin')).text()
    assert.match(dash, /href="\/admin\/invitations"/)
    assert.match(dash, /href="\/departments"/)
    assert.doesNotMatch(dash, /href="\/admin\/users"/)
    assert.doesNotMatch(dash, /href="\/admin\/audit"/)
    assert.equal((await c.get('/admin/invitations')).status, 200)
    for (const p of [
      '/admin/users',
      '/admin/departments',
      '/admin/audit',
      '/admin/outbox',
      '/admin/municipality',
    ])
      assert.equal((await c.get(p)).status, 403, p)
  })

  test('staff, group members and reviewers are refused; visitors are sent to log in', async () => {
    for (const email of ['staff@demo.example', 'group@demo.example', 'reviewer@demo.example']) {
      const c = await t.as(email)
      assert.equal((await c.get('/admin')).status, 403, email)
      assert.equal((await c.get('/admin/invitations')).status, 403, email)
    }
    const v = t.client()
    const res = await v.get('/admin/users')
    assert.equal(res.status, 302)
    assert.match(res.headers.get('location') ?? '', /^\/login\?next=/)
    const denied = await auditRows('authz.denied')
    assert.ok(denied.length > 0)
  })
})

describe('departments', () => {
  test('create validates in Japanese, then saves and audits', async () => {
    const c = await t.as('admin@demo.example')
    await c.get('/admin/departments/new')
    const bad = await c.post('/admin/departments', {
      kind: 'ka',
      name: '',
      nameKana: 'abc',
      phone: '123',
      sortOrder: 'x',
    })
    assert.equal(bad.status, 422)
    const html = await bad.text()
    assert.match(html, /部署名を入力してください/)
    assert.match(html, /フリガナはカタカナ/)
    assert.match(html, /電話番号は市外局番から/)
    assert.match(html, /表示順は半角数字/)
    const dup = await c.post('/admin/departments', { kind: 'ka', name: '道路課' })
    assert.equal(dup.status, 422)
    assert.match(await dup.text(), /部署名「道路課」はすでに登録されています/)

    const parentId = await idOf('departments', '市民部')
    const ok = await c.post('/admin/departments', {
      kind: 'ka',
      parentId,
      name: '多文化共生課',
      nameKana: 'たぶんかきょうせいか',
      duties: '外国人住民への相談、日本語教室の支援、多言語での情報提供',
      phone: '0422-60-1234',
      email: 'tabunka@city.demo.example',
      location: '市役所本庁舎2階',
      sortOrder: '300',
    })
    assert.equal(ok.status, 303)
    const list = await (await c.get('/admin/departments')).text()
    assert.match(list, /多文化共生課/)
    const a = await auditRows('department.create')
    assert.deepEqual(a.at(-1)!.changes.nameKana, [null, 'タブンカキョウセイカ'])
  })

  test('a department is deactivated (never deleted) and leaves the public list', async () => {
    const c = await t.as('admin@demo.example')
    await c.get('/admin/departments')
    const id = await idOf('departments', '多文化共生課')
    assert.equal((await t.client().get(`/departments/${id}`)).status, 200)
    const ask = await c.post(`/admin/departments/${id}/deactivate`)
    assert.equal(ask.status, 200, 'a confirmation step first')
    assert.match(await ask.text(), /部署「多文化共生課」を廃止にします。よろしいですか。/)
    assert.equal((await t.client().get(`/departments/${id}`)).status, 200, 'nothing changed yet')
    assert.equal((await c.post(`/admin/departments/${id}/deactivate`, { confirmed: 'yes' })).status, 303)
    assert.equal((await t.client().get(`/departments/${id}`)).status, 404)
    assert.doesNotMatch(await (await t.client().get('/departments')).text(), /多文化共生課/)
    assert.match(await (await c.get('/admin/departments')).text(), /多文化共生課[\s\S]*?廃止/)
    assert.equal((await c.post(`/admin/departments/${id}/reactivate`)).status, 303)
    assert.equal((await t.client().get(`/departments/${id}`)).status, 200)
    assert.equal((await auditRows('department.deactivate')).length, 1)
    assert.equal((await auditRows('department.reactivate')).length, 1)
  })

  test('edit refuses a parent that is the department itself', async () => {
    const c = await t.as('admin@demo.example')
    const id = await idOf('departments', '市民部')
    await c.get(`/admin/departments/${id}/edit`)
    const res = await c.post(`/admin/departments/${id}`, { kind: 'bu', name: '市民部', parentId: id })
    assert.equal(res.status, 422)
    assert.match(await res.text(), /上位部署に、この部署自身やその下の部署は選べません/)
    assert.equal((await c.get('/admin/departments/not-a-uuid/edit')).status, 404)
  })

  test('the public list finds departments by duties in any kana form', async () => {
    const v = t.client()
    const all = await (await v.get('/departments')).text()
    assert.match(all, /健康福祉部/)
    for (const q of ['こうれいしゃ', '高齢者', '見守り']) {
      const html = await (await v.get(`/departments?q=${encodeURIComponent(q)}`)).text()
      assert.match(html, /高齢者支援課/, q)
      assert.doesNotMatch(html, /道路課/, q)
    }
    const gomi = await (await v.get(`/departments?q=${encodeURIComponent('ゴミ')}`)).text()
    assert.match(gomi, /ごみ総合対策課/)
    const none = await (await v.get(`/departments?q=${encodeURIComponent('存在しない言葉')}`)).text()
    assert.match(none, /見つかりませんでした/)
    assert.match(await (await v.get('/consultations')).text(), /href="\/departments"/)
  })

  test('CSV export: UTF-8 with BOM and CRLF, or CP932 on request', async () => {
    const c = await t.as('admin@demo.example')
    const res = await c.get('/admin/departments/export')
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /UTF-8/)
    const buf = new Uint8Array(await res.arrayBuffer())
    assert.deepEqual([...buf.slice(0, 3)], [0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(buf.slice(3))
    assert.match(text, /^部署名,フリガナ,種別,上位部署,所掌事務/)
    assert.match(text, /\r\n/)
    assert.match(text, /高齢者支援課,コウレイシャシエンカ,課,健康福祉部/)
    const sjis = await c.get('/admin/departments/export?encoding=cp932')
    assert.match(sjis.headers.get('content-type') ?? '', /Shift_JIS/)
    const raw = new Uint8Array(await sjis.arrayBuffer())
    assert.notEqual(raw[0], 0xef)
  })
})

describe('fiscal years and areas', () => {
  test('add the next year with its 令和 label, then change its status', async () => {
    const c = await t.as('admin@demo.example')
    const before = await rows<{ year: number }>(
      t.database.db,
      sql`SELECT max(year) AS year FROM fiscal_years`,
    )
    const next = Number(before[0].year) + 1
    await c.get('/admin/fiscal-years')
    assert.equal((await c.post('/admin/fiscal-years')).status, 303)
    const html = await (await c.get('/admin/fiscal-years')).text()
    assert.match(html, new RegExp(`令和\\d+年度（${next}年度）`))
    const [{ id }] = await rows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM fiscal_years WHERE year = ${next}`,
    )
    const ask = await c.post(`/admin/fiscal-years/${id}/status`, { status: 'open' })
    assert.equal(ask.status, 200)
    assert.match(await ask.text(), /「準備中」から「実施中」に変更します。よろしいですか。/)
    assert.equal(
      (await c.post(`/admin/fiscal-years/${id}/status`, { status: 'open', confirmed: 'yes' })).status,
      303,
    )
    // A forged status returns to the list with the message, not to a bare error page.
    assert.equal((await c.post(`/admin/fiscal-years/${id}/status`, { status: 'bogus' })).status, 303)
    const a = await auditRows('fiscalYear.status')
    assert.deepEqual(a.at(-1)!.changes.status, ['planning', 'open'])
  })

  test('create and edit an area', async () => {
    const c = await t.as('admin@demo.example')
    await c.get('/admin/areas/new')
    assert.equal((await c.post('/admin/areas', { name: '' })).status, 422)
    assert.equal(
      (await c.post('/admin/areas', { name: '新しい地区', nameKana: 'しんちく', sortOrder: '99' })).status,
      303,
    )
    const id = await idOf('areas', '新しい地区')
    await c.get(`/admin/areas/${id}/edit`)
    assert.equal(
      (
        await c.post(`/admin/areas/${id}`, {
          name: '新しい地区',
          nameKana: 'シンチク',
          description: '一丁目〜三丁目',
          sortOrder: '5',
        })
      ).status,
      303,
    )
    const a = await auditRows('area.update')
    assert.deepEqual(a.at(-1)!.changes.sortOrder, [99, 5])
  })
})

describe('invitations', () => {
  test('a coordinator invites a reviewer; the mail is in the outbox for administrators', async () => {
    const c = await t.as('coordinator@demo.example')
    await c.get('/admin/invitations')
    const res = await c.post('/admin/invitations', { email: 'new-reviewer@demo.example', role: 'reviewer' })
    assert.equal(res.status, 303)
    const page = await (await c.get('/admin/invitations')).text()
    assert.match(page, /new-reviewer@demo.example/)
    const admin = await t.as('admin@demo.example')
    const outbox = await (await admin.get('/admin/outbox')).text()
    assert.match(outbox, /new-reviewer@demo.example/)
    const [{ id }] = await rows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM outbox WHERE "to" = 'new-reviewer@demo.example'`,
    )
    const mail = await (await admin.get(`/admin/outbox/${id}`)).text()
    assert.match(mail, /審査委員として招待されました/)
    assert.match(mail, /invitations\/accept\?token=/)
    assert.equal((await admin.get('/admin/outbox/not-a-uuid')).status, 404)
  })

  test('a coordinator cannot invite an administrator; staff need a department', async () => {
    const c = await t.as('coordinator@demo.example')
    await c.get('/admin/invitations')
    assert.doesNotMatch(await (await c.get('/admin/invitations')).text(), /value="admin"/)
    const res = await c.post('/admin/invitations', { email: 'x@demo.example', role: 'admin' })
    assert.equal(res.status, 403)
    const noDept = await c.post('/admin/invitations', { email: 'x@demo.example', role: 'staff' })
    assert.equal(noDept.status, 422)
    assert.match(await noDept.text(), /担当課職員を招待するときは所属部署を選んでください/)
    const dep = await idOf('departments', '道路課')
    assert.equal(
      (await c.post('/admin/invitations', { email: 'road@demo.example', role: 'staff', departmentId: dep }))
        .status,
      303,
    )
    const a = await auditRows('invitation.create')
    assert.equal(a.at(-1)!.changes.departmentId, dep)
  })
})

describe('users', () => {
  test('search by kana, e-mail and role, with paging', async () => {
    const c = await t.as('admin@demo.example')
    const byKana = await (await c.get(`/admin/users?q=${encodeURIComponent('たかはし')}`)).text()
    assert.match(byKana, /staff@demo.example/)
    assert.doesNotMatch(byKana, /reviewer@demo.example/)
    const byRole = await (await c.get('/admin/users?role=coordinator')).text()
    assert.match(byRole, /coordinator@demo.example/)
    assert.doesNotMatch(byRole, /staff@demo.example/)
    const staff = await (await c.get('/admin/users?role=staff')).text()
    assert.match(staff, /staff@demo.example/)
    const paged = await (await c.get('/admin/users?per_page=2')).text()
    assert.match(paged, /ページ送り/)
  })

  test('an administrator cannot remove their own admin flag or disable themselves', async () => {
    const c = await t.as('admin@demo.example')
    const me = await userId('admin@demo.example')
    await c.get(`/admin/users/${me}`)
    const r1 = await c.post(`/admin/users/${me}/roles`, {})
    assert.equal(r1.status, 422)
    assert.match(await r1.text(), /ご自身のシステム管理者の権限は外せません/)
    const r2 = await c.post(`/admin/users/${me}/disable`)
    assert.equal(r2.status, 422)
    assert.match(await r2.text(), /ご自身のアカウントは利用停止にできません/)
    const still = await rows<{ is_admin: boolean; disabled_at: unknown }>(
      t.database.db,
      sql`SELECT is_admin, disabled_at FROM users WHERE id = ${me}`,
    )
    assert.equal(still[0].is_admin, true)
    assert.equal(still[0].disabled_at, null)
  })

  test('roles and department memberships are changed and audited', async () => {
    const c = await t.as('admin@demo.example')
    const id = await userId('reviewer@demo.example')
    await c.get(`/admin/users/${id}`)
    assert.equal(
      (await c.post(`/admin/users/${id}/roles`, { isReviewer: 'on', isCoordinator: 'on' })).status,
      303,
    )
    const dep = await idOf('departments', '防災課')
    assert.equal((await c.post(`/admin/users/${id}/departments`, { departmentId: dep })).status, 303)
    const page = await (await c.get(`/admin/users/${id}`)).text()
    assert.match(page, /防災課/)
    const ask = await c.post(`/admin/users/${id}/departments/${dep}/remove`)
    assert.equal(ask.status, 200)
    assert.match(await ask.text(), /「防災課」から外します。よろしいですか。/)
    assert.equal(
      (await c.post(`/admin/users/${id}/departments/${dep}/remove`, { confirmed: 'yes' })).status,
      303,
    )
    assert.equal((await c.post(`/admin/users/${id}/roles`, { isReviewer: 'on' })).status, 303)
    const roles = await auditRows('user.roles.update')
    assert.deepEqual(roles.at(-2)!.changes.isCoordinator, [false, true])
    assert.equal((await auditRows('user.department.add')).length, 1)
    assert.equal((await auditRows('user.department.remove')).length, 1)
  })

  test('disabling a user ends their sessions at once; enabling lets them back in', async () => {
    const reviewer = await t.as('reviewer@demo.example')
    assert.equal((await reviewer.get('/account')).status, 200)
    const c = await t.as('admin@demo.example')
    const id = await userId('reviewer@demo.example')
    await c.get(`/admin/users/${id}`)
    assert.match(
      await (await c.post(`/admin/users/${id}/disable`)).text(),
      /利用停止にします。よろしいですか。/,
    )
    assert.equal((await reviewer.get('/account')).status, 200, 'not yet: only a confirmation was shown')
    assert.equal((await c.post(`/admin/users/${id}/disable`, { confirmed: 'yes' })).status, 303)
    const after = await reviewer.get('/account')
    assert.equal(after.status, 302)
    const s = await rows(t.database.db, sql`SELECT 1 FROM sessions WHERE user_id = ${id}`)
    assert.equal(s.length, 0)
    await assert.rejects(t.as('reviewer@demo.example'))
    assert.equal((await c.post(`/admin/users/${id}/enable`)).status, 303)
    await t.as('reviewer@demo.example')
    assert.equal((await auditRows('user.disable')).length, 1)
  })
})

describe('audit log', () => {
  test('filters by action prefix, actor, entity and dates; shows when, who, what and IP', async () => {
    const c = await t.as('admin@demo.example')
    const html = await (await c.get('/admin/audit?action=department.&actor=admin@demo')).text()
    assert.match(html, /部署を追加しました/)
    assert.doesNotMatch(html, /department\.create|ログインしました/)
    assert.match(html, /\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}/)
    const id = await idOf('departments', '多文化共生課')
    const one = await (await c.get(`/admin/audit?entityType=department&entityId=${id}`)).text()
    assert.match(one, /部署を廃止にしました/)
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10).split('-')
    const dated = await c.get(
      `/admin/audit?action=department.&from_year=${today[0]}&from_month=${Number(today[1])}&from_day=${Number(today[2])}`,
    )
    assert.match(await dated.text(), /部署を追加しました/)
    const future = await (
      await c.get('/admin/audit?action=department.&from_year=2099&from_month=1&from_day=1')
    ).text()
    assert.match(future, /操作記録（0件/)
  })

  test('in Japanese: actions, kinds of object and changes as sentences; filtered by Japanese words', async () => {
    const c = await t.as('admin@demo.example')
    const html = await (await c.get(`/admin/audit?action=${encodeURIComponent('ログイン')}`)).text()
    assert.match(html, /ログインしました/)
    assert.doesNotMatch(html, /auth\.login\.success|部署を追加しました/)
    const s = await t.as('staff@demo.example')
    await s.get('/coordination/board')
    const denied = await (await c.get(`/admin/audit?action=${encodeURIComponent('拒否')}`)).text()
    assert.match(denied, /権限のない操作をしようとして拒否されました/)
    assert.match(denied, /必要な権限：調整ボードを見る/)
    assert.doesNotMatch(denied, /authz\.denied|\{"permission"/)
    const byKind = await (await c.get(`/admin/audit?entityType=${encodeURIComponent('部署')}`)).text()
    assert.match(byKind, /部署を追加しました/)
    assert.doesNotMatch(byKind, /ログインしました/)
  })

  test('an impossible date is refused with the field named', async () => {
    const c = await t.as('admin@demo.example')
    const res = await c.get('/admin/audit?to_year=2025&to_month=2&to_day=30')
    assert.equal(res.status, 422)
    assert.match(await res.text(), /期間の終了日は正しい日付を入力してください/)
  })

  test('CSV export of the filtered rows', async () => {
    const c = await t.as('admin@demo.example')
    const res = await c.get('/admin/audit/export?action=user.')
    assert.equal(res.status, 200)
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()).slice(3))
    assert.match(text, /^日時（日本時間）,日時（UTC）,操作した人,操作/)
    assert.match(text, /user\.disable/)
    const jst = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10)
    assert.ok(decodeURIComponent(res.headers.get('content-disposition') ?? '').includes(`_${jst}.csv`))
    assert.doesNotMatch(text, /department\.create/)
    assert.equal((await auditRows('audit.export')).length, 1)
  })

  test('an export that cannot be made returns to the log with the message (not an error page)', async () => {
    const c = await t.as('admin@demo.example')
    await c.get('/admin/departments/new')
    const made = await c.post('/admin/departments', {
      kind: 'ka',
      name: '𠮷野地域課',
      nameKana: 'よしのちいきか',
      duties: '地域のこと',
      sortOrder: '310',
    })
    assert.equal(made.status, 303, (await made.clone().text()).match(/error-summary[\s\S]*?<\/ul>/)?.[0])
    const before = (await auditRows('audit.export')).length
    const cp = await c.get('/admin/audit/export?action=department.create&encoding=cp932')
    assert.equal(cp.status, 422)
    assert.match(cp.headers.get('content-type') ?? '', /text\/html/)
    const html = await cp.text()
    assert.match(html, /Shift_JIS（CP932）で表せない文字があるため出力できません：.*「𠮷」/)
    assert.match(html, /<h1>操作記録（監査ログ）<\/h1>/)
    assert.match(
      html,
      /name="action"[^>]*value="department.create"|value="department.create"[^>]*name="action"/,
    )
    assert.equal((await auditRows('audit.export')).length, before, 'nothing exported, nothing recorded')
    // a date that does not exist: the page with the field named
    const bad = await c.get('/admin/audit/export?to_year=2025&to_month=2&to_day=30')
    assert.equal(bad.status, 422)
    assert.match(await bad.text(), /期間の終了日は正しい日付を入力してください/)
    // UTF-8 holds it
    const ok = await c.get('/admin/audit/export?action=department.create')
    assert.equal(ok.status, 200)
    assert.match(new TextDecoder().decode(new Uint8Array(await ok.arrayBuffer())), /𠮷野地域課/)
  })
})

describe('JSON API', () => {
  test('public department list and detail; search', async () => {
    const v = t.client()
    const res = await v.get(`/api/v1/departments?q=${encodeURIComponent('ごみ')}`)
    assert.equal(res.status, 200)
    const body = (await res.json()) as any
    assert.ok(body.items.some((d: any) => d.name === 'ごみ総合対策課'))
    const one = await v.get(`/api/v1/departments/${body.items[0].id}`)
    assert.equal(((await one.json()) as any).id, body.items[0].id)
    assert.equal((await v.get('/api/v1/departments/nope')).status, 404)
    assert.ok(((await (await v.get('/api/v1/fiscal-years')).json()) as any).items[0].label.includes('年度'))
    assert.ok(((await (await v.get('/api/v1/areas')).json()) as any).items.length > 0)
  })

  test('administrators create and patch departments; others are refused before validation', async () => {
    const c = await t.as('admin@demo.example')
    const bad = await c.json('POST', '/api/v1/departments', { kind: 'ka', name: '' })
    assert.equal(bad.status, 422)
    const b = (await bad.json()) as any
    assert.ok(b.fields.some((f: any) => f.field === 'name' && /部署名を入力してください/.test(f.message)))
    const ok = await c.json('POST', '/api/v1/departments', { kind: 'ka', name: 'API課', duties: 'テスト' })
    assert.equal(ok.status, 201)
    const d = (await ok.json()) as any
    const p = await c.json('PATCH', `/api/v1/departments/${d.id}`, { phone: '0422-60-0000', active: false })
    assert.equal(p.status, 200)
    const pd = (await p.json()) as any
    assert.equal(pd.phone, '0422-60-0000')
    assert.equal(pd.active, false)
    assert.equal(pd.duties, 'テスト')
    const staff = await t.as('staff@demo.example')
    const refused = await staff.json('POST', '/api/v1/departments', { name: '' })
    assert.equal(refused.status, 403)
  })

  test('users, audit and outbox are paged lists', async () => {
    const c = await t.as('admin@demo.example')
    const u = (await (await c.get('/api/v1/users?role=admin')).json()) as any
    assert.equal(u.page, 1)
    assert.ok(u.total >= 1)
    assert.ok(u.items.every((x: any) => x.isAdmin))
    const a = (await (await c.get('/api/v1/audit?action=department.&per_page=5')).json()) as any
    assert.ok(a.total >= 1 && a.items.length <= 5)
    assert.equal((await c.get('/api/v1/audit?from=2025-02-30')).status, 422)
    const o = (await (await c.get('/api/v1/outbox')).json()) as any
    assert.ok(o.items.length >= 1)
    const me = await userId('admin@demo.example')
    const self = await c.json('PATCH', `/api/v1/users/${me}`, { isAdmin: false })
    assert.equal(self.status, 422)
  })

  test('invitations through the API follow the same rule', async () => {
    const c = await t.as('coordinator@demo.example')
    assert.equal(
      (await c.json('POST', '/api/v1/invitations', { email: 'api@demo.example', role: 'admin' })).status,
      403,
    )
    assert.equal(
      (await c.json('POST', '/api/v1/invitations', { email: 'api@demo.example', role: 'reviewer' })).status,
      201,
    )
  })
})
