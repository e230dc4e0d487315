import { compact } from './fold.ts'

/**
 * Copied wording, told apart from a shared theme. Two groups writing about the same work in their
 * own words share words (and so character bigrams) but few longer runs of characters; a profile
 * copied from another one (a federation's chapters, a template filled in with a place name and a
 * year, a paragraph passed from group to group) shares most of them. Resemblance is measured on
 * character n-grams of the folded text (default 4 characters; digits count as one sign, so years
 * and counts do not hide a copy).
 */

/** The character n-grams of a text, folded (NFKC, kana, width), punctuation and spaces dropped. */
export function shingles(text: string, n = 4): Set<string> {
  const c = compact(text ?? '').replace(/\d+/g, '0')
  const out = new Set<string>()
  if (!c) return out
  if (c.length <= n) {
    out.add(c)
    return out
  }
  for (let i = 0; i + n <= c.length; i++) out.add(c.slice(i, i + n))
  return out
}

/** Jaccard resemblance of two shingle sets: 0 nothing in common … 1 the same text. */
export function resemblance(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let n = 0
  for (const g of small) if (large.has(g)) n++
  return n / (a.size + b.size - n)
}
