// Views receive plain data, never the request context (docs/architecture.md, "Handlers"; issue #7.4).
// Every src/features/<room>/views.tsx and src/features/<room>/views/*.tsx is read as text: none may
// import from 'hono' (Context and friends; 'hono/jsx' types such as Child are fine) nor touch
// `c.get(` / `c.req` — so a handler cannot hand its context to a view again.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'

const features = path.join(path.dirname(new URL(import.meta.url).pathname), 'features')

function viewFiles(): string[] {
  const out: string[] = []
  for (const room of fs.readdirSync(features, { withFileTypes: true })) {
    if (!room.isDirectory()) continue
    const dir = path.join(features, room.name)
    const single = path.join(dir, 'views.tsx')
    if (fs.existsSync(single)) out.push(single)
    const many = path.join(dir, 'views')
    if (fs.existsSync(many) && fs.statSync(many).isDirectory()) {
      for (const f of fs.readdirSync(many)) if (f.endsWith('.tsx')) out.push(path.join(many, f))
    }
  }
  return out.sort()
}

const RULES: [RegExp, string][] = [
  [/\bfrom\s*['"]hono['"]/, "imports from 'hono'"],
  [/\bimport\(\s*['"]hono['"]\s*\)/, "imports from 'hono'"],
  [/\bc\.get\(/, 'calls c.get('],
  [/\bc\.req\b/, 'reads c.req'],
]

/** What a view's source does that it must not, one line per finding. */
export function contextUses(source: string): string[] {
  const found: string[] = []
  source.split('\n').forEach((line, i) => {
    for (const [re, what] of RULES) if (re.test(line)) found.push(`line ${i + 1}: ${what}`)
  })
  return found
}

describe('views take plain data', () => {
  it('the check catches a view that takes the context', () => {
    assert.deepEqual(contextUses("import type { Context } from 'hono'"), ["line 1: imports from 'hono'"])
    assert.deepEqual(contextUses("const t = p.c.get('csrfToken')"), ['line 1: calls c.get('])
    assert.deepEqual(contextUses('const q = c.req.query()'), ['line 1: reads c.req'])
    assert.deepEqual(contextUses("import type { Child } from 'hono/jsx'\nconst s = checked.get(k)"), [])
  })

  it('finds the view files', () => {
    const files = viewFiles()
    assert.ok(files.length > 0, 'no views found under src/features')
  })

  for (const file of viewFiles()) {
    const rel = path.relative(path.dirname(features), file)
    it(`${rel} does not take the request context`, () => {
      const found = contextUses(fs.readFileSync(file, 'utf8'))
      assert.deepEqual(
        found,
        [],
        `${rel} must receive plain props, not the Hono context:\n${found.join('\n')}`,
      )
    })
  }
})
