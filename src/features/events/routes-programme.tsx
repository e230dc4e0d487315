import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { can } from '../../core/policy.ts'
import { type FieldErrors, collectDateParts, validate } from '../../core/validation.ts'
import {
  eventParticipants,
  outcomes,
  pairingFromEvent,
  saveAnswer,
  sendSurveys,
  surveyByToken,
} from './after.ts'
import {
  applicationSchema,
  callIsOpen,
  callSchema,
  decisionSchema,
  fillSlots,
  hearingSchema,
  surveySchema,
} from './calls.ts'
import { hmInTokyo, momentToParts } from './domain.ts'
import {
  type EventCall,
  type NamedApplication,
  addMaterial,
  apply,
  applyChoices,
  callsOverview,
  decide,
  deleteMaterial,
  getApplication,
  getCall,
  getMaterial,
  listApplications,
  listMaterials,
  materialsPublic,
  myApplications,
  publishProgramme,
  readMaterial,
  recordHearing,
  saveCall,
  saveProgramme,
} from './programme.ts'
import { type C, idOr404, loadEvent, toView } from './routes.tsx'
import { type EventRow, eventLookups } from './service.ts'
import {
  ApplicationPage,
  ApplyPage,
  CallManagePage,
  CallsOverviewPage,
  OutcomesPage,
  SurveyPage,
} from './views-programme.tsx'

/** Pages of the call for presenters, the programme, materials, the questionnaire and its pairings. */
export const programmeRoutes = new Hono<AppEnv>()

const CRUMB = { label: 'イベント', href: '/events' }
const crumbs = (e: EventRow, label: string) => [CRUMB, { label: e.title, href: `/events/${e.id}` }, { label }]

// ------------------------------------------------------------------ the coordinator's call page

const callValues = (call: EventCall | null, e: EventRow) =>
  call
    ? {
        theme: call.theme,
        message: call.message,
        accepts: [call.acceptsGroups ? 'groups' : '', call.acceptsDepartments ? 'departments' : ''].filter(
          Boolean,
        ),
        status: call.status,
        ...(call.deadline ? dateParts('deadline', call.deadline) : {}),
      }
    : { theme: e.theme, accepts: ['groups', 'departments'], status: 'open' }

const dateParts = (name: string, d: Date) => {
  const x = momentToParts(name, d)
  return {
    [`${name}_year`]: x[`${name}_year`],
    [`${name}_month`]: x[`${name}_month`],
    [`${name}_day`]: x[`${name}_day`],
  }
}

const slotValues = (apps: NamedApplication[]) =>
  Object.fromEntries(
    apps
      .filter((a) => a.status === 'selected')
      .flatMap((a) => [
        [`order_${a.id}`, a.slotOrder ?? ''],
        [`start_${a.id}`, a.slotStartsAt ? hmInTokyo(a.slotStartsAt) : ''],
        [`minutes_${a.id}`, a.slotMinutes ?? a.minutes],
      ]),
  )

async function callPage(
  c: C,
  ctx: Ctx,
  e: EventRow,
  form: {
    callValues?: Record<string, unknown>
    callErrors?: FieldErrors
    slotValues?: Record<string, unknown>
    slotErrors?: FieldErrors
    publishError?: string
  } = {},
  status?: 422,
) {
  const lk = await eventLookups(ctx)
  const [call, apps] = await Promise.all([getCall(ctx, e.id), listApplications(ctx, e.id)])
  return render(
    c,
    `発表者の募集とプログラム：${e.title}`,
    <CallManagePage
      e={toView(e, lk)}
      call={call}
      applications={apps}
      csrf={c.get('csrfToken')}
      callValues={form.callValues ?? callValues(call, e)}
      callErrors={form.callErrors}
      slotValues={form.slotValues ?? slotValues(apps)}
      slotErrors={form.slotErrors}
      publishError={form.publishError}
    />,
    { status, section: 'events', crumbs: crumbs(e, '発表者の募集とプログラム') },
  )
}

programmeRoutes.get('/events/:id/call', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.call.manage', e)
  return callPage(c, ctx, e)
})

programmeRoutes.post('/events/:id/call', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.call.manage', e)
  const body = await formBody(c)
  const r = validate(callSchema, collectDateParts(body, ['deadline']))
  if (!r.ok) return callPage(c, ctx, e, { callValues: body, callErrors: r.errors }, 422)
  try {
    const before = await getCall(ctx, e.id)
    await saveCall(ctx, e, r.data)
    setFlash(
      c,
      before ? '募集の内容を保存しました。' : '発表者の募集を始めました。イベントのページに募集が載ります。',
    )
  } catch (err) {
    if (err instanceof AppError && err.fields)
      return callPage(c, ctx, e, { callValues: body, callErrors: err.fields }, 422)
    throw err
  }
  return c.redirect(`/events/${e.id}/call`, 303)
})

programmeRoutes.post('/events/:id/programme', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.call.manage', e)
  const body = await formBody(c)
  const selected = (await listApplications(ctx, e.id)).filter((a) => a.status === 'selected')
  const rows = selected.map((a) => ({
    id: a.id,
    name: a.name,
    order: String(body[`order_${a.id}`] ?? ''),
    start: String(body[`start_${a.id}`] ?? ''),
    minutes: String(body[`minutes_${a.id}`] ?? ''),
  }))
  const r = fillSlots(e, rows, new Map(selected.map((a) => [a.id, a.minutes])))
  if (!r.ok) return callPage(c, ctx, e, { slotValues: body, slotErrors: r.errors }, 422)
  await saveProgramme(ctx, e, r.slots)
  setFlash(c, 'プログラムを保存しました。公開するまでイベントのページには載りません。')
  return c.redirect(`/events/${e.id}/call#programme`, 303)
})

programmeRoutes.post('/events/:id/programme/publish', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.call.manage', e)
  const call = await getCall(ctx, e.id)
  if (!call) throw notFound('募集')
  try {
    const told = await publishProgramme(ctx, e, call)
    setFlash(c, `プログラムを公開しました（${told}件の申込者に結果を伝えました）。`)
  } catch (err) {
    if (err instanceof AppError && err.fields) return callPage(c, ctx, e, { publishError: err.fields._ }, 422)
    throw err
  }
  return c.redirect(`/events/${e.id}/call`, 303)
})

programmeRoutes.get('/coordination/event-calls', async (c) => {
  const ctx = await authorize(c, 'event.create')
  return render(c, '発表者の募集', <CallsOverviewPage rows={await callsOverview(ctx)} />, {
    section: 'event-calls',
    crumbs: [{ label: '発表者の募集' }],
  })
})

// ------------------------------------------------------------------ applying

async function loadCall(c: C) {
  const { ctx, e } = await loadEvent(c)
  const call = await getCall(ctx, e.id)
  if (!call) throw notFound('募集')
  return { ctx, e, call }
}

async function applyPage(
  c: C,
  ctx: Ctx,
  e: EventRow,
  call: EventCall,
  form: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
  status?: 422,
) {
  const lk = await eventLookups(ctx)
  const [choices, mine] = await Promise.all([applyChoices(ctx, call), myApplications(ctx, e.id)])
  return render(
    c,
    `発表・説明に申し込む：${e.title}`,
    <ApplyPage
      e={toView(e, lk)}
      call={call}
      open={callIsOpen(call)}
      choices={choices}
      mine={mine}
      csrf={c.get('csrfToken')}
      values={form.values ?? { as: choices.length === 1 ? choices[0].value : '', minutes: '10' }}
      errors={form.errors}
    />,
    { status, section: 'events', crumbs: crumbs(e, '発表・説明の申込') },
  )
}

programmeRoutes.get('/events/:id/apply', async (c) => {
  const { ctx, e, call } = await loadCall(c)
  await authorize(c, 'event.apply.page')
  return applyPage(c, ctx, e, call)
})

programmeRoutes.post('/events/:id/apply', async (c) => {
  const { ctx, e, call } = await loadCall(c)
  await authorize(c, 'event.apply', call)
  const body = await formBody(c)
  const choices = await applyChoices(ctx, call)
  const r = validate(applicationSchema(choices.map((x) => x.value)), body)
  if (!r.ok) return applyPage(c, ctx, e, call, { values: body, errors: r.errors }, 422)
  try {
    const a = await apply(ctx, e, call, r.data)
    setFlash(c, `${a.name}として申し込みました。結果はプログラムの公開のときにお知らせします。`)
    return c.redirect(`/events/${e.id}/applications/${a.id}`, 303)
  } catch (err) {
    if (err instanceof AppError && err.fields)
      return applyPage(c, ctx, e, call, { values: body, errors: err.fields }, 422)
    if (err instanceof AppError && err.status === 409)
      return applyPage(c, ctx, e, call, { values: body, errors: { _: err.message } }, 422)
    throw err
  }
})

// ------------------------------------------------------------------ one application

async function loadApplication(c: C) {
  const { ctx, e, call } = await loadCall(c)
  const appId = idOr404(c, 'appId')
  const a = await getApplication(ctx, e.id, appId)
  if (!a) throw notFound('申込')
  await authorize(c, 'event.application.view', a)
  return { ctx, e, call, a }
}

async function applicationPage(
  c: C,
  ctx: Ctx,
  e: EventRow,
  call: EventCall,
  a: NamedApplication,
  form: {
    which?: 'decision' | 'hearing' | 'material'
    values?: Record<string, unknown>
    errors?: FieldErrors
  } = {},
  status?: 422,
) {
  const lk = await eventLookups(ctx)
  const materials = (await listMaterials(ctx, e.id)).filter((m) => m.applicationId === a.id)
  return render(
    c,
    `申込：${a.name}`,
    <ApplicationPage
      e={toView(e, lk)}
      a={a}
      published={!!call.programmePublishedAt && !!a.toldAt}
      manage={can(ctx.actor, 'event.call.manage', e)}
      materials={materials}
      csrf={c.get('csrfToken')}
      {...form}
    />,
    { status, section: 'events', crumbs: crumbs(e, `申込：${a.name}`) },
  )
}

programmeRoutes.get('/events/:id/applications/:appId', async (c) => {
  const { ctx, e, call, a } = await loadApplication(c)
  return applicationPage(c, ctx, e, call, a)
})

programmeRoutes.post('/events/:id/applications/:appId/decision', async (c) => {
  const { ctx, e, call, a } = await loadApplication(c)
  await authorize(c, 'event.call.manage', e)
  const body = await formBody(c)
  const r = validate(decisionSchema, body)
  if (!r.ok)
    return applicationPage(c, ctx, e, call, a, { which: 'decision', values: body, errors: r.errors }, 422)
  await decide(ctx, a, r.data)
  setFlash(
    c,
    r.data.status === 'selected'
      ? '選定しました。順番と時間は「発表者の募集とプログラム」で決めます。'
      : '選定の結果を保存しました。',
  )
  return c.redirect(`/events/${e.id}/applications/${a.id}`, 303)
})

programmeRoutes.post('/events/:id/applications/:appId/hearing', async (c) => {
  const { ctx, e, call, a } = await loadApplication(c)
  await authorize(c, 'event.call.manage', e)
  const body = await formBody(c)
  const r = validate(hearingSchema, collectDateParts(body, ['hearingOn']))
  if (!r.ok)
    return applicationPage(c, ctx, e, call, a, { which: 'hearing', values: body, errors: r.errors }, 422)
  await recordHearing(ctx, a, r.data)
  setFlash(c, 'ヒアリングを記録しました。')
  return c.redirect(`/events/${e.id}/applications/${a.id}`, 303)
})

// ------------------------------------------------------------------ materials

programmeRoutes.post('/events/:id/materials', async (c) => {
  const { ctx, e } = await loadEvent(c)
  const body = await c.req.parseBody()
  const appId = String(body.applicationId ?? '')
  if (!isUuid(appId)) throw notFound('申込')
  const call = await getCall(ctx, e.id)
  const a = call ? await getApplication(ctx, e.id, appId) : null
  if (!call || !a) throw notFound('申込')
  await authorize(c, 'event.application.view', a)
  const title = String(body.title ?? '').trim()
  const again = (errors: FieldErrors) =>
    applicationPage(c, ctx, e, call, a, { which: 'material', values: { title }, errors }, 422)
  if (title.length > 100) return again({ title: '資料の名前は100文字以内で入力してください' })
  const file = body.file
  if (!(file instanceof File) || !file.size) return again({ file: '資料のファイルを選んでください' })
  try {
    await addMaterial(ctx, e, a, file, title)
  } catch (err) {
    if (err instanceof AppError && err.fields) return again({ file: err.fields.file ?? err.message })
    throw err
  }
  setFlash(c, '資料を登録しました。')
  return c.redirect(`/events/${e.id}/applications/${a.id}#materials`, 303)
})

async function loadMaterial(c: C) {
  const { ctx, e } = await loadEvent(c)
  const id = idOr404(c, 'mid')
  const m = await getMaterial(ctx, e.id, id)
  if (!m) throw notFound('資料')
  const a = m.applicationId ? await getApplication(ctx, e.id, m.applicationId) : null
  return { ctx, e, m, a }
}

programmeRoutes.get('/events/:id/materials/:mid', async (c) => {
  const { ctx, e, m, a } = await loadMaterial(c)
  const call = await getCall(ctx, e.id)
  const mayView =
    materialsPublic(call, e) ||
    can(ctx.actor, 'event.call.manage', e) ||
    (!!a && can(ctx.actor, 'event.application.view', a))
  if (!mayView) throw notFound('資料')
  const buf = await readMaterial(ctx, m)
  return c.body(new Uint8Array(buf), 200, {
    'content-type': m.mimeType === 'text/plain' ? 'text/plain; charset=utf-8' : m.mimeType,
    'content-disposition': `${m.mimeType === 'application/pdf' ? 'inline' : 'attachment'}; filename="material"; filename*=UTF-8''${encodeURIComponent(m.fileName)}`,
    'cache-control': 'private, no-store',
  })
})

programmeRoutes.post('/events/:id/materials/:mid/delete', async (c) => {
  const { ctx, e, m, a } = await loadMaterial(c)
  if (a) await authorize(c, 'event.application.view', a)
  else await authorize(c, 'event.call.manage', e)
  await deleteMaterial(ctx, m)
  setFlash(c, '資料を削除しました。')
  return c.redirect(a ? `/events/${e.id}/applications/${a.id}#materials` : `/events/${e.id}`, 303)
})

// ------------------------------------------------------------------ questionnaire and outcomes

async function outcomesPage(c: C, ctx: Ctx, e: EventRow, error?: string, status?: 422 | 409) {
  const lk = await eventLookups(ctx)
  return render(
    c,
    `アンケートと成果：${e.title}`,
    <OutcomesPage
      e={toView(e, lk)}
      o={await outcomes(ctx, e)}
      csrf={c.get('csrfToken')}
      canPair={can(ctx.actor, 'event.call.manage', e) && can(ctx.actor, 'board.view')}
      started={e.startsAt.getTime() <= Date.now()}
      error={error}
    />,
    { status, section: 'events', crumbs: crumbs(e, 'アンケートと成果') },
  )
}

programmeRoutes.get('/events/:id/outcomes', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.survey.results', e)
  return outcomesPage(c, ctx, e)
})

programmeRoutes.post('/events/:id/survey/send', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.survey.results', e)
  try {
    const n = await sendSurveys(ctx, e)
    setFlash(
      c,
      n
        ? `アンケートのURLを${n}人にメールで送りました。`
        : '新しく送る相手はいませんでした（送信済みの方には送りません）。',
    )
  } catch (err) {
    if (err instanceof AppError && err.status === 409) return outcomesPage(c, ctx, e, err.message, 409)
    throw err
  }
  return c.redirect(`/events/${e.id}/outcomes`, 303)
})

programmeRoutes.post('/events/:id/pairings', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.call.manage', e)
  await authorize(c, 'board.view')
  const body = await formBody(c)
  const groupId = String(body.groupId ?? '')
  const departmentId = String(body.departmentId ?? '')
  if (!isUuid(groupId) || !isUuid(departmentId))
    return outcomesPage(c, ctx, e, '団体と課の組み合わせを一覧から選んでください', 422)
  try {
    const r = await pairingFromEvent(ctx, e, groupId, departmentId)
    setFlash(
      c,
      r.created ? '調整ボードに候補として追加しました。' : 'この組み合わせはすでに調整ボードにあります。',
    )
  } catch (err) {
    if (err instanceof AppError && err.fields)
      return outcomesPage(c, ctx, e, Object.values(err.fields)[0], 422)
    throw err
  }
  return c.redirect(`/events/${e.id}/outcomes`, 303)
})

async function surveyPage(
  c: C,
  ctx: Ctx,
  e: EventRow,
  p: {
    registrationId: string
    token: string
    answered: boolean
    values: Record<string, unknown>
    errors?: FieldErrors
  },
  status?: 422,
) {
  const lk = await eventLookups(ctx)
  const part = await eventParticipants(ctx, e)
  return render(
    c,
    `アンケート：${e.title}`,
    <SurveyPage e={toView(e, lk)} {...part} csrf={c.get('csrfToken')} {...p} />,
    { status, section: 'events', crumbs: crumbs(e, 'アンケート') },
  )
}

programmeRoutes.get('/events/:id/survey', async (c) => {
  const { ctx, e } = await loadEvent(c)
  const rid = c.req.query('r') ?? ''
  const token = c.req.query('token') ?? ''
  const found = isUuid(rid) ? await surveyByToken(ctx, e.id, rid, token) : null
  if (!found) throw notFound('アンケート')
  const a = found.answer
  return surveyPage(c, ctx, e, {
    registrationId: rid,
    token,
    answered: !!a,
    values: a
      ? {
          satisfaction: String(a.satisfaction),
          metGroupIds: a.metGroupIds,
          metDepartmentIds: a.metDepartmentIds,
          comment: a.comment,
        }
      : {},
  })
})

programmeRoutes.post('/events/:id/survey', async (c) => {
  const { ctx, e } = await loadEvent(c)
  const body = await formBody(c)
  const rid = String(body.r ?? '')
  const token = String(body.token ?? '')
  const found = isUuid(rid) ? await surveyByToken(ctx, e.id, rid, token) : null
  if (!found) throw notFound('アンケート')
  const part = await eventParticipants(ctx, e)
  const r = validate(
    surveySchema(
      part.groups.map((g) => g.id),
      part.departments.map((d) => d.id),
    ),
    body,
  )
  if (!r.ok)
    return surveyPage(
      c,
      ctx,
      e,
      { registrationId: rid, token, answered: !!found.answer, values: body, errors: r.errors },
      422,
    )
  await saveAnswer(ctx, e, rid, r.data)
  setFlash(c, 'アンケートにご回答いただき、ありがとうございました。')
  return c.redirect(`/events/${e.id}`, 303)
})
