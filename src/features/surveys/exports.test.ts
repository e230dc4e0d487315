/**
 * The survey report's outputs from the Musashino fixture: CSV (per figure and the whole report),
 * the Excel workbook, the PDF (when the server has a Japanese font), the SVG charts, and the
 * comparison of two years. Pure: no database.
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import ExcelJS from 'exceljs'
import { parseCsv } from '../../core/csv.ts'
import { japaneseFont } from '../../core/pdf.ts'
import { figureSvg } from './charts.ts'
import { compareReports } from './compare.ts'
import { figureCaption, figureCsv, REPORT_CSV_HEADER, reportCsv, reportXlsx, sheetName } from './exports.ts'
import { musashinoQuestionnaire } from './musashino.ts'
import { MUSASHINO_FIXTURE_NOTES, musashinoFixture } from './musashino-fixture.ts'
import { reportPdf } from './pdf.ts'
import { type Figure, figuresOf, ROUNDING_NOTE, type Report, SMALL_N_NOTE, buildReport } from './report.ts'

const report = buildReport(musashinoQuestionnaire(), musashinoFixture(), {
  'opinions:merit': [
    { group: '行政だけでは提供できないサービスの提供', text: '特殊な技術を有するサービスを提供可能' },
    { group: '地域の自立等の促進', text: '地域が行政に頼りすぎずに共助が進む' },
  ],
})
const fig = (r: Report, n: number) => {
  const f = figuresOf(r).find((x) => x.number === n)
  assert.ok(f, `図表${n} is in the report`)
  return f
}
const text = (b: Buffer) => b.toString('utf8')

test('caption: number, title, 単一回答/複数回答 and n as the report writes them', () => {
  assert.equal(figureCaption(fig(report, 5)), '図表5 協働事業を実施した経緯（複数回答、n=122）')
  assert.equal(figureCaption(fig(report, 15)), '図表15 今後の協働の実施意向（単一回答、n=29）')
  // a title that ends in its own bracket takes the answer form and n inside it
  assert.equal(figureCaption(fig(report, 7)), '図表7 協働事業の実施体制（協働の形態別、複数回答、n=122）')
  assert.equal(figureCaption(fig(report, 2)), '図表2 課別にみた調査対象事業数（n=122）')
  assert.equal(
    figureCaption(fig(report, 11)),
    '図表11 協働を進めることによるメリットの具体的な内容（主な意見）',
  )
})

test('CSV of 図表5: UTF-8 with BOM, CRLF, header in row 1, その他 with 25 and 20.5', () => {
  const b = figureCsv(fig(report, 5))
  assert.deepEqual([...b.subarray(0, 3)], [0xef, 0xbb, 0xbf])
  const s = text(b.subarray(3))
  const lines = s.split('\r\n')
  assert.equal(lines[0], '選択肢,回答数,割合（％）')
  assert.ok(lines.includes('その他,25,20.5'), s)
  assert.ok(lines.includes('無回答,2,1.6'), s)
  assert.doesNotMatch(s.replace(/\r\n/g, ''), /\n/, 'no bare LF')
  // one decimal always, as the figure shows it
  assert.ok(
    text(figureCsv(fig(report, 10))).includes(
      '行政だけでは実施できない様々なサービス等の提供が可能となる,17,68.0',
    ),
  )
})

test('CSV: a label a spreadsheet would run as a formula is written as text', () => {
  const f: Figure = {
    ...fig(report, 5),
    rows: [{ label: '=HYPERLINK("http://example.com")', count: 1, percent: 100 }],
  }
  const s = text(figureCsv(f))
  assert.match(s, /'=HYPERLINK/)
  // and reads back unchanged
  assert.equal(parseCsv(s.slice(1)).rows[0].cells[0], '=HYPERLINK("http://example.com")')
})

test('CSV of the whole report: every table, one number a row, cross groups with their n', () => {
  const s = text(reportCsv(report))
  const parsed = parseCsv(s)
  assert.deepEqual(
    parsed.header,
    REPORT_CSV_HEADER.map((h) => h.normalize('NFKC')),
  )
  const rows = parsed.rows.map((r) => r.cells)
  const numbers = new Set(rows.map((r) => Number(r[0])))
  for (const f of figuresOf(report))
    if (f.kind !== 'opinions' || f.opinions.length) assert.ok(numbers.has(f.number), `図表${f.number}`)
  // 図表1: departments by attribute
  assert.ok(rows.some((r) => r[0] === '1' && r[4] === '属性④' && r[7] === '28'))
  // 図表7: 委託 (n=50) 市が発案して実施 23 = 46.0%
  assert.ok(
    rows.some(
      (r) =>
        r[0] === '7' &&
        r[4] === '委託' &&
        r[5] === '50' &&
        r[6] === '市が発案して実施' &&
        r[7] === '23' &&
        r[8] === '46.0',
    ),
  )
  // 図表2: counts without a percentage (blank is not 0)
  const count = rows.find((r) => r[0] === '2' && r[4] === '生涯学習スポーツ課')
  assert.deepEqual(count?.slice(7, 9), ['17', ''])
  // 主な意見
  assert.ok(
    rows.some(
      (r) => r[0] === '11' && r[4] === '地域の自立等の促進' && r[9] === '地域が行政に頼りすぎずに共助が進む',
    ),
  )
})

test('XLSX: 目次 then one sheet per 図表; 図表7 has 委託 with n=50 and 46.0 as a number shown with one decimal', async () => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await reportXlsx(report, '協働事業等に関する実態把握調査結果')) as never)
  const names = wb.worksheets.map((w) => w.name)
  assert.equal(names[0], '目次')
  assert.equal(names[1], '図表1')
  for (const f of figuresOf(report)) assert.ok(names.includes(`図表${f.number}`), `sheet 図表${f.number}`)
  for (const n of names) assert.ok(n.length <= 31 && !/[[\]:*?/\\]/.test(n))

  const toc = wb.getWorksheet('目次') as ExcelJS.Worksheet
  const tocSheets: string[] = []
  toc.eachRow((row) => tocSheets.push(String(row.getCell(2).value ?? '')))
  for (const n of names.slice(1)) assert.ok(tocSheets.includes(n), `目次 lists ${n}`)

  const ws = wb.getWorksheet('図表7') as ExcelJS.Worksheet
  assert.equal(ws.getCell('A1').value, '図表7 協働事業の実施体制（協働の形態別、複数回答、n=122）')
  let found = false
  ws.eachRow((row) => {
    if (row.getCell(1).value === '委託' && typeof row.getCell(3).value === 'number' && !found) {
      found = true
      assert.equal(row.getCell(2).value, 50)
      assert.equal(row.getCell(3).value, 46)
      assert.equal(row.getCell(3).numFmt, '0.0')
    }
  })
  assert.ok(found, '図表7 has the row 委託')
  const cells: string[] = []
  ws.eachRow((row) => cells.push(String(row.getCell(1).value ?? '')))
  assert.ok(cells.includes(`注）${ROUNDING_NOTE}`), 'the notes under the table')

  const ws5 = wb.getWorksheet('図表5') as ExcelJS.Worksheet
  assert.equal(ws5.getCell('A1').value, '図表5 協働事業を実施した経緯（複数回答、n=122）')
  const other = ws5.getRows(1, ws5.rowCount)?.find((r) => r.getCell(1).value === 'その他')
  assert.deepEqual([other?.getCell(2).value, other?.getCell(3).value], [25, 20.5])
})

test('sheet names: at most 31 characters, no []:*?/\\, unique', () => {
  const taken = new Set<string>()
  assert.equal(sheetName('図表[1]: a/b', taken), '図表_1__ a_b')
  const long = 'あ'.repeat(40)
  assert.equal(sheetName(long, taken).length, 31)
  assert.equal(sheetName(long, taken), `${'あ'.repeat(28)}(2)`)
})

test('PDF: title, figures with captions, percentages and notes (needs a Japanese font)', async (t) => {
  if (!japaneseFont()) {
    t.skip('no Japanese font on this server (set KYODO_PDF_FONT): the page offers print to PDF instead')
    return
  }
  const pdf = await reportPdf(report, {
    title: '協働事業等に関する実態把握調査結果',
    city: '武蔵野市',
    fiscalYearLabel: '平成23年度（2011年度）',
    notes: MUSASHINO_FIXTURE_NOTES,
  })
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
  if (!fs.existsSync('/usr/bin/pdftotext')) {
    t.diagnostic('pdftotext not installed: the PDF text is not checked')
    return
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'survey-pdf-'))
  const file = path.join(dir, 'report.pdf')
  fs.writeFileSync(file, pdf)
  const out = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  fs.rmSync(dir, { recursive: true, force: true })
  for (const s of [
    '協働事業等に関する実態把握調査結果',
    '図表1',
    '図表15',
    '75.9',
    SMALL_N_NOTE,
    '図表5 協働事業を実施した経緯（複数回答、n=122）',
    '地域が行政に頼りすぎずに共助が進む',
  ])
    assert.ok(out.includes(s), `the PDF contains 「${s}」`)
  // page numbers
  assert.match(out, /\b1 ?\/ ?\d+/)
})

test('SVG of 図表3: valid-looking SVG with the label 委託, allowed by the CSP', () => {
  const svg = figureSvg(fig(report, 3))
  assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
  assert.match(svg, /<\/svg>\s*$/)
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)</g)].map((m) => m[1])
  assert.ok(texts.includes('委託'), texts.join('|'))
  assert.ok(texts.includes('41.0%'))
  // nothing the Content-Security-Policy refuses: no script, no style element or attribute
  assert.doesNotMatch(svg, /<script|<style| style=|on\w+="/)
  // colours are token roles, not literal
  assert.doesNotMatch(svg, / fill="(?!none)[^"]*"/)
})

test('SVG: long Japanese labels wrap, every character kept; few single answers are one stacked bar', () => {
  const f5 = fig(report, 5)
  const svg = figureSvg(f5)
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)</g)].map((m) => m[1])
  const all = texts.join('')
  for (const r of f5.rows) assert.ok(all.includes(r.label), `label 「${r.label}」 kept`)
  const first = f5.rows[0].label
  assert.ok(!texts.includes(first), 'the longest label is broken over lines')

  const stacked = figureSvg(fig(report, 4))
  assert.match(stacked, /data-fill="s0"/)
  assert.match(stacked, /data-fill="s1"/)
  assert.match(stacked, /NPO法人　35\.2%/)
  assert.match(stacked, /無回答　0\.0%/)

  assert.equal(figureSvg(fig(report, 2)), '', 'count figures are tables')
  assert.equal(figureSvg(fig(report, 7)), '', 'cross figures are tables')
  assert.equal(figureSvg(fig(report, 11)), '', 'opinions are lists')
})

test('compareReports: rows matched by label with both percents and the change in points', () => {
  const inputs = musashinoFixture()
  // one department that wanted to continue now does not know
  const d = inputs.find((r) => r.attribute <= 2 && r.answers.dept.continue === 'yes')
  assert.ok(d)
  d.answers.dept.continue = 'unknown'
  const qn = musashinoQuestionnaire()
  // the later questionnaire drops 図表8 (協働事業の成果)
  for (const s of qn.sections) for (const q of s.questions) if (q.key === 'outcome') q.figure = undefined
  const later = buildReport(qn, inputs)
  const c = compareReports(report, later)

  const cont = c.figures.find((f) => f.key === 'continue')
  assert.ok(cont)
  assert.equal(cont.nA, 24)
  assert.equal(cont.nB, 24)
  assert.deepEqual(
    cont.rows.find((r) => r.label === '継続したい'),
    {
      label: '継続したい',
      countA: 20,
      countB: 19,
      percentA: 83.3,
      percentB: 79.2,
      points: -4.1,
    },
  )
  assert.equal(cont.rows.find((r) => r.label === 'わからない')?.points, 4.2)
  assert.equal(cont.rows.find((r) => r.label === '無回答')?.points, 0)
  // unchanged figures have no difference
  const form = c.figures.find((f) => f.key === 'form')
  assert.ok(form?.rows.every((r) => r.points === 0))
  // cross-tabulations compare group by group
  const cross = c.figures.find((f) => f.key === 'cross:setup')
  assert.equal(cross?.groups?.find((g) => g.label === '委託')?.nB, 50)
  // counts have no percentages
  assert.ok(c.figures.find((f) => f.key === 'count:projects')?.rows.every((r) => r.points === null))
  // 図表8 only in the earlier report
  assert.deepEqual(c.onlyA, [{ key: 'outcome', number: 8, title: '協働事業の成果について' }])
  assert.deepEqual(c.onlyB, [])
})

test('compareReports: a choice only one year has is listed with the other side empty', () => {
  const a = report
  const qn = musashinoQuestionnaire()
  for (const s of qn.sections)
    for (const q of s.questions)
      if (q.key === 'partner_type') q.choices = [...(q.choices ?? []), { code: 'corp', label: '企業' }]
  const c = compareReports(a, buildReport(qn, musashinoFixture()))
  const row = c.figures.find((f) => f.key === 'partner_type')?.rows.find((r) => r.label === '企業')
  assert.deepEqual(row, { label: '企業', countA: null, countB: 0, percentA: null, percentB: 0, points: null })
})

test('an empty survey (no answers yet) still exports: n=0, no division by zero', async () => {
  const empty = buildReport(musashinoQuestionnaire(), [])
  assert.ok(text(figureCsv(fig(empty, 5))).includes('その他,0,0.0'))
  assert.ok(reportCsv(empty).length > 0)
  assert.ok((await reportXlsx(empty, '調査')).length > 0)
  for (const f of figuresOf(empty)) assert.doesNotMatch(figureSvg(f), /NaN/)
  if (japaneseFont())
    assert.ok(
      (await reportPdf(empty, { title: '調査', city: '市', fiscalYearLabel: '年度', notes: '' })).length > 0,
    )
})
