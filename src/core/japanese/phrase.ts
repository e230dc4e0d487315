import { fold } from './fold.ts'
import { lexiconEntries } from './lexicon.ts'
import { variantOf } from './synonyms.ts'
import type { KToken, Tokenizer } from './tokenizer.ts'

/**
 * Everyday phrases found after morphological analysis (lexicon.ts). A text and a phrase alike
 * become a stream of lemmas, one item per word:
 * - a run of nouns is one item, met by its whole key or its head (運転免許 by 免許);
 * - a verb or adjective is its dictionary form (出られない → 出る, 見えにくい → 見える), with the
 *   verb's other forms (読める ↔ 読む, 見守る ↔ 見守り);
 * - negation and difficulty are one mark on the word before: a verb followed by ない/ぬ/ん or by
 *   にくい/づらい/がたい (出られない, 出にくい, 出られず, 出られません), and a word followed by
 *   ない, 難しい, 困難, 無理, 足りない or a negated light verb (居場所がない, 外出が難しい,
 *   外出できない, 外出しない);
 * - light verbs (する, できる, なる, いる, ある …) and particles, auxiliaries, adverbs are left out.
 * A phrase is found where its items occur in order in one sentence, each within MAX_GAP items of
 * the one before (nouns written together in the phrase must be together in the text), with the
 * same negation mark.
 */

export type StreamItem = {
  /** keys this item can be met by (first = its own key) */
  keys: string[]
  kind: 'noun' | 'verb' | 'adjective'
  neg: boolean
  /** character offsets in the analysed text */
  start: number
  end: number
  sent: number
}
type Slot = { keys: string[]; neg: boolean; tight: boolean }
export type Phrase = { text: string; slots: Slot[]; terms: string[] }
export type PhraseMatch = { phrase: Phrase; start: number; end: number }

/** Items a phrase's next item may skip in a text. */
export const MAX_GAP = 2
/** Words that negate the word before them (〜がない, 〜が難しい, 〜困難). */
const NEG_WORD_LIST = [
  'ない',
  '無い',
  '難しい',
  'むずかしい',
  '困難',
  '無理',
  '不可能',
  '不可',
  'ダメ',
  'だめ',
  // a burden is a difficulty too: 払うのが大変 = 払えない, 子育てがつらい = 子育てが大変
  '大変',
  'つらい',
  '辛い',
  'きつい',
  '苦しい',
  '厳しい',
]
let negWords: Set<string> | null = null
function isNegWord(k: string): boolean {
  if (!negWords) negWords = new Set(NEG_WORD_LIST.map(key))
  return negWords.has(k)
}
/** Verbs that carry no meaning of their own; negated, they negate the word before. */
const LIGHT = new Set([
  'する',
  'できる',
  '出来る',
  'なる',
  'いる',
  'ある',
  'おる',
  'れる',
  'られる',
  'せる',
  'させる',
  'しまう',
  'いく',
  'くる',
  'みる',
  'おく',
  'もらう',
  'くれる',
  'あげる',
  'いただく',
  '行う',
  'やる',
])
/** Auxiliaries of negation (dictionary forms: ない, ず → ぬ, ません → ん). */
const NEG_AUX = new Set(['ない', 'ぬ', 'ん'])
const DIFFICULT = new Set(['にくい', 'づらい', 'がたい', '難い', '辛い'])

const key = (s: string) => variantOf(fold(s))
export const I_ROW: Record<string, string> = {
  う: 'い',
  く: 'き',
  ぐ: 'ぎ',
  す: 'し',
  つ: 'ち',
  ぬ: 'に',
  ぶ: 'び',
  む: 'み',
  る: 'り',
}
export const U_ROW: Record<string, string> = {
  え: 'う',
  け: 'く',
  げ: 'ぐ',
  せ: 'す',
  て: 'つ',
  ね: 'ぬ',
  べ: 'ぶ',
  め: 'む',
  れ: 'る',
}

/** A verb's other forms: its 連用形 noun, and for a potential verb the plain verb (読める → 読む). */
function verbKeys(basic: string, type = ''): string[] {
  const out = [key(basic)]
  const last = basic.slice(-1)
  if (type.startsWith('五段') && I_ROW[last]) out.push(key(basic.slice(0, -1) + I_ROW[last]))
  else if (type.startsWith('一段') && last === 'る' && basic.length >= 3) {
    const e = basic.slice(-2, -1)
    if (U_ROW[e]) {
      const stem = basic.slice(0, -2)
      out.push(key(stem + U_ROW[e]), key(stem + I_ROW[U_ROW[e]]))
    }
  }
  return [...new Set(out)]
}

/** Reading keys live apart from word keys (as in analysis.ts). */
const READING_KEY = '\u0001'
/**
 * The reading key of a run of nouns written partly in kana (仲間はずれ = 仲間外れ, 手すり = 手摺り):
 * spellings of one word differ in where they use kana, so a run with kana is also met by its
 * reading. Runs all in kanji get none (公園 must not meet 講演), nor short readings.
 */
function runReading(run: KToken[]): string | null {
  const surface = run.map((t) => t.surface_form).join('')
  if (!/[\u3041-\u30ff]/.test(surface)) return null
  const rs = run.map((t) => (t.reading && t.reading !== '*' ? t.reading : null))
  if (rs.some((r) => !r)) return null
  const r = fold(rs.join(''))
  return r.length >= 4 ? READING_KEY + r : null
}

const isNoun = (t: KToken) =>
  (t.pos === '名詞' && t.pos_detail_1 !== '非自立' && t.pos_detail_1 !== '代名詞') || t.pos === '接頭詞'
const SENTENCE_END = /^[。．！？!?\n]+$/

/** Honorific suffixes on a noun (獣医さん, 八百屋さん, お客様, 猫ちゃん). */
const HONORIFICS = new Set(['さん', 'さま', '様', 'ちゃん', 'くん', '君'])
/**
 * A run of nouns without its trailing honorific: 獣医さん is the word 獣医, 八百屋さん is 八百屋
 * (the suffix says how the speaker addresses, not what is meant). Kept where the rest is too
 * short to be a word of its own (ワンちゃん is not ワン).
 */
export function withoutHonorific<T extends KToken>(run: T[]): T[] {
  const last = run[run.length - 1]
  if (
    run.length < 2 ||
    last.pos !== '名詞' ||
    last.pos_detail_1 !== '接尾' ||
    !HONORIFICS.has(last.surface_form)
  )
    return run
  const rest = run.slice(0, -1)
  const surface = rest.map((t) => t.surface_form).join('')
  const content = rest.some((t) => t.pos === '名詞' && t.pos_detail_1 !== '接尾' && t.pos_detail_1 !== '数')
  return content && (/\p{Script=Han}/u.test(surface) || surface.length >= 3) ? rest : run
}

/** The lemma stream of a text (tokens from the analyser). */
export function lemmaStream(toks: KToken[]): StreamItem[] {
  type Raw = StreamItem & { light: boolean; negWord: boolean }
  const raw: Raw[] = []
  let sent = 0
  let pos = 0
  const posOf = (t: KToken) => (t.word_position ? t.word_position - 1 : pos)
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]
    const at = posOf(t)
    pos = at + t.surface_form.length
    if (t.pos === '記号' && SENTENCE_END.test(t.surface_form)) {
      sent++
      continue
    }
    if (isNoun(t)) {
      // a run of nouns (with prefixes, suffixes, numbers): one item
      let j = i
      while (j + 1 < toks.length && isNoun(toks[j + 1])) j++
      const run = withoutHonorific(toks.slice(i, j + 1))
      // the whole run, and its head (the last noun, the last two): 運転免許 is met by 免許, but
      // ひとり暮らし is not met by ひとり
      const keys = [key(run.map((x) => x.surface_form).join(''))]
      const rk = runReading(run)
      const n = run.length
      if (n > 1) keys.push(key(run[n - 1].surface_form))
      if (n > 2) keys.push(key(run[n - 2].surface_form + run[n - 1].surface_form))
      // and, in a run of three or more, the run without its last noun: 転倒防止器具 is met by
      // 転倒防止 (a thing named by its purpose and a generic noun: 器具, 講座, 活動)
      if (n > 2)
        keys.push(
          key(
            run
              .slice(0, -1)
              .map((x) => x.surface_form)
              .join(''),
          ),
        )
      const last = run[run.length - 1]
      const end = posOf(last) + last.surface_form.length
      if (rk) keys.push(rk)
      raw.push({
        keys: [...new Set(keys)],
        kind: 'noun',
        neg: false,
        start: at,
        end,
        sent,
        light: false,
        negWord: isNegWord(keys[0]),
      })
      pos = end
      i = j
      continue
    }
    if ((t.pos === '動詞' || t.pos === '形容詞') && t.pos_detail_1 !== '接尾') {
      // にくい, づらい after a verb are read with the verb (below)
      if (t.pos === '形容詞' && t.pos_detail_1 === '非自立') continue
      const basic = t.basic_form && t.basic_form !== '*' ? t.basic_form : t.surface_form
      // negation or difficulty in the tail (られ-ない, にくい, ませ-ん, ず)
      let neg = false
      let end = at + t.surface_form.length
      for (let j = i + 1; j < toks.length; j++) {
        const n = toks[j]
        const nb = n.basic_form && n.basic_form !== '*' ? n.basic_form : n.surface_form
        const tail =
          n.pos === '助動詞' ||
          (n.pos === '動詞' && n.pos_detail_1 === '接尾') ||
          (n.pos === '形容詞' && n.pos_detail_1 === '非自立')
        if (!tail) break
        if ((n.pos === '助動詞' && NEG_AUX.has(nb)) || DIFFICULT.has(nb)) {
          // 〜ないために / 〜ないように is avoidance: its topic is the thing itself
          // (下敷きにならないために is about 下敷き, 閉じこもらないように about 閉じこもり)
          const after = toks[j + 1]?.basic_form
          neg = !(NEG_AUX.has(nb) && (after === 'ため' || after === 'よう'))
          end = posOf(n) + n.surface_form.length
          break
        }
      }
      const k0 = key(basic)
      const verb = t.pos === '動詞'
      raw.push({
        keys: verb ? verbKeys(basic, t.conjugated_type) : [k0],
        kind: verb ? 'verb' : 'adjective',
        neg,
        start: at,
        end,
        sent,
        light: verb && LIGHT.has(basic),
        negWord: !neg && isNegWord(k0),
      })
    }
  }
  // fold the marks: 〜がない / 〜が難しい / 〜できない negate the word before; light verbs go
  const out: StreamItem[] = []
  for (const it of raw) {
    const prev = out[out.length - 1]
    if (it.negWord || (it.light && it.neg)) {
      if (prev && prev.sent === it.sent) {
        prev.neg = true
        prev.end = it.end
      }
      continue
    }
    if (it.light) continue
    out.push({ keys: it.keys, kind: it.kind, neg: it.neg, start: it.start, end: it.end, sent: it.sent })
  }
  return out
}

const it0Noun = (items: StreamItem[]) => items[0].kind === 'noun'

let compiled: { byFirst: Map<string, Phrase[]>; count: number } | null = null

/**
 * Compile the lexicon's phrases with the analyser (once per process). `termKey` reads an
 * administrative term the way documents are read (子ども食堂 → 子供食堂).
 */
export function compilePhrases(tok: Tokenizer, termKey: (w: string) => string): Map<string, Phrase[]> {
  if (compiled) return compiled.byFirst
  const byFirst = new Map<string, Phrase[]>()
  let count = 0
  for (const e of lexiconEntries()) {
    const terms = [...new Set(e.terms.map(termKey).filter(Boolean))]
    // an administrative term of several words (犬の登録, 行政手続のデジタル化, 読み聞かせ) is also
    // read as a phrase: a text that says it in its own conjugation or word order gets the line's
    // terms, so that a query's synonym meets a duty text that spells the term out
    // (and one the analyser reads as another word: ひとり親家庭 is ひとり + 親家庭 in a text)
    const adminPhrases = e.terms.filter((t) => {
      const items = lemmaStream(tok.tokenize(t.normalize('NFKC')))
      return items.length > 1 || (items.length === 1 && items[0].keys[0] !== termKey(t))
    })
    for (const text of [...e.phrases, ...adminPhrases]) {
      const items = lemmaStream(tok.tokenize(text.normalize('NFKC')))
      if (!items.length) continue
      // a verb is met in any of its forms; a run of nouns by its whole key
      const slots: Slot[] = items.map((it, i) => ({
        keys: it.kind === 'verb' ? it.keys : it.keys.filter((k, j) => j === 0 || k.startsWith(READING_KEY)),
        neg: it.neg,
        tight: i > 0 && items[i - 1].end === it.start,
      }))
      // a one-word term is also met as the analyser keys it (子ども食堂, こども食堂, 子供食堂 alike)
      if (slots.length === 1 && it0Noun(items) && adminPhrases.includes(text))
        slots[0].keys = [...new Set([...slots[0].keys, termKey(text)])]
      const p: Phrase = { text, slots, terms }
      for (const k of slots[0].keys) {
        const list = byFirst.get(k)
        if (list) list.push(p)
        else byFirst.set(k, [p])
      }
      count++
    }
  }
  compiled = { byFirst, count }
  return byFirst
}

/** Number of compiled phrases (0 before compilePhrases). */
export function phraseCount(): number {
  return compiled?.count ?? 0
}

/** The lexicon's phrases found in a stream (each phrase once, at its first place). */
export function findPhrases(stream: StreamItem[], byFirst: Map<string, Phrase[]>): PhraseMatch[] {
  const out: PhraseMatch[] = []
  const seen = new Set<Phrase>()
  for (let i = 0; i < stream.length; i++) {
    const it = stream[i]
    for (const k of it.keys) {
      const ps = byFirst.get(k)
      if (!ps) continue
      for (const p of ps) {
        if (seen.has(p) || p.slots[0].neg !== it.neg) continue
        let at = i
        let ok = true
        for (let s = 1; s < p.slots.length && ok; s++) {
          const slot = p.slots[s]
          ok = false
          const maxGap = slot.tight ? 0 : MAX_GAP
          for (let j = at + 1; j <= at + 1 + maxGap && j < stream.length; j++) {
            const x = stream[j]
            if (x.sent !== it.sent) break
            if (x.neg === slot.neg && slot.keys.some((sk) => x.keys.includes(sk))) {
              at = j
              ok = true
              break
            }
          }
        }
        if (!ok) continue
        seen.add(p)
        out.push({ phrase: p, start: it.start, end: stream[at].end })
      }
    }
  }
  return out
}
