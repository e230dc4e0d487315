import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { resemblance, shingles } from './similar.ts'

describe('similar: copied wording vs a shared theme', () => {
  test('shingles are 4-character runs of the folded text; punctuation, width and digits do not count', () => {
    assert.deepEqual([...shingles('子ども食堂、です')], ['子ドモ食', 'ドモ食堂', 'モ食堂デ', '食堂デス'])
    assert.deepEqual(shingles('こども食堂'), shingles('コドモ食堂'))
    assert.deepEqual(shingles('ＡＢＣＤ'), shingles('abcd'))
    assert.deepEqual(shingles('1998年に発足'), shingles('2003年に発足'))
    assert.deepEqual([...shingles('猫')], ['猫'])
    assert.equal(shingles('').size, 0)
  })
  test('a template filled in with another place and year resembles its original', () => {
    const a = shingles(
      '緑町を中心に、戦争の記憶を次の世代に伝え、平和の大切さを考える機会をつくることを目的に、1998年に地域の有志が集まって始めた団体です。',
    )
    const b = shingles(
      '境南町・桜堤を中心に、戦争の記憶を次の世代に伝え、平和の大切さを考える機会をつくることを目的に、2011年に近所の仲間が集まって始めた団体です。',
    )
    assert.ok(resemblance(a, b) > 0.5, `${resemblance(a, b)}`)
  })
  test('two groups on the same work in their own words hardly resemble each other', () => {
    const a = shingles(
      '毎月第二・第四土曜日に公民館で子ども食堂を開き、子どもや保護者に手作りの夕食を三百円で提供している。',
    )
    const b = shingles(
      '子供食堂の運営と料理教室を通じて、家庭で十分な食事をとれない子どもたちに栄養のある食事と安心できる場を提供している。',
    )
    assert.ok(resemblance(a, b) < 0.1, `${resemblance(a, b)}`)
  })
  test('resemblance is symmetric, 1 for the same text and 0 for nothing shared', () => {
    const a = shingles('高齢者の自宅を訪ねて安否を確かめる')
    const b = shingles('防災訓練と避難所運営の研修を開く')
    assert.equal(resemblance(a, a), 1)
    assert.equal(resemblance(a, b), 0)
    assert.equal(resemblance(a, b), resemblance(b, a))
    assert.equal(resemblance(a, new Set()), 0)
  })
})
