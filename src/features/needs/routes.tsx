import { Hono } from 'hono'
import type { Context } from 'hono'
import { departmentIdsOf } from '../organisation/index.ts'
import type { AppEnv } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { confirmFirst } from '../../core/http/confirm.tsx'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { formatDateTime } from '../../core/japanese/index.ts'
import {
  Checkbox,
  ChoiceGroup,
  DateField,
  ErrorSummary,
  Form,
  Select,
  Submit,
  TextArea,
  TextField,
} from '../../core/ui/form.tsx'
import { Pagination, paging } from '../../core/ui/parts.tsx'
import { can } from '../../core/policy.ts'
import { COLLAB_FORMS, labelOf } from '../../core/vocabulary.ts'
import { collectDateParts, type FieldErrors, validate } from '../../core/validation.ts'
import { getGroups, groupRolesOf } from '../groups/index.ts'
import { PairingTable, myPairings, pairingsOfNeed } from '../matching/index.ts'
import {
  CITY_OFFERS,
  NEED_STATUSES,
  NEED_TRANSITIONS,
  PARTNER_WANTS,
  VISIBILITIES,
  hearingAnswerSchema,
  hearingSchema,
  interestSchema,
  needSchema,
  planSchema,
} from './domain.ts'
import {
  type Lookups,
  type NeedInput,
  answerHearing,
  checkNeedRefs,
  createNeed,
  createPlan,
  expressInterest,
  getHearing,
  getNeed,
  hearingStatus,
  interestsOf,
  inviteGroup,
  listHearings,
  listNeeds,
  lookups,
  myNeeds,
  openHearing,
  publishHearing,
  remindHearing,
  setNeedStatus,
  setPlanActive,
  updateNeed,
} from './service.ts'
import { Facet, NeedCard, NeedDetails, StatusBadge, ymdJa } from './views.tsx'

export const needsRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const opts = <T extends { code: string; label: string }>(l: readonly T[]) =>
  l.map((x) => ({ value: x.code, label: x.label }))
const idOr404 = (c: C, name = 'id') => {
  const id = c.req.param(name)
  if (!isUuid(id)) throw notFound()
  return id
}
const NEED_DATES = ['periodStart', 'periodEnd', 'deadline']

/** The button for moving a need to a state: 「公開する」, 「取り下げる」 … */
const statusVerb = (s: string) =>
  ({
    draft: '下書きに戻す',
    published: '公開する',
    coordinating: '「調整中」にする',
    matched: '「成立」にする',
    unmatched: '「不成立」にする',
    withdrawn: '取り下げる',
  })[s] ?? `「${labelOf(NEED_STATUSES, s)}」にする`

/** What follows from a state, said on the confirmation page. */
const STATUS_NOTES: Record<string, string> = {
  draft: '下書きにすると、一覧や検索に表示されなくなります。',
  published: '公開すると、公開範囲の人が一覧や検索で見られるようになります。',
  withdrawn:
    '取り下げると、一覧や検索に表示されなくなり、団体は関心を示せなくなります。あとで下書きに戻せます。',
  matched: '成立にすると、団体からの新しい関心は受け付けなくなります。',
  unmatched: '不成立にすると、団体からの新しい関心は受け付けなくなります。あとで公開に戻せます。',
}

// ------------------------------------------------------------------ needs: list

needsRoutes.get('/needs', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const q = c.req.query()
  const { page } = paging(q)
  const lk = await lookups(ctx)
  const r = await listNeeds(ctx, {
    q: q.q,
    field: q.field,
    area: q.area,
    form: q.form,
    department: q.department,
    status: q.status,
    page,
  })
  const query = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][])
  return render(
    c,
    '協働ニーズ',
    <section>
      <h1>協働ニーズ（行政課題）</h1>
      <p class="lead">
        市の各課が、市民活動団体・事業者・大学などと一緒に取り組みたい課題です。関心がある団体は、各ニーズのページから「関心があります」を送ることができます。
      </p>
      <ul class="actions">
        <li>
          <a href="/offers">団体の「できること」を見る</a>
        </li>
        <li>
          <a href="/menu">協働メニュー（市に頼めること）</a>
        </li>
        <li>
          <a href="/projects">協働事業の一覧</a>
        </li>
        {can(ctx.actor, 'need.create') ? (
          <li>
            <a href="/needs/new" class="button">
              協働ニーズを登録する
            </a>
          </li>
        ) : null}
      </ul>
      <Form action="/needs" method="get" csrf="" class="search-form">
        <TextField name="q" label="キーワード" values={q} help="例：見守り、防災、子ども食堂" />
        {q.field ? <input type="hidden" name="field" value={q.field} /> : null}
        <Submit label="検索" />
      </Form>
      <div class="with-sidebar">
        <aside aria-label="絞り込み">
          {[
            { title: '分野', name: 'field', counts: r.facets.field, label: lk.fieldName },
            {
              title: '協働の形態',
              name: 'form',
              counts: r.facets.form,
              label: (f: string) => labelOf(COLLAB_FORMS, f),
            },
            { title: '担当課', name: 'department', counts: r.facets.department, label: lk.depName },
            { title: '地区', name: 'area', counts: r.facets.area, label: lk.areaName },
            {
              title: '状態',
              name: 'status',
              counts: r.facets.status,
              label: (s: string) => labelOf(NEED_STATUSES, s),
            },
          ].map((f) => (
            <Facet {...f} query={query} base="/needs" />
          ))}
        </aside>
        <div>
          <p role="status">{r.total}件の協働ニーズ</p>
          {r.items.length ? (
            <ul class="cards">
              {r.items.map((n) => (
                <NeedCard n={n} lk={lk} />
              ))}
            </ul>
          ) : (
            <p>条件に合う協働ニーズはありません。キーワードや絞り込みを変えてお試しください。</p>
          )}
          <Pagination page={page} perPage={20} total={r.total} baseQuery={query} />
        </div>
      </div>
    </section>,
    { section: 'needs', crumbs: [{ label: '協働ニーズ' }] },
  )
})

// ------------------------------------------------------------------ needs: form

function NeedForm(p: {
  c: C
  lk: Lookups
  action: string
  values: Record<string, unknown>
  errors?: FieldErrors
  deps: { id: string; name: string }[]
  submit: string
}) {
  const { lk, values, errors } = p
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form action={p.action} csrf={p.c.get('csrfToken')}>
        <Select
          name="departmentId"
          label="担当課"
          required
          options={p.deps.map((d) => ({ value: d.id, label: d.name }))}
          values={values}
          errors={errors}
        />
        <TextField
          name="title"
          label="件名"
          required
          maxlength={100}
          values={values}
          errors={errors}
          help="例：一人暮らし高齢者の見守り活動を一緒に広げたい"
        />
        <TextArea name="situation" label="現状と課題" required values={values} errors={errors} rows={6} />
        <TextArea name="goal" label="目指す姿" required values={values} errors={errors} rows={4} />
        {lk.plans.some((x) => x.active) ? (
          <ChoiceGroup
            name="planIds"
            label="関連する計画・施策"
            multiple
            options={lk.plans.filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))}
            values={values}
            errors={errors}
          />
        ) : null}
        <ChoiceGroup
          name="hasBudget"
          label="予算の有無"
          required
          options={[
            { value: 'yes', label: '予算あり' },
            { value: 'no', label: '予算なし' },
          ]}
          values={values}
          errors={errors}
        />
        <TextField
          name="budgetLimit"
          label="予算の上限額（円）"
          inputmode="numeric"
          size="short"
          values={values}
          errors={errors}
          help="数字で入力してください（例：500000、50万円）。予算ありのときのみ。"
        />
        <ChoiceGroup
          name="cityOffers"
          label="市が提供できること"
          multiple
          options={opts(CITY_OFFERS)}
          values={values}
          errors={errors}
        />
        <TextArea
          name="cityOffersNote"
          label="市が提供できることの補足"
          rows={2}
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="partnerWants"
          label="協働相手に求めること"
          multiple
          options={opts(PARTNER_WANTS)}
          values={values}
          errors={errors}
        />
        <TextArea
          name="partnerNote"
          label="協働相手に求めることの補足"
          rows={2}
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="forms"
          label="協働の形態（受け入れられるもの）"
          required
          multiple
          columns
          options={opts(COLLAB_FORMS)}
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="fields"
          label="分野"
          required
          multiple
          columns
          options={lk.fields.map((f) => ({ value: f.code, label: f.label }))}
          values={values}
          errors={errors}
        />
        <Checkbox name="citywide" label="市内全域が対象" values={values} errors={errors} />
        <ChoiceGroup
          name="areaIds"
          label="地区"
          multiple
          columns
          options={lk.areas.map((a) => ({ value: a.id, label: a.name }))}
          values={values}
          errors={errors}
        />
        <DateField name="periodStart" label="実施期間（開始）" values={values} errors={errors} />
        <DateField name="periodEnd" label="実施期間（終了）" values={values} errors={errors} />
        <DateField
          name="deadline"
          label="回答期限"
          values={values}
          errors={errors}
          help="今日以降の日付を入力してください。"
        />
        <ChoiceGroup
          name="visibility"
          label="公開範囲"
          required
          options={opts(VISIBILITIES)}
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="status"
          label="保存のしかた"
          required
          options={[
            { value: 'draft', label: '下書きとして保存' },
            { value: 'published', label: '公開する' },
          ]}
          values={values}
          errors={errors}
        />
        <Submit label={p.submit} />
      </Form>
    </>
  )
}

const _NEED_LABELS: Record<string, string> = {
  departmentId: '担当課',
  title: '件名',
  situation: '現状と課題',
  goal: '目指す姿',
  planIds: '関連する計画・施策',
  hasBudget: '予算の有無',
  budgetLimit: '予算の上限額',
  cityOffers: '市が提供できること',
  partnerWants: '協働相手に求めること',
  forms: '協働の形態',
  fields: '分野',
  areaIds: '地区',
  periodStart: '実施期間（開始）',
  periodEnd: '実施期間（終了）',
  deadline: '回答期限',
  visibility: '公開範囲',
  status: '保存のしかた',
}

const myDeps = (c: C, lk: Lookups) => {
  const a = c.get('ctx').actor!
  return a.isCoordinator || a.isAdmin
    ? lk.departments
    : lk.departments.filter((d) => departmentIdsOf(a).includes(d.id))
}

needsRoutes.get('/needs/new', async (c) => {
  const ctx = await authorize(c, 'need.create')
  const lk = await lookups(ctx)
  const deps = myDeps(c, lk)
  return render(
    c,
    '協働ニーズを登録',
    <section>
      <h1>協働ニーズを登録</h1>
      <NeedForm
        c={c}
        lk={lk}
        deps={deps}
        action="/needs"
        submit="登録する"
        values={{ departmentId: deps[0]?.id, visibility: 'public', status: 'draft', hasBudget: 'no' }}
      />
    </section>,
    { section: 'needs', crumbs: [{ label: '協働ニーズ', href: '/needs' }, { label: '登録' }] },
  )
})

async function parseNeed(c: C, body: Record<string, unknown>, lk: Lookups) {
  const ctx = c.get('ctx')
  const r = validate(needSchema(lk.fields.map((f) => f.code)), collectDateParts(body, NEED_DATES))
  if (!r.ok) return r
  const more = await checkNeedRefs(ctx, r.data as NeedInput)
  if (Object.keys(more).length) return { ok: false as const, errors: more }
  return { ok: true as const, data: r.data as NeedInput }
}

needsRoutes.post('/needs', async (c) => {
  const ctx = await authorize(c, 'need.create')
  const body = await formBody(c)
  const lk = await lookups(ctx)
  const r = await parseNeed(c, body, lk)
  if (!r.ok)
    return render(
      c,
      '協働ニーズを登録',
      <section>
        <h1>協働ニーズを登録</h1>
        <NeedForm
          c={c}
          lk={lk}
          deps={myDeps(c, lk)}
          action="/needs"
          submit="登録する"
          values={body}
          errors={r.errors}
        />
      </section>,
      { status: 422, section: 'needs' },
    )
  const n = await createNeed(ctx, r.data)
  setFlash(
    c,
    n.status === 'published' ? '協働ニーズを公開しました。' : '協働ニーズを下書きとして保存しました。',
  )
  return c.redirect(`/needs/${n.id}`, 303)
})

needsRoutes.get('/needs/mine', async (c) => {
  const ctx = await authorize(c, 'need.mine')
  const lk = await lookups(ctx)
  const list = await myNeeds(ctx)
  const pairs = await myPairings(ctx)
  return render(
    c,
    '所属課の協働ニーズ',
    <section>
      <h1>所属課の協働ニーズ</h1>
      <p>
        <a href="/needs/new" class="button">
          協働ニーズを登録する
        </a>
      </p>
      {list.length ? (
        <ul class="cards">
          {list.map((n) => (
            <NeedCard n={n} lk={lk} />
          ))}
        </ul>
      ) : (
        <p>まだ協働ニーズはありません。</p>
      )}
      <h2>参加している調整</h2>
      <PairingTable rows={pairs} />
    </section>,
    { section: 'needs', crumbs: [{ label: '協働ニーズ', href: '/needs' }, { label: '所属課の協働ニーズ' }] },
  )
})

// ------------------------------------------------------------------ plans (administrator)

needsRoutes.get('/needs/plans', async (c) => {
  const ctx = await authorize(c, 'plans.manage')
  const lk = await lookups(ctx)
  return plansPage(c, lk)
})

function plansPage(c: C, lk: Lookups, values?: Record<string, unknown>, errors?: FieldErrors) {
  return render(
    c,
    '計画・施策の一覧',
    <section>
      <h1>計画・施策の一覧（協働ニーズの関連付け先）</h1>
      <table class="table table--stack">
        <caption>登録済みの計画・施策</caption>
        <thead>
          <tr>
            <th scope="col">名称</th>
            <th scope="col">説明</th>
            <th scope="col">状態</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {lk.plans.map((p) => (
            <tr>
              <td data-label="名称">{p.name}</td>
              <td data-label="説明">{p.description}</td>
              <td data-label="状態">{p.active ? '使用中' : '使用停止'}</td>
              <td data-label="操作">
                <Form action={`/needs/plans/${p.id}/toggle`} csrf={c.get('csrfToken')} class="inline-form">
                  <Submit label={p.active ? '使用を停止' : '使用を再開'} secondary />
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>計画・施策を追加</h2>
      <ErrorSummary errors={errors} />
      <Form action="/needs/plans" csrf={c.get('csrfToken')}>
        <TextField name="name" label="計画・施策の名称" required values={values} errors={errors} />
        <TextArea name="description" label="説明" rows={2} values={values} errors={errors} />
        <Submit label="追加する" />
      </Form>
    </section>,
    {
      status: errors ? 422 : 200,
      crumbs: [{ label: '協働ニーズ', href: '/needs' }, { label: '計画・施策' }],
    },
  )
}

needsRoutes.post('/needs/plans', async (c) => {
  const ctx = await authorize(c, 'plans.manage')
  const body = await formBody(c)
  const r = validate(planSchema, body)
  if (!r.ok) return plansPage(c, await lookups(ctx), body, r.errors)
  try {
    await createPlan(ctx, r.data)
  } catch (e: any) {
    if (e.fields) return plansPage(c, await lookups(ctx), body, e.fields)
    throw e
  }
  setFlash(c, '計画・施策を追加しました。')
  return c.redirect('/needs/plans', 303)
})

needsRoutes.post('/needs/plans/:id/toggle', async (c) => {
  const ctx = await authorize(c, 'plans.manage')
  const id = idOr404(c)
  const lk = await lookups(ctx)
  const p = lk.plans.find((x) => x.id === id)
  if (!p) throw notFound()
  if (p.active) {
    const ask = await confirmFirst(c, await formBody(c), {
      title: '計画・施策の使用停止の確認',
      message: `計画・施策「${p.name}」の使用を停止します。よろしいですか。`,
      detail:
        '協働ニーズの関連付け先の選択肢に表示されなくなります。すでに関連付けた協働ニーズの記録はそのまま残り、「使用を再開」で元に戻せます。',
      submit: '使用を停止',
      danger: true,
      back: '/needs/plans',
      section: 'needs',
      crumbs: [
        { label: '協働ニーズ', href: '/needs' },
        { label: '計画・施策', href: '/needs/plans' },
        { label: '使用停止の確認' },
      ],
    })
    if (ask) return ask
  }
  await setPlanActive(ctx, id, !p.active)
  setFlash(c, '計画・施策の状態を変更しました。')
  return c.redirect('/needs/plans', 303)
})

// ------------------------------------------------------------------ needs: one

async function loadNeed(c: C) {
  const id = idOr404(c)
  const n = await getNeed(c.get('ctx'), id)
  if (!n) throw notFound('協働ニーズ')
  return n
}

needsRoutes.get('/needs/:id', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.view', n)
  const lk = await lookups(ctx)
  const owner = can(ctx.actor, 'need.edit', n)
  const myGroups = Object.keys(groupRolesOf(ctx.actor))
  const groups = myGroups.length ? await getGroups(ctx, myGroups) : []
  const interests = owner ? await interestsOf(ctx, n.id) : []
  const pairs = owner ? await pairingsOfNeed(ctx, n.id) : []
  return render(
    c,
    n.title,
    <article>
      <h1>{n.title}</h1>
      <NeedDetails n={n} lk={lk} />
      {owner ? (
        <section class="panel">
          <h2>担当課・コーディネーター向け</h2>
          <ul class="actions">
            <li>
              <a href={`/needs/${n.id}/edit`}>編集する</a>
            </li>
            <li>
              <a href={`/needs/${n.id}/matches`}>おすすめの団体を見る（マッチング）</a>
            </li>
            {n.originHref.startsWith('/') ? (
              <li>
                <a href={n.originHref}>もとになった{n.originLabel}を見る</a>
              </li>
            ) : null}
          </ul>
          <h3 id="need-status-title">状態を変更する</h3>
          <p>
            現在の状態：
            <StatusBadge status={n.status} />
            。次の状態へ変更できます（確認の画面が出ます）。
          </p>
          <ul class="button-row" aria-labelledby="need-status-title">
            {(NEED_TRANSITIONS[n.status] ?? []).map((s) => (
              <li>
                <Form action={`/needs/${n.id}/status`} csrf={c.get('csrfToken')} class="inline-form">
                  <input type="hidden" name="status" value={s} />
                  <button
                    type="submit"
                    class={s === 'withdrawn' ? 'button button--danger' : 'button button--secondary'}
                  >
                    {statusVerb(s)}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <h3>関心を示した団体・案内した団体（{interests.length}件）</h3>
          {interests.length ? (
            <ul>
              {interests.map((i) => (
                <li>
                  {i.kind === 'interest' ? '関心あり' : '案内済み'}：{i.groupName}
                  {i.message ? `「${i.message}」` : ''}（{formatDateTime(i.createdAt)}）
                </li>
              ))}
            </ul>
          ) : (
            <p>まだありません。</p>
          )}
          <h3>調整中の組み合わせ</h3>
          <PairingTable rows={pairs} />
        </section>
      ) : null}
      {groups.length && ['published', 'coordinating'].includes(n.status) ? (
        <section class="panel">
          <h2>関心があります</h2>
          <p>
            この協働ニーズに関心がある団体は、担当課へ簡単なメッセージを送れます。担当課と協働推進課から連絡します。
          </p>
          <Form action={`/needs/${n.id}/interest`} csrf={c.get('csrfToken')}>
            <Select
              name="groupId"
              label="団体"
              required
              options={groups.map((g) => ({ value: g.id, label: g.name }))}
              values={{}}
            />
            <TextArea
              name="message"
              label="メッセージ"
              rows={3}
              values={{}}
              help="500文字以内。できること、連絡のつきやすい時間など。"
            />
            <Submit label="関心があります" />
          </Form>
        </section>
      ) : null}
    </article>,
    { section: 'needs', crumbs: [{ label: '協働ニーズ', href: '/needs' }, { label: n.title }] },
  )
})

needsRoutes.get('/needs/:id/edit', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.edit', n)
  const lk = await lookups(ctx)
  const values: Record<string, unknown> = {
    ...n,
    hasBudget: n.hasBudget ? 'yes' : 'no',
    status: n.status === 'draft' ? 'draft' : 'published',
    budgetLimit: n.budgetLimit ?? '',
  }
  return render(
    c,
    '協働ニーズを編集',
    <section>
      <h1>協働ニーズを編集</h1>
      <NeedForm
        c={c}
        lk={lk}
        deps={myDeps(c, lk)}
        action={`/needs/${n.id}/edit`}
        submit="保存する"
        values={values}
      />
    </section>,
    {
      section: 'needs',
      crumbs: [
        { label: '協働ニーズ', href: '/needs' },
        { label: n.title, href: `/needs/${n.id}` },
        { label: '編集' },
      ],
    },
  )
})

needsRoutes.post('/needs/:id/edit', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.edit', n)
  const body = await formBody(c)
  const lk = await lookups(ctx)
  const r = await parseNeed(c, body, lk)
  if (!r.ok)
    return render(
      c,
      '協働ニーズを編集',
      <section>
        <h1>協働ニーズを編集</h1>
        <NeedForm
          c={c}
          lk={lk}
          deps={myDeps(c, lk)}
          action={`/needs/${n.id}/edit`}
          submit="保存する"
          values={body}
          errors={r.errors}
        />
      </section>,
      { status: 422, section: 'needs' },
    )
  await updateNeed(ctx, n, r.data)
  setFlash(c, '協働ニーズを保存しました。')
  return c.redirect(`/needs/${n.id}`, 303)
})

needsRoutes.post('/needs/:id/status', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.edit', n)
  const body = await formBody(c)
  const to = String(body.status ?? '')
  if (!(NEED_TRANSITIONS[n.status] ?? []).includes(to)) {
    // A stale page (someone changed the state meanwhile): back to the need, which shows the choices.
    setFlash(c, `現在の状態（${labelOf(NEED_STATUSES, n.status)}）からは、その状態には変更できません。`)
    return c.redirect(`/needs/${n.id}`, 303)
  }
  const ask = await confirmFirst(c, body, {
    title: '状態の変更の確認',
    message: `協働ニーズ「${n.title}」の状態を「${labelOf(NEED_STATUSES, n.status)}」から「${labelOf(NEED_STATUSES, to)}」に変更します。よろしいですか。`,
    detail: STATUS_NOTES[to],
    submit: statusVerb(to),
    danger: to === 'withdrawn',
    back: `/needs/${n.id}`,
    section: 'needs',
    crumbs: [
      { label: '協働ニーズ', href: '/needs' },
      { label: n.title, href: `/needs/${n.id}` },
      { label: '状態の変更' },
    ],
  })
  if (ask) return ask
  await setNeedStatus(ctx, n, to)
  setFlash(c, `状態を「${labelOf(NEED_STATUSES, to)}」に変更しました。`)
  return c.redirect(`/needs/${n.id}`, 303)
})

needsRoutes.post('/needs/:id/interest', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.interest')
  const body = await formBody(c)
  const r = validate(interestSchema, body)
  if (!r.ok) {
    setFlash(c, Object.values(r.errors).join(' '))
    return c.redirect(`/needs/${n.id}`, 303)
  }
  const row = await expressInterest(ctx, n, r.data.groupId, r.data.message)
  setFlash(
    c,
    row.updated
      ? 'すでに「関心があります」を送っています。メッセージを新しい内容に更新しました（お知らせは重ねて送りません）。'
      : '担当課と協働推進課に「関心があります」を送りました。',
  )
  return c.redirect(`/needs/${n.id}`, 303)
})

needsRoutes.post('/needs/:id/invite', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.edit', n)
  const body = await formBody(c)
  const r = validate(interestSchema, body)
  if (!r.ok) {
    setFlash(c, Object.values(r.errors).join(' '))
    return c.redirect(`/needs/${n.id}/matches`, 303)
  }
  const reach = await inviteGroup(ctx, n, r.data.groupId, r.data.message)
  setFlash(
    c,
    reach.via === 'members'
      ? `団体のメンバー${reach.count}人にこの協働ニーズを案内しました（お知らせとメール）。`
      : reach.via === 'contact'
        ? '団体にはアカウントがないため、団体が登録した連絡先メールアドレスに案内をメールで送りました。'
        : '案内を記録しましたが、団体に届けられませんでした：団体にはアカウントがなく、連絡先メールアドレスも使えません（未登録か、公開範囲で利用が認められていません）。電話など別の方法で連絡してください。',
  )
  return c.redirect(`/needs/${n.id}/matches`, 303)
})

// ------------------------------------------------------------------ hearings

needsRoutes.get('/coordination/hearings', async (c) => {
  const ctx = await authorize(c, 'hearing.view')
  return hearingsPage(c, await listHearings(ctx))
})

function hearingsPage(
  c: C,
  list: Awaited<ReturnType<typeof listHearings>>,
  values?: Record<string, unknown>,
  errors?: FieldErrors,
) {
  const manage = can(c.get('ctx').actor, 'hearing.manage')
  return render(
    c,
    '協働ニーズのヒアリング',
    <section>
      <h1>協働ニーズのヒアリング（市が希望している協働事業）</h1>
      <ul class="link-list">
        {list.map((h) => (
          <li>
            <a href={`/coordination/hearings/${h.id}`}>{h.title}</a>（
            {h.status === 'open' ? '回答受付中' : '公表済み'}、回答期限 {ymdJa(h.dueOn)}）
          </li>
        ))}
      </ul>
      {list.length === 0 ? <p>まだヒアリングはありません。</p> : null}
      {manage ? (
        <section class="panel">
          <h2>ヒアリングを開始する</h2>
          <ErrorSummary errors={errors} />
          <Form action="/coordination/hearings" csrf={c.get('csrfToken')}>
            <TextField
              name="title"
              label="ヒアリング名"
              required
              values={values ?? { title: '協働ニーズ調査（市が希望している協働事業のヒアリング）' }}
              errors={errors}
            />
            <TextArea name="message" label="各課への依頼文" rows={4} values={values} errors={errors} />
            <DateField name="dueOn" label="回答期限" required values={values} errors={errors} />
            <Submit label="各課に依頼する" />
          </Form>
        </section>
      ) : null}
    </section>,
    { status: errors ? 422 : 200, crumbs: [{ label: '協働ニーズのヒアリング' }] },
  )
}

needsRoutes.post('/coordination/hearings', async (c) => {
  const ctx = await authorize(c, 'hearing.manage')
  const body = await formBody(c)
  const r = validate(hearingSchema, collectDateParts(body, ['dueOn']))
  if (!r.ok) return hearingsPage(c, await listHearings(ctx), body, r.errors)
  try {
    const h = await openHearing(ctx, { ...r.data, dueOn: r.data.dueOn! })
    setFlash(c, 'ヒアリングを開始し、各課に依頼しました。')
    return c.redirect(`/coordination/hearings/${h.id}`, 303)
  } catch (e: any) {
    if (e.fields) return hearingsPage(c, await listHearings(ctx), body, e.fields)
    throw e
  }
})

async function loadHearing(c: C) {
  const h = await getHearing(c.get('ctx'), idOr404(c))
  if (!h) throw notFound()
  return h
}

needsRoutes.get('/coordination/hearings/:id', async (c) => {
  const h = await loadHearing(c)
  const ctx = await authorize(c, 'hearing.view')
  return hearingPage(c, h, await hearingStatus(ctx, h.id))
})

function hearingPage(
  c: C,
  h: NonNullable<Awaited<ReturnType<typeof getHearing>>>,
  rows: Awaited<ReturnType<typeof hearingStatus>>,
  errors?: FieldErrors,
  values?: Record<string, unknown>,
) {
  const a = c.get('ctx').actor!
  const manage = can(a, 'hearing.manage')
  const csrf = c.get('csrfToken')
  const mine = rows.filter((r) => departmentIdsOf(a).includes(r.departmentId))
  const answered = rows.filter((r) => r.answer !== 'pending').length
  const ANS: Record<string, string> = { pending: '未回答', needs: 'ニーズを登録', none: '今年度はなし' }
  return render(
    c,
    h.title,
    <section>
      <h1>{h.title}</h1>
      <p>
        回答期限：{ymdJa(h.dueOn)} ／ 状態：{h.status === 'open' ? '回答受付中' : '公表済み'} ／ 回答{' '}
        {answered}/{rows.length}課
      </p>
      {h.message ? <p class="prewrap">{h.message}</p> : null}
      {h.status === 'open' && mine.length ? (
        <section class="panel">
          <h2>所属課の回答</h2>
          <ErrorSummary errors={errors} />
          {mine.map((r) => (
            <div>
              <h3>
                {r.departmentName}（{ANS[r.answer]}）
              </h3>
              <p>
                <a href="/needs/new">協働ニーズを登録する</a>
                （登録するとこのヒアリングへの回答になります。公表まで下書きのままでも構いません）
              </p>
              <Form action={`/coordination/hearings/${h.id}/answer`} csrf={csrf}>
                <input type="hidden" name="departmentId" value={r.departmentId} />
                <input type="hidden" name="answer" value="none" />
                <TextArea
                  name="reason"
                  label="今年度はなしの理由"
                  required
                  rows={2}
                  values={values ?? { reason: r.reason }}
                  errors={errors}
                />
                <Submit label="「今年度はなし」と回答する" secondary />
              </Form>
            </div>
          ))}
        </section>
      ) : null}
      {manage ? (
        <>
          <div class="actions">
            {h.status === 'open' ? (
              <>
                <Form action={`/coordination/hearings/${h.id}/remind`} csrf={csrf} class="inline-form">
                  <Submit label="未回答の課に再依頼する" secondary />
                </Form>
                <Form action={`/coordination/hearings/${h.id}/publish`} csrf={csrf} class="inline-form">
                  <Submit label="集まった協働ニーズを公表する" />
                </Form>
              </>
            ) : null}
          </div>
          <div class="table-wrap">
            <table class="table table--stack">
              <caption>課ごとの回答状況</caption>
              <thead>
                <tr>
                  <th scope="col">課</th>
                  <th scope="col">回答</th>
                  <th scope="col">協働ニーズ・理由</th>
                  <th scope="col">再依頼</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td data-label="課">{r.departmentName}</td>
                    <td data-label="回答">{ANS[r.answer]}</td>
                    <td data-label="協働ニーズ・理由">
                      {r.needs.map((n) => (
                        <a href={`/needs/${n.id}`}>{n.title}</a>
                      ))}
                      {r.answer === 'none' ? r.reason : ''}
                    </td>
                    <td data-label="再依頼">{r.remindCount ? `${r.remindCount}回` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>,
    {
      status: errors ? 422 : 200,
      crumbs: [{ label: '協働ニーズのヒアリング', href: '/coordination/hearings' }, { label: h.title }],
    },
  )
}

needsRoutes.post('/coordination/hearings/:id/answer', async (c) => {
  const h = await loadHearing(c)
  const body = await formBody(c)
  const departmentId = String(body.departmentId ?? '')
  if (!isUuid(departmentId)) throw notFound()
  const ctx = await authorize(c, 'need.edit', { departmentId })
  const r = validate(hearingAnswerSchema, body)
  if (!r.ok) return hearingPage(c, h, await hearingStatus(ctx, h.id), r.errors, body)
  const done = await answerHearing(ctx, h.id, departmentId, r.data)
  if (!done) throw notFound()
  setFlash(c, '回答しました。')
  return c.redirect(`/coordination/hearings/${h.id}`, 303)
})

needsRoutes.post('/coordination/hearings/:id/remind', async (c) => {
  const h = await loadHearing(c)
  const ctx = await authorize(c, 'hearing.manage', h)
  const n = await remindHearing(ctx, h.id)
  setFlash(c, `未回答の${n}課に再依頼しました。`)
  return c.redirect(`/coordination/hearings/${h.id}`, 303)
})

needsRoutes.post('/coordination/hearings/:id/publish', async (c) => {
  const h = await loadHearing(c)
  const ctx = await authorize(c, 'hearing.manage', h)
  const n = await publishHearing(ctx, h.id)
  setFlash(c, `集まった協働ニーズ${n}件を公表しました。`)
  return c.redirect(`/coordination/hearings/${h.id}`, 303)
})
