import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditLog } from '../../core/audit/schema.ts'
import { users } from '../../core/db/schema.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { groupMembers } from '../groups/schema.ts'
import { projectBudgets, projects } from '../projects/schema.ts'
import { DEMO_REVIEW_TITLE } from './demo.ts'
import { proposalApplications, proposalProgrammes, proposalScores } from './schema.ts'

let t: TestApp
let coord: TestClient
let reviewer: TestClient
let group: TestClient
let mid: string
const db = () => t.database.db
const json = async (res: Response) => (await res.json()) as any
const scores = (n: number, comment = '地域の課題に合っている') =>
  ['public', 'need', 'feasible', 'continuity', 'cost'].map((criterion) => ({ criterion, score: n, comment }))

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
  coord = await t.as('coordinator@demo.example')
  reviewer = await t.as('reviewer@demo.example')
  group = await t.as('group@demo.example')
})
after(async () => t.close())

async function demoApplication(title: string) {
  const [a] = await db()
    .select()
    .from(proposalApplications)
    .where(and(eq(proposalApplications.municipalityId, mid), eq(proposalApplications.title, title)))
  return a
}

test('the demo programme is public; the funnel carries Chigasaki history (H27: 17 → 8 → 4)', async () => {
  const page = await (await t.client().get('/proposals')).text()
  assert.match(page, new RegExp(DEMO_REVIEW_TITLE))
  const f = await json(await coord.get('/api/v1/stats/proposal-funnel'))
  const h27 = f.years.find((y: any) => y.fiscalYear === 2015)
  assert.deepEqual({ c: h27.consultations, a: h27.applications, d: h27.adopted }, { c: 17, a: 8, d: 4 })
  const r1 = f.years.find((y: any) => y.fiscalYear === 2019)
  assert.equal(r1.applications, 0)
  // the coordinator's funnel page: one chart with its table per step
  const funnelPage = await (await coord.get('/coordination/proposal-funnel')).text()
  for (const title of ['意見交換会の件数', '申込の件数', '採択の件数'])
    assert.match(funnelPage, new RegExp(title))
  assert.equal((funnelPage.match(/<h1[ >]/g) ?? []).length, 1)
})

test('a reviewer scores 1–5 with comments; out of range or without comment is refused naming the field; applicants never see scores', async () => {
  const a = await demoApplication('放課後の学びと食の居場所づくり')
  assert.ok(a, 'demo proposal exists')
  const list = await (await reviewer.get('/review')).text()
  assert.match(list, /放課後の学びと食の居場所づくり/)
  const bad = await reviewer.json('POST', `/api/v1/applications/${a.id}/scores`, { scores: scores(6) })
  assert.equal(bad.status, 422)
  const noComment = await reviewer.json('POST', `/api/v1/applications/${a.id}/scores`, {
    scores: scores(4, ''),
  })
  assert.equal(noComment.status, 422)
  assert.match(JSON.stringify(await noComment.json()), /講評|コメント/)
  const ok = await reviewer.json('POST', `/api/v1/applications/${a.id}/scores`, {
    scores: scores(4, '居場所と学習支援の組み合わせが独自'),
  })
  assert.equal(ok.status, 201, await ok.clone().text())
  const saved = await db().select().from(proposalScores).where(eq(proposalScores.applicationId, a.id))
  assert.equal(saved.length, 5)
  // the applicant group's own proposal page shows no score nor comment
  const mine = await demoApplication('ひとり暮らし高齢者の見守りサロン事業')
  await reviewer.json('POST', `/api/v1/applications/${mine.id}/scores`, {
    scores: scores(3, '講評ひみつのことば'),
  })
  const own = await group.get(`/proposal-applications/${mine.id}`)
  assert.equal(own.status, 200)
  assert.doesNotMatch(await own.text(), /講評ひみつのことば/)
  // another group's proposal is not the group's to read
  const other = await group.get(`/proposal-applications/${a.id}`)
  assert.ok([403, 404].includes(other.status), `another group's proposal: ${other.status}`)
})

test('a reviewer who declares a conflict can no longer score that proposal', async () => {
  const a = await demoApplication('川沿いの緑を守る市民調査')
  const r = await reviewer.post(`/review/${a.id}/conflict`, { reason: '団体の理事を務めている' })
  assert.equal(r.status, 303, await r.clone().text())
  const s = await reviewer.json('POST', `/api/v1/applications/${a.id}/scores`, { scores: scores(5) })
  assert.ok([403, 404].includes(s.status), `scoring with a conflict: ${s.status}`)
  assert.doesNotMatch(await (await reviewer.get('/review')).text(), new RegExp(`/review/${a.id}"`))
})

test('a coordinator opens a 市民提案型 call with two courses; a group submits within the limit and is refused over it; adoption becomes a project with its two-year budget', async () => {
  const created = await coord.json('POST', '/api/v1/programmes', {
    title: 'テスト用 市民提案型協働事業',
    type: 'shimin',
    fiscalYear: 2026,
    courses: ['ikusei', 'project'],
    budgetFrame: 2_000_000,
    upperLimit: 1_000_000,
    preConsultationRequired: false,
  })
  assert.equal(created.status, 201, await created.clone().text())
  const p = await json(created)
  assert.equal(p.courses.length, 2)
  // deadline after today so the call is open for submissions
  await db()
    .update(proposalProgrammes)
    .set({ stage: 'open', deadline: new Date(Date.now() + 30 * 86400_000) })
    .where(eq(proposalProgrammes.id, p.id))
  const [gm] = await db()
    .select({ groupId: groupMembers.groupId })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(users.municipalityId, mid), eq(users.email, 'group@demo.example')))
  const body = (city: number) => ({
    groupId: gm.groupId,
    title: '商店街の空き店舗で子どもの居場所',
    courseCode: 'project',
    purpose: '放課後の子どもが安心して過ごせる場所をつくる',
    localIssue: '共働き世帯が増え、放課後の居場所が足りない',
    content: '週3回の居場所と月1回のイベント',
    plan: '1年目は試行、2年目は自主運営へ',
    outcomes: '利用者数と保護者の満足度',
    measures: '利用者数、アンケート',
    roles: '団体：運営。市：周知と会場調整',
    budget: [
      { year: 1, category: '消耗品費', item: '教材', total: city + 100_000, city, own: 100_000 },
      { year: 2, category: '消耗品費', item: '教材', total: 500_000, city: 400_000, own: 100_000 },
    ],
    submit: true,
  })
  const over = await group.json('POST', `/api/v1/programmes/${p.id}/applications`, body(1_600_000))
  assert.equal(over.status, 422, await over.clone().text())
  assert.match(JSON.stringify(await over.json()), /上限|市負担額/)
  const ok = await group.json('POST', `/api/v1/programmes/${p.id}/applications`, body(800_000))
  assert.equal(ok.status, 201, await ok.clone().text())
  const { id } = await json(ok)
  // the coordinator checks eligibility and adopts with reasons, then makes it a project
  const [app] = await db().select().from(proposalApplications).where(eq(proposalApplications.id, id))
  assert.equal(app.status, 'submitted')
  await db()
    .update(proposalApplications)
    .set({
      status: 'adopted',
      decisionReason: '地域の課題に即しており実現性が高い',
      departmentId: app.departmentId,
    })
    .where(eq(proposalApplications.id, id))
  const [after] = await db().select().from(proposalApplications).where(eq(proposalApplications.id, id))
  if (!after.departmentId) {
    const [anyProgramme] = await db()
      .select()
      .from(proposalApplications)
      .where(eq(proposalApplications.title, '放課後の学びと食の居場所づくり'))
    await db()
      .update(proposalApplications)
      .set({ departmentId: anyProgramme.departmentId })
      .where(eq(proposalApplications.id, id))
  }
  const made = await coord.post(`/coordination/proposal-applications/${id}/project`, {})
  assert.equal(made.status, 303, await made.clone().text())
  const [done] = await db().select().from(proposalApplications).where(eq(proposalApplications.id, id))
  assert.ok(done.projectId, 'the adopted proposal links its project')
  const [pr] = await db().select().from(projects).where(eq(projects.id, done.projectId!))
  assert.equal(pr.origin, 'proposal')
  const budgets = await db().select().from(projectBudgets).where(eq(projectBudgets.projectId, pr.id))
  assert.deepEqual(
    budgets.map((b) => b.cityShare).sort((x, y) => x - y),
    [400_000, 800_000],
  )
  const logged = await db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'proposal.application.project'), eq(auditLog.entityId, id)))
  assert.equal(logged.length, 1)
})

test('the panel shows totals, mean and standard deviation beside the frame; reviewers and applicants may not open it', async () => {
  const [p] = await db()
    .select()
    .from(proposalProgrammes)
    .where(and(eq(proposalProgrammes.municipalityId, mid), eq(proposalProgrammes.title, DEMO_REVIEW_TITLE)))
  const res = await coord.get(`/proposal-panels/${p.id}`)
  assert.equal(res.status, 200)
  const html = await res.text()
  assert.match(html, /標準偏差/)
  assert.match(html, /採択枠/)
  assert.ok([403, 404].includes((await group.get(`/proposal-panels/${p.id}`)).status))
})

test('the panel ranks against the programme’s frame and each course’s own frame', async () => {
  const { rankAgainstFrame } = await import('./domain.ts')
  const stats = (mean: number) => ({ mean, sd: 0, reviewers: 3, outliers: [] as never[] })
  const row = (id: string, courseCode: string, city1: number, mean: number) =>
    ({
      id,
      title: id,
      groupName: '',
      courseCode,
      city1,
      document: stats(mean),
      presentation: stats(mean),
    }) as any
  const ranked = rankAgainstFrame(
    [row('a', 'project', 600_000, 20), row('b', 'project', 600_000, 19), row('c', 'ikusei', 300_000, 18)],
    2_000_000,
    [
      { code: 'project', frame: 1_000_000 },
      { code: 'ikusei', frame: 0 },
    ],
  )
  assert.deepEqual(
    ranked.map((r) => [r.id, r.cumulative, r.courseCumulative, r.fits, r.overCourse]),
    [
      ['a', 600_000, 600_000, true, false],
      ['b', 1_200_000, 1_200_000, false, true],
      ['c', 1_500_000, 300_000, true, false],
    ],
  )
})
