import { ready, analyzeSync } from '../../src/core/japanese/analysis.ts'
import { loadedTokenizer } from '../../src/core/japanese/tokenizer.ts'
import { lemmaStream } from '../../src/core/japanese/phrase.ts'
await ready()
const tok = loadedTokenizer()!
for (const s of process.argv.slice(2)) {
  const toks = tok.tokenize(s.normalize('NFKC'))
  console.log(
    s,
    '=>',
    toks.map((t) => `${t.surface_form}/${t.pos}-${t.pos_detail_1}/${t.basic_form}`).join(' '),
  )
  console.log(
    '   stream:',
    lemmaStream(toks)
      .map((i) => i.keys.join(',') + (i.neg ? '¬' : ''))
      .join(' | '),
  )
  console.log(
    '   terms:',
    analyzeSync(s, 'query')
      .terms.filter((t) => t.kind !== 'bigram' && t.kind !== 'reading')
      .map((t) => `${t.term}/${t.kind[0]}${t.weight.toFixed(2)}`)
      .join(' '),
  )
}
