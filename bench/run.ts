/**
 * npm run bench — runs every bench/*.bench.ts in turn. Benchmarks never run inside npm test.
 * Pass names to run some: npm run bench -- groups
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const only = process.argv.slice(2)
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
if (files.length === 0) console.log('no benchmarks found')
for (const f of files) {
  console.log(`\n=== ${f}`)
  const mod = await import(path.join(here, f))
  await mod.default()
}
