import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { createApp } from '../app.tsx'
import { loadConfig } from '../core/config.ts'
import type { Database } from '../core/db/index.ts'
import * as schema from '../core/db/schema.ts'
import { DEMO_PASSWORD } from '../demo/index.ts'
import { DEMO_CITY } from '../demo/city.ts'
import { clonePglite, clonePostgres } from './templates.ts'

/**
 * A whole Kyodo for a test: its own database (in-memory PGlite, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL), copied from a migrated template — with the
 * small demo city unless `demo: false`. `seed` runs against the new database before the app
 * is made (use the factories in ./factories.ts).
 */
export async function createTestApp<S = undefined>(
  opts: { demo?: boolean; env?: Record<string, string>; seed?: (database: Database) => Promise<S> } = {},
) {
  const config = loadConfig({ KYODO_DEMO: '0', LOG_LEVEL: 'silent', ...opts.env })
  const kind = opts.demo === false ? 'empty' : 'demo'
  const url = process.env.TEST_DATABASE_URL
  const database = url
    ? await clonePostgres(url, kind, `kyodo_test_${randomBytes(6).toString('hex')}`)
    : await clonePglite(kind)
  let municipalityId = ''
  if (kind === 'demo') {
    const [city] = await database.db
      .select({ id: schema.municipalities.id })
      .from(schema.municipalities)
      .where(eq(schema.municipalities.code, DEMO_CITY.code))
    municipalityId = city.id
  }
  const seeded = (opts.seed ? await opts.seed(database) : undefined) as S
  const app = createApp(database, config)
  return {
    app,
    database,
    config,
    municipalityId,
    seeded,
    client: () => new TestClient(app),
    /** A client signed in as that account (demo accounts and factory users share one password). */
    as: async (email: string, password = DEMO_PASSWORD) => {
      const cl = new TestClient(app)
      await cl.login(email, password)
      return cl
    },
    /** A context acting as the system in the demo city (what a scheduled job runs with). */
    system: async () =>
      ({
        db: database.db,
        dbKind: database.kind,
        config,
        tenantId: municipalityId,
        municipality: (
          await database.db
            .select()
            .from(schema.municipalities)
            .where(eq(schema.municipalities.id, municipalityId))
        )[0],
        actor: null,
        ip: '',
        userAgent: 'test',
      }) as any,
    close: () => database.close(),
  }
}

/** A test app over a migrated database with no city at all; build what the test needs with `seed`. */
export const createBareApp = <S>(
  opts: { env?: Record<string, string>; seed?: (database: Database) => Promise<S> } = {},
) => createTestApp<S>({ ...opts, demo: false })

export type TestApp = Awaited<ReturnType<typeof createTestApp>>

/** Keeps cookies between requests like a browser, and knows the CSRF token. */
export class TestClient {
  cookies = new Map<string, string>()
  csrf = ''
  constructor(
    private app: { request: (input: string, init?: RequestInit) => Response | Promise<Response> },
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private store(res: Response) {
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';')
      const i = pair.indexOf('=')
      const k = pair.slice(0, i).trim()
      const v = pair.slice(i + 1).trim()
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a))
      if (expired || v === '') this.cookies.delete(k)
      else this.cookies.set(k, v)
    }
  }

  async request(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string> } = {},
  ) {
    const res = await this.app.request(path, {
      method,
      body: init.body,
      headers: { cookie: this.cookieHeader(), ...(init.headers ?? {}) },
      redirect: 'manual',
    } as RequestInit)
    this.store(res)
    return res
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await this.request('GET', path, { headers })
    const text = await res.clone().text()
    const m = text.match(/name="_csrf" value="([^"]+)"/)
    if (m) this.csrf = m[1]
    return res
  }

  /** Submit a form (urlencoded), with the CSRF token unless told otherwise. */
  async post(
    path: string,
    form: Record<string, string | string[]> = {},
    opts: { csrf?: string | null } = {},
  ) {
    if (!this.csrf && opts.csrf === undefined) await this.get('/')
    const p = new URLSearchParams()
    const token = opts.csrf === undefined ? this.csrf : opts.csrf
    if (token) p.append('_csrf', token)
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x)
    return this.request('POST', path, {
      body: p.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  }

  /** Send JSON with the CSRF header. */
  async json(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.request(method, path, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
    })
  }

  async login(email: string, password: string) {
    await this.get('/login')
    const res = await this.post('/login', { email, password })
    if (res.status !== 303) throw new Error(`login as ${email} failed: ${res.status}`)
    await this.get('/account')
    return res
  }
}
