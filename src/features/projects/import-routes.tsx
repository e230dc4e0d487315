import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { readTable } from '../../core/import/index.ts'
import { lookups } from '../needs/index.ts'
import { commitImport, IMPORT_COLUMNS, type ImportPreview, previewImport, unconfirmed } from './import.ts'
import { ImportPreviewPage, ImportUpload } from './views.tsx'

/** Registering existing collaborations from CSV/Excel: upload → check and confirm partners → register. */
export const projectsImportRoutes = new Hono<AppEnv>()
type C = Context<AppEnv>
const CRUMBS = [{ label: '協働事業', href: '/projects' }, { label: 'これまでの協働事業を取り込む' }]
const MAX_ROWS = 2000

const upload = (c: C, error?: string) =>
  render(
    c,
    'これまでの協働事業を取り込む',
    <ImportUpload csrf={c.get('csrfToken')} columns={IMPORT_COLUMNS} error={error} />,
    {
      crumbs: CRUMBS,
      section: 'projects',
      status: error ? 422 : undefined,
    },
  )

async function previewPage(
  c: C,
  ctx: Ctx,
  table: string,
  preview: ImportPreview,
  opts: { confirm?: Record<string, string>; message?: string; status?: 422 } = {},
) {
  const lk = await lookups(ctx)
  return render(
    c,
    '取り込む内容の確認',
    <ImportPreviewPage
      csrf={c.get('csrfToken')}
      table={table}
      preview={preview}
      lk={lk}
      confirm={opts.confirm}
      message={opts.message}
    />,
    { crumbs: CRUMBS, section: 'projects', status: opts.status ?? (preview.errors.length ? 422 : undefined) },
  )
}

projectsImportRoutes.get('/projects/import', async (c) => {
  await authorize(c, 'project.import')
  return upload(c)
})

projectsImportRoutes.post('/projects/import', async (c) => {
  const ctx = await authorize(c, 'project.import')
  const body = await c.req.parseBody()
  const file = body.file
  if (!(file instanceof File) || file.size === 0) return upload(c, 'CSVまたはExcelのファイルを選んでください')
  let table: { header: string[]; rows: { line: number; cells: string[] }[] }
  try {
    const t = await readTable(new Uint8Array(await file.arrayBuffer()), {
      maxRows: MAX_ROWS,
      known: IMPORT_COLUMNS.map((x) => x.label),
    })
    table = { header: t.header, rows: t.rows }
  } catch (e) {
    return upload(
      c,
      `ファイルを読めませんでした（${(e as Error).message}）。CSVかExcelのファイルを選んでください`,
    )
  }
  return previewPage(c, ctx, JSON.stringify(table), await previewImport(ctx, table))
})

/** The table travels in the form as JSON and is checked again here: nothing unchecked is written. */
function tableOf(raw: unknown): { header: string[]; rows: { line: number; cells: string[] }[] } | null {
  try {
    const t = JSON.parse(String(raw ?? ''))
    const strings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string')
    if (!strings(t.header) || !Array.isArray(t.rows) || t.rows.length > MAX_ROWS) return null
    if (!t.rows.every((r: any) => Number.isInteger(r?.line) && strings(r?.cells))) return null
    return t
  } catch {
    return null
  }
}

projectsImportRoutes.post('/projects/import/confirm', async (c) => {
  const ctx = await authorize(c, 'project.import')
  const body = await formBody(c)
  const table = tableOf(body.table)
  if (!table) return upload(c, '取り込む内容が読めませんでした。ファイルをもう一度選んでください')
  const preview = await previewImport(ctx, table)
  const confirm: Record<string, string> = {}
  for (const [k, v] of Object.entries(body)) {
    const m = k.match(/^confirm_(\d+)_(\d+)$/)
    if (m) confirm[`${m[1]}:${m[2]}`] = String(v)
  }
  if (preview.errors.length) return previewPage(c, ctx, JSON.stringify(table), preview)
  const open = unconfirmed(preview, confirm)
  if (open.length)
    return previewPage(c, ctx, JSON.stringify(table), preview, {
      confirm,
      status: 422,
      message: `名前が近い登録団体がある相手（${open.length}件）について、同じ団体かどうかを選んでください`,
    })
  const n = await commitImport(ctx, preview, confirm)
  setFlash(c, `${n}件の協働事業を登録しました。`)
  return c.redirect('/projects', 303)
})
