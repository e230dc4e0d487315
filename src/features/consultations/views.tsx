import type { Child } from 'hono/jsx'
import type { Municipality } from '../../core/context.ts'
import { ChartWithTable } from '../../core/ui/chart.tsx'
import { formatDateTime } from '../../core/japanese/index.ts'
import {
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
import { DESTINATIONS, SENDER_KINDS, STATUSES, statusLabel, statusStep, statusTone } from './domain.ts'
import type { InboxItem, Suggestions } from './service.ts'

const kindOptions: Option[] = SENDER_KINDS.map((k) => ({ value: k.code, label: k.label }))

function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone(status) as 'blue'}>{statusLabel(status)}</Badge>
}

function Paragraphs({ text }: { text: string }) {
  return (
    <div class="prose">
      {text.split(/\n{2,}/).map((p) => (
        <p>
          {p.split('\n').map((l, i) => (
            <>
              {i ? <br /> : null}
              {l}
            </>
          ))}
        </p>
      ))}
    </div>
  )
}

function Office({ m }: { m: Municipality }) {
  return (
    <p>
      {m.officeName}
      {m.officePhone ? (
        <>
          <br />
          電話：{m.officePhone}
        </>
      ) : null}
      {m.officeEmail ? (
        <>
          <br />
          メール：{m.officeEmail}
        </>
      ) : null}
    </p>
  )
}

const ASK_LABELS = {
  text: '相談の内容',
  senderKind: '相談する人の種別',
  name: 'お名前',
  email: 'メールアドレス',
  phone: '電話番号',
  groupName: '団体・会社の名前',
  destination: '送り先',
  departmentId: '送り先の課',
}

/** The fields the person writes (step 1, and again when a step is refused). */
function AskFields({ values, errors, live }: { values: Values; errors?: FieldErrors; live?: boolean }) {
  return (
    <>
      <TextArea
        name="text"
        label="相談したいこと"
        required
        rows={8}
        maxlength={4000}
        help="やりたいこと、困っていることを、ふだんの言葉で書いてください（4000文字以内）。例：子ども食堂を始めたいが、使える場所と補助金を知りたい"
        values={values}
        errors={errors}
      />
      {live ? (
        <div class="panel" data-suggest-url="/api/v1/departments/suggest" aria-live="polite" hidden>
          <p>
            <strong>入力中の内容から、担当しそうな課</strong>（「次へ」で詳しく表示し、送り先を選べます）
          </p>
          <ol />
        </div>
      ) : null}
      <ChoiceGroup
        name="senderKind"
        label="相談する人の種別"
        required
        options={kindOptions}
        values={{ senderKind: values.senderKind ?? 'resident' }}
        errors={errors}
      />
      <TextField
        name="name"
        label="お名前"
        required
        autocomplete="name"
        maxlength={100}
        values={values}
        errors={errors}
      />
      <TextField
        name="groupName"
        label="団体・会社の名前"
        autocomplete="organization"
        maxlength={200}
        help="団体や会社として相談するときに書いてください。"
        values={values}
        errors={errors}
      />
      <TextField
        name="email"
        label="メールアドレス"
        type="email"
        required
        autocomplete="email"
        help="受付番号と回答をお送りします。"
        values={values}
        errors={errors}
      />
      <TextField
        name="phone"
        label="電話番号"
        type="tel"
        autocomplete="tel"
        inputmode="tel"
        help="電話での連絡を希望するときに書いてください（例：0422-60-1800）。"
        values={values}
        errors={errors}
      />
    </>
  )
}

export function AskPage(p: { m: Municipality; csrf: string; values: Values; errors?: FieldErrors }) {
  return (
    <section>
      <h1>相談する</h1>
      <ol class="steps">
        <li aria-current="step">1. 相談を書く</li>
        <li>2. 送り先を選ぶ</li>
        <li>3. 受付</li>
      </ol>
      <p class="lead">
        「何がしたいか」「何に困っているか」を書くと、担当しそうな課と、関係がありそうな協働ニーズや団体の「できること」をお示しします。
        アカウントは不要です。受付番号と、進み具合を確認できるURLをメールでお送りします。
      </p>
      <ErrorSummary errors={p.errors} labels={ASK_LABELS} />
      <Form action="/consultations/next" csrf={p.csrf}>
        <AskFields values={p.values} errors={p.errors} live />
        <p class="field__help">
          入力いただいた個人情報は、このご相談への回答にのみ使い、担当する課と市民協働推進課のほかには見せません。
          <a href="/privacy">個人情報の取り扱い</a>
        </p>
        <Submit label="次へ（担当しそうな課を見る）" />
      </Form>
      <h2>課を自分で探す</h2>
      <p>
        <a href="/departments">部署案内（所掌事務から担当の課を探す）</a>
      </p>
      <h2>電話・メールでの相談</h2>
      <Office m={p.m} />
    </section>
  )
}

/** Step 2: the suggestions and the choice of destination; what was typed rides along hidden. */
export function NextPage(p: { csrf: string; values: Values; errors?: FieldErrors; s: Suggestions }) {
  const deps = p.s.departments
  const keep = ['text', 'senderKind', 'name', 'email', 'phone', 'groupName'] as const
  const depOptions: Option[] = deps.map((d) => ({ value: d.departmentId, label: d.name }))
  const chosen = String(p.values.departmentId ?? deps[0]?.departmentId ?? '')
  return (
    <section>
      <h1>送り先を選ぶ</h1>
      <ol class="steps">
        <li>1. 相談を書く</li>
        <li aria-current="step">2. 送り先を選ぶ</li>
        <li>3. 受付</li>
      </ol>
      <ErrorSummary errors={p.errors} labels={ASK_LABELS} />
      <h2>ご相談の内容</h2>
      <Paragraphs text={String(p.values.text ?? '')} />
      <h2 id="suggested">担当しそうな課</h2>
      {deps.length ? (
        <ol class="link-list" aria-labelledby="suggested">
          {deps.map((d) => (
            <li>
              <strong>{d.name}</strong>（関連の強さ {d.score}）
              {d.reasons.length ? <span class="muted small">　手がかり：{d.reasons.join('、')}</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>
          内容から担当の課を絞りこめませんでした。協働の窓口（市民協働推進課）が担当の課におつなぎします。
        </p>
      )}
      {p.s.needs.length || p.s.offers.length || p.s.menu.length ? (
        <>
          <h2>関係がありそうなもの</h2>
          {p.s.needs.length ? (
            <>
              <h3>市の協働ニーズ</h3>
              <ul>
                {p.s.needs.map((n) => (
                  <li>
                    <a href={`/needs/${n.id}`}>{n.title}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {p.s.menu.length ? (
            <>
              <h3>協働メニュー（市が提供できること）</h3>
              <ul>
                {p.s.menu.map((n) => (
                  <li>
                    <a href="/menu">{n.title}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {p.s.offers.length ? (
            <>
              <h3>団体の「できること」</h3>
              <ul>
                {p.s.offers.map((o) => (
                  <li>
                    <a href={`/offers/${o.id}`}>{o.title}</a>（
                    <a href={`/groups/${o.groupId}`}>{o.groupName}</a>）
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
      <Form action="/consultations" csrf={p.csrf}>
        {keep.map((k) => (
          <input type="hidden" name={k} value={String(p.values[k] ?? '')} />
        ))}
        <ChoiceGroup
          name="destination"
          label="送り先"
          required
          options={(deps.length ? DESTINATIONS : DESTINATIONS.filter((d) => d.code === 'office')).map(
            (d) => ({
              value: d.code,
              label: d.label,
            }),
          )}
          help="わからないときは「協働の窓口」を選んでください。担当の課におつなぎします。"
          values={{ destination: p.values.destination ?? 'office' }}
          errors={p.errors}
        />
        {deps.length ? (
          <ChoiceGroup
            name="departmentId"
            label="送り先の課"
            help="課に直接送るとき、または両方に送るときに選んでください。"
            options={depOptions}
            values={{ departmentId: chosen }}
            errors={p.errors}
          />
        ) : null}
        <div class="button-row">
          <Submit label="この内容で送る" />
          <button type="submit" name="back" value="1" class="button button--secondary" formnovalidate>
            戻って書き直す
          </button>
        </div>
      </Form>
    </section>
  )
}

/** The sender's page (by the link of the receipt mail): where it is and what the city answered. */
export function StatusPage(p: {
  c: { receiptNo: string; status: string; text: string; createdAt: Date; erased: boolean }
  departments: string[]
  replies: { body: string; createdAt: Date; departmentName: string }[]
}) {
  const step = statusStep(p.c.status)
  return (
    <section>
      <h1>ご相談の状況（{p.c.receiptNo}）</h1>
      <ol class="steps" aria-label="進み具合">
        {STATUSES.map((s, i) => (
          <li aria-current={i === step ? 'step' : undefined}>
            {i + 1}. {s.label}
            {i < step ? '（済）' : ''}
          </li>
        ))}
      </ol>
      <dl class="summary-list">
        <dt>受付番号</dt>
        <dd>{p.c.receiptNo}</dd>
        <dt>受付日時</dt>
        <dd>{formatDateTime(p.c.createdAt)}</dd>
        <dt>状態</dt>
        <dd>
          <StatusBadge status={p.c.status} />
        </dd>
        <dt>担当</dt>
        <dd>{p.departments.join('、')}</dd>
      </dl>
      <h2>回答</h2>
      {p.replies.length ? (
        p.replies.map((r) => (
          <article class="panel">
            <h3>
              {r.departmentName}から（{formatDateTime(r.createdAt)}）
            </h3>
            <Paragraphs text={r.body} />
          </article>
        ))
      ) : (
        <p>まだ回答はありません。担当の課で確認しています。回答はメールでもお知らせします。</p>
      )}
      <h2>ご相談の内容</h2>
      <Paragraphs text={p.c.text} />
      {p.c.erased ? <p class="muted">お名前と連絡先は、ご依頼により消去しました。</p> : null}
    </section>
  )
}

export interface InboxFilterValues {
  status: string
  departmentId: string
  overdue: boolean
  q: string
}

function ConsultationTable({ items }: { items: InboxItem[] }) {
  if (!items.length) return <p>該当する相談はありません。</p>
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="visually-hidden">相談の一覧</caption>
        <thead>
          <tr>
            <th scope="col">受付番号</th>
            <th scope="col">状態</th>
            <th scope="col">内容</th>
            <th scope="col">相談者</th>
            <th scope="col">担当課</th>
            <th scope="col">回答期限</th>
            <th scope="col">受付日時</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr>
              <td>
                <a href={`/consultations/${c.id}`}>{c.receiptNo}</a>
              </td>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td>{c.summary}</td>
              <td>{c.name || '（消去済み）'}</td>
              <td>{c.departments.length ? c.departments.join('、') : '未割当'}</td>
              <td>
                {c.dueOn ?? '―'}
                {c.overdue ? (
                  <>
                    {' '}
                    <Badge tone="red">期限超過</Badge>
                  </>
                ) : null}
              </td>
              <td>{formatDateTime(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function InboxPage(p: {
  title: string
  action: string
  items: InboxItem[]
  total: number
  page: number
  perPage: number
  f: InboxFilterValues
  departments?: Option[]
  coordinator: boolean
}) {
  const q = new URLSearchParams()
  if (p.f.status) q.set('status', p.f.status)
  if (p.f.departmentId) q.set('department', p.f.departmentId)
  if (p.f.overdue) q.set('overdue', '1')
  if (p.f.q) q.set('q', p.f.q)
  return (
    <section>
      <h1>{p.title}</h1>
      {p.coordinator ? (
        <ul class="actions">
          <li>
            <a href="/coordination/consultation-templates">回答テンプレート</a>
          </li>
          <li>
            <a href="/coordination/consultations/stats">相談の集計</a>
          </li>
        </ul>
      ) : null}
      <form method="get" action={p.action} class="form">
        <Select
          name="status"
          label="状態"
          empty="すべて"
          options={STATUSES.map((s) => ({ value: s.code, label: s.label }))}
          values={{ status: p.f.status }}
        />
        {p.departments ? (
          <Select
            name="department"
            label="担当課"
            empty="すべて"
            options={p.departments}
            values={{ department: p.f.departmentId }}
          />
        ) : null}
        <TextField name="q" label="キーワード・受付番号" values={{ q: p.f.q }} />
        <div class="field">
          <div class="choice">
            <input type="checkbox" id="f-overdue" name="overdue" value="1" checked={p.f.overdue} />
            <label for="f-overdue">回答期限を過ぎたものだけ</label>
          </div>
        </div>
        <Submit label="絞り込む" secondary />
      </form>
      <p>{p.total}件</p>
      <ConsultationTable items={p.items} />
      <Pagination page={p.page} perPage={p.perPage} total={p.total} baseQuery={q} />
    </section>
  )
}

export interface DetailData {
  c: {
    id: string
    receiptNo: string
    status: string
    text: string
    senderKind: string
    name: string
    email: string
    phone: string
    groupName: string
    destination: string
    createdAt: Date
    dueOn: string | null
    field: string
    needId: string | null
    pairingId: string | null
    erasedAt: Date | null
    overdue: boolean
  }
  senderKindLabel: string
  fieldLabel: string
  /** the meetings (調整会議) about it, with the link to set one */
  meetings?: Child
  /** groups to put on the board with an assigned department (the coordinator's) */
  candidates: { id: string; name: string; why: string }[]
  suggestions: { departmentId: string; name: string; score: number; reasons: string[] }[]
  assigned: { id: string; name: string }[]
  requestedDepartment: string
  replies: { body: string; createdAt: Date; departmentName: string }[]
  notes: { body: string; createdAt: Date; departmentName: string }[]
  coordinator: boolean
  departments: Option[]
  fields: Option[]
  templates: Option[]
  replyDraft: string
  csrf: string
  values?: Values
  errors?: FieldErrors
}

export function DetailPage(p: DetailData) {
  const c = p.c
  const v = p.values ?? {}
  return (
    <article>
      <h1>
        相談 {c.receiptNo} <StatusBadge status={c.status} />
      </h1>
      {c.overdue ? <Notice kind="warning">回答期限（{c.dueOn}）を過ぎています。</Notice> : null}
      <ErrorSummary errors={p.errors} />
      <h2>相談の内容</h2>
      <Paragraphs text={c.text} />
      <dl class="summary-list">
        <dt>受付日時</dt>
        <dd>{formatDateTime(c.createdAt)}</dd>
        <dt>相談者</dt>
        <dd>
          {c.erasedAt ? (
            `（${formatDateTime(c.erasedAt)} に本人の依頼で消去）`
          ) : (
            <>
              {c.name}（{p.senderKindLabel}）{c.groupName ? `・${c.groupName}` : ''}
              <br />
              メール：{c.email}
              {c.phone ? (
                <>
                  <br />
                  電話：{c.phone}
                </>
              ) : null}
            </>
          )}
        </dd>
        <dt>送り先（相談者の選択）</dt>
        <dd>
          {DESTINATIONS.find((d) => d.code === c.destination)?.label ?? c.destination}
          {p.requestedDepartment ? `（${p.requestedDepartment}）` : ''}
        </dd>
        <dt>担当課</dt>
        <dd>{p.assigned.length ? p.assigned.map((a) => a.name).join('、') : '未割当'}</dd>
        <dt>回答期限</dt>
        <dd>{c.dueOn ?? '―'}</dd>
        <dt>分野</dt>
        <dd>{p.fieldLabel || '―'}</dd>
        <dt>協働ニーズ</dt>
        <dd>{c.needId ? <a href={`/needs/${c.needId}`}>この相談から作成した協働ニーズ</a> : '―'}</dd>
        <dt>調整ボード</dt>
        <dd>
          {c.pairingId ? (
            <a href={`/coordination/pairings/${c.pairingId}`}>この相談から載せた組み合わせ</a>
          ) : (
            '―'
          )}
        </dd>
      </dl>
      {p.meetings ?? null}
      {p.suggestions.length ? (
        <>
          <h2>受付時に示した担当候補</h2>
          <ol>
            {p.suggestions.map((s) => (
              <li>
                {s.name}（{s.score}）{s.reasons.length ? `：${s.reasons.join('、')}` : ''}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      {p.coordinator ? (
        <section class="panel">
          <h2>担当課の割り当て</h2>
          <Form action={`/consultations/${c.id}/assign`} csrf={p.csrf}>
            <ChoiceGroup
              name="departmentIds"
              label="担当課（複数選べます）"
              multiple
              columns
              options={p.departments}
              values={{ departmentIds: v.departmentIds ?? p.assigned.map((a) => a.id) }}
              errors={p.errors}
            />
            <DateField
              name="dueOn"
              label="回答期限"
              values={v.dueOn_year !== undefined ? v : { dueOn: c.dueOn ?? '' }}
              errors={p.errors}
            />
            <Select
              name="field"
              label="分野（集計に使います）"
              empty="選ばない"
              options={p.fields}
              values={{ field: v.field ?? c.field }}
              errors={p.errors}
            />
            <Submit label="割り当てを保存する" />
          </Form>
        </section>
      ) : null}

      <section class="panel">
        <h2>回答（相談者に届きます）</h2>
        {p.replies.length ? (
          p.replies.map((r) => (
            <article>
              <h3>
                {r.departmentName}（{formatDateTime(r.createdAt)}）
              </h3>
              <Paragraphs text={r.body} />
            </article>
          ))
        ) : (
          <p>まだ回答していません。</p>
        )}
        {p.templates.length ? (
          <form method="get" action={`/consultations/${c.id}`} class="form">
            <Select
              name="template"
              label="回答テンプレートを使う"
              empty="選ぶ"
              options={p.templates}
              values={{}}
            />
            <Submit label="本文に入れる" secondary />
          </form>
        ) : null}
        <Form action={`/consultations/${c.id}/reply`} csrf={p.csrf}>
          <TextArea
            name="body"
            label="回答"
            required
            rows={8}
            help={
              c.erasedAt
                ? '連絡先が消去されているため、メールは送られません（状況ページには載ります）。'
                : '送ると相談者にメールで届き、状況ページにも載ります。状態は「回答済」になります。'
            }
            values={{ body: v.replyBody ?? p.replyDraft }}
            errors={p.errors?.replyBody ? { body: p.errors.replyBody } : undefined}
          />
          <Submit label="回答を送る" />
        </Form>
      </section>

      <section class="panel">
        <h2>内部メモ（相談者には見えません）</h2>
        {p.notes.length ? (
          <ul>
            {p.notes.map((n) => (
              <li>
                <span class="muted small">
                  {n.departmentName}・{formatDateTime(n.createdAt)}
                </span>
                <Paragraphs text={n.body} />
              </li>
            ))}
          </ul>
        ) : (
          <p>メモはありません。</p>
        )}
        <Form action={`/consultations/${c.id}/note`} csrf={p.csrf}>
          <TextArea
            name="body"
            id="f-note"
            label="内部メモ"
            required
            rows={3}
            values={{ body: v.noteBody ?? '' }}
            errors={p.errors?.noteBody ? { body: p.errors.noteBody } : undefined}
          />
          <Submit label="メモを残す" secondary />
        </Form>
      </section>

      <section class="panel">
        <h2>状態</h2>
        <Form action={`/consultations/${c.id}/status`} csrf={p.csrf}>
          <Select
            name="status"
            label="状態"
            required
            options={STATUSES.map((s) => ({ value: s.code, label: s.label }))}
            values={{ status: c.status }}
          />
          <Submit label="状態を変える" secondary />
        </Form>
      </section>

      {p.coordinator ? (
        <section class="panel">
          <h2>ほかの手続き</h2>
          {c.needId ? null : (
            <Form action={`/consultations/${c.id}/need`} csrf={p.csrf}>
              <p>
                相談の内容から、担当課の協働ニーズの下書きを作ります（担当課が整えてから公開します）。
                {p.assigned.length ? '' : '先に担当課を割り当ててください。'}
              </p>
              <Submit label="協働ニーズの下書きにする" secondary />
            </Form>
          )}
          {p.assigned.length ? (
            <Form action={`/consultations/${c.id}/pairing`} csrf={p.csrf}>
              <p>
                団体と担当課の組み合わせを、調整ボードに「候補」として載せます（顔合わせ・協議はボードで進めます）。
              </p>
              <Select
                name="groupId"
                label="団体"
                required
                empty="選んでください"
                help="相談者が名乗った団体と、「できること」が相談の内容に近い団体です。"
                options={p.candidates.map((g) => ({ value: g.id, label: `${g.name}（${g.why}）` }))}
                values={p.values}
                errors={p.errors}
              />
              <Select
                name="departmentId"
                label="担当課"
                required
                options={p.assigned.map((a) => ({ value: a.id, label: a.name }))}
                values={p.values}
                errors={p.errors}
              />
              <Submit label="調整ボードの候補にする" secondary />
            </Form>
          ) : null}
          {c.erasedAt ? null : (
            <Form action={`/consultations/${c.id}/erase`} csrf={p.csrf}>
              <p>
                本人から依頼があったときは、お名前・メールアドレス・電話番号・団体名を消去できます（元に戻せません）。
              </p>
              <button type="submit" class="button button--danger">
                個人情報を消去する
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </article>
  )
}

export function TemplatesPage(p: {
  csrf: string
  items: { id: string; title: string; body: string }[]
  values: Values
  errors?: FieldErrors
}) {
  return (
    <section>
      <h1>回答テンプレート</h1>
      <p>よく使う回答の文面です。相談の画面で選ぶと、回答の本文に入ります。</p>
      {p.items.map((t) => (
        <section class="panel">
          <h2>{t.title}</h2>
          <Form action={`/coordination/consultation-templates/${t.id}/edit`} csrf={p.csrf}>
            <TextField name="title" id={`f-title-${t.id}`} label="名前" required values={t} />
            <TextArea name="body" id={`f-body-${t.id}`} label="本文" required rows={5} values={t} />
            <Submit label="保存する" secondary />
          </Form>
          <Form action={`/coordination/consultation-templates/${t.id}/delete`} csrf={p.csrf}>
            <button type="submit" class="button button--danger button--small">
              削除する
            </button>
          </Form>
        </section>
      ))}
      <h2>テンプレートを追加する</h2>
      <ErrorSummary errors={p.errors} />
      <Form action="/coordination/consultation-templates" csrf={p.csrf}>
        <TextField name="title" label="名前" required maxlength={100} values={p.values} errors={p.errors} />
        <TextArea name="body" label="本文" required rows={6} values={p.values} errors={p.errors} />
        <Submit label="追加する" />
      </Form>
    </section>
  )
}

function CountTable(p: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            {p.head.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.length ? (
            p.rows.map((r) => <tr>{r.map((x, i) => (i === 0 ? <th scope="row">{x}</th> : <td>{x}</td>))}</tr>)
          ) : (
            <tr>
              <td colspan={p.head.length}>まだありません</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

export function StatsPage(p: {
  total: number
  byDepartment: { label: string; total: number; open: number; answered: number }[]
  byField: { label: string; n: number }[]
  byMonth: { label: string; n: number }[]
  byStatus: { label: string; n: number }[]
}) {
  return (
    <section>
      <h1>相談の集計</h1>
      <p>受け付けた相談：{p.total}件</p>
      <CountTable caption="状態別" head={['状態', '件数']} rows={p.byStatus.map((r) => [r.label, r.n])} />
      <CountTable
        caption="担当課別（割り当て数）"
        head={['担当課', '割り当て', '未回答', '回答済・完了']}
        rows={p.byDepartment.map((r) => [r.label, r.total, r.open, r.answered])}
      />
      <div class="groups-charts">
        <ChartWithTable
          s={{
            key: 'department',
            title: '担当課別の割り当て数',
            unit: '件',
            rows: p.byDepartment.map((r) => ({ label: r.label, value: r.total })),
          }}
        />
        <ChartWithTable
          s={{
            key: 'field',
            title: '分野別の相談数',
            unit: '件',
            rows: p.byField.map((r) => ({ label: r.label, value: r.n })),
          }}
        />
        <ChartWithTable
          s={{
            key: 'month',
            title: '受付月別の相談数（直近12か月）',
            unit: '件',
            rows: p.byMonth.map((r) => ({ label: r.label, value: r.n })),
          }}
        />
      </div>
    </section>
  )
}
