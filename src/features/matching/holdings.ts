import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { users } from '../../core/db/schema.ts'
import type { Holding, HoldingSource } from '../../core/feature.ts'
import { labelOf } from '../../core/vocabulary.ts'
import { getGroups } from '../groups/index.ts'
import { STAGES } from './domain.ts'
import { pairingEvents, pairings } from './schema.ts'

/** Stages in which a pairing still needs someone to carry it. */
const OPEN = ['candidate', 'introduced', 'negotiating']
type Row = typeof pairings.$inferSelect

/** The city's disabled accounts (a subquery). */
const disabledUsers = (ctx: Ctx) =>
  ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.municipalityId, ctx.tenantId), isNotNull(users.disabledAt)))

async function asHoldings(ctx: Ctx, rows: Row[]): Promise<Holding[]> {
  const names = new Map(
    (await getGroups(ctx, [...new Set(rows.map((r) => r.groupId))])).map((g) => [g.id, g.name]),
  )
  return rows.map((r) => ({
    kind: 'pairing',
    id: r.id,
    title: `${names.get(r.groupId) ?? '（団体）'} との調整${r.reasons[0] ? `（${r.reasons[0]}）` : ''}`,
    href: `/coordination/pairings/${r.id}`,
    state: labelOf(STAGES, r.stage),
    groupIds: [r.groupId],
  }))
}

/** Open pairings on the board, held by their responsible staff member (担当者). */
export const pairingHoldings: HoldingSource = {
  kind: 'pairing',
  label: '組み合わせの調整',
  async heldBy(ctx, userId) {
    const rows = await ctx.db
      .select()
      .from(pairings)
      .where(
        and(
          eq(pairings.municipalityId, ctx.tenantId),
          eq(pairings.responsibleUserId, userId),
          inArray(pairings.stage, OPEN),
        ),
      )
    return asHoldings(ctx, rows)
  },
  async unheld(ctx) {
    const rows = await ctx.db
      .select()
      .from(pairings)
      .where(
        and(
          eq(pairings.municipalityId, ctx.tenantId),
          inArray(pairings.stage, OPEN),
          or(isNull(pairings.responsibleUserId), inArray(pairings.responsibleUserId, disabledUsers(ctx))),
        ),
      )
    const hs = await asHoldings(ctx, rows)
    return hs.map((h, i) => ({ ...h, holderId: rows[i].responsibleUserId }))
  },
  async reassign(ctx, ids, from, to) {
    if (!ids.length) return 0
    const moved = await ctx.db
      .update(pairings)
      .set({ responsibleUserId: to, updatedAt: new Date() })
      .where(
        and(
          eq(pairings.municipalityId, ctx.tenantId),
          inArray(pairings.id, ids),
          inArray(pairings.stage, OPEN),
          from
            ? eq(pairings.responsibleUserId, from)
            : or(isNull(pairings.responsibleUserId), inArray(pairings.responsibleUserId, disabledUsers(ctx))),
        ),
      )
      .returning({ id: pairings.id })
    if (moved.length)
      await ctx.db.insert(pairingEvents).values(
        moved.map((m) => ({
          municipalityId: ctx.tenantId,
          pairingId: m.id,
          kind: 'note',
          title: '担当者の引継ぎ',
          minutes: '担当者が引継ぎで変わりました（引継ぎの記録を参照）。',
          actorId: ctx.actor?.userId ?? null,
        })),
      )
    return moved.length
  },
}
