import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { sql } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
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
    const db = drizzlePg(pool) as unknown as Db
    return { db, kind: 'postgres', close: () => pool.end() }
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
  const db = drizzlePglite(client) as unknown as Db
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
 * The lock file holds the owner's pid; a lock left by a dead process is taken over.
 */
export function acquireLock(file: string): () => void {
  try {
    fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
  } catch (err: any) {
    if (err.code !== 'EEXIST') throw err
    const pid = Number(fs.readFileSync(file, 'utf8'))
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The data folder ${path.dirname(file)} is in use by another Kyodo process (pid ${pid}). ` +
          'Stop it first, or set KYODO_DATA_DIR to another folder. (データフォルダは別のプロセスが使用中です)',
      )
    }
    fs.writeFileSync(file, String(process.pid))
  }
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file)
    } catch {
      // already gone
    }
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
  if (database.kind === 'postgres') await migratePg(database.db as any, { migrationsFolder })
  else await migratePglite(database.db as any, { migrationsFolder })
}

/** Rows of a raw SQL query, whichever driver runs it. */
export async function rows<T = Record<string, unknown>>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const res: any = await db.execute(query)
  return (Array.isArray(res) ? res : res.rows) as T[]
}
