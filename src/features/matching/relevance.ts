import { resemblance, shingles } from '../../core/japanese/similar.ts'
import type { Hit, Match } from '../../core/japanese/rank.ts'

/**
 * Pure rules of a suggestion's score and reasons. Relevance comes first: the engine's score
 * (core/japanese/rank.ts) over the candidate's own texts. Shared fields, areas, forms and a track
 * record add small, bounded evidence; profile flags (協働希望, disclosure, recency) only break ties.
 * The score a coordinator sees is 0–100: 100 is the candidate whose words fit the text best.
 */

/** Evidence added to the relevance (the best text hit is 1); at most 0.15 in all. */
export const EVIDENCE = { fields: 0.06, areas: 0.03, forms: 0.03, track: 0.03 } as const
/** Tie-breakers: at most 0.008 in all (under 1% of the best score). */
export const TIES = { wants: 0.004, disclosure: 0.002, recency: 0.002 } as const

export const SCALE = {
  min: 0,
  max: 100,
  legend: '適合度：100＝この課題の言葉と最もよく一致（ほかの候補はその割合）',
  bands: [
    { band: 'high', label: '高', from: 70 },
    { band: 'medium', label: '中', from: 40 },
    { band: 'low', label: '低', from: 0 },
  ],
} as const
export type Band = 'high' | 'medium' | 'low'
export const bandOf = (score: number): Band => (score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low')
export const bandLabel = (b: Band) => SCALE.bands.find((x) => x.band === b)!.label
/** One line for pages: 「適合度：100＝…　高（70以上）・中（40〜69）・低（39以下）」 */
export const SCALE_TEXT = `${SCALE.legend}。高（70以上）・中（40〜69）・低（39以下）`

/**
 * The words a coordinator can check: whole words only (two characters or more), one word once
 * (包括 / 地域包括 / 包括支援 inside 地域包括支援センター are dropped), synonyms as 「高齢者 ≈ お年寄り」.
 */
export function checkableWords(matched: Match[]): Match[] {
  const list = matched.filter((m) => m.kind !== 'name' && [...m.word].length >= 2)
  const kept = list.filter(
    (m) =>
      !list.some(
        (o) =>
          o !== m &&
          (o.word.length > m.word.length ||
            (o.word.length === m.word.length && list.indexOf(o) < list.indexOf(m))) &&
          o.word.includes(m.word),
      ),
  )
  const seen = new Set<string>()
  return kept.filter((m) => {
    if (seen.has(m.word)) return false
    seen.add(m.word)
    return true
  })
}

/**
 * Each candidate's words, its distinctive ones first: the words fewer other candidates matched
 * (ten candidates should not show ten identical lists). Ties keep the engine's order.
 */
export function distinctiveFirst(lists: Match[][]): Match[][] {
  const count = new Map<string, number>()
  for (const l of lists) for (const m of new Set(l.map((x) => x.word))) count.set(m, (count.get(m) ?? 0) + 1)
  return lists.map((l) =>
    l
      .map((m, i) => ({ m, i, n: count.get(m.word) ?? 0 }))
      .sort((a, b) => a.n - b.n || a.i - b.i)
      .map((x) => x.m),
  )
}

export interface Evidence {
  sharedFields: number
  askedFields: number
  sharedAreas: boolean
  citywide: boolean
  sharedForms: boolean
  track: boolean
  wants?: boolean
  disclosureLevel?: number
  /** 0..1, 1 = active today */
  recency?: number
}

/** The combined value of a hit (before scaling): relevance share + bounded evidence + ties. */
export function combined(relevance: number, e: Evidence): number {
  let s = relevance
  if (e.askedFields && e.sharedFields) s += (EVIDENCE.fields * e.sharedFields) / e.askedFields
  if (e.sharedAreas) s += EVIDENCE.areas
  else if (e.citywide) s += EVIDENCE.areas * 0.5
  if (e.sharedForms) s += EVIDENCE.forms
  if (e.track) s += EVIDENCE.track
  if (e.wants) s += TIES.wants
  s += TIES.disclosure * Math.min(1, Math.max(0, (e.disclosureLevel ?? 0) / 5))
  s += TIES.recency * Math.min(1, Math.max(0, e.recency ?? 0))
  return s
}

/**
 * Near-duplicates step back (「十の候補に十の同じ理由」 is no help to a coordinator): walking the list
 * from the best, a candidate whose own profile text copies the wording of a candidate already
 * placed (resemblance of 4-character shingles, core/japanese/similar.ts; names left out) keeps only
 * part of its value, so distinct groups doing the same work come forward. Copies and filled-in
 * templates share most of their 4-character runs (resemblance 0.25–0.9); two groups describing
 * the same work in their own words share almost none (under 0.1), so a shared theme costs nothing.
 * Returns the new order with the lowered values (the score shown is the value the order used) and
 * the candidate each one resembles.
 */
export function diversified<T>(
  items: T[],
  value: (x: T) => number,
  text: (x: T) => string,
  pool = 40,
): { x: T; value: number; like?: T }[] {
  const head = items.slice(0, pool)
  const grams = head.map((x) => shingles(text(x)))
  const sim = resemblance
  const left = head.map((_, i) => i)
  const out: { x: T; value: number; like?: T }[] = []
  // per item left: its highest resemblance to an item placed so far, and that item (the first
  // placed at that resemblance); updated with each newly placed item only, so each pair is
  // compared once
  const most = head.map(() => 0)
  const likeOf = head.map(() => -1)
  while (left.length) {
    let best = -1
    let bestV = Number.NEGATIVE_INFINITY
    let bestLike = -1
    for (const i of left) {
      const m = most[i]
      const like = likeOf[i]
      // below COPY_FROM an ordinary overlap of one theme: no penalty; from COPY_FULL a copy
      const over = Math.min(1, Math.max(0, (m - COPY_FROM) / (COPY_FULL - COPY_FROM)))
      const v = value(head[i]) * (1 - DUPLICATE_PENALTY * over)
      if (v > bestV) {
        bestV = v
        best = i
        bestLike = over > 0.25 ? like : -1
      }
    }
    left.splice(left.indexOf(best), 1)
    for (const i of left) {
      const v = sim(grams[i], grams[best])
      if (v > most[i]) {
        most[i] = v
        likeOf[i] = best
      }
    }
    out.push({ x: head[best], value: bestV, like: bestLike >= 0 ? head[bestLike] : undefined })
  }
  return [...out, ...items.slice(pool).map((x) => ({ x, value: value(x) * (1 - DUPLICATE_PENALTY) }))]
}
/** How much of its value a word-for-word copy of a placed candidate keeps: 1 − this. */
export const DUPLICATE_PENALTY = 0.8
/** Resemblance (4-character shingles) where copying starts to cost, and where it costs fully. */
export const COPY_FROM = 0.1
export const COPY_FULL = 0.35

/** Scale values to 0–100 (the best is 100; never 0 for a suggested candidate). */
export function toScale(values: number[]): number[] {
  const top = Math.max(0, ...values)
  if (top <= 0) return values.map(() => 0)
  return values.map((v) => Math.max(1, Math.min(100, Math.round((100 * v) / top))))
}

/** Relevance share of each hit against the best hit's engine score. */
export const relevanceOf = (hits: Hit[]) => {
  const top = hits[0]?.score || 1
  return (h: Hit) => h.score / top
}

/** Recency of an activity date: 1 today, 0 after two years. */
export const recencyOf = (d: Date | null | undefined, now = Date.now()) =>
  d ? Math.max(0, 1 - (now - d.getTime()) / (730 * 86_400_000)) : 0

/** A snippet as plain parts for rendering with <mark> (views) or as text (JSON, stored reasons). */
export function snippetParts(s: {
  text: string
  spans: [number, number][]
}): { text: string; mark: boolean }[] {
  const out: { text: string; mark: boolean }[] = []
  let at = 0
  for (const [a, b] of s.spans) {
    if (a > at) out.push({ text: s.text.slice(at, a), mark: false })
    out.push({ text: s.text.slice(a, b), mark: true })
    at = b
  }
  if (at < s.text.length) out.push({ text: s.text.slice(at), mark: false })
  return out
}

/** How a field of a candidate is named in a reason (「活動内容より：…」). */
const FIELD_NAMES: Record<string, string> = {
  purpose: '目的',
  activities: '活動内容',
  expertise: '専門性',
  wantsToDo: 'やりたいこと',
  trackRecord: '実績',
  offers: 'できること',
  title: '件名',
  body: '本文',
}
export const fieldName = (f: string) => FIELD_NAMES[f] ?? f
