import { and, count, eq, isNull, type SQL, sql } from 'drizzle-orm'
import { countOf } from '../../core/db/index.ts'
import type { Ctx } from '../../core/context.ts'
import { notifications } from './schema.ts'

/** How many notices the signed-in actor has not read yet (0 when signed out). */
export async function unreadCount(ctx: Ctx): Promise<number> {
  const q = unreadCountSql(ctx)
  return q ? countOf(ctx.db, q) : 0
}

/** The count of unread notices as one scalar query (null when signed out). */
export function unreadCountSql(ctx: Ctx): SQL | null {
  if (!ctx.actor) return null
  const q = ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(
      and(
        eq(notifications.municipalityId, ctx.tenantId),
        eq(notifications.userId, ctx.actor.userId),
        isNull(notifications.readAt),
      ),
    )
  return sql`${q}`
}
