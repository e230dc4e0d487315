import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import { AppError, notFound, validationFailed } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonBody, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { validate } from '../../core/validation.ts'
import {
  actionSchema,
  availabilitySchema,
  isSubjectType,
  meetingSchema,
  minutesSchema,
  tally,
} from './domain.ts'
import {
  addAction,
  createMeeting,
  loadMeeting,
  type MeetingFull,
  participantByToken,
  resolveSubject,
  saveMarks,
  saveMinutes,
} from './service.ts'

export const meetingsApi = new OpenAPIHono<AppEnv>()

const Id = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

const CandidateOut = z.object({
  id: z.string(),
  startsAt: z.string().openapi({ example: '2026-07-01T04:30:00.000Z' }),
  endsAt: z.string(),
  yes: z.number().openapi({ description: '○ の数' }),
  maybe: z.number().openapi({ description: '△ の数' }),
  no: z.number().openapi({ description: '× の数' }),
})

const MeetingOut = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(['scheduling', 'scheduled', 'held', 'cancelled']),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    subjectTitle: z.string(),
    place: z.string(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    agenda: z.string(),
    minutes: z.string(),
    decisions: z.string(),
    candidates: z.array(CandidateOut),
    participants: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['user', 'department', 'outside']),
        name: z.string(),
        organisation: z.string(),
      }),
    ),
    actions: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        ownerId: z.string(),
        dueOn: z.string(),
        state: z.string(),
      }),
    ),
    url: z.string(),
    icsUrl: z.string().nullable(),
  })
  .openapi('Meeting')

const MeetingIn = z
  .object({
    title: z.unknown().optional().openapi({ type: 'string', example: '見守り協働の調整会議' }),
    subjectType: z.unknown().optional().openapi({
      type: 'string',
      example: 'pairing',
      description: 'pairing | consultation | proposal | project | none',
    }),
    subjectId: z.unknown().optional().openapi({ type: 'string' }),
    candidates: z
      .unknown()
      .optional()
      .openapi({
        type: 'array',
        items: {
          type: 'object',
          properties: { startsAt: { type: 'string' }, endsAt: { type: 'string' } },
        },
        example: [{ startsAt: '2026-07-01T13:30+09:00', endsAt: '2026-07-01T15:00+09:00' }],
      }),
    people: z
      .unknown()
      .optional()
      .openapi({
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            email: { type: 'string' },
            organisation: { type: 'string' },
          },
        },
        description:
          '参加者をメールアドレスで（市のアカウントならその参加者、そうでなければ外部の参加者として専用URLを送ります）',
      }),
  })
  .passthrough()
  .openapi('MeetingInput', {
    description:
      '調整会議。place, agenda, userIds（対象の関係者の中から）, departmentIds も指定できます。日時は ISO 8601（オフセットなしは日本時間）。',
  })

const AvailabilityIn = z
  .object({
    marks: z
      .unknown()
      .optional()
      .openapi({ type: 'object', description: '候補日時の id → "yes" | "maybe" | "no"（○・△・× でも可）' }),
    comment: z.unknown().optional().openapi({ type: 'string' }),
    token: z
      .unknown()
      .optional()
      .openapi({ type: 'string', description: '外部の参加者：メールのURLの token' }),
  })
  .openapi('AvailabilityInput')

const MinutesIn = z
  .object({
    agenda: z.unknown().optional().openapi({ type: 'string' }),
    minutes: z.unknown().optional().openapi({ type: 'string' }),
    decisions: z.unknown().optional().openapi({ type: 'string' }),
  })
  .openapi('MinutesInput')

const ActionIn = z
  .object({
    title: z.unknown().optional().openapi({ type: 'string', example: '対象地区の資料を用意する' }),
    ownerId: z
      .unknown()
      .optional()
      .openapi({ type: 'string', description: '担当者（アカウントのある参加者）' }),
    dueOn: z.unknown().optional().openapi({ type: 'string', example: '2026-07-15' }),
  })
  .openapi('ActionInput')

const ActionOut = z
  .object({ id: z.string(), title: z.string(), ownerId: z.string(), dueOn: z.string(), state: z.string() })
  .openapi('MeetingAction')

export function meetingJson(f: MeetingFull) {
  const t = tally(
    f.candidates.map((c) => c.id),
    f.marks,
  )
  const m = f.meeting
  return {
    id: m.id,
    title: m.title,
    status: m.status as 'scheduling',
    subjectType: m.subjectType,
    subjectId: m.subjectId,
    subjectTitle: m.subjectTitle,
    place: m.place,
    startsAt: m.startsAt?.toISOString() ?? null,
    endsAt: m.endsAt?.toISOString() ?? null,
    agenda: m.agenda,
    minutes: m.minutes,
    decisions: m.decisions,
    candidates: f.candidates.map((c) => ({
      id: c.id,
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt.toISOString(),
      ...t.counts.get(c.id)!,
    })),
    participants: f.participants.map((p) => ({
      id: p.id,
      kind: p.kind as 'user',
      name: p.name,
      organisation: p.organisation,
    })),
    actions: f.actions.map((a) => ({
      id: a.id,
      title: a.title,
      ownerId: a.ownerId,
      dueOn: a.dueOn,
      state: a.state,
    })),
    url: `/meetings/${m.id}`,
    icsUrl: m.startsAt ? `/meetings/${m.id}.ics` : null,
  }
}

const body = async (c: Context<AppEnv>) => (await c.req.json().catch(() => ({}))) as Record<string, unknown>

async function load(c: Context<AppEnv>, id: string) {
  if (!isUuid(id)) throw notFound('調整会議')
  const f = await loadMeeting(c.get('ctx'), id)
  if (!f) throw notFound('調整会議')
  return f
}

meetingsApi.openapi(
  createRoute({
    method: 'post',
    path: '/meetings',
    tags: ['meetings'],
    summary: '調整会議を設定する（候補日時つき。コーディネーター・担当課職員）',
    security,
    middleware: [allow('meeting.create')] as const,
    request: jsonBody(MeetingIn),
    responses: { 201: jsonOk(MeetingOut, '設定した調整会議'), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const b = await body(c)
    const r = validate(meetingSchema, b)
    if (!r.ok) throw validationFailed(r.errors)
    const type = isSubjectType(r.data.subjectType) ? r.data.subjectType : 'none'
    if (type !== 'none' && !r.data.subjectId)
      throw validationFailed({ subjectId: '会議の対象のidを指定してください' })
    const s = await resolveSubject(ctx, type, r.data.subjectId)
    if (!s) throw notFound('会議の対象')
    const m = await createMeeting(ctx, r.data, s)
    return c.json(meetingJson((await loadMeeting(ctx, m.id))!), 201)
  },
)

meetingsApi.openapi(
  createRoute({
    method: 'get',
    path: '/meetings/{id}',
    tags: ['meetings'],
    summary: '調整会議（参加者・設定した人・コーディネーター・参加する課の職員）',
    security,
    request: { params: Id },
    responses: { 200: jsonOk(MeetingOut), ...errorResponses },
  }),
  async (c) => {
    const f = await load(c, c.req.valid('param').id)
    await authorize(c, 'meeting.view', f.access)
    return c.json(meetingJson(f), 200)
  },
)

meetingsApi.openapi(
  createRoute({
    method: 'post',
    path: '/meetings/{id}/availability',
    tags: ['meetings'],
    summary: '候補日時ごとの都合（○△×）を送る（アカウントのある参加者、または外部の参加者が token で）',
    request: { params: Id, ...jsonBody(AvailabilityIn) },
    responses: {
      200: jsonOk(MeetingOut.pick({ id: true, candidates: true })),
      409: {
        description: '日程が決まった後',
        content: { 'application/json': { schema: errorResponses[422].content['application/json'].schema } },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    const f = await load(c, c.req.valid('param').id)
    const b = await body(c)
    const ctx = c.get('ctx')
    let participant: MeetingFull['participants'][number] | null = null
    if (typeof b.token === 'string' && b.token) {
      participant = await participantByToken(ctx, f.meeting.id, b.token)
      if (!participant) throw notFound('調整会議')
    } else {
      await authorize(c, 'meeting.mark', f.access)
      participant = f.participants.find((p) => p.userId === ctx.actor!.userId) ?? null
      if (!participant) throw new AppError(403, 'forbidden', 'この会議の参加者ではありません。')
    }
    const marks = typeof b.marks === 'object' && b.marks !== null ? b.marks : {}
    const r = validate(availabilitySchema(f.candidates.map((x) => x.id)), { marks, comment: b.comment })
    if (!r.ok) throw validationFailed(r.errors)
    await saveMarks(ctx, f, participant, r.data.marks, r.data.comment)
    const j = meetingJson((await loadMeeting(ctx, f.meeting.id))!)
    return c.json({ id: j.id, candidates: j.candidates }, 200)
  },
)

meetingsApi.openapi(
  createRoute({
    method: 'put',
    path: '/meetings/{id}/minutes',
    tags: ['meetings'],
    summary: '議題・議事録・決定事項を保存する（議事録があれば開催予定の会議は開催済になります）',
    security,
    request: { params: Id, ...jsonBody(MinutesIn) },
    responses: { 200: jsonOk(MeetingOut), ...errorResponses },
  }),
  async (c) => {
    const f = await load(c, c.req.valid('param').id)
    const ctx = await authorize(c, 'meeting.manage', f.access)
    const r = validate(minutesSchema, await body(c))
    if (!r.ok) throw validationFailed(r.errors)
    await saveMinutes(ctx, f, r.data)
    return c.json(meetingJson((await loadMeeting(ctx, f.meeting.id))!), 200)
  },
)

meetingsApi.openapi(
  createRoute({
    method: 'post',
    path: '/meetings/{id}/actions',
    tags: ['meetings'],
    summary: '対応事項を追加する（担当者・期限つき）',
    security,
    request: { params: Id, ...jsonBody(ActionIn) },
    responses: { 201: jsonOk(ActionOut, '追加した対応事項'), ...errorResponses },
  }),
  async (c) => {
    const f = await load(c, c.req.valid('param').id)
    const ctx = await authorize(c, 'meeting.manage', f.access)
    const r = validate(actionSchema, await body(c))
    if (!r.ok) throw validationFailed(r.errors)
    const a = await addAction(ctx, f, r.data)
    return c.json({ id: a.id, title: a.title, ownerId: a.ownerId, dueOn: a.dueOn, state: a.state }, 201)
  },
)
