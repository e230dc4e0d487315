import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { formatDateTime } from '../../core/japanese/index.ts'
import { Checkbox, ChoiceGroup, ErrorSummary, Form, Submit } from '../../core/ui/form.tsx'
import { type FieldErrors, validate } from '../../core/validation.ts'
import { PairingTable, myPairings } from '../matching/index.ts'
import { lookups } from '../needs/index.ts'
import { DIGESTS, followSchema } from './domain.ts'
import { getFollow, listNotifications, markAllRead, SETTINGS_HREF, saveFollow } from './service.ts'

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

async function notificationsPage(c: C) {
  const ctx = c.get('ctx')
  const [list, pairs] = await Promise.all([listNotifications(ctx), myPairings(ctx)])
  return render(
    c,
    'お知らせ',
    <section>
      <h1>お知らせ</h1>
      <p>
        <a href={SETTINGS_HREF}>お知らせとメールの設定（新着の協働ニーズ・メールの配信停止）</a>
      </p>
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
              {n.href ? <a href={n.href}>{n.title}</a> : <span>{n.title}</span>}
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
    </section>,
    { section: 'notifications', crumbs: [{ label: 'お知らせ' }] },
  )
}

/** What a person is told and what is mailed: new needs (at once, daily, weekly, never) and mails of notices. */
async function settingsPage(c: C, values?: Record<string, unknown>, errors?: FieldErrors) {
  const ctx = c.get('ctx')
  const [follow, lk] = await Promise.all([getFollow(ctx), lookups(ctx)])
  const v = values ?? {
    fields: follow?.fields ?? [],
    areaIds: follow?.areaIds ?? [],
    digest: follow?.digest ?? 'weekly',
    mailNotices: follow ? follow.mailNotices : true,
  }
  return render(
    c,
    'お知らせとメールの設定',
    <section>
      <h1>お知らせとメールの設定</h1>
      <ErrorSummary errors={errors} />
      <Form action="/notifications/follow" csrf={c.get('csrfToken')}>
        <input type="hidden" name="mailNoticesShown" value="1" />
        <h2>メール</h2>
        <Checkbox
          name="mailNotices"
          label="お知らせをメールでも受け取る"
          help="外すと、お知らせはこのポータルの「お知らせ」にだけ届きます（メールの配信停止）。"
          values={v}
        />
        <h2>新着の協働ニーズのお知らせ</h2>
        <p>選んだ分野・地区に合う新しい協働ニーズを、お知らせとメールで届けます。</p>
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
    </section>,
    {
      status: errors ? 422 : 200,
      section: 'notifications',
      crumbs: [{ label: 'お知らせ', href: '/notifications' }, { label: 'お知らせとメールの設定' }],
    },
  )
}

notificationsRoutes.get(SETTINGS_HREF, async (c) => {
  await authorize(c, 'notifications.view')
  return settingsPage(c)
})

notificationsRoutes.get('/notifications', async (c) => {
  await authorize(c, 'notifications.view')
  return notificationsPage(c)
})

notificationsRoutes.post('/notifications/follow', async (c) => {
  const ctx = await authorize(c, 'notifications.view')
  const body = await formBody(c)
  if (body.mailNoticesShown && body.mailNotices === undefined) body.mailNotices = false
  const lk = await lookups(ctx)
  const r = validate(followSchema(lk.fields.map((f) => f.code)), body)
  if (!r.ok) return settingsPage(c, body, r.errors)
  if (r.data.areaIds.some((a) => !lk.areas.some((x) => x.id === a)))
    return settingsPage(c, body, { areaIds: '地区は一覧から選んでください' })
  const before = await getFollow(ctx)
  await saveFollow(ctx, { ...r.data, mailNotices: r.data.mailNotices ?? before?.mailNotices ?? true })
  setFlash(c, 'お知らせとメールの設定を保存しました。')
  return c.redirect(SETTINGS_HREF, 303)
})

notificationsRoutes.post('/notifications/read', async (c) => {
  const ctx = await authorize(c, 'notifications.view')
  await markAllRead(ctx)
  setFlash(c, 'すべて既読にしました。')
  return c.redirect('/notifications', 303)
})
