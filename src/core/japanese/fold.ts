/**
 * Character-level folding shared by the analyser, the search keys and the ranked index.
 * Every rule here is pure and synchronous (no dictionary needed).
 */

const KANJI = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff'
const KATA_OR_HIRA = '\\u3041-\\u3096\\u30a1-\\u30fa'

/** Hiragana → katakana (ぁ-ゖ, ゝゞ). */
export function hiraToKata(s: string): string {
  return s.replace(/[\u3041-\u3096\u309d\u309e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
}

const LONG_VOWEL_AFTER_KANA = new RegExp(`([${KATA_OR_HIRA}ー])[\\-‐‑‒–—―−－〜～ｰ﹣]`, 'g')
const SMALL_KE_BETWEEN_KANJI = new RegExp(`([${KANJI}])[ヶヵケがガ](?=[${KANJI}])`, 'g')
const REPEAT_MARK = new RegExp(`([${KANJI}])々`, 'g')

/**
 * The folded form of a text, used as the comparison key of every term:
 * - NFKC (ＮＰＯ → NPO, ｶﾅ → カナ, ① → 1) and lower case (NPO → npo);
 * - hiragana → katakana (こども → コドモ);
 * - dashes and tildes after kana read as the long-vowel mark (センタ－, センタ― → センター);
 * - ヶ/ヵ/ケ/が between kanji fold to ケ (霞ヶ関 = 霞ケ関 = 霞が関);
 * - the repetition mark 々 is spelled out (人々 → 人人);
 * - white space folded to one space.
 */
export function fold(s: string): string {
  // the same short strings (words, terms) are folded again and again while an index is built
  if (s.length > 24) return foldNow(s)
  let t = folded.get(s)
  if (t === undefined) {
    if (folded.size >= 200_000) folded.clear()
    t = foldNow(s)
    folded.set(s, t)
  }
  return t
}
const folded = new Map<string, string>()

function foldNow(s: string): string {
  let t = s.normalize('NFKC').toLowerCase()
  t = hiraToKata(t)
  t = t.replace(LONG_VOWEL_AFTER_KANA, '$1ー').replace(LONG_VOWEL_AFTER_KANA, '$1ー')
  t = t.replace(SMALL_KE_BETWEEN_KANJI, '$1ケ')
  t = t.replace(REPEAT_MARK, '$1$1')
  return t.replace(/\s+/g, ' ').trim()
}

/** Only kana (and the long-vowel mark, middle dot). */
export function isKana(s: string): boolean {
  return /^[\u3041-\u309f\u30a0-\u30ffー・]+$/.test(s)
}

/** Contains at least one kanji. */
export function hasKanji(s: string): boolean {
  return new RegExp(`[${KANJI}]`).test(s)
}

/** Letters and digits only: the folded text with punctuation and spaces removed. */
export function compact(s: string): string {
  return fold(s).replace(/[^\p{L}\p{N}ー]+/gu, '')
}

/**
 * Character bigrams of the folded text, within runs of letters/digits (punctuation and spaces
 * break runs). A run of one character yields itself.
 */
export function charBigrams(s: string): string[] {
  const out: string[] = []
  for (const run of fold(s).split(/[^\p{L}\p{N}ー]+/u)) {
    if (!run) continue
    if (run.length === 1) {
      out.push(run)
      continue
    }
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2))
  }
  return out
}

/** Levenshtein distance with an upper bound (returns max+1 once it is exceeded). */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let [prev, cur] = rows(b.length + 1)
  for (let j = 0; j <= b.length; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    let rowMin = cur[0]
    for (let j = 1; j <= b.length; j++) {
      const c = a[i - 1] === b[j - 1] ? 0 : 1
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + c)
      if (cur[j] < rowMin) rowMin = cur[j]
    }
    if (rowMin > max) return max + 1
    ;[prev, cur] = [cur, prev]
  }
  return prev[b.length]
}

/**
 * The smallest edit distance between `q` and any substring of `s` (q found inside s with up to
 * that many characters wrong, missing or extra); above `max` it answers max + 1.
 */
export function substringDistance(q: string, s: string, max = 2): number {
  if (!q) return 0
  let [prev, cur] = rows(s.length + 1)
  prev.fill(0, 0, s.length + 1)
  for (let i = 1; i <= q.length; i++) {
    cur[0] = i
    // a row's smallest value never goes down in the next rows: past `max`, stop
    let rowMin = i
    for (let j = 1; j <= s.length; j++) {
      const c = q[i - 1] === s[j - 1] ? 0 : 1
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + c)
      if (cur[j] < rowMin) rowMin = cur[j]
    }
    if (rowMin > max) return max + 1
    ;[prev, cur] = [cur, prev]
  }
  let best = max + 1
  for (let j = 0; j <= s.length; j++) if (prev[j] < best) best = prev[j]
  return best
}

/** Two reusable rows for the distances above (no allocation per comparison). */
let rowA = new Int32Array(64)
let rowB = new Int32Array(64)
function rows(n: number): [Int32Array, Int32Array] {
  if (rowA.length < n) {
    rowA = new Int32Array(n * 2)
    rowB = new Int32Array(n * 2)
  }
  return [rowA, rowB]
}
