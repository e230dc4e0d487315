import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { MemoryFS, PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import tar from 'tar-stream'
import { type Database, migrate } from '../core/db/index.ts'
import { installOneCallQuery } from '../core/db/pglite-query.ts'

/**
 * The PGlite half of the test templates (templates.ts tells the whole story), in a module that
 * imports only src/core, so that the core's own tests (the database adapter, bulk inserts) can
 * copy the migrated empty database without loading a room: scripts/check-architecture.mjs
 * allows exactly this file to them, and holds it to the core's rule. It keeps this process's
 * tarballs, waits for the run's builder, and builds the empty template; the demo template
 * (the demo city, so the rooms) is built by templates.ts.
 */
export type TemplateKind = 'empty' | 'demo'
export const TEMPLATE_KINDS: TemplateKind[] = ['empty', 'demo']

export const pgliteDatabase = (client: PGlite): Database => ({
  db: drizzlePglite(installOneCallQuery(client)) as unknown as Database['db'],
  kind: 'pglite',
  async close() {
    await client.close()
  },
})

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
export function templateReady(kind: TemplateKind): Promise<void> {
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

/**
 * Settings of the template's cluster, kept in its postgresql.conf and so in every copy. A test
 * database holds a few MB: 16 MB of shared buffers instead of 128 MB, and 1 MB WAL segments
 * instead of 16 MB, make each copy about a third cheaper to start (the 128 MB are cleared at
 * every start, and the tarball to unpack shrinks from 66 MB to 41 MB; 26 MB once the template
 * databases are dropped, below). Nothing the application does depends on either setting.
 */
const TEMPLATE_INITDB = ['--wal-segsize=1']
const TEMPLATE_CONF = ['shared_buffers=16MB', 'min_wal_size=4MB']

/** Checkpoints the cluster, closes it and returns its folder as a tarball. */
export async function dumpTemplate(client: PGlite): Promise<Blob> {
  await client.exec('CHECKPOINT')
  const blob = await client.dumpDataDir('none')
  await client.close()
  return blob
}

/** A new cluster, migrated: the empty template. */
export async function buildEmptyPgliteTemplate(): Promise<Blob> {
  const client = new PGlite({
    extensions: { pg_trgm },
    initDbStartParams: TEMPLATE_INITDB,
    postgresqlconf: TEMPLATE_CONF,
  })
  await client.waitReady
  await migrate(pgliteDatabase(client))
  // A test copy only ever uses its one database: without template0 and template1 a copy
  // unpacks 26 MB instead of 41 MB. (Nothing creates a database on PGlite; on PostgreSQL the
  // test databases are made from templates of their own, see templates.ts.)
  await client.exec('ALTER DATABASE template0 IS_TEMPLATE false; ALTER DATABASE template1 IS_TEMPLATE false')
  await client.exec('DROP DATABASE template0')
  await client.exec('DROP DATABASE template1')
  return dumpTemplate(client)
}

const blobs = new Map<TemplateKind, Promise<Blob>>()
/** Keeps a template built in this process for the next copy (and the next kind). */
export function rememberTemplate(kind: TemplateKind, blob: Blob) {
  blobs.set(kind, Promise.resolve(blob))
}

/**
 * A template's tarball: the run's (KYODO_TEST_TEMPLATES, once its mark is there), else built in
 * this process by `build`, once.
 */
export function templateBlob(
  kind: TemplateKind,
  build: (kind: TemplateKind) => Promise<Blob>,
): Promise<Blob> {
  let p = blobs.get(kind)
  if (!p) {
    const dir = process.env.KYODO_TEST_TEMPLATES
    const file = dir ? path.join(dir, `${kind}.tar`) : ''
    p = templateReady(kind).then(() =>
      file && fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : build(kind),
    )
    blobs.set(kind, p)
  }
  return p
}

/** A template's folder, read once per process: its directories (parents first) and files. */
interface TemplateFiles {
  dirs: string[]
  files: [string, Uint8Array][]
}
const unpacked = new WeakMap<Blob, Promise<TemplateFiles>>()
function filesOf(blob: Blob): Promise<TemplateFiles> {
  let p = unpacked.get(blob)
  if (!p) {
    p = (async () => {
      const dirs = new Set<string>()
      const files: [string, Uint8Array][] = []
      const extract = tar.extract()
      extract.on('entry', (h, stream, next) => {
        const name = h.name.replace(/^\/+/, '').replace(/\/+$/, '')
        const parts = name.split('/')
        for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'))
        if (h.type === 'directory') {
          if (name) dirs.add(name)
          stream.resume()
          stream.on('end', () => next())
          return
        }
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          if (h.type === 'file' || h.type === undefined)
            files.push([name, new Uint8Array(Buffer.concat(chunks))])
          next()
        })
      })
      const done = new Promise<void>((resolve, reject) => {
        extract.on('finish', resolve)
        extract.on('error', reject)
      })
      Readable.from(Buffer.from(await blob.arrayBuffer())).pipe(extract)
      await done
      return { dirs: [...dirs].sort((a, b) => a.split('/').length - b.split('/').length), files }
    })()
    unpacked.set(blob, p)
  }
  return p
}

/**
 * PGlite's in-memory file system, filled with a template's folder before PostgreSQL starts.
 * `loadDataDir` does the same from the tarball on every copy, parsing it and looking up each
 * path's parents again: a copy of the demo city (made and closed) took 280 ms that way and
 * takes 190 ms from files read once per process. PGlite finds the folder and resumes it, as it does a folder on disk. Each copy owns
 * its files (MEMFS copies what it is given), so one copy never sees another's writes.
 */
class TemplateCopyFs extends MemoryFS {
  constructor(private readonly template: TemplateFiles) {
    super()
  }
  override async initialSyncFs() {
    await super.initialSyncFs()
    const mod = (this as unknown as { pg: { Module: { FS: any; ENV?: Record<string, string> } } }).pg.Module
    const FS = mod.FS
    // PGlite sets its PGDATA before the file system syncs; without it the copy would be an empty
    // folder that PGlite initialises afresh, so say so instead
    const root = mod.ENV?.PGDATA
    if (!root)
      throw new Error('PGlite did not say where its cluster lives (ENV.PGDATA): cannot copy a template')
    FS.mkdirTree(root)
    for (const d of this.template.dirs) if (!FS.analyzePath(`${root}/${d}`).exists) FS.mkdir(`${root}/${d}`)
    for (const [name, data] of this.template.files) FS.writeFile(`${root}/${name}`, data)
  }
}

/** A fresh in-memory PGlite client over a copy of a template, with PGlite's own `query`. */
export async function rawPgliteCopy(blob: Blob): Promise<PGlite> {
  const client = new PGlite({ fs: new TemplateCopyFs(await filesOf(blob)), extensions: { pg_trgm } })
  await client.waitReady
  return client
}

/**
 * For the core's tests: a fresh in-memory client holding the migrated empty database (about
 * 0.3 s, where a new cluster is an initdb of 3 s), with PGlite's own `query`.
 */
export async function emptyPgliteCopy(): Promise<PGlite> {
  return rawPgliteCopy(await templateBlob('empty', () => buildEmptyPgliteTemplate()))
}
