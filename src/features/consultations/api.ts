import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { createMiddleware } from 'hono/factory'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { notFound, validationFailed } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonBody, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { absoluteUrl } from '../../core/http/origin.ts'
import { can } from '../../core/policy.ts'
import { ensureMemberships } from '../../core/roles.ts'
import { v, validate } from '../../core/validation.ts'
import { destinationErrors, replySchema, sendSchema } from './domain.ts'
import {
  type Assigned,
  assignConsultation,
  consultationByToken,
  createConsultation,
  departmentNames,
  getConsultation,
  replyTo,
  statusPath,
  threadOf,
} from './service.ts'

export const consultationsApi = new OpenAPIHono<AppEnv>()

const Id = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

const Suggestion = z
  .object({
    departmentId: z.string(),
    name: z.string().openapi({ example: '生涯学習スポーツ課' }),
    score: z.number().int().openapi({ description: '関連の強さ（0–100。最も近い課を100とする）' }),
    reasons: z.array(z.string()).openapi({ example: ['子ども食堂', '居場所'] }),
  })
  .openapi('ConsultationSuggestion')

const ConsultationIn = z
  .object({
    text: z
      .unknown()
      .optional()
      .openapi({ type: 'string', example: '子ども食堂を始めたいので、使える場所を知りたい' }),
    name: z.unknown().optional().openapi({ type: 'string', example: '武蔵野 花子' }),
    email: z.unknown().optional().openapi({ type: 'string', example: 'hanako@example.jp' }),
    phone: z.unknown().optional().openapi({ type: 'string' }),
    groupName: z.unknown().optional().openapi({ type: 'string' }),
    senderKind: z
      .unknown()
      .optional()
      .openapi({ type: 'string', description: 'resident（既定）| group | business | other' }),
    destination: z
      .unknown()
      .optional()
      .openapi({ type: 'string', description: 'office（既定）| department | both' }),
    departmentId: z
      .unknown()
      .optional()
      .openapi({ type: 'string', description: 'destination が department か both のときの課' }),
  })
  .openapi('ConsultationInput')

const Message = z.object({ body: z.string(), createdAt: z.string(), from: z.string() })

const ConsultationOut = z
  .object({
    id: z.string(),
    receiptNo: z.string().openapi({ example: '相談-2026-0001' }),
    status: z.enum(['received', 'reviewing', 'answered', 'closed']).openapi({
      description: 'received＝受付、reviewing＝確認中、answered＝回答済、closed＝完了',
    }),
    text: z.string(),
    createdAt: z.string(),
    departments: z.array(z.object({ id: z.string(), name: z.string() })),
    replies: z.array(Message),
    dueOn: z.string().nullable().optional().openapi({ description: '回答期限（市の担当者のみ）' }),
    contact: z
      .object({ name: z.string(), email: z.string(), phone: z.string(), groupName: z.string() })
      .optional()
      .openapi({ description: '相談者の連絡先（市の担当者のみ。消去後は空）' }),
    notes: z.array(Message).optional().openapi({ description: '内部メモ（市の担当者のみ）' }),
  })
  .openapi('Consultation')

async function out(ctx: Ctx, k: Assigned, staff: boolean) {
  const names = await departmentNames(ctx)
  const thread = await threadOf(ctx, k.id, { notes: staff })
  const msg = (m: (typeof thread)[number]) => ({
    body: m.body,
    createdAt: m.createdAt.toISOString(),
    from: m.departmentName,
  })
  return {
    id: k.id,
    receiptNo: k.receiptNo,
    status: k.status as 'received',
    text: k.text,
    createdAt: k.createdAt.toISOString(),
    departments: k.departmentIds.map((d) => ({ id: d, name: names.get(d) ?? '' })),
    replies: thread.filter((m) => m.kind === 'reply').map(msg),
    ...(staff
      ? {
          dueOn: k.dueOn,
          contact: { name: k.name, email: k.email, phone: k.phone, groupName: k.groupName },
          notes: thread.filter((m) => m.kind === 'note').map(msg),
        }
      : {}),
  }
}

consultationsApi.openapi(
  createRoute({
    method: 'post',
    path: '/consultations',
    tags: ['consultations'],
    summary: '相談を送る（誰でも。アカウント不要。受付番号と状況確認のURLを返し、受付メールを送る）',
    middleware: [allow('consultation.ask')] as const,
    request: jsonBody(ConsultationIn),
    responses: {
      201: jsonOk(
        z.object({
          id: z.string(),
          receiptNo: z.string(),
          statusUrl: z.string().openapi({ description: '状況確認のURL（相談者だけが知るトークン付き）' }),
          suggestions: z.array(Suggestion),
        }),
        '受け付けた相談',
      ),
      422: errorResponses[422],
      429: { description: '短時間に多すぎる', content: errorResponses[422].content },
    },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const r = validate(sendSchema, body, (raw) =>
      destinationErrors({
        destination: String(raw.destination ?? 'office'),
        departmentId: String(raw.departmentId ?? ''),
      }),
    )
    if (!r.ok) throw validationFailed(r.errors)
    const { c: k, token, suggestions } = await createConsultation(ctx, r.data)
    return c.json(
      { id: k.id, receiptNo: k.receiptNo, statusUrl: absoluteUrl(ctx, statusPath(k.id, token)), suggestions },
      201,
    )
  },
)

consultationsApi.openapi(
  createRoute({
    method: 'get',
    path: '/consultations/{id}',
    tags: ['consultations'],
    summary:
      '相談の状況と回答（相談者は状況確認URLの token で。コーディネーターと割り当てられた課は連絡先・内部メモも）',
    security,
    request: { params: Id, query: z.object({ token: z.string().optional() }) },
    responses: { 200: jsonOk(ConsultationOut), 404: errorResponses[404] },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('相談')
    const token = c.req.valid('query').token ?? ''
    c.header('Cache-Control', 'private, no-store')
    if (token) {
      const k = await consultationByToken(ctx, id, token)
      if (!k) throw notFound('相談')
      return c.json(await out(ctx, k, false), 200)
    }
    await ensureMemberships(ctx)
    const k = await getConsultation(ctx, id)
    // without the token, the city side only; anyone else learns nothing (not even that it exists)
    if (!k || !can(ctx.actor, 'consultation.view', k)) throw notFound('相談')
    return c.json(await out(ctx, k, true), 200)
  },
)

/** Refused before the body is read: those who may answer no consultation at all (401/403, audited). */
const answerers = createMiddleware<AppEnv>(async (c, next) => {
  const a = await ensureMemberships(c.get('ctx'))
  if (!can(a, 'consultation.triage') && !can(a, 'consultation.department'))
    await authorize(c, 'consultation.triage')
  await next()
})

async function loadForStaff(c: { get: (k: 'ctx') => Ctx }, id: string) {
  const ctx = c.get('ctx')
  if (!isUuid(id)) throw notFound('相談')
  const k = await getConsultation(ctx, id)
  if (!k) throw notFound('相談')
  return { ctx, k }
}

consultationsApi.openapi(
  createRoute({
    method: 'post',
    path: '/consultations/{id}/assignments',
    tags: ['consultations'],
    summary: '担当課を割り当てる（コーディネーター。departmentIds は全体を置き換える）',
    security,
    middleware: [allow('consultation.triage')] as const,
    request: {
      params: Id,
      ...jsonBody(
        z
          .object({
            departmentIds: z.array(z.string()).openapi({ description: '担当課のID（複数可）' }),
            dueOn: z
              .string()
              .nullable()
              .optional()
              .openapi({ example: '2026-12-20', description: '回答期限' }),
            field: z.string().optional().openapi({ description: '分野コード' }),
          })
          .openapi('ConsultationAssignment'),
      ),
    },
    responses: { 200: jsonOk(ConsultationOut), ...errorResponses },
  }),
  async (c) => {
    const { ctx, k } = await loadForStaff(c, c.req.valid('param').id)
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const due = typeof body.dueOn === 'string' ? body.dueOn.normalize('NFKC').split(/[-/]/) : []
    const r = validate(
      z.object({
        departmentIds: z.array(v.uuid('担当課'), { error: '担当課はIDの配列で指定してください' }),
        dueOn: v.ymd('回答期限', false),
        field: v.optionalText('分野', { max: 50 }),
      }),
      { ...body, dueOn: { year: due[0] ?? '', month: due[1] ?? '', day: due[2] ?? '' } },
    )
    if (!r.ok) throw validationFailed(r.errors)
    await assignConsultation(ctx, k, { ...r.data, field: r.data.field || k.field })
    return c.json(await out(ctx, (await getConsultation(ctx, k.id))!, true), 200)
  },
)

consultationsApi.openapi(
  createRoute({
    method: 'post',
    path: '/consultations/{id}/replies',
    tags: ['consultations'],
    summary: '回答する（コーディネーターと割り当てられた課。相談者にメールで届き、状態は回答済になる）',
    security,
    middleware: [answerers] as const,
    request: {
      params: Id,
      ...jsonBody(
        z.object({ body: z.unknown().optional().openapi({ type: 'string' }) }).openapi('ConsultationReply'),
      ),
    },
    responses: { 201: jsonOk(z.object({ ok: z.boolean(), mailed: z.boolean() })), ...errorResponses },
  }),
  async (c) => {
    const { ctx, k } = await loadForStaff(c, c.req.valid('param').id)
    await authorize(c, 'consultation.answer', k)
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const r = validate(replySchema, body)
    if (!r.ok) throw validationFailed(r.errors)
    const { mailed } = await replyTo(ctx, k, r.data.body)
    return c.json({ ok: true, mailed }, 201)
  },
)
