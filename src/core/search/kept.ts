import type { Db } from '../db/index.ts'
import { changeStamp } from '../db/stamp.ts'

/**
 * Answers kept for a few seconds, keyed by the change stamp (core/db/stamp.ts) and the question:
 * the directory's first page, a popular query, the pages of one search or a need's candidates are
 * asked again and again, and nothing they read has changed while the stamp stands still. What they
 * read beyond the stamped tables (a city's settings, the clock) may be up to `ms` old. The oldest
 * answer is dropped first once `max` are kept.
 */
export function keptAnswers<T>(opts: { max?: number; ms?: number } = {}) {
  const max = opts.max ?? 500
  const ms = opts.ms ?? 10_000
  const kept = new Map<string, { at: number; value: T }>()
  return {
    /** The kept answer to `question`, or `compute()`'s (kept unless `keep` says no). */
    async answer(db: Db, question: string, compute: () => Promise<T>, keep: (v: T) => boolean = () => true) {
      const key = `${await changeStamp(db)}|${question}`
      const hit = kept.get(key)
      if (hit && Date.now() - hit.at < ms) return hit.value
      const value = await compute()
      if (keep(value)) {
        if (kept.size >= max) kept.delete(kept.keys().next().value as string)
        kept.set(key, { at: Date.now(), value })
      }
      return value
    },
  }
}
