import type { Child } from 'hono/jsx'
import { ErrorSummary, Form, Submit } from '../../core/ui/form.tsx'
import { Notice } from '../../core/ui/parts.tsx'
import type { ColumnMap, ImportField, RowError } from '../organisation/index.ts'
import type { ImportResult } from '../organisation/index.ts'

/** Crumbs of an admin page: ホーム › 管理 › … */
export const adminCrumbs = (...rest: { label: string; href?: string }[]) => [
  { label: '管理', href: '/admin' },
  ...rest,
]

export const ENCODING_LABELS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（BOM付き）',
  cp932: 'Shift_JIS（CP932）',
  xlsx: 'Excel（.xlsx）',
}

export interface ImportPageProps {
  /** e.g. /admin/departments/import */
  base: string
  title: string
  csrf: string
  fields: ImportField[]
}

/** Step 1: choose a file. */
export function ImportUpload(p: ImportPageProps & { error?: string; help: Child }) {
  return (
    <section>
      <h1>{p.title}</h1>
      <ol class="steps">
        <li aria-current="step">1. ファイルを選ぶ</li>
        <li>2. 列を対応づける</li>
        <li>3. 確認して取り込む</li>
      </ol>
      {p.help}
      <ErrorSummary errors={p.error ? { file: p.error } : undefined} />
      <Form action={p.base} csrf={p.csrf} multipart>
        <div class={`field${p.error ? ' field--error' : ''}`}>
          <label for="f-file" class="field__label">
            CSV・Excelファイル <span class="req">※必須</span>
          </label>
          <p class="field__help" id="f-file-help">
            Excel（.xlsx）、またはCSV（UTF-8（BOM付き・なし）／Shift_JIS（CP932））。見出しの上に表題の行や空の行があっても構いません。
          </p>
          {p.error ? (
            <p class="field__error" id="f-file-error">
              {p.error}
            </p>
          ) : null}
          <input
            type="file"
            id="f-file"
            name="file"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-describedby={p.error ? 'f-file-help f-file-error' : 'f-file-help'}
            aria-invalid={p.error ? 'true' : undefined}
          />
        </div>
        <Submit label="読み込む（まだ取り込みません）" />
      </Form>
    </section>
  )
}

/** The CSV text and the mapping travel between steps as hidden fields (no server state, no JavaScript). */
function Carry({
  text,
  encoding,
  map,
  lines,
}: {
  text: string
  encoding: string
  map?: ColumnMap
  lines?: string
}) {
  return (
    <>
      <input type="hidden" name="csvText" value={text} />
      <input type="hidden" name="encoding" value={encoding} />
      {lines ? <input type="hidden" name="lines" value={lines} /> : null}
      {map
        ? Object.entries(map).map(([k, i]) => (
            <input type="hidden" name={`map_${k}`} value={i === null ? '' : String(i)} />
          ))
        : null}
    </>
  )
}

/** Step 2: map CSV headers to fields (obvious Japanese headers are already chosen). */
export function ImportMapping(
  p: ImportPageProps & {
    header: string[]
    preview: string[][]
    rowCount: number
    text: string
    encoding: string
    lines?: string
    map: ColumnMap
    errors?: RowError[]
  },
) {
  return (
    <section>
      <h1>{p.title}</h1>
      <ol class="steps">
        <li>1. ファイルを選ぶ</li>
        <li aria-current="step">2. 列を対応づける</li>
        <li>3. 確認して取り込む</li>
      </ol>
      <p>
        文字コード：{ENCODING_LABELS[p.encoding] ?? p.encoding}、データ{p.rowCount.toLocaleString('ja-JP')}
        行を読み込みました。
        それぞれの項目に、CSVのどの列を使うかを選んでください。見出しから判断できたものは選択済みです。
      </p>
      {p.errors?.length ? (
        <Notice kind="error">
          <ul>
            {p.errors.map((e) => (
              <li>{e.message}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <div class="table-wrap">
        <table class="table">
          <caption>ファイルの先頭（最大3行）</caption>
          <thead>
            <tr>
              {p.header.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.preview.map((r) => (
              <tr>
                {p.header.map((_, i) => (
                  <td>{r[i] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form action={`${p.base}/check`} csrf={p.csrf}>
        <Carry text={p.text} encoding={p.encoding} lines={p.lines} />
        <fieldset class="fieldset">
          <legend class="field__label">列の対応づけ</legend>
          {p.fields.map((f) => (
            <div class="field">
              <label for={`f-map_${f.key}`} class="field__label">
                {f.label} {f.required ? <span class="req">※必須</span> : <span class="opt">※任意</span>}
              </label>
              <select id={`f-map_${f.key}`} name={`map_${f.key}`} class="select" required={f.required}>
                <option value="">（使わない）</option>
                {p.header.map((h, i) => (
                  <option value={String(i)} selected={p.map[f.key] === i}>
                    {`${i + 1}列目：${h}`}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
        <Submit label="内容を確認する（まだ取り込みません）" />
      </Form>
      <p>
        <a href={p.base}>別のファイルを選ぶ</a>
      </p>
    </section>
  )
}

/** Step 3: the dry-run report, then all-or-nothing or good rows only. */
export function ImportReport(
  p: ImportPageProps & {
    text: string
    encoding: string
    lines?: string
    map: ColumnMap
    result: ImportResult
    refused?: boolean
  },
) {
  const r = p.result
  const good = r.total - r.skipped
  return (
    <section>
      <h1>{p.title}</h1>
      <ol class="steps">
        <li>1. ファイルを選ぶ</li>
        <li>2. 列を対応づける</li>
        <li aria-current="step">3. 確認して取り込む</li>
      </ol>
      {p.refused ? (
        <Notice kind="error">
          <p>
            誤りのある行が{new Set(r.errors.map((e) => e.row)).size}
            行あるため、「すべて取り込む」では何も取り込みませんでした。ファイルを直すか、「問題のない行だけ取り込む」を選んでください。
          </p>
        </Notice>
      ) : null}
      <h2>確認結果（まだ取り込んでいません）</h2>
      <dl class="summary-list">
        <dt>データ行</dt>
        <dd>{r.total.toLocaleString('ja-JP')}行</dd>
        <dt>新規登録</dt>
        <dd>{p.refused ? good - r.updated : r.created}件</dd>
        <dt>更新（同じ名前が登録済み）</dt>
        <dd>{r.updated}件</dd>
        <dt>誤りのある行</dt>
        <dd>{p.refused ? new Set(r.errors.map((e) => e.row)).size : r.skipped}行</dd>
      </dl>
      {r.errors.length ? (
        <div class="table-wrap">
          <table class="table">
            <caption>誤りの一覧（{r.errors.length}件）</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  行
                </th>
                <th scope="col">列</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {r.errors.map((e) => (
                <tr>
                  <td class="num">{e.row}行目</td>
                  <td>{e.column}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Notice kind="success">
          <p>誤りは見つかりませんでした。</p>
        </Notice>
      )}
      <h2>取り込み方を選ぶ</h2>
      <Form action={`${p.base}/commit`} csrf={p.csrf}>
        <Carry text={p.text} encoding={p.encoding} map={p.map} lines={p.lines} />
        <p>
          「すべて取り込む」は、誤りが1件でもあれば何も取り込みません。「問題のない行だけ取り込む」は、誤りのある行を飛ばして残りを取り込みます。
        </p>
        <div class="actions">
          <button type="submit" name="mode" value="all" class="button">
            すべて取り込む（全件か、何もしないか）
          </button>
          <button type="submit" name="mode" value="good_only" class="button button--secondary">
            問題のない行だけ取り込む
          </button>
        </div>
      </Form>
      <p>
        <a href={p.base}>ファイルを直して選び直す</a>
      </p>
    </section>
  )
}

/** Changes of an audit row, pretty but compact: one line per field, each value as compact JSON. */
export function compactJson(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v !== 'object' || Array.isArray(v)) return JSON.stringify(v)
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k}: ${JSON.stringify(x)}`)
    .join('\n')
}
