import { getTableColumns, getTableName, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Db } from './index.ts'

/**
 * Insert many rows with one parameter per chunk: the rows travel as one JSON document and
 * PostgreSQL expands them (`jsonb_populate_recordset`), so neither the query builder nor the
 * driver handles tens of parameters per row. Same result as `db.insert(table).values(rows)`
 * for plain columns (text, numbers, booleans, timestamps, arrays, jsonb); columns not given keep
 * their defaults. Every row must give the same columns. Works on PGlite and PostgreSQL, inside a
 * transaction or not.
 */
export async function insertMany<T extends PgTable>(
  db: Db,
  table: T,
  rows: T['$inferInsert'][],
  opts: { chunk?: number; onChunk?: (done: number) => void | Promise<void> } = {},
): Promise<void> {
  if (rows.length === 0) return
  const chunk = opts.chunk ?? 2000
  for (let i = 0; i < rows.length; i += chunk) {
    const { names, docs } = rowDocs(table, rows.slice(i, i + chunk))
    const list = sql.raw(names.map((n) => `"${n}"`).join(', '))
    const name = sql.raw(`"${getTableName(table)}"`)
    await db.execute(
      sql`INSERT INTO ${name} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${name}, ${JSON.stringify(docs)}::jsonb)`,
    )
    if (opts.onChunk) await opts.onChunk(Math.min(i + chunk, rows.length))
  }
}

/**
 * Rows as JSON documents keyed by column name (dates as ISO text), and the column names they give:
 * what `jsonb_populate_recordset` reads. Every row must give the same columns.
 */
export function rowDocs<T extends PgTable>(
  table: T,
  rows: T['$inferInsert'][],
): { names: string[]; docs: Record<string, unknown>[] } {
  if (rows.length === 0) return { names: [], docs: [] }
  const columns = getTableColumns(table) as Record<string, { name: string }>
  const keys = Object.keys(rows[0] as object).filter(
    (k) => (rows[0] as Record<string, unknown>)[k] !== undefined && columns[k],
  )
  for (const k of Object.keys(rows[0] as object))
    if (!columns[k]) throw new Error(`insertMany: ${getTableName(table)} has no column ${k}`)
  const names = keys.map((k) => columns[k].name)
  const docs = rows.map((r) => {
    const row = r as Record<string, unknown>
    const o: Record<string, unknown> = {}
    let given = 0
    for (const k in row) if (row[k] !== undefined) given++
    if (given !== keys.length)
      throw new Error(`insertMany: every row must give the same columns (${keys.join(', ')})`)
    for (let j = 0; j < keys.length; j++) {
      const v = row[keys[j]]
      if (v === undefined)
        throw new Error(`insertMany: every row must give the same columns (${keys.join(', ')})`)
      o[names[j]] = v instanceof Date ? v.toISOString() : v
    }
    return o
  })
  return { names, docs }
}
