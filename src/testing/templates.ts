import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { loadConfig } from '../core/config.ts'
import { type Database, migrate, openDatabase } from '../core/db/index.ts'
import { loadDemo } from '../demo/index.ts'
import {
  buildEmptyPgliteTemplate,
  dumpTemplate,
  markTemplateReady,
  pgliteDatabase,
  rawPgliteCopy,
  rememberTemplate,
  TEMPLATE_KINDS,
  type TemplateKind,
  templateBlob,
  templateReady,
} from './pglite-templates.ts'

/**
 * Databases for tests are cloned, not built: the migrated empty database and the small demo
 * city are built once (per test run by scripts/run-tests.mjs, or once per process when a file
 * is run alone) and every test app gets its own copy.
 *   PGlite:     a data-dir tarball (dumpDataDir) loaded with `new PGlite({ loadDataDir })`.
 *   PostgreSQL: template databases; each test app is `CREATE DATABASE x TEMPLATE t`.
 * KYODO_TEST_TEMPLATES names the folder holding empty.tar and demo.tar (PGlite), and
 * KYODO_TEST_PG_TEMPLATE the prefix of the template databases (<prefix>_empty, <prefix>_demo).
 */
export { TEMPLATE_KINDS, type TemplateKind }

const quiet = () => loadConfig({ KYODO_DEMO: '0', LOG_LEVEL: 'silent' })

async function fill(database: Database, kind: TemplateKind) {
  await migrate(database)
  if (kind === 'demo') await loadDemo(database, quiet(), { size: 'small' })
}

/**
 * Builds one PGlite template and returns its tarball. The empty one is a new cluster, migrated
 * (pglite-templates.ts); the demo one is a copy of the empty one with the small demo city loaded
 * (no second migration).
 */
export async function buildPgliteTemplate(kind: TemplateKind): Promise<Blob> {
  if (kind === 'empty') return buildEmptyPgliteTemplate()
  const client = await rawPgliteCopy(await pgliteTemplate('empty'))
  await loadDemo(pgliteDatabase(client), quiet(), { size: 'small' })
  return dumpTemplate(client)
}

export async function writePgliteTemplates(dir: string) {
  fs.mkdirSync(dir, { recursive: true })
  for (const kind of TEMPLATE_KINDS) {
    // always built afresh (never read from KYODO_TEST_TEMPLATES); kept for the next kind, the demo
    // template being a copy of the empty one
    const blob = await buildPgliteTemplate(kind)
    rememberTemplate(kind, blob)
    fs.writeFileSync(path.join(dir, `${kind}.tar`), Buffer.from(await blob.arrayBuffer()))
    markTemplateReady(kind)
  }
}

export const pgliteTemplate = (kind: TemplateKind): Promise<Blob> => templateBlob(kind, buildPgliteTemplate)

/** A fresh in-memory PGlite holding a copy of the template (in memory: nothing to flush on close). */
export async function clonePglite(kind: TemplateKind): Promise<Database> {
  return pgliteDatabase(await rawPgliteCopy(await pgliteTemplate(kind)))
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
