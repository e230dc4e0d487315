import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { DEMO_PASSWORD } from './demo/index.ts'
import { type AccessCase, type Fixtures, MATRIX_ROLES, type MatrixRole } from './core/access.ts'
import { features } from './features/index.ts'
import { DEMO_EMAIL, loadFixtures } from './testing/access.ts'
import { createTestApp, type TestApp, type TestClient } from './testing/harness.ts'

/**
 * Every route × every role. A role that is not allowed gets 401/403/404 (or, for a page, a
 * redirect to the login page); a role that is allowed is never refused. Routes missing from
 * the tables fail the coverage test.
 */

let t: TestApp
let fx: Fixtures
const sessions = new Map<MatrixRole, TestClient>()
let cases: AccessCase[] = []

before(async () => {
  t = await createTestApp()
  fx = await loadFixtures(t.database.db, t.municipalityId)
  cases = features.flatMap((f) => (f.access ? f.access(fx) : []))
  for (const r of MATRIX_ROLES) sessions.set(r, await client(r))
})
after(async () => t.close())

async function client(role: MatrixRole) {
  const c = t.client()
  if (role === 'visitor')
    await c.get('/login') // a visitor holds a CSRF token from any form
  else await c.login(DEMO_EMAIL[role], DEMO_PASSWORD)
  return c
}

async function send(c: TestClient, k: AccessCase) {
  if (k.method === 'GET')
    return c.get(k.path, k.path.startsWith('/api/') ? { accept: 'application/json' } : {})
  if (k.json !== undefined || k.path.startsWith('/api/')) return c.json(k.method, k.path, k.json ?? {})
  return c.post(k.path, k.body ?? {})
}

const REFUSED = new Set([401, 403, 404])

test('every role is refused exactly where the policy says', async () => {
  const problems: string[] = []
  for (const k of cases) {
    for (const role of MATRIX_ROLES) {
      const c = k.fresh ? await client(role) : sessions.get(role)!
      const res = await send(c, k)
      const allowed = k.allowed === 'all' || k.allowed.includes(role)
      const loc = res.headers.get('location') ?? ''
      const refused = REFUSED.has(res.status) || (res.status === 302 && loc.startsWith('/login'))
      if (res.status >= 500) problems.push(`${role} ${k.method} ${k.path}: ${res.status}`)
      else if (allowed && refused && !(res.status === 404 && k.note === 'may-404'))
        problems.push(`${role} ${k.method} ${k.path}: refused (${res.status}) but allowed`)
      else if (!allowed && !refused)
        problems.push(`${role} ${k.method} ${k.path}: answered ${res.status} but must be refused`)
    }
  }
  assert.deepEqual(problems, [])
})

test('every route of the app is in the matrix', () => {
  const listed = new Set(cases.map((k) => `${k.method} ${k.pattern}`))
  const skip = new Set([
    '/static/tokens.css',
    '/static/app.css',
    '/static/import-progress.js',
    '/static/consult-suggest.js',
    '/favicon.ico',
    '/healthz',
  ])
  const missing = t.app.routes
    .filter((r) => r.method !== 'ALL' && !skip.has(r.path) && !r.path.endsWith('*'))
    .map((r) => `${r.method} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`)
    .filter((r) => !listed.has(r))
  assert.deepEqual([...new Set(missing)], [])
})
