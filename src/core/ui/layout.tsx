import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Actor } from '../actor.ts'
import type { Municipality } from '../context.ts'
import { type NavEntry, navEntries } from '../feature.ts'

export interface PageProps {
  title: string
  municipality: Municipality
  actor: Actor | null
  csrfToken: string
  flash?: string | null
  /** The top-level section to mark as current in the navigation. */
  section?: string
  children?: Child
  /** Breadcrumbs (without ホーム), last one is the current page. */
  crumbs?: { label: string; href?: string }[]
  /** The header menus with their counts (render() fills them; default: main without counts). */
  nav?: (NavEntry & { n?: number })[]
  work?: (NavEntry & { n?: number })[]
  /** Extra head elements: a page's own scripts (same-origin, deferred; every page works without them). */
  head?: Child
}

function NavLink(p: { n: NavEntry & { n?: number }; section?: string }) {
  return (
    <a href={p.n.href} aria-current={p.section === p.n.key ? 'page' : undefined}>
      {p.n.label}
      {p.n.n ? (
        <>
          {' '}
          <span class="badge badge--blue nav-count">
            {p.n.n}
            <span class="visually-hidden">件</span>
          </span>
        </>
      ) : null}
    </a>
  )
}

export function Page(p: PageProps) {
  const siteName = `${p.municipality.name} 協働ポータル`
  const nav = p.nav ?? navEntries('main', p.actor)
  const work = p.work ?? []
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="ja">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${p.title} | ${siteName}`}</title>
          <link rel="stylesheet" href="/static/tokens.css" />
          <link rel="stylesheet" href="/static/app.css" />
          {p.head}
        </head>
        <body>
          <a class="skip-link" href="#main">
            本文へ移動
          </a>
          <header class="site-header">
            <div class="site-header__inner">
              <a class="site-title" href="/">
                <span class="site-title__city">{p.municipality.name}</span>
                <span class="site-title__name">協働ポータル</span>
              </a>
              <div class="site-account">
                {p.actor ? (
                  <>
                    <a href="/account" class="site-account__name">
                      {p.actor.name} さん
                    </a>
                    <form method="post" action="/logout" class="inline-form">
                      <input type="hidden" name="_csrf" value={p.csrfToken} />
                      <button type="submit" class="button button--text">
                        ログアウト
                      </button>
                    </form>
                  </>
                ) : (
                  <>
                    <a href="/login">ログイン</a>
                    <a href="/signup">新規登録</a>
                  </>
                )}
              </div>
            </div>
            <nav class="site-nav" aria-label="メインメニュー">
              <ul>
                {nav.map((n) => (
                  <li>
                    <NavLink n={n} section={p.section} />
                  </li>
                ))}
              </ul>
            </nav>
            {work.length ? (
              <nav class="site-nav site-nav--work" aria-label="業務メニュー">
                <ul>
                  {work.map((n) => (
                    <li>
                      <NavLink n={n} section={p.section} />
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </header>
          {p.crumbs?.length ? (
            <nav class="breadcrumbs" aria-label="現在位置">
              <ol>
                <li>
                  <a href="/">ホーム</a>
                </li>
                {p.crumbs.map((c, i) => (
                  <li>
                    {c.href && i < p.crumbs!.length - 1 ? (
                      <a href={c.href}>{c.label}</a>
                    ) : (
                      <span aria-current="page">{c.label}</span>
                    )}
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          <main id="main" class="main">
            {p.flash ? (
              <div class="notice notice--success" role="status">
                {p.flash}
              </div>
            ) : null}
            {p.children}
          </main>
          <footer class="site-footer">
            <div class="site-footer__inner">
              <ul class="footer-links">
                <li>
                  <a href="/accessibility">ウェブアクセシビリティ方針</a>
                </li>
                <li>
                  <a href="/privacy">個人情報の取り扱い</a>
                </li>
                <li>
                  <a href="/statistics">協働の統計・オープンデータ</a>
                </li>
                <li>
                  <a href="/api/docs">API（開発者向け）</a>
                </li>
                <li>
                  <a href="/about">このサイトについて</a>
                </li>
              </ul>
              <p>
                {p.municipality.name} {p.municipality.officeName}
                {p.municipality.officePhone ? ` 電話：${p.municipality.officePhone}` : ''}
              </p>
              <p class="small">Kyodo（協働）— オープンソースの協働推進プラットフォーム</p>
            </div>
          </footer>
        </body>
      </html>
    </>
  )
}
