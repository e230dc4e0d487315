/**
 * Issue 14's "Done means", end to end through the pages (forms, not the API): a 市民提案型 call with
 * two courses, a group's 意見交換会 and proposal (refused over the limit with every typed value kept),
 * three reviewers scoring both stages (one declaring a conflict on another proposal), the panel's
 * ranking against the frame, the decision with reasons, the letter, the project, the funnel beside
 * Chigasaki's history — and the bad input of the issue, each refused naming the field.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { municipalities, users } from '../../core/db/schema.ts'
import { fiscalYearOf } from '../../core/japanese/index.ts'
import { japaneseFont } from '../../core/pdf.ts'
import { createUser } from '../../testing/factories.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { groupMembers, groups } from '../groups/schema.ts'
import { departments } from '../organisation/schema.ts'
import { projectBudgets, projectFollowups, projects } from '../projects/schema.ts'
import { projectColumns } from '../projects/columns.ts'
import { proposalApplications, proposalProgrammes, proposalScores } from './schema.ts'

let t: TestApp
let coord: TestClient
let staff: TestClient
let group: TestClient
let group2: TestClient
let reviewers: TestClient[]
let mid: string
let groupId: string
let group2Id: string
let elderlyDep: string
let childDep: string
const db = () => t.database.db
const json = async (res: Response) => (await res.json()) as any
const fy = fiscalYearOf() + 1
const CRITERIA = ['public', 'need', 'feasible', 'continuity', 'cost']
/** The text of a page with its entities decoded, to look for typed values. */
const decoded = async (res: Response) =>
  (await res.text())
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

async function groupOf(email: string) {
  const [gm] = await db()
    .select({ groupId: groupMembers.groupId })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(users.municipalityId, mid), eq(users.email, email)))
  return gm.groupId
}
async function depId(name: string) {
  const [d] = await db()
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.municipalityId, mid), eq(departments.name, name)))
  assert.ok(d, `demo department ${name}`)
  return d.id
}
async function app(id: string) {
  const [a] = await db().select().from(proposalApplications).where(eq(proposalApplications.id, id))
  return a
}
async function programme(id: string) {
  const [p] = await db().select().from(proposalProgrammes).where(eq(proposalProgrammes.id, id))
  return p
}
const idFrom = (res: Response, re: RegExp) => {
  const m = (res.headers.get('location') ?? '').match(re)
  assert.ok(m, `redirected to ${res.headers.get('location')}`)
  return m[1]
}

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
  const [city] = await db().select().from(municipalities).where(eq(municipalities.id, mid))
  // two more members of the review panel (the demo has one reviewer)
  const r2 = await createUser(t.database, city, { email: 'reviewer2@test.example', reviewer: true })
  const r3 = await createUser(t.database, city, { email: 'reviewer3@test.example', reviewer: true })
  coord = await t.as('coordinator@demo.example')
  staff = await t.as('staff@demo.example')
  group = await t.as('group@demo.example')
  group2 = await t.as('group2@demo.example')
  reviewers = [await t.as('reviewer@demo.example'), await t.as(r2.email), await t.as(r3.email)]
  groupId = await groupOf('group@demo.example')
  group2Id = await groupOf('group2@demo.example')
  elderlyDep = await depId('高齢者支援課')
  childDep = await depId('児童青少年課')
})
after(async () => t.close())

/** The form of a proposal (budget rows budget_<i>_…), `city1` the year-1 市負担額 of its first row. */
const proposalForm = (o: {
  title: string
  course: string
  city1: number
  category?: string
  dep: string
}) => ({
  title: o.title,
  courseCode: o.course,
  departmentId: o.dep,
  purpose: '一人暮らしの高齢者が気軽に集える場を商店街の空き店舗につくる',
  localIssue: '駅から離れた地域で高齢者の孤立が増えている',
  content: '週2回のサロン、月1回の健康講座、見守りの声かけ',
  plan: '1年目：サロンの試行と担い手の募集。2年目：自主運営への移行',
  outcomes: '参加者の孤立感の軽減と新しい担い手',
  measures: '延べ参加者数、参加者アンケート、担い手の数',
  team: 'むさしの見守りネットワーク、商店会、市内の大学',
  roles: '団体：企画と運営。市：会場の調整、周知、事業費の負担',
  budget_0_year: '1',
  budget_0_category: o.category ?? '消耗品費',
  budget_0_item: '講座の教材とお茶の道具',
  budget_0_total: String(o.city1 + 100_000),
  budget_0_city: String(o.city1),
  budget_0_own: '100000',
  budget_1_year: '2',
  budget_1_category: '印刷製本費',
  budget_1_item: 'チラシ',
  budget_1_total: '500000',
  budget_1_city: '400000',
  budget_1_own: '100000',
})

describe('the programme from the call to the project (issue 14, Done means)', () => {
  let pid: string
  let mine: string
  let other: string

  test('the coordinator opens a 市民提案型 call with two courses through the form, and invites three reviewers', async () => {
    const form = await coord.get('/coordination/proposals/new')
    assert.equal(form.status, 200)
    const bad = await coord.post('/coordination/proposals', { title: '', type: 'shimin', courses: [] })
    assert.equal(bad.status, 422)
    assert.match(await bad.text(), /名称|コース/)
    const res = await coord.post('/coordination/proposals', {
      title: 'テスト 市民提案型協働事業（通し）',
      type: 'shimin',
      fiscalYear: String(fy),
      description: '地域の課題を団体が提案します',
      courses: ['ikusei', 'project'],
      budgetFrame: '2000000',
      upperLimit: '1000000',
      eligibleCategories: '報償費\n消耗品費\n印刷製本費',
      ineligibleCategories: '飲食費\n備品購入費',
      fundedYears: '2',
      preConsultationRequired: 'on',
    })
    assert.equal(res.status, 303, await res.clone().text())
    pid = idFrom(res, /\/coordination\/proposals\/([0-9a-f-]{36})$/)
    const p = await programme(pid)
    assert.deepEqual(
      p.courses.map((c) => c.code),
      ['ikusei', 'project'],
    )
    assert.equal(p.preConsultationRequired, true)
    assert.ok(p.deadline && p.deadline > new Date(), 'the deadline of next year’s call is ahead')
    assert.equal((await coord.post(`/coordination/proposals/${pid}/stage`, { stage: 'open' })).status, 303)
    const candidates = await db()
      .select()
      .from(users)
      .where(and(eq(users.municipalityId, mid), eq(users.isReviewer, true)))
    assert.ok(candidates.length >= 3)
    for (const r of ['reviewer@demo.example', 'reviewer2@test.example', 'reviewer3@test.example']) {
      const u = candidates.find((c) => c.email === r)!
      const inv = await coord.post(`/coordination/proposals/${pid}/reviewers`, { userId: u.id })
      assert.equal(inv.status, 303, await inv.clone().text())
    }
    // someone who is not a reviewer cannot sit on the panel
    const [notReviewer] = await db()
      .select()
      .from(users)
      .where(and(eq(users.municipalityId, mid), eq(users.email, 'staff@demo.example')))
    const refused = await coord.post(`/coordination/proposals/${pid}/reviewers`, { userId: notReviewer.id })
    assert.equal(refused.status, 422)
    assert.match(await refused.text(), /審査委員を一覧から選んでください/)
    // the programme manage page names the three
    const manage = await (await coord.get(`/coordination/proposals/${pid}`)).text()
    for (const u of candidates.filter((c) => c.email.startsWith('reviewer')))
      assert.ok(manage.includes(`${u.familyName} ${u.givenName}`), `${u.email} on the panel`)
    // the call is public with its schedule and courses
    const pub = await (await t.client().get(`/proposals/${pid}`)).text()
    assert.match(pub, /育成コース/)
    assert.match(pub, /プロジェクトコース/)
    assert.doesNotMatch(pub, /市の後援コース/)
  })

  test('without its 意見交換会 the group cannot submit; with it, a proposal over the limit is refused keeping every typed value', async () => {
    const f = proposalForm({
      title: '商店街の空き店舗で見守りサロン',
      course: 'project',
      city1: 800_000,
      dep: elderlyDep,
    })
    await group.get(`/proposals/${pid}/apply`)
    const noMeeting = await group.post(`/proposals/${pid}/apply`, { ...f, groupId, action: 'submit' })
    assert.equal(noMeeting.status, 422)
    assert.match(await noMeeting.text(), /意見交換会の記録がありません/)
    // 意見交換会 with the department in charge, recorded through its form
    await group.get(`/proposals/${pid}/consultation`)
    const badDay = await group.post(`/proposals/${pid}/consultation`, {
      groupId,
      departmentId: elderlyDep,
      heldOn_year: String(fy),
      heldOn_month: '2',
      heldOn_day: '30',
    })
    assert.equal(badDay.status, 422)
    assert.match(await badDay.text(), /意見交換会の日/)
    const met = await group.post(`/proposals/${pid}/consultation`, {
      groupId,
      departmentId: elderlyDep,
      heldOn_year: String(fy),
      heldOn_month: '8',
      heldOn_day: '20',
      note: '役割分担について意見交換した',
    })
    assert.equal(met.status, 303, await met.clone().text())
    // over the project course's upper limit (1,500,000円 a year)
    const over = proposalForm({
      title: '商店街の空き店舗で見守りサロン',
      course: 'project',
      city1: 1_600_000,
      dep: elderlyDep,
    })
    const refused = await group.post(`/proposals/${pid}/apply`, { ...over, groupId, action: 'submit' })
    assert.equal(refused.status, 422)
    const html = await decoded(refused)
    assert.match(html, /1年目の市負担額の合計（1,600,000円）が上限額（1,500,000円）を超えています/)
    // every typed value is still in the form
    for (const [k, val] of Object.entries(over)) {
      if (k.endsWith('_year') || k === 'courseCode' || k === 'departmentId' || k.endsWith('_category'))
        continue
      assert.ok(html.includes(val), `the typed ${k} (${val}) is kept`)
    }
    assert.match(html, /<option value="project" selected/)
    assert.match(html, new RegExp(`<option value="${elderlyDep}" selected`))
    assert.match(html, /<option value="消耗品費" selected/)
    assert.match(html, /<option value="2" selected="">2年目|<option value="2" selected>2年目/)
    // within the limit: submitted
    const ok = await group.post(`/proposals/${pid}/apply`, { ...f, groupId, action: 'submit' })
    assert.equal(ok.status, 303, await ok.clone().text())
    mine = idFrom(ok, /\/proposal-applications\/([0-9a-f-]{36})$/)
    assert.equal((await app(mine)).status, 'submitted')
    const page = await (await group.get(`/proposal-applications/${mine}`)).text()
    assert.match(page, /提出済/)
    // a second group's proposal, in the other course, to compete with it
    await group2.get(`/proposals/${pid}/consultation`)
    const g2g = await group2.post(`/proposals/${pid}/consultation`, {
      groupId: group2Id,
      departmentId: childDep,
      heldOn_year: String(fy),
      heldOn_month: '8',
      heldOn_day: '25',
    })
    assert.equal(g2g.status, 303, await g2g.clone().text())
    await group2.get(`/proposals/${pid}/apply`)
    const g2 = await group2.post(`/proposals/${pid}/apply`, {
      ...proposalForm({
        title: '公園の花壇を子どもと育てる',
        course: 'ikusei',
        city1: 200_000,
        dep: childDep,
      }),
      budget_1_city: '200000',
      budget_1_total: '300000',
      groupId: group2Id,
      action: 'submit',
    })
    assert.equal(g2.status, 303, await g2.clone().text())
    other = idFrom(g2, /\/proposal-applications\/([0-9a-f-]{36})$/)
  })

  test('the coordinator checks eligibility on the page; three reviewers score the documents, one declaring a conflict on the other proposal', async () => {
    // a submitted proposal cannot be decided before it is found eligible
    const early = await coord.post(`/coordination/proposal-applications/${mine}/decision`, {
      decision: 'adopted',
      decisionReason: 'x',
    })
    assert.equal(early.status, 422)
    assert.match(await early.text(), /要件を満たし審査に進んだ提案にだけ/)
    const bad = await coord.post(`/coordination/proposal-applications/${mine}/eligibility`, {
      eligible: 'maybe',
    })
    assert.equal(bad.status, 422)
    assert.match(await bad.text(), /要件/)
    for (const id of [mine, other]) {
      const r = await coord.post(`/coordination/proposal-applications/${id}/eligibility`, {
        eligible: 'yes',
        eligibilityNote: '対象経費と上限額を確認した',
      })
      assert.equal(r.status, 303)
      assert.equal((await app(id)).status, 'eligible')
    }
    assert.equal((await coord.post(`/coordination/proposals/${pid}/stage`, { stage: 'review' })).status, 303)
    // the third reviewer knows the other group: declares it and may not see nor score that proposal
    const [r1, r2, r3] = reviewers
    await r3.get('/review')
    const declared = await r3.post(`/review/${other}/conflict`, { reason: '団体の会員である' })
    assert.equal(declared.status, 303)
    assert.ok([403, 404].includes((await r3.get(`/review/${other}`)).status))
    const sneaky = await r3.post(
      `/review/${other}`,
      Object.fromEntries(
        CRITERIA.flatMap((c) => [
          [`score_${c}`, '5'],
          [`comment_${c}`, 'よい'],
        ]),
      ),
    )
    assert.ok([403, 404].includes(sneaky.status), `scoring with a declared conflict: ${sneaky.status}`)
    assert.doesNotMatch(await (await r3.get('/review')).text(), new RegExp(`/review/${other}"`))
    // the document stage: a missing comment is refused naming the criterion, values kept
    await r1.get(`/review/${mine}`)
    const noComment = await r1.post(`/review/${mine}`, { score_public: '4', comment_public: '地域に必要' })
    assert.equal(noComment.status, 422)
    const nc = await noComment.text()
    assert.match(nc, /協働の必要性の講評（コメント）を入力してください/)
    assert.match(nc, /地域に必要/)
    const marks: Record<string, number[]> = { [mine]: [5, 4, 4], [other]: [3, 3] }
    for (const [id, ns] of Object.entries(marks))
      for (const [i, n] of ns.entries()) {
        const r = reviewers[i]
        await r.get(`/review/${id}`)
        const saved = await r.post(
          `/review/${id}`,
          Object.fromEntries(
            CRITERIA.flatMap((c) => [
              [`score_${c}`, String(n)],
              [`comment_${c}`, `書類の講評${n}`],
            ]),
          ),
        )
        assert.equal(saved.status, 303, await saved.clone().text())
      }
    // before the panel closes a reviewer sees neither the panel nor others' scores
    assert.ok([403, 404].includes((await r2.get(`/proposal-panels/${pid}`)).status))
  })

  test('the presentation: slots set on the application page and published; reviewers score on the day', async () => {
    const badSlot = await coord.post(`/coordination/proposal-applications/${mine}/slot`, {
      order: '0',
      day_year: String(fy),
      day_month: '12',
      day_day: '5',
      time: '25:00',
      minutes: '15',
    })
    assert.equal(badSlot.status, 422)
    assert.match(await badSlot.text(), /順番|時刻/)
    for (const [i, id] of [mine, other].entries()) {
      const r = await coord.post(`/coordination/proposal-applications/${id}/slot`, {
        order: String(i + 1),
        day_year: String(fy),
        day_month: '12',
        day_day: '5',
        time: i ? '13:50' : '13:30',
        minutes: '15',
      })
      assert.equal(r.status, 303, await r.clone().text())
    }
    const a = await app(mine)
    assert.equal(a.presentationOrder, 1)
    assert.equal(a.presentationAt?.toISOString(), `${fy}-12-05T04:30:00.000Z`)
    const pub = await coord.post(`/coordination/proposals/${pid}/presentation`, {
      place: '市役所 8階 大会議室',
    })
    assert.equal(pub.status, 303)
    const page = await (await t.client().get(`/proposals/${pid}`)).text()
    assert.match(page, /市役所 8階 大会議室/)
    assert.ok(
      page.indexOf('商店街の空き店舗で見守りサロン') < page.indexOf('公園の花壇を子どもと育てる'),
      'in order',
    )
    assert.equal(
      (await coord.post(`/coordination/proposals/${pid}/stage`, { stage: 'presentation' })).status,
      303,
    )
    const marks: Record<string, number[]> = { [mine]: [5, 5, 4], [other]: [2, 3] }
    for (const [id, ns] of Object.entries(marks))
      for (const [i, n] of ns.entries()) {
        const r = reviewers[i]
        const form = await r.get(`/review/${id}`)
        assert.match(await form.text(), /公開プレゼンテーションの採点/)
        const saved = await r.post(
          `/review/${id}`,
          Object.fromEntries(
            CRITERIA.flatMap((c) => [
              [`score_${c}`, String(n)],
              [`comment_${c}`, `発表の講評${n}`],
            ]),
          ),
        )
        assert.equal(saved.status, 303, await saved.clone().text())
      }
    const scores = await db().select().from(proposalScores).where(eq(proposalScores.applicationId, mine))
    assert.equal(scores.length, 3 * 2 * CRITERIA.length, 'three reviewers × two stages × five criteria')
  })

  test('the committee sees the ranking against the frame; the proposal is adopted with reasons, the other not', async () => {
    const panel = await coord.get(`/proposal-panels/${pid}`)
    assert.equal(panel.status, 200)
    const html = await panel.text()
    assert.match(html, /採択枠 2,000,000円/)
    const row = (title: string) => html.slice(html.indexOf(title), html.indexOf('</tr>', html.indexOf(title)))
    assert.ok(
      html.indexOf('商店街の空き店舗で見守りサロン') < html.indexOf('公園の花壇を子どもと育てる'),
      'ranked',
    )
    assert.match(row('商店街の空き店舗で見守りサロン'), /3人/)
    assert.match(row('公園の花壇を子どもと育てる'), /2人/)
    assert.match(row('商店街の空き店舗で見守りサロン'), /枠内/)
    assert.match(row('公園の花壇を子どもと育てる'), /1,000,000円[\s\S]*枠内/)
    // closing the panel opens it to the reviewers
    assert.equal((await coord.post(`/proposal-panels/${pid}/close`)).status, 303)
    assert.equal((await reviewers[1].get(`/proposal-panels/${pid}`)).status, 200)
    assert.ok([403, 404].includes((await group.get(`/proposal-panels/${pid}`)).status))
    const noReason = await coord.post(`/coordination/proposal-applications/${mine}/decision`, {
      decision: 'adopted',
      decisionReason: '',
    })
    assert.equal(noReason.status, 422)
    assert.match(await noReason.text(), /理由/)
    const ok = await coord.post(`/coordination/proposal-applications/${mine}/decision`, {
      decision: 'adopted',
      decisionReason: '地域の課題に即しており、担い手の育成まで見通した計画で実現性が高い',
    })
    assert.equal(ok.status, 303)
    const no = await coord.post(`/coordination/proposal-applications/${other}/decision`, {
      decision: 'rejected',
      decisionReason: '花壇の維持に市の関与が必要な理由が示されていない',
    })
    assert.equal(no.status, 303)
    assert.equal((await app(mine)).status, 'adopted')
    const own = await (await group.get(`/proposal-applications/${mine}`)).text()
    assert.match(own, /結果：採択。理由：地域の課題に即しており/)
    // applicants never see scores nor reviewers' comments
    assert.doesNotMatch(own, /書類の講評|発表の講評/)
  })

  test('the letter is generated as a PDF for the applicant', {
    skip: japaneseFont()
      ? false
      : 'no Japanese font on this machine (KYODO_PDF_FONT): the letter PDF is not checked',
  }, async () => {
    const res = await group.get(`/proposal-applications/${mine}/letter.pdf`)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/pdf')
    const bytes = new Uint8Array(await res.arrayBuffer())
    assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), '%PDF-')
    assert.ok(bytes.length > 2000)
    // another group may not read it
    assert.ok([403, 404].includes((await group2.get(`/proposal-applications/${mine}/letter.pdf`)).status))
  })

  test('the adopted proposal becomes a project (origin proposal, two funded years), and the funnel shows it beside Chigasaki', async () => {
    const made = await coord.post(`/coordination/proposal-applications/${mine}/project`)
    assert.equal(made.status, 303, await made.clone().text())
    const projectId = idFrom(made, /\/projects\/([0-9a-f-]{36})$/)
    const [pr] = await db().select(projectColumns).from(projects).where(eq(projects.id, projectId))
    assert.equal(pr.origin, 'proposal')
    assert.deepEqual(pr.groupIds, [groupId])
    const budgets = await db().select().from(projectBudgets).where(eq(projectBudgets.projectId, projectId))
    assert.deepEqual(budgets.map((b) => [b.fiscalYear, b.cityShare]).sort(), [
      [fy + 1, 800_000],
      [fy + 2, 400_000],
    ])
    assert.equal((await app(mine)).projectId, projectId)
    // a second time is refused
    const again = await coord.post(`/coordination/proposal-applications/${mine}/project`)
    assert.equal(again.status, 422)
    const f = await json(await coord.get('/api/v1/stats/proposal-funnel'))
    const year = f.years.find((y: any) => y.fiscalYear === fy)
    assert.deepEqual({ c: year.consultations, a: year.applications, d: year.adopted }, { c: 2, a: 2, d: 1 })
    const h27 = f.years.find((y: any) => y.fiscalYear === 2015)
    assert.deepEqual({ c: h27.consultations, a: h27.applications, d: h27.adopted }, { c: 17, a: 8, d: 4 })
    const page = await (await coord.get('/coordination/proposal-funnel')).text()
    assert.match(page, /2015/)
    assert.match(page, new RegExp(String(fy)))
    assert.equal(year.continued, 0, 'not yet followed up')
    // 12 months after the funded years the follow-up says it goes on: the funnel counts it as 継続
    await db()
      .insert(projectFollowups)
      .values({
        municipalityId: mid,
        projectId,
        months: 12,
        dueOn: `${fy + 4}-03-31`,
        recordedAt: new Date(),
        continuation: 'continued',
        carrier: 'department',
      })
    const later = await json(await coord.get('/api/v1/stats/proposal-funnel'))
    assert.equal(later.years.find((y: any) => y.fiscalYear === fy).continued, 1)
  })

  test('the case library lists the proposal that was not adopted, with its reason, for city staff only', async () => {
    const forStaff = await (await staff.get('/cases')).text()
    assert.match(forStaff, /採択されなかった提案/)
    const section = forStaff.slice(forStaff.indexOf('採択されなかった提案'))
    assert.match(section, /公園の花壇を子どもと育てる/)
    assert.match(section, /花壇の維持に市の関与が必要な理由が示されていない/)
    assert.match(section, /テスト 市民提案型協働事業（通し）/)
    assert.match(section, /不採択/)
    // and the demo's proposal of last year that was not adopted, with its reason
    assert.match(
      section,
      /商店街の空き店舗を使った多世代交流カフェ[\s\S]*2年間の支援の後に団体が自ら続ける見通しが示されていない/,
    )
    // never the group's name
    const [g2] = await db().select({ name: groups.name }).from(groups).where(eq(groups.id, group2Id))
    assert.ok(!section.slice(0, section.indexOf('</table>')).includes(g2.name), 'no group name')
    const visitor = await (await t.client().get('/cases')).text()
    assert.doesNotMatch(visitor, /花壇の維持に市の関与が必要な理由/)
    assert.doesNotMatch(visitor, /採択されなかった提案/)
    const groupView = await (await group.get('/cases')).text()
    assert.doesNotMatch(groupView, /花壇の維持に市の関与が必要な理由/)
  })
})

describe('bad input of a submission, each refused naming the field, every typed value kept', () => {
  let pid: string
  const submit = (f: Record<string, string>) =>
    group.post(`/proposals/${pid}/apply`, { ...f, groupId, action: 'submit' })

  before(async () => {
    const created = await coord.json('POST', '/api/v1/programmes', {
      title: 'テスト 市民提案型（入力の誤り）',
      type: 'shimin',
      fiscalYear: fy,
      courses: ['project', 'kyodo'],
      budgetFrame: 1_000_000,
      upperLimit: 1_000_000,
      preConsultationRequired: false,
    })
    assert.equal(created.status, 201, await created.clone().text())
    pid = (await json(created)).id
    assert.equal((await coord.post(`/coordination/proposals/${pid}/stage`, { stage: 'open' })).status, 303)
    await group.get(`/proposals/${pid}/apply`)
  })

  test('a budget line in an ineligible category', async () => {
    const f = proposalForm({
      title: '子ども食堂の立ち上げ',
      course: 'project',
      city1: 300_000,
      category: '飲食費',
      dep: elderlyDep,
    })
    const res = await submit(f)
    assert.equal(res.status, 422)
    const html = await decoded(res)
    assert.match(html, /予算表1行目の費目「飲食費」は対象外経費です/)
    assert.match(
      html,
      /aria-invalid="true"[^>]*aria-describedby="f-budget_0_category-error"|id="f-budget_0_category"[^>]*aria-invalid="true"/,
    )
    assert.match(html, /<option value="飲食費" selected/)
    for (const k of [
      'title',
      'purpose',
      'localIssue',
      'content',
      'plan',
      'outcomes',
      'measures',
      'team',
      'roles',
      'budget_0_item',
      'budget_0_total',
      'budget_1_item',
    ] as const)
      assert.ok(html.includes(f[k]), `the typed ${k} is kept`)
  })

  test('a total over what remains of the frame', async () => {
    // the course's own frame of 1,000,000円, 900,000円 of it already adopted
    const p = await programme(pid)
    await db()
      .update(proposalProgrammes)
      .set({ courses: p.courses.map((c) => (c.code === 'project' ? { ...c, frame: 1_000_000 } : c)) })
      .where(eq(proposalProgrammes.id, pid))
    await db()
      .insert(proposalApplications)
      .values({
        municipalityId: mid,
        programmeId: pid,
        groupId: group2Id,
        courseCode: 'project',
        title: '先に採択された提案',
        budget: [{ year: 1, category: '消耗品費', item: '', total: 900_000, city: 900_000, own: 0 }],
        status: 'adopted',
      })
    const res = await submit(
      proposalForm({ title: '枠を超える提案', course: 'project', city1: 300_000, dep: elderlyDep }),
    )
    assert.equal(res.status, 422)
    const html = await decoded(res)
    assert.match(html, /1年目の市負担額の合計（300,000円）が採択枠の残り（100,000円）を超えています/)
    assert.ok(html.includes('枠を超える提案'))
    // within the remaining frame it goes through
    const ok = await submit(
      proposalForm({ title: '枠に収まる提案', course: 'project', city1: 100_000, dep: elderlyDep }),
    )
    assert.equal(ok.status, 303, await ok.clone().text())
  })

  test('a submission after the deadline (the schedule moved on the manage page); a draft is still saved', async () => {
    const p = await programme(pid)
    const i = p.schedule.findIndex((s) => s.label.includes('締切'))
    assert.ok(i >= 0, 'the schedule has its deadline step')
    const form: Record<string, string> = {}
    p.schedule.forEach((s, j) => {
      const [y, m, d] = (j === i ? '2020-10-31' : s.on).split('-')
      Object.assign(form, {
        [`on_${j}_year`]: y,
        [`on_${j}_month`]: String(Number(m)),
        [`on_${j}_day`]: String(Number(d)),
      })
    })
    await coord.get(`/coordination/proposals/${pid}`)
    const saved = await coord.post(`/coordination/proposals/${pid}/schedule`, form)
    assert.equal(saved.status, 303, await saved.clone().text())
    assert.equal((await programme(pid)).deadline?.toISOString(), '2020-10-31T14:59:59.000Z')
    const f = proposalForm({ title: '締切後の提案', course: 'kyodo', city1: 100_000, dep: elderlyDep })
    const late = await submit(f)
    assert.equal(late.status, 422)
    const html = await decoded(late)
    assert.match(html, /提出期限（[^）]+）を過ぎているため提出できません/)
    assert.ok(html.includes(f.purpose) && html.includes(f.budget_0_item), 'typed values kept')
    const draft = await group.post(`/proposals/${pid}/apply`, { ...f, groupId, action: 'draft' })
    assert.equal(draft.status, 303)
    const id = idFrom(draft, /\/proposal-applications\/([0-9a-f-]{36})$/)
    assert.equal((await app(id)).status, 'draft')
    const again = await decoded(await group.get(`/proposal-applications/${id}`))
    assert.ok(again.includes(f.roles) && again.includes(f.budget_1_item), 'the draft shows what was typed')
  })

  test('the eligibility check can find a proposal ineligible, with the note shown to the group', async () => {
    const [a] = await db()
      .select()
      .from(proposalApplications)
      .where(and(eq(proposalApplications.programmeId, pid), eq(proposalApplications.title, '枠に収まる提案')))
    const r = await coord.post(`/coordination/proposal-applications/${a.id}/eligibility`, {
      eligible: 'no',
      eligibilityNote: '団体の設立から1年を経過していない',
    })
    assert.equal(r.status, 303)
    assert.equal((await app(a.id)).status, 'ineligible')
    assert.match(
      await (await group.get(`/proposal-applications/${a.id}`)).text(),
      /要件確認の結果：団体の設立から1年を経過していない/,
    )
    // an ineligible proposal is not decided
    const d = await coord.post(`/coordination/proposal-applications/${a.id}/decision`, {
      decision: 'adopted',
      decisionReason: 'x',
    })
    assert.equal(d.status, 422)
  })
})
