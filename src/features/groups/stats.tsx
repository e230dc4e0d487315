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

/** Width of the chart in CSS pixels: a phone's column, so it is shown at (about) its own size there. */
export const CHART_WIDTH = 360
const FONT = 13
/** The category labels get this many pixels and wrap inside them (Japanese breaks between any two characters). */
const LABEL_WIDTH = 132

/** Lines a label takes at LABEL_WIDTH (full-width characters count 1, half-width about 0.55). */
export function labelLines(label: string): number {
  let w = 0
  for (const ch of label) w += /[ -\u00ff\uff61-\uff9f]/.test(ch) ? 0.55 : 1
  return Math.max(1, Math.ceil((w * FONT) / LABEL_WIDTH))
}

/**
 * A bar chart rendered to SVG on the server by Apache ECharts (no client JavaScript). Bars are
 * horizontal, so long category names (「人権の擁護又は平和の推進を図る活動」) have a column of their
 * own and wrap there instead of being cut; the height grows with the lines they need.
 */
export function barChartSvg(s: Series): string {
  const width = CHART_WIDTH
  // a category axis gives every row the same band: the tallest label sets it
  const lines = Math.max(1, ...s.rows.map((r) => labelLines(r.label)))
  const height = Math.max(120, s.rows.length * Math.max(28, lines * (FONT + 4) + 10) + 50)
  const chart = echarts.init(null as any, null as any, { renderer: 'svg', ssr: true, width, height })
  const labels = [...s.rows.map((r) => r.label)].reverse()
  const values = [...s.rows.map((r) => r.value)].reverse()
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    textStyle: { fontFamily: "'Noto Sans JP', sans-serif" },
    grid: { left: LABEL_WIDTH + 12, right: 44, top: 16, bottom: 28 },
    xAxis: {
      type: 'value',
      minInterval: 1,
      splitNumber: 4,
      axisLabel: { color: 'black', fontSize: FONT - 1 },
    },
    yAxis: {
      type: 'category',
      data: labels,
      axisLabel: {
        fontSize: FONT,
        lineHeight: FONT + 4,
        color: 'black',
        interval: 0,
        width: LABEL_WIDTH,
        overflow: 'breakAll',
      },
    },
    series: [
      {
        type: 'bar',
        data: values,
        barMaxWidth: 20,
        itemStyle: { color: 'blue' },
        label: { show: true, position: 'right', color: 'black', fontSize: FONT, textBorderWidth: 0 },
      },
    ],
  })
  const svg = chart.renderToSVGString()
  chart.dispose()
  return tokenColours(svg)
}

/**
 * ECharts writes literal colours; the site uses design tokens only. Every fill/stroke becomes
 * a data attribute styled in app.css with var(--color-…) (bars, text, lines). Its `style`
 * attributes (font size and family) are refused by the Content-Security-Policy, so the text
 * would take the page's 16px and outgrow the room the chart gave it: they become presentation
 * attributes, which the policy allows.
 */
export function tokenColours(svg: string): string {
  return svg.replace(/<(\w+)([^>]*)>/g, (_m, tag: string, attrs: string) => {
    const a = attrs
      .replace(/ style="([^"]*)"/g, (_x, style: string) =>
        style
          .split(';')
          .map((d) => d.split(/:(.*)/s).map((x) => x.trim()))
          .filter(([k, v]) => v && /^(font-size|font-family|font-weight|font-style)$/.test(k))
          .map(([k, v]) => ` ${k}="${v.replace(/"/g, "'")}"`)
          .join(''),
      )
      .replace(/ (fill|stroke)="([^"]*)"/g, (_x, prop: string, value: string) => {
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
          aria-label={`${s.title}のグラフ（数値はグラフの横または下の表にあります）`}
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
