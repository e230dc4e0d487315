import type { ColumnMap } from '../../../core/import/index.ts'
import { fieldsOf } from '../../../core/vocabulary.ts'
import { Form, Select, Submit } from '../../../core/ui/form.tsx'
import { Notice } from '../../../core/ui/parts.tsx'
import * as io from '../io.ts'

import { type ImportJob, RECOVERED_MESSAGE } from '../../../core/import/index.ts'
import type { ImportRun, RunInput, StagedImport } from '../import.ts'

export function UploadForm({ csrf, message }: { csrf: string; message?: string }) {
  return (
    <>
      <h1>CSV・Excelから団体を取り込む</h1>
      <p>
        Excelの団体名簿（.xlsx）か、CSV（UTF-8／Shift_JIS、文字コードは自動で判別）を選んでください。表題の行や空の行が見出しの上にあっても構いません。次の画面で列の対応を確かめ、まず「確認（ドライラン）」で問題のある行を一覧できます。確認だけでは何も変更されません。
      </p>
      {message ? <Notice kind="error">{message}</Notice> : null}
      <Form action="/groups/import" csrf={csrf} multipart>
        <input type="hidden" name="step" value="upload" />
        <div class="field">
          <label for="f-file" class="field__label">
            CSV・Excelファイル <span class="req">※必須</span>
          </label>
          <p class="field__help" id="f-file-help">
            見出しの行（団体名、フリガナ、法人格、活動分野、住所、メールアドレス…）。フリガナが空欄なら団体名から自動で作ります（あとで直せるよう印を付けます）。活動分野は法律の正式な書き方、都道府県の略称、号数（第1号、①…）のどれでも構いません。64MB・10万行まで。
          </p>
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-describedby="f-file-help"
          />
        </div>
        <Submit label="次へ（列の対応を確認）" />
      </Form>
    </>
  )
}

export function MappingForm(p: {
  csrf: string
  fileKey: string
  header: string[]
  mapping: ColumnMap
  encoding: string
  rows: number
  mode: string
  dup: string
  status: string
  settings?: Record<string, unknown>
  unknownFieldValues?: io.UnknownFieldValue[]
  fieldValues?: Record<string, string>

  duplicates?: io.ImportDuplicate[]
  choices?: Record<number, string>
}) {
  const options = [
    { value: '-1', label: '（取り込まない）' },
    ...p.header.map((h, i) => ({ value: String(i), label: `${i + 1}列目：${h}` })),
  ]
  return (
    <Form action="/groups/import" csrf={p.csrf}>
      <input type="hidden" name="step" value="run" />
      <input type="hidden" name="key" value={p.fileKey} />
      <p>
        文字コード：
        {p.encoding === 'cp932'
          ? 'Shift_JIS（CP932）'
          : p.encoding === 'xlsx'
            ? 'Excel（.xlsx）'
            : p.encoding === 'utf-8-bom'
              ? 'UTF-8（BOM付き）'
              : 'UTF-8'}{' '}
        ／ データ {p.rows.toLocaleString('ja-JP')}行
      </p>
      <fieldset class="fieldset">
        <legend class="field__label">列の対応</legend>
        {io.IMPORT_COLUMNS.map((col) => (
          <Select
            name={`map_${col.key}`}
            label={col.requiredNote ? `${col.label}（${col.requiredNote}）` : col.label}
            required={col.required}
            options={options}
            values={{ [`map_${col.key}`]: String(p.mapping[col.key] ?? -1) }}
          />
        ))}
      </fieldset>
      <Select
        name="mode"
        label="問題のある行があるとき"
        required
        options={[
          { value: 'all', label: 'すべての行に問題がないときだけ取り込む' },
          { value: 'good_only', label: '問題のない行だけ取り込む' },
        ]}
        values={{ mode: p.mode }}
      />
      <Select
        name="status"
        label="取り込んだ団体の状態"
        required
        options={[
          { value: 'pending', label: '審査待ちにする（コーディネーターが一覧でまとめて承認）' },
          { value: 'published', label: 'すぐに公開する' },
        ]}
        values={{ status: p.status }}
      />
      {p.unknownFieldValues?.length ? (
        <fieldset class="fieldset field">
          <legend class="field__label">一覧にない活動分野の値（一度選べば、次の取り込みでも使います）</legend>
          {p.unknownFieldValues.slice(0, 100).map((u, i) => (
            <>
              <input type="hidden" name={`fvv_${i}`} value={u.value} />
              <Select
                name={`fv_${i}`}
                label={`「${u.value}」（${u.rows.length}行。近い分野：${u.nearest.join('、')}）`}
                options={[
                  { value: '?', label: '（選んでください：このままでは誤りになります）' },
                  { value: '', label: '無視する（分野に入れない）' },
                  ...fieldsOf(p.settings).map((f) => ({ value: f.code, label: f.label })),
                ]}
                values={{ [`fv_${i}`]: p.fieldValues?.[u.value] ?? '?' }}
              />
            </>
          ))}
        </fieldset>
      ) : null}
      {Object.entries(p.fieldValues ?? {})
        .filter(([v]) => !p.unknownFieldValues?.some((u) => u.value === v))
        .map(([v, code], i) => (
          <>
            <input type="hidden" name={`fvv_k${i}`} value={v} />
            <input type="hidden" name={`fv_k${i}`} value={code} />
          </>
        ))}
      <Select
        name="duplicates"
        label="登録済みの団体と重複しそうな行（同じ団体名・同じメールアドレス）"
        required
        options={[
          { value: 'skip', label: '取り込まない（スキップ）' },
          { value: 'merge', label: '登録済みの団体の内容を更新する（統合）' },
        ]}
        values={{ duplicates: p.dup }}
      />
      {p.duplicates?.some((d) => d.existingId) ? (
        <fieldset class="fieldset field">
          <legend class="field__label">重複しそうな行ごとの扱い（上の選択より優先）</legend>
          {p.duplicates
            .filter((d) => d.existingId)
            .slice(0, 200)
            .map((d) => (
              <Select
                name={`dup_${d.row}`}
                label={`${d.row}行目「${d.name}」（登録済み：${d.existingName}）`}
                options={[
                  { value: '', label: '上の選択に従う' },
                  { value: 'skip', label: '取り込まない（スキップ）' },
                  { value: 'merge', label: '登録済みの団体を更新する（統合）' },
                ]}
                values={{ [`dup_${d.row}`]: p.choices?.[d.row] ?? '' }}
              />
            ))}
        </fieldset>
      ) : null}
      <div class="groups-buttons">
        <button type="submit" name="dryRun" value="true" class="button">
          確認する（ドライラン・変更しません）
        </button>{' '}
        <button type="submit" name="dryRun" value="false" class="button button--secondary">
          取り込む
        </button>
      </div>
    </Form>
  )
}

export function ReportView({ r }: { r: io.ImportReport }) {
  return (
    <section class="groups-report" aria-labelledby="report-title">
      <h2 id="report-title">
        {r.dryRun
          ? '確認結果（ドライラン：まだ何も変更していません）'
          : r.unchanged
            ? '取り込みませんでした'
            : '取り込み結果'}
      </h2>
      <p>
        データ{r.totalRows.toLocaleString('ja-JP')}行のうち、新規{r.created.toLocaleString('ja-JP')}件、更新
        {r.updated.toLocaleString('ja-JP')}件、スキップ{r.skipped.toLocaleString('ja-JP')}件
        {r.dryRun ? '（予定）' : ''}。問題{r.errors.length.toLocaleString('ja-JP')}件。
      </p>
      <p>
        フリガナを団体名から自動で作った団体：{r.kanaGenerated.toLocaleString('ja-JP')}件
        {r.kanaGenerated ? '（自動生成の印が付きます。団体の編集画面で確かめて直してください）' : ''}。
        取り込んだ団体は{r.status === 'published' ? 'すぐに公開' : '審査待ち'}になります。
      </p>
      {!r.dryRun && r.unchanged && r.errors.length ? (
        <Notice kind="error">
          問題のある行があるため、何も取り込んでいません。行を直すか「問題のない行だけ取り込む」を選んでください。
        </Notice>
      ) : null}
      {r.errors.length ? (
        <div class="table-wrap">
          <table class="table">
            <caption>問題のある行（行番号はExcelで見える行番号。見出しは{r.headerLine}行目）</caption>
            <thead>
              <tr>
                <th scope="col">行</th>
                <th scope="col">列</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {r.errors.slice(0, 1000).map((e) => (
                <tr>
                  <td class="num">{e.row}</td>
                  <td>{e.column}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.errors.length > 1000 ? (
            <p>ほか{r.errors.length - 1000}件（API の応答にはすべて含まれます）</p>
          ) : null}
        </div>
      ) : null}
      {r.duplicates.length ? (
        <div class="table-wrap">
          <table class="table table--stack">
            <caption>重複しそうな行</caption>
            <thead>
              <tr>
                <th scope="col">行</th>
                <th scope="col">団体名</th>
                <th scope="col">重複の相手</th>
                <th scope="col">理由</th>
              </tr>
            </thead>
            <tbody>
              {r.duplicates.slice(0, 1000).map((d) => (
                <tr>
                  <td data-label="行" class="num">
                    {d.row}
                  </td>
                  <td data-label="団体名">{d.name}</td>
                  <td data-label="重複の相手">
                    {d.existingId ? <a href={`/groups/${d.existingId}`}>{d.existingName}</a> : d.existingName}
                  </td>
                  <td data-label="理由">{d.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}

/** Step 2: the columns of the uploaded file, matched to the registry's fields. */
export function MappingStep(p: { csrf: string; staged: StagedImport }) {
  return (
    <>
      <h1>列の対応を確認する</h1>
      <p>ファイルの見出しから対応を推測しました。違っていれば選び直してください。</p>
      <MappingForm
        csrf={p.csrf}
        fileKey={p.staged.key}
        header={p.staged.preview.header}
        mapping={p.staged.mapping}
        encoding={p.staged.preview.encoding}
        rows={p.staged.preview.rows}
        mode="all"
        dup="skip"
        status="pending"
      />
    </>
  )
}

/** Step 3: the report of a trial run (with the form to run again) or of the import. */
export function ImportResult(p: { csrf: string; run: ImportRun; settings?: Record<string, unknown> }) {
  const r = p.run
  return (
    <>
      <h1>CSV・Excelから団体を取り込む</h1>
      <ReportView r={r.report} />
      {!r.report.applied ? (
        <MappingForm
          csrf={p.csrf}
          fileKey={r.key}
          header={r.preview.header}
          mapping={r.mapping}
          encoding={r.preview.encoding}
          rows={r.preview.rows}
          mode={r.mode}
          dup={r.dup}
          status={r.status}
          settings={p.settings}
          unknownFieldValues={r.report.unknownFieldValues}
          fieldValues={r.fieldValues}
          duplicates={r.report.duplicates}
          choices={r.choices}
        />
      ) : (
        <p>
          {r.status === 'pending' ? (
            <a href="/coordinator/groups?status=pending">審査待ちの一覧でまとめて承認する</a>
          ) : (
            <a href="/groups?sort=newest">取り込んだ団体を見る</a>
          )}
        </p>
      )}
      <p>
        <a href="/groups/import">別のファイルを選ぶ</a>
      </p>
    </>
  )
}

const PHASES: Record<string, string> = {
  read: 'ファイルを読み込んでいます',
  check: '行を確かめています',
  write: '書き込んでいます',
}

/** The progress of an import job still running (the page polls /api/v1/groups/import/jobs/:id). */
export function JobProgressView(p: { job: ImportJob; auto: boolean }) {
  const j = p.job
  const n = (x: number) => x.toLocaleString('ja-JP')
  const statusUrl = `/api/v1/groups/import/jobs/${j.id}`
  return (
    <>
      <h1>{j.dryRun ? '確認（ドライラン）を実行中' : '取り込みを実行中'}</h1>
      <div class="import-progress" data-import-job={statusUrl} data-done-url={`/groups/import/jobs/${j.id}`}>
        <p class="import-progress__phase" data-phase>
          {PHASES[j.phase] ?? ''}
        </p>
        <label for="import-progress-bar" class="import-progress__label">
          進み具合
        </label>
        {j.total > 0 ? (
          <progress id="import-progress-bar" max={j.total} value={j.done}>
            {n(j.done)}／{n(j.total)}行
          </progress>
        ) : (
          <progress id="import-progress-bar">読み込み中</progress>
        )}
        <p role="status" data-counts>
          {j.phase === 'write'
            ? `${n(j.done)}／${n(j.total)}件を書き込みました。`
            : j.total > 0
              ? `${n(j.done)}／${n(j.total)}行を確かめました。`
              : 'ファイルを読み込んでいます。'}
          問題のある行：{n(j.errors)}件（ここまで）
        </p>
      </div>
      <p>
        {j.dryRun
          ? '確認だけなので、何も変更しません。'
          : '取り込みは、すべての行を書き終えて確定するまで団体の一覧に反映されません。途中で止まった場合は何も取り込まれません。'}
        書き込みの間は、ほかの画面の表示が少し遅くなることがあります。
      </p>
      <p>
        {p.auto ? (
          <>
            この画面は5秒ごとに自動で更新されます（JavaScriptが有効なら、画面を読み直さずに進み具合を表示します）。{' '}
            <a href={`/groups/import/jobs/${j.id}?auto=0`}>自動更新を止める</a>
          </>
        ) : (
          <a href={`/groups/import/jobs/${j.id}`}>最新の状態を表示する</a>
        )}
      </p>
    </>
  )
}

/** A job that did not finish: what happened, and the form as it was typed when the file is kept. */
export function JobStopped(p: {
  csrf: string
  job: ImportJob
  retry: { input: RunInput; preview: StagedImport['preview'] } | null
  settings?: Record<string, unknown>
}) {
  // the server stopped after the import was committed: start-up finished it (decision 0013)
  if (p.job.message === RECOVERED_MESSAGE)
    return (
      <>
        <h1>取り込みは再起動のときに完了しました</h1>
        <Notice kind="info">{p.job.message}</Notice>
        <p>
          <a href="/coordinator/groups">審査を待っている団体の一覧へ</a>　<a href="/groups">団体をさがす</a>
        </p>
      </>
    )
  const r = p.retry
  return (
    <>
      <h1>{p.job.state === 'interrupted' ? '取り込みは中断されました' : '取り込みに失敗しました'}</h1>
      <Notice kind="error">{p.job.message}</Notice>
      <p>
        中断した時点：{p.job.done.toLocaleString('ja-JP')}／{p.job.total.toLocaleString('ja-JP')}
        {p.job.phase === 'write' ? '件の書き込み中（書き込んだ行は取り除かれました）' : '行の確認中'}。
      </p>
      {r ? (
        <>
          <h2>同じ設定でもう一度実行する</h2>
          <MappingForm
            csrf={p.csrf}
            fileKey={r.input.key}
            header={r.preview.header}
            mapping={r.input.mapping}
            encoding={r.preview.encoding}
            rows={r.preview.rows}
            mode={r.input.mode}
            dup={r.input.dup}
            status={r.input.status}
            settings={p.settings}
            fieldValues={r.input.fieldValues}
            choices={r.input.choices}
          />
        </>
      ) : null}
      <p>
        <a href="/groups/import">別のファイルを選ぶ</a>
      </p>
    </>
  )
}
