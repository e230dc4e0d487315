import { type Options as CsvParseOptions, parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import type { Context } from 'hono'
import iconv from 'iconv-lite'
import { AppError } from './errors.ts'

/**
 * CSV as city hall uses it: UTF-8 with BOM and CRLF by default (Excel opens it), CP932
 * (Shift_JIS) on request, failing loudly on characters CP932 cannot hold. Import reads both.
 */

export type CsvEncoding = 'utf-8' | 'cp932'

export interface DecodedCsv {
  text: string
  encoding: 'utf-8' | 'utf-8-bom' | 'cp932'
}

/** Detect UTF-8 (with or without BOM) or CP932 and decode; refuses bytes that are neither. */
export function decodeCsv(buf: Uint8Array): DecodedCsv {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8-bom' }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' }
  } catch {
    // not UTF-8: try CP932
  }
  const text = iconv.decode(Buffer.from(buf), 'cp932')
  if (text.includes('\uFFFD')) {
    throw new AppError(
      422,
      'csv_encoding',
      'ファイルの文字コードを判別できませんでした。UTF-8 または Shift_JIS（CP932）で保存したCSVファイルを選んでください。',
    )
  }
  return { text, encoding: 'cp932' }
}

/**
 * csv-parse's `parse` with relaxed column counts, as both readers use it. csv-parse builds an
 * error object for every record whose length differs from the first record's, even when told to
 * accept it (it keeps it in its state): below a city's title row that is every row. Without a
 * stack to capture, building those errors costs half as much (reading 20,000 rows: 650 → 390 ms). Real
 * syntax errors still throw; the callers report them by line, never by stack.
 */
export function parseRelaxed(text: string, options: Omit<CsvParseOptions, 'relax_column_count'>): string[][] {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return parse(text, { ...options, relax_column_count: true }) as string[][]
  } finally {
    Error.stackTraceLimit = limit
  }
}

export interface ParsedCsv {
  header: string[]
  /** Data rows; `line` is the 1-based row number as Excel shows it (header is row 1). */
  rows: { line: number; cells: string[] }[]
}

export interface ParseLimits {
  maxRows?: number
  maxFieldChars?: number
}

/** Parse decoded CSV text. Structural problems (unclosed quotes, too many rows) are AppErrors in Japanese. */
export function parseCsv(text: string, limits: ParseLimits = {}): ParsedCsv {
  const maxRows = limits.maxRows ?? 100_000
  const maxField = limits.maxFieldChars ?? 100_000
  let records: string[][]
  try {
    records = parseRelaxed(text, { skip_empty_lines: true, bom: true, max_record_size: maxField * 4 })
  } catch (e: any) {
    const line = e.lines ?? e.line
    throw new AppError(
      422,
      'csv_syntax',
      `CSVファイルを読み取れませんでした${line ? `（${line}行目付近）` : ''}。引用符（"）の閉じ忘れや、極端に長い行がないか確認してください。`,
    )
  }
  if (records.length === 0)
    throw new AppError(
      422,
      'csv_empty',
      'CSVファイルにデータがありません。1行目に見出し、2行目以降にデータを入れてください。',
    )
  if (records.length - 1 > maxRows) {
    throw new AppError(
      413,
      'csv_too_many_rows',
      `データが${(records.length - 1).toLocaleString('ja-JP')}行あります。一度に取り込めるのは${maxRows.toLocaleString('ja-JP')}行までです。ファイルを分けてください。`,
    )
  }
  const header = records[0].map((h) => h.normalize('NFKC').trim())
  return {
    header,
    rows: records.slice(1).map((cells, i) => ({ line: i + 2, cells: cells.map(unescapeCell) })),
  }
}

/** Characters that make a spreadsheet read a cell as a formula (or DDE) when it starts with them. */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One cell as written: text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so
 * Excel and LibreOffice show it as text instead of running it (CSV injection). This applies to
 * every string, also "-5" or "+81…" held as text. JS numbers (e.g. -5 from a number column) are
 * written as they are: a number cannot hold a formula. `parseCsv` takes the `'` off again, so an
 * exported file imports back unchanged.
 */
export function csvCell(x: string | number | null | undefined): string {
  if (x === null || x === undefined) return ''
  if (typeof x === 'number') return Number.isFinite(x) ? String(x) : ''
  const s = String(x)
  return FORMULA_START.test(s) ? `'${s}` : s
}

/** Undo `csvCell`'s prefix on import. */
const unescapeCell = (s: string) => (s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s)

/** Build a CSV file: header row then rows; CRLF; UTF-8 with BOM, or CP932 (refusing what it cannot hold). */
export function toCsv(
  header: string[],
  rows: (string | number | null | undefined)[][],
  encoding: CsvEncoding = 'utf-8',
): Buffer {
  const text = stringify([header.map(csvCell), ...rows.map((r) => r.map(csvCell))], {
    record_delimiter: '\r\n',
    // A lone CR or LF inside a cell must be quoted too, or readers split the row there.
    quoted_match: /[\r\n]/,
  })
  if (encoding === 'utf-8') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
  const bad: string[] = []
  for (const [i, r] of rows.entries()) {
    for (const [j, cell] of r.entries()) {
      const s = cell === null || cell === undefined ? '' : String(cell)
      if (bad.length < 10 && iconv.decode(iconv.encode(s, 'cp932'), 'cp932') !== s) {
        const ch = [...s].find((x) => iconv.decode(iconv.encode(x, 'cp932'), 'cp932') !== x)
        bad.push(`${i + 2}行目「${header[j]}」の「${ch}」`)
      }
    }
  }
  if (bad.length) {
    throw new AppError(
      422,
      'csv_cp932',
      `Shift_JIS（CP932）で表せない文字があるため出力できません：${bad.join('、')}。UTF-8で出力してください。`,
    )
  }
  return iconv.encode(text, 'cp932')
}

/** A CSV download response with a Japanese file name. */
export function csvResponse(c: Context, filename: string, body: Buffer, encoding: CsvEncoding = 'utf-8') {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_')
  return c.body(new Uint8Array(body), 200, {
    'content-type': `text/csv; charset=${encoding === 'cp932' ? 'Shift_JIS' : 'UTF-8'}`,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'cache-control': 'no-store',
  })
}
