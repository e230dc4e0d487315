import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { type SQL, sql } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import { installOneCallQuery } from './pglite-query.ts'
/** The database handle every service receives; the same type for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>
export type DbKind = 'pglite' | 'postgres'

export interface Database {
  db: Db
  kind: DbKind
  /** Flush and close (PGlite: CHECKPOINT first). */
  close(): Promise<void>
}

const here = path.dirname(fileURLToPath(import.meta.url))
export const migrationsFolder = path.resolve(here, '../../../drizzle')

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string
  /** PGlite folder, or 'memory' for an in-memory database (tests). */
  dataDir?: string
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: Number(process.env.KYODO_PG_POOL ?? 10) })
    // An idle client whose server connection drops (a restart, a DROP DATABASE ... WITH
    // (FORCE)) emits 'error' on the pool; without a listener that is an uncaught exception
    // that ends the process. The pool replaces the client on the next checkout.
    pool.on('error', (err) => console.error(`database: an idle connection failed: ${err.message}`))
    const db = drizzlePg(pool) as unknown as Db
    const close = async () => {
      // pool.end() resolves once every client has been asked to end, not once they have;
      // wait for each 'remove' so a caller may drop the database right after.
      const open = pool.totalCount
      let removed = 0
      const gone = new Promise<void>((resolve) => {
        if (open === 0) resolve()
        pool.on('remove', () => {
          if (++removed >= open) resolve()
        })
      })
      await pool.end()
      // A client still checked out (a leaked transaction) must not hang shutdown.
      await Promise.race([gone, new Promise<void>((r) => setTimeout(r, 5000).unref())])
    }
    return { db, kind: 'postgres', close }
  }
  const dir = opts.dataDir ?? './data'
  let release = () => {}
  let client: PGlite
  if (dir === 'memory') {
    client = new PGlite({ extensions: { pg_trgm } })
  } else {
    const pgdata = path.resolve(dir, 'pgdata')
    fs.mkdirSync(pgdata, { recursive: true })
    release = acquireLock(path.resolve(dir, 'kyodo.lock'))
    client = new PGlite(pgdata, { extensions: { pg_trgm } })
  }
  await client.waitReady
  const db = drizzlePglite(installOneCallQuery(client)) as unknown as Db
  return {
    db,
    kind: 'pglite',
    async close() {
      try {
        await client.exec('CHECKPOINT')
      } catch {
        // closing anyway
      }
      await client.close()
      release()
    },
  }
}

/**
 * PGlite is one process over a folder: a second process opening it would corrupt it.
 * The lock file holds the owner's pid, the process's start time (Linux: /proc/<pid>/stat field
 * 22) and a random instance id. A lock is stale when that pid is dead, or alive but started at
 * another time (the pid was reused by an unrelated process after a crash or a reboot). An old
 * lock holding only a pid counts as held while that pid lives.
 */
export function acquireLock(file: string): () => void {
  const mine = JSON.stringify({
    pid: process.pid,
    start: processStartTime(process.pid),
    id: randomBytes(8).toString('hex'),
  })
  try {
    fs.writeFileSync(file, mine, { flag: 'wx' })
  } catch (err: any) {
    if (err.code !== 'EEXIST') throw err
    const held = readLock(file)
    if (held.pid && held.pid !== process.pid && lockHolderAlive(held)) {
      throw new Error(
        `The data folder ${path.dirname(file)} is in use by another Kyodo process (pid ${held.pid}). ` +
          'Stop it first, or set KYODO_DATA_DIR to another folder. (データフォルダは別のプロセスが使用中です)',
      )
    }
    fs.writeFileSync(file, mine)
  }
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file)
    } catch {
      // already gone
    }
  }
}

function readLock(file: string): { pid: number; start: string | null } {
  const text = fs.readFileSync(file, 'utf8').trim()
  try {
    const j = JSON.parse(text)
    if (j && typeof j === 'object')
      return { pid: Number(j.pid) || 0, start: typeof j.start === 'string' ? j.start : null }
  } catch {
    // the old format: only the pid
  }
  return { pid: Number(text) || 0, start: null }
}

function lockHolderAlive(held: { pid: number; start: string | null }): boolean {
  if (!isAlive(held.pid)) return false
  if (held.start === null) return true
  const now = processStartTime(held.pid)
  return now === null || now === held.start
}

/** A process's start time in clock ticks since boot (Linux), or null where it cannot be read. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // the command name (field 2) may hold spaces and parentheses: count from the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e: any) {
    return e.code === 'EPERM'
  }
}

export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    try {
      await migratePg(database.db as any, { migrationsFolder })
    } catch (e: any) {
      // 42501 insufficient_privilege: connected as the application role (app-role.ts)
      if ((e?.cause?.code ?? e?.code) === '42501')
        throw new Error(
          'This database role may not run migrations (it is not the owner of the tables). Set ' +
            "KYODO_MIGRATE_DATABASE_URL to the owner's URL. (マイグレーションはテーブルの所有者で実行してください)",
          { cause: e },
        )
      throw e
    }
  } else await migratePglite(database.db as any, { migrationsFolder })
}

/**
 * Migrations as the owner of the tables: through `ownerUrl` (KYODO_MIGRATE_DATABASE_URL) when the
 * application connects as a role that may only read and write rows (app-role.ts), else through
 * the application's own connection.
 */
export async function migrateAsOwner(database: Database, ownerUrl?: string): Promise<void> {
  if (!ownerUrl || database.kind !== 'postgres') return migrate(database)
  const owner = await openDatabase({ url: ownerUrl })
  try {
    await migrate(owner)
  } finally {
    await owner.close()
  }
}

/** Rows of a raw SQL query, whichever driver runs it. */
export async function rows<T = Record<string, unknown>>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const res: any = await db.execute(query)
  return (Array.isArray(res) ? res : res.rows) as T[]
}

/** The number one scalar query answers (`SELECT (q)`: a count), whichever driver runs it. */
export async function countOf(db: Db, q: SQL): Promise<number> {
  const [r] = await rows<{ n: number | string | null }>(db, sql`SELECT (${q})::int AS n`)
  return Number(r?.n ?? 0)
}
