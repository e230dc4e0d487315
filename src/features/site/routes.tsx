import { Hono } from 'hono'
import { ensureMemberships, roleLabel, rolesOf } from '../../core/actor.ts'
import { homeItems, navEntries } from '../../core/feature.ts'
import type { AppEnv } from '../../core/context.ts'
import { formatEra } from '../../core/japanese/index.ts'
import { render } from '../../core/http/render.tsx'

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

siteRoutes.get('/accessibility', (c) => {
  const ctx = c.get('ctx')
  return render(
    c,
    'ウェブアクセシビリティ方針',
    <section class="prose">
      <h1>ウェブアクセシビリティ方針</h1>
      <p>
        {ctx.municipality.name}
        の協働ポータルは、高齢の方や障害のある方を含め、誰もが利用できるよう、ウェブアクセシビリティの確保と向上に取り組みます。
      </p>
      <h2>対象範囲</h2>
      <p>
        協働ポータル（このサイト）のすべてのページと、ログイン後に利用する機能（団体の登録・協働ニーズ・管理画面など）を対象とします。
      </p>
      <h2>目標とする適合レベルと対応度</h2>
      <p>
        JIS X 8341-3:2016 の適合レベルAAに準拠することを目標とします（WCAG 2.2
        レベルAAの達成基準も確認しています）。
      </p>
      <h2>取り組み</h2>
      <ul>
        <li>デジタル庁デザインシステムの色・文字・フォームの作法に沿って画面を作っています。</li>
        <li>すべての機能はJavaScriptを使わずに利用でき、キーボードだけで操作できます。</li>
        <li>自動テストで、すべての画面を axe-core（WCAG 2.2 A/AA）により検査しています。</li>
        <li>スマートフォンでも利用できるよう、画面幅に応じて表示を切り替えます。</li>
      </ul>
      <h2>策定日</h2>
      <p>{formatEra('2026-11-23')}（2026年11月23日）策定</p>
      <h2>お問い合わせ</h2>
      <p>
        利用しにくい点がありましたら、{ctx.municipality.officeName}
        {ctx.municipality.officePhone ? `（電話：${ctx.municipality.officePhone}）` : ''}
        までお知らせください。
      </p>
    </section>,
    { crumbs: [{ label: 'ウェブアクセシビリティ方針' }] },
  )
})

siteRoutes.get('/privacy', (c) => {
  const ctx = c.get('ctx')
  return render(
    c,
    '個人情報の取り扱い',
    <section class="prose">
      <h1>個人情報の取り扱い</h1>
      <p>
        {ctx.municipality.name}
        は、個人情報の保護に関する法律に基づき、このサイトで扱う個人情報を次のとおり取り扱います。
      </p>
      <div class="table-wrap">
        <table class="table">
          <caption>保有する個人情報と利用目的・保存期間</caption>
          <thead>
            <tr>
              <th scope="col">項目</th>
              <th scope="col">利用目的</th>
              <th scope="col">公開</th>
              <th scope="col">保存期間</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>利用者のお名前・フリガナ・メールアドレス</td>
              <td>ログイン、協働に関する連絡・通知</td>
              <td>公開しません</td>
              <td>アカウントの削除まで</td>
            </tr>
            <tr>
              <td>団体の代表者・連絡担当者の氏名と連絡先</td>
              <td>市・コーディネーター・協働の相手方からの連絡</td>
              <td>団体が「公開」を選んだ項目だけ公開します</td>
              <td>団体の登録期間中（削除の申出があれば削除）</td>
            </tr>
            <tr>
              <td>操作の記録（日時・利用者・IPアドレス）</td>
              <td>不正利用の防止と調査</td>
              <td>公開しません</td>
              <td>5年</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>法令に基づく場合を除き、本人の同意なく目的外に利用したり第三者に提供したりしません。</p>
      <p>開示・訂正・利用停止の請求は {ctx.municipality.officeName} で受け付けます。</p>
    </section>,
    { crumbs: [{ label: '個人情報の取り扱い' }] },
  )
})

siteRoutes.get('/about', (c) => {
  const ctx = c.get('ctx')
  return render(
    c,
    'このサイトについて',
    <section class="prose">
      <h1>このサイトについて</h1>
      <p>
        このサイトは、{ctx.municipality.name}（{ctx.municipality.prefecture}）の{ctx.municipality.officeName}
        が運営する協働ポータルです。「情報発信」「交流の場づくり」「コーディネート」の三つを柱に、市民活動団体と市の各課をつなぎます。
      </p>
      <p>オープンソースのソフトウェア Kyodo で動いています。</p>
      <p>
        <span lang="en">
          Kyodo is an open-source collaboration platform for Japanese municipalities and citizen groups.
        </span>
      </p>
    </section>,
    { crumbs: [{ label: 'このサイトについて' }] },
  )
})

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
  siteRoutes.get(path, (c) => {
    const ctx = c.get('ctx')
    return render(
      c,
      title,
      <section class="prose">
        <h1>{title}</h1>
        <p>{text}</p>
        {path === '/consultations' ? (
          <p>
            <a href="/departments">部署案内（どこの課に相談すればいいか、所掌事務から探す）</a>
          </p>
        ) : null}
        <h2>協働の窓口</h2>
        <p>
          {ctx.municipality.officeName}
          {ctx.municipality.officePhone ? (
            <>
              <br />
              電話：{ctx.municipality.officePhone}
            </>
          ) : null}
          {ctx.municipality.officeEmail ? (
            <>
              <br />
              メール：{ctx.municipality.officeEmail}
            </>
          ) : null}
        </p>
      </section>,
      { section: path.slice(1), crumbs: [{ label: title }] },
    )
  })
}
