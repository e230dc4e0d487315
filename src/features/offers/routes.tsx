import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { confirmFirst } from '../../core/http/confirm.tsx'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { can } from '../../core/policy.ts'
import { paging } from '../../core/ui/parts.tsx'
import { type FieldErrors, validate } from '../../core/validation.ts'
import { getGroups, groupRolesOf, publishedGroups } from '../groups/index.ts'
import { matchNeedsForOffer } from '../matching/index.ts'
import { lookups } from '../needs/index.ts'
import { menuSchema, offerSchema } from './domain.ts'
import {
  createMenuItem,
  createOffer,
  getMenuItem,
  getOffer,
  listMenu,
  listOffers,
  updateMenuItem,
} from './service.ts'
import { MenuPage } from './views/menu.tsx'
import { OfferDetail, OfferNewPage, OffersList } from './views/offers.tsx'

export const offersRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const idOr404 = (c: C, name = 'id') => {
  const id = c.req.param(name)
  if (!isUuid(id)) throw notFound()
  return id
}
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
    <OffersList
      canCreate={can(ctx.actor, 'offer.create')}
      lk={lk}
      q={q}
      query={query}
      page={page}
      result={r}
    />,
    { section: 'needs', crumbs: [{ label: '協働ニーズ', href: '/needs' }, { label: '団体のできること' }] },
  )
})

/**
 * The groups an offer may be registered for: every published group for the office, else the
 * person's own. (A read for the form's select; its place is offers/service.ts, owned elsewhere.)
 */
async function myGroupsOf(ctx: Ctx) {
  const a = ctx.actor!
  if (a.isCoordinator || a.isAdmin) return publishedGroups(ctx, 500)
  return (await getGroups(ctx, Object.keys(groupRolesOf(a)))).map((g) => ({ id: g.id, name: g.name }))
}

offersRoutes.get('/offers/new', async (c) => {
  const ctx = await authorize(c, 'offer.create')
  const lk = await lookups(ctx)
  const groups = await myGroupsOf(ctx)
  return render(
    c,
    'できること・協働したいことを登録',
    <OfferNewPage csrf={c.get('csrfToken')} lk={lk} groups={groups} values={{ groupId: groups[0]?.id }} />,
    { section: 'needs', crumbs: [{ label: '団体のできること', href: '/offers' }, { label: '登録' }] },
  )
})

offersRoutes.post('/offers', async (c) => {
  const ctx = await authorize(c, 'offer.create')
  const body = await formBody(c)
  const lk = await lookups(ctx)
  const r = validate(offerSchema(lk.fields.map((f) => f.code)), body)
  const again = async (errors: FieldErrors) =>
    render(
      c,
      'できること・協働したいことを登録',
      <OfferNewPage
        csrf={c.get('csrfToken')}
        lk={lk}
        groups={await myGroupsOf(ctx)}
        values={body}
        errors={errors}
      />,
      { status: 422, section: 'needs' },
    )
  if (!r.ok) return again(r.errors)
  try {
    const o = await createOffer(ctx, r.data)
    setFlash(c, '登録しました。')
    return c.redirect(`/offers/${o.id}`, 303)
  } catch (e: any) {
    if (e.fields) return again(e.fields)
    throw e
  }
})

offersRoutes.get('/offers/:id', async (c) => {
  const id = idOr404(c)
  const ctx = await authorize(c, 'site.view')
  const o = await getOffer(ctx, id)
  if (!o) throw notFound()
  const lk = await lookups(ctx)
  const matches = can(ctx.actor, 'group.matches', { id: o.groupId })
    ? await matchNeedsForOffer(ctx, o, 5)
    : []
  return render(c, o.title, <OfferDetail offer={o} lk={lk} matches={matches} />, {
    section: 'needs',
    crumbs: [{ label: '団体のできること', href: '/offers' }, { label: o.title }],
  })
})

// ------------------------------------------------------------------ collaboration menu

offersRoutes.get('/menu', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const [lk, items] = await Promise.all([lookups(ctx), listMenu(ctx)])
  return render(
    c,
    '協働メニュー',
    <MenuPage csrf={c.get('csrfToken')} manage={can(ctx.actor, 'menu.manage')} lk={lk} items={items} />,
    { section: 'needs', crumbs: [{ label: '協働メニュー' }] },
  )
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
      <MenuPage
        csrf={c.get('csrfToken')}
        manage={can(ctx.actor, 'menu.manage')}
        lk={lk}
        items={items}
        values={body}
        errors={r.errors}
      />,
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
  const ask = await confirmFirst(c, await formBody(c), {
    title: '掲載をやめる確認',
    message: `協働メニュー「${m.title}」の掲載をやめます。よろしいですか。`,
    detail: '協働メニューの一覧に表示されなくなります。登録した内容は記録として残ります。',
    submit: '掲載をやめる',
    danger: true,
    back: '/menu',
    section: 'needs',
    crumbs: [{ label: '協働メニュー', href: '/menu' }, { label: '掲載をやめる確認' }],
  })
  if (ask) return ask
  await updateMenuItem(ctx, m, { active: false })
  setFlash(c, '掲載をやめました。')
  return c.redirect('/menu', 303)
})
