import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditLog } from '../../core/audit/schema.ts'
import { fiscalYearOf } from '../../core/japanese/index.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { notifications } from '../notifications/schema.ts'
import { departments } from '../organisation/schema.ts'
import { projects } from '../projects/schema.ts'
import { MUSASHINO_SURVEY_TITLE } from './demo.ts'
import { attributeOf, prefillAnswers, projectsToAnswer } from './domain.ts'
import { readAnswers } from './form.ts'
import { musashinoQuestionnaire } from './musashino.ts'
import { musashinoFixture } from './musashino-fixture.ts'
import { checkAnswers, type Questionnaire } from './questionnaire.ts'
import { buildReport, figuresOf, SMALL_N_NOTE } from './report.ts'
import { surveyResponses, surveys } from './schema.ts'

let t: TestApp
let coord: TestClient
let staff: TestClient
let mid: string
const db = () => t.database.db
const json = async (res: Response) => (await res.json()) as any

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
  coord = await t.as('coordinator@demo.example')
  staff = await t.as('staff@demo.example')
})
after(async () => t.close())

/** The seed's percentages (図表 → label → percent), to one decimal. */
const SEED: Record<number, [string, number][]> = {
  3: [
    ['委託', 41.0],
    ['共催', 11.5],
    ['後援', 3.3],
    ['実行委員会・協議会', 3.3],
    ['事業協力', 10.7],
    ['補助・助成', 26.2],
    ['企画立案への参画', 0.8],
    ['情報提供・情報交換', 2.5],
    ['協賛', 0.8],
  ],
  4: [
    ['NPO法人', 35.2],
    ['その他団体', 64.8],
  ],
  5: [
    ['事業内容、事業目的から、協働事業にするほうが、より効果的であると判断した', 53.3],
    ['事業内容・事業目的から行政が直轄で実施することが適切ではないと判断した', 30.3],
    ['NPOや市民団体からのテーマの持ち込みがあったため', 19.7],
    ['上位計画等により、市民団体等との協働で実施することが位置づけられていたため', 13.9],
    ['その他', 20.5],
    ['無回答', 1.6],
  ],
  6: [
    ['市民団体等が発案して実施', 40.2],
    ['市が発案して実施', 32.0],
    ['市と市民団体等のやりとりの中からアイデアが生まれて実施', 23.0],
    ['その他', 14.8],
    ['無回答', 0.8],
  ],
  8: [
    ['成果が上がっている', 71.3],
    ['成果は上がっていない', 0.0],
    ['どちらとも言えない', 26.2],
    ['無回答', 2.5],
  ],
  10: [
    ['行政だけでは実施できない様々なサービス等の提供が可能となる', 68.0],
    ['地域のニーズ等をきめ細やかに入手し、対応することが可能となる', 60.0],
    ['市民団体との協働により新たなサービス提供のきっかけにつながる', 44.0],
    ['その他', 20.0],
    ['特にない', 0.0],
    ['無回答', 0.0],
  ],
  12: [
    ['市との役割分担や責任所在が不明確となる不安', 48.0],
    ['団体の事業継続性に対する不安', 48.0],
    ['団体側の事務処理能力や事業遂行能力への不安', 36.0],
    ['内容の充実等を図る上で十分な予算が確保できない', 28.0],
    ['団体との意思疎通が十分に行えない', 16.0],
    ['その他', 16.0],
    ['特にない', 12.0],
    ['無回答', 0.0],
  ],
  14: [
    ['継続したい', 83.3],
    ['継続する必要性はない', 4.2],
    ['わからない', 8.3],
    ['無回答', 4.2],
  ],
  15: [
    ['実施したい', 10.3],
    ['実施したいとは思わない', 75.9],
    ['わからない', 6.9],
  ],
  17: [
    ['協働に馴染む事業が思い当たらない', 77.3],
    ['協働の必要性を感じない', 9.1],
    ['制度上の問題がある', 9.1],
    ['市民活動団体等に対する情報が足りない', 9.1],
    ['市民活動団体等の組織や運営能力に不安がある', 4.5],
    ['職員の中で理解が進んでいない', 0.0],
    ['その他', 22.7],
    ['無回答', 4.5],
  ],
  22: [
    ['職員の協働に対する意識の啓発および向上', 28.3],
    ['市民団体等の育成', 26.4],
    ['企画調整力の向上', 20.8],
    ['業務内容に関する専門性の向上', 11.3],
    ['人事異動についての配慮', 9.4],
    ['その他', 17.0],
    ['無回答', 45.3],
  ],
}
const SEED_N: Record<number, number> = {
  3: 122,
  4: 122,
  5: 122,
  6: 122,
  8: 122,
  10: 25,
  12: 25,
  14: 24,
  15: 29,
  17: 22,
  22: 53,
}
/** 図表7: the seed's cross-tabulation of 実施体制 by form (市が発案, 団体が発案, やりとり, その他, 無回答). */
const SEED_7: [string, number, number[]][] = [
  ['総計', 122, [32.0, 40.2, 23.0, 14.8, 0.8]],
  ['委託', 50, [46.0, 22.0, 20.0, 20.0, 2.0]],
  ['共催', 14, [14.3, 21.4, 71.4, 0.0, 0.0]],
  ['後援', 4, [0.0, 100.0, 0.0, 0.0, 0.0]],
  ['実行委員会・協議会', 4, [50.0, 50.0, 0.0, 25.0, 0.0]],
  ['事業協力', 13, [38.5, 46.2, 23.1, 7.7, 0.0]],
  ['補助・助成', 32, [18.8, 62.5, 12.5, 18.8, 0.0]],
  ['企画立案への参画', 1, [0.0, 100.0, 0.0, 0.0, 0.0]],
  ['情報提供・情報交換', 3, [33.3, 33.3, 33.3, 0.0, 0.0]],
  ['協賛', 1, [0.0, 100.0, 0.0, 0.0, 0.0]],
]
/** 図表2: projects per department. */
const SEED_2: [string, number][] = [
  ['生涯学習スポーツ課', 17],
  ['障害者福祉課', 14],
  ['児童青少年課', 10],
  ['緑化環境センター', 9],
  ['クリーンセンター', 8],
  ['高齢者支援課', 8],
  ['安全対策課', 6],
  ['環境政策課', 6],
  ['市民協働推進課', 6],
  ['保育課', 6],
  ['子ども家庭課', 4],
  ['住宅対策課', 4],
  ['図書館', 4],
  ['ごみ総合対策課', 3],
  ['まちづくり推進課', 3],
  ['防災課', 3],
  ['教育支援課', 2],
  ['武蔵境開発事務所', 2],
  ['企画調整課', 1],
  ['議会事務局', 1],
  ['教育企画課', 1],
  ['広報課', 1],
  ['生活経済課', 1],
  ['道路課', 1],
  ['武蔵野プレイス開設準備室', 1],
]

interface FigureLike {
  number: number
  kind: string
  n: number
  rows: { label: string; percent: number; count: number }[]
  groups?: { label: string; n: number; cells: { percent: number }[] }[]
}
const byCount = (xs: [string, number][]) => [...xs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))

function checkSeed(figures: FigureLike[]) {
  const fig = (n: number, kind?: string): FigureLike | undefined =>
    figures.find((f) => f.number === n && (!kind || f.kind === kind))
  for (const [num, rows] of Object.entries(SEED)) {
    const f = fig(Number(num))
    assert.ok(f, `図表${num} exists`)
    assert.equal(f.n, SEED_N[Number(num)], `図表${num} n`)
    for (const [label, pct] of rows) {
      const r: FigureLike['rows'][number] | undefined = f.rows.find((x) => x.label === label)
      assert.ok(r, `図表${num}「${label}」`)
      assert.equal(r.percent, pct, `図表${num}「${label}」`)
    }
  }
  const f7 = fig(7, 'cross')
  assert.ok(f7?.groups)
  for (const [label, n, pcts] of SEED_7) {
    const g: NonNullable<FigureLike['groups']>[number] | undefined = f7.groups.find((x) => x.label === label)
    assert.ok(g, `図表7 ${label}`)
    assert.equal(g.n, n, `図表7 ${label} n`)
    assert.deepEqual(
      g.cells.map((c) => c.percent),
      pcts,
      `図表7 ${label}`,
    )
  }
  const f2 = fig(2, 'count')
  assert.ok(f2)
  assert.equal(f2.n, 122)
  // ties (8, 6, 4 …) may come in any order
  assert.deepEqual(byCount(f2.rows.map((r) => [r.label, r.count])), byCount(SEED_2))
}

test('the Musashino fixture reproduces the seed: 図表2–8, 10, 12, 14, 15, 17, 22 to 0.1 point, with n and notes', () => {
  const report = buildReport(musashinoQuestionnaire(), musashinoFixture())
  assert.equal(report.respondents, 53)
  assert.deepEqual(
    report.byAttribute.map((a) => a.count),
    [19, 5, 1, 28],
  )
  const figures = figuresOf(report)
  checkSeed(figures)
  // 図表20: by experience (有り n=25, 無し n=28)
  const f20 = figures.find((f) => f.number === 20)!
  assert.deepEqual(
    f20.groups!.map((g) => [g.label, g.n, g.cells[0].percent]),
    [
      ['全体', 53, 37.7],
      ['協働実績有り', 25, 72.0],
      ['協働実績無し', 28, 7.1],
    ],
  )
  // the small-n warning where the seed writes it (n=25, 24, 29, 22), not at 53 or 122
  const noted = (n: number) =>
    figures.find((f) => f.number === n && f.kind !== 'opinions')!.notes.includes(SMALL_N_NOTE)
  assert.deepEqual([10, 12, 14, 15, 17].map(noted), [true, true, true, true, true])
  assert.deepEqual([3, 19].map(noted), [false, false])
})

test('a department’s attribute comes from its projects and their years', () => {
  const p = (startOn: string, endOn: string | null) => ({ startOn, endOn })
  const fy = 2025
  assert.equal(attributeOf([p('2022-04-01', null)], fy), 1, 'before and still: ①')
  assert.equal(attributeOf([p('2025-06-01', '2026-03-31')], fy), 2, 'only this year: ②')
  assert.equal(attributeOf([p('2020-04-01', '2023-03-31')], fy), 3, 'past only: ③')
  assert.equal(attributeOf([], fy), 4, 'never: ④')
  assert.equal(attributeOf([p('2026-04-01', null)], fy), 4, 'a project of next year does not count')
  assert.equal(
    attributeOf([p('2020-04-01', '2021-03-31'), p('2025-04-01', null)], fy),
    1,
    'past and again this year: ①',
  )
  // ③ answers about its latest past project
  assert.deepEqual(projectsToAnswer([p('2010-04-01', '2012-03-31'), p('2015-04-01', '2018-03-31')], fy), [
    p('2015-04-01', '2018-03-31'),
  ])
})

test('prefill: name, form, partners, content and origin from the record; a form the questionnaire lacks becomes その他', () => {
  const qn = musashinoQuestionnaire()
  const a = prefillAnswers(qn, '高齢者支援課', [
    {
      id: 'a',
      title: '見守りサロン',
      form: 'subsidy',
      formLabel: '補助・助成',
      departmentId: 'd',
      startOn: '2025-04-01',
      endOn: null,
      purpose: '高齢者の孤立を防ぐ',
      origin: 'proposal',
      partners: ['むさしの見守りネットワーク'],
      npoPartner: true,
    },
    {
      id: 'b',
      title: '公園の管理',
      form: 'designated_manager',
      formLabel: '指定管理者',
      departmentId: 'd',
      startOn: '2025-04-01',
      endOn: null,
      purpose: '',
      origin: 'pairing',
      partners: ['緑の会'],
      npoPartner: false,
    },
  ])
  assert.equal(a.dept.department, '高齢者支援課')
  assert.deepEqual(a.projects[0].values, {
    title: '見守りサロン',
    form: 'subsidy',
    partner: 'むさしの見守りネットワーク',
    partner_type: 'npo',
    content: '高齢者の孤立を防ぐ',
    reason: ['brought_in'],
    setup: ['group'],
  })
  assert.equal(
    a.projects[1].values.form,
    undefined,
    'designated_manager is not one of Musashino’s nine forms and form has no その他',
  )
  assert.deepEqual(a.projects[1].values.setup, ['city'])
})

test('bad answers get Japanese messages naming the question; shares must add up to 100; full-width numbers are numbers', () => {
  const qn: Questionnaire = {
    sections: [
      {
        key: 's',
        title: '区分',
        questions: [
          {
            key: 'share',
            label: '事業費の負担割合',
            kind: 'shares',
            choices: [
              { code: 'city', label: '市' },
              { code: 'group', label: '団体' },
            ],
          },
          { key: 'count', label: '参加した団体の数', kind: 'number', required: true },
          {
            key: 'pick',
            label: '形態',
            kind: 'single',
            choices: [
              { code: 'a', label: 'A' },
              { code: 'b', label: 'B' },
            ],
            required: true,
          },
        ],
      },
    ],
  }
  const empty = { dept: {}, projects: [] }
  const body = {
    'dept.share.city': '６０',
    'dept.share.group': '30％',
    'dept.count': '１２団体',
    'dept.pick': 'z',
  }
  const answers = readAnswers(qn, 1, body, empty)
  assert.equal(answers.dept.count, 12)
  assert.deepEqual(answers.dept.share, { city: 60, group: 30 })
  const issues = checkAnswers(qn, answers, 1, true)
  assert.match(
    issues.find((i) => i.field === 'dept.share')!.message,
    /「事業費の負担割合」の割合の合計が90％です/,
  )
  assert.match(
    issues.find((i) => i.field === 'dept.pick')!.message,
    /「形態」は選択肢からひとつ選んでください/,
  )
  const missing = checkAnswers(qn, readAnswers(qn, 1, {}, empty), 1, true)
  assert.match(
    missing.find((i) => i.field === 'dept.count')!.message,
    /「参加した団体の数」に回答してください/,
  )
  assert.equal(
    checkAnswers(qn, readAnswers(qn, 1, {}, empty), 1, false).length,
    0,
    'a draft may be incomplete',
  )
  const word = readAnswers(qn, 1, { 'dept.count': 'たくさん' }, empty)
  assert.equal(word.dept.count, 'たくさん', 'kept as typed')
  assert.match(
    checkAnswers(qn, word, 1, false)[0].message,
    /「参加した団体の数」は0以上の数値で入力してください/,
  )
})

test('the demo carries Musashino’s 平成23年度 survey: public report page and API reproduce the seed', async () => {
  const list = await json(await t.client().get('/api/v1/surveys'))
  const m = list.items.find((s: any) => s.title === MUSASHINO_SURVEY_TITLE)
  assert.ok(m, 'published survey listed publicly')
  assert.equal(m.fiscalYear, 2010)
  assert.equal(
    list.items.some((s: any) => !s.published),
    false,
    'the public list has only published surveys',
  )
  const r = await json(await t.client().get(`/api/v1/surveys/${m.id}/report`))
  const api = r.figures.map((f: any) => ({
    ...f,
    groups: f.groups?.map((g: any) => ({ ...g, cells: g.rows })),
  }))
  checkSeed(api)
  const f3 = r.figures.find((f: any) => f.number === 3)
  assert.deepEqual([f3.answer, f3.n, f3.rows[0]], ['single', 122, { label: '委託', count: 50, percent: 41 }])
  assert.equal(r.figures.find((f: any) => f.number === 5).answer, 'multiple')
  const page = await (await t.client().get(`/surveys/${m.id}/report`)).text()
  assert.equal((page.match(/<h1[ >]/g) ?? []).length, 1)
  assert.match(page, /図表3 協働の形態別でみた調査対象事業の割合（単一回答、n=122）/)
  assert.match(page, /図表17 協働を実施したいとは思わない理由（複数回答、n=22）/)
  assert.match(page, /小数第二位を四捨五入/)
  assert.match(page, /n 値が小さい点に留意が必要/)
  assert.match(page, /事務分掌上、市民と協働で行うような事業が存在しない/, 'a picked 主な意見 is shown')
  assert.match(page, /<svg/, 'charts are drawn')
  assert.doesNotMatch(page, /候補 1：/, 'the public never sees which department wrote what')
})

async function openDemoSurvey() {
  const [s] = await db()
    .select()
    .from(surveys)
    .where(and(eq(surveys.municipalityId, mid), eq(surveys.fiscalYear, fiscalYearOf() - 1)))
  return s
}

async function staffResponse() {
  const s = await openDemoSurvey()
  const [dep] = await db()
    .select()
    .from(departments)
    .where(and(eq(departments.municipalityId, mid), eq(departments.name, '高齢者支援課')))
  const [r] = await db()
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, s.id), eq(surveyResponses.departmentId, dep.id)))
  return { s, r, dep }
}

test('a department finds last year’s survey prefilled from its projects, saves a draft, is told what is missing, and submits', async () => {
  const { s, r, dep } = await staffResponse()
  assert.equal(s.status, 'open')
  // its projects running in the year are the rows, with their names
  const own = await db()
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, mid), eq(projects.departmentId, dep.id)))
  const expected = projectsToAnswer(own, s.fiscalYear)
    .map((p) => p.title)
    .sort()
  assert.deepEqual(r.answers.projects.map((p) => p.values.title).sort(), expected)
  assert.equal(r.attribute, attributeOf(own, s.fiscalYear))
  // reachable from the menu, and from home
  const home = await (await staff.get('/')).text()
  assert.match(home, /href="\/my\/surveys"/)
  // the notice's link leads to the department's own answer
  const link = await staff.get(`/my/surveys/${s.id}`)
  assert.equal(link.status, 303)
  assert.equal(link.headers.get('location'), `/survey-responses/${r.id}`)
  const mine = await (await staff.get('/my/surveys')).text()
  assert.match(mine, new RegExp(`/survey-responses/${r.id}`))
  const form = await (await staff.get(`/survey-responses/${r.id}`)).text()
  assert.match(form, /回答者（職・氏名）/)
  assert.match(form, /value="高齢者支援課"/, 'the department is prefilled')
  const rows = r.answers.projects.map((p) => p.id)
  const base: Record<string, string | string[]> = {
    version: String(r.version),
    rows,
    'dept.department': '高齢者支援課',
    'dept.request': ['people', 'network'],
  }
  for (const p of r.answers.projects) {
    base[`p.${p.id}.title`] = String(p.values.title)
    if (p.values.form) base[`p.${p.id}.form`] = String(p.values.form)
  }
  // a draft without the respondent is kept
  const draft = await staff.post(`/survey-responses/${r.id}`, { ...base, op: 'draft' })
  assert.equal(draft.status, 303, await draft.clone().text())
  const [afterDraft] = await db().select().from(surveyResponses).where(eq(surveyResponses.id, r.id))
  assert.equal(afterDraft.status, 'draft')
  assert.deepEqual(afterDraft.answers.dept.request, ['people', 'network'])
  // submitting without it names the question and keeps what was typed
  const refused = await staff.post(`/survey-responses/${r.id}`, {
    ...base,
    version: String(afterDraft.version),
    op: 'submit',
    'dept.free': '庁内で事例を共有したい',
  })
  assert.equal(refused.status, 422)
  const html = await refused.text()
  assert.match(html, /「回答者（職・氏名）」に回答してください/)
  assert.match(html, /庁内で事例を共有したい/)
  // a stale form (someone else saved in between) is refused, nothing overwritten
  const stale = await staff.post(`/survey-responses/${r.id}`, {
    ...base,
    version: String(r.version),
    op: 'draft',
    'dept.respondent': '古い画面',
  })
  assert.equal(stale.status, 409)
  assert.match(await stale.text(), /別の職員が先に回答を保存しました/)
  const ok = await staff.post(`/survey-responses/${r.id}`, {
    ...base,
    version: String(afterDraft.version),
    op: 'submit',
    'dept.respondent': '高齢者支援課 係長',
  })
  assert.equal(ok.status, 303, await ok.clone().text())
  const [done] = await db().select().from(surveyResponses).where(eq(surveyResponses.id, r.id))
  assert.equal(done.status, 'submitted')
  assert.equal(done.answers.dept.respondent, '高齢者支援課 係長')
  const audits = await db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, r.id), eq(auditLog.action, 'survey.response.submit')))
  assert.equal(audits.length, 1)
  // the coordinator sees the rate move
  const manage = await (await coord.get(`/coordination/surveys/${s.id}`)).text()
  assert.match(manage, /提出済み/)
  // staff may not answer for another department, nor read it
  const [other] = await db()
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, s.id), eq(surveyResponses.departmentName, '財政課')))
  assert.equal((await staff.get(`/survey-responses/${other.id}`)).status, 403)
  assert.equal((await staff.post(`/survey-responses/${other.id}`, { version: '0', op: 'draft' })).status, 403)
})

test('the coordinator builds a survey (和暦 year, builder checks), opens it for every 課, reminds, closes; answers after closing are refused; the report is public only once published', async () => {
  const created = await coord.post('/coordination/surveys', {
    fiscalYear: '令和５年度',
    title: '',
    dueOn: '令和8年12月20日',
    template: 'musashino',
  })
  assert.equal(created.status, 303, await created.clone().text())
  const [s] = await db()
    .select()
    .from(surveys)
    .where(and(eq(surveys.municipalityId, mid), eq(surveys.fiscalYear, 2023)))
  assert.equal(s.dueOn, '2026-12-20')
  const dup = await coord.post('/coordination/surveys', { fiscalYear: '2023', template: 'musashino' })
  assert.equal(dup.status, 422)
  assert.match(await dup.text(), /すでにあります/)
  // the builder refuses a choice question without choices, naming the field; adds a valid one
  const bad = await coord.post(`/coordination/surveys/${s.id}/questionnaire/question`, {
    section: 'improve',
    label: '研修の希望',
    kind: 'single',
    choices: '',
  })
  assert.equal(bad.status, 422)
  assert.match(await bad.text(), /選択肢を2つ以上入力してください/)
  const good = await coord.post(`/coordination/surveys/${s.id}/questionnaire/question`, {
    section: 'improve',
    label: '協働の研修を受けたいか',
    kind: 'single',
    choices: 'yes=受けたい\nno=受けたくない',
    attributes: ['4'],
    figureNumber: '26',
    figureTitle: '協働の研修の希望',
  })
  assert.equal(good.status, 303, await good.clone().text())
  const [edited] = await db().select().from(surveys).where(eq(surveys.id, s.id))
  const added = edited.questionnaire.sections.find((x) => x.key === 'improve')!.questions.at(-1)!
  assert.deepEqual(
    [added.label, added.condition, added.figure?.number],
    ['協働の研修を受けたいか', { attributes: [4] }, 26],
  )
  // open: one response per 課, staff told
  const before = (await db().select().from(notifications).where(eq(notifications.municipalityId, mid))).length
  const badDue = await coord.post(`/coordination/surveys/${s.id}/open`, { dueOn: '12月のおわり' })
  assert.equal(badDue.status, 422)
  const badHtml = await badDue.text()
  assert.match(badHtml, /回答の期限は日付で入力してください/)
  assert.match(badHtml, /value="12月のおわり"/, 'the typed date is kept')
  assert.equal((await coord.post(`/coordination/surveys/${s.id}/open`, { dueOn: '2026-12-20' })).status, 303)
  const rs = await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id))
  const ka = (await db().select().from(departments).where(eq(departments.municipalityId, mid))).filter(
    (d) => d.kind !== 'bu' && d.active,
  )
  assert.equal(rs.length, ka.length)
  assert.ok(
    (await db().select().from(notifications).where(eq(notifications.municipalityId, mid))).length > before,
  )
  // the questionnaire is fixed once open
  const late = await coord.post(`/coordination/surveys/${s.id}/questionnaire/remove`, { key: 'free' })
  assert.equal(late.status, 409)
  // unpublished: the public gets 404, the coordinator the report
  assert.equal((await t.client().get(`/surveys/${s.id}/report`)).status, 404)
  assert.equal((await t.client().get(`/api/v1/surveys/${s.id}/report`)).status, 404)
  assert.equal((await coord.get(`/surveys/${s.id}/report`)).status, 200)
  // the scheduled reminder: due within a week, reminded once, not again the same week
  const { remindDue } = await import('./service.ts')
  const sys = await t.system()
  assert.equal(await remindDue(sys, '2026-12-15'), rs.length)
  assert.equal(await remindDue(sys, '2026-12-15'), 0, 'once a week')
  const reminded = await coord.post(`/coordination/surveys/${s.id}/remind`, {})
  assert.equal(reminded.status, 303)
  assert.ok(
    (await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id))).every(
      (r) => r.remindedAt,
    ),
  )
  assert.equal((await coord.post(`/coordination/surveys/${s.id}/close`, {})).status, 303)
  const { dep } = await staffResponse()
  const mineNow = rs.find((r) => r.departmentId === dep.id)!
  const afterClose = await staff.post(`/survey-responses/${mineNow.id}`, {
    version: String(mineNow.version),
    rows: [],
    op: 'draft',
    'dept.respondent': '締切後',
  })
  assert.equal(afterClose.status, 409)
  assert.match(await afterClose.text(), /締め切られた/)
  assert.equal((await coord.post(`/coordination/surveys/${s.id}/publish`, { publish: 'on' })).status, 303)
  assert.equal((await t.client().get(`/surveys/${s.id}/report`)).status, 200)
  const trail = await db().select().from(auditLog).where(eq(auditLog.entityId, s.id))
  for (const action of [
    'survey.create',
    'survey.questionnaire',
    'survey.open',
    'survey.remind',
    'survey.close',
    'survey.publish',
  ])
    assert.ok(
      trail.some((a) => a.action === action),
      action,
    )
})

test('the coordinator picks and edits 主な意見 and writes a section summary; the public sees them, never the department', async () => {
  const [m] = await db()
    .select()
    .from(surveys)
    .where(and(eq(surveys.municipalityId, mid), eq(surveys.title, MUSASHINO_SURVEY_TITLE)))
  const page = await (await coord.get(`/surveys/${m.id}/report`)).text()
  assert.match(page, /主な意見を選ぶ・直す/)
  const saved = await coord.post(`/coordination/surveys/${m.id}/opinions`, {
    figure: 'opinions:merit',
    count: '2',
    pick: ['1'],
    'group.0': '外す意見',
    'text.0': '載せない',
    'group.1': '地域の自立等の促進',
    'text.1': '地域が行政に頼りすぎずに共助が進む（編集済み）',
  })
  assert.equal(saved.status, 303)
  const unknown = await coord.post(`/coordination/surveys/${m.id}/opinions`, {
    figure: 'no-such-figure',
    count: '0',
  })
  assert.equal(unknown.status, 404, 'opinions only for a figure of the report')
  const long = await coord.post(`/coordination/surveys/${m.id}/summary`, {
    section: 'future',
    summary: `長い${'あ'.repeat(4000)}`,
  })
  assert.equal(long.status, 422)
  const longHtml = await long.text()
  assert.match(longHtml, /まとめは4000文字以内で入力してください（いま4002文字です）/)
  assert.match(longHtml, /長いあああ/, 'the typed summary is kept')
  const sum = await coord.post(`/coordination/surveys/${m.id}/summary`, {
    section: 'future',
    summary: 'メリットは行政だけでは実施できないサービスの提供が最も多い。',
  })
  assert.equal(sum.status, 303)
  const pub = await (await t.client().get(`/surveys/${m.id}/report`)).text()
  assert.match(pub, /共助が進む（編集済み）/)
  assert.doesNotMatch(pub, /載せない/)
  assert.match(pub, /メリットは行政だけでは実施できないサービスの提供が最も多い。/)
  assert.doesNotMatch(pub, /主な意見を選ぶ・直す/)
})

test('the report downloads (CSV of every table and of one figure, Excel, PDF) and compares two years', async () => {
  const [m] = await db()
    .select()
    .from(surveys)
    .where(and(eq(surveys.municipalityId, mid), eq(surveys.title, MUSASHINO_SURVEY_TITLE)))
  const pub = t.client()
  const fig = await pub.get(`/surveys/${m.id}/figures/reason.csv`)
  assert.equal(fig.status, 200)
  const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await fig.arrayBuffer())
  assert.ok(csv.startsWith('\uFEFF'), 'BOM for Excel')
  assert.match(csv, /その他,25,20\.5/)
  const all = await pub.get(`/surveys/${m.id}/report.csv`)
  assert.equal(all.status, 200)
  assert.match(
    new TextDecoder().decode(await all.arrayBuffer()),
    /\r\n17,協働を実施したいとは思わない理由,複数回答,22,/,
  )
  const xlsx = await pub.get(`/surveys/${m.id}/report.xlsx`)
  assert.equal(xlsx.status, 200)
  assert.match(xlsx.headers.get('content-type') ?? '', /spreadsheetml/)
  const pdf = await pub.get(`/surveys/${m.id}/report.pdf`)
  const { japaneseFont } = await import('../../core/pdf.ts')
  if (japaneseFont()) {
    assert.equal(pdf.status, 200)
    assert.equal(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5)), '%PDF-')
    const api = await pub.get(`/api/v1/surveys/${m.id}/report.pdf`)
    assert.equal(api.status, 200)
  } else assert.equal(pdf.status, 503)
  // the comparison: last year's open survey (one submitted answer at most) against Musashino's
  const open = await openDemoSurvey()
  const cmp = await coord.get(`/coordination/surveys/${open.id}/compare?with=${m.id}`)
  assert.equal(cmp.status, 200)
  const html = await cmp.text()
  assert.match(html, /平成22年度/)
  assert.match(html, /協働の形態別でみた調査対象事業の割合/)
  assert.equal((await staff.get(`/coordination/surveys/${open.id}/compare`)).status, 403)
})
