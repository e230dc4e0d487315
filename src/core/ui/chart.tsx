/**
 * Horizontal bar charts as SVG (server-side ECharts, decision 0003) beside the table of their
 * numbers: what every room's statistics page uses. Colours are design tokens (app.css), text stays
 * at its own size under the Content-Security-Policy, and the table carries the numbers for screen
 * readers and for copying.
 */
import { createRequire } from 'node:module'
import type * as Echarts from 'echarts'
import { raw } from 'hono/html'

// ECharts is loaded on first use: importing it takes about a second, which every process that
// loads the app (the server, each test file) would pay for a chart it may never draw.
let loaded: typeof Echarts | undefined
const echarts = () => (loaded ??= createRequire(import.meta.url)('echarts') as typeof Echarts)

export interface Series {
  key: string
  title: string
  unit: string
  rows: { label: string; value: number }[]
}

/** Width of the chart in CSS pixels: a phone's column, so it is shown at (about) its own size there. */
export const CHART_WIDTH = 360
const FONT = 13
/** The category labels get this many pixels and wrap inside them (Japanese breaks between any two characters). */
const LABEL_WIDTH = 132

/** Lines a label takes in `width` pixels (full-width characters count 1, half-width about 0.55). */
export function labelLines(label: string, width = LABEL_WIDTH): number {
  let w = 0
  for (const ch of label) w += /[ -\u00ff\uff61-\uff9f]/.test(ch) ? 0.55 : 1
  return Math.max(1, Math.ceil((w * FONT) / width))
}

export interface BarOptions {
  /** The label column's width (default 132 px; a questionnaire's long choices want more). */
  labelWidth?: number
  /** Values are percentages: a 0–100 axis and labels with one decimal and 「%」. */
  percent?: boolean
}

/**
 * A bar chart rendered to SVG on the server by Apache ECharts (no client JavaScript). Bars are
 * horizontal, so long category names (「人権の擁護又は平和の推進を図る活動」) have a column of their
 * own and wrap there instead of being cut; the height grows with the lines they need.
 */
export function barChartSvg(s: Series, o: BarOptions = {}): string {
  const width = CHART_WIDTH
  const labelWidth = o.labelWidth ?? LABEL_WIDTH
  // a category axis gives every row the same band: the tallest label sets it
  const lines = Math.max(1, ...s.rows.map((r) => labelLines(r.label, labelWidth)))
  const height = Math.max(120, s.rows.length * Math.max(28, lines * (FONT + 4) + 10) + 50)
  const chart = echarts().init(null as any, null as any, { renderer: 'svg', ssr: true, width, height })
  const labels = [...s.rows.map((r) => r.label)].reverse()
  const values = [...s.rows.map((r) => r.value)].reverse()
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    textStyle: { fontFamily: "'Noto Sans JP', sans-serif" },
    grid: { left: labelWidth + 12, right: o.percent ? 52 : 44, top: 16, bottom: 28 },
    xAxis: o.percent
      ? {
          type: 'value',
          min: 0,
          max: 100,
          interval: 25,
          axisLabel: { color: 'black', fontSize: FONT - 1, formatter: '{value}%' },
        }
      : { type: 'value', minInterval: 1, splitNumber: 4, axisLabel: { color: 'black', fontSize: FONT - 1 } },
    yAxis: {
      type: 'category',
      data: labels,
      axisLabel: {
        fontSize: FONT,
        lineHeight: FONT + 4,
        color: 'black',
        interval: 0,
        width: labelWidth,
        overflow: 'breakAll',
      },
    },
    series: [
      {
        type: 'bar',
        data: values,
        barMaxWidth: 20,
        itemStyle: { color: 'blue' },
        label: {
          show: true,
          position: 'right',
          color: 'black',
          fontSize: FONT,
          textBorderWidth: 0,
          ...(o.percent ? { formatter: (p: { value: number }) => `${p.value.toFixed(1)}%` } : {}),
        },
      },
    ],
  })
  const svg = chart.renderToSVGString()
  chart.dispose()
  return tokenColours(svg)
}

/** A chart of several series over the same categories (e.g. forms of collaboration by fiscal year). */
export interface StackedSeries {
  key: string
  title: string
  unit: string
  categories: string[]
  series: { name: string; values: number[] }[]
}

/**
 * The colours ECharts is given for the series of a stacked chart, in order: each becomes
 * data-fill="s0"… and app.css gives it a design token (distinct hues, each at least 3:1 on white).
 */
export const SERIES_COLOURS = [
  'navy',
  'darkorange',
  'green',
  'purple',
  'darkcyan',
  'crimson',
  'olive',
  'saddlebrown',
  'slategray',
  'deeppink',
  'teal',
  'indigo',
] as const

/**
 * Horizontal bars stacked by series (ECharts SSR, no client JavaScript), with a legend above:
 * one bar per category, its parts the series. The numbers are in the table beside it.
 */
export function stackedBarChartSvg(s: StackedSeries): string {
  const width = CHART_WIDTH
  const lines = Math.max(
    1,
    ...s.categories.map((c) => c.split('\n').reduce((k, part) => k + labelLines(part), 0)),
  )
  const legendRows = Math.ceil(s.series.length / 4)
  const top = 16 + legendRows * 22
  const height = Math.max(140, s.categories.length * Math.max(26, lines * (FONT + 4) + 8) + top + 34)
  const chart = echarts().init(null as any, null as any, { renderer: 'svg', ssr: true, width, height })
  const rev = <T,>(xs: T[]) => [...xs].reverse()
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    textStyle: { fontFamily: "'Noto Sans JP', sans-serif" },
    legend: {
      top: 4,
      left: 0,
      itemWidth: 12,
      itemHeight: 12,
      itemGap: 8,
      textStyle: { color: 'black', fontSize: FONT - 1 },
      data: s.series.map((x) => x.name),
    },
    grid: { left: LABEL_WIDTH + 12, right: 24, top, bottom: 28 },
    xAxis: {
      type: 'value',
      minInterval: 1,
      splitNumber: 4,
      axisLabel: { color: 'black', fontSize: FONT - 1 },
    },
    yAxis: {
      type: 'category',
      data: rev(s.categories),
      axisLabel: {
        fontSize: FONT,
        lineHeight: FONT + 4,
        color: 'black',
        interval: 0,
        width: LABEL_WIDTH,
        overflow: 'breakAll',
      },
    },
    series: s.series.map((x, i) => ({
      type: 'bar',
      name: x.name,
      stack: 'total',
      data: rev(x.values),
      barMaxWidth: 18,
      itemStyle: { color: SERIES_COLOURS[i % SERIES_COLOURS.length] },
    })),
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
  // ECharts adds a <style> of hover rules: an inline style element the CSP refuses (and no hover here)
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>\s*/g, '')
    .replace(/<(\w+)([^>]*)>/g, (_m, tag: string, attrs: string) => {
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
          const n = (SERIES_COLOURS as readonly string[]).indexOf(value)
          const role = value === 'blue' ? 'bar' : n >= 0 ? `s${n}` : tag === 'text' ? 'text' : 'line'
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
