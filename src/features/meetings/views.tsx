import type { Child } from 'hono/jsx'
import {
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
import {
  ACTION_STATES,
  actionStateLabel,
  CANDIDATE_ROWS,
  MARKS,
  MEETING_STATUSES,
  markLabel,
  OUTSIDE_ROWS,
  type Tally,
} from './domain.ts'

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v))
const statusLabel = (s: string) => MEETING_STATUSES.find((x) => x.code === s)?.label ?? s
const STATUS_TONE: Record<string, 'gray' | 'blue' | 'green' | 'orange' | 'red'> = {
  scheduling: 'orange',
  scheduled: 'blue',
  held: 'green',
  cancelled: 'gray',
}
export const MeetingStatus = ({ s }: { s: string }) => <Badge tone={STATUS_TONE[s]}>{statusLabel(s)}</Badge>

function Prose({ text }: { text: string }) {
  return text.trim() ? <p class="prewrap">{text}</p> : <p class="muted">（まだありません）</p>
}

// ------------------------------------------------------------------ list

export interface MeetingRow {
  id: string
  title: string
  status: string
  when: string
  subjectTitle: string
}

export function MeetingsList(p: { list: MeetingRow[]; canCreate: boolean; openActions: number }) {
  return (
    <section>
      <h1>調整会議</h1>
      <p class="lead">
        協働の調整・相談・協働事業について、候補日時から日程を決め、議事録と対応事項を残します。
      </p>
      <ul class="actions">
        <li>
          <a href="/meetings/actions">自分の対応事項（未完了 {p.openActions}件）</a>
        </li>
        {p.canCreate ? (
          <li>
            <a class="button" href="/meetings/new">
              調整会議を設定する
            </a>
          </li>
        ) : null}
      </ul>
      {p.list.length ? (
        <table class="table">
          <caption>参加している調整会議（{p.list.length}件）</caption>
          <thead>
            <tr>
              <th scope="col">会議名</th>
              <th scope="col">対象</th>
              <th scope="col">日時</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {p.list.map((m) => (
              <tr>
                <td>
                  <a href={`/meetings/${m.id}`}>{m.title}</a>
                </td>
                <td>{m.subjectTitle || '—'}</td>
                <td>{m.when}</td>
                <td>
                  <MeetingStatus s={m.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>参加している調整会議はまだありません。</p>
      )}
    </section>
  )
}

// ------------------------------------------------------------------ the form

const FORM_LABELS: Record<string, string> = {
  title: '会議名',
  place: '場所',
  agenda: '議題',
  candidates: '候補日時',
  userIds: '参加者',
  departmentIds: '参加する課',
  people: '外部の参加者',
  subjectId: '会議の対象',
}
for (let i = 0; i < CANDIDATE_ROWS; i++) FORM_LABELS[`candidates.${i}`] = `候補日時${i + 1}`

export function CandidateRow({
  n,
  values,
  errors,
  label,
}: {
  n: number
  values: Values
  errors?: FieldErrors
  /** The legend (default 候補日時<n>), and then the field is required. */
  label?: string
}) {
  const key = `candidates.${n - 1}`
  const err = errors?.[key]
  const id = `f-candidates-${n - 1}`
  const v = (k: string) => str(values[`c${n}_${k}`])
  return (
    <fieldset
      class={`field fieldset${err ? ' field--error' : ''}`}
      id={id}
      aria-describedby={err ? `${id}-error` : undefined}
      aria-invalid={err ? 'true' : undefined}
    >
      <legend class="field__label">
        {label ?? `候補日時${n}`}{' '}
        {n === 1 || label ? <span class="req">※必須</span> : <span class="opt">※任意</span>}
      </legend>
      {err ? (
        <p class="field__error" id={`${id}-error`}>
          {err}
        </p>
      ) : null}
      <div class="date-parts">
        <label>
          <input
            class="input input--year"
            name={`c${n}_year`}
            inputmode="numeric"
            maxlength={6}
            value={v('year')}
          />
          年
        </label>
        <label>
          <input
            class="input input--md"
            name={`c${n}_month`}
            inputmode="numeric"
            maxlength={3}
            value={v('month')}
          />
          月
        </label>
        <label>
          <input
            class="input input--md"
            name={`c${n}_day`}
            inputmode="numeric"
            maxlength={3}
            value={v('day')}
          />
          日
        </label>
        <label>
          開始
          <input class="input input--short" name={`c${n}_start`} maxlength={8} value={v('start')} />
        </label>
        <label>
          終了
          <input class="input input--short" name={`c${n}_end`} maxlength={8} value={v('end')} />
        </label>
      </div>
    </fieldset>
  )
}

export function MeetingForm(p: {
  csrf: string
  values: Values
  errors?: FieldErrors
  subject: { type: string; id: string | null; title: string; href: string | null }
  suggestions: { id: string; name: string; role: string }[]
  departments: { id: string; name: string }[]
}) {
  const v = p.values
  const chosen = new Set((Array.isArray(v.userIds) ? v.userIds : v.userIds ? [v.userIds] : []).map(String))
  const chosenDeps = new Set(
    (Array.isArray(v.departmentIds) ? v.departmentIds : v.departmentIds ? [v.departmentIds] : []).map(String),
  )
  return (
    <>
      <ErrorSummary errors={p.errors} labels={FORM_LABELS} />
      <Form action="/meetings" csrf={p.csrf}>
        <input type="hidden" name="subjectType" value={p.subject.type} />
        <input type="hidden" name="subjectId" value={p.subject.id ?? ''} />
        {p.subject.title ? (
          <p>
            会議の対象：{p.subject.href ? <a href={p.subject.href}>{p.subject.title}</a> : p.subject.title}
          </p>
        ) : null}
        <TextField name="title" label="会議名" required maxlength={120} values={v} errors={p.errors} />
        <TextField
          name="place"
          label="場所"
          help="会議室の名前、またはオンライン会議のURL"
          values={v}
          errors={p.errors}
        />
        <TextArea name="agenda" label="議題" rows={4} values={v} errors={p.errors} />
        <h2>候補日時</h2>
        <p class="field__help" id="candidates-help">
          日付（年は西暦か和暦、例：2026年7月1日・令和8年）と、開始・終了の時刻（「13:30」のように24時間制）を入力してください。参加者が候補ごとに○・△・×で都合を答えます。
        </p>
        {p.errors?.candidates ? (
          <p class="field__error" id="f-candidates">
            {p.errors.candidates}
          </p>
        ) : null}
        {Array.from({ length: CANDIDATE_ROWS }, (_, i) => (
          <CandidateRow n={i + 1} values={v} errors={p.errors} />
        ))}
        <h2>参加者</h2>
        {p.suggestions.length ? (
          <fieldset class={`field fieldset${p.errors?.userIds ? ' field--error' : ''}`} id="f-userIds">
            <legend class="field__label">
              アカウントのある参加者 <span class="opt">※任意</span>
            </legend>
            {p.errors?.userIds ? <p class="field__error">{p.errors.userIds}</p> : null}
            <p class="field__help">あなた（設定する人）は必ず参加者になります。</p>
            <div class="choices">
              {p.suggestions.map((s, i) => (
                <div class="choice">
                  <input
                    type="checkbox"
                    id={`f-userIds-${i}`}
                    name="userIds"
                    value={s.id}
                    checked={chosen.has(s.id)}
                  />
                  <label for={`f-userIds-${i}`}>
                    {s.name}（{s.role}）
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        ) : null}
        {p.departments.length ? (
          <fieldset class="field fieldset" id="f-departmentIds">
            <legend class="field__label">
              課として参加（課の職員全員が会議を見られます） <span class="opt">※任意</span>
            </legend>
            <div class="choices">
              {p.departments.map((d, i) => (
                <div class="choice">
                  <input
                    type="checkbox"
                    id={`f-departmentIds-${i}`}
                    name="departmentIds"
                    value={d.id}
                    checked={chosenDeps.has(d.id)}
                  />
                  <label for={`f-departmentIds-${i}`}>{d.name}</label>
                </div>
              ))}
            </div>
          </fieldset>
        ) : null}
        <h3>外部の参加者（大学・企業など、アカウントのない方）</h3>
        <p class="field__help">
          メールアドレスあてに、都合を答えるための専用のURLをお送りします。市のアカウントのアドレスなら、そのアカウントの参加者になります。
        </p>
        {Array.from({ length: OUTSIDE_ROWS }, (_, i) => {
          const n = i + 1
          const err = p.errors?.[`people.${i}`]
          return (
            <fieldset class={`field fieldset${err ? ' field--error' : ''}`} id={`f-people-${i}`}>
              <legend class="field__label">
                外部の参加者{n} <span class="opt">※任意</span>
              </legend>
              {err ? <p class="field__error">{err}</p> : null}
              <TextField name={`o${n}_name`} label="氏名" values={v} autocomplete="off" />
              <TextField
                name={`o${n}_email`}
                label="メールアドレス"
                type="email"
                values={v}
                autocomplete="off"
              />
              <TextField name={`o${n}_organisation`} label="所属（大学・企業など）" values={v} />
            </fieldset>
          )
        })}
        <Submit label="調整会議を設定する" />
      </Form>
    </>
  )
}

// ------------------------------------------------------------------ the meeting page

export interface CandidateView {
  id: string
  label: string
  tally: Tally
  best: boolean
  fixed: boolean
}
export interface PersonRow {
  id: string
  name: string
  detail: string
  kind: string
  marks: Record<string, string>
  comment: string
  email?: string
}
export interface ActionView {
  id: string
  title: string
  owner: string
  ownerId: string
  dueOn: string
  dueLabel: string
  state: string
  overdue: boolean
  canUpdate: boolean
}

export function MarksTable(p: { candidates: CandidateView[]; people: PersonRow[] }) {
  const markers = p.people.filter((x) => x.kind !== 'department')
  return (
    <div class="table-wrap">
      <table class="table marks-table">
        <caption>候補日時ごとの都合（○ 参加できる、△ 調整すれば参加できる、× 参加できない）</caption>
        <thead>
          <tr>
            <th scope="col">候補日時</th>
            <th scope="col">○</th>
            <th scope="col">△</th>
            <th scope="col">×</th>
            {markers.map((x) => (
              <th scope="col">{x.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.candidates.map((c) => (
            <tr class={c.fixed ? 'is-fixed' : undefined}>
              <th scope="row">
                {c.label}
                {c.fixed ? (
                  <>
                    {' '}
                    <Badge tone="blue">決定</Badge>
                  </>
                ) : c.best ? (
                  <>
                    {' '}
                    <Badge tone="green">最多</Badge>
                  </>
                ) : null}
              </th>
              <td>{c.tally.yes}</td>
              <td>{c.tally.maybe}</td>
              <td>{c.tally.no}</td>
              {markers.map((x) => (
                <td>{markLabel(x.marks[c.id] ?? '')}</td>
              ))}
            </tr>
          ))}
        </tbody>
        {markers.some((x) => x.comment) ? (
          <tfoot>
            <tr>
              <th scope="row">コメント</th>
              <td colspan={3} />
              {markers.map((x) => (
                <td>{x.comment}</td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  )
}

export function MarkForm(p: {
  action: string
  csrf: string
  candidates: CandidateView[]
  values: Values
  errors?: FieldErrors
  token?: string
}) {
  const labels: Record<string, string> = { comment: 'コメント' }
  p.candidates.forEach((c, i) => {
    labels[`marks.${c.id}`] = `候補日時${i + 1}`
  })
  return (
    <>
      <ErrorSummary errors={p.errors} labels={labels} />
      <Form action={p.action} csrf={p.csrf}>
        {p.token ? <input type="hidden" name="token" value={p.token} /> : null}
        {p.candidates.map((c) => (
          <ChoiceGroup
            name={`mark_${c.id}`}
            id={`f-marks-${c.id}`}
            label={c.label}
            required
            options={MARKS.map((m) => ({ value: m.code, label: `${m.label} ${m.title}` }))}
            values={p.values}
            errors={p.errors ? { [`mark_${c.id}`]: p.errors[`marks.${c.id}`] ?? '' } : undefined}
          />
        ))}
        <TextField
          name="comment"
          label="コメント"
          help="例：午後なら参加できます"
          values={p.values}
          errors={p.errors}
        />
        <Submit label="都合を送る" />
      </Form>
    </>
  )
}

export interface MeetingPageProps {
  m: {
    id: string
    title: string
    status: string
    place: string
    agenda: string
    minutes: string
    decisions: string
    when: string
    subjectTitle: string
    subjectHref: string | null
    organiser: string
    minutedLabel: string
  }
  candidates: CandidateView[]
  people: PersonRow[]
  actions: ActionView[]
  owners: { id: string; name: string }[]
  canManage: boolean
  canMark: boolean
  csrf: string
  /** Which form the values and errors belong to. */
  form?: {
    which: 'marks' | 'fix' | 'candidate' | 'person' | 'minutes' | 'action'
    values: Values
    errors?: FieldErrors
  }
  myMarks: Values
}

const section = (title: string, body: Child, id?: string) => (
  <section class="panel" id={id}>
    <h2>{title}</h2>
    {body}
  </section>
)

export function MeetingPage(p: MeetingPageProps) {
  const f = (w: NonNullable<MeetingPageProps['form']>['which']) =>
    p.form?.which === w
      ? { values: p.form.values, errors: p.form.errors }
      : { values: {} as Values, errors: undefined }
  const m = p.m
  return (
    <article>
      <h1>調整会議：{m.title}</h1>
      <p>
        <MeetingStatus s={m.status} />
      </p>
      <dl class="summary-list">
        <div>
          <dt>日時</dt>
          <dd>
            {m.when}
            {m.status === 'scheduled' || m.status === 'held' ? (
              <>
                {' '}
                <a href={`/meetings/${m.id}.ics`}>カレンダーに登録（iCalendar）</a>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>場所</dt>
          <dd>{m.place || '—'}</dd>
        </div>
        <div>
          <dt>対象</dt>
          <dd>{m.subjectHref ? <a href={m.subjectHref}>{m.subjectTitle}</a> : m.subjectTitle || '—'}</dd>
        </div>
        <div>
          <dt>設定した人</dt>
          <dd>{m.organiser}</dd>
        </div>
      </dl>

      <h2>日程調整</h2>
      <MarksTable candidates={p.candidates} people={p.people} />
      {p.canMark && m.status === 'scheduling'
        ? section(
            'あなたの都合',
            <MarkForm
              action={`/meetings/${m.id}/availability`}
              csrf={p.csrf}
              candidates={p.candidates}
              values={p.form?.which === 'marks' ? p.form.values : p.myMarks}
              errors={f('marks').errors}
            />,
            'my-marks',
          )
        : null}
      {p.canManage && m.status === 'scheduling'
        ? section(
            '候補日時を追加する',
            <>
              <ErrorSummary
                errors={f('candidate').errors}
                labels={{ 'candidates.0': `候補日時${p.candidates.length + 1}` }}
              />
              <Form action={`/meetings/${m.id}/candidates`} csrf={p.csrf}>
                <CandidateRow
                  n={1}
                  label={`候補日時${p.candidates.length + 1}`}
                  values={f('candidate').values}
                  errors={f('candidate').errors}
                />
                <Submit label="候補日時を追加する" secondary />
              </Form>
            </>,
          )
        : null}
      {p.canManage && (m.status === 'scheduling' || m.status === 'scheduled')
        ? section(
            m.status === 'scheduling' ? '日程を決める' : '日程を変更する',
            <>
              <ErrorSummary errors={f('fix').errors} labels={{ candidateId: '決める日時' }} />
              <Form action={`/meetings/${m.id}/fix`} csrf={p.csrf}>
                <ChoiceGroup
                  name="candidateId"
                  label="決める日時"
                  required
                  help="決めると、参加者全員に日時とカレンダー登録用のURLをメールでお知らせします。"
                  options={p.candidates.map((c) => ({
                    value: c.id,
                    label: `${c.label}（○${c.tally.yes} △${c.tally.maybe} ×${c.tally.no}）`,
                  }))}
                  values={
                    p.form?.which === 'fix'
                      ? p.form.values
                      : { candidateId: p.candidates.find((c) => c.best)?.id }
                  }
                  errors={f('fix').errors}
                />
                <Submit label="この日時に決める" />
              </Form>
            </>,
          )
        : null}

      {p.canManage && (m.status === 'scheduling' || m.status === 'scheduled')
        ? section(
            '会議を中止する',
            <Form action={`/meetings/${m.id}/cancel`} csrf={p.csrf}>
              <p>中止すると、参加者全員にメールでお知らせします。元には戻せません。</p>
              <Submit label="会議を中止する" secondary />
            </Form>,
          )
        : null}
      <h2>参加者</h2>
      <ul class="link-list">
        {p.people.map((x) => (
          <li>
            {x.name}
            {x.detail ? `（${x.detail}）` : ''}
            {p.canManage && x.email ? ` ${x.email}` : ''}
          </li>
        ))}
      </ul>
      {p.canManage && m.status !== 'held' && m.status !== 'cancelled'
        ? section(
            '参加者を追加する',
            <>
              <ErrorSummary
                errors={f('person').errors}
                labels={{ name: '氏名', email: 'メールアドレス', organisation: '所属' }}
              />
              <Form action={`/meetings/${m.id}/participants`} csrf={p.csrf}>
                <TextField name="name" label="氏名" required {...f('person')} />
                <TextField
                  name="email"
                  label="メールアドレス"
                  type="email"
                  required
                  help="市のアカウントのアドレスなら、そのアカウントの参加者になります。そうでなければ、都合を答える専用のURLをお送りします。"
                  {...f('person')}
                />
                <TextField name="organisation" label="所属（大学・企業など）" {...f('person')} />
                <Submit label="追加する" secondary />
              </Form>
            </>,
          )
        : null}

      <h2>議題</h2>
      <Prose text={m.agenda} />
      <h2>議事録</h2>
      <Prose text={m.minutes} />
      {m.minutedLabel ? <p class="small muted">{m.minutedLabel}</p> : null}
      <h2>決定事項</h2>
      <Prose text={m.decisions} />
      {p.canManage
        ? section(
            '議題・議事録・決定事項を書く',
            <>
              <ErrorSummary
                errors={f('minutes').errors}
                labels={{ agenda: '議題', minutes: '議事録', decisions: '決定事項' }}
              />
              <Form action={`/meetings/${m.id}/minutes`} csrf={p.csrf}>
                <TextArea
                  name="agenda"
                  label="議題"
                  rows={4}
                  values={p.form?.which === 'minutes' ? p.form.values : m}
                  errors={f('minutes').errors}
                />
                <TextArea
                  name="minutes"
                  label="議事録"
                  rows={10}
                  help="議事録を保存すると、開催予定の会議は「開催済」になります。"
                  values={p.form?.which === 'minutes' ? p.form.values : m}
                  errors={f('minutes').errors}
                />
                <TextArea
                  name="decisions"
                  label="決定事項"
                  rows={4}
                  values={p.form?.which === 'minutes' ? p.form.values : m}
                  errors={f('minutes').errors}
                />
                <Submit label="保存する" />
              </Form>
            </>,
          )
        : null}

      <h2>対応事項</h2>
      <ActionsTable actions={p.actions} csrf={p.csrf} meetingId={m.id} />
      {p.canManage
        ? section(
            '対応事項を追加する',
            <>
              <ErrorSummary
                errors={f('action').errors}
                labels={{ title: '対応事項', ownerId: '担当者', dueOn: '期限' }}
              />
              <Form action={`/meetings/${m.id}/actions`} csrf={p.csrf}>
                <TextField name="title" label="対応事項" required maxlength={200} {...f('action')} />
                <Select
                  name="ownerId"
                  label="担当者"
                  required
                  empty="選んでください"
                  options={p.owners.map((o) => ({ value: o.id, label: o.name }))}
                  {...f('action')}
                />
                <DateField name="dueOn" label="期限" required {...f('action')} />
                <Submit label="追加する" secondary />
              </Form>
            </>,
          )
        : null}
      <p>
        <a href="/meetings">調整会議の一覧へ</a>
      </p>
    </article>
  )
}

export function ActionsTable(p: {
  actions: ActionView[]
  csrf: string
  meetingId?: string
  showMeeting?: boolean
}) {
  if (!p.actions.length) return <p>対応事項はありません。</p>
  return (
    <table class="table">
      <thead>
        <tr>
          <th scope="col">対応事項</th>
          <th scope="col">担当者</th>
          <th scope="col">期限</th>
          <th scope="col">状態</th>
        </tr>
      </thead>
      <tbody>
        {p.actions.map((a) => (
          <tr>
            <td>{a.title}</td>
            <td>{a.owner}</td>
            <td>
              {a.dueLabel}
              {a.overdue ? (
                <>
                  {' '}
                  <Badge tone="red">期限切れ</Badge>
                </>
              ) : null}
            </td>
            <td>
              {a.canUpdate ? (
                <Form
                  action={`/meetings/${p.meetingId ?? (a as ActionView & { meetingId?: string }).meetingId}/actions/${a.id}`}
                  csrf={p.csrf}
                  class="inline-form"
                >
                  <label for={`f-state-${a.id}`} class="visually-hidden">
                    「{a.title}」の状態
                  </label>
                  <select id={`f-state-${a.id}`} name="state" class="select">
                    {ACTION_STATES.map((s) => (
                      <option value={s.code} selected={s.code === a.state}>
                        {s.label}
                      </option>
                    ))}
                  </select>
                  <Submit label="変更" secondary />
                </Form>
              ) : (
                actionStateLabel(a.state)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

// ------------------------------------------------------------------ outside people (by link)

export function ReplyPage(p: {
  m: {
    id: string
    title: string
    status: string
    place: string
    agenda: string
    when: string
    organiser: string
  }
  name: string
  candidates: CandidateView[]
  token: string
  csrf: string
  values: Values
  errors?: FieldErrors
}) {
  return (
    <article>
      <h1>日程調整：{p.m.title}</h1>
      <p>{p.name} 様</p>
      <p>
        <MeetingStatus s={p.m.status} />
      </p>
      <dl class="summary-list">
        <div>
          <dt>日時</dt>
          <dd>
            {p.m.when}
            {p.m.status === 'scheduled' || p.m.status === 'held' ? (
              <>
                {' '}
                <a href={`/meetings/${p.m.id}.ics?token=${encodeURIComponent(p.token)}`}>
                  カレンダーに登録（iCalendar）
                </a>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>場所</dt>
          <dd>{p.m.place || '—'}</dd>
        </div>
        <div>
          <dt>主催</dt>
          <dd>{p.m.organiser}</dd>
        </div>
      </dl>
      <h2>議題</h2>
      <Prose text={p.m.agenda} />
      {p.m.status === 'scheduling' ? (
        <section class="panel">
          <h2>ご都合をお知らせください</h2>
          <p>
            候補日時ごとに、○（参加できる）・△（調整すれば参加できる）・×（参加できない）を選んでください。何度でも送り直せます。
          </p>
          <MarkForm
            action={`/meetings/${p.m.id}/reply`}
            csrf={p.csrf}
            candidates={p.candidates}
            values={p.values}
            errors={p.errors}
            token={p.token}
          />
        </section>
      ) : (
        <p>日程は決まりました。ご参加をお待ちしています。</p>
      )}
      <p class="small">
        このページはあなた専用のURLで開いています。お名前・メールアドレスは、この会議の日程調整と案内にだけ使います。
      </p>
    </article>
  )
}

// ------------------------------------------------------------------ 自分の対応事項

export function MyActionsPage(p: {
  open: (ActionView & { meetingId: string; meetingTitle: string })[]
  done: (ActionView & { meetingId: string; meetingTitle: string })[]
  csrf: string
}) {
  const Rows = ({ list }: { list: typeof p.open }) =>
    list.length ? (
      <table class="table">
        <thead>
          <tr>
            <th scope="col">対応事項</th>
            <th scope="col">会議</th>
            <th scope="col">期限</th>
            <th scope="col">状態</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr>
              <td>{a.title}</td>
              <td>
                <a href={`/meetings/${a.meetingId}`}>{a.meetingTitle}</a>
              </td>
              <td>
                {a.dueLabel}
                {a.overdue ? (
                  <>
                    {' '}
                    <Badge tone="red">期限切れ</Badge>
                  </>
                ) : null}
              </td>
              <td>
                <Form action={`/meetings/${a.meetingId}/actions/${a.id}`} csrf={p.csrf} class="inline-form">
                  <input type="hidden" name="back" value="mine" />
                  <label for={`f-state-${a.id}`} class="visually-hidden">
                    「{a.title}」の状態
                  </label>
                  <select id={`f-state-${a.id}`} name="state" class="select">
                    {ACTION_STATES.map((s) => (
                      <option value={s.code} selected={s.code === a.state}>
                        {s.label}
                      </option>
                    ))}
                  </select>
                  <Submit label="変更" secondary />
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : (
      <p>ありません。</p>
    )
  return (
    <section>
      <h1>自分の対応事項</h1>
      <p class="lead">調整会議で担当になった対応事項です。期限を過ぎると一度メールでお知らせします。</p>
      <h2>未完了（{p.open.length}件）</h2>
      <Rows list={p.open} />
      <h2>完了（直近90日）</h2>
      <Rows list={p.done} />
      <p>
        <a href="/meetings">調整会議の一覧へ</a>
      </p>
    </section>
  )
}

/** The list of a subject's meetings, for the subject's page (pairing, project). */
export function SubjectMeetings(p: {
  list: { id: string; title: string; status: string; when: string }[]
  newHref: string | null
}) {
  return (
    <section class="panel">
      <h2>調整会議</h2>
      {p.list.length ? (
        <ul class="link-list">
          {p.list.map((m) => (
            <li>
              <a href={`/meetings/${m.id}`}>{m.title}</a>（{m.when}） <MeetingStatus s={m.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p>まだ調整会議はありません。</p>
      )}
      {p.newHref ? (
        <p>
          <a class="button button--secondary" href={p.newHref}>
            調整会議を設定する
          </a>
        </p>
      ) : null}
    </section>
  )
}
