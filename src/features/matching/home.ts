import { and, count, eq, inArray, lt, or } from 'drizzle-orm'
import type { Actor } from '../../core/actor.ts'
import type { Ctx } from '../../core/context.ts'
import type { HomeItem } from '../../core/feature.ts'
import { groupRolesOf } from '../groups/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { pairings } from './schema.ts'

/** A pairing still open (候補・紹介済み・協議中) with no step for this many days is due its next step. */
export const DUE_AFTER_DAYS = 14

/** Pairings whose next step is due: every one for a coordinator, one's own for the others. */
export async function matchingHomeItems(ctx: Ctx & { actor: Actor }, now = new Date()): Promise<HomeItem[]> {
  const a = ctx.actor
  const coordinator = a.isCoordinator || a.isAdmin
  const deps = departmentIdsOf(a)
  const gs = Object.keys(groupRolesOf(a))
  const before = new Date(now.getTime() - DUE_AFTER_DAYS * 86_400_000)
  const [r] = await ctx.db
    .select({ n: count() })
    .from(pairings)
    .where(
      and(
        eq(pairings.municipalityId, ctx.tenantId),
        inArray(pairings.stage, ['candidate', 'introduced', 'negotiating']),
        lt(pairings.updatedAt, before),
        coordinator
          ? undefined
          : or(
              deps.length ? inArray(pairings.departmentId, deps) : undefined,
              gs.length ? inArray(pairings.groupId, gs) : undefined,
              eq(pairings.responsibleUserId, a.userId),
            ),
      ),
    )
  const n = Number(r?.n ?? 0)
  if (!coordinator && !n) return []
  return [
    {
      href: coordinator ? '/coordination/board' : '/notifications',
      label: `${DUE_AFTER_DAYS}日以上動きがなく、次の手順が必要な協働の調整`,
      count: n,
    },
  ]
}
