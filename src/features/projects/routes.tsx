import { Hono } from 'hono'
import type { Context } from 'hono'
import type { z } from 'zod'
import { audit } from '../../core/audit/index.ts'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { declinedCases } from '../../core/feature.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { japaneseFont } from '../../core/pdf.ts'
import { DOCUMENT_RULE, deleteFile, getFile, putFile } from '../../core/storage.ts'
import { can } from '../../core/policy.ts'
import { ensureMemberships } from '../../core/roles.ts'
import { collectDateParts, type FieldErrors, parseJapaneseNumber, validate } from '../../core/validation.ts'
import { labelOf } from '../../core/vocabulary.ts'
import { barChartSvg } from '../../core/ui/chart.tsx'
import { publishedGroups } from '../groups/index.ts'
import { CHECKLISTS, formGuide } from '../guide/index.ts'
import { declinedPairings } from '../matching/index.ts'
import { meetingsOfSubject, newMeetingHref, SubjectMeetings } from '../meetings/index.ts'
import { lookups } from '../needs/index.ts'
import { agreementPdf, agreementTitle } from './agreement-pdf.ts'
import { projectsImportRoutes } from './import-routes.tsx'
import {
  agreementSchema,
  budgetSchema,
  budgetYearProblem,
  CASE_STATES,
  caseSchema,
  checklistSchema,
  commentSchema,
  evaluationSchema,
  followupSchema,
  goalsOf,
  partnerSchema,
  projectRecordSchema,
  recordProblems,
  reportProblems,
  reportSchema,
  roleSchema,
  STATES,
  statusSchema,
} from './domain.ts'
import { onCitySide, onGroupSide } from './policy.ts'
import {
  addEvaluation,
  addPartner,
  addReport,
  addRole,
  agreementSnapshot,
  type AgreementContent,
  continuationStats,
  createProjectRecord,
  type FullProject,
  getProject,
  listCases,
  listProjects,
  publishCase,
  recordAgreement,
  recordFollowup,
  removeBudget,
  removePartner,
  removeRole,
  saveBudget,
  saveChecklist,
  setStatus,
  updateProject,
} from './service.ts'
import {
  CasesPage,
  ContinuationPage,
  type FormState,
  ProjectDetail,
  ProjectForm,
  ProjectsList,
} from './views.tsx'

export const projectsRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const LIST = { label: '協働事業', href: '/projects' }
const MAX_REPORT_FILES = 3
const idOr404 = (c: C, name = 'id') => {
  const id = c.req.param(name)
  if (!isUuid(id)) throw notFound()
  return id
}

/** The project, or 404 when it does not exist or is internal and the actor is not on it. */
async function loadProject(c: C): Promise<{ ctx: Ctx; p: FullProject }> {
  const id = idOr404(c)
  const ctx = c.get('ctx')
  await ensureMemberships(ctx)
  const p = await getProject(ctx, id)
  if (!p || !can(ctx.actor, 'project.view', p)) throw notFound()
  return { ctx, p }
}

/** The guide's points for the form (or for the form it refers to when it has none of its own). */
function pointsOf(form: string) {
  let g = formGuide(form)
  const empty = (x: typeof g) =>
    !x || !(x.points.group?.length || x.points.city?.length || x.points.common?.length)
  if (empty(g) && g?.seeAlso?.length) g = formGuide(g.seeAlso[0])
  if (!g || empty(g)) return null
  return { group: g.points.group ?? [], city: g.points.city ?? [], common: g.points.common ?? [] }
}

async function detailPage(c: C, ctx: Ctx, p: FullProject, state: FormState = {}) {
  const a = ctx.actor
  const canMeet = can(a, 'meeting.create')
  const [lk, groups, meetings] = await Promise.all([
    lookups(ctx),
    can(a, 'project.edit', p) ? publishedGroups(ctx) : Promise.resolve([]),
    meetingsOfSubject(ctx, 'project', p.id),
  ])
  const perms = {
    inside: can(a, 'project.inside', p),
    edit: can(a, 'project.edit', p),
    agree: can(a, 'project.agree', p),
    report: can(a, 'project.report', p),
    evaluate: can(a, 'project.evaluate', p),
    comment: can(a, 'project.comment', p),
    publishCase: can(a, 'project.publishCase', p) && !p.internal && CASE_STATES.includes(p.status),
    pdfFont: !!japaneseFont(),
  }
  const body = (
    <ProjectDetail
      p={p}
      lk={lk}
      perms={perms}
      points={pointsOf(p.form)}
      checklists={CHECKLISTS.map((l) => ({ key: l.key, phase: l.phase, title: l.title, items: l.items }))}
      csrf={c.get('csrfToken')}
      state={state}
      groups={groups.map((g) => ({ id: g.id, name: g.name }))}
    />
  )
  const page =
    meetings.length || canMeet ? (
      <>
        {body}
        <SubjectMeetings list={meetings} newHref={canMeet ? newMeetingHref('project', p.id) : null} />
      </>
    ) : (
      body
    )
  return render(c, p.title, page, {
    crumbs: [LIST, { label: p.title }],
    section: 'projects',
    status: state.errors ? 422 : undefined,
  })
}

/** Validate a form, adding the extra checks; on failure re-render the detail page with the errors. */
async function formOr422<T extends z.ZodType>(
  c: C,
  ctx: Ctx,
  p: FullProject,
  form: string,
  schema: T,
  body: Record<string, unknown>,
  extra?: (d: z.output<T>) => FieldErrors,
): Promise<{ ok: true; data: z.output<T> } | { ok: false; res: Response }> {
  const r = validate(schema, body)
  const more = r.ok && extra ? extra(r.data) : {}
  if (r.ok && !Object.keys(more).length) return { ok: true, data: r.data }
  const errors = r.ok ? more : r.errors
  return { ok: false, res: await detailPage(c, ctx, p, { form, errors, values: body }) }
}

/** A service's 422 with field errors shown on the detail page's form. */
async function orFieldErrors(
  c: C,
  ctx: Ctx,
  p: FullProject,
  form: string,
  body: Record<string, unknown>,
  run: () => Promise<unknown>,
) {
  try {
    await run()
    return null
  } catch (e) {
    if (e instanceof AppError && e.status === 422 && e.fields)
      return detailPage(c, ctx, p, { form, errors: e.fields, values: body })
    throw e
  }
}

const back = (c: C, p: { id: string }, msg: string, hash = '') => {
  setFlash(c, msg)
  return c.redirect(`/projects/${p.id}${hash}`, 303)
}

// ------------------------------------------------------------------ list, new, continuation

projectsRoutes.get('/projects', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const [list, lk] = await Promise.all([listProjects(ctx), lookups(ctx)])
  const visible = list.filter((p) => can(ctx.actor, 'project.view', p))
  return render(
    c,
    '協働事業',
    <ProjectsList
      list={visible}
      lk={lk}
      canCreate={can(ctx.actor, 'project.create', undefined)}
      canStats={can(ctx.actor, 'project.stats', undefined)}
      canImport={can(ctx.actor, 'project.import', undefined)}
    />,
    { crumbs: [{ label: '協働事業' }], section: 'projects' },
  )
})

async function newForm(c: C, ctx: Ctx, values: Record<string, unknown>, errors?: FieldErrors) {
  const [lk, groups] = await Promise.all([lookups(ctx), publishedGroups(ctx)])
  return render(
    c,
    '協働事業を登録する',
    <ProjectForm
      action="/projects"
      csrf={c.get('csrfToken')}
      values={values}
      errors={errors}
      lk={lk}
      groups={groups.map((g) => ({ id: g.id, name: g.name }))}
      isNew
    />,
    { crumbs: [LIST, { label: '登録' }], section: 'projects', status: errors ? 422 : undefined },
  )
}

projectsRoutes.get('/projects/new', async (c) => {
  const ctx = await authorize(c, 'project.create')
  return newForm(c, ctx, { origin: 'existing' })
})

/** The record's form values → the use case's input (or the field errors). */
function recordFrom(body: Record<string, unknown>) {
  const r = validate(projectRecordSchema, collectDateParts(body, ['startOn', 'endOn']))
  if (!r.ok) return { ok: false as const, errors: { ...r.errors } }
  const goals = goalsOf(r.data)
  const more = recordProblems({ startOn: r.data.startOn, endOn: r.data.endOn, goals })
  if (Object.keys(more).length) return { ok: false as const, errors: more }
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
      goals: goals.filter((g) => g.name).map((g) => ({ name: g.name, unit: g.unit, target: g.target ?? 0 })),
      cityContact: d.cityContact,
      partnerContact: d.partnerContact,
      internal: d.internal,
    },
  }
}

projectsRoutes.post('/projects', async (c) => {
  const ctx = await authorize(c, 'project.create')
  const body = await formBody(c)
  const r = recordFrom(body)
  if (!r.ok) return newForm(c, ctx, body, r.errors)
  const groupId = typeof body.groupId === 'string' && isUuid(body.groupId) ? body.groupId : null
  try {
    const pr = await createProjectRecord(ctx, { ...r.data, groupIds: groupId ? [groupId] : [] })
    setFlash(c, '協働事業を登録しました。役割分担と事業費を加えてください。')
    return c.redirect(`/projects/${pr.id}`, 303)
  } catch (e) {
    if (e instanceof AppError && e.status === 422 && e.fields) return newForm(c, ctx, body, e.fields)
    throw e
  }
})

projectsRoutes.get('/projects/continuation', async (c) => {
  const ctx = await authorize(c, 'project.stats')
  const s = await continuationStats(ctx)
  const chart = (key: string, title: string, rows: ContinuationRows) => ({
    key,
    title,
    rows,
    svg: barChartSvg({
      key,
      title,
      unit: '継続率（%）',
      rows: rows.map((r) => ({ label: r.label, value: Math.round(r.rate * 100) })),
    }),
  })
  const charts = [
    chart('form', '協働の形態別の継続率（%）', s.byForm),
    chart('origin', '事業のきっかけ別の継続率（%）', s.byOrigin),
    chart('year', '終了年度別の継続率（%）', s.byYear),
  ]
  return render(c, '協働事業の継続状況', <ContinuationPage s={s} charts={charts} />, {
    crumbs: [LIST, { label: '継続状況' }],
  })
})
type ContinuationRows = { label: string; total: number; continued: number; rate: number }[]

// ------------------------------------------------------------------ one project

// before '/projects/:id', which would take 'import' for an id
projectsRoutes.route('/', projectsImportRoutes)

projectsRoutes.get('/projects/:id', async (c) => {
  const { ctx, p } = await loadProject(c)
  return detailPage(c, ctx, p)
})

async function editForm(
  c: C,
  ctx: Ctx,
  p: FullProject,
  values: Record<string, unknown>,
  errors?: FieldErrors,
) {
  const lk = await lookups(ctx)
  return render(
    c,
    `${p.title}の記録を直す`,
    <ProjectForm
      action={`/projects/${p.id}/edit`}
      csrf={c.get('csrfToken')}
      values={values}
      errors={errors}
      lk={lk}
      isNew={false}
    />,
    {
      crumbs: [LIST, { label: p.title, href: `/projects/${p.id}` }, { label: '記録を直す' }],
      section: 'projects',
      status: errors ? 422 : undefined,
    },
  )
}

projectsRoutes.get('/projects/:id/edit', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.edit', p)
  const values: Record<string, unknown> = { ...p, departmentIds: p.departmentIds }
  p.goals.forEach((g, i) => {
    values[`goal${i + 1}Name`] = g.name
    values[`goal${i + 1}Unit`] = g.unit
    values[`goal${i + 1}Target`] = g.target
  })
  return editForm(c, ctx, p, values)
})

projectsRoutes.post('/projects/:id/edit', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.edit', p)
  const body = await formBody(c)
  const r = recordFrom(body)
  if (!r.ok) return editForm(c, ctx, p, body, r.errors)
  try {
    await updateProject(ctx, p, r.data)
  } catch (e) {
    if (e instanceof AppError && e.status === 422 && e.fields) return editForm(c, ctx, p, body, e.fields)
    throw e
  }
  return back(c, p, '記録を保存しました。')
})

projectsRoutes.post('/projects/:id/partners', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.edit', p)
  const body = await formBody(c)
  const r = await formOr422(c, ctx, p, 'partner', partnerSchema, body)
  if (!r.ok) return r.res
  const bad = await orFieldErrors(c, ctx, p, 'partner', body, () => addPartner(ctx, p, r.data))
  return bad ?? back(c, p, '協働の相手を加えました。')
})

projectsRoutes.post('/projects/:id/partners/:pid/delete', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.edit', p)
  if (!(await removePartner(ctx, p, idOr404(c, 'pid')))) throw notFound()
  return back(c, p, '協働の相手を外しました。')
})

projectsRoutes.post('/projects/:id/budgets', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.edit', p)
  const body = await formBody(c)
  const r = await formOr422(c, ctx, p, 'budget', budgetSchema, body, (d): FieldErrors => {
    const bad = budgetYearProblem(d.fiscalYear, p)
    return bad ? { fiscalYear: bad } : {}
  })
  if (!r.ok) return r.res
  await saveBudget(ctx, p, r.data)
  return back(c, p, `${r.data.fiscalYear}年度の事業費を登録しました。`)
})

projectsRoutes.post('/projects/:id/budgets/:bid/delete', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.edit', p)
  if (!(await removeBudget(ctx, p, idOr404(c, 'bid')))) throw notFound()
  return back(c, p, '事業費を削除しました。')
})

projectsRoutes.post('/projects/:id/roles', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.edit', p)
  const body = await formBody(c)
  const r = await formOr422(c, ctx, p, 'role', roleSchema, body)
  if (!r.ok) return r.res
  const bad = await orFieldErrors(c, ctx, p, 'role', body, () => addRole(ctx, p, r.data))
  return bad ?? back(c, p, '役割を加えました。')
})

projectsRoutes.post('/projects/:id/roles/:rid/delete', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.edit', p)
  if (!(await removeRole(ctx, p, idOr404(c, 'rid')))) throw notFound()
  return back(c, p, '役割を削除しました。')
})

projectsRoutes.post('/projects/:id/status', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.edit', p)
  const body = await formBody(c)
  const r = await formOr422(c, ctx, p, 'status', statusSchema, body)
  if (!r.ok) return r.res
  const bad = await orFieldErrors(c, ctx, p, 'status', body, () => setStatus(ctx, p, r.data.status))
  return bad ?? back(c, p, `状態を「${labelOf(STATES, r.data.status)}」にしました。`)
})

projectsRoutes.post('/projects/:id/agreements', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.agree', p)
  const body = collectDateParts(await formBody(c), ['agreedOn'])
  const r = await formOr422(c, ctx, p, 'agreement', agreementSchema, body)
  if (!r.ok) return r.res
  const a = await recordAgreement(ctx, p, r.data.agreedOn!)
  return back(c, p, `協定書の第${a.version}版として、双方の合意（${r.data.agreedOn}）を記録しました。`)
})

projectsRoutes.get('/projects/:id/agreement.pdf', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.inside', p)
  if (!japaneseFont())
    throw new AppError(
      503,
      'no_pdf_font',
      'このサーバーには PDF 用の日本語フォントがありません。協働事業のページをブラウザーで印刷（PDFに保存）してください。管理者は KYODO_PDF_FONT で日本語フォントを指定できます。',
    )
  const want = Number(c.req.query('version') ?? '')
  const a = want ? p.agreements.find((x) => x.version === want) : p.agreements.at(-1)
  if (want && !a) throw notFound('協定書の版')
  const lk = await lookups(ctx)
  const content = (a?.snapshot as AgreementContent | undefined) ?? agreementSnapshot(p, lk.depName)
  const pdf = await agreementPdf({
    content,
    version: a?.version ?? null,
    agreedOn: a?.agreedOn ?? null,
    city: ctx.municipality.name,
    office: ctx.municipality.officeName,
  })
  await audit(ctx, {
    action: 'project.agreement.pdf',
    entityType: 'project',
    entityId: p.id,
    changes: { version: a?.version ?? 0 },
  })
  const name = `${agreementTitle(content.form)}_${p.title}${a ? `_第${a.version}版` : '_案'}.pdf`
  return c.body(new Uint8Array(pdf), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `inline; filename="agreement.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'cache-control': 'private, no-store',
  })
})

/** Which side the actor writes for: the group side when a member of a partner group, else the city. */
const sideOf = (ctx: Ctx, p: FullProject): 'group' | 'city' =>
  onGroupSide(ctx.actor, p) && !onCitySide(ctx.actor, p) ? 'group' : 'city'

projectsRoutes.post('/projects/:id/reports', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.report', p)
  const body = collectDateParts(await formBody(c), ['periodStart', 'periodEnd'])
  const numbers: { name: string; unit: string; value: number }[] = []
  const numErrors: FieldErrors = {}
  p.goals.forEach((g, i) => {
    const raw = body[`value${i}`]
    if (raw === undefined || raw === '') return
    const n = Number(parseJapaneseNumber(raw))
    if (!Number.isFinite(n) || n < 0)
      numErrors[`value${i}`] = `${g.name}の実績は0以上の数字で入力してください`
    else numbers.push({ name: g.name, unit: g.unit, value: n })
  })
  const r = await formOr422(c, ctx, p, 'report', reportSchema, body, (d) => ({
    ...reportProblems(d, p),
    ...numErrors,
  }))
  if (!r.ok) return r.res
  const uploads = (Array.isArray(body.files) ? body.files : [body.files]).filter(
    (f): f is File => f instanceof File && f.size > 0,
  )
  if (uploads.length > MAX_REPORT_FILES)
    return detailPage(c, ctx, p, {
      form: 'report',
      errors: { files: `写真・資料は${MAX_REPORT_FILES}つまでにしてください` },
      values: body,
    })
  const files: { key: string; fileName: string; mimeType: string; size: number }[] = []
  try {
    for (const f of uploads)
      files.push(await putFile(ctx.config, ctx.tenantId, f, DOCUMENT_RULE, '写真・資料'))
  } catch (e) {
    await Promise.all(files.map((f) => deleteFile(ctx.config, f.key)))
    if (e instanceof AppError && e.status === 422 && e.fields)
      return detailPage(c, ctx, p, {
        form: 'report',
        errors: { files: Object.values(e.fields)[0] },
        values: body,
      })
    throw e
  }
  await addReport(ctx, p, {
    side: sideOf(ctx, p),
    periodStart: r.data.periodStart!,
    periodEnd: r.data.periodEnd!,
    activities: r.data.activities,
    numbers,
    files,
  })
  return back(c, p, '進み具合を報告しました。', '#timeline-running')
})

projectsRoutes.post('/projects/:id/evaluations', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.evaluate', p)
  const body = await formBody(c)
  const r = await formOr422(c, ctx, p, 'evaluation', evaluationSchema, body)
  if (!r.ok) return r.res
  await addEvaluation(ctx, p, { ...r.data, fiscalYear: r.data.fiscalYear ?? null, side: sideOf(ctx, p) })
  return back(c, p, '評価を記入しました。', '#evaluation-title')
})

projectsRoutes.post('/projects/:id/comments', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.comment', p)
  const body = await formBody(c)
  const r = await formOr422(c, ctx, p, 'comment', commentSchema, body)
  if (!r.ok) return r.res
  await addEvaluation(ctx, p, { ...r.data, fiscalYear: r.data.fiscalYear ?? null, side: 'coordinator' })
  return back(c, p, 'コメントを書きました。', '#evaluation-title')
})

projectsRoutes.post('/projects/:id/followups/:fid', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.report', p)
  const fid = idOr404(c, 'fid')
  const body = await formBody(c)
  const r = await formOr422(c, ctx, p, 'followup', followupSchema, body)
  if (!r.ok) return r.res
  const f = await recordFollowup(ctx, p, fid, r.data)
  if (!f) throw notFound('フォローアップ')
  return back(c, p, `終了${f.months}か月後の状況を記録しました。`, '#followups')
})

projectsRoutes.post('/projects/:id/checklists/:stage', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.evaluate', p)
  const list = CHECKLISTS.find((l) => l.key === c.req.param('stage'))
  if (!list) throw notFound('チェックリスト')
  const body = await formBody(c)
  const r = await formOr422(c, ctx, p, `checklist-${list.key}`, checklistSchema(list.items), body)
  if (!r.ok) return r.res
  const answers = list.items.map((_, i) => String((r.data as Record<string, string>)[`item${i}`]))
  await saveChecklist(ctx, p, { side: sideOf(ctx, p), stage: list.key, answers })
  return back(c, p, `「${list.title}」のチェックリストに答えました。`, '#checklists-title')
})

// ------------------------------------------------------------------ case library

projectsRoutes.get('/cases', async (c) => {
  const ctx = await authorize(c, 'site.view')
  await ensureMemberships(ctx)
  const query = {
    q: c.req.query('q')?.slice(0, 100),
    field: c.req.query('field') || undefined,
    form: c.req.query('form') || undefined,
    departmentId: isUuid(c.req.query('departmentId')) ? c.req.query('departmentId') : undefined,
  }
  const staff = can(ctx.actor, 'case.declined', undefined)
  const [list, lk, declined, others] = await Promise.all([
    listCases(ctx, query),
    lookups(ctx),
    staff ? declinedPairings(ctx) : Promise.resolve(null),
    // the other rooms' attempts that did not come about (not adopted proposals), through the manifest
    staff ? declinedCases(ctx) : Promise.resolve(null),
  ])
  return render(
    c,
    '協働の事例集',
    <CasesPage list={list} lk={lk} query={query} declined={declined} declinedOthers={others} />,
    {
      crumbs: [{ label: '協働の事例集' }],
      section: 'projects',
    },
  )
})

projectsRoutes.post('/projects/:id/case', async (c) => {
  const { ctx, p } = await loadProject(c)
  await authorize(c, 'project.publishCase', p)
  const lk = await lookups(ctx)
  const body = await formBody(c)
  const r = await formOr422(c, ctx, p, 'case', caseSchema(lk.fields.map((f) => f.code)), body)
  if (!r.ok) return r.res
  const bad = await orFieldErrors(c, ctx, p, 'case', body, () => publishCase(ctx, p, r.data))
  return bad ?? back(c, p, '事例集に載せました。', '#case-title')
})

/** A report's photo or document: shown where the project is (404 for an internal project's outsiders). */
projectsRoutes.get('/projects/:id/reports/:rid/files/:n', async (c) => {
  const { ctx, p } = await loadProject(c)
  const rid = idOr404(c, 'rid')
  const rep = p.reports.find((r) => r.id === rid)
  const f = rep?.files[Number(c.req.param('n'))]
  if (!f?.key.startsWith(`${ctx.tenantId}/`)) throw notFound('ファイル')
  const bytes = await getFile(ctx.config, f.key)
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': f.mimeType,
    'content-disposition': `inline; filename="file"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
    'cache-control': p.internal ? 'private, no-store' : 'private, max-age=300',
    'x-content-type-options': 'nosniff',
  })
})
