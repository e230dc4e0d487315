import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { fiscalYearLabel, fiscalYearOf } from '../../core/japanese/index.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { projectBudgets, projects } from '../projects/schema.ts'
import { CHIGASAKI_COLLABORATION, CHIGASAKI_FIRST_YEAR } from './demo.ts'
import { fiscalYearsOf, OPENDATA_PROJECT_COLUMNS } from './domain.ts'

let t: TestApp
let coord: TestClient
let group: TestClient
const json = async (res: Response) => (await res.json()) as any
const BOM = [0xef, 0xbb, 0xbf]
const HISTORY_YEARS = new Set(CHIGASAKI_COLLABORATION[0].counts.map((_, i) => CHIGASAKI_FIRST_YEAR + i))
const INTERNAL_TITLE = '災害時の避難所運営訓練（庁内検討）'

before(async () => {
  t = await createTestApp()
  coord = await t.as('coordinator@demo.example')
  group = await t.as('group@demo.example')
})
after(async () => t.close())

const demoProjects = () =>
  t.database.db.select().from(projects).where(eq(projects.municipalityId, t.municipalityId))

/** Counted by hand from the records: a project in each fiscal year from its start to its end (or now). */
function expectedCounts(list: { form: string; startOn: string; endOn: string | null }[]) {
  const cur = fiscalYearOf()
  const m = new Map<number, Record<string, number>>()
  for (const p of list) {
    const [y, mo] = p.startOn.split('-').map(Number)
    const first = mo >= 4 ? y : y - 1
    let last = cur
    if (p.endOn) {
      const [ey, em] = p.endOn.split('-').map(Number)
      last = Math.min(cur, em >= 4 ? ey : ey - 1)
    }
    for (let fy = first; fy <= last; fy++) {
      if (HISTORY_YEARS.has(fy)) continue
      const r = m.get(fy) ?? {}
      r[p.form] = (r[p.form] ?? 0) + 1
      m.set(fy, r)
    }
  }
  return m
}

test('fiscal years of a period: April–March, open end runs to this year, nothing after this year', () => {
  assert.deepEqual(fiscalYearsOf({ startOn: '2014-04-01', endOn: '2015-03-31' }, 2026), [2014])
  assert.deepEqual(fiscalYearsOf({ startOn: '2016-03-31', endOn: '2016-04-01' }, 2026), [2015, 2016])
  assert.deepEqual(fiscalYearsOf({ startOn: '2025-06-01', endOn: null }, 2026), [2025, 2026])
  assert.deepEqual(fiscalYearsOf({ startOn: '2026-02-01', endOn: '2028-01-31' }, 2026), [2025, 2026])
  assert.deepEqual(fiscalYearsOf({ startOn: '2027-04-01', endOn: null }, 2026), [])
})

test('projects by form and fiscal year: the demo records counted per year, internal ones only on the dashboard', async () => {
  const all = await demoProjects()
  const running = all.find((p) => p.title === '高齢者の見守りと居場所づくり協働事業')
  assert.ok(running, 'the demo has its running project')
  const api = await json(await t.client().get('/api/v1/statistics/projects-by-form'))
  assert.equal(api.currentFiscalYear, fiscalYearOf())
  const expected = expectedCounts(all.filter((p) => !p.internal))
  const live = api.years.filter((y: any) => !y.history)
  assert.deepEqual(
    live.map((y: any) => y.fiscalYear),
    [...expected.keys()].sort((a, b) => a - b),
  )
  for (const y of live) {
    assert.deepEqual(y.counts, expected.get(y.fiscalYear), `${y.fiscalYear}年度`)
    assert.equal(
      y.total,
      Object.values(y.counts as Record<string, number>).reduce((a, b) => a + b, 0),
    )
  }
  // the running 事業協力 counts in this fiscal year (and the one it started in)
  assert.ok(live.find((y: any) => y.fiscalYear === fiscalYearOf()).counts.cooperation >= 1)
  // the internal 企画立案への参画 is in no public count, but in the dashboard's
  const internal = all.find((p) => p.title === INTERNAL_TITLE)!
  assert.ok(internal.internal)
  const withInternal = expectedCounts(all)
  const publicPlanning = [...expected.values()].reduce((n, r) => n + (r.planning ?? 0), 0)
  const allPlanning = [...withInternal.values()].reduce((n, r) => n + (r.planning ?? 0), 0)
  assert.ok(allPlanning > publicPlanning)
  const csv = (await (await coord.get('/coordination/statistics/projects-by-form.csv')).text()).replace(
    /^\uFEFF/,
    '',
  )
  const [head, ...lines] = csv.trim().split('\r\n')
  const col = head.split(',').indexOf('企画立案への参画')
  assert.ok(col > 0, 'the dashboard has the internal project’s form')
  const sumCol = lines.reduce((n, l) => n + Number(l.split(',')[col] || 0), 0)
  assert.equal(sumCol, allPlanning)
})

test("Chigasaki's eight years are history rows, marked with their source", async () => {
  const api = await json(await t.client().get('/api/v1/statistics/projects-by-form'))
  const h = api.years.filter((y: any) => y.history)
  assert.deepEqual(
    h.map((y: any) => y.fiscalYear),
    [...HISTORY_YEARS],
  )
  const first = h[0]
  assert.deepEqual(
    {
      co_host: first.counts.co_host,
      executive_committee: first.counts.executive_committee,
      cooperation: first.counts.cooperation,
      designated_manager: first.counts.designated_manager,
      commission: first.counts.commission,
      own: first.counts.協働推進事業,
    },
    { co_host: 22, executive_committee: 3, cooperation: 79, designated_manager: 11, commission: 47, own: 2 },
  )
  const last = h[h.length - 1]
  assert.equal(last.counts.cooperation, 155)
  assert.equal(last.counts.協働推進事業, 7)
  assert.equal(last.total, 62 + 23 + 155 + 22 + 52 + 7)
  assert.match(first.sources[0], /茅ヶ崎市/)
  assert.ok(api.forms.some((f: any) => f.key === '協働推進事業' && f.label === '協働推進事業'))
  const page = await (await t.client().get('/statistics')).text()
  const marked = (y: string) => new RegExp(`${y}<br\\s*/?><span class="small">（記録以前の集計）</span>`)
  assert.match(page, marked('平成25年度（2013年度）'))
  assert.match(page, marked('令和2年度（2020年度）'))
  // the years of the records are not marked
  assert.doesNotMatch(page, marked(fiscalYearLabel(fiscalYearOf())))
  assert.match(page, /出典：茅ヶ崎市/)
})

test('the public page: aggregates of public projects, no consultations; the dashboard adds them', async () => {
  const res = await t.client().get('/statistics')
  assert.equal(res.status, 200)
  const page = await res.text()
  assert.equal((page.match(/<h1[ >]/g) ?? []).length, 1)
  for (const title of [
    '協働の形態別・年度別の協働事業数',
    '担当課別の協働事業数',
    '分野別の協働事業数',
    '協働ニーズからマッチングまでの件数',
  ])
    assert.match(page, new RegExp(title))
  assert.match(page, /<svg/)
  assert.doesNotMatch(page, /相談の件数/)
  assert.doesNotMatch(page, /継続率/)
  assert.doesNotMatch(page, /庁内限り/)
  assert.doesNotMatch(page, new RegExp(INTERNAL_TITLE))
  // the internal project's department appears only when a public project has it too
  const all = await demoProjects()
  const bosai = all.filter((p) => p.title === INTERNAL_TITLE)
  const dep = await t.client().get('/statistics/projects-by-department.csv')
  const depCsv = (await dep.text()).replace(/^\uFEFF/, '')
  if (!all.some((p) => !p.internal && p.departmentId === bosai[0].departmentId))
    assert.doesNotMatch(depCsv, /防災課/)
  assert.equal((await t.client().get('/statistics/consultations-by-department.csv')).status, 404)
  // the footer and the projects list reach the page
  assert.match(page, /href="\/statistics"/)
  assert.match(await (await t.client().get('/projects')).text(), /href="\/opendata\/projects"/)

  const dash = await (await coord.get('/coordination/statistics')).text()
  assert.equal((dash.match(/<h1[ >]/g) ?? []).length, 1)
  assert.match(dash, /担当課別の相談の件数/)
  assert.match(dash, /継続率/)
  assert.match(dash, /href="\/coordination\/proposal-funnel"/)
  assert.match(dash, /href="\/projects\/continuation"/)
  assert.match(dash, /防災課/)
  const cons = await coord.get('/coordination/statistics/consultations-by-department.csv')
  assert.equal(cons.status, 200)
  assert.match((await cons.text()).split('\r\n')[0], /担当課,相談の件数/)
  // the coordinator's work menu has the entry
  assert.match(await (await coord.get('/')).text(), /href="\/coordination\/statistics">協働の統計</)
})

test('CSV: UTF-8 with BOM, CRLF, the header in row 1', async () => {
  const res = await t.client().get('/statistics/projects-by-form.csv')
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /text\/csv; charset=UTF-8/)
  const bytes = new Uint8Array(await res.arrayBuffer())
  assert.deepEqual([...bytes.subarray(0, 3)], BOM)
  const text = new TextDecoder().decode(bytes.subarray(3))
  assert.ok(text.includes('\r\n'))
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/)
  const header = text.split('\r\n')[0].split(',')
  assert.deepEqual(header.slice(0, 3), ['年度', '年度（和暦）', '区分'])
  assert.deepEqual(header.slice(-2), ['合計', '出典'])
  assert.ok(header.includes('共催') && header.includes('協働推進事業'))
  assert.match(text, /\r\n2013,平成25年度（2013年度）,記録以前の集計,/)
  const funnel = await (await t.client().get('/statistics/matching-funnel.csv')).text()
  assert.match(funnel, /^段階,件数\r\n協働ニーズ（公開したもの）,\d+\r\n/)
})

test('open data: the yearly list with its columns, budgets of the year, never an internal project', async () => {
  const res = await t.client().get('/opendata/projects.json')
  assert.equal(res.status, 200)
  const d = await json(res)
  assert.deepEqual(
    d.columns.map((c: any) => c.name),
    [
      '年度',
      '事業名',
      '協働の形態',
      '担当課',
      '協働の相手',
      '事業額',
      '市負担額',
      '開始日',
      '終了日',
      '事業のページのURL',
    ],
  )
  assert.ok(d.columns.every((c: any) => c.key && c.type && typeof c.note === 'string'))
  assert.ok(d.items.length > 0)
  assert.ok(
    d.items.every((i: any) => Object.keys(i).join() === OPENDATA_PROJECT_COLUMNS.map((c) => c.key).join()),
  )
  assert.ok(!d.items.some((i: any) => i.title === INTERNAL_TITLE))
  const all = await demoProjects()
  const internal = all.find((p) => p.title === INTERNAL_TITLE)!
  assert.ok(!d.items.some((i: any) => String(i.url).endsWith(internal.id)))
  // the running project: one row per fiscal year up to this one, that year's 事業額 and 市負担額
  const running = all.find((p) => p.title === '高齢者の見守りと居場所づくり協働事業')!
  const rows = d.items.filter((i: any) => i.title === running.title)
  assert.deepEqual(
    rows.map((r: any) => r.fiscalYear),
    fiscalYearsOf(running, fiscalYearOf()),
  )
  const budgets = await t.database.db
    .select()
    .from(projectBudgets)
    .where(eq(projectBudgets.projectId, running.id))
  for (const r of rows) {
    const b = budgets.find((x) => x.fiscalYear === r.fiscalYear)
    assert.equal(r.total, b ? b.total : null)
    assert.equal(r.cityShare, b ? b.cityShare : null)
  }
  assert.equal(rows[0].form, '事業協力')
  assert.equal(rows[0].department, '高齢者支援課')
  assert.match(rows[0].partners, /武蔵野ふれあい商店会/)
  assert.match(rows[0].url, new RegExp(`/projects/${running.id}$`))
  assert.equal(rows[0].startOn, running.startOn)
  // no contacts, no 団体負担 (the list publishes only what the public page shows and less)
  const raw = JSON.stringify(d)
  assert.doesNotMatch(raw, /内線|携帯電話/)

  // ?year= keeps one fiscal year; CSV has the same rows
  const fy = fiscalYearOf()
  const one = await json(await t.client().get(`/opendata/projects.json?year=${fy}`))
  assert.ok(one.items.length > 0 && one.items.every((i: any) => i.fiscalYear === fy))
  assert.equal((await t.client().get('/opendata/projects.json?year=abc')).status, 422)
  const csvRes = await t.client().get(`/opendata/projects.csv?year=${fy}`)
  const bytes = new Uint8Array(await csvRes.arrayBuffer())
  assert.deepEqual([...bytes.subarray(0, 3)], BOM)
  const lines = new TextDecoder().decode(bytes.subarray(3)).trim().split('\r\n')
  assert.equal(lines[0], d.columns.map((c: any) => c.name).join(','))
  assert.equal(lines.length - 1, one.items.length)
  assert.doesNotMatch(lines.join('\n'), new RegExp(INTERNAL_TITLE))
  // the page defines each column
  const page = await (await t.client().get('/opendata/projects')).text()
  assert.equal((page.match(/<h1[ >]/g) ?? []).length, 1)
  for (const c of OPENDATA_PROJECT_COLUMNS) assert.match(page, new RegExp(`<th scope="row">${c.header}</th>`))
})

test('access: a group member and a department member get 403 on the dashboard, a visitor is sent to log in', async () => {
  assert.equal((await group.get('/coordination/statistics')).status, 403)
  assert.equal((await group.get('/coordination/statistics/projects-by-form.csv')).status, 403)
  const staff = await t.as('staff@demo.example')
  assert.equal((await staff.get('/coordination/statistics')).status, 403)
  const anon = await t.client().get('/coordination/statistics')
  assert.ok(anon.status === 302 || anon.status === 401, String(anon.status))
  assert.equal((await group.get('/statistics')).status, 200)
  // the group member's work menu has no dashboard entry
  assert.doesNotMatch(await (await group.get('/')).text(), /\/coordination\/statistics/)
})
