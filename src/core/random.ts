/** A small seeded PRNG so the demo city is the same on every machine. */
export function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    some: <T>(xs: readonly T[], min: number, max: number): T[] => {
      const n = min + Math.floor(next() * (max - min + 1))
      const pool = [...xs]
      const out: T[] = []
      while (out.length < n && pool.length) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0])
      return out
    },
    chance: (p: number) => next() < p,
  }
}
export type Rng = ReturnType<typeof rng>
