import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { rows } from '../../core/db/index.ts'
import { users } from '../../core/db/schema.ts'
import { notifications } from '../notifications/schema.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'

/** Each role lands on a home of what waits for it, and the header reaches the screens it uses. */
let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

const hrefs = (html: string) => [...html.matchAll(/href="([^"#]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'))
const workMenu = (html: string) => html.match(/aria-label="業務メニュー">([\s\S]*?)<\/nav>/)?.[1] ?? ''

test('coordinator: home counts what waits; the work menu reaches board, hearings, review, projects, statistics, surveys and plans', async () => {
  const c = await t.as('coordinator@demo.example')
  const res = await c.get('/')
  const html = await res.text()
  assert.match(html, /あなたを待っていること/)
  assert.match(html, /審査を待っている団体の登録/)
  assert.match(html, /返事を待っている協働ニーズ/)
  assert.match(html, /次の手順が必要な協働の調整/)
  assert.match(html, /未読のお知らせ/)
  const work = workMenu(html)
  for (const h of [
    '/coordination/board',
    '/coordination/hearings',
    '/coordinator/groups',
    '/projects',
    '/coordination/statistics',
    '/coordination/surveys',
    '/needs/plans',
  ])
    assert.ok(work.includes(`href="${h}"`), h)
  assert.match(html, /href="\/notifications"/)
})

test('staff: hearing and own needs in the work menu, no board; home shows the hearing answer item', async () => {
  const c = await t.as('staff@demo.example')
  const html = await (await c.get('/')).text()
  const work = workMenu(html)
  assert.ok(work.includes('href="/coordination/hearings"'))
  assert.ok(work.includes('href="/needs/mine"'))
  assert.ok(!work.includes('/coordination/board'))
  assert.ok(!work.includes('/coordination/statistics'), 'the statistics dashboard is the coordinator’s')
  assert.ok(work.includes('href="/my/surveys"'), 'staff answer the yearly survey')
  assert.ok(!work.includes('/coordination/surveys'))
  assert.match(html, /返事を待っている協働ニーズ/)
})

test('group member and signed-out visitor: no work menu; お知らせ only when signed in', async () => {
  const g = await t.as('group@demo.example')
  const html = await (await g.get('/')).text()
  // group@ takes part in the demo's adjustment meeting and, as a group member, writes proposals
  assert.equal(
    workMenu(html),
    '<ul><li><a href="/meetings">調整会議</a></li><li><a href="/my/proposals">提案制度</a></li></ul>',
  )
  const g2 = await t.as('group2@demo.example')
  // the representative of another group, in no meeting: only its group's proposals, nothing of the city's work
  assert.equal(
    workMenu(await (await g2.get('/')).text()),
    '<ul><li><a href="/my/proposals">提案制度</a></li></ul>',
  )
  assert.match(html, /href="\/notifications"/)
  assert.match(html, /href="\/my\/groups"/)
  const anon = await (await t.client().get('/')).text()
  assert.doesNotMatch(anon, /href="\/notifications"/)
})

test('the unread count shows in the header', async () => {
  const c = await t.as('coordinator@demo.example')
  await c.post('/notifications/read', {})
  const before = await (await c.get('/needs')).text()
  // (other entries may carry their own counts, e.g. 相談の受付 in the work menu)
  assert.doesNotMatch(before, /お知らせ <span class="badge badge--blue nav-count">/)
  const [u] = await t.database.db.select().from(users).where(eq(users.email, 'coordinator@demo.example'))
  await t.database.db
    .insert(notifications)
    .values({ municipalityId: t.municipalityId, userId: u.id, kind: 'test', title: 'テスト', href: '/' })
  const after = await (await c.get('/needs')).text()
  assert.match(after, /お知らせ <span class="badge badge--blue nav-count">1/)
})

test('administrator: plans in the work menu; coordinator 管理 menu lists the group pages', async () => {
  const a = await t.as('admin@demo.example')
  assert.ok(workMenu(await (await a.get('/')).text()).includes('href="/needs/plans"'))
  const c = await t.as('coordinator@demo.example')
  const admin = await (await c.get('/admin')).text()
  assert.match(admin, /href="\/coordinator\/groups"/)
  assert.match(admin, /href="\/groups\/import"/)
  assert.doesNotMatch(admin, /href="\/groups\/conditions"/)
})

test('links a role cannot follow are not shown: review page conditions link, pairing crumb for staff', async () => {
  const c = await t.as('coordinator@demo.example')
  const review = await (await c.get('/coordinator/groups')).text()
  assert.ok(!hrefs(review).includes('/groups/conditions'))
  const s = await t.as('staff@demo.example')
  const notes = await (await s.get('/notifications')).text()
  const pairing = hrefs(notes).find((h) => h.startsWith('/coordination/pairings/'))
  if (pairing) {
    const page = await (await s.get(pairing)).text()
    assert.ok(!hrefs(page).includes('/coordination/board'))
  }
})

test('accessibility policy: target, 対応度 and the 試験結果 recorded by the browser crawl', async () => {
  const html = await (await t.client().get('/accessibility')).text()
  assert.match(html, /JIS X 8341-3:2016 の適合レベルAA/)
  assert.match(html, /一部準拠/)
  const { a11yResults } = await import('./service.ts')
  const r = a11yResults()
  assert.ok(r, 'docs/a11y-results.json is committed (KYODO_A11Y_RESULTS=1 npm run test:e2e writes it)')
  assert.match(html, new RegExp(`${r.pagesChecked.toLocaleString('ja-JP')}ページ`))
  assert.match(html, /試験日/)
})

test('every count in the header menus is the number of its own list (one query reads them all)', async () => {
  const badge = (html: string, label: string) => {
    const m = html.match(new RegExp(`>${label} <span class="badge badge--blue nav-count">(\\d+)`))
    return m ? Number(m[1]) : 0
  }
  const db = t.database.db
  const count = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(db, q))[0].n)
  for (const email of ['staff@demo.example', 'coordinator@demo.example']) {
    const [u] = await db.select().from(users).where(eq(users.email, email))
    const deps = sql`(SELECT department_id FROM department_members WHERE user_id = ${u.id})`
    const html = await (await (await t.as(email)).get('/needs')).text()
    const expected: Record<string, number> = {
      お知らせ: await count(
        sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${u.id} AND read_at IS NULL`,
      ),
      引継ぎ: await count(
        sql`SELECT count(*)::int AS n FROM handovers WHERE to_user_id = ${u.id} AND status = 'pending'`,
      ),
    }
    if (email.startsWith('coordinator'))
      expected.相談の受付 = await count(
        sql`SELECT count(*)::int AS n FROM consultations WHERE status = 'received'`,
      )
    else {
      expected.担当課への相談 = await count(
        sql`SELECT count(DISTINCT a.consultation_id)::int AS n FROM consultation_assignments a
            JOIN consultations c ON c.id = a.consultation_id
            WHERE c.status IN ('received', 'reviewing') AND a.department_id IN ${deps}`,
      )
      expected.調査への回答 = await count(
        sql`SELECT count(*)::int AS n FROM survey_responses r JOIN surveys s ON s.id = r.survey_id
            WHERE s.status = 'open' AND r.status <> 'submitted' AND r.department_id IN ${deps}`,
      )
    }
    const shown = Object.fromEntries(Object.keys(expected).map((k) => [k, badge(html, k)]))
    assert.deepEqual(shown, expected, email)
    // not all zero: the test would not notice counts swapped between entries
    assert.ok(new Set(Object.values(expected)).size > 1, `${email}: ${JSON.stringify(expected)}`)
  }
})
