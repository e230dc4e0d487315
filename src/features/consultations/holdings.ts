import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { users } from '../../core/db/schema.ts'
import type { Holding, HoldingSource } from '../../core/feature.ts'
import { statusLabel } from './domain.ts'
import { consultations } from './schema.ts'

type Row = typeof consultations.$inferSelect

const asHolding = (r: Row): Holding => ({
  kind: 'consultation',
  id: r.id,
  title: `相談（${r.receiptNo}）${r.text.slice(0, 30)}${r.text.length > 30 ? '…' : ''}`,
  href: `/consultations/${r.id}`,
  state: statusLabel(r.status),
  // the sender has no account: they learn nothing of a change of handler, which is internal
  groupIds: [],
})

const open = (ctx: Ctx) =>
  and(eq(consultations.municipalityId, ctx.tenantId), ne(consultations.status, 'closed'))
const disabledUsers = (ctx: Ctx) =>
  ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.municipalityId, ctx.tenantId), isNotNull(users.disabledAt)))

/** Open consultations, held by their 担当者 (the first city-side person who replied or noted). */
export const consultationHoldings: HoldingSource = {
  kind: 'consultation',
  label: '相談',
  async heldBy(ctx, userId) {
    const rows = await ctx.db
      .select()
      .from(consultations)
      .where(and(open(ctx), eq(consultations.handlerUserId, userId)))
    return rows.map(asHolding)
  },
  async unheld(ctx) {
    // a consultation no one has taken on yet is the inbox's work, not an orphan: only gone handlers
    const rows = await ctx.db
      .select()
      .from(consultations)
      .where(and(open(ctx), inArray(consultations.handlerUserId, disabledUsers(ctx))))
    return rows.map((r) => ({ ...asHolding(r), holderId: r.handlerUserId }))
  },
  async reassign(ctx, ids, from, to) {
    if (!ids.length) return 0
    const moved = await ctx.db
      .update(consultations)
      .set({ handlerUserId: to, updatedAt: new Date() })
      .where(
        and(
          open(ctx),
          inArray(consultations.id, ids),
          from
            ? eq(consultations.handlerUserId, from)
            : inArray(consultations.handlerUserId, disabledUsers(ctx)),
        ),
      )
      .returning({ id: consultations.id })
    return moved.length
  },
}
