import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { toKatakana } from '../../core/japanese/index.ts'
import { type KToken, loadTokenizer, type Tokenizer } from '../../core/japanese/tokenizer.ts'

/**
 * Japanese text for matching (see docs/decisions/0004-matching.md):
 * - tokens from kuromoji (IPADIC shipped inside the npm package; nothing downloaded), with runs of
 *   nouns joined back into compounds (高齢+者 → 高齢者, 安否+確認 → 安否確認) while their parts
 *   are kept too, verbs and adjectives by their dictionary form (見守り → 見守る);
 * - every term normalised (NFKC, lower case, hiragana → katakana) so ひとり暮らし meets 一人暮らし
 *   only where the dictionary says so, and こども meets コドモ always;
 * - stop words removed; synonyms from Sudachi's synonym dictionary (Apache-2.0) plus a short
 *   curated list for the municipal domain (見守り/安否確認, 防災/災害, 外国人/多文化共生 …);
 * - character bigrams as a fallback signal for words the dictionary does not know.
 */

const require = createRequire(import.meta.url)

let tokenizer: Tokenizer | null = null
let loading: Promise<void> | null = null
/** normalised term → ids of synonym groups */
const synGroupsOf = new Map<string, number[]>()
/** synonym group id → normalised terms that may be expanded to */
const synTerms: string[][] = []

/** Curated synonyms for the municipal domain (each line one group; first word shown in reasons). */
export const CURATED_SYNONYMS: string[][] = [
  ['高齢者', 'お年寄り', '年寄り', 'シニア', '老人', '高齢', '高齢の方'],
  ['子ども', '子供', 'こども', '児童', 'キッズ', '小学生'],
  ['見守り', '見守る', '安否確認', '声かけ', '訪問'],
  ['防災', '災害', '減災', '避難', '避難所', '被災'],
  ['外国人', '外国籍', '多文化共生', '在住外国人', '留学生', '国際交流'],
  ['居場所', 'サロン', 'たまり場', '交流の場', 'カフェ'],
  ['子育て', '育児', '子育て支援', '保護者', '親子'],
  ['障害者', '障がい者', '障碍者', '障害のある人', '障がいのある方'],
  ['環境', 'エコ', '環境保全'],
  ['ごみ', 'ゴミ', '廃棄物', '資源ごみ', 'リサイクル', '分別', '3r', '食品ロス'],
  ['緑化', '緑', '花壇', '植樹', '公園'],
  ['清掃', '美化', 'ごみ拾い', 'クリーン'],
  ['学習支援', '勉強', '宿題', '学び'],
  ['食堂', '子ども食堂', '食事', '配食', 'フードバンク', 'フードパントリー'],
  ['孤立', '孤独', 'ひきこもり', '引きこもり', '一人暮らし', '独居'],
  ['介護予防', 'フレイル', '体操', '健康づくり', '運動'],
  ['認知症', '物忘れ'],
  ['スポーツ', '運動', '体育', 'ウォーキング'],
  ['文化', '芸術', 'アート', '美術', '音楽'],
  ['観光', '観光客', 'まち歩き', 'ガイド'],
  ['商店街', '商店', '地域経済', '買い物'],
  ['空き家', '空家', '空き店舗'],
  ['交通安全', '自転車', '交通'],
  ['防犯', 'パトロール', '見回り', '地域安全'],
  ['猫', 'ネコ', '野良猫', '地域猫', '飼い主のいない猫'],
  ['動物', 'ペット', '犬', '猫'],
  ['ボランティア', '有償ボランティア', '担い手'],
  ['icT', 'it', 'デジタル', 'スマホ', 'スマートフォン', 'パソコン', 'インターネット'],
  ['就労', '就職', '仕事', '雇用', '働く'],
  ['相談', '相談窓口', '悩み'],
  ['男女共同参画', 'ジェンダー', '女性活躍'],
  ['平和', '戦争', '平和学習'],
  ['消費者', '消費生活', '悪質商法', '詐欺'],
  ['後見', '成年後見', '市民後見人', '権利擁護'],
  ['農業', '農', '農地', '都市農業', '援農'],
  ['読書', '図書館', '絵本', '読み聞かせ', 'おはなし会'],
]

/** Words too common in collaboration texts to say anything about fit. */
export const STOP_WORDS = new Set(
  [
    'こと',
    'もの',
    'ため',
    'よう',
    'これ',
    'それ',
    'あれ',
    'ここ',
    'そこ',
    'ほか',
    '他',
    '等',
    'など',
    'なか',
    '中',
    '方',
    '者',
    '的',
    '化',
    '性',
    '時',
    '上',
    '下',
    '内',
    '年',
    '月',
    '日',
    '回',
    '度',
    '名',
    '人',
    '数',
    '的な',
    '市',
    '市民',
    '市内',
    '団体',
    '活動',
    '事業',
    '実施',
    '協働',
    '行う',
    'する',
    'ある',
    'いる',
    'なる',
    'できる',
    'れる',
    'られる',
    'せる',
    'いう',
    '思う',
    '考える',
    '必要',
    '取り組み',
    '取組',
    '取組み',
    '推進',
    '目指す',
    '図る',
    '進める',
    '行政',
    '課題',
    '現状',
    '地域',
    'まち',
    '町',
    '様々',
    'さまざま',
    '多く',
    '多い',
    '新た',
    '充実',
    '向上',
    '促進',
    '実現',
    '支援',
    '提供',
    '連携',
    '協力',
    '参加',
    '開催',
    '運営',
    '対象',
    '内容',
    '目的',
    '予定',
    '今後',
    '現在',
    '当課',
    '本市',
    '市役所',
    '担当',
    '希望',
    '可能',
    '場合',
    '以上',
    '以下',
    '程度',
    '全体',
    'みんな',
    '皆',
    '一緒',
    'それぞれ',
    '各',
    '毎年',
    '年間',
    '年度',
    'いく',
    'くる',
    'みる',
    'おく',
    'しまう',
    '持つ',
    '作る',
    'つくる',
    'づくり',
    '作り',
    'くらし',
    '暮らす',
    'ふえる',
    '増える',
    '状態',
    '住民',
    '使う',
    '出る',
    '入る',
    'もらう',
    'くれる',
    'あげる',
    'いただく',
    'ござる',
    'おる',
  ].map((w) => norm(w)),
)

/** NFKC, lower case; a word written only in kana is folded to katakana (こども = コドモ). */
export function norm(s: string): string {
  const t = s.normalize('NFKC').toLowerCase().trim()
  return /^[\u3041-\u309f\u30a0-\u30ffー]+$/.test(t) ? toKatakana(t) : t
}

function loadSynonyms() {
  const add = (words: string[]) => {
    const gid = synTerms.length
    const terms = [...new Set(words.map(norm).filter((w) => w.length > 0))]
    synTerms.push(terms)
    for (const t of terms) {
      const list = synGroupsOf.get(t)
      if (list) list.push(gid)
      else synGroupsOf.set(t, [gid])
    }
  }
  try {
    const file = path.join(
      path.dirname(require.resolve('sudachi-synonyms-dictionary/package.json')),
      'sudachi-synonyms-dictionary.json',
    )
    const groups = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      items: { expandControl: number; gokeiSyubetsu: string; midashi: string }[]
    }[]
    for (const g of groups) {
      const words = g.items
        .filter((i) => i.expandControl !== 2 && i.gokeiSyubetsu !== '間違い' && !/^[a-z ]+$/i.test(i.midashi))
        .map((i) => i.midashi)
      if (words.length > 1) add(words)
    }
  } catch {
    // the curated list alone still gives the municipal synonyms
  }
  for (const g of CURATED_SYNONYMS) add(g)
}

/** Load the dictionary tokenizer and the synonyms once per process (about half a second). */
export function textReady(): Promise<void> {
  if (tokenizer) return Promise.resolve()
  if (!loading) {
    loadSynonyms()
    loading = loadTokenizer().then((t) => {
      tokenizer = t
    })
  }
  return loading
}

const isNoun = (t: KToken) => t.pos === '名詞' && !['非自立', '代名詞', '数', '特殊'].includes(t.pos_detail_1)
const joinsNoun = (t: KToken) => t.pos === '接頭詞' || (t.pos === '名詞' && t.pos_detail_1 === '接尾')

const CACHE_MAX = 200_000
const cache = new Map<string, string[]>()

/**
 * The terms of a text (normalised, stop words removed, duplicates kept for term frequency).
 * Compounds and their parts are both terms.
 */
export function terms(text: string): string[] {
  if (!text) return []
  const hit = cache.get(text)
  if (hit) return hit
  const out = tokenizer ? dictionaryTerms(text) : segmenterTerms(text)
  if (cache.size >= CACHE_MAX) cache.clear()
  cache.set(text, out)
  return out
}

function keep(out: string[], raw: string) {
  const t = norm(raw)
  if (t.length < 2 && !/^[\u4e00-\u9fff]$/.test(t)) return
  if (STOP_WORDS.has(t)) return
  if (/^[\d.,]+$/.test(t)) return
  out.push(t)
}

function dictionaryTerms(text: string): string[] {
  const toks = tokenizer!.tokenize(text.normalize('NFKC'))
  const out: string[] = []
  let run: KToken[] = []
  const flush = () => {
    if (!run.length) return
    const nouns = run.filter((t) => isNoun(t))
    if (nouns.length) {
      const whole = run.map((t) => t.surface_form).join('')
      keep(out, whole)
      if (run.length > 1)
        for (const t of run) if (!joinsNoun(t) || t.pos === '名詞') keep(out, t.surface_form)
      if (run.length > 2)
        for (let i = 0; i + 1 < run.length; i++) keep(out, run[i].surface_form + run[i + 1].surface_form)
    }
    run = []
  }
  for (const t of toks) {
    if (isNoun(t) || (joinsNoun(t) && (run.length > 0 || t.pos === '接頭詞'))) {
      run.push(t)
      continue
    }
    flush()
    if ((t.pos === '動詞' || t.pos === '形容詞') && t.pos_detail_1 === '自立') {
      keep(out, t.basic_form !== '*' ? t.basic_form : t.surface_form)
    }
  }
  flush()
  return out
}

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' })
/** Fallback before the dictionary is loaded (and the comparison in the bench). */
export function segmenterTerms(text: string): string[] {
  const out: string[] = []
  for (const s of segmenter.segment(text.normalize('NFKC'))) if (s.isWordLike) keep(out, s.segment)
  return out
}

/** Character bigrams of the normalised text (CJK and kana only, punctuation dropped). */
export function bigrams(text: string): Set<string> {
  const s = norm(text).replace(/[^\p{L}\p{N}]+/gu, ' ')
  const out = new Set<string>()
  for (const w of s.split(' ')) for (let i = 0; i + 1 < w.length; i++) out.add(w.slice(i, i + 2))
  return out
}

/** Synonyms of a normalised term (not including itself). */
export function synonymsOf(term: string): string[] {
  const gs = synGroupsOf.get(term)
  if (!gs) return []
  const out = new Set<string>()
  for (const g of gs) for (const t of synTerms[g]) if (t !== term && !STOP_WORDS.has(t)) out.add(t)
  return [...out]
}

/** A text's terms, each with its weight: 1 for the text's own words, `synWeight` for synonyms. */
export function expandedTerms(text: string, synWeight = 0.7): Map<string, { weight: number; via: string }> {
  const own = terms(text)
  const out = new Map<string, { weight: number; via: string }>()
  for (const t of own) out.set(t, { weight: 1, via: t })
  for (const t of own) {
    for (const s of synonymsOf(t)) if (!out.has(s)) out.set(s, { weight: synWeight, via: t })
  }
  return out
}

/** Term frequencies of a text. */
export function termFreq(text: string): Map<string, number> {
  const tf = new Map<string, number>()
  for (const t of terms(text)) tf.set(t, (tf.get(t) ?? 0) + 1)
  return tf
}
