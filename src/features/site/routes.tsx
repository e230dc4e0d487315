import { Hono } from 'hono'
import { ensureMemberships, roleLabel, rolesOf } from '../../core/actor.ts'
import { homeItems, navEntries } from '../../core/feature.ts'
import type { AppEnv } from '../../core/context.ts'
import { render } from '../../core/http/render.tsx'
import { AboutPage, AccessibilityPage, PendingPage, PrivacyPage } from './views.tsx'

/** Home and the site's fixed pages (accessibility policy, privacy, about). */
export const siteRoutes = new Hono<AppEnv>()

siteRoutes.get('/', async (c) => {
  const ctx = c.get('ctx')
  const a = await ensureMemberships(ctx)
  const roles = rolesOf(a)
  const ENTRIES = navEntries('main', a)
    .filter((n) => n.description)
    .map((n) => ({
      href: n.href,
      title: n.label,
      text: n.description ?? '',
    }))
  const items = a ? await homeItems({ ...ctx, actor: a }) : []
  const todo = items.filter((i) => i.section === 'todo')
  const mine = items.filter((i) => i.section === 'links')
  const waiting = todo.filter((i) => i.count)
  return render(
    c,
    'ホーム',
    <>
      <section class="hero">
        <h1>{ctx.municipality.name}の協働ポータル</h1>
        <p class="lead">
          市民活動団体・地域の組織・事業者・大学と市の各課が出会い、一緒に取り組む事業を話し合い、成果までつなげるための場です。
        </p>
      </section>
      {a ? (
        <section class="panel" aria-labelledby="mine">
          <h2 id="mine">{a.name} さんのページ</h2>
          <p>役割：{roles.map(roleLabel).join('、')}</p>
          {todo.length ? (
            <>
              <h3 id="todo">あなたを待っていること</h3>
              {waiting.length ? null : <p>いま対応が必要なことはありません。</p>}
              <ul class="link-list todo-list" aria-labelledby="todo">
                {todo.map((l) => (
                  <li>
                    <a href={l.href}>{l.label}</a>
                    {l.count === undefined ? null : l.count ? (
                      <>
                        {' '}
                        <span class="badge badge--blue">{l.count}件</span>
                      </>
                    ) : (
                      <span class="small muted">（なし）</span>
                    )}
                  </li>
                ))}
              </ul>
              <h3>よく使うページ</h3>
            </>
          ) : null}
          <ul class="link-list">
            {mine.map((l) => (
              <li>
                <a href={l.href}>{l.label}</a>
              </li>
            ))}
            <li>
              <a href="/account">アカウント設定</a>
            </li>
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="entries">
        <h2 id="entries">さがす・つながる</h2>
        <ul class="cards">
          {ENTRIES.map((e) => (
            <li class="card">
              <h3 class="card__title">
                <a href={e.href}>{e.title}</a>
              </h3>
              <p>{e.text}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="about-kyodo">
        <h2 id="about-kyodo">協働とは</h2>
        <p>
          協働とは、市民、地域の団体、市民活動団体、事業者と行政が、共通の目的に向かって、それぞれの特性を活かし、対等な立場で役割と責任を分担しながら取り組むことです。
        </p>
        <p>
          <a href="/guide">協働のてびきを読む</a>
        </p>
      </section>
    </>,
  )
})

siteRoutes.get('/accessibility', (c) =>
  render(c, 'ウェブアクセシビリティ方針', <AccessibilityPage m={c.get('ctx').municipality} />, {
    crumbs: [{ label: 'ウェブアクセシビリティ方針' }],
  }),
)

siteRoutes.get('/privacy', (c) =>
  render(c, '個人情報の取り扱い', <PrivacyPage m={c.get('ctx').municipality} />, {
    crumbs: [{ label: '個人情報の取り扱い' }],
  }),
)

siteRoutes.get('/about', (c) =>
  render(c, 'このサイトについて', <AboutPage m={c.get('ctx').municipality} />, {
    crumbs: [{ label: 'このサイトについて' }],
  }),
)

/** Sections the product will have whose features are not built yet: say so honestly and point to the office. */
for (const [path, title, text] of [
  [
    '/events',
    'イベント',
    '分野別の交流会・説明会・意見交換会の案内と申込みは、この場所で公開する予定です（準備中）。',
  ],
  [
    '/consultations',
    '相談する',
    'オンラインでの相談受付は準備中です。協働に関するご相談は、下記の窓口へ電話またはメールでお寄せください。',
  ],
] as const) {
  siteRoutes.get(path, (c) =>
    render(c, title, <PendingPage m={c.get('ctx').municipality} path={path} title={title} text={text} />, {
      section: path.slice(1),
      crumbs: [{ label: title }],
    }),
  )
}
