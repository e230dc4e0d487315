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
