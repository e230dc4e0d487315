import { and, asc, desc, eq, gte, lt, lte, or, sql } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { randomToken, safeEqual, sha256 } from '../../core/auth/crypto.ts'
import * as rateLimit from '../../core/auth/rate-limit.ts'
import type { Ctx } from '../../core/context.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { AppError } from '../../core/errors.ts'
import { absoluteUrl } from '../../core/http/origin.ts'
import { formatEra } from '../../core/japanese/index.ts'
import { sendMail } from '../../core/mail/index.ts'
import { can } from '../../core/policy.ts'
import { labelOf } from '../../core/vocabulary.ts'
import { eventWhen, upcomingPublicEvents } from '../events/index.ts'
import { lookups, openNeeds } from '../needs/index.ts'
import { notify } from '../notifications/index.ts'
import { org } from '../organisation/index.ts'
import {
  CONFIRM_TOKEN_HOURS,
  type IssueInput,
  jstDay,
  NEWS_CATEGORIES,
  NEWSLETTER_PENDING_DAYS,
  type NewsInput,
  type StaffNoticeInput,
  summaryOf,
} from './domain.ts'
import {
  type IssueItem,
  newsletterDeliveries,
  newsletterIssues,
  newsletterSubscribers,
  newsPosts,
  staffNotices,
} from './schema.ts'

export type NewsPost = typeof newsPosts.$inferSelect
export type Issue = typeof newsletterIssues.$inferSelect
export type Subscriber = typeof newsletterSubscribers.$inferSelect
export type StaffNotice = typeof staffNotices.$inferSelect

const HOUR = 3_600_000
const DAY = 24 * HOUR

export const categoryLabel = (c: string) => labelOf(NEWS_CATEGORIES, c)

// ------------------------------------------------------------------ news posts

const postValues = (d: NewsInput) => ({
  title: d.title,
  body: d.body,
  category: d.category,
  status: d.status,
  publishedAt: jstDay(d.publishedOn as string),
})

export async function createPost(ctx: Ctx, d: NewsInput): Promise<NewsPost> {
  return inTransaction(ctx, async (tx) => {
    const values = postValues(d)
    const [p] = await tx.db
      .insert(newsPosts)
      .values({ ...values, municipalityId: tx.tenantId, createdBy: tx.actor?.userId ?? null })
      .returning()
    await audit(tx, {
      action: 'news.create',
      entityType: 'news_post',
      entityId: p.id,
      changes: diff(null, values),
    })
    return p
  })
}

export async function updatePost(ctx: Ctx, before: NewsPost, d: NewsInput): Promise<NewsPost> {
  return inTransaction(ctx, async (tx) => {
    const values = postValues(d)
    const [p] = await tx.db
      .update(newsPosts)
      .set({ ...values, updatedAt: new Date() })
      .where(byId(tx, newsPosts, before.id))
      .returning()
    await audit(tx, {
      action: 'news.update',
      entityType: 'news_post',
      entityId: p.id,
      changes: diff(before as unknown as Record<string, unknown>, values),
    })
    return p
  })
}

/** One post if the actor may see it. */
export async function getPost(ctx: Ctx, id: string): Promise<NewsPost | null> {
  const [p] = await ctx.db
    .select()
    .from(newsPosts)
    .where(byId(ctx, newsPosts, id))
  return p && can(ctx.actor, 'news.view', p) ? p : null
}

/** Public posts: published and dated today or before. */
const publicCond = (now = new Date()) =>
  and(eq(newsPosts.status, 'published'), lte(newsPosts.publishedAt, now))

/** Posts the actor may see, newest first (the coordinator sees drafts too), with counts by category. */
export async function listPosts(ctx: Ctx, f: { category?: string; page?: number; perPage?: number } = {}) {
  const mine = can(ctx.actor, 'news.create')
  const base = inCity(ctx, newsPosts, mine ? undefined : publicCond())
  const counts = await ctx.db
    .select({ category: newsPosts.category, n: sql<number>`count(*)::int` })
    .from(newsPosts)
    .where(base)
    .groupBy(newsPosts.category)
  const where = and(base, f.category ? eq(newsPosts.category, f.category) : undefined)
  const per = f.perPage ?? 10
  const page = f.page ?? 1
  const items = await ctx.db
    .select()
    .from(newsPosts)
    .where(where)
    .orderBy(desc(newsPosts.publishedAt), desc(newsPosts.createdAt))
    .limit(per)
    .offset((page - 1) * per)
  const byCategory = new Map(counts.map((c) => [c.category, Number(c.n)]))
  const total = f.category
    ? (byCategory.get(f.category) ?? 0)
    : [...byCategory.values()].reduce((a, b) => a + b, 0)
  return { total, items, byCategory }
}

/** The newest public posts (the Atom feed, the home page, the newsletter). */
export async function publicPosts(ctx: Pick<Ctx, 'db' | 'tenantId'>, limit = 30, since?: Date) {
  return ctx.db
    .select()
    .from(newsPosts)
    .where(inCity(ctx, newsPosts, publicCond(), since ? gte(newsPosts.publishedAt, since) : undefined))
    .orderBy(desc(newsPosts.publishedAt), desc(newsPosts.createdAt))
    .limit(limit)
}

// ------------------------------------------------------------------ newsletter: composing

/** What an issue can carry: news of the last 60 days, events to come, open public needs. */
export async function issueCandidates(ctx: Ctx): Promise<Record<IssueItem['kind'], IssueItem[]>> {
  const [news, evs, needs, lk] = await Promise.all([
    publicPosts(ctx, 15, new Date(Date.now() - 60 * DAY)),
    upcomingPublicEvents(ctx, 20),
    openNeeds(ctx, { staffOnly: false }),
    lookups(ctx),
  ])
  return {
    news: news.map((p) => ({
      kind: 'news',
      id: p.id,
      title: p.title,
      meta: `${formatEra(p.publishedAt)}・${categoryLabel(p.category)}`,
      summary: summaryOf(p.body),
      href: `/news/${p.id}`,
    })),
    event: evs.map((e) => ({
      kind: 'event',
      id: e.id,
      title: e.title,
      meta: `${eventWhen(e)}・${e.online ? 'オンライン' : e.placeName}`,
      summary: summaryOf(e.description),
      href: `/events/${e.id}`,
    })),
    need: needs
      .sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0))
      .slice(0, 20)
      .map((n) => ({
        kind: 'need',
        id: n.id,
        title: n.title,
        meta: lk.depName(n.departmentId),
        summary: summaryOf(n.situation || n.goal),
        href: `/needs/${n.id}`,
      })),
  }
}

/** The chosen items, in the order news → events → needs; ids that are not candidates are refused. */
async function chosenItems(ctx: Ctx, d: IssueInput): Promise<IssueItem[]> {
  const c = await issueCandidates(ctx)
  const pick = (list: IssueItem[], ids: string[], field: string, label: string) => {
    const known = new Map(list.map((x) => [x.id, x]))
    if (ids.some((id) => !known.has(id)))
      throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
        [field]: `${label}は一覧から選んでください（公開が終わったものは載せられません）`,
      })
    return list.filter((x) => ids.includes(x.id))
  }
  return [
    ...pick(c.news, d.newsIds, 'newsIds', 'ニュース'),
    ...pick(c.event, d.eventIds, 'eventIds', 'イベント'),
    ...pick(c.need, d.needIds, 'needIds', '協働ニーズ'),
  ]
}

export async function createIssue(ctx: Ctx, d: IssueInput): Promise<Issue> {
  const items = await chosenItems(ctx, d)
  return inTransaction(ctx, async (tx) => {
    const [i] = await tx.db
      .insert(newsletterIssues)
      .values({
        municipalityId: tx.tenantId,
        title: d.title,
        intro: d.intro,
        items,
        createdBy: tx.actor?.userId ?? null,
      })
      .returning()
    await audit(tx, {
      action: 'newsletter.issue.create',
      entityType: 'newsletter_issue',
      entityId: i.id,
      changes: { title: d.title, items: items.length },
    })
    return i
  })
}

export async function updateIssue(ctx: Ctx, before: Issue, d: IssueInput): Promise<Issue> {
  if (before.status !== 'draft') throw new AppError(409, 'already_sent', '送信済みの号は編集できません。')
  const items = await chosenItems(ctx, d)
  return inTransaction(ctx, async (tx) => {
    const [i] = await tx.db
      .update(newsletterIssues)
      .set({ title: d.title, intro: d.intro, items, updatedAt: new Date() })
      .where(byId(tx, newsletterIssues, before.id))
      .returning()
    await audit(tx, {
      action: 'newsletter.issue.update',
      entityType: 'newsletter_issue',
      entityId: i.id,
      changes: {
        ...diff(before as unknown as Record<string, unknown>, { title: d.title, intro: d.intro }),
        items: items.length,
      },
    })
    return i
  })
}

export async function getIssue(ctx: Ctx, id: string): Promise<Issue | null> {
  const [i] = await ctx.db
    .select()
    .from(newsletterIssues)
    .where(byId(ctx, newsletterIssues, id))
  return i && can(ctx.actor, 'newsletter.view', i) ? i : null
}

/** Sent issues, newest first (the archive); the coordinator also gets the drafts. */
export async function listIssues(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(newsletterIssues)
    .where(inCity(ctx, newsletterIssues))
    .orderBy(desc(sql`coalesce(${newsletterIssues.sentAt}, ${newsletterIssues.createdAt})`))
  return {
    sent: rows.filter((i) => i.status === 'sent'),
    drafts: can(ctx.actor, 'newsletter.compose') ? rows.filter((i) => i.status === 'draft') : [],
  }
}

const KIND_HEADINGS: Record<IssueItem['kind'], string> = {
  news: 'ニュース',
  event: 'イベントのご案内',
  need: '協働の相手を探している市の事業（協働ニーズ）',
}
export const issueSections = (items: IssueItem[]) =>
  (['news', 'event', 'need'] as const)
    .map((k) => ({ kind: k, heading: KIND_HEADINGS[k], items: items.filter((x) => x.kind === k) }))
    .filter((s) => s.items.length)

/** The plain-text mail of an issue; every mail ends with its own link to unsubscribe. */
export function issueMail(ctx: Ctx, i: Issue, unsubscribeUrl: string) {
  const lines = [
    `${ctx.municipality.name} 協働ニューズレター`,
    i.title,
    '',
    i.intro,
    '',
    ...issueSections(i.items).flatMap((s) => [
      `■ ${s.heading}`,
      ...s.items.flatMap((x) => [
        `・${x.title}`,
        ...(x.meta ? [`  ${x.meta}`] : []),
        ...(x.summary ? [`  ${x.summary}`] : []),
        `  ${absoluteUrl(ctx, x.href)}`,
      ]),
      '',
    ]),
    `この号はウェブでも読めます：${absoluteUrl(ctx, `/newsletter/${i.id}`)}`,
    '',
    '――',
    `このメールは、${ctx.municipality.name} 協働ポータルのニューズレターを購読された方にお送りしています。`,
    `配信の停止（ワンクリック）：${unsubscribeUrl}`,
    ctx.municipality.officeName,
    '',
  ]
  return {
    subject: `【${ctx.municipality.name}】協働ニューズレター ${i.title}`,
    body: lines.join('\n'),
    headers: unsubscribeHeaders(unsubscribeUrl),
  }
}

/**
 * RFC 2369 / RFC 8058: mail programs show their own 「配信停止」 button, which posts
 * `List-Unsubscribe=One-Click` to the link (the route takes the token from the URL; news feature's
 * `tokenPosts` lets that post through without a session's CSRF token).
 */
export const unsubscribeHeaders = (url: string) => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
})

/** A delivery row for one mail with an unsubscribe link; returns the absolute link. */
async function newDelivery(ctx: Ctx, subscriberId: string, issueId: string | null) {
  const token = randomToken()
  const [d] = await ctx.db
    .insert(newsletterDeliveries)
    .values({ municipalityId: ctx.tenantId, subscriberId, issueId, unsubscribeTokenHash: sha256(token) })
    .returning({ id: newsletterDeliveries.id })
  return absoluteUrl(ctx, `/newsletter/unsubscribe/${d.id}?token=${token}`)
}

/**
 * Send a draft issue: one mail per confirmed subscriber (kept in the outbox), each with its own
 * unsubscribe link; the issue becomes a public archive page. Sending twice is refused.
 */
export async function sendIssue(ctx: Ctx, issueId: string) {
  const { issue, mails } = await inTransaction(ctx, async (tx) => {
    const [i] = await tx.db
      .select()
      .from(newsletterIssues)
      .where(byId(tx, newsletterIssues, issueId))
      .for('update')
    if (!i) throw new AppError(404, 'not_found', 'ニューズレターが見つかりませんでした。')
    if (i.status !== 'draft') throw new AppError(409, 'already_sent', 'この号はすでに送信しました。')
    const subs = await tx.db
      .select()
      .from(newsletterSubscribers)
      .where(inCity(tx, newsletterSubscribers, eq(newsletterSubscribers.status, 'confirmed')))
      .orderBy(asc(newsletterSubscribers.createdAt))
    const sentAt = new Date()
    const [sent] = await tx.db
      .update(newsletterIssues)
      .set({ status: 'sent', sentAt, recipientCount: subs.length, updatedAt: sentAt })
      .where(byId(tx, newsletterIssues, i.id))
      .returning()
    const mails: { to: string; subject: string; body: string; headers: Record<string, string> }[] = []
    for (const s of subs)
      mails.push({ to: s.email, ...issueMail(tx, sent, await newDelivery(tx, s.id, i.id)) })
    await audit(tx, {
      action: 'newsletter.issue.send',
      entityType: 'newsletter_issue',
      entityId: i.id,
      changes: { recipients: subs.length },
    })
    return { issue: sent, mails }
  })
  for (const m of mails) await sendMail(ctx, m)
  return issue
}

// ------------------------------------------------------------------ newsletter: subscribers

/** Refuse a mail-sending form past its limits (429), as the sign-up and reset forms do; audited. */
async function limitMail(ctx: Ctx, address: string) {
  try {
    await rateLimit.limitMailForm(ctx, 'newsletter', address)
  } catch (e) {
    if (!(e instanceof rateLimit.RateLimited)) throw e
    await audit(ctx, {
      action: 'newsletter.subscribe.limited',
      entityType: 'request',
      entityId: 'newsletter',
    })
    throw new AppError(
      429,
      'rate_limited',
      '短時間に多くの依頼がありました。しばらくしてからお試しください。',
    )
  }
}

const subscriberByEmail = async (ctx: Ctx, email: string) =>
  (
    await ctx.db
      .select()
      .from(newsletterSubscribers)
      .where(inCity(ctx, newsletterSubscribers, eq(newsletterSubscribers.email, email)))
  )[0]

/**
 * A resident asks to subscribe: a confirmation mail with a link (double opt-in); nothing is sent
 * until it is followed. The answer is the same whether the address is known or not; an address
 * already confirmed gets no mail.
 */
export async function requestSubscription(ctx: Ctx, email: string) {
  await limitMail(ctx, email)
  const existing = await subscriberByEmail(ctx, email)
  if (existing?.status === 'confirmed') return
  const token = randomToken()
  const now = new Date()
  const row = await inTransaction(ctx, async (tx) => {
    const [s] = existing
      ? await tx.db
          .update(newsletterSubscribers)
          .set({ confirmTokenHash: sha256(token), confirmSentAt: now, updatedAt: now })
          .where(byId(tx, newsletterSubscribers, existing.id))
          .returning()
      : await tx.db
          .insert(newsletterSubscribers)
          .values({ municipalityId: tx.tenantId, email, confirmTokenHash: sha256(token), confirmSentAt: now })
          .returning()
    await audit(tx, {
      action: 'newsletter.subscribe.request',
      entityType: 'newsletter_subscriber',
      entityId: s.id,
    })
    return s
  })
  const link = absoluteUrl(ctx, `/newsletter/confirm/${row.id}?token=${token}`)
  await sendMail(ctx, {
    to: email,
    subject: `【${ctx.municipality.name}】ニューズレター購読の確認`,
    body: `${ctx.municipality.name} 協働ポータルのニューズレターの購読のお申込みを受け付けました。

購読を確定するには、${CONFIRM_TOKEN_HOURS}時間以内に次のページを開き、「購読を確定する」を押してください。
${link}

お心当たりがない場合は、このメールを破棄してください。確定しない限り、ニューズレターは届きません（メールアドレスは${NEWSLETTER_PENDING_DAYS}日後に消去します）。

${ctx.municipality.officeName}
`,
  })
}

/** The pending subscription a confirmation link names, if the token matches and has not expired. */
export async function subscriptionByConfirmToken(ctx: Ctx, id: string, token: string, now = new Date()) {
  const [s] = await ctx.db
    .select()
    .from(newsletterSubscribers)
    .where(byId(ctx, newsletterSubscribers, id))
  if (!s || !token) return null
  if (s.status === 'confirmed') return s.confirmTokenHash === '' ? { s, already: true } : null
  if (!s.confirmTokenHash || !safeEqual(sha256(token), s.confirmTokenHash)) return null
  if (!s.confirmSentAt || now.getTime() - s.confirmSentAt.getTime() > CONFIRM_TOKEN_HOURS * HOUR) return null
  return { s, already: false }
}

async function welcomeMail(ctx: Ctx, s: Subscriber) {
  const unsubscribe = await newDelivery(ctx, s.id, null)
  return {
    to: s.email,
    subject: `【${ctx.municipality.name}】ニューズレターの購読を登録しました`,
    body: `${ctx.municipality.name} 協働ポータルのニューズレターの購読を登録しました。次の号からお届けします。
これまでの号：${absoluteUrl(ctx, '/newsletter')}

――
配信の停止（ワンクリック）：${unsubscribe}
${ctx.municipality.officeName}
`,
    headers: unsubscribeHeaders(unsubscribe),
  }
}

/** Follow the confirmation link: the subscription is confirmed and a welcome mail is sent. */
export async function confirmSubscription(ctx: Ctx, id: string, token: string) {
  const found = await subscriptionByConfirmToken(ctx, id, token)
  if (!found)
    throw new AppError(
      404,
      'not_found',
      '確認のURLが正しくないか、有効期限が切れています。もう一度お申し込みください。',
    )
  if (found.already) return { already: true }
  const mail = await inTransaction(ctx, async (tx) => {
    const [s] = await tx.db
      .update(newsletterSubscribers)
      .set({ status: 'confirmed', confirmTokenHash: '', confirmedAt: new Date(), updatedAt: new Date() })
      .where(byId(tx, newsletterSubscribers, id))
      .returning()
    await audit(tx, {
      action: 'newsletter.subscribe.confirm',
      entityType: 'newsletter_subscriber',
      entityId: id,
    })
    return welcomeMail(tx, s)
  })
  await sendMail(ctx, mail)
  return { already: false }
}

/** The subscription an unsubscribe link names (null when the link is wrong or already used). */
export async function deliveryByToken(ctx: Ctx, id: string, token: string) {
  const [d] = await ctx.db
    .select()
    .from(newsletterDeliveries)
    .where(byId(ctx, newsletterDeliveries, id))
  if (!d || !token || !safeEqual(sha256(token), d.unsubscribeTokenHash)) return null
  return d
}

/** Leave with the link of a mail: the subscriber row (the address) is deleted. */
export async function unsubscribe(ctx: Ctx, deliveryId: string, token: string) {
  const d = await deliveryByToken(ctx, deliveryId, token)
  if (!d)
    throw new AppError(404, 'not_found', '配信停止のURLが正しくありません。メールのURLをご確認ください。')
  if (!d.subscriberId) return { already: true }
  await removeSubscriber(ctx, d.subscriberId, 'link')
  return { already: false }
}

async function removeSubscriber(ctx: Ctx, id: string, via: 'link' | 'account') {
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(newsletterDeliveries)
      .set({ subscriberId: null })
      .where(inCity(tx, newsletterDeliveries, eq(newsletterDeliveries.subscriberId, id)))
    await tx.db.delete(newsletterSubscribers).where(byId(tx, newsletterSubscribers, id))
    await audit(tx, {
      action: 'newsletter.unsubscribe',
      entityType: 'newsletter_subscriber',
      entityId: id,
      changes: { via },
    })
  })
}

/** The signed-in person's subscription (by their account or their account's address). */
export async function accountSubscription(ctx: Ctx): Promise<Subscriber | null> {
  const a = ctx.actor
  if (!a) return null
  const [s] = await ctx.db
    .select()
    .from(newsletterSubscribers)
    .where(
      inCity(
        ctx,
        newsletterSubscribers,
        or(
          eq(newsletterSubscribers.userId, a.userId),
          eq(newsletterSubscribers.email, a.email.toLowerCase()),
        ),
      ),
    )
  return s ?? null
}

/** A signed-in person subscribes with their account's (verified) address: confirmed at once. */
export async function subscribeAccount(ctx: Ctx) {
  const a = ctx.actor!
  const email = a.email.normalize('NFKC').trim().toLowerCase()
  const existing = await accountSubscription(ctx)
  if (existing?.status === 'confirmed') return existing
  const mail = await inTransaction(ctx, async (tx) => {
    const now = new Date()
    const values = {
      status: 'confirmed',
      userId: a.userId,
      confirmTokenHash: '',
      confirmedAt: now,
      updatedAt: now,
    }
    const [s] = existing
      ? await tx.db
          .update(newsletterSubscribers)
          .set(values)
          .where(byId(tx, newsletterSubscribers, existing.id))
          .returning()
      : await tx.db
          .insert(newsletterSubscribers)
          .values({ municipalityId: tx.tenantId, email, ...values })
          .returning()
    await audit(tx, {
      action: 'newsletter.subscribe.account',
      entityType: 'newsletter_subscriber',
      entityId: s.id,
    })
    return welcomeMail(tx, s)
  })
  await sendMail(ctx, mail)
}

export async function unsubscribeAccount(ctx: Ctx) {
  const s = await accountSubscription(ctx)
  if (s) await removeSubscriber(ctx, s.id, 'account')
  return !!s
}

/** Subscribers (the caller has checked newsletter.subscribers). */
export async function listSubscribers(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(newsletterSubscribers)
    .where(inCity(ctx, newsletterSubscribers))
    .orderBy(desc(newsletterSubscribers.createdAt))
  return {
    confirmed: rows.filter((r) => r.status === 'confirmed'),
    pending: rows.filter((r) => r.status === 'pending'),
  }
}

/** How many confirmed subscribers (shown to the coordinator before sending). */
export async function confirmedCount(ctx: Pick<Ctx, 'db' | 'tenantId'>) {
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(newsletterSubscribers)
    .where(inCity(ctx, newsletterSubscribers, eq(newsletterSubscribers.status, 'confirmed')))
  return Number(r?.n ?? 0)
}

/** Unconfirmed requests older than NEWSLETTER_PENDING_DAYS are deleted with their addresses (a job). */
export async function purgePending(ctx: Ctx, now = new Date()) {
  const before = new Date(now.getTime() - NEWSLETTER_PENDING_DAYS * DAY)
  const gone = await ctx.db
    .delete(newsletterSubscribers)
    .where(
      inCity(
        ctx,
        newsletterSubscribers,
        eq(newsletterSubscribers.status, 'pending'),
        lt(newsletterSubscribers.confirmSentAt, before),
      ),
    )
    .returning({ id: newsletterSubscribers.id })
  if (gone.length)
    await audit(ctx, {
      action: 'newsletter.subscriber.purge',
      entityType: 'newsletter_subscriber',
      entityId: '',
      changes: { count: gone.length, pendingDays: NEWSLETTER_PENDING_DAYS },
    })
  return gone.length
}

// ------------------------------------------------------------------ 庁内通知

/**
 * A notice to every member of staff (everyone in a department of the city): a personal notice
 * each (notifications room), mailed unless they turned notice mails off. Kept in a list.
 */
export async function sendStaffNotice(ctx: Ctx, d: StaffNoticeInput): Promise<StaffNotice> {
  const staff = await org.departmentMemberIds(ctx)
  return inTransaction(ctx, async (tx) => {
    const [n] = await tx.db
      .insert(staffNotices)
      .values({
        municipalityId: tx.tenantId,
        ...d,
        recipientCount: staff.length,
        createdBy: tx.actor?.userId ?? null,
      })
      .returning()
    const told = await notify(tx, staff, {
      kind: 'staff_notice',
      title: `【庁内通知】${d.title}`,
      body: d.body,
      href: `/staff-notices/${n.id}`,
    })
    const [row] = await tx.db
      .update(staffNotices)
      .set({ mailedCount: told.mailed })
      .where(byId(tx, staffNotices, n.id))
      .returning()
    await audit(tx, {
      action: 'staff_notice.send',
      entityType: 'staff_notice',
      entityId: n.id,
      changes: { title: d.title, recipients: told.told, mailed: told.mailed },
    })
    return row
  })
}

/** How many people a staff notice reaches. */
export const staffCountOf = async (ctx: Ctx) => (await org.departmentMemberIds(ctx)).length

export async function listStaffNotices(ctx: Ctx) {
  return ctx.db
    .select()
    .from(staffNotices)
    .where(inCity(ctx, staffNotices))
    .orderBy(desc(staffNotices.createdAt))
    .limit(100)
}

export async function getStaffNotice(ctx: Ctx, id: string) {
  const [n] = await ctx.db
    .select()
    .from(staffNotices)
    .where(byId(ctx, staffNotices, id))
  return n ?? null
}
