// Issue #11.8: a bounded, seeded fuzzer over every route of the app. Malformed queries, bodies of
// the wrong type, huge numbers, arrays for strings and missing fields, as a visitor and as a
// signed-in coordinator; no answer may be a 500. FUZZ_SEED and FUZZ_ROUNDS change the run.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTestApp, type TestApp, type TestClient } from './testing/harness.ts'

const SEED = Number(process.env.FUZZ_SEED ?? 20261201)
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 1)

function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const KEYS = ['q', 'page', 'per_page', 'field', 'area', 'kind', 'legal_form', 'status', 'encoding', 'mode']
const KEYS2 = ['action', 'from', 'to', 'sort', 'next', 'dry_run', 'duplicates', 'fiscal_year', 'id', 'type']

function fuzzer(seed: number) {
  const r = rng(seed)
  const int = (n: number) => Math.floor(r() * n)
  const pick = <T>(xs: T[]): T => xs[int(xs.length)]
  const uuid = () =>
    [8, 4, 4, 4, 12]
      .map((n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join(''))
      .join('-')
  const bytes = () =>
    Array.from({ length: 1 + int(12) }, () => `%${int(256).toString(16).padStart(2, '0')}`).join('')
  const junkString = () =>
    pick([
      () => bytes(),
      () => encodeURIComponent('x'.repeat(int(3000))),
      () => '99999999999999999999999',
      () => '-1',
      () => '1e308',
      () => 'NaN',
      () => encodeURIComponent("'; DROP TABLE groups; --"),
      () => encodeURIComponent('<script>alert(1)</script>'),
      () => encodeURIComponent('ｶﾀｶﾅ＆漢字😀'),
      () => '',
      () => uuid(),
      () => '%',
      () => '%E0%A4%A',
    ])()
  const param = () =>
    pick([uuid, () => 'x', () => '0', () => bytes(), () => '..%2f..', () => 'a'.repeat(300)])()
  const query = () => {
    const parts: string[] = []
    for (let i = int(4); i > 0; i--) {
      const k = pick([...KEYS, ...KEYS2, bytes()])
      const n = r() < 0.2 ? 3 : 1 // arrays for strings
      for (let j = 0; j < n; j++) parts.push(`${k}=${junkString()}`)
    }
    return parts.length ? `?${parts.join('&')}` : ''
  }
  const junkValue = (depth = 0): unknown =>
    pick([
      () => 'x',
      () => '',
      () => 'a'.repeat(int(20_000)),
      () => 1e308,
      () => -1,
      () => 2 ** 53 + 1,
      () => 0.5,
      () => true,
      () => null,
      () => (depth < 2 ? [junkValue(depth + 1), junkValue(depth + 1)] : []),
      () => (depth < 2 ? { toString: 1, valueOf: 1, [pick(KEYS)]: junkValue(depth + 1) } : {}),
      () => uuid(),
      () => '2026-13-45',
      () => 'ｶﾀｶﾅ＆漢字😀',
    ])()
  const jsonBody = () => {
    const kind = int(5)
    if (kind === 0) return '{"unterminated'
    if (kind === 1) return JSON.stringify(junkValue())
    const o: Record<string, unknown> = {}
    for (const k of [
      'name',
      'email',
      'password',
      'title',
      'description',
      'fields',
      'areas',
      'status',
      'socialLinks',
      'memberCount',
      'foundedYear',
      'roles',
      'departmentId',
      'groupId',
      'startsAt',
      'checklist',
      'submit',
    ])
      if (r() < 0.4) o[k] = junkValue()
    return JSON.stringify(o)
  }
  const formBody = (csrf: string) => {
    const p = new URLSearchParams()
    if (r() < 0.9) p.append('_csrf', csrf)
    for (const k of [
      'name',
      'email',
      'password',
      'title',
      'description',
      'fields',
      'status',
      'next',
      'code',
      'role',
    ])
      if (r() < 0.4) {
        const v = junkValue()
        for (const x of Array.isArray(v) ? v : [v])
          p.append(k, typeof x === 'object' ? '[object Object]' : String(x))
      }
    return p.toString()
  }
  return { r, int, pick, param, query, jsonBody, formBody }
}

let t: TestApp
let coordinator: TestClient
before(async () => {
  t = await createTestApp()
  coordinator = await t.as('coordinator@demo.example')
})
after(async () => t.close())

describe('fuzzing every route', () => {
  test('no malformed request gets a 500', { timeout: 240_000 }, async () => {
    const seen = new Set<string>()
    const routes = t.app.routes.filter((x) => {
      const key = `${x.method} ${x.path}`
      if (seen.has(key) || x.path.includes('*') || x.method === 'ALL') return false
      seen.add(key)
      // signing out would end the coordinator's session part-way
      return !/logout/.test(x.path)
    })
    assert.ok(routes.length > 50, `routes: ${routes.length}`)
    const f = fuzzer(SEED)
    const failures: string[] = []
    let n = 0
    for (let round = 0; round < ROUNDS; round++) {
      for (const route of routes) {
        for (const who of ['visitor', 'coordinator'] as const) {
          const cl = who === 'visitor' ? t.client() : coordinator
          const path = route.path.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, () => f.param()) + f.query()
          const init: { body?: string; headers?: Record<string, string> } = {}
          if (route.method !== 'GET' && route.method !== 'HEAD') {
            if (f.r() < 0.5) {
              init.body = f.jsonBody()
              init.headers = { 'content-type': 'application/json', 'x-csrf-token': cl.csrf }
            } else {
              init.body = f.formBody(cl.csrf)
              init.headers = { 'content-type': 'application/x-www-form-urlencoded' }
            }
          }
          let status: number
          try {
            const res = await cl.request(route.method, path, init)
            status = res.status
            await res.arrayBuffer()
          } catch (e: any) {
            status = -1
            failures.push(`${who} ${route.method} ${path} threw ${e.message}`)
          }
          n++
          if (status >= 500) failures.push(`${who} ${route.method} ${path.slice(0, 200)} → ${status}`)
          if (who === 'coordinator' && !coordinator.cookies.size)
            coordinator = await t.as('coordinator@demo.example')
        }
      }
    }
    assert.ok(n >= 200, `requests: ${n}`)
    assert.deepEqual(failures, [], `${failures.length} of ${n} requests failed (seed ${SEED})`)
  })
})
