import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import {
  analyze,
  analyzeSync,
  isStopWord,
  LEXICON_DOCUMENT,
  queryTerms,
  ready,
  searchKeys,
  searchKeysSync,
  type Term,
  termKey,
  verbForms,
} from './analysis.ts'
import { charBigrams, compact, editDistance, fold, substringDistance } from './fold.ts'
import { synonymsOfKey, variantOf } from './synonyms.ts'

const keys = (ts: Term[], kind?: Term['kind']) =>
  ts.filter((t) => !kind || t.kind === kind).map((t) => t.term)
const doc = (s: string) => analyzeSync(s, 'document').terms
const query = (s: string) => analyzeSync(s, 'query').terms
/** Do a query and a document share a term other than a bigram? */
const meets = (q: string, d: string) => {
  const dk = new Set(keys(doc(d)).filter((k) => k.length > 1))
  return query(q).some((t) => t.kind !== 'bigram' && dk.has(t.term))
}

before(async () => {
  await ready()
})

describe('fold (character rules)', () => {
  it('NFKC: full-width Latin and digits, half-width katakana', () => {
    assert.equal(fold('ＮＰＯ法人１２３'), 'npo法人123')
    assert.equal(fold('ｶﾀｶﾅ'), 'カタカナ')
    assert.equal(fold('ﾎﾞﾗﾝﾃｨｱ'), 'ボランティア')
  })
  it('lower case', () => {
    assert.equal(fold('NPO'), 'npo')
    assert.equal(fold('ＩＣＴ'), 'ict')
  })
  it('hiragana → katakana', () => {
    assert.equal(fold('こども'), 'コドモ')
    assert.equal(fold('みまもり'), 'ミマモリ')
  })
  it('long-vowel mark variants after kana', () => {
    assert.equal(fold('センタ－'), 'センター')
    assert.equal(fold('センタ―'), 'センター')
    assert.equal(fold('センタｰ'), 'センター')
    assert.equal(fold('サポ〜ト'), 'サポート')
    // a dash between digits is not a long vowel
    assert.equal(fold('0422-60'), '0422-60')
  })
  it('ヶ/ケ/が/ヵ between kanji in place names', () => {
    assert.equal(fold('霞ヶ関'), fold('霞ケ関'))
    assert.equal(fold('霞が関'), fold('霞ヶ関'))
    assert.equal(fold('八ヵ岳'), fold('八ケ岳'))
  })
  it('々 spelled out', () => {
    assert.equal(fold('人々'), '人人')
    assert.equal(fold('時々'), '時時')
  })
  it('white space folded', () => {
    assert.equal(fold('  子ども　 食堂 '), '子ドモ 食堂')
  })
  it('compact drops punctuation and spaces', () => {
    assert.equal(compact('ＮＰＯ法人・むさしの　会'), 'npo法人ムサシノ会')
  })
  it('character bigrams within runs', () => {
    assert.deepEqual(charBigrams('防災、会'), ['防災', '会'])
  })
  it('edit distances', () => {
    assert.equal(editDistance('見守りネット', '見守りネット'), 0)
    assert.equal(editDistance('見守りネット', '見守りネッド'), 1)
    assert.equal(editDistance('見守りネット', '見守りネ'), 2)
    assert.equal(substringDistance('包括支援', '地域包括支援センター'), 0)
    assert.equal(substringDistance('包括史援', '地域包括支援センター'), 1)
  })
  it('bounded distances agree with the plain definitions (random strings, long and short)', () => {
    const full = (a: string, b: string) => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)])
      for (let j = 1; j <= b.length; j++) d[0][j] = j
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            d[i][j - 1] + 1,
            d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
          )
      return d[a.length][b.length]
    }
    const inside = (q: string, s: string) => {
      let best = q.length
      for (let i = 0; i <= s.length; i++)
        for (let j = i; j <= s.length; j++) best = Math.min(best, full(q, s.slice(i, j)))
      return best
    }
    let seed = 11
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const word = (n: number) => Array.from({ length: n }, () => 'あいうえ見守'[rnd(6)]).join('')
    for (let k = 0; k < 300; k++) {
      const a = word(1 + rnd(7))
      const b = word(rnd(70) === 0 ? 90 : 1 + rnd(9))
      for (const max of [1, 2]) {
        assert.equal(
          Math.min(editDistance(a, b, max), max + 1),
          Math.min(full(a, b), max + 1),
          `${a} ${b} ${max}`,
        )
        assert.equal(substringDistance(a, b, max), Math.min(inside(a, b), max + 1), `${a} in ${b} ${max}`)
      }
    }
  })
})

describe('orthographic variants (one key)', () => {
  it('子ども ≡ こども ≡ 子供', () => {
    assert.equal(termKey('子ども'), termKey('子供'))
    assert.equal(termKey('こども'), termKey('子供'))
  })
  it('こども食堂 ≡ 子ども食堂 ≡ 子供食堂 (compounds keyed by their parts)', () => {
    const a = keys(doc('こども食堂'), 'exact')
    const b = keys(doc('子ども食堂'), 'exact')
    const c = keys(doc('子供食堂'), 'exact')
    assert.deepEqual(a, b)
    assert.deepEqual(b, c)
  })
  it('障がい者 ≡ 障害者 (Sudachi 表記ゆれ)', () => {
    assert.equal(termKey('障がい者'), termKey('障害者'))
  })
  it('障がい者 is read as 障害者 in a text, not as the verb 障る (交ぜ書き)', () => {
    assert.deepEqual(keys(doc('障がい者の就労を支える'), 'exact'), keys(doc('障害者の就労を支える'), 'exact'))
    assert.ok(meets('障がいのある子ども', '障害のある子供の放課後の居場所'))
    assert.ok(!keys(doc('障がい者'), 'exact').some((k) => k.startsWith('障ル')))
  })
  it('ＮＰＯ ≡ npo', () => {
    assert.equal(termKey('ＮＰＯ'), termKey('npo'))
    assert.ok(meets('ＮＰＯ', 'npoの活動'))
  })
  it('variantOf leaves unknown words alone', () => {
    assert.equal(variantOf('ムサシノ'), 'ムサシノ')
  })
})

describe('readings (kana queries find kanji)', () => {
  it('みまもり finds 見守り', () => assert.ok(meets('みまもり', '高齢者の見守り活動')))
  it('ぼうさい finds 防災', () => assert.ok(meets('ぼうさい', '地域の防災訓練')))
  it('むさしの finds 武蔵野', () => assert.ok(meets('むさしの', '武蔵野市民の会')))
  it('a kanji query does not go through readings (公園 does not find 講演)', () => {
    assert.ok(!meets('公園', '講演会を開く'))
  })
  it('okurigana and particles after kanji are not taken as readings', () => {
    assert.ok(!keys(query('お年寄りの見守り'), 'reading').some((k) => k.endsWith('リノ')))
  })
  it('readings meet readings only: the reading ジム of 事務 is not the word ジム', () => {
    assert.ok(!meets('ジム', '事務局'))
    assert.ok(meets('じむきょく', '事務局'))
  })
})

describe('compounds', () => {
  it('地域包括支援センター kept whole and in parts', () => {
    const ts = doc('地域包括支援センターと連携する')
    assert.ok(keys(ts, 'exact').includes(termKey('地域包括支援センター')))
    const parts = keys(ts, 'part')
    for (const p of ['地域', '包括', '支援', 'センター', '地域包括', '包括支援', '支援センター'])
      assert.ok(parts.includes(termKey(p)), p)
  })
  it('parts weigh less than the whole', () => {
    const ts = doc('地域包括支援センター')
    const whole = ts.find((t) => t.kind === 'exact')
    const part = ts.find((t) => t.kind === 'part')
    assert.ok(whole && part && part.weight < whole.weight)
  })
  it('single characters as parts only when kanji, and weighing less (猫 in 猫対策)', () => {
    const ts = doc('飼い主のいない猫対策')
    const cat = ts.find((t) => t.term === '猫')
    assert.ok(cat && cat.kind === 'part' && cat.weight < 0.5)
    assert.ok(!doc('カフェ運営').some((t) => t.kind === 'part' && /^[\u30a0-\u30ff]$/.test(t.term)))
  })
  it('verbs by dictionary form; a 連用形 used as a noun kept too', () => {
    const ks = keys(doc('高齢者を見守る'))
    assert.ok(ks.includes(termKey('見守る')))
    assert.ok(keys(doc('見守りの会')).includes(termKey('見守り')))
  })
  it('an ichidan verb’s bare stem weighs like the verb, a godan verb’s 連用形 like a noun', () => {
    const q = (text: string, key: string) =>
      analyzeSync(text, 'query').terms.find((t) => t.kind === 'exact' && t.term === termKey(key))
    const tabe = q('みんなで食べ、片づける', '食べ')
    const mimamori = q('見守り、声かけをする', '見守り')
    assert.ok(tabe && mimamori)
    assert.ok(tabe.weight < mimamori.weight)
    assert.equal(mimamori.weight, 1)
  })
})

describe('stop words and particles', () => {
  it('particles and auxiliaries are dropped', () => {
    const ks = keys(doc('子どもたちに食事を提供します'))
    for (const p of ['ニ', 'ヲ', 'マス', 'ニ']) assert.ok(!ks.includes(p), p)
  })
  it('stop words are dropped (こと, 実施, 行う)', () => {
    const ks = keys(doc('講座を実施することを行う'))
    assert.ok(ks.includes(termKey('講座')))
    for (const s of ['こと', '実施', '行う']) assert.ok(!ks.includes(termKey(s)), s)
    assert.ok(isStopWord(termKey('こと')))
  })
  it('question words of a resident are stop words (どこ, 教える)', () => {
    const ks = keys(query('粗大ごみはどこに出せばいいか教えてください'))
    assert.ok(ks.includes(termKey('粗大ごみ')))
    assert.ok(!ks.includes(termKey('どこ')))
    assert.ok(!ks.includes(termKey('教える')))
  })
  it('generic words like 地域, 支援 are kept (IDF weighs them), not dropped', () => {
    assert.ok(keys(doc('地域の支援')).includes(termKey('地域')))
  })
})

describe('synonyms (below exact)', () => {
  it('お年寄り ≈ 高齢者', () => {
    const t = query('お年寄り').find((x) => x.term === termKey('高齢者'))
    assert.ok(t)
    assert.equal(t.kind, 'synonym')
    assert.ok(t.weight < 1)
    assert.equal(t.from, 'お年寄り')
  })
  it('Sudachi synonyms are loaded (子供 ≈ 児童)', () => {
    assert.ok(synonymsOfKey(termKey('子供')).some((s) => s.term === termKey('児童')))
  })
  it('municipal curated synonyms: 引っ越し ≈ 転入', () => {
    assert.ok(query('引っ越し').some((t) => t.term === termKey('転入') && t.kind === 'synonym'))
  })
  it('documents get no synonyms (a query-side thing), only the lexicon’s terms of everyday phrases', () => {
    assert.ok(!doc('高齢者').some((t) => t.kind === 'synonym'))
    assert.ok(!doc('子育て').some((t) => t.kind === 'synonym'))
    const expanded = doc('お年寄り').filter((t) => t.kind === 'synonym')
    assert.ok(expanded.length > 0 && expanded.every((t) => t.weight === LEXICON_DOCUMENT))
  })
  it('a verb in kana gets no thesaurus words of one of its kanji spellings (なくなる: 亡くなる, 無くなる)', () => {
    assert.ok(query('父が亡くなった').some((t) => t.term === termKey('逝去')))
    assert.ok(!query('収入がなくなった').some((t) => t.term === termKey('逝去')))
  })
  it('an exact word is never demoted by a synonym of another word', () => {
    const ts = query('高齢者とお年寄り')
    assert.equal(ts.find((t) => t.term === termKey('高齢者'))?.kind, 'exact')
  })
})

describe('bigrams (fallback)', () => {
  it('documents carry bigrams of every word', () => {
    assert.ok(keys(doc('ひだまりカフェ'), 'bigram').length > 0)
  })
  it('long queries carry bigrams only for words the dictionary does not know', () => {
    const ts = query('一人暮らしのお年寄りの安否を確かめてくれる近所の人を探しています')
    assert.equal(keys(ts, 'bigram').length, 0)
  })
  it('short queries carry bigrams (pieces of names)', () => {
    assert.ok(keys(query('ンター運'), 'bigram').length > 0)
  })
})

describe('API', () => {
  it('analyze and queryTerms are the async forms', async () => {
    assert.deepEqual((await analyze('防災')).terms, doc('防災'))
    assert.deepEqual(await queryTerms('防災'), query('防災'))
  })
  it('searchKeys: the folded text and the keys of its words and readings', async () => {
    const k = await searchKeys('子ども食堂ひだまり')
    assert.equal(k, searchKeysSync('子ども食堂ひだまり'))
    assert.ok(k.includes(termKey('子ども食堂')))
    assert.ok(k.includes('コドモショクドウ'))
  })
  it('empty text', () => {
    assert.deepEqual(doc(''), [])
  })
})

describe('verb forms: a verb meets its noun and its potential form', () => {
  it('the 連用形 of a godan or ichidan verb, and a potential verb back to its godan verb', () => {
    assert.deepEqual(verbForms('遊ぶ', '五段・バ行'), ['遊び'])
    assert.deepEqual(verbForms('支え合う', '五段・ワ行促音便'), ['支え合い'])
    assert.deepEqual(verbForms('考え直す', '五段・サ行'), ['考え直し'])
    assert.deepEqual(verbForms('遊べる', '一段'), ['遊べ', '遊ぶ', '遊び'])
  })
  it('none for kana-only or one-character verbs', () => {
    assert.deepEqual(verbForms('やる', '五段・ラ行'), [])
    assert.deepEqual(verbForms('見る', '一段'), [])
  })
  it('遊ぶ in a query meets 遊べる and 泥遊び in a document; 学ぶ meets 学び', () => {
    assert.ok(meets('公園で遊ぶ', '子どもが自由に遊べるプレーパーク'))
    assert.ok(meets('外で遊ぶ', '木登りや泥遊びをする'))
    assert.ok(meets('学びの場', '子どもが学ぶ教室'))
  })
  it("a verb's other form weighs below the form written", () => {
    const ts = doc('子どもが遊べる')
    const written = ts.find((t) => t.term === termKey('遊べる'))!
    const other = ts.find((t) => t.term === termKey('遊ぶ'))!
    assert.ok(other.weight < written.weight)
    assert.equal(other.kind, 'part')
  })
})

describe('legal forms', () => {
  it('認定NPO法人, 株式会社 … are not words of a name (nor glued to it)', () => {
    for (const name of [
      '認定NPO法人 むさしの高齢者サロン',
      '株式会社八幡町まちづくり工房',
      '一般社団法人みどりの会',
    ]) {
      const ks = keys(doc(name), 'exact')
      assert.ok(!ks.some((k) => /npo|法人|会社/.test(k)), `${name}: ${ks.join(' ')}`)
    }
    assert.ok(keys(doc('株式会社八幡町まちづくり工房'), 'exact').includes(termKey('八幡町まちづくり工房')))
  })
})
