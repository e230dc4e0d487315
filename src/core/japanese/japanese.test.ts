import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  parseYear,
  fiscalYearLabel,
  fiscalYearOf,
  formatEra,
  formatEraWithWestern,
  normalizeForSearch,
  normalizeFurigana,
  normalizePhone,
  normalizePostalCode,
  parseYmd,
} from './index.ts'

test('era dates switch from 平成 to 令和 on 2019-05-01 (JST)', () => {
  assert.equal(formatEra('2019-04-30'), '平成31年4月30日')
  assert.equal(formatEra('2019-05-01'), '令和元年5月1日')
  // 2019-04-30T15:00Z is already May 1 in Tokyo
  assert.equal(formatEra(new Date('2019-04-30T15:00:00Z')), '令和元年5月1日')
  assert.equal(formatEraWithWestern('2026-11-23'), '令和8年11月23日（2026年）')
})

test('fiscal year starts on April 1 in Asia/Tokyo', () => {
  assert.equal(fiscalYearOf(new Date('2026-03-31T15:00:00Z')), 2026) // 2026-04-01 00:00 JST
  assert.equal(fiscalYearOf(new Date('2026-03-31T14:59:00Z')), 2025) // one minute earlier
  assert.equal(fiscalYearOf('2027-03-31'), 2026)
  assert.equal(fiscalYearLabel(2026), '令和8年度（2026年度）')
  assert.equal(fiscalYearLabel(2019), '令和元年度（2019年度）')
})

test('search normalisation folds width, case and kana', () => {
  assert.equal(normalizeForSearch('ＮＰＯ法人　みまもり'), 'npo法人 ミマモリ')
  assert.equal(normalizeForSearch('ｶﾅ'), 'カナ')
})

test('furigana is stored in katakana; non-kana is refused', () => {
  assert.equal(normalizeFurigana('むさしの たろう'), 'ムサシノ タロウ')
  assert.equal(normalizeFurigana('武蔵野'), null)
})

test('postal codes and phones are normalised', () => {
  assert.equal(normalizePostalCode('〒１８０－０００１'), '1800001')
  assert.equal(normalizePostalCode('123-456'), null)
  assert.equal(normalizePhone('０４２２－６０－１８００'), '0422-60-1800')
  assert.equal(normalizePhone('123'), null)
})

test('dates typed as 年/月/日 are validated', () => {
  assert.equal(parseYmd('2025', '2', '30'), null)
  assert.equal(parseYmd('2024', '2', '29'), '2024-02-29')
  assert.equal(parseYmd('２０２６', '４', '１'), '2026-04-01')
  assert.equal(parseYmd('26', '4', '1'), null)
})

describe('parseYear: a year as people write it', () => {
  test('western, full-width, era names, era letters; bad text is bad', () => {
    assert.equal(parseYear('1999'), 1999)
    assert.equal(parseYear('１９９９年'), 1999)
    assert.equal(parseYear('平成11年'), 1999)
    assert.equal(parseYear('平成元年'), 1989)
    assert.equal(parseYear('令和２年'), 2020)
    assert.equal(parseYear('S60'), 1985)
    assert.equal(parseYear('H.11'), 1999)
    assert.equal(parseYear(''), null)
    assert.equal(parseYear('そのうち'), 'bad')
  })
})

describe('parseYmd: a date typed as 年/月/日', () => {
  test('western or era years, full-width digits, 月・日 suffixes; impossible dates refused', () => {
    assert.equal(parseYmd('2026', '4', '1'), '2026-04-01')
    assert.equal(parseYmd('２０２６', '０４', '０１'), '2026-04-01')
    assert.equal(parseYmd('令和8', '4', '1'), '2026-04-01')
    assert.equal(parseYmd('令和８年', '4月', '1日'), '2026-04-01')
    assert.equal(parseYmd('平成元年', '1', '8'), '1989-01-08')
    assert.equal(parseYmd('R8', '2', '29'), null)
    assert.equal(parseYmd('2024', '2', '29'), '2024-02-29')
    assert.equal(parseYmd('2025', '2', '30'), null)
    assert.equal(parseYmd('26', '4', '1'), null)
    assert.equal(parseYmd('そのうち', '4', '1'), null)
  })
})
