import type { Child } from 'hono/jsx'
import { fiscalYearLabel, formatDate, formatDateTime, ymdInTokyo } from '../../core/japanese/index.ts'
import { ChartWithTable } from '../../core/ui/chart.tsx'
import {
  Checkbox,
  ChoiceGroup,
  DateField,
  ErrorSummary,
  Form,
  type Option,
  Select,
  Submit,
  TextArea,
  TextField,
  type Values,
} from '../../core/ui/form.tsx'
import { Badge, Notice, Pagination } from '../../core/ui/parts.tsx'
import type { FieldErrors } from '../../core/validation.ts'
import { hmInTokyo } from '../events/index.ts'
import {
  APP_STATUSES,
  appStatusOf,
  BUDGET_ROWS,
  cityShare,
  DEFAULT_COURSES,
  type FunnelYear,
  isAdopted,
  maxTotal,
  type Ranked,
  SCORE_STAGES,
  STAGES,
  scoreStageLabel,
  stageLabel,
  THEME_STATUSES,
  themeStatusLabel,
  typeLabel,
  yen,
} from './domain.ts'
import type { BudgetLine, Course, Criterion, ScheduleStep } from './schema.ts'

type Prog = {
  id: string
  title: string
  type: string
  fiscalYear: number | null
  description: string
  courses: Course[]
  budgetFrame: number
  upperLimit: number
  eligibleCategories: string[]
  ineligibleCategories: string[]
  fundedYears: number
  preConsultationRequired: boolean
  deadline: Date | null
  schedule: ScheduleStep[]
  criteria: Criterion[]
  stage: string
  presentationPlace: string
  presentationPublished: boolean
  reviewSummary: string
  resultsPublished: boolean
  closed?: boolean
}
type App = {
  id: string
  title: string
  groupId: string
  groupName?: string
  courseCode: string
  themeId: string | null
  departmentId: string | null
  purpose: string
  localIssue: string
  content: string
  plan: string
  outcomes: string
  measures: string
  team: string
  roles: string
  budget: BudgetLine[]
  status: string
  eligibilityNote: string
  decisionReason: string
  decidedAt: Date | null
  presentationOrder: number | null
  presentationAt: Date | null
  presentationMinutes: number | null
  projectId: string | null
  submittedAt: Date | null
}

const fyText = (fy: number | null) => (fy === null ? '通年募集' : fiscalYearLabel(fy))
const ymdJa = (s: string) => formatDate(new Date(`${s}T12:00:00+09:00`))
export const StatusBadge = ({ status }: { status: string }) => {
  const s = appStatusOf(status)
  return <Badge tone={s.tone as 'blue'}>{s.label}</Badge>
}

function Paragraphs({ text }: { text: string }) {
  return <p class="prewrap">{text}</p>
}

function Dl({ rows }: { rows: [string, Child][] }) {
  return (
    <dl class="summary-list">
      {rows.map(([k, v]) => (
        <div>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  )
}

// ------------------------------------------------------------------ public

export function ProgrammeList(p: {
  items: Prog[]
  total: number
  page: number
  perPage: number
  coordinator?: boolean
}) {
  return (
    <>
      <p class="lead">
        市の課と市民活動団体が一緒に地域の課題に取り組む「協働事業」の提案を募集しています。募集の日程、コース、対象経費、審査の結果をご覧いただけます。
      </p>
      {p.coordinator ? (
        <p>
          <a class="button" href="/coordination/proposals/new">
            募集をつくる
          </a>
        </p>
      ) : null}
      {p.items.length === 0 ? <p>公開中の募集はありません。</p> : null}
      <ul class="link-list">
        {p.items.map((x) => (
          <li>
            <a href={p.coordinator ? `/coordination/proposals/${x.id}` : `/proposals/${x.id}`}>{x.title}</a>{' '}
            <span class="muted small">
              {typeLabel(x.type)}・{fyText(x.fiscalYear)}・{stageLabel(x.stage)}
            </span>
          </li>
        ))}
      </ul>
      <Pagination page={p.page} perPage={p.perPage} total={p.total} baseQuery={new URLSearchParams()} />
    </>
  )
}

export function CoursesTable({ p }: { p: Prog }) {
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>コースと採択枠（市負担額・1年あたり）</caption>
        <thead>
          <tr>
            <th scope="col">コース</th>
            <th scope="col">採択枠</th>
            <th scope="col">1件の上限額</th>
          </tr>
        </thead>
        <tbody>
          {p.courses.map((c) => (
            <tr>
              <th scope="row">{c.label}</th>
              <td class="num">{c.frame ? yen(c.frame) : '制度全体の枠による'}</td>
              <td class="num">
                {c.limit ? yen(c.limit) : p.upperLimit ? yen(p.upperLimit) : '経費の負担なし'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function ScheduleTable({ steps }: { steps: ScheduleStep[] }) {
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>日程</caption>
        <thead>
          <tr>
            <th scope="col">日付</th>
            <th scope="col">ステップ</th>
            <th scope="col">行う人</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr>
              <td>{ymdJa(s.on)}</td>
              <th scope="row">{s.label}</th>
              <td>{s.who}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function PresentationList({ p, apps }: { p: Prog; apps: App[] }) {
  const list = apps
    .filter((a) => a.presentationOrder !== null)
    .sort((a, b) => a.presentationOrder! - b.presentationOrder!)
  return (
    <section aria-labelledby="h-presentation">
      <h2 id="h-presentation">公開プレゼンテーション</h2>
      {p.presentationPlace ? <p>会場：{p.presentationPlace}（どなたでも傍聴できます）</p> : null}
      <div class="table-wrap">
        <table class="table table--stack">
          <caption>発表の順番と時間</caption>
          <thead>
            <tr>
              <th scope="col">順番</th>
              <th scope="col">時間</th>
              <th scope="col">事業名</th>
              <th scope="col">団体</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr>
                <td class="num" data-label="順番">
                  {a.presentationOrder}
                </td>
                <td data-label="時間">
                  {a.presentationAt ? formatDateTime(a.presentationAt) : '未定'}
                  {a.presentationMinutes ? `（${a.presentationMinutes}分）` : ''}
                </td>
                <th scope="row">{a.title}</th>
                <td data-label="団体">{a.groupName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export function ProgrammePage(p: {
  p: Prog
  themes: {
    id: string
    title: string
    description: string
    upperLimit: number
    departmentName: string
    needId: string | null
  }[]
  apps: App[]
  canApply: boolean
}) {
  const x = p.p
  const adopted = p.apps.filter((a) => isAdopted(a.status))
  return (
    <>
      {x.description ? <Paragraphs text={x.description} /> : null}
      <Dl
        rows={[
          ['提案の型', typeLabel(x.type)],
          ['年度', fyText(x.fiscalYear)],
          ['状況', stageLabel(x.stage)],
          ['提案締切', x.deadline ? formatDateTime(x.deadline) : '通年で受け付けます'],
          ['採択枠（1年目の市負担額の合計）', x.budgetFrame ? yen(x.budgetFrame) : '—'],
          ['支援する期間', `原則${x.fundedYears}年間（2年目も審査のうえ継続）`],
          [
            '事前の意見交換会',
            x.preConsultationRequired ? '必須（提案の前に担当課と意見交換を行ってください）' : '任意',
          ],
          ['対象経費', x.eligibleCategories.join('、') || '—'],
          ['対象外経費', x.ineligibleCategories.join('、') || '—'],
        ]}
      />
      {p.canApply ? (
        <p class="button-row">
          <a class="button" href={`/proposals/${x.id}/apply`}>
            提案書を作成する
          </a>{' '}
          <a class="button button--secondary" href={`/proposals/${x.id}/consultation`}>
            意見交換会の記録を登録する
          </a>
        </p>
      ) : null}
      <CoursesTable p={x} />
      <ScheduleTable steps={x.schedule} />
      {x.type === 'gyosei' ? (
        <section aria-labelledby="h-themes">
          <h2 id="h-themes">募集テーマ（行政提案型）</h2>
          {p.themes.length === 0 ? <p>テーマは決定後に掲載します。</p> : null}
          <ul class="link-list">
            {p.themes.map((t) => (
              <li>
                <strong>{t.title}</strong>（{t.departmentName}・上限額 {yen(t.upperLimit)}）
                {t.description ? <p class="small">{t.description}</p> : null}
                {t.needId ? (
                  <a class="small" href={`/needs/${t.needId}`}>
                    このテーマのもとになった協働ニーズ
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {x.presentationPublished ? <PresentationList p={x} apps={p.apps} /> : null}
      {x.resultsPublished ? (
        <section aria-labelledby="h-results">
          <h2 id="h-results">審査の結果</h2>
          {adopted.length === 0 ? (
            <p>採択された提案はありません。</p>
          ) : (
            <div class="table-wrap">
              <table class="table table--stack">
                <caption>採択された提案</caption>
                <thead>
                  <tr>
                    <th scope="col">事業名</th>
                    <th scope="col">団体</th>
                    <th scope="col">結果</th>
                    <th scope="col">1年目の市負担額</th>
                    <th scope="col">2年目の市負担額</th>
                  </tr>
                </thead>
                <tbody>
                  {adopted.map((a) => (
                    <tr>
                      <th scope="row">{a.title}</th>
                      <td data-label="団体">{a.groupName}</td>
                      <td data-label="結果">{appStatusOf(a.status).label}</td>
                      <td class="num" data-label="1年目市負担">
                        {yen(cityShare(a.budget, 1))}
                      </td>
                      <td class="num" data-label="2年目市負担">
                        {yen(cityShare(a.budget, 2))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {x.reviewSummary ? (
            <>
              <h3>審査講評</h3>
              <Paragraphs text={x.reviewSummary} />
            </>
          ) : null}
        </section>
      ) : null}
    </>
  )
}

// ------------------------------------------------------------------ coordinator: programmes

const courseOptions: Option[] = DEFAULT_COURSES.map((c) => ({ value: c.code, label: c.label }))

export function ProgrammeForm(p: { csrf: string; values: Values; errors?: FieldErrors }) {
  const e = p.errors
  const v = p.values
  return (
    <Form action="/coordination/proposals" csrf={p.csrf}>
      <ErrorSummary errors={e} />
      <TextField
        name="title"
        label="名称"
        required
        values={v}
        errors={e}
        help="例：令和8年度 市民提案型協働事業"
      />
      <ChoiceGroup
        name="type"
        label="提案の型"
        required
        values={v}
        errors={e}
        options={[
          { value: 'shimin', label: '市民提案型（団体がテーマを提案する）' },
          { value: 'gyosei', label: '行政提案型（課がテーマを示す）' },
        ]}
      />
      <TextField
        name="fiscalYear"
        label="年度"
        values={v}
        errors={e}
        size="short"
        help="西暦か和暦（例：2026、令和8年）。空欄にすると通年募集になり、締切は設けません"
      />
      <TextArea name="description" label="制度の説明" values={v} errors={e} rows={4} />
      <ChoiceGroup
        name="courses"
        label="コース"
        required
        multiple
        values={v}
        errors={e}
        options={courseOptions}
        help="柏市の見直し方針の5コースから選びます。各コースの枠と上限額は初期値で、あとから変えられます"
      />
      <TextField
        name="budgetFrame"
        label="採択枠（1年目の市負担額の合計・円）"
        required
        values={v}
        errors={e}
        inputmode="numeric"
      />
      <TextField
        name="upperLimit"
        label="1件あたりの上限額（円・コースに上限がないとき）"
        required
        values={v}
        errors={e}
        inputmode="numeric"
      />
      <TextArea name="eligibleCategories" label="対象経費（1行に1つ）" values={v} errors={e} rows={5} />
      <TextArea name="ineligibleCategories" label="対象外経費（1行に1つ）" values={v} errors={e} rows={4} />
      <TextField
        name="fundedYears"
        label="支援する年数"
        required
        values={v}
        errors={e}
        size="short"
        inputmode="numeric"
        help="原則2年間"
      />
      <Checkbox
        name="preConsultationRequired"
        label="提案の前に担当課との意見交換会を必須にする"
        values={v}
        errors={e}
      />
      <Submit label="募集をつくる" />
    </Form>
  )
}

export function ManagePage(p: {
  csrf: string
  p: Prog
  themes: {
    id: string
    title: string
    status: string
    upperLimit: number
    hearingNote: string
    decisionNote: string
    departmentName: string
  }[]
  apps: App[]
  reviewers: { id: string; name: string }[]
  candidates: Option[]
  departments: Option[]
  consultations: { groupName: string; departmentName: string; heldOn: string; note: string }[]
  errors?: FieldErrors
  values?: Values
}) {
  const x = p.p
  const base = `/coordination/proposals/${x.id}`
  return (
    <>
      <ErrorSummary errors={p.errors} />
      <p class="button-row">
        <a href={`/proposals/${x.id}`}>公開ページを見る</a>・
        <a href={`/proposal-panels/${x.id}`}>審査会（集計・順位）</a>・
        <a href="/coordination/proposal-funnel">件数の推移</a>
      </p>
      <section aria-labelledby="h-stage">
        <h2 id="h-stage">段階</h2>
        <Form action={`${base}/stage`} csrf={p.csrf} class="inline-form">
          <Select
            name="stage"
            label="いまの段階"
            required
            values={{ stage: x.stage }}
            options={STAGES.map((s) => ({ value: s.code, label: s.label }))}
          />
          <Submit label="段階を変える" />
        </Form>
        <p class="small muted">
          「準備中」は公開されません。「書類審査中」で審査委員が書類審査を、「公開プレゼンテーション」で当日の採点をします。
        </p>
      </section>
      <section aria-labelledby="h-schedule">
        <h2 id="h-schedule">日程</h2>
        <Form action={`${base}/schedule`} csrf={p.csrf}>
          {x.schedule.map((s, i) => (
            <DateField
              name={`on_${i}`}
              label={`${s.label}（${s.who}）`}
              required
              values={{ [`on_${i}`]: s.on, ...(p.values ?? {}) }}
              errors={p.errors}
            />
          ))}
          <Submit label="日程を保存する" secondary />
        </Form>
      </section>
      {x.type === 'gyosei' ? (
        <section aria-labelledby="h-themes">
          <h2 id="h-themes">テーマ（庁内募集・ヒアリング・庁議）</h2>
          {p.themes.map((t) => (
            <div class="panel">
              <h3>
                {t.title}（{t.departmentName}）
              </h3>
              <Form action={`/coordination/proposal-themes/${t.id}`} csrf={p.csrf}>
                <Select
                  name="status"
                  label="状況"
                  required
                  id={`f-status-${t.id}`}
                  values={{ status: t.status }}
                  options={THEME_STATUSES.map((s) => ({ value: s.code, label: s.label }))}
                />
                <TextField
                  name="upperLimit"
                  id={`f-limit-${t.id}`}
                  label="上限額（円）"
                  required
                  values={{ upperLimit: t.upperLimit }}
                />
                <TextArea
                  name="hearingNote"
                  id={`f-hearing-${t.id}`}
                  label="ヒアリングの記録"
                  values={t}
                  rows={2}
                />
                <TextArea
                  name="decisionNote"
                  id={`f-decision-${t.id}`}
                  label="庁議の決定"
                  values={t}
                  rows={2}
                />
                <Submit label="テーマを更新する" secondary />
              </Form>
            </div>
          ))}
          <h3>テーマを登録する（課からの提案を代わりに登録）</h3>
          <ThemeForm
            csrf={p.csrf}
            programmeId={x.id}
            departments={p.departments}
            values={p.values}
            errors={p.errors}
          />
        </section>
      ) : null}
      <section aria-labelledby="h-reviewers">
        <h2 id="h-reviewers">審査委員</h2>
        <ul>
          {p.reviewers.map((r) => (
            <li>{r.name}</li>
          ))}
        </ul>
        {p.reviewers.length === 0 ? <p>まだ審査委員がいません。</p> : null}
        <Form action={`${base}/reviewers`} csrf={p.csrf} class="inline-form">
          <Select
            name="userId"
            label="審査委員を加える"
            required
            options={p.candidates}
            empty="選んでください"
            errors={p.errors}
          />
          <Submit label="この募集の審査委員にする" secondary />
        </Form>
      </section>
      <section aria-labelledby="h-apps">
        <h2 id="h-apps">提案</h2>
        <div class="table-wrap">
          <table class="table table--stack">
            <caption>提出された提案（{p.apps.length}件）</caption>
            <thead>
              <tr>
                <th scope="col">順番</th>
                <th scope="col">事業名</th>
                <th scope="col">団体</th>
                <th scope="col">コース</th>
                <th scope="col">1年目の市負担額</th>
                <th scope="col">状況</th>
              </tr>
            </thead>
            <tbody>
              {p.apps.map((a) => (
                <tr>
                  <td class="num" data-label="順番">
                    {a.presentationOrder ?? '—'}
                  </td>
                  <th scope="row">
                    <a href={`/proposal-applications/${a.id}`}>{a.title}</a>
                  </th>
                  <td data-label="団体">{a.groupName}</td>
                  <td data-label="コース">{x.courses.find((c) => c.code === a.courseCode)?.label ?? '—'}</td>
                  <td class="num" data-label="1年目市負担">
                    {yen(cityShare(a.budget, 1))}
                  </td>
                  <td data-label="状況">
                    <StatusBadge status={a.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="h-cons">
        <h2 id="h-cons">意見交換会の記録</h2>
        <ul>
          {p.consultations.map((c) => (
            <li>
              {ymdJa(c.heldOn)} {c.groupName} × {c.departmentName} {c.note ? `— ${c.note}` : ''}
            </li>
          ))}
        </ul>
        {p.consultations.length === 0 ? <p>記録はありません。</p> : null}
      </section>
      <section aria-labelledby="h-pres">
        <h2 id="h-pres">公開プレゼンテーションを公開する</h2>
        <p class="small">各提案のページで順番と時間を決めてから、会場を入れて公開します。</p>
        <Form action={`${base}/presentation`} csrf={p.csrf} class="inline-form">
          <TextField
            name="place"
            label="会場"
            required
            values={{ place: x.presentationPlace, ...(p.values ?? {}) }}
            errors={p.errors}
          />
          <Submit label="発表の順番を公開する" secondary />
        </Form>
      </section>
      <section aria-labelledby="h-results">
        <h2 id="h-results">結果を公表する</h2>
        <Form action={`${base}/results`} csrf={p.csrf}>
          <TextArea
            name="reviewSummary"
            label="審査講評"
            required
            values={{ reviewSummary: x.reviewSummary, ...(p.values ?? {}) }}
            errors={p.errors}
          />
          <Submit label="採択結果と講評を公表する" />
        </Form>
      </section>
    </>
  )
}

export function ThemeForm(p: {
  csrf: string
  programmeId: string
  departments: Option[]
  values?: Values
  errors?: FieldErrors
}) {
  return (
    <Form action={`/proposals/${p.programmeId}/themes`} csrf={p.csrf}>
      <Select
        name="departmentId"
        label="提案する課"
        required
        options={p.departments}
        empty="選んでください"
        values={p.values}
        errors={p.errors}
      />
      <TextField name="title" label="テーマ" required values={p.values} errors={p.errors} />
      <TextArea
        name="description"
        label="テーマの説明（課題・ニーズ）"
        values={p.values}
        errors={p.errors}
        rows={3}
      />
      <TextField
        name="upperLimit"
        label="上限額"
        required
        values={p.values}
        errors={p.errors}
        inputmode="numeric"
        help="円。例：1000000"
      />
      <TextField
        name="needId"
        label="もとになった協働ニーズのID"
        values={p.values}
        errors={p.errors}
        help="協働ニーズのページのURLの末尾にあるIDです"
      />
      <Submit label="テーマを提案する" secondary />
    </Form>
  )
}

export function StaffThemesPage(p: {
  csrf: string
  programmes: {
    id: string
    title: string
    themes: { title: string; status: string; departmentName: string }[]
  }[]
  departments: Option[]
  values?: Values
  errors?: FieldErrors
  for?: string
}) {
  return (
    <>
      <p class="lead">
        行政提案型の募集で、課が団体と取り組みたいテーマを提案します（庁内募集）。協働推進課がヒアリングし、庁議で決まったテーマが公開されます。
      </p>
      {p.programmes.length === 0 ? <p>テーマを募集中の行政提案型の募集はありません。</p> : null}
      {p.programmes.map((x) => (
        <section class="panel">
          <h2>{x.title}</h2>
          <ul>
            {x.themes.map((t) => (
              <li>
                {t.title}（{t.departmentName}）— {themeStatusLabel(t.status)}
              </li>
            ))}
          </ul>
          <ErrorSummary errors={p.for === x.id ? p.errors : undefined} />
          <ThemeForm
            csrf={p.csrf}
            programmeId={x.id}
            departments={p.departments}
            values={p.for === x.id ? p.values : undefined}
            errors={p.for === x.id ? p.errors : undefined}
          />
        </section>
      ))}
    </>
  )
}

// ------------------------------------------------------------------ groups

export function MyPage(p: {
  open: Prog[]
  apps: (App & { programmeTitle: string })[]
  total: number
  page: number
  perPage: number
}) {
  return (
    <>
      <h2>募集中の提案制度</h2>
      {p.open.length === 0 ? <p>いま募集中のものはありません。</p> : null}
      <ul class="link-list">
        {p.open.map((x) => (
          <li>
            <a href={`/proposals/${x.id}`}>{x.title}</a>{' '}
            <span class="small muted">
              {typeLabel(x.type)}・締切 {x.deadline ? formatDate(x.deadline) : '通年'}
            </span>{' '}
            <a href={`/proposals/${x.id}/apply`}>提案書を作成する</a>・
            <a href={`/proposals/${x.id}/consultation`}>意見交換会を登録する</a>
          </li>
        ))}
      </ul>
      <h2>団体の提案</h2>
      {p.apps.length === 0 ? <p>まだ提案はありません。</p> : null}
      <div class="table-wrap">
        <table class="table table--stack">
          <caption>団体の提案（{p.total}件）</caption>
          <thead>
            <tr>
              <th scope="col">事業名</th>
              <th scope="col">募集</th>
              <th scope="col">団体</th>
              <th scope="col">状況</th>
            </tr>
          </thead>
          <tbody>
            {p.apps.map((a) => (
              <tr>
                <th scope="row">
                  <a href={`/proposal-applications/${a.id}`}>{a.title}</a>
                </th>
                <td data-label="募集">{a.programmeTitle}</td>
                <td data-label="団体">{a.groupName}</td>
                <td data-label="状況">
                  <StatusBadge status={a.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={p.page} perPage={p.perPage} total={p.total} baseQuery={new URLSearchParams()} />
    </>
  )
}

export function ConsultationForm(p: {
  csrf: string
  programmeId: string
  groups: Option[]
  departments: Option[]
  values: Values
  errors?: FieldErrors
  done: { heldOn: string; groupName: string; departmentName: string }[]
}) {
  return (
    <>
      <p class="lead">
        提案の前に、協働する課と「意見交換会」を行い、その日付と内容をここに記録します。記録がないと、意見交換会が必須の募集には提出できません。
      </p>
      {p.done.length ? (
        <>
          <h2>記録済みの意見交換会</h2>
          <ul>
            {p.done.map((d) => (
              <li>
                {ymdJa(d.heldOn)} {d.groupName} × {d.departmentName}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form action={`/proposals/${p.programmeId}/consultation`} csrf={p.csrf}>
        <ErrorSummary errors={p.errors} />
        <Select name="groupId" label="団体" required options={p.groups} values={p.values} errors={p.errors} />
        <Select
          name="departmentId"
          label="意見交換した課"
          required
          options={p.departments}
          empty="選んでください"
          values={p.values}
          errors={p.errors}
        />
        <DateField name="heldOn" label="意見交換会の日" required values={p.values} errors={p.errors} />
        <TextArea
          name="note"
          label="メモ"
          values={p.values}
          errors={p.errors}
          rows={3}
          help="話し合ったこと、次に決めること"
        />
        <Submit label="記録する" />
      </Form>
    </>
  )
}

const BUDGET_FIELDS = ['total', 'city', 'own'] as const

export function BudgetTable(p: { values: Values; errors?: FieldErrors; categories: string[] }) {
  const v = p.values
  const e = p.errors ?? {}
  const str = (k: string) => (v[k] === undefined || v[k] === null ? '' : String(v[k]))
  return (
    <fieldset class="field fieldset">
      <legend class="field__label">
        予算表（円） <span class="req">※必須</span>
      </legend>
      <p class="field__help" id="budget-help">
        費目ごとに、事業額＝市負担額＋自己資金となるように入力します。使わない行は空欄のままにします。
      </p>
      {['budget_total_1', 'budget_total_2'].map((k) =>
        e[k] ? (
          <p class="field__error" id={`f-${k}`}>
            {e[k]}
          </p>
        ) : null,
      )}
      <div class="table-wrap">
        <table class="table table--inputs">
          <thead>
            <tr>
              <th scope="col">年目</th>
              <th scope="col">費目</th>
              <th scope="col">内容</th>
              <th scope="col">事業額</th>
              <th scope="col">市負担額</th>
              <th scope="col">自己資金</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: BUDGET_ROWS }, (_, i) => {
              const n = (k: string) => `budget_${i}_${k}`
              const err = (k: string) => e[n(k)]
              return (
                <tr>
                  <td>
                    <label class="visually-hidden" for={`f-${n('year')}`}>
                      {i + 1}行目の年目
                    </label>
                    <select id={`f-${n('year')}`} name={n('year')} class="select">
                      <option value="1" selected={str(n('year')) !== '2'}>
                        1年目
                      </option>
                      <option value="2" selected={str(n('year')) === '2'}>
                        2年目
                      </option>
                    </select>
                  </td>
                  <td>
                    <label class="visually-hidden" for={`f-${n('category')}`}>
                      {i + 1}行目の費目
                    </label>
                    <select
                      id={`f-${n('category')}`}
                      name={n('category')}
                      class="select"
                      aria-invalid={err('category') ? 'true' : undefined}
                      aria-describedby={err('category') ? `f-${n('category')}-error` : undefined}
                    >
                      <option value="">—</option>
                      {[
                        ...new Set([...p.categories, ...(str(n('category')) ? [str(n('category'))] : [])]),
                      ].map((c) => (
                        <option value={c} selected={c === str(n('category'))}>
                          {c}
                        </option>
                      ))}
                    </select>
                    {err('category') ? (
                      <p class="field__error" id={`f-${n('category')}-error`}>
                        {err('category')}
                      </p>
                    ) : null}
                  </td>
                  <td>
                    <label class="visually-hidden" for={`f-${n('item')}`}>
                      {i + 1}行目の内容
                    </label>
                    <input id={`f-${n('item')}`} name={n('item')} class="input" value={str(n('item'))} />
                  </td>
                  {BUDGET_FIELDS.map((k) => (
                    <td>
                      <label class="visually-hidden" for={`f-${n(k)}`}>
                        {i + 1}行目の{k === 'total' ? '事業額' : k === 'city' ? '市負担額' : '自己資金'}
                      </label>
                      <input
                        id={`f-${n(k)}`}
                        name={n(k)}
                        class="input input--short"
                        inputmode="numeric"
                        value={str(n(k))}
                        aria-invalid={err(k) ? 'true' : undefined}
                        aria-describedby={err(k) ? `f-${n(k)}-error` : undefined}
                      />
                      {err(k) ? (
                        <p class="field__error" id={`f-${n(k)}-error`}>
                          {err(k)}
                        </p>
                      ) : null}
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  )
}

export function ApplicationForm(p: {
  csrf: string
  action: string
  p: Prog
  groups: Option[]
  themes: Option[]
  departments: Option[]
  values: Values
  errors?: FieldErrors
  consulted: boolean
  limitText: string
}) {
  const v = p.values
  const e = p.errors
  const x = p.p
  return (
    <Form action={p.action} csrf={p.csrf}>
      <ErrorSummary errors={e} />
      {e?.deadline ? <Notice kind="error">{e.deadline}</Notice> : null}
      {e?.preConsultation ? (
        <Notice kind="error">
          {e.preConsultation}（<a href={`/proposals/${x.id}/consultation`}>意見交換会の記録を登録する</a>）
        </Notice>
      ) : null}
      {x.preConsultationRequired && !p.consulted ? (
        <Notice kind="warning">
          この募集は意見交換会が必須です。<a href={`/proposals/${x.id}/consultation`}>意見交換会の記録</a>
          を登録してから提出してください（下書きは保存できます）。
        </Notice>
      ) : null}
      <p class="small">
        上限額：{p.limitText}。対象経費：{x.eligibleCategories.join('、')}。対象外経費：
        {x.ineligibleCategories.join('、')}。
      </p>
      {p.groups.length > 1 ? (
        <Select name="groupId" label="提案する団体" required options={p.groups} values={v} errors={e} />
      ) : (
        <input type="hidden" name="groupId" value={p.groups[0]?.value ?? ''} />
      )}
      <TextField name="title" label="事業名" required values={v} errors={e} />
      <Select
        name="courseCode"
        label="コース"
        required
        options={x.courses.map((c) => ({
          value: c.code,
          label: `${c.label}（上限 ${c.limit ? yen(c.limit) : x.upperLimit ? yen(x.upperLimit) : 'なし'}）`,
        }))}
        empty="選んでください"
        values={v}
        errors={e}
      />
      {x.type === 'gyosei' ? (
        <Select
          name="themeId"
          label="テーマ"
          required
          options={p.themes}
          empty="選んでください"
          values={v}
          errors={e}
        />
      ) : null}
      <Select
        name="departmentId"
        label="協働する課"
        options={p.departments}
        empty="選んでください"
        values={v}
        errors={e}
      />
      <TextArea name="purpose" label="事業の目的" required values={v} errors={e} rows={3} />
      <TextArea name="localIssue" label="地域の課題" required values={v} errors={e} rows={3} />
      <TextArea name="content" label="事業の内容" required values={v} errors={e} rows={5} />
      <TextArea
        name="plan"
        label="2年間の計画"
        required
        values={v}
        errors={e}
        rows={4}
        help="1年目と2年目に行うこと"
      />
      <TextArea name="outcomes" label="期待される成果" required values={v} errors={e} rows={3} />
      <TextArea
        name="measures"
        label="成果の測り方"
        required
        values={v}
        errors={e}
        rows={3}
        help="例：参加者数、アンケートの満足度"
      />
      <TextArea name="team" label="実施体制（団体・企業・大学など）" values={v} errors={e} rows={3} />
      <TextArea name="roles" label="団体と市の役割分担" required values={v} errors={e} rows={3} />
      <BudgetTable values={v} errors={e} categories={[...x.eligibleCategories, ...x.ineligibleCategories]} />
      <div class="button-row">
        <button type="submit" name="action" value="draft" class="button button--secondary">
          下書きを保存する
        </button>{' '}
        <button type="submit" name="action" value="submit" class="button">
          提出する
        </button>
      </div>
    </Form>
  )
}

export function BudgetView({ lines }: { lines: BudgetLine[] }) {
  return (
    <div class="table-wrap">
      <table class="table table--stack">
        <caption>予算表（円）</caption>
        <thead>
          <tr>
            <th scope="col">年目</th>
            <th scope="col">費目</th>
            <th scope="col">内容</th>
            <th scope="col">事業額</th>
            <th scope="col">市負担額</th>
            <th scope="col">自己資金</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr>
              <td data-label="年目">{l.year}年目</td>
              <th scope="row">{l.category}</th>
              <td data-label="内容">{l.item || '—'}</td>
              <td class="num" data-label="事業額">
                {l.total.toLocaleString('ja-JP')}
              </td>
              <td class="num" data-label="市負担額">
                {l.city.toLocaleString('ja-JP')}
              </td>
              <td class="num" data-label="自己資金">
                {l.own.toLocaleString('ja-JP')}
              </td>
            </tr>
          ))}
          {[1, 2].map((y) => (
            <tr class="table__total">
              <td data-label="年目">{y}年目</td>
              <th scope="row">計</th>
              <td class="hide-stacked" />
              <td class="num" data-label="事業額">
                {lines
                  .filter((l) => l.year === y)
                  .reduce((n, l) => n + l.total, 0)
                  .toLocaleString('ja-JP')}
              </td>
              <td class="num" data-label="市負担額">
                {cityShare(lines, y as 1).toLocaleString('ja-JP')}
              </td>
              <td class="num" data-label="自己資金">
                {lines
                  .filter((l) => l.year === y)
                  .reduce((n, l) => n + l.own, 0)
                  .toLocaleString('ja-JP')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function ApplicationBody({
  a,
  courseLabel,
  themeTitle,
  departmentName,
}: {
  a: App
  courseLabel: string
  themeTitle: string
  departmentName: string
}) {
  return (
    <>
      <Dl
        rows={[
          ['団体', a.groupName ?? ''],
          ['コース', courseLabel],
          ...(themeTitle ? ([['テーマ', themeTitle]] as [string, Child][]) : []),
          ['協働する課', departmentName || '—'],
          ['提出日', a.submittedAt ? formatDateTime(a.submittedAt) : '未提出'],
        ]}
      />
      {(
        [
          ['事業の目的', a.purpose],
          ['地域の課題', a.localIssue],
          ['事業の内容', a.content],
          ['2年間の計画', a.plan],
          ['期待される成果', a.outcomes],
          ['成果の測り方', a.measures],
          ['実施体制', a.team],
          ['団体と市の役割分担', a.roles],
        ] as const
      ).map(([k, t]) => (
        <>
          <h3>{k}</h3>
          <Paragraphs text={t || '—'} />
        </>
      ))}
      <BudgetView lines={a.budget} />
    </>
  )
}

export function ApplicationPage(p: {
  csrf: string
  a: App
  p: Prog
  courseLabel: string
  themeTitle: string
  departmentName: string
  applicant: boolean
  coordinator: boolean
  reviewer: boolean
  pdf: boolean
  departments: Option[]
  errors?: FieldErrors
  values?: Values
}) {
  const a = p.a
  const decided = ['adopted', 'conditional', 'rejected'].includes(a.status)
  const base = `/coordination/proposal-applications/${a.id}`
  return (
    <>
      <p>
        状況：
        <StatusBadge status={a.status} /> （募集：<a href={`/proposals/${p.p.id}`}>{p.p.title}</a>）
      </p>
      {p.applicant && decided ? (
        <Notice kind={isAdopted(a.status) ? 'success' : 'info'}>
          結果：{appStatusOf(a.status).label}。理由：{a.decisionReason}
        </Notice>
      ) : null}
      {a.status === 'ineligible' && (p.applicant || p.coordinator) ? (
        <Notice kind="warning">要件確認の結果：{a.eligibilityNote}</Notice>
      ) : null}
      <p class="button-row">
        {p.pdf && (p.applicant || p.coordinator) ? (
          <a href={`/proposal-applications/${a.id}/pdf`}>提案書（PDF）</a>
        ) : null}
        {p.pdf && decided && (p.applicant || p.coordinator) ? (
          <>
            {' '}
            ・<a href={`/proposal-applications/${a.id}/letter.pdf`}>結果通知書（PDF）</a>
          </>
        ) : null}
        {p.reviewer ? <a href={`/review/${a.id}`}>採点する</a> : null}
        {a.projectId ? (
          <>
            {' '}
            ・<a href={`/projects/${a.projectId}`}>協働事業のページ</a>
          </>
        ) : null}
      </p>
      <ApplicationBody
        a={a}
        courseLabel={p.courseLabel}
        themeTitle={p.themeTitle}
        departmentName={p.departmentName}
      />
      {p.coordinator ? (
        <section aria-labelledby="h-coord">
          <h2 id="h-coord">協働推進課の操作</h2>
          <ErrorSummary errors={p.errors} />
          <h3>要件の確認</h3>
          <Form action={`${base}/eligibility`} csrf={p.csrf}>
            <ChoiceGroup
              name="eligible"
              label="要件"
              required
              values={p.values ?? { eligible: a.status === 'ineligible' ? 'no' : 'yes' }}
              errors={p.errors}
              options={[
                { value: 'yes', label: '要件を満たす（審査に進む）' },
                { value: 'no', label: '要件を満たさない' },
              ]}
            />
            <TextArea
              name="eligibilityNote"
              label="確認のメモ"
              values={p.values ?? a}
              errors={p.errors}
              rows={2}
            />
            <Submit label="要件の確認を記録する" secondary />
          </Form>
          <h3>公開プレゼンテーションの順番と時間</h3>
          <Form action={`${base}/slot`} csrf={p.csrf}>
            <TextField
              name="order"
              label="順番"
              required
              size="short"
              values={p.values ?? { order: a.presentationOrder ?? '' }}
              errors={p.errors}
              inputmode="numeric"
            />
            <DateField
              name="day"
              label="発表の日"
              values={p.values ?? { day: a.presentationAt ? ymdInTokyo(a.presentationAt) : '' }}
              errors={p.errors}
            />
            <TextField
              name="time"
              label="開始時刻"
              size="short"
              values={p.values ?? { time: a.presentationAt ? hmInTokyo(a.presentationAt) : '' }}
              errors={p.errors}
              help="例：13:30"
            />
            <TextField
              name="minutes"
              label="持ち時間（分）"
              size="short"
              values={p.values ?? { minutes: a.presentationMinutes ?? 15 }}
              errors={p.errors}
              inputmode="numeric"
            />
            <Submit label="順番と時間を保存する" secondary />
          </Form>
          <h3>採否の決定</h3>
          <Form action={`${base}/decision`} csrf={p.csrf}>
            <ChoiceGroup
              name="decision"
              label="結果"
              required
              values={p.values ?? { decision: decided ? a.status : '' }}
              errors={p.errors}
              options={[
                { value: 'adopted', label: '採択' },
                { value: 'conditional', label: '条件付き採択' },
                { value: 'rejected', label: '不採択' },
              ]}
            />
            <TextArea
              name="decisionReason"
              label="理由（通知書に記載します）"
              required
              values={p.values ?? a}
              errors={p.errors}
              rows={3}
            />
            <Submit label="結果を記録する" />
          </Form>
          {isAdopted(a.status) && !a.projectId ? (
            <>
              <h3>協働事業にする</h3>
              <Form action={`${base}/project`} csrf={p.csrf}>
                <p class="small">
                  内定後、事業内容を調整したら協働事業として登録します（開始日は翌年度の4月1日）。
                </p>
                <Submit label="協働事業として登録する" secondary />
              </Form>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  )
}

// ------------------------------------------------------------------ reviewers

export function ReviewList(p: {
  lists: {
    programme: { id: string; title: string; stage: string; panelClosedAt: Date | null }
    items: {
      id: string
      title: string
      conflict: boolean
      scoredDocument: boolean
      scoredPresentation: boolean
      presentationOrder: number | null
    }[]
  }[]
}) {
  return (
    <>
      <p class="lead">
        招かれた募集の提案を採点します。自分が所属する団体の提案や、利害関係を申し出た提案は表示されません。
      </p>
      {p.lists.length === 0 ? <p>招かれている審査はありません。</p> : null}
      {p.lists.map((l) => (
        <section class="panel">
          <h2>{l.programme.title}</h2>
          <p class="small">
            段階：{stageLabel(l.programme.stage)}
            {l.programme.panelClosedAt ? (
              <>
                ・<a href={`/proposal-panels/${l.programme.id}`}>審査会の集計を見る</a>
              </>
            ) : null}
          </p>
          <ul class="link-list">
            {l.items
              .filter((x) => !x.conflict)
              .map((x) => (
                <li>
                  <a href={`/review/${x.id}`}>{x.title}</a>{' '}
                  <span class="small muted">
                    書類審査：{x.scoredDocument ? '採点済' : '未採点'}・プレゼンテーション：
                    {x.scoredPresentation ? '採点済' : '未採点'}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  )
}

export function ScorePage(p: {
  csrf: string
  a: App
  p: Prog
  stage: string | null
  values: Values
  errors?: FieldErrors
  courseLabel: string
  themeTitle: string
  departmentName: string
}) {
  const a = p.a
  return (
    <>
      {p.stage ? (
        <section aria-labelledby="h-score" class="score-form">
          <h2 id="h-score">{scoreStageLabel(p.stage)}の採点</h2>
          <Form action={`/review/${a.id}`} csrf={p.csrf}>
            <ErrorSummary errors={p.errors} />
            <input type="hidden" name="stage" value={p.stage} />
            {p.p.criteria.map((c) => (
              <div class="panel">
                <ChoiceGroup
                  name={`score_${c.key}`}
                  label={`${c.label}（重み ${c.weight}）`}
                  required
                  inline
                  help="5：とても優れている 〜 3：ふつう 〜 1：不十分"
                  values={p.values}
                  errors={p.errors}
                  options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))}
                />
                <TextArea
                  name={`comment_${c.key}`}
                  label={`${c.label}の講評`}
                  required
                  values={p.values}
                  errors={p.errors}
                  rows={2}
                />
              </div>
            ))}
            <Submit label="採点を保存する" />
          </Form>
        </section>
      ) : (
        <Notice kind="info">いまは採点の期間ではありません。</Notice>
      )}
      <details>
        <summary>提案の内容</summary>
        <ApplicationBody
          a={a}
          courseLabel={p.courseLabel}
          themeTitle={p.themeTitle}
          departmentName={p.departmentName}
        />
      </details>
      <section aria-labelledby="h-conflict">
        <h2 id="h-conflict">利害関係の申出</h2>
        <p class="small">
          この提案の団体と利害関係がある場合は申し出てください。申し出ると、この提案は表示されず採点もできません。
        </p>
        <Form action={`/review/${a.id}/conflict`} csrf={p.csrf}>
          <TextArea name="reason" label="利害関係の内容" required rows={2} values={{}} errors={p.errors} />
          <Submit label="利害関係を申し出る" secondary />
        </Form>
      </section>
    </>
  )
}

export function PanelPage(p: {
  csrf: string
  p: Prog
  ranked: Ranked[]
  names: Map<string, string>
  coordinator: boolean
  comments: {
    applicationId: string
    reviewerName: string
    stage: string
    criterion: string
    score: number
    comment: string
  }[]
}) {
  const x = p.p
  const crit = new Map(x.criteria.map((c) => [c.key, c.label]))
  const max = maxTotal(x.criteria)
  return (
    <>
      <p class="lead">
        評点は重み付きの合計（1人あたり最高 {max}
        点）で、書類審査と公開プレゼンテーションの平均を足して順位をつけます。採択枠 {yen(x.budgetFrame)}{' '}
        に対し、順位の上から1年目の市負担額を積み上げます。
      </p>
      {p.coordinator && !x.closed ? (
        <Form action={`/proposal-panels/${x.id}/close`} csrf={p.csrf}>
          <p class="small">審査会を締め切ると、審査委員もほかの委員の評点を見られるようになります。</p>
          <Submit label="審査会を締め切る" secondary />
        </Form>
      ) : null}
      {x.closed ? <Notice kind="info">審査会は締め切られています。</Notice> : null}
      <div class="table-wrap">
        <table class="table table--stack">
          <caption>順位と採択枠</caption>
          <thead>
            <tr>
              <th scope="col">順位</th>
              <th scope="col">事業名（団体）</th>
              <th scope="col">書類審査 平均（標準偏差・人数）</th>
              <th scope="col">プレゼン 平均（標準偏差・人数）</th>
              <th scope="col">合計</th>
              <th scope="col">1年目の市負担額</th>
              <th scope="col">累計</th>
              <th scope="col">枠内</th>
            </tr>
          </thead>
          <tbody>
            {p.ranked.map((r) => (
              <tr>
                <td class="num" data-label="順位">
                  {r.rank}
                </td>
                <th scope="row">
                  {p.coordinator ? <a href={`/proposal-applications/${r.id}`}>{r.title}</a> : r.title}（
                  {r.groupName}）
                  {[...r.document.outliers, ...r.presentation.outliers].length ? (
                    <>
                      {' '}
                      <Badge tone="orange">外れ値あり</Badge>
                    </>
                  ) : null}
                </th>
                <td class="num" data-label="書類審査">
                  {r.document.mean}（{r.document.sd}・{r.document.reviewers}人）
                </td>
                <td class="num" data-label="プレゼン">
                  {r.presentation.mean}（{r.presentation.sd}・{r.presentation.reviewers}人）
                </td>
                <td class="num" data-label="合計">
                  {r.score}
                </td>
                <td class="num" data-label="1年目市負担">
                  {yen(r.city1)}
                </td>
                <td class="num" data-label="累計">
                  {yen(r.cumulative)}
                </td>
                <td class="nowrap" data-label="枠内">
                  {r.fits ? '枠内' : <strong>{r.overCourse ? 'コースの枠外' : '枠外'}</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>外れ値（平均から2点以上離れた評点）</h2>
      {p.ranked.every((r) => !r.document.outliers.length && !r.presentation.outliers.length) ? (
        <p>外れ値はありません（3人以上が採点した項目で判定します）。</p>
      ) : null}
      <ul>
        {p.ranked.flatMap((r) =>
          (['document', 'presentation'] as const).flatMap((s) =>
            r[s].outliers.map((o) => (
              <li>
                {r.title}・{scoreStageLabel(s)}・{crit.get(o.criterion)}：{p.names.get(o.reviewerId)} が{' '}
                {o.score}点（平均 {o.mean}）
              </li>
            )),
          ),
        )}
      </ul>
      <h2>講評</h2>
      {SCORE_STAGES.map((s) => (
        <details>
          <summary>{s.label}の講評</summary>
          <ul>
            {p.comments
              .filter((c) => c.stage === s.code)
              .map((c) => (
                <li>
                  {p.ranked.find((r) => r.id === c.applicationId)?.title}・{crit.get(c.criterion)}・
                  {c.reviewerName}（{c.score}点）：{c.comment}
                </li>
              ))}
          </ul>
        </details>
      ))}
    </>
  )
}

// ------------------------------------------------------------------ the funnel

export function FunnelPage(p: {
  years: FunnelYear[]
  byCourse: { label: string; applications: number; adopted: number }[]
  byType: { label: string; applications: number; adopted: number }[]
}) {
  const label = (y: FunnelYear) => `${fiscalYearLabel(y.fiscalYear)}${y.history ? '（過去の実績）' : ''}`
  return (
    <>
      <p class="lead">
        年度ごとの 意見交換会 → 申込 → 採択 → 支援期間後の継続
        の件数です。茅ヶ崎市の平成27年度〜令和元年度の実績（過去の実績）と並べて、どこで減っているかを早めに見ます。
      </p>
      <div class="table-wrap">
        <table class="table">
          <caption>年度ごとの件数</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">意見交換会</th>
              <th scope="col">申込</th>
              <th scope="col">採択</th>
              <th scope="col">継続</th>
            </tr>
          </thead>
          <tbody>
            {p.years.map((y) => (
              <tr>
                <th scope="row">{label(y)}</th>
                <td class="num">{y.consultations}</td>
                <td class="num">{y.applications}</td>
                <td class="num">{y.adopted}</td>
                <td class="num">{y.continued}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="small muted">
        過去の実績の「継続」は、資料に年度別の数がないため0としています（資料では支援終了後の継続率の低さが廃止の理由に挙げられています）。
      </p>
      <div class="groups-charts">
        {(
          [
            ['consult', '意見交換会の件数', 'consultations'],
            ['apply', '申込の件数', 'applications'],
            ['adopt', '採択の件数', 'adopted'],
          ] as const
        ).map(([key, title, k]) => (
          <ChartWithTable
            s={{ key, title, unit: '件', rows: p.years.map((y) => ({ label: label(y), value: y[k] })) }}
          />
        ))}
        <ChartWithTable
          s={{
            key: 'course',
            title: 'コース別の申込',
            unit: '件',
            rows: p.byCourse.map((c) => ({ label: c.label, value: c.applications })),
          }}
        />
        <ChartWithTable
          s={{
            key: 'type',
            title: '型別の申込',
            unit: '件',
            rows: p.byType.map((c) => ({ label: c.label, value: c.applications })),
          }}
        />
      </div>
    </>
  )
}

export const statusOptions = APP_STATUSES.map((s) => ({ value: s.code, label: s.label }))
