import { ready, wordKey } from '../../src/core/japanese/analysis.ts'
import { synonymsOfKey } from '../../src/core/japanese/synonyms.ts'
await ready()
for (const w of process.argv.slice(2))
  console.log(
    w,
    wordKey(w),
    synonymsOfKey(wordKey(w))
      .slice(0, 8)
      .map((s) => s.term + (s.curated ? '*' : ''))
      .join(' '),
  )
