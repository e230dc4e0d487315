import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm'
import { audit } from '../../core/audit/index.ts'
import type { Ctx } from '../../core/context.ts'
import { users } from '../../core/db/schema.ts'
import type { Holding, HoldingSource } from '../../core/feature.ts'
import { labelOf } from '../../core/vocabulary.ts'
import { STATES } from './domain.ts'
import { type Project as Row, projectColumns } from './columns.ts'
import { projects } from './schema.ts'

const asHolding = (r: Row): Holding => ({
  kind: 'project',
  id: r.id,
  title: `協働事業：${r.title}`,
  href: `/projects/${r.id}`,
  state: labelOf(STATES, r.status),
  groupIds: r.groupIds,
})

/** A project is carried until it is completed (follow-ups after its end still need someone). */
const open = (ctx: Ctx) => and(eq(projects.municipalityId, ctx.tenantId), ne(projects.status, 'completed'))
const disabledUsers = (ctx: Ctx) =>
  ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.municipalityId, ctx.tenantId), isNotNull(users.disabledAt)))

/**
 * Collaboration projects not yet completed, held by their city-side 担当者. Projects imported
 * without one are not orphans (the department carries them); those whose 担当者 left are.
 */
export const projectHoldings: HoldingSource = {
  kind: 'project',
  label: '協働事業',
  async heldBy(ctx, userId) {
    const rows = await ctx.db
      .select(projectColumns)
      .from(projects)
      .where(and(open(ctx), eq(projects.responsibleUserId, userId)))
    return rows.map(asHolding)
  },
  async unheld(ctx) {
    const rows = await ctx.db
      .select(projectColumns)
      .from(projects)
      .where(and(open(ctx), inArray(projects.responsibleUserId, disabledUsers(ctx))))
    return rows.map((r) => ({ ...asHolding(r), holderId: r.responsibleUserId }))
  },
  async reassign(ctx, ids, from, to) {
    if (!ids.length) return 0
    const moved = await ctx.db
      .update(projects)
      .set({ responsibleUserId: to, updatedAt: new Date() })
      .where(
        and(
          open(ctx),
          inArray(projects.id, ids),
          from
            ? eq(projects.responsibleUserId, from)
            : inArray(projects.responsibleUserId, disabledUsers(ctx)),
        ),
      )
      .returning({ id: projects.id })
    for (const m of moved)
      await audit(ctx, {
        action: 'project.reassign',
        entityType: 'project',
        entityId: m.id,
        changes: { responsibleUserId: [from, to] },
      })
    return moved.length
  },
}
