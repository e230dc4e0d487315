import { Hono } from 'hono'
import type { Child } from 'hono/jsx'
import type { AppEnv } from '../../core/context.ts'
import { authorize } from '../../core/http/guard.ts'
import { render } from '../../core/http/render.tsx'
import {
  ACTORS,
  ATTITUDES,
  CHECKLISTS,
  type CollabFormGuide,
  DEFINITION,
  DOMAINS,
  EFFECTS,
  FORMS,
  formGuide,
  GUIDE_PAGES,
  PRINCIPLES,
  PRINCIPLES_LEAD,
  SIGNIFICANCE,
  SOURCES,
  type SourceKey,
  STEPS,
} from './content.ts'

/** 協働のてびき: the rules of collaboration, public pages that work without JavaScript. */
export const guideRoutes = new Hono<AppEnv>()

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩'

function GuideNav({ current }: { current: string }) {
  return (
    <nav class="guide-nav" aria-label="協働のてびきの目次">
      <ul>
        {GUIDE_PAGES.map((p) => (
          <li>
            <a href={p.href} aria-current={p.href === current ? 'page' : undefined}>
              {p.short}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function Sources({ keys }: { keys: SourceKey[] }) {
  return (
    <aside class="guide-sources" aria-labelledby="guide-sources-title">
      <h2 id="guide-sources-title">出典</h2>
      <ul>
        {keys.map((k) => (
          <li>
            {SOURCES[k].publisher}「{SOURCES[k].title}」（{SOURCES[k].date}）
          </li>
        ))}
      </ul>
      <p class="small muted">
        市の定めた文言はできるだけ原文のまま掲載しています。「このサイトによる補足」と記した箇所は、出典に記載がないためこのサイトで補った説明です。
      </p>
    </aside>
  )
}

function GuidePage(p: { href: string; title: string; children?: Child; sources: SourceKey[] }) {
  return (
    <div class="guide">
      <GuideNav current={p.href} />
      <article class="prose">
        {p.children}
        <Sources keys={p.sources} />
      </article>
    </div>
  )
}

const crumbs = (title: string) => [{ label: '協働のてびき', href: '/guide' }, { label: title }]

function Ours() {
  return <span class="badge badge--gray">このサイトによる補足</span>
}

// ---------------------------------------------------------------- /guide

guideRoutes.get('/guide', async (c) => {
  await authorize(c, 'site.view')
  return render(
    c,
    '協働のてびき',
    <GuidePage href="/guide" title="協働のてびき" sources={['ama', 'chigasakiDirection']}>
      <h1>協働のてびき</h1>
      <p class="lead">
        市民、地域の団体、市民活動団体、事業者と市が一緒にまちづくりを進めるための、協働の考え方と進め方をまとめました。協働を考えている団体の方と、市の職員の方のための手引きです。
      </p>
      <p>
        実際の協働事業の課題・役割分担・費用・成果・学んだことは<a href="/cases">協働の事例集</a>で読めます。
      </p>
      <h2>協働とは</h2>
      <blockquote class="quote">
        <p>{DEFINITION}</p>
      </blockquote>
      <h2>目次</h2>
      <ol class="guide-toc">
        {GUIDE_PAGES.slice(1).map((p) => (
          <li>
            <a href={p.href}>{p.title}</a>
            <p>{p.text}</p>
          </li>
        ))}
      </ol>
      <h2>協働を進める意義</h2>
      <dl class="summary-list summary-list--stacked">
        {SIGNIFICANCE.map((s) => (
          <>
            <dt>{s.title}</dt>
            <dd>{s.text}</dd>
          </>
        ))}
      </dl>
      <h2>協働により期待される効果</h2>
      <p>{EFFECTS.lead}</p>
      <div class="guide-columns">
        {[EFFECTS.cityAlone, EFFECTS.groupAlone].map((e) => (
          <section class="panel" aria-label={e.title}>
            <h3>{e.title}</h3>
            <ul>
              {e.items.map((i) => (
                <li>{i}</li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p class="small muted">（効果の例は、茅ヶ崎市の協働推進事業をふりかえった意見から）</p>
      <h2>相談の窓口</h2>
      <p>
        どの課に相談すればよいか、どの形態がよいかわからないときは、<a href="/consultations">協働の窓口</a>
        にご相談ください。
      </p>
    </GuidePage>,
    { section: 'guide', crumbs: [{ label: '協働のてびき' }] },
  )
})

// ---------------------------------------------------------------- /guide/principles

guideRoutes.get('/guide/principles', async (c) => {
  await authorize(c, 'site.view')
  const title = '協働の基本ルール'
  return render(
    c,
    title,
    <GuidePage href="/guide/principles" title={title} sources={['ama']}>
      <h1>{title}</h1>
      <h2>協働の概念</h2>
      <p>{DEFINITION}</p>
      <h2 id="principles">協働を進めるための基本ルール（5つの原則）</h2>
      <p>{PRINCIPLES_LEAD}</p>
      <ol class="principles">
        {PRINCIPLES.map((p) => (
          <li id={p.key}>
            <h3>{p.title}</h3>
            <p>{p.text}</p>
          </li>
        ))}
      </ol>
      <h2 id="attitudes">協働における基本姿勢</h2>
      {ATTITUDES.map((a) => (
        <section aria-labelledby={`att-${a.who}`}>
          <h3 id={`att-${a.who}`}>{a.who}</h3>
          <ol class="circled">
            {a.items.map((i, n) => (
              <li data-n={CIRCLED[n]}>{i}</li>
            ))}
          </ol>
        </section>
      ))}
      <h2 id="actors">協働のまちづくりの主体</h2>
      <div class="table-wrap">
        <table class="table">
          <caption>協働のまちづくりの主体（5種類）</caption>
          <thead>
            <tr>
              <th scope="col">主体</th>
              <th scope="col">指すもの</th>
            </tr>
          </thead>
          <tbody>
            {ACTORS.map((a) => (
              <tr>
                <th scope="row">{a.name}</th>
                <td>{a.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="domains">市民活動と行政の協働領域</h2>
      <p>
        活動は、市民が単独で行うものから行政が単独で行うものまで5つの領域に分かれます。協働の領域はその間の3つです。
      </p>
      <div class="table-wrap">
        <table class="table table--stack">
          <caption>協働領域の一覧（概念図を表にしたもの）</caption>
          <thead>
            <tr>
              <th scope="col">領域</th>
              <th scope="col">内容</th>
              <th scope="col">例</th>
              <th scope="col">主な協働の形態</th>
            </tr>
          </thead>
          <tbody>
            {DOMAINS.map((d) => (
              <tr>
                <th scope="row">{d.name}</th>
                <td data-label="内容">{d.text}</td>
                <td data-label="例">{d.examples.join('、')}</td>
                <td data-label="主な協働の形態">{d.forms || '—（協働の領域外）'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href="/guide/forms">協働の形態と、それぞれの留意点へ</a>
      </p>
    </GuidePage>,
    { section: 'guide', crumbs: crumbs(title) },
  )
})

// ---------------------------------------------------------------- /guide/forms

function PointList({ who, items }: { who: string; items?: string[] }) {
  if (!items?.length) return null
  return (
    <div class="points">
      <h4 class="points__who">【{who}】</h4>
      <ol class="circled">
        {items.map((i, n) => (
          <li data-n={CIRCLED[n]}>{i}</li>
        ))}
      </ol>
    </div>
  )
}

function FormSection({ f }: { f: CollabFormGuide }) {
  const none = !f.points.group?.length && !f.points.city?.length && !f.points.common?.length
  return (
    <section class="collab-form" id={f.code} aria-labelledby={`h-${f.code}`}>
      <h2 id={`h-${f.code}`}>
        {f.label}
        {f.sourceName && f.sourceName !== f.label ? (
          <span class="muted small">（{f.sourceName}）</span>
        ) : null}
      </h2>
      {f.domain ? <p class="small">協働領域：{f.domain}</p> : null}
      <h3>どのような協働か{f.ours ? <Ours /> : null}</h3>
      {f.what.map((w) => (
        <p>{w}</p>
      ))}
      <h3>留意しなくてはならないポイント</h3>
      {none ? null : (
        <>
          <PointList who="市民活動団体等" items={f.points.group} />
          <PointList who="行政" items={f.points.city} />
          <PointList who="共通" items={f.points.common} />
        </>
      )}
      {f.note ? <p class="notice">{f.note}</p> : null}
      {f.seeAlso?.length ? (
        <p>
          あわせて読む：
          {f.seeAlso.map((s, i) => (
            <>
              {i ? '、' : ''}
              <a href={`#${s}`}>{formGuide(s)?.label}の留意点</a>
            </>
          ))}
        </p>
      ) : null}
      {f.regulations ? <p class="small muted">（参考）関係例規：{f.regulations}</p> : null}
    </section>
  )
}

guideRoutes.get('/guide/forms', async (c) => {
  await authorize(c, 'site.view')
  const title = '協働の形態と留意点'
  return render(
    c,
    title,
    <GuidePage href="/guide/forms" title={title} sources={['ama', 'chigasaki', 'musashino']}>
      <h1>{title}</h1>
      <p>
        協働にはさまざまな形があります。事業の目的と、お互いの役割・責任の分け方に合った形態を選んでください。それぞれの形態について、市民活動団体等と行政が留意しなくてはならないポイントを示します。
      </p>
      <nav aria-label="協働の形態の一覧" class="form-index">
        <ul>
          {FORMS.map((f) => (
            <li>
              <a href={`#${f.code}`}>{f.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {FORMS.map((f) => (
        <FormSection f={f} />
      ))}
    </GuidePage>,
    { section: 'guide', crumbs: crumbs(title) },
  )
})

// ---------------------------------------------------------------- /guide/process

guideRoutes.get('/guide/process', async (c) => {
  await authorize(c, 'site.view')
  const title = '協働事業の進め方'
  return render(
    c,
    title,
    <GuidePage href="/guide/process" title={title} sources={['chigasakiDirection', 'kashiwa', 'ama']}>
      <h1>{title}</h1>
      <p>
        協働事業は、出会いから相談、話し合いと取り決め、実施、ふりかえり、そして事業が根付くまでのアフターフォローへと進みます。各段階で、
        <a href="/guide/checklists">セルフチェック</a>を使って確かめてください。
      </p>
      <ol class="steps">
        {STEPS.map((s, i) => (
          <li class="step" id={s.key}>
            <h2>
              <span class="step__num">{i + 1}</span>
              {s.title}
            </h2>
            <p>{s.text}</p>
            {s.quotes.map((q) => (
              <blockquote class="quote">
                <p>{q.text}</p>
                <p class="quote__cite small">
                  — {SOURCES[q.source].publisher}「{SOURCES[q.source].title}」
                </p>
              </blockquote>
            ))}
            {s.links.length || s.checklist ? (
              <ul class="link-list">
                {s.links.map((l) => (
                  <li>
                    <a href={l.href}>{l.label}</a>
                  </li>
                ))}
                {s.checklist && !s.links.some((l) => l.href.includes('#')) ? (
                  <li>
                    <a href={`/guide/checklists#${s.checklist}`}>
                      この段階のセルフチェック（{CHECKLISTS.find((k) => k.key === s.checklist)?.title}）
                    </a>
                  </li>
                ) : null}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </GuidePage>,
    { section: 'guide', crumbs: crumbs(title) },
  )
})

// ---------------------------------------------------------------- /guide/checklists

guideRoutes.get('/guide/checklists', async (c) => {
  await authorize(c, 'site.view')
  const title = '協働のセルフチェック'
  const submitted = c.req.query('checked') === '1'
  const checked = new Map(CHECKLISTS.map((k) => [k.key, new Set((c.req.queries(k.key) ?? []).map(String))]))
  const total = CHECKLISTS.reduce((n, k) => n + k.items.length, 0)
  const done = CHECKLISTS.reduce(
    (n, k) => n + k.items.filter((_, i) => checked.get(k.key)!.has(String(i + 1))).length,
    0,
  )
  return render(
    c,
    title,
    <GuidePage href="/guide/checklists" title={title} sources={['ama', 'kashiwa']}>
      <h1>{title}</h1>
      <p>
        協働を進めるためのPDCAサイクル（計画・実行・点検・評価・見直し）の段階ごとに、確かめたい項目をまとめました。当てはまる項目にチェックを入れて「結果を確かめる」を押すと、まだの項目がわかります。入力した内容は保存されません。印刷して話し合いに使うこともできます。
      </p>
      <p>
        進めている協働事業では、団体と担当課がそれぞれ事業のページでこのチェックリストに答えて残せます。双方の答えが違う項目は事業のページに表示されます（
        <a href="/projects">協働事業の一覧</a>から事業を開き、「PDCAチェックリスト」へ）。
      </p>
      {submitted ? (
        <div class="notice notice--info" role="status" id="result">
          <p>
            <strong>
              {total}項目中 {done}項目にチェックがあります。
            </strong>
          </p>
          <ul>
            {CHECKLISTS.map((k) => {
              const s = checked.get(k.key)!
              const rest = k.items.map((_, i) => i + 1).filter((n) => !s.has(String(n)))
              return (
                <li>
                  <a href={`#${k.key}`}>{k.title}</a>：{k.items.length - rest.length}/{k.items.length}
                  {rest.length ? `（まだの項目：${rest.join('、')}番）` : '（すべて確認済み）'}
                </li>
              )
            })}
          </ul>
        </div>
      ) : null}
      <form method="get" action="/guide/checklists#result" class="form checklists">
        <input type="hidden" name="checked" value="1" />
        {CHECKLISTS.map((k) => (
          <fieldset class="fieldset checklist" id={k.key}>
            <legend class="checklist__legend">
              <span class="checklist__phase">{k.phase}</span>
              {k.title}
              {k.ours ? <Ours /> : null}
            </legend>
            <ol class="checklist__items">
              {k.items.map((item, i) => (
                <li class="choice">
                  <input
                    type="checkbox"
                    id={`c-${k.key}-${i + 1}`}
                    name={k.key}
                    value={String(i + 1)}
                    checked={checked.get(k.key)!.has(String(i + 1))}
                  />
                  <label for={`c-${k.key}-${i + 1}`}>
                    <span class="checklist__num">{i + 1}.</span> {item}
                  </label>
                </li>
              ))}
            </ol>
            {k.note ? <p class="small muted">{k.note}</p> : null}
          </fieldset>
        ))}
        <div class="actions">
          <button type="submit" class="button">
            結果を確かめる
          </button>
          <a href="/guide/checklists" class="button button--secondary">
            チェックをすべて外す
          </a>
        </div>
      </form>
    </GuidePage>,
    { section: 'guide', crumbs: crumbs(title) },
  )
})
