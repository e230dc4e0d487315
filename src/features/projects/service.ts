import { and, asc, desc, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { users } from '../../core/db/schema.ts'
import type { Ctx } from '../../core/context.ts'
import { AppError } from '../../core/errors.ts'
import { idSet, linkedIds, linksAny, setLinks } from '../../core/db/links.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { isCityStaff } from '../../core/roles.ts'
import { COLLAB_FORMS, labelOf } from '../../core/vocabulary.ts'
import { getGroups, groupMemberIds } from '../groups/index.ts'
import { lookups } from '../needs/index.ts'
import { coordinatorIds, departmentStaffIds, notify } from '../notifications/index.ts'
import {
  type BudgetInput,
  CARRIERS,
  CASE_STATES,
  CONTINUATIONS,
  canMove,
  continuationRates,
  followupSchedule,
  ORIGINS,
  STATES,
} from './domain.ts'
import {
  type Goal,
  projectAgreements,
  projectBudgets,
  projectChecklists,
  projectEvaluations,
  projectFollowups,
  projectPartners,
  projectReports,
  projectRoles,
  projects,
} from './schema.ts'

import { type Project, projectColumns, projectDepartmentLinks, projectGroupLinks } from './columns.ts'

export type { Project }
export type Partner = typeof projectPartners.$inferSelect
export type Budget = typeof projectBudgets.$inferSelect
export type RoleRow = typeof projectRoles.$inferSelect
export type Agreement = typeof projectAgreements.$inferSelect
export type Report = typeof projectReports.$inferSelect
export type Evaluation = typeof projectEvaluations.$inferSelect
export type Followup = typeof projectFollowups.$inferSelect
export type ChecklistRow = typeof projectChecklists.$inferSelect

const T = (ctx: Ctx) => ctx.tenantId
const invalid = (fields: Record<string, string>) =>
  new AppError(422, 'validation', '入力内容に誤りがあります。', fields)

export async function listProjects(ctx: Ctx) {
  const rows = await ctx.db
    .select(projectColumns)
    .from(projects)
    .where(eq(projects.municipalityId, T(ctx)))
    .orderBy(desc(projects.startOn), asc(projects.id))
  const ps = rows.length
    ? await ctx.db
        .select()
        .from(projectPartners)
        .where(inCity(ctx, projectPartners))
        .orderBy(asc(projectPartners.sortOrder), asc(projectPartners.createdAt))
    : []
  return rows.map((r) => ({ ...r, partners: ps.filter((x) => x.projectId === r.id) }))
}
export type ProjectListRow = Awaited<ReturnType<typeof listProjects>>[number]

export async function projectRow(ctx: Ctx, id: string): Promise<Project | null> {
  const [r] = await ctx.db
    .select(projectColumns)
    .from(projects)
    .where(byId(ctx, projects, id))
  return r ?? null
}

/** The whole record: team, budget, roles, agreements, reports, evaluations, follow-ups. */
export async function getProject(ctx: Ctx, id: string) {
  const r = await projectRow(ctx, id)
  if (!r) return null
  const [partners, budgets, roles, agreements, reports, evaluations, followups, gs, checklists, holder] =
    await Promise.all([
      ctx.db
        .select()
        .from(projectPartners)
        .where(inCity(ctx, projectPartners, eq(projectPartners.projectId, id)))
        .orderBy(asc(projectPartners.sortOrder), asc(projectPartners.createdAt)),
      ctx.db
        .select()
        .from(projectBudgets)
        .where(inCity(ctx, projectBudgets, eq(projectBudgets.projectId, id)))
        .orderBy(asc(projectBudgets.fiscalYear)),
      ctx.db
        .select()
        .from(projectRoles)
        .where(inCity(ctx, projectRoles, eq(projectRoles.projectId, id)))
        .orderBy(asc(projectRoles.sortOrder), asc(projectRoles.createdAt)),
      ctx.db
        .select()
        .from(projectAgreements)
        .where(inCity(ctx, projectAgreements, eq(projectAgreements.projectId, id)))
        .orderBy(asc(projectAgreements.version)),
      ctx.db
        .select()
        .from(projectReports)
        .where(inCity(ctx, projectReports, eq(projectReports.projectId, id)))
        .orderBy(asc(projectReports.periodStart), asc(projectReports.createdAt)),
      ctx.db
        .select()
        .from(projectEvaluations)
        .where(inCity(ctx, projectEvaluations, eq(projectEvaluations.projectId, id)))
        .orderBy(asc(projectEvaluations.createdAt)),
      ctx.db
        .select()
        .from(projectFollowups)
        .where(inCity(ctx, projectFollowups, eq(projectFollowups.projectId, id)))
        .orderBy(asc(projectFollowups.months)),
      getGroups(ctx, r.groupIds),
      ctx.db
        .select()
        .from(projectChecklists)
        .where(inCity(ctx, projectChecklists, eq(projectChecklists.projectId, id))),
      r.responsibleUserId
        ? ctx.db
            .select({ familyName: users.familyName, givenName: users.givenName })
            .from(users)
            .where(byId(ctx, users, r.responsibleUserId))
        : Promise.resolve([]),
    ])
  const published = new Set(gs.filter((g) => g.status === 'published').map((g) => g.id))
  return {
    ...r,
    partners: partners.map((x) => ({ ...x, published: !!x.groupId && published.has(x.groupId) })),
    budgets,
    roles,
    agreements,
    reports,
    evaluations,
    followups,
    checklists,
    /** 担当者's name (city side; shown only inside). */
    responsibleName: holder[0] ? `${holder[0].familyName} ${holder[0].givenName}`.trim() : null,
  }
}
export type FullProject = NonNullable<Awaited<ReturnType<typeof getProject>>>

/**
 * Collaboration projects a group takes part in (for the group's page). Public information:
 * project title, form, department, start date, purpose; internal records are left out.
 */
export async function projectsForGroup(ctx: Ctx, groupId: string) {
  const rows = await ctx.db
    .select(projectColumns)
    .from(projects)
    .where(
      and(
        eq(projects.municipalityId, T(ctx)),
        linksAny(projectGroupLinks, projects, [groupId]),
        eq(projects.internal, false),
      ),
    )
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

/** How many collaboration projects each group takes part in (matching weighs experience). */
export async function projectCounts(ctx: Ctx, groupIds: string[]) {
  const m = new Map<string, number>()
  if (!groupIds.length) return m
  const rows = await ctx.db
    .select({ groupIds: linkedIds(projectGroupLinks, projects) })
    .from(projects)
    .where(inCity(ctx, projects, linksAny(projectGroupLinks, projects, groupIds)))
  for (const r of rows) for (const g of r.groupIds) m.set(g, (m.get(g) ?? 0) + 1)
  return m
}

export interface RecordInput {
  title: string
  form: string
  origin: string
  departmentId: string
  departmentIds?: string[]
  startOn: string
  endOn: string | null
  purpose: string
  goals: Goal[]
  cityContact: string
  partnerContact: string
  internal: boolean
}

async function checkDepartment(ctx: Ctx, departmentId: string, others: string[] = []) {
  const lk = await lookups(ctx)
  if (!lk.departments.some((d) => d.id === departmentId))
    throw invalid({ departmentId: '担当課を一覧から選んでください' })
  if (others.some((o) => !lk.departments.some((d) => d.id === o)))
    throw invalid({ departmentIds: '関係課は一覧から選んでください' })
}

/** Record a project with its team (registered groups carried over as partners). Caller may hold the transaction. */
export async function createProjectRecord(
  ctx: Ctx,
  d: RecordInput & {
    groupIds?: string[]
    needId?: string | null
    pairingId?: string | null
    partners?: { kind: string; groupId?: string | null; name?: string; role?: string }[]
    budgets?: BudgetInput[]
    /** 担当者: defaults to the city staff member recording it. */
    responsibleUserId?: string | null
  },
): Promise<Project> {
  await checkDepartment(ctx, d.departmentId, d.departmentIds)
  const responsibleUserId =
    d.responsibleUserId !== undefined
      ? d.responsibleUserId
      : isCityStaff(ctx.actor)
        ? (ctx.actor?.userId ?? null)
        : null
  return inTransaction(ctx, async (tx) => {
    const groupIds = [
      ...new Set([
        ...(d.groupIds ?? []),
        ...(d.partners ?? []).filter((p) => p.kind === 'group' && p.groupId).map((p) => p.groupId!),
      ]),
    ]
    const gs = await getGroups(tx, groupIds)
    if (gs.length !== groupIds.length) throw invalid({ partners: '協働の相手の団体が見つかりません' })
    const [pr] = await tx.db
      .insert(projects)
      .values({
        municipalityId: T(tx),
        title: d.title,
        form: d.form,
        origin: d.origin,
        departmentId: d.departmentId,
        startOn: d.startOn,
        endOn: d.endOn,
        purpose: d.purpose,
        goals: d.goals,
        cityContact: d.cityContact,
        partnerContact: d.partnerContact,
        internal: d.internal,
        needId: d.needId ?? null,
        pairingId: d.pairingId ?? null,
        responsibleUserId,
      })
      .returning()
    const roleOf = new Map((d.partners ?? []).filter((p) => p.groupId).map((p) => [p.groupId!, p.role ?? '']))
    const team = [
      ...gs.map((g) => ({ kind: 'group', groupId: g.id, name: g.name, role: roleOf.get(g.id) ?? '' })),
      ...(d.partners ?? [])
        .filter((p) => p.kind !== 'group')
        .map((p) => ({ kind: p.kind, groupId: null, name: p.name ?? '', role: p.role ?? '' })),
    ]
    if (team.length)
      await tx.db
        .insert(projectPartners)
        .values(team.map((p, i) => ({ municipalityId: T(tx), projectId: pr.id, sortOrder: i, ...p })))
    const departmentIds = idSet((d.departmentIds ?? []).filter((x) => x !== d.departmentId))
    await setLinks(tx, projectDepartmentLinks, pr.id, departmentIds)
    const project: Project = { ...pr, departmentIds, groupIds: idSet(gs.map((g) => g.id)) }
    for (const b of d.budgets ?? []) await saveBudget(tx, project, b)
    await audit(tx, {
      action: 'project.create',
      entityType: 'project',
      entityId: pr.id,
      changes: diff(null, {
        title: d.title,
        form: d.form,
        origin: d.origin,
        startOn: d.startOn,
        endOn: d.endOn,
        purpose: d.purpose,
        internal: d.internal,
        partners: team.map((p) => p.name).join('、'),
        pairingId: d.pairingId ?? null,
      }),
    })
    return project
  })
}

/** Record a collaboration project from an agreed pairing (the caller holds the transaction). */
export async function createProject(
  ctx: Ctx,
  d: {
    title: string
    form: string
    startOn: string
    purpose: string
    departmentId: string
    groupIds: string[]
    needId: string | null
    pairingId: string | null
    responsibleUserId?: string | null
  },
): Promise<Project> {
  return createProjectRecord(ctx, {
    ...d,
    origin: 'pairing',
    endOn: null,
    goals: [],
    cityContact: '',
    partnerContact: '',
    internal: false,
  })
}

export async function updateProject(ctx: Ctx, p: Project, d: RecordInput) {
  await checkDepartment(ctx, d.departmentId, d.departmentIds)
  const before = {
    title: p.title,
    form: p.form,
    origin: p.origin,
    departmentId: p.departmentId,
    departmentIds: p.departmentIds,
    startOn: p.startOn,
    endOn: p.endOn,
    purpose: p.purpose,
    goals: JSON.stringify(p.goals),
    cityContact: p.cityContact,
    partnerContact: p.partnerContact,
    internal: p.internal,
  }
  const departmentIds = d.departmentIds
    ? idSet(d.departmentIds.filter((x) => x !== d.departmentId))
    : p.departmentIds
  const next = { ...before, ...d, departmentIds, goals: JSON.stringify(d.goals) }
  const { departmentIds: _given, ...cols } = d
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(projects)
      .set({ ...cols, updatedAt: new Date() })
      .where(byId(tx, projects, p.id))
    await setLinks(tx, projectDepartmentLinks, p.id, departmentIds)
    await audit(tx, {
      action: 'project.edit',
      entityType: 'project',
      entityId: p.id,
      changes: diff(before, next),
    })
  })
}

/** The project changed with its team (its groups are read from the partners: nothing else to keep in step). */
async function touch(ctx: Ctx, projectId: string) {
  await ctx.db
    .update(projects)
    .set({ updatedAt: new Date() })
    .where(byId(ctx, projects, projectId))
}

export async function addPartner(
  ctx: Ctx,
  p: Project,
  d: { kind: string; groupId?: string; name: string; role: string },
) {
  return inTransaction(ctx, async (tx) => {
    let name = d.name
    if (d.kind === 'group') {
      const [g] = await getGroups(tx, [d.groupId!])
      if (!g) throw invalid({ groupId: '登録団体を一覧から選んでください' })
      if (p.groupIds.includes(g.id)) throw invalid({ groupId: `「${g.name}」はすでに協働の相手です` })
      name = g.name
    }
    const [row] = await tx.db
      .insert(projectPartners)
      .values({
        municipalityId: T(tx),
        projectId: p.id,
        kind: d.kind,
        groupId: d.kind === 'group' ? d.groupId! : null,
        name,
        role: d.role,
        sortOrder: Date.now() % 1_000_000_000,
      })
      .returning()
    if (d.kind === 'group') await touch(tx, p.id)
    await audit(tx, {
      action: 'project.partner.add',
      entityType: 'project',
      entityId: p.id,
      changes: diff(null, { kind: d.kind, name, role: d.role }),
    })
    return row
  })
}

export async function removePartner(ctx: Ctx, p: Project, partnerId: string) {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .delete(projectPartners)
      .where(
        inCity(tx, projectPartners, eq(projectPartners.id, partnerId), eq(projectPartners.projectId, p.id)),
      )
      .returning()
    if (!row) return false
    if (row.groupId) await touch(tx, p.id)
    await audit(tx, {
      action: 'project.partner.remove',
      entityType: 'project',
      entityId: p.id,
      changes: { removed: { name: row.name, role: row.role } },
    })
    return true
  })
}

/** Add or replace the budget of one fiscal year. */
export async function saveBudget(ctx: Ctx, p: Project, b: BudgetInput) {
  const [old] = await ctx.db
    .select()
    .from(projectBudgets)
    .where(
      inCity(
        ctx,
        projectBudgets,
        eq(projectBudgets.projectId, p.id),
        eq(projectBudgets.fiscalYear, b.fiscalYear),
      ),
    )
  if (old)
    await ctx.db
      .update(projectBudgets)
      .set({ total: b.total, cityShare: b.cityShare, groupShare: b.groupShare, otherIncome: b.otherIncome })
      .where(byId(ctx, projectBudgets, old.id))
  else await ctx.db.insert(projectBudgets).values({ municipalityId: T(ctx), projectId: p.id, ...b })
  await audit(ctx, {
    action: 'project.budget.save',
    entityType: 'project',
    entityId: p.id,
    changes: diff(
      old
        ? {
            fiscalYear: old.fiscalYear,
            total: old.total,
            cityShare: old.cityShare,
            groupShare: old.groupShare,
            otherIncome: old.otherIncome,
          }
        : null,
      { ...b },
    ),
  })
}

export async function removeBudget(ctx: Ctx, p: Project, budgetId: string) {
  const [row] = await ctx.db
    .delete(projectBudgets)
    .where(inCity(ctx, projectBudgets, eq(projectBudgets.id, budgetId), eq(projectBudgets.projectId, p.id)))
    .returning()
  if (!row) return false
  await audit(ctx, {
    action: 'project.budget.remove',
    entityType: 'project',
    entityId: p.id,
    changes: { removed: { fiscalYear: row.fiscalYear, total: row.total, cityShare: row.cityShare } },
  })
  return true
}

export async function addRole(ctx: Ctx, p: Project, d: { task: string; who: string; partnerId?: string }) {
  if (d.who === 'partner') {
    const [x] = await ctx.db
      .select()
      .from(projectPartners)
      .where(
        inCity(
          ctx,
          projectPartners,
          eq(projectPartners.id, d.partnerId!),
          eq(projectPartners.projectId, p.id),
        ),
      )
    if (!x) throw invalid({ partnerId: '担う相手を一覧から選んでください' })
  }
  const [row] = await ctx.db
    .insert(projectRoles)
    .values({
      municipalityId: T(ctx),
      projectId: p.id,
      task: d.task,
      who: d.who,
      partnerId: d.who === 'partner' ? d.partnerId! : null,
      sortOrder: Date.now() % 1_000_000_000,
    })
    .returning()
  await audit(ctx, {
    action: 'project.role.add',
    entityType: 'project',
    entityId: p.id,
    changes: diff(null, { task: d.task, who: d.who }),
  })
  return row
}

export async function removeRole(ctx: Ctx, p: Project, roleId: string) {
  const [row] = await ctx.db
    .delete(projectRoles)
    .where(inCity(ctx, projectRoles, eq(projectRoles.id, roleId), eq(projectRoles.projectId, p.id)))
    .returning()
  if (!row) return false
  await audit(ctx, {
    action: 'project.role.remove',
    entityType: 'project',
    entityId: p.id,
    changes: { removed: { task: row.task, who: row.who } },
  })
  return true
}

/** Move the project along its life; ending it schedules the follow-ups at 6, 12, 24 and 36 months. */
export async function setStatus(ctx: Ctx, p: Project, to: string, today = ymdInTokyo(new Date())) {
  if (!canMove(p.status, to))
    throw invalid({
      status: `「${labelOf(STATES, p.status)}」から「${labelOf(STATES, to)}」には変えられません`,
    })
  return inTransaction(ctx, async (tx) => {
    const endOn = to === 'ended' && !p.endOn ? today : p.endOn
    await tx.db
      .update(projects)
      .set({ status: to, endOn, updatedAt: new Date() })
      .where(byId(tx, projects, p.id))
    if (to === 'ended') {
      const have = await tx.db
        .select({ months: projectFollowups.months })
        .from(projectFollowups)
        .where(inCity(tx, projectFollowups, eq(projectFollowups.projectId, p.id)))
      const missing = followupSchedule(endOn!).filter((f) => !have.some((h) => h.months === f.months))
      if (missing.length)
        await tx.db
          .insert(projectFollowups)
          .values(missing.map((f) => ({ municipalityId: T(tx), projectId: p.id, ...f })))
    }
    await audit(tx, {
      action: 'project.status',
      entityType: 'project',
      entityId: p.id,
      changes: diff({ status: p.status, endOn: p.endOn }, { status: to, endOn }),
    })
  })
}

/** What a generation of the agreement says: the record as it stands when both sides agree. */
export function agreementSnapshot(p: FullProject, depName: (id: string) => string) {
  return {
    title: p.title,
    form: p.form,
    purpose: p.purpose,
    startOn: p.startOn,
    endOn: p.endOn,
    department: depName(p.departmentId),
    partners: p.partners.map((x) => ({ name: x.name, role: x.role })),
    roles: p.roles.map((r) => ({ task: r.task, who: whoLabel(p, r) })),
    budgets: p.budgets.map((b) => ({
      fiscalYear: b.fiscalYear,
      total: b.total,
      cityShare: b.cityShare,
      groupShare: b.groupShare,
      otherIncome: b.otherIncome,
    })),
    goals: p.goals,
  }
}
export type AgreementContent = ReturnType<typeof agreementSnapshot>

export function whoLabel(
  p: { partners: { id: string; name: string }[] },
  r: { who: string; partnerId: string | null },
) {
  if (r.who === 'partner') return p.partners.find((x) => x.id === r.partnerId)?.name ?? '協働の相手'
  return r.who === 'group' ? '団体' : r.who === 'city' ? '市' : '共同'
}

/** The coordinator records that both sides agreed on a date: a new generation of the agreement is kept. */
export async function recordAgreement(ctx: Ctx, p: FullProject, agreedOn: string) {
  const lk = await lookups(ctx)
  const version = (p.agreements.at(-1)?.version ?? 0) + 1
  const [row] = await ctx.db
    .insert(projectAgreements)
    .values({
      municipalityId: T(ctx),
      projectId: p.id,
      version,
      agreedOn,
      snapshot: agreementSnapshot(p, lk.depName),
      recordedBy: ctx.actor?.userId ?? null,
    })
    .returning()
  await audit(ctx, {
    action: 'project.agreement',
    entityType: 'project',
    entityId: p.id,
    changes: diff(null, { version, agreedOn }),
  })
  return row
}

export async function addReport(
  ctx: Ctx,
  p: Project,
  d: {
    side: 'group' | 'city'
    periodStart: string
    periodEnd: string
    activities: string
    numbers: { name: string; unit: string; value: number }[]
    files?: { key: string; fileName: string; mimeType: string; size: number }[]
  },
) {
  const [row] = await ctx.db
    .insert(projectReports)
    .values({ municipalityId: T(ctx), projectId: p.id, authorId: ctx.actor?.userId ?? null, ...d })
    .returning()
  await audit(ctx, {
    action: 'project.report',
    entityType: 'project',
    entityId: p.id,
    changes: diff(null, {
      side: d.side,
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
      files: (d.files ?? []).map((f) => f.fileName).join('、'),
    }),
  })
  return row
}

export async function addEvaluation(
  ctx: Ctx,
  p: Project,
  d: {
    side: 'group' | 'city' | 'coordinator'
    kind: string
    fiscalYear: number | null
    achievement?: string
    groupBenefit?: string
    cityBenefit?: string
    issues?: string
    outcome?: string
    comment?: string
  },
) {
  const [row] = await ctx.db
    .insert(projectEvaluations)
    .values({ municipalityId: T(ctx), projectId: p.id, authorId: ctx.actor?.userId ?? null, ...d })
    .returning()
  await audit(ctx, {
    action: 'project.evaluate',
    entityType: 'project',
    entityId: p.id,
    changes: diff(null, { side: d.side, kind: d.kind, fiscalYear: d.fiscalYear, outcome: d.outcome ?? '' }),
  })
  return row
}

/** Record a follow-up; the first one moves an ended project to フォローアップ中. */
export async function recordFollowup(
  ctx: Ctx,
  p: Project,
  followupId: string,
  d: { continuation: string; carrier?: string; stopReason: string; note: string },
) {
  return inTransaction(ctx, async (tx) => {
    const [f] = await tx.db
      .select()
      .from(projectFollowups)
      .where(
        inCity(
          tx,
          projectFollowups,
          eq(projectFollowups.id, followupId),
          eq(projectFollowups.projectId, p.id),
        ),
      )
    if (!f) return null
    const carrier = d.continuation === 'stopped' ? null : (d.carrier ?? null)
    await tx.db
      .update(projectFollowups)
      .set({
        continuation: d.continuation,
        carrier,
        stopReason: d.continuation === 'stopped' ? d.stopReason : '',
        note: d.note,
        recordedAt: new Date(),
        recordedBy: tx.actor?.userId ?? null,
      })
      .where(byId(tx, projectFollowups, f.id))
    if (p.status === 'ended')
      await tx.db
        .update(projects)
        .set({ status: 'follow_up', updatedAt: new Date() })
        .where(byId(tx, projects, p.id))
    await audit(tx, {
      action: 'project.followup',
      entityType: 'project',
      entityId: p.id,
      changes: diff(
        { months: f.months, continuation: f.continuation, carrier: f.carrier, stopReason: f.stopReason },
        { months: f.months, continuation: d.continuation, carrier, stopReason: d.stopReason },
      ),
    })
    return f
  })
}

/**
 * The scheduled reminder: follow-ups now due and not yet recorded remind the coordinator, the
 * department's staff and the partner groups' members (in-app notification and mail), once each.
 */
export async function remindDueFollowups(ctx: Ctx, today = ymdInTokyo(new Date())) {
  const due = await ctx.db
    .select({ f: projectFollowups, p: projectColumns })
    .from(projectFollowups)
    .innerJoin(
      projects,
      and(
        eq(projects.municipalityId, projectFollowups.municipalityId),
        eq(projects.id, projectFollowups.projectId),
      ),
    )
    .where(
      inCity(
        ctx,
        projectFollowups,
        lte(projectFollowups.dueOn, today),
        isNull(projectFollowups.recordedAt),
        isNull(projectFollowups.remindedAt),
      ),
    )
  if (!due.length) return 0
  const coords = await coordinatorIds(ctx)
  for (const { f, p } of due) {
    const staff = await departmentStaffIds(ctx, p.departmentId)
    const members = (await Promise.all(p.groupIds.map((g) => groupMemberIds(ctx, g)))).flat()
    await notify(ctx, [...coords, ...staff, ...members], {
      kind: 'project',
      title: `協働事業「${p.title}」の終了${f.months}か月後のフォローアップ`,
      body: `事業が続いているか、いまの担い手は誰かを記録してください（期日：${f.dueOn}）。`,
      href: `/projects/${p.id}#followups`,
    })
    await ctx.db
      .update(projectFollowups)
      .set({ remindedAt: new Date() })
      .where(byId(ctx, projectFollowups, f.id))
  }
  await audit(ctx, {
    action: 'project.followup.remind',
    entityType: 'project',
    entityId: 'job',
    changes: { reminded: due.length },
  })
  return due.length
}

/**
 * Continuation after the end: each project's latest recorded follow-up says whether it continues.
 * Internal projects count too (only numbers are shown).
 */
export async function continuationStats(ctx: Ctx) {
  const rows = await ctx.db
    .select({
      projectId: projectFollowups.projectId,
      months: projectFollowups.months,
      continuation: projectFollowups.continuation,
      form: projects.form,
      origin: projects.origin,
      endOn: projects.endOn,
    })
    .from(projectFollowups)
    .innerJoin(
      projects,
      and(
        eq(projects.municipalityId, projectFollowups.municipalityId),
        eq(projects.id, projectFollowups.projectId),
      ),
    )
    .where(inCity(ctx, projectFollowups, isNotNull(projectFollowups.recordedAt)))
    .orderBy(asc(projectFollowups.months))
  const latest = new Map<string, (typeof rows)[number]>()
  for (const r of rows) latest.set(r.projectId, r)
  const r = continuationRates(
    [...latest.values()].map((x) => ({
      form: x.form,
      origin: x.origin,
      endOn: x.endOn ?? '1970-01-01',
      continuation: x.continuation ?? '',
    })),
  )
  return {
    ...r,
    byForm: r.byForm.map((x) => ({ ...x, label: labelOf(COLLAB_FORMS, x.key) })),
    byOrigin: r.byOrigin.map((x) => ({ ...x, label: labelOf(ORIGINS, x.key) })),
    byYear: r.byYear.map((x) => ({ ...x, label: `${x.key}年度` })),
  }
}
export type ContinuationStats = Awaited<ReturnType<typeof continuationStats>>

/**
 * Of these projects, those whose latest recorded follow-up says they go on (継続・予算縮小・事業縮小,
 * not 終了): what the proposal funnel counts as 継続.
 */
export async function continuedProjectIds(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const rows = await ctx.db
    .select({ projectId: projectFollowups.projectId, continuation: projectFollowups.continuation })
    .from(projectFollowups)
    .where(
      inCity(
        ctx,
        projectFollowups,
        inArray(projectFollowups.projectId, ids),
        isNotNull(projectFollowups.recordedAt),
      ),
    )
    .orderBy(asc(projectFollowups.months))
  const latest = new Map<string, string | null>()
  for (const r of rows) latest.set(r.projectId, r.continuation)
  return new Set([...latest].filter(([, c]) => c && c !== 'stopped').map(([id]) => id))
}

export const continuationLabel = (c: string | null) => (c ? labelOf(CONTINUATIONS, c) : '未記録')
export const carrierLabel = (c: string | null) => (c ? labelOf(CARRIERS, c) : '')

/** Projects by id (for the API's list with partners). */
export async function partnersOf(ctx: Ctx, ids: string[]) {
  if (!ids.length) return []
  return ctx.db
    .select()
    .from(projectPartners)
    .where(inCity(ctx, projectPartners, inArray(projectPartners.projectId, ids)))
}

/** One side's answers to one stage of the PDCA self-check (replacing that side's earlier answers). */
export async function saveChecklist(
  ctx: Ctx,
  p: Project,
  d: { side: 'group' | 'city'; stage: string; answers: string[] },
) {
  const [old] = await ctx.db
    .select()
    .from(projectChecklists)
    .where(
      inCity(
        ctx,
        projectChecklists,
        eq(projectChecklists.projectId, p.id),
        eq(projectChecklists.side, d.side),
        eq(projectChecklists.stage, d.stage),
      ),
    )
  if (old)
    await ctx.db
      .update(projectChecklists)
      .set({ answers: d.answers, answeredBy: ctx.actor?.userId ?? null, updatedAt: new Date() })
      .where(byId(ctx, projectChecklists, old.id))
  else
    await ctx.db
      .insert(projectChecklists)
      .values({ municipalityId: T(ctx), projectId: p.id, answeredBy: ctx.actor?.userId ?? null, ...d })
  await audit(ctx, {
    action: 'project.checklist',
    entityType: 'project',
    entityId: p.id,
    changes: diff(old ? { side: old.side, stage: old.stage, answers: old.answers } : null, d),
  })
}

/** Publish (or update) a finished project as a case of the 事例集. */
export async function publishCase(
  ctx: Ctx,
  p: Project,
  d: { caseIssue: string; caseOutcome: string; caseLessons: string; caseFields: string[] },
) {
  if (p.internal) throw invalid({ _: '庁内限りの事業は事例集に載せられません' })
  if (!CASE_STATES.includes(p.status)) throw invalid({ _: '終了した事業だけを事例集に載せられます' })
  await ctx.db
    .update(projects)
    .set({ ...d, casePublishedAt: p.casePublishedAt ?? new Date(), updatedAt: new Date() })
    .where(byId(ctx, projects, p.id))
  await audit(ctx, {
    action: 'project.case',
    entityType: 'project',
    entityId: p.id,
    changes: diff(
      {
        caseIssue: p.caseIssue,
        caseOutcome: p.caseOutcome,
        caseLessons: p.caseLessons,
        caseFields: p.caseFields,
      },
      d,
    ),
  })
}

/** The 事例集: published cases, searchable by field, form, department and words. */
export async function listCases(
  ctx: Ctx,
  q: { field?: string; form?: string; departmentId?: string; q?: string } = {},
) {
  const all = await ctx.db
    .select(projectColumns)
    .from(projects)
    .where(inCity(ctx, projects, isNotNull(projects.casePublishedAt), eq(projects.internal, false)))
    .orderBy(desc(projects.endOn), asc(projects.id))
  const words = (q.q ?? '').normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean)
  const list = all.filter(
    (p) =>
      (!q.field || p.caseFields.includes(q.field)) &&
      (!q.form || p.form === q.form) &&
      (!q.departmentId || p.departmentId === q.departmentId || p.departmentIds.includes(q.departmentId)) &&
      words.every((w) =>
        [p.title, p.purpose, p.caseIssue, p.caseOutcome, p.caseLessons]
          .join(' ')
          .normalize('NFKC')
          .toLowerCase()
          .includes(w),
      ),
  )
  const [team, money] = await Promise.all([
    partnersOf(
      ctx,
      list.map((p) => p.id),
    ),
    list.length
      ? ctx.db
          .select()
          .from(projectBudgets)
          .where(
            inCity(
              ctx,
              projectBudgets,
              inArray(
                projectBudgets.projectId,
                list.map((p) => p.id),
              ),
            ),
          )
      : Promise.resolve([]),
  ])
  return list.map((p) => {
    const bs = money.filter((b) => b.projectId === p.id)
    return {
      ...p,
      partners: team.filter((x) => x.projectId === p.id),
      total: bs.reduce((n, b) => n + b.total, 0),
      cityShare: bs.reduce((n, b) => n + b.cityShare, 0),
    }
  })
}
export type CaseRow = Awaited<ReturnType<typeof listCases>>[number]

/**
 * Every project of the city with what the statistics room counts and the open-data list publishes
 * (form, lead department, period, partners by name, budget per fiscal year) and its `internal` flag:
 * the caller leaves internal records out of anything public. Registered groups carry their current
 * name when published (as the public project page links them).
 */
export async function projectsForStatistics(ctx: Ctx) {
  const rows = await ctx.db
    .select({
      id: projects.id,
      title: projects.title,
      form: projects.form,
      departmentId: projects.departmentId,
      startOn: projects.startOn,
      endOn: projects.endOn,
      internal: projects.internal,
      status: projects.status,
      groupIds: linkedIds(projectGroupLinks, projects),
    })
    .from(projects)
    .where(eq(projects.municipalityId, T(ctx)))
    .orderBy(asc(projects.startOn), asc(projects.title), asc(projects.id))
  if (!rows.length) return []
  const [ps, bs] = await Promise.all([
    ctx.db
      .select()
      .from(projectPartners)
      .where(inCity(ctx, projectPartners))
      .orderBy(asc(projectPartners.sortOrder), asc(projectPartners.createdAt)),
    ctx.db
      .select()
      .from(projectBudgets)
      .where(inCity(ctx, projectBudgets))
      .orderBy(asc(projectBudgets.fiscalYear)),
  ])
  const gs = await getGroups(ctx, [...new Set(ps.flatMap((x) => (x.groupId ? [x.groupId] : [])))])
  const published = new Map(gs.filter((g) => g.status === 'published').map((g) => [g.id, g]))
  return rows.map((r) => ({
    ...r,
    partners: ps
      .filter((x) => x.projectId === r.id)
      .map((x) => {
        const g = x.groupId ? published.get(x.groupId) : undefined
        return { kind: x.kind, groupId: x.groupId, name: g?.name ?? x.name, fields: g?.fields ?? [] }
      }),
    budgets: bs
      .filter((b) => b.projectId === r.id)
      .map((b) => ({ fiscalYear: b.fiscalYear, total: b.total, cityShare: b.cityShare })),
  }))
}
export type StatisticsProject = Awaited<ReturnType<typeof projectsForStatistics>>[number]
