import type { Municipality } from '../../core/context.ts'
import { formatDate, formatEra } from '../../core/japanese/index.ts'
import type { A11yResults } from './service.ts'

/** Views of the home page and the site's fixed pages; they take the city (plain data), never the context. */

type Link = { href: string; label: string }

export function HomePage({
  m,
  person,
  entries,
}: {
  m: Municipality
  /** The signed-in person's panel, when someone is signed in. */
  person: { name: string; roles: string[]; todo: (Link & { count?: number })[]; links: Link[] } | null
  entries: { href: string; title: string; text: string }[]
}) {
  const ENTRIES = entries
  const waiting = person?.todo.filter((i) => i.count) ?? []
  return (
    <>
      <section class="hero">
        <h1>{m.name}の協働ポータル</h1>
        <p class="lead">
          市民活動団体・地域の組織・事業者・大学と市の各課が出会い、一緒に取り組む事業を話し合い、成果までつなげるための場です。
        </p>
      </section>
      {person ? (
        <section class="panel" aria-labelledby="mine">
          <h2 id="mine">{person.name} さんのページ</h2>
          <p>役割：{person.roles.join('、')}</p>
          {person.todo.length ? (
            <>
              <h3 id="todo">あなたを待っていること</h3>
              {waiting.length ? null : <p>いま対応が必要なことはありません。</p>}
              <ul class="link-list todo-list" aria-labelledby="todo">
                {person.todo.map((l) => (
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
            {person.links.map((l) => (
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
    </>
  )
}

const ROLE_NAMES: Record<string, string> = {
  admin: 'システム管理者',
  coordinator: 'コーディネーター',
  staff: '担当課職員',
  group: '団体メンバー',
  reviewer: '審査委員',
  visitor: 'ログインしていない利用者',
}

export function AccessibilityPage({ m, results: r }: { m: Municipality; results: A11yResults | null }) {
  const clean = !!r && r.pagesWithViolations === 0
  return (
    <section class="prose">
      <h1>ウェブアクセシビリティ方針</h1>
      <p>
        {m.name}
        の協働ポータルは、高齢の方や障害のある方を含め、誰もが利用できるよう、ウェブアクセシビリティの確保と向上に取り組みます。
      </p>
      <h2>対象範囲</h2>
      <p>
        協働ポータル（このサイト）のすべてのページと、ログイン後に利用する機能（団体の登録・協働ニーズ・管理画面など）を対象とします。
      </p>
      <h2>目標とする適合レベル</h2>
      <p>
        JIS X 8341-3:2016 の適合レベルAAに準拠することを目標とします（WCAG 2.2
        レベルAAの達成基準も確認しています）。
      </p>
      <h2>対応度</h2>
      <p>
        <strong>JIS X 8341-3:2016 適合レベルAA 一部準拠</strong>
      </p>
      <p>
        {clean
          ? '自動検査（下記の試験結果）で確認できる達成基準では問題は見つかっていません。'
          : '自動検査（下記の試験結果）で見つかった問題を直しています。'}
        自動検査で確かめられるのは達成基準の一部です。すべての達成基準についての人による試験はまだ行っていないため、「準拠」とは表記していません。
      </p>
      <h2>試験結果</h2>
      {r ? (
        <>
          <dl class="summary-list">
            <div>
              <dt>試験日</dt>
              <dd>{formatDate(r.testedAt)}</dd>
            </div>
            <div>
              <dt>試験の方法</dt>
              <dd>
                各役割のデモ用アカウントとログインしていない状態で、ホームからたどれるページを{r.browser}
                で開き、
                <span lang="en">{r.tool}</span>で検査（達成基準のタグ：{r.tags.join('、')}）
              </dd>
            </div>
            <div>
              <dt>検査したページ</dt>
              <dd>
                {r.pagesChecked.toLocaleString('ja-JP')}ページ（異なるURL{' '}
                {r.distinctPaths.toLocaleString('ja-JP')}件）：
                {r.roles.map((x) => `${ROLE_NAMES[x.role] ?? x.role} ${x.pages}ページ`).join('、')}
              </dd>
            </div>
            <div>
              <dt>結果</dt>
              <dd>
                {clean
                  ? '検査したすべてのページで、自動検査による問題は見つかりませんでした。'
                  : `${r.pagesWithViolations}ページで問題が見つかりました（${r.violations
                      .map((v) => `${v.rule}：${v.pages}ページ`)
                      .join('、')}）。`}
              </dd>
            </div>
          </dl>
          <p class="small">
            この結果は、ブラウザーによる自動テストが書き出した記録（docs/a11y-results.json）から表示しています。
          </p>
        </>
      ) : (
        <p>試験結果はまだ記録されていません。</p>
      )}
      <h2>取り組み</h2>
      <ul>
        <li>デジタル庁デザインシステムの色・文字・フォームの作法に沿って画面を作っています。</li>
        <li>すべての機能はJavaScriptを使わずに利用でき、キーボードだけで操作できます。</li>
        <li>
          自動テストで、各役割がホームからたどれる画面を axe-core（WCAG 2.2 A/AA）により検査しています。
        </li>
        <li>スマートフォンでも利用できるよう、画面幅に応じて表示を切り替えます。</li>
      </ul>
      <h2>策定日</h2>
      <p>{formatEra('2026-11-23')}（2026年11月23日）策定</p>
      <h2>お問い合わせ</h2>
      <p>
        利用しにくい点がありましたら、{m.officeName}
        {m.officePhone ? `（電話：${m.officePhone}）` : ''}
        までお知らせください。
      </p>
    </section>
  )
}

export function PrivacyPage({ m }: { m: Municipality }) {
  return (
    <section class="prose">
      <h1>個人情報の取り扱い</h1>
      <p>
        {m.name}
        は、個人情報の保護に関する法律に基づき、このサイトで扱う個人情報を次のとおり取り扱います。
      </p>
      <div class="table-wrap">
        <table class="table table--stack">
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
              <td data-label="項目">利用者のお名前・フリガナ・メールアドレス</td>
              <td data-label="利用目的">ログイン、協働に関する連絡・通知</td>
              <td data-label="公開">公開しません</td>
              <td data-label="保存期間">アカウントの削除まで</td>
            </tr>
            <tr>
              <td data-label="項目">団体の代表者・連絡担当者の氏名と連絡先</td>
              <td data-label="利用目的">市・コーディネーター・協働の相手方からの連絡</td>
              <td data-label="公開">団体が「公開」を選んだ項目だけ公開します</td>
              <td data-label="保存期間">団体の登録期間中（削除の申出があれば削除）</td>
            </tr>
            <tr>
              <td data-label="項目">操作の記録（日時・利用者・IPアドレス）</td>
              <td data-label="利用目的">不正利用の防止と調査</td>
              <td data-label="公開">公開しません</td>
              <td data-label="保存期間">5年</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>法令に基づく場合を除き、本人の同意なく目的外に利用したり第三者に提供したりしません。</p>
      <p>開示・訂正・利用停止の請求は {m.officeName} で受け付けます。</p>
    </section>
  )
}

export function AboutPage({ m }: { m: Municipality }) {
  return (
    <section class="prose">
      <h1>このサイトについて</h1>
      <p>
        このサイトは、{m.name}（{m.prefecture}）の{m.officeName}
        が運営する協働ポータルです。「情報発信」「交流の場づくり」「コーディネート」の三つを柱に、市民活動団体と市の各課をつなぎます。
      </p>
      <p>オープンソースのソフトウェア Kyodo で動いています。</p>
      <p>
        <span lang="en">
          Kyodo is an open-source collaboration platform for Japanese municipalities and citizen groups.
        </span>
      </p>
    </section>
  )
}
