import type { Context } from 'hono'
import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { formatDateTime, formatEra } from '../../core/japanese/index.ts'
import { can } from '../../core/policy.ts'
import { collectDateParts, type FieldErrors, validate } from '../../core/validation.ts'
import { departmentIdsOf, org } from '../organisation/index.ts'
import {
  actionSchema,
  actionStateSchema,
  availabilitySchema,
  candidateFromParts,
  collectCandidateRows,
  collectMarks,
  collectOutsideRows,
  isOverdue,
  isSubjectType,
  meetingSchema,
  minutesSchema,
  personSchema,
  subjectHref,
  tally,
  whenLabel,
} from './domain.ts'
import {
  type ActionItem,
  actionsOf,
  addAction,
  addCandidate,
  addParticipant,
  cancelMeeting,
  createMeeting,
  fixDate,
  getAction,
  listMyMeetings,
  loadMeeting,
  type MeetingFull,
  meetingIcs,
  namesFor,
  participantByToken,
  possibleOwners,
  resolveSubject,
  type Subject,
  saveMarks,
  saveMinutes,
  setActionState,
  suggestedPeople,
} from './service.ts'
import {
  type ActionView,
  type CandidateView,
  MeetingForm,
  MeetingPage,
  type MeetingPageProps,
  MeetingsList,
  MyActionsPage,
  type PersonRow,
  ReplyPage,
} from './views.tsx'

export const meetingsRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const LIST = { label: '調整会議', href: '/meetings' }
const WHAT = '調整会議'

const idOr404 = (c: C) => {
  const id = c.req.param('id')
  if (!isUuid(id)) throw notFound(WHAT)
  return id
}

type Act = 'meeting.view' | 'meeting.manage' | 'meeting.mark'
async function loadFor(c: C, action: Act = 'meeting.view') {
  const id = idOr404(c)
  const f = await loadMeeting(c.get('ctx'), id)
  if (!f) throw notFound(WHAT)
  const ctx = await authorize(c, action, f.access)
  return { ctx, f }
}

const whenOf = (m: { startsAt: Date | null; endsAt: Date | null; status: string }) =>
  m.startsAt && m.endsAt ? whenLabel(m.startsAt, m.endsAt) : '日程調整中（候補日時から決めます）'

export function candidateViews(f: MeetingFull): CandidateView[] {
  const t = tally(
    f.candidates.map((c) => c.id),
    f.marks,
  )
  return f.candidates.map((c) => ({
    id: c.id,
    label: whenLabel(c.startsAt, c.endsAt),
    tally: t.counts.get(c.id)!,
    best: t.best.includes(c.id),
    fixed: f.meeting.fixedCandidateId === c.id,
  }))
}

const actionView = (ctx: Ctx, a: ActionItem, owner: string, f: MeetingFull | null): ActionView => ({
  id: a.id,
  title: a.title,
  owner,
  ownerId: a.ownerId,
  dueOn: a.dueOn,
  dueLabel: formatEra(a.dueOn),
  state: a.state,
  overdue: isOverdue(a),
  canUpdate: f ? can(ctx.actor, 'meeting.action.update', { ownerId: a.ownerId, meeting: f.access }) : true,
})

async function meetingPage(c: C, ctx: Ctx, f: MeetingFull, form?: MeetingPageProps['form']) {
  const n = await namesFor(ctx, f)
  const me = f.participants.find((p) => p.userId && p.userId === ctx.actor?.userId)
  const manage = can(ctx.actor, 'meeting.manage', f.access)
  const people: PersonRow[] = f.participants.map((p) => ({
    id: p.id,
    kind: p.kind,
    name:
      p.kind === 'department'
        ? `${n.dep(p.departmentId!)}（課として参加）`
        : p.kind === 'user'
          ? n.user(p.userId)
          : p.name,
    detail:
      p.kind === 'outside'
        ? [p.organisation, '外部'].filter(Boolean).join('・')
        : p.departmentId && p.kind === 'user'
          ? n.dep(p.departmentId)
          : p.userId === f.meeting.organiserId
            ? '設定した人'
            : '',
    email: p.kind === 'outside' ? p.email : undefined,
    comment: p.comment,
    marks: Object.fromEntries(
      f.marks.filter((x) => x.participantId === p.id).map((x) => [x.candidateId, x.mark]),
    ),
  }))
  const m = f.meeting
  // the subject is linked only for those who may open it (a participant from another group may not)
  const subject = isSubjectType(m.subjectType) ? await resolveSubject(ctx, m.subjectType, m.subjectId) : null
  const myMarks: Record<string, unknown> = { comment: me?.comment ?? '' }
  for (const x of f.marks.filter((x) => x.participantId === me?.id)) myMarks[`mark_${x.candidateId}`] = x.mark
  return render(
    c,
    `調整会議：${m.title}`,
    <MeetingPage
      m={{
        id: m.id,
        title: m.title,
        status: m.status,
        place: m.place,
        agenda: m.agenda,
        minutes: m.minutes,
        decisions: m.decisions,
        when: whenOf(m),
        subjectTitle: m.subjectTitle,
        subjectHref: subject ? subjectHref(m.subjectType, m.subjectId) : null,
        organiser: n.user(m.organiserId),
        minutedLabel: m.minutedAt
          ? `議事録の保存：${formatDateTime(m.minutedAt)}（${n.user(m.minutedBy)}）`
          : '',
      }}
      candidates={candidateViews(f)}
      people={people}
      actions={f.actions.map((a) => actionView(ctx, a, n.user(a.ownerId), f))}
      owners={possibleOwners(f).map((id) => ({ id, name: n.user(id) }))}
      canManage={manage}
      canMark={!!me && can(ctx.actor, 'meeting.mark', f.access)}
      csrf={c.get('csrfToken')}
      form={form}
      myMarks={myMarks}
    />,
    { status: form?.errors ? 422 : 200, section: 'meetings', crumbs: [LIST, { label: m.title }] },
  )
}

// ------------------------------------------------------------------ list, mine

meetingsRoutes.get('/meetings', async (c) => {
  const ctx = await authorize(c, 'meeting.mine')
  const [list, open] = await Promise.all([
    listMyMeetings(ctx),
    actionsOf(ctx, ctx.actor!.userId, { open: true }),
  ])
  return render(
    c,
    '調整会議',
    <MeetingsList
      list={list.map((m) => ({
        id: m.id,
        title: m.title,
        status: m.status,
        when: whenOf(m),
        subjectTitle: m.subjectTitle,
      }))}
      canCreate={can(ctx.actor, 'meeting.create')}
      openActions={open.length}
    />,
    { section: 'meetings', crumbs: [{ label: '調整会議' }] },
  )
})

meetingsRoutes.get('/meetings/actions', async (c) => {
  const ctx = await authorize(c, 'meeting.mine')
  const all = await actionsOf(ctx, ctx.actor!.userId)
  const me = ctx.actor!.name || ctx.actor!.email
  const v = all.map((a) => ({
    ...actionView(ctx, a, me, null),
    meetingId: a.meetingId,
    meetingTitle: a.meetingTitle,
  }))
  return render(
    c,
    '自分の対応事項',
    <MyActionsPage
      open={v.filter((a) => a.state !== 'done')}
      done={v.filter((a) => a.state === 'done')}
      csrf={c.get('csrfToken')}
    />,
    { section: 'meetings', crumbs: [LIST, { label: '自分の対応事項' }] },
  )
})

// ------------------------------------------------------------------ setting a meeting

async function subjectFrom(ctx: Ctx, type: unknown, id: unknown): Promise<Subject> {
  const t = isSubjectType(type) ? type : 'none'
  const sid = typeof id === 'string' && isUuid(id) ? id : null
  if (t !== 'none' && !sid) throw notFound('会議の対象')
  const s = await resolveSubject(ctx, t, sid)
  if (!s) throw notFound('会議の対象')
  return s
}

async function newForm(c: C, ctx: Ctx, s: Subject, values: Record<string, unknown>, errors?: FieldErrors) {
  // the organiser always takes part: not offered as a choice
  const suggestions = (await suggestedPeople(ctx, s)).filter((x) => x.id !== ctx.actor?.userId)
  const depIds = [...new Set([s.departmentId, ...departmentIdsOf(ctx.actor)].filter((x): x is string => !!x))]
  const departments = (await Promise.all(depIds.map((id) => org.getDepartment(ctx, id)))).filter(
    (d): d is NonNullable<typeof d> => !!d,
  )
  return render(
    c,
    '調整会議を設定する',
    <section>
      <h1>調整会議を設定する</h1>
      <MeetingForm
        csrf={c.get('csrfToken')}
        values={values}
        errors={errors}
        subject={s}
        suggestions={suggestions}
        departments={departments.map((d) => ({ id: d.id, name: d.name }))}
      />
    </section>,
    { status: errors ? 422 : 200, section: 'meetings', crumbs: [LIST, { label: '設定する' }] },
  )
}

meetingsRoutes.get('/meetings/new', async (c) => {
  const ctx = await authorize(c, 'meeting.create')
  const q = c.req.query()
  const s = await subjectFrom(ctx, q.subject ?? 'none', q.id)
  const defaults: Record<string, unknown> = {
    title: s.type === 'pairing' ? '協働の調整会議' : s.type === 'project' ? '協働事業の打合せ' : '',
    departmentIds: s.departmentId ? [s.departmentId] : [],
  }
  return newForm(c, ctx, s, defaults)
})

meetingsRoutes.post('/meetings', async (c) => {
  const ctx = await authorize(c, 'meeting.create')
  const body = await formBody(c)
  const s = await subjectFrom(ctx, body.subjectType || 'none', body.subjectId || undefined)
  const input = { ...body, candidates: collectCandidateRows(body), people: collectOutsideRows(body) }
  const r = validate(meetingSchema, input)
  if (!r.ok) return newForm(c, ctx, s, body, r.errors)
  try {
    const m = await createMeeting(ctx, r.data, s)
    setFlash(c, '調整会議を設定しました。参加者に都合の入力をお願いしました。')
    return c.redirect(`/meetings/${m.id}`, 303)
  } catch (e) {
    if (e instanceof AppError && e.fields) return newForm(c, ctx, s, body, e.fields)
    throw e
  }
})

// ------------------------------------------------------------------ the invitation (before /meetings/:id)

const icsHeaders = (name: string) => ({
  'content-type': 'text/calendar; charset=utf-8',
  'content-disposition': `attachment; filename="${name}"`,
  'cache-control': 'no-store',
})

/** The .ics of a scheduled meeting: for those who may see it, or an outside participant's token. */
meetingsRoutes.get('/meetings/:file{[0-9a-fA-F-]+\\.ics}', async (c) => {
  const id = c.req.param('file').replace(/\.ics$/, '')
  if (!isUuid(id)) throw notFound(WHAT)
  const ctx = c.get('ctx')
  const f = await loadMeeting(ctx, id)
  if (!f) throw notFound(WHAT)
  const token = c.req.query('token') ?? ''
  if (token) {
    if (!(await participantByToken(ctx, id, token))) throw notFound(WHAT)
  } else await authorize(c, 'meeting.view', f.access)
  if (!f.meeting.startsAt || !f.meeting.endsAt)
    throw new AppError(404, 'not_found', '日程はまだ決まっていません。')
  return c.body(meetingIcs(ctx, f.meeting), 200, icsHeaders(`meeting-${id}.ics`))
})

// ------------------------------------------------------------------ the meeting

meetingsRoutes.get('/meetings/:id', async (c) => {
  const { ctx, f } = await loadFor(c)
  return meetingPage(c, ctx, f)
})

meetingsRoutes.post('/meetings/:id/availability', async (c) => {
  const { ctx, f } = await loadFor(c, 'meeting.mark')
  const me = f.participants.find((p) => p.userId === ctx.actor!.userId)!
  const body = await formBody(c)
  const r = validate(availabilitySchema(f.candidates.map((x) => x.id)), collectMarks(body))
  if (!r.ok) return meetingPage(c, ctx, f, { which: 'marks', values: body, errors: r.errors })
  await saveMarks(ctx, f, me, r.data.marks, r.data.comment)
  setFlash(c, '都合を送りました。')
  return c.redirect(`/meetings/${f.meeting.id}`, 303)
})

meetingsRoutes.post('/meetings/:id/fix', async (c) => {
  const { ctx, f } = await loadFor(c, 'meeting.manage')
  const body = await formBody(c)
  try {
    const m = await fixDate(ctx, f, String(body.candidateId ?? ''))
    setFlash(c, `日程を${whenOf(m)}に決め、参加者にお知らせしました。`)
    return c.redirect(`/meetings/${f.meeting.id}`, 303)
  } catch (e) {
    if (e instanceof AppError && e.fields)
      return meetingPage(c, ctx, f, { which: 'fix', values: body, errors: e.fields })
    throw e
  }
})

/** One more candidate (the form's row c1_year … c1_end), while the date is open. */
meetingsRoutes.post('/meetings/:id/candidates', async (c) => {
  const { ctx, f } = await loadFor(c, 'meeting.manage')
  const body = await formBody(c)
  const n = f.candidates.length + 1
  const r = candidateFromParts(n, {
    year: String(body.c1_year ?? ''),
    month: String(body.c1_month ?? ''),
    day: String(body.c1_day ?? ''),
    start: String(body.c1_start ?? ''),
    end: String(body.c1_end ?? ''),
  })
  const again = (message: string) =>
    meetingPage(c, ctx, f, { which: 'candidate', values: body, errors: { 'candidates.0': message } })
  if (!r) return again(`候補日時${n}の日付と時刻を入力してください`)
  if (!r.ok) return again(r.message)
  try {
    await addCandidate(ctx, f, r.value)
  } catch (e) {
    if (e instanceof AppError && e.fields) return again(Object.values(e.fields)[0])
    throw e
  }
  setFlash(c, '候補日時を追加しました。')
  return c.redirect(`/meetings/${f.meeting.id}`, 303)
})

meetingsRoutes.post('/meetings/:id/cancel', async (c) => {
  const { ctx, f } = await loadFor(c, 'meeting.manage')
  await cancelMeeting(ctx, f)
  setFlash(c, '会議を中止し、参加者にお知らせしました。')
  return c.redirect(`/meetings/${f.meeting.id}`, 303)
})

meetingsRoutes.post('/meetings/:id/participants', async (c) => {
  const { ctx, f } = await loadFor(c, 'meeting.manage')
  const body = await formBody(c)
  const r = validate(personSchema, body)
  if (!r.ok) return meetingPage(c, ctx, f, { which: 'person', values: body, errors: r.errors })
  try {
    await addParticipant(ctx, f, r.data)
  } catch (e) {
    if (e instanceof AppError && e.fields)
      return meetingPage(c, ctx, f, { which: 'person', values: body, errors: e.fields })
    throw e
  }
  setFlash(c, `${r.data.name}さんを参加者に追加しました。`)
  return c.redirect(`/meetings/${f.meeting.id}`, 303)
})

meetingsRoutes.post('/meetings/:id/minutes', async (c) => {
  const { ctx, f } = await loadFor(c, 'meeting.manage')
  const body = await formBody(c)
  const r = validate(minutesSchema, body)
  if (!r.ok) return meetingPage(c, ctx, f, { which: 'minutes', values: body, errors: r.errors })
  await saveMinutes(ctx, f, r.data)
  setFlash(c, '議題・議事録・決定事項を保存しました。')
  return c.redirect(`/meetings/${f.meeting.id}`, 303)
})

meetingsRoutes.post('/meetings/:id/actions', async (c) => {
  const { ctx, f } = await loadFor(c, 'meeting.manage')
  const body = await formBody(c)
  const r = validate(actionSchema, collectDateParts(body, ['dueOn']))
  if (!r.ok) return meetingPage(c, ctx, f, { which: 'action', values: body, errors: r.errors })
  try {
    await addAction(ctx, f, r.data)
  } catch (e) {
    if (e instanceof AppError && e.fields)
      return meetingPage(c, ctx, f, { which: 'action', values: body, errors: e.fields })
    throw e
  }
  setFlash(c, '対応事項を追加しました。')
  return c.redirect(`/meetings/${f.meeting.id}`, 303)
})

meetingsRoutes.post('/meetings/:id/actions/:actionId', async (c) => {
  const id = idOr404(c)
  const actionId = c.req.param('actionId')
  if (!isUuid(actionId)) throw notFound('対応事項')
  const f = await loadMeeting(c.get('ctx'), id)
  if (!f) throw notFound(WHAT)
  const a = await getAction(c.get('ctx'), id, actionId)
  if (!a) throw notFound('対応事項')
  const ctx = await authorize(c, 'meeting.action.update', { ownerId: a.ownerId, meeting: f.access })
  const body = await formBody(c)
  const r = validate(actionStateSchema, body)
  if (!r.ok) throw new AppError(422, 'validation', r.errors.state ?? '状態を一覧から選んでください', r.errors)
  await setActionState(ctx, a, r.data.state)
  setFlash(
    c,
    `「${a.title}」を「${{ todo: '未着手', doing: '対応中', done: '完了' }[r.data.state]}」にしました。`,
  )
  return c.redirect(body.back === 'mine' ? '/meetings/actions' : `/meetings/${id}`, 303)
})

// ------------------------------------------------------------------ outside people, by their link

async function loadByToken(c: C, token: string) {
  const id = idOr404(c)
  const ctx = c.get('ctx')
  const f = await loadMeeting(ctx, id)
  if (!f) throw notFound(WHAT)
  const p = await participantByToken(ctx, id, token)
  if (!p) throw new AppError(404, 'not_found', 'URLが正しくありません。メールに記載のURLをご確認ください。')
  return { ctx, f, p }
}

async function replyPage(
  c: C,
  ctx: Ctx,
  f: MeetingFull,
  p: MeetingFull['participants'][number],
  token: string,
  values?: Record<string, unknown>,
  errors?: FieldErrors,
) {
  const n = await namesFor(ctx, f)
  const mine: Record<string, unknown> = { comment: p.comment }
  for (const x of f.marks.filter((x) => x.participantId === p.id)) mine[`mark_${x.candidateId}`] = x.mark
  const m = f.meeting
  return render(
    c,
    `日程調整：${m.title}`,
    <ReplyPage
      m={{
        id: m.id,
        title: m.title,
        status: m.status,
        place: m.place,
        agenda: m.agenda,
        when: whenOf(m),
        organiser: `${ctx.municipality.officeName}（${n.user(m.organiserId)}）`,
      }}
      name={p.name}
      candidates={candidateViews(f)}
      token={token}
      csrf={c.get('csrfToken')}
      values={values ?? mine}
      errors={errors}
    />,
    { status: errors ? 422 : 200, crumbs: [{ label: '日程調整' }] },
  )
}

meetingsRoutes.get('/meetings/:id/reply', async (c) => {
  const token = c.req.query('token') ?? ''
  const { ctx, f, p } = await loadByToken(c, token)
  return replyPage(c, ctx, f, p, token)
})

meetingsRoutes.post('/meetings/:id/reply', async (c) => {
  const body = await formBody(c)
  const token = String(body.token ?? '')
  const { ctx, f, p } = await loadByToken(c, token)
  const r = validate(availabilitySchema(f.candidates.map((x) => x.id)), collectMarks(body))
  if (!r.ok) return replyPage(c, ctx, f, p, token, body, r.errors)
  await saveMarks(ctx, f, p, r.data.marks, r.data.comment)
  setFlash(c, 'ご都合を受け付けました。ありがとうございました。日程が決まりましたらメールでお知らせします。')
  return c.redirect(`/meetings/${f.meeting.id}/reply?token=${encodeURIComponent(token)}`, 303)
})
