import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import {
  Checkbox,
  ChoiceGroup,
  ErrorSummary,
  Form,
  Select,
  Submit,
  TextArea,
  TextField,
} from '../../core/ui/form.tsx'
import { Pagination, paging } from '../../core/ui/parts.tsx'
import { can } from '../../core/policy.ts'
import { COLLAB_FORMS, labelOf, RESOURCES } from '../../core/vocabulary.ts'
import { type FieldErrors, validate } from '../../core/validation.ts'
import { getGroups, groupRolesOf, publishedGroups } from '../groups/index.ts'
import { matchNeedsForOffer } from '../matching/index.ts'
import { Dl, Facet, type Lookups, lookups } from '../needs/index.ts'
import { MENU_KINDS, menuSchema, offerSchema } from './domain.ts'
import {
  createMenuItem,
  createOffer,
  getMenuItem,
  getOffer,
  listMenu,
  listOffers,
  updateMenuItem,
} from './service.ts'

export const offersRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const opts = <T extends { code: string; label: string }>(l: readonly T[]) =>
  l.map((x) => ({ value: x.code, label: x.label }))
const idOr404 = (c: C, name = 'id') => {
  const id = c.req.param(name)
  if (!isUuid(id)) throw notFound()
  return id
}
const _NEED_DATES = ['periodStart', 'periodEnd', 'deadline']
// ------------------------------------------------------------------ offers

offersRoutes.get('/offers', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const q = c.req.query()
  const { page } = paging(q)
  const lk = await lookups(ctx)
  const r = await listOffers(ctx, { q: q.q, field: q.field, form: q.form, page })
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
  lk: Lookups
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

offersRoutes.get('/offers/new', async (c) => {
  const ctx = await authorize(c, 'offer.create')
  const lk = await lookups(ctx)
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

offersRoutes.post('/offers', async (c) => {
  const ctx = await authorize(c, 'offer.create')
  const body = await formBody(c)
  const lk = await lookups(ctx)
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
    const o = await createOffer(ctx, r.data)
    setFlash(c, '登録しました。')
    return c.redirect(`/offers/${o.id}`, 303)
  } catch (e: any) {
    if (e.fields) return page(e.fields)
    throw e
  }
})

offersRoutes.get('/offers/:id', async (c) => {
  const id = idOr404(c)
  const ctx = await authorize(c, 'site.view')
  const o = await getOffer(ctx, id)
  if (!o) throw notFound()
  const lk = await lookups(ctx)
  const matches = isStaffLike(c, o.groupId) ? await matchNeedsForOffer(ctx, o, 5) : []
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
  lk: Lookups
  items: Awaited<ReturnType<typeof listMenu>>
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

offersRoutes.get('/menu', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const [lk, items] = await Promise.all([lookups(ctx), listMenu(ctx)])
  return render(c, '協働メニュー', <MenuPage c={c} lk={lk} items={items} />, {
    section: 'needs',
    crumbs: [{ label: '協働メニュー' }],
  })
})

offersRoutes.post('/menu', async (c) => {
  const ctx = await authorize(c, 'menu.manage')
  const body = await formBody(c)
  const r = validate(menuSchema, body)
  if (!r.ok) {
    const [lk, items] = await Promise.all([lookups(ctx), listMenu(ctx)])
    return render(
      c,
      '協働メニュー',
      <MenuPage c={c} lk={lk} items={items} values={body} errors={r.errors} />,
      { status: 422 },
    )
  }
  await createMenuItem(ctx, { ...r.data, departmentId: r.data.departmentId ?? null })
  setFlash(c, '協働メニューに追加しました。')
  return c.redirect('/menu', 303)
})

offersRoutes.post('/menu/:id/remove', async (c) => {
  const ctx = await authorize(c, 'menu.manage')
  const m = await getMenuItem(ctx, idOr404(c))
  if (!m) throw notFound()
  await updateMenuItem(ctx, m, { active: false })
  setFlash(c, '掲載をやめました。')
  return c.redirect('/menu', 303)
})
