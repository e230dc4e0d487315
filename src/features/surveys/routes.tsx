import type { Context } from 'hono'
import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, renderTitled } from '../../core/http/render.tsx'
import { fiscalYearLabel, fiscalYearOf, parseYear, parseYmd } from '../../core/japanese/index.ts'
import { japaneseFont } from '../../core/pdf.ts'
import { can } from '../../core/policy.ts'
import type { FieldErrors } from '../../core/validation.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { compareReports } from './compare.ts'
import { responseRates } from './domain.ts'
import { figureCsv, reportCsv, reportXlsx } from './exports.ts'
import { readAnswers } from './form.ts'
import { reportPdf } from './pdf.ts'
import { figuresOf } from './report.ts'
import { type Question, type Questionnaire, questionsByKey } from './questionnaire.ts'
import {
  closeSurvey,
  createSurvey,
  defaultTitle,
  getResponse,
  listSurveys,
  openFor,
  openSurvey,
  publishReport,
  remind,
  reportOf,
  requireSurvey,
  responsesOf,
  type Survey,
  type SurveyResponse,
  saveOpinions,
  saveQuestionnaire,
  saveResponse,
  saveSummaries,
} from './service.ts'
import {
  AnswerForm,
  ComparePage,
  ManagePage,
  MyList,
  NewSurveyForm,
  PublicList,
  QuestionnairePage,
  ReportPage,
  SurveyList,
} from './views.tsx'

/** Every page carries its title as its one <h1> (the views start at <h2>). */
const titled = renderTitled

type C = Context<AppEnv>
export const surveysRoutes = new Hono<AppEnv>()
const COORD = { label: '実態把握調査', href: '/coordination/surveys' }
const MINE = { label: '実態把握調査（回答）', href: '/my/surveys' }

const str = (x: unknown) =>
  typeof x === 'string' ? x.trim() : Array.isArray(x) ? String(x[0] ?? '').trim() : ''
const list = (x: unknown) => (Array.isArray(x) ? x.map(String) : typeof x === 'string' && x ? [x] : [])

/** A date as people type it in one field: 2026-08-20, 2026/8/20, 令和8年8月20日 → YYYY-MM-DD. */
export function parseDateText(raw: string): string | null | 'bad' {
  const s = raw.normalize('NFKC').trim()
  if (!s) return null
  const m = s.match(/^(.+?)[年/.-](\d{1,2})[月/.-](\d{1,2})日?$/)
  return m ? (parseYmd(m[1], m[2], m[3]) ?? 'bad') : 'bad'
}

async function loadSurvey(c: C) {
  const ctx = c.get('ctx')
  const id = c.req.param('id') ?? ''
  if (!isUuid(id)) throw notFound('調査')
  return { ctx, s: await requireSurvey(ctx, id) }
}

// ------------------------------------------------------------------ coordinator

surveysRoutes.get('/coordination/surveys', async (c) => {
  const ctx = await authorize(c, 'survey.manage')
  const surveys = await listSurveys(ctx)
  const rates = new Map<string, { total: number; submitted: number; percent: number }>()
  for (const s of surveys) rates.set(s.id, responseRates(await responsesOf(ctx, s.id)).all)
  return titled(c, '協働事業等に関する実態把握調査', <SurveyList surveys={surveys} rates={rates} />, {
    section: 'surveys',
    crumbs: [{ label: '実態把握調査' }],
  })
})

async function newForm(c: C, ctx: Ctx, values: Record<string, unknown>, errors?: FieldErrors) {
  const earlier = await listSurveys(ctx)
  const templates = [
    { value: 'musashino', label: '標準の調査票（武蔵野市の実態把握調査にならったもの）' },
    ...earlier.map((s) => ({ value: s.id, label: `「${s.title}」の調査票をもとにする` })),
  ]
  return titled(
    c,
    '新しい調査をつくる',
    <NewSurveyForm csrf={c.get('csrfToken')} values={values} errors={errors} templates={templates} />,
    {
      status: errors ? 422 : undefined,
      section: 'surveys',
      crumbs: [COORD, { label: '新しい調査をつくる' }],
    },
  )
}

surveysRoutes.get('/coordination/surveys/new', async (c) => {
  const ctx = await authorize(c, 'survey.manage')
  return newForm(c, ctx, { fiscalYear: String(fiscalYearOf() - 1), template: 'musashino' })
})

surveysRoutes.post('/coordination/surveys', async (c) => {
  const ctx = await authorize(c, 'survey.manage')
  const body = await formBody(c)
  const errors: FieldErrors = {}
  const year = parseYear(str(body.fiscalYear))
  if (year === null) errors.fiscalYear = '調査の対象年度を入力してください。'
  else if (year === 'bad' || year < 1990 || year > fiscalYearOf() + 1)
    errors.fiscalYear = '調査の対象年度は西暦（例：2025）か和暦（例：令和7年度）で入力してください。'
  const due = parseDateText(str(body.dueOn))
  if (due === 'bad') errors.dueOn = '回答の期限は日付で入力してください（例：2026-08-20、令和8年8月20日）。'
  const template = str(body.template) || 'musashino'
  if (Object.keys(errors).length) return newForm(c, ctx, body, errors)
  const fy = year as number
  try {
    const s = await createSurvey(ctx, {
      fiscalYear: fy,
      title: str(body.title) || defaultTitle(fy),
      dueOn: due as string | null,
      template,
    })
    setFlash(c, '調査をつくりました。調査票を確かめて、回答の受付を始めてください。')
    return c.redirect(`/coordination/surveys/${s.id}`, 303)
  } catch (e) {
    if (e instanceof AppError && e.fields) return newForm(c, ctx, body, e.fields)
    throw e
  }
})

async function managePage(c: C, ctx: Ctx, s: Survey, errors?: FieldErrors, values?: Record<string, unknown>) {
  const responses = await responsesOf(ctx, s.id)
  return titled(
    c,
    s.title,
    <ManagePage
      csrf={c.get('csrfToken')}
      s={s}
      responses={responses}
      rates={responseRates(responses)}
      errors={errors}
      values={values}
    />,
    { status: errors ? 422 : undefined, section: 'surveys', crumbs: [COORD, { label: s.title }] },
  )
}

surveysRoutes.get('/coordination/surveys/:id', async (c) => {
  const { ctx, s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  return managePage(c, ctx, s)
})

surveysRoutes.post('/coordination/surveys/:id/open', async (c) => {
  const { ctx, s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  const body = await formBody(c)
  const due = parseDateText(str(body.dueOn))
  if (due === 'bad')
    return managePage(
      c,
      ctx,
      s,
      { dueOn: '回答の期限は日付で入力してください（例：2026-08-20、令和8年8月20日）。' },
      body,
    )
  const n = await openSurvey(ctx, s, due)
  setFlash(c, `回答の受付を始めました。${n}課に回答票をつくり、各課の職員に知らせました。`)
  return c.redirect(`/coordination/surveys/${s.id}`, 303)
})

surveysRoutes.post('/coordination/surveys/:id/remind', async (c) => {
  const { ctx, s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  const n = await remind(ctx, s)
  setFlash(c, n ? `未提出の${n}課の職員に督促を送りました。` : '未提出の課はありません。')
  return c.redirect(`/coordination/surveys/${s.id}`, 303)
})

surveysRoutes.post('/coordination/surveys/:id/close', async (c) => {
  const { ctx, s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  await closeSurvey(ctx, s)
  setFlash(c, '調査を締め切りました。これ以降の回答は受け付けません。報告書を確かめて公開してください。')
  return c.redirect(`/coordination/surveys/${s.id}`, 303)
})

surveysRoutes.post('/coordination/surveys/:id/publish', async (c) => {
  const { ctx, s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  const publish = str((await formBody(c)).publish) === 'on'
  await publishReport(ctx, s, publish)
  setFlash(c, publish ? '報告書を公開しました。' : '報告書の公開をやめました。')
  return c.redirect(`/coordination/surveys/${s.id}`, 303)
})

// ------------------------------------------------------------------ questionnaire builder

const builderPage = (
  c: C,
  s: Survey,
  o: { errors?: FieldErrors; values?: Record<string, unknown>; editing?: string } = {},
) =>
  titled(c, `調査票：${s.title}`, <QuestionnairePage csrf={c.get('csrfToken')} s={s} {...o} />, {
    status: o.errors ? 422 : undefined,
    section: 'surveys',
    crumbs: [COORD, { label: s.title, href: `/coordination/surveys/${s.id}` }, { label: '調査票' }],
  })

surveysRoutes.get('/coordination/surveys/:id/questionnaire', async (c) => {
  const { s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  return builderPage(c, s)
})

const codeOf = (label: string, i: number) => {
  const ascii = label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
  return ascii && ascii.length <= 24 ? ascii : `c${i + 1}`
}

/** The question editor's fields → a question, or the errors naming the fields. */
export function questionFromForm(
  body: Record<string, unknown>,
  key: string,
): { q?: Question; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const label = str(body.label)
  if (!label) errors.label = '設問の文言を入力してください。'
  const kind = str(body.kind) as Question['kind']
  if (!['single', 'multiple', 'text', 'number', 'shares'].includes(kind))
    errors.kind = '回答の形を選んでください。'
  const lines = str(body.choices)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  const choices = lines.map((l, i) => {
    const m = l.match(/^([a-z0-9_]+)\s*[=＝]\s*(.+)$/i)
    return m ? { code: m[1], label: m[2].trim() } : { code: codeOf(l, i), label: l }
  })
  if (new Set(choices.map((x) => x.code)).size !== choices.length)
    errors.choices = '選択肢の記号が重なっています。'
  const other = str(body.other) === 'on'
  if (['single', 'multiple', 'shares'].includes(kind) && choices.length + (other ? 1 : 0) < 2)
    errors.choices = '選択肢を2つ以上入力してください（1行にひとつ）。'
  const attributes = list(body.attributes)
    .map(Number)
    .filter((a) => a >= 1 && a <= 4)
  const cq = str(body.conditionQuestion)
  const ce = str(body.conditionEquals)
    .split(/[,、，\s]+/)
    .filter(Boolean)
  if (cq && !ce.length) errors.conditionEquals = '条件にする設問の選択肢の記号を入力してください。'
  const fnRaw = str(body.figureNumber).normalize('NFKC')
  const fn = fnRaw ? Number(fnRaw) : null
  if (fnRaw && !(Number.isInteger(fn) && (fn as number) > 0 && (fn as number) < 1000))
    errors.figureNumber = '図表番号は1〜999の数字で入力してください。'
  if (fn && !str(body.figureTitle)) errors.figureTitle = '図表の題を入力してください。'
  if (Object.keys(errors).length) return { errors }
  const q: Question = {
    key,
    label,
    kind,
    ...(choices.length && kind !== 'text' && kind !== 'number' ? { choices } : {}),
    ...(other ? { other: true } : {}),
    ...(str(body.required) === 'on' ? { required: true } : {}),
    ...(str(body.help) ? { help: str(body.help) } : {}),
    ...(attributes.length || cq
      ? {
          condition: {
            ...(attributes.length ? { attributes } : {}),
            ...(cq ? { question: cq, equals: ce } : {}),
          },
        }
      : {}),
    ...(fn ? { figure: { number: fn, title: str(body.figureTitle) } } : {}),
  }
  return { q, errors }
}

async function editQuestionnaire(
  c: C,
  s: Survey,
  edit: (qn: Questionnaire) => void,
  editing: string,
  values: Record<string, unknown>,
  done: string,
) {
  const ctx = c.get('ctx')
  const qn = structuredClone(s.questionnaire)
  edit(qn)
  try {
    await saveQuestionnaire(ctx, s, qn)
  } catch (e) {
    if (e instanceof AppError && e.fields) return builderPage(c, s, { errors: e.fields, values, editing })
    throw e
  }
  setFlash(c, done)
  return c.redirect(`/coordination/surveys/${s.id}/questionnaire`, 303)
}

surveysRoutes.post('/coordination/surveys/:id/questionnaire/question', async (c) => {
  const { s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  const body = await formBody(c)
  const sectionKey = str(body.section)
  const existing = str(body.key)
  const section = s.questionnaire.sections.find((x) => x.key === sectionKey)
  if (!section) throw notFound('調査票の区分')
  const all = questionsByKey(s.questionnaire)
  const key = existing || `q${Date.now().toString(36)}`
  if (existing && !all.has(existing)) throw notFound('設問')
  const { q, errors } = questionFromForm(body, key)
  const editing = existing || `new:${sectionKey}`
  if (!q) return builderPage(c, s, { errors, values: body, editing })
  const old = existing ? all.get(existing)?.q : undefined
  // what the builder does not edit (prefill, cross-tabulation, opinions, exclusive choice) is kept
  if (old) Object.assign(q, { prefill: old.prefill, exclusive: old.exclusive, max: old.max })
  if (old?.figure && q.figure) q.figure = { ...old.figure, number: q.figure.number, title: q.figure.title }
  return editQuestionnaire(
    c,
    s,
    (qn) => {
      const sec = qn.sections.find((x) => x.key === sectionKey)!
      const i = sec.questions.findIndex((x) => x.key === key)
      if (i >= 0) sec.questions[i] = JSON.parse(JSON.stringify(q))
      else sec.questions.push(JSON.parse(JSON.stringify(q)))
    },
    editing,
    body,
    existing ? '設問を保存しました。' : '設問を追加しました。',
  )
})

surveysRoutes.post('/coordination/surveys/:id/questionnaire/move', async (c) => {
  const { s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  const body = await formBody(c)
  const key = str(body.key)
  const dir = str(body.dir) === 'up' ? -1 : 1
  return editQuestionnaire(
    c,
    s,
    (qn) => {
      for (const sec of qn.sections) {
        const i = sec.questions.findIndex((x) => x.key === key)
        const j = i + dir
        if (i >= 0 && j >= 0 && j < sec.questions.length)
          [sec.questions[i], sec.questions[j]] = [sec.questions[j], sec.questions[i]]
      }
    },
    key,
    {},
    '設問の順番を変えました。',
  )
})

surveysRoutes.post('/coordination/surveys/:id/questionnaire/remove', async (c) => {
  const { s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  const key = str((await formBody(c)).key)
  if (!questionsByKey(s.questionnaire).has(key)) throw notFound('設問')
  return editQuestionnaire(
    c,
    s,
    (qn) => {
      for (const sec of qn.sections) sec.questions = sec.questions.filter((x) => x.key !== key)
    },
    key,
    {},
    '設問を削除しました。',
  )
})

surveysRoutes.post('/coordination/surveys/:id/questionnaire/section', async (c) => {
  const { s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  const body = await formBody(c)
  const title = str(body.title)
  if (!title)
    return builderPage(c, s, {
      errors: { title: '区分の名前を入力してください。' },
      values: body,
      editing: 'section',
    })
  const attributes = list(body.attributes)
    .map(Number)
    .filter((a) => a >= 1 && a <= 4)
  return editQuestionnaire(
    c,
    s,
    (qn) => {
      qn.sections.push({
        key: `s${Date.now().toString(36)}`,
        title,
        ...(list(body.repeat).includes('project') ? { repeat: 'project' as const } : {}),
        ...(attributes.length ? { condition: { attributes } } : {}),
        questions: [],
      })
    },
    'section',
    body,
    '区分を追加しました。設問を追加してください。',
  )
})

// ------------------------------------------------------------------ departments answer

surveysRoutes.get('/my/surveys', async (c) => {
  const ctx = await authorize(c, 'survey.mine')
  const mine = departmentIdsOf(ctx.actor)
  const rows = await openFor(ctx, mine)
  return titled(c, '実態把握調査（回答）', <MyList rows={rows} />, {
    section: 'surveys-mine',
    crumbs: [{ label: '実態把握調査（回答）' }],
  })
})

/** The link in the notices: the actor's department's answer to this survey (or the list when several). */
surveysRoutes.get('/my/surveys/:id', async (c) => {
  const { ctx, s } = await loadSurvey(c)
  await authorize(c, 'survey.mine')
  const mine = (await openFor(ctx, departmentIdsOf(ctx.actor))).filter((x) => x.s.id === s.id)
  const own = mine.length
    ? mine
    : (await responsesOf(ctx, s.id))
        .filter((r) => departmentIdsOf(ctx.actor).includes(r.departmentId))
        .map((r) => ({ s, r }))
  if (own.length === 1) return c.redirect(`/survey-responses/${own[0].r.id}`, 303)
  if (!own.length && can(ctx.actor, 'survey.manage')) return c.redirect(`/coordination/surveys/${s.id}`, 303)
  if (!own.length) throw notFound('回答')
  return c.redirect('/my/surveys', 303)
})

async function loadResponse(c: C) {
  const ctx = c.get('ctx')
  const id = c.req.param('id') ?? ''
  const r = isUuid(id) ? await getResponse(ctx, id) : null
  if (!r) throw notFound('回答')
  const s = await requireSurvey(ctx, r.surveyId)
  return { ctx, r, s }
}

function answerPage(
  c: C,
  ctx: Ctx,
  s: Survey,
  r: SurveyResponse,
  o: { answers?: SurveyResponse['answers']; errors?: FieldErrors; message?: string; status?: 409 | 422 } = {},
) {
  const readOnly = s.status !== 'open' || !can(ctx.actor, 'survey.answer', r)
  const coordinator = can(ctx.actor, 'survey.manage')
  return titled(
    c,
    `${s.title}：${r.departmentName}`,
    <AnswerForm
      csrf={c.get('csrfToken')}
      s={s}
      r={r}
      answers={o.answers ?? r.answers}
      errors={o.errors}
      message={o.message}
      readOnly={readOnly}
    />,
    {
      status: o.status,
      section: coordinator ? 'surveys' : 'surveys-mine',
      crumbs: coordinator
        ? [COORD, { label: s.title, href: `/coordination/surveys/${s.id}` }, { label: r.departmentName }]
        : [MINE, { label: r.departmentName }],
    },
  )
}

surveysRoutes.get('/survey-responses/:id', async (c) => {
  const { ctx, r, s } = await loadResponse(c)
  await authorize(c, 'survey.response.read', r)
  return answerPage(c, ctx, s, r)
})

surveysRoutes.post('/survey-responses/:id', async (c) => {
  const { ctx, r, s } = await loadResponse(c)
  await authorize(c, 'survey.answer', r)
  const body = await formBody(c)
  const op = str(body.op) || 'draft'
  const answers = readAnswers(s.questionnaire, r.attribute, body, r.answers)
  if (op === 'add') answers.projects.push({ id: `n-${Date.now().toString(36)}`, projectId: null, values: {} })
  if (op.startsWith('remove:')) answers.projects = answers.projects.filter((x) => x.id !== op.slice(7))
  const version = Number(str(body.version))
  try {
    const status = await saveResponse(ctx, s, r, answers, version, op === 'submit')
    if (op === 'submit')
      setFlash(c, '回答を提出しました。期限までは直して提出し直せます。ご協力ありがとうございました。')
    else if (op === 'add')
      setFlash(c, '協働事業を追加しました（下書きを保存しました）。名称と形態などを入力してください。')
    else if (op.startsWith('remove:')) setFlash(c, '事業を回答から外しました（下書きを保存しました）。')
    else
      setFlash(
        c,
        status === 'submitted' ? '変更を保存しました（提出済みのままです）。' : '下書きを保存しました。',
      )
    return c.redirect(
      `/survey-responses/${r.id}${op === 'add' ? `#f-p-${answers.projects.at(-1)?.id}-title` : ''}`,
      303,
    )
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    return answerPage(c, ctx, s, r, {
      answers,
      errors: e.fields,
      message: e.fields ? undefined : e.message,
      status: e.status === 409 ? 409 : 422,
    })
  }
})

// ------------------------------------------------------------------ the report

surveysRoutes.get('/surveys', async (c) => {
  const ctx = await authorize(c, 'survey.list')
  const surveys = await listSurveys(ctx, { publishedOnly: true })
  return titled(c, '協働事業等に関する実態把握調査の報告書', <PublicList surveys={surveys} />, {
    crumbs: [{ label: '実態把握調査の報告書' }],
  })
})

/** The survey whose report the actor may read (404 otherwise, so unpublished ones are not revealed). */
export async function loadReport(c: C) {
  const { ctx, s } = await loadSurvey(c)
  if (s.status === 'draft' || !can(ctx.actor, 'survey.report', s)) throw notFound('報告書')
  const report = await reportOf(ctx, s)
  const coordinator = can(ctx.actor, 'survey.manage')
  if (!coordinator) for (const sec of report.sections) for (const f of sec.figures) f.candidates = []
  return { ctx, s, report, coordinator }
}

async function reportPage(c: C, draft?: { section: string; text: string; message: string }) {
  const { s, report, coordinator } = await loadReport(c)
  const downloads = [
    { href: `/surveys/${s.id}/report.pdf`, label: '報告書（PDF）' },
    { href: `/surveys/${s.id}/report.xlsx`, label: 'すべての表（Excel）' },
    { href: `/surveys/${s.id}/report.csv`, label: 'すべての表（CSV）' },
  ]
  return titled(
    c,
    s.title,
    <ReportPage
      csrf={c.get('csrfToken')}
      s={s}
      report={report}
      coordinator={coordinator}
      downloads={downloads}
      draft={draft}
    />,
    {
      status: draft ? 422 : undefined,
      section: coordinator ? 'surveys' : undefined,
      crumbs: coordinator
        ? [COORD, { label: s.title, href: `/coordination/surveys/${s.id}` }, { label: '報告書' }]
        : [{ label: '実態把握調査の報告書', href: '/surveys' }, { label: s.title }],
    },
  )
}

surveysRoutes.get('/surveys/:id/report', async (c) => {
  await authorize(c, 'survey.list')
  return reportPage(c)
})

surveysRoutes.post('/coordination/surveys/:id/summary', async (c) => {
  const { ctx, s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  const body = await formBody(c)
  const key = str(body.section)
  if (!s.questionnaire.sections.some((x) => x.key === key)) throw notFound('報告書の区分')
  const text = str(body.summary)
  if (text.length > 4000)
    return reportPage(c, {
      section: key,
      text,
      message: `まとめは4000文字以内で入力してください（いま${text.length}文字です）。`,
    })
  await saveSummaries(ctx, s, { ...s.summaries, [key]: text })
  setFlash(c, 'まとめを保存しました。')
  return c.redirect(`/surveys/${s.id}/report#r-${key}`, 303)
})

surveysRoutes.post('/coordination/surveys/:id/opinions', async (c) => {
  const { ctx, s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  const body = await formBody(c)
  const figure = str(body.figure)
  // only a figure of this survey's report that has free-text answers to pick from
  const target = figuresOf(await reportOf(ctx, s)).find((f) => f.key === figure)
  if (!target || !(target.candidates.length || target.opinions.length)) throw notFound('図表')
  const count = Math.min(500, Number(str(body.count)) || 0)
  const picked = new Set(list(body.pick))
  const opinions = []
  for (let i = 0; i < count; i++) {
    if (!picked.has(String(i))) continue
    const text = str(body[`text.${i}`])
    if (text) opinions.push({ group: str(body[`group.${i}`]).slice(0, 100), text: text.slice(0, 2000) })
  }
  await saveOpinions(ctx, s, figure, opinions)
  setFlash(c, `主な意見を${opinions.length}件載せました。`)
  return c.redirect(`/surveys/${s.id}/report`, 303)
})

// ------------------------------------------------------------------ downloads and comparison

const download = (c: C, body: Buffer, type: string, name: string) =>
  c.body(new Uint8Array(body), 200, {
    'content-type': type,
    'content-disposition': `attachment; filename="survey"; filename*=UTF-8''${encodeURIComponent(name)}`,
  })

surveysRoutes.get('/surveys/:id/report.csv', async (c) => {
  await authorize(c, 'survey.list')
  const { s, report } = await loadReport(c)
  return download(c, reportCsv(report), 'text/csv; charset=utf-8', `${s.title}.csv`)
})

surveysRoutes.get('/surveys/:id/report.xlsx', async (c) => {
  await authorize(c, 'survey.list')
  const { s, report } = await loadReport(c)
  const xlsx = await reportXlsx(report, s.title)
  return download(
    c,
    xlsx,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    `${s.title}.xlsx`,
  )
})

surveysRoutes.get('/surveys/:id/report.pdf', async (c) => {
  await authorize(c, 'survey.list')
  const { ctx, s, report } = await loadReport(c)
  if (!japaneseFont())
    throw new AppError(
      503,
      'no_font',
      'このサーバーには日本語のフォントがないため PDF をつくれません。報告書のページをブラウザーの「印刷」から PDF に保存してください。',
    )
  const pdf = await reportPdf(report, {
    title: s.title,
    city: ctx.municipality?.name ?? '',
    fiscalYearLabel: fiscalYearLabel(s.fiscalYear),
    notes: s.notes,
  })
  return download(c, pdf, 'application/pdf', `${s.title}.pdf`)
})

surveysRoutes.get('/surveys/:id/figures/:key{.+\\.csv}', async (c) => {
  await authorize(c, 'survey.list')
  const { report } = await loadReport(c)
  const key = decodeURIComponent(c.req.param('key').replace(/\.csv$/, ''))
  const f = figuresOf(report).find((x) => x.key === key)
  if (!f) throw notFound('図表')
  return download(c, figureCsv(f), 'text/csv; charset=utf-8', `図表${f.number}.csv`)
})

surveysRoutes.get('/coordination/surveys/:id/compare', async (c) => {
  const { ctx, s } = await loadSurvey(c)
  await authorize(c, 'survey.manage')
  const others = (await listSurveys(ctx)).filter((x) => x.id !== s.id && x.status !== 'draft')
  const wanted = c.req.query('with')
  const other = others.find((x) => x.id === wanted) ?? others[0] ?? null
  const comparison = other ? compareReports(await reportOf(ctx, other), await reportOf(ctx, s)) : null
  return titled(
    c,
    `${s.title}：ほかの年度との比較`,
    <ComparePage
      s={s}
      other={other}
      options={others.map((x) => ({ value: x.id, label: x.title }))}
      comparison={comparison}
    />,
    {
      section: 'surveys',
      crumbs: [COORD, { label: s.title, href: `/coordination/surveys/${s.id}` }, { label: '比較' }],
    },
  )
})
