import {
  ChoiceGroup,
  DateField,
  ErrorSummary,
  Form,
  type Option,
  Submit,
  TextArea,
  TextField,
  type Values,
} from '../../core/ui/form.tsx'
import { Badge } from '../../core/ui/parts.tsx'
import type { FieldErrors } from '../../core/validation.ts'
import { labelOf } from '../../core/vocabulary.ts'
import { Dl, ymdJa } from '../needs/index.ts'
import type { Outcomes } from './after.ts'
import { APPLICATION_KINDS, APPLICATION_STATUSES, CALL_STATUSES, SATISFACTION } from './calls.ts'
import { hmInTokyo } from './domain.ts'
import type { EventCall, Material, NamedApplication } from './programme.ts'
import { eraDateTime } from './service.ts'
import type { EventView } from './views.tsx'

/** Pages of the call for presenters, the programme, the materials, the questionnaire and its outcomes. */

const kb = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)}MB` : `${Math.ceil(n / 1024)}KB`
const slotLabel = (a: NamedApplication) =>
  a.slotStartsAt && a.slotMinutes
    ? `${hmInTokyo(a.slotStartsAt)}〜${hmInTokyo(new Date(a.slotStartsAt.getTime() + a.slotMinutes * 60_000))}`
    : '未定'

export function ApplicationStatusBadge({ status }: { status: string }) {
  const tone = ({ applied: 'orange', selected: 'green', declined: 'gray' } as const)[status as 'applied']
  return <Badge tone={tone ?? 'gray'}>{labelOf(APPLICATION_STATUSES, status)}</Badge>
}

/** On the event page: the call (while open), the published programme, the materials and what came of it. */
export function EventProgrammeSections(p: {
  e: EventView
  call: EventCall | null
  callOpen: boolean
  programme: NamedApplication[] | null
  materials: Material[] | null
  pairings: number
  manage: boolean
  surveyResults: boolean
}) {
  const { e, call } = p
  return (
    <>
      {call && p.callOpen ? (
        <section aria-labelledby="call-title" class="panel">
          <h2 id="call-title">発表団体・説明担当課の募集</h2>
          {call.theme ? <p>テーマ：{call.theme}</p> : null}
          {call.message ? <p class="prewrap">{call.message}</p> : null}
          <p>
            募集する相手：
            {[
              call.acceptsGroups ? '発表する団体' : '',
              call.acceptsDepartments ? '課題を説明する課（説明担当課）' : '',
            ]
              .filter(Boolean)
              .join('、')}
            {call.deadline ? ` ／ 応募締切：${eraDateTime(call.deadline)}` : ''}
          </p>
          <p>
            <a href={`/events/${e.id}/apply`} class="button">
              発表・説明に申し込む
            </a>
          </p>
          <p class="small">団体のメンバー、または市の職員としてログインすると申し込めます。</p>
        </section>
      ) : null}
      {p.programme?.length ? (
        <section aria-labelledby="programme-title">
          <h2 id="programme-title">プログラム</h2>
          <div class="table-wrap">
            <table class="table">
              <caption>発表・説明の順番と時間</caption>
              <thead>
                <tr>
                  <th scope="col">時間</th>
                  <th scope="col">発表者</th>
                  <th scope="col">内容</th>
                </tr>
              </thead>
              <tbody>
                {p.programme.map((a) => (
                  <tr>
                    <td>{slotLabel(a)}</td>
                    <th scope="row">
                      {a.name}
                      <br />
                      <span class="small muted">{labelOf(APPLICATION_KINDS, a.kind)}</span>
                    </th>
                    <td>
                      {a.title}
                      {a.summary ? <p class="small prewrap">{a.summary}</p> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {p.materials?.length ? (
        <section aria-labelledby="materials-title">
          <h2 id="materials-title">資料</h2>
          <ul class="link-list">
            {p.materials.map((m) => (
              <li>
                <a href={`/events/${e.id}/materials/${m.id}`}>{m.title}</a>（
                {m.mimeType.split('/')[1].toUpperCase()}、{kb(m.size)}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.pairings ? (
        <section aria-labelledby="came-title">
          <h2 id="came-title">この場から始まったこと</h2>
          <p>この場で出会った団体と課の協働の調整が {p.pairings}件 始まりました。</p>
        </section>
      ) : null}
    </>
  )
}

/** The coordinator's page of one event's call: the call, the applications, the programme, publishing. */
export function CallManagePage(p: {
  e: EventView
  call: EventCall | null
  applications: NamedApplication[]
  csrf: string
  callValues: Values
  callErrors?: FieldErrors
  slotValues: Values
  slotErrors?: FieldErrors
  publishError?: string
}) {
  const { e, call } = p
  const selected = p.applications
    .filter((a) => a.status === 'selected')
    .sort((a, b) => (a.slotOrder ?? 1000) - (b.slotOrder ?? 1000))
  return (
    <section>
      <h1>発表者の募集とプログラム：{e.title}</h1>
      <p>
        {e.when} ／ <a href={`/events/${e.id}`}>イベントのページ</a> ／{' '}
        <a href={`/events/${e.id}/outcomes`}>アンケートと成果</a>
      </p>
      <h2 id="call-form">{call ? '募集の内容' : '募集を始める'}</h2>
      {call ? (
        <p>
          状態：
          <Badge tone={call.status === 'open' ? 'green' : 'gray'}>
            {labelOf(CALL_STATUSES, call.status)}
          </Badge>
          {call.programmePublishedAt
            ? ` ／ プログラム公開：${eraDateTime(call.programmePublishedAt)}`
            : ' ／ プログラムは未公開'}
        </p>
      ) : null}
      <ErrorSummary errors={p.callErrors} />
      <Form action={`/events/${e.id}/call`} csrf={p.csrf}>
        <TextField
          name="theme"
          label="募集のテーマ"
          values={p.callValues}
          errors={p.callErrors}
          help="空欄のときはイベントのテーマを使います。"
        />
        <TextArea
          name="message"
          label="募集の案内"
          rows={4}
          values={p.callValues}
          errors={p.callErrors}
          help="発表してほしいこと、説明してほしい課題、持ち時間の目安など。"
        />
        <ChoiceGroup
          name="accepts"
          label="募集する相手"
          required
          multiple
          options={[
            { value: 'groups', label: '発表団体（団体のメンバーが申し込む）' },
            { value: 'departments', label: '説明担当課（課の職員が申し込む）' },
          ]}
          values={p.callValues}
          errors={p.callErrors}
        />
        <DateField
          name="deadline"
          label="応募締切"
          values={p.callValues}
          errors={p.callErrors}
          help="その日の23:59まで受け付けます。空欄のときは「締切」にするまで受け付けます。"
        />
        <ChoiceGroup
          name="status"
          label="募集の状態"
          required
          options={CALL_STATUSES.map((s) => ({ value: s.code, label: s.label }))}
          values={p.callValues}
          errors={p.callErrors}
        />
        <Submit label={call ? '募集の内容を保存' : '募集を始める'} />
      </Form>
      {call ? (
        <>
          <h2>申込（{p.applications.length}件）</h2>
          {p.applications.length ? (
            <div class="table-wrap">
              <table class="table">
                <caption>
                  申込の一覧（申込順）。選定・見送りとヒアリングの記録は各申込のページで行います。
                </caption>
                <thead>
                  <tr>
                    <th scope="col">申込者</th>
                    <th scope="col">題目</th>
                    <th scope="col">時間</th>
                    <th scope="col">ヒアリング</th>
                    <th scope="col">結果</th>
                  </tr>
                </thead>
                <tbody>
                  {p.applications.map((a) => (
                    <tr>
                      <th scope="row">
                        <a href={`/events/${e.id}/applications/${a.id}`}>{a.name}</a>
                        <br />
                        <span class="small muted">{labelOf(APPLICATION_KINDS, a.kind)}</span>
                      </th>
                      <td>{a.title}</td>
                      <td>{a.minutes}分</td>
                      <td>{a.hearingOn ? ymdJa(a.hearingOn) : '未実施'}</td>
                      <td>
                        <ApplicationStatusBadge status={a.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>申込はまだありません。</p>
          )}
          <h2 id="programme">プログラム（選定した申込の順番と時間）</h2>
          {selected.length ? (
            <>
              <ErrorSummary errors={p.slotErrors} />
              <Form action={`/events/${e.id}/programme`} csrf={p.csrf}>
                <p class="small">
                  順番の数字の小さい順に並べます。開始時刻が空欄の枠は、前の枠の終わり（最初の枠はイベントの開始
                  {hmInTokyo(e.startsAt)}）から始まります。
                </p>
                {selected.map((a) => (
                  <fieldset class="fieldset">
                    <legend class="field__label">
                      {a.name}：{a.title}（希望 {a.minutes}分）
                    </legend>
                    <div class="field-row">
                      <TextField
                        name={`order_${a.id}`}
                        label="順番"
                        inputmode="numeric"
                        size="short"
                        values={p.slotValues}
                        errors={p.slotErrors}
                      />
                      <TextField
                        name={`start_${a.id}`}
                        label="開始時刻"
                        inputmode="numeric"
                        size="short"
                        maxlength={5}
                        values={p.slotValues}
                        errors={p.slotErrors}
                        help="24時間制（例：13:40）"
                      />
                      <TextField
                        name={`minutes_${a.id}`}
                        label="時間（分）"
                        inputmode="numeric"
                        size="short"
                        values={p.slotValues}
                        errors={p.slotErrors}
                      />
                    </div>
                  </fieldset>
                ))}
                <Submit label="プログラムを保存" />
              </Form>
              <h3>イベントのページに公開する</h3>
              {p.publishError ? (
                <div class="notice notice--error" role="alert">
                  {p.publishError}
                </div>
              ) : null}
              <Form action={`/events/${e.id}/programme/publish`} csrf={p.csrf}>
                <p>
                  公開すると、選定した申込と見送った申込の申込者（団体のメンバー・課の職員）に、お知らせとメールで結果を伝えます。
                  公開の後に変えたときは、もう一度公開すると変わった申込者だけに伝えます。
                </p>
                <Submit
                  label={call.programmePublishedAt ? 'プログラムを公開し直す' : 'プログラムを公開する'}
                />
              </Form>
            </>
          ) : (
            <p>選定した申込はまだありません。</p>
          )}
        </>
      ) : null}
    </section>
  )
}

export function ApplyPage(p: {
  e: EventView
  call: EventCall
  open: boolean
  choices: Option[]
  mine: NamedApplication[]
  csrf: string
  values: Values
  errors?: FieldErrors
}) {
  const { e, call } = p
  return (
    <section class="narrow">
      <h1>発表・説明に申し込む：{e.title}</h1>
      <Dl
        rows={[
          ['日時', e.when],
          ['テーマ', call.theme || '—'],
          ['応募締切', call.deadline ? eraDateTime(call.deadline) : '募集を終えるまで'],
        ]}
      />
      {call.message ? <p class="prewrap">{call.message}</p> : null}
      {p.mine.length ? (
        <>
          <h2>あなたの団体・課の申込</h2>
          <ul class="link-list">
            {p.mine.map((a) => (
              <li>
                <a href={`/events/${e.id}/applications/${a.id}`}>
                  {a.name}：{a.title}
                </a>{' '}
                <ApplicationStatusBadge status={a.status} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!p.open ? (
        <p>この募集は締め切りました。</p>
      ) : !p.choices.length ? (
        <p>
          申し込めるのは、{call.acceptsGroups ? '登録団体のメンバー' : ''}
          {call.acceptsGroups && call.acceptsDepartments ? 'と' : ''}
          {call.acceptsDepartments ? '市の課の職員' : ''}です。
        </p>
      ) : (
        <>
          <h2>申込の内容</h2>
          <ErrorSummary errors={p.errors} />
          <Form action={`/events/${e.id}/apply`} csrf={p.csrf}>
            <ChoiceGroup
              name="as"
              label="申し込む団体・課"
              required
              options={p.choices}
              values={p.values}
              errors={p.errors}
            />
            <TextField
              name="title"
              label="発表・説明の題目"
              required
              maxlength={100}
              values={p.values}
              errors={p.errors}
              help="団体は発表すること、課は説明する課題（例：ひとり暮らし高齢者の見守りの担い手不足）。"
            />
            <TextArea name="summary" label="内容の概要" rows={5} values={p.values} errors={p.errors} />
            <TextField
              name="minutes"
              label="必要な時間（分）"
              required
              inputmode="numeric"
              size="short"
              values={p.values}
              errors={p.errors}
              help="5〜120の半角数字。"
            />
            <p class="small">
              申込の内容はコーディネーターと申し込んだ団体・課だけが見ます。選定されると、題目と時間がイベントのページに載ります。
            </p>
            <Submit label="申し込む" />
          </Form>
        </>
      )}
    </section>
  )
}

export function ApplicationPage(p: {
  e: EventView
  a: NamedApplication
  published: boolean
  manage: boolean
  materials: Material[]
  csrf: string
  which?: 'decision' | 'hearing' | 'material'
  values?: Values
  errors?: FieldErrors
}) {
  const { e, a } = p
  const v = (w: string, d: Values) => (p.which === w ? (p.values ?? d) : d)
  const err = (w: string) => (p.which === w ? p.errors : undefined)
  return (
    <section>
      <h1>
        {labelOf(APPLICATION_KINDS, a.kind)}の申込：{a.name}
      </h1>
      <p>
        <a href={`/events/${e.id}`}>{e.title}</a>（{e.when}）
      </p>
      <Dl
        rows={[
          ['題目', a.title],
          ['内容の概要', a.summary ? <p class="prewrap">{a.summary}</p> : '—'],
          ['希望する時間', `${a.minutes}分`],
          [
            '結果',
            p.manage || p.published ? (
              <>
                <ApplicationStatusBadge status={a.status} />
                {a.status === 'selected'
                  ? ` ${a.slotOrder ?? '—'}番目 ${slotLabel(a)}（${a.slotMinutes ?? a.minutes}分）`
                  : ''}
              </>
            ) : (
              '審査中（プログラムの公開のときにお知らせします）'
            ),
          ],
          [
            'コーディネーターから',
            (p.manage || p.published) && a.decisionNote ? <p class="prewrap">{a.decisionNote}</p> : '—',
          ],
          ['ヒアリング', a.hearingOn ? ymdJa(a.hearingOn) : '未実施'],
          ['ヒアリングの記録', a.hearingNotes ? <p class="prewrap">{a.hearingNotes}</p> : '—'],
        ]}
      />
      {p.manage ? (
        <>
          <section class="panel">
            <h2 id="decision">選定</h2>
            <ErrorSummary errors={err('decision')} />
            <Form action={`/events/${e.id}/applications/${a.id}/decision`} csrf={p.csrf}>
              <ChoiceGroup
                name="status"
                label="選定の結果"
                required
                options={APPLICATION_STATUSES.map((s) => ({ value: s.code, label: s.label }))}
                values={v('decision', { status: a.status })}
                errors={err('decision')}
              />
              <TextArea
                name="decisionNote"
                label="申込者への連絡"
                rows={3}
                values={v('decision', { decisionNote: a.decisionNote })}
                errors={err('decision')}
                help="プログラムを公開するときに、結果とともに申込者に伝えます。"
              />
              <Submit label="選定の結果を保存" />
            </Form>
          </section>
          <section class="panel">
            <h2 id="hearing">ヒアリングの記録</h2>
            <ErrorSummary errors={err('hearing')} />
            <Form action={`/events/${e.id}/applications/${a.id}/hearing`} csrf={p.csrf}>
              <DateField
                name="hearingOn"
                label="ヒアリングの日付"
                required
                values={v('hearing', { hearingOn: a.hearingOn ?? '' })}
                errors={err('hearing')}
              />
              <TextArea
                name="hearingNotes"
                label="ヒアリングの記録"
                rows={6}
                values={v('hearing', { hearingNotes: a.hearingNotes })}
                errors={err('hearing')}
                help="発表の内容、当日の準備（機材・資料）、課題の背景など。申込者とコーディネーターだけが見ます。"
              />
              <Submit label="ヒアリングを記録" />
            </Form>
          </section>
        </>
      ) : null}
      <section class="panel">
        <h2 id="materials">資料</h2>
        {p.materials.length ? (
          <ul class="link-list">
            {p.materials.map((m) => (
              <li>
                <a href={`/events/${e.id}/materials/${m.id}`}>{m.title}</a>（{kb(m.size)}）
                <Form action={`/events/${e.id}/materials/${m.id}/delete`} csrf={p.csrf} class="inline-form">
                  <Submit label={`「${m.title}」を削除`} secondary />
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>資料はまだありません。</p>
        )}
        <ErrorSummary errors={err('material')} />
        <Form action={`/events/${e.id}/materials`} csrf={p.csrf} multipart>
          <input type="hidden" name="applicationId" value={a.id} />
          <TextField
            name="title"
            label="資料の名前"
            maxlength={100}
            values={v('material', {})}
            errors={err('material')}
          />
          <div class={`field${err('material')?.file ? ' field--error' : ''}`}>
            <label for="f-file" class="field__label">
              ファイル <span class="req">※必須</span>
            </label>
            <p class="field__help" id="f-file-help">
              PDF・PNG・JPEG・テキスト、10MBまで。プログラムの公開後はイベントのページで誰でも見られます。
            </p>
            {err('material')?.file ? (
              <p class="field__error" id="f-file-error">
                {err('material')?.file}
              </p>
            ) : null}
            <input
              type="file"
              id="f-file"
              name="file"
              required
              accept="application/pdf,image/png,image/jpeg,text/plain"
              aria-describedby={`f-file-help${err('material')?.file ? ' f-file-error' : ''}`}
              aria-invalid={err('material')?.file ? 'true' : undefined}
            />
          </div>
          <Submit label="資料を登録" />
        </Form>
      </section>
    </section>
  )
}

export function SurveyPage(p: {
  e: EventView
  registrationId: string
  token: string
  groups: { id: string; name: string }[]
  departments: { id: string; name: string }[]
  csrf: string
  values: Values
  errors?: FieldErrors
  answered: boolean
}) {
  const { e } = p
  return (
    <section class="narrow">
      <h1>アンケート：{e.title}</h1>
      <p>
        {e.when}。ご参加ありがとうございました。回答は主催者と協働推進課だけが見て、次の交流の場づくりと、
        団体と市の課の協働のきっかけづくりに使います。
      </p>
      {p.answered ? (
        <div class="notice" role="status">
          回答を受け付けています。内容を変えて送り直すこともできます。
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <Form action={`/events/${e.id}/survey`} csrf={p.csrf}>
        <input type="hidden" name="r" value={p.registrationId} />
        <input type="hidden" name="token" value={p.token} />
        <ChoiceGroup
          name="satisfaction"
          label="満足度"
          required
          options={SATISFACTION.map((s) => ({ value: s.code, label: s.label }))}
          values={p.values}
          errors={p.errors}
        />
        {p.groups.length ? (
          <ChoiceGroup
            name="metGroupIds"
            label="話をした・知り合えた団体"
            multiple
            columns
            options={p.groups.map((g) => ({ value: g.id, label: g.name }))}
            values={p.values}
            errors={p.errors}
          />
        ) : null}
        {p.departments.length ? (
          <ChoiceGroup
            name="metDepartmentIds"
            label="話をした・知り合えた市の課"
            multiple
            columns
            options={p.departments.map((d) => ({ value: d.id, label: d.name }))}
            values={p.values}
            errors={p.errors}
          />
        ) : null}
        <TextArea
          name="comment"
          label="ご意見・ご感想"
          rows={4}
          values={p.values}
          errors={p.errors}
          help="個人が特定される内容（お名前・連絡先など）は書かないでください。"
        />
        <Submit label="回答を送る" />
      </Form>
    </section>
  )
}

export function OutcomesPage(p: {
  e: EventView
  o: Outcomes
  csrf: string
  canPair: boolean
  started: boolean
  error?: string
}) {
  const { e, o } = p
  return (
    <section>
      <h1>アンケートと成果：{e.title}</h1>
      <p>
        {e.when} ／ <a href={`/events/${e.id}`}>イベントのページ</a>
      </p>
      {p.error ? (
        <div class="notice notice--error" role="alert">
          {p.error}
        </div>
      ) : null}
      <h2>アンケート</h2>
      <p>
        送信 {o.sent}件 ／ 回答 {o.answers.length}件
        {o.average !== null ? ` ／ 満足度の平均 ${o.average.toFixed(1)}（5段階）` : ''}
      </p>
      {p.started ? (
        <Form action={`/events/${e.id}/survey/send`} csrf={p.csrf}>
          <p class="small">
            申込者（参加確定の方）に、回答用のURLをメールで送ります（一人に一度だけ。終了後7日以内は定期処理でも送ります）。
          </p>
          <Submit label="アンケートのURLを申込者に送る" secondary />
        </Form>
      ) : (
        <p class="small">アンケートはイベントが始まってから送れます。</p>
      )}
      {o.answers.length ? (
        <>
          <div class="table-wrap">
            <table class="table">
              <caption>満足度の分布</caption>
              <thead>
                <tr>
                  {[5, 4, 3, 2, 1].map((k) => (
                    <th scope="col">{k}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {[5, 4, 3, 2, 1].map((k) => (
                    <td>{o.distribution[k - 1]}件</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <h3>ご意見・ご感想</h3>
          <ul>
            {o.answers
              .filter((a) => a.comment)
              .map((a) => (
                <li class="prewrap">{a.comment}</li>
              ))}
          </ul>
        </>
      ) : null}
      <h2>出会った団体と課（協働の候補）</h2>
      <p class="small">
        アンケートで同じ人が「話をした」と答えた団体と課の組み合わせ、プログラムや主催で同じ場に立った団体と課の組み合わせです。
        調整ボードに候補として載せると、協働の調整（紹介 → 協議 → 合意）が始まります。
      </p>
      {o.suggestions.length ? (
        <div class="table-wrap">
          <table class="table">
            <caption>団体 × 課（アンケートで挙がった数の多い順）</caption>
            <thead>
              <tr>
                <th scope="col">団体</th>
                <th scope="col">課</th>
                <th scope="col">アンケート</th>
                <th scope="col">同じプログラム・主催</th>
                <th scope="col">調整ボード</th>
              </tr>
            </thead>
            <tbody>
              {o.suggestions.map((s) => (
                <tr>
                  <th scope="row">{s.groupName}</th>
                  <td>{s.departmentName}</td>
                  <td>{s.answers}件</td>
                  <td>{s.together ? 'はい' : '—'}</td>
                  <td>
                    {s.pairingId ? (
                      <a href={`/coordination/pairings/${s.pairingId}`}>調整ボードで見る</a>
                    ) : p.canPair ? (
                      <Form action={`/events/${e.id}/pairings`} csrf={p.csrf} class="inline-form">
                        <input type="hidden" name="groupId" value={s.groupId} />
                        <input type="hidden" name="departmentId" value={s.departmentId} />
                        <Submit label={`${s.groupName} × ${s.departmentName}を候補に追加`} secondary />
                      </Form>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>まだありません（プログラムを公開するか、アンケートの回答が集まると表示されます）。</p>
      )}
    </section>
  )
}

export function CallsOverviewPage(p: {
  rows: {
    call: EventCall
    event: { id: string; title: string; startsAt: Date }
    applied: number
    selected: number
    waiting: number
  }[]
}) {
  return (
    <section>
      <h1>発表者の募集</h1>
      <p>
        イベントごとの発表団体・説明担当課の募集と、申込・選定の状況です。募集はイベントのページの「発表者の募集とプログラム」から始めます。
      </p>
      {p.rows.length ? (
        <div class="table-wrap">
          <table class="table">
            <caption>募集の一覧（開催日の新しい順）</caption>
            <thead>
              <tr>
                <th scope="col">イベント</th>
                <th scope="col">開催日</th>
                <th scope="col">募集</th>
                <th scope="col">申込</th>
                <th scope="col">未選定</th>
                <th scope="col">選定</th>
                <th scope="col">プログラム</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/events/${r.event.id}/call`}>{r.event.title}</a>
                  </th>
                  <td>{eraDateTime(r.event.startsAt)}</td>
                  <td>{labelOf(CALL_STATUSES, r.call.status)}</td>
                  <td>{r.applied}件</td>
                  <td>{r.waiting}件</td>
                  <td>{r.selected}件</td>
                  <td>{r.call.programmePublishedAt ? '公開済み' : '未公開'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>募集はまだありません。</p>
      )}
      <p>
        <a href="/events">イベントの一覧へ</a>
      </p>
    </section>
  )
}
