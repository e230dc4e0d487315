import { and, count, countDistinct, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../../core/actor.ts'
import type { Ctx } from '../../core/context.ts'
import type { HomeItem } from '../../core/feature.ts'
import { can } from '../../core/policy.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { hearingAnswers, hearings, needInterests, needs } from './schema.ts'

/**
 * What waits in this room for a signed-in actor: interests (関心があります) on needs still waiting for
 * a reply (the need is 公開中, coordination not begun) — a department's own, or every one for a
 * coordinator — and the open hearings a department has not answered yet.
 */
export async function needsHomeItems(ctx: Ctx & { actor: Actor }): Promise<HomeItem[]> {
  const a = ctx.actor
  const deps = departmentIdsOf(a)
  const coordinator = a.isCoordinator || a.isAdmin
  const out: HomeItem[] = []
  if (coordinator || deps.length) {
    const [r] = await ctx.db
      .select({ n: countDistinct(needInterests.id) })
      .from(needInterests)
      .innerJoin(needs, eq(needs.id, needInterests.needId))
      .where(
        and(
          eq(needInterests.municipalityId, ctx.tenantId),
          eq(needInterests.kind, 'interest'),
          eq(needs.status, 'published'),
          coordinator ? undefined : inArray(needs.departmentId, deps),
        ),
      )
    out.push({
      href: coordinator ? '/coordination/board' : '/needs/mine',
      label: '団体から関心が寄せられ、返事を待っている協働ニーズ',
      count: Number(r?.n ?? 0),
    })
  }
  if (deps.length && can(a, 'hearing.view')) {
    const rows = await ctx.db
      .select({ id: hearings.id, n: count() })
      .from(hearingAnswers)
      .innerJoin(hearings, eq(hearings.id, hearingAnswers.hearingId))
      .where(
        and(
          eq(hearingAnswers.municipalityId, ctx.tenantId),
          eq(hearings.status, 'open'),
          eq(hearingAnswers.answer, 'pending'),
          inArray(hearingAnswers.departmentId, deps),
        ),
      )
      .groupBy(hearings.id)
    const n = rows.reduce((s, r) => s + Number(r.n), 0)
    out.push({
      href: rows.length === 1 ? `/coordination/hearings/${rows[0].id}` : '/coordination/hearings',
      label: 'ヒアリングへの回答がまだの所属課',
      count: n,
    })
  }
  return out
}
