import assert from 'node:assert/strict'
import { test } from 'node:test'
import iconv from 'iconv-lite'
import { decodeCsv, parseCsv, toCsv } from './csv.ts'

test('reads UTF-8 with and without BOM, and CP932', () => {
  const text = '団体名,電話\r\n髙橋の会,0422\r\n'
  assert.equal(decodeCsv(Buffer.from(`\uFEFF${text}`, 'utf8')).encoding, 'utf-8-bom')
  assert.equal(decodeCsv(Buffer.from(text, 'utf8')).encoding, 'utf-8')
  const sjis = decodeCsv(iconv.encode('団体名,電話\r\nむさしの会,0422\r\n', 'cp932'))
  assert.equal(sjis.encoding, 'cp932')
  assert.equal(parseCsv(sjis.text).rows[0].cells[0], 'むさしの会')
})

test('refuses bytes that are neither UTF-8 nor CP932', () => {
  assert.throws(
    () => decodeCsv(Uint8Array.from([0x82, 0xa0, 0xff, 0xfe, 0x80, 0x81, 0x00])),
    /文字コードを判別できません/,
  )
})

test('writes UTF-8 with BOM and CRLF by default', () => {
  const b = toCsv(['名前'], [['𠮷野家の会']])
  assert.deepEqual([...b.subarray(0, 3)], [0xef, 0xbb, 0xbf])
  assert.equal(b.subarray(3).toString('utf8'), '名前\r\n𠮷野家の会\r\n')
})

test('CP932 output fails loudly on characters it cannot hold, naming row and column', () => {
  assert.throws(() => toCsv(['名前'], [['普通'], ['𠮷野家の会']], 'cp932'), /3行目「名前」の「𠮷」/)
  const ok = toCsv(['名前'], [['髙橋']], 'cp932') // 髙 is in CP932 (IBM extension)
  assert.equal(iconv.decode(ok, 'cp932'), '名前\r\n髙橋\r\n')
})

test('row numbers follow Excel (header is row 1) and limits are enforced', () => {
  const p = parseCsv('a,b\n1,2\n3,4\n')
  assert.deepEqual(
    p.rows.map((r) => r.line),
    [2, 3],
  )
  assert.throws(() => parseCsv('a\n1\n2\n3\n', { maxRows: 2 }), /一度に取り込めるのは2行まで/)
  assert.throws(() => parseCsv('a,b\n"unclosed,2\n'), /引用符/)
})

test('rows of other lengths below a title row are read, and the stack limit is given back', () => {
  const before = Error.stackTraceLimit
  const limit = 17 // a value of our own, so that a limit left at 0 by any earlier parse shows
  Error.stackTraceLimit = limit
  const p = parseCsv('団体名簿\n名前,活動,連絡先\n見守りの会,見守り,a@example.jp\n')
  assert.deepEqual(p.header, ['団体名簿'])
  assert.deepEqual(
    p.rows.map((r) => r.cells),
    [
      ['名前', '活動', '連絡先'],
      ['見守りの会', '見守り', 'a@example.jp'],
    ],
  )
  assert.equal(Error.stackTraceLimit, limit)
  // a syntax error still reaches the user as a Japanese message with its line, and leaves the limit as it was
  assert.throws(
    () => parseCsv('a,b\n1,2\n"unclosed,2\n'),
    (e: Error) => /3行目付近/.test(e.message) && /引用符/.test(e.message) && Boolean(e.stack),
  )
  assert.equal(Error.stackTraceLimit, limit)
  Error.stackTraceLimit = before
})
