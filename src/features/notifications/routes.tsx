import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { formatDateTime } from '../../core/japanese/index.ts'
import { ChoiceGroup, ErrorSummary, Form, Submit } from '../../core/ui/form.tsx'
import { type FieldErrors, validate } from '../../core/validation.ts'
import { PairingTable, myPairings } from '../matching/index.ts'
import { lookups } from '../needs/index.ts'
import { DIGESTS, followSchema } from './domain.ts'
import { getFollow, listNotifications, markAllRead, saveFollow } from './service.ts'

export const notificationsRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const opts = <T extends { code: string; label: string }>(l: readonly T[]) =>
  l.map((x) => ({ value: x.code, label: x.label }))
const _idOr404 = (c: C, name = 'id') => {
  const id = c.req.param(name)
  if (!isUuid(id)) throw notFound()
  return id
}
const _NEED_DATES = ['periodStart', 'periodEnd', 'deadline']
// ------------------------------------------------------------------ notifications

async function notificationsPage(c: C, values?: Record<string, unknown>, errors?: FieldErrors) {
  const ctx = c.get('ctx')
  const [list, follow, lk, pairs] = await Promise.all([
    listNotifications(ctx),
    getFollow(ctx),
    lookups(ctx),
    myPairings(ctx),
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

notificationsRoutes.get('/notifications', async (c) => {
  await authorize(c, 'notifications.view')
  return notificationsPage(c)
})

notificationsRoutes.post('/notifications/follow', async (c) => {
  const ctx = await authorize(c, 'notifications.view')
  const body = await formBody(c)
  const lk = await lookups(ctx)
  const r = validate(followSchema(lk.fields.map((f) => f.code)), body)
  if (!r.ok) return notificationsPage(c, body, r.errors)
  if (r.data.areaIds.some((a) => !lk.areas.some((x) => x.id === a)))
    return notificationsPage(c, body, { areaIds: '地区は一覧から選んでください' })
  await saveFollow(ctx, r.data)
  setFlash(c, 'お知らせの設定を保存しました。')
  return c.redirect('/notifications', 303)
})

notificationsRoutes.post('/notifications/read', async (c) => {
  const ctx = await authorize(c, 'notifications.view')
  await markAllRead(ctx)
  setFlash(c, 'すべて既読にしました。')
  return c.redirect('/notifications', 303)
})
