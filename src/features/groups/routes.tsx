import { type Context, Hono } from 'hono'
import { GroupProjects, projectsForGroup } from '../projects/index.ts'
import { groupRolesOf } from './membership.ts'
import { audit } from '../../core/audit/index.ts'
import type { AppEnv } from '../../core/context.ts'
import { csvResponse } from '../../core/csv.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { confirmFirst } from '../../core/http/confirm.tsx'
import { authorize, requireActor } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { waitForJob } from '../../core/import/index.ts'
import { fiscalYearOf, formatDateTime, ymdInTokyo } from '../../core/japanese/index.ts'
import { can } from '../../core/policy.ts'
import { getFile, sniffType } from '../../core/storage.ts'
import { Checkbox, ErrorSummary, Form, Select, Submit, TextArea, TextField } from '../../core/ui/form.tsx'
import { Notice, OpenDataColumns } from '../../core/ui/parts.tsx'
import type { Values } from '../../core/ui/form.tsx'
import { type FieldErrors, validate } from '../../core/validation.ts'
import { fieldsOf } from '../../core/vocabulary.ts'
import {
  checklistOf,
  conditionsOf,
  DOCUMENT_KINDS,
  REVIEW_TRANSITIONS,
  STATUS_LABELS,
  viewLevelOf,
} from './domain.ts'
import { conditionsSchema, documentSchema, groupSchema, inviteSchema, LABELS, reviewSchema } from './forms.ts'
import * as io from './io.ts'
import { searchGroups } from './search.ts'
import { searchParamsFrom } from './search-params.ts'
import * as svc from './service.ts'
import * as imports from './import.ts'
import { ChartWithTable, groupStats } from './stats.tsx'
import { ImportResult, JobProgressView, JobStopped, MappingStep, UploadForm } from './views/import.tsx'
import { Directory, GroupForm, Profile, RevisionTable, StatusBadge, valuesOf } from './views.tsx'

export const groupsRoutes = new Hono<AppEnv>()

const CRUMB = { label: '団体をさがす', href: '/groups' }

async function lookups(c: Context<AppEnv>) {
  const ctx = c.get('ctx')
  const fields = fieldsOf(ctx.municipality.settings)
  const areas = await svc.listAreas(ctx)
  return {
    fields,
    areas,
    fieldLabels: new Map(fields.map((f) => [f.code, f.label])),
    areaNames: new Map(areas.map((a) => [a.id, a.name])),
  }
}

/** A group from a path id: 404 unless a UUID of this city that the actor may see. */
async function groupFromPath(c: Context<AppEnv>, name = 'id') {
  const id = c.req.param(name)
  if (!isUuid(id)) throw notFound('団体')
  return svc.requireVisibleGroup(c.get('ctx'), id)
}

// ---------------------------------------------------------------- directory

groupsRoutes.get('/groups', async (c) => {
  const ctx = await authorize(c, 'group.view')
  const p = searchParamsFrom(c.req.queries())
  const result = await searchGroups(ctx, { ...p, facets: true })
  const L = await lookups(c)
  const query = new URL(c.req.url).searchParams
  return render(
    c,
    '団体をさがす',
    <Directory
      q={p.q ?? ''}
      sel={p.sel}
      result={result}
      fields={L.fields}
      areas={L.areas}
      query={query}
      fieldLabels={L.fieldLabels}
      areaNames={L.areaNames}
      canExport={can(ctx.actor, 'group.export')}
      canImport={can(ctx.actor, 'group.import')}
      canReview={can(ctx.actor, 'group.review')}
    />,
    { section: 'groups', crumbs: [{ label: '団体をさがす' }] },
  )
})

// ---------------------------------------------------------------- registration

async function newForm(c: Context<AppEnv>, values: Record<string, unknown>, errors?: FieldErrors) {
  const ctx = c.get('ctx')
  const L = await lookups(c)
  const conds = conditionsOf(ctx.municipality.settings)
  return render(
    c,
    '団体を登録する',
    <section>
      <h1>団体を登録する</h1>
      <p>
        登録の申請は、協働推進の担当（コーディネーター）が市の登録条件に照らして確認します。承認されるまで一般には公開されません。
      </p>
      <GroupForm
        action="/groups/new"
        csrf={c.get('csrfToken')}
        values={values}
        errors={errors}
        fields={L.fields}
        areas={L.areas}
        checklist={checklistOf(conds)}
        conditionsNote={conds.note}
        mode="new"
      />
    </section>,
    { section: 'groups', crumbs: [CRUMB, { label: '団体を登録する' }], status: errors ? 422 : 200 },
  )
}

groupsRoutes.get('/groups/new', async (c) => {
  await authorize(c, 'group.create')
  return newForm(c, { citywide: '', wantsCollaboration: 'on' })
})

function checklistFrom(body: Record<string, unknown>) {
  const out: Record<string, boolean> = {}
  for (const [k, v] of Object.entries(body))
    if (k.startsWith('check_') && (v === 'on' || v === 'true')) out[k.slice(6)] = true
  return out
}

groupsRoutes.post('/groups/new', async (c) => {
  const ctx = await authorize(c, 'group.create')
  const body = await formBody(c)
  const L = await lookups(c)
  const submit = body.intent !== 'draft'
  const checklist = checklistFrom(body)
  const parsed = validate(
    groupSchema(
      L.fields.map((f) => f.code),
      L.areas.map((a) => a.id),
    ),
    body,
    (raw) => {
      if (!submit) return {}
      const errs: FieldErrors = {}
      for (const item of checklistOf(conditionsOf(ctx.municipality.settings)))
        if (!checklist[item.code])
          errs[`check_${item.code}`] = `「${item.label}」を確認してチェックしてください`
      if (!raw.citywide && !raw.areaIds)
        errs.areaIds = '活動地区を1つ以上選ぶか、「市内全域で活動している」を選んでください'
      return errs
    },
  )
  if (!parsed.ok) return newForm(c, body, parsed.errors)
  const g = await svc.createGroup(ctx, parsed.data, { submit, checklist })
  setFlash(c, submit ? '登録を申請しました。承認されると公開されます。' : '下書きとして保存しました。')
  return c.redirect(`/groups/${g.id}`, 303)
})

// ---------------------------------------------------------------- my groups

groupsRoutes.get('/my/groups', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const mine = await svc.listMyGroups(ctx)
  const fy = fiscalYearOf()
  return render(
    c,
    '所属団体の管理',
    <section>
      <h1>所属団体の管理</h1>
      {mine.length === 0 ? <p>所属している団体はまだありません。</p> : null}
      <ul class="groups-results">
        {mine.map((g) => (
          <li>
            <h2>
              <a href={`/groups/${g.id}`}>{g.name}</a> <StatusBadge status={g.status} />
            </h2>
            <p class="groups-meta">
              役割：{g.role === 'owner' ? 'オーナー（代表）' : '編集者'} ／ 登録更新：
              {g.renewedFiscalYear ? `${g.renewedFiscalYear}年度` : '未更新'}
            </p>
            {g.status === 'returned' && g.reviewComment ? (
              <Notice kind="warning">差し戻しのコメント：{g.reviewComment}</Notice>
            ) : null}
            {(g.status === 'published' || g.status === 'inactive') && (g.renewedFiscalYear ?? 0) < fy ? (
              <Notice kind="warning">
                {fy}年度の登録更新がまだです。団体のページで内容を確認して更新してください。
              </Notice>
            ) : null}
            <ul class="link-list">
              <li>
                <a href={`/groups/${g.id}/edit`}>編集する</a>
              </li>
              <li>
                <a href={`/groups/${g.id}/members`}>メンバー</a>
              </li>
            </ul>
          </li>
        ))}
      </ul>
      <p>
        <a href="/groups/new" class="button">
          新しい団体を登録する
        </a>
      </p>
    </section>,
    { crumbs: [{ label: '所属団体の管理' }] },
  )
})

// ---------------------------------------------------------------- coordinator: review queue

groupsRoutes.get('/coordinator/groups', async (c) => {
  await authorize(c, 'group.review')
  return reviewQueuePage(c, c.req.query('status') ?? 'pending')
})

/** The review queue; after a refused bulk review, with the message and what was typed and ticked. */
async function reviewQueuePage(
  c: Context<AppEnv>,
  status: string,
  reviewed?: { errors: FieldErrors; values: Values },
) {
  const ctx = c.get('ctx')
  const statuses = status in STATUS_LABELS ? [status] : ['pending']
  const queue = await svc.reviewQueue(ctx, statuses)
  const deletions = await svc.deletionRequests(ctx)
  const bulk = statuses[0] === 'pending'
  const ticked = reviewed?.values.ids
  const picked = new Set((Array.isArray(ticked) ? ticked : ticked ? [ticked] : []).map(String))
  const reviewTable = (bulk: boolean) => (
    <div class="table-wrap">
      <table class="table table--stack">
        <caption>
          {STATUS_LABELS[statuses[0] as keyof typeof STATUS_LABELS]}の団体（{queue.length}件）
        </caption>
        <thead>
          <tr>
            {bulk ? (
              <th scope="col">
                <span class="visually-hidden">選ぶ</span>
              </th>
            ) : null}
            <th scope="col">団体名</th>
            <th scope="col">申請日時</th>
            <th scope="col">状態</th>
          </tr>
        </thead>
        <tbody>
          {queue.map((g) => (
            <tr>
              {bulk ? (
                <td data-label="選ぶ">
                  <input
                    type="checkbox"
                    name="ids[]"
                    value={g.id}
                    id={`pick-${g.id}`}
                    checked={picked.has(g.id)}
                    aria-label={`「${g.name}」を選ぶ`}
                  />
                </td>
              ) : null}
              <td data-label="団体名">
                <a href={`/groups/${g.id}`}>{g.name}</a>
                {g.source === 'import' ? <span class="badge">取り込み</span> : null}
                {g.nameKanaGenerated ? (
                  <span class="small muted">
                    <br />
                    {g.nameKana}（フリガナは自動生成・要確認）
                  </span>
                ) : null}
              </td>
              <td data-label="申請日時">{g.submittedAt ? formatDateTime(g.submittedAt) : '—'}</td>
              <td data-label="状態">
                <StatusBadge status={g.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
  return render(
    c,
    '団体登録の審査',
    <section>
      <h1>団体登録の審査</h1>
      <nav aria-label="状態で絞り込む">
        <ul class="link-list">
          {['pending', 'returned', 'draft', 'published', 'inactive', 'suspended', 'archived'].map((s) => (
            <li>
              <a
                href={`/coordinator/groups?status=${s}`}
                aria-current={statuses[0] === s ? 'page' : undefined}
              >
                {STATUS_LABELS[s as keyof typeof STATUS_LABELS]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {bulk && queue.length ? (
        <Form action="/coordinator/groups/review" csrf={c.get('csrfToken')}>
          {reviewTable(true)}
          <ErrorSummary errors={reviewed?.errors} />
          <TextArea
            name="comment"
            label="差し戻すときのコメント（選んだ団体すべてに送ります）"
            values={reviewed?.values}
            errors={reviewed?.errors}
          />
          <div class="groups-buttons">
            <button type="submit" name="action" value="approve" class="button">
              選んだ団体を承認・公開する
            </button>{' '}
            <button type="submit" name="action" value="return" class="button button--secondary">
              選んだ団体を差し戻す
            </button>
          </div>
        </Form>
      ) : (
        reviewTable(false)
      )}
      {deletions.length ? (
        <>
          <h2>削除の依頼</h2>
          <ul>
            {deletions.map((g) => (
              <li>
                <a href={`/groups/${g.id}`}>{g.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>年度更新</h2>
      <p>
        今年度の登録更新がない団体に更新のお願いを送ります。猶予期間（7月1日）を過ぎていれば、更新のない団体を「活動休止」にします（削除はしません）。
      </p>
      <Form action="/coordinator/groups/renewal" csrf={c.get('csrfToken')}>
        <Checkbox name="deactivate" label="猶予期間にかかわらず、今すぐ未更新の団体を「活動休止」にする" />
        <Submit label="年度更新の処理を実行する" secondary />
      </Form>
      <h2>ほかに</h2>
      <ul class="link-list">
        <li>
          <a href="/groups/import">CSVから取り込む</a>
        </li>
        {can(ctx.actor, 'group.conditions') ? (
          <li>
            <a href="/groups/conditions">登録の条件（管理者）</a>
          </li>
        ) : null}
      </ul>
    </section>,
    { crumbs: [CRUMB, { label: '団体登録の審査' }], status: reviewed ? 422 : 200 },
  )
}

groupsRoutes.post('/coordinator/groups/renewal', async (c) => {
  const ctx = await authorize(c, 'group.renewalRun')
  const body = await formBody(c)
  const r = await svc.runRenewalJob(ctx, { deactivate: body.deactivate === 'on' ? true : undefined })
  setFlash(
    c,
    `${r.fiscalYear}年度の更新処理：お願いを${r.reminded}団体に送り、${r.deactivated}団体を活動休止にしました。`,
  )
  return c.redirect('/coordinator/groups', 303)
})

groupsRoutes.post('/coordinator/groups/review', async (c) => {
  const ctx = await authorize(c, 'group.review')
  const body = await formBody(c)
  const raw = body.ids
  const ids = (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String).filter(isUuid)
  const action = body.action === 'return' ? 'return' : body.action === 'approve' ? 'approve' : null
  if (!action)
    return reviewQueuePage(c, 'pending', { errors: { _: '承認か差し戻しを選んでください。' }, values: body })
  if (!ids.length) {
    setFlash(c, '団体が選ばれていません。一覧のチェックボックスで選んでください。')
    return c.redirect('/coordinator/groups', 303)
  }
  let r: Awaited<ReturnType<typeof svc.reviewMany>>
  try {
    r = await svc.reviewMany(ctx, ids, action, String(body.comment ?? ''))
  } catch (e) {
    if (e instanceof AppError && e.fields)
      return reviewQueuePage(c, 'pending', { errors: e.fields, values: body })
    throw e
  }
  setFlash(
    c,
    `${r.done}団体を${action === 'approve' ? '承認・公開' : '差し戻'}しました。${r.skipped.length ? `状態が変わっていたため${r.skipped.length}団体はそのままです。` : ''}`,
  )
  return c.redirect('/coordinator/groups', 303)
})

groupsRoutes.post('/coordinator/groups/:id/review', async (c) => {
  const ctx = await authorize(c, 'group.review')
  const g = await groupFromPath(c)
  const body = await formBody(c)
  const parsed = validate(reviewSchema, body)
  if (!parsed.ok) return groupPage(c, g.id, { form: 'review', errors: parsed.errors, values: body })
  if (parsed.data.action === 'suspend' || parsed.data.action === 'archive') {
    const ask = await confirmFirst(c, body, {
      title: parsed.data.action === 'suspend' ? '利用停止の確認' : '登録抹消の確認',
      message:
        parsed.data.action === 'suspend'
          ? `「${g.name}」の公開を停止します。よろしいですか。`
          : `「${g.name}」をアーカイブします。よろしいですか。`,
      detail: '団体の一覧や検索に表示されなくなります。記録は残り、「承認・公開する」で元に戻せます。',
      submit: REVIEW_TRANSITIONS[parsed.data.action].label,
      danger: true,
      back: `/groups/${g.id}`,
      section: 'groups',
      crumbs: [CRUMB, { label: g.name, href: `/groups/${g.id}` }, { label: '確認' }],
    })
    if (ask) return ask
  }
  try {
    await svc.reviewGroup(ctx, g, parsed.data.action, parsed.data.comment)
  } catch (e) {
    if (e instanceof AppError && e.fields)
      return groupPage(c, g.id, { form: 'review', errors: e.fields, values: body })
    throw e
  }
  setFlash(c, `「${g.name}」を${REVIEW_TRANSITIONS[parsed.data.action].label.replace(/する$/, '')}しました。`)
  return c.redirect(`/groups/${g.id}`, 303)
})

groupsRoutes.post('/coordinator/groups/:id/delete', async (c) => {
  const ctx = await authorize(c, 'group.delete')
  const g = await groupFromPath(c)
  await svc.executeDeletion(ctx, g)
  setFlash(c, '団体の個人情報を削除し、記録を匿名化しました。')
  return c.redirect('/coordinator/groups', 303)
})

// ---------------------------------------------------------------- conditions (administrator)

function conditionsPage(c: Context<AppEnv>, values: Record<string, unknown>, errors?: FieldErrors) {
  return render(
    c,
    '団体登録の条件',
    <section class="narrow">
      <h1>団体登録の条件</h1>
      <p>
        ここで決めた条件は、団体の登録申請のときにチェックリストとして表示され、審査の画面でも確認できます。
      </p>
      <ErrorSummary errors={errors} />
      <Form action="/groups/conditions" csrf={c.get('csrfToken')}>
        <TextField
          name="minMembers"
          label="最低構成員数（人）"
          required
          inputmode="numeric"
          size="short"
          values={values}
          errors={errors}
          help="0にすると条件にしません"
        />
        <Checkbox name="requireRules" label="会則・規約・定款があること" values={values} />
        <Checkbox name="activeInCity" label="市内で活動していること" values={values} />
        <Checkbox name="nonPolitical" label="政治・宗教・選挙活動を主な目的としないこと" values={values} />
        <TextArea name="note" label="申請者への補足" rows={3} values={values} errors={errors} />
        <Submit label="保存する" />
      </Form>
    </section>,
    { crumbs: [CRUMB, { label: '団体登録の条件' }], status: errors ? 422 : 200 },
  )
}

groupsRoutes.get('/groups/conditions', async (c) => {
  const ctx = await authorize(c, 'group.conditions')
  const cd = conditionsOf(ctx.municipality.settings)
  return conditionsPage(c, {
    ...cd,
    requireRules: cd.requireRules,
    activeInCity: cd.activeInCity,
    nonPolitical: cd.nonPolitical,
  })
})

groupsRoutes.post('/groups/conditions', async (c) => {
  const ctx = await authorize(c, 'group.conditions')
  const body = await formBody(c)
  const parsed = validate(conditionsSchema, body)
  if (!parsed.ok) return conditionsPage(c, body, parsed.errors)
  await svc.setConditions(ctx, { ...parsed.data, minMembers: parsed.data.minMembers ?? 0 })
  setFlash(c, '登録の条件を保存しました。')
  return c.redirect('/groups/conditions', 303)
})

// ---------------------------------------------------------------- import

function importPage(c: Context<AppEnv>, body: any, status: 200 | 409 = 200, progress = false) {
  return render(c, 'CSVから団体を取り込む', <section>{body}</section>, {
    crumbs: [CRUMB, { label: 'CSVから取り込む' }],
    status,
    // the script polls the job and updates the page; without it the page refreshes itself
    head: progress ? (
      <>
        <script src="/static/import-progress.js" defer />
        <noscript>
          <meta http-equiv="refresh" content="5" />
        </noscript>
      </>
    ) : undefined,
  })
}

groupsRoutes.get('/groups/import', async (c) => {
  await authorize(c, 'group.import')
  return importPage(c, <UploadForm csrf={c.get('csrfToken')} />)
})

groupsRoutes.post('/groups/import', async (c) => {
  const ctx = await authorize(c, 'group.import')
  const body = await c.req.parseBody()
  const csrf = c.get('csrfToken')
  if (body.step !== 'run') {
    const staged = await imports.stageImport(ctx, body.file)
    if (!staged.ok) return importPage(c, <UploadForm csrf={csrf} message={staged.message} />)
    return importPage(c, <MappingStep csrf={csrf} staged={staged} />)
  }
  // the run is a job: a large file shows its progress; a small one is finished before the redirect
  let id: string
  try {
    id = await imports.startRun(ctx, body)
  } catch (e) {
    if (e instanceof AppError && e.code === 'import_running')
      return importPage(
        c,
        <>
          <h1>CSV・Excelから団体を取り込む</h1>
          <Notice kind="error">{e.message}</Notice>
          <p>
            <a href="/groups/import">取り込みの最初の画面に戻る</a>
          </p>
        </>,
        409,
      )
    throw e
  }
  await waitForJob(id, 1500)
  return c.redirect(`/groups/import/jobs/${id}`, 303)
})

groupsRoutes.get('/groups/import/jobs/:id', async (c) => {
  const ctx = await authorize(c, 'group.import')
  const { job, run, retry } = await imports.jobView(ctx, c.req.param('id'))
  const csrf = c.get('csrfToken')
  if (job.state === 'running') {
    const auto = c.req.query('auto') !== '0'
    c.header('Cache-Control', 'no-store')
    return importPage(c, <JobProgressView job={job} auto={auto} />, 200, auto)
  }
  if (run) return importPage(c, <ImportResult csrf={csrf} run={run} settings={ctx.municipality.settings} />)
  return importPage(
    c,
    <JobStopped csrf={csrf} job={job} retry={retry} settings={ctx.municipality.settings} />,
  )
})

// ---------------------------------------------------------------- exports, stats, open data

groupsRoutes.get('/groups/export.csv', async (c) => {
  const ctx = await authorize(c, 'group.export')
  const p = searchParamsFrom(c.req.queries())
  const encoding = c.req.query('encoding') === 'cp932' ? 'cp932' : 'utf-8'
  const body = await io.staffCsv(ctx, viewLevelOf(ctx.actor), p, encoding)
  await auditExport(c, 'csv')
  return csvResponse(c, `団体一覧_${ymdInTokyo(new Date())}.csv`, body, encoding)
})

groupsRoutes.get('/groups/export.xlsx', async (c) => {
  const ctx = await authorize(c, 'group.export')
  const buf = await io.staffXlsx(ctx, viewLevelOf(ctx.actor), searchParamsFrom(c.req.queries()))
  await auditExport(c, 'xlsx')
  const name = `団体一覧_${ymdInTokyo(new Date())}.xlsx`
  return c.body(new Uint8Array(buf), 200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="groups.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'cache-control': 'no-store',
  })
})

async function auditExport(c: Context<AppEnv>, format: string) {
  await audit(c.get('ctx'), {
    action: 'group.export',
    entityType: 'group',
    entityId: format,
    changes: { query: new URL(c.req.url).search },
  })
}

groupsRoutes.get('/groups/stats', async (c) => {
  const ctx = await authorize(c, 'group.view')
  const s = await groupStats(ctx)
  return render(
    c,
    '団体の数',
    <section>
      <h1>団体の数</h1>
      <p>
        登録団体（公開中）は{s.total.toLocaleString('ja-JP')}団体です（{s.fiscalYear}現在、活動休止
        {s.inactive.toLocaleString('ja-JP')}団体は含みません）。グラフの数値は横の表でも読めます。
      </p>
      {s.series.map((x) => (
        <ChartWithTable s={x} />
      ))}
      <p>
        <a href="/opendata/groups">団体一覧のオープンデータ</a>
      </p>
    </section>,
    { section: 'groups', crumbs: [CRUMB, { label: '団体の数' }] },
  )
})

groupsRoutes.get('/opendata/groups.csv', async (c) => {
  const ctx = await authorize(c, 'group.view')
  return csvResponse(c, 'groups.csv', await io.openDataCsv(ctx))
})

groupsRoutes.get('/opendata/groups.json', async (c) => {
  const ctx = await authorize(c, 'group.view')
  const items = await io.openDataRecords(ctx)
  return c.json({
    dataset: `${ctx.municipality.name} 協働ポータル 登録団体一覧`,
    license: 'CC BY 4.0',
    updated: new Date().toISOString().slice(0, 10),
    columns: io.OPENDATA_COLUMNS.map((x) => ({ key: x.key, name: x.header, type: x.type, note: x.note })),
    items,
  })
})

groupsRoutes.get('/opendata/groups', async (c) => {
  await authorize(c, 'group.view')
  return render(
    c,
    '団体一覧のオープンデータ',
    <section>
      <h1>団体一覧のオープンデータ</h1>
      <p>
        登録団体のうち公開中・活動休止の団体について、一般に公開されている項目だけを機械判読できる形で提供します。連絡先は団体が「一般に公開」を選んだものだけを含みます。市民活動団体の全国標準の項目はないため、項目を下の表で定めています。ライセンス：CC
        BY 4.0。
      </p>
      <ul class="link-list">
        <li>
          <a href="/opendata/groups.csv">CSV（UTF-8 BOM付き、改行CRLF、1行目が見出し）</a>
        </li>
        <li>
          <a href="/opendata/groups.json">JSON（UTF-8、columns と items）</a>
        </li>
      </ul>
      <OpenDataColumns columns={io.OPENDATA_COLUMNS} />
      <p>
        決まり：1レコード1行（セル内の改行は空白に置換）、複数の値はセミコロン（;）区切り、空欄は未回答（0ではありません）、日付は西暦（YYYY-MM-DD）、数値に単位は付けません。
      </p>
    </section>,
    { crumbs: [CRUMB, { label: 'オープンデータ' }] },
  )
})

// ---------------------------------------------------------------- one group

groupsRoutes.get('/groups/:id', async (c) => {
  await authorize(c, 'group.view')
  const id = c.req.param('id')
  if (!isUuid(id)) throw notFound('団体')
  return groupPage(c, id)
})

/** A group's page; after a refused review, with the review box's message and what was typed. */
async function groupPage(
  c: Context<AppEnv>,
  id: string,
  refused?: { form: 'review' | 'submit'; errors: FieldErrors; values: Values },
) {
  const reviewed = refused?.form === 'review' ? refused : undefined
  const submitted = refused?.form === 'submit' ? refused : undefined
  const ctx = c.get('ctx')
  const { group: g, view, member } = await svc.loadProfile(ctx, id)
  const L = await lookups(c)
  const csrf = c.get('csrfToken')
  const canEdit = can(ctx.actor, 'group.edit', g)
  const fy = fiscalYearOf()
  const conds = checklistOf(conditionsOf(ctx.municipality.settings))
  const actions = canEdit ? (
    <nav class="groups-actions" aria-label="団体の管理">
      <ul class="link-list">
        <li>
          <a href={`/groups/${g.id}/edit`}>編集する</a>
        </li>
        {member || ctx.actor?.isAdmin ? (
          <li>
            <a href={`/groups/${g.id}/members`}>メンバー</a>
          </li>
        ) : null}
        {can(ctx.actor, 'group.history') ? (
          <li>
            <a href={`/groups/${g.id}/history`}>変更履歴</a>
          </li>
        ) : null}
      </ul>
      {['draft', 'returned'].includes(g.status) && member ? (
        <Form action={`/groups/${g.id}/submit`} csrf={csrf}>
          {g.status === 'returned' && g.reviewComment ? (
            <Notice kind="warning">差し戻しのコメント：{g.reviewComment}</Notice>
          ) : null}
          <ErrorSummary errors={submitted?.errors} />
          <fieldset class="fieldset field">
            <legend class="field__label">登録の条件（すべて確認してください）</legend>
            {conds.map((i) => (
              <Checkbox
                name={`check_${i.code}`}
                label={i.label}
                values={
                  submitted?.values ??
                  Object.fromEntries(Object.entries(g.checklist).map(([k, v]) => [`check_${k}`, v]))
                }
                errors={submitted?.errors}
              />
            ))}
          </fieldset>
          <Submit label="登録を申請する" />
        </Form>
      ) : null}
      {['published', 'inactive'].includes(g.status) && (g.renewedFiscalYear ?? 0) < fy ? (
        <Form action={`/groups/${g.id}/renew`} csrf={csrf}>
          <p>{fy}年度の登録更新がまだです。内容を確認してから更新してください。</p>
          <Submit label="今年度の登録を更新する" />
        </Form>
      ) : null}
    </nav>
  ) : null
  const review = can(ctx.actor, 'group.review') ? await reviewBox(c, g, reviewed) : null
  const projects = await projectsForGroup(ctx, g.id)
  return render(
    c,
    g.name,
    <Profile
      v={view}
      fieldLabels={L.fieldLabels}
      actions={actions}
      review={review}
      projects={projects.length ? <GroupProjects projects={projects} /> : null}
    />,
    {
      section: 'groups',
      crumbs: [CRUMB, { label: g.name }],
      status: refused ? 422 : 200,
    },
  )
}

async function reviewBox(
  c: Context<AppEnv>,
  g: svc.Group,
  reviewed?: { errors: FieldErrors; values: Values },
) {
  const ctx = c.get('ctx')
  const { documents } = await svc
    .loadProfile(ctx, g.id)
    .then((x) => ({ documents: x.view.documents as any[] }))
  const problems = svc.problemsFor(ctx, g, documents as any)
  const possible = Object.entries(REVIEW_TRANSITIONS).filter(([, t]) => t.from.includes(g.status as any))
  return (
    <section class="notice notice--info" aria-labelledby="review-title">
      <h2 id="review-title">審査（コーディネーター）</h2>
      <p>
        状態：
        <StatusBadge status={g.status} />
        {g.submittedAt ? ` 申請日時：${formatDateTime(g.submittedAt)}` : ''}
      </p>
      {problems.length ? (
        <ul>
          {problems.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
      ) : (
        <p>登録の条件はすべて満たしています。</p>
      )}
      {possible.length ? (
        <Form action={`/coordinator/groups/${g.id}/review`} csrf={c.get('csrfToken')}>
          <ErrorSummary errors={reviewed?.errors} />
          <TextArea
            name="comment"
            label="コメント（差し戻すときは必須）"
            rows={3}
            values={reviewed?.values}
            errors={reviewed?.errors}
          />
          <div class="groups-buttons">
            {possible.map(([k, t]) => (
              <>
                <button
                  type="submit"
                  name="action"
                  value={k}
                  class={k === 'approve' ? 'button' : 'button button--secondary'}
                >
                  {t.label}
                </button>{' '}
              </>
            ))}
          </div>
        </Form>
      ) : null}
      {g.deletionRequestedAt && can(ctx.actor, 'group.delete') ? (
        <Form action={`/coordinator/groups/${g.id}/delete`} csrf={c.get('csrfToken')}>
          <p>この団体から削除の依頼がありました（{formatDateTime(g.deletionRequestedAt)}）。</p>
          <Submit label="個人情報を削除して匿名化する" secondary />
        </Form>
      ) : null}
    </section>
  )
}

groupsRoutes.get('/groups/:id/logo', async (c) => {
  await authorize(c, 'group.view')
  const g = await groupFromPath(c)
  if (!g.logoPath) throw notFound('ロゴ')
  const buf = await getFile(c.get('ctx').config, g.logoPath)
  return c.body(new Uint8Array(buf), 200, {
    'content-type': sniffType(buf) ?? 'application/octet-stream',
    'cache-control': 'private, max-age=300',
  })
})

groupsRoutes.get('/groups/:id/documents/:docId', async (c) => {
  const ctx = await authorize(c, 'group.view')
  const g = await groupFromPath(c)
  const docId = c.req.param('docId')
  if (!isUuid(docId)) throw notFound('書類')
  const d = await svc.getDocument(ctx, g, docId)
  if (!d || !svc.mayViewDocument(ctx, d)) throw notFound('書類')
  const buf = await svc.readDocument(ctx, d)
  return c.body(new Uint8Array(buf), 200, {
    'content-type': d.mimeType === 'text/plain' ? 'text/plain; charset=utf-8' : d.mimeType,
    'content-disposition': `attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(d.fileName)}`,
    'cache-control': 'private, no-store',
  })
})

// ---------------------------------------------------------------- edit

async function editPage(
  c: Context<AppEnv>,
  g: svc.Group,
  values: Record<string, unknown>,
  errors?: FieldErrors,
  uploadError?: string,
) {
  const L = await lookups(c)
  const ctx = c.get('ctx')
  const { view } = await svc.loadProfile(ctx, g.id)
  const csrf = c.get('csrfToken')
  return render(
    c,
    `${g.name}の編集`,
    <section>
      <h1>{g.name}の編集</h1>
      {g.status === 'published' ? <p>公開中の団体の変更はすぐに公開され、変更履歴に残ります。</p> : null}
      <GroupForm
        action={`/groups/${g.id}/edit`}
        csrf={csrf}
        values={values}
        errors={errors}
        fields={L.fields}
        areas={L.areas}
        mode="edit"
      />
      <h2 id="uploads">ロゴと書類</h2>
      {uploadError ? <Notice kind="error">{uploadError}</Notice> : null}
      <Form action={`/groups/${g.id}/logo`} csrf={csrf} multipart>
        <div class="field">
          <label for="f-logo" class="field__label">
            ロゴ画像 <span class="opt">※任意</span>
          </label>
          <p class="field__help" id="f-logo-help">
            PNG・JPEG・WebP、2MBまで
          </p>
          <input
            id="f-logo"
            type="file"
            name="file"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby="f-logo-help"
          />
        </div>
        <Submit label="ロゴを登録する" secondary />
      </Form>
      <Form action={`/groups/${g.id}/documents`} csrf={csrf} multipart>
        <Select
          name="kind"
          label="書類の種類"
          required
          options={DOCUMENT_KINDS.map((d) => ({ value: d.code, label: d.label }))}
        />
        <TextField name="title" label="書類の名前" />
        <div class="field">
          <label for="f-doc" class="field__label">
            ファイル <span class="req">※必須</span>
          </label>
          <p class="field__help" id="f-doc-help">
            PDF・画像・テキスト、10MBまで。公開にしない限り、市の職員と団体のメンバーだけが見られます。
          </p>
          <input id="f-doc" type="file" name="file" required aria-describedby="f-doc-help" />
        </div>
        <Checkbox name="isPublic" label="この書類を一般に公開する" />
        <Submit label="書類を添付する" secondary />
      </Form>
      {view.documents.length ? (
        <ul>
          {view.documents.map((d) => (
            <li>
              <a href={`/groups/${g.id}/documents/${d.id}`}>{d.title}</a>（{d.isPublic ? '公開' : '非公開'}）
              <Form action={`/groups/${g.id}/documents/${d.id}/delete`} csrf={csrf} class="inline-form">
                <button type="submit" class="button button--text">
                  削除
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      {can(ctx.actor, 'group.own', g) && g.status !== 'deleted' ? (
        <>
          <h2>団体の削除</h2>
          {g.deletionRequestedAt ? (
            <p>削除を依頼済みです（{formatDateTime(g.deletionRequestedAt)}）。</p>
          ) : (
            <Form action={`/groups/${g.id}/delete-request`} csrf={csrf}>
              <p>
                削除を依頼すると、担当者が確認のうえ団体の個人情報を削除します。協働の記録は団体名などを伏せて残ります。
              </p>
              <Submit label="この団体の削除を依頼する" secondary />
            </Form>
          )}
        </>
      ) : null}
    </section>,
    {
      section: 'groups',
      crumbs: [CRUMB, { label: g.name, href: `/groups/${g.id}` }, { label: '編集' }],
      status: errors || uploadError ? 422 : 200,
    },
  )
}

async function editable(
  c: Context<AppEnv>,
  action: 'group.edit' | 'group.own' | 'group.inviteMember' = 'group.edit',
) {
  const g = await groupFromPath(c)
  const ctx = await authorize(c, action, g)
  if (g.status === 'deleted') throw notFound('団体')
  return { ctx, g }
}

groupsRoutes.get('/groups/:id/edit', async (c) => {
  const { g } = await editable(c)
  return editPage(c, g, valuesOf(g))
})

groupsRoutes.post('/groups/:id/edit', async (c) => {
  const { ctx, g } = await editable(c)
  const body = await formBody(c)
  const L = await lookups(c)
  const parsed = validate(
    groupSchema(
      L.fields.map((f) => f.code),
      L.areas.map((a) => a.id),
    ),
    body,
  )
  if (!parsed.ok) return editPage(c, g, body, parsed.errors)
  await svc.updateGroup(ctx, g, parsed.data)
  setFlash(c, '団体の情報を保存しました。')
  return c.redirect(`/groups/${g.id}`, 303)
})

async function uploadOr422(c: Context<AppEnv>, g: svc.Group, fn: () => Promise<unknown>, ok: string) {
  try {
    await fn()
  } catch (e) {
    if (e instanceof AppError && e.status === 422) return editPage(c, g, valuesOf(g), undefined, e.message)
    throw e
  }
  setFlash(c, ok)
  return c.redirect(`/groups/${g.id}/edit#uploads`, 303)
}

groupsRoutes.post('/groups/:id/logo', async (c) => {
  const { ctx, g } = await editable(c)
  const body = await c.req.parseBody()
  const file = body.file
  if (!(file instanceof File))
    return editPage(c, g, valuesOf(g), undefined, 'ロゴの画像ファイルを選んでください。')
  return uploadOr422(c, g, () => svc.setLogo(ctx, g, file), 'ロゴを登録しました。')
})

groupsRoutes.post('/groups/:id/documents', async (c) => {
  const { ctx, g } = await editable(c)
  const body = await c.req.parseBody()
  const file = body.file
  const meta = validate(documentSchema, body)
  if (!meta.ok) return editPage(c, g, valuesOf(g), undefined, Object.values(meta.errors)[0])
  if (!(file instanceof File))
    return editPage(c, g, valuesOf(g), undefined, '添付する書類のファイルを選んでください。')
  return uploadOr422(c, g, () => svc.addDocument(ctx, g, file, meta.data), '書類を添付しました。')
})

groupsRoutes.post('/groups/:id/documents/:docId/delete', async (c) => {
  const { ctx, g } = await editable(c)
  const docId = c.req.param('docId')
  if (!isUuid(docId)) throw notFound('書類')
  const d = await svc.getDocument(ctx, g, docId)
  if (!d) throw notFound('書類')
  const ask = await confirmFirst(c, await formBody(c), {
    title: '書類の削除の確認',
    message: `書類「${d.title}」を削除します。よろしいですか。`,
    detail:
      '削除したファイルは元に戻せません。必要なときは、もう一度添付してください（変更履歴には削除したことが残ります）。',
    submit: '削除する',
    danger: true,
    back: `/groups/${g.id}/edit#uploads`,
    section: 'groups',
    crumbs: [CRUMB, { label: g.name, href: `/groups/${g.id}` }, { label: '書類の削除の確認' }],
  })
  if (ask) return ask
  await svc.deleteDocument(ctx, g, d)
  setFlash(c, '書類を削除しました。')
  return c.redirect(`/groups/${g.id}/edit#uploads`, 303)
})

groupsRoutes.post('/groups/:id/submit', async (c) => {
  const { ctx, g } = await editable(c)
  const body = await formBody(c)
  try {
    await svc.submitGroup(ctx, g, checklistFrom(body))
  } catch (e) {
    if (e instanceof AppError && e.fields)
      return groupPage(c, g.id, { form: 'submit', errors: e.fields, values: body })
    throw e
  }
  setFlash(c, '登録を申請しました。承認されると公開されます。')
  return c.redirect(`/groups/${g.id}`, 303)
})

groupsRoutes.post('/groups/:id/renew', async (c) => {
  const { ctx, g } = await editable(c)
  await svc.renewGroup(ctx, g)
  setFlash(c, `${fiscalYearOf()}年度の登録を更新しました。`)
  return c.redirect(`/groups/${g.id}`, 303)
})

groupsRoutes.post('/groups/:id/delete-request', async (c) => {
  const { ctx, g } = await editable(c, 'group.own')
  await svc.requestDeletion(ctx, g)
  setFlash(c, '削除を依頼しました。担当者が確認します。')
  return c.redirect('/my/groups', 303)
})

// ---------------------------------------------------------------- members

async function membersPage(
  c: Context<AppEnv>,
  g: svc.Group,
  values: Record<string, unknown> = {},
  errors?: FieldErrors,
  refused?: AppError,
) {
  const ctx = c.get('ctx')
  const members = await svc.listMembers(ctx, g.id)
  const owner = can(ctx.actor, 'group.own', g)
  const me = ctx.actor!.userId
  const csrf = c.get('csrfToken')
  return render(
    c,
    `${g.name}のメンバー`,
    <section>
      <h1>{g.name}のメンバー</h1>
      {refused ? <Notice kind="error">{refused.message}</Notice> : null}
      <div class="table-wrap">
        <table class="table">
          <caption>メンバー一覧</caption>
          <thead>
            <tr>
              <th scope="col">お名前</th>
              <th scope="col">役割</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr>
                <td>
                  {m.familyName} {m.givenName}（{m.email}）
                </td>
                <td>{m.role === 'owner' ? 'オーナー' : '編集者'}</td>
                <td>
                  {owner && m.userId !== me && m.role !== 'owner' ? (
                    <Form action={`/groups/${g.id}/members/transfer`} csrf={csrf} class="inline-form">
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" class="button button--text">
                        オーナーを引き継ぐ
                      </button>
                    </Form>
                  ) : null}
                  {(owner && m.userId !== me) || m.userId === me ? (
                    <Form action={`/groups/${g.id}/members/remove`} csrf={csrf} class="inline-form">
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" class="button button--text">
                        {m.userId === me ? '団体から抜ける' : '外す'}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {owner ? (
        <>
          <h2>メンバーを招待する</h2>
          <ErrorSummary errors={errors} />
          <Form action={`/groups/${g.id}/members/invite`} csrf={csrf}>
            <TextField
              name="email"
              label="招待するメールアドレス"
              type="email"
              autocomplete="email"
              required
              values={values}
              errors={errors}
            />
            <Select
              name="groupRole"
              label="役割"
              required
              options={[
                { value: 'editor', label: '編集者' },
                { value: 'owner', label: 'オーナー' },
              ]}
              values={values}
              errors={errors}
            />
            <Submit label="招待メールを送る" />
          </Form>
        </>
      ) : null}
    </section>,
    {
      section: 'groups',
      crumbs: [CRUMB, { label: g.name, href: `/groups/${g.id}` }, { label: 'メンバー' }],
      status: refused ? (refused.status === 409 ? 409 : 422) : errors ? 422 : 200,
    },
  )
}

async function memberArea(c: Context<AppEnv>) {
  const g = await groupFromPath(c)
  const ctx = c.get('ctx')
  await requireActor(c)
  if (!groupRolesOf(ctx.actor)[g.id] && !ctx.actor!.isAdmin) await authorize(c, 'group.inviteMember', g)
  return { ctx, g }
}

groupsRoutes.get('/groups/:id/members', async (c) => {
  await authorize(c, 'group.leave')
  const { g } = await memberArea(c)
  return membersPage(c, g)
})

groupsRoutes.post('/groups/:id/members/invite', async (c) => {
  const g = await groupFromPath(c)
  const ctx = await authorize(c, 'group.inviteMember', g)
  const body = await formBody(c)
  const parsed = validate(inviteSchema, body)
  if (!parsed.ok) return membersPage(c, g, body, parsed.errors)
  await svc.inviteMember(ctx, g, parsed.data.email, parsed.data.groupRole)
  setFlash(c, `${parsed.data.email} に招待メールを送りました。`)
  return c.redirect(`/groups/${g.id}/members`, 303)
})

const memberName = (m: svc.Member) => `${m.familyName} ${m.givenName}`.trim() || m.email

/** A refusal from the members' use cases (not a member, last owner…): back to the list with the message. */
async function refusedOr<T>(c: Context<AppEnv>, g: svc.Group, run: () => Promise<T>) {
  try {
    return { ok: true as const, value: await run() }
  } catch (e) {
    if (e instanceof AppError && [404, 409, 422].includes(e.status))
      return { ok: false as const, page: await membersPage(c, g, {}, undefined, e) }
    throw e
  }
}

groupsRoutes.post('/groups/:id/members/transfer', async (c) => {
  const g = await groupFromPath(c)
  const ctx = await authorize(c, 'group.own', g)
  const body = await formBody(c)
  const userId = String(body.userId ?? '')
  const members = await svc.listMembers(ctx, g.id)
  const refused = isUuid(userId)
    ? svc.transferRefusal(members, userId)
    : new AppError(422, 'validation', '引き継ぐ相手を一覧から選んでください。')
  if (refused) return membersPage(c, g, {}, undefined, refused)
  const to = members.find((m) => m.userId === userId)!
  const ask = await confirmFirst(c, body, {
    title: 'オーナーの引き継ぎの確認',
    message: `「${g.name}」のオーナー（代表）を ${memberName(to)} さんに引き継ぎます。よろしいですか。`,
    detail:
      'あなたは編集者になり、メンバーの招待や団体の削除の依頼はできなくなります。元に戻すには、新しいオーナーに引き継ぎ直してもらう必要があります。',
    submit: 'オーナーを引き継ぐ',
    danger: true,
    back: `/groups/${g.id}/members`,
    section: 'groups',
    crumbs: [
      CRUMB,
      { label: g.name, href: `/groups/${g.id}` },
      { label: 'メンバー', href: `/groups/${g.id}/members` },
      { label: '引き継ぎの確認' },
    ],
  })
  if (ask) return ask
  const r = await refusedOr(c, g, () => svc.transferOwnership(ctx, g, userId))
  if (!r.ok) return r.page
  setFlash(c, `オーナーを ${memberName(to)} さんに引き継ぎました。`)
  return c.redirect(`/groups/${g.id}/members`, 303)
})

groupsRoutes.post('/groups/:id/members/remove', async (c) => {
  await authorize(c, 'group.leave')
  const { ctx, g } = await memberArea(c)
  const body = await formBody(c)
  const userId = String(body.userId ?? '')
  const self = userId === ctx.actor!.userId
  if (isUuid(userId) && !self) await authorize(c, 'group.own', g)
  const members = await svc.listMembers(ctx, g.id)
  const refused = isUuid(userId)
    ? svc.removalRefusal(members, userId)
    : new AppError(422, 'validation', '外すメンバーを一覧から選んでください。')
  if (refused) return membersPage(c, g, {}, undefined, refused)
  const m = members.find((x) => x.userId === userId)!
  const ask = await confirmFirst(c, body, {
    title: self ? '団体から抜ける確認' : 'メンバーを外す確認',
    message: self
      ? `「${g.name}」から抜けます。よろしいですか。`
      : `${memberName(m)} さんを「${g.name}」のメンバーから外します。よろしいですか。`,
    detail: self
      ? 'この団体の情報を編集できなくなります。戻るには、オーナーからもう一度招待してもらってください。'
      : 'この団体の情報を編集できなくなります。あとでもう一度招待できます。',
    submit: self ? '団体から抜ける' : '外す',
    danger: true,
    back: `/groups/${g.id}/members`,
    section: 'groups',
    crumbs: [
      CRUMB,
      { label: g.name, href: `/groups/${g.id}` },
      { label: 'メンバー', href: `/groups/${g.id}/members` },
      { label: self ? '抜ける確認' : '外す確認' },
    ],
  })
  if (ask) return ask
  const r = await refusedOr(c, g, () => svc.removeMember(ctx, g, userId))
  if (!r.ok) return r.page
  setFlash(c, self ? '団体から抜けました。' : `${memberName(m)} さんをメンバーから外しました。`)
  return c.redirect(self ? '/my/groups' : `/groups/${g.id}/members`, 303)
})

// ---------------------------------------------------------------- history

groupsRoutes.get('/groups/:id/history', async (c) => {
  const ctx = await authorize(c, 'group.history')
  const g = await groupFromPath(c)
  const revs = await svc.listRevisions(ctx, g.id)
  return render(
    c,
    `${g.name}の変更履歴`,
    <section>
      <h1>{g.name}の変更履歴</h1>
      <RevisionTable revs={revs} labels={LABELS} />
    </section>,
    { section: 'groups', crumbs: [CRUMB, { label: g.name, href: `/groups/${g.id}` }, { label: '変更履歴' }] },
  )
})
