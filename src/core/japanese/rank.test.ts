import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { ready } from './analysis.ts'
import { createDepartmentIndex, createIndex, kthScore, type RankIndex, suggestDepartments } from './rank.ts'

const FIELDS = [
  { name: 'name', weight: 3, fuzzy: true },
  { name: 'description', weight: 1 },
]
const DOCS = [
  {
    id: 'watch',
    fields: {
      name: '特定非営利活動法人さくら見守りネットワーク',
      description:
        '一人暮らしの高齢者を週に一度訪問し、安否確認を行っている。異変に気づいたときは地域包括支援センターに連絡する。',
    },
  },
  {
    id: 'food',
    fields: {
      name: 'NPO法人こども食堂ひだまり',
      description: '月に二回、子どもたちに温かい夕食を提供する子ども食堂を運営している。宿題も見ている。',
    },
  },
  {
    id: 'bosai',
    fields: {
      name: '特定非営利活動法人境南防災ボランティアの会',
      description: '避難所の運営訓練や防災講座を開いている。',
    },
  },
  {
    id: 'go',
    fields: {
      name: 'NPO法人桜堤囲碁クラブ',
      description: '地域の高齢者を対象に、公民館で囲碁の教室を毎週開いている。',
    },
  },
  {
    id: 'chorus',
    fields: {
      name: '特定非営利活動法人緑町合唱の会',
      description: '市民を対象に合唱の練習を月に二回開いている。地域の活動にも参加。',
    },
  },
]

let index: RankIndex
before(async () => {
  await ready()
  index = await createIndex(FIELDS, DOCS)
})
const ids = (q: string) => index.search(q).map((h) => h.id)

describe('ranking', () => {
  it('relevance first: the document about the thing, not the one with generic words', () => {
    assert.equal(ids('一人暮らしのお年寄りの安否確認')[0], 'watch')
  })
  it('synonyms match, below exact words', () => {
    assert.equal(ids('お年寄り')[0], 'watch')
    const exact = index.search('高齢者を訪問')[0]
    const syn = index.search('お年寄りを訪問')[0]
    assert.equal(exact.id, 'watch')
    assert.equal(syn.id, 'watch')
    assert.ok(exact.score > syn.score)
  })
  it('IDF: a word every document has weighs less than a rare one', () => {
    assert.equal(ids('地域 囲碁')[0], 'go')
  })
  it('a name in one spelling is found by another (子供食堂 inside こども食堂ひだまり)', async () => {
    const idx = await createIndex(FIELDS, [
      {
        id: 'name',
        fields: { name: 'NPO法人こども食堂ひだまり', description: '月に二回、夕食を出している。' },
      },
      {
        id: 'text',
        fields: { name: 'NPO法人ひまわり', description: '子供食堂と学習支援と配食と食事会をしている。' },
      },
    ])
    for (const q of ['子供食堂', '子ども食堂', 'こども食堂']) assert.equal(idx.search(q)[0]?.id, 'name', q)
  })
  it('こども食堂, 子ども食堂 and 子供食堂 give the same ranking', () => {
    assert.deepEqual(ids('こども食堂'), ids('子ども食堂'))
    assert.deepEqual(ids('子供食堂'), ids('子ども食堂'))
    assert.equal(ids('子供食堂')[0], 'food')
  })
  it('kana queries find kanji: みまもり, ぼうさい', () => {
    assert.equal(ids('みまもり')[0], 'watch')
    assert.equal(ids('ぼうさい')[0], 'bosai')
  })
  it('full-width ＮＰＯ finds NPO', () => {
    assert.ok(ids('ＮＰＯ法人こども食堂ひだまり').includes('food'))
  })
  it('an empty or unknown query gives nothing', () => {
    assert.deepEqual(ids(''), [])
    assert.deepEqual(ids('量子コンピュータ'), [])
  })
})

describe('names: typo tolerance and pieces', () => {
  it('one character wrong', () => assert.equal(ids('境南防災ボランティアの金')[0], 'bosai'))
  it('one character missing', () => assert.equal(ids('さくら見守りネットワク')[0], 'watch'))
  it('one character extra', () => assert.equal(ids('さくら見守りのネットワーク')[0], 'watch'))
  it('a 4-character piece from inside', () => assert.equal(ids('ットワー')[0], 'watch'))
  it('a hiragana reading of the name', () => assert.equal(ids('さくらみまもりねっとわーく')[0], 'watch'))
})

describe('matched words and snippets', () => {
  it('whole words only, once: 地域包括支援センター, not 包括 or 支援', () => {
    const hit = index.search('包括支援')[0]
    assert.equal(hit.id, 'watch')
    assert.deepEqual(
      hit.matched.map((m) => m.word),
      ['地域包括支援センター'],
    )
  })
  it('no single characters reported', () => {
    for (const h of index.search('会の場所')) for (const m of h.matched) assert.ok(m.word.length >= 2, m.word)
  })
  it('synonyms shown as 高齢者 ≈ お年寄り', () => {
    const hit = index.search('お年寄り')[0]
    assert.ok(
      hit.matched.some((m) => m.label === '高齢者 ≈ お年寄り'),
      JSON.stringify(hit.matched),
    )
  })
  it('snippet: the document’s own sentence with the words marked', () => {
    const hit = index.search('安否確認')[0]
    assert.ok(hit.snippet)
    assert.equal(hit.snippet.field, 'description')
    assert.ok(hit.snippet.marked.includes('【安否確認】'), hit.snippet.marked)
    const [a, b] = hit.snippet.spans[0]
    assert.equal(hit.snippet.text.slice(a, b), '安否確認')
  })
})

describe('adding documents', () => {
  it('documents added after a search are found', async () => {
    const i = await createIndex(FIELDS, DOCS)
    assert.deepEqual(
      i.search('点字').map((h) => h.id),
      [],
    )
    i.add({ id: 'braille', fields: { name: '点訳の会', description: '市報を点字に訳している。' } })
    assert.equal(i.search('点字')[0]?.id, 'braille')
    assert.equal(i.size, DOCS.length + 1)
  })
})

describe('which department?', () => {
  it('routes a resident’s whole sentence to the department whose duties fit', async () => {
    const deps = await createDepartmentIndex([
      {
        id: 'shimin',
        name: '市民課',
        duties: '転入、転出及び転居の届出に関すること。戸籍の届出に関すること。',
      },
      {
        id: 'gomi',
        name: 'ごみ総合対策課',
        duties: '家庭ごみの収集及び分別の指導に関すること。粗大ごみの収集に関すること。',
      },
      { id: 'doro', name: '道路課', duties: '道路の維持補修に関すること。街路灯の管理に関すること。' },
    ])
    assert.equal(
      suggestDepartments(deps, '来月引っ越してくるのですが、どこに届ければいいですか')[0]?.id,
      'shimin',
    )
    assert.equal(
      suggestDepartments(deps, '使わなくなったソファを捨てたい。粗大ごみはどう出せばいい？')[0]?.id,
      'gomi',
    )
    const r = suggestDepartments(deps, '夜になっても街灯がつきません')
    assert.equal(r[0]?.id, 'doro')
    assert.ok(['high', 'medium', 'low'].includes(r[0].confidence))
  })
})

describe('synonyms weigh no more than the word they stand for', () => {
  it('a rare synonym (応援) does not lift a generic query word (支援) above the word itself', async () => {
    const docs = [
      { id: 'syn', fields: { description: '地域の商店街を応援している。' } },
      { id: 'exact', fields: { description: '子育て中の家庭を支援している。' } },
      ...Array.from({ length: 30 }, (_, i) => ({
        id: `g${i}`,
        fields: { description: `${['高齢者', '障害者', '外国人'][i % 3]}の生活を支援する活動${i}。` },
      })),
    ]
    const idx = await createIndex([{ name: 'description', weight: 1 }], docs)
    const hits = idx.search('支援', { limit: 40 })
    const rank = (id: string) => hits.findIndex((h) => h.id === id)
    assert.ok(rank('syn') >= 0, 'the synonym still finds its document')
    assert.ok(rank('exact') < rank('syn'), JSON.stringify(hits.map((h) => h.id)))
    for (const h of hits.filter((x) => x.id !== 'syn')) assert.ok(h.score > hits[rank('syn')].score)
  })
})

describe('which department? weighs who and where below what about', () => {
  it('a word naming the person (子ども) does not outweigh the matter (学校)', async () => {
    const deps = await createDepartmentIndex([
      {
        id: 'kodomo',
        name: '子ども家庭課',
        duties: '子どもの医療費助成に関すること。子どもの相談に関すること。',
      },
      { id: 'gakko', name: '教育企画課', duties: '学校施設の整備に関すること。学校給食に関すること。' },
    ])
    const q = '子どもが通う学校のこと'
    // the plain ranking counts 子ども as much as any word …
    assert.equal(deps.search(q, { wordsOnly: true, fuzzy: false })[0]?.id, 'kodomo')
    // … routing reads it as who the question is about
    assert.equal(suggestDepartments(deps, q)[0]?.id, 'gakko')
    // alone, a light word still routes
    assert.equal(suggestDepartments(deps, '子ども')[0]?.id, 'kodomo')
  })
  it('a word inside an everyday phrase counts less than the phrase’s terms (エステの高い契約)', async () => {
    const deps = await createDepartmentIndex([
      { id: 'kanzai', name: '管財課', duties: '工事、物品の契約及び入札に関すること。' },
      { id: 'seikatsu', name: '生活経済課', duties: '消費生活相談及び消費者被害の防止に関すること。' },
    ])
    const q = '娘がエステの高い契約をさせられた'
    const score = (hits: { id: string; score: number }[], id: string) =>
      hits.find((h) => h.id === id)?.score ?? 0
    const plain = deps.search(q, { wordsOnly: true, fuzzy: false })
    const covered = deps.search(q, { wordsOnly: true, fuzzy: false, covered: 0.5 })
    // 契約 is inside the phrase (消費生活相談): it counts less; the phrase's terms count as before
    assert.ok(score(covered, 'kanzai') < score(plain, 'kanzai') * 0.75)
    assert.ok(Math.abs(score(covered, 'seikatsu') - score(plain, 'seikatsu')) < 1e-9)
    // a word outside any phrase is untouched
    const w = '工事の契約'
    assert.equal(
      score(deps.search(w, { wordsOnly: true, covered: 0.5 }), 'kanzai'),
      score(deps.search(w, { wordsOnly: true }), 'kanzai'),
    )
  })
})

describe('which department? reads the matter, not the asking', () => {
  it('手続き, 相談, 連絡 in a question name no department; an everyday phrase names one', async () => {
    const deps = await createDepartmentIndex([
      { id: 'madoguchi', name: '市民相談課', duties: '市民の相談に関すること。各種手続の案内に関すること。' },
      { id: 'kenchiku', name: '建築指導課', duties: '建築確認及び検査に関すること。' },
      { id: 'koen', name: '公園緑地課', duties: '公園の管理に関すること。' },
    ])
    const q = '家を建て替えたいのですが、手続きはどこに相談すればいいですか'
    // the plain ranking is led by the words about asking …
    assert.equal(deps.search(q, { wordsOnly: true, fuzzy: false })[0]?.id, 'madoguchi')
    // … routing is not: 家を建て替える → 建築確認 (lexicon.ts)
    assert.equal(suggestDepartments(deps, q)[0]?.id, 'kenchiku')
  })
})

describe('kthScore (the cut of a long top-k)', () => {
  it('gives the k-th highest score, ties and repeats included, as a full sort would', () => {
    let seed = 7
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    for (const n of [1, 2, 5, 100, 5000]) {
      const score = new Float64Array(n + 10)
      const docs: number[] = []
      for (let i = 0; i < n; i++) {
        // few distinct values: many ties
        score[i + 10] = Math.floor(rnd() * (n > 50 ? 40 : 3))
        docs.push(i + 10)
      }
      const sorted = docs.map((d) => score[d]).sort((a, b) => b - a)
      for (const k of [1, Math.ceil(n / 3), n])
        assert.equal(kthScore(docs, score, k), sorted[k - 1], `n=${n} k=${k}`)
    }
  })

  it('a search over many more matching documents than asked for keeps the best ones in order', async () => {
    const docs = Array.from({ length: 400 }, (_, i) => ({
      id: `d${i}`,
      fields: {
        name: `団体${i}`,
        description: '見守り'.repeat(1 + (i % 7)) + '活動を行う。' + 'あ'.repeat(i % 13),
      },
    }))
    const idx = await createIndex(FIELDS, docs)
    const all = idx.search('見守り', { limit: 400, details: false })
    const top = idx.search('見守り', { limit: 65, details: false })
    assert.equal(all.length, 400)
    assert.deepEqual(
      top.map((h) => h.id),
      all.slice(0, 65).map((h) => h.id),
    )
  })
})

describe('searchEach (every word of the query must be found)', () => {
  it('keeps only documents each word finds, ranks them by the whole query, and fills the limit from them', async () => {
    const docs = [
      // many documents found by the first word only, ranked above the one with both
      ...Array.from({ length: 30 }, (_, i) => ({
        id: `a${i}`,
        fields: { name: `見守り隊${i}`, description: '見守り見守り見守りの活動。' },
      })),
      { id: 'both1', fields: { name: 'ふれあい会', description: '見守りとサロンを開いています。' } },
      { id: 'both2', fields: { name: 'ひだまり', description: 'サロンで見守りをしています。サロン' } },
      { id: 'b', fields: { name: 'お茶の間', description: 'サロンを開いています。' } },
    ]
    const idx = await createIndex(FIELDS, docs)
    const whole = idx.search('見守り サロン', { limit: 5, details: false }).map((h) => h.id)
    assert.ok(
      whole.some((id) => id.startsWith('a')),
      'the whole query alone ranks one-word documents too',
    )
    const each = idx
      .searchEach('見守り サロン', ['見守り', 'サロン'], { limit: 2, details: false })
      .map((h) => h.id)
    assert.deepEqual([...each].sort(), ['both1', 'both2'])
  })
})
