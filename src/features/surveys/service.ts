import { and, asc, count, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import type { Ctx } from '../../core/context.ts'
import { byId, inCity } from '../../core/db/tenant.ts'
import { AppError, notFound, validationFailed } from '../../core/errors.ts'
import { fiscalYearLabel } from '../../core/japanese/index.ts'
import { labelOf, COLLAB_FORMS } from '../../core/vocabulary.ts'
import { groupLegalForms } from '../groups/index.ts'
import { coordinatorIds, departmentStaffIds, notify } from '../notifications/index.ts'
import { org } from '../organisation/index.ts'
import { listProjects } from '../projects/index.ts'
import { attributeOf, type ProjectFacts, prefillAnswers, projectsToAnswer } from './domain.ts'
import { musashinoQuestionnaire } from './musashino.ts'
import { type Answers, checkAnswers, checkQuestionnaire, type Questionnaire } from './questionnaire.ts'
import { buildReport, type Report } from './report.ts'
import { type Opinion, surveyResponses, surveys } from './schema.ts'

export type Survey = typeof surveys.$inferSelect
export type SurveyResponse = typeof surveyResponses.$inferSelect

const S = surveys
const R = surveyResponses

export const defaultTitle = (fy: number) =>
  `協働事業等に関する実態把握調査（${fiscalYearLabel(fy)}の協働事業）`

export async function listSurveys(ctx: Ctx, o: { publishedOnly?: boolean } = {}) {
  const rows = await ctx.db.select().from(S).where(inCity(ctx, S)).orderBy(desc(S.fiscalYear))
  return o.publishedOnly ? rows.filter((s) => s.publishedAt) : rows
}

export async function getSurvey(ctx: Ctx, id: string): Promise<Survey | null> {
  const [s] = await ctx.db
    .select()
    .from(S)
    .where(byId(ctx, S, id))
  return s ?? null
}

export interface NewSurvey {
  fiscalYear: number
  title: string
  dueOn: string | null
  /** 'musashino', or the id of an earlier survey whose questionnaire is copied. */
  template: string
}

export async function createSurvey(ctx: Ctx, d: NewSurvey): Promise<Survey> {
  const [dup] = await ctx.db
    .select({ id: S.id })
    .from(S)
    .where(inCity(ctx, S, eq(S.fiscalYear, d.fiscalYear)))
  if (dup) throw validationFailed({ fiscalYear: `${fiscalYearLabel(d.fiscalYear)}の調査はすでにあります。` })
  let questionnaire: Questionnaire = musashinoQuestionnaire()
  if (d.template !== 'musashino') {
    const from = await getSurvey(ctx, d.template)
    if (!from) throw validationFailed({ template: 'もとにする調査票が見つかりません。' })
    questionnaire = from.questionnaire
  }
  const [s] = await ctx.db
    .insert(S)
    .values({
      municipalityId: ctx.tenantId,
      fiscalYear: d.fiscalYear,
      title: d.title,
      dueOn: d.dueOn,
      questionnaire,
    })
    .returning()
  await audit(ctx, {
    action: 'survey.create',
    entityType: 'survey',
    entityId: s.id,
    changes: diff(null, { fiscalYear: d.fiscalYear, title: d.title, template: d.template }),
  })
  return s
}

/** The coordinator's edit of the questionnaire: only before it opens (answers would not fit it after). */
export async function saveQuestionnaire(ctx: Ctx, s: Survey, qn: Questionnaire) {
  if (s.status !== 'draft')
    throw new AppError(409, 'survey_open', '回答の受付を始めた調査の調査票は変更できません。')
  const problems = checkQuestionnaire(qn)
  if (problems.length) throw validationFailed({ questionnaire: problems.join('\n') })
  await ctx.db
    .update(S)
    .set({ questionnaire: qn, updatedAt: new Date() })
    .where(byId(ctx, S, s.id))
  await audit(ctx, {
    action: 'survey.questionnaire',
    entityType: 'survey',
    entityId: s.id,
    changes: {
      sections: qn.sections.length,
      questions: qn.sections.reduce((n, x) => n + x.questions.length, 0),
    },
  })
}

/** Every project of the city as the survey reads it (lead department, years, partners, origin). */
async function projectFacts(ctx: Ctx): Promise<ProjectFacts[]> {
  const list = await listProjects(ctx)
  const groupIds = [
    ...new Set(list.flatMap((p) => p.partners.map((x) => x.groupId).filter((x): x is string => !!x))),
  ]
  const forms = await groupLegalForms(ctx, groupIds)
  return list.map((p) => ({
    id: p.id,
    title: p.title,
    form: p.form,
    formLabel: labelOf(COLLAB_FORMS, p.form),
    departmentId: p.departmentId,
    startOn: p.startOn,
    endOn: p.endOn,
    purpose: p.purpose,
    origin: p.origin,
    partners: p.partners.map((x) => x.name),
    npoPartner: p.partners.some((x) => {
      const f = x.groupId ? forms.get(x.groupId) : undefined
      return f === 'npo' || f === 'certified_npo'
    }),
  }))
}

/** The departments a survey goes to: every active 課 (not 部, which has no work of its own here). */
async function targetDepartments(ctx: Ctx) {
  return (await org.listDepartments(ctx, { activeOnly: true })).filter((d) => d.kind !== 'bu')
}

/**
 * Opens the survey: every department gets its attribute (from its projects of the year) and its
 * answers prefilled from the records, and its staff are told.
 */
export async function openSurvey(ctx: Ctx, s: Survey, dueOn: string | null) {
  if (s.status !== 'draft')
    throw new AppError(409, 'survey_state', 'この調査はすでに回答の受付を始めています。')
  const facts = await projectFacts(ctx)
  const depts = await targetDepartments(ctx)
  const rows = depts.map((d) => {
    const own = facts.filter((p) => p.departmentId === d.id)
    const attribute = attributeOf(own, s.fiscalYear)
    const answers = prefillAnswers(s.questionnaire, d.name, projectsToAnswer(own, s.fiscalYear))
    return {
      municipalityId: ctx.tenantId,
      surveyId: s.id,
      departmentId: d.id,
      departmentName: d.name,
      attribute,
      answers,
    }
  })
  if (rows.length) await ctx.db.insert(R).values(rows)
  await ctx.db
    .update(S)
    .set({ status: 'open', dueOn: dueOn ?? s.dueOn, openedAt: new Date(), updatedAt: new Date() })
    .where(byId(ctx, S, s.id))
  await audit(ctx, {
    action: 'survey.open',
    entityType: 'survey',
    entityId: s.id,
    changes: { departments: rows.length, dueOn: dueOn ?? s.dueOn },
  })
  for (const d of depts) {
    await notify(ctx, await departmentStaffIds(ctx, d.id), {
      kind: 'survey',
      title: `「${s.title}」への回答をお願いします`,
      body: `記録にある協働事業を入れてあります。確認・修正のうえ回答してください${(dueOn ?? s.dueOn) ? `（期限：${dueOn ?? s.dueOn}）` : ''}。`,
      href: `/my/surveys/${s.id}`,
    })
  }
  return rows.length
}

export async function closeSurvey(ctx: Ctx, s: Survey) {
  if (s.status !== 'open') throw new AppError(409, 'survey_state', '回答受付中の調査だけを締め切れます。')
  await ctx.db
    .update(S)
    .set({ status: 'closed', closedAt: new Date(), updatedAt: new Date() })
    .where(byId(ctx, S, s.id))
  await audit(ctx, { action: 'survey.close', entityType: 'survey', entityId: s.id })
}

/** Publishes (or withdraws) the report: the public then sees its figures and the picked 主な意見. */
export async function publishReport(ctx: Ctx, s: Survey, publish: boolean) {
  if (publish && s.status !== 'closed')
    throw new AppError(409, 'survey_state', '報告書は調査を締め切ってから公開できます。')
  await ctx.db
    .update(S)
    .set({ publishedAt: publish ? new Date() : null, updatedAt: new Date() })
    .where(byId(ctx, S, s.id))
  await audit(ctx, {
    action: publish ? 'survey.publish' : 'survey.unpublish',
    entityType: 'survey',
    entityId: s.id,
  })
}

/**
 * Tells the staff of departments that have not submitted; returns how many departments.
 * `since`: only those not reminded after this time (the scheduled reminder's once a week).
 */
export async function remind(ctx: Ctx, s: Survey, since?: Date) {
  if (s.status !== 'open') throw new AppError(409, 'survey_state', '回答受付中の調査だけに督促できます。')
  const open = (
    await ctx.db
      .select()
      .from(R)
      .where(inCity(ctx, R, eq(R.surveyId, s.id), ne(R.status, 'submitted')))
  ).filter((r) => !since || !r.remindedAt || r.remindedAt < since)
  for (const r of open) {
    await notify(ctx, await departmentStaffIds(ctx, r.departmentId), {
      kind: 'survey',
      title: `「${s.title}」の回答がまだ提出されていません`,
      body: `${r.departmentName}の回答を${s.dueOn ? `${s.dueOn}までに` : ''}提出してください。下書きは保存されています。`,
      href: `/my/surveys/${s.id}`,
    })
    await ctx.db
      .update(R)
      .set({ remindedAt: new Date() })
      .where(byId(ctx, R, r.id))
  }
  await audit(ctx, {
    action: 'survey.remind',
    entityType: 'survey',
    entityId: s.id,
    changes: { departments: open.length },
  })
  return open.length
}

/**
 * The scheduled reminder: for each open survey due within 7 days (or overdue), departments that
 * have not submitted are reminded, at most once a week. Returns how many departments.
 */
export async function remindDue(ctx: Ctx, today: string) {
  const soon = new Date(`${today}T00:00:00+09:00`)
  soon.setDate(soon.getDate() + 7)
  const limit = soon.toISOString().slice(0, 10)
  const weekAgo = new Date(Date.now() - 7 * 86_400_000)
  let n = 0
  for (const s of await ctx.db
    .select()
    .from(S)
    .where(inCity(ctx, S, eq(S.status, 'open'))))
    if (s.dueOn && s.dueOn <= limit) n += await remind(ctx, s, weekAgo)
  return n
}

export async function responsesOf(ctx: Ctx, surveyId: string) {
  return ctx.db
    .select()
    .from(R)
    .where(inCity(ctx, R, eq(R.surveyId, surveyId)))
    .orderBy(asc(R.attribute), asc(R.departmentName))
}

export async function getResponse(ctx: Ctx, id: string): Promise<SurveyResponse | null> {
  const [r] = await ctx.db
    .select()
    .from(R)
    .where(byId(ctx, R, id))
  return r ?? null
}

export async function responseOf(ctx: Ctx, surveyId: string, departmentId: string) {
  const [r] = await ctx.db
    .select()
    .from(R)
    .where(inCity(ctx, R, eq(R.surveyId, surveyId), eq(R.departmentId, departmentId)))
  return r ?? null
}

/** Surveys open for answers to the departments `departmentIds` (the home page's "what waits"). */
export async function openFor(ctx: Ctx, departmentIds: string[]) {
  if (!departmentIds.length) return []
  const rows = await ctx.db
    .select({ s: S, r: R })
    .from(R)
    .innerJoin(S, and(eq(S.municipalityId, R.municipalityId), eq(S.id, R.surveyId)))
    .where(and(inCity(ctx, R, inArray(R.departmentId, departmentIds)), eq(S.status, 'open')))
  return rows
}

/** How many open surveys wait for an answer from the departments `departmentIds` (the menu's count, one scalar query). */
export function countWaitingForSql(ctx: Ctx, departmentIds: string[]): SQL | null {
  if (!departmentIds.length) return null
  const q = ctx.db
    .select({ n: count() })
    .from(R)
    .innerJoin(S, and(eq(S.municipalityId, R.municipalityId), eq(S.id, R.surveyId)))
    .where(
      and(
        inCity(ctx, R, inArray(R.departmentId, departmentIds), ne(R.status, 'submitted')),
        eq(S.status, 'open'),
      ),
    )
  return sql`${q}`
}

/**
 * Saves a department's answers: a draft (kinds checked, required answers not yet), or submitted
 * (everything checked). Refused after closing, and when another staff member saved in between
 * (`version`), so nobody overwrites another's answers unknowingly; the form keeps what was typed.
 */
export async function saveResponse(
  ctx: Ctx,
  s: Survey,
  r: SurveyResponse,
  answers: Answers,
  version: number,
  submit: boolean,
) {
  if (s.status !== 'open')
    throw new AppError(
      409,
      'survey_closed',
      'この調査は締め切られたため、回答を保存できません。担当（協働推進の窓口）にご相談ください。',
    )
  if (version !== r.version)
    throw new AppError(
      409,
      'stale',
      '同じ課の別の職員が先に回答を保存しました。入力した内容は下に残っています。最新の回答を開き直して、必要な内容を入れ直してください。',
    )
  const issues = checkAnswers(s.questionnaire, answers, r.attribute, submit)
  if (issues.length) throw validationFailed(Object.fromEntries(issues.map((i) => [i.field, i.message])))
  const status = submit ? 'submitted' : r.status === 'submitted' ? 'submitted' : 'draft'
  await ctx.db
    .update(R)
    .set({
      answers,
      status,
      version: r.version + 1,
      updatedBy: ctx.actor?.userId ?? null,
      submittedAt: submit ? new Date() : r.submittedAt,
      updatedAt: new Date(),
    })
    .where(and(byId(ctx, R, r.id), eq(R.version, r.version)))
  await audit(ctx, {
    action: submit ? 'survey.response.submit' : 'survey.response.save',
    entityType: 'survey_response',
    entityId: r.id,
    changes: { status: [r.status, status], projects: answers.projects.length },
  })
  if (submit && r.status !== 'submitted') {
    await notify(
      ctx,
      await coordinatorIds(ctx),
      {
        kind: 'survey',
        title: `${r.departmentName}が「${s.title}」に回答しました`,
        body: '回答状況は調査のページで確認できます。',
        href: `/coordination/surveys/${s.id}`,
      },
      { mail: false },
    )
  }
  return status
}

/** The report of a survey from its submitted answers, with the coordinator's picks and summaries. */
export async function reportOf(ctx: Ctx, s: Survey): Promise<Report> {
  const rows = (await responsesOf(ctx, s.id)).filter((r) => r.status === 'submitted')
  return buildReport(s.questionnaire, rows, s.opinions, s.summaries)
}

export async function saveSummaries(ctx: Ctx, s: Survey, summaries: Record<string, string>) {
  await ctx.db
    .update(S)
    .set({ summaries, updatedAt: new Date() })
    .where(byId(ctx, S, s.id))
  await audit(ctx, {
    action: 'survey.summaries',
    entityType: 'survey',
    entityId: s.id,
    changes: diff(s.summaries, summaries),
  })
}

export async function saveOpinions(ctx: Ctx, s: Survey, figureKey: string, opinions: Opinion[]) {
  const all = { ...s.opinions, [figureKey]: opinions }
  if (!opinions.length) delete all[figureKey]
  await ctx.db
    .update(S)
    .set({ opinions: all, updatedAt: new Date() })
    .where(byId(ctx, S, s.id))
  await audit(ctx, {
    action: 'survey.opinions',
    entityType: 'survey',
    entityId: s.id,
    changes: { figure: figureKey, count: opinions.length },
  })
}

export async function requireSurvey(ctx: Ctx, id: string) {
  const s = await getSurvey(ctx, id)
  if (!s) throw notFound('調査')
  return s
}
