import { and, count, eq, isNull } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { notifications } from './schema.ts'

/** How many notices the signed-in actor has not read yet (0 when signed out). */
export async function unreadCount(ctx: Ctx): Promise<number> {
  if (!ctx.actor) return 0
  const [r] = await ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(
      and(
        eq(notifications.municipalityId, ctx.tenantId),
        eq(notifications.userId, ctx.actor.userId),
        isNull(notifications.readAt),
      ),
    )
  return Number(r?.n ?? 0)
}
