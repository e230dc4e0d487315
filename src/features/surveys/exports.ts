/**
 * The survey report's tables for spreadsheets: one figure as CSV, the whole report as one
 * machine-readable CSV (one row per number, header in row 1), and an Excel workbook with a 目次 and
 * one sheet per 図表 laid out as the report prints it (caption, header, rows, notes). CSV through
 * core/csv.ts (UTF-8 with BOM, CRLF, cells that a spreadsheet would run as formulas escaped). Pure
 * apart from exceljs writing the file.
 */
import { createRequire } from 'node:module'
import type ExcelJS from 'exceljs'
import { toCsv } from '../../core/csv.ts'
import { ANSWER_LABEL, type Figure, figuresOf, type Report } from './report.ts'

// exceljs is loaded on first use: importing it costs every process that loads the app (the
// server, each test file) a few hundred milliseconds for a workbook it may never read or write.
let excel: typeof ExcelJS | undefined
const Excel = () => (excel ??= createRequire(import.meta.url)('exceljs') as typeof ExcelJS)

/** 「単一回答」 etc. and n, inside the title's own closing bracket when it has one (図表7). */
function captionTail(f: Figure): string {
  const parts: string[] = []
  if (f.answer && f.kind !== 'count') parts.push(ANSWER_LABEL[f.answer])
  if (f.kind !== 'opinions') parts.push(`n=${f.n}`)
  return parts.join('、')
}

/** The figure's caption as the report writes it: 「図表5 協働事業を実施した経緯（複数回答、n=122）」. */
export function figureCaption(f: Figure): string {
  const tail = captionTail(f)
  if (!tail) return `図表${f.number} ${f.title}`
  if (f.title.endsWith('）')) return `図表${f.number} ${f.title.slice(0, -1)}、${tail}）`
  return `図表${f.number} ${f.title}（${tail}）`
}

/** 図表1: the departments that answered, by attribute. */
export function attributeCaption(r: Report): string {
  return `${attributeNumbered(r) ? '図表1 ' : ''}回答した課（属性別、n=${r.respondents}）`
}

/** The departments by attribute are 図表1 unless the questionnaire numbers a figure 1 itself. */
export const attributeNumbered = (r: Report) => !figuresOf(r).some((f) => f.number === 1)

export interface Table {
  header: string[]
  rows: (string | number | null)[][]
  /** The columns holding percentages (written with one decimal: 46.0). */
  percent: number[]
}

/** A figure as one table: what its CSV, its sheet and its PDF table hold. */
export function figureTable(f: Figure): Table {
  if (f.kind === 'single' || f.kind === 'multiple')
    return {
      header: ['選択肢', '回答数', '割合（％）'],
      rows: f.rows.map((r) => [r.label, r.count, r.percent]),
      percent: [2],
    }
  if (f.kind === 'count')
    return {
      header: ['区分', '件数'],
      rows: [...f.rows.map((r) => [r.label, r.count]), ['合計', f.n]],
      percent: [],
    }
  if (f.kind === 'cross') {
    const cols = f.columns ?? []
    return {
      header: ['区分', 'n', ...cols.map((c) => `${c}（％）`)],
      rows: (f.groups ?? []).map((g) => [g.label, g.n, ...g.cells.map((c) => c.percent)]),
      percent: cols.map((_, i) => i + 2),
    }
  }
  return { header: ['分類', '意見'], rows: f.opinions.map((o) => [o.group, o.text]), percent: [] }
}

/** A percentage as the report prints it, one decimal (46.0), so a CSV shows what the figure shows. */
const pct = (p: number | null) => (p === null ? null : p.toFixed(1))

/** One figure as CSV (header in row 1). */
export function figureCsv(f: Figure): Buffer {
  const t = figureTable(f)
  return toCsv(
    t.header,
    t.rows.map((r) => r.map((v, i) => (typeof v === 'number' && t.percent.includes(i) ? pct(v) : v))),
  )
}

export const REPORT_CSV_HEADER = [
  '図表番号',
  '図表名',
  '回答形式',
  'n',
  '区分',
  '区分のn',
  '選択肢',
  '回答数',
  '割合（％）',
  '意見',
]

/**
 * Every table of the report as one CSV, one number a row (open-data style: header in row 1, one
 * value per cell, blank is not 0). 図表1 is the departments by attribute; a cross-tabulation's
 * rows carry their group (区分) and its n; a count figure has no percentage; 主な意見 have the text.
 */
export function reportCsv(r: Report): Buffer {
  const rows: (string | number | null)[][] = []
  for (const a of r.byAttribute)
    rows.push([
      attributeNumbered(r) ? 1 : null,
      '回答した課（属性別）',
      '',
      r.respondents,
      a.label,
      null,
      '',
      a.count,
      null,
      '',
    ])
  for (const f of figuresOf(r)) {
    const form = f.answer && f.kind !== 'count' ? ANSWER_LABEL[f.answer] : ''
    const head = [f.number, f.title, form, f.kind === 'opinions' ? null : f.n]
    if (f.kind === 'single' || f.kind === 'multiple')
      for (const x of f.rows) rows.push([...head, '', null, x.label, x.count, pct(x.percent), ''])
    else if (f.kind === 'count')
      for (const x of f.rows) rows.push([...head, x.label, null, '', x.count, null, ''])
    else if (f.kind === 'cross')
      for (const g of f.groups ?? [])
        for (const c of g.cells) rows.push([...head, g.label, g.n, c.label, c.count, pct(c.percent), ''])
    else for (const o of f.opinions) rows.push([...head, o.group, null, '', null, null, o.text])
  }
  return toCsv(REPORT_CSV_HEADER, rows)
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ , unique in the book. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31) || 'Sheet'
  let name = base
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - `(${i})`.length)}(${i})`
  taken.add(name.toLowerCase())
  return name
}

const PERCENT_FORMAT = '0.0'

/** Writes one table under a caption, from the sheet's next row; percent columns as numbers in 0.0. */
function writeTable(ws: ExcelJS.Worksheet, caption: string, t: Table) {
  // printed on A4, as wide as the page
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
  ws.addRow([caption]).font = { bold: true, size: 12 }
  ws.addRow([])
  const head = ws.addRow(t.header)
  head.font = { bold: true }
  head.alignment = { wrapText: true, vertical: 'top' }
  head.eachCell((c) => {
    c.border = { bottom: { style: 'thin' } }
  })
  for (const r of t.rows) {
    const row = ws.addRow(r)
    row.alignment = { wrapText: true, vertical: 'top' }
    r.forEach((v, i) => {
      if (typeof v === 'number' && t.percent.includes(i)) row.getCell(i + 1).numFmt = PERCENT_FORMAT
    })
  }
}

/**
 * The report as an Excel workbook: 「目次」 listing every figure, then one sheet per figure named
 * 図表N with its caption, header, rows (counts, and percentages as numbers shown with one
 * decimal), a cross-tabulation's n per group, and the notes under the table.
 */
export async function reportXlsx(r: Report, title: string): Promise<Buffer> {
  const wb = new (Excel().Workbook)()
  wb.creator = 'Kyodo'
  wb.title = title
  const taken = new Set<string>()
  const toc = wb.addWorksheet(sheetName('目次', taken))
  toc.addRow([title]).font = { bold: true, size: 14 }
  toc.addRow([`回答した課：${r.respondents}課`])
  toc.addRow([])
  const th = toc.addRow(['図表', 'シート', '題', '回答形式', 'n'])
  th.font = { bold: true }
  toc.columns = [{ width: 8 }, { width: 10 }, { width: 60 }, { width: 10 }, { width: 8 }]

  // 図表1: the departments by attribute
  const attr = wb.addWorksheet(sheetName(attributeNumbered(r) ? '図表1' : '回答した課', taken))
  writeTable(attr, attributeCaption(r), {
    header: ['属性', '課数', '課名'],
    rows: [
      ...r.byAttribute.map((a) => [a.label, a.count, a.departments.join('、')]),
      ['合計', r.respondents, ''],
    ],
    percent: [],
  })
  attr.columns = [{ width: 12 }, { width: 8 }, { width: 80 }]
  toc.addRow([attributeNumbered(r) ? 1 : null, attr.name, '回答した課（属性別）', '', r.respondents])

  for (const f of figuresOf(r)) {
    const ws = wb.addWorksheet(sheetName(`図表${f.number}`, taken))
    const t = figureTable(f)
    writeTable(ws, figureCaption(f), t)
    if (f.kind === 'cross') {
      // the counts too, so every percentage can be checked
      ws.addRow([])
      ws.addRow(['回答数']).font = { bold: true }
      ws.addRow(['区分', 'n', ...(f.columns ?? [])]).font = { bold: true }
      for (const g of f.groups ?? []) ws.addRow([g.label, g.n, ...g.cells.map((c) => c.count)])
    }
    if ((f.kind === 'single' || f.kind === 'multiple') && f.opinions.length) {
      ws.addRow([])
      ws.addRow(['主な意見']).font = { bold: true }
      for (const o of f.opinions) ws.addRow([o.group, o.text])
    }
    if (f.notes.length) {
      ws.addRow([])
      for (const n of f.notes) ws.addRow([`注）${n}`])
    }
    ws.columns = t.header.map((_, i) => ({
      width: i === 0 ? (f.kind === 'opinions' ? 24 : 40) : f.kind === 'opinions' ? 80 : 14,
    }))
    const form = f.answer && f.kind !== 'count' ? ANSWER_LABEL[f.answer] : ''
    toc.addRow([f.number, ws.name, f.title, form, f.kind === 'opinions' ? null : f.n])
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
