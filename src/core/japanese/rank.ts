import { analyzeSync, documentTermsSync, isReady, READING, ready, type Term, termKey } from './analysis.ts'
import { charBigrams, compact, editDistance, fold, hiraToKata, isKana, substringDistance } from './fold.ts'
import { loadedTokenizer } from './tokenizer.ts'

/**
 * In-memory ranked retrieval over documents with weighted fields (BM25F-like over the terms of
 * analysis.ts): postings lists, IDF so that generic words weigh little, synonyms and readings
 * below exact words, typo tolerance on name fields, and for each hit the whole words matched and
 * a snippet of the document's own sentence with those words marked.
 */

export type FieldSpec = {
  name: string
  /** weight of a match in this field (e.g. name 3, description 1) */
  weight: number
  /** a name: typo-tolerant (one character wrong, missing or extra), readings matched as typed */
  fuzzy?: boolean
  /** a reading (furigana) given for the name: matched against kana queries */
  reading?: boolean
  /** shown in snippets (default: true unless fuzzy or reading) */
  snippet?: boolean
}
export type RankDoc = { id: string; fields: Record<string, string | undefined> }
export type Match = {
  /** the document's word, whole (地域包括支援センター, not 包括) */
  word: string
  kind: Term['kind'] | 'name'
  /** the query's word when it differs (synonym, reading) */
  query?: string
  /** how to show it: 高齢者 ≈ お年寄り */
  label: string
}
export type Snippet = {
  field: string
  text: string
  /** character ranges of the matched words in `text` */
  spans: [number, number][]
  /** `text` with the matched words in 【】 */
  marked: string
}
export type Hit = { id: string; score: number; matched: Match[]; snippet: Snippet | null }
export type SearchOptions = {
  limit?: number
  /** typo tolerance and substring bonus on name fields (default true for short queries) */
  fuzzy?: boolean
  /** drop hits that matched only through character bigrams (default false) */
  wordsOnly?: boolean
  /** words of the query that say nothing here (keys, with everything that comes from them) */
  ignore?: Set<string>
  /**
   * words of the query that say little here (keys, with everything that comes from them): they
   * weigh LIGHT_WORD of what they would (a resident's 子ども, 母, 近所 says who, not what about)
   */
  light?: Set<string>
  /**
   * how much a query's word inside an everyday phrase of several words counts (Term.covered;
   * default 1): the phrase's administrative terms say what the word means there
   */
  covered?: number
  /**
   * pseudo-relevance feedback: add the words shared by this many best documents to the query
   * (for long texts written in other words, e.g. a need against groups; default 0)
   */
  feedback?: number
  /** compute the matched words and the snippet of each hit (default true; false for id lists) */
  details?: boolean
  /** every document found, in no order (limit ignored): for "each word must be found" filters */
  all?: boolean
}

/** The matched words of a hit searched without details (shared: never written to). */
const NO_MATCHES: Match[] = Object.freeze([]) as unknown as Match[]

const K1 = 1.2
const B = 0.6
/** How much of a word's second and further pieces count (its best match counts fully). */
const REST = 0.35
/** Names compared character by character per query, at most. */
const MAX_FUZZY = 400
/** Pseudo-relevance feedback: how many words, how much they weigh against the query's own. */
const FEEDBACK_TERMS = 10
const FEEDBACK_WEIGHT = 0.3
const FEEDBACK_FROM = '\u0000feedback'
/** The weight of a light word of the query (SearchOptions.light) relative to its own. */
export const LIGHT_WORD = 0.4

/** real: documents that have the term as a word of their own (not only through the lexicon) */
type Posting = { docs: number[]; tf: number[]; display: number[]; real: number }

export class RankIndex {
  readonly fields: FieldSpec[]
  private ids: string[] = []
  private texts: (string | undefined)[][] = []
  private lens: number[][] = []
  private termIds = new Map<string, number>()
  private terms: string[] = []
  /** per document: ids of its words (exact and part; for feedback) */
  private forward: Int32Array[] = []
  private postings: Posting[] = []
  private strings: string[] = []
  private stringIds = new Map<string, number>()
  private weighted: Float32Array[] = []
  private dirty = true
  /** name field: compact form and reading per doc; bigram → docs */
  private names: { compact: string; reading: string; keyed?: string }[][] = []
  private nameGrams = new Map<string, number[]>()

  constructor(fields: FieldSpec[]) {
    this.fields = fields
  }

  get size(): number {
    return this.ids.length
  }

  private sid(s: string): number {
    let id = this.stringIds.get(s)
    if (id === undefined) {
      id = this.strings.length
      this.strings.push(s)
      this.stringIds.set(s, id)
    }
    return id
  }

  /** Add a document (analysed synchronously: call `ready()` first for the full analysis). */
  add(doc: RankDoc): void {
    const d = this.ids.length
    this.ids.push(doc.id)
    const F = this.fields.length
    const texts: (string | undefined)[] = []
    const lens: number[] = []
    const perTerm = new Map<number, { tf: number[]; display: number; w: number; real: boolean }>()
    const names: { compact: string; reading: string; keyed?: string }[] = []
    const words = new Set<number>()
    this.fields.forEach((f, fi) => {
      const text = doc.fields[f.name]?.normalize('NFKC')
      texts.push(text)
      if (!text) {
        lens.push(0)
        return
      }
      const terms = f.reading ? readingTerms(text) : documentTermsSync(text)
      let len = 0
      for (const t of terms) {
        if (t.kind === 'exact') len += t.count ?? 1
        const tid = this.termId(t.term)
        if ((t.kind === 'exact' || t.kind === 'part') && !f.reading) words.add(tid)
        let e = perTerm.get(tid)
        if (!e) {
          e = { tf: new Array(F).fill(0), display: this.sid(t.from ?? t.term), w: 0, real: false }
          perTerm.set(tid, e)
        }
        e.tf[fi] += t.weight * Math.min(t.count ?? 1, 3)
        if (t.kind !== 'synonym') e.real = true
        if (t.weight > e.w) {
          e.w = t.weight
          e.display = this.sid(t.from ?? t.term)
        }
      }
      lens.push(Math.max(1, len))
      if (f.fuzzy || f.reading) {
        const c = f.reading ? compact(hiraToKata(text)) : compact(text)
        const reading = f.reading ? c : readingSync(text)
        const k = f.reading ? c : keyedSync(text)
        names.push(k !== c ? { compact: c, reading, keyed: k } : { compact: c, reading })
        const grams = new Set([...charBigrams(c), ...charBigrams(reading)])
        for (const g of grams) {
          const list = this.nameGrams.get(g)
          if (list) list.push(d)
          else this.nameGrams.set(g, [d])
        }
      }
    })
    for (const [tid, e] of perTerm) {
      const p = this.postings[tid]
      p.docs.push(d)
      p.tf.push(...e.tf)
      p.display.push(e.display)
      if (e.real) p.real++
    }
    this.texts.push(texts)
    this.lens.push(lens)
    this.names.push(names)
    this.forward.push(Int32Array.from(words))
    this.dirty = true
  }

  private termId(term: string): number {
    let id = this.termIds.get(term)
    if (id === undefined) {
      id = this.postings.length
      this.termIds.set(term, id)
      this.terms.push(term)
      this.postings.push({ docs: [], tf: [], display: [], real: 0 })
    }
    return id
  }

  /** Precompute the length-normalised term weights (done on the first search after adds). */
  build(): void {
    if (!this.dirty) return
    const F = this.fields.length
    const N = this.ids.length
    const avg = new Array(F).fill(0)
    for (const l of this.lens) for (let f = 0; f < F; f++) avg[f] += l[f] / Math.max(1, N)
    this.weighted = this.postings.map((p) => {
      const out = new Float32Array(p.docs.length)
      for (let i = 0; i < p.docs.length; i++) {
        const d = p.docs[i]
        let x = 0
        for (let f = 0; f < F; f++) {
          const tf = p.tf[i * F + f]
          if (!tf) continue
          const norm = 1 - B + (B * this.lens[d][f]) / Math.max(1e-9, avg[f])
          x += (this.fields[f].weight * tf) / norm
        }
        out[i] = (x * (K1 + 1)) / (x + K1)
      }
      return out
    })
    this.dirty = false
  }

  /**
   * The document frequency a term's IDF is computed from: the documents that say the word
   * (an everyday phrase expanded to 孤食 in many profiles does not make 孤食 a common word).
   */
  private df(tid: number): number {
    const p = this.postings[tid]
    return p.real || p.docs.length
  }

  private idf(df: number): number {
    const N = this.ids.length
    return Math.log(1 + (N - df + 0.5) / (df + 0.5))
  }

  /** Search with a query text (a few words, a name, or a whole paragraph). */
  search(q: string, opts: SearchOptions = {}): Hit[] {
    return this.ranked(q, opts)
  }

  /**
   * Search with a query of several words separated by spaces, keeping only documents that each
   * word finds on its own (見守り　サロン: both), ranked by the whole query. The filter is applied
   * before the best `limit` are taken.
   */
  searchEach(q: string, parts: string[], opts: SearchOptions = {}): Hit[] {
    this.build()
    // kept between queries like the scratch arrays (50,000 bytes over a large city), cleared here
    if (!this.marks || this.marks.length < this.ids.length) this.marks = new Uint8Array(this.ids.length * 2)
    const marks = this.marks
    marks.fill(0, 0, this.ids.length)
    // each word's pass looks only at the documents every earlier word found (the mask), so the
    // later passes and the whole query skip most of the postings of common words
    parts.forEach((part, i) => {
      this.ranked(
        part,
        { ...opts, all: true, details: false },
        i > 0 ? { mask: marks, value: i } : undefined,
        (d) => {
          marks[d] = i + 1
        },
      )
    })
    return this.ranked(q, opts, { mask: marks, value: parts.length })
  }

  /**
   * The search itself. `keep`: only documents whose `mask` entry is `value` are looked at; `each`:
   * instead of building hits, every document found is given to it (in no order) and none is
   * returned.
   */
  private ranked(
    q: string,
    opts: SearchOptions,
    keep?: { mask: Uint8Array; value: number },
    each?: (d: number) => void,
  ): Hit[] {
    this.build()
    const limit = opts.limit ?? 10
    const N = this.ids.length
    let qterms = analyzeSync(q, 'query').terms
    if (opts.ignore?.size) {
      const ignore = opts.ignore
      const dropped = new Set(
        qterms.filter((t) => t.kind === 'exact' && ignore.has(t.term)).map((t) => t.from),
      )
      qterms = qterms.filter(
        (t) => !ignore.has(t.term) && !(t.from && dropped.has(t.from) && t.kind !== 'exact'),
      )
    }
    const light = opts.light
    const covered = opts.covered ?? 1
    if (light?.size || covered !== 1) {
      const from = new Set(qterms.filter((t) => t.kind === 'exact' && light?.has(t.term)).map((t) => t.from))
      const coveredFrom = new Set(qterms.filter((t) => t.covered).map((t) => t.from))
      qterms = qterms.map((t) => {
        let w = t.weight
        if (light?.has(t.term) || (t.from && from.has(t.from))) w *= LIGHT_WORD
        if (t.kind !== 'synonym' ? t.covered : t.from && coveredFrom.has(t.from)) w *= covered
        return w === t.weight ? t : { ...t, weight: w }
      })
    }
    // group the query's terms by the word they come from: a word counts once, by its best match
    const groups = new Map<string, Term[]>()
    for (const t of qterms) {
      const g = t.from ?? t.term
      const list = groups.get(g)
      if (list) list.push(t)
      else groups.set(g, [t])
    }
    // scratch arrays are kept between queries (no allocation, no garbage) and cleaned after
    const { score, wordHit, gramHits, gramSeen, best, sum, inTouched, inGroup, touched, gTouched } =
      this.scratchFor(N)
    // the documents scored so far (touched[0..nTouched)), each once
    let nTouched = 0
    const mask = keep?.mask
    const want = keep?.value ?? 0
    // documents found only through bigrams must share at least half of the query's bigrams
    let gramStamp = this.stamp
    const qGrams = qterms.filter((t) => t.kind === 'bigram').length
    // bigrams and single kanji found in very many documents say little and cost most: skip
    // them when the query has words of its own
    const hasWords = qterms.some((t) => t.kind !== 'bigram' && this.termIds.has(t.term))
    const commonBigram = Math.max(500, N * 0.05)
    const run = (groupList: Iterable<Term[]>) => {
      for (const terms of groupList) {
        let nG = 0
        // a synonym says no more than the word it stands for: its IDF is at most that word's
        // (支援 ≈ 応援: the rarer 応援 must not make a generic 支援 weigh like a rare word)
        let cap = Number.POSITIVE_INFINITY
        for (const t of terms) {
          if (t.kind !== 'exact') continue
          const tid = this.termIds.get(t.term)
          if (tid !== undefined) cap = Math.min(cap, this.idf(this.df(tid)))
        }
        for (const t of terms) {
          if (t.kind === 'bigram') gramStamp++
          const tid = this.termIds.get(t.term)
          if (tid === undefined) continue
          const p = this.postings[tid]
          if (hasWords && (t.kind === 'bigram' || t.term.length === 1) && p.docs.length > commonBigram)
            continue
          const w = this.weighted[tid]
          const idf = this.idf(this.df(tid))
          let c = cap
          if (t.cap) {
            const ct = this.termIds.get(t.cap)
            if (ct !== undefined) c = Math.min(c, this.idf(this.df(ct)))
          }
          const s = (t.kind === 'synonym' ? Math.min(idf, c) : idf) * t.weight
          const docs = p.docs
          if (each) {
            // only which documents are found counts (no scores): a word's hit, or enough bigrams
            const gram = t.kind === 'bigram'
            for (let i = 0; i < docs.length; i++) {
              const d = docs[i]
              if (mask && mask[d] !== want) continue
              if (!inTouched[d]) {
                inTouched[d] = 1
                touched[nTouched++] = d
              }
              if (!gram) wordHit[d] = 1
              else if (gramSeen[d] !== gramStamp) {
                gramSeen[d] = gramStamp
                gramHits[d]++
              }
            }
            continue
          }
          for (let i = 0; i < docs.length; i++) {
            const d = docs[i]
            if (mask && mask[d] !== want) continue
            const v = s * w[i]
            if (!inGroup[d]) {
              inGroup[d] = 1
              gTouched[nG++] = d
            }
            if (v > best[d]) best[d] = v
            sum[d] += v
            if (t.kind !== 'bigram') wordHit[d] = 1
            else if (gramSeen[d] !== gramStamp) {
              gramSeen[d] = gramStamp
              gramHits[d]++
            }
          }
        }
        for (let k = 0; k < nG; k++) {
          const d = gTouched[k]
          if (!inTouched[d]) {
            inTouched[d] = 1
            touched[nTouched++] = d
          }
          score[d] += best[d] + REST * (sum[d] - best[d])
          best[d] = 0
          sum[d] = 0
          inGroup[d] = 0
        }
      }
    }
    run(groups.values())
    // pseudo-relevance feedback: the words the best documents share, weighted below the query's
    const feedback = opts.feedback ?? 0
    if (feedback > 0 && nTouched > 0) {
      const top = topK(Array.from(touched.subarray(0, nTouched)), score, feedback)
      const own = new Set(qterms.map((t) => t.term))
      const gain = new Map<number, number>()
      const s0 = score[top[0]]
      for (const d of top)
        for (const tid of this.forward[d]) {
          const df = this.postings[tid].docs.length
          if (df < 2 || df > N * 0.1 || own.has(this.terms[tid])) continue
          gain.set(tid, (gain.get(tid) ?? 0) + (this.idf(df) * score[d]) / s0)
        }
      const picked = [...gain].sort((a, b) => b[1] - a[1]).slice(0, FEEDBACK_TERMS)
      const max = picked[0]?.[1] ?? 1
      const fb: Term[][] = picked.map(([tid, g]) => [
        { term: this.terms[tid], weight: (FEEDBACK_WEIGHT * g) / max, kind: 'synonym', from: FEEDBACK_FROM },
      ])
      run(fb)
    }
    // names: the query inside a name, or a name with one character wrong, missing or extra
    const nameBonus = new Map<number, number>()
    const qc = compact(q)
    const fuzzy = opts.fuzzy ?? (qc.length >= 2 && qc.length <= 40)
    if (fuzzy && this.names.some((n) => n.length > 0)) {
      let top = 0
      for (let k = 0; k < nTouched; k++) if (score[touched[k]] > top) top = score[touched[k]]
      const scale = Math.max(top, 1)
      const qk = compact(hiraToKata(q))
      const qKeyed = keyedSync(q)
      const kanaQuery = isKana(qk)
      // candidates: names sharing the query's bigrams; bigrams in very many names (法人, 協会)
      // say nothing and are skipped unless the query has no other
      const grams = [...new Set([...charBigrams(qc), ...(kanaQuery ? charBigrams(qk) : [])])]
        .map((g) => ({ g, docs: this.nameGrams.get(g) ?? [] }))
        .filter((x) => x.docs.length > 0)
        .sort((a, b) => a.docs.length - b.docs.length)
      const common = Math.max(200, N * 0.02)
      const used = grams.filter((x, i) => i === 0 || x.docs.length <= common)
      const shared = new Map<number, number>()
      for (const { docs } of used) for (const d of docs) shared.set(d, (shared.get(d) ?? 0) + 1)
      const need = Math.max(1, used.length - 3)
      const cands = [...shared].filter(([d, n]) => n >= need && (!mask || mask[d] === want))
      if (cands.length > MAX_FUZZY) cands.sort((a, b) => b[1] - a[1]).length = MAX_FUZZY
      for (const [d] of cands) {
        // found by a word already: its name bonus changes nothing when only found-ness counts
        if (each && wordHit[d]) continue
        let bonus = 0
        for (const nm of this.names[d]) {
          const targets = kanaQuery ? [nm.compact, nm.reading] : [nm.compact]
          // spellings of one word are one name: 子供食堂 is inside こども食堂ひだまり
          if (nm.keyed) targets.push(nm.keyed)
          for (const target of targets) {
            const key = target === nm.reading ? qk : target === nm.keyed ? qKeyed : qc
            if (target === key) bonus = Math.max(bonus, 1)
            else if (target.includes(key)) bonus = Math.max(bonus, 0.6 + 0.3 * (key.length / target.length))
            else if (key.length >= 5) {
              const ed = editDistance(key, target, 2)
              const sd = substringDistance(key, target, 2)
              const dist = Math.min(ed, sd)
              if (dist <= 1) bonus = Math.max(bonus, ed <= 1 ? 0.8 : 0.5)
              else if (dist === 2 && key.length >= 10) bonus = Math.max(bonus, 0.35)
            }
          }
        }
        if (bonus > 0) {
          nameBonus.set(d, bonus)
          if (!inTouched[d]) {
            inTouched[d] = 1
            touched[nTouched++] = d
          }
          score[d] += bonus * scale
        }
      }
    }
    const minGrams = Math.max(2, Math.ceil(qGrams / 2))
    const named = nameBonus.size > 0
    const found: number[] = []
    for (let k = 0; k < nTouched; k++) {
      const d = touched[k]
      if (wordHit[d] || (named && nameBonus.has(d)) || (!opts.wordsOnly && gramHits[d] >= minGrams))
        found.push(d)
    }
    if (each) for (const d of found) each(d)
    const cands = each ? [] : opts.all ? found : topK(found, score, limit)
    this.stamp = gramStamp + 1
    const details = opts.details ?? true
    const hits = cands
      .map((d) => ({
        id: this.ids[d],
        score: score[d],
        matched: details ? this.matched(d, groups, nameBonus.get(d)) : NO_MATCHES,
        snippet: null as Snippet | null,
      }))
      .map((h, i) => {
        if (details) h.snippet = this.snippet(cands[i], h.matched)
        return h
      })
    for (let k = 0; k < nTouched; k++) {
      const d = touched[k]
      score[d] = 0
      wordHit[d] = 0
      gramHits[d] = 0
      inTouched[d] = 0
    }
    return hits
  }

  private scratch: {
    score: Float64Array
    wordHit: Uint8Array
    gramHits: Uint16Array
    gramSeen: Uint32Array
    best: Float64Array
    sum: Float64Array
    /** 1 while a document is in `touched` */
    inTouched: Uint8Array
    /** 1 while a document is in `gTouched` */
    inGroup: Uint8Array
    touched: Int32Array
    gTouched: Int32Array
  } | null = null
  private stamp = 1
  private marks: Uint8Array | null = null

  private scratchFor(n: number) {
    if (!this.scratch || this.scratch.score.length < n) {
      const size = Math.max(n, 1024) * 2
      this.scratch = {
        score: new Float64Array(size),
        wordHit: new Uint8Array(size),
        gramHits: new Uint16Array(size),
        gramSeen: new Uint32Array(size),
        best: new Float64Array(size),
        sum: new Float64Array(size),
        inTouched: new Uint8Array(size),
        inGroup: new Uint8Array(size),
        touched: new Int32Array(size),
        gTouched: new Int32Array(size),
      }
      this.stamp = 1
    }
    return this.scratch
  }

  private lookup(tid: number, d: number): number {
    const docs = this.postings[tid].docs
    let lo = 0
    let hi = docs.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (docs[mid] === d) return mid
      if (docs[mid] < d) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  /** The whole words a document matched, one per query word, no fragments or single characters. */
  private matched(d: number, groups: Map<string, Term[]>, nameBonus?: number): Match[] {
    const out = new Map<string, Match>()
    for (const [from, terms] of groups) {
      if (from === FEEDBACK_FROM) continue
      let bestT: Term | null = null
      let bestW = 0
      let display = ''
      for (const t of terms) {
        if (t.kind === 'bigram') continue
        const tid = this.termIds.get(t.term)
        if (tid === undefined) continue
        const i = this.lookup(tid, d)
        if (i < 0) continue
        const w = t.weight * this.weighted[tid][i]
        if (w > bestW) {
          bestW = w
          bestT = t
          display = this.strings[this.postings[tid].display[i]]
        }
      }
      if (!bestT || display.length < 2) continue
      const kind = bestT.kind
      const differs = fold(display) !== fold(from)
      const label = kind === 'synonym' && differs ? `${display} ≈ ${from}` : display
      const prev = out.get(display)
      if (!prev || (prev.kind === 'synonym' && kind !== 'synonym'))
        out.set(display, { word: display, kind, query: differs ? from : undefined, label })
    }
    // one word once: drop words inside another matched word (包括 inside 地域包括支援センター)
    const list = [...out.values()]
    const kept = list.filter(
      (m) => !list.some((o) => o !== m && o.word.length > m.word.length && o.word.includes(m.word)),
    )
    if (nameBonus && kept.length === 0) {
      const name = this.fields.findIndex((f) => f.fuzzy)
      const text = name >= 0 ? this.texts[d][name] : undefined
      if (text) kept.push({ word: text, kind: 'name', label: text })
    }
    return kept
  }

  /** The document's own sentence with the most matched words, the words marked. */
  private snippet(d: number, matched: Match[]): Snippet | null {
    const words = matched.filter((m) => m.kind !== 'name').map((m) => m.word)
    let bestS: Snippet | null = null
    let bestN = -1
    this.fields.forEach((f, fi) => {
      const shown = f.snippet ?? !(f.fuzzy || f.reading)
      const text = this.texts[d][fi]
      if (!shown || !text) return
      for (const sentence of text.split(/(?<=[。！？!?\n])/)) {
        const s = sentence.trim()
        if (!s) continue
        const spans = findSpans(s, words)
        if (spans.length > bestN) {
          bestN = spans.length
          bestS = clip(f.name, s, spans)
        }
      }
    })
    return bestS
  }
}

/** The k documents with the highest scores, best first (ties: earlier document first). */
function topK(docs: number[], score: Float64Array, k: number): number[] {
  const out: number[] = []
  const better = (a: number, b: number) => score[a] > score[b] || (score[a] === score[b] && a < b)
  // long lists (a directory's few thousand ids): one sort beats insertion; over many more
  // documents than asked for (a common word in 50,000 profiles), only those scoring at least the
  // k-th best score are sorted (kthScore: linear time)
  if (k > 64) {
    const order = (a: number, b: number) => score[b] - score[a] || a - b
    if (docs.length <= 2 * k) return [...docs].sort(order).slice(0, k)
    const kth = kthScore(docs, score, k)
    return docs
      .filter((d) => score[d] >= kth)
      .sort(order)
      .slice(0, k)
  }
  for (const d of docs) {
    if (out.length === k && !better(d, out[k - 1])) continue
    let i = out.length < k ? out.length : k - 1
    out[i] = d
    while (i > 0 && better(out[i], out[i - 1])) {
      ;[out[i], out[i - 1]] = [out[i - 1], out[i]]
      i--
    }
  }
  return out
}

/** The k-th highest score among the documents (quickselect on a copy; k ≤ docs.length). */
export function kthScore(docs: number[], score: Float64Array, k: number): number {
  const a = new Float64Array(docs.length)
  for (let i = 0; i < docs.length; i++) a[i] = score[docs[i]]
  // the k-th highest is the (n - k)-th lowest
  const target = a.length - k
  let lo = 0
  let hi = a.length - 1
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]
    let i = lo
    let j = hi
    while (i <= j) {
      while (a[i] < pivot) i++
      while (a[j] > pivot) j--
      if (i <= j) {
        const t = a[i]
        a[i] = a[j]
        a[j] = t
        i++
        j--
      }
    }
    if (target <= j) hi = j
    else if (target >= i) lo = i
    else break
  }
  return a[target]
}

function findSpans(s: string, words: string[]): [number, number][] {
  const spans: [number, number][] = []
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    let from = 0
    for (;;) {
      const i = s.indexOf(w, from)
      if (i < 0) break
      const j = i + w.length
      if (!spans.some(([a, b]) => i < b && a < j)) spans.push([i, j])
      from = j
    }
  }
  return spans.sort((a, b) => a[0] - b[0])
}

const SNIPPET_MAX = 90
function clip(field: string, s: string, spans: [number, number][]): Snippet {
  let text = s
  let shift = 0
  if (s.length > SNIPPET_MAX) {
    const first = spans.length ? spans[0][0] : 0
    const start = Math.max(0, Math.min(first - 20, s.length - SNIPPET_MAX))
    text =
      (start > 0 ? '…' : '') +
      s.slice(start, start + SNIPPET_MAX) +
      (start + SNIPPET_MAX < s.length ? '…' : '')
    shift = start > 0 ? start - 1 : 0
  }
  const inText = spans
    .map(([a, b]) => [a - shift, b - shift] as [number, number])
    .filter(([a, b]) => a >= 0 && b <= text.length)
  let marked = ''
  let at = 0
  for (const [a, b] of inText) {
    marked += `${text.slice(at, a)}【${text.slice(a, b)}】`
    at = b
  }
  marked += text.slice(at)
  return { field, text, spans: inText, marked }
}

/** The katakana reading of a text (dictionary readings; unknown words folded as written). */
export function readingSync(text: string): string {
  const tok = loadedTokenizer()
  const src = text.normalize('NFKC')
  if (!tok) return compact(hiraToKata(src))
  return compact(
    tok
      .tokenize(src)
      .map((k) => (k.reading && k.reading !== '*' ? k.reading : hiraToKata(k.surface_form)))
      .join(''),
  )
}

/** A text as the keys of its words, joined (こども食堂ひだまり → 子供食堂ヒダマリ). */
function keyedSync(text: string): string {
  const tok = loadedTokenizer()
  const src = text.normalize('NFKC')
  if (!tok) return compact(src)
  return compact(
    tok
      .tokenize(src)
      .map((k) => termKey(k.surface_form))
      .join(''),
  )
}

/** Terms of a furigana field: the whole reading and its bigrams. */
function readingTerms(text: string): Term[] {
  const r = compact(hiraToKata(text))
  if (!r) return []
  return [{ term: READING + r, weight: 0.8, kind: 'reading', from: text, count: 1 }]
}

/**
 * Add documents to an index. Analysing is synchronous work (about half a millisecond a
 * document), so the loop gives the event loop back every `sliceMs`: a server building the index
 * of 50,000 groups keeps answering other requests meanwhile.
 */
export async function addAll(index: RankIndex, docs: RankDoc[], sliceMs = 10): Promise<void> {
  let since = performance.now()
  for (const d of docs) {
    index.add(d)
    if (performance.now() - since >= sliceMs) {
      await new Promise((r) => setImmediate(r))
      since = performance.now()
    }
  }
  index.build()
}

/** Build an index (loads the analyser first), yielding as `addAll` does. */
export async function createIndex(fields: FieldSpec[], docs: RankDoc[] = []): Promise<RankIndex> {
  await ready()
  const index = new RankIndex(fields)
  await addAll(index, docs)
  return index
}

/** The fields of a department index: the name and its duties (所掌事務). */
export const DEPARTMENT_FIELDS: FieldSpec[] = [
  { name: 'name', weight: 2, fuzzy: true },
  { name: 'duties', weight: 1 },
]
export type Department = { id: string; name: string; duties: string; parent?: string }
export type DepartmentSuggestion = Hit & { confidence: 'high' | 'medium' | 'low' }

/** An index of departments for `suggestDepartments`. */
export async function createDepartmentIndex(deps: Department[]): Promise<RankIndex> {
  return createIndex(
    DEPARTMENT_FIELDS,
    deps.map((d) => ({ id: d.id, fields: { name: d.name, duties: d.duties } })),
  )
}

/**
 * Words a resident uses about asking, not about the matter (「手続きはどこに相談すれば」,
 * 「連絡がとれない」, 「困っています」): in a question to the city they name no department. (Compounds
 * keep them: 消費生活相談, 行政手続 are words of their own.)
 */
const ROUTING_META = [
  '相談',
  '手続き',
  '手続',
  '連絡',
  '困る',
  '心配',
  '申し込む',
  '申し込み',
  '申込み',
  '申込',
  '申請',
  '方法',
  '利用',
  '行く',
  '出す',
]
let routingMeta: Set<string> | null = null
/**
 * Words that say who a resident's question is about or where, not what about (「子どもが」,
 * 「隣の家の」, 「母が」): a department whose duties happen to say 子ども must not win on them over
 * the one the matter belongs to. They weigh little (LIGHT_WORD), so that alone they still route.
 */
const ROUTING_LIGHT = [
  '子ども',
  '息子',
  '娘',
  '母',
  '父',
  '母親',
  '父親',
  '祖母',
  '祖父',
  '夫',
  '妻',
  '親',
  '兄弟',
  '姉妹',
  '近所',
  '隣',
  '家',
  '自宅',
  '家庭',
  '地域',
  '住民',
  '市民',
]
let routingLight: Set<string> | null = null
/** How much a word inside an everyday phrase of the question counts (SearchOptions.covered). */
const ROUTING_COVERED = 0.7

/**
 * "Which department?": the departments whose duties fit a resident's sentence, best first. Words
 * in the sentence that say nothing (どこ, 聞きたい, 窓口 …) are stop words; generic ones weigh
 * little by IDF; everyday words meet administrative ones through the synonyms.
 */
export function suggestDepartments(index: RankIndex, sentence: string, limit = 3): DepartmentSuggestion[] {
  if (!isReady()) throw new Error('suggestDepartments: call ready() (or createDepartmentIndex) first')
  if (!routingMeta) routingMeta = new Set(ROUTING_META.map(termKey))
  if (!routingLight) routingLight = new Set(ROUTING_LIGHT.map(termKey))
  const hits = index.search(sentence, {
    limit: Math.max(limit, 2),
    fuzzy: compact(sentence).length <= 12,
    wordsOnly: true,
    ignore: routingMeta,
    light: routingLight,
    covered: ROUTING_COVERED,
  })
  const top = hits[0]?.score ?? 0
  const second = hits[1]?.score ?? 0
  return hits.slice(0, limit).map((h, i) => ({
    ...h,
    confidence: i === 0 && top > 0 && second / top < 0.6 ? 'high' : h.score >= top * 0.6 ? 'medium' : 'low',
  }))
}
