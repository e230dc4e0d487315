import type { Ctx } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { deleteFile, getFile, keyOfTenant, putBytes } from '../../core/storage.ts'
import * as io from './io.ts'

/** The uploaded list, kept until it is imported, with the proposed column mapping. */
export type StagedImport = {
  ok: true
  key: string
  preview: ReturnType<typeof io.previewCsv>
  mapping: Record<string, number>
}

/** Step 1 of the CSV import page: check the file, keep it, propose how its columns map. */
export async function stageImport(
  ctx: Ctx,
  file: unknown,
): Promise<StagedImport | { ok: false; message: string }> {
  if (!(file instanceof File) || file.size === 0)
    return { ok: false, message: 'CSVファイルを選んでください。' }
  if (file.size > io.MAX_IMPORT_BYTES)
    return { ok: false, message: 'ファイルが大きすぎます。64MB以下に分けてください。' }
  const bytes = new Uint8Array(await file.arrayBuffer())
  let preview: ReturnType<typeof io.previewCsv>
  try {
    preview = io.previewCsv(bytes)
  } catch (e) {
    if (e instanceof AppError) return { ok: false, message: e.message }
    throw e
  }
  const key = await putBytes(ctx.config, ctx.tenantId, bytes)
  return { ok: true, key, preview, mapping: io.proposeMapping(preview.header) }
}

export type ImportRun = Awaited<ReturnType<typeof runImport>>

/**
 * Step 2: try (dry_run) or run the import of a staged file with the chosen mapping, mode and
 * per-row duplicate choices. The file is deleted once its rows are imported.
 */
export async function runImport(ctx: Ctx, body: Record<string, unknown>) {
  const key = String(body.key ?? '')
  if (!keyOfTenant(key, ctx.tenantId)) throw notFound('ファイル')
  const bytes = new Uint8Array(await getFile(ctx.config, key))
  const mapping: Record<string, number> = {}
  for (const col of io.IMPORT_COLUMNS)
    mapping[col.key] = Number.parseInt(String(body[`map_${col.key}`] ?? '-1'), 10)
  const mode: 'good' | 'all' = body.mode === 'good' ? 'good' : 'all'
  const dup: 'merge' | 'skip' = body.duplicates === 'merge' ? 'merge' : 'skip'
  const dryRun = body.dry_run !== 'false'
  const choices: Record<number, 'merge' | 'skip'> = {}
  for (const [k, v] of Object.entries(body))
    if (/^dup_\d+$/.test(k) && (v === 'merge' || v === 'skip')) choices[Number(k.slice(4))] = v
  const preview = io.previewCsv(bytes)
  const report = await io.importGroups(ctx, bytes, {
    dryRun,
    mode,
    duplicates: dup,
    mapping,
    duplicateChoices: choices,
  })
  // the uploaded list is not kept once imported
  if (!dryRun && !report.unchanged) await deleteFile(ctx.config, key)
  return { key, preview, mapping, mode, dup, dryRun, choices, report }
}
