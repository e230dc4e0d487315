import { Hono } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import { csvResponse, toCsv } from '../../core/csv.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { authorize } from '../../core/http/guard.ts'
import { render } from '../../core/http/render.tsx'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { tableOf } from './csv.ts'
import { OPENDATA_PROJECT_COLUMNS } from './domain.ts'
import { openDataProjects, statistics } from './service.ts'
import { CSV_KEYS, type CsvKey, OpenDataProjectsPage, StatisticsPage } from './views.tsx'

export const statisticsRoutes = new Hono<AppEnv>()

const PUBLIC_BASE = '/statistics'
const DASHBOARD_BASE = '/coordination/statistics'

statisticsRoutes.get('/statistics', async (c) => {
  const ctx = await authorize(c, 'statistics.view')
  const s = await statistics(ctx, 'public')
  return render(c, '協働の統計', <StatisticsPage s={s} base={PUBLIC_BASE} />, {
    crumbs: [{ label: '協働の統計' }],
  })
})

statisticsRoutes.get('/coordination/statistics', async (c) => {
  const ctx = await authorize(c, 'statistics.dashboard')
  const s = await statistics(ctx, 'dashboard')
  return render(c, '協働の統計（協働推進担当）', <StatisticsPage s={s} base={DASHBOARD_BASE} />, {
    section: 'statistics',
    crumbs: [{ label: '協働の統計' }],
  })
})

// One CSV per table: the public numbers under /statistics, the dashboard's under /coordination/statistics.
for (const key of Object.keys(CSV_KEYS) as CsvKey[]) {
  if (!CSV_KEYS[key].dashboardOnly)
    statisticsRoutes.get(`${PUBLIC_BASE}/${key}.csv`, async (c) => {
      const ctx = await authorize(c, 'statistics.view')
      const t = tableOf(await statistics(ctx, 'public'), key)
      if (!t) throw notFound('統計')
      return csvResponse(c, `${key}.csv`, toCsv(t.header, t.rows))
    })
  statisticsRoutes.get(`${DASHBOARD_BASE}/${key}.csv`, async (c) => {
    const ctx = await authorize(c, 'statistics.dashboard')
    const t = tableOf(await statistics(ctx, 'dashboard'), key)
    if (!t) throw notFound('統計')
    return csvResponse(c, `${key}-all.csv`, toCsv(t.header, t.rows))
  })
}

// ------------------------------------------------------------------ open data

/** ?year=2026 keeps one fiscal year; anything else that is not a year is refused with its name. */
function yearOf(raw: string | undefined): number | undefined | 'bad' {
  if (raw === undefined || raw === '') return undefined
  return /^\d{4}$/.test(raw) ? Number(raw) : 'bad'
}

const badYear = () =>
  new AppError(422, 'validation', '年度（year）は西暦4桁の数字で指定してください（例：?year=2026）。')

statisticsRoutes.get('/opendata/projects.csv', async (c) => {
  const ctx = await authorize(c, 'statistics.view')
  const year = yearOf(c.req.query('year'))
  if (year === 'bad') throw badYear()
  const rows = await openDataProjects(ctx, year)
  return csvResponse(
    c,
    year ? `projects-${year}.csv` : 'projects.csv',
    toCsv(
      OPENDATA_PROJECT_COLUMNS.map((x) => x.header),
      rows.map((r) => OPENDATA_PROJECT_COLUMNS.map((x) => r[x.key])),
    ),
  )
})

statisticsRoutes.get('/opendata/projects.json', async (c) => {
  const ctx = await authorize(c, 'statistics.view')
  const year = yearOf(c.req.query('year'))
  if (year === 'bad') throw badYear()
  return c.json({
    dataset: `${ctx.municipality.name} 協働ポータル 協働事業の年度別一覧`,
    license: 'CC BY 4.0',
    updated: ymdInTokyo(new Date()),
    ...(year ? { fiscalYear: year } : {}),
    columns: OPENDATA_PROJECT_COLUMNS.map((x) => ({
      key: x.key,
      name: x.header,
      type: x.type,
      note: x.note,
    })),
    items: await openDataProjects(ctx, year),
  })
})

statisticsRoutes.get('/opendata/projects', async (c) => {
  const ctx = await authorize(c, 'statistics.view')
  const years = [...new Set((await openDataProjects(ctx)).map((r) => Number(r.fiscalYear)))].sort(
    (a, b) => b - a,
  )
  return render(
    c,
    '協働事業の年度別一覧のオープンデータ',
    <OpenDataProjectsPage years={years.slice(0, 5)} />,
    {
      crumbs: [{ label: '協働の統計', href: '/statistics' }, { label: 'オープンデータ' }],
    },
  )
})
