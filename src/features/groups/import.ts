import type { Ctx } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { type ColumnMap, formMapping } from '../../core/import/index.ts'
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

export type ImportRun = Awaited<ReturnType<typeof runImport>>

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

/**
 * Step 2: try (dryRun) or run the import of a staged file with the chosen mapping, mode, status,
 * field-value mapping and per-row duplicate choices. The file is deleted once its rows are imported.
 */
export async function runImport(ctx: Ctx, body: Record<string, unknown>) {
  const key = String(body.key ?? '')
  if (!keyOfTenant(key, ctx.tenantId)) throw notFound('ファイル')
  const bytes = new Uint8Array(await getFile(ctx.config, key))
  const preview = await io.previewFile(bytes)
  const mapping = formMapping(body, io.IMPORT_COLUMNS, preview.header.length)
  const mode: 'good_only' | 'all' = body.mode === 'good_only' ? 'good_only' : 'all'
  const dup: 'merge' | 'skip' = body.duplicates === 'merge' ? 'merge' : 'skip'
  const status: io.ImportStatus = body.status === 'published' ? 'published' : 'pending'
  const dryRun = body.dryRun !== 'false'
  const fieldValues = fieldValuesFromForm(body)
  const choices: Record<number, 'merge' | 'skip'> = {}
  for (const [k, v] of Object.entries(body))
    if (/^dup_\d+$/.test(k) && (v === 'merge' || v === 'skip')) choices[Number(k.slice(4))] = v
  const report = await io.importGroups(ctx, bytes, {
    dryRun,
    mode,
    duplicates: dup,
    mapping,
    duplicateChoices: choices,
    fieldValues,
    status,
  })
  // the uploaded list is not kept once imported
  if (report.applied) await deleteFile(ctx.config, key)
  return { key, preview, mapping, mode, dup, status, dryRun, choices, fieldValues, report }
}
