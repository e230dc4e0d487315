/** The numbers: groups by field, area, kind and legal form, and by fiscal year, as SVG charts with tables. */
import { sql } from 'drizzle-orm'
import * as echarts from 'echarts'
import { raw } from 'hono/html'
import type { Ctx } from '../../core/context.ts'
import { rows } from '../../core/db/index.ts'
import { fiscalYearLabel, fiscalYearOf } from '../../core/japanese/index.ts'
import { ACTOR_KINDS, fieldsOf, LEGAL_FORMS, labelOf } from '../../core/vocabulary.ts'
import { listAreas } from './service.ts'

export interface Series {
  key: string
  title: string
  unit: string
  rows: { label: string; value: number }[]
}

export async function groupStats(ctx: Ctx) {
  const t = ctx.tenantId
  const pub = sql`municipality_id = ${t} AND status = 'published'`
  const q = async (query: ReturnType<typeof sql>) =>
    (await rows<{ k: string; n: string | number }>(ctx.db, query)).map((r) => ({ k: r.k, n: Number(r.n) }))
  const byField = await q(
    sql`SELECT f AS k, count(*) AS n FROM groups, unnest(fields) f WHERE ${pub} GROUP BY f`,
  )
  const byArea = await q(
    sql`SELECT a::text AS k, count(*) AS n FROM groups, unnest(area_ids) a WHERE ${pub} GROUP BY a`,
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

/** A bar chart rendered to SVG on the server by Apache ECharts (no client JavaScript). */
export function barChartSvg(s: Series, opts: { horizontal?: boolean } = {}): string {
  const horizontal = opts.horizontal ?? s.rows.length > 6
  const width = 640
  const height = horizontal ? Math.max(200, 28 * s.rows.length + 60) : 320
  const chart = echarts.init(null as any, null as any, { renderer: 'svg', ssr: true, width, height })
  const labels = s.rows.map((r) => r.label)
  const values = s.rows.map((r) => r.value)
  const cat = {
    type: 'category' as const,
    data: horizontal ? [...labels].reverse() : labels,
    axisLabel: { fontSize: 12, color: 'black', interval: 0 },
  }
  const val = { type: 'value' as const, minInterval: 1, axisLabel: { color: 'black' } }
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    textStyle: { fontFamily: "'Noto Sans JP', sans-serif" },
    grid: { left: 8, right: 40, top: 20, bottom: 10, containLabel: true },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    series: [
      {
        type: 'bar',
        data: horizontal ? [...values].reverse() : values,
        itemStyle: { color: 'blue' },
        label: { show: true, position: horizontal ? 'right' : 'top', color: 'black', textBorderWidth: 0 },
      },
    ],
  })
  const svg = chart.renderToSVGString()
  chart.dispose()
  return tokenColours(svg)
}

/**
 * ECharts writes literal colours; the site uses design tokens only. Every fill/stroke becomes
 * a data attribute styled in app.css with var(--color-…) (bars, text, lines).
 */
export function tokenColours(svg: string): string {
  return svg.replace(/<(\w+)([^>]*)>/g, (_m, tag: string, attrs: string) => {
    const a = attrs.replace(/ (fill|stroke)="([^"]*)"/g, (_x, prop: string, value: string) => {
      if (value === 'none' || value === 'transparent') return ` ${prop}="none"`
      const role = value === 'blue' ? 'bar' : tag === 'text' ? 'text' : 'line'
      return ` data-${prop}="${role}"`
    })
    return `<${tag}${a}>`
  })
}

export function ChartWithTable({ s }: { s: Series }) {
  const svg = barChartSvg(s)
  return (
    <section class="groups-chart" aria-labelledby={`chart-${s.key}`}>
      <h2 id={`chart-${s.key}`}>{s.title}</h2>
      <div class="groups-chart__body">
        <figure
          class="groups-chart__figure"
          role="img"
          aria-label={`${s.title}のグラフ（数値は横の表を参照）`}
        >
          {raw(svg)}
        </figure>
        <div class="table-wrap">
          <table class="table">
            <caption>{s.title}</caption>
            <thead>
              <tr>
                <th scope="col">区分</th>
                <th scope="col">{s.unit}数</th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr>
                  <th scope="row">{r.label}</th>
                  <td class="num">{r.value.toLocaleString('ja-JP')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  )
}

export { labelOf }
