import { and, eq, type SQL } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Ctx } from '../context.ts'
import type { Db } from './index.ts'

/**
 * The city filter, applied in one place. Every table that holds a city's data has
 * `municipality_id`; every query, update and delete of a use case goes through these helpers so
 * that no statement can touch another city's rows, and every use case that writes more than one
 * row runs in one transaction (`inTransaction`).
 */

type TenantTable = PgTable & { municipalityId: AnyPgColumn; id?: AnyPgColumn }

/** `municipality_id = <this city>` and the other conditions given. */
export function inCity(ctx: Pick<Ctx, 'tenantId'>, table: TenantTable, ...conds: (SQL | undefined)[]): SQL {
  return and(eq(table.municipalityId, ctx.tenantId), ...conds) as SQL
}

/** One row of this city by id. */
export function byId(ctx: Pick<Ctx, 'tenantId'>, table: TenantTable & { id: AnyPgColumn }, id: string): SQL {
  return inCity(ctx, table, eq(table.id, id))
}

const TX = Symbol.for('kyodo.tx')

/**
 * Run a use case in one transaction: `fn` receives a context whose `db` is the transaction, so
 * every write (and its audit row) commits together or not at all. Nested calls join the outer
 * transaction.
 */
export async function inTransaction<C extends { db: Db }, T>(ctx: C, fn: (tx: C) => Promise<T>): Promise<T> {
  if ((ctx as Record<symbol, unknown>)[TX]) return fn(ctx)
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx as unknown as Db, [TX]: true }))
}

/** Whether this context is inside `inTransaction` (for tests and assertions). */
export const isInTransaction = (ctx: object) => !!(ctx as Record<symbol, unknown>)[TX]
