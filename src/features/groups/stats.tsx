/** The numbers: groups by field, area, kind and legal form, and by fiscal year, as SVG charts with tables. */
import { sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { rows } from '../../core/db/index.ts'
import type { Series } from '../../core/ui/chart.tsx'
import { fiscalYearLabel, fiscalYearOf } from '../../core/japanese/index.ts'
import { ACTOR_KINDS, fieldsOf, LEGAL_FORMS, labelOf } from '../../core/vocabulary.ts'
import { listAreas } from './service.ts'

export async function groupStats(ctx: Ctx) {
  const t = ctx.tenantId
  const pub = sql`municipality_id = ${t} AND status = 'published'`
  const q = async (query: ReturnType<typeof sql>) =>
    (await rows<{ k: string; n: string | number }>(ctx.db, query)).map((r) => ({ k: r.k, n: Number(r.n) }))
  const byField = await q(
    sql`SELECT f AS k, count(*) AS n FROM groups, unnest(fields) f WHERE ${pub} GROUP BY f`,
  )
  const byArea = await q(
    sql`SELECT ga.area_id::text AS k, count(*) AS n FROM groups JOIN group_areas ga
        ON ga.municipality_id = groups.municipality_id AND ga.group_id = groups.id
        WHERE groups.${pub} GROUP BY ga.area_id`,
  )
  const [cw] = await q(sql`SELECT 'citywide' AS k, count(*) AS n FROM groups WHERE ${pub} AND citywide`)
  const byKind = await q(
    sql`SELECT actor_kind AS k, count(*) AS n FROM groups WHERE ${pub} GROUP BY actor_kind`,
  )
  const byLegal = await q(
    sql`SELECT legal_form AS k, count(*) AS n FROM groups WHERE ${pub} GROUP BY legal_form`,
  )
  const [total] = await q(sql`SELECT 'total' AS k, count(*) AS n FROM groups WHERE ${pub}`)
  const [inactive] = await q(
    sql`SELECT 'inactive' AS k, count(*) AS n FROM groups WHERE municipality_id = ${t} AND status = 'inactive'`,
  )
  const byYear = await q(
    sql`SELECT fiscal_year::text AS k, count(*) AS n FROM group_renewals WHERE municipality_id = ${t} GROUP BY fiscal_year`,
  )
  const newByYear = await q(
    sql`SELECT r.fy::text AS k, count(*) AS n FROM (SELECT group_id, min(fiscal_year) AS fy FROM group_renewals WHERE municipality_id = ${t} GROUP BY group_id) r GROUP BY r.fy`,
  )
  const fields = fieldsOf(ctx.municipality.settings)
  const areas = await listAreas(ctx)
  const get = (xs: { k: string; n: number }[], k: string) => xs.find((x) => x.k === k)?.n ?? 0
  const current = fiscalYearOf()
  const years: number[] = []
  for (let y = current - 5; y <= current; y++) years.push(y)
  const series: Series[] = [
    {
      key: 'field',
      title: '活動分野別の団体数',
      unit: '団体',
      rows: fields.map((f) => ({ label: f.label, value: get(byField, f.code) })),
    },
    {
      key: 'area',
      title: '活動地区別の団体数',
      unit: '団体',
      rows: [
        ...areas.map((a) => ({ label: a.name, value: get(byArea, a.id) })),
        { label: '市内全域', value: cw?.n ?? 0 },
      ],
    },
    {
      key: 'kind',
      title: '団体の種類別の団体数',
      unit: '団体',
      rows: ACTOR_KINDS.map((k) => ({ label: k.label.replace(/（.*/, ''), value: get(byKind, k.code) })),
    },
    {
      key: 'legal',
      title: '法人格別の団体数',
      unit: '団体',
      rows: LEGAL_FORMS.map((k) => ({ label: k.label, value: get(byLegal, k.code) })).filter(
        (r) => r.value > 0,
      ),
    },
    {
      key: 'year',
      title: '年度別の登録団体数（登録・更新した団体）',
      unit: '団体',
      rows: years.map((y) => ({ label: `${y}年度`, value: get(byYear, String(y)) })),
    },
    {
      key: 'new',
      title: '年度別の新規登録団体数',
      unit: '団体',
      rows: years.map((y) => ({ label: `${y}年度`, value: get(newByYear, String(y)) })),
    },
  ]
  return { total: total?.n ?? 0, inactive: inactive?.n ?? 0, series, fiscalYear: fiscalYearLabel(current) }
}

export { labelOf }
export { barChartSvg, CHART_WIDTH, ChartWithTable, labelLines, type Series } from '../../core/ui/chart.tsx'
