/**
 * Per-item misses of the retrieval bench's sets (a diagnostic aid; not a benchmark).
 * npx tsx bench/tools/retrieval-misses.ts [tuned|fresh|heldout|heldout2|heldout3|heldout4|heldout5|heldout6 ...]  (default: heldout)
 * Prints each routing question whose target is not first (rank, top-3 with scores, the query's
 * terms that matched) and each need whose targets are not all in the top 10.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { analyzeSync, ready } from '../../src/core/japanese/analysis.ts'
import { createDepartmentIndex, createIndex, suggestDepartments } from '../../src/core/japanese/rank.ts'
import { GROUP_FIELDS } from '../retrieval.bench.ts'
import { FRESH_NEEDS, FRESH_QUESTIONS } from '../retrieval-data/fresh.ts'
import { HELDOUT_NEEDS, HELDOUT_QUESTIONS } from '../retrieval-data/heldout.ts'
import { HELDOUT2_NEEDS, HELDOUT2_QUESTIONS } from '../retrieval-data/heldout2.ts'
import { HELDOUT3_NEEDS } from '../retrieval-data/heldout3.ts'
import { HELDOUT4_NEEDS } from '../retrieval-data/heldout4.ts'
import { HELDOUT5_NEEDS } from '../retrieval-data/heldout5.ts'
import { HELDOUT6_NEEDS } from '../retrieval-data/heldout6.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(here, '..', 'data', f), 'utf8'))
const sets = process.argv.slice(2).length ? process.argv.slice(2) : ['heldout']
const onlyRouting = process.env.ONLY === 'routing'
const onlyMatching = process.env.ONLY === 'matching'

await ready()
const { departments, questions } = load('retrieval-departments.json')
const groups = load('retrieval-groups.json').groups
const needs = load('retrieval-needs.json').needs
const depName = new Map(departments.map((d: { id: string; name: string }) => [d.id, d.name]))
const depIndex = await createDepartmentIndex(departments)

const qLines = (lines: string[]) =>
  lines.map((l) => {
    const [sentence, keywords, ids] = l.split('|')
    return { sentence, keywords, targets: ids.split(' ') }
  })
const nLines = (lines: string[]) =>
  lines.map((line) => {
    const [title, issue, goal, partner, targets] = line.split('|')
    return { q: `${title}。${issue}${goal}${partner}`, rel: targets.split(' '), title }
  })
const setQ: Record<string, { sentence: string; keywords: string; targets: string[] }[]> = {
  tuned: questions,
  fresh: qLines(FRESH_QUESTIONS),
  heldout: qLines(HELDOUT_QUESTIONS),
  heldout2: qLines(HELDOUT2_QUESTIONS),
  heldout3: [],
  heldout4: [],
  heldout5: [],
  heldout6: [],
}
const setN: Record<string, { q: string; rel: string[]; title: string }[]> = {
  tuned: needs.map(
    (n: { title: string; issue: string; goal: string; partner: string; targets: string[] }) => ({
      q: `${n.title}。${n.issue}${n.goal}${n.partner}`,
      rel: n.targets,
      title: n.title,
    }),
  ),
  fresh: nLines(FRESH_NEEDS),
  heldout: nLines(HELDOUT_NEEDS),
  heldout2: nLines(HELDOUT2_NEEDS),
  heldout3: nLines(HELDOUT3_NEEDS),
  heldout4: nLines(HELDOUT4_NEEDS),
  heldout5: nLines(HELDOUT5_NEEDS),
  heldout6: nLines(HELDOUT6_NEEDS),
}

for (const set of sets) {
  if (!onlyMatching) {
    console.log(`\n#### ${set}: routing misses (target not first)`)
    for (const q of setQ[set])
      for (const kind of ['sentence', 'keywords'] as const) {
        const text = q[kind]
        const hits = suggestDepartments(depIndex, text, 10)
        const rank = hits.findIndex((h) => q.targets.includes(h.id))
        if (rank === 0) continue
        console.log(
          `[${kind}] rank ${rank < 0 ? '-' : rank + 1} want ${q.targets.map((t) => `${t}(${depName.get(t)})`).join(' ')} | ${text}`,
        )
        for (const h of hits.slice(0, 3))
          console.log(`    ${h.id} ${h.score.toFixed(2)}: ${h.matched.map((m) => m.label).join('、')}`)
        if (rank > 2) {
          const t = hits[rank]
          console.log(`    …${t.id} ${t.score.toFixed(2)}: ${t.matched.map((m) => m.label).join('、')}`)
        }
        if (process.env.TERMS)
          console.log(
            `    terms: ${analyzeSync(text, 'query')
              .terms.filter((t) => t.kind !== 'bigram')
              .map((t) => `${t.term.replace('\u0001', 'R:')}/${t.kind[0]}${t.weight.toFixed(2)}`)
              .join(' ')}`,
          )
      }
  }
  if (!onlyRouting) {
    console.log(`\n#### ${set}: matching misses (a target outside the top 10 or first target below 3)`)
    const gi = await createIndex(
      GROUP_FIELDS,
      groups.map((g: { id: string; name: string; fields: string[]; description: string }) => ({
        id: g.id,
        fields: { name: g.name, fields: g.fields.join('、'), description: g.description },
      })),
    )
    const gname = new Map(groups.map((g: { id: string; name: string }) => [g.id, g.name]))
    for (const n of setN[set]) {
      const hits = gi.search(n.q, { limit: 30, fuzzy: false, feedback: 3 })
      const ids = hits.map((h) => h.id)
      const ranks = n.rel.map((r) => ids.indexOf(r))
      const first = Math.min(...ranks.map((r) => (r < 0 ? 99 : r)))
      if (ranks.every((r) => r >= 0 && r < 10) && first < 3) continue
      console.log(
        `- ${n.title}: ranks ${ranks.map((r, i) => `${n.rel[i]}=${r < 0 ? '-' : r + 1}`).join(' ')}`,
      )
      for (const h of hits.slice(0, 3))
        console.log(
          `    ${h.id} ${gname.get(h.id)} ${h.score.toFixed(2)}: ${h.matched.map((m) => m.label).join('、')}`,
        )
      for (const [i, r] of ranks.entries())
        if (r < 0 || r >= 10)
          console.log(`    missing ${n.rel[i]} ${gname.get(n.rel[i])} (rank ${r < 0 ? '>30' : r + 1})`)
    }
  }
}
