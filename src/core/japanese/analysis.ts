import { charBigrams, compact, fold, hiraToKata, isKana } from './fold.ts'
import { compilePhrases, findPhrases, I_ROW, lemmaStream, U_ROW, withoutHonorific } from './phrase.ts'
import { loadSynonyms, synonymsOfKey, variantOf } from './synonyms.ts'
import { type KToken, loadedTokenizer, loadTokenizer } from './tokenizer.ts'

/**
 * The one text analysis of Kyodo: directory search, needs/offers search, matching and department
 * routing all turn text into the same terms here, so a word is understood the same way everywhere.
 *
 * A text becomes weighted terms, each a folded key (see fold.ts: NFKC, lower case, hiragana →
 * katakana, long-vowel marks, ヶ/ケ/が, 々) mapped to its representative spelling (子ども,
 * こども → 子供; synonyms.ts):
 * - exact: the words of the text from the morphological analyser (kuromoji/IPADIC), runs of nouns
 *   joined back into compounds (地域包括支援センター), verbs and adjectives by dictionary form;
 * - part: the pieces of a compound (地域, 包括, 支援, センター, 地域包括 …), below the whole;
 * - reading: the katakana reading of each word and compound (見守り → ミマモリ), so a query in
 *   hiragana finds kanji (みまもり → 見守り, ぼうさい → 防災);
 * - synonym (queries only): Sudachi's synonym dictionary and the municipal curated list
 *   (お年寄り → 高齢者), below exact matches;
 * - lexicon (queries and documents, kind synonym): everyday phrases read by their lemmas
 *   (lexicon.ts, phrase.ts: 家にこもる, 目が見えにくい → ひきこもり, 視覚障害), below exact matches;
 * - bigram: character bigrams of each word, the fallback for words the dictionary does not know.
 * Particles, auxiliaries, symbols and stop words are dropped.
 */

export type TermKind = 'exact' | 'part' | 'reading' | 'synonym' | 'bigram'
export type Term = {
  /** the folded key (what is compared) */
  term: string
  weight: number
  kind: TermKind
  /** the word of the text this term comes from, as written (NFKC) */
  from?: string
  /** how often the text says it (documents: term frequency) */
  count?: number
  /** an expansion of one word: says no more than that word (its IDF caps this term's) */
  cap?: string
  /**
   * (queries) the word is inside an everyday phrase of several words that the lexicon read
   * (「エステの高い契約」: 契約 is a consumer's contract there, said by the phrase's terms)
   */
  covered?: boolean
  /** (queries) reached one step from an everyday phrase (LEXICON_HOP) */
  hop?: boolean
}
export type Analysis = { terms: Term[]; degraded?: boolean }
export type AnalyzeMode = 'document' | 'query'

/** Weights by kind, for documents and for queries. */
export const WEIGHTS: Record<AnalyzeMode, Record<TermKind, number>> = {
  document: { exact: 1, part: 0.7, reading: 0.8, synonym: 0, bigram: 0.3 },
  query: { exact: 1, part: 0.6, reading: 0.5, synonym: 0.5, bigram: 0.15 },
}
/** A reading typed in kana in a query means that word: weigh it like an exact word. */
const KANA_QUERY_READING = 0.95
/** Synonyms from the curated municipal list are trusted a little more than Sudachi's. */
const CURATED_SYNONYM = 0.6
const MAX_SYNONYMS_PER_WORD = 12
/**
 * Administrative terms of an everyday phrase found in a query / a document (lexicon.ts): a phrase
 * of one word weighs like a curated synonym; a phrase of several words (家にこもる, 免許を返す)
 * says more than any of its words and weighs more, still below an exact word.
 */
export const LEXICON_QUERY = 0.55
export const LEXICON_DOCUMENT = 0.5
export const LEXICON_PHRASE_QUERY = 0.8
export const LEXICON_PHRASE_DOCUMENT = 0.5
/** Curated synonyms of a phrase's head term, relative to the phrase's own terms (queries). */
const LEXICON_HOP = 0.6
/** Weight of single-character words' synonyms and of single kanji inside compounds. */
const SINGLE = 0.5
/**
 * Readings live in their own key space (a reading ジム of 事務 must not meet the word ジム):
 * READING + katakana. Only readings meet readings; a kana query adds both.
 */
export const READING = '\u0001'
/** The key of a reading. */
export function readingKey(reading: string): string {
  return READING + fold(reading)
}
/** Weight of verbs and adjectives relative to nouns. */
const VERB = 0.6
/** Weight of a verb's other forms (its noun, the verb of a potential form) relative to it. */
const VERB_FORM = 0.8
/** Legal forms that open (or close) a group's name (longer forms first: 認定NPO法人 before NPO法人). */
const LEGAL_FORMS = [
  '認定特定非営利活動法人',
  '特定非営利活動法人',
  '認定NPO法人',
  'NPO法人',
  '一般社団法人',
  '公益社団法人',
  '一般財団法人',
  '公益財団法人',
  '社会福祉法人',
  '株式会社',
  '有限会社',
  '合同会社',
  '任意団体',
]
const LEGAL_FORM = new RegExp(`(${LEGAL_FORMS.join('|')})`, 'gi')
/**
 * Spellings mixing kanji and kana (交ぜ書き) that the dictionary does not know and cuts into
 * nonsense (障がい者 → the verb 障る + が + い + 者): written in kanji before the analyser reads
 * them. 障がい and 障碍 are how many cities write 障害.
 */
const MIXED_SPELLINGS: [RegExp, string][] = [[/障がい|障碍|障礙/g, '障害']]
const unmixed = (s: string) => MIXED_SPELLINGS.reduce((t, [re, to]) => t.replace(re, to), s)
/** Queries up to this many characters get character bigrams for every word (pieces of names). */
const SHORT_QUERY = 15
const CACHE_MAX = 50_000
const cache = new Map<string, Analysis>()

/** Words that say nothing about what a text is about (folded on load). */
const STOP_LIST = [
  'こと',
  'もの',
  'ため',
  'よう',
  'これ',
  'それ',
  'あれ',
  'ここ',
  'そこ',
  'ほか',
  '他',
  '等',
  'など',
  'なか',
  '中',
  '方',
  '者',
  '的',
  '化',
  '性',
  '時',
  '上',
  '下',
  '内',
  '年',
  '月',
  '日',
  '回',
  '度',
  '名',
  '人',
  '数',
  '的な',
  '市',
  '市内',
  '事業',
  '実施',
  '行う',
  'する',
  'ある',
  'いる',
  'なる',
  'できる',
  'れる',
  'られる',
  'せる',
  'いう',
  '思う',
  '考える',
  '必要',
  '取り組み',
  '取組',
  '取組み',
  '推進',
  '目指す',
  '図る',
  '進める',
  '様々',
  'さまざま',
  '多く',
  '多い',
  '新た',
  '充実',
  '向上',
  '促進',
  '実現',
  '提供',
  '連携',
  '協力',
  '参加',
  '開催',
  '運営',
  '対象',
  '内容',
  '目的',
  '予定',
  '今後',
  '現在',
  '当課',
  '本市',
  '市役所',
  '担当',
  '希望',
  '可能',
  '場合',
  '以上',
  '以下',
  '程度',
  '全体',
  'みんな',
  '皆',
  '一緒',
  'それぞれ',
  '各',
  '毎年',
  '年間',
  '年度',
  'いく',
  'くる',
  'みる',
  'おく',
  'しまう',
  '持つ',
  '作る',
  'つくる',
  'づくり',
  '作り',
  'くらし',
  '暮らす',
  '状態',
  '使う',
  '出る',
  '入る',
  'もらう',
  'くれる',
  'あげる',
  'いただく',
  'ござる',
  'おる',
  'ない',
  'いい',
  'よい',
  '良い',
  'ほしい',
  '欲しい',
  'たい',
  'ください',
  '下さい',
  'お願い',
  'すみません',
  'どこ',
  'だれ',
  '誰',
  'なに',
  '何',
  'いつ',
  'どう',
  'どの',
  'どちら',
  '聞く',
  '教える',
  '知る',
  '分かる',
  'わかる',
  '問い合わせ',
  '問合せ',
  '部署',
  '課',
  '係',
  '窓口',
  '相談先',
  'について',
  '関する',
  '関係',
  '主',
  'ところ',
  'とき',
  'ほう',
  'そう',
  'こう',
  'ん',
  'の',
  'さん',
  '様',
  'たち',
  '達',
  '等々',
  '自分',
  '私',
  'わたし',
  '僕',
  'うち',
  '家族',
  '最近',
  '先日',
  '今',
  '今日',
  '来月',
  '先月',
  '前',
  '後',
  '後で',
  '以前',
  '法人',
  // in a city's directory of groups every profile is a 団体 doing 活動: these say nothing
  '団体',
  '活動',
  '取り組む',
  '特定非営利活動法人',
  '一般社団法人',
  '任意団体',
  'npo法人',
]
let STOP: Set<string> | null = null
function stopWords(): Set<string> {
  if (!STOP) STOP = new Set([...STOP_LIST, ...LEGAL_FORMS].map((w) => variantOf(fold(w))))
  return STOP
}

/** The key of a word or phrase as the analyser reads it (子ども食堂 → 子供食堂). */
export function wordKey(word: string): string {
  const tok = loadedTokenizer()
  if (!tok) return termKey(word)
  const toks = tok.tokenize(word.normalize('NFKC'))
  if (toks.length > 1 && toks.every((t) => t.pos === '名詞' || t.pos === '接頭詞'))
    return variantOf(toks.map((t) => termKey(t.surface_form)).join(''))
  return termKey(word)
}

/** Is this folded key a stop word? */
export function isStopWord(key: string): boolean {
  return stopWords().has(key)
}

let readyPromise: Promise<void> | null = null
/** Load the analyser and the dictionaries once per process (about a second). */
export function ready(): Promise<void> {
  if (!readyPromise) {
    readyPromise = loadTokenizer().then((tok) => {
      loadSynonyms(wordKey)
      stopWords()
      compilePhrases(tok, wordKey)
    })
  }
  return readyPromise
}

/** True once `ready()` has finished: the sync functions give the full analysis. */
export function isReady(): boolean {
  return loadedTokenizer() !== null && STOP !== null
}

/** The comparison key of one word: folded, then its representative spelling. */
export function termKey(word: string): string {
  return variantOf(fold(word))
}

const isContentNoun = (t: KToken) =>
  t.pos === '名詞' && !['非自立', '代名詞', '数', '特殊', '接尾'].includes(t.pos_detail_1)
const isSuffix = (t: KToken) => t.pos === '名詞' && t.pos_detail_1 === '接尾'
const isPrefix = (t: KToken) => t.pos === '接頭詞'
const readingOfToken = (t: KToken) =>
  t.reading && t.reading !== '*' ? t.reading : isKana(t.surface_form) ? hiraToKata(t.surface_form) : null

type Piece = { surface: string; key: string; reading: string | null; display?: string }
/** unknown: the dictionary does not know (a part of) it */
type Word = Piece & { parts: Piece[]; unknown?: boolean; verb?: boolean; weak?: boolean; alts?: string[] }

/**
 * Other forms of one verb, so that a verb meets the noun made of it and its potential form: the
 * 連用形 used as a noun (遊ぶ ↔ 遊び, 学ぶ ↔ 学び, 支え合う ↔ 支え合い, 考える ↔ 考え) and, for an
 * ichidan verb that is a godan verb's potential, that verb and its noun (遊べる → 遊ぶ, 遊び).
 * Verbs written in kana only (やる, みる) say too little and get none.
 */
export function verbForms(basic: string, conjugatedType = ''): string[] {
  if (!/\p{Script=Han}/u.test(basic) || basic.length < 2) return []
  const out: string[] = []
  const last = basic.slice(-1)
  if (conjugatedType.startsWith('五段') && I_ROW[last]) out.push(basic.slice(0, -1) + I_ROW[last])
  else if (conjugatedType.startsWith('一段') && last === 'る') {
    const stem = basic.slice(0, -1)
    if (stem.length >= 2) out.push(stem)
    const e = stem.slice(-1)
    if (U_ROW[e] && stem.length >= 2) {
      const godan = stem.slice(0, -1) + U_ROW[e]
      out.push(godan, stem.slice(0, -1) + I_ROW[U_ROW[e]])
    }
  }
  return out.filter((f) => f !== basic && f.length >= 2)
}

/** The key of a run of tokens: the keys of its tokens joined (子ども+食堂 → 子供食堂). */
const runKey = (run: KToken[]) => variantOf(run.map((t) => termKey(t.surface_form)).join(''))

/** Words of a text: compounds with their parts, verbs/adjectives by dictionary form. */
function words(toks: KToken[]): Word[] {
  const out: Word[] = []
  let run: KToken[] = []
  const flush = () => {
    run = withoutHonorific(run)
    if (run.some(isContentNoun)) {
      // drop a leading prefix from parts (お年寄り keeps 年寄り as a part) and keep the whole
      const surface = run.map((t) => t.surface_form).join('')
      const rs = run.map(readingOfToken)
      const reading = rs.every((r) => r) ? rs.join('') : null
      const parts: Word['parts'] = []
      if (run.length > 1) {
        for (let i = 0; i < run.length; i++) {
          if (isPrefix(run[i])) continue
          parts.push({ surface: run[i].surface_form, key: termKey(run[i].surface_form), reading: rs[i] })
        }
        // contiguous spans (地域包括, 包括支援, 支援センター …)
        const n = run.length
        const maxSpan = n <= 5 ? n - 1 : 2
        for (let len = 2; len <= maxSpan; len++)
          for (let i = 0; i + len <= n; i++) {
            const span = run.slice(i, i + len)
            if (isPrefix(span[0]) || !span.some(isContentNoun)) continue
            const sr = rs.slice(i, i + len)
            parts.push({
              surface: span.map((t) => t.surface_form).join(''),
              key: runKey(span),
              reading: sr.every((r) => r) ? sr.join('') : null,
            })
          }
      }
      out.push({
        surface,
        key: runKey(run),
        reading,
        parts,
        unknown: run.some((t) => t.word_type === 'UNKNOWN'),
      })
    }
    run = []
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]
    if (isContentNoun(t) || (isSuffix(t) && run.length > 0) || isPrefix(t)) {
      run.push(t)
      continue
    }
    flush()
    if ((t.pos === '動詞' || t.pos === '形容詞') && t.pos_detail_1 === '自立') {
      const basic = t.basic_form && t.basic_form !== '*' ? t.basic_form : t.surface_form
      const reading = readingOfToken(t)
      out.push({
        surface: basic,
        key: termKey(basic),
        reading: null,
        parts: [],
        verb: true,
        alts: isStopWord(termKey(basic)) ? [] : verbForms(basic, t.conjugated_type).map(termKey),
      })
      // a 連用形 used as a noun (見守り, 助け合い) is a word of its own
      const next = toks[i + 1]
      // (a 連用形 ends in the i- or e-row: 見守り, 助け; 使わ of 使わない is not one)
      const renyo = /[いきぎしじちぢにひびぴみりえけげせぜてでねへべぺめれ]$/.test(t.surface_form)
      const usedAsNoun =
        renyo &&
        (!next ||
          (next.pos !== '助動詞' &&
            !(next.pos === '助詞' && next.pos_detail_1 === '接続助詞') &&
            !(next.pos === '動詞' && next.pos_detail_1 === '接尾')))
      if (usedAsNoun && t.surface_form !== basic && t.surface_form.length >= 2) {
        // one word, shown once as written: 見守る and 見守り both come from 見守り
        out[out.length - 1].display = t.surface_form
        // (the noun is a word of its own: not also one of the verb's other forms, counted twice)
        const nounKey = termKey(t.surface_form)
        out[out.length - 1].alts = out[out.length - 1].alts?.filter((a) => a !== nounKey)
        // an ichidan verb's 連用形 is its bare stem (食べ of 食べ、, 寄せ, 見せ): seldom a noun of its
        // own (助け, 支え are, and weigh a little less for it), it weighs like the verb, not like a
        // noun (食べ of a need must not make 食べきり運動 in a group's name outrank its topic)
        const weak = t.conjugated_type?.startsWith('一段') ?? false
        out.push({ surface: t.surface_form, key: termKey(t.surface_form), reading, parts: [], weak })
      }
    }
  }
  flush()
  return out
}

/** Fallback before the dictionary is loaded: Intl.Segmenter words (no readings, no compounds). */
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' })
function segmenterWords(text: string): Word[] {
  const out: Word[] = []
  for (const s of segmenter.segment(text))
    if (s.isWordLike) out.push({ surface: s.segment, key: termKey(s.segment), reading: null, parts: [] })
  return out
}

const keepable = (key: string) =>
  key.length > 0 && !/^[\d.,\s]+$/.test(key) && !/^[^\p{L}\p{N}]+$/u.test(key) && !isStopWord(key)

/** Analyse a text synchronously. Before `ready()` has finished the result is `degraded`. */
export function analyzeSync(text: string, mode: AnalyzeMode = 'document'): Analysis {
  const src = (text ?? '').normalize('NFKC')
  if (!src.trim()) return { terms: [] }
  const tok = loadedTokenizer()
  if (STOP === null || (tok && !isReady())) {
    loadSynonyms()
    stopWords()
  }
  const cacheKey = `${mode}\u0000${src}`
  const hit = cache.get(cacheKey)
  if (hit && tok) return hit
  // a legal form (特定非営利活動法人, NPO法人 …) is not part of the name that follows it
  const cut = unmixed(src).replace(LEGAL_FORM, ' $1 ')
  const toks = tok ? tok.tokenize(cut) : null
  const ws = toks ? words(toks) : segmenterWords(cut)
  // queries: bigrams only for words the dictionary does not know, unless the query is short
  // (a piece of a name); documents: always, so that any piece of their text can be found
  const shortQuery = compact(src).length <= SHORT_QUERY
  const W = WEIGHTS[mode]
  const best = new Map<string, Term>()
  const add = (term: string, weight: number, kind: TermKind, from: string, cap?: string) => {
    if (!keepable(term)) return
    const prev = best.get(term)
    if (!prev) best.set(term, { term, weight, kind, from, count: 1, ...(cap ? { cap } : {}) })
    else {
      prev.count = (prev.count ?? 1) + 1
      if (prev.weight < weight) Object.assign(prev, { weight, kind, from })
    }
  }
  const own: { key: string; weight: number; from: string; kanaVerb?: boolean }[] = []
  for (const w of ws) {
    const key = w.key
    if (!keepable(key)) continue
    // single characters only as whole words of their own (猫, 緑), never as parts
    if (key.length === 1 && !/[\u4e00-\u9fff]/.test(key)) continue
    const shown = w.display ?? w.surface
    // verbs and adjectives say less about what a text is about than its nouns
    const ew = w.verb || w.weak ? W.exact * VERB : W.exact
    add(key, ew, 'exact', shown)
    // a verb written in kana only stands for several kanji spellings (なくなる: 無くなる, 亡くなる)
    own.push({ key, weight: ew, from: shown, kanaVerb: w.verb && /^[\u3041-\u309f]+$/.test(w.surface) })
    // readings: of every word in documents; in queries only of words with kana in them (a query
    // in kanji means its kanji: 公園 should not find 講演)
    // (kana left in the key after variants, typed in hiragana: ジム typed in katakana is a word)
    const withKana = /[\u30a1-\u30fa]/.test(key) && /[\u3041-\u3096]/.test(w.surface)
    if (w.reading && (mode === 'document' || withKana))
      add(readingKey(w.reading), W.reading, 'reading', shown)
    for (const p of w.parts) {
      const pk = p.key
      if (!keepable(pk)) continue
      if (pk.length === 1) {
        // a single kanji of a compound (猫 in 猫対策) matters, but little and never as a synonym
        if (/\p{Script=Han}/u.test(pk)) add(pk, W.part * SINGLE, 'part', w.surface)
        continue
      }
      add(pk, W.part, 'part', w.surface)
      own.push({ key: pk, weight: W.part, from: p.surface })
      if (p.reading && mode === 'document')
        add(readingKey(p.reading), W.reading * W.part, 'reading', w.surface)
      else if (p.reading && withKana) add(readingKey(p.reading), W.reading * W.part, 'reading', p.surface)
    }
    // other forms of a verb (遊べる → 遊ぶ, 遊び), a little below the form written
    // (one occurrence: a form the text already has is not counted again)
    for (const a of w.alts ?? [])
      if (keepable(a) && a !== key && !best.has(a)) add(a, ew * VERB_FORM, 'part', shown)
    // bigrams of the word's key (子ども食堂 and こども食堂 alike); documents also of the spelling
    if (mode === 'document' || shortQuery || w.unknown || !tok)
      for (const b of charBigrams(key)) if (b.length === 2) add(b, W.bigram, 'bigram', shown)
    if (mode === 'document' && key !== fold(w.surface))
      for (const b of charBigrams(w.surface)) if (b.length === 2) add(b, W.bigram, 'bigram', shown)
  }
  // everyday phrases (lexicon.ts) by their lemmas: their administrative terms, below the text's
  // own words; a phrase of one plain word says no more than that word (its IDF caps them)
  if (toks && isReady()) {
    const q = mode === 'query'
    const spans: string[] = []
    for (const m of findPhrases(lemmaStream(toks), compilePhrases(tok!, wordKey))) {
      const from = cut.slice(m.start, m.end)
      if (q && m.phrase.slots.length > 1) spans.push(from)
      const one =
        m.phrase.slots.length === 1 && !m.phrase.slots[0].neg ? m.phrase.slots[0].keys[0] : undefined
      const single = q ? LEXICON_QUERY : LEXICON_DOCUMENT
      const lw = one ? single : q ? LEXICON_PHRASE_QUERY : LEXICON_PHRASE_DOCUMENT
      for (const t of m.phrase.terms) {
        const prev = best.get(t)
        if (!prev) add(t, lw, 'synonym', from, one)
        else if (prev.kind === 'synonym' && prev.weight < lw)
          Object.assign(prev, { weight: lw, from, cap: one })
      }
      // (queries) one step further: the curated synonyms of the phrase's head term, below it
      // (cities word one duty differently: 騒音 is 公害 in one 事務分掌, NPO 非営利活動 in another)
      if (q && LEXICON_HOP > 0)
        for (const s of synonymsOfKey(m.phrase.terms[0]))
          if (s.curated && !best.has(s.term)) {
            add(s.term, lw * LEXICON_HOP, 'synonym', from, one)
            const t = best.get(s.term)
            if (t) t.hop = true
          }
    }
    if (spans.length)
      for (const t of best.values())
        if (t.kind !== 'synonym' && t.from && spans.some((s) => s !== t.from && s.includes(t.from as string)))
          t.covered = true
  }
  if (mode === 'query') {
    // a run of kana typed in a query is a reading (ぼうさい → ボウサイ = 防災)
    // (only runs that stand as words: not an okurigana or particle tail after kanji)
    for (const m of src.matchAll(/[\u3041-\u309f\u30a0-\u30ffー]{2,}/g)) {
      // a word of its own: not after a letter (okurigana, particles) nor before kanji (こども食堂)
      const before = m.index > 0 ? src[m.index - 1] : ' '
      const after = src[m.index + m[0].length] ?? ' '
      if (/[\p{L}\p{N}]/u.test(before) || /\p{Script=Han}/u.test(after)) continue
      const run = m[0]
      const r = fold(run)
      // (hiragana only: a word typed in katakana is a loanword, ジム is not 事務)
      if (/[\u3041-\u309f]/.test(run)) add(READING + r, KANA_QUERY_READING, 'reading', run)
      // and the word itself written in kana (かふぇ = カフェ, こども = 子供)
      add(variantOf(r), KANA_QUERY_READING, 'exact', run)
    }
    // synonyms of the text's own words, below the words themselves
    for (const o of own) {
      let n = 0
      for (const s of synonymsOfKey(o.key)) {
        // a single-character word (家, 店, 道) has too many senses for a thesaurus: curated only
        if (o.key.length === 1 && !s.curated) continue
        // …and a verb in kana meets the thesaurus's words of one of them only if curated
        if (o.kanaVerb && !s.curated) continue
        if (n++ >= MAX_SYNONYMS_PER_WORD) break
        // a single-character word (家, 店) is ambiguous: its synonyms weigh half
        const w = (s.curated ? CURATED_SYNONYM : W.synonym) * o.weight * (o.key.length === 1 ? SINGLE : 1)
        const prev = best.get(s.term)
        if (!prev) add(s.term, w, 'synonym', o.from)
        // (a word's own synonym outweighs the same term reached one step from a phrase)
        else if (prev.kind === 'synonym' && prev.weight < w && prev.hop)
          Object.assign(prev, { weight: w, from: o.from, hop: undefined, cap: undefined })
      }
    }
  }
  const result: Analysis = { terms: [...best.values()], degraded: tok ? undefined : true }
  if (tok) {
    if (cache.size >= CACHE_MAX) cache.clear()
    cache.set(cacheKey, result)
  }
  return result
}

/** Analyse a text (loads the analyser on first use). */
export async function analyze(text: string, mode: AnalyzeMode = 'document'): Promise<Analysis> {
  await ready()
  return analyzeSync(text, mode)
}

/** The terms of a search query (with readings of kana and synonyms), sync once ready. */
export function queryTermsSync(q: string): Term[] {
  return analyzeSync(q, 'query').terms
}

/** The terms of a search query. */
export async function queryTerms(q: string): Promise<Term[]> {
  await ready()
  return queryTermsSync(q)
}

/** The terms of a document to index. */
export function documentTermsSync(text: string): Term[] {
  return analyzeSync(text, 'document').terms
}

/**
 * What to store in a search column: the folded text itself (for LIKE/trigram on any piece) and
 * the keys of its words, parts and readings, separated by spaces.
 */
export function searchKeysSync(text: string): string {
  const keys = new Set<string>([fold(text)])
  for (const t of documentTermsSync(text))
    if (t.kind !== 'bigram' && t.kind !== 'synonym') keys.add(t.term.replace(READING, ''))
  return [...keys].join(' ')
}

/** What to store in a search column (see searchKeysSync). */
export async function searchKeys(text: string): Promise<string> {
  await ready()
  return searchKeysSync(text)
}
