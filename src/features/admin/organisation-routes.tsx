import type { Child } from 'hono/jsx'
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { stringify } from 'csv-stringify/sync'
import { type CsvEncoding, csvResponse, parseCsv, toCsv } from '../../core/csv.ts'
import { knownHeaders, readTable } from '../../core/import/index.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { confirmFirst } from '../../core/http/confirm.tsx'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { ChoiceGroup, ErrorSummary, Form, Select, Submit, TextArea, TextField } from '../../core/ui/form.tsx'
import { Badge, Notice } from '../../core/ui/parts.tsx'
import { type FieldErrors, validateAndRun } from '../../core/validation.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import {
  AREA_FIELDS,
  autoMap,
  DEPARTMENT_FIELDS,
  DEPARTMENT_KIND_LABELS,
  DEPARTMENT_KINDS,
  type ImportField,
  mappingFromForm,
} from '../organisation/index.ts'
import { org } from '../organisation/index.ts'
import { suggestDepartments } from '../routing/index.ts'
import { areaForm, departmentForm } from './forms.ts'
import { adminCrumbs, ImportMapping, ImportReport, ImportUpload } from './views.tsx'

/** Departments (admin and the public list), areas, and their CSV imports. */
export const organisationRoutes = new Hono<AppEnv>()

type Values = Record<string, unknown>

// ---------------------------------------------------------------- CSV import steps (shared)

const MAX_IMPORT_ROWS = 5000

function mountImport(
  base: string,
  title: string,
  fields: ImportField[],
  run: (ctx: Ctx, input: org.ImportInput) => Promise<org.ImportResult>,
  done: string,
  help: () => Child,
) {
  const props = (c: Context<AppEnv>) => ({ base, title, fields, csrf: c.get('csrfToken') })
  const crumbs = adminCrumbs({ label: title })
  const page = (c: Context<AppEnv>, body: any, status?: 422) =>
    render(c, title, body, { section: 'admin', crumbs, status })

  organisationRoutes.get(base, async (c) => {
    await authorize(c, 'organisation.manage')
    return page(c, <ImportUpload {...props(c)} help={help()} />)
  })

  organisationRoutes.post(base, async (c) => {
    await authorize(c, 'organisation.manage')
    const body = await c.req.parseBody()
    const file = body.file
    if (!(file instanceof File) || file.size === 0)
      return page(
        c,
        <ImportUpload {...props(c)} help={help()} error="CSVまたはExcelのファイルを選んでください" />,
        422,
      )
    try {
      const table = await readTable(new Uint8Array(await file.arrayBuffer()), {
        maxRows: MAX_IMPORT_ROWS,
        known: knownHeaders(fields),
      })
      // the table is carried to the next steps as CSV text, with each row's number as Excel shows it
      const parsed = { header: table.header, rows: table.rows }
      const decoded = {
        text: stringify([table.header, ...table.rows.map((r) => r.cells)], { record_delimiter: '\r\n' }),
        encoding: table.encoding,
        lines: table.rows.map((r) => r.line).join(','),
      }
      return page(
        c,
        <ImportMapping
          {...props(c)}
          header={parsed.header}
          preview={parsed.rows.slice(0, 3).map((r) => r.cells)}
          rowCount={parsed.rows.length}
          text={decoded.text}
          encoding={decoded.encoding}
          lines={decoded.lines}
          map={autoMap(parsed.header, fields)}
        />,
      )
    } catch (e) {
      if (e instanceof AppError && e.status !== 500)
        return page(c, <ImportUpload {...props(c)} help={help()} error={e.message} />, 422)
      throw e
    }
  })

  /** Parse the carried text again (it never left this server's pages except through this admin's form). */
  const carried = async (c: Context<AppEnv>) => {
    const body = await formBody(c)
    const text = typeof body.csvText === 'string' ? body.csvText : ''
    const encoding = typeof body.encoding === 'string' ? body.encoding : 'utf-8'
    if (!text) throw new AppError(422, 'csv_missing', 'CSVの内容がありません。最初からやり直してください。')
    const parsed = parseCsv(text, { maxRows: MAX_IMPORT_ROWS })
    const lines = typeof body.lines === 'string' ? body.lines.split(',').map(Number) : []
    if (lines.length === parsed.rows.length && lines.every((n) => Number.isInteger(n) && n > 0))
      parsed.rows = parsed.rows.map((r, i) => ({ ...r, line: lines[i] }))
    const map = mappingFromForm(body, fields, parsed.header.length)
    return { body, text, encoding, parsed, map, lines: lines.join(',') }
  }

  organisationRoutes.post(`${base}/check`, async (c) => {
    const ctx = await authorize(c, 'organisation.manage')
    const { text, encoding, parsed, map, lines } = await carried(c)
    const result = await run(ctx, {
      header: parsed.header,
      rows: parsed.rows,
      map,
      mode: 'good_only',
      dryRun: true,
    })
    if (result.errors.some((e) => e.row === 1))
      return page(
        c,
        <ImportMapping
          {...props(c)}
          header={parsed.header}
          preview={parsed.rows.slice(0, 3).map((r) => r.cells)}
          rowCount={parsed.rows.length}
          text={text}
          encoding={encoding}
          lines={lines}
          map={map}
          errors={result.errors}
        />,
        422,
      )
    return page(
      c,
      <ImportReport {...props(c)} text={text} encoding={encoding} lines={lines} map={map} result={result} />,
    )
  })

  organisationRoutes.post(`${base}/commit`, async (c) => {
    const ctx = await authorize(c, 'organisation.manage')
    const { body, text, encoding, parsed, map, lines } = await carried(c)
    const mode = body.mode === 'good_only' ? 'good_only' : 'all'
    const result = await run(ctx, { header: parsed.header, rows: parsed.rows, map, mode, dryRun: false })
    if (!result.applied) {
      const preview = await run(ctx, {
        header: parsed.header,
        rows: parsed.rows,
        map,
        mode: 'good_only',
        dryRun: true,
      })
      return page(
        c,
        <ImportReport
          {...props(c)}
          text={text}
          encoding={encoding}
          lines={lines}
          map={map}
          result={preview}
          refused
        />,
        422,
      )
    }
    setFlash(
      c,
      `取り込みました：新規${result.created}件、更新${result.updated}件、スキップ${result.skipped}件。`,
    )
    return c.redirect(done, 303)
  })
}

// ---------------------------------------------------------------- departments (admin)

const kindOptions = DEPARTMENT_KINDS.map((k) => ({ value: k, label: DEPARTMENT_KIND_LABELS[k] }))

function DepartmentForm(p: {
  action: string
  csrf: string
  values: Values
  errors?: FieldErrors
  parents: org.Department[]
  submit: string
}) {
  return (
    <>
      <ErrorSummary errors={p.errors} />
      <Form action={p.action} csrf={p.csrf}>
        <ChoiceGroup
          name="kind"
          label="種別"
          required
          options={kindOptions}
          values={p.values}
          errors={p.errors}
        />
        <Select
          name="parentId"
          label="上位部署"
          help="課・室の場合は、属する部・局を選びます。"
          empty="なし（最上位）"
          options={p.parents.map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name}（廃止）` }))}
          values={p.values}
          errors={p.errors}
        />
        <TextField name="name" label="部署名" required maxlength={100} values={p.values} errors={p.errors} />
        <TextField
          name="nameKana"
          label="フリガナ"
          help="カタカナ（ひらがなも可）"
          maxlength={100}
          values={p.values}
          errors={p.errors}
        />
        <TextArea
          name="duties"
          label="所掌事務"
          help="市民が「どこの課に相談すればいいか」を探すときに検索されます。担当する仕事を具体的に書いてください。"
          rows={4}
          maxlength={2000}
          values={p.values}
          errors={p.errors}
        />
        <div class="field-row">
          <TextField
            name="phone"
            label="電話番号"
            type="tel"
            autocomplete="tel"
            help="例：0422-60-1800"
            values={p.values}
            errors={p.errors}
          />
          <TextField
            name="email"
            label="メールアドレス"
            type="email"
            autocomplete="email"
            values={p.values}
            errors={p.errors}
          />
        </div>
        <TextField
          name="location"
          label="所在地"
          help="例：市役所本庁舎3階"
          maxlength={200}
          values={p.values}
          errors={p.errors}
        />
        <TextField
          name="sortOrder"
          label="表示順"
          help="小さい数ほど上に表示します（半角数字）。"
          inputmode="numeric"
          size="short"
          values={p.values}
          errors={p.errors}
        />
        <Submit label={p.submit} />
      </Form>
    </>
  )
}

organisationRoutes.get('/admin/departments', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const list = await org.listDepartments(ctx)
  const tree = org.departmentTree(list)
  const Row = ({ d, child }: { d: org.Department; child?: boolean }) => (
    <tr>
      <th scope="row">
        {child ? <span class="dept-child">└ </span> : null}
        <a href={`/admin/departments/${d.id}/edit`}>{d.name}</a>
        {d.active ? null : (
          <>
            {' '}
            <Badge tone="gray">廃止</Badge>
          </>
        )}
      </th>
      <td data-label="種別">
        {DEPARTMENT_KIND_LABELS[d.kind as keyof typeof DEPARTMENT_KIND_LABELS] ?? d.kind}
      </td>
      <td data-label="電話番号">{d.phone || '—'}</td>
      <td data-label="表示順" class="num">
        {d.sortOrder}
      </td>
      <td data-label="操作">
        <form
          method="post"
          action={`/admin/departments/${d.id}/${d.active ? 'deactivate' : 'reactivate'}`}
          class="inline-form"
        >
          <input type="hidden" name="_csrf" value={c.get('csrfToken')} />
          <button type="submit" class="button button--secondary button--small">
            {d.active ? '廃止にする' : '再開する'}
            <span class="visually-hidden">（{d.name}）</span>
          </button>
        </form>
      </td>
    </tr>
  )
  return render(
    c,
    '部署の管理',
    <section>
      <h1>部署の管理</h1>
      <p>部（局）と課（室）の一覧です。部署は削除せず「廃止」にします（過去の記録は残ります）。</p>
      <ul class="actions link-list">
        <li>
          <a href="/admin/departments/new" class="button">
            部署を追加する
          </a>
        </li>
        <li>
          <a href="/admin/departments/import">CSVから取り込む</a>
        </li>
        <li>
          <a href="/admin/departments/export">CSVで出力する（UTF-8）</a>
        </li>
        <li>
          <a href="/admin/departments/export?encoding=cp932">CSVで出力する（Shift_JIS）</a>
        </li>
      </ul>
      <div class="table-wrap">
        <table class="table table--stack">
          <caption>部署一覧（{list.length}件）</caption>
          <thead>
            <tr>
              <th scope="col">部署名</th>
              <th scope="col">種別</th>
              <th scope="col">電話番号</th>
              <th scope="col" class="num">
                表示順
              </th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {tree.flatMap((n) => [<Row d={n.dept} />, ...n.children.map((d) => <Row d={d} child />)])}
          </tbody>
        </table>
      </div>
    </section>,
    { section: 'admin', crumbs: adminCrumbs({ label: '部署の管理' }) },
  )
})

organisationRoutes.get('/admin/departments/new', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const parents = await org.listDepartments(ctx)
  return render(
    c,
    '部署の追加',
    <section>
      <h1>部署の追加</h1>
      <DepartmentForm
        action="/admin/departments"
        csrf={c.get('csrfToken')}
        values={{ kind: 'ka' }}
        parents={parents}
        submit="追加する"
      />
    </section>,
    {
      section: 'admin',
      crumbs: adminCrumbs({ label: '部署の管理', href: '/admin/departments' }, { label: '部署の追加' }),
    },
  )
})

organisationRoutes.post('/admin/departments', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const body = await formBody(c)
  const r = await validateAndRun(departmentForm, body, (data) => org.createDepartment(ctx, data))
  if (r.ok) {
    setFlash(c, `部署「${r.result.name}」を追加しました。`)
    return c.redirect('/admin/departments', 303)
  }
  const errors = r.errors
  return render(
    c,
    '部署の追加',
    <section>
      <h1>部署の追加</h1>
      <DepartmentForm
        action="/admin/departments"
        csrf={c.get('csrfToken')}
        values={body}
        errors={errors ?? {}}
        parents={await org.listDepartments(ctx)}
        submit="追加する"
      />
    </section>,
    {
      section: 'admin',
      status: 422,
      crumbs: adminCrumbs({ label: '部署の管理', href: '/admin/departments' }, { label: '部署の追加' }),
    },
  )
})

const departmentValues = (d: org.Department): Values => ({
  ...d,
  parentId: d.parentId ?? '',
  sortOrder: String(d.sortOrder),
})

async function editPage(
  c: Context<AppEnv>,
  ctx: Ctx,
  d: org.Department,
  values: Values,
  errors?: FieldErrors,
) {
  const all = await org.listDepartments(ctx)
  return render(
    c,
    `${d.name}の編集`,
    <section>
      <h1>{d.name}の編集</h1>
      {d.active ? null : (
        <Notice kind="warning">この部署は廃止されています。公開の部署案内には表示されません。</Notice>
      )}
      <DepartmentForm
        action={`/admin/departments/${d.id}`}
        csrf={c.get('csrfToken')}
        values={values}
        errors={errors}
        parents={all.filter((x) => x.id !== d.id)}
        submit="保存する"
      />
      <p>
        <a href={`/departments/${d.id}`}>公開ページを見る</a>
      </p>
    </section>,
    {
      section: 'admin',
      status: errors ? 422 : 200,
      crumbs: adminCrumbs({ label: '部署の管理', href: '/admin/departments' }, { label: d.name }),
    },
  )
}

organisationRoutes.get('/admin/departments/export', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const encoding: CsvEncoding = c.req.query('encoding') === 'cp932' ? 'cp932' : 'utf-8'
  const rows = await org.departmentCsvRows(ctx)
  return csvResponse(
    c,
    `部署一覧_${ctx.municipality.name}_${ymdInTokyo(new Date())}.csv`,
    toCsv(org.DEPARTMENT_CSV_HEADER, rows, encoding),
    encoding,
  )
})

mountImport(
  '/admin/departments/import',
  '部署のCSV取り込み',
  DEPARTMENT_FIELDS,
  org.importDepartments,
  '/admin/departments',
  () => (
    <div class="prose">
      <p>
        部署の一覧（例：部署名・上位部署・所掌事務・電話番号）をCSVから取り込みます。登録済みの部署と同じ部署名の行は、その部署を更新します（CSVにない列は変わりません）。
      </p>
      <p>
        見出しの例：<code>部署名,フリガナ,種別,上位部署,所掌事務,電話番号,メールアドレス,所在地,表示順</code>
        。種別は「部」「課」「その他」、上位部署は部の名前です。「CSVで出力する」で出したファイルをそのまま直して取り込めます。
      </p>
    </div>
  ),
)

organisationRoutes.get('/admin/departments/:id/edit', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const id = c.req.param('id')
  const d = isUuid(id) ? await org.getDepartment(ctx, id) : null
  if (!d) throw notFound('部署')
  return editPage(c, ctx, d, departmentValues(d))
})

organisationRoutes.post('/admin/departments/:id', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const id = c.req.param('id')
  const d = isUuid(id) ? await org.getDepartment(ctx, id) : null
  if (!d) throw notFound('部署')
  const body = await formBody(c)
  const r = await validateAndRun(departmentForm, body, (data) => org.updateDepartment(ctx, d.id, data))
  if (!r.ok) return editPage(c, ctx, d, body, r.errors)
  setFlash(c, `部署「${r.data.name}」を保存しました。`)
  return c.redirect('/admin/departments', 303)
})

for (const [verb, active] of [
  ['deactivate', false],
  ['reactivate', true],
] as const) {
  organisationRoutes.post(`/admin/departments/:id/${verb}`, async (c) => {
    const ctx = await authorize(c, 'organisation.manage')
    const id = c.req.param('id')
    if (!isUuid(id)) throw notFound('部署')
    if (!active) {
      const cur = (await org.listDepartments(ctx)).find((x) => x.id === id)
      if (!cur) throw notFound('部署')
      const ask = await confirmFirst(c, await formBody(c), {
        title: '部署の廃止の確認',
        message: `部署「${cur.name}」を廃止にします。よろしいですか。`,
        detail:
          '廃止にした部署は公開の部署案内や選択肢に表示されなくなります。過去の記録は残り、「再開する」でいつでも元に戻せます。',
        submit: '廃止にする',
        danger: true,
        back: '/admin/departments',
        section: 'admin',
        crumbs: adminCrumbs({ label: '部署の管理', href: '/admin/departments' }, { label: '廃止の確認' }),
      })
      if (ask) return ask
    }
    const d = await org.setDepartmentActive(ctx, id, active)
    setFlash(c, active ? `部署「${d.name}」を再開しました。` : `部署「${d.name}」を廃止にしました。`)
    return c.redirect('/admin/departments', 303)
  })
}

// ---------------------------------------------------------------- departments (public)

const CONFIDENCE_LABELS = { high: '高', medium: '中', low: '低' } as const

organisationRoutes.get('/departments', async (c) => {
  const ctx = await authorize(c, 'organisation.browse')
  const q = (c.req.query('q') ?? '').slice(0, 1000)
  const all = await org.listDepartments(ctx, { activeOnly: true })
  // a question (a keyword or a whole sentence): the departments ranked by routing, with reasons
  const hits = q.trim() ? await suggestDepartments(ctx, q, 10) : []
  const byId = new Map(all.map((d) => [d.id, d]))
  const tree = q.trim() ? null : org.departmentTree(all)
  const Item = ({ d }: { d: org.Department }) => (
    <li class="card">
      <h3 class="card__title">
        <a href={`/departments/${d.id}`}>{d.name}</a>
      </h3>
      {d.duties ? <p>{d.duties}</p> : null}
      {d.phone ? <p class="small">電話：{d.phone}</p> : null}
    </li>
  )
  return render(
    c,
    '部署案内',
    <section>
      <h1>部署案内（どこの課に相談すればいいか）</h1>
      <p>
        市の部署と、それぞれが担当する仕事（所掌事務）の一覧です。キーワード（例：「高齢者」「ごみ」「防災」）のほか、相談したいことを文章のまま（例：「ひとり暮らしの母の見守りを頼みたい」）入力しても、担当しそうな課を関連の強い順に示します。わからないときは
        <a href="/consultations">協働の窓口</a>にご相談ください。
      </p>
      <form method="get" action="/departments" class="form search-form">
        <div class="field">
          <label for="f-q" class="field__label">
            キーワードまたは相談したいこと <span class="opt">※任意</span>
          </label>
          <input id="f-q" name="q" type="search" class="input" value={q} maxlength={1000} />
        </div>
        <Submit label="探す" />
      </form>
      {q.trim() ? (
        <>
          <h2>
            「{q}」に関連しそうな課（{hits.length}件）
          </h2>
          {hits.length ? (
            <>
              <p class="small muted">
                数字は関連の強さ（最も近い課を100とする）、確からしさは 高・中・低
                で示します。「理由」は相談の文と課の仕事の両方にあったことばです。
              </p>
              <ol class="cards">
                {hits.map((h) => {
                  const d = byId.get(h.departmentId)
                  const parent = d?.parentId ? byId.get(d.parentId) : undefined
                  return (
                    <li class="card">
                      <h3 class="card__title">
                        <a href={`/departments/${h.departmentId}`}>{h.name}</a>
                      </h3>
                      {parent ? <p class="small muted">{parent.name}</p> : null}
                      <p class="small">
                        関連の強さ（最も近い課を100とする）：<strong>{h.score}</strong>　確からしさ：
                        <strong>{CONFIDENCE_LABELS[h.confidence]}</strong>
                      </p>
                      {h.reasons.length ? <p class="small">理由：{h.reasons.join('、')}</p> : null}
                      {h.snippet ? <p>{h.snippet}</p> : d?.duties ? <p>{d.duties}</p> : null}
                      {d?.phone ? <p class="small">電話：{d.phone}</p> : null}
                    </li>
                  )
                })}
              </ol>
            </>
          ) : (
            <p>見つかりませんでした。別のことばで探すか、協働の窓口にご相談ください。</p>
          )}
        </>
      ) : (
        tree!.map((n) => (
          <section aria-labelledby={`bu-${n.dept.id}`}>
            <h2 id={`bu-${n.dept.id}`}>
              <a href={`/departments/${n.dept.id}`}>{n.dept.name}</a>
            </h2>
            {n.children.length ? (
              <ul class="cards">
                {n.children.map((d) => (
                  <Item d={d} />
                ))}
              </ul>
            ) : n.dept.duties ? (
              <p>{n.dept.duties}</p>
            ) : null}
          </section>
        ))
      )}
    </section>,
    { section: 'consultations', crumbs: [{ label: '部署案内' }] },
  )
})

organisationRoutes.get('/departments/:id', async (c) => {
  const ctx = await authorize(c, 'organisation.browse')
  const id = c.req.param('id')
  const d = isUuid(id) ? await org.getDepartment(ctx, id) : null
  if (!d?.active) throw notFound('部署')
  const all = await org.listDepartments(ctx, { activeOnly: true })
  const parent = d.parentId ? all.find((x) => x.id === d.parentId) : undefined
  const children = all.filter((x) => x.parentId === d.id)
  return render(
    c,
    d.name,
    <section>
      <h1>{d.name}</h1>
      {d.nameKana ? <p class="muted">{d.nameKana}</p> : null}
      <dl class="summary-list">
        {parent ? (
          <>
            <dt>所属</dt>
            <dd>
              <a href={`/departments/${parent.id}`}>{parent.name}</a>
            </dd>
          </>
        ) : null}
        <dt>所掌事務</dt>
        <dd>{d.duties || '—'}</dd>
        <dt>電話番号</dt>
        <dd>{d.phone ? <a href={`tel:${d.phone.replace(/-/g, '')}`}>{d.phone}</a> : '—'}</dd>
        <dt>メールアドレス</dt>
        <dd>{d.email ? <a href={`mailto:${d.email}`}>{d.email}</a> : '—'}</dd>
        <dt>所在地</dt>
        <dd>{d.location || '—'}</dd>
      </dl>
      {children.length ? (
        <>
          <h2>この部の課</h2>
          <ul class="link-list">
            {children.map((x) => (
              <li>
                <a href={`/departments/${x.id}`}>{x.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href="/departments">部署案内の一覧へ戻る</a>
      </p>
    </section>,
    { section: 'consultations', crumbs: [{ label: '部署案内', href: '/departments' }, { label: d.name }] },
  )
})

// ---------------------------------------------------------------- areas

function AreaForm(p: { action: string; csrf: string; values: Values; errors?: FieldErrors; submit: string }) {
  return (
    <>
      <ErrorSummary errors={p.errors} />
      <Form action={p.action} csrf={p.csrf}>
        <TextField name="name" label="地区名" required maxlength={100} values={p.values} errors={p.errors} />
        <TextField
          name="nameKana"
          label="フリガナ"
          help="カタカナ（ひらがなも可）"
          values={p.values}
          errors={p.errors}
        />
        <TextArea
          name="description"
          label="説明"
          help="範囲に含まれる町名など"
          rows={3}
          values={p.values}
          errors={p.errors}
        />
        <TextField
          name="sortOrder"
          label="表示順"
          help="小さい数ほど上に表示します（半角数字）。"
          inputmode="numeric"
          size="short"
          values={p.values}
          errors={p.errors}
        />
        <Submit label={p.submit} />
      </Form>
    </>
  )
}

const areaCrumbs = (label?: string) =>
  label
    ? adminCrumbs({ label: '地区の管理', href: '/admin/areas' }, { label })
    : adminCrumbs({ label: '地区の管理' })

organisationRoutes.get('/admin/areas', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const list = await org.listAreas(ctx)
  return render(
    c,
    '地区の管理',
    <section>
      <h1>地区の管理</h1>
      <p>団体の活動地区などに使う地区（コミュニティ）の一覧です。</p>
      <ul class="actions link-list">
        <li>
          <a href="/admin/areas/new" class="button">
            地区を追加する
          </a>
        </li>
        <li>
          <a href="/admin/areas/import">CSVから取り込む</a>
        </li>
      </ul>
      <div class="table-wrap">
        <table class="table table--stack">
          <caption>地区一覧（{list.length}件）</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                表示順
              </th>
              <th scope="col">地区名</th>
              <th scope="col">フリガナ</th>
              <th scope="col">説明</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr>
                <td data-label="表示順" class="num">
                  {a.sortOrder}
                </td>
                <th scope="row">
                  <a href={`/admin/areas/${a.id}/edit`}>{a.name}</a>
                </th>
                <td data-label="フリガナ">{a.nameKana}</td>
                <td data-label="説明">{a.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>,
    { section: 'admin', crumbs: areaCrumbs() },
  )
})

organisationRoutes.get('/admin/areas/new', async (c) => {
  await authorize(c, 'organisation.manage')
  return render(
    c,
    '地区の追加',
    <section>
      <h1>地区の追加</h1>
      <AreaForm action="/admin/areas" csrf={c.get('csrfToken')} values={{}} submit="追加する" />
    </section>,
    { section: 'admin', crumbs: areaCrumbs('地区の追加') },
  )
})

organisationRoutes.post('/admin/areas', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const body = await formBody(c)
  const r = await validateAndRun(areaForm, body, (data) => org.createArea(ctx, data))
  if (r.ok) {
    setFlash(c, `地区「${r.result.name}」を追加しました。`)
    return c.redirect('/admin/areas', 303)
  }
  const errors = r.errors
  return render(
    c,
    '地区の追加',
    <section>
      <h1>地区の追加</h1>
      <AreaForm
        action="/admin/areas"
        csrf={c.get('csrfToken')}
        values={body}
        errors={errors ?? {}}
        submit="追加する"
      />
    </section>,
    { section: 'admin', status: 422, crumbs: areaCrumbs('地区の追加') },
  )
})

mountImport('/admin/areas/import', '地区のCSV取り込み', AREA_FIELDS, org.importAreas, '/admin/areas', () => (
  <div class="prose">
    <p>
      地区名の一覧をCSVから取り込みます。見出しの例：<code>地区名,フリガナ,説明,表示順</code>
      。登録済みの地区と同じ名前の行は、その地区を更新します。
    </p>
  </div>
))

organisationRoutes.get('/admin/areas/:id/edit', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const id = c.req.param('id')
  const a = isUuid(id) ? await org.getArea(ctx, id) : null
  if (!a) throw notFound('地区')
  return render(
    c,
    `${a.name}の編集`,
    <section>
      <h1>{a.name}の編集</h1>
      <AreaForm
        action={`/admin/areas/${a.id}`}
        csrf={c.get('csrfToken')}
        values={{ ...a, sortOrder: String(a.sortOrder) }}
        submit="保存する"
      />
    </section>,
    { section: 'admin', crumbs: areaCrumbs(a.name) },
  )
})

organisationRoutes.post('/admin/areas/:id', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const id = c.req.param('id')
  const a = isUuid(id) ? await org.getArea(ctx, id) : null
  if (!a) throw notFound('地区')
  const body = await formBody(c)
  const r = await validateAndRun(areaForm, body, (data) => org.updateArea(ctx, a.id, data))
  if (r.ok) {
    setFlash(c, `地区「${r.data.name}」を保存しました。`)
    return c.redirect('/admin/areas', 303)
  }
  const errors = r.errors
  return render(
    c,
    `${a.name}の編集`,
    <section>
      <h1>{a.name}の編集</h1>
      <AreaForm
        action={`/admin/areas/${a.id}`}
        csrf={c.get('csrfToken')}
        values={body}
        errors={errors ?? {}}
        submit="保存する"
      />
    </section>,
    { section: 'admin', status: 422, crumbs: areaCrumbs(a.name) },
  )
})
