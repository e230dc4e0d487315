import { fiscalYearLabel } from '../../core/japanese/index.ts'
import type { CsvKey } from './views.tsx'
import type { Statistics } from './service.ts'

type Cell = string | number | null
const pct = (r: number) => Math.round(r * 1000) / 10

/** The table of one chart as CSV rows (header first); null when the scope does not have it. */
export function tableOf(s: Statistics, key: CsvKey): { header: string[]; rows: Cell[][] } | null {
  const d = s.dashboard
  switch (key) {
    case 'projects-by-form': {
      const { forms, years } = s.formYear
      return {
        header: ['年度', '年度（和暦）', '区分', ...forms.map((f) => f.label), '合計', '出典'],
        rows: years.map((y) => [
          y.fiscalYear,
          fiscalYearLabel(y.fiscalYear),
          y.history ? '記録以前の集計' : '記録',
          // a history year that did not count a form: blank, not 0
          ...forms.map((f) => y.counts[f.key] ?? (y.history ? null : 0)),
          y.total,
          y.sources.join(';'),
        ]),
      }
    }
    case 'projects-by-department':
      return { header: ['担当課', '事業数'], rows: s.byDepartment.map((r) => [r.label, r.value]) }
    case 'projects-by-field':
      return { header: ['分野', '事業数'], rows: s.byField.map((r) => [r.label, r.value]) }
    case 'matching-funnel':
      return { header: ['段階', '件数'], rows: s.matching.map((r) => [r.label, r.value]) }
    case 'proposal-funnel':
      return d
        ? {
            header: ['年度', '区分', '意見交換会', '申込', '採択', '継続'],
            rows: d.proposals.years.map((y) => [
              y.fiscalYear,
              y.history ? '過去の実績' : '記録',
              y.consultations,
              y.applications,
              y.adopted,
              y.continued,
            ]),
          }
        : null
    case 'continuation':
      return d
        ? {
            header: ['協働の形態', '事業数', '継続', '継続率（%）'],
            rows: [
              ...d.continuation.byForm.map((r) => [r.label, r.total, r.continued, pct(r.rate)]),
              ['全体', d.continuation.total, d.continuation.continued, pct(d.continuation.rate)],
            ],
          }
        : null
    case 'consultations-by-department':
      return d
        ? { header: ['担当課', '相談の件数'], rows: d.consultations.rows.map((r) => [r.label, r.value]) }
        : null
  }
}
