import { and, arrayOverlaps, desc, eq } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import type { Ctx } from '../../core/context.ts'
import { inCity } from '../../core/db/tenant.ts'
import { getGroups } from '../groups/index.ts'
import { lookups } from '../needs/index.ts'
import { projects } from './schema.ts'

export type Project = typeof projects.$inferSelect

const T = (ctx: Ctx) => ctx.tenantId
export async function listProjects(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(eq(projects.municipalityId, T(ctx)))
    .orderBy(desc(projects.startOn))
  const gs = new Map(
    (await getGroups(ctx, [...new Set(rows.flatMap((r) => r.groupIds))])).map((g) => [g.id, g]),
  )
  return rows.map((r) => ({
    ...r,
    partners: r.groupIds
      .map((id) => gs.get(id))
      .filter(Boolean)
      .map((g) => ({ id: g!.id, name: g!.name, published: g!.status === 'published' })),
  }))
}

export async function getProject(ctx: Ctx, id: string) {
  const [r] = await ctx.db
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, T(ctx)), eq(projects.id, id)))
  if (!r) return null
  const gs = await getGroups(ctx, r.groupIds)
  return { ...r, partners: gs.map((g) => ({ id: g.id, name: g.name, published: g.status === 'published' })) }
}

/**
 * Collaboration projects a group takes part in (for the group's page). Public information:
 * project title, form, department, start date, purpose.
 */
export async function projectsForGroup(ctx: Ctx, groupId: string) {
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, T(ctx)), arrayOverlaps(projects.groupIds, [groupId])))
    .orderBy(desc(projects.startOn))
  const lk = await lookups(ctx)
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    form: r.form,
    departmentName: lk.depName(r.departmentId),
    startOn: r.startOn,
    purpose: r.purpose,
    status: r.status,
  }))
}

/** How many collaboration projects each group takes part in (matching weighs experience). */
export async function projectCounts(ctx: Ctx, groupIds: string[]) {
  const m = new Map<string, number>()
  if (!groupIds.length) return m
  const rows = await ctx.db
    .select({ groupIds: projects.groupIds })
    .from(projects)
    .where(inCity(ctx, projects, arrayOverlaps(projects.groupIds, groupIds)))
  for (const r of rows) for (const g of r.groupIds) m.set(g, (m.get(g) ?? 0) + 1)
  return m
}

/** Record a collaboration project (from an agreed pairing; the caller holds the transaction). */
export async function createProject(
  ctx: Ctx,
  d: {
    title: string
    form: string
    startOn: string
    purpose: string
    departmentId: string
    groupIds: string[]
    needId: string | null
    pairingId: string | null
  },
): Promise<Project> {
  const [pr] = await ctx.db
    .insert(projects)
    .values({ municipalityId: T(ctx), ...d })
    .returning()
  await audit(ctx, {
    action: 'project.create',
    entityType: 'project',
    entityId: pr.id,
    changes: diff(null, {
      title: d.title,
      form: d.form,
      startOn: d.startOn,
      purpose: d.purpose,
      pairingId: d.pairingId,
    }),
  })
  return pr
}
