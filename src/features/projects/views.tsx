import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { DeclinedCase } from '../../core/feature.ts'
import { fiscalYearLabel } from '../../core/japanese/index.ts'
import {
  Checkbox,
  ChoiceGroup,
  DateField,
  ErrorSummary,
  Form,
  Select,
  Submit,
  TextArea,
  TextField,
  type Values,
} from '../../core/ui/form.tsx'
import { Badge } from '../../core/ui/parts.tsx'
import type { FieldErrors } from '../../core/validation.ts'
import { COLLAB_FORMS, labelOf } from '../../core/vocabulary.ts'
import { Dl, type Lookups, ymdJa } from '../needs/index.ts'
import {
  CARRIERS,
  CHECK_ANSWERS,
  CONTINUATIONS,
  checklistDifferences,
  EVALUATION_KINDS,
  GOAL_ROWS,
  ORIGINS,
  OUTCOMES,
  PARTNER_KINDS,
  STATES,
  TRANSITIONS,
  WHO,
} from './domain.ts'
import type { CaseRow, ContinuationStats, FullProject, ProjectListRow } from './service.ts'

const opts = (l: readonly { code: string; label: string }[]) =>
  l.map((x) => ({ value: x.code, label: x.label }))
const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`
const stateTone = (s: string) =>
  (
    ({
      preparing: 'gray',
      running: 'blue',
      ended: 'orange',
      follow_up: 'orange',
      completed: 'green',
    }) as const
  )[s as 'preparing'] ?? 'gray'

export function StateBadge({ status }: { status: string }) {
  return <Badge tone={stateTone(status)}>{labelOf(STATES, status)}</Badge>
}

/** Collaboration projects of a group, for the group's page (placed there by the groups feature). */
export function GroupProjects({
  projects,
  heading = '市との協働事業',
}: {
  projects: {
    id: string
    title: string
    form: string
    departmentName: string
    startOn: string
    purpose: string
  }[]
  heading?: string
}) {
  return (
    <section class="group-projects" aria-labelledby="group-projects-title">
      <h2 id="group-projects-title">{heading}</h2>
      {projects.length ? (
        <ul class="link-list">
          {projects.map((p) => (
            <li>
              <a href={`/projects/${p.id}`}>{p.title}</a>
              <span class="small muted">
                {' '}
                （{labelOf(COLLAB_FORMS, p.form)}・{p.departmentName}・{ymdJa(p.startOn)}開始）
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">まだ協働事業はありません。</p>
      )}
    </section>
  )
}

/** The list of collaboration projects (/projects). */
export function ProjectsList({
  list,
  lk,
  canCreate,
  canStats,
  canImport = false,
}: {
  list: ProjectListRow[]
  lk: Lookups
  canCreate: boolean
  canStats: boolean
  canImport?: boolean
}) {
  return (
    <section>
      <h1>協働事業</h1>
      <p>
        市と市民活動団体・事業者・大学・自治会などが協働で取り組む事業です。事業ごとに、目的・役割分担・進み具合・評価を公開しています。
      </p>
      {canCreate || canStats ? (
        <p class="actions">
          {canCreate ? (
            <a class="button" href="/projects/new">
              協働事業を登録する
            </a>
          ) : null}{' '}
          {canImport ? <a href="/projects/import">これまでの協働事業を取り込む（CSV・Excel）</a> : null}{' '}
          {canStats ? <a href="/projects/continuation">終了後の継続状況</a> : null}
        </p>
      ) : null}
      <p>
        <a href="/cases">協働の事例集</a>（終わった事業の課題・役割・費用・成果・学んだこと）
      </p>
      <p>
        <a href="/statistics">協働の統計</a>（形態別・年度別などの件数）・
        <a href="/opendata/projects">オープンデータ（協働事業の年度別一覧）</a>
      </p>
      {list.length ? (
        <div class="table-wrap">
          <table class="table table--stack">
            <thead>
              <tr>
                <th scope="col">事業名</th>
                <th scope="col">形態</th>
                <th scope="col">担当課</th>
                <th scope="col">協働の相手</th>
                <th scope="col">期間</th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr>
                  <td data-label="事業名">
                    <a href={`/projects/${p.id}`}>{p.title}</a>
                    {p.internal ? <span class="small muted">（庁内限り）</span> : null}
                  </td>
                  <td data-label="形態">{labelOf(COLLAB_FORMS, p.form)}</td>
                  <td data-label="担当課">{lk.depName(p.departmentId)}</td>
                  <td data-label="協働の相手">{p.partners.map((g) => g.name).join('、')}</td>
                  <td data-label="期間">
                    {ymdJa(p.startOn)}〜{p.endOn ? ymdJa(p.endOn) : ''}
                  </td>
                  <td data-label="状態">
                    <StateBadge status={p.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>まだ協働事業はありません。</p>
      )}
    </section>
  )
}

/** The record's form (new and edit). */
export function ProjectForm({
  action,
  csrf,
  values,
  errors,
  lk,
  groups,
  isNew,
}: {
  action: string
  csrf: string
  values: Values
  errors?: FieldErrors
  lk: Lookups
  groups?: { id: string; name: string }[]
  isNew: boolean
}) {
  const f = { values, errors }
  return (
    <section>
      <h1>{isNew ? '協働事業を登録する' : '協働事業の記録を直す'}</h1>
      <ErrorSummary errors={errors} />
      <Form action={action} csrf={csrf}>
        <TextField name="title" label="事業名" required {...f} />
        <Select
          name="form"
          label="協働の形態"
          required
          options={opts(COLLAB_FORMS)}
          empty="選んでください"
          {...f}
        />
        <Select
          name="origin"
          label="事業のきっかけ"
          required
          options={opts(ORIGINS)}
          empty="選んでください"
          {...f}
        />
        <Select
          name="departmentId"
          label="担当課"
          required
          options={lk.departments.map((d) => ({ value: d.id, label: d.name }))}
          empty="選んでください"
          {...f}
        />
        <details
          open={
            Array.isArray(values.departmentIds) ? values.departmentIds.length > 0 : !!values.departmentIds
          }
        >
          <summary>関係課（担当課のほかに加わる課）を選ぶ</summary>
          <ChoiceGroup
            name="departmentIds"
            label="関係課"
            multiple
            columns
            options={lk.departments.map((d) => ({ value: d.id, label: d.name }))}
            {...f}
          />
        </details>
        {isNew && groups ? (
          <Select
            name="groupId"
            label="協働の相手（登録団体）"
            help="事業者・大学・自治会などは登録のあとで加えられます。"
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
            empty="あとで加える"
            {...f}
          />
        ) : null}
        <TextArea name="purpose" label="目的" required rows={4} {...f} />
        <DateField name="startOn" label="開始日" required help="年は西暦か和暦（例：令和8年）" {...f} />
        <DateField name="endOn" label="終了日" help="開始日より前の日付は入力できません。" {...f} />
        <fieldset class="fieldset">
          <legend class="field__label">目標と指標（測れる数で）</legend>
          {Array.from({ length: GOAL_ROWS }, (_, k) => (
            <div class="goal-row">
              <TextField name={`goal${k + 1}Name`} label={`指標${k + 1}の名前`} {...f} />
              <TextField
                name={`goal${k + 1}Target`}
                label={`指標${k + 1}の目標値`}
                size="short"
                inputmode="numeric"
                {...f}
              />
              <TextField name={`goal${k + 1}Unit`} label={`指標${k + 1}の単位`} size="short" {...f} />
            </div>
          ))}
        </fieldset>
        <TextArea
          name="cityContact"
          label="市側の連絡先"
          rows={2}
          help="公開のページには表示されません（事業の関係者とコーディネーターだけが見られます）。"
          {...f}
        />
        <TextArea
          name="partnerContact"
          label="団体側の連絡先"
          rows={2}
          help="公開のページには表示されません。"
          {...f}
        />
        <Checkbox name="internal" label="庁内限りの記録にする（公開のページに出さない）" {...f} />
        <Submit label={isNew ? '登録する' : '保存する'} />
      </Form>
    </section>
  )
}

/** What the detail page may show and offer to this actor (decided by the route from the policy). */
export interface DetailPerms {
  inside: boolean
  edit: boolean
  agree: boolean
  report: boolean
  evaluate: boolean
  comment: boolean
  /** The project has ended, is not internal, and the actor is the coordinator. */
  publishCase: boolean
  pdfFont: boolean
}

export interface FormState {
  form?: string
  errors?: FieldErrors
  values?: Values
}

function Timeline({ p }: { p: FullProject }) {
  const step = (key: string, title: string, body: Child, done: boolean) => (
    <li class={`timeline__step${done ? ' timeline__step--done' : ''}`} id={`timeline-${key}`}>
      <h3>{title}</h3>
      {body}
    </li>
  )
  const running = ['running', 'ended', 'follow_up', 'completed'].includes(p.status)
  const ended = ['ended', 'follow_up', 'completed'].includes(p.status)
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">事業の進み具合</h2>
      <ol class="timeline">
        {step(
          'planned',
          '計画',
          <p>
            {ymdJa(p.startOn)}から{p.endOn ? `${ymdJa(p.endOn)}まで` : ''}の予定。
            {p.agreements.length
              ? `協定は ${ymdJa(p.agreements.at(-1)!.agreedOn)} に双方が合意しました。`
              : ''}
          </p>,
          true,
        )}
        {step(
          'running',
          '実施',
          p.reports.length ? (
            <ul>
              {p.reports.map((r) => (
                <li>
                  <strong>
                    {ymdJa(r.periodStart)}〜{ymdJa(r.periodEnd)}（{r.side === 'group' ? '団体' : '担当課'}
                    の報告）
                  </strong>
                  <p class="prewrap">{r.activities}</p>
                  {r.numbers.length ? (
                    <p>
                      {r.numbers
                        .map((n) => `${n.name}：${n.value.toLocaleString('ja-JP')}${n.unit}`)
                        .join('　')}
                    </p>
                  ) : null}
                  {r.files.length ? (
                    <ul class="report-files">
                      {r.files.map((f, i) => (
                        <li>
                          {f.mimeType.startsWith('image/') ? (
                            <a href={`/projects/${p.id}/reports/${r.id}/files/${i}`}>
                              <img
                                src={`/projects/${p.id}/reports/${r.id}/files/${i}`}
                                alt={`報告の写真（${f.fileName}）`}
                                loading="lazy"
                              />
                            </a>
                          ) : (
                            <a href={`/projects/${p.id}/reports/${r.id}/files/${i}`}>{f.fileName}</a>
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{running ? 'まだ報告はありません。' : 'これから始まります。'}</p>
          ),
          running,
        )}
        {step(
          'results',
          '結果',
          ended ? (
            <p>{ymdJa(p.endOn)}に終了しました。評価は下の表のとおりです。</p>
          ) : (
            <p class="muted">事業の終了後に評価を公開します。</p>
          ),
          ended,
        )}
      </ol>
    </section>
  )
}

function Evaluations({ p }: { p: FullProject }) {
  const groups = new Map<string, FullProject['evaluations']>()
  for (const e of p.evaluations) {
    const k = e.kind === 'final' ? 'final' : `year_end:${e.fiscalYear}`
    groups.set(k, [...(groups.get(k) ?? []), e])
  }
  if (!groups.size) return <p class="muted">まだ評価はありません。</p>
  return (
    <>
      {[...groups].map(([k, es]) => {
        const g = es.filter((e) => e.side === 'group').at(-1)
        const c = es.filter((e) => e.side === 'city').at(-1)
        const comment = es.filter((e) => e.side === 'coordinator').at(-1)
        const title = k === 'final' ? '事業終了時の評価' : `${k.split(':')[1]}年度末の評価`
        const row = (label: string, f: (e: NonNullable<typeof g>) => string) => (
          <tr>
            <th scope="row">{label}</th>
            <td class="prewrap" data-label="団体の評価">
              {g ? f(g) : '（未記入）'}
            </td>
            <td class="prewrap" data-label="市（担当課）の評価">
              {c ? f(c) : '（未記入）'}
            </td>
          </tr>
        )
        return (
          <div class="table-wrap">
            <table class="table table--stack evaluation">
              <caption>{title}（双方の評価を並べて表示）</caption>
              <thead>
                <tr>
                  <th scope="col">項目</th>
                  <th scope="col">団体の評価</th>
                  <th scope="col">市（担当課）の評価</th>
                </tr>
              </thead>
              <tbody>
                {row('成果', (e) => labelOf(OUTCOMES, e.outcome))}
                {row('事業目的の達成度', (e) => e.achievement)}
                {row('団体にとっての事業メリット', (e) => e.groupBenefit)}
                {row('市にとっての事業メリット', (e) => e.cityBenefit)}
                {row('残された課題', (e) => e.issues)}
              </tbody>
            </table>
            {comment ? (
              <p>
                <strong>コーディネーターのコメント：</strong>
                <span class="prewrap">{comment.comment}</span>
              </p>
            ) : null}
          </div>
        )
      })}
    </>
  )
}

/** Ama's PDCA self-check: each side's answers per stage, the items where the two differ marked. */
function Checklists({
  p,
  lists,
  csrf,
  canAnswer,
  state,
}: {
  p: FullProject
  lists: { key: string; phase: string; title: string; items: string[] }[]
  csrf: string
  canAnswer: boolean
  state: FormState
}) {
  const answer = (side: string, stage: string) =>
    p.checklists.find((x) => x.side === side && x.stage === stage)?.answers
  const label = (a: string | undefined) => (a ? labelOf(CHECK_ANSWERS, a) : '（未回答）')
  return (
    <section aria-labelledby="checklists-title">
      <h2 id="checklists-title">PDCAチェックリスト（双方の自己点検）</h2>
      <p>
        団体と担当課がそれぞれ答えます。答えが違う項目には「答えが違います」と表示します。話し合いのきっかけにしてください。
      </p>
      {lists.map((l) => {
        const g = answer('group', l.key)
        const c = answer('city', l.key)
        const diffs = new Set(checklistDifferences(g, c))
        const form = `checklist-${l.key}`
        return (
          <div class="checklist">
            <div class="table-wrap">
              <table class="table table--stack">
                <caption>
                  {l.phase}：{l.title}
                  {diffs.size ? `（答えが違う項目 ${diffs.size}件）` : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">項目</th>
                    <th scope="col">団体</th>
                    <th scope="col">市（担当課）</th>
                  </tr>
                </thead>
                <tbody>
                  {l.items.map((item, i) => (
                    <tr>
                      <th scope="row">
                        {item}
                        {diffs.has(i) ? (
                          <>
                            {' '}
                            <Badge tone="orange">答えが違います</Badge>
                          </>
                        ) : null}
                      </th>
                      <td data-label="団体">{label(g?.[i])}</td>
                      <td data-label="市（担当課）">{label(c?.[i])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {canAnswer ? (
              <details open={state.form === form}>
                <summary>「{l.title}」に答える</summary>
                <Form action={`/projects/${p.id}/checklists/${l.key}`} csrf={csrf}>
                  {l.items.map((item, i) => (
                    <ChoiceGroup
                      name={`item${i}`}
                      id={`f-${l.key}-item${i}`}
                      label={`${i + 1}. ${item}`}
                      required
                      options={opts(CHECK_ANSWERS)}
                      values={state.form === form ? state.values : undefined}
                      errors={state.form === form ? state.errors : undefined}
                    />
                  ))}
                  <Submit label="答える" />
                </Form>
              </details>
            ) : null}
          </div>
        )
      })}
    </section>
  )
}

/** One collaboration project (/projects/:id): public facts, and for those inside the forms of its life. */
export function ProjectDetail({
  p,
  lk,
  perms,
  points,
  checklists = [],
  csrf,
  state = {},
  groups = [],
}: {
  p: FullProject
  lk: Lookups
  perms: DetailPerms
  points: { group: string[]; city: string[]; common: string[] } | null
  checklists?: { key: string; phase: string; title: string; items: string[] }[]
  csrf: string
  state?: FormState
  groups?: { id: string; name: string }[]
}) {
  const f = (name: string) => ({
    values: state.form === name ? state.values : undefined,
    errors: state.form === name ? state.errors : undefined,
  })
  const act = (x: string) => `/projects/${p.id}/${x}`
  const years = p.budgets
  const sum = (k: 'total' | 'cityShare' | 'groupShare' | 'otherIncome') => years.reduce((n, b) => n + b[k], 0)
  const ended = ['ended', 'follow_up', 'completed'].includes(p.status)
  return (
    <article class="project">
      <h1>{p.title}</h1>
      <p>
        <StateBadge status={p.status} /> {p.internal ? <Badge tone="red">庁内限り</Badge> : null}
      </p>
      {state.errors && state.form ? <ErrorSummary errors={state.errors} /> : null}
      <Dl
        rows={[
          ['協働の形態', labelOf(COLLAB_FORMS, p.form)],
          ['担当課', [lk.depName(p.departmentId), ...p.departmentIds.map((d) => lk.depName(d))].join('、')],
          ['期間', `${ymdJa(p.startOn)}〜${p.endOn ? ymdJa(p.endOn) : '（終了日未定）'}`],
          ['事業のきっかけ', labelOf(ORIGINS, p.origin)],
          ['目的', <p class="prewrap">{p.purpose}</p>],
          ['もとになった協働ニーズ', p.needId ? <a href={`/needs/${p.needId}`}>協働ニーズを見る</a> : '—'],
          ...(perms.inside
            ? ([
                ['市の担当者', p.responsibleName ?? '—'],
                ['市側の連絡先', <p class="prewrap">{p.cityContact || '—'}</p>],
                ['団体側の連絡先', <p class="prewrap">{p.partnerContact || '—'}</p>],
              ] as [string, Child][])
            : []),
        ]}
      />
      {perms.edit ? (
        <p>
          <a href={act('edit')}>記録を直す</a>
        </p>
      ) : null}

      <section aria-labelledby="team-title">
        <h2 id="team-title">協働の相手と役割</h2>
        {p.partners.length ? (
          <ul class="link-list">
            {p.partners.map((x) => (
              <li>
                {x.published ? <a href={`/groups/${x.groupId}`}>{x.name}</a> : x.name}
                <span class="small muted">（{labelOf(PARTNER_KINDS, x.kind)}）</span>
                {x.role ? `：${x.role}` : ''}
                {perms.edit ? (
                  <form method="post" action={act(`partners/${x.id}/delete`)} class="inline-form">
                    <input type="hidden" name="_csrf" value={csrf} />
                    <button type="submit" class="button button--small button--secondary">
                      外す<span class="visually-hidden">（{x.name}）</span>
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">まだ協働の相手が登録されていません。</p>
        )}
        {perms.edit ? (
          <details open={state.form === 'partner'}>
            <summary>協働の相手を加える</summary>
            <Form action={act('partners')} csrf={csrf}>
              <Select
                name="kind"
                id="f-partner-kind"
                label="相手の種類"
                required
                options={opts(PARTNER_KINDS)}
                {...f('partner')}
              />
              <Select
                name="groupId"
                label="登録団体（種類が登録団体のとき）"
                options={groups.map((g) => ({ value: g.id, label: g.name }))}
                empty="選んでください"
                {...f('partner')}
              />
              <TextField
                name="name"
                label="名称（登録団体以外のとき）"
                help="例：〇〇町自治会、〇〇大学"
                {...f('partner')}
              />
              <TextField name="role" label="この事業での役割" {...f('partner')} />
              <Submit label="加える" />
            </Form>
          </details>
        ) : null}
      </section>

      {p.goals.length ? (
        <section aria-labelledby="goals-title">
          <h2 id="goals-title">目標と指標</h2>
          <ul>
            {p.goals.map((g) => (
              <li>
                {g.name}：{g.target.toLocaleString('ja-JP')}
                {g.unit}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="budget-title">
        <h2 id="budget-title">事業費（年度ごと）</h2>
        {years.length ? (
          <div class="table-wrap">
            <table class="table table--stack">
              <thead>
                <tr>
                  <th scope="col">年度</th>
                  <th scope="col">事業額</th>
                  <th scope="col">市負担額</th>
                  <th scope="col">団体負担</th>
                  <th scope="col">その他収入</th>
                  {perms.edit ? <th scope="col">操作</th> : null}
                </tr>
              </thead>
              <tbody>
                {years.map((b) => (
                  <tr>
                    <th scope="row">{b.fiscalYear}年度</th>
                    <td class="num" data-label="事業額">
                      {yen(b.total)}
                    </td>
                    <td class="num" data-label="市負担額">
                      {yen(b.cityShare)}
                    </td>
                    <td class="num" data-label="団体負担">
                      {yen(b.groupShare)}
                    </td>
                    <td class="num" data-label="その他収入">
                      {yen(b.otherIncome)}
                    </td>
                    {perms.edit ? (
                      <td>
                        <form method="post" action={act(`budgets/${b.id}/delete`)} class="inline-form">
                          <input type="hidden" name="_csrf" value={csrf} />
                          <button type="submit" class="button button--small button--secondary">
                            削除<span class="visually-hidden">（{b.fiscalYear}年度）</span>
                          </button>
                        </form>
                      </td>
                    ) : null}
                  </tr>
                ))}
                {years.length > 1 ? (
                  <tr>
                    <th scope="row">合計</th>
                    <td class="num" data-label="事業額">
                      {yen(sum('total'))}
                    </td>
                    <td class="num" data-label="市負担額">
                      {yen(sum('cityShare'))}
                    </td>
                    <td class="num" data-label="団体負担">
                      {yen(sum('groupShare'))}
                    </td>
                    <td class="num" data-label="その他収入">
                      {yen(sum('otherIncome'))}
                    </td>
                    {perms.edit ? <td /> : null}
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">事業費はまだ登録されていません。</p>
        )}
        {perms.edit ? (
          <details open={state.form === 'budget'}>
            <summary>年度の事業費を登録する（同じ年度は上書き）</summary>
            <Form action={act('budgets')} csrf={csrf}>
              <TextField
                name="fiscalYear"
                id="f-budget-fiscalYear"
                label="年度"
                required
                help="例：2026、令和8年度"
                size="short"
                {...f('budget')}
              />
              <TextField
                name="total"
                label="事業額（円）"
                required
                inputmode="numeric"
                help="全角数字・カンマも使えます（例：1,732,180）"
                {...f('budget')}
              />
              <TextField
                name="cityShare"
                label="市負担額（円）"
                required
                inputmode="numeric"
                help="事業額より大きくはできません。"
                {...f('budget')}
              />
              <TextField name="groupShare" label="団体負担（円）" inputmode="numeric" {...f('budget')} />
              <TextField name="otherIncome" label="その他収入（円）" inputmode="numeric" {...f('budget')} />
              <Submit label="登録する" />
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="roles-title" class="roles">
        <h2 id="roles-title">役割分担表</h2>
        <div class="roles__body">
          {p.roles.length ? (
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">役割</th>
                    <th scope="col">担い手</th>
                    {perms.edit ? <th scope="col">操作</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {p.roles.map((r) => (
                    <tr>
                      <td>{r.task}</td>
                      <td>
                        {r.who === 'partner'
                          ? (p.partners.find((x) => x.id === r.partnerId)?.name ?? '協働の相手')
                          : labelOf(WHO, r.who)}
                      </td>
                      {perms.edit ? (
                        <td>
                          <form method="post" action={act(`roles/${r.id}/delete`)} class="inline-form">
                            <input type="hidden" name="_csrf" value={csrf} />
                            <button type="submit" class="button button--small button--secondary">
                              削除<span class="visually-hidden">（{r.task}）</span>
                            </button>
                          </form>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p class="muted">役割分担はまだ決まっていません。</p>
          )}
          {points ? (
            <aside class="roles__points" aria-labelledby="points-title">
              <h3 id="points-title">{labelOf(COLLAB_FORMS, p.form)}で気をつけること（協働の手引きから）</h3>
              {(
                [
                  ['団体', points.group],
                  ['市', points.city],
                  ['共通', points.common],
                ] as const
              ).map(([who, list]) =>
                list.length ? (
                  <>
                    <h4>【{who}】</h4>
                    <ul>
                      {list.map((x) => (
                        <li>{x}</li>
                      ))}
                    </ul>
                  </>
                ) : null,
              )}
              <p>
                <a href={`/guide/forms#${p.form}`}>協働の形態の手引きを読む</a>
              </p>
            </aside>
          ) : null}
        </div>
        {perms.edit ? (
          <details open={state.form === 'role'}>
            <summary>役割を加える</summary>
            <Form action={act('roles')} csrf={csrf}>
              <TextField
                name="task"
                label="役割（作業）"
                required
                help="例：地域住民への調整・説明"
                {...f('role')}
              />
              <Select name="who" label="担い手" required options={opts(WHO)} {...f('role')} />
              <Select
                name="partnerId"
                label="担う相手（担い手が「協働の相手（指名）」のとき）"
                options={p.partners.map((x) => ({ value: x.id, label: x.name }))}
                empty="選んでください"
                {...f('role')}
              />
              <Submit label="加える" />
            </Form>
          </details>
        ) : null}
      </section>

      {perms.inside ? (
        <section aria-labelledby="agreement-title">
          <h2 id="agreement-title">協定書</h2>
          {p.agreements.length ? (
            <ul>
              {p.agreements.map((a) => (
                <li>
                  第{a.version}版：双方が {ymdJa(a.agreedOn)} に合意（
                  <a href={`/projects/${p.id}/agreement.pdf?version=${a.version}`}>PDF</a>）
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">まだ合意は記録されていません。</p>
          )}
          <p>
            {perms.pdfFont ? (
              <a href={`/projects/${p.id}/agreement.pdf`}>
                {p.agreements.length ? '最新の協定書（PDF）' : 'いまの記録から協定書の案をつくる（PDF）'}
              </a>
            ) : (
              'このサーバーには PDF 用の日本語フォントがありません。管理者に KYODO_PDF_FONT の設定を依頼してください。'
            )}
          </p>
          {perms.agree ? (
            <details open={state.form === 'agreement'}>
              <summary>双方の合意を記録する（新しい版として残ります）</summary>
              <Form action={act('agreements')} csrf={csrf}>
                <DateField name="agreedOn" label="合意した日" required {...f('agreement')} />
                <Submit label="記録する" />
              </Form>
            </details>
          ) : null}
        </section>
      ) : null}

      {perms.inside ? (
        <Checklists p={p} lists={checklists} csrf={csrf} canAnswer={perms.evaluate} state={state} />
      ) : null}

      <Timeline p={p} />
      {perms.report && !['completed'].includes(p.status) ? (
        <details open={state.form === 'report'}>
          <summary>進み具合を報告する</summary>
          <Form action={act('reports')} csrf={csrf} multipart>
            <DateField name="periodStart" label="報告期間の初日" required {...f('report')} />
            <DateField
              name="periodEnd"
              label="報告期間の末日"
              required
              help="事業の期間の中で入力してください。"
              {...f('report')}
            />
            <TextArea name="activities" label="活動の内容" required rows={5} {...f('report')} />
            {p.goals.map((g, i) => (
              <TextField
                name={`value${i}`}
                label={`${g.name}（${g.unit}）の実績`}
                inputmode="numeric"
                size="short"
                {...f('report')}
              />
            ))}
            <div class={`field${state.form === 'report' && state.errors?.files ? ' field--error' : ''}`}>
              <label for="f-files" class="field__label">
                写真・資料（3つまで） <span class="opt">※任意</span>
              </label>
              <p class="field__help" id="f-files-help">
                JPEG・PNG・PDF・テキスト、1つ10MBまで。公開のページに載ります。写っている方の了解を得てください。
              </p>
              {state.form === 'report' && state.errors?.files ? (
                <p class="field__error" id="f-files-error">
                  {state.errors.files}
                </p>
              ) : null}
              <input
                id="f-files"
                name="files"
                type="file"
                multiple
                accept=".jpg,.jpeg,.png,.pdf,.txt"
                aria-describedby={
                  state.form === 'report' && state.errors?.files
                    ? 'f-files-help f-files-error'
                    : 'f-files-help'
                }
              />
            </div>
            <Submit label="報告する" />
          </Form>
        </details>
      ) : null}

      <section aria-labelledby="evaluation-title">
        <h2 id="evaluation-title">評価</h2>
        <Evaluations p={p} />
        {perms.evaluate ? (
          <details open={state.form === 'evaluation'}>
            <summary>評価を記入する（年度末・事業終了時）</summary>
            <Form action={act('evaluations')} csrf={csrf}>
              <Select
                name="kind"
                label="評価の種類"
                required
                options={opts(EVALUATION_KINDS)}
                {...f('evaluation')}
              />
              <TextField
                name="fiscalYear"
                label="年度（年度末の評価のとき）"
                size="short"
                help="例：令和8年度"
                {...f('evaluation')}
              />
              <Select
                name="outcome"
                label="成果"
                required
                options={opts(OUTCOMES)}
                empty="選んでください"
                {...f('evaluation')}
              />
              <TextArea name="achievement" label="事業目的の達成度" required rows={3} {...f('evaluation')} />
              <TextArea
                name="groupBenefit"
                label="団体にとっての事業メリット"
                rows={3}
                {...f('evaluation')}
              />
              <TextArea name="cityBenefit" label="市にとっての事業メリット" rows={3} {...f('evaluation')} />
              <TextArea name="issues" label="残された課題" rows={3} {...f('evaluation')} />
              <Submit label="評価を記入する" />
            </Form>
          </details>
        ) : null}
        {perms.comment ? (
          <details open={state.form === 'comment'}>
            <summary>コーディネーターのコメントを書く</summary>
            <Form action={act('comments')} csrf={csrf}>
              <Select
                name="kind"
                id="f-comment-kind"
                label="評価の種類"
                required
                options={opts(EVALUATION_KINDS)}
                {...f('comment')}
              />
              <TextField
                name="fiscalYear"
                id="f-comment-fiscalYear"
                label="年度（年度末の評価のとき）"
                size="short"
                {...f('comment')}
              />
              <TextArea
                name="comment"
                label="コーディネーターのコメント"
                required
                rows={3}
                {...f('comment')}
              />
              <Submit label="コメントを書く" />
            </Form>
          </details>
        ) : null}
      </section>

      {perms.inside && ended ? (
        <section aria-labelledby="followups-title" id="followups">
          <h2 id="followups-title">終了後のフォローアップ（3年間）</h2>
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">時期</th>
                  <th scope="col">期日</th>
                  <th scope="col">継続の状況</th>
                  <th scope="col">いまの担い手・理由</th>
                </tr>
              </thead>
              <tbody>
                {p.followups.map((x) => (
                  <tr>
                    <th scope="row">終了{x.months}か月後</th>
                    <td>{ymdJa(x.dueOn)}</td>
                    <td>{x.continuation ? labelOf(CONTINUATIONS, x.continuation) : '未記録'}</td>
                    <td>
                      {x.carrier ? labelOf(CARRIERS, x.carrier) : ''}
                      {x.stopReason ? `理由：${x.stopReason}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {perms.report
            ? p.followups
                .filter((x) => !x.recordedAt)
                .slice(0, 1)
                .map((x) => (
                  <Form action={act(`followups/${x.id}`)} csrf={csrf}>
                    <h3>終了{x.months}か月後の状況を記録する</h3>
                    <Select
                      name="continuation"
                      label="継続の状況"
                      required
                      options={opts(CONTINUATIONS)}
                      empty="選んでください"
                      {...f('followup')}
                    />
                    <Select
                      name="carrier"
                      label="いまの担い手（続けている場合）"
                      options={opts(CARRIERS)}
                      empty="選んでください"
                      {...f('followup')}
                    />
                    <TextArea
                      name="stopReason"
                      label="終了した理由（終了の場合）"
                      rows={2}
                      {...f('followup')}
                    />
                    <TextArea name="note" label="備考" rows={2} {...f('followup')} />
                    <Submit label="記録する" />
                  </Form>
                ))
            : null}
        </section>
      ) : null}

      <CaseSection p={p} lk={lk} canPublish={perms.publishCase} csrf={csrf} state={state} />

      {perms.edit && TRANSITIONS[p.status]?.length ? (
        <section aria-labelledby="status-title">
          <h2 id="status-title">状態を変える</h2>
          <Form action={act('status')} csrf={csrf}>
            <Select
              name="status"
              label="次の状態"
              required
              options={TRANSITIONS[p.status].map((s) => ({ value: s, label: labelOf(STATES, s) }))}
              help="「終了」にすると、6・12・24・36か月後のフォローアップが予定されます。"
              {...f('status')}
            />
            <Submit label="変える" />
          </Form>
        </section>
      ) : null}
    </article>
  )
}

/** Continuation after the end (/projects/continuation): rate, and by form, origin and year as charts and tables. */
export function ContinuationPage({
  s,
  charts,
}: {
  s: ContinuationStats
  charts: {
    key: string
    title: string
    svg: string
    rows: { label: string; total: number; continued: number; rate: number }[]
  }[]
}) {
  const pct = (r: number) => `${Math.round(r * 100)}%`
  return (
    <section>
      <h1>協働事業の終了後の継続状況</h1>
      <p>
        終了した協働事業のうち、最新のフォローアップ（終了6・12・24・36か月後）で「継続」「予算縮小」「事業縮小」と記録された事業を継続として数えています。
      </p>
      <p class="lead">
        継続率：<strong>{pct(s.rate)}</strong>（{s.total}事業のうち{s.continued}事業）
      </p>
      {charts.map((c) => (
        <section class="groups-chart" aria-labelledby={`chart-${c.key}`}>
          <h2 id={`chart-${c.key}`}>{c.title}</h2>
          <div class="groups-chart__body">
            <figure
              class="groups-chart__figure"
              role="img"
              aria-label={`${c.title}のグラフ（数値は表にあります）`}
            >
              {raw(c.svg)}
            </figure>
            <div class="table-wrap">
              <table class="table">
                <caption>{c.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">区分</th>
                    <th scope="col">事業数</th>
                    <th scope="col">継続</th>
                    <th scope="col">継続率</th>
                  </tr>
                </thead>
                <tbody>
                  {c.rows.map((r) => (
                    <tr>
                      <th scope="row">{r.label}</th>
                      <td class="num">{r.total}</td>
                      <td class="num">{r.continued}</td>
                      <td class="num">{pct(r.rate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </section>
      ))}
    </section>
  )
}

/** The 事例集 (/cases): finished projects published as cases, and (for city staff) the pairings that did not come about. */
export function CasesPage({
  list,
  lk,
  query,
  declined,
  declinedOthers = null,
}: {
  list: CaseRow[]
  lk: Lookups
  query: Record<string, string | undefined>
  declined:
    | { id: string; needTitle: string; departmentId: string; closedOn: string | null; reason: string }[]
    | null
  /** Other rooms' attempts that did not come about (proposals not adopted), staff only. */
  declinedOthers?: DeclinedCase[] | null
}) {
  return (
    <section>
      <h1>協働の事例集</h1>
      <p>
        終わった協働事業を、解決したかった課題・役割分担・費用・成果・学んだことと一緒に紹介します。分野・協働の形態・担当課で絞り込めます。
      </p>
      <form method="get" action="/cases" class="form form--search">
        <TextField name="q" label="ことば" values={query} />
        <Select
          name="field"
          label="分野"
          options={lk.fields.map((f) => ({ value: f.code, label: f.label }))}
          empty="すべて"
          values={query}
        />
        <Select name="form" label="協働の形態" options={opts(COLLAB_FORMS)} empty="すべて" values={query} />
        <Select
          name="departmentId"
          label="担当課"
          options={lk.departments.map((d) => ({ value: d.id, label: d.name }))}
          empty="すべて"
          values={query}
        />
        <Submit label="さがす" />
      </form>
      <p role="status">{list.length}件の事例</p>
      {list.map((p) => (
        <article class="case" aria-labelledby={`case-${p.id}`}>
          <h2 id={`case-${p.id}`}>
            <a href={`/projects/${p.id}`}>{p.title}</a>
          </h2>
          <Dl
            rows={[
              ['協働の形態', labelOf(COLLAB_FORMS, p.form)],
              ['担当課', lk.depName(p.departmentId)],
              ['協働の相手', p.partners.map((x) => x.name).join('、') || '—'],
              ['期間', `${ymdJa(p.startOn)}〜${p.endOn ? ymdJa(p.endOn) : ''}`],
              ['分野', p.caseFields.map((f) => lk.fieldName(f)).join('、') || '—'],
              ['費用', p.total ? `事業額 ${yen(p.total)}（市負担額 ${yen(p.cityShare)}）` : '—'],
              ['解決したかった課題', <p class="prewrap">{p.caseIssue}</p>],
              ['成果', <p class="prewrap">{p.caseOutcome}</p>],
              ['学んだこと', <p class="prewrap">{p.caseLessons}</p>],
            ]}
          />
          <p>
            <a href={`/projects/${p.id}#roles-title`}>役割分担と評価を見る</a>
          </p>
        </article>
      ))}
      {declined ? (
        <section aria-labelledby="declined-title">
          <h2 id="declined-title">成案化しなかった事例（市の職員だけに表示）</h2>
          {declined.length ? (
            <div class="table-wrap">
              <table class="table table--stack">
                <thead>
                  <tr>
                    <th scope="col">協働ニーズ</th>
                    <th scope="col">担当課</th>
                    <th scope="col">見送った日</th>
                    <th scope="col">成案化しなかった原因</th>
                  </tr>
                </thead>
                <tbody>
                  {declined.map((d) => (
                    <tr>
                      <td data-label="協働ニーズ">{d.needTitle}</td>
                      <td data-label="担当課">{lk.depName(d.departmentId)}</td>
                      <td data-label="見送った日">{ymdJa(d.closedOn)}</td>
                      <td data-label="成案化しなかった原因">{d.reason || '（記録なし）'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p class="muted">見送った組み合わせはありません。</p>
          )}
          {declinedOthers ? (
            <>
              <h3 id="declined-proposals-title">採択されなかった提案（協働事業提案制度）</h3>
              {declinedOthers.length ? (
                <div class="table-wrap">
                  <table class="table table--stack" aria-labelledby="declined-proposals-title">
                    <thead>
                      <tr>
                        <th scope="col">提案</th>
                        <th scope="col">募集</th>
                        <th scope="col">年度</th>
                        <th scope="col">結果</th>
                        <th scope="col">成案化しなかった原因</th>
                      </tr>
                    </thead>
                    <tbody>
                      {declinedOthers.map((d) => (
                        <tr>
                          <td data-label="提案">{d.title}</td>
                          <td data-label="募集">{d.context}</td>
                          <td data-label="年度">{d.fiscalYear ? fiscalYearLabel(d.fiscalYear) : '通年'}</td>
                          <td data-label="結果">{d.kindLabel}</td>
                          <td data-label="成案化しなかった原因">{d.reason || '（記録なし）'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p class="muted">採択されなかった提案はありません。</p>
              )}
            </>
          ) : null}
        </section>
      ) : null}
    </section>
  )
}

/** On the project page: the case as published, and the coordinator's form to publish or update it. */
export function CaseSection({
  p,
  lk,
  canPublish,
  csrf,
  state,
}: {
  p: FullProject
  lk: Lookups
  canPublish: boolean
  csrf: string
  state: FormState
}) {
  const open = state.form === 'case'
  const values = open ? state.values : { ...p, caseFields: p.caseFields }
  if (!p.casePublishedAt && !canPublish) return null
  return (
    <section aria-labelledby="case-title">
      <h2 id="case-title">事例集</h2>
      {p.casePublishedAt ? (
        <p>
          <a href="/cases">協働の事例集</a>に載っています（
          {ymdJa(p.casePublishedAt.toISOString().slice(0, 10))}）。
        </p>
      ) : (
        <p class="muted">まだ事例集に載っていません。</p>
      )}
      {canPublish ? (
        <details open={open}>
          <summary>{p.casePublishedAt ? '事例の内容を直す' : '事例集に載せる'}</summary>
          <Form action={`/projects/${p.id}/case`} csrf={csrf}>
            <TextArea
              name="caseIssue"
              label="解決したかった課題"
              required
              rows={3}
              values={values}
              errors={open ? state.errors : undefined}
            />
            <TextArea
              name="caseOutcome"
              label="成果"
              required
              rows={3}
              values={values}
              errors={open ? state.errors : undefined}
            />
            <TextArea
              name="caseLessons"
              label="学んだこと・これから取り組む方へ"
              required
              rows={3}
              values={values}
              errors={open ? state.errors : undefined}
            />
            <ChoiceGroup
              name="caseFields"
              label="分野"
              multiple
              columns
              options={lk.fields.map((f) => ({ value: f.code, label: f.label }))}
              values={values}
              errors={open ? state.errors : undefined}
            />
            <Submit label={p.casePublishedAt ? '保存する' : '事例集に載せる'} />
          </Form>
        </details>
      ) : null}
    </section>
  )
}

/** Step 1 of registering existing collaborations: the file. */
export function ImportUpload({
  csrf,
  columns,
  error,
}: {
  csrf: string
  columns: readonly { label: string; required: boolean }[]
  error?: string
}) {
  return (
    <section>
      <h1>これまでの協働事業を取り込む</h1>
      <p>
        CSV（UTF-8 または Shift_JIS）か Excel
        のファイルを選んでください。1行目は見出し、1行に1事業です。確認の画面で、協働の相手が登録団体と同じかどうかを確かめてから登録します（この段階では何も登録しません）。
      </p>
      <table class="table">
        <caption>列（見出し）</caption>
        <thead>
          <tr>
            <th scope="col">見出し</th>
            <th scope="col">必須</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr>
              <th scope="row">{c.label}</th>
              <td>{c.required ? '必須' : '任意'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="small">
        協働の相手は「、」で区切って複数書けます。日付は 2014-04-01 や 平成26年4月1日、年度は 2014 や
        平成26年度、金額は全角数字やカンマも使えます。
      </p>
      <Form action="/projects/import" csrf={csrf} multipart>
        <div class={`field${error ? ' field--error' : ''}`}>
          <label for="f-file" class="field__label">
            ファイル <span class="req">※必須</span>
          </label>
          {error ? (
            <p class="field__error" id="f-file-error">
              {error}
            </p>
          ) : null}
          <input
            id="f-file"
            name="file"
            type="file"
            required
            accept=".csv,.xlsx,text/csv"
            aria-describedby={error ? 'f-file-error' : undefined}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
        <Submit label="確認する" />
      </Form>
    </section>
  )
}

/** Step 2: what would be registered, the problems by row, and the partners to confirm. */
export function ImportPreviewPage({
  csrf,
  table,
  preview,
  lk,
  confirm = {},
  message,
}: {
  csrf: string
  table: string
  preview: {
    rows: {
      line: number
      record: { title: string; form: string; departmentId: string; startOn: string; endOn: string | null }
      budget: { fiscalYear: number; total: number; cityShare: number } | null
      partners: { name: string; status: string; groupName: string | null }[]
    }[]
    errors: { line: number; column: string; message: string }[]
  }
  lk: Lookups
  confirm?: Record<string, string>
  message?: string
}) {
  const doubtful = preview.rows.some((r) => r.partners.some((p) => p.status === 'doubtful'))
  return (
    <section>
      <h1>取り込む内容の確認</h1>
      {message ? (
        <div class="error-summary" role="alert">
          <p>{message}</p>
        </div>
      ) : null}
      {preview.errors.length ? (
        <>
          <div class="error-summary" role="alert">
            <h2 class="error-summary__title">直す必要がある行があります（{preview.errors.length}件）</h2>
            <p>ファイルを直して、もう一度選んでください。まだ何も登録していません。</p>
          </div>
          <div class="table-wrap">
            <table class="table table--stack">
              <thead>
                <tr>
                  <th scope="col">行</th>
                  <th scope="col">列</th>
                  <th scope="col">内容</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e) => (
                  <tr>
                    <td data-label="行">{e.line}行目</td>
                    <td data-label="列">{e.column}</td>
                    <td data-label="内容">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <a href="/projects/import">ファイルを選び直す</a>
          </p>
        </>
      ) : (
        <Form action="/projects/import/confirm" csrf={csrf}>
          <input type="hidden" name="table" value={table} />
          <p>
            {preview.rows.length}件の協働事業を登録します。
            {doubtful ? '名前が近い登録団体がある相手は、同じ団体かどうかを選んでください。' : ''}
          </p>
          {preview.rows.map((r) => (
            <fieldset class="fieldset">
              <legend>
                {r.line}行目：{r.record.title}（{labelOf(COLLAB_FORMS, r.record.form)}・
                {lk.depName(r.record.departmentId)}・{ymdJa(r.record.startOn)}〜
                {r.record.endOn ? ymdJa(r.record.endOn) : ''}
                {r.budget
                  ? `・${r.budget.fiscalYear}年度 事業額 ${yen(r.budget.total)}（市負担額 ${yen(r.budget.cityShare)}）`
                  : ''}
                ）
              </legend>
              {r.partners.length ? (
                <ul>
                  {r.partners.map((p, i) =>
                    p.status === 'doubtful' ? (
                      <li>
                        <ChoiceGroup
                          name={`confirm_${r.line}_${i}`}
                          label={`「${p.name}」は登録団体「${p.groupName}」と同じですか`}
                          required
                          options={[
                            { value: 'group', label: `同じ団体（${p.groupName}）として登録する` },
                            { value: 'outside', label: '別の相手（登録団体ではない）として登録する' },
                          ]}
                          values={{ [`confirm_${r.line}_${i}`]: confirm[`${r.line}:${i}`] }}
                        />
                      </li>
                    ) : (
                      <li>
                        {p.name}：
                        {p.status === 'matched'
                          ? `登録団体「${p.groupName}」`
                          : '登録団体ではない相手として登録'}
                      </li>
                    ),
                  )}
                </ul>
              ) : (
                <p class="muted">協働の相手の記載はありません。</p>
              )}
            </fieldset>
          ))}
          <Submit label="登録する" />
        </Form>
      )}
    </section>
  )
}
