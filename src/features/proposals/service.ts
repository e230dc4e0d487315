import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import type { Ctx } from '../../core/context.ts'
import { users } from '../../core/db/schema.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { AppError, validationFailed } from '../../core/errors.ts'
import type { DeclinedCase } from '../../core/feature.ts'
import { fiscalYearOf, formatDate, ymdInTokyo } from '../../core/japanese/index.ts'
import { groupNames, groupRolesOf } from '../groups/index.ts'
import { org } from '../organisation/index.ts'
import { continuedProjectIds, createProjectRecord } from '../projects/index.ts'
import {
  checkBudget,
  cityShare,
  DEFAULT_COURSES,
  DEFAULT_CRITERIA,
  deadlineOf,
  type FunnelYear,
  isAdopted,
  mergeFunnel,
  type ProgrammeInput,
  type RankInput,
  rankAgainstFrame,
  type ScoreStage,
  scheduleTemplate,
  stageStats,
} from './domain.ts'
import {
  type BudgetLine,
  type Course,
  proposalApplications,
  proposalConflicts,
  proposalConsultations,
  proposalFunnelHistory,
  proposalProgrammes,
  proposalReviewers,
  proposalScores,
  proposalThemes,
  type ScheduleStep,
} from './schema.ts'

export type Programme = typeof proposalProgrammes.$inferSelect & { reviewerIds: string[]; closed: boolean }
export type Application = typeof proposalApplications.$inferSelect
export type Theme = typeof proposalThemes.$inferSelect

const A = proposalApplications
const P = proposalProgrammes

// ------------------------------------------------------------------ programmes

export async function createProgramme(ctx: Ctx, d: ProgrammeInput): Promise<Programme> {
  const fy = d.fiscalYear ?? fiscalYearOf()
  const schedule = scheduleTemplate(d.type, fy)
  const courses = DEFAULT_COURSES.filter((c) => d.courses.includes(c.code))
  const [p] = await ctx.db
    .insert(P)
    .values({
      municipalityId: ctx.tenantId,
      title: d.title,
      fiscalYear: d.fiscalYear,
      type: d.type,
      description: d.description,
      courses,
      budgetFrame: d.budgetFrame ?? 0,
      upperLimit: d.upperLimit ?? 0,
      eligibleCategories: d.eligibleCategories,
      ineligibleCategories: d.ineligibleCategories,
      fundedYears: d.fundedYears ?? 2,
      preConsultationRequired: d.preConsultationRequired,
      schedule,
      deadline: d.fiscalYear === null ? null : deadlineOf(schedule),
      criteria: DEFAULT_CRITERIA,
      createdBy: ctx.actor?.userId,
    })
    .returning()
  await audit(ctx, {
    action: 'proposal.programme.create',
    entityType: 'proposal_programme',
    entityId: p.id,
    changes: diff(null, {
      title: d.title,
      type: d.type,
      fiscalYear: d.fiscalYear,
      budgetFrame: d.budgetFrame,
    }),
  })
  return { ...p, reviewerIds: [], closed: false }
}

export async function getProgramme(ctx: Ctx, id: string): Promise<Programme | null> {
  const [p] = await ctx.db
    .select()
    .from(P)
    .where(byId(ctx, P, id))
  if (!p) return null
  const rs = await ctx.db
    .select({ userId: proposalReviewers.userId })
    .from(proposalReviewers)
    .where(inCity(ctx, proposalReviewers, eq(proposalReviewers.programmeId, id)))
  return { ...p, reviewerIds: rs.map((r) => r.userId), closed: !!p.panelClosedAt }
}

export async function listProgrammes(ctx: Ctx, o: { publicOnly: boolean; page: number; perPage: number }) {
  const where = inCity(ctx, P, o.publicOnly ? ne(P.stage, 'preparing') : undefined)
  const [{ n }] = await ctx.db.select({ n: count() }).from(P).where(where)
  const items = await ctx.db
    .select()
    .from(P)
    .where(where)
    .orderBy(desc(P.fiscalYear), desc(P.createdAt))
    .limit(o.perPage)
    .offset((o.page - 1) * o.perPage)
  return { items, total: Number(n) }
}

export async function setStage(ctx: Ctx, p: Programme, stage: string) {
  await ctx.db
    .update(P)
    .set({ stage, updatedAt: new Date() })
    .where(byId(ctx, P, p.id))
  await audit(ctx, {
    action: 'proposal.programme.stage',
    entityType: 'proposal_programme',
    entityId: p.id,
    changes: { stage: [p.stage, stage] },
  })
}

export async function setSchedule(ctx: Ctx, p: Programme, schedule: ScheduleStep[]) {
  const deadline = p.fiscalYear === null ? p.deadline : deadlineOf(schedule)
  await ctx.db
    .update(P)
    .set({ schedule, deadline, updatedAt: new Date() })
    .where(byId(ctx, P, p.id))
  await audit(ctx, {
    action: 'proposal.programme.schedule',
    entityType: 'proposal_programme',
    entityId: p.id,
    changes: diff({ schedule: p.schedule } as Record<string, unknown>, { schedule }),
  })
}

export async function closePanel(ctx: Ctx, p: Programme) {
  await ctx.db
    .update(P)
    .set({ panelClosedAt: new Date(), updatedAt: new Date() })
    .where(byId(ctx, P, p.id))
  await audit(ctx, { action: 'proposal.panel.close', entityType: 'proposal_programme', entityId: p.id })
}

export async function publishPresentation(ctx: Ctx, p: Programme, place: string) {
  await ctx.db
    .update(P)
    .set({ presentationPlace: place, presentationPublished: true, updatedAt: new Date() })
    .where(byId(ctx, P, p.id))
  await audit(ctx, {
    action: 'proposal.presentation.publish',
    entityType: 'proposal_programme',
    entityId: p.id,
    changes: { place },
  })
}

export async function publishResults(ctx: Ctx, p: Programme, summary: string) {
  await ctx.db
    .update(P)
    .set({ reviewSummary: summary, resultsPublished: true, stage: 'decided', updatedAt: new Date() })
    .where(byId(ctx, P, p.id))
  await audit(ctx, {
    action: 'proposal.results.publish',
    entityType: 'proposal_programme',
    entityId: p.id,
    changes: { reviewSummary: summary },
  })
}

export const courseOf = (p: { courses: Course[] }, code: string) => p.courses.find((c) => c.code === code)

// ------------------------------------------------------------------ themes (行政提案型)

export async function themesOf(ctx: Ctx, programmeId: string, decidedOnly = false) {
  return ctx.db
    .select()
    .from(proposalThemes)
    .where(
      inCity(
        ctx,
        proposalThemes,
        eq(proposalThemes.programmeId, programmeId),
        decidedOnly ? eq(proposalThemes.status, 'decided') : undefined,
      ),
    )
    .orderBy(asc(proposalThemes.createdAt))
}

export async function addTheme(
  ctx: Ctx,
  p: Programme,
  d: { departmentId: string; title: string; description: string; upperLimit: number; needId: string | null },
) {
  const [t] = await ctx.db
    .insert(proposalThemes)
    .values({ municipalityId: ctx.tenantId, programmeId: p.id, ...d, proposedBy: ctx.actor?.userId })
    .returning()
  await audit(ctx, {
    action: 'proposal.theme.create',
    entityType: 'proposal_theme',
    entityId: t.id,
    changes: diff(null, d),
  })
  return t
}

export async function getTheme(ctx: Ctx, id: string) {
  const [t] = await ctx.db
    .select()
    .from(proposalThemes)
    .where(byId(ctx, proposalThemes, id))
  return t ?? null
}

export async function updateTheme(
  ctx: Ctx,
  t: Theme,
  d: { status: string; hearingNote: string; decisionNote: string; upperLimit: number },
) {
  await ctx.db
    .update(proposalThemes)
    .set({ ...d, updatedAt: new Date() })
    .where(byId(ctx, proposalThemes, t.id))
  await audit(ctx, {
    action: 'proposal.theme.update',
    entityType: 'proposal_theme',
    entityId: t.id,
    changes: diff(t as unknown as Record<string, unknown>, d),
  })
}

// ------------------------------------------------------------------ 意見交換会

export async function recordConsultation(
  ctx: Ctx,
  p: Programme,
  d: { groupId: string; departmentId: string; heldOn: string; note: string },
) {
  const [r] = await ctx.db
    .insert(proposalConsultations)
    .values({ municipalityId: ctx.tenantId, programmeId: p.id, ...d, recordedBy: ctx.actor?.userId })
    .returning()
  await audit(ctx, {
    action: 'proposal.consultation.record',
    entityType: 'proposal_consultation',
    entityId: r.id,
    changes: diff(null, { groupId: d.groupId, departmentId: d.departmentId, heldOn: d.heldOn }),
  })
  return r
}

export async function consultationsOf(ctx: Ctx, programmeId: string, groupIds?: string[]) {
  if (groupIds && !groupIds.length) return []
  return ctx.db
    .select()
    .from(proposalConsultations)
    .where(
      inCity(
        ctx,
        proposalConsultations,
        eq(proposalConsultations.programmeId, programmeId),
        groupIds ? inArray(proposalConsultations.groupId, groupIds) : undefined,
      ),
    )
    .orderBy(asc(proposalConsultations.heldOn))
}

// ------------------------------------------------------------------ applications

export async function getApplication(ctx: Ctx, id: string): Promise<Application | null> {
  const [a] = await ctx.db
    .select()
    .from(A)
    .where(byId(ctx, A, id))
  return a ?? null
}

/** The resource the policy asks about for a proposal and the current actor. */
export async function viewResource(ctx: Ctx, app: Application, p: Programme) {
  const declared = ctx.actor ? await hasConflict(ctx, app.id, ctx.actor.userId) : false
  const member = !!groupRolesOf(ctx.actor)[app.groupId]
  return {
    groupId: app.groupId,
    status: app.status,
    reviewerIds: p.reviewerIds,
    conflict: declared || member,
  }
}

export async function hasConflict(ctx: Ctx, applicationId: string, userId: string) {
  const [c] = await ctx.db
    .select({ id: proposalConflicts.id })
    .from(proposalConflicts)
    .where(
      inCity(
        ctx,
        proposalConflicts,
        eq(proposalConflicts.applicationId, applicationId),
        eq(proposalConflicts.userId, userId),
      ),
    )
  return !!c
}

export async function applicationsOf(ctx: Ctx, programmeId: string, o: { submittedOnly?: boolean } = {}) {
  const rows = await ctx.db
    .select()
    .from(A)
    .where(
      inCity(ctx, A, eq(A.programmeId, programmeId), o.submittedOnly ? ne(A.status, 'draft') : undefined),
    )
    .orderBy(asc(A.presentationOrder), asc(A.submittedAt), asc(A.createdAt))
  const names = await groupNames(ctx, [...new Set(rows.map((r) => r.groupId))])
  return rows.map((r) => ({ ...r, groupName: names.get(r.groupId) ?? '' }))
}

export async function applicationsOfGroups(ctx: Ctx, groupIds: string[], page: number, perPage: number) {
  if (!groupIds.length) return { items: [], total: 0 }
  const where = inCity(ctx, A, inArray(A.groupId, groupIds))
  const [{ n }] = await ctx.db.select({ n: count() }).from(A).where(where)
  const rows = await ctx.db
    .select({ a: A, programmeTitle: P.title })
    .from(A)
    .innerJoin(P, eq(P.id, A.programmeId))
    .where(where)
    .orderBy(desc(A.updatedAt))
    .limit(perPage)
    .offset((page - 1) * perPage)
  const names = await groupNames(ctx, groupIds)
  return {
    items: rows.map((r) => ({
      ...r.a,
      programmeTitle: r.programmeTitle,
      groupName: names.get(r.a.groupId) ?? '',
    })),
    total: Number(n),
  }
}

/** The upper limit per proposal and year: the theme's, else the course's, else the programme's. */
export async function limitFor(ctx: Ctx, p: Programme, courseCode: string, themeId: string | null) {
  if (themeId) {
    const t = await getTheme(ctx, themeId)
    if (t && t.upperLimit > 0) return t.upperLimit
  }
  const c = courseOf(p, courseCode)
  if (c && c.limit > 0) return c.limit
  return p.upperLimit
}

/** What remains of the frame for year 1 (the course's frame if it has one), after the adopted proposals. */
export async function remainingFrame(ctx: Ctx, p: Programme, courseCode: string, exceptId?: string) {
  const c = courseOf(p, courseCode)
  const frame = c && c.frame > 0 ? c.frame : p.budgetFrame
  if (frame <= 0) return null
  const rows = await ctx.db
    .select({ id: A.id, budget: A.budget, courseCode: A.courseCode })
    .from(A)
    .where(inCity(ctx, A, eq(A.programmeId, p.id), inArray(A.status, ['adopted', 'conditional'])))
  const used = rows
    .filter((r) => r.id !== exceptId && (!(c && c.frame > 0) || r.courseCode === courseCode))
    .reduce((n, r) => n + cityShare(r.budget, 1), 0)
  return frame - used
}

export interface ApplicationData {
  title: string
  courseCode: string
  themeId: string | null
  departmentId: string | null
  purpose: string
  localIssue: string
  content: string
  plan: string
  outcomes: string
  measures: string
  team: string
  roles: string
}

/**
 * Saves a draft, or submits: refused (422, the field named) after the deadline, without the required
 * 意見交換会, with an unknown course or theme, or a budget outside the rules.
 */
export async function saveApplication(
  ctx: Ctx,
  p: Programme,
  groupId: string,
  d: Partial<ApplicationData> & { title: string },
  budget: BudgetLine[],
  o: { submit: boolean; existing?: Application | null; now?: Date },
): Promise<Application> {
  const now = o.now ?? new Date()
  if (o.submit) {
    const errors: Record<string, string> = {}
    if (p.stage !== 'open') errors.deadline = 'この募集は受付期間ではないため提出できません'
    else if (p.deadline && now > p.deadline)
      errors.deadline = `提出期限（${formatDate(p.deadline)}）を過ぎているため提出できません`
    if (!courseOf(p, d.courseCode ?? '')) errors.courseCode = 'コースを一覧から選んでください'
    if (p.type === 'gyosei') {
      const t = d.themeId ? await getTheme(ctx, d.themeId) : null
      if (!t || t.programmeId !== p.id || t.status !== 'decided')
        errors.themeId = 'テーマを一覧から選んでください'
    }
    if (p.preConsultationRequired && !(await consultationsOf(ctx, p.id, [groupId])).length)
      errors.preConsultation =
        '意見交換会の記録がありません。提出の前に担当課との意見交換会を行い、その記録を登録してください'
    Object.assign(
      errors,
      checkBudget(budget, {
        eligible: p.eligibleCategories,
        ineligible: p.ineligibleCategories,
        limit: await limitFor(ctx, p, d.courseCode ?? '', d.themeId ?? null),
        remaining: await remainingFrame(ctx, p, d.courseCode ?? '', o.existing?.id),
      }),
    )
    if (Object.keys(errors).length) throw validationFailed(errors)
  }
  const values = {
    title: d.title,
    courseCode: d.courseCode ?? '',
    themeId: d.themeId ?? null,
    departmentId: d.departmentId ?? null,
    purpose: d.purpose ?? '',
    localIssue: d.localIssue ?? '',
    content: d.content ?? '',
    plan: d.plan ?? '',
    outcomes: d.outcomes ?? '',
    measures: d.measures ?? '',
    team: d.team ?? '',
    roles: d.roles ?? '',
    budget,
    status: o.submit ? 'submitted' : 'draft',
    submittedAt: o.submit ? now : null,
  }
  return inTransaction(ctx, async (tx) => {
    let row: Application
    if (o.existing) {
      ;[row] = await tx.db
        .update(A)
        .set({ ...values, updatedAt: now })
        .where(byId(tx, A, o.existing.id))
        .returning()
    } else {
      ;[row] = await tx.db
        .insert(A)
        .values({
          municipalityId: tx.tenantId,
          programmeId: p.id,
          groupId,
          createdBy: tx.actor?.userId,
          ...values,
        })
        .returning()
    }
    await audit(tx, {
      action: o.submit ? 'proposal.application.submit' : 'proposal.application.save',
      entityType: 'proposal_application',
      entityId: row.id,
      changes: diff((o.existing ?? null) as Record<string, unknown> | null, {
        title: values.title,
        courseCode: values.courseCode,
        status: values.status,
        budget: values.budget,
      }),
    })
    return row
  })
}

export async function setEligibility(ctx: Ctx, app: Application, eligible: boolean, note: string) {
  const status = eligible ? 'eligible' : 'ineligible'
  await ctx.db
    .update(A)
    .set({ status, eligibilityNote: note, updatedAt: new Date() })
    .where(byId(ctx, A, app.id))
  await audit(ctx, {
    action: 'proposal.application.eligibility',
    entityType: 'proposal_application',
    entityId: app.id,
    changes: { status: [app.status, status], eligibilityNote: note },
  })
}

export async function setSlot(
  ctx: Ctx,
  app: Application,
  d: { order: number; at: Date | null; minutes: number },
) {
  await ctx.db
    .update(A)
    .set({
      presentationOrder: d.order,
      presentationAt: d.at,
      presentationMinutes: d.minutes,
      updatedAt: new Date(),
    })
    .where(byId(ctx, A, app.id))
  await audit(ctx, {
    action: 'proposal.application.slot',
    entityType: 'proposal_application',
    entityId: app.id,
    changes: { order: d.order, at: d.at?.toISOString() ?? null, minutes: d.minutes },
  })
}

export async function decide(ctx: Ctx, app: Application, decision: string, reason: string) {
  await ctx.db
    .update(A)
    .set({ status: decision, decisionReason: reason, decidedAt: new Date(), updatedAt: new Date() })
    .where(byId(ctx, A, app.id))
  await audit(ctx, {
    action: 'proposal.application.decide',
    entityType: 'proposal_application',
    entityId: app.id,
    changes: { status: [app.status, decision], decisionReason: reason },
  })
}

/** 採択 → a collaboration project of the projects room (its year-1 budget in the purpose text). */
export async function makeProject(ctx: Ctx, p: Programme, app: Application) {
  if (!isAdopted(app.status))
    throw new AppError(409, 'not_adopted', '採択された提案だけが協働事業になります。')
  if (app.projectId) throw new AppError(409, 'already', 'この提案はすでに協働事業になっています。')
  if (!app.departmentId)
    throw validationFailed({
      departmentId: '協働する課が決まっていません。提案の「協働する課」を確認してください',
    })
  const start = `${(p.fiscalYear ?? fiscalYearOf()) + 1}-04-01`
  return inTransaction(ctx, async (tx) => {
    const firstYear = (p.fiscalYear ?? fiscalYearOf()) + 1
    const sum = (year: 1 | 2, k: 'total' | 'city' | 'own') =>
      app.budget.filter((l) => l.year === year).reduce((n, l) => n + l[k], 0)
    const pr = await createProjectRecord(tx, {
      title: app.title,
      form: 'commission',
      origin: 'proposal',
      startOn: start,
      endOn: `${firstYear + 2}-03-31`,
      purpose: `${app.purpose}\n\n（協働事業提案制度「${p.title}」で採択）`,
      goals: [],
      cityContact: '',
      partnerContact: '',
      internal: false,
      departmentId: app.departmentId!,
      groupIds: [app.groupId],
      // the funded years (原則2年間): 事業額, 市負担額 and the group's own funds of each year
      budgets: ([1, 2] as const)
        .filter((y) => sum(y, 'total') > 0)
        .map((y) => ({
          fiscalYear: firstYear + y - 1,
          total: sum(y, 'total'),
          cityShare: sum(y, 'city'),
          groupShare: sum(y, 'own'),
          otherIncome: Math.max(0, sum(y, 'total') - sum(y, 'city') - sum(y, 'own')),
        })),
    })
    await tx.db
      .update(A)
      .set({ projectId: pr.id, updatedAt: new Date() })
      .where(byId(tx, A, app.id))
    await audit(tx, {
      action: 'proposal.application.project',
      entityType: 'proposal_application',
      entityId: app.id,
      changes: { projectId: pr.id },
    })
    return pr
  })
}

// ------------------------------------------------------------------ the panel

export async function reviewerCandidates(ctx: Ctx) {
  return ctx.db
    .select({ id: users.id, familyName: users.familyName, givenName: users.givenName, email: users.email })
    .from(users)
    .where(and(eq(users.municipalityId, ctx.tenantId), eq(users.isReviewer, true)))
    .orderBy(asc(users.familyNameKana))
}

export async function userNames(ctx: Ctx, ids: string[]) {
  if (!ids.length) return new Map<string, string>()
  const rows = await ctx.db
    .select({ id: users.id, f: users.familyName, g: users.givenName })
    .from(users)
    .where(and(eq(users.municipalityId, ctx.tenantId), inArray(users.id, ids)))
  return new Map(rows.map((r) => [r.id, `${r.f} ${r.g}`]))
}

export async function inviteReviewer(ctx: Ctx, p: Programme, userId: string) {
  const cand = await reviewerCandidates(ctx)
  if (!cand.some((c) => c.id === userId))
    throw validationFailed({ userId: '審査委員を一覧から選んでください' })
  if (p.reviewerIds.includes(userId)) return
  await ctx.db.insert(proposalReviewers).values({ municipalityId: ctx.tenantId, programmeId: p.id, userId })
  await audit(ctx, {
    action: 'proposal.reviewer.invite',
    entityType: 'proposal_programme',
    entityId: p.id,
    changes: { userId },
  })
}

export async function declareConflict(ctx: Ctx, app: Application, reason: string) {
  if (await hasConflict(ctx, app.id, ctx.actor!.userId)) return
  await ctx.db
    .insert(proposalConflicts)
    .values({ municipalityId: ctx.tenantId, applicationId: app.id, userId: ctx.actor!.userId, reason })
  await audit(ctx, {
    action: 'proposal.conflict.declare',
    entityType: 'proposal_application',
    entityId: app.id,
    changes: { reason },
  })
}

/** Proposals a reviewer may score in a programme: submitted, eligible (or later), no conflict. */
export async function toScore(ctx: Ctx) {
  const a = ctx.actor!
  const mine = await ctx.db
    .select({ programmeId: proposalReviewers.programmeId })
    .from(proposalReviewers)
    .where(inCity(ctx, proposalReviewers, eq(proposalReviewers.userId, a.userId)))
  const ids = mine.map((m) => m.programmeId)
  if (!ids.length) return []
  const progs = await ctx.db
    .select()
    .from(P)
    .where(inCity(ctx, P, inArray(P.id, ids)))
  const apps = await ctx.db
    .select()
    .from(A)
    .where(
      inCity(
        ctx,
        A,
        inArray(A.programmeId, ids),
        inArray(A.status, ['eligible', 'adopted', 'conditional', 'rejected']),
      ),
    )
    .orderBy(asc(A.presentationOrder), asc(A.submittedAt))
  const conflicts = await ctx.db
    .select({ applicationId: proposalConflicts.applicationId })
    .from(proposalConflicts)
    .where(inCity(ctx, proposalConflicts, eq(proposalConflicts.userId, a.userId)))
  const declared = new Set(conflicts.map((c) => c.applicationId))
  const member = groupRolesOf(a)
  const scored = await ctx.db
    .select({ applicationId: proposalScores.applicationId, stage: proposalScores.stage })
    .from(proposalScores)
    .where(inCity(ctx, proposalScores, eq(proposalScores.reviewerId, a.userId)))
  const done = new Set(scored.map((s) => `${s.applicationId}:${s.stage}`))
  return progs.map((p) => ({
    programme: p,
    items: apps
      .filter((x) => x.programmeId === p.id)
      .map((x) => ({
        ...x,
        conflict: declared.has(x.id) || !!member[x.groupId],
        scoredDocument: done.has(`${x.id}:document`),
        scoredPresentation: done.has(`${x.id}:presentation`),
      })),
  }))
}

export async function countToScore(ctx: Ctx) {
  if (!ctx.actor?.isReviewer) return 0
  const lists = await toScore(ctx)
  let n = 0
  for (const l of lists) {
    const stage =
      l.programme.stage === 'review'
        ? 'document'
        : l.programme.stage === 'presentation'
          ? 'presentation'
          : null
    if (!stage) continue
    n += l.items.filter(
      (x) => !x.conflict && !(stage === 'document' ? x.scoredDocument : x.scoredPresentation),
    ).length
  }
  return n
}

export async function myScores(ctx: Ctx, applicationId: string, userId: string, stage: string) {
  return ctx.db
    .select()
    .from(proposalScores)
    .where(
      inCity(
        ctx,
        proposalScores,
        eq(proposalScores.applicationId, applicationId),
        eq(proposalScores.reviewerId, userId),
        eq(proposalScores.stage, stage),
      ),
    )
}

/** Saves one reviewer's scores of one stage (replacing earlier ones of that stage). */
export async function saveScores(
  ctx: Ctx,
  app: Application,
  stage: ScoreStage,
  scores: { criterion: string; score: number; comment: string }[],
) {
  const userId = ctx.actor!.userId
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .delete(proposalScores)
      .where(
        inCity(
          tx,
          proposalScores,
          eq(proposalScores.applicationId, app.id),
          eq(proposalScores.reviewerId, userId),
          eq(proposalScores.stage, stage),
        ),
      )
    await tx.db.insert(proposalScores).values(
      scores.map((s) => ({
        municipalityId: tx.tenantId,
        applicationId: app.id,
        reviewerId: userId,
        stage,
        ...s,
      })),
    )
    await audit(tx, {
      action: 'proposal.score.save',
      entityType: 'proposal_application',
      entityId: app.id,
      changes: { stage, scores: scores.map((s) => `${s.criterion}:${s.score}`) },
    })
  })
}

/** The committee's view: per proposal the stats of both stages, ranked against the frame. */
export async function panelOf(ctx: Ctx, p: Programme) {
  const apps = (await applicationsOf(ctx, p.id, { submittedOnly: true })).filter(
    (a) => a.status !== 'ineligible' && a.status !== 'submitted',
  )
  const ids = apps.map((a) => a.id)
  const scores = ids.length
    ? await ctx.db
        .select()
        .from(proposalScores)
        .where(inCity(ctx, proposalScores, inArray(proposalScores.applicationId, ids)))
    : []
  const rows: RankInput[] = apps.map((a) => {
    const mine = scores.filter((s) => s.applicationId === a.id)
    return {
      id: a.id,
      title: a.title,
      groupName: a.groupName,
      courseCode: a.courseCode,
      city1: cityShare(a.budget, 1),
      document: stageStats(
        mine.filter((s) => s.stage === 'document'),
        p.criteria,
      ),
      presentation: stageStats(
        mine.filter((s) => s.stage === 'presentation'),
        p.criteria,
      ),
    }
  })
  const names = await userNames(ctx, [...new Set(scores.map((s) => s.reviewerId))])
  const comments = scores.map((s) => ({ ...s, reviewerName: names.get(s.reviewerId) ?? '' }))
  return { ranked: rankAgainstFrame(rows, p.budgetFrame, p.courses), names, comments, apps }
}

// ------------------------------------------------------------------ the 事例集

/**
 * The proposals that did not come about, for the 事例集 (city staff): 不採択 with the decision's
 * reasons, and those found not to meet the requirements (要件を満たさない) with the check's note.
 * Title, programme and fiscal year only: never the group's name.
 */
export async function declinedProposals(ctx: Ctx): Promise<DeclinedCase[]> {
  const rows = await ctx.db
    .select({
      title: A.title,
      status: A.status,
      decisionReason: A.decisionReason,
      eligibilityNote: A.eligibilityNote,
      decidedAt: A.decidedAt,
      updatedAt: A.updatedAt,
      programmeTitle: P.title,
      fiscalYear: P.fiscalYear,
    })
    .from(A)
    .innerJoin(P, and(eq(P.municipalityId, A.municipalityId), eq(P.id, A.programmeId)))
    .where(inCity(ctx, A, inArray(A.status, ['rejected', 'ineligible'])))
    .orderBy(desc(A.decidedAt), desc(A.updatedAt))
  return rows.map((r) => ({
    kind: 'proposal',
    kindLabel: r.status === 'rejected' ? '不採択' : '要件を満たさない',
    title: r.title,
    context: r.programmeTitle,
    fiscalYear: r.fiscalYear,
    closedOn: ymdInTokyo(r.decidedAt ?? r.updatedAt),
    reason: r.status === 'rejected' ? r.decisionReason : r.eligibilityNote,
  }))
}

// ------------------------------------------------------------------ the funnel

export async function funnel(ctx: Ctx): Promise<{
  years: FunnelYear[]
  byCourse: { label: string; applications: number; adopted: number }[]
  byType: { label: string; applications: number; adopted: number }[]
}> {
  const history = await ctx.db
    .select()
    .from(proposalFunnelHistory)
    .where(inCity(ctx, proposalFunnelHistory))
    .orderBy(asc(proposalFunnelHistory.fiscalYear))
  const progs = await ctx.db.select().from(P).where(inCity(ctx, P))
  const cons = await ctx.db.select().from(proposalConsultations).where(inCity(ctx, proposalConsultations))
  const apps = await ctx.db
    .select()
    .from(A)
    .where(inCity(ctx, A, ne(A.status, 'draft')))
  const fyOf = new Map(progs.map((p) => [p.id, p.fiscalYear]))
  const live = new Map<number, Omit<FunnelYear, 'history'>>()
  const at = (fy: number) => {
    if (!live.has(fy))
      live.set(fy, { fiscalYear: fy, consultations: 0, applications: 0, adopted: 0, continued: 0 })
    return live.get(fy)!
  }
  for (const c of cons) at(fyOf.get(c.programmeId) ?? fiscalYearOf(c.heldOn)).consultations++
  // 継続: adopted proposals whose project's latest follow-up says it goes on after the funded years
  const continued = await continuedProjectIds(
    ctx,
    apps.filter((a) => isAdopted(a.status) && a.projectId).map((a) => a.projectId as string),
  )
  for (const a of apps) {
    const y = at(fyOf.get(a.programmeId) ?? fiscalYearOf(a.submittedAt ?? a.createdAt))
    y.applications++
    if (isAdopted(a.status)) y.adopted++
    if (isAdopted(a.status) && a.projectId && continued.has(a.projectId)) y.continued++
  }
  const courseLabels = new Map(progs.flatMap((p) => p.courses.map((c) => [c.code, c.label] as const)))
  const group = (key: (a: Application) => string) => {
    const m = new Map<string, { label: string; applications: number; adopted: number }>()
    for (const a of apps) {
      const k = key(a)
      if (!m.has(k)) m.set(k, { label: k, applications: 0, adopted: 0 })
      const r = m.get(k)!
      r.applications++
      if (isAdopted(a.status)) r.adopted++
    }
    return [...m.values()]
  }
  const typeOf = new Map(progs.map((p) => [p.id, p.type === 'gyosei' ? '行政提案型' : '市民提案型']))
  return {
    years: mergeFunnel(
      history.map((h) => ({
        fiscalYear: h.fiscalYear,
        consultations: h.consultations,
        applications: h.applications,
        adopted: h.adopted,
        continued: h.continued,
      })),
      [...live.values()],
    ),
    byCourse: group((a) => courseLabels.get(a.courseCode) ?? (a.courseCode || '（コースなし）')),
    byType: group((a) => typeOf.get(a.programmeId) ?? ''),
  }
}

export async function departmentOptions(ctx: Ctx) {
  return (await org.activeDepartments(ctx))
    .filter((d) => d.kind !== 'bu')
    .map((d) => ({ value: d.id, label: d.name }))
}
