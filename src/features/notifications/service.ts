import { and, arrayOverlaps, desc, eq, getTableColumns, inArray, isNull, or } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { org } from '../organisation/index.ts'
import type { Ctx } from '../../core/context.ts'
import { idSet, linkedIds, links, linksAny, setLinks } from '../../core/db/links.ts'
import { users } from '../../core/db/schema.ts'
import { inTransaction } from '../../core/db/tenant.ts'
import { absoluteUrl } from '../../core/http/origin.ts'
import { sendMail } from '../../core/mail/index.ts'
import { followAreas, followSettings, notifications } from './schema.ts'

const T = (ctx: Ctx) => ctx.tenantId

/** The areas a person follows (follow_areas). */
export const followAreaLinks = links(followAreas, followAreas.followId, followAreas.areaId)
/** Every column of follow_settings and `areaIds` (from follow_areas, sorted). */
export const followColumns = {
  ...getTableColumns(followSettings),
  areaIds: linkedIds(followAreaLinks, followSettings),
}
// ------------------------------------------------------------------ notifications

/** The page where a person changes what they are told and what is mailed (linked from every mail). */
export const SETTINGS_HREF = '/notifications/settings'

/** The closing lines of every mail: where to read more and how to stop the mails. */
export function mailFooter(ctx: Ctx, href?: string) {
  return `${href ? `詳しくはこちら：${absoluteUrl(ctx, href)}\n` : ''}
――
このメールは${ctx.municipality.name} 協働ポータルから自動で送信しています。
メールの配信停止・お知らせの設定の変更：${absoluteUrl(ctx, SETTINGS_HREF)}
`
}

/**
 * Users with a notification each, and a mail to each (kept in the outbox) unless they turned
 * mails of notices off. Returns how many were told in the portal and how many by mail.
 */
export async function notify(
  ctx: Ctx,
  userIds: string[],
  n: { kind: string; title: string; body: string; href: string },
  opts: { mail?: boolean } = { mail: true },
) {
  const ids = [...new Set(userIds)].filter(Boolean)
  if (!ids.length) return { told: 0, mailed: 0 }
  await ctx.db.insert(notifications).values(ids.map((userId) => ({ municipalityId: T(ctx), userId, ...n })))
  if (opts.mail === false) return { told: ids.length, mailed: 0 }
  const us = await ctx.db
    .select({ id: users.id, email: users.email, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.municipalityId, T(ctx)), inArray(users.id, ids)))
  const off = new Set(
    (
      await ctx.db
        .select({ userId: followSettings.userId })
        .from(followSettings)
        .where(
          and(
            eq(followSettings.municipalityId, T(ctx)),
            inArray(followSettings.userId, ids),
            eq(followSettings.mailNotices, false),
          ),
        )
    ).map((r) => r.userId),
  )
  let mailed = 0
  for (const u of us)
    if (!u.disabledAt && !off.has(u.id)) {
      await sendMail(ctx, {
        to: u.email,
        subject: `【${ctx.municipality.name} 協働ポータル】${n.title}`,
        body: `${n.body}\n\n${mailFooter(ctx, n.href)}`,
      })
      mailed++
    }
  return { told: ids.length, mailed }
}

/**
 * A mail to an address with no account behind it (a group's contact e-mail it agreed to be reached
 * at). It ends with the office to answer to, since the person cannot change settings on the portal.
 */
export async function mailAddress(ctx: Ctx, to: string, n: { title: string; body: string; href: string }) {
  await sendMail(ctx, {
    to,
    subject: `【${ctx.municipality.name} 協働ポータル】${n.title}`,
    body: `${n.body}\n\n${n.href ? `詳しくはこちら：${absoluteUrl(ctx, n.href)}\n` : ''}
――
このメールは、団体の連絡先として登録されたアドレスに${ctx.municipality.name} 協働ポータルから送信しています。
今後の連絡が不要な場合は、${ctx.municipality.officeName}${ctx.municipality.officeEmail ? `（${ctx.municipality.officeEmail}）` : ''}までお知らせください。
`,
  })
}

/** Followers who chose 「すぐに」: told at once of a newly published need in their fields or areas. */
export async function notifyFollowersNow(
  ctx: Ctx,
  need: { id: string; title: string; fields: string[]; areaIds: string[]; visibility: string },
) {
  const conds = [
    need.fields.length ? arrayOverlaps(followSettings.fields, need.fields) : undefined,
    need.areaIds.length ? linksAny(followAreaLinks, followSettings, need.areaIds) : undefined,
  ].filter(Boolean)
  if (!conds.length) return 0
  const fs = await ctx.db
    .select({ userId: followSettings.userId, isAdmin: users.isAdmin, isCoordinator: users.isCoordinator })
    .from(followSettings)
    .innerJoin(users, eq(users.id, followSettings.userId))
    .where(
      and(eq(followSettings.municipalityId, T(ctx)), eq(followSettings.digest, 'immediate'), or(...conds)),
    )
  // City-hall-only needs go to administrators and coordinators only (department staff read them on the portal).
  const ids = fs
    .filter((f) => need.visibility === 'public' || f.isAdmin || f.isCoordinator)
    .map((f) => f.userId)
    .filter((id) => id !== ctx.actor?.userId)
  await notify(ctx, ids, {
    kind: 'follow',
    title: `新しい協働ニーズ「${need.title}」`,
    body: 'お知らせの設定で選んだ分野・地区に合う協働ニーズが公開されました。',
    href: `/needs/${need.id}`,
  })
  return ids.length
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
    .select(followColumns)
    .from(followSettings)
    .where(and(eq(followSettings.municipalityId, T(ctx)), eq(followSettings.userId, userId)))
  return f ?? null
}

export async function saveFollow(
  ctx: Ctx,
  d: { fields: string[]; areaIds: string[]; digest: string; mailNotices?: boolean },
) {
  const before = await getFollow(ctx)
  const { areaIds: given, ...cols } = d
  const areaIds = idSet(given)
  await inTransaction(ctx, async (tx) => {
    const [f] = await tx.db
      .insert(followSettings)
      .values({ municipalityId: T(tx), userId: tx.actor!.userId, ...cols })
      .onConflictDoUpdate({
        target: [followSettings.municipalityId, followSettings.userId],
        set: { ...cols, updatedAt: new Date() },
      })
      .returning({ id: followSettings.id })
    await setLinks(tx, followAreaLinks, f.id, areaIds)
    await audit(tx, {
      action: 'follow.update',
      entityType: 'user',
      entityId: tx.actor!.userId,
      changes: diff(before as any, { ...d, areaIds }),
    })
  })
}
