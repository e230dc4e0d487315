import type { Context } from 'hono'
import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { confirmFirst } from '../../core/http/confirm.tsx'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { can } from '../../core/policy.ts'
import { ensureMemberships } from '../../core/roles.ts'
import { paging } from '../../core/ui/parts.tsx'
import { collectDateParts, type FieldErrors, v, validate } from '../../core/validation.ts'
import { fieldsOf, labelOf } from '../../core/vocabulary.ts'
import { departmentIdsOf, org } from '../organisation/index.ts'
import { meetingsOfSubject, newMeetingHref, SubjectMeetings } from '../meetings/index.ts'
import { z } from 'zod'
import {
  askSchema,
  destinationErrors,
  isOverdue,
  noteSchema,
  replySchema,
  STATUS_CODES,
  sendSchema,
  statusSchema,
  templateSchema,
} from './domain.ts'
import {
  type Assigned,
  addNote,
  assignConsultation,
  consultationByToken,
  consultationCounts,
  createConsultation,
  createTemplate,
  deleteTemplate,
  departmentNames,
  erasePersonalData,
  getConsultation,
  getTemplate,
  listConsultations,
  listTemplates,
  makeNeed,
  makePairing,
  pairingCandidates,
  replyTo,
  senderKindLabel,
  setStatus,
  statusPath,
  suggestionsFor,
  threadOf,
  updateTemplate,
} from './service.ts'
import { AskPage, DetailPage, InboxPage, NextPage, StatsPage, StatusPage, TemplatesPage } from './views.tsx'

export const consultationsRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const ASK = { label: '相談する', href: '/consultations' }
const INBOX = { label: '相談の受付', href: '/coordination/consultations' }

// ------------------------------------------------------------------ asking (anyone, no account)

const askPage = (c: C, values: Record<string, unknown>, errors?: FieldErrors, status?: 422) =>
  render(
    c,
    '相談する',
    <AskPage m={c.get('ctx').municipality} csrf={c.get('csrfToken')} values={values} errors={errors} />,
    {
      status,
      section: 'consultations',
      crumbs: [{ label: '相談する' }],
      // suggestions while typing; without JavaScript the 「次へ」 step shows them
      head: <script src="/static/consult-suggest.js" defer />,
    },
  )

consultationsRoutes.get('/consultations', async (c) => {
  await authorize(c, 'consultation.ask')
  return askPage(c, { senderKind: 'resident' })
})

async function nextPage(c: C, ctx: Ctx, values: Record<string, unknown>, errors?: FieldErrors) {
  const s = await suggestionsFor(ctx, String(values.text ?? ''))
  return render(
    c,
    '送り先を選ぶ',
    <NextPage csrf={c.get('csrfToken')} values={values} errors={errors} s={s} />,
    {
      status: errors ? 422 : undefined,
      section: 'consultations',
      crumbs: [ASK, { label: '送り先を選ぶ' }],
    },
  )
}

/** Step 2 without JavaScript: the departments most likely in charge, with reasons, and where to send it. */
consultationsRoutes.post('/consultations/next', async (c) => {
  const ctx = await authorize(c, 'consultation.ask')
  const body = await formBody(c)
  const r = validate(askSchema, body)
  if (!r.ok) return askPage(c, body, r.errors, 422)
  return nextPage(c, ctx, { ...body, ...r.data })
})

consultationsRoutes.post('/consultations', async (c) => {
  const ctx = await authorize(c, 'consultation.ask')
  const body = await formBody(c)
  if (body.back) return askPage(c, body)
  const r = validate(sendSchema, body, (raw) =>
    destinationErrors({
      destination: String(raw.destination ?? 'office'),
      departmentId: String(raw.departmentId ?? ''),
    }),
  )
  if (!r.ok) {
    // the person's own fields are wrong: back to step 1; only the destination: stay on step 2
    const own = Object.keys(r.errors).some((k) => k !== 'destination' && k !== 'departmentId')
    return own ? askPage(c, body, r.errors, 422) : nextPage(c, ctx, body, r.errors)
  }
  try {
    const { c: row, token } = await createConsultation(ctx, r.data)
    setFlash(
      c,
      `ご相談を受け付けました。受付番号は ${row.receiptNo} です。このページのURL（メールにも記載）から、いつでも状況を確認できます。`,
    )
    return c.redirect(statusPath(row.id, token), 303)
  } catch (e) {
    if (e instanceof AppError && e.status === 422 && e.fields) return nextPage(c, ctx, body, e.fields)
    throw e
  }
})

/** The sender's status page: the token of the receipt mail's link, or 404. */
consultationsRoutes.get('/consultations/status/:id', async (c) => {
  const ctx = await authorize(c, 'consultation.ask')
  const id = c.req.param('id')
  const found = isUuid(id) ? await consultationByToken(ctx, id, c.req.query('token') ?? '') : null
  if (!found) throw notFound('ご相談')
  // personal and reached by a secret link: kept by no cache
  c.header('Cache-Control', 'private, no-store')
  const names = await departmentNames(ctx)
  const replies = await threadOf(ctx, found.id, { notes: false })
  return render(
    c,
    `ご相談の状況（${found.receiptNo}）`,
    <StatusPage
      c={{ ...found, erased: !!found.erasedAt }}
      departments={[
        ...(found.destination !== 'department' ? [ctx.municipality.officeName || '協働の窓口'] : []),
        ...found.departmentIds.map((d) => names.get(d) ?? ''),
      ]}
      replies={replies}
    />,
    { section: 'consultations', crumbs: [ASK, { label: 'ご相談の状況' }] },
  )
})

// ------------------------------------------------------------------ lists

function filterOf(q: Record<string, string>) {
  return {
    status: STATUS_CODES.includes(q.status as never) ? q.status : '',
    departmentId: isUuid(q.department) ? q.department : '',
    overdue: q.overdue === '1' || q.overdue === 'on',
    q: (q.q ?? '').slice(0, 100),
  }
}

consultationsRoutes.get('/coordination/consultations', async (c) => {
  const ctx = await authorize(c, 'consultation.triage')
  const q = c.req.query()
  const f = filterOf(q)
  const { page, perPage } = paging(q, 20)
  const r = await listConsultations(ctx, { ...f, departmentId: f.departmentId || undefined, page, perPage })
  const deps = (await org.activeDepartments(ctx)).filter((d) => d.kind !== 'bu')
  return render(
    c,
    '相談の受付',
    <InboxPage
      title="相談の受付"
      action="/coordination/consultations"
      items={r.items}
      total={r.total}
      page={page}
      perPage={perPage}
      f={f}
      departments={deps.map((d) => ({ value: d.id, label: d.name }))}
      coordinator
    />,
    { section: 'consultations-inbox', crumbs: [{ label: '相談の受付' }] },
  )
})

/** A department's consultations: those assigned to the actor's departments. */
consultationsRoutes.get('/my/consultations', async (c) => {
  const ctx = await authorize(c, 'consultation.department')
  const q = c.req.query()
  const f = filterOf(q)
  const { page, perPage } = paging(q, 20)
  const mine = departmentIdsOf(ctx.actor)
  const r = await listConsultations(ctx, {
    ...f,
    departmentId: f.departmentId && mine.includes(f.departmentId) ? f.departmentId : undefined,
    onlyDepartments: mine,
    page,
    perPage,
  })
  const names = await departmentNames(ctx)
  return render(
    c,
    '担当課への相談',
    <InboxPage
      title="担当課への相談"
      action="/my/consultations"
      items={r.items}
      total={r.total}
      page={page}
      perPage={perPage}
      f={f}
      departments={mine.length > 1 ? mine.map((d) => ({ value: d, label: names.get(d) ?? '' })) : undefined}
      coordinator={false}
    />,
    { section: 'consultations-mine', crumbs: [{ label: '担当課への相談' }] },
  )
})

consultationsRoutes.get('/coordination/consultations/stats', async (c) => {
  const ctx = await authorize(c, 'consultation.triage')
  const s = await consultationCounts(ctx)
  return render(c, '相談の集計', <StatsPage {...s} />, {
    section: 'consultations-inbox',
    crumbs: [INBOX, { label: '相談の集計' }],
  })
})

// ------------------------------------------------------------------ reply templates

const templatesPage = async (c: C, ctx: Ctx, values: Record<string, unknown> = {}, errors?: FieldErrors) =>
  render(
    c,
    '回答テンプレート',
    <TemplatesPage
      csrf={c.get('csrfToken')}
      items={await listTemplates(ctx)}
      values={values}
      errors={errors}
    />,
    {
      status: errors ? 422 : undefined,
      section: 'consultations-inbox',
      crumbs: [INBOX, { label: '回答テンプレート' }],
    },
  )

consultationsRoutes.get('/coordination/consultation-templates', async (c) => {
  const ctx = await authorize(c, 'consultation.triage')
  return templatesPage(c, ctx)
})

consultationsRoutes.post('/coordination/consultation-templates', async (c) => {
  const ctx = await authorize(c, 'consultation.triage')
  const body = await formBody(c)
  const r = validate(templateSchema, body)
  if (!r.ok) return templatesPage(c, ctx, body, r.errors)
  await createTemplate(ctx, r.data)
  setFlash(c, '回答テンプレートを追加しました。')
  return c.redirect('/coordination/consultation-templates', 303)
})

async function loadTemplate(c: C) {
  const ctx = await authorize(c, 'consultation.triage')
  const id = c.req.param('id')
  const t = isUuid(id) ? await getTemplate(ctx, id) : null
  if (!t) throw notFound('回答テンプレート')
  return { ctx, t }
}

consultationsRoutes.post('/coordination/consultation-templates/:id/edit', async (c) => {
  const { ctx, t } = await loadTemplate(c)
  const body = await formBody(c)
  const r = validate(templateSchema, body)
  if (!r.ok) return templatesPage(c, ctx, {}, r.errors)
  await updateTemplate(ctx, t, r.data)
  setFlash(c, '回答テンプレートを保存しました。')
  return c.redirect('/coordination/consultation-templates', 303)
})

consultationsRoutes.post('/coordination/consultation-templates/:id/delete', async (c) => {
  const { ctx, t } = await loadTemplate(c)
  const body = await formBody(c)
  const ask = await confirmFirst(c, body, {
    title: '回答テンプレートの削除の確認',
    message: `回答テンプレート「${t.title}」を削除します。よろしいですか。`,
    detail: 'これまでに送った回答は消えません。',
    submit: '削除する',
    danger: true,
    back: '/coordination/consultation-templates',
    crumbs: [
      INBOX,
      { label: '回答テンプレート', href: '/coordination/consultation-templates' },
      { label: '削除の確認' },
    ],
  })
  if (ask) return ask
  await deleteTemplate(ctx, t)
  setFlash(c, '回答テンプレートを削除しました。')
  return c.redirect('/coordination/consultation-templates', 303)
})

// ------------------------------------------------------------------ one consultation (city side)

async function loadC(c: C): Promise<{ ctx: Ctx; k: Assigned }> {
  const id = c.req.param('id')
  if (!isUuid(id)) throw notFound('相談')
  const ctx0 = c.get('ctx')
  const k = await getConsultation(ctx0, id)
  if (!k) {
    // those who may see no consultation at all are refused as for an existing one; the rest get 404
    const a = await ensureMemberships(ctx0)
    await authorize(c, 'consultation.view', { departmentIds: departmentIdsOf(a) })
    throw notFound('相談')
  }
  const ctx = await authorize(c, 'consultation.view', k)
  return { ctx, k }
}

async function detailPage(
  c: C,
  ctx: Ctx,
  k: Assigned,
  form: { values?: Record<string, unknown>; errors?: FieldErrors; replyDraft?: string } = {},
) {
  const names = await departmentNames(ctx)
  const coordinator = can(ctx.actor, 'consultation.triage')
  const thread = await threadOf(ctx, k.id, { notes: true })
  const fields = fieldsOf(ctx.municipality.settings)
  const deps = coordinator ? (await org.activeDepartments(ctx)).filter((d) => d.kind !== 'bu') : []
  const templates = await listTemplates(ctx)
  return render(
    c,
    `相談 ${k.receiptNo}`,
    <DetailPage
      c={{ ...k, overdue: isOverdue(k) }}
      senderKindLabel={senderKindLabel(k.senderKind)}
      candidates={coordinator && k.departmentIds.length ? await pairingCandidates(ctx, k) : []}
      meetings={
        <SubjectMeetings
          list={await meetingsOfSubject(ctx, 'consultation', k.id)}
          newHref={can(ctx.actor, 'meeting.create') ? newMeetingHref('consultation', k.id) : null}
        />
      }
      fieldLabel={k.field ? labelOf(fields, k.field) : ''}
      suggestions={k.suggestions}
      assigned={k.departmentIds.map((d) => ({ id: d, name: names.get(d) ?? '' }))}
      requestedDepartment={k.requestedDepartmentId ? (names.get(k.requestedDepartmentId) ?? '') : ''}
      replies={thread.filter((m) => m.kind === 'reply')}
      notes={thread.filter((m) => m.kind === 'note')}
      coordinator={coordinator}
      departments={[
        // the departments the routing suggested first, then the rest in the city's order
        ...k.suggestions.flatMap((x) =>
          deps.some((d) => d.id === x.departmentId)
            ? [{ value: x.departmentId, label: `${x.name}（候補）` }]
            : [],
        ),
        ...deps
          .filter((d) => !k.suggestions.some((x) => x.departmentId === d.id))
          .map((d) => ({ value: d.id, label: d.name })),
      ]}
      fields={fields.map((f) => ({ value: f.code, label: f.label }))}
      templates={templates.map((t) => ({ value: t.id, label: t.title }))}
      replyDraft={form.replyDraft ?? ''}
      csrf={c.get('csrfToken')}
      values={form.values}
      errors={form.errors}
    />,
    {
      status: form.errors ? 422 : undefined,
      section: coordinator ? 'consultations-inbox' : 'consultations-mine',
      crumbs: [
        coordinator ? INBOX : { label: '担当課への相談', href: '/my/consultations' },
        { label: k.receiptNo },
      ],
    },
  )
}

consultationsRoutes.get('/consultations/:id', async (c) => {
  const { ctx, k } = await loadC(c)
  const tid = c.req.query('template')
  const t = tid && isUuid(tid) ? await getTemplate(ctx, tid) : null
  return detailPage(c, ctx, k, { replyDraft: t?.body })
})

const assignSchema = z.object({
  departmentIds: z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
    z.array(v.uuid('担当課')),
  ),
  dueOn: v.ymd('回答期限', false),
  field: v.optionalText('分野', { max: 50 }),
})

consultationsRoutes.post('/consultations/:id/assign', async (c) => {
  const { ctx, k } = await loadC(c)
  await authorize(c, 'consultation.triage')
  const body = await formBody(c)
  const r = validate(assignSchema, collectDateParts(body, ['dueOn']))
  if (!r.ok) return detailPage(c, ctx, k, { values: body, errors: r.errors })
  try {
    await assignConsultation(ctx, k, r.data)
  } catch (e) {
    if (e instanceof AppError && e.status === 422 && e.fields)
      return detailPage(c, ctx, k, { values: body, errors: e.fields })
    throw e
  }
  setFlash(c, '担当課の割り当てを保存しました。')
  return c.redirect(`/consultations/${k.id}`, 303)
})

consultationsRoutes.post('/consultations/:id/reply', async (c) => {
  const { ctx, k } = await loadC(c)
  await authorize(c, 'consultation.answer', k)
  const body = await formBody(c)
  const r = validate(replySchema, body)
  if (!r.ok)
    return detailPage(c, ctx, k, { values: { replyBody: body.body }, errors: { replyBody: r.errors.body } })
  const { mailed } = await replyTo(ctx, k, r.data.body)
  setFlash(
    c,
    mailed
      ? '回答を送りました（相談者にメールで届きます）。'
      : '回答を状況ページに載せました（連絡先がないためメールは送っていません）。',
  )
  return c.redirect(`/consultations/${k.id}`, 303)
})

consultationsRoutes.post('/consultations/:id/note', async (c) => {
  const { ctx, k } = await loadC(c)
  await authorize(c, 'consultation.answer', k)
  const body = await formBody(c)
  const r = validate(noteSchema, body)
  if (!r.ok)
    return detailPage(c, ctx, k, { values: { noteBody: body.body }, errors: { noteBody: r.errors.body } })
  await addNote(ctx, k, r.data.body)
  setFlash(c, '内部メモを残しました。')
  return c.redirect(`/consultations/${k.id}`, 303)
})

consultationsRoutes.post('/consultations/:id/status', async (c) => {
  const { ctx, k } = await loadC(c)
  await authorize(c, 'consultation.answer', k)
  const body = await formBody(c)
  const r = validate(statusSchema, body)
  if (!r.ok) return detailPage(c, ctx, k, { errors: r.errors })
  await setStatus(ctx, k, r.data.status)
  setFlash(c, '状態を変更しました。')
  return c.redirect(`/consultations/${k.id}`, 303)
})

consultationsRoutes.post('/consultations/:id/need', async (c) => {
  const { ctx, k } = await loadC(c)
  await authorize(c, 'consultation.triage')
  try {
    const n = await makeNeed(ctx, k)
    setFlash(c, '協働ニーズの下書きを作りました。担当課で内容を整えてから公開してください。')
    return c.redirect(`/needs/${n.id}/edit`, 303)
  } catch (e) {
    if (e instanceof AppError && e.status === 409) {
      setFlash(c, e.message)
      return c.redirect(`/consultations/${k.id}`, 303)
    }
    throw e
  }
})

consultationsRoutes.post('/consultations/:id/pairing', async (c) => {
  const { ctx, k } = await loadC(c)
  await authorize(c, 'consultation.triage')
  const body = await formBody(c)
  const groupId = typeof body.groupId === 'string' ? body.groupId : ''
  const departmentId = typeof body.departmentId === 'string' ? body.departmentId : ''
  const errors: FieldErrors = {}
  if (!isUuid(groupId)) errors.groupId = '団体を選んでください'
  if (!isUuid(departmentId)) errors.departmentId = '課を選んでください'
  if (Object.keys(errors).length) return detailPage(c, ctx, k, { values: body, errors })
  try {
    const r = await makePairing(ctx, k, { groupId, departmentId })
    setFlash(
      c,
      r.created
        ? '調整ボードに候補として載せました。'
        : 'この団体と課の組み合わせはすでに調整ボードにあります。',
    )
    return c.redirect(`/coordination/pairings/${r.pairing.id}`, 303)
  } catch (e) {
    if (e instanceof AppError && e.fields) return detailPage(c, ctx, k, { values: body, errors: e.fields })
    throw e
  }
})

consultationsRoutes.post('/consultations/:id/erase', async (c) => {
  const { ctx, k } = await loadC(c)
  await authorize(c, 'consultation.triage')
  const body = await formBody(c)
  const ask = await confirmFirst(c, body, {
    title: '個人情報の消去の確認',
    message: `相談 ${k.receiptNo} の相談者のお名前・メールアドレス・電話番号・団体名を消去します。よろしいですか。`,
    detail:
      '消去すると元に戻せません。相談の内容と回答の記録は残ります。以後、回答はメールで届かなくなります。',
    submit: '消去する',
    danger: true,
    back: `/consultations/${k.id}`,
    crumbs: [INBOX, { label: k.receiptNo, href: `/consultations/${k.id}` }, { label: '消去の確認' }],
  })
  if (ask) return ask
  await erasePersonalData(ctx, k)
  setFlash(c, '相談者の個人情報を消去しました。')
  return c.redirect(`/consultations/${k.id}`, 303)
})
