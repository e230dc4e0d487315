import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, renderTitled } from '../../core/http/render.tsx'
import { fiscalYearOf, formatDate } from '../../core/japanese/index.ts'
import { japaneseFont } from '../../core/pdf.ts'
import { can } from '../../core/policy.ts'
import { paging } from '../../core/ui/parts.tsx'
import { collectDateParts, type FieldErrors, v, validate } from '../../core/validation.ts'
import { groupNames, groupRolesOf } from '../groups/index.ts'
import { dateTime } from '../events/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import {
  applicationSchema,
  budgetValues,
  consultationSchema,
  DECISIONS,
  DEFAULT_COURSES,
  DEFAULT_ELIGIBLE,
  DEFAULT_INELIGIBLE,
  draftSchema,
  parseBudget,
  parseScores,
  programmeSchema,
  STAGE_CODES,
  scoringStageOf,
  THEME_STATUSES,
  themeSchema,
  yen,
} from './domain.ts'
import { applicationPdf, letterPdf, type PdfApp } from './pdf.ts'
import {
  type Application,
  addTheme,
  applicationsOf,
  applicationsOfGroups,
  closePanel,
  consultationsOf,
  courseOf,
  createProgramme,
  declareConflict,
  decide,
  departmentOptions,
  funnel,
  getApplication,
  getProgramme,
  getTheme,
  inviteReviewer,
  limitFor,
  listProgrammes,
  makeProject,
  myScores,
  type Programme,
  panelOf,
  publishPresentation,
  publishResults,
  recordConsultation,
  reviewerCandidates,
  saveApplication,
  saveScores,
  setEligibility,
  setSchedule,
  setSlot,
  setStage,
  themesOf,
  toScore,
  updateTheme,
  userNames,
  viewResource,
} from './service.ts'
import {
  ApplicationForm,
  ApplicationPage,
  ConsultationForm,
  FunnelPage,
  ManagePage,
  MyPage,
  PanelPage,
  ProgrammeForm,
  ProgrammeList,
  ProgrammePage,
  ReviewList,
  ScorePage,
  StaffThemesPage,
} from './views.tsx'

/** Every page carries its title as its one <h1> (the views start at <h2>). */
const titled = renderTitled

export const proposalsRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const PUBLIC = { label: '協働事業提案制度', href: '/proposals' }
const COORD = { label: '提案制度の運営', href: '/coordination/proposals' }
const MINE = { label: '提案制度（団体）', href: '/my/proposals' }
const REVIEW = { label: '審査', href: '/review' }
const coord = (ctx: Ctx) => can(ctx.actor, 'proposal.manage')

async function loadProgramme(c: C, id = c.req.param('id')) {
  const ctx = c.get('ctx')
  const p = isUuid(id) ? await getProgramme(ctx, id) : null
  if (!p) throw notFound('募集')
  return { ctx, p }
}

async function loadApp(c: C) {
  const ctx = c.get('ctx')
  const id = c.req.param('id')
  const a = isUuid(id) ? await getApplication(ctx, id) : null
  const p = a ? await getProgramme(ctx, a.programmeId) : null
  if (!a || !p) throw notFound('提案')
  return { ctx, a, p }
}

const groupOptions = async (ctx: Ctx) => {
  const ids = Object.keys(groupRolesOf(ctx.actor))
  const names = await groupNames(ctx, ids)
  return ids.map((id) => ({ value: id, label: names.get(id) ?? '' }))
}

async function departmentName(ctx: Ctx, id: string | null) {
  if (!id) return ''
  return (await departmentOptions(ctx)).find((d) => d.value === id)?.label ?? ''
}

// ------------------------------------------------------------------ public pages

proposalsRoutes.get('/proposals', async (c) => {
  const ctx = await authorize(c, 'proposal.list')
  const { page, perPage } = paging(c.req.query(), 20)
  const r = await listProgrammes(ctx, { publicOnly: true, page, perPage })
  return titled(c, '協働事業提案制度', <ProgrammeList {...r} page={page} perPage={perPage} />, {
    section: 'proposals',
    crumbs: [{ label: '協働事業提案制度' }],
  })
})

async function programmePage(c: C, ctx: Ctx, p: Programme) {
  const deps = await departmentOptions(ctx)
  const depName = new Map(deps.map((d) => [d.value, d.label]))
  const themes = (await themesOf(ctx, p.id, true)).map((t) => ({
    ...t,
    departmentName: depName.get(t.departmentId) ?? '',
  }))
  const apps =
    p.presentationPublished || p.resultsPublished
      ? await applicationsOf(ctx, p.id, { submittedOnly: true })
      : []
  const canApply = p.stage === 'open' && can(ctx.actor, 'proposal.mine')
  // only what the public may read of a proposal: title, group, order, amounts of adopted ones
  const shown = apps.map((a) => ({
    ...a,
    purpose: '',
    localIssue: '',
    content: '',
    plan: '',
    decisionReason: '',
    eligibilityNote: '',
  }))
  return titled(c, p.title, <ProgrammePage p={p} themes={themes} apps={shown} canApply={canApply} />, {
    section: 'proposals',
    crumbs: [PUBLIC, { label: p.title }],
  })
}

proposalsRoutes.get('/proposals/:id', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.read', p)
  return programmePage(c, ctx, p)
})

// ------------------------------------------------------------------ coordinator: programmes

proposalsRoutes.get('/coordination/proposals', async (c) => {
  const ctx = await authorize(c, 'proposal.manage')
  const { page, perPage } = paging(c.req.query(), 20)
  const r = await listProgrammes(ctx, { publicOnly: false, page, perPage })
  return titled(c, '提案制度の運営', <ProgrammeList {...r} page={page} perPage={perPage} coordinator />, {
    section: 'proposals-admin',
    crumbs: [{ label: '提案制度の運営' }],
  })
})

const programmeForm = (c: C, values: Record<string, unknown>, errors?: FieldErrors) =>
  titled(c, '募集をつくる', <ProgrammeForm csrf={c.get('csrfToken')} values={values} errors={errors} />, {
    status: errors ? 422 : undefined,
    section: 'proposals-admin',
    crumbs: [COORD, { label: '募集をつくる' }],
  })

proposalsRoutes.get('/coordination/proposals/new', async (c) => {
  await authorize(c, 'proposal.manage')
  return programmeForm(c, {
    type: 'shimin',
    fiscalYear: String(fiscalYearOf() + 1),
    courses: DEFAULT_COURSES.map((x) => x.code),
    budgetFrame: '10000000',
    upperLimit: '1000000',
    eligibleCategories: DEFAULT_ELIGIBLE.join('\n'),
    ineligibleCategories: DEFAULT_INELIGIBLE.join('\n'),
    fundedYears: '2',
    preConsultationRequired: 'on',
  })
})

proposalsRoutes.post('/coordination/proposals', async (c) => {
  const ctx = await authorize(c, 'proposal.manage')
  const body = await formBody(c)
  const r = validate(programmeSchema, body)
  if (!r.ok) return programmeForm(c, body, r.errors)
  const p = await createProgramme(ctx, r.data)
  setFlash(c, '募集をつくりました。日程を確かめ、公開するときは段階を「公募中」にしてください。')
  return c.redirect(`/coordination/proposals/${p.id}`, 303)
})

async function managePage(
  c: C,
  ctx: Ctx,
  p: Programme,
  errors?: FieldErrors,
  values?: Record<string, unknown>,
) {
  const deps = await departmentOptions(ctx)
  const depName = new Map(deps.map((d) => [d.value, d.label]))
  const [themes, apps, cands, cons] = await Promise.all([
    themesOf(ctx, p.id),
    applicationsOf(ctx, p.id, { submittedOnly: true }),
    reviewerCandidates(ctx),
    consultationsOf(ctx, p.id),
  ])
  const names = await userNames(ctx, p.reviewerIds)
  const gnames = await groupNames(ctx, [...new Set(cons.map((x) => x.groupId))])
  return titled(
    c,
    p.title,
    <ManagePage
      csrf={c.get('csrfToken')}
      p={p}
      themes={themes.map((t) => ({ ...t, departmentName: depName.get(t.departmentId) ?? '' }))}
      apps={apps}
      reviewers={p.reviewerIds.map((id) => ({ id, name: names.get(id) ?? '' }))}
      candidates={cands
        .filter((x) => !p.reviewerIds.includes(x.id))
        .map((x) => ({ value: x.id, label: `${x.familyName} ${x.givenName}（${x.email}）` }))}
      departments={deps}
      consultations={cons.map((x) => ({
        ...x,
        groupName: gnames.get(x.groupId) ?? '',
        departmentName: depName.get(x.departmentId) ?? '',
      }))}
      errors={errors}
      values={values}
    />,
    { status: errors ? 422 : undefined, section: 'proposals-admin', crumbs: [COORD, { label: p.title }] },
  )
}

proposalsRoutes.get('/coordination/proposals/:id', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.manage')
  return managePage(c, ctx, p)
})

proposalsRoutes.post('/coordination/proposals/:id/stage', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.manage')
  const r = validate(z.object({ stage: v.oneOf('段階', STAGE_CODES) }), await formBody(c))
  if (!r.ok) return managePage(c, ctx, p, r.errors)
  await setStage(ctx, p, r.data.stage)
  setFlash(c, '段階を変えました。')
  return c.redirect(`/coordination/proposals/${p.id}`, 303)
})

proposalsRoutes.post('/coordination/proposals/:id/schedule', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.manage')
  const body = await formBody(c)
  const names = p.schedule.map((_, i) => `on_${i}`)
  const r = validate(
    z.object(Object.fromEntries(p.schedule.map((s, i) => [`on_${i}`, v.ymd(s.label)]))),
    collectDateParts(body, names),
  )
  if (!r.ok) return managePage(c, ctx, p, r.errors, body)
  const data = r.data as Record<string, string>
  await setSchedule(
    ctx,
    p,
    p.schedule.map((s, i) => ({ ...s, on: data[`on_${i}`] })),
  )
  setFlash(c, '日程を保存しました。')
  return c.redirect(`/coordination/proposals/${p.id}`, 303)
})

proposalsRoutes.post('/coordination/proposals/:id/reviewers', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.manage')
  const body = await formBody(c)
  const r = validate(z.object({ userId: v.uuid('審査委員') }), body)
  if (!r.ok) return managePage(c, ctx, p, r.errors, body)
  try {
    await inviteReviewer(ctx, p, r.data.userId)
  } catch (e) {
    if (e instanceof AppError && e.fields) return managePage(c, ctx, p, e.fields, body)
    throw e
  }
  setFlash(c, '審査委員に加えました。')
  return c.redirect(`/coordination/proposals/${p.id}`, 303)
})

proposalsRoutes.post('/coordination/proposals/:id/presentation', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.manage')
  const body = await formBody(c)
  const r = validate(z.object({ place: v.text('会場', { max: 200 }) }), body)
  if (!r.ok) return managePage(c, ctx, p, r.errors, body)
  await publishPresentation(ctx, p, r.data.place)
  setFlash(c, '公開プレゼンテーションの順番を公開しました。')
  return c.redirect(`/coordination/proposals/${p.id}`, 303)
})

proposalsRoutes.post('/coordination/proposals/:id/results', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.manage')
  const body = await formBody(c)
  const r = validate(z.object({ reviewSummary: v.text('審査講評', { max: 4000 }) }), body)
  if (!r.ok) return managePage(c, ctx, p, r.errors, body)
  await publishResults(ctx, p, r.data.reviewSummary)
  setFlash(c, '採択結果と審査講評を公表しました。')
  return c.redirect(`/coordination/proposals/${p.id}`, 303)
})

// ------------------------------------------------------------------ themes (行政提案型)

async function staffThemes(
  c: C,
  ctx: Ctx,
  errors?: FieldErrors,
  values?: Record<string, unknown>,
  forId?: string,
) {
  const { items } = await listProgrammes(ctx, { publicOnly: false, page: 1, perPage: 50 })
  const deps = await departmentOptions(ctx)
  const mine = coord(ctx) ? deps : deps.filter((d) => departmentIdsOf(ctx.actor).includes(d.value))
  const depName = new Map(deps.map((d) => [d.value, d.label]))
  const programmes = []
  for (const p of items.filter((x) => x.type === 'gyosei' && x.stage === 'preparing'))
    programmes.push({
      ...p,
      themes: (await themesOf(ctx, p.id)).map((t) => ({
        ...t,
        departmentName: depName.get(t.departmentId) ?? '',
      })),
    })
  return titled(
    c,
    'テーマの提案（庁内募集）',
    <StaffThemesPage
      csrf={c.get('csrfToken')}
      programmes={programmes}
      departments={mine}
      values={values}
      errors={errors}
      for={forId}
    />,
    {
      status: errors ? 422 : undefined,
      section: 'proposal-themes',
      crumbs: [{ label: 'テーマの提案（庁内募集）' }],
    },
  )
}

proposalsRoutes.get('/my/proposal-themes', async (c) => {
  const ctx = await authorize(c, 'proposal.theme')
  return staffThemes(c, ctx)
})

proposalsRoutes.post('/proposals/:id/themes', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.theme')
  if (p.type !== 'gyosei') throw notFound('募集')
  const body = await formBody(c)
  const own = coord(ctx) ? null : departmentIdsOf(ctx.actor)
  const r = validate(
    themeSchema,
    body,
    (raw): FieldErrors =>
      own && raw.departmentId && !own.includes(String(raw.departmentId))
        ? { departmentId: '提案する課は、自分の所属する課から選んでください' }
        : {},
  )
  if (!r.ok)
    return coord(ctx) ? managePage(c, ctx, p, r.errors, body) : staffThemes(c, ctx, r.errors, body, p.id)
  await addTheme(ctx, p, { ...r.data, upperLimit: r.data.upperLimit ?? 0 })
  setFlash(c, 'テーマを提案しました。協働推進課がヒアリングします。')
  return c.redirect(coord(ctx) ? `/coordination/proposals/${p.id}` : '/my/proposal-themes', 303)
})

proposalsRoutes.post('/coordination/proposal-themes/:id', async (c) => {
  const ctx = c.get('ctx')
  const id = c.req.param('id')
  const t = isUuid(id) ? await getTheme(ctx, id) : null
  if (!t) throw notFound('テーマ')
  await authorize(c, 'proposal.manage')
  const p = (await getProgramme(ctx, t.programmeId))!
  const body = await formBody(c)
  const r = validate(
    z.object({
      status: v.oneOf(
        '状況',
        THEME_STATUSES.map((s) => s.code),
      ),
      upperLimit: v.int('上限額', { min: 0, max: 10_000_000_000 }),
      hearingNote: v.optionalText('ヒアリングの記録', { max: 2000 }),
      decisionNote: v.optionalText('庁議の決定', { max: 2000 }),
    }),
    body,
  )
  if (!r.ok) return managePage(c, ctx, p, r.errors)
  await updateTheme(ctx, t, { ...r.data, upperLimit: r.data.upperLimit ?? 0 })
  setFlash(c, 'テーマを更新しました。')
  return c.redirect(`/coordination/proposals/${p.id}`, 303)
})

// ------------------------------------------------------------------ groups: 意見交換会 and proposals

proposalsRoutes.get('/my/proposals', async (c) => {
  const ctx = await authorize(c, 'proposal.mine')
  const { page, perPage } = paging(c.req.query(), 20)
  const open = (await listProgrammes(ctx, { publicOnly: true, page: 1, perPage: 50 })).items.filter(
    (p) => p.stage === 'open',
  )
  const r = await applicationsOfGroups(ctx, Object.keys(groupRolesOf(ctx.actor)), page, perPage)
  return titled(
    c,
    '提案制度（団体）',
    <MyPage open={open} apps={r.items} total={r.total} page={page} perPage={perPage} />,
    {
      section: 'proposals-mine',
      crumbs: [{ label: '提案制度（団体）' }],
    },
  )
})

async function consultationPage(
  c: C,
  ctx: Ctx,
  p: Programme,
  values: Record<string, unknown>,
  errors?: FieldErrors,
) {
  const groups = await groupOptions(ctx)
  const deps = await departmentOptions(ctx)
  const depName = new Map(deps.map((d) => [d.value, d.label]))
  const gname = new Map(groups.map((g) => [g.value, g.label]))
  const done = (
    await consultationsOf(
      ctx,
      p.id,
      groups.map((g) => g.value),
    )
  ).map((x) => ({
    heldOn: x.heldOn,
    groupName: gname.get(x.groupId) ?? '',
    departmentName: depName.get(x.departmentId) ?? '',
  }))
  return titled(
    c,
    '意見交換会の記録',
    <ConsultationForm
      csrf={c.get('csrfToken')}
      programmeId={p.id}
      groups={groups}
      departments={deps}
      values={values}
      errors={errors}
      done={done}
    />,
    {
      status: errors ? 422 : undefined,
      section: 'proposals-mine',
      crumbs: [MINE, { label: p.title, href: `/proposals/${p.id}` }, { label: '意見交換会の記録' }],
    },
  )
}

proposalsRoutes.get('/proposals/:id/consultation', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.mine')
  await authorize(c, 'proposal.read', p)
  return consultationPage(c, ctx, p, {})
})

proposalsRoutes.post('/proposals/:id/consultation', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.mine')
  await authorize(c, 'proposal.read', p)
  const body = await formBody(c)
  const deps = await departmentOptions(ctx)
  const r = validate(
    consultationSchema,
    collectDateParts(body, ['heldOn']),
    (raw): FieldErrors =>
      raw.departmentId && !deps.some((d) => d.value === raw.departmentId)
        ? { departmentId: '意見交換した課を一覧から選んでください' }
        : {},
  )
  if (!r.ok) return consultationPage(c, ctx, p, body, r.errors)
  await authorize(c, 'proposal.apply', { groupId: r.data.groupId })
  await recordConsultation(ctx, p, { ...r.data, heldOn: r.data.heldOn! })
  setFlash(c, '意見交換会を記録しました。')
  return c.redirect(`/proposals/${p.id}/apply`, 303)
})

async function applicationForm(
  c: C,
  ctx: Ctx,
  p: Programme,
  values: Record<string, unknown>,
  errors: FieldErrors | undefined,
  action: string,
) {
  const groups = await groupOptions(ctx)
  const groupId = String(values.groupId ?? groups[0]?.value ?? '')
  const themes = (await themesOf(ctx, p.id, true)).map((t) => ({
    value: t.id,
    label: `${t.title}（上限 ${yen(t.upperLimit)}）`,
  }))
  const consulted = (await consultationsOf(ctx, p.id, groupId ? [groupId] : [])).length > 0
  const limit = await limitFor(ctx, p, String(values.courseCode ?? ''), (values.themeId as string) || null)
  return titled(
    c,
    `提案書：${p.title}`,
    <ApplicationForm
      csrf={c.get('csrfToken')}
      action={action}
      p={p}
      groups={groups}
      themes={themes}
      departments={await departmentOptions(ctx)}
      values={{ groupId, ...values }}
      errors={errors}
      consulted={consulted}
      limitText={limit ? `選んだコース・テーマで1年あたり ${yen(limit)}` : 'コースごとに上の表のとおり'}
    />,
    {
      status: errors ? 422 : undefined,
      section: 'proposals-mine',
      crumbs: [MINE, { label: p.title, href: `/proposals/${p.id}` }, { label: '提案書' }],
    },
  )
}

proposalsRoutes.get('/proposals/:id/apply', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.mine')
  await authorize(c, 'proposal.read', p)
  return applicationForm(c, ctx, p, {}, undefined, `/proposals/${p.id}/apply`)
})

/** Validates and saves (draft or submission) a new or a draft proposal; re-renders with every typed value on failure. */
async function submitApplication(c: C, ctx: Ctx, p: Programme, existing: Application | null, action: string) {
  const body = await formBody(c)
  const groupId = existing?.groupId ?? String(body.groupId ?? '')
  await authorize(c, 'proposal.apply', { groupId })
  const submit = body.action === 'submit'
  const deps = await departmentOptions(ctx)
  const r = validate(
    submit ? applicationSchema : draftSchema,
    body,
    (raw): FieldErrors =>
      raw.departmentId && !deps.some((d) => d.value === raw.departmentId)
        ? { departmentId: '協働する課を一覧から選んでください' }
        : {},
  )
  const budget = parseBudget(body)
  const errors = { ...(r.ok ? {} : r.errors), ...budget.errors }
  if (!r.ok || Object.keys(budget.errors).length) return applicationForm(c, ctx, p, body, errors, action)
  try {
    const row = await saveApplication(ctx, p, groupId, r.data, budget.lines, { submit, existing })
    setFlash(c, submit ? '提案書を提出しました。要件の確認ののち審査に進みます。' : '下書きを保存しました。')
    return c.redirect(`/proposal-applications/${row.id}`, 303)
  } catch (e) {
    if (e instanceof AppError && e.status === 422 && e.fields)
      return applicationForm(c, ctx, p, body, e.fields, action)
    throw e
  }
}

proposalsRoutes.post('/proposals/:id/apply', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.mine')
  await authorize(c, 'proposal.read', p)
  return submitApplication(c, ctx, p, null, `/proposals/${p.id}/apply`)
})

function appValues(a: Application): Record<string, unknown> {
  return { ...a, themeId: a.themeId ?? '', departmentId: a.departmentId ?? '', ...budgetValues(a.budget) }
}

async function applicationPage(
  c: C,
  ctx: Ctx,
  a: Application,
  p: Programme,
  errors?: FieldErrors,
  values?: Record<string, unknown>,
) {
  const res = await viewResource(ctx, a, p)
  const applicant = !!groupRolesOf(ctx.actor)[a.groupId]
  if (applicant && a.status === 'draft')
    return applicationForm(c, ctx, p, appValues(a), undefined, `/proposal-applications/${a.id}`)
  const names = await groupNames(ctx, [a.groupId])
  const theme = a.themeId ? await getTheme(ctx, a.themeId) : null
  return titled(
    c,
    a.title,
    <ApplicationPage
      csrf={c.get('csrfToken')}
      a={{ ...a, groupName: names.get(a.groupId) ?? '' }}
      p={p}
      courseLabel={courseOf(p, a.courseCode)?.label ?? '—'}
      themeTitle={theme?.title ?? ''}
      departmentName={await departmentName(ctx, a.departmentId)}
      applicant={applicant}
      coordinator={coord(ctx)}
      reviewer={can(ctx.actor, 'proposal.score', res)}
      pdf={!!japaneseFont()}
      departments={[]}
      errors={errors}
      values={values}
    />,
    {
      status: errors ? 422 : undefined,
      section: coord(ctx) ? 'proposals-admin' : applicant ? 'proposals-mine' : 'review',
      crumbs: [
        coord(ctx) ? { label: p.title, href: `/coordination/proposals/${p.id}` } : applicant ? MINE : REVIEW,
        { label: a.title },
      ],
    },
  )
}

proposalsRoutes.get('/proposal-applications/:id', async (c) => {
  const { ctx, a, p } = await loadApp(c)
  await authorize(c, 'proposal.view', await viewResource(ctx, a, p))
  // never cached: it may carry a draft or a decision
  c.header('Cache-Control', 'private, no-store')
  return applicationPage(c, ctx, a, p)
})

proposalsRoutes.post('/proposal-applications/:id', async (c) => {
  const { ctx, a, p } = await loadApp(c)
  await authorize(c, 'proposal.edit', a)
  return submitApplication(c, ctx, p, a, `/proposal-applications/${a.id}`)
})

async function pdfInput(ctx: Ctx, a: Application, p: Programme): Promise<PdfApp> {
  const names = await groupNames(ctx, [a.groupId])
  return {
    title: a.title,
    groupName: names.get(a.groupId) ?? '',
    programmeTitle: p.title,
    courseLabel: courseOf(p, a.courseCode)?.label ?? '—',
    departmentName: await departmentName(ctx, a.departmentId),
    sections: [
      ['事業の目的', a.purpose],
      ['地域の課題', a.localIssue],
      ['事業の内容', a.content],
      ['2年間の計画', a.plan],
      ['期待される成果', a.outcomes],
      ['成果の測り方', a.measures],
      ['実施体制', a.team],
      ['団体と市の役割分担', a.roles],
    ],
    budget: a.budget,
    status: a.status,
    decisionReason: a.decisionReason,
    office: ctx.municipality.officeName || '協働推進課',
    city: ctx.municipality.name,
  }
}

const noFont = () =>
  new AppError(
    503,
    'no_pdf_font',
    'このサーバーには PDF 用の日本語フォントがありません。提案のページをブラウザーで印刷（PDFに保存）してください。管理者は KYODO_PDF_FONT で日本語フォントを指定できます。',
  )
const pdfResponse = (c: C, pdf: Buffer, name: string) =>
  c.body(new Uint8Array(pdf), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'cache-control': 'private, no-store',
  })

proposalsRoutes.get('/proposal-applications/:id/pdf', async (c) => {
  const { ctx, a, p } = await loadApp(c)
  await authorize(c, 'proposal.letter', a)
  if (!japaneseFont()) throw noFont()
  return pdfResponse(c, await applicationPdf(await pdfInput(ctx, a, p)), `提案書_${a.title}.pdf`)
})

proposalsRoutes.get('/proposal-applications/:id/letter.pdf', async (c) => {
  const { ctx, a, p } = await loadApp(c)
  await authorize(c, 'proposal.letter', a)
  if (!a.decidedAt) throw notFound('結果通知書')
  if (!japaneseFont()) throw noFont()
  return pdfResponse(
    c,
    await letterPdf({ ...(await pdfInput(ctx, a, p)), decidedAt: a.decidedAt }),
    `結果通知書_${a.title}.pdf`,
  )
})

// ------------------------------------------------------------------ coordinator: a proposal

const coordAction = (
  path: string,
  run: (
    c: C,
    ctx: Ctx,
    a: Application,
    p: Programme,
    body: Record<string, unknown>,
  ) => Promise<Response | null>,
) =>
  proposalsRoutes.post(`/coordination/proposal-applications/:id/${path}`, async (c) => {
    const { ctx, a, p } = await loadApp(c)
    await authorize(c, 'proposal.manage')
    const body = await formBody(c)
    const res = await run(c, ctx, a, p, body)
    return res ?? c.redirect(`/proposal-applications/${a.id}`, 303)
  })

coordAction('eligibility', async (c, ctx, a, p, body) => {
  const r = validate(
    z.object({
      eligible: v.oneOf('要件', ['yes', 'no']),
      eligibilityNote: v.optionalText('確認のメモ', { max: 2000 }),
    }),
    body,
  )
  if (!r.ok) return applicationPage(c, ctx, a, p, r.errors, body)
  if (a.status === 'draft')
    return applicationPage(c, ctx, a, p, { eligible: '下書きの提案は確認できません' }, body)
  await setEligibility(ctx, a, r.data.eligible === 'yes', r.data.eligibilityNote)
  setFlash(c, '要件の確認を記録しました。')
  return null
})

coordAction('slot', async (c, ctx, a, p, body) => {
  const r = validate(
    z.object({
      order: v.int('順番', { min: 1, max: 200 }),
      at: dateTime('発表の日時'),
      minutes: v.int('持ち時間', { min: 1, max: 180 }),
    }),
    { ...body, at: { ...(collectDateParts(body, ['day']).day as object), time: body.time } },
  )
  if (!r.ok)
    return applicationPage(c, ctx, a, p, { ...r.errors, ...(r.errors.at ? { day: r.errors.at } : {}) }, body)
  await setSlot(ctx, a, { order: r.data.order ?? 1, at: r.data.at, minutes: r.data.minutes ?? 15 })
  setFlash(c, '発表の順番と時間を保存しました。')
  return null
})

coordAction('decision', async (c, ctx, a, p, body) => {
  const r = validate(
    z.object({ decision: v.oneOf('結果', DECISIONS), decisionReason: v.text('理由', { max: 2000 }) }),
    body,
  )
  if (!r.ok) return applicationPage(c, ctx, a, p, r.errors, body)
  if (a.status === 'draft' || a.status === 'submitted' || a.status === 'ineligible')
    return applicationPage(
      c,
      ctx,
      a,
      p,
      { decision: '結果は、要件を満たし審査に進んだ提案にだけ記録できます' },
      body,
    )
  await decide(ctx, a, r.data.decision, r.data.decisionReason)
  setFlash(c, '結果を記録しました。結果通知書（PDF）を団体にお送りください。')
  return null
})

coordAction('project', async (c, ctx, a, p) => {
  try {
    const pr = await makeProject(ctx, p, a)
    setFlash(c, '協働事業として登録しました。')
    return c.redirect(`/projects/${pr.id}`, 303)
  } catch (e) {
    if (e instanceof AppError && e.fields) return applicationPage(c, ctx, a, p, e.fields)
    if (e instanceof AppError && e.status === 409) return applicationPage(c, ctx, a, p, { _: e.message })
    throw e
  }
})

// ------------------------------------------------------------------ the panel

proposalsRoutes.get('/proposal-panels/:id', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.panel', p)
  c.header('Cache-Control', 'private, no-store')
  const r = await panelOf(ctx, p)
  return titled(
    c,
    `審査会：${p.title}`,
    <PanelPage
      csrf={c.get('csrfToken')}
      p={p}
      ranked={r.ranked}
      names={r.names}
      comments={r.comments}
      coordinator={coord(ctx)}
    />,
    {
      section: coord(ctx) ? 'proposals-admin' : 'review',
      crumbs: [
        coord(ctx) ? { label: p.title, href: `/coordination/proposals/${p.id}` } : REVIEW,
        { label: '審査会' },
      ],
    },
  )
})

proposalsRoutes.post('/proposal-panels/:id/close', async (c) => {
  const { ctx, p } = await loadProgramme(c)
  await authorize(c, 'proposal.manage')
  await closePanel(ctx, p)
  setFlash(c, '審査会を締め切りました。')
  return c.redirect(`/proposal-panels/${p.id}`, 303)
})

proposalsRoutes.get('/coordination/proposal-funnel', async (c) => {
  const ctx = await authorize(c, 'proposal.manage')
  const f = await funnel(ctx)
  return titled(c, '提案制度の件数の推移', <FunnelPage {...f} />, {
    section: 'proposals-admin',
    crumbs: [COORD, { label: '件数の推移' }],
  })
})

// ------------------------------------------------------------------ reviewers

proposalsRoutes.get('/review', async (c) => {
  const ctx = await authorize(c, 'proposal.review')
  const lists = await toScore(ctx)
  return titled(c, '審査', <ReviewList lists={lists} />, { section: 'review', crumbs: [{ label: '審査' }] })
})

const SCORABLE = ['eligible', 'adopted', 'conditional', 'rejected']

async function loadScorable(c: C) {
  const { ctx, a, p } = await loadApp(c)
  if (!SCORABLE.includes(a.status)) throw notFound('提案')
  return { ctx, a, p }
}

async function scorePage(
  c: C,
  ctx: Ctx,
  a: Application,
  p: Programme,
  values?: Record<string, unknown>,
  errors?: FieldErrors,
) {
  const stage = scoringStageOf(p.stage)
  let vals = values
  if (!vals) {
    vals = {}
    if (stage)
      for (const s of await myScores(ctx, a.id, ctx.actor!.userId, stage)) {
        vals[`score_${s.criterion}`] = String(s.score)
        vals[`comment_${s.criterion}`] = s.comment
      }
  }
  const names = await groupNames(ctx, [a.groupId])
  const theme = a.themeId ? await getTheme(ctx, a.themeId) : null
  c.header('Cache-Control', 'private, no-store')
  return titled(
    c,
    `採点：${a.title}`,
    <ScorePage
      csrf={c.get('csrfToken')}
      a={{ ...a, groupName: names.get(a.groupId) ?? '' }}
      p={p}
      stage={stage}
      values={vals}
      errors={errors}
      courseLabel={courseOf(p, a.courseCode)?.label ?? '—'}
      themeTitle={theme?.title ?? ''}
      departmentName={await departmentName(ctx, a.departmentId)}
    />,
    { status: errors ? 422 : undefined, section: 'review', crumbs: [REVIEW, { label: a.title }] },
  )
}

proposalsRoutes.get('/review/:id', async (c) => {
  const { ctx, a, p } = await loadScorable(c)
  await authorize(c, 'proposal.score', await viewResource(ctx, a, p))
  return scorePage(c, ctx, a, p)
})

proposalsRoutes.post('/review/:id', async (c) => {
  const { ctx, a, p } = await loadScorable(c)
  await authorize(c, 'proposal.score', await viewResource(ctx, a, p))
  const body = await formBody(c)
  const stage = scoringStageOf(p.stage)
  if (!stage) throw new AppError(409, 'not_scoring', 'いまは採点の期間ではありません。')
  const r = parseScores(body, p.criteria)
  if (Object.keys(r.errors).length) return scorePage(c, ctx, a, p, body, r.errors)
  await saveScores(ctx, a, stage, r.scores)
  setFlash(c, `「${a.title}」の採点を保存しました。`)
  return c.redirect('/review', 303)
})

proposalsRoutes.post('/review/:id/conflict', async (c) => {
  const { ctx, a, p } = await loadScorable(c)
  await authorize(c, 'proposal.conflict', p)
  const body = await formBody(c)
  const r = validate(z.object({ reason: v.text('利害関係の内容', { max: 1000 }) }), body)
  if (!r.ok) {
    if (!can(ctx.actor, 'proposal.score', await viewResource(ctx, a, p))) throw notFound('提案')
    return scorePage(c, ctx, a, p, undefined, r.errors)
  }
  await declareConflict(ctx, a, r.data.reason)
  setFlash(c, `利害関係を申し出ました。「${a.title}」は採点の一覧から外れます。`)
  return c.redirect('/review', 303)
})

export const formatDeadline = (d: Date | null) => (d ? formatDate(d) : '通年')
