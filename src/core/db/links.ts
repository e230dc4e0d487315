import { and, eq, getTableColumns, getTableName, inArray, is, type SQL, sql, Table } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Ctx } from '../context.ts'
import { insertMany } from './bulk.ts'
import type { Db } from './index.ts'
import { inTransaction } from './tenant.ts'

/**
 * Join tables of a city (docs/decisions/0007-foreign-keys-by-city.md): each row links an owner row
 * (a group, a need, an offer…) to a target row (an area, a plan) of the same city. The table's
 * primary key is (municipality_id, owner, target) and both sides are composite foreign keys that
 * include municipality_id, so the database refuses a link to another city's row. These helpers
 * read a row's set of links as one `uuid[]` (what the arrays used to give) and replace it.
 */
export interface Links {
  table: PgTable & { municipalityId: AnyPgColumn }
  /** the owner column (e.g. group_areas.group_id) */
  owner: AnyPgColumn
  /** the target column (e.g. group_areas.area_id) */
  target: AnyPgColumn
}

type C = Pick<Ctx, 'db' | 'tenantId'>

/** A join table's description for these helpers. */
export function links(table: Links['table'], owner: AnyPgColumn, target: AnyPgColumn): Links {
  return { table, owner, target }
}

/** The property names (in the table object) of the owner and target columns. */
function keysOf(l: Links): { owner: string; target: string } {
  const cols = getTableColumns(l.table) as Record<string, AnyPgColumn>
  const find = (c: AnyPgColumn) => {
    const k = Object.keys(cols).find((x) => cols[x] === c)
    if (!k) throw new Error(`links: column ${c.name} is not in ${getTableName(l.table)}`)
    return k
  }
  return { owner: find(l.owner), target: find(l.target) }
}

/** A uuid[] or text[] as JS: node-postgres gives an array, other drivers may give the text form `{a,b}`. */
export function uuidArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String)
  if (typeof v === 'string' && v.startsWith('{'))
    return v
      .slice(1, -1)
      .split(',')
      .filter(Boolean)
      .map((x) => x.replace(/^"|"$/g, ''))
  return []
}

/** The outer row a correlated subquery refers to: a table (qualified by its name) or raw SQL (an alias). */
type Owner = (PgTable & { municipalityId: AnyPgColumn; id: AnyPgColumn }) | { municipalityId: SQL; id: SQL }

/**
 * The outer row's municipality_id and id, written "table"."column": drizzle leaves the columns of a
 * one-table select unqualified, and inside the subquery an unqualified name would be the join
 * table's own column.
 */
function outer(owner: Owner): { municipalityId: SQL; id: SQL } {
  if (!is(owner, Table)) return owner as { municipalityId: SQL; id: SQL }
  const t = owner as PgTable & { municipalityId: AnyPgColumn; id: AnyPgColumn }
  const q = (c: AnyPgColumn) => sql`${sql.identifier(getTableName(t))}.${sql.identifier(c.name)}`
  return { municipalityId: q(t.municipalityId), id: q(t.id) }
}

/**
 * The ids linked to the current row of `owner` (a correlated subquery, distinct, sorted by id; '{}'
 * when none), for a select list: `areaIds: linkedIds(groupAreas, groups)`. `owner` is the table of
 * the outer query (or, for raw SQL with an alias, its municipality_id and id as SQL).
 */
export function linkedIds(l: Links, owner: Owner): SQL<string[]> {
  const t = sql.identifier(getTableName(l.table))
  const target = sql.identifier(l.target.name)
  const ownerCol = sql.identifier(l.owner.name)
  const o = outer(owner)
  // distinct and not null: a join table has neither duplicates nor nulls, but a table whose rows
  // only sometimes name a target (project_partners.group_id) may be read the same way
  return sql<string[]>`coalesce((select array_agg(distinct x.${target} order by x.${target}) from ${t} x
      where x.municipality_id = ${o.municipalityId} and x.${ownerCol} = ${o.id}
      and x.${target} is not null), '{}'::uuid[])`.mapWith(uuidArray)
}

/** `EXISTS` a link from the current `owner` row to one of `ids` (for WHERE clauses). */
export function linksAny(l: Links, owner: Owner, ids: readonly string[]): SQL {
  const t = sql.identifier(getTableName(l.table))
  const target = sql.identifier(l.target.name)
  const ownerCol = sql.identifier(l.owner.name)
  const o = outer(owner)
  return sql`exists (select 1 from ${t} x where x.municipality_id = ${o.municipalityId}
      and x.${ownerCol} = ${o.id} and x.${target} = any(${`{${ids.join(',')}}`}::uuid[]))`
}

/** A set of ids as the join table gives it back: distinct, sorted (uuid order is text order). */
export const idSet = (ids: readonly string[]): string[] => [...new Set(ids)].sort()

/**
 * Ids of a set in the order of the city's list they come from (areas by their sort order): the join
 * tables give sets sorted by id, pages and exports show them as the city lists them. Ids not in the
 * list go last.
 */
export function inListOrder(ids: readonly string[], list: Iterable<string>): string[] {
  const place = new Map<string, number>()
  let i = 0
  for (const id of list) place.set(id, i++)
  return [...ids].sort((a, b) => (place.get(a) ?? i) - (place.get(b) ?? i))
}

/** The links of several owners of this city: owner id → target ids (sorted; owners without links absent). */
export async function linksOf(ctx: C, l: Links, ownerIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (!ownerIds.length) return out
  const r = (await ctx.db
    .select({ owner: l.owner, target: l.target })
    .from(l.table)
    .where(and(eq(l.table.municipalityId, ctx.tenantId), inArray(l.owner, [...new Set(ownerIds)])))
    .orderBy(l.target)) as { owner: string; target: string }[]
  for (const x of r) {
    const list = out.get(x.owner)
    if (list) list.push(x.target)
    else out.set(x.owner, [x.target])
  }
  return out
}

/** Link rows of this city for `insertMany` or `db.insert(l.table).values(…)`: one per distinct target. */
export function linkRows(ctx: Pick<Ctx, 'tenantId'>, l: Links, ownerId: string, ids: readonly string[]) {
  const k = keysOf(l)
  return [...new Set(ids)].map((id) => ({ municipalityId: ctx.tenantId, [k.owner]: ownerId, [k.target]: id }))
}

/**
 * Replace the owner row's set of links by `ids` (duplicates dropped): the links no longer given
 * go, the new ones are added, the others stay. Call it inside the use case's transaction
 * (`inTransaction`), next to the write of the owner row; called alone it runs in its own. An id
 * of another city's row, or of no row, is refused by the foreign key and nothing changes.
 */
export async function setLinks(ctx: C, l: Links, ownerId: string, ids: readonly string[]): Promise<void> {
  const want = [...new Set(ids)]
  const own = and(eq(l.table.municipalityId, ctx.tenantId), eq(l.owner, ownerId))
  await inTransaction(ctx, async (tx) => {
    const have = (
      (await tx.db.select({ target: l.target }).from(l.table).where(own)) as { target: string }[]
    ).map((r) => r.target)
    const gone = have.filter((x) => !want.includes(x))
    const added = want.filter((x) => !have.includes(x))
    if (gone.length) await tx.db.delete(l.table).where(and(own, inArray(l.target, gone)))
    if (added.length) await tx.db.insert(l.table).values(linkRows(tx, l, ownerId, added) as never)
  })
}

/** Insert the links of many new owners at once (imports, seeds): owner id → target ids. */
export async function insertLinks(
  db: Db,
  ctx: Pick<Ctx, 'tenantId'>,
  l: Links,
  byOwner: Iterable<readonly [string, readonly string[]]>,
  opts: { chunk?: number } = {},
): Promise<void> {
  const list = [...byOwner].flatMap(([owner, ids]) => linkRows(ctx, l, owner, ids))
  await insertMany(db, l.table, list as never, { chunk: opts.chunk ?? 5000 })
}
