import type { Ctx } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import {
  type ColumnMap,
  formMapping,
  importJob,
  type JobProgress,
  startImportJob,
} from '../../core/import/index.ts'
import { deleteFile, getFile, keyOfTenant, putBytes } from '../../core/storage.ts'
import * as io from './io.ts'

type Preview = Awaited<ReturnType<typeof io.previewFile>>

/** The uploaded list, kept until it is imported, with the proposed column mapping. */
export type StagedImport = {
  ok: true
  key: string
  preview: Preview
  mapping: ColumnMap
}

/** Step 1 of the import page: check the file (CSV or XLSX), keep it, propose how its columns map. */
export async function stageImport(
  ctx: Ctx,
  file: unknown,
): Promise<StagedImport | { ok: false; message: string }> {
  if (!(file instanceof File) || file.size === 0)
    return { ok: false, message: 'CSVまたはExcel（.xlsx）のファイルを選んでください。' }
  if (file.size > io.MAX_IMPORT_BYTES)
    return { ok: false, message: 'ファイルが大きすぎます。64MB以下に分けてください。' }
  const bytes = new Uint8Array(await file.arrayBuffer())
  let preview: Preview
  try {
    preview = await io.previewFile(bytes)
  } catch (e) {
    if (e instanceof AppError) return { ok: false, message: e.message }
    throw e
  }
  const key = await putBytes(ctx.config, ctx.tenantId, bytes)
  return { ok: true, key, preview, mapping: io.proposeMapping(preview.header) }
}

/** What the mapping form sends for a run: file, column mapping and the choices. */
export interface RunInput {
  key: string
  mapping: ColumnMap
  mode: 'good_only' | 'all'
  dup: 'merge' | 'skip'
  status: io.ImportStatus
  dryRun: boolean
  choices: Record<number, 'merge' | 'skip'>
  fieldValues: Record<string, string>
}

/** Field values mapped on the page: fvv_<i> = the value, fv_<i> = a field code, '' (ignore) or '?' (not chosen). */
export function fieldValuesFromForm(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(body)) {
    const m = k.match(/^fvv_(k?\d+)$/)
    if (!m || typeof v !== 'string') continue
    const choice = body[`fv_${m[1]}`]
    if (typeof choice === 'string' && choice !== '?') out[v] = choice
  }
  return out
}

/** The run the mapping form asks for (indexes past the file's width are dropped by the import). */
export function runInput(body: Record<string, unknown>): RunInput {
  const choices: Record<number, 'merge' | 'skip'> = {}
  for (const [k, v] of Object.entries(body))
    if (/^dup_\d+$/.test(k) && (v === 'merge' || v === 'skip')) choices[Number(k.slice(4))] = v
  return {
    key: String(body.key ?? ''),
    mapping: formMapping(body, io.IMPORT_COLUMNS, Number.MAX_SAFE_INTEGER),
    mode: body.mode === 'good_only' ? 'good_only' : 'all',
    dup: body.duplicates === 'merge' ? 'merge' : 'skip',
    status: body.status === 'published' ? 'published' : 'pending',
    dryRun: body.dryRun !== 'false',
    choices,
    fieldValues: fieldValuesFromForm(body),
  }
}

export type ImportRun = RunInput & { preview: Preview; report: io.ImportReport }

/**
 * Step 2: try (dryRun) or run the import of a staged file with the chosen mapping, mode, status,
 * field-value mapping and per-row duplicate choices. The file is deleted once its rows are imported.
 */
export async function runImport(
  ctx: Ctx,
  input: RunInput,
  progress?: (p: JobProgress) => Promise<void>,
  jobId?: string,
): Promise<ImportRun> {
  if (!keyOfTenant(input.key, ctx.tenantId)) throw notFound('ファイル')
  const bytes = new Uint8Array(await getFile(ctx.config, input.key))
  const table = await io.readImportTable(bytes)
  const preview = io.previewOf(table)
  const report = await io.importGroups(ctx, bytes, {
    dryRun: input.dryRun,
    mode: input.mode,
    duplicates: input.dup,
    mapping: input.mapping,
    duplicateChoices: input.choices,
    fieldValues: input.fieldValues,
    status: input.status,
    table,
    jobId,
    onProgress: progress
      ? (phase, done, total, errors) => progress({ phase, done, total, errors })
      : undefined,
  })
  // the uploaded list is not kept once imported
  if (report.applied) await deleteFile(ctx.config, input.key)
  return { ...input, mapping: report.mapping, preview, report }
}

/** The kind of this room's import jobs. */
export const JOB_KIND = 'groups'

/** Start the run as a job (the page shows its progress); returns the job id. */
export async function startRun(ctx: Ctx, body: Record<string, unknown>): Promise<string> {
  const input = runInput(body)
  if (!keyOfTenant(input.key, ctx.tenantId)) throw notFound('ファイル')
  return startImportJob(ctx, {
    kind: JOB_KIND,
    dryRun: input.dryRun,
    params: input as unknown as Record<string, unknown>,
    run: async (progress, id) =>
      (await runImport(ctx, input, progress, id)) as unknown as Record<string, unknown>,
  })
}

/** A job of this room; for a job that did not finish, the form as it was typed (when the file is still kept). */
export async function jobView(ctx: Ctx, id: string) {
  const job = await importJob(ctx, JOB_KIND, id)
  if (!job) throw notFound('取り込み')
  const run = job.state === 'done' ? (job.result as unknown as ImportRun) : null
  let retry: { input: RunInput; preview: Preview } | null = null
  if (job.state === 'failed' || job.state === 'interrupted') {
    const input = job.params as unknown as RunInput
    try {
      if (keyOfTenant(input.key, ctx.tenantId))
        retry = { input, preview: await io.previewFile(new Uint8Array(await getFile(ctx.config, input.key))) }
    } catch {
      retry = null
    }
  }
  return { job, run, retry }
}
