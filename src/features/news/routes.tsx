import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { absoluteUrl } from '../../core/http/origin.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { formatDateTime, formatEra, formatEraWithWestern, ymdInTokyo } from '../../core/japanese/index.ts'
import { can } from '../../core/policy.ts'
import { paging } from '../../core/ui/parts.tsx'
import { collectDateParts, type FieldErrors, validate } from '../../core/validation.ts'
import {
  buildAtom,
  issueSchema,
  NEWS_CATEGORIES,
  newsSchema,
  staffNoticeSchema,
  subscribeSchema,
  summaryOf,
} from './domain.ts'
import {
  accountSubscription,
  categoryLabel,
  confirmedCount,
  confirmSubscription,
  createIssue,
  createPost,
  deliveryByToken,
  getIssue,
  getPost,
  getStaffNotice,
  type Issue,
  issueCandidates,
  issueSections,
  listIssues,
  listPosts,
  listStaffNotices,
  listSubscribers,
  type NewsPost,
  publicPosts,
  requestSubscription,
  sendIssue,
  sendStaffNotice,
  staffCountOf,
  subscribeAccount,
  subscriptionByConfirmToken,
  unsubscribe,
  unsubscribeAccount,
  updateIssue,
  updatePost,
} from './service.ts'
import {
  ConfirmPage,
  IssueForm,
  IssuePage,
  NewsDetail,
  NewsForm,
  NewsletterIndex,
  NewsList,
  StaffNoticeDetail,
  StaffNoticeForm,
  StaffNoticesPage,
  SubscribersPage,
  UnsubscribePage,
} from './views.tsx'

export const newsRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const NEWS = { label: 'ニュース', href: '/news' }
const LETTER = { label: 'ニューズレター', href: '/newsletter' }
const STAFF = { label: '庁内通知', href: '/staff-notices' }

const idOr404 = (c: C, what: string) => {
  const id = c.req.param('id')
  if (!isUuid(id)) throw notFound(what)
  return id
}
const postView = (p: NewsPost) => ({ ...p, dateLabel: formatEra(p.publishedAt) })
const issueView = (i: Issue) => ({ ...i, dateLabel: formatEra(i.sentAt ?? i.createdAt) })

// ------------------------------------------------------------------ news

newsRoutes.get('/news', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const q = c.req.query()
  const { page } = paging(q)
  const category = NEWS_CATEGORIES.some((x) => x.code === q.category) ? q.category : ''
  const perPage = 10
  const r = await listPosts(ctx, { category: category || undefined, page, perPage })
  return render(
    c,
    category ? `ニュース（${categoryLabel(category)}）` : 'ニュース',
    <NewsList
      items={r.items.map(postView)}
      total={r.total}
      byCategory={r.byCategory}
      category={category}
      page={page}
      perPage={perPage}
      canCreate={can(ctx.actor, 'news.create')}
    />,
    { section: 'news', crumbs: [{ label: 'ニュース' }] },
  )
})

/** Atom 1.0 (RFC 4287): the 30 newest public posts, with absolute links (KYODO_BASE_URL or this request's origin). */
newsRoutes.get('/news.atom', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const posts = await publicPosts(ctx, 30)
  const xml = buildAtom({
    id: absoluteUrl(ctx, '/news'),
    title: `${ctx.municipality.name} 協働ポータル ニュース`,
    selfHref: absoluteUrl(ctx, '/news.atom'),
    alternateHref: absoluteUrl(ctx, '/news'),
    author: ctx.municipality.officeName || ctx.municipality.name,
    updated: posts.reduce((m, p) => (p.updatedAt > m ? p.updatedAt : m), posts[0]?.updatedAt ?? new Date(0)),
    entries: posts.map((p) => ({
      id: absoluteUrl(ctx, `/news/${p.id}`),
      title: p.title,
      href: absoluteUrl(ctx, `/news/${p.id}`),
      published: p.publishedAt,
      updated: p.updatedAt > p.publishedAt ? p.updatedAt : p.publishedAt,
      category: categoryLabel(p.category),
      summary: summaryOf(p.body, 200),
      content: p.body,
    })),
  })
  return c.body(xml, 200, {
    'content-type': 'application/atom+xml; charset=utf-8',
    'cache-control': 'no-cache',
  })
})

const newsForm = (
  c: C,
  p: { title: string; action: string; values: Record<string, unknown>; errors?: FieldErrors },
  status?: 422,
) =>
  render(
    c,
    p.title,
    <section>
      <h1>{p.title}</h1>
      <NewsForm action={p.action} csrf={c.get('csrfToken')} values={p.values} errors={p.errors} />
    </section>,
    { status, section: 'news', crumbs: [NEWS, { label: p.title }] },
  )

const parseNews = (body: Record<string, unknown>) =>
  validate(newsSchema, collectDateParts(body, ['publishedOn']))

newsRoutes.get('/news/new', async (c) => {
  await authorize(c, 'news.create')
  return newsForm(c, {
    title: 'ニュースを書く',
    action: '/news',
    values: { category: 'notice', status: 'draft', publishedOn: ymdInTokyo(new Date()) },
  })
})

newsRoutes.post('/news', async (c) => {
  const ctx = await authorize(c, 'news.create')
  const body = await formBody(c)
  const r = parseNews(body)
  if (!r.ok)
    return newsForm(c, { title: 'ニュースを書く', action: '/news', values: body, errors: r.errors }, 422)
  const p = await createPost(ctx, r.data)
  setFlash(c, p.status === 'published' ? 'ニュースを公開しました。' : 'ニュースを下書きとして保存しました。')
  return c.redirect(`/news/${p.id}`, 303)
})

async function loadPost(c: C) {
  const id = idOr404(c, 'ニュース')
  const ctx = await authorize(c, 'site.view')
  const p = await getPost(ctx, id)
  if (!p) throw notFound('ニュース')
  return { ctx, p }
}

newsRoutes.get('/news/:id', async (c) => {
  const { ctx, p } = await loadPost(c)
  return render(
    c,
    p.title,
    <NewsDetail
      p={{ ...postView(p), dateLabel: formatEraWithWestern(p.publishedAt) }}
      canEdit={can(ctx.actor, 'news.edit', p)}
    />,
    {
      section: 'news',
      crumbs: [NEWS, { label: p.title }],
    },
  )
})

const editValues = (p: NewsPost) => ({ ...p, publishedOn: ymdInTokyo(p.publishedAt) })

newsRoutes.get('/news/:id/edit', async (c) => {
  const { p } = await loadPost(c)
  await authorize(c, 'news.edit', p)
  return newsForm(c, {
    title: `ニュースを編集：${p.title}`,
    action: `/news/${p.id}/edit`,
    values: editValues(p),
  })
})

newsRoutes.post('/news/:id/edit', async (c) => {
  const { ctx, p } = await loadPost(c)
  await authorize(c, 'news.edit', p)
  const body = await formBody(c)
  const r = parseNews(body)
  if (!r.ok)
    return newsForm(
      c,
      { title: `ニュースを編集：${p.title}`, action: `/news/${p.id}/edit`, values: body, errors: r.errors },
      422,
    )
  await updatePost(ctx, p, r.data)
  setFlash(c, 'ニュースを保存しました。')
  return c.redirect(`/news/${p.id}`, 303)
})

// ------------------------------------------------------------------ newsletter: archive and subscription

async function newsletterIndex(
  c: C,
  ctx: Ctx,
  form: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
  status?: 422 | 429,
) {
  const { sent, drafts } = await listIssues(ctx)
  const mine = ctx.actor ? await accountSubscription(ctx) : null
  return render(
    c,
    'ニューズレター',
    <NewsletterIndex
      sent={sent.map(issueView)}
      drafts={drafts.map(issueView)}
      canCompose={can(ctx.actor, 'newsletter.compose')}
      subscriberCount={can(ctx.actor, 'newsletter.subscribers') ? await confirmedCount(ctx) : null}
      account={ctx.actor ? { email: ctx.actor.email, subscribed: mine?.status === 'confirmed' } : null}
      csrf={c.get('csrfToken')}
      values={form.values ?? {}}
      errors={form.errors}
    />,
    { status, section: 'newsletter', crumbs: [{ label: 'ニューズレター' }] },
  )
}

newsRoutes.get('/newsletter', async (c) => {
  const ctx = await authorize(c, 'site.view')
  return newsletterIndex(c, ctx)
})

newsRoutes.post('/newsletter/subscribe', async (c) => {
  const ctx = await authorize(c, 'newsletter.subscribe')
  const body = await formBody(c)
  const r = validate(subscribeSchema, body)
  if (!r.ok) return newsletterIndex(c, ctx, { values: body, errors: r.errors }, 422)
  try {
    await requestSubscription(ctx, r.data.email)
  } catch (err) {
    if (err instanceof AppError && err.status === 429)
      return newsletterIndex(
        c,
        ctx,
        { values: body, errors: { email: `${err.message}（メールアドレス）` } },
        429,
      )
    throw err
  }
  setFlash(
    c,
    `${r.data.email} に確認のメールをお送りしました。メールのURLを開いて購読を確定してください（確定するまで配信されません）。`,
  )
  return c.redirect('/newsletter', 303)
})

/** Signed-in people subscribe with their account's address, or stop. */
newsRoutes.post('/newsletter/account', async (c) => {
  const ctx = await authorize(c, 'newsletter.account')
  const body = await formBody(c)
  if (body.subscribe === 'no') {
    await unsubscribeAccount(ctx)
    setFlash(c, 'ニューズレターの購読をやめました。')
  } else {
    await subscribeAccount(ctx)
    setFlash(c, 'アカウントのメールアドレスでニューズレターの購読を登録しました。')
  }
  return c.redirect('/newsletter', 303)
})

newsRoutes.get('/newsletter/confirm/:id', async (c) => {
  const id = idOr404(c, '購読の申込')
  const ctx = await authorize(c, 'newsletter.subscribe')
  const token = c.req.query('token') ?? ''
  const found = await subscriptionByConfirmToken(ctx, id, token)
  if (!found)
    throw new AppError(
      404,
      'not_found',
      '確認のURLが正しくないか、有効期限が切れています。もう一度お申し込みください。',
    )
  if (found.already) {
    setFlash(c, '購読はすでに確定しています。')
    return c.redirect('/newsletter', 303)
  }
  return render(
    c,
    'ニューズレター購読の確定',
    <ConfirmPage id={id} token={token} csrf={c.get('csrfToken')} />,
    {
      section: 'newsletter',
      crumbs: [LETTER, { label: '購読の確定' }],
    },
  )
})

newsRoutes.post('/newsletter/confirm/:id', async (c) => {
  const id = idOr404(c, '購読の申込')
  const ctx = await authorize(c, 'newsletter.subscribe')
  const body = await formBody(c)
  const r = await confirmSubscription(ctx, id, String(body.token ?? ''))
  setFlash(
    c,
    r.already
      ? '購読はすでに確定しています。'
      : 'ニューズレターの購読を確定しました。次の号からお届けします。',
  )
  return c.redirect('/newsletter', 303)
})

newsRoutes.get('/newsletter/unsubscribe/:id', async (c) => {
  const id = idOr404(c, '配信停止のURL')
  const ctx = await authorize(c, 'newsletter.subscribe')
  const token = c.req.query('token') ?? ''
  const d = await deliveryByToken(ctx, id, token)
  if (!d)
    throw new AppError(404, 'not_found', '配信停止のURLが正しくありません。メールのURLをご確認ください。')
  return render(
    c,
    'ニューズレターの配信停止',
    <UnsubscribePage id={id} token={token} csrf={c.get('csrfToken')} active={!!d.subscriberId} />,
    { section: 'newsletter', crumbs: [LETTER, { label: '配信停止' }] },
  )
})

newsRoutes.post('/newsletter/unsubscribe/:id', async (c) => {
  const id = idOr404(c, '配信停止のURL')
  const ctx = await authorize(c, 'newsletter.subscribe')
  const body = await formBody(c)
  const r = await unsubscribe(ctx, id, String(body.token ?? c.req.query('token') ?? ''))
  setFlash(
    c,
    r.already
      ? '配信はすでに停止しています。'
      : 'ニューズレターの配信を停止し、メールアドレスを消去しました。',
  )
  return c.redirect('/newsletter', 303)
})

newsRoutes.get('/newsletter/subscribers', async (c) => {
  const ctx = await authorize(c, 'newsletter.subscribers')
  const s = await listSubscribers(ctx)
  return render(
    c,
    'ニューズレターの購読者',
    <SubscribersPage
      confirmed={s.confirmed.map((x) => ({ ...x, dateLabel: formatEra(x.confirmedAt ?? x.createdAt) }))}
      pending={s.pending.length}
    />,
    { section: 'newsletter', crumbs: [LETTER, { label: '購読者' }] },
  )
})

// ------------------------------------------------------------------ newsletter: composing and sending

async function issueForm(
  c: C,
  ctx: Ctx,
  p: { title: string; action: string; values: Record<string, unknown>; errors?: FieldErrors },
  status?: 422,
) {
  const candidates = await issueCandidates(ctx)
  return render(
    c,
    p.title,
    <section>
      <h1>{p.title}</h1>
      <IssueForm
        action={p.action}
        csrf={c.get('csrfToken')}
        candidates={candidates}
        values={p.values}
        errors={p.errors}
      />
    </section>,
    { status, section: 'newsletter', crumbs: [LETTER, { label: p.title }] },
  )
}

newsRoutes.get('/newsletter/issues/new', async (c) => {
  const ctx = await authorize(c, 'newsletter.compose')
  const cands = await issueCandidates(ctx)
  const now = new Date()
  const [y, m] = ymdInTokyo(now).split('-')
  return issueForm(c, ctx, {
    title: 'ニューズレターをつくる',
    action: '/newsletter/issues',
    values: {
      title: `${formatEra(now).replace(/\d+日$/, '')}号（${y}年${Number(m)}月）`,
      newsIds: cands.news.slice(0, 5).map((x) => x.id),
      eventIds: cands.event.slice(0, 5).map((x) => x.id),
      needIds: cands.need.slice(0, 3).map((x) => x.id),
    },
  })
})

async function saveIssue(c: C, ctx: Ctx, before: Issue | null) {
  const body = await formBody(c)
  const title = before ? `ニューズレターを編集：${before.title}` : 'ニューズレターをつくる'
  const action = before ? `/newsletter/issues/${before.id}/edit` : '/newsletter/issues'
  const again = (errors: FieldErrors) => issueForm(c, ctx, { title, action, values: body, errors }, 422)
  const r = validate(issueSchema, body)
  if (!r.ok) return again(r.errors)
  try {
    const i = before ? await updateIssue(ctx, before, r.data) : await createIssue(ctx, r.data)
    setFlash(c, '下書きを保存しました。内容を確かめてから送信してください。')
    return c.redirect(`/newsletter/${i.id}`, 303)
  } catch (err) {
    if (err instanceof AppError && err.fields) return again(err.fields)
    throw err
  }
}

newsRoutes.post('/newsletter/issues', async (c) => {
  const ctx = await authorize(c, 'newsletter.compose')
  return saveIssue(c, ctx, null)
})

async function loadDraft(c: C) {
  const id = idOr404(c, 'ニューズレター')
  const ctx = await authorize(c, 'newsletter.compose')
  const i = await getIssue(ctx, id)
  if (!i) throw notFound('ニューズレター')
  if (i.status !== 'draft') throw new AppError(409, 'already_sent', '送信済みの号は編集・再送信できません。')
  return { ctx, i }
}

newsRoutes.get('/newsletter/issues/:id/edit', async (c) => {
  const { ctx, i } = await loadDraft(c)
  const ids = (k: string) => i.items.filter((x) => x.kind === k).map((x) => x.id)
  return issueForm(c, ctx, {
    title: `ニューズレターを編集：${i.title}`,
    action: `/newsletter/issues/${i.id}/edit`,
    values: {
      title: i.title,
      intro: i.intro,
      newsIds: ids('news'),
      eventIds: ids('event'),
      needIds: ids('need'),
    },
  })
})

newsRoutes.post('/newsletter/issues/:id/edit', async (c) => {
  const { ctx, i } = await loadDraft(c)
  return saveIssue(c, ctx, i)
})

newsRoutes.post('/newsletter/issues/:id/send', async (c) => {
  const { ctx, i } = await loadDraft(c)
  const sent = await sendIssue(ctx, i.id)
  setFlash(c, `ニューズレターを${sent.recipientCount}人に送信しました（${formatDateTime(sent.sentAt!)}）。`)
  return c.redirect(`/newsletter/${i.id}`, 303)
})

/** A sent issue (public archive), or a draft's preview for the coordinator. */
newsRoutes.get('/newsletter/:id', async (c) => {
  const id = idOr404(c, 'ニューズレター')
  const ctx = await authorize(c, 'site.view')
  const i = await getIssue(ctx, id)
  if (!i) throw notFound('ニューズレター')
  const preview = i.status === 'draft' ? { recipients: await confirmedCount(ctx) } : null
  return render(
    c,
    i.title,
    <IssuePage
      i={{ ...issueView(i), sections: issueSections(i.items) }}
      preview={preview}
      csrf={c.get('csrfToken')}
    />,
    { section: 'newsletter', crumbs: [LETTER, { label: i.title }] },
  )
})

// ------------------------------------------------------------------ 庁内通知

const noticeView = <T extends { createdAt: Date }>(n: T) => ({
  ...n,
  dateLabel: `${formatEra(n.createdAt)} ${formatDateTime(n.createdAt).split(' ')[1]}`,
})

newsRoutes.get('/staff-notices', async (c) => {
  const ctx = await authorize(c, 'staffNotice.view')
  const list = await listStaffNotices(ctx)
  return render(
    c,
    '庁内通知',
    <StaffNoticesPage list={list.map(noticeView)} canSend={can(ctx.actor, 'staffNotice.send')} />,
    { section: 'staff-notices', crumbs: [{ label: '庁内通知' }] },
  )
})

const staffForm = async (c: C, ctx: Ctx, values: Record<string, unknown>, errors?: FieldErrors) => {
  const staffCount = await staffCountOf(ctx)
  return render(
    c,
    '庁内通知を送る',
    <section>
      <h1>庁内通知を送る</h1>
      <StaffNoticeForm csrf={c.get('csrfToken')} values={values} errors={errors} staffCount={staffCount} />
    </section>,
    { status: errors ? 422 : undefined, section: 'staff-notices', crumbs: [STAFF, { label: '送る' }] },
  )
}

newsRoutes.get('/staff-notices/new', async (c) => {
  const ctx = await authorize(c, 'staffNotice.send')
  return staffForm(c, ctx, {})
})

newsRoutes.post('/staff-notices', async (c) => {
  const ctx = await authorize(c, 'staffNotice.send')
  const body = await formBody(c)
  const r = validate(staffNoticeSchema, body)
  if (!r.ok) return staffForm(c, ctx, body, r.errors)
  const n = await sendStaffNotice(ctx, r.data)
  setFlash(c, `庁内通知を${n.recipientCount}人に送りました（メール${n.mailedCount}通）。`)
  return c.redirect(`/staff-notices/${n.id}`, 303)
})

newsRoutes.get('/staff-notices/:id', async (c) => {
  const id = idOr404(c, '庁内通知')
  const ctx = await authorize(c, 'staffNotice.view')
  const n = await getStaffNotice(ctx, id)
  if (!n) throw notFound('庁内通知')
  return render(c, n.title, <StaffNoticeDetail n={noticeView(n)} />, {
    section: 'staff-notices',
    crumbs: [STAFF, { label: n.title }],
  })
})
