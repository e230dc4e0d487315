import fs from 'node:fs'
import { sql } from 'drizzle-orm'
import { type Database, rows } from './index.ts'

/**
 * A logical backup that works the same on PGlite and PostgreSQL: every table as JSON lines.
 * Restoring into an empty, migrated database reproduces the data (a PGlite upgrade path too).
 */
/** Every table of the database (read from the catalogue, so every feature room's tables are in). */
async function tables(database: Database): Promise<string[]> {
  const r = await rows<{ name: string }>(
    database.db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )
  return r.map((x) => x.name)
}

export async function backup(database: Database, file: string): Promise<number> {
  const out = fs.createWriteStream(file)
  let n = 0
  out.write(`${JSON.stringify({ kyodoBackup: 1, at: new Date().toISOString(), database: database.kind })}\n`)
  for (const name of await tables(database)) {
    const data = await rows(database.db, sql`SELECT row_to_json(t) AS r FROM ${sql.identifier(name)} t`)
    for (const r of data) {
      out.write(`${JSON.stringify({ t: name, r: (r as any).r })}\n`)
      n++
    }
  }
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())))
  return n
}

export async function restore(database: Database, file: string): Promise<number> {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)
  const head = JSON.parse(lines[0])
  if (head.kyodoBackup !== 1) throw new Error('not a Kyodo backup file')
  const known = new Set(await tables(database))
  let n = 0
  await database.db.transaction(async (tx) => {
    // Tables come in alphabetical order, not in the order of their foreign keys (migration 0008):
    // the keys are DEFERRABLE, so they are checked once, at commit, on the whole restored data.
    await tx.execute(sql`SET CONSTRAINTS ALL DEFERRED`)
    for (const line of lines.slice(1)) {
      const { t, r } = JSON.parse(line)
      if (!known.has(t)) throw new Error(`unknown table in backup: ${t}`)
      await tx.execute(
        sql`INSERT INTO ${sql.identifier(t)} SELECT * FROM json_populate_record(NULL::${sql.identifier(t)}, ${JSON.stringify(r)}::json)`,
      )
      n++
    }
    // bigserial sequences follow the restored ids
    await tx.execute(
      sql`SELECT setval(pg_get_serial_sequence('audit_log', 'id'), coalesce((SELECT max(id) FROM audit_log), 0) + 1, false)`,
    )
  })
  return n
}
