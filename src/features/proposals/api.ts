import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { AppError, notFound, validationFailed } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonBody, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { can } from '../../core/policy.ts'
import { ensureMemberships } from '../../core/roles.ts'
import { validate } from '../../core/validation.ts'
import {
  applicationSchema,
  draftSchema,
  parseBudget,
  DEFAULT_ELIGIBLE,
  DEFAULT_INELIGIBLE,
  parseScores,
  programmeSchema,
  scoringStageOf,
} from './domain.ts'
import {
  createProgramme,
  funnel,
  getApplication,
  getProgramme,
  listProgrammes,
  type Programme,
  saveApplication,
  saveScores,
  viewResource,
} from './service.ts'

export const proposalsApi = new OpenAPIHono<AppEnv>()

const Id = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

const CourseOut = z.object({
  code: z.string(),
  label: z.string(),
  frame: z.number().int(),
  limit: z.number().int(),
})
const ProgrammeOut = z
  .object({
    id: z.string(),
    title: z.string(),
    type: z.enum(['gyosei', 'shimin']).openapi({ description: 'gyosei＝行政提案型、shimin＝市民提案型' }),
    fiscalYear: z.number().int().nullable().openapi({ description: '年度（null は通年募集）' }),
    stage: z.string().openapi({ description: 'preparing | open | review | presentation | decided' }),
    deadline: z.string().nullable(),
    budgetFrame: z.number().int().openapi({ description: '採択枠（1年目の市負担額の合計、円）' }),
    upperLimit: z.number().int(),
    fundedYears: z.number().int(),
    preConsultationRequired: z.boolean(),
    eligibleCategories: z.array(z.string()),
    ineligibleCategories: z.array(z.string()),
    courses: z.array(CourseOut),
    schedule: z.array(z.object({ label: z.string(), on: z.string(), who: z.string() })),
  })
  .openapi('ProposalProgramme')

const out = (p: Omit<Programme, 'reviewerIds' | 'closed'>) => ({
  id: p.id,
  title: p.title,
  type: p.type as 'shimin',
  fiscalYear: p.fiscalYear,
  stage: p.stage,
  deadline: p.deadline?.toISOString() ?? null,
  budgetFrame: p.budgetFrame,
  upperLimit: p.upperLimit,
  fundedYears: p.fundedYears,
  preConsultationRequired: p.preConsultationRequired,
  eligibleCategories: p.eligibleCategories,
  ineligibleCategories: p.ineligibleCategories,
  courses: p.courses,
  schedule: p.schedule,
})

const body = async (c: { req: { json: () => Promise<unknown> } }) =>
  ((await c.req.json().catch(() => ({}))) ?? {}) as Record<string, unknown>

proposalsApi.openapi(
  createRoute({
    method: 'get',
    path: '/programmes',
    tags: ['proposals'],
    summary: '協働事業提案制度の募集の一覧（公開中のもの。コーディネーターには準備中も）',
    middleware: [allow('proposal.list')] as const,
    request: { query: z.object({ page: z.string().optional() }) },
    responses: { 200: jsonOk(z.object({ items: z.array(ProgrammeOut), total: z.number().int() })) },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    await ensureMemberships(ctx)
    const page = Math.max(1, Number(c.req.valid('query').page ?? 1) || 1)
    const r = await listProgrammes(ctx, { publicOnly: !can(ctx.actor, 'proposal.manage'), page, perPage: 50 })
    return c.json({ items: r.items.map(out), total: r.total }, 200)
  },
)

proposalsApi.openapi(
  createRoute({
    method: 'post',
    path: '/programmes',
    tags: ['proposals'],
    summary: '募集をつくる（コーディネーター。日程は茅ヶ崎市の年間日程から、審査項目は既定の5項目）',
    security,
    middleware: [allow('proposal.manage')] as const,
    request: jsonBody(
      z
        .object({
          title: z.string(),
          type: z.enum(['gyosei', 'shimin']),
          fiscalYear: z.number().int().nullable().optional(),
          description: z.string().optional(),
          courses: z.array(z.string()).openapi({ example: ['ikusei', 'project'] }),
          budgetFrame: z.number().int(),
          upperLimit: z.number().int(),
          eligibleCategories: z
            .array(z.string())
            .optional()
            .openapi({ description: '対象経費（省略すると既定の費目：報償費・旅費・消耗品費…）' }),
          ineligibleCategories: z
            .array(z.string())
            .optional()
            .openapi({ description: '対象外経費（省略すると既定の費目：飲食費・備品購入費…）' }),
          fundedYears: z.number().int().optional(),
          preConsultationRequired: z
            .boolean()
            .optional()
            .openapi({ description: '提案の前に意見交換会を必須にするか（省略すると必須）' }),
        })
        .partial()
        .openapi('ProposalProgrammeInput'),
    ),
    responses: { 201: jsonOk(ProgrammeOut), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const b = await body(c)
    const r = validate(programmeSchema, {
      ...b,
      // omitted lists are the defaults the form starts with, not "no rule at all"
      eligibleCategories: b.eligibleCategories ?? DEFAULT_ELIGIBLE,
      ineligibleCategories: b.ineligibleCategories ?? DEFAULT_INELIGIBLE,
      fundedYears: b.fundedYears ?? 2,
      preConsultationRequired: b.preConsultationRequired !== false,
    })
    if (!r.ok) throw validationFailed(r.errors)
    const p = await createProgramme(ctx, r.data)
    return c.json(out(p), 201)
  },
)

const BudgetIn = z.object({
  year: z.number().int().openapi({ description: '1 または 2' }),
  category: z.string(),
  item: z.string().optional(),
  total: z.number().int().openapi({ description: '事業額（円）' }),
  city: z.number().int().openapi({ description: '市負担額（円）' }),
  own: z.number().int().openapi({ description: '自己資金（円）' }),
})

proposalsApi.openapi(
  createRoute({
    method: 'post',
    path: '/programmes/{id}/applications',
    tags: ['proposals'],
    summary:
      '提案書を保存する（団体のメンバー。submit: true で提出。締切後、意見交換会の記録なし、対象外経費、上限額・採択枠の超過は 422）',
    security,
    request: {
      params: Id,
      ...jsonBody(
        z
          .object({
            groupId: z.string(),
            title: z.string(),
            courseCode: z.string(),
            themeId: z.string().nullable().optional(),
            departmentId: z.string().nullable().optional(),
            purpose: z.string(),
            localIssue: z.string(),
            content: z.string(),
            plan: z.string(),
            outcomes: z.string(),
            measures: z.string(),
            team: z.string().optional(),
            roles: z.string(),
            budget: z.array(BudgetIn),
            submit: z.boolean().optional(),
          })
          .partial()
          .openapi('ProposalApplicationInput'),
      ),
    },
    responses: {
      201: jsonOk(z.object({ id: z.string(), status: z.string() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    await ensureMemberships(ctx)
    if (!can(ctx.actor, 'proposal.mine')) await authorize(c, 'proposal.mine')
    const { id } = c.req.valid('param')
    const p = isUuid(id) ? await getProgramme(ctx, id) : null
    if (!p || !can(ctx.actor, 'proposal.read', p)) throw notFound('募集')
    const b = await body(c)
    const groupId = String(b.groupId ?? '')
    await authorize(c, 'proposal.apply', { groupId })
    const submit = b.submit === true
    const raw: Record<string, unknown> = { ...b }
    const lines = Array.isArray(b.budget) ? (b.budget as Record<string, unknown>[]) : []
    lines.slice(0, 8).forEach((l, i) => {
      for (const k of ['year', 'category', 'item', 'total', 'city', 'own']) raw[`budget_${i}_${k}`] = l?.[k]
    })
    const r = validate(submit ? applicationSchema : draftSchema, raw)
    const budget = parseBudget(raw)
    if (!r.ok || Object.keys(budget.errors).length)
      throw validationFailed({ ...(r.ok ? {} : r.errors), ...budget.errors })
    const row = await saveApplication(ctx, p, groupId, r.data, budget.lines, { submit })
    return c.json({ id: row.id, status: row.status }, 201)
  },
)

proposalsApi.openapi(
  createRoute({
    method: 'post',
    path: '/applications/{id}/scores',
    tags: ['proposals'],
    summary:
      '提案を採点する（招かれた審査委員。いまの段階の書類審査か公開プレゼンテーション。各項目 1〜5 と講評が必須。利害関係があれば 403）',
    security,
    middleware: [allow('proposal.review')] as const,
    request: {
      params: Id,
      ...jsonBody(
        z
          .object({
            scores: z.array(
              z.object({ criterion: z.string(), score: z.number().int(), comment: z.string() }),
            ),
          })
          .openapi('ProposalScoresInput'),
      ),
    },
    responses: {
      201: jsonOk(z.object({ ok: z.boolean(), stage: z.string() })),
      409: errorResponses[422],
      ...errorResponses,
    },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    const a = isUuid(id) ? await getApplication(ctx, id) : null
    const p = a ? await getProgramme(ctx, a.programmeId) : null
    if (!a || !p || !['eligible', 'adopted', 'conditional', 'rejected'].includes(a.status))
      throw notFound('提案')
    await authorize(c, 'proposal.score', await viewResource(ctx, a, p))
    const stage = scoringStageOf(p.stage)
    if (!stage) throw new AppError(409, 'not_scoring', 'いまは採点の期間ではありません。')
    const b = await body(c)
    const raw: Record<string, unknown> = {}
    for (const s of Array.isArray(b.scores) ? (b.scores as Record<string, unknown>[]) : []) {
      raw[`score_${s?.criterion}`] = s?.score
      raw[`comment_${s?.criterion}`] = s?.comment
    }
    const r = parseScores(raw, p.criteria)
    if (Object.keys(r.errors).length) throw validationFailed(r.errors)
    await saveScores(ctx, a, stage, r.scores)
    return c.json({ ok: true, stage }, 201)
  },
)

proposalsApi.openapi(
  createRoute({
    method: 'get',
    path: '/stats/proposal-funnel',
    tags: ['proposals'],
    summary: '提案制度の年度別の件数（意見交換会 → 申込 → 採択 → 継続。過去の実績を含む。コーディネーター）',
    security,
    middleware: [allow('proposal.manage')] as const,
    responses: {
      200: jsonOk(
        z
          .object({
            years: z.array(
              z.object({
                fiscalYear: z.number().int(),
                consultations: z.number().int(),
                applications: z.number().int(),
                adopted: z.number().int(),
                continued: z.number().int(),
              }),
            ),
          })
          .openapi('ProposalFunnel'),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const f = await funnel(c.get('ctx'))
    return c.json(
      {
        years: f.years.map((y) => ({
          fiscalYear: y.fiscalYear,
          consultations: y.consultations,
          applications: y.applications,
          adopted: y.adopted,
          continued: y.continued,
        })),
      },
      200,
    )
  },
)
