/** Nearest labels for an unknown value: bigram (Dice) similarity, edit distance to break ties. */

const bigrams = (s: string) => {
  const out = new Set<string>()
  if (s.length === 1) out.add(s)
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2))
  return out
}

export function dice(a: string, b: string) {
  const A = bigrams(a)
  const B = bigrams(b)
  if (!A.size || !B.size) return 0
  let n = 0
  for (const x of A) if (B.has(x)) n++
  return (2 * n) / (A.size + B.size)
}

export function editDistance(a: string, b: string) {
  const m = a.length
  const n = b.length
  let prev = Array.from({ length: n + 1 }, (_, j) => j)
  for (let i = 1; i <= m; i++) {
    const cur = [i]
    for (let j = 1; j <= n; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[n]
}

/**
 * The candidates nearest to `value`, best first. Each candidate has one or more wordings and is
 * scored by its best wording.
 */
export function nearest<T>(
  value: string,
  candidates: { item: T; wordings: string[] }[],
  n = 3,
  key: (s: string) => string = (s) => s,
): T[] {
  const v = key(value)
  const scored = candidates.map((c) => {
    let best = -Infinity
    for (const w of c.wordings) {
      const k = key(w)
      const d = editDistance(v, k) / Math.max(v.length, k.length, 1)
      const s = dice(v, k) - d * 0.5 + (k.includes(v) || v.includes(k) ? 0.3 : 0)
      if (s > best) best = s
    }
    return { item: c.item, score: best }
  })
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, n)
    .map((x) => x.item)
}
