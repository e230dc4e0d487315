/**
 * Two years' reports side by side (e.g. 平成23年度 against this year): every figure both have
 * (matched by its stable key, not its number, which a questionnaire may renumber), its rows matched
 * by label with both percentages and the change in points (b − a), and each year's n. Figures in
 * only one report are listed apart. Pure.
 */
import type { Figure, FigureRow, Report } from './report.ts'
import { figuresOf } from './report.ts'

export interface ComparedRow {
  label: string
  /** null when the row is not in that report (a choice added or dropped). */
  countA: number | null
  countB: number | null
  /** Percentages (null for count figures, which have none, and for a missing row). */
  percentA: number | null
  percentB: number | null
  /** percentB − percentA in points, to one decimal; null when either is missing. */
  points: number | null
}

export interface ComparedGroup {
  /** A cross-tabulation's group (総計, 委託, 協働実績有り …). */
  label: string
  nA: number | null
  nB: number | null
  rows: ComparedRow[]
}

export interface ComparedFigure {
  key: string
  kind: Figure['kind']
  numberA: number
  numberB: number
  /** b's title (the newer wording). */
  title: string
  nA: number
  nB: number
  rows: ComparedRow[]
  /** kind 'cross': the groups matched by label. */
  groups?: ComparedGroup[]
}

export interface FigureRef {
  key: string
  number: number
  title: string
}

export interface Comparison {
  figures: ComparedFigure[]
  onlyA: FigureRef[]
  onlyB: FigureRef[]
}

const points = (a: number, b: number) => Math.round((b - a) * 10) / 10

/** Rows matched by label: a's order first, then the labels only b has. */
function matchRows(a: FigureRow[], b: FigureRow[], withPercent: boolean): ComparedRow[] {
  const byLabel = new Map(b.map((r) => [r.label, r]))
  const seen = new Set<string>()
  const out: ComparedRow[] = []
  const push = (ra: FigureRow | undefined, rb: FigureRow | undefined, label: string) => {
    const pa = withPercent && ra ? ra.percent : null
    const pb = withPercent && rb ? rb.percent : null
    out.push({
      label,
      countA: ra?.count ?? null,
      countB: rb?.count ?? null,
      percentA: pa,
      percentB: pb,
      points: pa === null || pb === null ? null : points(pa, pb),
    })
  }
  for (const ra of a) {
    seen.add(ra.label)
    push(ra, byLabel.get(ra.label), ra.label)
  }
  for (const rb of b) if (!seen.has(rb.label)) push(undefined, rb, rb.label)
  return out
}

function compareFigure(fa: Figure, fb: Figure): ComparedFigure {
  const out: ComparedFigure = {
    key: fb.key,
    kind: fb.kind,
    numberA: fa.number,
    numberB: fb.number,
    title: fb.title,
    nA: fa.n,
    nB: fb.n,
    rows: fb.kind === 'cross' ? [] : matchRows(fa.rows, fb.rows, fb.kind !== 'count'),
  }
  if (fb.kind === 'cross') {
    const ga = fa.groups ?? []
    const gb = fb.groups ?? []
    const byLabel = new Map(gb.map((g) => [g.label, g]))
    const labels = [
      ...ga.map((g) => g.label),
      ...gb.map((g) => g.label).filter((l) => !ga.some((g) => g.label === l)),
    ]
    out.groups = labels.map((label) => {
      const x = ga.find((g) => g.label === label)
      const y = byLabel.get(label)
      return {
        label,
        nA: x?.n ?? null,
        nB: y?.n ?? null,
        rows: matchRows(x?.cells ?? [], y?.cells ?? [], true),
      }
    })
  }
  return out
}

/** Compares report `a` (the earlier) with `b`: differences are b − a. */
export function compareReports(a: Report, b: Report): Comparison {
  const fa = figuresOf(a)
  const fb = figuresOf(b)
  const inA = new Map(fa.map((f) => [f.key, f]))
  const inB = new Set(fb.map((f) => f.key))
  const ref = (f: Figure): FigureRef => ({ key: f.key, number: f.number, title: f.title })
  return {
    figures: fb.filter((f) => inA.has(f.key)).map((f) => compareFigure(inA.get(f.key) as Figure, f)),
    onlyA: fa.filter((f) => !inB.has(f.key)).map(ref),
    onlyB: fb.filter((f) => !inA.has(f.key)).map(ref),
  }
}
