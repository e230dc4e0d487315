import { barChartSvg } from '../../core/ui/chart.tsx'
import type { Figure } from './report.ts'

/** A figure's chart: horizontal bars of percent (single and multiple answers); '' for tables. */
export function figureSvg(f: Figure): string {
  if (f.kind !== 'single' && f.kind !== 'multiple') return ''
  return barChartSvg({ key: f.key, title: f.title, unit: '％', rows: f.rows.map((r) => ({ label: r.label, value: r.percent })) })
}
