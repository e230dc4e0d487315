/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html'
import { fiscalYearLabel, formatDate } from '../../core/japanese/index.ts'
import {
  ChoiceGroup,
  ErrorSummary,
  Form,
  type Option,
  Submit,
  TextArea,
  TextField,
} from '../../core/ui/form.tsx'
import type { FieldErrors } from '../../core/validation.ts'
import { figureSvg } from './charts.ts'
import { RESPONSE_STATUS_LABELS, STATUS_LABELS } from './domain.ts'
import {
  type Answers,
  ATTRIBUTE_LABELS,
  ATTRIBUTE_SHORT,
  applies,
  choicesOf,
  OTHER,
  otherKey,
  QUESTION_KINDS,
  type Question,
  type Questionnaire,
  type Value,
} from './questionnaire.ts'
import type { Comparison } from './compare.ts'
import { figureCaption } from './exports.ts'
import type { Figure, Report } from './report.ts'
import type { Survey, SurveyResponse } from './service.ts'

const fy = fiscalYearLabel

function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge--${status}`}>{STATUS_LABELS[status] ?? status}</span>
}

// ------------------------------------------------------------------ coordinator

export function SurveyList({
  surveys,
  rates,
}: {
  surveys: Survey[]
  rates: Map<string, { total: number; submitted: number; percent: number }>
}) {
  return (
    <>
      <p>
        庁内の全課に、その年度の協働事業の実施状況・成果・課題と今後の意向を尋ねる調査です（武蔵野市の「協働事業等に関する実態把握調査」にならっています）。
        各課の属性（①〜④）と回答する協働事業は協働事業の記録から自動で入ります。
      </p>
      <p>
        <a class="button" href="/coordination/surveys/new">
          新しい調査をつくる
        </a>
      </p>
      {surveys.length ? (
        <div class="table-wrap">
          <table class="table">
            <caption>調査の一覧（新しい年度から）</caption>
            <thead>
              <tr>
                <th scope="col">対象年度</th>
                <th scope="col">調査名</th>
                <th scope="col">状態</th>
                <th scope="col">回答率</th>
                <th scope="col">報告書</th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((s) => {
                const r = rates.get(s.id)
                return (
                  <tr>
                    <td>{fy(s.fiscalYear)}</td>
                    <td>
                      <a href={`/coordination/surveys/${s.id}`}>{s.title}</a>
                    </td>
                    <td>
                      <StatusBadge status={s.status} />
                      {s.publishedAt ? ' 公開中' : ''}
                    </td>
                    <td class="num">
                      {r?.total ? `${r.submitted}/${r.total}課（${r.percent.toFixed(1)}％）` : '―'}
                    </td>
                    <td>{s.status === 'draft' ? '―' : <a href={`/surveys/${s.id}/report`}>報告書</a>}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p>まだ調査はありません。</p>
      )}
    </>
  )
}

export function NewSurveyForm({
  csrf,
  values,
  errors,
  templates,
}: {
  csrf: string
  values: Record<string, unknown>
  errors?: FieldErrors
  templates: Option[]
}) {
  return (
    <Form action="/coordination/surveys" csrf={csrf}>
      <ErrorSummary errors={errors} />
      <TextField
        name="fiscalYear"
        label="調査の対象年度"
        required
        help="協働事業を尋ねる年度です。西暦（2025）でも和暦（令和7年度）でも入力できます。"
        values={values}
        errors={errors}
        size="short"
      />
      <TextField
        name="title"
        label="調査名"
        help="空欄なら年度から付けます。"
        values={values}
        errors={errors}
        size="long"
      />
      <TextField
        name="dueOn"
        label="回答の期限"
        help="例：2026-08-20、令和8年8月20日。回答の受付を始めるときにも変えられます。"
        values={values}
        errors={errors}
      />
      <ChoiceGroup
        name="template"
        label="調査票"
        required
        options={templates}
        values={values}
        errors={errors}
      />
      <Submit label="調査をつくる" />
    </Form>
  )
}

export function ManagePage({
  csrf,
  s,
  responses,
  rates,
  errors,
  values,
}: {
  csrf: string
  s: Survey
  responses: SurveyResponse[]
  rates: {
    all: { total: number; submitted: number; percent: number }
    byAttribute: { attribute: number; total: number; submitted: number; percent: number }[]
  }
  errors?: FieldErrors
  /** What was typed in the form that failed. */
  values?: Record<string, unknown>
}) {
  return (
    <>
      <dl class="summary-list">
        <div>
          <dt>対象年度</dt>
          <dd>{fy(s.fiscalYear)}</dd>
        </div>
        <div>
          <dt>状態</dt>
          <dd>
            <StatusBadge status={s.status} />
            {s.publishedAt ? `（報告書を${formatDate(s.publishedAt)}から公開中）` : ''}
          </dd>
        </div>
        <div>
          <dt>回答の期限</dt>
          <dd>{s.dueOn ?? '未設定'}</dd>
        </div>
      </dl>
      <ErrorSummary errors={errors} />
      <h2>操作</h2>
      <ul class="link-list">
        {s.status === 'draft' ? (
          <li>
            <a href={`/coordination/surveys/${s.id}/questionnaire`}>調査票を編集する</a>
            （受付を始めると変更できません）
          </li>
        ) : (
          <li>
            <a href={`/coordination/surveys/${s.id}/questionnaire`}>調査票を見る</a>
          </li>
        )}
        {s.status !== 'draft' ? (
          <li>
            <a href={`/surveys/${s.id}/report`}>報告書（図表・主な意見・まとめ）</a>
          </li>
        ) : null}
        {s.status !== 'draft' ? (
          <li>
            <a href={`/coordination/surveys/${s.id}/compare`}>ほかの年度と比べる</a>
          </li>
        ) : null}
      </ul>
      {s.status === 'draft' ? (
        <Form action={`/coordination/surveys/${s.id}/open`} csrf={csrf}>
          <p>
            受付を始めると、全課に属性（①〜④）を付け、記録にある協働事業を入れた回答票をつくって各課の職員に知らせます。
          </p>
          <TextField
            name="dueOn"
            label="回答の期限"
            values={values ?? { dueOn: s.dueOn ?? '' }}
            errors={errors}
          />
          <Submit label="回答の受付を始める" />
        </Form>
      ) : null}
      {s.status === 'open' ? (
        <div class="button-row">
          <Form action={`/coordination/surveys/${s.id}/remind`} csrf={csrf}>
            <Submit label="未提出の課に督促する" secondary />
          </Form>
          <Form action={`/coordination/surveys/${s.id}/close`} csrf={csrf}>
            <Submit label="締め切る" />
          </Form>
        </div>
      ) : null}
      {s.status === 'closed' ? (
        <Form action={`/coordination/surveys/${s.id}/publish`} csrf={csrf}>
          <input type="hidden" name="publish" value={s.publishedAt ? '' : 'on'} />
          <p>
            {s.publishedAt
              ? '報告書は公開されています。公開をやめると、市民は見られなくなります。'
              : '公開すると、報告書の図表と選んだ主な意見を誰でも見られます（どの課の回答かは公開されません）。'}
          </p>
          <Submit
            label={s.publishedAt ? '報告書の公開をやめる' : '報告書を公開する'}
            secondary={!!s.publishedAt}
          />
        </Form>
      ) : null}
      {s.status !== 'draft' ? (
        <>
          <h2>回答状況</h2>
          <div class="table-wrap">
            <table class="table">
              <caption>属性別の回答率（提出済みの課）</caption>
              <thead>
                <tr>
                  <th scope="col">属性</th>
                  <th scope="col">課の数</th>
                  <th scope="col">提出済み</th>
                  <th scope="col">回答率</th>
                </tr>
              </thead>
              <tbody>
                {rates.byAttribute.map((r) => (
                  <tr>
                    <th scope="row">{ATTRIBUTE_LABELS[r.attribute]}</th>
                    <td class="num">{r.total}</td>
                    <td class="num">{r.submitted}</td>
                    <td class="num">{r.total ? `${r.percent.toFixed(1)}％` : '―'}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">合計</th>
                  <td class="num">{rates.all.total}</td>
                  <td class="num">{rates.all.submitted}</td>
                  <td class="num">{rates.all.total ? `${rates.all.percent.toFixed(1)}％` : '―'}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <div class="table-wrap">
            <table class="table">
              <caption>課ごとの回答</caption>
              <thead>
                <tr>
                  <th scope="col">課</th>
                  <th scope="col">属性</th>
                  <th scope="col">回答する事業</th>
                  <th scope="col">状態</th>
                  <th scope="col">最終保存</th>
                </tr>
              </thead>
              <tbody>
                {responses.map((r) => (
                  <tr>
                    <td>
                      <a href={`/survey-responses/${r.id}`}>{r.departmentName}</a>
                    </td>
                    <td>{ATTRIBUTE_SHORT[r.attribute]}</td>
                    <td class="num">{r.answers.projects.length}</td>
                    <td>
                      {RESPONSE_STATUS_LABELS[r.status]}
                      {r.remindedAt && r.status !== 'submitted' ? `（${formatDate(r.remindedAt)}督促）` : ''}
                    </td>
                    <td>{r.status === 'not_started' ? '―' : formatDate(r.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {s.notes ? (
        <>
          <h2>データについての注記</h2>
          {s.notes.split('\n').map((l) => (
            <p>{l}</p>
          ))}
        </>
      ) : null}
    </>
  )
}

// ------------------------------------------------------------------ builder

const ATTR_OPTIONS: Option[] = [1, 2, 3, 4].map((a) => ({ value: String(a), label: ATTRIBUTE_LABELS[a] }))
const KIND_LABEL = Object.fromEntries(QUESTION_KINDS.map((k) => [k.code, k.label]))

function conditionText(q: { condition?: Question['condition'] }, qn: Questionnaire) {
  const c = q.condition
  if (!c) return 'すべての課'
  const parts: string[] = []
  if (c.attributes?.length) parts.push(c.attributes.map((a) => ATTRIBUTE_SHORT[a]).join('・'))
  if (c.question) {
    const target = qn.sections.flatMap((s) => s.questions).find((x) => x.key === c.question)
    const labels = (c.equals ?? []).map(
      (e) =>
        choicesOf(target ?? { key: '', label: '', kind: 'single' }).find((x) => x.code === e)?.label ?? e,
    )
    parts.push(`「${target?.label ?? c.question}」で「${labels.join('・')}」と答えた場合`)
  }
  return parts.join('、')
}

/** The values of the question editor for an existing question (or a new one). */
export function questionValues(q?: Question): Record<string, unknown> {
  if (!q) return { kind: 'single' }
  return {
    key: q.key,
    label: q.label,
    kind: q.kind,
    choices: (q.choices ?? [])
      .filter((c) => c.code !== OTHER)
      .map((c) => `${c.code}=${c.label}`)
      .join('\n'),
    other: q.other ? 'on' : '',
    required: q.required ? 'on' : '',
    help: q.help ?? '',
    attributes: (q.condition?.attributes ?? []).map(String),
    conditionQuestion: q.condition?.question ?? '',
    conditionEquals: (q.condition?.equals ?? []).join(','),
    figureNumber: q.figure ? String(q.figure.number) : '',
    figureTitle: q.figure?.title ?? '',
  }
}

function QuestionEditor({
  csrf,
  action,
  values,
  errors,
  sectionKey,
  submit,
  idPrefix,
}: {
  csrf: string
  action: string
  values: Record<string, unknown>
  errors?: FieldErrors
  sectionKey: string
  submit: string
  idPrefix: string
}) {
  const id = (n: string) => `${idPrefix}-${n}`
  return (
    <Form action={action} csrf={csrf}>
      <input type="hidden" name="section" value={sectionKey} />
      {values.key ? <input type="hidden" name="key" value={String(values.key)} /> : null}
      <TextField
        id={id('label')}
        name="label"
        label="設問の文言"
        required
        values={values}
        errors={errors}
        size="long"
      />
      <ChoiceGroup
        id={id('kind')}
        name="kind"
        label="回答の形"
        required
        options={QUESTION_KINDS.map((k) => ({ value: k.code, label: k.label }))}
        values={values}
        errors={errors}
      />
      <TextArea
        id={id('choices')}
        name="choices"
        label="選択肢（1行にひとつ）"
        help="「記号=文言」と書くと記号を決められます（例：yes=継続したい）。記号がなければ自動で付けます。"
        rows={4}
        values={values}
        errors={errors}
      />
      <ChoiceGroup
        id={id('other')}
        name="other"
        label="「その他」と自由記述欄"
        options={[{ value: 'on', label: '「その他」を付ける' }]}
        multiple
        values={values}
      />
      <ChoiceGroup
        id={id('required')}
        name="required"
        label="必須"
        options={[{ value: 'on', label: '提出に回答が必要' }]}
        multiple
        values={values}
      />
      <TextField id={id('help')} name="help" label="説明" values={values} errors={errors} size="long" />
      <ChoiceGroup
        id={id('attributes')}
        name="attributes"
        label="尋ねる課（属性）"
        help="選ばなければ、区分を尋ねるすべての課に尋ねます。"
        options={ATTR_OPTIONS}
        multiple
        values={values}
        errors={errors}
      />
      <TextField
        id={id('cq')}
        name="conditionQuestion"
        label="ほかの設問の答えによる条件：設問の記号"
        help="例：intent（空欄なら条件なし）"
        values={values}
        errors={errors}
      />
      <TextField
        id={id('ce')}
        name="conditionEquals"
        label="その設問でこの選択肢を選んだときだけ尋ねる（記号をカンマ区切り）"
        values={values}
        errors={errors}
      />
      <TextField
        id={id('fn')}
        name="figureNumber"
        label="報告書の図表番号"
        help="空欄なら図表にしません。"
        values={values}
        errors={errors}
        size="short"
      />
      <TextField
        id={id('ft')}
        name="figureTitle"
        label="図表の題"
        values={values}
        errors={errors}
        size="long"
      />
      <Submit label={submit} />
    </Form>
  )
}

export function QuestionnairePage({
  csrf,
  s,
  errors,
  values,
  editing,
}: {
  csrf: string
  s: Survey
  errors?: FieldErrors
  values?: Record<string, unknown>
  /** The question (key) or new question (section key) whose editor shows `values`/`errors`. */
  editing?: string
}) {
  const qn = s.questionnaire
  const editable = s.status === 'draft'
  const base = `/coordination/surveys/${s.id}/questionnaire`
  return (
    <>
      <p>
        {editable
          ? '区分と設問を編集できます。区分の「事業ごと」は、各課の協働事業ごとに繰り返して尋ねる区分です。'
          : 'この調査は回答の受付を始めたため、調査票は変更できません（次の年度の調査をつくるときに、この調査票をもとにできます）。'}
      </p>
      {errors && !errors.questionnaire && editing ? (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
          <h2 class="error-summary__title">入力内容に誤りがあります（{Object.keys(errors).length}件）</h2>
          <ul>
            {Object.values(errors).map((m) => (
              <li>
                <a href={`#editor-${editing.replace(/[^a-zA-Z0-9_-]/g, '-')}`}>{m}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {errors?.questionnaire ? (
        <div class="error-summary" role="alert">
          <h2 class="error-summary__title">調査票に誤りがあります</h2>
          <ul>
            {errors.questionnaire.split('\n').map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <nav aria-label="区分の一覧">
        <ol>
          {qn.sections.map((sec) => (
            <li>
              <a href={`#s-${sec.key}`}>{sec.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {qn.sections.map((sec) => (
        <section id={`s-${sec.key}`} class="survey-section">
          <h2>
            {sec.title}
            {sec.repeat === 'project' ? '（事業ごと）' : ''}
          </h2>
          <p>尋ねる課：{conditionText(sec, qn)}</p>
          <ol class="survey-questions">
            {sec.questions.map((q, i) => (
              <li>
                <p>
                  <strong>{q.label}</strong>（{KIND_LABEL[q.kind]}
                  {q.required ? '・必須' : ''}）<code>{q.key}</code>
                </p>
                {q.choices?.length ? (
                  <p>
                    選択肢：
                    {choicesOf(q)
                      .map((c) => c.label)
                      .join(' ／ ')}
                  </p>
                ) : null}
                <p>
                  尋ねる課：{conditionText(q, qn)}
                  {q.figure ? `　報告書：図表${q.figure.number}「${q.figure.title}」` : ''}
                  {q.prefill ? '　記録から入力' : ''}
                </p>
                {editable ? (
                  <details open={editing === q.key} id={`editor-${q.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`}>
                    <summary>この設問を編集する</summary>
                    <QuestionEditor
                      csrf={csrf}
                      action={`${base}/question`}
                      values={editing === q.key && values ? values : questionValues(q)}
                      errors={editing === q.key ? errors : undefined}
                      sectionKey={sec.key}
                      submit="設問を保存する"
                      idPrefix={`q-${q.key}`}
                    />
                    <div class="button-row">
                      {i > 0 ? (
                        <Form action={`${base}/move`} csrf={csrf}>
                          <input type="hidden" name="key" value={q.key} />
                          <input type="hidden" name="dir" value="up" />
                          <Submit label="上へ" secondary />
                        </Form>
                      ) : null}
                      {i < sec.questions.length - 1 ? (
                        <Form action={`${base}/move`} csrf={csrf}>
                          <input type="hidden" name="key" value={q.key} />
                          <input type="hidden" name="dir" value="down" />
                          <Submit label="下へ" secondary />
                        </Form>
                      ) : null}
                      <Form action={`${base}/remove`} csrf={csrf}>
                        <input type="hidden" name="key" value={q.key} />
                        <Submit label="この設問を削除する" secondary />
                      </Form>
                    </div>
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
          {editable ? (
            <details
              open={editing === `new:${sec.key}`}
              id={`editor-new-${sec.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`}
            >
              <summary>この区分に設問を追加する</summary>
              <QuestionEditor
                csrf={csrf}
                action={`${base}/question`}
                values={editing === `new:${sec.key}` && values ? values : questionValues()}
                errors={editing === `new:${sec.key}` ? errors : undefined}
                sectionKey={sec.key}
                submit="設問を追加する"
                idPrefix={`new-${sec.key}`}
              />
            </details>
          ) : null}
        </section>
      ))}
      {editable ? (
        <section id="editor-section">
          <h2>区分を追加する</h2>
          <Form action={`${base}/section`} csrf={csrf}>
            <TextField
              name="title"
              label="区分の名前"
              required
              values={editing === 'section' ? values : {}}
              errors={editing === 'section' ? errors : undefined}
            />
            <ChoiceGroup
              name="repeat"
              label="繰り返し"
              options={[{ value: 'project', label: '協働事業ごとに繰り返して尋ねる' }]}
              multiple
              values={{}}
            />
            <ChoiceGroup
              name="attributes"
              label="尋ねる課（属性）"
              options={ATTR_OPTIONS}
              multiple
              values={{}}
            />
            <Submit label="区分を追加する" />
          </Form>
        </section>
      ) : null}
    </>
  )
}

// ------------------------------------------------------------------ department staff

export function MyList({ rows }: { rows: { s: Survey; r: SurveyResponse }[] }) {
  return rows.length ? (
    <div class="table-wrap">
      <table class="table">
        <caption>回答を求められている調査</caption>
        <thead>
          <tr>
            <th scope="col">調査</th>
            <th scope="col">課</th>
            <th scope="col">期限</th>
            <th scope="col">状態</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ s, r }) => (
            <tr>
              <td>
                <a href={`/survey-responses/${r.id}`}>{s.title}</a>
              </td>
              <td>{r.departmentName}</td>
              <td>{s.dueOn ?? '―'}</td>
              <td>
                {s.status === 'open'
                  ? RESPONSE_STATUS_LABELS[r.status]
                  : `${STATUS_LABELS[s.status]}（${RESPONSE_STATUS_LABELS[r.status]}）`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  ) : (
    <p>いま回答を求められている調査はありません。</p>
  )
}

/** The form's values: `dept.<key>`, `p.<row>.<key>`, `….<choice>` for shares. */
export function flatValues(a: Answers): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const put = (prefix: string, values: Record<string, Value>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v && typeof v === 'object' && !Array.isArray(v))
        for (const [c, n] of Object.entries(v)) out[`${prefix}${k}.${c}`] = n
      else out[`${prefix}${k}`] = v
    }
  }
  put('dept.', a.dept)
  for (const r of a.projects) put(`p.${r.id}.`, r.values)
  return out
}

function QuestionField({
  q,
  prefix,
  values,
  errors,
  attribute,
  own,
}: {
  q: Question
  prefix: string
  values: Record<string, unknown>
  errors?: FieldErrors
  attribute: number
  own: Record<string, Value>
}) {
  if (!applies(q.condition, attribute, own)) {
    // asked only after another answer: shown, marked, so the department sees what follows
    if (!q.condition?.question) return null
  }
  const name = `${prefix}${q.key}`
  const cond = q.condition?.question ? '（前の設問の答えによって回答）' : ''
  const help = [q.help, cond].filter(Boolean).join(' ') || undefined
  const options = choicesOf(q).map((c) => ({ value: c.code, label: c.label }))
  const otherField = q.other ? (
    <TextField
      name={otherKey(name)}
      label={`「${q.label}」でその他を選んだ場合の内容`}
      values={values}
      errors={errors}
      size="long"
    />
  ) : null
  if (q.kind === 'single' || q.kind === 'multiple')
    return (
      <>
        <ChoiceGroup
          name={name}
          label={q.label}
          required={q.required}
          help={help}
          options={options}
          multiple={q.kind === 'multiple'}
          values={values}
          errors={errors}
        />
        {otherField}
      </>
    )
  if (q.kind === 'number')
    return (
      <TextField
        name={name}
        label={q.label}
        required={q.required}
        help={help}
        inputmode="decimal"
        values={values}
        errors={errors}
        size="short"
      />
    )
  if (q.kind === 'shares')
    return (
      <fieldset
        class={`field fieldset${errors?.[name] ? ' field--error' : ''}`}
        id={`f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`}
      >
        <legend class="field__label">
          {q.label} {q.required ? <span class="req">※必須</span> : <span class="opt">※任意</span>}
        </legend>
        <p class="field__help">選択肢ごとの割合（％）を、合計が100になるように入力してください。</p>
        {errors?.[name] ? <p class="field__error">{errors[name]}</p> : null}
        {choicesOf(q).map((c) => (
          <TextField
            name={`${name}.${c.code}`}
            label={c.label}
            inputmode="decimal"
            values={values}
            size="short"
          />
        ))}
      </fieldset>
    )
  if (q.short)
    return (
      <TextField
        name={name}
        label={q.label}
        required={q.required}
        help={help}
        values={values}
        errors={errors}
        size="long"
      />
    )
  return (
    <TextArea
      name={name}
      label={q.label}
      required={q.required}
      help={help}
      rows={3}
      values={values}
      errors={errors}
    />
  )
}

export function AnswerForm({
  csrf,
  s,
  r,
  answers,
  errors,
  message,
  readOnly,
}: {
  csrf: string
  s: Survey
  r: SurveyResponse
  answers: Answers
  errors?: FieldErrors
  message?: string
  readOnly: boolean
}) {
  const values = flatValues(answers)
  const sections = s.questionnaire.sections.filter((sec) => applies(sec.condition, r.attribute, answers.dept))
  const body = (
    <>
      {sections.map((sec) => (
        <section class="survey-section" aria-labelledby={`h-${sec.key}`}>
          <h2 id={`h-${sec.key}`}>{sec.title}</h2>
          {sec.intro ? <p>{sec.intro}</p> : null}
          {sec.repeat === 'project' ? (
            <>
              {answers.projects.length === 0 ? (
                <p>記録にある協働事業はありません。実施した事業があれば追加してください。</p>
              ) : null}
              {answers.projects.map((row, i) => (
                <fieldset class="survey-project">
                  <legend>
                    協働事業 {i + 1}
                    {row.projectId ? (
                      <>
                        （<a href={`/projects/${row.projectId}`}>記録</a>から入力）
                      </>
                    ) : (
                      '（追加した事業）'
                    )}
                  </legend>
                  <input type="hidden" name="rows" value={row.id} />
                  {sec.questions.map((q) => (
                    <QuestionField
                      q={q}
                      prefix={`p.${row.id}.`}
                      values={values}
                      errors={errors}
                      attribute={r.attribute}
                      own={row.values}
                    />
                  ))}
                  {readOnly ? null : (
                    <button
                      type="submit"
                      name="op"
                      value={`remove:${row.id}`}
                      class="button button--secondary"
                    >
                      この事業を回答から外す
                    </button>
                  )}
                </fieldset>
              ))}
              {readOnly ? null : (
                <button type="submit" name="op" value="add" class="button button--secondary">
                  協働事業を追加する
                </button>
              )}
            </>
          ) : (
            sec.questions.map((q) => (
              <QuestionField
                q={q}
                prefix="dept."
                values={values}
                errors={errors}
                attribute={r.attribute}
                own={answers.dept}
              />
            ))
          )}
        </section>
      ))}
    </>
  )
  return (
    <>
      <dl class="summary-list">
        <div>
          <dt>課</dt>
          <dd>{r.departmentName}</dd>
        </div>
        <div>
          <dt>属性</dt>
          <dd>{ATTRIBUTE_LABELS[r.attribute]}（協働事業の記録から）</dd>
        </div>
        <div>
          <dt>状態</dt>
          <dd>
            {RESPONSE_STATUS_LABELS[r.status]}
            {r.submittedAt ? `（${formatDate(r.submittedAt)}提出）` : ''}
          </dd>
        </div>
        <div>
          <dt>期限</dt>
          <dd>{s.dueOn ?? '―'}</dd>
        </div>
      </dl>
      {message ? (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
          <p>{message}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      {readOnly ? (
        <>
          {s.status !== 'open' ? <p>この調査は締め切られました。回答は見るだけです。</p> : null}
          <div class="survey-readonly">{body}</div>
        </>
      ) : (
        <Form action={`/survey-responses/${r.id}`} csrf={csrf}>
          <input type="hidden" name="version" value={String(r.version)} />
          <p>
            同じ課の職員なら誰でも続きを書けます。「下書きを保存」はいつでもでき、提出した後も期限までは直せます。
          </p>
          {body}
          <div class="button-row">
            <button type="submit" name="op" value="draft" class="button button--secondary">
              下書きを保存
            </button>
            <button type="submit" name="op" value="submit" class="button">
              回答を提出する
            </button>
          </div>
        </Form>
      )}
    </>
  )
}

// ------------------------------------------------------------------ report

function FigureTable({ f }: { f: Figure }) {
  if (f.kind === 'count')
    return (
      <div class="table-wrap">
        <table class="table">
          <caption class="visually-hidden">{figureCaption(f)}</caption>
          <thead>
            <tr>
              <th scope="col">課名</th>
              <th scope="col">事業数</th>
            </tr>
          </thead>
          <tbody>
            {f.rows.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
                <td class="num">{r.count}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">合計</th>
              <td class="num">{f.n}</td>
            </tr>
          </tbody>
        </table>
      </div>
    )
  if (f.kind === 'cross')
    return (
      <div class="table-wrap">
        <table class="table">
          <caption class="visually-hidden">{figureCaption(f)}</caption>
          <thead>
            <tr>
              <th scope="col">区分</th>
              {(f.columns ?? []).map((c) => (
                <th scope="col">{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(f.groups ?? []).map((g) => (
              <tr>
                <th scope="row">
                  {g.label}(n={g.n})
                </th>
                {g.cells.map((c) => (
                  <td class="num">{c.percent.toFixed(1)}%</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )
  if (f.kind === 'opinions') return null
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="visually-hidden">{figureCaption(f)}</caption>
        <thead>
          <tr>
            <th scope="col">選択肢</th>
            <th scope="col">件数</th>
            <th scope="col">割合</th>
          </tr>
        </thead>
        <tbody>
          {f.rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td class="num">{r.count}</td>
              <td class="num">{r.percent.toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Opinions({ f }: { f: Figure }) {
  if (!f.opinions.length)
    return f.kind === 'opinions' ? <p>（掲載する主な意見はまだ選ばれていません）</p> : null
  const groups = [...new Set(f.opinions.map((o) => o.group))]
  return (
    <dl class="opinions">
      {groups.map((g) => (
        <div>
          <dt>{g || '主な意見'}</dt>
          <dd>
            <ul>
              {f.opinions
                .filter((o) => o.group === g)
                .map((o) => (
                  <li>{o.text}</li>
                ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  )
}

function OpinionPicker({ csrf, s, f }: { csrf: string; s: Survey; f: Figure }) {
  const picked = f.opinions
  const rest = f.candidates.filter((c) => !picked.some((p) => p.text === c.text))
  const rows = [
    ...picked.map((p) => ({ group: p.group, text: p.text, on: true, who: '' })),
    ...rest.map((c) => ({
      group: c.group,
      text: c.text,
      on: false,
      who: `${c.department}（${ATTRIBUTE_SHORT[c.attribute]}）`,
    })),
  ]
  if (!rows.length) return null
  return (
    <details class="opinion-picker">
      <summary>主な意見を選ぶ・直す（候補 {f.candidates.length} 件）</summary>
      <Form action={`/coordination/surveys/${s.id}/opinions`} csrf={csrf}>
        <input type="hidden" name="figure" value={f.key} />
        <p>
          載せる意見にチェックを付け、必要なら見出しと文を直してください。どの課の意見かは報告書には出ません。
        </p>
        {rows.map((r, i) => (
          <fieldset class="opinion-row">
            <legend>
              候補 {i + 1}
              {r.who ? `：${r.who}` : '（掲載中）'}
            </legend>
            <div class="choice">
              <input type="checkbox" id={`op-${f.key}-${i}`} name="pick" value={String(i)} checked={r.on} />
              <label for={`op-${f.key}-${i}`}>報告書に載せる</label>
            </div>
            <TextField
              id={`og-${f.key}-${i}`}
              name={`group.${i}`}
              label="見出し"
              values={{ [`group.${i}`]: r.group }}
            />
            <TextArea
              id={`ot-${f.key}-${i}`}
              name={`text.${i}`}
              label="意見"
              rows={2}
              values={{ [`text.${i}`]: r.text }}
            />
          </fieldset>
        ))}
        <input type="hidden" name="count" value={String(rows.length)} />
        <Submit label="主な意見を保存する" />
      </Form>
    </details>
  )
}

export function ReportPage({
  csrf,
  s,
  report,
  coordinator,
  downloads,
  draft,
}: {
  csrf: string
  s: Survey
  report: Report
  coordinator: boolean
  downloads: { href: string; label: string }[]
  /** A summary that could not be saved: shown again in its form with the message. */
  draft?: { section: string; text: string; message: string }
}) {
  const shown = report.byAttribute
  return (
    <>
      <p>
        対象：{fy(s.fiscalYear)}の協働事業　回答：{report.respondents}課
        {s.status === 'open' ? '（受付中のため、提出済みの回答だけで集計しています）' : ''}
      </p>
      <ul class="link-list">
        {downloads.map((d) => (
          <li>
            <a href={d.href}>{d.label}</a>
          </li>
        ))}
      </ul>
      <nav aria-label="報告書の目次">
        <h2>目次</h2>
        <ol>
          {report.sections
            .filter((sec) => sec.figures.length)
            .map((sec) => (
              <li>
                <a href={`#r-${sec.key}`}>{sec.title}</a>
              </li>
            ))}
        </ol>
      </nav>
      <section aria-labelledby="r-overview">
        <h2 id="r-overview">調査の実施概要</h2>
        <div class="table-wrap">
          <table class="table">
            <caption>図表1 調査の実施概要（対象課の属性）</caption>
            <thead>
              <tr>
                <th scope="col">属性</th>
                <th scope="col">課の数</th>
                <th scope="col">課</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((a) => (
                <tr>
                  <th scope="row">{ATTRIBUTE_LABELS[a.attribute]}</th>
                  <td class="num">{a.count}</td>
                  <td>{a.departments.join('／')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {s.notes && coordinator ? (
          <details>
            <summary>データについての注記</summary>
            {s.notes.split('\n').map((l) => (
              <p>{l}</p>
            ))}
          </details>
        ) : null}
      </section>
      {report.sections
        .filter((sec) => sec.figures.length)
        .map((sec) => (
          <section aria-labelledby={`r-${sec.key}`} class="report-section">
            <h2 id={`r-${sec.key}`}>{sec.title}</h2>
            {sec.summary ? (
              sec.summary.split('\n').map((l) => <p>{l}</p>)
            ) : coordinator ? (
              <p>（この区分のまとめはまだ書かれていません）</p>
            ) : null}
            {coordinator ? (
              <details open={draft?.section === sec.key}>
                <summary>まとめの文章を書く・直す</summary>
                <Form action={`/coordination/surveys/${s.id}/summary`} csrf={csrf}>
                  <input type="hidden" name="section" value={sec.key} />
                  <TextArea
                    name="summary"
                    id={`sum-${sec.key}`}
                    label={`「${sec.title}」のまとめ`}
                    rows={6}
                    values={{ summary: draft?.section === sec.key ? draft.text : sec.summary }}
                    errors={draft?.section === sec.key ? { summary: draft.message } : undefined}
                  />
                  <Submit label="まとめを保存する" />
                </Form>
              </details>
            ) : null}
            {sec.figures.map((f) => (
              <figure class="report-figure" id={`fig-${f.number}-${f.kind}`}>
                <figcaption>
                  <h3>{figureCaption(f)}</h3>
                </figcaption>
                {figureSvg(f) ? (
                  <div
                    class="surveys-chart"
                    role="img"
                    aria-label={`${figureCaption(f)}のグラフ（数値は下の表にあります）`}
                  >
                    {raw(figureSvg(f))}
                  </div>
                ) : null}
                <FigureTable f={f} />
                {f.notes.map((n) => (
                  <p class="note">注）{n}</p>
                ))}
                <Opinions f={f} />
                {coordinator && f.candidates.length ? <OpinionPicker csrf={csrf} s={s} f={f} /> : null}
                {f.kind !== 'opinions' ? (
                  <p>
                    <a href={`/surveys/${s.id}/figures/${encodeURIComponent(f.key)}.csv`}>
                      図表{f.number}の表（CSV）
                    </a>
                  </p>
                ) : null}
              </figure>
            ))}
          </section>
        ))}
    </>
  )
}

export function PublicList({ surveys }: { surveys: Survey[] }) {
  return (
    <>
      <p>市の各課に協働事業の実施状況・成果・課題を尋ねた調査の報告書です。</p>
      {surveys.length ? (
        <ul class="link-list">
          {surveys.map((s) => (
            <li>
              <a href={`/surveys/${s.id}/report`}>{s.title}</a>（{fy(s.fiscalYear)}）
            </li>
          ))}
        </ul>
      ) : (
        <p>公開されている報告書はまだありません。</p>
      )}
    </>
  )
}

const pct = (x: number | null) => (x === null ? '―' : `${x.toFixed(1)}%`)
const pts = (x: number | null) => (x === null ? '―' : `${x > 0 ? '+' : ''}${x.toFixed(1)}`)

export function ComparePage({
  s,
  other,
  options,
  comparison,
}: {
  s: Survey
  other: Survey | null
  options: Option[]
  comparison: Comparison | null
}) {
  return (
    <>
      <form method="get" action={`/coordination/surveys/${s.id}/compare`} class="form">
        <div class="field">
          <label for="f-with" class="field__label">
            比べる年度の調査
          </label>
          <select id="f-with" name="with" class="select">
            {options.map((o) => (
              <option value={o.value} selected={o.value === other?.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          比べる
        </button>
      </form>
      {!options.length ? <p>比べられるほかの年度の調査がありません。</p> : null}
      {comparison && other ? (
        <>
          <p>
            左が{fy(other.fiscalYear)}、右が{fy(s.fiscalYear)}です。差は右から左を引いた値（ポイント）です。
          </p>
          {comparison.figures.map((f) => (
            <section class="report-figure" aria-labelledby={`cmp-${f.key}`}>
              <h2 id={`cmp-${f.key}`}>
                図表{f.numberB} {f.title}
              </h2>
              <div class="table-wrap">
                <table class="table">
                  <caption>
                    {fy(other.fiscalYear)}（n={f.nA}）と{fy(s.fiscalYear)}（n={f.nB}）
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">区分</th>
                      <th scope="col">{fy(other.fiscalYear)}</th>
                      <th scope="col">{fy(s.fiscalYear)}</th>
                      <th scope="col">差</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(f.groups ?? [{ label: '', nA: f.nA, nB: f.nB, rows: f.rows }]).flatMap((g) =>
                      g.rows.map((r) => (
                        <tr>
                          <th scope="row">{g.label ? `${g.label}：${r.label}` : r.label}</th>
                          <td class="num">{f.kind === 'count' ? (r.countA ?? '―') : pct(r.percentA)}</td>
                          <td class="num">{f.kind === 'count' ? (r.countB ?? '―') : pct(r.percentB)}</td>
                          <td
                            class={`num${r.points && r.points > 0 ? ' compare-up' : r.points && r.points < 0 ? ' compare-down' : ''}`}
                          >
                            {f.kind === 'count'
                              ? r.countA !== null && r.countB !== null
                                ? pts(r.countB - r.countA)
                                : '―'
                              : pts(r.points)}
                          </td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
          {comparison.onlyA.length || comparison.onlyB.length ? (
            <>
              <h2>片方の年度にだけある図表</h2>
              <ul>
                {comparison.onlyA.map((x) => (
                  <li>
                    {fy(other.fiscalYear)}だけ：図表{x.number} {x.title}
                  </li>
                ))}
                {comparison.onlyB.map((x) => (
                  <li>
                    {fy(s.fiscalYear)}だけ：図表{x.number} {x.title}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </>
  )
}
