/**
 * The survey report's charts as SVG, rendered on the server by Apache ECharts (decision 0003, as
 * core/ui/chart.tsx): no client JavaScript, fonts as presentation attributes (a `style` attribute is
 * refused by the Content-Security-Policy) and colours as `data-fill` roles styled with design tokens
 * in app.css. Drawn for a phone's column (360 px) and scaled down on A4 when printed.
 *
 * - 単一回答 with few answers (Musashino's style): one 100% stacked bar, the legend under it listing
 *   every choice with its percentage (so the numbers never depend on telling colours apart).
 * - 単一回答 with many answers, and 複数回答: horizontal bars of percent on a 0–100 axis, labels
 *   wrapping in their own column (every character kept).
 * - count, cross and opinions figures are tables: ''.
 */
import { createRequire } from 'node:module'
import type * as Echarts from 'echarts'
import { barChartSvg, CHART_WIDTH, labelLines, tokenColours } from '../../core/ui/chart.tsx'
import type { Figure, FigureRow } from './report.ts'

const FONT = 13
/** The label column of the bar chart (wider than chart.tsx's: the questionnaire's choices are long). */
const LABEL_WIDTH = 150
/** Up to this many answered choices, a single-answer figure is one stacked bar (図表4, 8, 14, 15). */
export const STACK_MAX = 5
/**
 * Segment colours of the stacked bar. ECharts writes them literally; each becomes
 * `data-fill="sK"` (app.css gives `.surveys-chart svg [data-fill="s0"]`… a token colour).
 */
const SEGMENT = ['#000001', '#000002', '#000003', '#000004', '#000005', '#000006'] as const

// ECharts is loaded on first use: importing it takes about a second, which every process that
// loads the app (the server, each test file) would pay for a chart it may never draw.
let loaded: typeof Echarts | undefined
const echarts = () => (loaded ??= createRequire(import.meta.url)('echarts') as typeof Echarts)

const fmt = (p: number) => `${p.toFixed(1)}%`

function render(width: number, height: number, option: Echarts.EChartsCoreOption): string {
  const chart = echarts().init(null as any, null as any, { renderer: 'svg', ssr: true, width, height })
  chart.setOption(option)
  const svg = chart.renderToSVGString()
  chart.dispose()
  return svg
}

/** The stacked segments' literal colours → data-fill roles; then chart.tsx's token mapping. */
function roles(svg: string): string {
  const seg = svg.replace(/ fill="(#00000[1-6])"/gi, (_m, c: string) => {
    const k = SEGMENT.indexOf(c.toLowerCase() as (typeof SEGMENT)[number])
    return ` data-fill="s${k}"`
  })
  return tokenColours(seg)
}

/** Horizontal bars of percent (0–100), one per row in the figure's order (chart.tsx's bar chart). */
function percentBars(rows: FigureRow[]): string {
  return barChartSvg(
    { key: '', title: '', unit: '％', rows: rows.map((r) => ({ label: r.label, value: r.percent })) },
    { labelWidth: LABEL_WIDTH, percent: true },
  )
}

/** One 100% stacked bar (the answered choices), and a legend of every row with its percentage. */
function stackedBar(f: Figure): string {
  const shown = f.rows.filter((r) => r.count > 0)
  const legendWidth = CHART_WIDTH - 24 - 14 - 8
  const legendLines = f.rows.map((r) => labelLines(`${r.label} ${fmt(r.percent)}`, legendWidth))
  const barTop = 12
  const barHeight = 36
  const axis = 24
  const legendTop = barTop + barHeight + axis + 8
  const lineH = FONT + 5
  const height = legendTop + legendLines.reduce((t, l) => t + l * lineH + 6, 0) + 8
  const colourOf = new Map(f.rows.map((r, i) => [r.label, SEGMENT[i % SEGMENT.length]]))
  // the legend is drawn by hand (graphic elements) so that every row, also 0.0% and 無回答, is listed
  const legend: object[] = []
  let y = legendTop
  f.rows.forEach((r, i) => {
    legend.push({
      type: 'rect',
      shape: { x: 12, y: y + 2, width: 14, height: 14 },
      style: { fill: r.count > 0 ? colourOf.get(r.label) : 'none', stroke: 'gray', lineWidth: 1 },
    })
    legend.push({
      type: 'text',
      x: 12 + 14 + 8,
      y,
      style: {
        text: `${r.label}　${fmt(r.percent)}`,
        fill: 'black',
        fontSize: FONT,
        lineHeight: lineH,
        width: legendWidth,
        overflow: 'breakAll',
        fontFamily: "'Noto Sans JP', sans-serif",
      },
    })
    y += legendLines[i] * lineH + 6
  })
  const svg = render(CHART_WIDTH, height, {
    animation: false,
    aria: { enabled: true },
    textStyle: { fontFamily: "'Noto Sans JP', sans-serif" },
    grid: { left: 12, right: 20, top: barTop, height: barHeight },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { color: 'black', fontSize: FONT - 1, formatter: '{value}%' },
    },
    yAxis: { type: 'category', data: [`n=${f.n}`], axisLabel: { show: false }, axisTick: { show: false } },
    series: shown.map((r) => ({
      type: 'bar',
      name: r.label,
      stack: 'all',
      data: [r.percent],
      barWidth: barHeight - 8,
      itemStyle: { color: colourOf.get(r.label), borderColor: 'white', borderWidth: 1 },
      label: { show: false },
    })),
    graphic: legend,
  })
  return roles(svg)
}

/** The chart of a figure as SVG markup, or '' for figures that are tables (count, cross, opinions). */
export function figureSvg(f: Figure): string {
  if (f.kind === 'multiple') return percentBars(f.rows)
  if (f.kind !== 'single') return ''
  return f.rows.filter((r) => r.count > 0).length <= STACK_MAX ? stackedBar(f) : percentBars(f.rows)
}
