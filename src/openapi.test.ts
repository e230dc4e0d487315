import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTestApp, type TestApp } from './testing/harness.ts'

/**
 * /api/openapi.json describes what the API accepts and returns: every JSON request body has a
 * schema with its fields (and says which are required), every response with content has a real
 * schema (never an empty "any"). The rooms groups, admin (organisation) and account are checked;
 * problems in other rooms are reported as diagnostics.
 */

const CHECKED_PREFIXES = [
  '/groups',
  '/departments',
  '/areas',
  '/fiscal-years',
  '/users',
  '/invitations',
  '/audit',
  '/outbox',
  '/auth',
  '/me',
  '/tokens',
]

type Schema = Record<string, any>
type Doc = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } }

/** Follows a local $ref into components.schemas. */
const deref = (doc: Doc, s: Schema | undefined): Schema | undefined => {
  if (!s?.$ref) return s
  const name = String(s.$ref).replace('#/components/schemas/', '')
  return deref(doc, doc.components?.schemas?.[name])
}

const DESCRIBING = ['type', '$ref', 'properties', 'items', 'anyOf', 'oneOf', 'allOf', 'enum', 'not']

/** Where (a JSON pointer-ish path) a schema says nothing: {} or only a description. */
function emptySpots(doc: Doc, s: Schema | undefined, at: string, seen = new Set<Schema>()): string[] {
  const d = deref(doc, s)
  if (!d || !DESCRIBING.some((k) => k in d)) return [at || '(root)']
  if (seen.has(d)) return []
  seen.add(d)
  const out: string[] = []
  for (const [k, p] of Object.entries<Schema>(d.properties ?? {}))
    out.push(...emptySpots(doc, p, `${at}.${k}`, seen))
  if (d.items) out.push(...emptySpots(doc, d.items, `${at}[]`, seen))
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    for (const [i, x] of (d[key] ?? []).entries()) {
      // { nullable: true } as one of the alternatives is how OpenAPI 3.0 says "or null"
      if (x && Object.keys(x).length === 1 && x.nullable === true) continue
      out.push(...emptySpots(doc, x, `${at}<${key}${i}>`, seen))
    }
  return out
}

/** Every problem of one operation, as readable lines. */
export function operationProblems(doc: Doc, path: string, method: string, op: any): string[] {
  const name = `${method.toUpperCase()} ${path}`
  const out: string[] = []
  const json = op.requestBody?.content?.['application/json']
  if (op.requestBody?.content && 'application/json' in op.requestBody.content) {
    const body = deref(doc, json?.schema)
    if (!body) out.push(`${name}: JSON request body without a schema`)
    else {
      for (const spot of emptySpots(doc, body, 'body'))
        out.push(`${name}: request ${spot} has an empty schema`)
      if (body.type === 'object' && !Object.keys(body.properties ?? {}).length)
        out.push(`${name}: JSON request body lists no fields`)
    }
  }
  for (const [status, r] of Object.entries<any>(op.responses ?? {})) {
    for (const [type, media] of Object.entries<any>(r.content ?? {})) {
      if (!type.includes('json')) continue
      for (const spot of emptySpots(doc, media.schema, 'response'))
        out.push(`${name} → ${status}: ${spot} has an empty schema`)
    }
  }
  return out
}

export function documentProblems(doc: Doc) {
  const mine: string[] = []
  const others: string[] = []
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    const checked = CHECKED_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      ;(checked ? mine : others).push(...operationProblems(doc, path, method, op))
    }
  }
  return { mine, others }
}

let t: TestApp
let doc: Doc
before(async () => {
  t = await createTestApp()
  const res = await t.app.request('/api/openapi.json')
  assert.equal(res.status, 200)
  doc = (await res.json()) as Doc
})
after(async () => t.close())

describe('the OpenAPI document', () => {
  test('lists the API routes of groups, administration and account', () => {
    for (const p of ['/groups', '/groups/{id}', '/departments', '/users', '/auth/login', '/me', '/tokens'])
      assert.ok(doc.paths[p], `${p} is in the document`)
  })

  test('groups, admin and account: every JSON body and every response has a real schema', (ctx) => {
    const { mine, others } = documentProblems(doc)
    for (const line of others) ctx.diagnostic(`other room: ${line}`)
    assert.deepEqual(mine, [])
  })

  test('request bodies say which fields are required', () => {
    const login = deref(doc, doc.paths['/auth/login'].post.requestBody.content['application/json'].schema)!
    assert.deepEqual([...login.required].sort(), ['email', 'password'])
    const group = deref(doc, doc.paths['/groups'].post.requestBody.content['application/json'].schema)!
    for (const f of ['name', 'nameKana', 'actorKind', 'legalForm', 'purpose', 'activities'])
      assert.ok(group.required.includes(f), `${f} is required`)
  })

  test('the empty-schema check itself finds z.any()', () => {
    const fake: Doc = {
      paths: {
        '/x': {
          post: {
            requestBody: { content: { 'application/json': {} } },
            responses: { 200: { content: { 'application/json': { schema: {} } } } },
          },
        },
      },
    }
    assert.equal(operationProblems(fake, '/x', 'post', fake.paths['/x'].post).length, 2)
  })
})
