/**
 * Pure rules of the city's organisation: the municipality code, prefectures, department
 * kinds, and the CSV import of departments and areas (column mapping and row checks).
 */
import {
  autoMap as coreAutoMap,
  type ColumnMap as CoreColumnMap,
  type ImportColumn,
} from '../../core/import/index.ts'
import { normalizeFurigana, normalizePhone } from '../../core/japanese/index.ts'

// ---------------------------------------------------------------- 全国地方公共団体コード

/**
 * The check digit of a 5-digit 団体コード: digits weighted 6,5,4,3,2, summed, mod 11;
 * check = 11 − remainder, keeping its last digit (10 → 0, 11 → 1).
 */
export function municipalityCheckDigit(first5: string): number {
  const w = [6, 5, 4, 3, 2]
  const sum = [...first5].reduce((s, ch, i) => s + Number(ch) * w[i], 0)
  return (11 - (sum % 11)) % 10
}

/** True for a 6-digit code whose 6th digit is the right check digit (132039 武蔵野市). */
export function isValidMunicipalityCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false
  return municipalityCheckDigit(code.slice(0, 5)) === Number(code[5])
}

export const PREFECTURES = [
  '北海道',
  '青森県',
  '岩手県',
  '宮城県',
  '秋田県',
  '山形県',
  '福島県',
  '茨城県',
  '栃木県',
  '群馬県',
  '埼玉県',
  '千葉県',
  '東京都',
  '神奈川県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
  '山梨県',
  '長野県',
  '岐阜県',
  '静岡県',
  '愛知県',
  '三重県',
  '滋賀県',
  '京都府',
  '大阪府',
  '兵庫県',
  '奈良県',
  '和歌山県',
  '鳥取県',
  '島根県',
  '岡山県',
  '広島県',
  '山口県',
  '徳島県',
  '香川県',
  '愛媛県',
  '高知県',
  '福岡県',
  '佐賀県',
  '長崎県',
  '熊本県',
  '大分県',
  '宮崎県',
  '鹿児島県',
  '沖縄県',
] as const

/** The first two digits of a 団体コード are the prefecture (01 北海道 … 47 沖縄県). */
export function prefectureOfCode(code: string): string | null {
  const n = Number(code.slice(0, 2))
  return n >= 1 && n <= 47 ? PREFECTURES[n - 1] : null
}

// ---------------------------------------------------------------- departments

export const DEPARTMENT_KINDS = ['bu', 'ka', 'other'] as const
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number]
export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  bu: '部・局',
  ka: '課・室',
  other: 'その他（委員会・事務局など）',
}

/** Reads a kind as people write it in a spreadsheet: 部, 局, 課, 室, その他, or the code. */
export function parseDepartmentKind(s: string): DepartmentKind | null {
  const t = s.normalize('NFKC').trim().toLowerCase()
  if (t === '') return null
  if (['bu', '部', '局', '部・局', '部局'].includes(t)) return 'bu'
  if (['ka', '課', '室', '課・室', '課室', '係', '担当'].includes(t)) return 'ka'
  if (['other', 'その他', '委員会', '事務局', 'その他(委員会・事務局など)'].includes(t)) return 'other'
  return null
}

/** Guess the kind from the name when the file has no kind column. */
export function guessDepartmentKind(name: string): DepartmentKind {
  if (/(部|局)$/.test(name)) return 'bu'
  if (/(課|室|係|センター|事務所)$/.test(name)) return 'ka'
  return 'other'
}

// ---------------------------------------------------------------- CSV import: mapping

/** A column of the departments or areas import (the shared pipeline's ImportColumn). */
export type ImportField = ImportColumn

export type ColumnMap = CoreColumnMap

/** Map each field to the CSV column whose header is its label, key or an alias (the shared pipeline). */
export const autoMap = coreAutoMap
/** Read a mapping from form values map_<key> = column index or ''. Out-of-range indexes are dropped. */
export function mappingFromForm(
  body: Record<string, unknown>,
  fields: ImportField[],
  columns: number,
): ColumnMap {
  const out: ColumnMap = {}
  for (const f of fields) {
    const raw = body[`map_${f.key}`]
    const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : null
    out[f.key] = n !== null && n < columns ? n : null
  }
  return out
}

export interface RowError {
  /** Row number as the spreadsheet shows it (header is row 1). */
  row: number
  column: string
  message: string
}

export interface RawRow {
  line: number
  values: Record<string, string>
}

/** Problems with the mapping itself (a required field without a column, a column used twice). */
export function mappingErrors(map: ColumnMap, fields: ImportField[], header: string[]): RowError[] {
  const errors: RowError[] = []
  for (const f of fields)
    if (f.required && map[f.key] === null)
      errors.push({ row: 1, column: f.label, message: `「${f.label}」に対応する列を選んでください` })
  const seen = new Map<number, string>()
  for (const f of fields) {
    const i = map[f.key]
    if (i === null || i === undefined) continue
    if (seen.has(i))
      errors.push({
        row: 1,
        column: header[i] ?? '',
        message: `列「${header[i]}」が「${seen.get(i)}」と「${f.label}」の両方に割り当てられています`,
      })
    else seen.set(i, f.label)
  }
  return errors
}

/** Apply a mapping to parsed rows: each row becomes { fieldKey: trimmed cell }. */
export function applyMapping(rows: { line: number; cells: string[] }[], map: ColumnMap): RawRow[] {
  return rows.map((r) => {
    const values: Record<string, string> = {}
    for (const [k, i] of Object.entries(map)) values[k] = i === null ? '' : (r.cells[i] ?? '').trim()
    return { line: r.line, values }
  })
}

// ---------------------------------------------------------------- departments import

export const DEPARTMENT_FIELDS: ImportField[] = [
  {
    key: 'name',
    label: '部署名',
    aliases: ['課名', '部名', '課室名', '所属名', '組織名', '名称', '部課名'],
    required: true,
  },
  {
    key: 'nameKana',
    label: 'フリガナ',
    aliases: ['ふりがな', '読み', 'よみがな', 'カナ', '部署名フリガナ', 'name_kana'],
  },
  { key: 'kind', label: '種別', aliases: ['区分', '組織区分', '種類'] },
  {
    key: 'parent',
    label: '上位部署',
    aliases: ['部', '所属部', '上位組織', '親部署', '部局', '部局名', 'parent'],
  },
  { key: 'duties', label: '所掌事務', aliases: ['事務分掌', '分掌事務', '担当業務', '業務内容', '主な業務'] },
  { key: 'phone', label: '電話番号', aliases: ['電話', 'tel', '連絡先電話番号'] },
  { key: 'email', label: 'メールアドレス', aliases: ['メール', 'e-mail', 'mail', '電子メール'] },
  { key: 'location', label: '所在地', aliases: ['場所', '庁舎', '窓口', '所在'] },
  { key: 'sortOrder', label: '表示順', aliases: ['並び順', '順番', '順序', 'sort_order'] },
]

export interface DepartmentImportRow {
  line: number
  name: string
  nameKana: string
  kind: DepartmentKind | null
  parentName: string
  duties: string
  phone: string
  email: string
  location: string
  sortOrder: number | null
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Check every row of a department CSV; returns the good rows and every problem by row and
 * column. `existing` are the names already registered; a parent must be one of them or
 * another good row of the file.
 */
export function checkDepartmentRows(
  rows: RawRow[],
  existing: Set<string>,
): { good: DepartmentImportRow[]; errors: RowError[] } {
  const errors: RowError[] = []
  const good: DepartmentImportRow[] = []
  const seen = new Map<string, number>()
  const label = (k: string) => DEPARTMENT_FIELDS.find((f) => f.key === k)!.label
  for (const r of rows) {
    const v = r.values
    const rowErrors: RowError[] = []
    const err = (k: string, message: string) => rowErrors.push({ row: r.line, column: label(k), message })
    const name = (v.name ?? '').normalize('NFC').trim()
    if (!name) err('name', '部署名が空です。部署名を入力してください')
    else if (name.length > 100) err('name', '部署名は100文字以内で入力してください')
    else if (seen.has(name)) err('name', `部署名「${name}」が${seen.get(name)}行目と重複しています`)
    const kana = normalizeFurigana(v.nameKana ?? '')
    if (kana === null) err('nameKana', 'フリガナはカタカナ（またはひらがな）で入力してください')
    let kind: DepartmentKind | null = null
    if (v.kind) {
      kind = parseDepartmentKind(v.kind)
      if (!kind)
        err('kind', `種別「${v.kind}」は使えません。「部」「課」「その他」のいずれかを入力してください`)
    }
    const parentName = (v.parent ?? '').trim()
    if (parentName && parentName === name) err('parent', '上位部署に自分自身は指定できません')
    let phone = ''
    if (v.phone) {
      const p = normalizePhone(v.phone)
      if (!p) err('phone', '電話番号は市外局番から10桁または11桁の数字で入力してください（例：0422-60-1800）')
      else phone = p
    }
    const email = (v.email ?? '').normalize('NFKC').trim().toLowerCase()
    if (email && !EMAIL_RE.test(email))
      err('email', 'メールアドレスの形式が正しくありません（例：name@example.jp）')
    if ((v.duties ?? '').length > 2000) err('duties', '所掌事務は2000文字以内で入力してください')
    if ((v.location ?? '').length > 200) err('location', '所在地は200文字以内で入力してください')
    let sortOrder: number | null = null
    if (v.sortOrder) {
      const s = v.sortOrder.normalize('NFKC').trim()
      if (!/^-?\d{1,6}$/.test(s)) err('sortOrder', '表示順は半角の整数で入力してください')
      else sortOrder = Number(s)
    }
    if (name && !seen.has(name)) seen.set(name, r.line)
    if (rowErrors.length) {
      errors.push(...rowErrors)
      continue
    }
    good.push({
      line: r.line,
      name,
      nameKana: kana ?? '',
      kind,
      parentName,
      duties: (v.duties ?? '').trim(),
      phone,
      email,
      location: (v.location ?? '').trim(),
      sortOrder,
    })
  }
  // A parent must exist or be imported too; drop rows whose parent is missing until stable.
  let changed = true
  while (changed) {
    changed = false
    const names = new Set([...existing, ...good.map((g) => g.name)])
    for (let i = good.length - 1; i >= 0; i--) {
      const g = good[i]
      if (g.parentName && !names.has(g.parentName)) {
        errors.push({
          row: g.line,
          column: label('parent'),
          message: `上位部署「${g.parentName}」が見つかりません。登録済みの部署名か、このファイル内の部署名を入力してください`,
        })
        good.splice(i, 1)
        changed = true
      }
    }
  }
  errors.sort((a, b) => a.row - b.row)
  return { good, errors }
}

// ---------------------------------------------------------------- areas import

export const AREA_FIELDS: ImportField[] = [
  { key: 'name', label: '地区名', aliases: ['地区', '名称', '地域名', 'コミュニティ名'], required: true },
  { key: 'nameKana', label: 'フリガナ', aliases: ['ふりがな', '読み', 'よみがな', 'カナ', 'name_kana'] },
  { key: 'description', label: '説明', aliases: ['概要', '範囲', '町名', '備考'] },
  { key: 'sortOrder', label: '表示順', aliases: ['並び順', '順番', '順序', 'sort_order'] },
]

export interface AreaImportRow {
  line: number
  name: string
  nameKana: string
  description: string
  sortOrder: number | null
}

export function checkAreaRows(rows: RawRow[]): { good: AreaImportRow[]; errors: RowError[] } {
  const errors: RowError[] = []
  const good: AreaImportRow[] = []
  const seen = new Map<string, number>()
  const label = (k: string) => AREA_FIELDS.find((f) => f.key === k)!.label
  for (const r of rows) {
    const v = r.values
    const rowErrors: RowError[] = []
    const err = (k: string, message: string) => rowErrors.push({ row: r.line, column: label(k), message })
    const name = (v.name ?? '').normalize('NFC').trim()
    if (!name) err('name', '地区名が空です。地区名を入力してください')
    else if (name.length > 100) err('name', '地区名は100文字以内で入力してください')
    else if (seen.has(name)) err('name', `地区名「${name}」が${seen.get(name)}行目と重複しています`)
    const kana = normalizeFurigana(v.nameKana ?? '')
    if (kana === null) err('nameKana', 'フリガナはカタカナ（またはひらがな）で入力してください')
    if ((v.description ?? '').length > 1000) err('description', '説明は1000文字以内で入力してください')
    let sortOrder: number | null = null
    if (v.sortOrder) {
      const s = v.sortOrder.normalize('NFKC').trim()
      if (!/^-?\d{1,6}$/.test(s)) err('sortOrder', '表示順は半角の整数で入力してください')
      else sortOrder = Number(s)
    }
    if (name && !seen.has(name)) seen.set(name, r.line)
    if (rowErrors.length) errors.push(...rowErrors)
    else
      good.push({
        line: r.line,
        name,
        nameKana: kana ?? '',
        description: (v.description ?? '').trim(),
        sortOrder,
      })
  }
  return { good, errors }
}

// ---------------------------------------------------------------- fiscal years

export const FISCAL_YEAR_STATUSES = ['planning', 'open', 'closed'] as const
export type FiscalYearStatus = (typeof FISCAL_YEAR_STATUSES)[number]
export const FISCAL_YEAR_STATUS_LABELS: Record<FiscalYearStatus, string> = {
  planning: '準備中',
  open: '実施中',
  closed: '締め済み',
}

/** The year to add next: one after the latest, or the current fiscal year when there is none. */
export function nextFiscalYear(existing: number[], current: number): number {
  return existing.length ? Math.max(...existing) + 1 : current
}

/** Every word of the query must appear in the text (both already normalised for search). */
export function matchesAllWords(text: string, query: string): boolean {
  return query
    .split(' ')
    .filter(Boolean)
    .every((w) => text.includes(w))
}
