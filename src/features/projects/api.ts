import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { notFound, validationFailed } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonBody, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { can } from '../../core/policy.ts'
import { ensureMemberships } from '../../core/roles.ts'
import { collectDateParts, type FieldErrors, validate } from '../../core/validation.ts'
import {
  type BudgetInput,
  budgetSchema,
  budgetYearProblem,
  GOAL_ROWS,
  goalsOf,
  partnerSchema,
  projectRecordSchema,
  recordProblems,
} from './domain.ts'
import {
  continuationStats,
  createProjectRecord,
  type FullProject,
  getProject,
  listCases,
  listProjects,
} from './service.ts'

export const projectsApi = new OpenAPIHono<AppEnv>()

const Id = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

const PartnerOut = z.object({
  id: z.string(),
  kind: z.string(),
  groupId: z.string().nullable(),
  name: z.string(),
  role: z.string(),
})
const BudgetOut = z.object({
  fiscalYear: z.number(),
  total: z.number(),
  cityShare: z.number(),
  groupShare: z.number(),
  otherIncome: z.number(),
})
const ProjectOut = z
  .object({
    id: z.string(),
    title: z.string(),
    form: z.string(),
    origin: z.string(),
    status: z.string(),
    departmentId: z.string(),
    departmentIds: z.array(z.string()),
    startOn: z.string().openapi({ example: '2026-04-01' }),
    endOn: z.string().nullable(),
    purpose: z.string(),
    goals: z.array(z.object({ name: z.string(), unit: z.string(), target: z.number() })),
    internal: z.boolean(),
    partners: z.array(PartnerOut),
    url: z.string(),
  })
  .openapi('Project')

const ProjectDetailOut = ProjectOut.extend({
  contacts: z.object({ city: z.string(), partner: z.string() }).nullable().openapi({
    description: '事業の関係者とコーディネーターにだけ返します（それ以外は null）',
  }),
  budgets: z.array(BudgetOut),
  roles: z.array(z.object({ task: z.string(), who: z.string(), partnerId: z.string().nullable() })),
  agreements: z.array(z.object({ version: z.number(), agreedOn: z.string() })),
  reports: z.array(
    z.object({
      side: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      activities: z.string(),
      numbers: z.array(z.object({ name: z.string(), unit: z.string(), value: z.number() })),
    }),
  ),
  evaluations: z.array(
    z.object({
      kind: z.string(),
      fiscalYear: z.number().nullable(),
      side: z.string(),
      outcome: z.string(),
      achievement: z.string(),
      groupBenefit: z.string(),
      cityBenefit: z.string(),
      issues: z.string(),
      comment: z.string(),
    }),
  ),
  checklists: z.array(z.object({ side: z.string(), stage: z.string(), answers: z.array(z.string()) })),
  followups: z.array(
    z.object({
      months: z.number(),
      dueOn: z.string(),
      continuation: z.string().nullable(),
      carrier: z.string().nullable(),
      stopReason: z.string(),
    }),
  ),
}).openapi('ProjectDetail')

const ProjectIn = z
  .object({
    title: z.unknown().optional().openapi({ type: 'string' }),
    form: z.unknown().optional().openapi({ type: 'string', example: 'commission' }),
    origin: z.unknown().optional().openapi({ type: 'string', example: 'existing' }),
    departmentId: z.unknown().optional().openapi({ type: 'string' }),
    startOn: z.unknown().optional().openapi({ type: 'string', example: '2026-04-01' }),
    endOn: z.unknown().optional().openapi({ type: 'string', example: '2028-03-31' }),
    purpose: z.unknown().optional().openapi({ type: 'string' }),
  })
  .passthrough()
  .openapi('ProjectInput', {
    description:
      '協働事業。goals: [{name, unit, target}]（3件まで）, partners: [{kind: group|business|university|neighbourhood|other, groupId, name, role}], budgets: [{fiscalYear, total, cityShare, groupShare, otherIncome}]（金額は円。全角数字・和暦の年度も可）, internal (boolean), cityContact, partnerContact も指定できます。',
  })

const pick = (p: {
  id: string
  title: string
  form: string
  origin: string
  status: string
  departmentId: string
  departmentIds: string[]
  startOn: string
  endOn: string | null
  purpose: string
  goals: { name: string; unit: string; target: number }[]
  internal: boolean
  partners: { id: string; kind: string; groupId: string | null; name: string; role: string }[]
}) => ({
  id: p.id,
  title: p.title,
  form: p.form,
  origin: p.origin,
  status: p.status,
  departmentId: p.departmentId,
  departmentIds: p.departmentIds,
  startOn: p.startOn,
  endOn: p.endOn,
  purpose: p.purpose,
  goals: p.goals,
  internal: p.internal,
  partners: p.partners.map((x) => ({
    id: x.id,
    kind: x.kind,
    groupId: x.groupId,
    name: x.name,
    role: x.role,
  })),
  url: `/projects/${p.id}`,
})

const detail = (ctx: Ctx, p: FullProject) => ({
  ...pick(p),
  contacts: can(ctx.actor, 'project.inside', p) ? { city: p.cityContact, partner: p.partnerContact } : null,
  budgets: p.budgets.map((b) => ({
    fiscalYear: b.fiscalYear,
    total: b.total,
    cityShare: b.cityShare,
    groupShare: b.groupShare,
    otherIncome: b.otherIncome,
  })),
  roles: p.roles.map((r) => ({ task: r.task, who: r.who, partnerId: r.partnerId })),
  agreements: p.agreements.map((a) => ({ version: a.version, agreedOn: a.agreedOn })),
  reports: p.reports.map((r) => ({
    side: r.side,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    activities: r.activities,
    numbers: r.numbers,
  })),
  evaluations: p.evaluations.map((e) => ({
    kind: e.kind,
    fiscalYear: e.fiscalYear,
    side: e.side,
    outcome: e.outcome,
    achievement: e.achievement,
    groupBenefit: e.groupBenefit,
    cityBenefit: e.cityBenefit,
    issues: e.issues,
    comment: e.comment,
  })),
  checklists: can(ctx.actor, 'project.inside', p)
    ? p.checklists.map((x) => ({ side: x.side, stage: x.stage, answers: x.answers }))
    : [],
  followups: can(ctx.actor, 'project.inside', p)
    ? p.followups.map((f) => ({
        months: f.months,
        dueOn: f.dueOn,
        continuation: f.continuation,
        carrier: f.carrier,
        stopReason: f.stopReason,
      }))
    : [],
})

/** 'YYYY-MM-DD' (or the three parts) → the three parts the date schema reads. */
const dateParts = (x: unknown) => {
  if (typeof x !== 'string') return x
  const m = x.normalize('NFKC').match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/)
  return m ? { year: m[1], month: m[2], day: m[3] } : { year: x, month: '', day: '' }
}

/** The JSON body → the record, partners and budgets, with every field error named (budgets.0.cityShare…). */
export function projectFromJson(body: Record<string, unknown>) {
  const flat: Record<string, unknown> = { ...body }
  for (const k of ['startOn', 'endOn']) {
    const d = dateParts(body[k])
    if (d && typeof d === 'object') {
      const p = d as Record<string, string>
      flat[`${k}_year`] = p.year
      flat[`${k}_month`] = p.month
      flat[`${k}_day`] = p.day
    }
  }
  if (typeof body.internal === 'boolean') flat.internal = body.internal ? 'on' : ''
  const goals = Array.isArray(body.goals) ? body.goals.slice(0, GOAL_ROWS) : []
  goals.forEach((g: any, i) => {
    flat[`goal${i + 1}Name`] = g?.name ?? ''
    flat[`goal${i + 1}Unit`] = g?.unit ?? ''
    flat[`goal${i + 1}Target`] = g?.target === undefined || g?.target === null ? '' : String(g.target)
  })
  const errors: FieldErrors = {}
  const r = validate(projectRecordSchema, collectDateParts(flat, ['startOn', 'endOn']))
  if (!r.ok) Object.assign(errors, r.errors)
  const gs = r.ok ? goalsOf(r.data) : []
  if (r.ok) Object.assign(errors, recordProblems({ startOn: r.data.startOn, endOn: r.data.endOn, goals: gs }))
  const partners: { kind: string; groupId?: string; name: string; role: string }[] = []
  ;(Array.isArray(body.partners) ? body.partners : []).forEach((x: unknown, i: number) => {
    const pr = validate(partnerSchema, x ?? {})
    if (!pr.ok) for (const [k, m] of Object.entries(pr.errors)) errors[`partners.${i}.${k}`] = m
    else partners.push(pr.data)
  })
  const budgets: BudgetInput[] = []
  const years = new Set<number>()
  ;(Array.isArray(body.budgets) ? body.budgets : []).forEach((x: unknown, i: number) => {
    const br = validate(budgetSchema, x ?? {})
    if (!br.ok) for (const [k, m] of Object.entries(br.errors)) errors[`budgets.${i}.${k}`] = m
    else if (r.ok && budgetYearProblem(br.data.fiscalYear, { startOn: r.data.startOn!, endOn: r.data.endOn }))
      errors[`budgets.${i}.fiscalYear`] = budgetYearProblem(br.data.fiscalYear, {
        startOn: r.data.startOn!,
        endOn: r.data.endOn,
      })!
    else if (years.has(br.data.fiscalYear))
      errors[`budgets.${i}.fiscalYear`] =
        `${br.data.fiscalYear}年度の事業費が2回あります。年度ごとに1件にしてください`
    else {
      years.add(br.data.fiscalYear)
      budgets.push(br.data)
    }
  })
  if (!r.ok || Object.keys(errors).length) return { ok: false as const, errors }
  const d = r.data
  return {
    ok: true as const,
    data: {
      title: d.title,
      form: d.form,
      origin: d.origin,
      departmentId: d.departmentId,
      departmentIds: d.departmentIds.filter((x) => x !== d.departmentId),
      startOn: d.startOn!,
      endOn: d.endOn,
      purpose: d.purpose,
      goals: gs.filter((g) => g.name).map((g) => ({ name: g.name, unit: g.unit, target: g.target ?? 0 })),
      cityContact: d.cityContact,
      partnerContact: d.partnerContact,
      internal: d.internal,
      partners,
      budgets,
    },
  }
}

projectsApi.openapi(
  createRoute({
    method: 'get',
    path: '/projects',
    tags: ['projects'],
    summary: '協働事業の一覧（庁内限りの事業は関係者とコーディネーターにだけ）',
    request: { query: z.object({ status: z.string().optional(), form: z.string().optional() }) },
    responses: { 200: jsonOk(z.object({ total: z.number(), items: z.array(ProjectOut) })) },
  }),
  async (c) => {
    const ctx = await authorize(c, 'site.view')
    await ensureMemberships(ctx)
    const q = c.req.valid('query')
    const items = (await listProjects(ctx))
      .filter((p) => can(ctx.actor, 'project.view', p))
      .filter((p) => (!q.status || p.status === q.status) && (!q.form || p.form === q.form))
      .map(pick)
    return c.json({ total: items.length, items }, 200)
  },
)

projectsApi.openapi(
  createRoute({
    method: 'post',
    path: '/projects',
    tags: ['projects'],
    summary: '協働事業を登録（コーディネーター・担当課職員）。協働の相手・年度ごとの事業費も一緒に',
    security,
    middleware: [allow('project.create')] as const,
    request: jsonBody(ProjectIn),
    responses: { 201: jsonOk(ProjectDetailOut, '登録した協働事業'), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const r = projectFromJson(body)
    if (!r.ok) throw validationFailed(r.errors)
    const pr = await createProjectRecord(ctx, r.data)
    const full = await getProject(ctx, pr.id)
    return c.json(detail(ctx, full!), 201)
  },
)

projectsApi.openapi(
  createRoute({
    method: 'get',
    path: '/projects/{id}',
    tags: ['projects'],
    summary: '協働事業（役割分担・事業費・報告・評価・フォローアップ付き。連絡先は関係者にだけ）',
    request: { params: Id },
    responses: { 200: jsonOk(ProjectDetailOut), 404: errorResponses[404] },
  }),
  async (c) => {
    const ctx = await authorize(c, 'site.view')
    await ensureMemberships(ctx)
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('協働事業')
    const p = await getProject(ctx, id)
    if (!p || !can(ctx.actor, 'project.view', p)) throw notFound('協働事業')
    return c.json(detail(ctx, p), 200)
  },
)

const RateRow = z.object({
  key: z.string(),
  label: z.string(),
  total: z.number(),
  continued: z.number(),
  rate: z.number(),
})

projectsApi.openapi(
  createRoute({
    method: 'get',
    path: '/stats/continuation',
    tags: ['projects'],
    summary: '協働事業の終了後の継続率（全体・形態別・きっかけ別・終了年度別。市の職員）',
    security,
    middleware: [allow('project.stats')] as const,
    responses: {
      200: jsonOk(
        z
          .object({
            rate: z.number().openapi({ description: '0〜1' }),
            total: z.number(),
            continued: z.number(),
            byForm: z.array(RateRow),
            byOrigin: z.array(RateRow),
            byYear: z.array(RateRow),
          })
          .openapi('ContinuationStats'),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const s = await continuationStats(c.get('ctx'))
    return c.json(
      {
        rate: s.rate,
        total: s.total,
        continued: s.continued,
        byForm: s.byForm,
        byOrigin: s.byOrigin,
        byYear: s.byYear,
      },
      200,
    )
  },
)

const CaseOut = z
  .object({
    id: z.string(),
    title: z.string(),
    form: z.string(),
    departmentId: z.string(),
    partners: z.array(z.object({ name: z.string(), kind: z.string(), role: z.string() })),
    startOn: z.string(),
    endOn: z.string().nullable(),
    fields: z.array(z.string()),
    issue: z.string(),
    outcome: z.string(),
    lessons: z.string(),
    total: z.number().openapi({ description: '事業額の合計（円）' }),
    cityShare: z.number().openapi({ description: '市負担額の合計（円）' }),
    url: z.string(),
  })
  .openapi('Case')

projectsApi.openapi(
  createRoute({
    method: 'get',
    path: '/cases',
    tags: ['projects'],
    summary: '協働の事例集（field=分野コード, form=協働の形態, departmentId, q=ことば）',
    request: {
      query: z.object({
        field: z.string().optional(),
        form: z.string().optional(),
        departmentId: z.string().optional(),
        q: z.string().optional(),
      }),
    },
    responses: { 200: jsonOk(z.object({ total: z.number(), items: z.array(CaseOut) })) },
  }),
  async (c) => {
    const ctx = await authorize(c, 'site.view')
    const q = c.req.valid('query')
    const list = await listCases(ctx, {
      field: q.field || undefined,
      form: q.form || undefined,
      departmentId: isUuid(q.departmentId) ? q.departmentId : undefined,
      q: q.q?.slice(0, 100),
    })
    const items = list.map((p) => ({
      id: p.id,
      title: p.title,
      form: p.form,
      departmentId: p.departmentId,
      partners: p.partners.map((x) => ({ name: x.name, kind: x.kind, role: x.role })),
      startOn: p.startOn,
      endOn: p.endOn,
      fields: p.caseFields,
      issue: p.caseIssue,
      outcome: p.caseOutcome,
      lessons: p.caseLessons,
      total: p.total,
      cityShare: p.cityShare,
      url: `/projects/${p.id}`,
    }))
    return c.json({ total: items.length, items }, 200)
  },
)
