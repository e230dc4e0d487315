/**
 * Candidates for matching: the derived term index of published groups (matching_group_terms,
 * this room's table) and the prefilter that cuts tens of thousands of groups to a few hundred.
 * The groups themselves are read only through src/features/groups/index.ts (their columns,
 * ids sharing a field or an area, groups whose text changed since indexing). Only groups with
 * status 'published' are candidates; suspended, archived, unpublished groups are never suggested.
 */
import { createHash } from 'node:crypto'
import { inArray, sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { inCity } from '../../core/db/tenant.ts'
import {
  type GroupRow,
  getGroups,
  publishedGroupIdsSharing,
  publishedGroupsWhereNot,
} from '../groups/index.ts'
import { groupTerms } from './schema.ts'
import { terms, textReady } from './text.ts'

export type { GroupRow }

/** The text of a group that matching reads. */
export const groupText = (
  g: Pick<GroupRow, 'name' | 'purpose' | 'activities' | 'expertise' | 'wantsToDo' | 'trackRecord'>,
) => [g.name, g.purpose, g.activities, g.expertise, g.wantsToDo, g.trackRecord].filter(Boolean).join('\n')

const hashOf = (g: GroupRow) => createHash('sha1').update(groupText(g)).digest('base64').slice(0, 16)

async function indexRows(ctx: Ctx, rows: GroupRow[]) {
  if (!rows.length) return
  await textReady()
  const values = rows.map((g) => ({
    groupId: g.id,
    municipalityId: ctx.tenantId,
    terms: [...new Set(terms(groupText(g)))],
    trackTerms: [...new Set(terms(g.trackRecord))],
    sourceHash: hashOf(g),
    indexedAt: new Date(),
  }))
  for (let i = 0; i < values.length; i += 500) {
    await ctx.db
      .insert(groupTerms)
      .values(values.slice(i, i + 500))
      .onConflictDoUpdate({
        target: groupTerms.groupId,
        set: {
          terms: sql`excluded.terms`,
          trackTerms: sql`excluded.track_terms`,
          sourceHash: sql`excluded.source_hash`,
          indexedAt: sql`excluded.indexed_at`,
        },
      })
  }
}

const lastSync = new Map<string, number>()
/** Seconds between two automatic refreshes of a city's term index (0 in tests). */
export let SYNC_INTERVAL_MS = 5_000
export const setSyncInterval = (ms: number) => {
  SYNC_INTERVAL_MS = ms
}

/**
 * Bring the term index up to date: groups never indexed, or active since they were indexed.
 * Cheap when nothing changed; throttled per city. The lead may also call it from a scheduler.
 */
export async function syncGroupTerms(ctx: Ctx, opts: { force?: boolean } = {}) {
  const now = Date.now()
  if (!opts.force && now - (lastSync.get(ctx.tenantId) ?? 0) < SYNC_INTERVAL_MS) return 0
  lastSync.set(ctx.tenantId, now)
  let done = 0
  for (;;) {
    const stale = await publishedGroupsWhereNot(
      ctx,
      (g) =>
        sql`exists (select 1 from ${groupTerms} where ${groupTerms.groupId} = ${g.id} and ${groupTerms.indexedAt} >= ${g.lastActivityAt})`,
      2000,
    )
    if (!stale.length) break
    await indexRows(ctx, stale)
    done += stale.length
    if (stale.length < 2000) break
  }
  return done
}

export type Candidate = GroupRow & { terms: string[]; trackTerms: string[] }

/**
 * Published groups that share a field, an area or a term with the query, ranked in SQL by a
 * rough overlap and cut to `limit`. Rows whose text changed since indexing are re-read.
 */
export async function prefilterGroups(
  ctx: Ctx,
  q: { fields: string[]; areaIds: string[]; terms: string[]; limit?: number; excludeIds?: string[] },
): Promise<Candidate[]> {
  const t0 = performance.now()
  await syncGroupTerms(ctx)
  if (process.env.KYODO_MATCH_PROFILE) console.log(`  sync ${(performance.now() - t0).toFixed(0)} ms`)
  const t = sql`${`{${q.terms.map(pgEscape).join(',')}}`}::text[]`
  // Step 1: ids from index-driven sets only (shared field and area/citywide; shared field — both
  // from the groups room; shared specific term, from this room's index), each bounded. Step 2:
  // those rows by primary key. The rank is in TypeScript.
  // The term set is a MATERIALIZED CTE on the GIN index alone: given the city condition too, the
  // planner prefers the city's btree and filters every row of the city (300 ms at 50,000 groups).
  const [shared, termRows] = await Promise.all([
    publishedGroupIdsSharing(ctx, { fields: q.fields, areaIds: q.areaIds, limit: q.limit ?? 300 }),
    q.terms.length
      ? (ctx.db.execute(sql`
      with tm as materialized (select group_id, municipality_id from matching_group_terms where terms && ${t})
      select group_id as id from tm where municipality_id = ${ctx.tenantId} limit 1000
  `) as Promise<any>)
      : Promise.resolve([]),
  ])
  const ids = [...new Set([...shared, ...((termRows.rows ?? termRows) as { id: string }[]).map((r) => r.id)])]
  if (process.env.KYODO_MATCH_PROFILE)
    console.log(`  ids ${ids.length} ${(performance.now() - t0).toFixed(0)} ms`)
  if (!ids.length) return []
  const list = (await candidatesByIds(ctx, ids)).filter((c) => !q.excludeIds?.includes(c.id))
  if (process.env.KYODO_MATCH_PROFILE) console.log(`  rows ${(performance.now() - t0).toFixed(0)} ms`)
  const qt = new Set(q.terms)
  const rank = (c: Candidate) =>
    3 * c.fields.filter((x) => q.fields.includes(x)).length +
    (c.areaIds.some((x) => q.areaIds.includes(x)) ? 1 : 0) +
    c.terms.filter((x) => qt.has(x)).length * 2
  return list
    .map((c) => ({ c, r: rank(c) }))
    .sort((x, y) => y.r - x.r || y.c.disclosureLevel - x.c.disclosureLevel)
    .slice(0, q.limit ?? 300)
    .map((x) => x.c)
}

/**
 * Published groups by ids with their indexed terms (re-read and re-indexed when their text
 * changed since indexing). Groups not published are left out.
 */
export async function candidatesByIds(ctx: Ctx, ids: string[]): Promise<Candidate[]> {
  if (!ids.length) return []
  const [groupRows, indexed] = await Promise.all([
    getGroups(ctx, ids),
    ctx.db
      .select()
      .from(groupTerms)
      .where(inCity(ctx, groupTerms, inArray(groupTerms.groupId, ids))),
  ])
  const byGroup = new Map(indexed.map((r) => [r.groupId, r]))
  const list: Candidate[] = []
  const stale: GroupRow[] = []
  for (const g of groupRows) {
    if (g.status !== 'published') continue
    const r = byGroup.get(g.id)
    const fresh = !!r?.sourceHash && r.sourceHash === hashOf(g)
    if (!fresh) stale.push(g)
    list.push({
      ...g,
      terms: fresh ? r!.terms : [...new Set(terms(groupText(g)))],
      trackTerms: fresh ? r!.trackTerms : [...new Set(terms(g.trackRecord))],
    })
  }
  if (stale.length) await indexRows(ctx, stale)
  return list
}

const pgEscape = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** Document frequency of terms among this city's indexed groups, cached for ten minutes. */
const dfCache = new Map<string, { at: number; n: number; df: Map<string, number> }>()
export async function termDocFreq(ctx: Ctx, list: string[]): Promise<{ n: number; df: Map<string, number> }> {
  let entry = dfCache.get(ctx.tenantId)
  if (!entry || Date.now() - entry.at > 600_000) {
    const r = (await ctx.db.execute(
      sql`select count(*)::int as n from matching_group_terms where municipality_id = ${ctx.tenantId}`,
    )) as any
    entry = { at: Date.now(), n: Number((r.rows ?? r)[0].n), df: new Map() }
    dfCache.set(ctx.tenantId, entry)
  }
  const missing = [...new Set(list)].filter((t) => !entry!.df.has(t))
  if (missing.length) {
    const arr = sql`${`{${missing.map(pgEscape).join(',')}}`}::text[]`
    const r = (await ctx.db.execute(sql`
      select q as term, (select count(*)::int from matching_group_terms m
        where m.municipality_id = ${ctx.tenantId} and m.terms @> array[q]) as df
      from unnest(${arr}) as q`)) as any
    for (const row of r.rows ?? r) entry.df.set(row.term, Number(row.df))
  }
  return { n: entry.n, df: entry.df }
}

/** Forget cached frequencies (tests, after bulk loads). */
export function resetMatchingCaches() {
  dfCache.clear()
  lastSync.clear()
}
