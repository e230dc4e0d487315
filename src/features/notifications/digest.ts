import { and, eq, inArray } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { users } from '../../core/db/schema.ts'
import { newNeedsFor } from '../needs/index.ts'
import { followSettings } from './schema.ts'
import { absoluteUrl } from '../../core/http/origin.ts'
import { followColumns, notify } from './service.ts'

const T = (ctx: Ctx) => ctx.tenantId

/**
 * The digest of new needs for followers (daily or weekly, each follower's choice). Writes one
 * in-app notification and one mail per follower with matching new needs, and remembers when.
 * Exported for the scheduler (the lead wires it): call daily; weekly followers get theirs
 * when seven days have passed since their last digest.
 */
export async function sendDigests(ctx: Ctx, now = new Date()) {
  const fs = await ctx.db
    .select(followColumns)
    .from(followSettings)
    .where(
      and(eq(followSettings.municipalityId, T(ctx)), inArray(followSettings.digest, ['daily', 'weekly'])),
    )
  let sent = 0
  for (const f of fs) {
    const days = f.digest === 'daily' ? 1 : 7
    const since = f.lastDigestAt ?? new Date(now.getTime() - days * 86_400_000)
    if (f.lastDigestAt && now.getTime() - f.lastDigestAt.getTime() < days * 86_400_000 - 3_600_000) continue
    if (!f.fields.length && !f.areaIds.length) continue
    const [u] = await ctx.db
      .select()
      .from(users)
      .where(and(eq(users.municipalityId, T(ctx)), eq(users.id, f.userId)))
    if (!u || u.disabledAt) continue
    const staff = u.isAdmin || u.isCoordinator
    const fresh = await newNeedsFor(ctx, { fields: f.fields, areaIds: f.areaIds, since, staff })
    await ctx.db.update(followSettings).set({ lastDigestAt: now }).where(eq(followSettings.id, f.id))
    if (!fresh.length) continue
    const title = `新着の協働ニーズ ${fresh.length}件（${f.digest === 'daily' ? '毎日' : '毎週'}のお知らせ）`
    const body = fresh.map((n) => `・${n.title}（${absoluteUrl(ctx, `/needs/${n.id}`)}）`).join('\n')
    await notify(ctx, [f.userId], { kind: 'digest', title, body, href: '/needs' })
    sent++
  }
  return sent
}
