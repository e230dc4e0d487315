import { z } from '@hono/zod-openapi'

/**
 * The parameters every import takes (groups, departments, areas), in the query string or as
 * multipart fields next to `file`:
 * - `dryRun` (default true): check and report; nothing is written.
 * - `mode`: `all` (nothing unless every row is good) or `good_only` (the good rows; others reported).
 * - `mapping`: JSON object, column key → header text or 0-based column index (or null: not imported).
 */
export const ImportMode = z.enum(['all', 'good_only'])
export type ImportMode = z.infer<typeof ImportMode>

export const importQuery = {
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: '既定 true。true は確認のみ（何も書き込みません）。false で取り込む' }),
  mode: ImportMode.optional().openapi({
    description: 'all（既定）：すべての行に問題がないときだけ取り込む／good_only：問題のない行だけ取り込む',
  }),
  mapping: z.string().optional().openapi({
    description:
      '列の対応づけ（JSON）。列キー → 見出しの文字列または0始まりの列番号、null で取り込まない。例：{"name":"団体名","nameKana":null}',
    example: '{"name":"団体名"}',
  }),
}

export interface ImportParams {
  dryRun: boolean
  mode: ImportMode
  mapping?: string
}

/** Read the shared parameters from the query string, falling back to multipart fields. */
export function importParams(
  q: Record<string, string | undefined>,
  body: Record<string, unknown> = {},
): ImportParams {
  const pick = (k: string) => q[k] ?? (typeof body[k] === 'string' ? (body[k] as string) : undefined)
  const mode = pick('mode')
  return {
    dryRun: pick('dryRun') !== 'false',
    mode: mode === 'good_only' ? 'good_only' : 'all',
    mapping: pick('mapping'),
  }
}

export const ImportErrorSchema = z.object({
  row: z.number().openapi({ description: 'Excelで見える行番号' }),
  column: z.string(),
  message: z.string(),
})

/** The report shape shared by every import. */
export const ImportReportSchema = z.object({
  dryRun: z.boolean(),
  mode: ImportMode,
  applied: z
    .boolean()
    .openapi({ description: '書き込んだか（確認のみ、または全件モードで誤りがあれば false）' }),
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  errors: z.array(ImportErrorSchema),
  encoding: z.string(),
  headerLine: z.number(),
  mapping: z.record(z.string(), z.number().nullable()),
})
