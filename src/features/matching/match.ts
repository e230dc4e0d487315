import { COLLAB_FORMS, labelOf, RESOURCES } from '../../core/vocabulary.ts'
import { bigrams, expandedTerms, terms } from './text.ts'

/**
 * Pure scoring of a need (or offer) against a candidate (group, offer or need). Each component
 * is a number in 0..1 and, when it counts, a Japanese reason a coordinator can check.
 */

export const WEIGHTS = {
  text: 0.38,
  fields: 0.22,
  area: 0.1,
  resources: 0.06,
  forms: 0.06,
  track: 0.08,
  wants: 0.04,
  chars: 0.04,
  disclosure: 0.02,
} as const

/** The side that asks (a need; or, reversed, a group/offer looking for needs). */
export interface Query {
  text: string
  fields: string[]
  areaIds: string[]
  citywide: boolean
  /** partner wants (expertise | people | network | place) or, reversed, what the group brings */
  resources: string[]
  forms: string[]
}

/** The side that is ranked. */
export interface Profile {
  text: string
  /** Precomputed terms of `text` (from the index); computed when absent. */
  terms?: string[]
  trackRecord?: string
  trackTerms?: string[]
  fields: string[]
  areaIds: string[]
  citywide: boolean
  resources: string[]
  forms: string[]
  wantsCollaboration?: boolean
  disclosureLevel?: number
  projectCount?: number
}

export interface Labels {
  field: (code: string) => string
  area: (id: string) => string
}

export interface Prepared {
  q: Query
  /** term → { weight, via (the query's own word) } */
  expanded: Map<string, { weight: number; via: string }>
  own: string[]
  grams: Set<string>
}

export function prepare(q: Query): Prepared {
  const expanded = expandedTerms(q.text)
  const own = [...new Set(terms(q.text))]
  return { q, expanded, own, grams: bigrams(q.text) }
}

/** Inverse document frequency from a document count and total (BM25 form, never below 0.1). */
export const idfOf = (df: number, n: number) => Math.max(0.1, Math.log(1 + (n - df + 0.5) / (df + 0.5)))

export interface Scored {
  score: number
  reasons: string[]
  components: Record<keyof typeof WEIGHTS, number>
  matchedTerms: string[]
}

const RES_MAP: Record<string, string> = {
  expertise: 'expertise',
  people: 'people',
  network: 'network',
  place: 'place',
}

export function score(p: Prepared, c: Profile, idf: (t: string) => number, labels: Labels): Scored {
  const reasons: string[] = []
  const comp = {
    text: 0,
    fields: 0,
    area: 0,
    resources: 0,
    forms: 0,
    track: 0,
    wants: 0,
    chars: 0,
    disclosure: 0,
  }

  // Fields of activity
  const sharedFields = p.q.fields.filter((f) => c.fields.includes(f))
  if (p.q.fields.length && sharedFields.length) {
    comp.fields = sharedFields.length / p.q.fields.length
    reasons.push(`分野が一致：${sharedFields.map(labels.field).join('、')}`)
  }

  // Areas (a citywide side fits every area)
  const sharedAreas = p.q.areaIds.filter((a) => c.areaIds.includes(a))
  if (sharedAreas.length) {
    comp.area = 1
    reasons.push(`地区が重なる：${sharedAreas.map(labels.area).join('、')}`)
  } else if (c.citywide) {
    comp.area = p.q.areaIds.length || p.q.citywide ? 0.7 : 0.5
    reasons.push('市内全域で活動している')
  } else if (p.q.citywide || p.q.areaIds.length === 0) {
    comp.area = c.areaIds.length ? 0.5 : 0.3
  }

  // Text: the query's terms (and their synonyms) found in the candidate's text
  const candTerms = new Set(c.terms ?? terms(c.text))
  let total = 0
  let got = 0
  const matched: { shown: string; w: number }[] = []
  const seenVia = new Set<string>()
  for (const t of p.own) total += idf(t)
  for (const [t, { weight, via }] of p.expanded) {
    if (!candTerms.has(t) || seenVia.has(via)) continue
    seenVia.add(via)
    const w = idf(via) * weight
    got += w
    matched.push({ shown: t === via ? display(t) : `${display(t)}（${display(via)}の類義語）`, w })
  }
  if (total > 0) {
    const raw = got / total
    comp.text = 1 - Math.exp(-4 * raw)
  }
  matched.sort((a, b) => b.w - a.w)
  if (matched.length)
    reasons.push(
      `本文の一致語：${matched
        .slice(0, 6)
        .map((m) => m.shown)
        .join('、')}`,
    )

  // Character bigrams (Dice) catch words the dictionary splits differently
  if (p.grams.size) {
    const g = bigrams(c.text)
    let inter = 0
    for (const x of p.grams) if (g.has(x)) inter++
    comp.chars = g.size ? Math.min(1, (2 * inter) / (p.grams.size + g.size) / 0.4) : 0
  }

  // Resources the partner should bring
  const wanted = p.q.resources.map((r) => RES_MAP[r] ?? r)
  const sharedRes = wanted.filter((r) => c.resources.includes(r))
  if (wanted.length && sharedRes.length) {
    comp.resources = sharedRes.length / wanted.length
    reasons.push(`提供できる資源：${sharedRes.map((r) => labelOf(RESOURCES, r)).join('、')}`)
  }

  // Forms of collaboration
  const sharedForms = p.q.forms.filter((f) => c.forms.includes(f))
  if (p.q.forms.length && sharedForms.length) {
    comp.forms = 1
    reasons.push(`協働の形態が合う：${sharedForms.map((f) => labelOf(COLLAB_FORMS, f)).join('、')}`)
  }

  // Track record: query terms found in the candidate's track record, and agreed projects
  const track = new Set(c.trackTerms ?? (c.trackRecord ? terms(c.trackRecord) : []))
  const trackHits: string[] = []
  for (const t of p.expanded.keys())
    if (track.has(t) && !trackHits.includes(display(t))) trackHits.push(display(t))
  if (trackHits.length && c.trackRecord) {
    comp.track = Math.min(1, 0.5 + trackHits.length * 0.25)
    reasons.push(`実績：${snippet(c.trackRecord, trackHits)}`)
  }
  if (c.projectCount) {
    comp.track = Math.min(1, comp.track + 0.3)
    reasons.push(`市との協働事業の実績：${c.projectCount}件`)
  }

  if (c.wantsCollaboration) {
    comp.wants = 1
    reasons.push('市との協働を希望している')
  }
  comp.disclosure = Math.min(1, (c.disclosureLevel ?? 0) / 5)

  let s = 0
  for (const k of Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]) s += WEIGHTS[k] * comp[k]
  return {
    score: Math.round(s * 1000) / 10,
    reasons,
    components: comp,
    matchedTerms: matched.map((m) => m.shown),
  }
}

/** Terms are stored with kana-only words in katakana; show kana words as hiragana when they were. */
function display(t: string) {
  return t
}

/** The sentence of a text around the first of the words, at most ~50 characters. */
export function snippet(text: string, words: string[]) {
  const plain = text.normalize('NFKC').replace(/\s+/g, ' ')
  const sentences = plain.split(/(?<=[。．！？\n])/)
  const hit = sentences.find((s) => words.some((w) => s.toLowerCase().includes(w))) ?? sentences[0] ?? ''
  const s = hit.trim()
  return s.length > 50 ? `${s.slice(0, 50)}…` : s
}
