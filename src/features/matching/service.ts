import { and, arrayOverlaps, asc, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { groupRolesOf } from '../groups/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import type { Ctx } from '../../core/context.ts'
import { users } from '../../core/db/schema.ts'
import { areas, departmentMembers, departments } from '../organisation/schema.ts'
import { AppError } from '../../core/errors.ts'
import { fiscalYearOf, normalizeForSearch } from '../../core/japanese/index.ts'
import { sendMail } from '../../core/mail/index.ts'
import { can } from '../../core/policy.ts'
import { fieldsOf, labelOf } from '../../core/vocabulary.ts'
import {
  type GroupRow,
  getGroup,
  getGroups,
  groupMemberIds,
  groupText,
  prefilterGroups,
  termDocFreq,
} from './candidates.ts'
import { canMoveStage, NEED_STATUSES, NEED_TRANSITIONS, STAGES } from './domain.ts'
import { idfOf, type Labels, type Profile, prepare, type Query, score } from './match.ts'
import {
  cityPlans,
  followSettings,
  hearingAnswers,
  hearings,
  menuItems,
  needInterests,
  needs,
  notifications,
  offers,
  pairingEvents,
  pairings,
  projects,
} from './schema.ts'
import { expandedTerms, terms, textReady } from './text.ts'

export type Need = typeof needs.$inferSelect
export type Offer = typeof offers.$inferSelect
export type Pairing = typeof pairings.$inferSelect
export type Project = typeof projects.$inferSelect

const T = (ctx: Ctx) => ctx.tenantId
export const VISIBLE_STATUSES = ['published', 'coordinating', 'matched', 'unmatched']

// ------------------------------------------------------------------ lookups

/** Departments (課), areas, plans and fields of this city, for forms and labels. */
export async function lookups(ctx: Ctx) {
  const [deps, ars, plans] = await Promise.all([
    ctx.db
      .select({
        id: departments.id,
        name: departments.name,
        kind: departments.kind,
        active: departments.active,
      })
      .from(departments)
      .where(eq(departments.municipalityId, T(ctx)))
      .orderBy(asc(departments.sortOrder)),
    ctx.db
      .select({ id: areas.id, name: areas.name })
      .from(areas)
      .where(eq(areas.municipalityId, T(ctx)))
      .orderBy(asc(areas.sortOrder)),
    ctx.db
      .select()
      .from(cityPlans)
      .where(eq(cityPlans.municipalityId, T(ctx)))
      .orderBy(asc(cityPlans.sortOrder), asc(cityPlans.name)),
  ])
  const fields = fieldsOf(ctx.municipality.settings)
  const depName = new Map(deps.map((d) => [d.id, d.name]))
  const areaName = new Map(ars.map((a) => [a.id, a.name]))
  return {
    departments: deps.filter((d) => d.kind !== 'bu' && d.active),
    areas: ars,
    plans,
    fields,
    depName: (id: string | null | undefined) => (id ? (depName.get(id) ?? '（不明な課）') : ''),
    areaName: (id: string) => areaName.get(id) ?? '',
    fieldName: (code: string) => labelOf(fields, code),
  }
}
export type Lookups = Awaited<ReturnType<typeof lookups>>

const labelsOf = (lk: Lookups): Labels => ({ field: lk.fieldName, area: lk.areaName })

// ------------------------------------------------------------------ needs

export const needText = (n: Pick<Need, 'title' | 'situation' | 'goal' | 'partnerNote'>) =>
  [n.title, n.situation, n.goal, n.partnerNote].filter(Boolean).join('\n')

export interface NeedInput {
  departmentId: string
  title: string
  situation: string
  goal: string
  planIds: string[]
  hasBudget: 'yes' | 'no'
  budgetLimit: number | null
  cityOffers: string[]
  cityOffersNote: string
  partnerWants: string[]
  partnerNote: string
  forms: string[]
  fields: string[]
  areaIds: string[]
  citywide: boolean
  periodStart: string | null
  periodEnd: string | null
  deadline: string | null
  visibility: string
  status: string
}

/** Extra checks against this city's lists; returns field errors. */
export async function checkNeedRefs(ctx: Ctx, d: NeedInput) {
  const lk = await lookups(ctx)
  const errors: Record<string, string> = {}
  if (!lk.departments.some((x) => x.id === d.departmentId))
    errors.departmentId = '担当課を一覧から選んでください'
  else if (!can(ctx.actor, 'need.edit', { departmentId: d.departmentId }))
    errors.departmentId = '担当課は、あなたが所属する課を選んでください'
  if (d.planIds.some((p) => !lk.plans.some((x) => x.id === p)))
    errors.planIds = '関連する計画・施策は一覧から選んでください'
  if (d.areaIds.some((a) => !lk.areas.some((x) => x.id === a)))
    errors.areaIds = '地区は一覧から選んでください'
  return errors
}

const needValues = (d: NeedInput) => ({
  departmentId: d.departmentId,
  title: d.title,
  situation: d.situation,
  goal: d.goal,
  planIds: d.planIds,
  hasBudget: d.hasBudget === 'yes',
  budgetLimit: d.hasBudget === 'yes' ? d.budgetLimit : null,
  cityOffers: d.cityOffers,
  cityOffersNote: d.cityOffersNote,
  partnerWants: d.partnerWants,
  partnerNote: d.partnerNote,
  forms: d.forms,
  fields: d.fields,
  areaIds: d.areaIds,
  citywide: d.citywide,
  periodStart: d.periodStart,
  periodEnd: d.periodEnd,
  deadline: d.deadline,
  visibility: d.visibility,
  searchText: normalizeForSearch(`${d.title} ${d.situation} ${d.goal} ${d.partnerNote}`),
})

export async function openHearingId(ctx: Ctx) {
  const [h] = await ctx.db
    .select({ id: hearings.id })
    .from(hearings)
    .where(and(eq(hearings.municipalityId, T(ctx)), eq(hearings.status, 'open')))
    .orderBy(desc(hearings.createdAt))
    .limit(1)
  return h?.id ?? null
}

export async function createNeed(ctx: Ctx, d: NeedInput): Promise<Need> {
  const hearingId = await openHearingId(ctx)
  const [n] = await ctx.db
    .insert(needs)
    .values({
      municipalityId: T(ctx),
      ...needValues(d),
      status: d.status,
      hearingId,
      authorId: ctx.actor?.userId ?? null,
      publishedAt: d.status === 'published' ? new Date() : null,
    })
    .returning()
  await audit(ctx, {
    action: 'need.create',
    entityType: 'need',
    entityId: n.id,
    changes: diff(null, needValues(d)),
  })
  if (hearingId) await markHearingAnswered(ctx, hearingId, d.departmentId)
  if (n.status === 'published') await notifyFollowersNow(ctx, n)
  return n
}

export async function updateNeed(ctx: Ctx, before: Need, d: NeedInput): Promise<Need> {
  const vals = needValues(d)
  const becamePublic = before.status === 'draft' && d.status === 'published'
  const status = before.status === 'draft' || before.status === 'published' ? d.status : before.status
  const [n] = await ctx.db
    .update(needs)
    .set({
      ...vals,
      status,
      publishedAt: becamePublic ? new Date() : before.publishedAt,
      updatedAt: new Date(),
    })
    .where(and(eq(needs.municipalityId, T(ctx)), eq(needs.id, before.id)))
    .returning()
  await audit(ctx, {
    action: 'need.update',
    entityType: 'need',
    entityId: n.id,
    changes: diff(before, { ...vals, status }),
  })
  return n
}

export async function setNeedStatus(ctx: Ctx, before: Need, status: string): Promise<Need> {
  if (!(NEED_TRANSITIONS[before.status] ?? []).includes(status))
    throw new AppError(
      422,
      'validation',
      `状態を「${labelOf(NEED_STATUSES, before.status)}」から「${labelOf(NEED_STATUSES, status)}」には変更できません。`,
      { status: '変更できる状態を選んでください' },
    )
  const [n] = await ctx.db
    .update(needs)
    .set({
      status,
      updatedAt: new Date(),
      publishedAt: status === 'published' && !before.publishedAt ? new Date() : before.publishedAt,
    })
    .where(and(eq(needs.municipalityId, T(ctx)), eq(needs.id, before.id)))
    .returning()
  await audit(ctx, {
    action: 'need.status',
    entityType: 'need',
    entityId: n.id,
    changes: diff(before, { status }),
  })
  return n
}

/** A need of this city that the actor may see, or null (the route answers 404). */
export async function getNeed(ctx: Ctx, id: string): Promise<Need | null> {
  const [n] = await ctx.db
    .select()
    .from(needs)
    .where(and(eq(needs.municipalityId, T(ctx)), eq(needs.id, id)))
  if (!n || !can(ctx.actor, 'need.view', n)) return null
  return n
}

export interface NeedFilter {
  q?: string
  field?: string
  area?: string
  form?: string
  department?: string
  status?: string
  page?: number
  perPage?: number
}

/** Visible needs with search and facets (fields, forms, departments, statuses). */
export async function listNeeds(ctx: Ctx, f: NeedFilter) {
  const staff = can(ctx.actor, 'hearing.view')
  const base = [
    eq(needs.municipalityId, T(ctx)),
    inArray(needs.status, VISIBLE_STATUSES),
    ...(staff ? [] : [eq(needs.visibility, 'public')]),
  ]
  const words = (f.q ?? '').trim()
    ? normalizeForSearch(f.q ?? '')
        .split(' ')
        .slice(0, 5)
    : []
  for (const w of words)
    base.push(sql`${needs.searchText} like ${`%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`)
  const all = await ctx.db
    .select()
    .from(needs)
    .where(and(...base))
    .orderBy(desc(needs.publishedAt), desc(needs.createdAt))
  const pass = (n: Need, skip?: string) =>
    (skip === 'field' || !f.field || n.fields.includes(f.field)) &&
    (skip === 'area' || !f.area || n.areaIds.includes(f.area) || n.citywide) &&
    (skip === 'form' || !f.form || n.forms.includes(f.form)) &&
    (skip === 'department' || !f.department || n.departmentId === f.department) &&
    (skip === 'status' || !f.status || n.status === f.status)
  const count = (skip: string, key: (n: Need) => string[]) => {
    const m = new Map<string, number>()
    for (const n of all) if (pass(n, skip)) for (const k of key(n)) m.set(k, (m.get(k) ?? 0) + 1)
    return m
  }
  const facets = {
    field: count('field', (n) => n.fields),
    form: count('form', (n) => n.forms),
    department: count('department', (n) => [n.departmentId]),
    status: count('status', (n) => [n.status]),
    area: count('area', (n) => n.areaIds),
  }
  const rows = all.filter((n) => pass(n))
  const perPage = f.perPage ?? 20
  const page = f.page ?? 1
  return { total: rows.length, items: rows.slice((page - 1) * perPage, page * perPage), facets }
}

/** Needs of the actor's departments (every status), newest first; coordinators see all. */
export async function myNeeds(ctx: Ctx) {
  const a = ctx.actor!
  const all = a.isCoordinator || a.isAdmin
  if (!all && !departmentIdsOf(a).length) return []
  return ctx.db
    .select()
    .from(needs)
    .where(
      and(
        eq(needs.municipalityId, T(ctx)),
        all ? undefined : inArray(needs.departmentId, departmentIdsOf(a)),
      ),
    )
    .orderBy(desc(needs.updatedAt))
}

// ------------------------------------------------------------------ offers

export interface OfferInput {
  groupId: string
  title: string
  body: string
  fields: string[]
  areaIds: string[]
  citywide: boolean
  forms: string[]
  resources: string[]
  timing: string
}

export async function createOffer(ctx: Ctx, d: OfferInput): Promise<Offer> {
  const g = await getGroup(ctx, d.groupId)
  if (!g || !can(ctx.actor, 'offer.edit', { groupId: d.groupId }))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      groupId: '団体は、あなたが所属する団体を選んでください',
    })
  const vals = { ...d, searchText: normalizeForSearch(`${d.title} ${d.body} ${g.name}`) }
  const [o] = await ctx.db
    .insert(offers)
    .values({ municipalityId: T(ctx), ...vals, authorId: ctx.actor?.userId ?? null })
    .returning()
  await audit(ctx, {
    action: 'offer.create',
    entityType: 'offer',
    entityId: o.id,
    changes: diff(null, d as any),
  })
  return o
}

/** Offers of published groups only. */
export async function listOffers(ctx: Ctx, f: { q?: string; field?: string; form?: string; page?: number }) {
  const rows = await ctx.db
    .select()
    .from(offers)
    .where(and(eq(offers.municipalityId, T(ctx)), eq(offers.status, 'published')))
    .orderBy(desc(offers.createdAt))
  const gs = new Map((await getGroups(ctx, [...new Set(rows.map((o) => o.groupId))])).map((g) => [g.id, g]))
  const words = (f.q ?? '').trim() ? normalizeForSearch(f.q ?? '').split(' ') : []
  const visible = rows.filter((o) => gs.get(o.groupId)?.status === 'published')
  const pass = (o: Offer, skip?: string) =>
    words.every((w) => o.searchText.includes(w)) &&
    (skip === 'field' || !f.field || o.fields.includes(f.field)) &&
    (skip === 'form' || !f.form || o.forms.includes(f.form))
  const count = (skip: string, key: (o: Offer) => string[]) => {
    const m = new Map<string, number>()
    for (const o of visible) if (pass(o, skip)) for (const k of key(o)) m.set(k, (m.get(k) ?? 0) + 1)
    return m
  }
  const items = visible.filter((o) => pass(o))
  const page = f.page ?? 1
  return {
    total: items.length,
    items: items
      .slice((page - 1) * 20, page * 20)
      .map((o) => ({ ...o, groupName: gs.get(o.groupId)?.name ?? '' })),
    facets: { field: count('field', (o) => o.fields), form: count('form', (o) => o.forms) },
  }
}

export async function getOffer(ctx: Ctx, id: string) {
  const [o] = await ctx.db
    .select()
    .from(offers)
    .where(and(eq(offers.municipalityId, T(ctx)), eq(offers.id, id)))
  if (!o) return null
  const g = await getGroup(ctx, o.groupId)
  if (!g) return null
  if (g.status !== 'published' && !can(ctx.actor, 'offer.edit', { groupId: g.id })) return null
  return { ...o, group: g }
}

// ------------------------------------------------------------------ menu and plans

export async function listMenu(ctx: Ctx) {
  return ctx.db
    .select()
    .from(menuItems)
    .where(and(eq(menuItems.municipalityId, T(ctx)), eq(menuItems.active, true)))
    .orderBy(asc(menuItems.sortOrder), asc(menuItems.createdAt))
}

export async function createMenuItem(
  ctx: Ctx,
  d: typeof menuItems.$inferInsert extends infer X ? Omit<X, 'municipalityId'> : never,
) {
  const [m] = await ctx.db
    .insert(menuItems)
    .values({ ...d, municipalityId: T(ctx) })
    .returning()
  await audit(ctx, {
    action: 'menu.create',
    entityType: 'menu_item',
    entityId: m.id,
    changes: diff(null, d as any),
  })
  return m
}

export async function getMenuItem(ctx: Ctx, id: string) {
  const [m] = await ctx.db
    .select()
    .from(menuItems)
    .where(and(eq(menuItems.municipalityId, T(ctx)), eq(menuItems.id, id)))
  return m ?? null
}

export async function updateMenuItem(
  ctx: Ctx,
  before: typeof menuItems.$inferSelect,
  d: Record<string, unknown>,
) {
  const [m] = await ctx.db
    .update(menuItems)
    .set({ ...d, updatedAt: new Date() })
    .where(and(eq(menuItems.municipalityId, T(ctx)), eq(menuItems.id, before.id)))
    .returning()
  await audit(ctx, {
    action: 'menu.update',
    entityType: 'menu_item',
    entityId: m.id,
    changes: diff(before as any, d),
  })
  return m
}

export async function createPlan(ctx: Ctx, d: { name: string; description: string }) {
  const [p] = await ctx.db
    .insert(cityPlans)
    .values({ ...d, municipalityId: T(ctx) })
    .onConflictDoNothing()
    .returning()
  if (!p)
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      name: '同じ名称の計画・施策がすでにあります',
    })
  await audit(ctx, { action: 'plan.create', entityType: 'city_plan', entityId: p.id, changes: diff(null, d) })
  return p
}

export async function setPlanActive(ctx: Ctx, id: string, active: boolean) {
  const [before] = await ctx.db
    .select()
    .from(cityPlans)
    .where(and(eq(cityPlans.municipalityId, T(ctx)), eq(cityPlans.id, id)))
  if (!before) return null
  await ctx.db.update(cityPlans).set({ active, updatedAt: new Date() }).where(eq(cityPlans.id, id))
  await audit(ctx, {
    action: 'plan.update',
    entityType: 'city_plan',
    entityId: id,
    changes: diff(before, { active }),
  })
  return before
}

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

export async function departmentStaffIds(ctx: Ctx, departmentId: string) {
  const rows = await ctx.db
    .select({ userId: departmentMembers.userId })
    .from(departmentMembers)
    .where(
      and(eq(departmentMembers.municipalityId, T(ctx)), eq(departmentMembers.departmentId, departmentId)),
    )
  return rows.map((r) => r.userId)
}

async function coordinatorIds(ctx: Ctx) {
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

/** In-app only, at publication: followers whose fields or areas match learn of the need at once. */
async function notifyFollowersNow(_ctx: Ctx, _n: Need) {
  // The digest (sendDigests) carries new needs; nothing is sent at publication to avoid noise.
}

/**
 * The digest of new needs for followers (daily or weekly, each follower's choice). Writes one
 * in-app notification and one mail per follower with matching new needs, and remembers when.
 * Exported for the scheduler (the lead wires it): call daily; weekly followers get theirs
 * when seven days have passed since their last digest.
 */
export async function sendDigests(ctx: Ctx, now = new Date()) {
  const fs = await ctx.db
    .select()
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
    const match = or(
      f.fields.length ? arrayOverlaps(needs.fields, f.fields) : undefined,
      f.areaIds.length ? arrayOverlaps(needs.areaIds, f.areaIds) : undefined,
      f.areaIds.length ? eq(needs.citywide, true) : undefined,
    )
    const fresh = await ctx.db
      .select()
      .from(needs)
      .where(
        and(
          eq(needs.municipalityId, T(ctx)),
          eq(needs.status, 'published'),
          staff ? undefined : eq(needs.visibility, 'public'),
          gte(needs.publishedAt, since),
          match,
        ),
      )
      .orderBy(desc(needs.publishedAt))
      .limit(20)
    await ctx.db.update(followSettings).set({ lastDigestAt: now }).where(eq(followSettings.id, f.id))
    if (!fresh.length) continue
    const title = `新着の協働ニーズ ${fresh.length}件（${f.digest === 'daily' ? '毎日' : '毎週'}のお知らせ）`
    const body = fresh.map((n) => `・${n.title}（/needs/${n.id}）`).join('\n')
    await notify(ctx, [f.userId], { kind: 'digest', title, body, href: '/needs' })
    sent++
  }
  return sent
}

// ------------------------------------------------------------------ interest and invitations

export async function interestsOf(ctx: Ctx, needId: string) {
  const rows = await ctx.db
    .select()
    .from(needInterests)
    .where(and(eq(needInterests.municipalityId, T(ctx)), eq(needInterests.needId, needId)))
    .orderBy(desc(needInterests.createdAt))
  const gs = new Map((await getGroups(ctx, [...new Set(rows.map((r) => r.groupId))])).map((g) => [g.id, g]))
  return rows.map((r) => ({ ...r, groupName: gs.get(r.groupId)?.name ?? '（非公開の団体）' }))
}

/** A group says 関心があります; the department's staff are told. */
export async function expressInterest(ctx: Ctx, need: Need, groupId: string, message: string) {
  if (!ctx.actor || !groupRolesOf(ctx.actor)[groupId])
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      groupId: '団体は、あなたが所属する団体を選んでください',
    })
  const g = await getGroup(ctx, groupId)
  if (!g)
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      groupId: '団体を一覧から選んでください',
    })
  const [row] = await ctx.db
    .insert(needInterests)
    .values({
      municipalityId: T(ctx),
      needId: need.id,
      groupId,
      kind: 'interest',
      message,
      userId: ctx.actor.userId,
    })
    .onConflictDoUpdate({
      target: [needInterests.needId, needInterests.groupId, needInterests.kind],
      set: { message, userId: ctx.actor.userId },
    })
    .returning()
  await audit(ctx, {
    action: 'need.interest',
    entityType: 'need',
    entityId: need.id,
    changes: { groupId, message },
  })
  await notify(ctx, await departmentStaffIds(ctx, need.departmentId), {
    kind: 'interest',
    title: `「${need.title}」に${g.name}が関心を示しました`,
    body: message ? `メッセージ：${message}` : 'メッセージはありません。',
    href: `/needs/${need.id}`,
  })
  return row
}

/** The department invites a group to look at a need; the group's members are told. */
export async function inviteGroup(ctx: Ctx, need: Need, groupId: string, message: string) {
  const g = await getGroup(ctx, groupId)
  if (g?.status !== 'published')
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      groupId: '公開中の団体を一覧から選んでください',
    })
  await ctx.db
    .insert(needInterests)
    .values({
      municipalityId: T(ctx),
      needId: need.id,
      groupId,
      kind: 'invitation',
      message,
      userId: ctx.actor!.userId,
    })
    .onConflictDoUpdate({
      target: [needInterests.needId, needInterests.groupId, needInterests.kind],
      set: { message },
    })
  await audit(ctx, {
    action: 'need.invite',
    entityType: 'need',
    entityId: need.id,
    changes: { groupId, message },
  })
  await notify(ctx, await groupMemberIds(ctx, groupId), {
    kind: 'invitation',
    title: `協働ニーズ「${need.title}」をご覧ください`,
    body: `市の担当課から、貴団体にこの協働ニーズの案内が届きました。${message ? `\nメッセージ：${message}` : ''}`,
    href: `/needs/${need.id}`,
  })
}

// ------------------------------------------------------------------ matching

export interface GroupMatch {
  groupId: string
  groupName: string
  score: number
  reasons: string[]
  offerId?: string
}

async function projectCounts(ctx: Ctx, groupIds: string[]) {
  const m = new Map<string, number>()
  if (!groupIds.length) return m
  const rows = await ctx.db
    .select({ groupIds: projects.groupIds })
    .from(projects)
    .where(and(eq(projects.municipalityId, T(ctx)), arrayOverlaps(projects.groupIds, groupIds)))
  for (const r of rows) for (const g of r.groupIds) m.set(g, (m.get(g) ?? 0) + 1)
  return m
}

export const needQuery = (n: Need): Query => ({
  text: needText(n),
  fields: n.fields,
  areaIds: n.areaIds,
  citywide: n.citywide,
  resources: n.partnerWants,
  forms: n.forms,
})

/**
 * Published groups ranked for a need, each with its reasons. Prefiltered in SQL (fields,
 * areas, terms with synonyms), scored in TypeScript.
 */
export async function matchGroupsForNeed(ctx: Ctx, need: Need, limit = 10): Promise<GroupMatch[]> {
  await textReady()
  const q = needQuery(need)
  const p = prepare(q)
  // Document frequencies first (cached): very common terms say little and would flood the prefilter.
  const prof = process.env.KYODO_MATCH_PROFILE ? [performance.now()] : null
  const queryTerms = [...p.expanded.keys()].slice(0, 200)
  const { n, df } = await termDocFreq(ctx, [...new Set([...p.own, ...queryTerms])])
  const specific = queryTerms
    .filter((t) => (df.get(t) ?? 0) > 0 && (df.get(t) ?? 0) <= Math.max(40, n * 0.002))
    .sort((x, y) => (df.get(x) ?? 0) - (df.get(y) ?? 0))
    .slice(0, 30)
  prof?.push(performance.now())
  const cands = await prefilterGroups(ctx, { fields: q.fields, areaIds: q.areaIds, terms: specific })
  prof?.push(performance.now())
  const ids = cands.map((c) => c.id)
  const [pc, offs] = await Promise.all([
    projectCounts(ctx, ids),
    ids.length
      ? ctx.db
          .select({
            id: offers.id,
            groupId: offers.groupId,
            forms: offers.forms,
            resources: offers.resources,
          })
          .from(offers)
          .where(
            and(
              eq(offers.municipalityId, T(ctx)),
              eq(offers.status, 'published'),
              inArray(offers.groupId, ids),
            ),
          )
      : Promise.resolve([] as { id: string; groupId: string; forms: string[]; resources: string[] }[]),
  ])
  const N = Math.max(n, cands.length, 1)
  const idf = (t: string) => idfOf(df.get(t) ?? 0, N)
  const lk = await lookups(ctx)
  const out: GroupMatch[] = []
  for (const c of cands) {
    const mine = offs.filter((o) => o.groupId === c.id)
    const prof: Profile = {
      text: groupText(c),
      terms: c.terms,
      trackRecord: c.trackRecord,
      trackTerms: c.trackTerms,
      fields: c.fields,
      areaIds: c.areaIds,
      citywide: c.citywide,
      resources: [...new Set([...c.resources, ...mine.flatMap((o) => o.resources)])],
      forms: [...new Set(mine.flatMap((o) => o.forms))],
      wantsCollaboration: c.wantsCollaboration,
      disclosureLevel: c.disclosureLevel,
      projectCount: pc.get(c.id) ?? 0,
    }
    const s = score(p, prof, idf, labelsOf(lk))
    out.push({ groupId: c.id, groupName: c.name, score: s.score, reasons: s.reasons, offerId: mine[0]?.id })
  }
  out.sort((a, b) => b.score - a.score || a.groupName.localeCompare(b.groupName, 'ja'))
  if (prof) {
    prof.push(performance.now())
    console.log(
      `match profile: df ${(prof[1] - prof[0]).toFixed(0)} prefilter ${(prof[2] - prof[1]).toFixed(0)} (${cands.length}) score ${(prof[3] - prof[2]).toFixed(0)} ms, specific terms ${specific.length}`,
    )
  }
  return out.slice(0, limit)
}

export interface NeedMatch {
  needId: string
  title: string
  departmentId: string
  score: number
  reasons: string[]
}

/** Open needs (published or coordinating) the actor may see, ranked for a group or an offer. */
export async function matchNeedsFor(
  ctx: Ctx,
  who: {
    text: string
    fields: string[]
    areaIds: string[]
    citywide: boolean
    resources: string[]
    forms: string[]
    trackRecord?: string
    wants?: boolean
  },
  limit = 10,
): Promise<NeedMatch[]> {
  await textReady()
  const staff = can(ctx.actor, 'hearing.view')
  const open = await ctx.db
    .select()
    .from(needs)
    .where(
      and(
        eq(needs.municipalityId, T(ctx)),
        inArray(needs.status, ['published', 'coordinating']),
        staff ? undefined : eq(needs.visibility, 'public'),
      ),
    )
  if (!open.length) return []
  const p = prepare({
    text: who.text,
    fields: who.fields,
    areaIds: who.areaIds,
    citywide: who.citywide,
    resources: [],
    forms: who.forms,
  })
  const docs = open.map((n) => new Set(terms(needText(n))))
  const idf = (t: string) => idfOf(docs.filter((d) => d.has(t)).length, docs.length)
  const lk = await lookups(ctx)
  const out: NeedMatch[] = open.map((n) => {
    // Reverse: the group/offer is the query; the need is ranked by the same components.
    const s = score(
      p,
      {
        text: needText(n),
        fields: n.fields,
        areaIds: n.areaIds,
        citywide: n.citywide,
        resources: n.partnerWants.filter((r) => who.resources.includes(r)),
        forms: n.forms,
      },
      idf,
      labelsOf(lk),
    )
    const reasons = s.reasons.filter((r) => !r.startsWith('提供できる資源'))
    const res = n.partnerWants.filter((r) => who.resources.includes(r))
    if (res.length)
      reasons.push(`求められる資源を提供できる：${res.map((r) => labelOf(RES_LABELS, r)).join('、')}`)
    return { needId: n.id, title: n.title, departmentId: n.departmentId, score: s.score, reasons }
  })
  out.sort((a, b) => b.score - a.score)
  return out.filter((x) => x.score > 0).slice(0, limit)
}

const RES_LABELS = [
  { code: 'expertise', label: '専門性' },
  { code: 'people', label: '人手' },
  { code: 'network', label: 'ネットワーク' },
  { code: 'place', label: '場所' },
]

export async function matchNeedsForGroup(ctx: Ctx, g: GroupRow, limit = 10) {
  return matchNeedsFor(
    ctx,
    {
      text: groupText(g),
      fields: g.fields,
      areaIds: g.areaIds,
      citywide: g.citywide,
      resources: g.resources,
      forms: [],
      trackRecord: g.trackRecord,
    },
    limit,
  )
}

export async function matchNeedsForOffer(ctx: Ctx, o: Offer, limit = 10) {
  return matchNeedsFor(
    ctx,
    {
      text: `${o.title}\n${o.body}`,
      fields: o.fields,
      areaIds: o.areaIds,
      citywide: o.citywide,
      resources: o.resources,
      forms: o.forms,
    },
    limit,
  )
}

/** Offers ranked for a need (offers of published groups). */
export async function matchOffersForNeed(ctx: Ctx, need: Need, limit = 10) {
  await textReady()
  const list = await ctx.db
    .select()
    .from(offers)
    .where(and(eq(offers.municipalityId, T(ctx)), eq(offers.status, 'published')))
  const gs = new Map((await getGroups(ctx, [...new Set(list.map((o) => o.groupId))])).map((g) => [g.id, g]))
  const live = list.filter((o) => gs.get(o.groupId)?.status === 'published')
  if (!live.length) return []
  const p = prepare(needQuery(need))
  const docs = live.map((o) => new Set(terms(`${o.title}\n${o.body}`)))
  const idf = (t: string) => idfOf(docs.filter((d) => d.has(t)).length, docs.length)
  const lk = await lookups(ctx)
  return live
    .map((o) => {
      const s = score(
        p,
        {
          text: `${o.title}\n${o.body}`,
          fields: o.fields,
          areaIds: o.areaIds,
          citywide: o.citywide,
          resources: o.resources,
          forms: o.forms,
        },
        idf,
        labelsOf(lk),
      )
      return {
        offerId: o.id,
        title: o.title,
        groupId: o.groupId,
        groupName: gs.get(o.groupId)!.name,
        score: s.score,
        reasons: s.reasons,
      }
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
}

// ------------------------------------------------------------------ pairings and projects

export async function getPairing(ctx: Ctx, id: string) {
  const [p] = await ctx.db
    .select()
    .from(pairings)
    .where(and(eq(pairings.municipalityId, T(ctx)), eq(pairings.id, id)))
  return p ?? null
}

async function participants(ctx: Ctx, p: Pairing) {
  return [
    ...(await departmentStaffIds(ctx, p.departmentId)),
    ...(await groupMemberIds(ctx, p.groupId)),
    ...(p.responsibleUserId ? [p.responsibleUserId] : []),
    ...(await coordinatorIds(ctx)),
  ].filter((id) => id !== ctx.actor?.userId)
}

/** Put a group on the board for a need (or an offer for a department), as 候補. */
export async function createPairing(
  ctx: Ctx,
  d: {
    needId?: string | null
    offerId?: string | null
    groupId: string
    departmentId: string
    score?: number | null
    reasons?: string[]
    note?: string
  },
) {
  const g = await getGroup(ctx, d.groupId)
  if (g?.status !== 'published')
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      groupId: '公開中の団体を選んでください',
    })
  const existing = await ctx.db
    .select()
    .from(pairings)
    .where(
      and(
        eq(pairings.municipalityId, T(ctx)),
        eq(pairings.groupId, d.groupId),
        d.needId ? eq(pairings.needId, d.needId) : eq(pairings.offerId, d.offerId ?? ''),
        d.needId ? undefined : eq(pairings.departmentId, d.departmentId),
      ),
    )
  if (existing.length) return existing[0]
  const [p] = await ctx.db
    .insert(pairings)
    .values({
      municipalityId: T(ctx),
      needId: d.needId ?? null,
      offerId: d.offerId ?? null,
      groupId: d.groupId,
      departmentId: d.departmentId,
      stage: 'candidate',
      responsibleUserId: ctx.actor?.userId ?? null,
      score: d.score ?? null,
      reasons: d.reasons ?? [],
      note: d.note ?? '',
      createdBy: ctx.actor?.userId ?? null,
    })
    .returning()
  await ctx.db.insert(pairingEvents).values({
    municipalityId: T(ctx),
    pairingId: p.id,
    kind: 'stage',
    toStage: 'candidate',
    title: '候補に追加',
    actorId: ctx.actor?.userId ?? null,
  })
  await audit(ctx, {
    action: 'pairing.create',
    entityType: 'pairing',
    entityId: p.id,
    changes: diff(null, { ...d }),
  })
  return p
}

/** Move a pairing to the next stage with a date and a note (a reason when it stops). */
export async function movePairing(
  ctx: Ctx,
  p: Pairing,
  d: { stage: string; on: string; note: string; reason: string },
) {
  if (!canMoveStage(p.stage, d.stage))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      stage: `「${labelOf(STAGES, p.stage)}」から「${labelOf(STAGES, d.stage)}」には進められません`,
    })
  const set: Partial<Pairing> = { stage: d.stage, updatedAt: new Date() }
  if (d.stage === 'introduced') set.introducedOn = d.on
  if (d.stage === 'agreed') set.agreedOn = d.on
  if (d.stage === 'declined') {
    set.closedOn = d.on
    set.closedReason = d.reason
  }
  if (d.stage === 'candidate') {
    set.closedOn = null
    set.closedReason = ''
  }
  const [after] = await ctx.db
    .update(pairings)
    .set(set)
    .where(and(eq(pairings.municipalityId, T(ctx)), eq(pairings.id, p.id)))
    .returning()
  await ctx.db.insert(pairingEvents).values({
    municipalityId: T(ctx),
    pairingId: p.id,
    kind: 'stage',
    fromStage: p.stage,
    toStage: d.stage,
    on: d.on,
    title: `${labelOf(STAGES, p.stage)} → ${labelOf(STAGES, d.stage)}`,
    minutes: d.note,
    decisions: d.reason,
    actorId: ctx.actor?.userId ?? null,
  })
  await audit(ctx, {
    action: 'pairing.stage',
    entityType: 'pairing',
    entityId: p.id,
    changes: diff(p as any, set as any),
  })
  // The need follows its pairings: introduced → 調整中
  if (p.needId && ['introduced', 'negotiating'].includes(d.stage)) {
    const [n] = await ctx.db
      .select()
      .from(needs)
      .where(and(eq(needs.municipalityId, T(ctx)), eq(needs.id, p.needId)))
    if (n && n.status === 'published') await setNeedStatus(ctx, n, 'coordinating')
  }
  const g = await getGroup(ctx, p.groupId)
  await notify(ctx, await participants(ctx, p), {
    kind: 'pairing',
    title: `協働の調整が「${labelOf(STAGES, d.stage)}」になりました（${g?.name ?? ''}）`,
    body: `${d.on} ${d.note}${d.reason ? `\n理由：${d.reason}` : ''}`,
    href: `/coordination/pairings/${p.id}`,
  })
  return after
}

export async function addMeeting(
  ctx: Ctx,
  p: Pairing,
  d: { title: string; on: string; minutes: string; decisions: string },
) {
  const [e] = await ctx.db
    .insert(pairingEvents)
    .values({
      municipalityId: T(ctx),
      pairingId: p.id,
      kind: 'meeting',
      on: d.on,
      title: d.title,
      minutes: d.minutes,
      decisions: d.decisions,
      actorId: ctx.actor?.userId ?? null,
    })
    .returning()
  await audit(ctx, {
    action: 'pairing.meeting',
    entityType: 'pairing',
    entityId: p.id,
    changes: diff(null, d),
  })
  return e
}

export async function pairingEventsOf(ctx: Ctx, pairingId: string) {
  return ctx.db
    .select()
    .from(pairingEvents)
    .where(and(eq(pairingEvents.municipalityId, T(ctx)), eq(pairingEvents.pairingId, pairingId)))
    .orderBy(asc(pairingEvents.createdAt))
}

/** An agreed pairing becomes a collaboration project; the need is 成立. */
export async function createProjectFromPairing(
  ctx: Ctx,
  p: Pairing,
  d: { title: string; form: string; startOn: string; purpose: string },
) {
  if (p.stage !== 'agreed')
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      _: '合意した組み合わせだけを協働事業にできます',
    })
  if (p.projectId) throw new AppError(409, 'conflict', 'この組み合わせはすでに協働事業になっています。')
  const [pr] = await ctx.db
    .insert(projects)
    .values({
      municipalityId: T(ctx),
      title: d.title,
      form: d.form,
      departmentId: p.departmentId,
      groupIds: [p.groupId],
      startOn: d.startOn,
      purpose: d.purpose,
      needId: p.needId,
      pairingId: p.id,
    })
    .returning()
  await ctx.db.update(pairings).set({ projectId: pr.id, updatedAt: new Date() }).where(eq(pairings.id, p.id))
  await audit(ctx, {
    action: 'project.create',
    entityType: 'project',
    entityId: pr.id,
    changes: diff(null, { ...d, pairingId: p.id }),
  })
  if (p.needId) {
    const [n] = await ctx.db
      .select()
      .from(needs)
      .where(and(eq(needs.municipalityId, T(ctx)), eq(needs.id, p.needId)))
    if (n && ['published', 'coordinating'].includes(n.status)) await setNeedStatus(ctx, n, 'matched')
  }
  await notify(ctx, await participants(ctx, p), {
    kind: 'project',
    title: `協働事業「${d.title}」が始まります`,
    body: `開始日：${d.startOn}`,
    href: `/projects/${pr.id}`,
  })
  return pr
}

/** The coordinator's board: every pairing, by stage. */
export async function board(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(pairings)
    .where(eq(pairings.municipalityId, T(ctx)))
    .orderBy(desc(pairings.updatedAt))
  return decorate(ctx, rows)
}

/** Pairings the actor takes part in (department, group, responsible). */
export async function myPairings(ctx: Ctx) {
  const a = ctx.actor!
  const groupIds = Object.keys(groupRolesOf(a))
  const rows = await ctx.db
    .select()
    .from(pairings)
    .where(
      and(
        eq(pairings.municipalityId, T(ctx)),
        or(
          departmentIdsOf(a).length ? inArray(pairings.departmentId, departmentIdsOf(a)) : undefined,
          groupIds.length ? inArray(pairings.groupId, groupIds) : undefined,
          eq(pairings.responsibleUserId, a.userId),
        ),
      ),
    )
    .orderBy(desc(pairings.updatedAt))
  return decorate(ctx, rows)
}

export async function pairingsOfNeed(ctx: Ctx, needId: string) {
  const rows = await ctx.db
    .select()
    .from(pairings)
    .where(and(eq(pairings.municipalityId, T(ctx)), eq(pairings.needId, needId)))
  return decorate(ctx, rows)
}

async function decorate(ctx: Ctx, rows: Pairing[]) {
  const gs = new Map(
    (await getGroups(ctx, [...new Set(rows.map((r) => r.groupId))])).map((g) => [g.id, g.name]),
  )
  const needIds = [...new Set(rows.map((r) => r.needId).filter(Boolean))] as string[]
  const ns = needIds.length
    ? new Map(
        (
          await ctx.db
            .select({ id: needs.id, title: needs.title })
            .from(needs)
            .where(and(eq(needs.municipalityId, T(ctx)), inArray(needs.id, needIds)))
        ).map((n) => [n.id, n.title]),
      )
    : new Map<string, string>()
  const offerIds = [...new Set(rows.map((r) => r.offerId).filter(Boolean))] as string[]
  const os = offerIds.length
    ? new Map(
        (
          await ctx.db
            .select({ id: offers.id, title: offers.title })
            .from(offers)
            .where(and(eq(offers.municipalityId, T(ctx)), inArray(offers.id, offerIds)))
        ).map((o) => [o.id, o.title]),
      )
    : new Map<string, string>()
  return rows.map((r) => ({
    ...r,
    groupName: gs.get(r.groupId) ?? '',
    subject: r.needId ? (ns.get(r.needId) ?? '') : (os.get(r.offerId ?? '') ?? ''),
  }))
}

export async function listProjects(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(eq(projects.municipalityId, T(ctx)))
    .orderBy(desc(projects.startOn))
  const gs = new Map(
    (await getGroups(ctx, [...new Set(rows.flatMap((r) => r.groupIds))])).map((g) => [g.id, g]),
  )
  return rows.map((r) => ({
    ...r,
    partners: r.groupIds
      .map((id) => gs.get(id))
      .filter(Boolean)
      .map((g) => ({ id: g!.id, name: g!.name, published: g!.status === 'published' })),
  }))
}

export async function getProject(ctx: Ctx, id: string) {
  const [r] = await ctx.db
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, T(ctx)), eq(projects.id, id)))
  if (!r) return null
  const gs = await getGroups(ctx, r.groupIds)
  return { ...r, partners: gs.map((g) => ({ id: g.id, name: g.name, published: g.status === 'published' })) }
}

/**
 * Collaboration projects a group takes part in (for the group's page). Public information:
 * project title, form, department, start date, purpose.
 */
export async function projectsForGroup(ctx: Ctx, groupId: string) {
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(and(eq(projects.municipalityId, T(ctx)), arrayOverlaps(projects.groupIds, [groupId])))
    .orderBy(desc(projects.startOn))
  const lk = await lookups(ctx)
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    form: r.form,
    departmentName: lk.depName(r.departmentId),
    startOn: r.startOn,
    purpose: r.purpose,
    status: r.status,
  }))
}

// ------------------------------------------------------------------ hearings

export async function listHearings(ctx: Ctx) {
  return ctx.db
    .select()
    .from(hearings)
    .where(eq(hearings.municipalityId, T(ctx)))
    .orderBy(desc(hearings.createdAt))
}

export async function getHearing(ctx: Ctx, id: string) {
  const [h] = await ctx.db
    .select()
    .from(hearings)
    .where(and(eq(hearings.municipalityId, T(ctx)), eq(hearings.id, id)))
  return h ?? null
}

/** Open the yearly hearing: every active 課 is asked; their staff are told. */
export async function openHearing(ctx: Ctx, d: { title: string; message: string; dueOn: string }) {
  if (await openHearingId(ctx))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      title: '実施中のヒアリングがあります。公表してから次を開始してください',
    })
  const [h] = await ctx.db
    .insert(hearings)
    .values({
      municipalityId: T(ctx),
      fiscalYear: fiscalYearOf(new Date()),
      ...d,
      openedBy: ctx.actor?.userId ?? null,
    })
    .returning()
  const lk = await lookups(ctx)
  if (lk.departments.length)
    await ctx.db
      .insert(hearingAnswers)
      .values(
        lk.departments.map((dep) => ({ municipalityId: T(ctx), hearingId: h.id, departmentId: dep.id })),
      )
  await audit(ctx, { action: 'hearing.open', entityType: 'hearing', entityId: h.id, changes: diff(null, d) })
  const staff = await ctx.db
    .select({ userId: departmentMembers.userId })
    .from(departmentMembers)
    .where(eq(departmentMembers.municipalityId, T(ctx)))
  await notify(
    ctx,
    staff.map((s) => s.userId),
    {
      kind: 'hearing',
      title: `${d.title}への回答のお願い`,
      body: `${d.message}\n回答期限：${d.dueOn}\n協働ニーズを登録するか、「今年度はなし」と理由を回答してください。`,
      href: `/coordination/hearings/${h.id}`,
    },
  )
  return h
}

export async function hearingStatus(ctx: Ctx, hearingId: string) {
  const rows = await ctx.db
    .select()
    .from(hearingAnswers)
    .where(and(eq(hearingAnswers.municipalityId, T(ctx)), eq(hearingAnswers.hearingId, hearingId)))
  const ns = await ctx.db
    .select({ id: needs.id, title: needs.title, departmentId: needs.departmentId, status: needs.status })
    .from(needs)
    .where(and(eq(needs.municipalityId, T(ctx)), eq(needs.hearingId, hearingId)))
  const lk = await lookups(ctx)
  return rows
    .map((r) => ({
      ...r,
      departmentName: lk.depName(r.departmentId),
      needs: ns.filter((n) => n.departmentId === r.departmentId),
    }))
    .sort((a, b) => a.departmentName.localeCompare(b.departmentName, 'ja'))
}

export const hearingAnswerWhere = (hearingId: string, departmentId: string) =>
  and(eq(hearingAnswers.hearingId, hearingId), eq(hearingAnswers.departmentId, departmentId))

async function markHearingAnswered(ctx: Ctx, hearingId: string, departmentId: string) {
  await ctx.db
    .update(hearingAnswers)
    .set({ answer: 'needs', answeredBy: ctx.actor?.userId ?? null, answeredAt: new Date() })
    .where(
      and(
        eq(hearingAnswers.hearingId, hearingId),
        eq(hearingAnswers.departmentId, departmentId),
        eq(hearingAnswers.municipalityId, T(ctx)),
      ),
    )
}

export async function answerHearing(
  ctx: Ctx,
  hearingId: string,
  departmentId: string,
  d: { answer: string; reason: string },
) {
  const [before] = await ctx.db
    .select()
    .from(hearingAnswers)
    .where(
      and(
        eq(hearingAnswers.municipalityId, T(ctx)),
        eq(hearingAnswers.hearingId, hearingId),
        eq(hearingAnswers.departmentId, departmentId),
      ),
    )
  if (!before) return null
  const set = {
    answer: d.answer,
    reason: d.answer === 'none' ? d.reason : '',
    answeredBy: ctx.actor?.userId ?? null,
    answeredAt: new Date(),
  }
  await ctx.db.update(hearingAnswers).set(set).where(eq(hearingAnswers.id, before.id))
  await audit(ctx, {
    action: 'hearing.answer',
    entityType: 'hearing',
    entityId: hearingId,
    changes: { departmentId, ...diff(before, { answer: set.answer, reason: set.reason }) },
  })
  return set
}

/** Remind departments that have not answered (notification + mail). */
export async function remindHearing(ctx: Ctx, hearingId: string) {
  const h = await getHearing(ctx, hearingId)
  if (!h) return 0
  const pending = (await hearingStatus(ctx, hearingId)).filter((r) => r.answer === 'pending')
  for (const r of pending) {
    await notify(ctx, await departmentStaffIds(ctx, r.departmentId), {
      kind: 'hearing',
      title: `【再送】${h.title}への回答のお願い`,
      body: `${r.departmentName}からの回答がまだ届いていません。回答期限：${h.dueOn ?? ''}`,
      href: `/coordination/hearings/${h.id}`,
    })
    await ctx.db
      .update(hearingAnswers)
      .set({ remindedAt: new Date(), remindCount: r.remindCount + 1 })
      .where(eq(hearingAnswers.id, r.id))
  }
  await audit(ctx, {
    action: 'hearing.remind',
    entityType: 'hearing',
    entityId: hearingId,
    changes: { departments: pending.length },
  })
  return pending.length
}

/** Publish the collected needs (drafts entered for this hearing become 公開). */
export async function publishHearing(ctx: Ctx, hearingId: string) {
  const h = await getHearing(ctx, hearingId)
  if (!h) return 0
  const drafts = await ctx.db
    .select()
    .from(needs)
    .where(and(eq(needs.municipalityId, T(ctx)), eq(needs.hearingId, hearingId), eq(needs.status, 'draft')))
  for (const n of drafts) await setNeedStatus(ctx, n, 'published')
  await ctx.db
    .update(hearings)
    .set({ status: 'published', publishedAt: new Date() })
    .where(eq(hearings.id, hearingId))
  await audit(ctx, {
    action: 'hearing.publish',
    entityType: 'hearing',
    entityId: hearingId,
    changes: { published: drafts.length },
  })
  return drafts.length
}

export { expandedTerms }
