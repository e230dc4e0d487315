import { raw } from 'hono/html'
import { fiscalYearLabel } from '../../core/japanese/index.ts'
import { ChartWithTable, stackedBarChartSvg } from '../../core/ui/chart.tsx'
import { OpenDataColumns } from '../../core/ui/parts.tsx'
import { HISTORY_MARK, NO_FIELD, OPENDATA_PROJECT_COLUMNS } from './domain.ts'
import type { Statistics } from './service.ts'

const n = (x: number) => x.toLocaleString('ja-JP')
const pct = (r: number) => `${Math.round(r * 100)}%`

/** The CSV files of the statistics, by key (the public page offers the public ones). */
export const CSV_KEYS = {
  'projects-by-form': { title: '協働の形態別・年度別の協働事業数', dashboardOnly: false },
  'projects-by-department': { title: '担当課別の協働事業数', dashboardOnly: false },
  'projects-by-field': { title: '分野別の協働事業数', dashboardOnly: false },
  'matching-funnel': { title: '協働ニーズからマッチングまでの件数', dashboardOnly: false },
  'proposal-funnel': { title: '協働事業提案制度の件数の推移', dashboardOnly: true },
  continuation: { title: '協働事業の終了後の継続率', dashboardOnly: true },
  'consultations-by-department': { title: '担当課別の相談の件数', dashboardOnly: true },
} as const
export type CsvKey = keyof typeof CSV_KEYS

function CsvLink({ base, k }: { base: string; k: CsvKey }) {
  return (
    <p class="small">
      <a href={`${base}/${k}.csv`}>
        CSVで取得<span class="visually-hidden">（{CSV_KEYS[k].title}）</span>
      </a>
      （UTF-8 BOM付き、改行CRLF）
    </p>
  )
}

function FormYearSection({ s, base }: { s: Statistics; base: string }) {
  const { forms, years } = s.formYear
  const svg = years.length
    ? stackedBarChartSvg({
        key: 'form-year',
        title: CSV_KEYS['projects-by-form'].title,
        unit: '事業',
        categories: years.map((y) => `${y.fiscalYear}年度${y.history ? `\n${HISTORY_MARK}` : ''}`),
        series: forms.map((f) => ({ name: f.label, values: years.map((y) => y.counts[f.key] ?? 0) })),
      })
    : ''
  const title = CSV_KEYS['projects-by-form'].title
  return (
    <section class="groups-chart" aria-labelledby="chart-form-year">
      <h2 id="chart-form-year">{title}</h2>
      <p>
        協働事業は、実施している年度ごとに1件と数えます（開始日から終了日まで。終了日が決まっていない事業は今年度まで）。来年度以降の予定は含みません。
        {s.historySources.length ? (
          <>
            {HISTORY_MARK}
            と書いた年度は、このサイトで記録を始める前の年度で、当時の資料の集計をそのまま載せています（出典：
            {s.historySources.join('、')}）。
          </>
        ) : null}
      </p>
      {years.length ? (
        <>
          <figure
            class="groups-chart__figure"
            role="img"
            aria-label={`${title}のグラフ（数値は表にあります）`}
          >
            {raw(svg)}
          </figure>
          {/* the table scrolls sideways on a phone: a keyboard reaches it too (axe scrollable-region-focusable) */}
          <section class="table-wrap" tabindex={0} aria-label={`${title}（表、横にスクロールできます）`}>
            <table class="table stats-wide">
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">年度</th>
                  {forms.map((f) => (
                    <th scope="col">{f.label}</th>
                  ))}
                  <th scope="col">合計</th>
                </tr>
              </thead>
              <tbody>
                {years.map((y) => (
                  <tr>
                    <th scope="row">
                      {fiscalYearLabel(y.fiscalYear)}
                      {y.history ? (
                        <>
                          <br />
                          <span class="small">{HISTORY_MARK}</span>
                        </>
                      ) : null}
                    </th>
                    {forms.map((f) => {
                      const v = y.counts[f.key] ?? (y.history ? undefined : 0)
                      return <td class="num">{v === undefined ? '—' : n(v)}</td>
                    })}
                    <td class="num">{n(y.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : (
        <p class="muted">まだ協働事業の記録がありません。</p>
      )}
      <p class="small muted">
        「—」は、記録以前の集計でその形態を数えていないこと（0ではありません）を表します。
      </p>
      <CsvLink base={base} k="projects-by-form" />
    </section>
  )
}

export function StatisticsPage({ s, base }: { s: Statistics; base: string }) {
  const d = s.dashboard
  const dashboard = s.scope === 'dashboard'
  return (
    <section>
      <h1>{dashboard ? '協働の統計（協働推進担当）' : '協働の統計'}</h1>
      <p class="lead">
        {dashboard
          ? `市と団体の協働の数を、このサイトの記録からいつも最新の状態で集計しています（${fiscalYearLabel(s.current)}現在）。このページには庁内限りの協働事業${n(s.internalCount)}件と、提案制度・終了後の継続・相談の件数も含みます。`
          : `市と団体の協働の数を、このサイトの記録からいつも最新の状態で集計しています（${fiscalYearLabel(s.current)}現在）。公開している協働事業だけを数え、個人の情報は含みません。`}
      </p>
      {dashboard ? (
        <p>
          市民向けの公開ページは <a href="/statistics">協働の統計（公開）</a> です。
        </p>
      ) : null}
      <FormYearSection s={s} base={base} />
      <ChartWithTable
        s={{
          key: 'department',
          title: CSV_KEYS['projects-by-department'].title,
          unit: '事業',
          rows: s.byDepartment,
        }}
      />
      <p class="small muted">記録のある協働事業（全年度）を、主担当の課ごとに1件と数えています。</p>
      <CsvLink base={base} k="projects-by-department" />
      <ChartWithTable
        s={{ key: 'field', title: CSV_KEYS['projects-by-field'].title, unit: '事業', rows: s.byField }}
      />
      <p class="small muted">
        分野は、協働の相手の登録団体（公開中）が登録している活動分野です。1つの事業は、相手の団体の分野ごとに1件と数えるため、合計は事業の数より多くなります。公開中の登録団体が相手にいない事業は「
        {NO_FIELD}」です。
      </p>
      <CsvLink base={base} k="projects-by-field" />
      <ChartWithTable
        s={{ key: 'matching', title: CSV_KEYS['matching-funnel'].title, unit: '件', rows: s.matching }}
      />
      <p class="small muted">
        {dashboard ? '公開した協働ニーズ（庁内限りのものを含む）' : '一般に公開した協働ニーズ'}
        のうち、団体から「関心があります」の表明があったもの、調整で団体を紹介したもの、合意に至ったものの数です（1つのニーズは各段階で1件）。
      </p>
      <CsvLink base={base} k="matching-funnel" />
      {d ? (
        <>
          <ChartWithTable
            s={{
              key: 'proposal',
              title: `${CSV_KEYS['proposal-funnel'].title}（全年度の合計）`,
              unit: '件',
              rows: d.proposals.totals,
            }}
          />
          <p class="small">
            年度ごとの件数と、コース別・型別の内訳は
            <a href="/coordination/proposal-funnel">提案制度の件数の推移</a>
            にあります（過去の実績を含む{n(d.proposals.years.length)}年度分）。
          </p>
          <CsvLink base={base} k="proposal-funnel" />
          <section aria-labelledby="continuation-title">
            <h2 id="continuation-title">{CSV_KEYS.continuation.title}</h2>
            <p class="lead">
              継続率：<strong>{pct(d.continuation.rate)}</strong>（終了後のフォローアップを記録した
              {n(d.continuation.total)}事業のうち{n(d.continuation.continued)}事業が継続）
            </p>
            {d.continuation.byForm.length ? (
              <div class="table-wrap">
                <table class="table">
                  <caption>協働の形態別の継続率</caption>
                  <thead>
                    <tr>
                      <th scope="col">協働の形態</th>
                      <th scope="col">事業数</th>
                      <th scope="col">継続</th>
                      <th scope="col">継続率</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.continuation.byForm.map((r) => (
                      <tr>
                        <th scope="row">{r.label}</th>
                        <td class="num">{n(r.total)}</td>
                        <td class="num">{n(r.continued)}</td>
                        <td class="num">{pct(r.rate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            <p class="small">
              きっかけ別・終了年度別のグラフは <a href="/projects/continuation">協働事業の終了後の継続状況</a>{' '}
              にあります。
            </p>
            <CsvLink base={base} k="continuation" />
          </section>
          <ChartWithTable
            s={{
              key: 'consultations',
              title: CSV_KEYS['consultations-by-department'].title,
              unit: '件',
              rows: d.consultations.rows,
            }}
          />
          <p class="small muted">
            受け付けた相談{n(d.consultations.total)}
            件を、振り分けた課ごとに数えています（2つの課に振り分けた相談は両方で1件）。相談の内容や送り主は含みません。このページにだけ載せ、公開ページには載せません。
          </p>
          <CsvLink base={base} k="consultations-by-department" />
        </>
      ) : null}
      <section aria-labelledby="opendata-title">
        <h2 id="opendata-title">オープンデータ</h2>
        <ul class="link-list">
          <li>
            <a href="/opendata/projects">協働事業の年度別一覧（オープンデータ）</a>
          </li>
          <li>
            <a href="/groups/stats">団体の数（統計）</a>
          </li>
          <li>
            <a href="/surveys">協働事業等に関する実態把握調査の報告書（庁内全課への調査）</a>
          </li>
        </ul>
      </section>
    </section>
  )
}

export function OpenDataProjectsPage({ years }: { years: number[] }) {
  return (
    <section>
      <h1>協働事業の年度別一覧のオープンデータ</h1>
      <p>
        市と団体の協働事業を、実施した年度ごとに1行で機械判読できる形で提供します（庁内限りの事業は含みません）。項目は協働事業のページで公開している範囲だけで、連絡先や担当者の名前は含みません。協働事業の一覧の全国標準の項目はないため、項目を下の表で定めています。ライセンス：CC
        BY 4.0。
      </p>
      <ul class="link-list">
        <li>
          <a href="/opendata/projects.csv">CSV（UTF-8 BOM付き、改行CRLF、1行目が見出し）</a>
        </li>
        <li>
          <a href="/opendata/projects.json">JSON（UTF-8、columns と items）</a>
        </li>
        {years.map((y) => (
          <li>
            <a href={`/opendata/projects.csv?year=${y}`}>{fiscalYearLabel(y)}だけのCSV</a>
          </li>
        ))}
      </ul>
      <p class="small">
        年度で絞り込むときは <code>?year=2026</code> のように西暦の年度を付けます（付けないときは全年度）。
      </p>
      <OpenDataColumns columns={OPENDATA_PROJECT_COLUMNS} />
      <p>
        決まり：1レコード1行（セル内の改行は空白に置換）、複数の値はセミコロン（;）区切り、空欄は記録がないこと（0ではありません）、日付は西暦（YYYY-MM-DD）、金額は円で単位を付けません。年度は終了日までのうち今年度までです。
      </p>
      <p>
        <a href="/statistics">協働の統計</a>
      </p>
    </section>
  )
}
