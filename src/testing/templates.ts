import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'
import { loadConfig } from '../core/config.ts'
import { type Database, migrate, openDatabase } from '../core/db/index.ts'
import { installOneCallQuery } from '../core/db/pglite-query.ts'
import { loadDemo } from '../demo/index.ts'

/**
 * Databases for tests are cloned, not built: the migrated empty database and the small demo
 * city are built once (per test run by scripts/run-tests.mjs, or once per process when a file
 * is run alone) and every test app gets its own copy.
 *   PGlite:     a data-dir tarball (dumpDataDir) loaded with `new PGlite({ loadDataDir })`.
 *   PostgreSQL: template databases; each test app is `CREATE DATABASE x TEMPLATE t`.
 * KYODO_TEST_TEMPLATES names the folder holding empty.tar and demo.tar (PGlite), and
 * KYODO_TEST_PG_TEMPLATE the prefix of the template databases (<prefix>_empty, <prefix>_demo).
 */
export type TemplateKind = 'empty' | 'demo'
export const TEMPLATE_KINDS: TemplateKind[] = ['empty', 'demo']

const quiet = () => loadConfig({ KYODO_DEMO: '0', LOG_LEVEL: 'silent' })

/**
 * scripts/run-tests.mjs builds the run's templates while the test processes start (loading the
 * app's modules and running the files that need no database takes the other core meanwhile).
 * KYODO_TEST_TEMPLATES_SIGNAL names a folder where the builder writes `<kind>.ready` as each
 * template is done, and the runner `failed` if the build fails; a test that needs a template
 * waits for its mark. Without the variable the templates are there already, or built here.
 */
const SIGNAL_WAIT_MS = 10 * 60_000
export function markTemplateReady(kind: TemplateKind) {
  const dir = process.env.KYODO_TEST_TEMPLATES_SIGNAL
  if (dir) fs.writeFileSync(path.join(dir, `${kind}.ready`), '')
}
const waits = new Map<TemplateKind, Promise<void>>()
function templateReady(kind: TemplateKind): Promise<void> {
  const dir = process.env.KYODO_TEST_TEMPLATES_SIGNAL
  if (!dir) return Promise.resolve()
  let p = waits.get(kind)
  if (!p) {
    p = (async () => {
      const started = Date.now()
      for (;;) {
        if (fs.existsSync(path.join(dir, `${kind}.ready`))) return
        if (fs.existsSync(path.join(dir, 'failed')))
          throw new Error(
            `the test templates could not be built: ${fs.readFileSync(path.join(dir, 'failed'), 'utf8')}`,
          )
        if (Date.now() - started > SIGNAL_WAIT_MS)
          throw new Error(`the ${kind} test template was not ready in time`)
        await new Promise((r) => setTimeout(r, 25))
      }
    })()
    waits.set(kind, p)
  }
  return p
}

async function fill(database: Database, kind: TemplateKind) {
  await migrate(database)
  if (kind === 'demo') await loadDemo(database, quiet(), { size: 'small' })
}

const pgliteDatabase = (client: PGlite): Database => ({
  db: drizzlePglite(installOneCallQuery(client)) as unknown as Database['db'],
  kind: 'pglite',
  async close() {
    await client.close()
  },
})

/**
 * Settings of the template's cluster, kept in its postgresql.conf and so in every copy. A test
 * database holds a few MB: 16 MB of shared buffers instead of 128 MB, and 1 MB WAL segments
 * instead of 16 MB, make each copy about a third cheaper to start (the 128 MB are cleared at
 * every start, and the tarball to unpack shrinks from 66 MB to 41 MB; 26 MB once the template
 * databases are dropped, below). Nothing the application does depends on either setting.
 */
const TEMPLATE_INITDB = ['--wal-segsize=1']
const TEMPLATE_CONF = ['shared_buffers=16MB', 'min_wal_size=4MB']

/**
 * Builds one PGlite template and returns its tarball. The empty one is a new cluster, migrated;
 * the demo one is a copy of the empty one with the small demo city loaded (no second migration).
 */
export async function buildPgliteTemplate(kind: TemplateKind): Promise<Blob> {
  const client =
    kind === 'empty'
      ? new PGlite({
          extensions: { pg_trgm },
          initDbStartParams: TEMPLATE_INITDB,
          postgresqlconf: TEMPLATE_CONF,
        })
      : new PGlite({ extensions: { pg_trgm }, loadDataDir: await pgliteTemplate('empty') })
  await client.waitReady
  const database = pgliteDatabase(client)
  if (kind === 'empty') {
    await migrate(database)
    // A test copy only ever uses its one database: without template0 and template1 a copy
    // unpacks 26 MB instead of 41 MB. (Nothing creates a database on PGlite; on PostgreSQL the
    // test databases are made from templates of their own, see createPgTemplates.)
    await client.exec(
      'ALTER DATABASE template0 IS_TEMPLATE false; ALTER DATABASE template1 IS_TEMPLATE false',
    )
    await client.exec('DROP DATABASE template0')
    await client.exec('DROP DATABASE template1')
  } else {
    await loadDemo(database, quiet(), { size: 'small' })
  }
  await client.exec('CHECKPOINT')
  const blob = await client.dumpDataDir('none')
  await client.close()
  return blob
}

export async function writePgliteTemplates(dir: string) {
  fs.mkdirSync(dir, { recursive: true })
  for (const kind of TEMPLATE_KINDS) {
    // always built afresh (never read from KYODO_TEST_TEMPLATES); kept for the next kind, the demo
    // template being a copy of the empty one
    const blob = await buildPgliteTemplate(kind)
    blobs.set(kind, Promise.resolve(blob))
    fs.writeFileSync(path.join(dir, `${kind}.tar`), Buffer.from(await blob.arrayBuffer()))
    markTemplateReady(kind)
  }
}

const blobs = new Map<TemplateKind, Promise<Blob>>()
export function pgliteTemplate(kind: TemplateKind): Promise<Blob> {
  let p = blobs.get(kind)
  if (!p) {
    const dir = process.env.KYODO_TEST_TEMPLATES
    const file = dir ? path.join(dir, `${kind}.tar`) : ''
    p = templateReady(kind).then(() =>
      file && fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : buildPgliteTemplate(kind),
    )
    blobs.set(kind, p)
  }
  return p
}

/** A fresh in-memory PGlite holding a copy of the template. */
export async function clonePglite(kind: TemplateKind): Promise<Database> {
  const client = new PGlite({ loadDataDir: await pgliteTemplate(kind), extensions: { pg_trgm } })
  await client.waitReady
  const database = pgliteDatabase(client)
  // in memory: nothing to flush on close
  return database
}

const withName = (url: string, name: string) => {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function adminQuery(url: string, q: string) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(q)
  } finally {
    await c.end()
  }
}

async function waitForNoConnections(url: string, name: string) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    for (let i = 0; i < 100; i++) {
      const r = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])
      if (r.rows[0].n === 0) return
      await new Promise((res) => setTimeout(res, 20))
    }
  } finally {
    await c.end()
  }
}

/** Creates <prefix>_empty and <prefix>_demo on the server, migrated (and the demo loaded). */
export async function createPgTemplates(url: string, prefix: string) {
  for (const kind of TEMPLATE_KINDS) {
    const name = `${prefix}_${kind}`
    await adminQuery(url, `CREATE DATABASE ${name}`)
    const database = await openDatabase({ url: withName(url, name) })
    await fill(database, kind)
    await database.close()
    markTemplateReady(kind)
  }
}

export async function dropPgTemplates(url: string, prefix: string) {
  for (const kind of TEMPLATE_KINDS)
    await adminQuery(url, `DROP DATABASE IF EXISTS ${prefix}_${kind} WITH (FORCE)`)
}

const ownTemplates = new Map<TemplateKind, Promise<string>>()
/** The template database to copy: the run's, or one made for this process (dropped on exit). */
function pgTemplate(url: string, kind: TemplateKind): Promise<string> {
  const shared = process.env.KYODO_TEST_PG_TEMPLATE
  if (shared) return templateReady(kind).then(() => `${shared}_${kind}`)
  let p = ownTemplates.get(kind)
  if (!p) {
    const prefix = `kyodo_tmpl_${process.pid}_${Date.now().toString(36)}`
    const name = `${prefix}_${kind}`
    p = (async () => {
      await adminQuery(url, `CREATE DATABASE ${name}`)
      const database = await openDatabase({ url: withName(url, name) })
      await fill(database, kind)
      await database.close()
      process.once('beforeExit', () => {
        adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {})
      })
      return name
    })()
    ownTemplates.set(kind, p)
  }
  return p
}

// CREATE DATABASE … TEMPLATE fails while another session is copying the same template.
let chain: Promise<unknown> = Promise.resolve()

/** A new database on the server, copied from the template; close() drops it. */
export async function clonePostgres(url: string, kind: TemplateKind, name: string): Promise<Database> {
  const template = await pgTemplate(url, kind)
  const create = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${template}`)
        return
      } catch (err: any) {
        // 55006: the template is being copied by another test process right now
        if (err?.code !== '55006' || attempt > 50) throw err
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100))
      }
    }
  }
  const run = chain.then(create)
  chain = run.catch(() => {})
  await run
  const database = await openDatabase({ url: withName(url, name) })
  return {
    ...database,
    async close() {
      await database.close()
      // pg's pool.end() resolves before its sockets have closed: wait for them to go, so that
      // DROP … WITH (FORCE) does not terminate a connection whose error nobody listens to any more
      await waitForNoConnections(url, name)
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}
