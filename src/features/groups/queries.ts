/**
 * Reads of the group registry for other rooms (matching, needs, offers, projects): the columns
 * matching ranks, names by ids, published groups for forms, member user ids for notifications.
 * Read only; only this room touches its tables.
 */
import { and, type AnyColumn, asc, eq, inArray, not, type SQL, sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { linkedIds, links } from '../../core/db/links.ts'
import { inCity } from '../../core/db/tenant.ts'
import { groupAreas, groupMembers, groups } from './schema.ts'

type C = Pick<Ctx, 'db' | 'tenantId'>

/** A group's areas of activity (group_areas): read as `areaIds`, replaced with `setLinks`. */
export const groupAreaLinks = links(groupAreas, groupAreas.groupId, groupAreas.areaId)
/** The ids of the current group row's areas, for a select list. */
export const groupAreaIds = () => linkedIds(groupAreaLinks, groups)

const candidateColumns = {
  id: groups.id,
  municipalityId: groups.municipalityId,
  name: groups.name,
  nameKana: groups.nameKana,
  fields: groups.fields,
  areaIds: groupAreaIds(),
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

/** The columns of a group other rooms read (matching ranks them; the rest show names and status). */
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

/** One group of this city (any status), or null. */
export async function getGroup(ctx: C, id: string): Promise<GroupRow | null> {
  const [g] = await ctx.db
    .select(candidateColumns)
    .from(groups)
    .where(inCity(ctx, groups, eq(groups.id, id)))
  return (g as GroupRow) ?? null
}

/** Groups of this city by ids (any status; callers check `status`). */
export async function getGroups(ctx: C, ids: string[]): Promise<GroupRow[]> {
  if (!ids.length) return []
  return (await ctx.db
    .select(candidateColumns)
    .from(groups)
    .where(inCity(ctx, groups, inArray(groups.id, ids)))) as GroupRow[]
}

/** Published groups by name (for choosing a group in forms), at most `limit`. */
export async function publishedGroups(ctx: C, limit = 2000) {
  return ctx.db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(inCity(ctx, groups, eq(groups.status, 'published')))
    .orderBy(asc(groups.nameKana))
    .limit(limit)
}

/** Published groups with their reading (フリガナ, katakana), for matching names written in kana. */
export async function publishedGroupsWithKana(ctx: C, limit = 2000) {
  return ctx.db
    .select({ id: groups.id, name: groups.name, nameKana: groups.nameKana })
    .from(groups)
    .where(inCity(ctx, groups, eq(groups.status, 'published')))
    .orderBy(asc(groups.nameKana))
    .limit(limit)
}

/** Ids of the groups a user is a member of. */
export async function groupIdsOfUser(ctx: C, userId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ groupId: groupMembers.groupId })
    .from(groupMembers)
    .where(inCity(ctx, groupMembers, eq(groupMembers.userId, userId)))
  return rows.map((r) => r.groupId)
}

/** User ids of a group's members (owners and editors), for notifications. */
export async function groupMemberIds(ctx: C, groupId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ userId: groupMembers.userId })
    .from(groupMembers)
    .where(inCity(ctx, groupMembers, eq(groupMembers.groupId, groupId)))
  return rows.map((r) => r.userId)
}

/**
 * Published groups for which `upToDate(group)` does not hold, at most `limit` (matching keeps a
 * derived index of group texts and passes the condition "indexed since the last activity").
 */
export async function publishedGroupsWhereNot(
  ctx: C,
  upToDate: (g: { id: AnyColumn; lastActivityAt: AnyColumn }) => SQL,
  limit = 2000,
): Promise<GroupRow[]> {
  return (await ctx.db
    .select(candidateColumns)
    .from(groups)
    .where(
      inCity(
        ctx,
        groups,
        eq(groups.status, 'published'),
        not(upToDate({ id: groups.id, lastActivityAt: groups.lastActivityAt })),
      ),
    )
    .limit(limit)) as GroupRow[]
}

/**
 * Ids of published groups that share a field and an area (or are citywide), at most `limit`, and
 * of those sharing a field, at most 100: the index-driven part of matching's prefilter.
 */
export async function publishedGroupIdsSharing(
  ctx: C,
  q: { fields: string[]; areaIds: string[]; limit?: number },
): Promise<string[]> {
  if (!q.fields.length) return []
  const f = sql`${`{${q.fields.map(pgEscape).join(',')}}`}::text[]`
  const a = sql`${`{${q.areaIds.join(',')}}`}::uuid[]`
  const r = (await ctx.db.execute(sql`
      (select id from groups g where municipality_id = ${ctx.tenantId} and status = 'published' and fields && ${f}
        and (citywide or exists (select 1 from group_areas ga where ga.municipality_id = g.municipality_id
          and ga.group_id = g.id and ga.area_id = any(${a}))) limit ${q.limit ?? 300})
      union
      (select id from groups where municipality_id = ${ctx.tenantId} and status = 'published' and fields && ${f}
        limit 100)
  `)) as any
  return ((r.rows ?? r) as { id: string }[]).map((x) => x.id)
}

const pgEscape = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** Names of groups by id (any status), for lists in other rooms. */
export async function groupNames(ctx: C, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await ctx.db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(inCity(ctx, groups, inArray(groups.id, ids))))
  return new Map(rows.map((g) => [g.id, g.name]))
}

/** Every published group of this city (matching indexes their texts). */
export async function allPublishedGroups(ctx: C): Promise<GroupRow[]> {
  return (await ctx.db
    .select(candidateColumns)
    .from(groups)
    .where(inCity(ctx, groups, eq(groups.status, 'published')))) as GroupRow[]
}

/** Changes whenever a published group is added, changed or leaves the published state. */
export async function publishedGroupsVersion(ctx: C): Promise<string> {
  const r = (await ctx.db.execute(sql`
    select count(*)::int as n, max(updated_at)::text as u, max(last_activity_at)::text as a
    from groups where municipality_id = ${ctx.tenantId} and status = 'published'`)) as any
  const row = (r.rows ?? r)[0] ?? {}
  return `${row.n}|${row.u}|${row.a}`
}

/** Legal forms (法人格 codes) of groups by id: what a survey needs to tell NPO法人 partners from others. */
export async function groupLegalForms(ctx: C, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await ctx.db
    .select({ id: groups.id, legalForm: groups.legalForm })
    .from(groups)
    .where(inCity(ctx, groups, inArray(groups.id, ids)))
  return new Map(rows.map((r) => [r.id, r.legalForm]))
}
