import { AppError } from '../errors.ts'
import { headerKey } from './read.ts'

/** A column an import understands, with the header wordings mapped to it automatically. */
export interface ImportColumn {
  key: string
  label: string
  aliases: string[]
  required?: boolean
  /** Required unless the importer can fill it (e.g. a generated reading): shown as optional. */
  requiredNote?: string
}

/** Column key → index of the column in the header, or null (not imported). */
export type ColumnMap = Record<string, number | null>

export const knownHeaders = (columns: ImportColumn[]) =>
  columns.flatMap((c) => [c.label, c.key, ...c.aliases])

/** Map each column to the header cell that is its label, key or an alias (exact first, then contained). */
export function autoMap(header: string[], columns: ImportColumn[]): ColumnMap {
  const keys = header.map(headerKey)
  const used = new Set<number>()
  const out: ColumnMap = {}
  for (const c of columns) {
    const names = [c.label, c.key, ...c.aliases].map(headerKey)
    const i = keys.findIndex((k, j) => !used.has(j) && k !== '' && names.includes(k))
    out[c.key] = i >= 0 ? i : null
    if (i >= 0) used.add(i)
  }
  for (const c of columns) {
    if (out[c.key] !== null) continue
    const names = [c.label, ...c.aliases].map(headerKey).filter((n) => n.length >= 2)
    const i = keys.findIndex((k, j) => !used.has(j) && k !== '' && names.some((n) => k.includes(n)))
    if (i >= 0) {
      out[c.key] = i
      used.add(i)
    }
  }
  return out
}

/**
 * The `mapping` parameter, the same for every import: a JSON object (or an object) from column
 * key to a header text, a 0-based column index, or null / "" / -1 for "not imported". Keys not
 * given keep the automatic mapping. Page forms send map_<key> = index instead (`formMapping`).
 */
export function resolveMapping(
  header: string[],
  columns: ImportColumn[],
  given?: string | Record<string, unknown> | null,
): ColumnMap {
  const out = autoMap(header, columns)
  if (given === undefined || given === null || given === '') return out
  let obj: Record<string, unknown>
  if (typeof given === 'string') {
    try {
      obj = JSON.parse(given)
    } catch {
      throw new AppError(
        422,
        'validation',
        'mapping はJSONのオブジェクト（例：{"name":"団体名"}）で指定してください。',
        {
          mapping: 'JSONのオブジェクトで指定してください',
        },
      )
    }
  } else obj = given
  if (typeof obj !== 'object' || Array.isArray(obj) || obj === null)
    throw new AppError(422, 'validation', 'mapping はJSONのオブジェクトで指定してください。', {
      mapping: 'オブジェクトで指定してください',
    })
  const keys = header.map(headerKey)
  for (const [k, v] of Object.entries(obj)) {
    if (!columns.some((c) => c.key === k))
      throw new AppError(
        422,
        'validation',
        `mapping の「${k}」は取り込める列ではありません（${columns.map((c) => c.key).join(', ')}）。`,
        {
          mapping: `不明な列 ${k}`,
        },
      )
    if (v === null || v === '' || v === -1) out[k] = null
    else if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < header.length) out[k] = v
    else if (typeof v === 'string') {
      const i = keys.indexOf(headerKey(v))
      if (i < 0)
        throw new AppError(
          422,
          'validation',
          `mapping の「${k}」に指定された列「${v}」がファイルの見出しにありません。`,
          {
            mapping: `列「${v}」がありません`,
          },
        )
      out[k] = i
    } else
      throw new AppError(
        422,
        'validation',
        `mapping の「${k}」には見出しの文字列か列番号（0から）を指定してください。`,
        {
          mapping: `${k} の値が正しくありません`,
        },
      )
  }
  return out
}

/** The mapping sent by an import page: map_<key> = column index, or '' / '-1' for none. */
export function formMapping(
  body: Record<string, unknown>,
  columns: ImportColumn[],
  width: number,
): ColumnMap {
  const out: ColumnMap = {}
  for (const c of columns) {
    const raw = body[`map_${c.key}`]
    const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : null
    out[c.key] = n !== null && n < width ? n : null
  }
  return out
}

export interface RowError {
  /** Row number as Excel shows it. */
  row: number
  column: string
  message: string
}

/** Problems with the mapping itself: a required column without a column, a column used twice. */
export function mappingErrors(
  map: ColumnMap,
  columns: ImportColumn[],
  header: string[],
  headerLine = 1,
): RowError[] {
  const errors: RowError[] = []
  for (const c of columns)
    if (c.required && (map[c.key] === null || map[c.key] === undefined))
      errors.push({
        row: headerLine,
        column: c.label,
        message: `必須の列「${c.label}」がありません。見出しに「${c.label}」の列を追加するか、列の対応づけ（mapping）で選んでください。`,
      })
  const seen = new Map<number, string>()
  for (const c of columns) {
    const i = map[c.key]
    if (i === null || i === undefined) continue
    if (seen.has(i))
      errors.push({
        row: headerLine,
        column: header[i] ?? '',
        message: `列「${header[i]}」が「${seen.get(i)}」と「${c.label}」の両方に割り当てられています`,
      })
    else seen.set(i, c.label)
  }
  return errors
}

/** Each row as { columnKey: trimmed cell } under the mapping. */
export function applyMapping(rows: { line: number; cells: string[] }[], map: ColumnMap) {
  const entries = Object.entries(map)
  return rows.map((r) => {
    const values: Record<string, string> = {}
    for (const [k, i] of entries) values[k] = i === null ? '' : (r.cells[i] ?? '').trim()
    return { line: r.line, values }
  })
}
