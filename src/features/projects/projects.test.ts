import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { auditLog } from '../../core/audit/schema.ts'
import { rows } from '../../core/db/index.ts'
import { municipalities } from '../../core/db/schema.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { loadFixtures } from '../../testing/access.ts'
import {
  createCity,
  createDepartment,
  createGroup,
  createUser,
  TEST_PASSWORD,
} from '../../testing/factories.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { notifications } from '../notifications/schema.ts'
import { agreementArticles, agreementTitle } from './agreement-pdf.ts'
import {
  addMonths,
  budgetSchema,
  canMove,
  continuationRates,
  followupSchedule,
  recordProblems,
  reportProblems,
} from './domain.ts'
import { projectFollowups, projectPartners, projects } from './schema.ts'
import { projectColumns } from './columns.ts'
import { matchPartner, parseDateCell } from './import.ts'
import { remindDueFollowups } from './service.ts'

// ------------------------------------------------------------------ pure rules

describe('domain', () => {
  test('months are added to the end date; the 31st falls to the month’s last day', () => {
    assert.equal(addMonths('2026-03-31', 6), '2026-09-30')
    assert.equal(addMonths('2025-08-31', 6), '2026-02-28')
    assert.deepEqual(
      followupSchedule('2027-03-31').map((f) => [f.months, f.dueOn]),
      [
        [6, '2027-09-30'],
        [12, '2028-03-31'],
        [24, '2029-03-31'],
        [36, '2030-03-31'],
      ],
    )
  })
  test('states move forward one step (and back one to correct a mistake)', () => {
    assert.ok(canMove('preparing', 'running'))
    assert.ok(canMove('running', 'ended'))
    assert.ok(canMove('ended', 'follow_up'))
    assert.ok(canMove('follow_up', 'completed'))
    assert.ok(!canMove('preparing', 'completed'))
    assert.ok(!canMove('completed', 'running'))
  })
  test('budgets: full-width digits and 和暦 years read; 市負担額 above 事業額 and negatives refused naming the field', () => {
    const ok = budgetSchema.safeParse({
      fiscalYear: '令和8年度',
      total: '１，７３２，１８０円',
      cityShare: '1,694,000',
    })
    assert.ok(ok.success)
    assert.deepEqual(ok.data, {
      fiscalYear: 2026,
      total: 1732180,
      cityShare: 1694000,
      groupShare: 0,
      otherIncome: 0,
    })
    const over = budgetSchema.safeParse({ fiscalYear: '2026', total: '100', cityShare: '200' })
    assert.ok(!over.success)
    assert.match(over.error.issues[0].message, /市負担額.*事業額.*以下/)
    assert.deepEqual(over.error.issues[0].path, ['cityShare'])
    const neg = budgetSchema.safeParse({ fiscalYear: '2026', total: '-5', cityShare: '0' })
    assert.ok(!neg.success)
    assert.match(neg.error.issues[0].message, /事業額はマイナスにできません/)
    const badYear = budgetSchema.safeParse({ fiscalYear: 'らいねん', total: '1', cityShare: '0' })
    assert.match(badYear.error!.issues[0].message, /年度は西暦.*和暦/)
  })
  test('the end before the start, a report outside the period: refused with the field named', () => {
    assert.match(recordProblems({ startOn: '2026-04-01', endOn: '2026-03-31' }).endOn, /終了日は開始日/)
    assert.deepEqual(recordProblems({ startOn: '2026-04-01', endOn: '2026-04-01' }), {})
    const p = { startOn: '2026-04-01', endOn: '2027-03-31' }
    assert.match(
      reportProblems({ periodStart: '2026-03-01', periodEnd: '2026-05-31' }, p).periodStart,
      /事業の期間/,
    )
    assert.match(
      reportProblems({ periodStart: '2027-01-01', periodEnd: '2027-04-30' }, p).periodEnd,
      /事業の期間/,
    )
    assert.deepEqual(reportProblems({ periodStart: '2026-04-01', periodEnd: '2026-09-30' }, p), {})
  })
  test('continuation: every answer but 終了 continues; by form, origin and fiscal year of the end', () => {
    const r = continuationRates([
      { form: 'commission', origin: 'proposal', endOn: '2015-03-31', continuation: 'continued' },
      { form: 'commission', origin: 'pairing', endOn: '2016-03-31', continuation: 'stopped' },
      { form: 'subsidy', origin: 'pairing', endOn: '2016-04-01', continuation: 'scaled_down' },
    ])
    assert.equal(r.total, 3)
    assert.equal(r.continued, 2)
    assert.deepEqual(
      r.byForm.map((x) => [x.key, x.total, x.continued]),
      [
        ['commission', 2, 1],
        ['subsidy', 1, 1],
      ],
    )
    assert.deepEqual(
      r.byYear.map((x) => x.key),
      ['2014', '2015', '2016'],
    )
  })
  test('agreement templates: 委託 reads as a contract, 後援 as a letter', () => {
    const content = {
      title: '猫の適正管理事業',
      form: 'commission',
      purpose: '殺処分数の減少',
      startOn: '2014-04-01',
      endOn: '2015-03-31',
      department: '環境政策課',
      partners: [{ name: 'Chigasaki Cat’s Protect', role: '' }],
      roles: [{ task: '事業費の負担', who: '市' }],
      budgets: [{ fiscalYear: 2014, total: 1732180, cityShare: 1694000, groupShare: 38180, otherIncome: 0 }],
      goals: [],
    }
    const input = { content, version: 1, agreedOn: '2014-03-20', city: '茅ヶ崎市', office: '市民自治推進課' }
    assert.equal(agreementTitle('commission'), '協働事業委託契約書')
    const arts = agreementArticles(input).map((a) => `${a.heading}:${a.text}`)
    assert.ok(arts.some((a) => /委託料/.test(a) && /1,732,180円/.test(a) && /市負担額 1,694,000円/.test(a)))
    for (const h of ['目的', '期間', '役割分担', '責任', '情報公開', '個人情報の取扱い'])
      assert.ok(
        arts.some((a) => a.startsWith(`${h}:`)),
        h,
      )
    assert.ok(arts.some((a) => /甲/.test(a) && /乙/.test(a)))
    const letter = agreementArticles({ ...input, content: { ...content, form: 'support' } })
    assert.equal(agreementTitle('support'), '後援承諾書')
    assert.match(letter[0].text, /後援することを承諾します/)
  })
})

// ------------------------------------------------------------------ over HTTP

let t: TestApp
let mid = ''
const day = (o: number) => ymdInTokyo(new Date(Date.now() + o * 86_400_000))
const parts = (name: string, ymd: string) => {
  const [y, m, d] = ymd.split('-')
  return { [`${name}_year`]: y, [`${name}_month`]: String(Number(m)), [`${name}_day`]: String(Number(d)) }
}
let coord: TestClient
let staff: TestClient
let member: TestClient
let stranger: TestClient
let visitor: TestClient
let projectId = ''
let ownGroupId = ''
const START = day(0)

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
  const [city] = await t.database.db.select().from(municipalities).where(eq(municipalities.id, mid))
  const fx = await loadFixtures(t.database.db, mid)
  ownGroupId = fx.ownGroupId
  const u = await createUser(t.database, city, {
    email: 'other-group@test.example',
    password: TEST_PASSWORD,
  })
  await createGroup(t.database, city, { name: 'ほかの団体', members: [u.id] })
  coord = await t.as('coordinator@demo.example')
  staff = await t.as('staff@demo.example')
  member = await t.as('group@demo.example')
  stranger = await t.as('other-group@test.example', TEST_PASSWORD)
  visitor = t.client()
  await visitor.get('/projects')
})
after(async () => t.close())

const errorsOf = async (res: Response) => {
  assert.equal(res.status, 422)
  return res.text()
}

test('done means: pairing → project with partners and a two-year budget → roles → agreement → report → evaluation → end → follow-up → continuation', async (tc) => {
  // an agreed pairing of the demo group with a need of staff@demo.example's department (高齢者支援課)
  const fx = await loadFixtures(t.database.db, mid)
  const [need] = await rows<{ id: string }>(
    t.database.db,
    sql`SELECT n.id FROM needs n WHERE n.municipality_id = ${mid} AND n.department_id = ${fx.ownDepartmentId}
        AND n.status IN ('published','coordinating')
        AND NOT EXISTS (SELECT 1 FROM pairings p WHERE p.need_id = n.id AND p.group_id = ${ownGroupId}) LIMIT 1`,
  )
  assert.ok(need, 'a published need of 高齢者支援課')
  await coord.get(`/needs/${need.id}/matches`)
  const pr = await coord.post(`/needs/${need.id}/pairings`, { groupId: ownGroupId })
  assert.equal(pr.status, 303)
  const pairingId = pr.headers.get('location')!.split('/').pop()!
  const stage = (s: string) =>
    coord.post(`/coordination/pairings/${pairingId}/stage`, { stage: s, ...parts('on', START), note: 'メモ' })
  assert.equal((await stage('introduced')).status, 303)
  assert.equal((await stage('agreed')).status, 303)
  const made = await coord.post(`/coordination/pairings/${pairingId}/project`, {
    title: '見守りサロン協働事業',
    form: 'cooperation',
    ...parts('startOn', START),
    purpose: '一人暮らしの高齢者の見守り',
  })
  assert.equal(made.status, 303)
  projectId = made.headers.get('location')!.split('/').pop()!
  const [p] = await t.database.db.select(projectColumns).from(projects).where(eq(projects.id, projectId))
  assert.equal(p.status, 'preparing')
  assert.equal(p.origin, 'pairing')
  assert.deepEqual(p.groupIds, [ownGroupId])
  const team = await t.database.db
    .select()
    .from(projectPartners)
    .where(eq(projectPartners.projectId, projectId))
  assert.deepEqual(
    team.map((x) => [x.kind, x.groupId]),
    [['group', ownGroupId]],
    'the pairing’s group is carried over as a partner',
  )

  // the record: end date two years on, goals, contacts; the end before the start is refused
  await staff.get(`/projects/${projectId}/edit`)
  const record = {
    title: '見守りサロン協働事業',
    form: 'cooperation',
    origin: 'pairing',
    departmentId: fx.ownDepartmentId,
    departmentIds: [fx.otherDepartmentId],
    ...parts('startOn', START),
    ...parts('endOn', addMonths(START, 24)),
    purpose: '一人暮らしの高齢者の見守り',
    goal1Name: 'サロンの参加者',
    goal1Unit: '人',
    goal1Target: '１２００',
    cityContact: '高齢者支援課 内線1234 kakari@city.example',
    partnerContact: '代表 090-0000-1111',
  }
  const backwards = await staff.post(`/projects/${projectId}/edit`, {
    ...record,
    ...parts('endOn', addMonths(START, -1)),
  })
  assert.match(await errorsOf(backwards), /終了日は開始日と同じ日かそれより後の日付を入力してください/)
  assert.equal((await staff.post(`/projects/${projectId}/edit`, record)).status, 303)
  const [edited] = await t.database.db.select(projectColumns).from(projects).where(eq(projects.id, projectId))
  assert.deepEqual(edited.departmentIds, [fx.otherDepartmentId], '関係課')
  assert.equal(edited.endOn, addMonths(START, 24))

  // a business and a 自治会 join the team
  await staff.get(`/projects/${projectId}`)
  assert.equal(
    (
      await staff.post(`/projects/${projectId}/partners`, {
        kind: 'neighbourhood',
        name: '境南町自治会',
        role: '声かけ',
      })
    ).status,
    303,
  )
  assert.match(
    await errorsOf(await staff.post(`/projects/${projectId}/partners`, { kind: 'business', name: '' })),
    /名称を入力してください/,
  )

  // the budget of two fiscal years, in full-width digits and 和暦; bad amounts refused naming the field
  const fy = Number(START.slice(0, 4)) - (Number(START.slice(5, 7)) < 4 ? 1 : 0)
  const budget = (b: Record<string, string>) => staff.post(`/projects/${projectId}/budgets`, b)
  assert.equal(
    (
      await budget({
        fiscalYear: `令和${fy - 2018}年度`,
        total: '１，２００，０００',
        cityShare: '800,000',
        groupShare: '400000',
      })
    ).status,
    303,
  )
  assert.equal(
    (await budget({ fiscalYear: String(fy + 1), total: '1000000', cityShare: '600000' })).status,
    303,
  )
  assert.match(
    await errorsOf(await budget({ fiscalYear: String(fy), total: '100', cityShare: '200' })),
    /市負担額（200円）は事業額（100円）以下で入力してください/,
  )
  assert.match(
    await errorsOf(await budget({ fiscalYear: String(fy), total: '-1', cityShare: '0' })),
    /事業額はマイナスにできません/,
  )
  assert.match(
    await errorsOf(await budget({ fiscalYear: String(fy), total: '1', cityShare: '-1' })),
    /市負担額はマイナスにできません/,
  )
  assert.match(
    await errorsOf(await budget({ fiscalYear: 'いつか', total: '1', cityShare: '0' })),
    /年度は西暦/,
  )
  assert.match(
    await errorsOf(await budget({ fiscalYear: String(fy + 5), total: '1', cityShare: '0' })),
    /年度は事業の期間（.*）の中で入力してください/,
  )

  // role-sharing table with the guide's points beside it
  for (const [task, who] of [
    ['サロンの運営', 'group'],
    ['地域包括支援センターとの調整', 'city'],
    ['チラシの配布', 'joint'],
  ])
    assert.equal((await staff.post(`/projects/${projectId}/roles`, { task, who })).status, 303)
  assert.match(
    await errorsOf(await staff.post(`/projects/${projectId}/roles`, { task: '会場', who: 'partner' })),
    /担う相手を一覧から選んでください/,
  )
  const page = await (await staff.get(`/projects/${projectId}`)).text()
  assert.match(page, /役割分担表/)
  assert.match(page, /サロンの運営/)
  assert.match(page, /事業協力で気をつけること/)
  assert.match(page, /1,200,000円/)
  assert.match(page, /境南町自治会/)

  // the agreement: the coordinator records that both sides agreed; versions are kept
  await coord.get(`/projects/${projectId}`)
  assert.match(
    await errorsOf(await coord.post(`/projects/${projectId}/agreements`, {})),
    /合意した日を入力してください/,
  )
  assert.equal((await coord.post(`/projects/${projectId}/agreements`, parts('agreedOn', START))).status, 303)
  assert.equal((await coord.post(`/projects/${projectId}/agreements`, parts('agreedOn', START))).status, 303)
  assert.match(await (await coord.get(`/projects/${projectId}`)).text(), /第2版：双方が/)
  assert.equal((await staff.post(`/projects/${projectId}/agreements`, parts('agreedOn', START))).status, 403)

  // running; the group reports (outside the period refused), visible on the public timeline
  assert.equal((await staff.post(`/projects/${projectId}/status`, { status: 'completed' })).status, 422)
  assert.equal((await staff.post(`/projects/${projectId}/status`, { status: 'running' })).status, 303)
  await member.get(`/projects/${projectId}`)
  const outside = await member.post(`/projects/${projectId}/reports`, {
    ...parts('periodStart', addMonths(START, -2)),
    ...parts('periodEnd', addMonths(START, 1)),
    activities: 'サロンを開いた',
  })
  assert.match(await errorsOf(outside), /報告期間の初日は事業の期間.*の中の日付を入力してください/)
  const report = await member.post(`/projects/${projectId}/reports`, {
    ...parts('periodStart', START),
    ...parts('periodEnd', addMonths(START, 6)),
    activities: '毎週木曜日にサロンを開いた',
    value0: '３４０',
  })
  assert.equal(report.status, 303)
  const pub = await (await t.client().get(`/projects/${projectId}`)).text()
  assert.match(pub, /毎週木曜日にサロンを開いた/)
  assert.match(pub, /サロンの参加者：340人/)
  assert.match(pub, /計画/)
  assert.match(pub, /結果/)
  assert.doesNotMatch(pub, /kakari@city\.example|090-0000-1111/, 'contacts are never on public pages')
  assert.match(
    await (await member.get(`/projects/${projectId}`)).text(),
    /090-0000-1111/,
    'those on the project see them',
  )

  // the year-end evaluation by both sides, shown side by side; a stranger's is refused
  const evaluation = (who: TestClient, achievement: string, outcome: string) =>
    who.post(`/projects/${projectId}/evaluations`, {
      kind: 'year_end',
      fiscalYear: String(fy),
      outcome,
      achievement,
      groupBenefit: '仲間が増えた',
      cityBenefit: '見守りが広がった',
      issues: '担い手',
    })
  assert.match(
    await errorsOf(await evaluation(member, '', 'effective')),
    /事業目的の達成度を入力してください/,
  )
  assert.match(
    await errorsOf(
      await member.post(`/projects/${projectId}/evaluations`, {
        kind: 'year_end',
        outcome: 'effective',
        achievement: 'x',
      }),
    ),
    /年度末の評価は年度を入力してください/,
  )
  assert.equal((await evaluation(member, '団体から見た達成度', 'effective')).status, 303)
  assert.equal((await evaluation(staff, '担当課から見た達成度', 'undecided')).status, 303)
  await stranger.get(`/projects/${projectId}`)
  assert.equal((await evaluation(stranger, '部外者', 'effective')).status, 403)
  assert.equal(
    (
      await coord.post(`/projects/${projectId}/comments`, {
        kind: 'year_end',
        fiscalYear: String(fy),
        comment: '順調です',
      })
    ).status,
    303,
  )
  const ev = await (await t.client().get(`/projects/${projectId}`)).text()
  assert.match(ev, /団体の評価/)
  assert.match(ev, /市（担当課）の評価/)
  assert.match(ev, /団体から見た達成度[\s\S]*担当課から見た達成度/)
  assert.match(ev, /成果が上がっている[\s\S]*どちらとも言えない/)
  assert.match(ev, /順調です/)

  // PDCA: both sides answer the planning list; the item where they differ is shown; a stranger is refused
  const six = (a: string[]) => Object.fromEntries(a.map((x, i) => [`item${i}`, x]))
  assert.match(
    await errorsOf(await member.post(`/projects/${projectId}/checklists/plan`, six(['yes', 'yes']))),
    /項目3「それぞれ何ができるか考え、役割と責任分担を話し合う」の答えを一覧から選んでください/,
  )
  assert.equal(
    (
      await member.post(
        `/projects/${projectId}/checklists/plan`,
        six(['yes', 'yes', 'yes', 'no', 'yes', 'yes']),
      )
    ).status,
    303,
  )
  assert.equal(
    (
      await staff.post(
        `/projects/${projectId}/checklists/plan`,
        six(['yes', 'yes', 'yes', 'yes', 'yes', 'yes']),
      )
    ).status,
    303,
  )
  assert.equal(
    (
      await stranger.post(
        `/projects/${projectId}/checklists/plan`,
        six(['yes', 'yes', 'yes', 'yes', 'yes', 'yes']),
      )
    ).status,
    403,
  )
  assert.equal((await member.post(`/projects/${projectId}/checklists/nope`, {})).status, 404)
  const pdca = await (await member.get(`/projects/${projectId}`)).text()
  assert.match(pdca, /答えが違う項目 1件/)
  assert.match(
    pdca,
    /経費負担や、資金の運用・管理方法を話し合う <span class="badge badge--orange">答えが違います/,
  )
  assert.doesNotMatch(await (await t.client().get(`/projects/${projectId}`)).text(), /PDCAチェックリスト/)
  assert.match(await (await t.client().get('/guide/checklists')).text(), /href="\/projects"/)

  // the end: follow-ups at 6, 12, 24 and 36 months
  const before = await (await coord.json('GET', '/api/v1/stats/continuation')).json()
  assert.equal((await staff.post(`/projects/${projectId}/status`, { status: 'ended' })).status, 303)
  const fs = await t.database.db
    .select()
    .from(projectFollowups)
    .where(eq(projectFollowups.projectId, projectId))
    .orderBy(projectFollowups.months)
  assert.deepEqual(
    fs.map((f) => f.months),
    [6, 12, 24, 36],
  )
  assert.equal(fs[1].dueOn, addMonths(addMonths(START, 24), 12))
  const twelve = fs[1]
  await member.get(`/projects/${projectId}`)
  assert.match(
    await errorsOf(
      await member.post(`/projects/${projectId}/followups/${twelve.id}`, { continuation: 'continued' }),
    ),
    /いまの担い手を選んでください/,
  )
  assert.match(
    await errorsOf(
      await member.post(`/projects/${projectId}/followups/${twelve.id}`, { continuation: 'stopped' }),
    ),
    /終了した理由を入力してください/,
  )
  assert.equal(
    (
      await stranger.post(`/projects/${projectId}/followups/${twelve.id}`, {
        continuation: 'stopped',
        stopReason: 'x',
      })
    ).status,
    403,
  )
  assert.equal(
    (
      await member.post(`/projects/${projectId}/followups/${twelve.id}`, {
        continuation: 'continued',
        carrier: 'department',
      })
    ).status,
    303,
  )
  const [afterP] = await t.database.db.select().from(projects).where(eq(projects.id, projectId))
  assert.equal(afterP.status, 'follow_up')
  assert.match(await (await coord.get(`/projects/${projectId}`)).text(), /担当課の事業として継続/)

  // the continuation rate counts it (by origin: pairing)
  const s = await (await coord.json('GET', '/api/v1/stats/continuation')).json()
  assert.equal(s.total, before.total + 1)
  assert.equal(s.continued, before.continued + 1)
  const pairing = (x: typeof s) =>
    x.byOrigin.find((r: { key: string }) => r.key === 'pairing') ?? { continued: 0 }
  assert.equal(pairing(s).continued, pairing(before).continued + 1)
  assert.ok(Array.isArray(s.byForm) && Array.isArray(s.byYear) && typeof s.rate === 'number')
  const chart = await (await coord.get('/projects/continuation')).text()
  assert.match(chart, /<svg/)
  assert.match(chart, /協働ニーズのマッチング/)
  assert.match(chart, /事業協力/)

  // published as a case: searchable by field, form and department; not by the group; a visitor sees it
  const kase = {
    caseIssue: '一人暮らしの高齢者の孤立',
    caseOutcome: 'サロンに毎週20人',
    caseLessons: '役割を文書にしておく',
    caseFields: 'health_welfare',
  }
  assert.equal((await member.post(`/projects/${projectId}/case`, kase)).status, 403)
  assert.match(
    await errorsOf(await coord.post(`/projects/${projectId}/case`, { ...kase, caseLessons: '' })),
    /学んだこと・これから取り組む方へを入力してください/,
  )
  assert.equal((await coord.post(`/projects/${projectId}/case`, kase)).status, 303)
  const found = async (q: string) =>
    (await (await t.client().get(`/cases?${q}`)).text()).includes('見守りサロン協働事業')
  assert.ok(await found(''))
  assert.ok(await found('form=cooperation'))
  assert.ok(!(await found('form=commission')))
  assert.ok(await found('field=health_welfare'))
  assert.ok(!(await found('field=environment')))
  assert.ok(await found(`departmentId=${fx.otherDepartmentId}`), '関係課でも見つかる')
  assert.ok(await found(`q=${encodeURIComponent('役割を文書')}`))
  const cases = await (await t.client().json('GET', '/api/v1/cases?form=cooperation')).json()
  const mine = cases.items.find((x: { id: string }) => x.id === projectId)
  assert.equal(mine.lessons, '役割を文書にしておく')
  assert.equal(mine.total, 2_200_000)
  assert.deepEqual(mine.fields, ['health_welfare'])

  // every write was audited
  const actions = new Set(
    (
      await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.municipalityId, mid), eq(auditLog.entityId, projectId)))
    ).map((a) => a.action),
  )
  for (const a of [
    'project.create',
    'project.edit',
    'project.partner.add',
    'project.budget.save',
    'project.role.add',
    'project.agreement',
    'project.status',
    'project.report',
    'project.evaluate',
    'project.followup',
    'project.checklist',
    'project.case',
  ])
    assert.ok(actions.has(a), a)

  // the agreement as a PDF in Japanese (only where the server has a Japanese font)
  await tc.test('agreement.pdf', async (sub) => {
    const { japaneseFont } = await import('../../core/pdf.ts')
    assert.ok([302, 401].includes((await t.client().get(`/projects/${projectId}/agreement.pdf`)).status))
    assert.equal((await stranger.get(`/projects/${projectId}/agreement.pdf`)).status, 403)
    if (!japaneseFont()) {
      assert.equal((await coord.get(`/projects/${projectId}/agreement.pdf`)).status, 503)
      return sub.skip('no Japanese font on this machine (apt-get install fonts-noto-cjk)')
    }
    const res = await coord.get(`/projects/${projectId}/agreement.pdf?version=1`)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/pdf')
    const pdf = Buffer.from(await res.arrayBuffer())
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
    assert.match(pdf.toString('latin1'), /\/ToUnicode/)
    assert.equal((await coord.get(`/projects/${projectId}/agreement.pdf?version=9`)).status, 404)
  })
})

test('privacy: an internal project is 404 for the public and other groups; contacts stay off public pages and the API', async () => {
  const [internal] = await t.database.db
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, mid), eq(projects.internal, true)))
  assert.ok(internal, 'the demo has an internal project')
  assert.equal((await t.client().get(`/projects/${internal.id}`)).status, 404)
  assert.equal((await stranger.get(`/projects/${internal.id}`)).status, 404)
  assert.equal((await t.client().get(`/api/v1/projects/${internal.id}`)).status, 404)
  assert.equal((await coord.get(`/projects/${internal.id}`)).status, 200)
  const list = await (await t.client().get('/projects')).text()
  assert.ok(!list.includes(internal.title), 'not in the public list')
  assert.ok((await (await coord.get('/projects')).text()).includes(internal.title))
  const api = await (await t.client().json('GET', '/api/v1/projects')).json()
  assert.ok(!api.items.some((x: { id: string }) => x.id === internal.id))
  // contacts: public pages and the public API never carry them
  const [open] = await t.database.db
    .select()
    .from(projects)
    .where(
      and(eq(projects.municipalityId, mid), eq(projects.internal, false), sql`${projects.cityContact} <> ''`),
    )
  const html = await (await t.client().get(`/projects/${open.id}`)).text()
  assert.ok(!html.includes(open.cityContact))
  assert.ok(!html.includes(open.partnerContact))
  const j = await (await t.client().json('GET', `/api/v1/projects/${open.id}`)).json()
  assert.equal(j.contacts, null)
  assert.deepEqual(j.followups, [])
  const jc = await (await coord.json('GET', `/api/v1/projects/${open.id}`)).json()
  assert.equal(jc.contacts.city, open.cityContact)
})

test('another group cannot edit, report on or evaluate a project it is not on; another department cannot edit', async () => {
  const [own] = await t.database.db
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, mid), eq(projects.title, '高齢者の見守りと居場所づくり協働事業')))
  await stranger.get(`/projects/${own.id}`)
  const tries = [
    ['edit', { title: '乗っ取り' }],
    ['budgets', { fiscalYear: '2026', total: '1', cityShare: '0' }],
    ['roles', { task: 'x', who: 'group' }],
    ['status', { status: 'ended' }],
    ['reports', { activities: 'x' }],
    ['evaluations', { kind: 'final', outcome: 'effective', achievement: 'x' }],
  ] as const
  for (const [path, body] of tries) {
    const r = await stranger.post(`/projects/${own.id}/${path}`, body as Record<string, string>)
    assert.equal(r.status, 403, path)
  }
  // the group on the project may report but not edit the record
  await member.get(`/projects/${own.id}`)
  assert.equal((await member.post(`/projects/${own.id}/edit`, { title: 'x' })).status, 403)
  assert.equal(
    (await member.post(`/projects/${own.id}/budgets`, { fiscalYear: '2026', total: '1', cityShare: '0' }))
      .status,
    403,
  )
  // staff of another department (高齢者支援課 is staff@demo's; the cat case belongs to 環境政策課)
  const [cat] = await t.database.db
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, mid), sql`${projects.title} LIKE '飼い主のいない猫%'`))
  assert.equal((await staff.post(`/projects/${cat.id}/roles`, { task: 'x', who: 'city' })).status, 403)
  assert.equal(
    (
      await staff.post(`/projects/${cat.id}/evaluations`, {
        kind: 'final',
        outcome: 'effective',
        achievement: 'x',
      })
    ).status,
    403,
  )
})

test('the demo city: the Chigasaki case with its role-sharing and amounts; projects in every state', async () => {
  const [cat] = await t.database.db
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, mid), sql`${projects.title} LIKE '飼い主のいない猫%'`))
  const html = await (await t.client().get(`/projects/${cat.id}`)).text()
  assert.match(html, /1,732,180円/)
  assert.match(html, /1,694,000円/)
  assert.match(html, /猫の生態に関する専門知識/)
  assert.match(html, /地域住民への調整・説明/)
  assert.match(html, /委託で気をつけること/)
  const states = new Set(
    (await t.database.db.select().from(projects).where(eq(projects.municipalityId, mid))).map(
      (p) => p.status,
    ),
  )
  for (const s of ['preparing', 'running', 'ended', 'follow_up', 'completed']) assert.ok(states.has(s), s)
  // the work menu and the public menu reach the list
  assert.match(await (await t.client().get('/')).text(), /href="\/projects"/)
})

test('API: list, create with partners and budgets (messages name the field), one project with everything', async () => {
  const fx = await loadFixtures(t.database.db, mid)
  const list = await (await t.client().json('GET', '/api/v1/projects')).json()
  assert.ok(list.total >= 5)
  const good = {
    title: '公園の花壇づくり',
    form: 'co_host',
    origin: 'existing',
    departmentId: fx.ownDepartmentId,
    startOn: '2026-04-01',
    endOn: '2028-03-31',
    purpose: '地域の花壇を一緒に手入れする',
    goals: [{ name: '参加者', unit: '人', target: 100 }],
    partners: [
      { kind: 'group', groupId: fx.ownGroupId, role: '手入れ' },
      { kind: 'university', name: '武蔵野大学', role: '植栽の助言' },
    ],
    budgets: [
      { fiscalYear: '令和8年度', total: '５００，０００', cityShare: 300000 },
      { fiscalYear: 2027, total: 400000, cityShare: 200000, groupShare: 200000 },
    ],
    cityContact: '内線 9999',
  }
  assert.ok([401, 403].includes((await t.client().json('POST', '/api/v1/projects', good)).status))
  assert.equal((await member.json('POST', '/api/v1/projects', good)).status, 403)
  const bad = await coord.json('POST', '/api/v1/projects', {
    ...good,
    endOn: '2025-01-01',
    budgets: [
      { fiscalYear: 2026, total: 100, cityShare: 200 },
      { fiscalYear: 2027, total: -1, cityShare: 0 },
    ],
  })
  assert.equal(bad.status, 422)
  const be = await bad.json()
  const msg = (f: string) => be.fields.find((x: { field: string }) => x.field === f)?.message ?? ''
  assert.match(msg('endOn'), /終了日は開始日/)
  assert.match(msg('budgets.0.cityShare'), /市負担額.*事業額.*以下/)
  assert.match(msg('budgets.1.total'), /マイナス/)
  const res = await coord.json('POST', '/api/v1/projects', good)
  assert.equal(res.status, 201)
  const made = await res.json()
  assert.equal(made.partners.length, 2)
  assert.deepEqual(
    made.budgets.map((b: { fiscalYear: number; total: number }) => [b.fiscalYear, b.total]),
    [
      [2026, 500000],
      [2027, 400000],
    ],
  )
  const one = await (await t.client().json('GET', `/api/v1/projects/${made.id}`)).json()
  for (const k of ['roles', 'budgets', 'reports', 'evaluations', 'followups'])
    assert.ok(Array.isArray(one[k]), k)
  assert.equal(one.contacts, null)
  assert.equal((await member.json('GET', '/api/v1/stats/continuation')).status, 403)
  const doc = await (await t.client().get('/api/openapi.json')).json()
  for (const path of ['/api/v1/projects', '/api/v1/projects/{id}', '/api/v1/stats/continuation'])
    assert.ok(doc.paths[path] || doc.paths[path.replace('/api/v1', '')], path)
})

test('the reminder job tells the coordinator and both sides once when a follow-up is due', async () => {
  const [m] = await t.database.db.select().from(municipalities).where(eq(municipalities.id, mid))
  const ctx = {
    db: t.database.db,
    dbKind: t.database.kind,
    config: t.config,
    tenantId: mid,
    municipality: m,
    actor: null,
    ip: '',
    userAgent: 'test',
  } as any
  const fx = await loadFixtures(t.database.db, mid)
  const far = addMonths(day(0), 40)
  const n = await remindDueFollowups(ctx, far)
  assert.ok(n >= 1)
  const told = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.municipalityId, mid), eq(notifications.kind, 'project')))
  assert.ok(told.some((x) => x.userId === fx.userIds.coordinator && /フォローアップ/.test(x.title)))
  assert.ok(
    told.some((x) => x.userId === fx.userIds.group && /フォローアップ/.test(x.title)),
    'the group side',
  )
  assert.equal(await remindDueFollowups(ctx, far), 0, 'once each')
})

test('the case library: the Chigasaki cases are there; internal projects cannot be cases; the cases that did not come about are for city staff', async () => {
  const pub = await (await t.client().get('/cases')).text()
  assert.match(pub, /飼い主のいない猫の不妊去勢手術/)
  assert.match(pub, /事業額 1,732,180円（市負担額 1,694,000円）/)
  assert.match(pub, /美術「みるっこ」プログラム事業/)
  assert.doesNotMatch(pub, /成案化しなかった原因/)
  assert.match(
    await (await staff.get('/cases')).text(),
    /成案化しなかった原因[\s\S]*団体の活動日と事業の実施時期が合わず/,
  )
  assert.match(await (await t.client().get('/guide')).text(), /href="\/cases"/)
  const [internal] = await t.database.db
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, mid), eq(projects.internal, true)))
  await coord.get(`/projects/${internal.id}`)
  const r = await coord.post(`/projects/${internal.id}/case`, {
    caseIssue: 'x',
    caseOutcome: 'x',
    caseLessons: 'x',
  })
  assert.match(await errorsOf(r), /庁内限りの事業は事例集に載せられません/)
  const [running] = await t.database.db
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, mid), eq(projects.title, '高齢者の見守りと居場所づくり協働事業')))
  const r2 = await coord.post(`/projects/${running.id}/case`, {
    caseIssue: 'x',
    caseOutcome: 'x',
    caseLessons: 'x',
  })
  assert.match(await errorsOf(r2), /終了した事業だけを事例集に載せられます/)
})

test('import of existing collaborations: partners matched by name, doubtful ones confirmed, bad rows refused by line', async () => {
  const gs = [
    { id: 'a', name: 'NPO法人 むさしの見守りネットワーク' },
    { id: 'b', name: '境南子ども食堂の会' },
  ]
  assert.equal(matchPartner('むさしの見守りネットワーク', gs).status, 'matched')
  assert.equal(matchPartner('特定非営利活動法人むさしの見守りネットワーク', gs).groupId, 'a')
  const near = matchPartner('境南こども食堂の会', gs)
  assert.equal(near.status, 'doubtful')
  assert.equal(near.groupId, 'b')
  assert.equal(matchPartner('武蔵野大学', gs).status, 'outside')
  assert.equal(parseDateCell('平成26年4月1日'), '2014-04-01')
  assert.equal(parseDateCell('2014/4/1'), '2014-04-01')
  assert.equal(parseDateCell('2014-02-30'), 'bad')

  const fx = await loadFixtures(t.database.db, mid)
  const [own] = await rows<{ name: string }>(
    t.database.db,
    sql`SELECT name FROM groups WHERE id = ${fx.ownGroupId}`,
  )
  const upload = async (csv: string) => {
    await coord.get('/projects/import')
    const fd = new FormData()
    fd.append('_csrf', coord.csrf)
    fd.append('file', new Blob([`\ufeff${csv}`], { type: 'text/csv' }), 'projects.csv')
    return coord.request('POST', '/projects/import', { body: fd })
  }
  const head = '事業名,協働の形態,担当課,協働の相手,開始日,終了日,目的,年度,事業額,市負担額\r\n'
  const bad = await upload(
    `${head}花壇の手入れ,委託,高齢者支援課,,2019/4/1,2019/3/1,花壇,2019,100,200\r\n謎の事業,なかよし,存在しない課,,いつか,,x,,,\r\n`,
  )
  const badText = await errorsOf(bad)
  assert.match(badText, /2行目[\s\S]*終了日は開始日/)
  assert.match(badText, /2行目[\s\S]*市負担額（200円）は事業額（100円）以下/)
  assert.match(badText, /3行目[\s\S]*協働の形態「なかよし」/)
  assert.match(badText, /3行目[\s\S]*担当課「存在しない課」/)
  assert.match(badText, /3行目[\s\S]*開始日は/)
  const good = `${head}"見守りの輪事業",事業協力,高齢者支援課,"${own.name}の会、武蔵野大学",平成30年4月1日,平成31年3月31日,見守り,平成30年度,"1,000,000","６００，０００"\r\n`
  const pre = await upload(good)
  assert.equal(pre.status, 200)
  const html = await pre.text()
  assert.match(html, /1件の協働事業を登録します/)
  assert.ok(html.includes(`登録団体「${own.name}」と同じですか`))
  const table = html
    .match(/name="table" value="([^"]+)"/)![1]
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
  const unanswered = await coord.post('/projects/import/confirm', { table })
  assert.match(await errorsOf(unanswered), /同じ団体かどうかを選んでください/)
  const done = await coord.post('/projects/import/confirm', { table, confirm_2_0: 'group' })
  assert.equal(done.status, 303)
  const [p] = await t.database.db
    .select(projectColumns)
    .from(projects)
    .where(and(eq(projects.municipalityId, mid), eq(projects.title, '見守りの輪事業')))
  assert.equal(p.origin, 'existing')
  assert.equal(p.startOn, '2018-04-01')
  assert.deepEqual(p.groupIds, [fx.ownGroupId])
  const team = await t.database.db.select().from(projectPartners).where(eq(projectPartners.projectId, p.id))
  assert.deepEqual(
    team.map((x) => [x.kind, x.name]).sort(),
    [
      ['group', own.name],
      ['other', '武蔵野大学'],
    ].sort(),
  )
  const j = await (await coord.json('GET', `/api/v1/projects/${p.id}`)).json()
  assert.deepEqual(
    j.budgets.map((b: { fiscalYear: number; cityShare: number }) => [b.fiscalYear, b.cityShare]),
    [[2018, 600000]],
  )
  // a tampered table is checked again; staff cannot import
  const tampered = await coord.post('/projects/import/confirm', {
    table: table.replace('事業協力', 'なかよし'),
  })
  assert.equal(tampered.status, 422)
  assert.equal((await staff.get('/projects/import')).status, 403)
})

test('a report carries photos: stored, shown on the public timeline, served; a file of another type refused', async () => {
  const [run] = await t.database.db
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, mid), eq(projects.title, '高齢者の見守りと居場所づくり協働事業')))
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82])
  const send = async (file: Blob, name: string) => {
    await member.get(`/projects/${run.id}`)
    const fd = new FormData()
    fd.append('_csrf', member.csrf)
    for (const [k, v] of Object.entries({
      ...parts('periodStart', day(-30)),
      ...parts('periodEnd', day(-1)),
    }))
      fd.append(k, v)
    fd.append('activities', '写真つきの報告：サロンの様子')
    fd.append('files', file, name)
    return member.request('POST', `/projects/${run.id}/reports`, { body: fd })
  }
  const exe = await send(new Blob([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])]), 'virus.exe')
  assert.match(await errorsOf(exe), /写真・資料は.*形式のファイルを選んでください/)
  assert.equal((await send(new Blob([png], { type: 'image/png' }), 'salon.png')).status, 303)
  const html = await (await t.client().get(`/projects/${run.id}`)).text()
  const src = html.match(/<img src="(\/projects\/[^"]+\/files\/0)" alt="報告の写真（salon.png）"/)
  assert.ok(src, 'the photo is on the public page')
  const res = await t.client().get(src[1])
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'image/png')
  assert.equal((await t.client().get(src[1].replace(/files\/0$/, 'files/5'))).status, 404)
})

test('another city’s project is never found: pages, writes and the API answer 404', async () => {
  const city2 = await createCity(t.database, { name: '隣の市' })
  const dep2 = await createDepartment(t.database, city2, { name: '隣の課' })
  const [other] = await t.database.db
    .insert(projects)
    .values({
      municipalityId: city2.id,
      title: '隣の市の協働事業',
      form: 'commission',
      departmentId: dep2.id,
      startOn: '2026-04-01',
    })
    .returning()
  await coord.get('/projects')
  assert.equal((await coord.get(`/projects/${other.id}`)).status, 404)
  assert.equal((await coord.get(`/projects/${other.id}/agreement.pdf`)).status, 404)
  assert.equal((await coord.json('GET', `/api/v1/projects/${other.id}`)).status, 404)
  for (const path of ['edit', 'budgets', 'roles', 'status', 'agreements', 'reports', 'comments'])
    assert.equal((await coord.post(`/projects/${other.id}/${path}`, {})).status, 404, path)
  const [still] = await t.database.db.select().from(projects).where(eq(projects.id, other.id))
  assert.equal(still.title, '隣の市の協働事業')
  assert.ok(!(await (await coord.get('/projects')).text()).includes('隣の市の協働事業'))
})
