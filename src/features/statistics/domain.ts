import { COLLAB_FORMS, labelOf } from '../../core/vocabulary.ts'

/** The fiscal year (年度, April–March) of a day written YYYY-MM-DD. */
export const fiscalYearOfYmd = (ymd: string) => {
  const [y, m] = ymd.split('-').map(Number)
  return m >= 4 ? y : y - 1
}

/**
 * The fiscal years a project runs in: from the year of its start to the year of its end (an open
 * end means it still runs), never past `current` (later years are plans, not collaboration that
 * happened). A project that starts after `current` runs in none yet.
 */
export function fiscalYearsOf(p: { startOn: string; endOn: string | null }, current: number): number[] {
  const first = fiscalYearOfYmd(p.startOn)
  const last = Math.min(p.endOn ? fiscalYearOfYmd(p.endOn) : current, current)
  const out: number[] = []
  for (let y = first; y <= last; y++) out.push(y)
  return out
}

/** A count of a year before the records (collaboration_history). */
export interface HistoryRow {
  fiscalYear: number
  form: string
  count: number
  source: string
}

/** What the counts need of a project. */
export interface CountedProject {
  form: string
  startOn: string
  endOn: string | null
}

export interface FormColumn {
  key: string
  label: string
}

export interface FormYear {
  fiscalYear: number
  /** True when the numbers are the history's (記録以前の集計), not counted from the records. */
  history: boolean
  /** The history's sources (report titles), for a history year. */
  sources: string[]
  counts: Record<string, number>
  total: number
}

/** 「（記録以前の集計）」: how a history year is marked wherever it is shown. */
export const HISTORY_MARK = '（記録以前の集計）'

/** A form's label: a code of COLLAB_FORMS, or the city's own label (e.g. 協働推進事業) as it is. */
export const formLabel = (code: string) => labelOf(COLLAB_FORMS, code)

/**
 * Projects by form and fiscal year. A project counts once in every fiscal year it runs. A year
 * the history holds is shown with the history's numbers only (they are the city's own count of
 * that year; the few records of those years in Kyodo are not the whole of it), marked as history.
 * Columns: the forms of COLLAB_FORMS that occur, in their order, then the city's own labels.
 */
export function byFormAndYear(
  projects: CountedProject[],
  history: HistoryRow[],
  current: number,
): { forms: FormColumn[]; years: FormYear[] } {
  const years = new Map<number, FormYear>()
  const at = (fy: number, h: boolean) => {
    let y = years.get(fy)
    if (!y) {
      y = { fiscalYear: fy, history: h, sources: [], counts: {}, total: 0 }
      years.set(fy, y)
    }
    return y
  }
  const used = new Set<string>()
  for (const h of history) {
    const y = at(h.fiscalYear, true)
    y.counts[h.form] = (y.counts[h.form] ?? 0) + h.count
    y.total += h.count
    if (h.source && !y.sources.includes(h.source)) y.sources.push(h.source)
    used.add(h.form)
  }
  const historyYears = new Set(history.map((h) => h.fiscalYear))
  for (const p of projects)
    for (const fy of fiscalYearsOf(p, current)) {
      if (historyYears.has(fy)) continue
      const y = at(fy, false)
      y.counts[p.form] = (y.counts[p.form] ?? 0) + 1
      y.total++
      used.add(p.form)
    }
  const known = COLLAB_FORMS.filter((f) => used.has(f.code)).map((f) => ({ key: f.code, label: f.label }))
  const own = [...used]
    .filter((k) => !COLLAB_FORMS.some((f) => f.code === k))
    .sort()
    .map((k) => ({ key: k, label: k }))
  return { forms: [...known, ...own], years: [...years.values()].sort((a, b) => a.fiscalYear - b.fiscalYear) }
}

/** Rows of a one-dimensional count (label → number), largest first, ties by label. */
export function countBy<T>(items: T[], keys: (x: T) => string[]): { label: string; value: number }[] {
  const m = new Map<string, number>()
  for (const x of items) for (const k of new Set(keys(x))) m.set(k, (m.get(k) ?? 0) + 1)
  return [...m]
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'ja'))
}

/** A project without a published registered group among its partners has no field of its own. */
export const NO_FIELD = '（公開中の登録団体の相手なし）'

// ------------------------------------------------------------------ open data

/**
 * The yearly collaboration list (協働事業の年度別一覧): one row per project per fiscal year it runs,
 * only projects that are not internal, only what the public project page shows. There is no
 * national standard for it: the columns are defined here and on /opendata/projects.
 */
export const OPENDATA_PROJECT_COLUMNS = [
  { key: 'fiscalYear', header: '年度', type: '整数', note: '西暦の年度（4月1日〜翌年3月31日）。例：2026' },
  { key: 'title', header: '事業名', type: '文字列', note: '協働事業のページの事業名（改行は空白に置換）' },
  {
    key: 'form',
    header: '協働の形態',
    type: '文字列',
    note: COLLAB_FORMS.map((f) => f.label).join('／'),
  },
  { key: 'department', header: '担当課', type: '文字列', note: '事業の主担当の課' },
  {
    key: 'partners',
    header: '協働の相手',
    type: '文字列（複数はセミコロン区切り）',
    note: '登録団体・事業者・大学・自治会などの名称。登録団体は公開中の団体名',
  },
  {
    key: 'total',
    header: '事業額',
    type: '整数（円）',
    note: 'その年度の事業額。記録がない年度は空欄（0ではありません）',
  },
  {
    key: 'cityShare',
    header: '市負担額',
    type: '整数（円）',
    note: 'その年度の事業額のうち市が負担する額。記録がない年度は空欄',
  },
  { key: 'startOn', header: '開始日', type: '日付（YYYY-MM-DD）', note: '事業の開始日' },
  {
    key: 'endOn',
    header: '終了日',
    type: '日付（YYYY-MM-DD）',
    note: '事業の終了日。決まっていない事業は空欄',
  },
  { key: 'url', header: '事業のページのURL', type: '文字列（URL）', note: 'このサイトの協働事業のページ' },
] as const

export type OpenDataProjectRecord = Record<
  (typeof OPENDATA_PROJECT_COLUMNS)[number]['key'],
  string | number | null
>

export interface OpenDataSource {
  id: string
  title: string
  form: string
  department: string
  partners: string[]
  startOn: string
  endOn: string | null
  internal: boolean
  budgets: { fiscalYear: number; total: number; cityShare: number }[]
}

const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim()

/** The list's rows (internal projects never), oldest year first; `year` keeps one fiscal year. */
export function openDataRecords(
  list: OpenDataSource[],
  current: number,
  baseUrl: string,
  year?: number,
): OpenDataProjectRecord[] {
  const out: OpenDataProjectRecord[] = []
  for (const p of list) {
    if (p.internal) continue
    for (const fy of fiscalYearsOf(p, current)) {
      if (year !== undefined && fy !== year) continue
      const b = p.budgets.find((x) => x.fiscalYear === fy)
      out.push({
        fiscalYear: fy,
        title: oneLine(p.title),
        form: formLabel(p.form),
        department: p.department,
        partners: p.partners.map(oneLine).join(';'),
        total: b ? b.total : null,
        cityShare: b ? b.cityShare : null,
        startOn: p.startOn,
        endOn: p.endOn ?? '',
        url: `${baseUrl}/projects/${p.id}`,
      })
    }
  }
  return out.sort(
    (a, b) =>
      Number(a.fiscalYear) - Number(b.fiscalYear) ||
      String(a.startOn).localeCompare(String(b.startOn)) ||
      String(a.title).localeCompare(String(b.title), 'ja'),
  )
}
