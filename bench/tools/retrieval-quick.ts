/**
 * The quality figures of the retrieval bench without its latency part (fast, for a tuning
 * loop): npx tsx bench/tools/retrieval-quick.ts. The figures of record come from bench/run.ts.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ready } from '../../src/core/japanese/analysis.ts'
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
await ready()
const { departments, questions } = load('retrieval-departments.json')
const depIndex = await createDepartmentIndex(departments)
const qLines = (lines: string[]) =>
  lines.map((l) => {
    const [sentence, keywords, ids] = l.split('|')
    return { sentence, keywords, targets: ids.split(' ') }
  })
const out: string[] = []
for (const [label, qs] of [
  ['tuned', questions],
  ['fresh', qLines(FRESH_QUESTIONS)],
  ['heldout', qLines(HELDOUT_QUESTIONS)],
  ['heldout2', qLines(HELDOUT2_QUESTIONS)],
] as const) {
  for (const kind of ['sentence', 'keywords'] as const) {
    let t1 = 0
    let t3 = 0
    for (const q of qs as { sentence: string; keywords: string; targets: string[] }[]) {
      const ids = suggestDepartments(depIndex, q[kind], 3).map((h) => h.id)
      if (q.targets.includes(ids[0])) t1++
      if (ids.some((i) => q.targets.includes(i))) t3++
    }
    out.push(`${label} ${kind}: ${t1}/${qs.length} ${t3}/${qs.length}`)
  }
}
if (!process.env.NO_MATCH) {
  const groups = load('retrieval-groups.json').groups
  const needs = load('retrieval-needs.json').needs
  const gi = await createIndex(
    GROUP_FIELDS,
    groups.map((g: { id: string; name: string; fields: string[]; description: string }) => ({
      id: g.id,
      fields: { name: g.name, fields: g.fields.join('、'), description: g.description },
    })),
  )
  const nLines = (lines: string[]) =>
    lines.map((line) => {
      const [title, issue, goal, partner, targets] = line.split('|')
      return { q: `${title}。${issue}${goal}${partner}`, rel: targets.split(' ') }
    })
  for (const [label, qs] of [
    [
      'tuned',
      needs.map((n: { title: string; issue: string; goal: string; partner: string; targets: string[] }) => ({
        q: `${n.title}。${n.issue}${n.goal}${n.partner}`,
        rel: n.targets,
      })),
    ],
    ['fresh', nLines(FRESH_NEEDS)],
    ['heldout', nLines(HELDOUT_NEEDS)],
    ['heldout2', nLines(HELDOUT2_NEEDS)],
    ['heldout3', nLines(HELDOUT3_NEEDS)],
    ['heldout4', nLines(HELDOUT4_NEEDS)],
    ['heldout5', nLines(HELDOUT5_NEEDS)],
    ['heldout6', nLines(HELDOUT6_NEEDS)],
  ] as const) {
    let r5 = 0
    let r10 = 0
    let mrr = 0
    for (const { q, rel } of qs as { q: string; rel: string[] }[]) {
      const ids = gi
        .search(q, { limit: 10, fuzzy: false, feedback: Number(process.env.FB ?? 3) })
        .map((h) => h.id)
      r5 += ids.slice(0, 5).filter((i) => rel.includes(i)).length / rel.length
      r10 += ids.filter((i) => rel.includes(i)).length / rel.length
      const f = ids.findIndex((i) => rel.includes(i))
      mrr += f >= 0 ? 1 / (f + 1) : 0
      if (process.env.PER)
        console.log(
          `${label}\t${q.slice(0, 30)}\t${ids.slice(0, 5).filter((i) => rel.includes(i)).length}/${ids.filter((i) => rel.includes(i)).length}/${f + 1}`,
        )
    }
    const n = qs.length
    out.push(`${label} need→group: ${(r5 / n).toFixed(3)} ${(r10 / n).toFixed(3)} ${(mrr / n).toFixed(3)}`)
  }
}
console.log(out.join('\n'))
