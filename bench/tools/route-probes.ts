/**
 * Route a file of `sentence|department ids` lines (a self-check; not a benchmark):
 * npx tsx bench/tools/route-probes.ts bench/tools/probes/everyday.txt (the bench's departments), or
 * DEPS=bench/tools/probes/other-city-departments.json npx tsx bench/tools/route-probes.ts bench/tools/probes/other-city.txt
 * (duties worded as another city words them). Lines starting with # are comments.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ready } from '../../src/core/japanese/analysis.ts'
import { createDepartmentIndex, suggestDepartments } from '../../src/core/japanese/rank.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
await ready()
// DEPS=file.json: another city's departments ({ departments: [{ id, name, duties }] })
const depsFile = process.env.DEPS ?? path.join(here, '..', 'data', 'retrieval-departments.json')
const { departments } = JSON.parse(fs.readFileSync(depsFile, 'utf8'))
const index = await createDepartmentIndex(departments)
let t1 = 0
let t3 = 0
const lines = fs
  .readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
for (const l of lines) {
  const [q, ids] = l.split('|')
  const want = ids.split(' ')
  const hits = suggestDepartments(index, q, 3)
  const r = hits.findIndex((h) => want.includes(h.id))
  if (r === 0) t1++
  if (r >= 0) t3++
  if (r !== 0)
    console.log(
      `${r < 0 ? '-' : r + 1} ${q} → want ${ids}; got ${hits.map((h) => `${h.id}(${h.matched.map((m) => m.label).join('、')})`).join(' ')}`,
    )
}
console.log(`top-1 ${t1}/${lines.length}, top-3 ${t3}/${lines.length}`)
