/** Japanese text normalisation shared by search, matching, import and forms. */

/** Hiragana → katakana (ぁ-ゖ, ゝゞ). Other characters are unchanged. */
export function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096\u309d\u309e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
}

/** Katakana → hiragana. */
export function toHiragana(s: string): string {
  return s.replace(/[\u30a1-\u30f6\u30fd\u30fe]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
}

/**
 * The search form of a text: NFKC (ＮＰＯ → NPO, ｶﾅ → カナ), lower case, hiragana → katakana,
 * runs of white space folded to one space.
 */
export function normalizeForSearch(s: string): string {
  return toKatakana(s.normalize('NFKC').toLowerCase()).replace(/\s+/g, ' ').trim()
}

/** Furigana as stored: katakana, NFKC, single spaces. Returns null when it is not kana. */
export function normalizeFurigana(s: string): string | null {
  const k = toKatakana(s.normalize('NFKC'))
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
  if (k === '') return ''
  return /^[\u30a0-\u30ff\u30fc ・ー]+$/.test(k) ? k : null
}

/** 郵便番号: NFKC, strip 〒 and hyphens; exactly 7 digits or null. */
export function normalizePostalCode(s: string): string | null {
  const d = s.normalize('NFKC').replace(/[〒\s\-‐－−ー]/g, '')
  return /^\d{7}$/.test(d) ? d : null
}

/** 郵便番号 for display: 1800001 → 〒180-0001. Anything that is not 7 digits is shown as given. */
export function formatPostalCode(s: string): string {
  const d = normalizePostalCode(s)
  return d ? `〒${d.slice(0, 3)}-${d.slice(3)}` : s
}

/** 電話番号: NFKC, keep digits and hyphens; 10–11 digits (or 4–6 for internal extensions not accepted). */
export function normalizePhone(s: string): string | null {
  const t = s
    .normalize('NFKC')
    .replace(/[‐－−ー]/g, '-')
    .replace(/[()（）\s]/g, '')
  const digits = t.replace(/-/g, '')
  if (!/^[\d-]+$/.test(t) || digits.length < 10 || digits.length > 11) return null
  return t
}
