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
import { Badge, OpenDataColumns, Pagination } from '../../core/ui/parts.tsx'
import { labelOf } from '../../core/vocabulary.ts'
import type { FieldErrors } from '../../core/validation.ts'
import { Dl, Facet } from '../needs/index.ts'
import { EVENT_KINDS, EVENT_STATUSES, REGISTRATION_STATUSES, monthGrid, shiftMonth } from './domain.ts'
import type { EventLookups, EventRow, Registration } from './service.ts'

export interface EventView extends EventRow {
  when: string
  deadlineLabel: string
  organisers: string[]
}

const opts = <T extends { code: string; label: string }>(l: readonly T[]) =>
  l.map((x) => ({ value: x.code, label: x.label }))

export function EventStatusBadge({ status }: { status: string }) {
  const tone = ({ draft: 'gray', open: 'green', closed: 'orange', held: 'blue', cancelled: 'red' } as const)[
    status as 'draft'
  ]
  return <Badge tone={tone ?? 'gray'}>{labelOf(EVENT_STATUSES, status)}</Badge>
}

export function EventCard({ e, lk }: { e: EventView; lk: EventLookups }) {
  return (
    <li class="card">
      <h3 class="card__title">
        <a href={`/events/${e.id}`}>{e.title}</a>
      </h3>
      <p class="small">
        <EventStatusBadge status={e.status} /> {labelOf(EVENT_KINDS, e.kind)}
        {e.kind === 'staff_training' ? (
          <>
            {' '}
            <Badge tone="red">庁内限定</Badge>
          </>
        ) : null}
      </p>
      <p>
        {e.when}
        <br />
        {e.online ? 'オンライン開催' : e.placeName}
        {e.areaId && lk.areaName(e.areaId) ? `（${lk.areaName(e.areaId)}）` : ''}
      </p>
      {e.fields.length ? <p class="small muted">分野：{e.fields.map(lk.fieldName).join('、')}</p> : null}
    </li>
  )
}

export function EventsList(p: {
  lk: EventLookups
  q: Record<string, string>
  query: URLSearchParams
  page: number
  result: {
    total: number
    items: EventView[]
    facets: { kind: Map<string, number>; field: Map<string, number>; area: Map<string, number> }
  }
  canCreate: boolean
  calendar: { month: string; byDay: Map<string, EventView[]> } | null
  months: string[]
}) {
  const { lk, q, query, result: r } = p
  const viewHref = (v: string) => {
    const x = new URLSearchParams(query)
    x.delete('page')
    if (v === 'calendar') {
      x.set('view', 'calendar')
      if (!x.get('month')) x.set('month', p.months[0] ?? '')
    } else x.delete('view')
    return `/events?${x.toString()}`
  }
  return (
    <section>
      <h1>イベント・交流の場</h1>
      <p class="lead">
        分野別の発表会・交流会、協働事業の説明会、意見交換会などの予定です。アカウントがなくても、各イベントのページから申し込めます。
      </p>
      <ul class="actions">
        <li>
          <a href={viewHref('list')} aria-current={p.calendar ? undefined : 'page'}>
            一覧で見る
          </a>
        </li>
        <li>
          <a href={viewHref('calendar')} aria-current={p.calendar ? 'page' : undefined}>
            月のカレンダーで見る
          </a>
        </li>
        <li>
          <a href={q.field ? `/events.ics?field=${encodeURIComponent(q.field)}` : '/events.ics'}>
            カレンダーに登録（ICS{q.field ? `、${lk.fieldName(q.field)}のみ` : ''}）
          </a>
        </li>
        <li>
          <a href="/opendata/events">オープンデータ</a>
        </li>
        {p.canCreate ? (
          <li>
            <a href="/events/new" class="button">
              イベントを登録する
            </a>
          </li>
        ) : null}
      </ul>
      <Form action="/events" method="get" csrf="" class="search-form">
        {q.view ? <input type="hidden" name="view" value={q.view} /> : null}
        <Select
          name="kind"
          label="種類"
          empty="すべて"
          options={opts(EVENT_KINDS).filter((o) => r.facets.kind.has(o.value) || o.value === q.kind)}
          values={q}
        />
        <Select
          name="field"
          label="分野"
          empty="すべて"
          options={lk.fields.map((f) => ({ value: f.code, label: f.label }))}
          values={q}
        />
        {lk.areas.length ? (
          <Select
            name="area"
            label="地区"
            empty="すべて"
            options={lk.areas.map((a) => ({ value: a.id, label: a.name }))}
            values={q}
          />
        ) : null}
        <Select
          name="month"
          label="月"
          empty={p.calendar ? undefined : 'これからのイベント'}
          options={p.months.map((m) => ({
            value: m,
            label: `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`,
          }))}
          values={q}
        />
        <Submit label="絞り込む" />
      </Form>
      <div class="with-sidebar">
        <aside aria-label="絞り込み">
          <Facet
            title="種類"
            name="kind"
            counts={r.facets.kind}
            label={(k) => labelOf(EVENT_KINDS, k)}
            query={query}
            base="/events"
          />
          <Facet
            title="分野"
            name="field"
            counts={r.facets.field}
            label={lk.fieldName}
            query={query}
            base="/events"
          />
          <Facet
            title="地区"
            name="area"
            counts={r.facets.area}
            label={lk.areaName}
            query={query}
            base="/events"
          />
        </aside>
        <div>
          {p.calendar ? (
            <MonthCalendar month={p.calendar.month} byDay={p.calendar.byDay} query={query} />
          ) : (
            <>
              <p role="status">{r.total}件のイベント</p>
              {r.items.length ? (
                <ul class="cards">
                  {r.items.map((e) => (
                    <EventCard e={e} lk={lk} />
                  ))}
                </ul>
              ) : (
                <p>条件に合うイベントはありません。種類・分野・地区・月を変えてお試しください。</p>
              )}
              <Pagination page={p.page} perPage={20} total={r.total} baseQuery={query} />
            </>
          )}
        </div>
      </div>
    </section>
  )
}

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土']

/** A month as a table (a list of the month's events follows for small screens and screen readers). */
export function MonthCalendar(p: { month: string; byDay: Map<string, EventView[]>; query: URLSearchParams }) {
  const href = (m: string) => {
    const x = new URLSearchParams(p.query)
    x.set('view', 'calendar')
    x.set('month', m)
    x.delete('page')
    return `/events?${x.toString()}`
  }
  const [y, m] = p.month.split('-').map(Number)
  const days = [...p.byDay.keys()].sort()
  return (
    <section class="event-calendar">
      <h2>
        {y}年{m}月のイベント
      </h2>
      <p class="actions">
        <a href={href(shiftMonth(p.month, -1))} rel="prev">
          前の月
        </a>{' '}
        <a href={href(shiftMonth(p.month, 1))} rel="next">
          次の月
        </a>
      </p>
      <div class="table-wrap">
        <table class="table event-calendar__grid">
          <caption>
            {y}年{m}月のカレンダー（イベントのある日にイベント名を表示）
          </caption>
          <thead>
            <tr>
              {WEEKDAYS.map((d) => (
                <th scope="col">{d}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthGrid(p.month).map((week) => (
              <tr>
                {week.map((d) => (
                  <td class={d && p.byDay.has(d) ? 'event-calendar__day--has' : undefined}>
                    {d ? (
                      <>
                        <span class="event-calendar__num">{Number(d.slice(8))}</span>
                        {(p.byDay.get(d) ?? []).map((e) => (
                          <a class="event-calendar__event" href={`/events/${e.id}`}>
                            {e.title}
                          </a>
                        ))}
                      </>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>この月の予定</h3>
      {days.length ? (
        <ul class="link-list">
          {days.flatMap((d) =>
            (p.byDay.get(d) ?? []).map((e) => (
              <li>
                <a href={`/events/${e.id}`}>{e.title}</a>（{e.when}）
              </li>
            )),
          )}
        </ul>
      ) : (
        <p>この月のイベントはありません。</p>
      )}
    </section>
  )
}

export function EventDetail(p: {
  e: EventView
  lk: EventLookups
  seats: { taken: number; waiting: number; left: number | null }
  closedReason: string | null
  showRecord: boolean
  manage: boolean
  roster: boolean
  /** The call for presenters and the programme (coordinator), the questionnaire's results (organisers). */
  manageCall?: boolean
  surveyResults?: boolean
  /** Programme, materials and what came of the event (views-programme.tsx). */
  extra?: Child
  csrf: string
  values: Values
  errors?: FieldErrors
}) {
  const { e, lk } = p
  return (
    <article>
      <h1>{e.title}</h1>
      <p>
        <EventStatusBadge status={e.status} /> {labelOf(EVENT_KINDS, e.kind)}
        {e.kind === 'staff_training' ? (
          <>
            {' '}
            <Badge tone="red">庁内限定（市職員のみ）</Badge>
          </>
        ) : null}
      </p>
      {e.status === 'cancelled' ? (
        <div class="notice notice--error" role="status">
          このイベントは中止になりました。
        </div>
      ) : null}
      {p.manage || p.roster || p.manageCall || p.surveyResults ? (
        <ul class="actions">
          {p.manage ? (
            <li>
              <a href={`/events/${e.id}/edit`}>編集する</a>
            </li>
          ) : null}
          {p.roster ? (
            <li>
              <a href={`/events/${e.id}/roster`}>申込者と出席（名簿）・記録</a>
            </li>
          ) : null}
          {p.manageCall ? (
            <li>
              <a href={`/events/${e.id}/call`}>発表者の募集とプログラム</a>
            </li>
          ) : null}
          {p.surveyResults ? (
            <li>
              <a href={`/events/${e.id}/outcomes`}>アンケートと成果</a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {e.description ? <p class="prewrap">{e.description}</p> : null}
      <Dl
        rows={(
          [
            ['日時', e.when],
            e.theme ? ['テーマ', e.theme] : null,
            e.fields.length ? ['分野', e.fields.map(lk.fieldName).join('、')] : null,
            e.areaId ? ['地区', lk.areaName(e.areaId)] : null,
            [
              '会場',
              e.online ? (
                <>
                  オンライン開催
                  {e.onlineUrl && p.seats ? (
                    <span class="small muted">（参加URLは申込者にお知らせします）</span>
                  ) : null}
                </>
              ) : (
                <>
                  {e.placeName}
                  {e.placeAddress ? <br /> : null}
                  {e.placeAddress}
                </>
              ),
            ],
            e.placeAccess ? ['アクセス', <p class="prewrap">{e.placeAccess}</p>] : null,
            e.placeAccessibility
              ? ['バリアフリー・配慮', <p class="prewrap">{e.placeAccessibility}</p>]
              : null,
            e.audience ? ['対象', e.audience] : null,
            ['参加費', e.fee || '—'],
            [
              '定員',
              e.capacity === null
                ? '定員なし'
                : `${e.capacity}名（残り${p.seats.left ?? 0}席${p.seats.waiting ? `、キャンセル待ち${p.seats.waiting}件` : ''}）`,
            ],
            e.acceptsRegistrations
              ? ['申込締切', e.deadlineLabel]
              : ['申込', '不要（直接会場へお越しください）'],
            e.organisers.length ? ['主催・共催', e.organisers.join('、')] : null,
            e.contactName || e.contactPhone || e.contactEmail
              ? ['問い合わせ先', [e.contactName, e.contactPhone, e.contactEmail].filter(Boolean).join(' ／ ')]
              : null,
          ] as ([string, Child] | null)[]
        ).filter((x): x is [string, Child] => !!x)}
      />
      <p>
        <a href={`/events/${e.id}.ics`}>この予定をカレンダーに追加（ICS）</a>
      </p>
      {p.showRecord ? (
        <section>
          <h2>記録</h2>
          <p class="prewrap">{e.record}</p>
        </section>
      ) : null}
      {p.extra}
      {e.acceptsRegistrations ? (
        <section aria-labelledby="register-title">
          <h2 id="register-title">申し込む</h2>
          {p.closedReason ? (
            <p>{p.closedReason}</p>
          ) : (
            <RegistrationForm
              e={e}
              seatsLeft={p.seats.left}
              csrf={p.csrf}
              values={p.values}
              errors={p.errors}
            />
          )}
        </section>
      ) : null}
    </article>
  )
}

export function RegistrationForm(p: {
  e: EventRow
  seatsLeft: number | null
  csrf: string
  values: Values
  errors?: FieldErrors
}) {
  return (
    <>
      {p.seatsLeft !== null && p.seatsLeft <= 0 ? (
        <div class="notice notice--warning" role="status">
          満席です。申し込むとキャンセル待ちになり、席が空いたら順番に繰り上がってメールでお知らせします。
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <Form action={`/events/${p.e.id}/register`} csrf={p.csrf}>
        <TextField
          name="name"
          label="お名前"
          required
          autocomplete="name"
          maxlength={100}
          values={p.values}
          errors={p.errors}
        />
        <TextField
          name="email"
          label="メールアドレス"
          type="email"
          required
          autocomplete="email"
          values={p.values}
          errors={p.errors}
          help="受付のお知らせと、取り消し用のURLをお送りします。"
        />
        <TextField
          name="people"
          label="参加人数"
          required
          inputmode="numeric"
          size="short"
          values={p.values}
          errors={p.errors}
          help="ご本人を含めた人数を半角数字で（1〜20）。"
        />
        <TextArea
          name="accessibilityNeeds"
          label="配慮が必要なこと"
          rows={3}
          values={p.values}
          errors={p.errors}
          help="車いす、手話通訳、筆談、託児など。主催者と協働推進課だけが見ます。"
        />
        <TextArea name="question" label="質問・連絡事項" rows={3} values={p.values} errors={p.errors} />
        <p class="small">
          ご記入の個人情報は、このイベントの運営と連絡だけに使い、主催者と協働推進課だけが見ます。イベントの終了から90日後に消去します。
        </p>
        <Submit label="申し込む" />
      </Form>
    </>
  )
}

/** The event form (new and edit). */
export function EventForm(p: {
  lk: EventLookups
  action: string
  csrf: string
  values: Values
  errors?: FieldErrors
  submit: string
  statuses: string[]
}) {
  const { lk, values, errors } = p
  const groupIds = new Set(
    (Array.isArray(values.organiserGroupIds)
      ? values.organiserGroupIds
      : values.organiserGroupIds
        ? [values.organiserGroupIds]
        : []
    ).map(String),
  )
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form action={p.action} csrf={p.csrf}>
        <ChoiceGroup
          name="kind"
          label="種類"
          required
          options={opts(EVENT_KINDS)}
          values={values}
          errors={errors}
        />
        <TextField name="title" label="イベント名" required maxlength={100} values={values} errors={errors} />
        <TextField
          name="titleKana"
          label="イベント名（カナ）"
          values={values}
          errors={errors}
          help="全角カタカナ（ひらがなで入力しても変換します）。オープンデータに載ります。"
        />
        <TextArea name="description" label="説明" rows={6} values={values} errors={errors} />
        <TextField
          name="theme"
          label="テーマ"
          values={values}
          errors={errors}
          help="例：高齢者の見守りと居場所づくり"
        />
        <ChoiceGroup
          name="fields"
          label="分野"
          multiple
          columns
          options={lk.fields.map((f) => ({ value: f.code, label: f.label }))}
          values={values}
          errors={errors}
        />
        <DateTimeField name="startsAt" label="開始日時" required values={values} errors={errors} />
        <DateTimeField name="endsAt" label="終了日時" required values={values} errors={errors} />
        <ChoiceGroup
          name="online"
          label="開催方法"
          required
          options={[
            { value: 'place', label: '会場で開催' },
            { value: 'online', label: 'オンライン' },
          ]}
          values={values}
          errors={errors}
        />
        <TextField
          name="placeName"
          label="会場名"
          values={values}
          errors={errors}
          help="会場で開催する場合は必須です。"
        />
        <TextField
          name="placeAddress"
          label="会場の住所"
          autocomplete="street-address"
          values={values}
          errors={errors}
        />
        {lk.areas.length ? (
          <Select
            name="areaId"
            label="地区"
            empty="指定しない（全市・オンライン）"
            options={lk.areas.map((a) => ({ value: a.id, label: a.name }))}
            values={values}
            errors={errors}
          />
        ) : null}
        <TextArea name="placeAccess" label="アクセス方法" rows={2} values={values} errors={errors} />
        <TextArea
          name="placeAccessibility"
          label="バリアフリー・配慮の情報"
          rows={2}
          values={values}
          errors={errors}
          help="例：車いす可、多目的トイレあり、手話通訳あり（要申込）"
        />
        <TextField name="onlineUrl" label="オンライン参加のURL" type="url" values={values} errors={errors} />
        <TextField
          name="capacity"
          label="定員（人）"
          inputmode="numeric"
          size="short"
          values={values}
          errors={errors}
          help="1以上の半角数字。空欄は定員なし。"
        />
        <TextField
          name="audience"
          label="対象"
          values={values}
          errors={errors}
          help="例：市内で活動する団体、関心のある市民"
        />
        <TextField
          name="fee"
          label="参加費"
          values={values}
          errors={errors}
          help="例：無料、500円（資料代）"
        />
        <ChoiceGroup
          name="organiserDepartmentIds"
          label="主催・共催の課"
          multiple
          columns
          options={lk.departments.map((d) => ({ value: d.id, label: d.name }))}
          values={values}
          errors={errors}
        />
        <div class={`field${errors?.organiserGroupIds ? ' field--error' : ''}`}>
          <label for="f-organiserGroupIds" class="field__label">
            主催・共催の団体 <span class="opt">※任意</span>
          </label>
          <p class="field__help" id="f-organiserGroupIds-help">
            複数選ぶときは Ctrl（Macは command）を押しながら選びます。主催者は申込者の名簿を見られます。
          </p>
          {errors?.organiserGroupIds ? (
            <p class="field__error" id="f-organiserGroupIds-error">
              {errors.organiserGroupIds}
            </p>
          ) : null}
          <select
            id="f-organiserGroupIds"
            name="organiserGroupIds"
            class="select"
            multiple
            size={6}
            aria-describedby={`f-organiserGroupIds-help${errors?.organiserGroupIds ? ' f-organiserGroupIds-error' : ''}`}
            aria-invalid={errors?.organiserGroupIds ? 'true' : undefined}
          >
            {lk.groups.map((g) => (
              <option value={g.id} selected={groupIds.has(g.id)}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <TextField name="contactName" label="問い合わせ先の名称" values={values} errors={errors} />
        <TextField
          name="contactPhone"
          label="問い合わせ先の電話番号"
          type="tel"
          autocomplete="tel"
          values={values}
          errors={errors}
        />
        <TextField
          name="contactEmail"
          label="問い合わせ先のメールアドレス"
          type="email"
          autocomplete="email"
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="acceptsRegistrations"
          label="申込の受付"
          required
          options={[
            { value: 'yes', label: 'このサイトで申込を受け付ける' },
            { value: 'no', label: '申込不要' },
          ]}
          values={values}
          errors={errors}
        />
        <DateTimeField
          name="registrationDeadline"
          label="申込締切"
          values={values}
          errors={errors}
          help="開始日時より前にしてください。時刻が空欄のときはその日の23:59です。日付も空欄なら開始まで受け付けます。"
        />
        <ChoiceGroup
          name="status"
          label="状態"
          required
          options={opts(EVENT_STATUSES).filter((o) => p.statuses.includes(o.value))}
          values={values}
          errors={errors}
        />
        <Submit label={p.submit} />
      </Form>
    </>
  )
}

/** 年/月/日 in a fieldset and a time (HH:MM) beside it; errors for the whole moment on the date. */
function DateTimeField(p: {
  name: string
  label: string
  required?: boolean
  values: Values
  errors?: FieldErrors
  help?: string
}) {
  return (
    <div class="field-row">
      <DateField
        name={p.name}
        label={`${p.label}（日付）`}
        required={p.required}
        values={p.values}
        errors={p.errors}
        help={p.help}
      />
      <TextField
        name={`${p.name}_time`}
        label={`${p.label}（時刻）`}
        required={p.required}
        inputmode="numeric"
        size="short"
        maxlength={5}
        values={p.values}
        help="24時間制（例：13:30）"
      />
    </div>
  )
}

export function CancelPage(p: { e: EventView; r: Registration; token: string; csrf: string }) {
  return (
    <section class="narrow">
      <h1>申込の取り消し</h1>
      <Dl
        rows={[
          ['イベント', <a href={`/events/${p.e.id}`}>{p.e.title}</a>],
          ['日時', p.e.when],
          ['お名前', p.r.name],
          ['人数', `${p.r.people}名`],
          ['状態', labelOf(REGISTRATION_STATUSES, p.r.status)],
        ]}
      />
      {p.r.status === 'cancelled' ? (
        <p>この申込はすでに取り消されています。</p>
      ) : (
        <Form action={`/registrations/${p.r.id}/cancel`} csrf={p.csrf}>
          <input type="hidden" name="token" value={p.token} />
          <input type="hidden" name="confirmed" value="yes" />
          <p class="confirm__message">この申込を取り消します。よろしいですか。</p>
          <p>取り消すと元に戻せません。キャンセル待ちの方がいれば、順番に繰り上がります。</p>
          <div class="button-row">
            <button type="submit" class="button button--danger">
              申込を取り消す
            </button>
            <a href={`/events/${p.e.id}`} class="button button--secondary">
              戻る
            </a>
          </div>
        </Form>
      )}
    </section>
  )
}

/** The organisers' roster: a checkbox per person (works at phone width), and the record. */
export function RosterPage(p: {
  e: EventView
  rows: Registration[]
  seats: { taken: number; waiting: number }
  csrf: string
  record: string
  errors?: FieldErrors
  /** whether the server can make the PDF (a Japanese font is installed) */
  pdf: boolean
}) {
  const active = p.rows.filter((r) => r.status === 'registered')
  const waiting = p.rows.filter((r) => r.status === 'waitlisted')
  const cancelled = p.rows.filter((r) => r.status === 'cancelled')
  return (
    <section class="roster-page">
      <h1>名簿：{p.e.title}</h1>
      <p class="small no-print">
        {p.pdf ? (
          <>
            <a href={`/events/${p.e.id}/roster.pdf`}>名簿をPDFで開く（A4・チェック欄つき）</a>
            。このページを印刷しても、出席確認用の名簿になります。
          </>
        ) : (
          'このページを印刷すると、出席確認用の名簿（チェック欄つき）になります。'
        )}
      </p>
      <p>
        {p.e.when} ／ 申込 {active.length}件（{p.seats.taken}名）
        {p.e.capacity !== null ? ` ／ 定員 ${p.e.capacity}名` : ''} ／ キャンセル待ち {waiting.length}件 ／
        出席 {active.filter((r) => r.attended).length}件
      </p>
      <p class="small">
        申込者の個人情報は主催者と協働推進課だけが見られます。イベントの終了から90日後に消去されます。
      </p>
      <h2>出席の確認</h2>
      {active.length ? (
        <Form action={`/events/${p.e.id}/attendance`} csrf={p.csrf}>
          <fieldset class="fieldset roster">
            <legend class="field__label">出席した人にチェックを入れて「出席を保存」を押してください</legend>
            <ul class="roster__list">
              {active.map((r, i) => (
                <li class="roster__item">
                  <div class="choice">
                    <input
                      type="checkbox"
                      id={`att-${i}`}
                      name="attended"
                      value={r.id}
                      checked={r.attended}
                    />
                    <label for={`att-${i}`}>
                      <strong>{r.name || '（消去済み）'}</strong>（{r.people}名）
                    </label>
                  </div>
                  <p class="small roster__meta">
                    {r.email}
                    {r.accessibilityNeeds ? ` ／ 配慮：${r.accessibilityNeeds}` : ''}
                    {r.question ? ` ／ 質問：${r.question}` : ''}
                  </p>
                </li>
              ))}
            </ul>
          </fieldset>
          <Submit label="出席を保存" />
        </Form>
      ) : (
        <p>申込はまだありません。</p>
      )}
      {waiting.length ? (
        <>
          <h2>キャンセル待ち（順番）</h2>
          <ol>
            {waiting.map((r) => (
              <li>
                {r.name}（{r.people}名）{r.email}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {cancelled.length ? <p class="small muted">取り消し {cancelled.length}件</p> : null}
      <h2>記録</h2>
      <Form action={`/events/${p.e.id}/record`} csrf={p.csrf}>
        <TextArea
          name="record"
          label="記録（イベントのページに公開）"
          rows={8}
          values={{ record: p.record }}
          errors={p.errors}
          help="当日の様子、発表した団体・課、出た意見など。イベントの終了後、イベントのページに公開されます。個人名は書かないでください。"
        />
        <Submit label="記録を保存" />
      </Form>
    </section>
  )
}

export function OpenDataPage(p: { columns: readonly { key: string; header: string; note: string }[] }) {
  return (
    <section>
      <h1>イベント一覧のオープンデータ</h1>
      <p>
        公開中のイベント（下書き・職員研修・中止を除く）を、自治体標準オープンデータセット「イベント一覧」の項目と順序で提供します。ライセンス：CC
        BY 4.0。
      </p>
      <ul class="link-list">
        <li>
          <a href="/opendata/events.csv">CSV（UTF-8 BOM付き、改行CRLF、1行目が見出し）</a>
        </li>
        <li>
          <a href="/opendata/events.json">JSON（UTF-8、columns と items）</a>
        </li>
        <li>
          <a href="/events.ics">iCalendar（ICS）：カレンダーアプリで購読できます</a>
        </li>
      </ul>
      <OpenDataColumns columns={p.columns} caption="項目の定義（標準の順）" />
      <p>
        決まり：1レコード1行（説明などの改行は空白に置換）、複数の値はセミコロン（;）区切り、空欄は未登録（0ではありません）、日付は西暦（YYYY-MM-DD）、時刻は日本時間、数値に単位は付けません。
      </p>
    </section>
  )
}
