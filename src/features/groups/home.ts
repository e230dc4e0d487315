import { and, count, eq } from 'drizzle-orm'
import type { Actor } from '../../core/actor.ts'
import type { Ctx } from '../../core/context.ts'
import type { HomeItem } from '../../core/feature.ts'
import { can } from '../../core/policy.ts'
import { groups } from './schema.ts'

/** For a coordinator: the groups waiting for review (審査待ち). */
export async function groupsHomeItems(ctx: Ctx & { actor: Actor }): Promise<HomeItem[]> {
  if (!can(ctx.actor, 'group.review')) return []
  const [r] = await ctx.db
    .select({ n: count() })
    .from(groups)
    .where(and(eq(groups.municipalityId, ctx.tenantId), eq(groups.status, 'pending')))
  return [{ href: '/coordinator/groups', label: '審査を待っている団体の登録', count: Number(r?.n ?? 0) }]
}
