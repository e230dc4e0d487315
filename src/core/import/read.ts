import { createRequire } from 'node:module'
import type ExcelJS from 'exceljs'
import { decodeCsv, parseRelaxed } from '../csv.ts'
import { AppError } from '../errors.ts'

// exceljs is loaded on first use: importing it costs every process that loads the app (the
// server, each test file) a few hundred milliseconds for a workbook it may never read or write.
let excel: typeof ExcelJS | undefined
const Excel = () => (excel ??= createRequire(import.meta.url)('exceljs') as typeof ExcelJS)

/**
 * Step 1 of every import (groups, departments, areas): read the uploaded bytes, CSV in UTF-8
 * (with or without BOM) or CP932, or an Excel workbook (.xlsx, first sheet), into a table whose
 * rows carry the row number as Excel shows it. The header row is found even below a title row or
 * blank rows; trailing empty columns are dropped; header cells are NFKC-normalised and trimmed.
 */

export interface ImportTable {
  header: string[]
  /** Data rows; `line` is the row number as Excel shows it. Rows whose cells are all blank are left out. */
  rows: { line: number; cells: string[] }[]
  encoding: 'utf-8' | 'utf-8-bom' | 'cp932' | 'xlsx'
  format: 'csv' | 'xlsx'
  /** The Excel row number of the header. */
  headerLine: number
}

export interface ReadOptions {
  maxRows?: number
  /** Header texts that are known (aliases of the columns); used to find the header row. */
  known?: string[]
}

export const headerKey = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\u3000()（）「」【】[\]＊*※:：]/g, '')
    .toLowerCase()

const isXlsx = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

/** Records as Excel rows: index i is row i + 1. */
async function records(bytes: Uint8Array): Promise<{ recs: string[][]; encoding: ImportTable['encoding'] }> {
  if (isXlsx(bytes)) {
    const wb = new (Excel().Workbook)()
    try {
      await wb.xlsx.load(Buffer.from(bytes) as any)
    } catch {
      throw new AppError(
        422,
        'xlsx_unreadable',
        'Excelファイル（.xlsx）を読み取れませんでした。保存し直してから選んでください。',
      )
    }
    const ws = wb.worksheets[0]
    if (!ws) throw new AppError(422, 'csv_empty', 'Excelファイルにシートがありません。')
    const recs: string[][] = []
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: string[] = []
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = cell.value as any
        let t: string
        if (v === null || v === undefined) t = ''
        else if (v instanceof Date) t = v.toISOString().slice(0, 10)
        else if (typeof v === 'object' && 'result' in v) t = String(v.result ?? '')
        else if (typeof v === 'object' && 'text' in v) t = String(v.text ?? '')
        else if (typeof v === 'object' && 'richText' in v) t = v.richText.map((r: any) => r.text).join('')
        else t = String(v)
        cells[col - 1] = t
      })
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = ''
      recs[n - 1] = cells
    })
    for (let i = 0; i < recs.length; i++) if (!recs[i]) recs[i] = []
    return { recs, encoding: 'xlsx' }
  }
  const dec = decodeCsv(bytes)
  try {
    const recs = parseRelaxed(dec.text, { skip_empty_lines: false, bom: true, max_record_size: 400_000 })
    return { recs, encoding: dec.encoding }
  } catch (e: any) {
    const line = e.lines ?? e.line
    throw new AppError(
      422,
      'csv_syntax',
      `CSVファイルを読み取れませんでした${line ? `（${line}行目付近）` : ''}。引用符（"）の閉じ忘れや、極端に長い行がないか確認してください。`,
    )
  }
}

const blank = (cells: string[]) => cells.every((c) => !c?.trim())

/** Find the header among the first rows: the one naming most known columns (else the first full row). */
export function findHeader(recs: string[][], known: string[]): number {
  const keys = new Set(known.map(headerKey))
  let best = -1
  let bestScore = 0
  const limit = Math.min(recs.length, 30)
  for (let i = 0; i < limit; i++) {
    const score = recs[i].filter((c) => c && keys.has(headerKey(c))).length
    if (score > bestScore) {
      best = i
      bestScore = score
    }
  }
  if (best >= 0) return best
  // no known header: the first row with at least two filled cells (a title row has one)
  for (let i = 0; i < limit; i++) if (recs[i].filter((c) => c?.trim()).length >= 2) return i
  return recs.findIndex((r) => !blank(r))
}

export async function readTable(bytes: Uint8Array, opts: ReadOptions = {}): Promise<ImportTable> {
  const maxRows = opts.maxRows ?? 100_000
  const { recs, encoding } = await records(bytes)
  const h = findHeader(recs, opts.known ?? [])
  if (h < 0 || recs.length === 0)
    throw new AppError(
      422,
      'csv_empty',
      'ファイルにデータがありません。見出しの行と、その下にデータの行を入れてください。',
    )
  const header = recs[h].map((x) => (x ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim())
  while (header.length && header[header.length - 1] === '') header.pop()
  const rows: ImportTable['rows'] = []
  for (let i = h + 1; i < recs.length; i++) {
    const cells = recs[i]
    if (blank(cells)) continue
    rows.push({ line: i + 1, cells })
  }
  if (rows.length > maxRows)
    throw new AppError(
      413,
      'csv_too_many_rows',
      `データが${rows.length.toLocaleString('ja-JP')}行あります。一度に取り込めるのは${maxRows.toLocaleString('ja-JP')}行までです。ファイルを分けてください。`,
    )
  return { header, rows, encoding, format: encoding === 'xlsx' ? 'xlsx' : 'csv', headerLine: h + 1 }
}
