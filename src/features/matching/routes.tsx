import { Hono } from 'hono'
import type { Context } from 'hono'
import { groupRolesOf } from '../groups/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import type { AppEnv } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
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
import { Notice, Pagination, paging } from '../../core/ui/parts.tsx'
import { can } from '../../core/policy.ts'
import { COLLAB_FORMS, labelOf, RESOURCES } from '../../core/vocabulary.ts'
import { collectDateParts, type FieldErrors, validate } from '../../core/validation.ts'
import { getGroup, getGroups, publishedGroups } from './candidates.ts'
import {
  CITY_OFFERS,
  DIGESTS,
  followSchema,
  hearingAnswerSchema,
  hearingSchema,
  interestSchema,
  MENU_KINDS,
  meetingSchema,
  menuSchema,
  NEED_STATUSES,
  NEED_TRANSITIONS,
  needSchema,
  offerSchema,
  PARTNER_WANTS,
  planSchema,
  projectSchema,
  STAGE_TRANSITIONS,
  STAGES,
  stageSchema,
  todayYmd,
  VISIBILITIES,
} from './domain.ts'
import * as svc from './service.ts'
import { Dl, Facet, NeedCard, NeedDetails, StageBadge, ymdJa } from './views.tsx'

export const matchingRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const opts = <T extends { code: string; label: string }>(l: readonly T[]) =>
  l.map((x) => ({ value: x.code, label: x.label }))
const idOr404 = (c: C, name = 'id') => {
  const id = c.req.param(name)
  if (!isUuid(id)) throw notFound()
  return id
}
const NEED_DATES = ['periodStart', 'periodEnd', 'deadline']

// ------------------------------------------------------------------ needs: list

matchingRoutes.get('/needs', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const q = c.req.query()
  const { page } = paging(q)
  const lk = await svc.lookups(ctx)
  const r = await svc.listNeeds(ctx, {
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
  lk: svc.Lookups
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
          help="半角数字で入力してください（例：500000）。予算ありのときのみ。"
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

const myDeps = (c: C, lk: svc.Lookups) => {
  const a = c.get('ctx').actor!
  return a.isCoordinator || a.isAdmin
    ? lk.departments
    : lk.departments.filter((d) => departmentIdsOf(a).includes(d.id))
}

matchingRoutes.get('/needs/new', async (c) => {
  const ctx = await authorize(c, 'need.create')
  const lk = await svc.lookups(ctx)
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

async function parseNeed(c: C, body: Record<string, unknown>, lk: svc.Lookups) {
  const ctx = c.get('ctx')
  const r = validate(needSchema(lk.fields.map((f) => f.code)), collectDateParts(body, NEED_DATES))
  if (!r.ok) return r
  const more = await svc.checkNeedRefs(ctx, r.data as svc.NeedInput)
  if (Object.keys(more).length) return { ok: false as const, errors: more }
  return { ok: true as const, data: r.data as svc.NeedInput }
}

matchingRoutes.post('/needs', async (c) => {
  const ctx = await authorize(c, 'need.create')
  const body = await formBody(c)
  const lk = await svc.lookups(ctx)
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
  const n = await svc.createNeed(ctx, r.data)
  setFlash(
    c,
    n.status === 'published' ? '協働ニーズを公開しました。' : '協働ニーズを下書きとして保存しました。',
  )
  return c.redirect(`/needs/${n.id}`, 303)
})

matchingRoutes.get('/needs/mine', async (c) => {
  const ctx = await authorize(c, 'need.mine')
  const lk = await svc.lookups(ctx)
  const list = await svc.myNeeds(ctx)
  const pairs = await svc.myPairings(ctx)
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

matchingRoutes.get('/needs/plans', async (c) => {
  const ctx = await authorize(c, 'plans.manage')
  const lk = await svc.lookups(ctx)
  return plansPage(c, lk)
})

function plansPage(c: C, lk: svc.Lookups, values?: Record<string, unknown>, errors?: FieldErrors) {
  return render(
    c,
    '計画・施策の一覧',
    <section>
      <h1>計画・施策の一覧（協働ニーズの関連付け先）</h1>
      <table class="table">
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
              <td>{p.name}</td>
              <td>{p.description}</td>
              <td>{p.active ? '使用中' : '使用停止'}</td>
              <td>
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

matchingRoutes.post('/needs/plans', async (c) => {
  const ctx = await authorize(c, 'plans.manage')
  const body = await formBody(c)
  const r = validate(planSchema, body)
  if (!r.ok) return plansPage(c, await svc.lookups(ctx), body, r.errors)
  try {
    await svc.createPlan(ctx, r.data)
  } catch (e: any) {
    if (e.fields) return plansPage(c, await svc.lookups(ctx), body, e.fields)
    throw e
  }
  setFlash(c, '計画・施策を追加しました。')
  return c.redirect('/needs/plans', 303)
})

matchingRoutes.post('/needs/plans/:id/toggle', async (c) => {
  const ctx = await authorize(c, 'plans.manage')
  const id = idOr404(c)
  const lk = await svc.lookups(ctx)
  const p = lk.plans.find((x) => x.id === id)
  if (!p) throw notFound()
  await svc.setPlanActive(ctx, id, !p.active)
  setFlash(c, '計画・施策の状態を変更しました。')
  return c.redirect('/needs/plans', 303)
})

// ------------------------------------------------------------------ needs: one

async function loadNeed(c: C) {
  const id = idOr404(c)
  const n = await svc.getNeed(c.get('ctx'), id)
  if (!n) throw notFound('協働ニーズ')
  return n
}

matchingRoutes.get('/needs/:id', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.view', n)
  const lk = await svc.lookups(ctx)
  const owner = can(ctx.actor, 'need.edit', n)
  const myGroups = Object.keys(groupRolesOf(ctx.actor))
  const groups = myGroups.length ? await getGroups(ctx, myGroups) : []
  const interests = owner ? await svc.interestsOf(ctx, n.id) : []
  const pairs = owner ? await svc.pairingsOfNeed(ctx, n.id) : []
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
          </ul>
          <Form action={`/needs/${n.id}/status`} csrf={c.get('csrfToken')} class="inline-form">
            <Select
              name="status"
              label="状態を変更"
              required
              options={(NEED_TRANSITIONS[n.status] ?? []).map((s) => ({
                value: s,
                label: labelOf(NEED_STATUSES, s),
              }))}
              values={{}}
            />
            <Submit label="変更する" secondary />
          </Form>
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

matchingRoutes.get('/needs/:id/edit', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.edit', n)
  const lk = await svc.lookups(ctx)
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

matchingRoutes.post('/needs/:id/edit', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.edit', n)
  const body = await formBody(c)
  const lk = await svc.lookups(ctx)
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
  await svc.updateNeed(ctx, n, r.data)
  setFlash(c, '協働ニーズを保存しました。')
  return c.redirect(`/needs/${n.id}`, 303)
})

matchingRoutes.post('/needs/:id/status', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.edit', n)
  const body = await formBody(c)
  await svc.setNeedStatus(ctx, n, String(body.status ?? ''))
  setFlash(c, '状態を変更しました。')
  return c.redirect(`/needs/${n.id}`, 303)
})

matchingRoutes.post('/needs/:id/interest', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.interest')
  const body = await formBody(c)
  const r = validate(interestSchema, body)
  if (!r.ok) {
    setFlash(c, Object.values(r.errors).join(' '))
    return c.redirect(`/needs/${n.id}`, 303)
  }
  await svc.expressInterest(ctx, n, r.data.groupId, r.data.message)
  setFlash(c, '担当課に「関心があります」を送りました。')
  return c.redirect(`/needs/${n.id}`, 303)
})

matchingRoutes.post('/needs/:id/invite', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.edit', n)
  const body = await formBody(c)
  const r = validate(interestSchema, body)
  if (!r.ok) {
    setFlash(c, Object.values(r.errors).join(' '))
    return c.redirect(`/needs/${n.id}/matches`, 303)
  }
  await svc.inviteGroup(ctx, n, r.data.groupId, r.data.message)
  setFlash(c, '団体にこの協働ニーズを案内しました。')
  return c.redirect(`/needs/${n.id}/matches`, 303)
})

matchingRoutes.get('/needs/:id/matches', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.edit', n)
  const [groups, offerMatches, existing] = await Promise.all([
    svc.matchGroupsForNeed(ctx, n, 10),
    svc.matchOffersForNeed(ctx, n, 5),
    svc.pairingsOfNeed(ctx, n.id),
  ])
  const onBoard = new Set(existing.map((p) => p.groupId))
  const csrf = c.get('csrfToken')
  return render(
    c,
    `おすすめの団体：${n.title}`,
    <section>
      <h1>おすすめの団体</h1>
      <p class="lead">
        「{n.title}
        」に合いそうな団体を、分野・地区・本文の言葉（類義語を含む）・協働の形態・実績から順に並べました。理由を確かめてから紹介してください。
      </p>
      <ol class="matches">
        {groups.map((m) => (
          <li class="card">
            <h2 class="card__title">
              {m.groupName} <span class="small muted">（適合度 {m.score}）</span>
            </h2>
            <ul class="reasons">
              {m.reasons.map((r) => (
                <li>{r}</li>
              ))}
            </ul>
            {onBoard.has(m.groupId) ? (
              <p>
                <a href={`/coordination/pairings/${existing.find((p) => p.groupId === m.groupId)!.id}`}>
                  調整ボードに追加済み
                </a>
              </p>
            ) : (
              <div class="actions">
                <Form action={`/needs/${n.id}/pairings`} csrf={csrf} class="inline-form">
                  <input type="hidden" name="groupId" value={m.groupId} />
                  <Submit label="調整ボードに候補として追加" />
                </Form>
                <Form action={`/needs/${n.id}/invite`} csrf={csrf} class="inline-form">
                  <input type="hidden" name="groupId" value={m.groupId} />
                  <Submit label="このニーズを団体に案内する" secondary />
                </Form>
              </div>
            )}
          </li>
        ))}
      </ol>
      {groups.length === 0 ? <p>条件に合う公開中の団体が見つかりませんでした。</p> : null}
      <h2>合いそうな「できること」（団体の提案）</h2>
      {offerMatches.length ? (
        <ul>
          {offerMatches.map((o) => (
            <li>
              <a href={`/offers/${o.offerId}`}>{o.title}</a>（{o.groupName}、適合度 {o.score}）：
              {o.reasons.join('／')}
            </li>
          ))}
        </ul>
      ) : (
        <p>合いそうな「できること」はまだありません。</p>
      )}
    </section>,
    {
      section: 'needs',
      crumbs: [
        { label: '協働ニーズ', href: '/needs' },
        { label: n.title, href: `/needs/${n.id}` },
        { label: 'おすすめの団体' },
      ],
    },
  )
})

matchingRoutes.post('/needs/:id/pairings', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'pairing.create', n)
  const body = await formBody(c)
  const groupId = String(body.groupId ?? '')
  if (!isUuid(groupId)) throw notFound('団体')
  const m = (await svc.matchGroupsForNeed(ctx, n, 50)).find((x) => x.groupId === groupId)
  const p = await svc.createPairing(ctx, {
    needId: n.id,
    groupId,
    departmentId: n.departmentId,
    score: m?.score ?? null,
    reasons: m?.reasons ?? [],
  })
  setFlash(c, '調整ボードに候補として追加しました。')
  return c.redirect(`/coordination/pairings/${p.id}`, 303)
})

// ------------------------------------------------------------------ offers

matchingRoutes.get('/offers', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const q = c.req.query()
  const { page } = paging(q)
  const lk = await svc.lookups(ctx)
  const r = await svc.listOffers(ctx, { q: q.q, field: q.field, form: q.form, page })
  const query = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][])
  return render(
    c,
    '団体のできること',
    <section>
      <h1>団体の「できること・協働したいこと」</h1>
      {can(ctx.actor, 'offer.create') ? (
        <p>
          <a href="/offers/new" class="button">
            できること・協働したいことを登録する
          </a>
        </p>
      ) : null}
      <Form action="/offers" method="get" csrf="">
        <TextField name="q" label="キーワード" values={q} />
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
          ].map((f) => (
            <Facet {...f} query={query} base="/offers" />
          ))}
        </aside>
        <div>
          <p role="status">{r.total}件</p>
          <ul class="cards">
            {r.items.map((o) => (
              <li class="card">
                <h2 class="card__title">
                  <a href={`/offers/${o.id}`}>{o.title}</a>
                </h2>
                <p class="small">{o.groupName}</p>
                <p>{o.body.length > 120 ? `${o.body.slice(0, 120)}…` : o.body}</p>
              </li>
            ))}
          </ul>
          <Pagination page={page} perPage={20} total={r.total} baseQuery={query} />
        </div>
      </div>
    </section>,
    { section: 'needs', crumbs: [{ label: '協働ニーズ', href: '/needs' }, { label: '団体のできること' }] },
  )
})

function OfferForm(p: {
  c: C
  lk: svc.Lookups
  groups: { id: string; name: string }[]
  values: Record<string, unknown>
  errors?: FieldErrors
}) {
  const { values, errors, lk } = p
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form action="/offers" csrf={p.c.get('csrfToken')}>
        <Select
          name="groupId"
          label="団体"
          required
          options={p.groups.map((g) => ({ value: g.id, label: g.name }))}
          values={values}
          errors={errors}
        />
        <TextField name="title" label="件名" required values={values} errors={errors} />
        <TextArea
          name="body"
          label="できること・協働したいこと"
          required
          rows={6}
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
        <Checkbox name="citywide" label="市内全域で活動できる" values={values} />
        <ChoiceGroup
          name="areaIds"
          label="地区"
          multiple
          columns
          options={lk.areas.map((a) => ({ value: a.id, label: a.name }))}
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="forms"
          label="希望する協働の形態"
          multiple
          columns
          options={opts(COLLAB_FORMS)}
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="resources"
          label="提供できる資源"
          multiple
          columns
          options={opts(RESOURCES)}
          values={values}
          errors={errors}
        />
        <TextField
          name="timing"
          label="時期"
          values={values}
          errors={errors}
          help="例：通年、毎月第2土曜日、夏休み期間"
        />
        <Submit label="登録する" />
      </Form>
    </>
  )
}

async function myGroupsOf(c: C) {
  const ctx = c.get('ctx')
  const a = ctx.actor!
  if (a.isCoordinator || a.isAdmin) return publishedGroups(ctx, 500)
  return (await getGroups(ctx, Object.keys(groupRolesOf(a)))).map((g) => ({ id: g.id, name: g.name }))
}

matchingRoutes.get('/offers/new', async (c) => {
  const ctx = await authorize(c, 'offer.create')
  const lk = await svc.lookups(ctx)
  const groups = await myGroupsOf(c)
  return render(
    c,
    'できること・協働したいことを登録',
    <section>
      <h1>できること・協働したいことを登録</h1>
      <OfferForm c={c} lk={lk} groups={groups} values={{ groupId: groups[0]?.id }} />
    </section>,
    { section: 'needs', crumbs: [{ label: '団体のできること', href: '/offers' }, { label: '登録' }] },
  )
})

matchingRoutes.post('/offers', async (c) => {
  const ctx = await authorize(c, 'offer.create')
  const body = await formBody(c)
  const lk = await svc.lookups(ctx)
  const r = validate(offerSchema(lk.fields.map((f) => f.code)), body)
  const page = async (errors: FieldErrors) =>
    render(
      c,
      'できること・協働したいことを登録',
      <section>
        <h1>できること・協働したいことを登録</h1>
        <OfferForm c={c} lk={lk} groups={await myGroupsOf(c)} values={body} errors={errors} />
      </section>,
      { status: 422, section: 'needs' },
    )
  if (!r.ok) return page(r.errors)
  try {
    const o = await svc.createOffer(ctx, r.data)
    setFlash(c, '登録しました。')
    return c.redirect(`/offers/${o.id}`, 303)
  } catch (e: any) {
    if (e.fields) return page(e.fields)
    throw e
  }
})

matchingRoutes.get('/offers/:id', async (c) => {
  const id = idOr404(c)
  const ctx = await authorize(c, 'site.view')
  const o = await svc.getOffer(ctx, id)
  if (!o) throw notFound()
  const lk = await svc.lookups(ctx)
  const matches = isStaffLike(c, o.groupId) ? await svc.matchNeedsForOffer(ctx, o, 5) : []
  return render(
    c,
    o.title,
    <article>
      <h1>{o.title}</h1>
      <Dl
        rows={[
          ['団体', o.group.name],
          ['内容', <p class="prewrap">{o.body}</p>],
          ['分野', o.fields.map(lk.fieldName).join('、')],
          ['地区', o.citywide ? '市内全域' : o.areaIds.map(lk.areaName).join('、') || '—'],
          ['希望する協働の形態', o.forms.map((f) => labelOf(COLLAB_FORMS, f)).join('、') || '—'],
          ['提供できる資源', o.resources.map((r) => labelOf(RESOURCES, r)).join('、') || '—'],
          ['時期', o.timing || '—'],
        ]}
      />
      {matches.length ? (
        <section>
          <h2>合いそうな協働ニーズ</h2>
          <ul>
            {matches.map((m) => (
              <li>
                <a href={`/needs/${m.needId}`}>{m.title}</a>（適合度 {m.score}）：{m.reasons.join('／')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>,
    { section: 'needs', crumbs: [{ label: '団体のできること', href: '/offers' }, { label: o.title }] },
  )
})

const isStaffLike = (c: C, groupId: string) => can(c.get('ctx').actor, 'group.matches', { id: groupId })

// ------------------------------------------------------------------ collaboration menu

function MenuPage(p: {
  c: C
  lk: svc.Lookups
  items: Awaited<ReturnType<typeof svc.listMenu>>
  values?: Record<string, unknown>
  errors?: FieldErrors
}) {
  const manage = can(p.c.get('ctx').actor, 'menu.manage')
  const csrf = p.c.get('csrfToken')
  return (
    <section>
      <h1>協働メニュー（市に頼めること）</h1>
      <p class="lead">
        市民活動団体が市にお願いできることの一覧です。担当課・条件・申請方法を確認し、わからないときは協働推進の窓口にご相談ください。
      </p>
      {MENU_KINDS.map((k) => {
        const list = p.items.filter((i) => i.kind === k.code)
        if (!list.length) return null
        return (
          <section>
            <h2>{k.label}</h2>
            {list.map((i) => (
              <article class="card">
                <h3 class="card__title">{i.title}</h3>
                <p class="prewrap">{i.description}</p>
                <Dl
                  rows={[
                    ['担当課', p.lk.depName(i.departmentId) || '—'],
                    ['条件', i.conditions || '—'],
                    ['申請方法', i.howToApply || '—'],
                  ]}
                />
                {manage ? (
                  <Form action={`/menu/${i.id}/remove`} csrf={csrf} class="inline-form">
                    <Submit label="掲載をやめる" secondary />
                  </Form>
                ) : null}
              </article>
            ))}
          </section>
        )
      })}
      {manage ? (
        <section class="panel">
          <h2>メニューを追加（コーディネーター）</h2>
          <ErrorSummary errors={p.errors} />
          <Form action="/menu" csrf={csrf}>
            <Select
              name="kind"
              label="種類"
              required
              options={opts(MENU_KINDS)}
              values={p.values}
              errors={p.errors}
            />
            <TextField name="title" label="名称" required values={p.values} errors={p.errors} />
            <TextArea name="description" label="内容" rows={3} values={p.values} errors={p.errors} />
            <Select
              name="departmentId"
              label="担当課"
              empty="（選択しない）"
              options={p.lk.departments.map((d) => ({ value: d.id, label: d.name }))}
              values={p.values}
              errors={p.errors}
            />
            <TextArea name="conditions" label="条件" rows={2} values={p.values} errors={p.errors} />
            <TextArea name="howToApply" label="申請方法" rows={2} values={p.values} errors={p.errors} />
            <Submit label="追加する" />
          </Form>
        </section>
      ) : null}
    </section>
  )
}

matchingRoutes.get('/menu', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const [lk, items] = await Promise.all([svc.lookups(ctx), svc.listMenu(ctx)])
  return render(c, '協働メニュー', <MenuPage c={c} lk={lk} items={items} />, {
    section: 'needs',
    crumbs: [{ label: '協働メニュー' }],
  })
})

matchingRoutes.post('/menu', async (c) => {
  const ctx = await authorize(c, 'menu.manage')
  const body = await formBody(c)
  const r = validate(menuSchema, body)
  if (!r.ok) {
    const [lk, items] = await Promise.all([svc.lookups(ctx), svc.listMenu(ctx)])
    return render(
      c,
      '協働メニュー',
      <MenuPage c={c} lk={lk} items={items} values={body} errors={r.errors} />,
      { status: 422 },
    )
  }
  await svc.createMenuItem(ctx, { ...r.data, departmentId: r.data.departmentId ?? null })
  setFlash(c, '協働メニューに追加しました。')
  return c.redirect('/menu', 303)
})

matchingRoutes.post('/menu/:id/remove', async (c) => {
  const ctx = await authorize(c, 'menu.manage')
  const m = await svc.getMenuItem(ctx, idOr404(c))
  if (!m) throw notFound()
  await svc.updateMenuItem(ctx, m, { active: false })
  setFlash(c, '掲載をやめました。')
  return c.redirect('/menu', 303)
})

// ------------------------------------------------------------------ board and pairings

function PairingTable({ rows }: { rows: Awaited<ReturnType<typeof svc.board>> }) {
  if (!rows.length) return <p>まだありません。</p>
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">ニーズ・提案</th>
            <th scope="col">団体</th>
            <th scope="col">段階</th>
            <th scope="col">更新</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr>
              <td>
                <a href={`/coordination/pairings/${p.id}`}>{p.subject || '（件名なし）'}</a>
              </td>
              <td>{p.groupName}</td>
              <td>
                <StageBadge stage={p.stage} />
              </td>
              <td>{formatDateTime(p.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

matchingRoutes.get('/coordination/board', async (c) => {
  const ctx = await authorize(c, 'board.view')
  const rows = await svc.board(ctx)
  return render(
    c,
    '調整ボード',
    <section>
      <h1>調整ボード（コーディネーター）</h1>
      <p>
        <a href="/coordination/hearings">協働ニーズのヒアリング</a> ／ <a href="/projects">協働事業</a>
      </p>
      <div class="board">
        {STAGES.map((s) => {
          const list = rows.filter((r) => r.stage === s.code)
          return (
            <section class="board__column" aria-labelledby={`stage-${s.code}`}>
              <h2 id={`stage-${s.code}`}>
                {s.label}（{list.length}）
              </h2>
              <ul class="link-list">
                {list.map((p) => (
                  <li>
                    <a href={`/coordination/pairings/${p.id}`}>
                      {p.subject} × {p.groupName}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )
        })}
      </div>
    </section>,
    { crumbs: [{ label: '調整ボード' }] },
  )
})

async function loadPairing(c: C) {
  const id = idOr404(c)
  const p = await svc.getPairing(c.get('ctx'), id)
  if (!p) throw notFound()
  return p
}

async function pairingPage(
  c: C,
  p: svc.Pairing,
  errors?: FieldErrors,
  values?: Record<string, unknown>,
  which?: string,
) {
  const ctx = c.get('ctx')
  const [events, g, lk] = await Promise.all([
    svc.pairingEventsOf(ctx, p.id),
    getGroup(ctx, p.groupId),
    svc.lookups(ctx),
  ])
  const need = p.needId ? await svc.getNeed(ctx, p.needId) : null
  const manage = can(ctx.actor, 'pairing.manage', p)
  const csrf = c.get('csrfToken')
  const next = STAGE_TRANSITIONS[p.stage] ?? []
  return render(
    c,
    '協働の調整',
    <section>
      <h1>
        協働の調整：{need?.title ?? '（提案）'} × {g?.name}
      </h1>
      <Dl
        rows={[
          ['段階', <StageBadge stage={p.stage} />],
          ['協働ニーズ', need ? <a href={`/needs/${need.id}`}>{need.title}</a> : '—'],
          ['団体', g?.name ?? ''],
          ['担当課', lk.depName(p.departmentId)],
          ['紹介日（顔合わせ）', ymdJa(p.introducedOn)],
          ['合意日', ymdJa(p.agreedOn)],
          ['見送りの理由', p.closedReason || '—'],
          ['マッチングの理由', p.reasons.length ? p.reasons.join('／') : '—'],
          ['協働事業', p.projectId ? <a href={`/projects/${p.projectId}`}>協働事業の記録を見る</a> : '—'],
        ]}
      />
      <h2>経過</h2>
      <ol class="timeline">
        {events.map((e) => (
          <li>
            <strong>{e.kind === 'meeting' ? `会議：${e.title}` : e.title}</strong>
            {e.on ? `（${ymdJa(e.on)}）` : ''}
            {e.minutes ? <p class="prewrap">{e.minutes}</p> : null}
            {e.decisions ? (
              <p class="prewrap">
                {e.kind === 'meeting' ? '決定事項：' : '理由：'}
                {e.decisions}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {manage && next.length ? (
        <section class="panel">
          <h2>段階を進める</h2>
          {which === 'stage' ? <ErrorSummary errors={errors} /> : null}
          <Form action={`/coordination/pairings/${p.id}/stage`} csrf={csrf}>
            <ChoiceGroup
              name="stage"
              label="次の段階"
              required
              options={next.map((s) => ({ value: s, label: labelOf(STAGES, s) }))}
              values={which === 'stage' ? values : {}}
              errors={which === 'stage' ? errors : undefined}
            />
            <DateField
              name="on"
              label="日付"
              required
              values={which === 'stage' ? values : { on: todayYmd() }}
              errors={which === 'stage' ? errors : undefined}
            />
            <TextArea
              name="note"
              label="メモ"
              rows={3}
              values={which === 'stage' ? values : {}}
              errors={which === 'stage' ? errors : undefined}
            />
            <TextArea
              name="reason"
              label="見送りの理由（見送りのとき）"
              rows={2}
              values={which === 'stage' ? values : {}}
              errors={which === 'stage' ? errors : undefined}
            />
            <Submit label="段階を変更する" />
          </Form>
        </section>
      ) : null}
      {manage && !['agreed', 'declined'].includes(p.stage) ? (
        <section class="panel">
          <h2>会議を記録する（顔合わせ・協議）</h2>
          {which === 'meeting' ? <ErrorSummary errors={errors} /> : null}
          <Form action={`/coordination/pairings/${p.id}/meetings`} csrf={csrf}>
            <TextField
              name="title"
              label="会議名"
              required
              values={which === 'meeting' ? values : { title: '顔合わせ' }}
              errors={which === 'meeting' ? errors : undefined}
            />
            <DateField
              name="on"
              label="開催日"
              required
              values={which === 'meeting' ? values : { on: todayYmd() }}
              errors={which === 'meeting' ? errors : undefined}
            />
            <TextArea
              name="minutes"
              label="議事録"
              required
              rows={5}
              values={which === 'meeting' ? values : {}}
              errors={which === 'meeting' ? errors : undefined}
            />
            <TextArea
              name="decisions"
              label="決定事項"
              rows={2}
              values={which === 'meeting' ? values : {}}
              errors={which === 'meeting' ? errors : undefined}
            />
            <Submit label="記録する" />
          </Form>
        </section>
      ) : null}
      {manage && p.stage === 'agreed' && !p.projectId ? (
        <section class="panel">
          <h2>協働事業として記録する</h2>
          {which === 'project' ? <ErrorSummary errors={errors} /> : null}
          <Form action={`/coordination/pairings/${p.id}/project`} csrf={csrf}>
            <TextField
              name="title"
              label="事業名"
              required
              values={which === 'project' ? values : { title: need?.title ?? '' }}
              errors={which === 'project' ? errors : undefined}
            />
            <Select
              name="form"
              label="協働の形態"
              required
              options={opts(COLLAB_FORMS)}
              values={which === 'project' ? values : { form: need?.forms[0] }}
              errors={which === 'project' ? errors : undefined}
            />
            <DateField
              name="startOn"
              label="開始日"
              required
              values={which === 'project' ? values : { startOn: p.agreedOn ?? todayYmd() }}
              errors={which === 'project' ? errors : undefined}
            />
            <TextArea
              name="purpose"
              label="目的"
              required
              rows={3}
              values={which === 'project' ? values : { purpose: need?.goal ?? '' }}
              errors={which === 'project' ? errors : undefined}
            />
            <Submit label="協働事業を記録する" />
          </Form>
        </section>
      ) : null}
    </section>,
    {
      status: errors ? 422 : 200,
      crumbs: [{ label: '調整ボード', href: '/coordination/board' }, { label: '協働の調整' }],
    },
  )
}

matchingRoutes.get('/coordination/pairings/:id', async (c) => {
  const p = await loadPairing(c)
  await authorize(c, 'pairing.view', p)
  return pairingPage(c, p)
})

matchingRoutes.post('/coordination/pairings/:id/stage', async (c) => {
  const p = await loadPairing(c)
  const ctx = await authorize(c, 'pairing.manage', p)
  const body = await formBody(c)
  const r = validate(stageSchema, collectDateParts(body, ['on']))
  if (!r.ok) return pairingPage(c, p, r.errors, body, 'stage')
  try {
    await svc.movePairing(ctx, p, { ...r.data, on: r.data.on! })
  } catch (e: any) {
    if (e.fields) return pairingPage(c, p, e.fields, body, 'stage')
    throw e
  }
  setFlash(c, `段階を「${labelOf(STAGES, r.data.stage)}」に変更しました。`)
  return c.redirect(`/coordination/pairings/${p.id}`, 303)
})

matchingRoutes.post('/coordination/pairings/:id/meetings', async (c) => {
  const p = await loadPairing(c)
  const ctx = await authorize(c, 'pairing.manage', p)
  const body = await formBody(c)
  const r = validate(meetingSchema, collectDateParts(body, ['on']))
  if (!r.ok) return pairingPage(c, p, r.errors, body, 'meeting')
  await svc.addMeeting(ctx, p, { ...r.data, on: r.data.on! })
  setFlash(c, '会議を記録しました。')
  return c.redirect(`/coordination/pairings/${p.id}`, 303)
})

matchingRoutes.post('/coordination/pairings/:id/project', async (c) => {
  const p = await loadPairing(c)
  const ctx = await authorize(c, 'pairing.manage', p)
  const body = await formBody(c)
  const r = validate(projectSchema, collectDateParts(body, ['startOn']))
  if (!r.ok) return pairingPage(c, p, r.errors, body, 'project')
  try {
    const pr = await svc.createProjectFromPairing(ctx, p, { ...r.data, startOn: r.data.startOn! })
    setFlash(c, '協働事業として記録しました。')
    return c.redirect(`/projects/${pr.id}`, 303)
  } catch (e: any) {
    if (e.fields) return pairingPage(c, p, e.fields, body, 'project')
    throw e
  }
})

// ------------------------------------------------------------------ hearings

matchingRoutes.get('/coordination/hearings', async (c) => {
  const ctx = await authorize(c, 'hearing.view')
  return hearingsPage(c, await svc.listHearings(ctx))
})

function hearingsPage(
  c: C,
  list: Awaited<ReturnType<typeof svc.listHearings>>,
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

matchingRoutes.post('/coordination/hearings', async (c) => {
  const ctx = await authorize(c, 'hearing.manage')
  const body = await formBody(c)
  const r = validate(hearingSchema, collectDateParts(body, ['dueOn']))
  if (!r.ok) return hearingsPage(c, await svc.listHearings(ctx), body, r.errors)
  try {
    const h = await svc.openHearing(ctx, { ...r.data, dueOn: r.data.dueOn! })
    setFlash(c, 'ヒアリングを開始し、各課に依頼しました。')
    return c.redirect(`/coordination/hearings/${h.id}`, 303)
  } catch (e: any) {
    if (e.fields) return hearingsPage(c, await svc.listHearings(ctx), body, e.fields)
    throw e
  }
})

async function loadHearing(c: C) {
  const h = await svc.getHearing(c.get('ctx'), idOr404(c))
  if (!h) throw notFound()
  return h
}

matchingRoutes.get('/coordination/hearings/:id', async (c) => {
  const h = await loadHearing(c)
  const ctx = await authorize(c, 'hearing.view')
  return hearingPage(c, h, await svc.hearingStatus(ctx, h.id))
})

function hearingPage(
  c: C,
  h: NonNullable<Awaited<ReturnType<typeof svc.getHearing>>>,
  rows: Awaited<ReturnType<typeof svc.hearingStatus>>,
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
            <table class="table">
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
                    <td>{r.departmentName}</td>
                    <td>{ANS[r.answer]}</td>
                    <td>
                      {r.needs.map((n) => (
                        <a href={`/needs/${n.id}`}>{n.title}</a>
                      ))}
                      {r.answer === 'none' ? r.reason : ''}
                    </td>
                    <td>{r.remindCount ? `${r.remindCount}回` : ''}</td>
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

matchingRoutes.post('/coordination/hearings/:id/answer', async (c) => {
  const h = await loadHearing(c)
  const body = await formBody(c)
  const departmentId = String(body.departmentId ?? '')
  if (!isUuid(departmentId)) throw notFound()
  const ctx = await authorize(c, 'need.edit', { departmentId })
  const r = validate(hearingAnswerSchema, body)
  if (!r.ok) return hearingPage(c, h, await svc.hearingStatus(ctx, h.id), r.errors, body)
  const done = await svc.answerHearing(ctx, h.id, departmentId, r.data)
  if (!done) throw notFound()
  setFlash(c, '回答しました。')
  return c.redirect(`/coordination/hearings/${h.id}`, 303)
})

matchingRoutes.post('/coordination/hearings/:id/remind', async (c) => {
  const h = await loadHearing(c)
  const ctx = await authorize(c, 'hearing.manage', h)
  const n = await svc.remindHearing(ctx, h.id)
  setFlash(c, `未回答の${n}課に再依頼しました。`)
  return c.redirect(`/coordination/hearings/${h.id}`, 303)
})

matchingRoutes.post('/coordination/hearings/:id/publish', async (c) => {
  const h = await loadHearing(c)
  const ctx = await authorize(c, 'hearing.manage', h)
  const n = await svc.publishHearing(ctx, h.id)
  setFlash(c, `集まった協働ニーズ${n}件を公表しました。`)
  return c.redirect(`/coordination/hearings/${h.id}`, 303)
})

// ------------------------------------------------------------------ projects

matchingRoutes.get('/projects', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const [list, lk] = await Promise.all([svc.listProjects(ctx), svc.lookups(ctx)])
  return render(
    c,
    '協働事業',
    <section>
      <h1>協働事業</h1>
      {list.length ? (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">事業名</th>
                <th scope="col">形態</th>
                <th scope="col">担当課</th>
                <th scope="col">協働の相手</th>
                <th scope="col">開始日</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr>
                  <td>
                    <a href={`/projects/${p.id}`}>{p.title}</a>
                  </td>
                  <td>{labelOf(COLLAB_FORMS, p.form)}</td>
                  <td>{lk.depName(p.departmentId)}</td>
                  <td>{p.partners.map((g) => g.name).join('、')}</td>
                  <td>{ymdJa(p.startOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>まだ協働事業はありません。</p>
      )}
    </section>,
    { crumbs: [{ label: '協働事業' }] },
  )
})

matchingRoutes.get('/projects/:id', async (c) => {
  const id = idOr404(c)
  const ctx = await authorize(c, 'site.view')
  const p = await svc.getProject(ctx, id)
  if (!p) throw notFound()
  const lk = await svc.lookups(ctx)
  return render(
    c,
    p.title,
    <article>
      <h1>{p.title}</h1>
      <Dl
        rows={[
          ['協働の形態', labelOf(COLLAB_FORMS, p.form)],
          ['担当課', lk.depName(p.departmentId)],
          [
            '協働の相手',
            p.partners.map((g) => (g.published ? <a href={`/groups/${g.id}`}>{g.name}</a> : g.name)),
          ],
          ['開始日', ymdJa(p.startOn)],
          ['目的', <p class="prewrap">{p.purpose}</p>],
          ['もとになった協働ニーズ', p.needId ? <a href={`/needs/${p.needId}`}>協働ニーズを見る</a> : '—'],
        ]}
      />
    </article>,
    { crumbs: [{ label: '協働事業', href: '/projects' }, { label: p.title }] },
  )
})

// ------------------------------------------------------------------ notifications

async function notificationsPage(c: C, values?: Record<string, unknown>, errors?: FieldErrors) {
  const ctx = c.get('ctx')
  const [list, follow, lk, pairs] = await Promise.all([
    svc.listNotifications(ctx),
    svc.getFollow(ctx),
    svc.lookups(ctx),
    svc.myPairings(ctx),
  ])
  const v = values ?? {
    fields: follow?.fields ?? [],
    areaIds: follow?.areaIds ?? [],
    digest: follow?.digest ?? 'weekly',
  }
  return render(
    c,
    'お知らせ',
    <section>
      <h1>お知らせ</h1>
      {list.some((n) => !n.readAt) ? (
        <Form action="/notifications/read" csrf={c.get('csrfToken')} class="inline-form">
          <Submit label="すべて既読にする" secondary />
        </Form>
      ) : null}
      {list.length ? (
        <ul class="notifications">
          {list.map((n) => (
            <li class={n.readAt ? 'is-read' : 'is-unread'}>
              {n.readAt ? null : <span class="badge badge--blue">未読</span>}{' '}
              <a href={n.href || '#'}>{n.title}</a>
              <span class="small muted">（{formatDateTime(n.createdAt)}）</span>
              {n.body ? <p class="prewrap small">{n.body}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>お知らせはありません。</p>
      )}
      <h2>参加している協働の調整</h2>
      <PairingTable rows={pairs} />
      <section class="panel">
        <h2>新着の協働ニーズのお知らせ設定</h2>
        <p>選んだ分野・地区に合う新しい協働ニーズを、このページとメールでお知らせします。</p>
        <ErrorSummary errors={errors} />
        <Form action="/notifications/follow" csrf={c.get('csrfToken')}>
          <ChoiceGroup
            name="fields"
            label="分野"
            multiple
            columns
            options={lk.fields.map((f) => ({ value: f.code, label: f.label }))}
            values={v}
            errors={errors}
          />
          <ChoiceGroup
            name="areaIds"
            label="地区"
            multiple
            columns
            options={lk.areas.map((a) => ({ value: a.id, label: a.name }))}
            values={v}
            errors={errors}
          />
          <ChoiceGroup
            name="digest"
            label="お知らせの頻度"
            required
            options={opts(DIGESTS)}
            values={v}
            errors={errors}
          />
          <Submit label="設定を保存する" />
        </Form>
      </section>
    </section>,
    { status: errors ? 422 : 200, crumbs: [{ label: 'お知らせ' }] },
  )
}

matchingRoutes.get('/notifications', async (c) => {
  await authorize(c, 'notifications.view')
  return notificationsPage(c)
})

matchingRoutes.post('/notifications/follow', async (c) => {
  const ctx = await authorize(c, 'notifications.view')
  const body = await formBody(c)
  const lk = await svc.lookups(ctx)
  const r = validate(followSchema(lk.fields.map((f) => f.code)), body)
  if (!r.ok) return notificationsPage(c, body, r.errors)
  if (r.data.areaIds.some((a) => !lk.areas.some((x) => x.id === a)))
    return notificationsPage(c, body, { areaIds: '地区は一覧から選んでください' })
  await svc.saveFollow(ctx, r.data)
  setFlash(c, 'お知らせの設定を保存しました。')
  return c.redirect('/notifications', 303)
})

matchingRoutes.post('/notifications/read', async (c) => {
  const ctx = await authorize(c, 'notifications.view')
  await svc.markAllRead(ctx)
  setFlash(c, 'すべて既読にしました。')
  return c.redirect('/notifications', 303)
})

export { Notice }
