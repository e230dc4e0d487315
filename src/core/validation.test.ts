import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseJapaneseNumber, v, validate } from './validation.ts'
import { z } from 'zod'

test('numbers as written in Japan', () => {
  const cases: [string, string][] = [
    ['２８人', '28'],
    ['５０万円', '500000'],
    ['￥1,200', '1200'],
    ['¥３，０００円', '3000'],
    ['1.5万', '15000'],
    ['2億', '200000000'],
    ['  42 ', '42'],
    ['2010年', '2010'],
  ]
  for (const [input, out] of cases) assert.equal(parseJapaneseNumber(input), out, input)
  assert.equal(parseJapaneseNumber('たくさん'), 'たくさん')
  assert.equal(parseJapaneseNumber(12), 12)
})

test('v.int accepts them and still refuses words, with the field named', () => {
  const s = z.object({ n: v.int('構成員数', { min: 0, optional: true }), b: v.int('予算', { min: 0 }) })
  const ok = validate(s, { n: '２８人', b: '５０万円' })
  assert.ok(ok.ok)
  if (ok.ok) assert.deepEqual(ok.data, { n: 28, b: 500000 })
  const empty = validate(s, { n: '', b: '0' })
  assert.ok(empty.ok && empty.data.n === null)
  const bad = validate(s, { n: 'たくさん', b: '1.5' })
  assert.ok(!bad.ok)
  if (!bad.ok) {
    assert.match(bad.errors.n, /構成員数は半角数字で入力してください/)
    assert.match(bad.errors.b, /予算は整数/)
  }
})
