/**
 * The survey report as an A4 PDF in Japanese (core/pdf.ts; when the server has no Japanese font,
 * `japaneseFont()` is null and the page offers the browser's print to PDF instead): a title block,
 * 図表1 (the departments by attribute), then each section's title and summary and its figures in
 * Musashino's manner — the caption with number, 単一回答/複数回答 and n; bars of percent drawn
 * beside their labels with the counts and percentages in the same rows; cross-tabulations as tables;
 * the notes under each figure (注）…); the picked 主な意見 as bullets grouped by their heading. A
 * figure starts on a new page rather than being split when it fits on one.
 */
import fs from 'node:fs'
import { japaneseFont, makePdf, type Pdf } from '../../core/pdf.ts'
import { attributeCaption, figureCaption } from './exports.ts'
import type { Figure, Report } from './report.ts'

export interface ReportPdfMeta {
  /** e.g. 協働事業等に関する実態把握調査結果 */
  title: string
  city: string
  /** e.g. 令和8年度（2026年度） */
  fiscalYearLabel: string
  /** Notes about the data (survey.notes), one a line; printed under the title block. */
  notes: string | string[]
}

const INK = '#000000'
const MUTED = '#444444'
const BAR = '#1f4e9c'
const TRACK = '#e6e6e6'
const RULE = '#888888'

/** Widths of a choice figure's rows: label, bar (with its percentage), count, percent. */
const COLS = { label: 214, bar: 160, count: 54, percent: 71 }
const PAD = 3
const fmt = (p: number) => p.toFixed(1)

const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right
const bottomOf = (doc: Pdf) => doc.page.height - doc.page.margins.bottom
const pageRoom = (doc: Pdf) => bottomOf(doc) - doc.page.margins.top

/** A new page when `h` points do not fit below, unless `h` would not fit on any page. */
function keep(doc: Pdf, h: number) {
  if (doc.y + h > bottomOf(doc) && h <= pageRoom(doc)) doc.addPage()
  else if (doc.y + Math.min(h, 80) > bottomOf(doc)) doc.addPage()
}

function heading(doc: Pdf, size: number, text: string, bold: boolean) {
  if (bold) doc.font('jp-bold')
  doc
    .fontSize(size)
    .fillColor(INK)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) })
  doc.font('jp')
}

// ---------- measuring (so that a figure is not split)

function rowHeight(doc: Pdf, label: string): number {
  doc.fontSize(9.5)
  return Math.max(doc.heightOfString(label, { width: COLS.label - 2 * PAD }), 12) + 2 * PAD
}

function notesHeight(doc: Pdf, notes: string[]): number {
  doc.fontSize(8)
  return notes.reduce((h, n) => h + doc.heightOfString(`注）${n}`, { width: contentWidth(doc) }) + 2, 0)
}

function opinionsHeight(doc: Pdf, f: Figure): number {
  if (!f.opinions.length) return f.kind === 'opinions' ? 16 : 0
  doc.fontSize(9.5)
  let h = 16
  for (const [group, texts] of groupOpinions(f)) {
    if (group) h += doc.heightOfString(group, { width: contentWidth(doc) }) + 2
    for (const t of texts) h += doc.heightOfString(`・${t}`, { width: contentWidth(doc) - 12 }) + 2
  }
  return h
}

function crossLayout(f: Figure) {
  const cols = f.columns ?? []
  const groups = f.groups ?? []
  // many answer columns and few groups (図表20, 23): choices down, groups across, so labels have room
  const transpose = cols.length > 6 && groups.length < cols.length
  return { cols, groups, transpose }
}

function crossWidths(doc: Pdf, f: Figure): number[] {
  const { cols, groups, transpose } = crossLayout(f)
  const w = contentWidth(doc)
  if (transpose) {
    const first = 200
    return [first, ...groups.map(() => (w - first) / groups.length)]
  }
  const first = 110
  const n = 40
  return [first, n, ...cols.map(() => (w - first - n) / cols.length)]
}

function crossCells(f: Figure): { head: string[]; rows: string[][] } {
  const { cols, groups, transpose } = crossLayout(f)
  if (transpose)
    return {
      head: ['選択肢（％）', ...groups.map((g) => `${g.label}（n=${g.n}）`)],
      rows: cols.map((c, j) => [c, ...groups.map((g) => fmt(g.cells[j]?.percent ?? 0))]),
    }
  return {
    head: ['区分（％）', 'n', ...cols],
    rows: groups.map((g) => [g.label, String(g.n), ...g.cells.map((c) => fmt(c.percent))]),
  }
}

function tableHeight(doc: Pdf, widths: number[], rows: string[][], header: boolean): number {
  doc.fontSize(header ? 8.5 : 9.5)
  return rows.reduce(
    (h, cells) =>
      h +
      Math.max(...cells.map((s, i) => doc.heightOfString(s || ' ', { width: widths[i] - 2 * PAD })), 12) +
      2 * PAD,
    0,
  )
}

function figureHeight(doc: Pdf, f: Figure): number {
  doc.fontSize(11)
  let h = doc.heightOfString(figureCaption(f), { width: contentWidth(doc) }) + 6
  if (f.kind === 'single' || f.kind === 'multiple')
    h += 18 + f.rows.reduce((t, r) => t + rowHeight(doc, r.label), 0) + 16
  else if (f.kind === 'count') h += (f.rows.length + 2) * 18
  else if (f.kind === 'cross') {
    const widths = crossWidths(doc, f)
    const { head, rows } = crossCells(f)
    h += tableHeight(doc, widths, [head], true) + tableHeight(doc, widths, rows, false)
  }
  return h + notesHeight(doc, f.notes) + opinionsHeight(doc, f) + 18
}

// ---------- drawing

function groupOpinions(f: Figure): [string, string[]][] {
  const groups = new Map<string, string[]>()
  for (const o of f.opinions) groups.set(o.group, [...(groups.get(o.group) ?? []), o.text])
  return [...groups.entries()]
}

/** The y at which one line of the current font size sits centred in a band from y to y + h. */
const middle = (doc: Pdf, y: number, h: number) => y + (h - doc.currentLineHeight()) / 2

function choiceFigure(doc: Pdf, f: Figure) {
  const x0 = doc.page.margins.left
  const bx = x0 + COLS.label + 6
  const barW = COLS.bar - 16
  const head = () => {
    const y = doc.y
    doc.rect(x0, y, contentWidth(doc), 16).fill('#eeeeee')
    doc.fontSize(8.5).fillColor(INK)
    doc.text('選択肢', x0 + PAD, middle(doc, y, 16), { width: COLS.label - 2 * PAD })
    // the bar column's scale: 0, 50, 100 %
    doc.text('0', bx - 10, middle(doc, y, 16), { width: 20, align: 'center' })
    doc.text('50', bx + barW / 2 - 10, middle(doc, y, 16), { width: 20, align: 'center' })
    doc.text('100％', bx + barW - 20, middle(doc, y, 16), { width: 40, align: 'center' })
    doc.text('回答数', x0 + COLS.label + COLS.bar, middle(doc, y, 16), {
      width: COLS.count - PAD,
      align: 'right',
    })
    doc.text('割合（％）', x0 + COLS.label + COLS.bar + COLS.count, middle(doc, y, 16), {
      width: COLS.percent - PAD,
      align: 'right',
    })
    doc.y = y + 16
  }
  head()
  for (const r of f.rows) {
    const h = rowHeight(doc, r.label)
    if (doc.y + h > bottomOf(doc)) {
      doc.addPage()
      head()
    }
    const y = doc.y
    doc
      .fontSize(9.5)
      .fillColor(INK)
      .text(r.label, x0 + PAD, y + PAD, { width: COLS.label - 2 * PAD })
    const by = y + h / 2 - 5
    doc.rect(bx, by, barW, 10).fill(TRACK)
    if (r.percent > 0) doc.rect(bx, by, Math.max(0.8, (barW * Math.min(100, r.percent)) / 100), 10).fill(BAR)
    doc
      .moveTo(bx + barW / 2, by - 1)
      .lineTo(bx + barW / 2, by + 11)
      .lineWidth(0.4)
      .dash(1.5, { space: 1.5 })
      .stroke(RULE)
      .undash()
    doc.fontSize(9.5).fillColor(INK)
    doc.text(String(r.count), x0 + COLS.label + COLS.bar, middle(doc, y, h), {
      width: COLS.count - PAD,
      align: 'right',
      lineBreak: false,
    })
    doc.text(fmt(r.percent), x0 + COLS.label + COLS.bar + COLS.count, middle(doc, y, h), {
      width: COLS.percent - PAD,
      align: 'right',
      lineBreak: false,
    })
    doc
      .moveTo(x0, y + h)
      .lineTo(x0 + contentWidth(doc), y + h)
      .lineWidth(0.4)
      .stroke(RULE)
    doc.x = x0
    doc.y = y + h
  }
  const y = doc.y + 3
  doc
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(`（n=${f.n}）`, x0, y, { width: contentWidth(doc), align: 'right' })
  doc.fillColor(INK)
}

/** One row of a table (core/pdf.ts's tableRow with numbers set right): a new page and header when full. */
function row(
  doc: Pdf,
  widths: number[],
  cells: string[],
  opts: { header?: boolean; right?: (i: number) => boolean; repeatHeader?: () => void } = {},
) {
  const x0 = doc.page.margins.left
  doc.fontSize(opts.header ? 8.5 : 9.5)
  const h =
    Math.max(...cells.map((s, i) => doc.heightOfString(s || ' ', { width: widths[i] - 2 * PAD })), 12) +
    2 * PAD
  if (doc.y + h > bottomOf(doc)) {
    doc.addPage()
    opts.repeatHeader?.()
    doc.fontSize(opts.header ? 8.5 : 9.5)
  }
  const y = doc.y
  const total = widths.reduce((a, b) => a + b, 0)
  if (opts.header) doc.rect(x0, y, total, h).fill('#eeeeee')
  let x = x0
  cells.forEach((s, i) => {
    doc.rect(x, y, widths[i], h).lineWidth(0.5).stroke(MUTED)
    const right = !opts.header && opts.right?.(i)
    doc.fillColor(INK).text(s, x + PAD, right ? middle(doc, y, h) : y + PAD, {
      width: widths[i] - 2 * PAD,
      align: right ? 'right' : 'left',
    })
    x += widths[i]
  })
  doc.x = x0
  doc.y = y + h
}

function table(doc: Pdf, widths: number[], head: string[], rows: string[][], right: (i: number) => boolean) {
  const h = () => row(doc, widths, head, { header: true })
  h()
  for (const r of rows) row(doc, widths, r, { right, repeatHeader: h })
}

function countFigure(doc: Pdf, f: Figure) {
  const w = contentWidth(doc)
  // two columns of 課名・件数 side by side, as the seed's 図表2, when the list is long
  const rows = [...f.rows.map((r) => [r.label, String(r.count)]), ['合計', String(f.n)]]
  if (rows.length <= 8) return table(doc, [w - 120, 120], ['区分', '件数'], rows, (i) => i === 1)
  const half = Math.ceil(rows.length / 2)
  const pairs = Array.from({ length: half }, (_, i) => [...rows[i], ...(rows[i + half] ?? ['', ''])])
  table(doc, [w / 2 - 60, 60, w / 2 - 60, 60], ['区分', '件数', '区分', '件数'], pairs, (i) => i % 2 === 1)
}

function crossFigure(doc: Pdf, f: Figure) {
  const { head, rows } = crossCells(f)
  table(doc, crossWidths(doc, f), head, rows, (i) => i > 0)
}

function notes(doc: Pdf, list: string[]) {
  if (!list.length) return
  doc.moveDown(0.2)
  doc.fontSize(8).fillColor(MUTED)
  for (const n of list) doc.text(`注）${n}`, doc.page.margins.left, doc.y, { width: contentWidth(doc) })
  doc.fillColor(INK)
}

function opinions(doc: Pdf, f: Figure) {
  if (!f.opinions.length) {
    if (f.kind === 'opinions')
      doc.fontSize(9.5).fillColor(MUTED).text('（掲載する意見は選ばれていません）').fillColor(INK)
    return
  }
  const x0 = doc.page.margins.left
  doc.moveDown(0.3)
  if (f.kind !== 'opinions') heading(doc, 10, '主な意見', true)
  for (const [group, texts] of groupOpinions(f)) {
    if (group) {
      keep(doc, 30)
      heading(doc, 10, `【${group}】`, true)
    }
    doc.fontSize(9.5)
    for (const t of texts) {
      keep(doc, doc.heightOfString(`・${t}`, { width: contentWidth(doc) - 12 }) + 2)
      doc.text(`・${t}`, x0 + 12, doc.y, { width: contentWidth(doc) - 12, indent: -9.5 })
    }
    doc.moveDown(0.2)
  }
  doc.x = x0
}

function figure(doc: Pdf, f: Figure) {
  keep(doc, figureHeight(doc, f))
  heading(doc, 11, figureCaption(f), true)
  doc.moveDown(0.3)
  if (f.kind === 'single' || f.kind === 'multiple') choiceFigure(doc, f)
  else if (f.kind === 'count') countFigure(doc, f)
  else if (f.kind === 'cross') crossFigure(doc, f)
  notes(doc, f.notes)
  opinions(doc, f)
  doc.x = doc.page.margins.left
  doc.moveDown(1.2)
}

function attributes(doc: Pdf, r: Report) {
  const w = contentWidth(doc)
  const widths = [70, 50, w - 120]
  const rows = r.byAttribute.map((a) => [a.label, `${a.count}課`, a.departments.join('／') || '—'])
  rows.push(['合計', `${r.respondents}課`, ''])
  doc.fontSize(10)
  keep(doc, 30 + tableHeight(doc, widths, rows, false))
  heading(doc, 11, attributeCaption(r), true)
  doc.moveDown(0.3)
  table(doc, widths, ['属性', '課数', '課名'], rows, (i) => i === 1)
  doc.moveDown(1.2)
}

/** The bold face beside the regular one when the server has it (Noto Sans CJK), else the regular. */
function registerBold(doc: Pdf) {
  const f = japaneseFont()
  const bold = f?.path.replace('Regular', 'Bold')
  if (f && bold && bold !== f.path && fs.existsSync(bold))
    doc.registerFont('jp-bold', bold, f.family?.replace('Regular', 'Bold'))
  else if (f) doc.registerFont('jp-bold', f.path, f.family)
}

export function reportPdf(r: Report, meta: ReportPdfMeta): Promise<Buffer> {
  return makePdf({ title: meta.title, author: meta.city }, (doc) => {
    registerBold(doc)
    const x0 = doc.page.margins.left
    // title block
    doc.fontSize(10).fillColor(MUTED).text(`${meta.city}　${meta.fiscalYearLabel}`, { align: 'right' })
    doc.moveDown(1.5)
    doc.font('jp-bold').fontSize(18).fillColor(INK).text(meta.title, { align: 'center' })
    doc.font('jp')
    doc.moveDown(0.6)
    doc
      .fontSize(10.5)
      .text(
        `回答した課：${r.respondents}課（${r.byAttribute.map((a) => `${a.label} ${a.count}課`).join('、')}）`,
        {
          align: 'center',
        },
      )
    doc.moveDown(1)
    const lines = (Array.isArray(meta.notes) ? meta.notes : meta.notes.split('\n')).filter((l) => l.trim())
    if (lines.length) {
      const w = contentWidth(doc)
      doc.fontSize(8.5)
      const h = lines.reduce((t, l) => t + doc.heightOfString(`・${l}`, { width: w - 20 }) + 2, 0) + 24
      keep(doc, h)
      const y = doc.y
      doc.rect(x0, y, w, h).lineWidth(0.5).stroke(RULE)
      doc.fillColor(MUTED).text('データについて', x0 + 10, y + 6, { width: w - 20 })
      for (const l of lines) doc.text(`・${l}`, x0 + 10, doc.y + 2, { width: w - 20 })
      doc.fillColor(INK)
      doc.x = x0
      doc.y = y + h
    }
    doc.moveDown(1.5)
    attributes(doc, r)
    let n = 0
    for (const s of r.sections) {
      if (!s.figures.length && !s.summary.trim()) continue
      n++
      // the section's title and summary stay with its first figure when they fit on a page together
      doc.fontSize(10.5)
      const summaryH = s.summary.trim()
        ? doc.heightOfString(s.summary, { width: contentWidth(doc), paragraphGap: 4, lineGap: 2 }) + 20
        : 0
      const first = s.figures[0] ? figureHeight(doc, s.figures[0]) : 0
      const together = 40 + summaryH + first
      keep(doc, together <= pageRoom(doc) ? together : 40 + summaryH + 80)
      heading(doc, 14, `${n}．${s.title}`, true)
      doc
        .moveTo(x0, doc.y + 2)
        .lineTo(x0 + contentWidth(doc), doc.y + 2)
        .lineWidth(0.8)
        .stroke(INK)
      doc.moveDown(0.6)
      if (s.summary.trim()) {
        doc.fontSize(10.5).fillColor(INK)
        for (const p of s.summary.split(/\n+/).filter((x) => x.trim()))
          doc.text(`　${p.trim()}`, x0, doc.y, { width: contentWidth(doc), paragraphGap: 4, lineGap: 2 })
        doc.moveDown(0.8)
      }
      for (const f of s.figures) figure(doc, f)
    }
  })
}
