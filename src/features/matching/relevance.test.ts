import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { diversified } from './relevance.ts'

describe('diversified: near-duplicate profiles step back', () => {
  const copy = '地域の防犯パトロールを毎週行い、夜道の見回りと子どもの見守りをしています。'
  const items = [
    { id: 'a', v: 1.0, t: `緑町で${copy}` },
    { id: 'b', v: 0.95, t: `境南町で${copy}` },
    { id: 'c', v: 0.9, t: `中町で${copy}` },
    { id: 'd', v: 0.8, t: '空き巣の被害を減らすため、住宅街で青色回転灯の車による巡回を続けている。' },
  ]
  test('a word-for-word copy of a placed candidate falls below a distinct one; its value says so', () => {
    const out = diversified(
      items,
      (x) => x.v,
      (x) => x.t,
    )
    assert.deepEqual(
      out.map((o) => o.x.id),
      ['a', 'd', 'b', 'c'],
    )
    assert.equal(out[0].value, 1)
    assert.equal(out[1].value, 0.8, 'a distinct profile keeps its whole value')
    assert.ok(out[2].value < 0.5, `a copy keeps little (${out[2].value})`)
    assert.equal(out[2].like?.id, 'a')
    assert.equal(out[1].like, undefined)
  })
  test('distinct profiles keep their order', () => {
    const distinct = [
      { id: 'x', v: 0.9, t: '高齢者の自宅を訪ねて安否を確かめる見守り活動' },
      { id: 'y', v: 0.8, t: '子ども食堂で夕食を出し、学習支援も行う' },
      { id: 'z', v: 0.7, t: '防災訓練と避難所運営の研修を開いている' },
    ]
    assert.deepEqual(
      diversified(
        distinct,
        (x) => x.v,
        (x) => x.t,
      ).map((o) => o.x.id),
      ['x', 'y', 'z'],
    )
  })
})
