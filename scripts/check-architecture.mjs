// The direction of dependencies, checked on every `npm run lint` (and so in CI):
//   1. src/core imports nothing from src/features (nor from the app, the demo or the tests' helpers);
//   2. a feature reaches another feature only through that feature's public index.ts;
//   3. no import circles among the source files. Type-only imports (`import type`) are erased at
//      run time and do not count: the Feature contract names Actor and Ctx, which read the features.
// Tests (*.test.ts) may reach into any room they test; they are still checked for rule 1, except
// that the core's tests may import src/testing/pglite-templates.ts, itself held to rule 1.
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const src = path.join(root, 'src')
const files = []
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name)
    if (e.isDirectory()) walk(p)
    else if (/\.tsx?$/.test(e.name)) files.push(p)
  }
}
walk(src)

const rel = (p) => path.relative(root, p)
/** The one test helper the core's tests may import (the PGlite test templates; it imports only src/core). */
const CORE_TEST_HELPER = 'src/testing/pglite-templates.ts'
const isTest = (p) => /\.test\.tsx?$/.test(p) || rel(p).startsWith('src/testing/')
const featureOf = (p) => {
  const m = rel(p).match(/^src\/features\/([^/]+)\//)
  return m ? m[1] : null
}
const IMPORT =
  /(?:^|\n)\s*((?:import|export)\s(type\s)?[^'"`;]*?)from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

const graph = new Map()
const problems = []
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8')
  const deps = []
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4] ?? m[5]
    const typeOnly = !!m[2]
    if (!spec?.startsWith('.')) continue
    const target = path.resolve(path.dirname(f), spec)
    if (!typeOnly) deps.push(target)
    const from = rel(f)
    const to = rel(target)
    // the core's tests may copy the empty test database through the one helper that is itself
    // held to the core's rule (it imports only src/core)
    const coreHelper = isTest(f) && from.startsWith('src/core/') && to === CORE_TEST_HELPER
    if (
      (from.startsWith('src/core/') || from === CORE_TEST_HELPER) &&
      !to.startsWith('src/core/') &&
      !coreHelper
    )
      problems.push(`${from}: the core imports ${to} (src/core may import only src/core)`)
    const ff = featureOf(f)
    const tf = featureOf(target)
    const viaList = from === 'src/features/index.ts' && to === `src/features/${tf}/feature.ts`
    if (!isTest(f) && tf && ff !== tf && !viaList && to !== `src/features/${tf}/index.ts`)
      problems.push(`${from}: reaches into the ${tf} room (${to}); use src/features/${tf}/index.ts`)
    if (
      !isTest(f) &&
      !ff &&
      tf &&
      !from.startsWith('src/features/') &&
      to !== `src/features/${tf}/index.ts`
    ) {
      // the app, the demo loader and the server see features only through the list or index.ts
      if (to !== 'src/features/index.ts') problems.push(`${from}: reaches into the ${tf} room (${to})`)
    }
  }
  graph.set(
    f,
    deps.filter((d) => files.includes(d)),
  )
}

// Circles (Tarjan's strongly connected components) among non-test files.
let index = 0
const idx = new Map()
const low = new Map()
const stack = []
const on = new Set()
const circles = []
const strong = (v) => {
  idx.set(v, index)
  low.set(v, index++)
  stack.push(v)
  on.add(v)
  for (const w of graph.get(v) ?? []) {
    if (isTest(w)) continue
    if (!idx.has(w)) {
      strong(w)
      low.set(v, Math.min(low.get(v), low.get(w)))
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)))
  }
  if (low.get(v) === idx.get(v)) {
    const comp = []
    let w
    do {
      w = stack.pop()
      on.delete(w)
      comp.push(w)
    } while (w !== v)
    if (comp.length > 1) circles.push(comp.map(rel).sort())
  }
}
for (const f of files) if (!isTest(f) && !idx.has(f)) strong(f)
for (const c of circles) problems.push(`import circle: ${c.join(' → ')}`)

if (problems.length) {
  console.error(`architecture check: ${problems.length} problem(s)\n  ${[...new Set(problems)].join('\n  ')}`)
  process.exit(1)
}
console.log(
  `architecture check: ${files.length} files, core imports no feature, rooms meet through index.ts, no circles`,
)
