/**
 * Reading groups for matching.
 *
 * DOCUMENTED EXCEPTION (docs/decisions/0004-matching.md): the rule is "a feature never reads
 * another feature's tables", but matching must rank tens of thousands of groups in SQL, which
 * the groups service cannot do for it. So this module, and only this module, selects from the
 * groups feature's `groups` table the columns below (they exist in src/features/groups/schema.ts)
 * and the user ids of `group_members`. It never writes them. Only groups with status
 * 'published' are candidates; suspended, archived, unpublished groups are never suggested.
 */
import { createHash } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { groupMembers, groups } from '../groups/schema.ts'
import { groupTerms } from './schema.ts'
import { terms, textReady } from './text.ts'

export const candidateColumns = {
  id: groups.id,
  municipalityId: groups.municipalityId,
  name: groups.name,
  nameKana: groups.nameKana,
  fields: groups.fields,
  areaIds: groups.areaIds,
  citywide: groups.citywide,
  purpose: groups.purpose,
  activities: groups.activities,
  expertise: groups.expertise,
  resources: groups.resources,
  trackRecord: groups.trackRecord,
  wantsToDo: groups.wantsToDo,
  wantsCollaboration: groups.wantsCollaboration,
  status: groups.status,
  disclosureLevel: groups.disclosureLevel,
  lastActivityAt: groups.lastActivityAt,
}

export type GroupRow = {
  id: string
  municipalityId: string
  name: string
  nameKana: string
  fields: string[]
  areaIds: string[]
  citywide: boolean
  purpose: string
  activities: string
  expertise: string
  resources: string[]
  trackRecord: string
  wantsToDo: string
  wantsCollaboration: boolean
  status: string
  disclosureLevel: number
  lastActivityAt: Date
}

/** The text of a group that matching reads. */
export const groupText = (
  g: Pick<GroupRow, 'name' | 'purpose' | 'activities' | 'expertise' | 'wantsToDo' | 'trackRecord'>,
) => [g.name, g.purpose, g.activities, g.expertise, g.wantsToDo, g.trackRecord].filter(Boolean).join('\n')

const hashOf = (g: GroupRow) => createHash('sha1').update(groupText(g)).digest('base64').slice(0, 16)

/** One group of this city (any status), or null. */
export async function getGroup(ctx: Ctx, id: string): Promise<GroupRow | null> {
  const [g] = await ctx.db
    .select(candidateColumns)
    .from(groups)
    .where(and(eq(groups.municipalityId, ctx.tenantId), eq(groups.id, id)))
  return (g as GroupRow) ?? null
}

export async function getGroups(ctx: Ctx, ids: string[]): Promise<GroupRow[]> {
  if (!ids.length) return []
  return (await ctx.db
    .select(candidateColumns)
    .from(groups)
    .where(and(eq(groups.municipalityId, ctx.tenantId), inArray(groups.id, ids)))) as GroupRow[]
}

/** Published groups by name (for choosing a group in forms), at most `limit`. */
export async function publishedGroups(ctx: Ctx, limit = 2000) {
  return ctx.db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(eq(groups.municipalityId, ctx.tenantId), eq(groups.status, 'published')))
    .orderBy(groups.nameKana)
    .limit(limit)
}

/** User ids of a group's members (owners and editors), for notifications. */
export async function groupMemberIds(ctx: Ctx, groupId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ userId: groupMembers.userId })
    .from(groupMembers)
    .where(and(eq(groupMembers.municipalityId, ctx.tenantId), eq(groupMembers.groupId, groupId)))
  return rows.map((r) => r.userId)
}

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
    const stale = (await ctx.db
      .select(candidateColumns)
      .from(groups)
      .leftJoin(groupTerms, eq(groupTerms.groupId, groups.id))
      .where(
        and(
          eq(groups.municipalityId, ctx.tenantId),
          eq(groups.status, 'published'),
          sql`(${groupTerms.groupId} is null or ${groupTerms.indexedAt} < ${groups.lastActivityAt})`,
        ),
      )
      .limit(2000)) as GroupRow[]
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
  const f = sql`${`{${q.fields.map(pgEscape).join(',')}}`}::text[]`
  const a = sql`${`{${q.areaIds.join(',')}}`}::uuid[]`
  const t = sql`${`{${q.terms.map(pgEscape).join(',')}}`}::text[]`
  // Step 1: ids from index-driven sets only (shared field and area/citywide; shared field;
  // shared specific term), each bounded. Step 2: those rows by primary key. The rank is in TypeScript.
  // The term set is a MATERIALIZED CTE on the GIN index alone: given the city condition too, the
  // planner prefers the city's btree and filters every row of the city (300 ms at 50,000 groups).
  const idRows = (await ctx.db.execute(sql`
      with tm as materialized (select group_id, municipality_id from matching_group_terms where terms && ${t})
      (select id from groups where municipality_id = ${ctx.tenantId} and status = 'published' and fields && ${f}
        and (area_ids && ${a} or citywide) limit ${q.limit ?? 300})
      union
      (select id from groups where municipality_id = ${ctx.tenantId} and status = 'published' and fields && ${f}
        limit 100)
      union
      (select group_id from tm where municipality_id = ${ctx.tenantId} limit 1000)
  `)) as any
  const ids = ((idRows.rows ?? idRows) as { id: string }[]).map((r) => r.id)
  if (process.env.KYODO_MATCH_PROFILE)
    console.log(`  ids ${ids.length} ${(performance.now() - t0).toFixed(0)} ms`)
  if (!ids.length) return []
  const idArr = sql`${`{${ids.join(',')}}`}::uuid[]`
  const rows = (await ctx.db.execute(sql`
    select g.id, g.name, g.name_kana, g.fields, g.area_ids, g.citywide, g.purpose, g.activities, g.expertise,
      g.resources, g.track_record, g.wants_to_do, g.wants_collaboration, g.status, g.disclosure_level,
      g.last_activity_at, mt.terms, mt.track_terms, mt.source_hash
    from groups g left join matching_group_terms mt on mt.group_id = g.id
    where g.id = any(${idArr}) and g.municipality_id = ${ctx.tenantId} and g.status = 'published'
  `)) as unknown as { rows: any[] }
  if (process.env.KYODO_MATCH_PROFILE) console.log(`  rows ${(performance.now() - t0).toFixed(0)} ms`)
  const list: Candidate[] = []
  const stale: GroupRow[] = []
  for (const r of rows.rows ?? (rows as any)) {
    const g: GroupRow = {
      id: r.id,
      municipalityId: ctx.tenantId,
      name: r.name,
      nameKana: r.name_kana,
      fields: parseArr(r.fields),
      areaIds: parseArr(r.area_ids),
      citywide: r.citywide,
      purpose: r.purpose,
      activities: r.activities,
      expertise: r.expertise,
      resources: parseArr(r.resources),
      trackRecord: r.track_record,
      wantsToDo: r.wants_to_do,
      wantsCollaboration: r.wants_collaboration,
      status: r.status,
      disclosureLevel: r.disclosure_level,
      lastActivityAt: new Date(r.last_activity_at),
    }
    if (q.excludeIds?.includes(g.id)) continue
    const fresh = r.source_hash && r.source_hash === hashOf(g)
    if (!fresh) stale.push(g)
    list.push({
      ...g,
      terms: fresh ? parseArr(r.terms) : [...new Set(terms(groupText(g)))],
      trackTerms: fresh ? parseArr(r.track_terms) : [...new Set(terms(g.trackRecord))],
    })
  }
  if (stale.length) await indexRows(ctx, stale)
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

const pgEscape = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** node-postgres parses arrays; PGlite may too. Accept both shapes. */
function parseArr(v: unknown): string[] {
  if (Array.isArray(v)) return v as string[]
  if (typeof v !== 'string' || v === '{}' || v === '') return []
  return v
    .slice(1, -1)
    .match(/("([^"\\]|\\.)*"|[^,]+)/g)!
    .map((x) => (x.startsWith('"') ? x.slice(1, -1).replace(/\\(.)/g, '$1') : x))
}

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
