import { and, desc, eq, inArray, isNull } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { org } from '../organisation/index.ts'
import type { Ctx } from '../../core/context.ts'
import { users } from '../../core/db/schema.ts'
import { sendMail } from '../../core/mail/index.ts'
import { followSettings, notifications } from './schema.ts'

const T = (ctx: Ctx) => ctx.tenantId
// ------------------------------------------------------------------ notifications

/** Users with a notification each, and a mail to each (kept in the outbox). */
export async function notify(
  ctx: Ctx,
  userIds: string[],
  n: { kind: string; title: string; body: string; href: string },
  opts: { mail?: boolean } = { mail: true },
) {
  const ids = [...new Set(userIds)].filter(Boolean)
  if (!ids.length) return
  await ctx.db.insert(notifications).values(ids.map((userId) => ({ municipalityId: T(ctx), userId, ...n })))
  if (opts.mail === false) return
  const us = await ctx.db
    .select({ email: users.email, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.municipalityId, T(ctx)), inArray(users.id, ids)))
  for (const u of us)
    if (!u.disabledAt)
      await sendMail(ctx, {
        to: u.email,
        subject: `【${ctx.municipality.name} 協働ポータル】${n.title}`,
        body: `${n.body}\n\n${n.href ? `詳しくはこちら：${n.href}\n` : ''}（このメールは協働ポータルから自動で送信しています。お知らせの設定は /notifications で変更できます。）`,
      })
}

/** Ids of the staff of a department (to notify them). */
export async function departmentStaffIds(ctx: Ctx, departmentId: string) {
  return org.departmentMemberIds(ctx, departmentId)
}

/** Ids of the city's active coordinators. */
export async function coordinatorIds(ctx: Ctx) {
  const rows = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.municipalityId, T(ctx)), eq(users.isCoordinator, true), isNull(users.disabledAt)))
  return rows.map((r) => r.id)
}

export async function listNotifications(ctx: Ctx) {
  return ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.municipalityId, T(ctx)), eq(notifications.userId, ctx.actor!.userId)))
    .orderBy(desc(notifications.createdAt))
    .limit(100)
}

export async function markAllRead(ctx: Ctx) {
  await ctx.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.municipalityId, T(ctx)),
        eq(notifications.userId, ctx.actor!.userId),
        isNull(notifications.readAt),
      ),
    )
  await audit(ctx, { action: 'notification.read_all', entityType: 'user', entityId: ctx.actor!.userId })
}

export async function getFollow(ctx: Ctx, userId = ctx.actor!.userId) {
  const [f] = await ctx.db
    .select()
    .from(followSettings)
    .where(and(eq(followSettings.municipalityId, T(ctx)), eq(followSettings.userId, userId)))
  return f ?? null
}

export async function saveFollow(ctx: Ctx, d: { fields: string[]; areaIds: string[]; digest: string }) {
  const before = await getFollow(ctx)
  await ctx.db
    .insert(followSettings)
    .values({ municipalityId: T(ctx), userId: ctx.actor!.userId, ...d })
    .onConflictDoUpdate({
      target: [followSettings.municipalityId, followSettings.userId],
      set: { ...d, updatedAt: new Date() },
    })
  await audit(ctx, {
    action: 'follow.update',
    entityType: 'user',
    entityId: ctx.actor!.userId,
    changes: diff(before as any, d),
  })
}
