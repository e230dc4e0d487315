/**
 * Import and export of the registry: CSV in the encodings city hall uses (UTF-8 with or
 * without BOM, CP932 detected automatically), a column mapping, a dry run listing every
 * problem by row and column in Japanese, all-or-nothing or good rows only, likely duplicates
 * (same normalised name, same e-mail) merged or skipped. Export: CSV (UTF-8+BOM+CRLF or
 * CP932), XLSX, and open data of public fields only.
 */
import { citiesChanged } from '../../core/db/cities.ts'
import { randomUUID } from 'node:crypto'
import { ne, sql } from 'drizzle-orm'
import { createRequire } from 'node:module'
import type ExcelJS from 'exceljs'
import { audit } from '../../core/audit/index.ts'
import type { Ctx } from '../../core/context.ts'
import { insertMany } from '../../core/db/bulk.ts'
import { rows as rawRows } from '../../core/db/index.ts'
import { inListOrder, setLinks } from '../../core/db/links.ts'
import { byId, inCity, inTransaction, isInTransaction } from '../../core/db/tenant.ts'
import { toCsv, type CsvEncoding } from '../../core/csv.ts'
import { fieldResolver, rememberedFieldValues } from '../../core/field-wordings.ts'
import {
  autoMap,
  type Batch,
  commitBatch,
  type ColumnMap,
  discardBatch,
  type ImportColumn,
  type ImportMode,
  type ImportTable,
  knownHeaders,
  mappingErrors,
  publishBatch,
  type RowError,
  readTable,
  resolveMapping,
  shouldWrite,
  stageRows,
} from '../../core/import/index.ts'
import { logger } from '../../core/logger.ts'
import { readingOf } from '../../core/japanese/tokenizer.ts'
import { parseYear } from '../../core/japanese/dates.ts'
import { toKatakana } from '../../core/japanese/text.ts'
import { AppError } from '../../core/errors.ts'
import {
  fiscalYearOf,
  normalizeFurigana,
  normalizeForSearch,
  normalizePhone,
  normalizePostalCode,
  ymdInTokyo,
} from '../../core/japanese/index.ts'
import { ACTOR_KINDS, fieldsOf, LEGAL_FORMS, labelOf, RESOURCES } from '../../core/vocabulary.ts'
import {
  CONTACT_FIELDS,
  disclosureLevel,
  STAGES,
  STATUS_LABELS,
  type ViewLevel,
  visibleContacts,
} from './domain.ts'
import { groupAreaLinks } from './queries.ts'
import { groupAreas, groups } from './schema.ts'
import {
  buildNameNorm,
  buildSearchText,
  queryTerms,
  type SearchParams,
  searchColumns,
  whereOf,
} from './search.ts'
import { rankedGroupIds } from './search-index.ts'
import { groupColumns, listAreas } from './service.ts'

// exceljs is loaded on first use: importing it costs every process that loads the app (the
// server, each test file) a few hundred milliseconds for a workbook it may never read or write.
let excel: typeof ExcelJS | undefined
const Excel = () => (excel ??= createRequire(import.meta.url)('exceljs') as typeof ExcelJS)

// ---------------------------------------------------------------- columns

export type { ImportColumn } from '../../core/import/index.ts'

export const IMPORT_COLUMNS: ImportColumn[] = [
  {
    key: 'name',
    label: '団体名',
    required: true,
    aliases: ['団体名', '名称', '団体名称', '法人名', '法人の名称', 'name'],
  },
  {
    key: 'nameKana',
    label: '団体名フリガナ',
    aliases: [
      'フリガナ',
      'ふりがな',
      '団体名フリガナ',
      '団体名_カナ',
      '団体名カナ',
      'カナ',
      'よみがな',
      '名称フリガナ',
      'name_kana',
    ],
    requiredNote: '空欄なら団体名から自動で生成します',
  },
  { key: 'actorKind', label: '団体の種類', aliases: ['団体の種類', '種類', '団体種別', '種別', '主体'] },
  { key: 'legalForm', label: '法人格', aliases: ['法人格', '組織形態', '法人格・組織形態', '法人種別'] },
  { key: 'fields', label: '活動分野', aliases: ['活動分野', '分野', '活動の種類', '特定非営利活動の種類'] },
  { key: 'areas', label: '活動地区', aliases: ['活動地区', '地区', '活動地域', '地域'] },
  { key: 'purpose', label: '活動目的', aliases: ['活動目的', '目的', '設立目的'] },
  { key: 'activities', label: '活動内容', aliases: ['活動内容', '主な活動', '主な活動内容', '事業内容'] },
  { key: 'expertise', label: '専門性', aliases: ['専門性', '得意なこと', '専門分野'] },
  { key: 'resources', label: '提供できる資源', aliases: ['提供できる資源', '資源'] },
  { key: 'trackRecord', label: '活動実績', aliases: ['活動実績', '実績'] },
  { key: 'wantsToDo', label: '協働したいこと', aliases: ['協働したいこと', '市と協働したいこと'] },
  { key: 'wantsCollaboration', label: '協働希望', aliases: ['協働希望', '協働を希望'] },
  {
    key: 'foundedYear',
    label: '設立年',
    aliases: ['設立年', '設立', '設立年度', '設立年月', '設立年月日', '設立認証日'],
  },
  {
    key: 'memberCount',
    label: '構成員数',
    aliases: ['構成員数', '会員数', '人数', 'メンバー数', '有給職員数', '職員数', '社員数'],
  },
  {
    key: 'website',
    label: 'ウェブサイト',
    aliases: ['ウェブサイト', 'ホームページ', 'url', 'hp', 'webサイト'],
  },
  { key: 'representativeName', label: '代表者名', aliases: ['代表者名', '代表者', '代表', '代表者氏名'] },
  {
    key: 'contactName',
    label: '連絡担当者名',
    aliases: ['連絡担当者名', '担当者名', '担当者', '連絡先氏名'],
  },
  {
    key: 'contactEmail',
    label: 'メールアドレス',
    aliases: ['メールアドレス', 'メール', 'email', 'e-mail', '連絡先メールアドレス'],
  },
  { key: 'contactPhone', label: '電話番号', aliases: ['電話番号', '電話', 'tel', '連絡先電話番号'] },
  { key: 'postalCode', label: '郵便番号', aliases: ['郵便番号', '〒'] },
  { key: 'address', label: '所在地', aliases: ['所在地', '住所', '主たる事務所の所在地', '事務所所在地'] },
]

/** Propose a mapping: canonical key → index of the header column (or null). */
export function proposeMapping(header: string[]): ColumnMap {
  return autoMap(header, IMPORT_COLUMNS)
}

// ---------------------------------------------------------------- import

export type ImportError = RowError
export interface ImportDuplicate {
  row: number
  name: string
  existingId: string | null
  existingName: string
  reason: string
}
/** A field value no wording matched: where it appears and the nearest of the city's labels. */
export interface UnknownFieldValue {
  value: string
  nearest: string[]
  rows: number[]
}
export interface ImportReport {
  created: number
  updated: number
  skipped: number
  errors: ImportError[]
  duplicates: ImportDuplicate[]
  dryRun: boolean
  mode: ImportMode
  totalRows: number
  total: number
  encoding: string
  format: 'csv' | 'xlsx'
  headerLine: number
  mapping: ColumnMap
  /** What imported groups become. */
  status: ImportStatus
  /** Readings generated by the morphological analyser (フリガナ missing or empty). */
  kanaGenerated: number
  unknownFieldValues: UnknownFieldValue[]
  /** Written (false for a dry run, or all-or-nothing with errors). */
  applied: boolean
  /** Nothing was changed (dry run, or all-or-nothing with errors). */
  unchanged: boolean
}

export type ImportStatus = 'published' | 'pending'

export interface ImportOptions {
  dryRun: boolean
  /** 'all': nothing unless every row is good; 'good_only': import good rows, skip the others. */
  mode: ImportMode
  /** What to do with a likely duplicate of an existing group: update it (merge) or skip the row. */
  duplicates?: 'merge' | 'skip'
  /** A choice per row (Excel row number) that overrides `duplicates`. */
  duplicateChoices?: Record<number, 'merge' | 'skip'>
  /** Column mapping: a ColumnMap, or the API's `mapping` (JSON: key → header or index). */
  mapping?: ColumnMap | string | Record<string, unknown>
  /** Field values mapped by hand: value → field code, or '' to ignore. Remembered when applied. */
  fieldValues?: Record<string, string>
  /** What imported groups become: published at once, or waiting for review (default). */
  status?: ImportStatus
  /** The file already read (by `readImportTable`), so a job reads it once. */
  table?: ImportTable
  /** The import job writing (its batch names it, so start-up can tell the job what became of it). */
  jobId?: string
  /** Called while checking (every 1,000 rows) and writing (every 250 rows on PGlite, 2,000 on PostgreSQL): phase, rows done, rows in all, errors so far. Throwing aborts (and rolls back). */
  onProgress?: (phase: 'check' | 'write', done: number, total: number, errors: number) => void | Promise<void>
}

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024
export const MAX_IMPORT_ROWS = 100_000

function lookup(
  list: readonly { code: string; label: string }[],
  raw: string,
  extra: Record<string, string> = {},
) {
  const t = norm(raw)
  if (!t) return null
  for (const [k, v] of Object.entries(extra)) if (t.includes(norm(k))) return v
  const exact = list.find((x) => norm(x.label) === t || x.code === t)
  if (exact) return exact.code
  const part = list.find((x) => norm(x.label).includes(t) || t.includes(norm(x.label)))
  return part?.code ?? null
}

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s　]/g, '')
    .toLowerCase()

const KIND_WORDS: Record<string, string> = {
  自治会: 'community_org',
  町内会: 'community_org',
  町会: 'community_org',
  地域組織: 'community_org',
  市民活動: 'civic',
  npo: 'civic',
  特定非営利: 'civic',
  ボランティア: 'civic',
  事業者: 'business',
  企業: 'business',
  会社: 'business',
  大学: 'education',
  学校: 'education',
  教育: 'education',
}
const LEGAL_WORDS: Record<string, string> = {
  認定特定非営利活動法人: 'certified_npo',
  認定npo: 'certified_npo',
  特定非営利活動法人: 'npo',
  npo法人: 'npo',
  特非: 'npo',
  一般社団: 'general_association',
  一般財団: 'general_foundation',
  公益社団: 'public_interest',
  公益財団: 'public_interest',
  任意団体: 'voluntary',
  ボランティア: 'volunteer',
  自治会: 'neighbourhood',
  町内会: 'neighbourhood',
  株式会社: 'company',
  合同会社: 'company',
  有限会社: 'company',
  協同組合: 'cooperative',
  学校法人: 'school',
  大学: 'school',
  社会福祉法人: 'social_welfare',
}

const splitList = (s: string) =>
  s
    .split(/[、,;；／|\n]/)
    .map((x) => x.trim())
    .filter(Boolean)

const truthy = (s: string) =>
  /^(はい|○|〇|◯|有|あり|希望する|希望|yes|y|true|1)$/i.test(s.normalize('NFKC').trim())

/** Legal-form words left out of a generated reading (特定非営利活動法人 みどりの会 → ミドリノカイ). */
const LEGAL_PREFIX =
  /^(認定特定非営利活動法人|特定非営利活動法人|認定NPO法人|NPO法人|一般社団法人|一般財団法人|公益社団法人|公益財団法人|社会福祉法人|学校法人|株式会社|合同会社|有限会社|\(特非\)|\(認定特非\)|\(一社\)|\(一財\)|\(公社\)|\(公財\)|\(社福\)|\(株\)|\(同\)|\(有\))\s*|\s*(株式会社|合同会社|有限会社|\(株\)|\(同\)|\(有\))$/gi

/**
 * Readings already made, by name: the confirmed import after a dry run (and a second try of the
 * same file) does not run the analyser again. Bounded; emptied when full.
 */
const readings = new Map<string, string>()
const READINGS_KEPT = 200_000

/** The reading of a group's name from the morphological analyser, legal-form words left out. */
export async function generatedKana(name: string): Promise<string> {
  const known = readings.get(name)
  if (known !== undefined) return known
  const core = name.normalize('NFKC').replace(LEGAL_PREFIX, '').trim() || name
  const reading = await readingOf(core)
  // keep what a furigana may hold (katakana, spaces, ・ー); Latin letters and digits are dropped
  const kana =
    toKatakana(reading)
      .replace(/[^\u30a0-\u30ff\u30fc ・]/g, '')
      .trim() || 'ー'
  if (readings.size >= READINGS_KEPT) readings.clear()
  readings.set(name, kana)
  return kana
}

/** Read an uploaded file as an import of groups reads it. */
export const readImportTable = (bytes: Uint8Array) =>
  readTable(bytes, { maxRows: MAX_IMPORT_ROWS, known: knownHeaders(IMPORT_COLUMNS) })

/** Read an uploaded file's header and a few rows (the mapping step). */
export async function previewFile(bytes: Uint8Array) {
  return previewOf(await readImportTable(bytes))
}

export function previewOf(t: ImportTable) {
  return {
    encoding: t.encoding,
    format: t.format,
    headerLine: t.headerLine,
    header: t.header,
    sample: t.rows.slice(0, 3),
    rows: t.rows.length,
  }
}

export async function importGroups(ctx: Ctx, bytes: Uint8Array, opts: ImportOptions): Promise<ImportReport> {
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new AppError(
      413,
      'too_large',
      `ファイルが大きすぎます（${Math.round(bytes.length / 1024 / 1024)}MB）。64MB以下に分けてください。`,
    )
  const table = opts.table ?? (await readImportTable(bytes))
  const mapping: ColumnMap =
    opts.mapping &&
    typeof opts.mapping === 'object' &&
    Object.values(opts.mapping).every((v) => v === null || typeof v === 'number')
      ? { ...proposeMapping(table.header), ...(opts.mapping as ColumnMap) }
      : resolveMapping(
          table.header,
          IMPORT_COLUMNS,
          opts.mapping as string | Record<string, unknown> | undefined,
        )
  for (const [k, v] of Object.entries(mapping))
    if (v !== null && (v < 0 || v >= table.header.length)) mapping[k] = null
  const status: ImportStatus = opts.status ?? 'pending'
  const report: ImportReport = {
    created: 0,
    updated: 0,
    skipped: 0,
    errors: [],
    duplicates: [],
    dryRun: opts.dryRun,
    mode: opts.mode,
    totalRows: table.rows.length,
    total: table.rows.length,
    encoding: table.encoding,
    format: table.format,
    headerLine: table.headerLine,
    mapping,
    status,
    kanaGenerated: 0,
    unknownFieldValues: [],
    applied: false,
    unchanged: true,
  }
  const mapErr = mappingErrors(mapping, IMPORT_COLUMNS, table.header, table.headerLine)
  if (mapErr.length) {
    report.errors.push(...mapErr)
    report.skipped = table.rows.length
    return report
  }

  const fields = fieldsOf(ctx.municipality.settings)
  const fieldLabels = new Map(fields.map((f) => [f.code, f.label]))
  const resolver = fieldResolver(ctx.municipality.settings, opts.fieldValues ?? {})
  const unknownFields = new Map<string, UnknownFieldValue>()
  const areaList = await listAreas(ctx)
  const areaByName = new Map(areaList.map((a) => [norm(a.name), a]))
  const areaNameById = new Map(areaList.map((a) => [a.id, a.name]))
  const existing = await ctx.db
    .select({ id: groups.id, name: groups.name, nameKana: groups.nameKana, email: groups.contactEmail })
    .from(groups)
    .where(inCity(ctx, groups, ne(groups.status, 'deleted')))
  const byName = new Map<string, { id: string; name: string }>()
  const byEmail = new Map<string, { id: string; name: string }>()
  for (const e of existing) {
    byName.set(dupKey(e.name), e)
    if (e.email) byEmail.set(e.email.toLowerCase(), e)
  }
  const seenName = new Map<string, number>()
  const seenEmail = new Map<string, number>()

  const colIdx = Object.entries(mapping)
  const now = new Date()
  const fy = fiscalYearOf(now)
  const toInsert: (typeof groups.$inferInsert)[] = []
  const toUpdate: { id: string; values: Partial<typeof groups.$inferInsert>; areaIds: string[] }[] = []
  // the areas of the new groups (group_areas), by the id given to each new group here
  const newAreas: [string, string[]][] = []
  const total = table.rows.length

  let breath = performance.now()
  for (const [ri, r] of table.rows.entries()) {
    if (ri % 1000 === 0) {
      if (opts.onProgress) await opts.onProgress('check', ri, total, report.errors.length)
      // a long check must not hold the server: let other requests (and a progress page) through
      if (performance.now() - breath > 50) {
        await new Promise((res) => setImmediate(res))
        breath = performance.now()
      }
    }
    const errs: ImportError[] = []
    const err = (column: string, message: string) => errs.push({ row: r.line, column, message })
    const vals: Record<string, string> = {}
    for (const [k, i] of colIdx) vals[k] = i === null ? '' : (r.cells[i] ?? '').trim()
    const c = (k: string) => vals[k] ?? ''
    const tooLong = r.cells.findIndex((x) => x.length > 4000)
    if (tooLong >= 0)
      err(
        table.header[tooLong] ?? `${tooLong + 1}列目`,
        `${table.header[tooLong] ?? '値'}が長すぎます（4000文字以内にしてください）`,
      )
    const name = c('name').normalize('NFKC').trim()
    if (!name) err('団体名', '団体名が空です。団体名を入力してください')
    else if (name.length > 100) err('団体名', '団体名は100文字以内で入力してください')
    let kana = normalizeFurigana(c('nameKana'))
    let kanaGenerated = false
    if (kana === null) err('団体名フリガナ', 'フリガナはカタカナ（またはひらがな）で入力してください')
    else if (kana === '' && name) {
      kana = await generatedKana(name)
      kanaGenerated = true
    }
    const kindRaw = c('actorKind')
    const legalRaw = c('legalForm')
    const legalForm = legalRaw ? lookup(LEGAL_FORMS, legalRaw, LEGAL_WORDS) : 'voluntary'
    if (!legalForm)
      err('法人格', `法人格「${legalRaw}」が分かりません（例：NPO法人、任意団体、一般社団法人）`)
    const actorKind = kindRaw
      ? lookup(ACTOR_KINDS, kindRaw, KIND_WORDS)
      : legalForm &&
          ['npo', 'certified_npo', 'voluntary', 'volunteer', 'general_association'].includes(legalForm)
        ? 'civic'
        : legalForm === 'neighbourhood'
          ? 'community_org'
          : legalForm === 'company'
            ? 'business'
            : legalForm === 'school'
              ? 'education'
              : 'civic'
    if (!actorKind)
      err(
        '団体の種類',
        `団体の種類「${kindRaw}」が分かりません。${ACTOR_KINDS.map((k) => k.label.replace(/（.*/, '')).join('・')}のいずれかにしてください`,
      )
    const fieldCell = resolver.cell(c('fields'))
    for (const u of fieldCell.unknown) {
      err(
        '活動分野',
        `活動分野「${u.value}」が市の分野一覧にありません。近い分野：${u.nearest.map((x) => `「${x}」`).join('')}。取り込み画面でこの値をどの分野にするか（または無視するか）選べます`,
      )
      const seen = unknownFields.get(u.value) ?? { value: u.value, nearest: u.nearest, rows: [] }
      seen.rows.push(r.line)
      unknownFields.set(u.value, seen)
    }
    const fieldCodes = fieldCell.codes
    const areaIds: string[] = []
    let citywide = false
    for (const a of splitList(c('areas'))) {
      if (/市内全域|全域|市内全体/.test(a)) citywide = true
      else {
        const hit = areaByName.get(norm(a))
        if (hit) areaIds.push(hit.id)
        else
          err(
            '活動地区',
            `活動地区「${a}」が市の地区一覧にありません（${areaList
              .slice(0, 4)
              .map((x) => x.name)
              .join('、')}…、または「市内全域」）`,
          )
      }
    }
    const resources = splitList(c('resources'))
      .map((x) => lookup(RESOURCES, x))
      .filter((x): x is string => !!x)
    const fy1 = parseYear(c('foundedYear'))
    if (fy1 === 'bad' || (typeof fy1 === 'number' && (fy1 < 1868 || fy1 > now.getFullYear())))
      err(
        '設立年',
        `設立年「${c('foundedYear')}」を読み取れません。西暦4桁（例：2015）か和暦（例：平成27年）で入力してください`,
      )
    const mcRaw = c('memberCount')
      .normalize('NFKC')
      .replace(/[人名,\s]/g, '')
    const memberCount = mcRaw ? Number(mcRaw) : null
    const mcLabel = table.header[mapping.memberCount ?? -1] || '構成員数'
    if (mcRaw && (!Number.isInteger(memberCount) || memberCount! < 0))
      err(mcLabel, `${mcLabel}「${c('memberCount')}」は0以上の整数で入力してください`)
    const email = c('contactEmail').normalize('NFKC').trim().toLowerCase()
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      err('メールアドレス', `メールアドレス「${email}」の形式が正しくありません（例：name@example.jp）`)
    const phoneRaw = c('contactPhone')
    const phone = phoneRaw ? normalizePhone(phoneRaw) : ''
    if (phone === null)
      err('電話番号', `電話番号「${phoneRaw}」は市外局番から10桁または11桁の数字で入力してください`)
    const pcRaw = c('postalCode')
    const postalCode = pcRaw ? normalizePostalCode(pcRaw) : ''
    if (postalCode === null)
      err('郵便番号', `郵便番号「${pcRaw}」は7桁の数字で入力してください（例：180-0001）`)
    const website = c('website').normalize('NFKC').trim()
    if (website && !/^https?:\/\/\S+\.\S+$/.test(website))
      err('ウェブサイト', 'ウェブサイトは https:// から始まるURLで入力してください')

    if (errs.length) {
      report.errors.push(...errs)
      report.skipped++
      continue
    }
    // duplicates within the file and against the registry
    const key = dupKey(name)
    const inFile = seenName.get(key) ?? (email ? seenEmail.get(email) : undefined)
    if (inFile !== undefined) {
      report.duplicates.push({
        row: r.line,
        name,
        existingId: null,
        existingName: `${inFile}行目`,
        reason: 'ファイル内で同じ団体名またはメールアドレスが重複しています',
      })
      report.skipped++
      continue
    }
    seenName.set(key, r.line)
    if (email) seenEmail.set(email, r.line)
    const dup = byName.get(key) ?? (email ? byEmail.get(email) : undefined)
    const values = {
      name,
      nameKana: kana!,
      nameKanaGenerated: kanaGenerated,
      actorKind: actorKind!,
      legalForm: legalForm!,
      fields: fieldCodes,
      areaIds: [...new Set(areaIds)],
      citywide,
      purpose: c('purpose'),
      activities: c('activities'),
      expertise: c('expertise'),
      resources: [...new Set(resources)],
      trackRecord: c('trackRecord'),
      wantsToDo: c('wantsToDo'),
      wantsCollaboration: truthy(c('wantsCollaboration')),
      foundedYear: typeof fy1 === 'number' ? fy1 : null,
      memberCount,
      website,
      representativeName: c('representativeName'),
      contactName: c('contactName'),
      contactEmail: email,
      contactPhone: phone ?? '',
      postalCode: postalCode ?? '',
      address: c('address'),
    }
    const derived = {
      ...searchColumns(
        buildSearchText(
          { ...values, areaNames: values.areaIds.map((a) => areaNameById.get(a) ?? '') },
          fieldLabels,
        ),
      ),
      nameNorm: buildNameNorm(name, values.nameKana),
      disclosureLevel: disclosureLevel({
        ...values,
        logoPath: null,
        contactVisibility: {},
        publicDocuments: 0,
        updatedAt: now,
      }),
    }
    if (dup) {
      report.duplicates.push({
        row: r.line,
        name,
        existingId: dup.id,
        existingName: dup.name,
        reason: byName.get(key)
          ? '登録済みの団体と名前が同じです'
          : '登録済みの団体とメールアドレスが同じです',
      })
      if ((opts.duplicateChoices?.[r.line] ?? opts.duplicates ?? 'skip') === 'merge') {
        const { areaIds: merged, ...cols } = values
        toUpdate.push({ id: dup.id, values: { ...cols, ...derived, updatedAt: now }, areaIds: merged })
        if (kanaGenerated) report.kanaGenerated++
        report.updated++
      } else report.skipped++
      continue
    }
    if (kanaGenerated) report.kanaGenerated++
    const { areaIds: rowAreas, ...cols } = values
    const id = randomUUID()
    if (rowAreas.length) newAreas.push([id, rowAreas])
    toInsert.push({
      id,
      ...cols,
      ...derived,
      municipalityId: ctx.tenantId,
      status,
      source: 'import',
      submittedAt: now,
      ...(status === 'published'
        ? { approvedAt: now, approvedBy: ctx.actor?.userId ?? null, renewedFiscalYear: fy }
        : {}),
    })
    report.created++
  }
  report.unknownFieldValues = [...unknownFields.values()]

  if (!shouldWrite(opts, report.errors)) {
    if (!opts.dryRun) {
      report.skipped = report.totalRows
      report.created = 0
      report.updated = 0
      report.kanaGenerated = 0
    }
    return report
  }
  const writes = toInsert.length + toUpdate.length
  const progress = async (done: number) => {
    if (opts.onProgress) await opts.onProgress('write', done, writes, report.errors.length)
  }
  // the merges, the remembered field mapping and the audit entry of the import (with the batch's
  // commit on PGlite) in one transaction
  const commit = async (tx: Ctx) => {
    for (const u of toUpdate) {
      await tx.db
        .update(groups)
        .set(u.values)
        .where(byId(tx, groups, u.id))
      await setLinks(tx, groupAreaLinks, u.id, u.areaIds)
    }
    if (opts.fieldValues && Object.keys(opts.fieldValues).length)
      await rememberFieldValues(tx, opts.fieldValues)
    await audit(tx, {
      action: 'group.import',
      entityType: 'group',
      entityId: 'import',
      changes: {
        created: report.created,
        updated: report.updated,
        skipped: report.skipped,
        errors: report.errors.length,
        mode: opts.mode,
        status,
        kanaGenerated: report.kanaGenerated,
        fieldValues: opts.fieldValues ?? {},
        updatedIds: toUpdate.map((u) => u.id).slice(0, 1000),
      },
    })
  }
  if (ctx.dbKind === 'pglite' && !isInTransaction(ctx)) {
    // PGlite (one connection): the new rows are staged in small transactions where no page reads
    // them, the batch is committed in one small transaction, then moved in small steps (decision 0013)
    // The new groups' areas are a second batch, staged after the groups' and so published after
    // them (start-up finishes batches in the order they were opened): a link never arrives before
    // its group.
    let batch: Batch | null = null
    let links: Batch | null = null
    try {
      batch = await stageRows(ctx, groups, toInsert, { jobId: opts.jobId, onChunk: progress })
      const linkRows = newAreas.flatMap(([id, a]) => groupAreaRows(ctx, id, a))
      links = linkRows.length ? await stageRows(ctx, groupAreas, linkRows, { jobId: opts.jobId }) : null
      const staged = [batch, links]
      await inTransaction(ctx, async (tx) => {
        await commit(tx)
        for (const b of staged) if (b) await commitBatch(tx, b)
      })
    } catch (e) {
      // not committed: the staged rows go (a killed server leaves them to start-up)
      for (const b of [batch, links])
        if (b)
          await discardBatch(ctx.db, b).catch((err: unknown) =>
            logger.error({ err: (err as Error)?.message, batch: b.id }, 'import batch not discarded'),
          )
      throw e
    }
    // committed: should this stop, start-up finishes it
    await publishBatch(ctx.db, batch)
    if (links) await publishBatch(ctx.db, links)
    if (toUpdate.length) await progress(writes)
  } else {
    // PostgreSQL: one transaction (other connections go on meanwhile); a server killed mid-import
    // leaves nothing, as PostgreSQL discards an uncommitted transaction
    await inTransaction(ctx, async (tx) => {
      // one JSON parameter per 2,000 rows (insertMany): the query builder would spend longer
      // assembling 40 parameters a row than the database spends writing them
      await insertMany(tx.db, groups, toInsert, { chunk: 2000, onChunk: progress })
      await insertMany(
        tx.db,
        groupAreas,
        newAreas.flatMap(([id, a]) => groupAreaRows(tx, id, a)),
        { chunk: 5000 },
      )
      await commit(tx)
    })
  }
  report.applied = true
  report.unchanged = false
  return report
}

/** The group_areas rows of one group (one per distinct area). */
const groupAreaRows = (ctx: Pick<Ctx, 'tenantId'>, groupId: string, areaIds: readonly string[]) =>
  [...new Set(areaIds)].map((areaId) => ({ municipalityId: ctx.tenantId, groupId, areaId }))

/** Remember hand-mapped field values in the municipality settings (settings.importFieldValues). */
export async function rememberFieldValues(ctx: Ctx, values: Record<string, string>) {
  const clean: Record<string, string> = {}
  for (const [k, v] of Object.entries(values)) if (k.trim()) clean[k.trim()] = v
  await ctx.db.execute(
    sql`UPDATE municipalities SET settings = jsonb_set(settings, '{importFieldValues}', COALESCE(settings->'importFieldValues', '{}'::jsonb) || ${JSON.stringify(clean)}::jsonb) WHERE id = ${ctx.tenantId}`,
  )
  citiesChanged()
  ctx.municipality.settings = {
    ...(ctx.municipality.settings ?? {}),
    importFieldValues: { ...rememberedFieldValues(ctx.municipality.settings), ...clean },
  }
}

/** The normalised name used to spot duplicates: NFKC, katakana, no spaces or legal-form prefixes. */
export function dupKey(name: string) {
  return normalizeForSearch(name)
    .replace(
      /(特定非営利活動法人|認定npo法人|npo法人|一般社団法人|一般財団法人|公益社団法人|公益財団法人|株式会社|\(株\)|\(特非\))/g,
      '',
    )
    .replace(/[\s・\-ー－]/g, '')
}

// ---------------------------------------------------------------- export

type Row = typeof groups.$inferSelect & { areaIds: string[] }

/**
 * The groups an export holds: the same set the directory shows for the same query and filters
 * (the ranked index: readings, spelling variants, synonyms, typos), in 五十音 order.
 */
async function exportSource(ctx: Ctx, p: SearchParams): Promise<Row[]> {
  const terms = queryTerms(p.q)
  const ranked = terms.length ? await rankedGroupIds(ctx, (p.q ?? '').slice(0, 200), 100_000) : null
  // no ranked ids for a query: the index is still being built, and the plain SQL search filters
  const plain = ranked ? [] : terms
  const where = whereOf(ctx, p, plain, plain.length > 0)
  if (ranked && !ranked.length) return []
  const from = ranked
    ? sql`groups g JOIN unnest(${`{${ranked.join(',')}}`}::uuid[]) AS r(id) ON r.id = g.id`
    : sql`groups g`
  const ids = await rawRows<{ id: string }>(
    ctx.db,
    sql`SELECT g.id FROM ${from} WHERE ${where} ORDER BY g.name_kana, g.name LIMIT 100000`,
  )
  const out: Row[] = []
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000).map((r) => r.id)
    const part = await ctx.db
      .select(groupColumns)
      .from(groups)
      .where(inCity(ctx, groups, sql`${groups.id} = ANY(${`{${chunk.join(',')}}`}::uuid[])`))
    const order = new Map(chunk.map((id, j) => [id, j]))
    part.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    out.push(...part)
  }
  return out
}

const oneLine = (s: string | null | undefined) => (s ?? '').replace(/\s*[\r\n]+\s*/g, ' ').trim()

async function labelling(ctx: Ctx) {
  const fields = new Map(fieldsOf(ctx.municipality.settings).map((f) => [f.code, f.label]))
  const list = await listAreas(ctx)
  const areaNames = new Map(list.map((a) => [a.id, a.name]))
  // the areas in the city's order (the join table keeps a set)
  const inOrder = (ids: string[]) => inListOrder(ids, areaNames.keys())
  return {
    fields: (xs: string[]) => xs.map((x) => fields.get(x) ?? x).join(';'),
    areas: (g: Row) =>
      [...(g.citywide ? ['市内全域'] : []), ...inOrder(g.areaIds).map((a) => areaNames.get(a) ?? '')]
        .filter(Boolean)
        .join(';'),
  }
}

/** Staff export: every field the viewer may see (contact cells blank where visibility forbids). */
export async function staffExportTable(ctx: Ctx, level: ViewLevel, p: SearchParams) {
  const data = await exportSource(ctx, p)
  const L = await labelling(ctx)
  const header = [
    '団体ID',
    '団体名',
    '団体名フリガナ',
    '団体の種類',
    '法人格',
    '活動分野',
    '活動地区',
    '活動目的',
    '活動内容',
    '専門性',
    '提供できる資源',
    '資源の補足',
    '活動実績',
    '協働したいこと',
    '協働希望',
    '設立年',
    '構成員数',
    '活動段階',
    'ウェブサイト',
    'SNS',
    ...CONTACT_FIELDS.map((f) => f.label),
    '状態',
    '情報開示レベル',
    '登録更新年度',
    '登録日',
    '最終更新日',
  ]
  const rowsOut = data.map((g) => {
    const contacts = visibleContacts(g as any, level)
    return [
      g.id,
      g.name,
      g.nameKana,
      labelOf(ACTOR_KINDS, g.actorKind),
      labelOf(LEGAL_FORMS, g.legalForm),
      L.fields(g.fields),
      L.areas(g),
      g.purpose,
      g.activities,
      g.expertise,
      g.resources.map((r) => labelOf(RESOURCES, r)).join(';'),
      g.resourcesNote,
      g.trackRecord,
      g.wantsToDo,
      g.wantsCollaboration ? 'はい' : 'いいえ',
      g.foundedYear ?? '',
      g.memberCount ?? '',
      g.stage ? labelOf(STAGES, g.stage) : '',
      g.website,
      g.socialLinks.join(' '),
      ...CONTACT_FIELDS.map((f) => contacts[f.key] ?? ''),
      STATUS_LABELS[g.status as keyof typeof STATUS_LABELS] ?? g.status,
      g.disclosureLevel,
      g.renewedFiscalYear ?? '',
      ymdInTokyo(g.createdAt),
      ymdInTokyo(g.updatedAt),
    ] as (string | number)[]
  })
  return { header, rows: rowsOut }
}

export async function staffCsv(ctx: Ctx, level: ViewLevel, p: SearchParams, encoding: CsvEncoding) {
  const t = await staffExportTable(ctx, level, p)
  return toCsv(t.header, t.rows, encoding)
}

export async function staffXlsx(ctx: Ctx, level: ViewLevel, p: SearchParams): Promise<Buffer> {
  const t = await staffExportTable(ctx, level, p)
  const wb = new (Excel().Workbook)()
  wb.creator = 'Kyodo'
  const ws = wb.addWorksheet('団体一覧')
  ws.addRow(t.header)
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  for (const r of t.rows) ws.addRow(r)
  ws.columns.forEach((c, i) => {
    c.width = i < 3 ? 24 : 16
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Open data columns (documented on /opendata/groups). Public fields only. */
export const OPENDATA_COLUMNS = [
  { key: 'id', header: '団体ID', type: '文字列（UUID）', note: '団体を一意に識別するID。変わりません。' },
  { key: 'name', header: '団体名', type: '文字列', note: '' },
  { key: 'nameKana', header: '団体名_カナ', type: '文字列（全角カタカナ）', note: '' },
  { key: 'kind', header: '団体の種類', type: '文字列', note: ACTOR_KINDS.map((k) => k.label).join('／') },
  { key: 'legalForm', header: '法人格', type: '文字列', note: LEGAL_FORMS.map((k) => k.label).join('／') },
  {
    key: 'fields',
    header: '活動分野',
    type: '文字列（複数はセミコロン区切り）',
    note: '既定は特定非営利活動促進法 別表の20分野',
  },
  {
    key: 'areas',
    header: '活動地区',
    type: '文字列（複数はセミコロン区切り）',
    note: '市の地区名、または「市内全域」',
  },
  { key: 'purpose', header: '活動目的', type: '文字列', note: '改行は空白に置き換えています' },
  { key: 'activities', header: '活動内容', type: '文字列', note: '改行は空白に置き換えています' },
  { key: 'expertise', header: '専門性', type: '文字列', note: '' },
  {
    key: 'resources',
    header: '提供できる資源',
    type: '文字列（複数はセミコロン区切り）',
    note: RESOURCES.map((r) => r.label).join('／'),
  },
  { key: 'wantsToDo', header: '協働したいこと', type: '文字列', note: '' },
  { key: 'wantsCollaboration', header: '協働希望', type: '真偽（true／false）', note: '' },
  { key: 'foundedYear', header: '設立年', type: '整数（西暦）', note: '空欄は未回答' },
  { key: 'memberCount', header: '構成員数', type: '整数（人）', note: '空欄は未回答（0ではありません）' },
  { key: 'website', header: 'ウェブサイト', type: 'URL', note: '' },
  {
    key: 'contactEmail',
    header: '連絡先メールアドレス',
    type: '文字列',
    note: '団体が一般公開を選んだ場合のみ',
  },
  { key: 'contactPhone', header: '連絡先電話番号', type: '文字列', note: '団体が一般公開を選んだ場合のみ' },
  { key: 'address', header: '所在地', type: '文字列', note: '団体が一般公開を選んだ場合のみ' },
  {
    key: 'disclosureLevel',
    header: '情報開示レベル',
    type: '整数（0〜5）',
    note: '登録内容の充実度と新しさから自動で算出',
  },
  { key: 'status', header: '状態', type: '文字列', note: '公開中／活動休止（未更新）' },
  { key: 'updatedAt', header: '最終更新日', type: '日付（西暦 YYYY-MM-DD）', note: '' },
] as const

export async function openDataRecords(ctx: Ctx): Promise<Record<string, string | number | boolean | null>[]> {
  const data = await exportSource(ctx, {})
  const L = await labelling(ctx)
  return data.map((g) => {
    const c = visibleContacts(g as any, 'public')
    return {
      id: g.id,
      name: g.name,
      nameKana: g.nameKana,
      kind: labelOf(ACTOR_KINDS, g.actorKind),
      legalForm: labelOf(LEGAL_FORMS, g.legalForm),
      fields: L.fields(g.fields),
      areas: L.areas(g),
      purpose: oneLine(g.purpose),
      activities: oneLine(g.activities),
      expertise: oneLine(g.expertise),
      resources: g.resources.map((r) => labelOf(RESOURCES, r)).join(';'),
      wantsToDo: oneLine(g.wantsToDo),
      wantsCollaboration: g.wantsCollaboration,
      foundedYear: g.foundedYear,
      memberCount: g.memberCount,
      website: g.website,
      contactEmail: c.contactEmail ?? null,
      contactPhone: c.contactPhone ?? null,
      address: c.address ?? null,
      disclosureLevel: g.disclosureLevel,
      status: STATUS_LABELS[g.status as keyof typeof STATUS_LABELS] ?? g.status,
      updatedAt: ymdInTokyo(g.updatedAt),
    }
  })
}

export async function openDataCsv(ctx: Ctx) {
  const recs = await openDataRecords(ctx)
  return toCsv(
    OPENDATA_COLUMNS.map((c) => c.header),
    recs.map((r) =>
      OPENDATA_COLUMNS.map((c) => {
        const v = r[c.key]
        return v === null || v === undefined ? '' : typeof v === 'boolean' ? String(v) : v
      }),
    ),
  )
}
