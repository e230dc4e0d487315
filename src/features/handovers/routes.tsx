import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { holdingSources } from '../../core/feature.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { can } from '../../core/policy.ts'
import { paging } from '../../core/ui/parts.tsx'
import { validate } from '../../core/validation.ts'
import { org } from '../organisation/index.ts'
import { ackSchema, handoverSchema } from './domain.ts'
import {
  acknowledge,
  createHandover,
  departmentHoldings,
  getHandover,
  holdingsOf,
  listHandovers,
  type Person,
  people,
  successors,
  unheld,
} from './service.ts'
import { HandoverForm, HandoverPage, HandoversHome, HoldingsPage } from './views.tsx'

export const handoversRoutes = new Hono<AppEnv>()
type C = Context<AppEnv>
const CRUMB = { label: '引継ぎ', href: '/handovers' }
const kindLabel = (k: string) => holdingSources().find((s) => s.kind === k)?.label ?? k

handoversRoutes.get('/handovers', async (c) => {
  const ctx = await authorize(c, 'handover.list')
  const me = ctx.actor!.userId
  const { page } = paging(c.req.query())
  const oversee = can(ctx.actor, 'handover.oversee')
  const [list, mine, orphans] = await Promise.all([
    listHandovers(ctx, { page }),
    holdingsOf(ctx, me),
    oversee ? unheld(ctx) : Promise.resolve([]),
  ])
  const ps = await people(
    ctx,
    list.items.flatMap((h) => [h.fromUserId, h.toUserId]),
  )
  return render(
    c,
    '引継ぎ',
    <HandoversHome
      list={list.items}
      people={ps}
      me={me}
      mine={mine}
      oversee={oversee}
      unheld={orphans}
      page={list.page}
      perPage={list.perPage}
      total={list.total}
    />,
    { section: 'handovers', crumbs: [{ label: '引継ぎ' }] },
  )
})

/** The form: ?from=<user id> (own work, or the coordinator for anyone), or ?from=unheld. */
async function formPage(
  c: C,
  fromParam: string,
  form: { values?: Record<string, unknown>; errors?: Record<string, string> } = {},
  status?: 422,
) {
  const ctx = await authorize(c, 'handover.list')
  let lists: Awaited<ReturnType<typeof holdingsOf>>
  let from: Person | null = null
  let fromUserId = fromParam
  if (fromParam === 'unheld') {
    await authorize(c, 'handover.oversee')
    lists = await unheld(ctx)
    // work of no one is handed over "from" the coordinator doing it
    fromUserId = ctx.actor!.userId
  } else {
    if (!isUuid(fromParam)) throw notFound('職員')
    await authorize(c, 'handover.create', { userId: fromParam })
    from = (await people(ctx, [fromParam])).get(fromParam) ?? null
    if (!from) throw notFound('職員')
    lists = await holdingsOf(ctx, fromParam)
  }
  return render(
    c,
    '案件の引継ぎ',
    <HandoverForm
      csrf={c.get('csrfToken')}
      from={from}
      fromUserId={fromUserId}
      lists={lists}
      successors={await successors(ctx)}
      values={form.values}
      errors={form.errors}
    />,
    { status, section: 'handovers', crumbs: [CRUMB, { label: '引き継ぐ' }] },
  )
}

handoversRoutes.get('/handovers/new', (c) =>
  formPage(c, c.req.query('from') ?? c.get('ctx').actor?.userId ?? ''),
)

handoversRoutes.post('/handovers', async (c) => {
  const ctx = await authorize(c, 'handover.list')
  const body = await formBody(c)
  const r = validate(handoverSchema, body)
  const fromParam = typeof body.fromUserId === 'string' ? body.fromUserId : ''
  // a coordinator assigning work of no one posts their own id with the unheld items
  const isUnheld = body.source === 'unheld'
  const back = isUnheld ? 'unheld' : isUuid(fromParam) ? fromParam : ctx.actor!.userId
  if (!r.ok) return formPage(c, back, { values: body, errors: r.errors }, 422)
  try {
    const h = await createHandover(ctx, r.data, { unheld: isUnheld })
    setFlash(c, `${r.data.items.length}件を引き継ぎました。後任者に確認を依頼しました。`)
    return c.redirect(`/handovers/${h.id}`, 303)
  } catch (e) {
    if (e instanceof AppError && e.fields) return formPage(c, back, { values: body, errors: e.fields }, 422)
    throw e
  }
})

handoversRoutes.get('/handovers/holdings', async (c) => {
  const ctx = await authorize(c, 'handover.list')
  const all = can(ctx.actor, 'handover.oversee')
  const mine = await org.departmentsOfUser(ctx, ctx.actor!.userId)
  const deps = all
    ? (await org.listDepartments(ctx))
        .filter((d) => d.kind !== 'bu' && d.active)
        .map((d) => ({ id: d.id, name: d.name }))
    : mine.map((d) => ({ id: d.departmentId, name: d.name }))
  if (!deps.length)
    throw new AppError(403, 'forbidden', '課の担当状況は、課に所属している職員と協働推進課が見られます。')
  const q = c.req.query('department')
  const departmentId = q && deps.some((d) => d.id === q) ? q : deps[0].id
  const rows = await departmentHoldings(ctx, departmentId)
  return render(
    c,
    '課ごとの担当状況',
    <HoldingsPage
      departments={deps}
      departmentId={departmentId}
      rows={rows}
      kinds={holdingSources().map((s) => ({ kind: s.kind, label: s.label }))}
      canHandOver={(id) => can(ctx.actor, 'handover.create', { userId: id })}
    />,
    { section: 'handovers', crumbs: [CRUMB, { label: '課ごとの担当状況' }] },
  )
})

async function detail(
  c: C,
  id: string,
  form: { values?: Record<string, unknown>; errors?: Record<string, string> } = {},
  status?: 422,
) {
  const ctx = await authorize(c, 'handover.list')
  const found = await getHandover(ctx, id)
  if (!found) throw notFound('引継ぎ')
  const ps = await people(ctx, [found.h.fromUserId, found.h.toUserId])
  return render(
    c,
    '引継ぎの記録',
    <HandoverPage
      h={found.h}
      items={found.items}
      people={ps}
      kindLabel={kindLabel}
      canAck={can(ctx.actor, 'handover.acknowledge', found.h)}
      csrf={c.get('csrfToken')}
      values={form.values}
      errors={form.errors}
    />,
    { status, section: 'handovers', crumbs: [CRUMB, { label: '記録' }] },
  )
}

handoversRoutes.get('/handovers/:id', (c) => {
  const id = c.req.param('id')
  if (!isUuid(id)) throw notFound('引継ぎ')
  return detail(c, id)
})

handoversRoutes.post('/handovers/:id/acknowledge', async (c) => {
  const id = c.req.param('id')
  if (!isUuid(id)) throw notFound('引継ぎ')
  const ctx = await authorize(c, 'handover.list')
  const found = await getHandover(ctx, id)
  if (!found) throw notFound('引継ぎ')
  await authorize(c, 'handover.acknowledge', found.h)
  const body = await formBody(c)
  const r = validate(ackSchema, body)
  if (!r.ok) return detail(c, id, { values: body, errors: r.errors }, 422)
  await acknowledge(ctx, found.h, r.data.ackNote)
  setFlash(c, '引継ぎを確認しました。前任者と協働推進課に知らせました。')
  return c.redirect(`/handovers/${id}`, 303)
})
