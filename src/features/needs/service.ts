import { and, arrayOverlaps, asc, desc, eq, getTableColumns, gte, inArray, or, sql } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { departmentIdsOf, org } from '../organisation/index.ts'
import type { Ctx } from '../../core/context.ts'
import { idSet, linkedIds, links, linksAny, setLinks } from '../../core/db/links.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { AppError } from '../../core/errors.ts'
import { fiscalYearOf, normalizeForSearch } from '../../core/japanese/index.ts'
import { can } from '../../core/policy.ts'
import { fieldsOf, labelOf } from '../../core/vocabulary.ts'
import { getGroup, getGroups, groupContactEmailFor, groupMemberIds, groupRolesOf } from '../groups/index.ts'
import {
  coordinatorIds,
  departmentStaffIds,
  mailAddress,
  notify,
  notifyFollowersNow,
} from '../notifications/index.ts'
import { NEED_STATUSES, NEED_TRANSITIONS } from './domain.ts'
import { rankedNeedIds } from './search.ts'
import { cityPlans, hearingAnswers, hearings, needAreas, needInterests, needPlans, needs } from './schema.ts'

/** A need's areas (need_areas) and the city plans it serves (need_plans). */
export const needAreaLinks = links(needAreas, needAreas.needId, needAreas.areaId)
export const needPlanLinks = links(needPlans, needPlans.needId, needPlans.planId)

/** A need row with its areas and plans (from the join tables, sorted). */
export type Need = typeof needs.$inferSelect & { areaIds: string[]; planIds: string[] }
/** Every column of needs with `areaIds` and `planIds`: what every read of a whole need selects. */
export const needColumns = {
  ...getTableColumns(needs),
  areaIds: linkedIds(needAreaLinks, needs),
  planIds: linkedIds(needPlanLinks, needs),
}

const T = (ctx: Ctx) => ctx.tenantId
export const VISIBLE_STATUSES = ['published', 'coordinating', 'matched', 'unmatched']

// ------------------------------------------------------------------ lookups

/** Departments (課), areas, plans and fields of this city, for forms and labels. */
export async function lookups(ctx: Ctx) {
  const [deps, ars, plans] = await Promise.all([
    org.listDepartments(ctx),
    org.listAreas(ctx),
    ctx.db
      .select()
      .from(cityPlans)
      .where(inCity(ctx, cityPlans))
      .orderBy(asc(cityPlans.sortOrder), asc(cityPlans.name)),
  ])
  const fields = fieldsOf(ctx.municipality.settings)
  const depName = new Map(deps.map((d) => [d.id, d.name]))
  const areaName = new Map(ars.map((a) => [a.id, a.name]))
  return {
    departments: deps
      .filter((d) => d.kind !== 'bu' && d.active)
      .map((d) => ({ id: d.id, name: d.name, kind: d.kind, active: d.active })),
    areas: ars.map((a) => ({ id: a.id, name: a.name })),
    plans,
    fields,
    depName: (id: string | null | undefined) => (id ? (depName.get(id) ?? '（不明な課）') : ''),
    areaName: (id: string) => areaName.get(id) ?? '',
    fieldName: (code: string) => labelOf(fields, code),
  }
}
export type Lookups = Awaited<ReturnType<typeof lookups>>

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
  hasBudget: d.hasBudget === 'yes',
  budgetLimit: d.hasBudget === 'yes' ? d.budgetLimit : null,
  cityOffers: d.cityOffers,
  cityOffersNote: d.cityOffersNote,
  partnerWants: d.partnerWants,
  partnerNote: d.partnerNote,
  forms: d.forms,
  fields: d.fields,
  citywide: d.citywide,
  periodStart: d.periodStart,
  periodEnd: d.periodEnd,
  deadline: d.deadline,
  visibility: d.visibility,
  searchText: normalizeForSearch(`${d.title} ${d.situation} ${d.goal} ${d.partnerNote}`),
})

/** The need's links as the join tables keep them (distinct, sorted). */
const needLinks = (d: Pick<NeedInput, 'areaIds' | 'planIds'>) => ({
  areaIds: idSet(d.areaIds),
  planIds: idSet(d.planIds),
})

/** Replace the need's areas and plans (inside the use case's transaction). */
async function writeLinks(ctx: Ctx, needId: string, l: ReturnType<typeof needLinks>) {
  await setLinks(ctx, needAreaLinks, needId, l.areaIds)
  await setLinks(ctx, needPlanLinks, needId, l.planIds)
}

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
  const l = needLinks(d)
  const n = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(needs)
      .values({
        municipalityId: T(tx),
        ...needValues(d),
        status: d.status,
        hearingId,
        authorId: tx.actor?.userId ?? null,
        publishedAt: d.status === 'published' ? new Date() : null,
      })
      .returning()
    await writeLinks(tx, row.id, l)
    await audit(tx, {
      action: 'need.create',
      entityType: 'need',
      entityId: row.id,
      changes: diff(null, { ...needValues(d), ...l }),
    })
    if (hearingId) await markHearingAnswered(tx, hearingId, d.departmentId)
    return { ...row, ...l }
  })
  if (n.status === 'published') await notifyFollowersNow(ctx, n)
  return n
}

/**
 * A draft need made from another room's record (a consultation's 「ニーズにする」): the department,
 * a title and the situation in the person's words; the department completes it before publishing.
 * No hearing is marked answered and nobody is notified (it is a draft).
 */
export async function createNeedDraft(
  ctx: Ctx,
  d: {
    departmentId: string
    title: string
    situation: string
    fields?: string[]
    /** Where it came from, shown to the need's owners as a link (the page checks its own access). */
    origin: { label: string; href: string }
  },
): Promise<Need> {
  const input: NeedInput = {
    departmentId: d.departmentId,
    title: d.title,
    situation: d.situation,
    goal: '',
    planIds: [],
    hasBudget: 'no',
    budgetLimit: null,
    cityOffers: [],
    cityOffersNote: '',
    partnerWants: [],
    partnerNote: '',
    forms: [],
    fields: d.fields ?? [],
    areaIds: [],
    citywide: false,
    periodStart: null,
    periodEnd: null,
    deadline: null,
    visibility: 'public',
    status: 'draft',
  }
  const [n] = await ctx.db
    .insert(needs)
    .values({
      municipalityId: T(ctx),
      ...needValues(input),
      status: 'draft',
      authorId: ctx.actor?.userId ?? null,
      originLabel: d.origin.label,
      originHref: d.origin.href,
    })
    .returning()
  await audit(ctx, {
    action: 'need.create',
    entityType: 'need',
    entityId: n.id,
    changes: { ...diff(null, { ...needValues(input), ...needLinks(input) }), origin: d.origin.href },
  })
  // a draft from another room has no areas or plans yet
  return { ...n, areaIds: [], planIds: [] }
}

export async function updateNeed(ctx: Ctx, before: Need, d: NeedInput): Promise<Need> {
  const vals = needValues(d)
  const l = needLinks(d)
  const becamePublic = before.status === 'draft' && d.status === 'published'
  const status = before.status === 'draft' || before.status === 'published' ? d.status : before.status
  const n = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(needs)
      .set({
        ...vals,
        status,
        publishedAt: becamePublic ? new Date() : before.publishedAt,
        updatedAt: new Date(),
      })
      .where(and(eq(needs.municipalityId, T(tx)), eq(needs.id, before.id)))
      .returning()
    await writeLinks(tx, before.id, l)
    await audit(tx, {
      action: 'need.update',
      entityType: 'need',
      entityId: row.id,
      changes: diff(before, { ...vals, ...l, status }),
    })
    return { ...row, ...l }
  })
  if (becamePublic && !before.publishedAt) await notifyFollowersNow(ctx, n)
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
  const [row] = await ctx.db
    .update(needs)
    .set({
      status,
      updatedAt: new Date(),
      publishedAt: status === 'published' && !before.publishedAt ? new Date() : before.publishedAt,
    })
    .where(and(eq(needs.municipalityId, T(ctx)), eq(needs.id, before.id)))
    .returning()
  const n: Need = { ...row, areaIds: before.areaIds, planIds: before.planIds }
  await audit(ctx, {
    action: 'need.status',
    entityType: 'need',
    entityId: n.id,
    changes: diff(before, { status }),
  })
  if (status === 'published' && !before.publishedAt) await notifyFollowersNow(ctx, n)
  return n
}

/** A need of this city that the actor may see, or null (the route answers 404). */
export async function getNeed(ctx: Ctx, id: string): Promise<Need | null> {
  const [n] = await ctx.db
    .select(needColumns)
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
  // a query: the ranked ids of the city's needs index (readings, spelling variants, synonyms)
  const ranked = (f.q ?? '').trim() ? await rankedNeedIds(ctx, f.q ?? '') : null
  if (ranked) base.push(ranked.length ? inArray(needs.id, ranked) : sql`false`)
  const found = await ctx.db
    .select(needColumns)
    .from(needs)
    .where(and(...base))
    .orderBy(desc(needs.publishedAt), desc(needs.createdAt))
  const rank = ranked ? new Map(ranked.map((id, i) => [id, i])) : null
  const all = rank ? found.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!) : found
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
    .select(needColumns)
    .from(needs)
    .where(
      and(
        eq(needs.municipalityId, T(ctx)),
        all ? undefined : inArray(needs.departmentId, departmentIdsOf(a)),
      ),
    )
    .orderBy(desc(needs.updatedAt))
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
  const [earlier] = await ctx.db
    .select({ id: needInterests.id })
    .from(needInterests)
    .where(
      and(
        eq(needInterests.municipalityId, T(ctx)),
        eq(needInterests.needId, need.id),
        eq(needInterests.groupId, groupId),
        eq(needInterests.kind, 'interest'),
      ),
    )
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
    action: earlier ? 'need.interest.update' : 'need.interest',
    entityType: 'need',
    entityId: need.id,
    changes: { groupId, message },
  })
  // A second 関心があります updates the first: the message is replaced, nobody is told twice.
  if (earlier) return { ...row, updated: true }
  const staff = await departmentStaffIds(ctx, need.departmentId)
  await notify(ctx, staff, {
    kind: 'interest',
    title: `「${need.title}」に${g.name}が関心を示しました`,
    body: message ? `メッセージ：${message}` : 'メッセージはありません。',
    href: `/needs/${need.id}`,
  })
  const staffSet = new Set(staff)
  await notify(
    ctx,
    (await coordinatorIds(ctx)).filter((id) => !staffSet.has(id)),
    {
      kind: 'interest',
      title: `「${need.title}」に${g.name}が関心を示しました（協働推進課へのお知らせ）`,
      body: `担当課と一緒に、団体への連絡をお願いします。${message ? `\nメッセージ：${message}` : ''}`,
      href: `/needs/${need.id}`,
    },
  )
  return { ...row, updated: false }
}

/** How an invitation reached the group: its members on the portal, its contact e-mail, or no one. */
export type InviteReach = { via: 'members'; count: number } | { via: 'contact' } | { via: 'none' }

/**
 * The department invites a group to look at a need. The group's members are told (in the portal
 * and by mail); a group without accounts is mailed at its contact e-mail when it has agreed to be
 * reached there (the address is visible to the inviter); otherwise nobody could be told, and the
 * result says so.
 */
export async function inviteGroup(
  ctx: Ctx,
  need: Need,
  groupId: string,
  message: string,
): Promise<InviteReach> {
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
  const text = {
    title: `協働ニーズ「${need.title}」をご覧ください`,
    body: `市の担当課から、貴団体にこの協働ニーズの案内が届きました。${message ? `\nメッセージ：${message}` : ''}`,
    href: `/needs/${need.id}`,
  }
  const members = await groupMemberIds(ctx, groupId)
  let reach: InviteReach = { via: 'none' }
  if (members.length) {
    await notify(ctx, members, { kind: 'invitation', ...text })
    reach = { via: 'members', count: members.length }
  } else {
    const to = await groupContactEmailFor(ctx, groupId)
    if (to) {
      await mailAddress(ctx, to, text)
      reach = { via: 'contact' }
    }
  }
  await audit(ctx, {
    action: 'need.invite',
    entityType: 'need',
    entityId: need.id,
    changes: { groupId, message, reached: reach.via },
  })
  return reach
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
  await notify(ctx, await org.departmentMemberIds(ctx), {
    kind: 'hearing',
    title: `${d.title}への回答のお願い`,
    body: `${d.message}\n回答期限：${d.dueOn}\n協働ニーズを登録するか、「今年度はなし」と理由を回答してください。`,
    href: `/coordination/hearings/${h.id}`,
  })
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
    .select(needColumns)
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

// ------------------------------------------------------------------ reads for other rooms

/** A need of this city by id, whoever asks (for use cases that already checked access). */
export async function needRow(ctx: Ctx, id: string): Promise<Need | null> {
  const [n] = await ctx.db
    .select(needColumns)
    .from(needs)
    .where(byId(ctx, needs, id))
  return n ?? null
}

/** Open needs (published or coordinating); city-hall-only ones too when `staffOnly`. */
export async function openNeeds(ctx: Ctx, o: { staffOnly: boolean }): Promise<Need[]> {
  return ctx.db
    .select(needColumns)
    .from(needs)
    .where(
      inCity(
        ctx,
        needs,
        inArray(needs.status, ['published', 'coordinating']),
        o.staffOnly ? undefined : eq(needs.visibility, 'public'),
      ),
    )
}

/** Titles of needs by id. */
export async function needTitles(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await ctx.db
    .select({ id: needs.id, title: needs.title })
    .from(needs)
    .where(inCity(ctx, needs, inArray(needs.id, ids)))
  return new Map(rows.map((n) => [n.id, n.title]))
}

/** Needs published since `since` that share a field or an area (or are citywide), newest first, at most 20. */
export async function newNeedsFor(
  ctx: Ctx,
  f: { fields: string[]; areaIds: string[]; since: Date; staff: boolean },
): Promise<Need[]> {
  const match = or(
    f.fields.length ? arrayOverlaps(needs.fields, f.fields) : undefined,
    f.areaIds.length ? linksAny(needAreaLinks, needs, f.areaIds) : undefined,
    f.areaIds.length ? eq(needs.citywide, true) : undefined,
  )
  return ctx.db
    .select(needColumns)
    .from(needs)
    .where(
      inCity(
        ctx,
        needs,
        eq(needs.status, 'published'),
        f.staff ? undefined : eq(needs.visibility, 'public'),
        gte(needs.publishedAt, f.since),
        match,
      ),
    )
    .orderBy(desc(needs.publishedAt))
    .limit(20)
}

/** Published needs in the order they were published (the demo pairs the first ones). */
export async function publishedNeedsInOrder(ctx: Ctx): Promise<Need[]> {
  return ctx.db
    .select(needColumns)
    .from(needs)
    .where(inCity(ctx, needs, eq(needs.status, 'published')))
    .orderBy(asc(needs.publishedAt))
}

/**
 * The first two steps of the matching funnel (for the statistics): needs that were published
 * (公開・調整中・成立・不成立), and how many of them a group said 関心があります to. `publicOnly`
 * leaves out needs shown to city hall only. The ids let the matching room count the later steps.
 */
export async function needFunnelCounts(ctx: Ctx, opts: { publicOnly: boolean }) {
  const list = await ctx.db
    .select({ id: needs.id })
    .from(needs)
    .where(
      inCity(
        ctx,
        needs,
        and(
          inArray(needs.status, VISIBLE_STATUSES),
          opts.publicOnly ? eq(needs.visibility, 'public') : undefined,
        ),
      ),
    )
  const ids = list.map((n) => n.id)
  const interested = ids.length
    ? await ctx.db
        .selectDistinct({ needId: needInterests.needId })
        .from(needInterests)
        .where(
          inCity(
            ctx,
            needInterests,
            and(eq(needInterests.kind, 'interest'), inArray(needInterests.needId, ids)),
          ),
        )
    : []
  return { needIds: ids, needs: ids.length, interested: interested.length }
}
