import { createRequire } from 'node:module'
import { fold } from './fold.ts'
import { lexiconEntries } from './lexicon.ts'

/**
 * Orthographic variants and synonyms.
 * - Variants (子ども/こども/子供 → one key): Sudachi's synonym dictionary marks each spelling of a
 *   word as 代表表記 or 異表記・表記ゆれ within one vocabulary number; every variant folds to the
 *   representative spelling. A short curated list adds the kana spellings it does not list.
 * - Synonyms (お年寄り ≈ 高齢者): the other vocabulary numbers of a Sudachi group (skipping
 *   entries marked not to expand and 間違い), plus a curated list for the municipal domain
 *   (administrative words next to the everyday words residents use).
 */

const require = createRequire(import.meta.url)

/** Spellings of one word (first = the key every spelling folds to). */
export const CURATED_VARIANTS: string[][] = [
  ['子供', '子ども', 'こども', 'コドモ'],
  ['子供たち', '子どもたち', 'こどもたち', '子供達', '子ども達'],
  ['障害', '障がい', '障碍'],
  ['障害者', '障がい者', '障碍者', '障害のある人', '障がいのある方'],
  ['見守り', 'みまもり', '見まもり'],
  ['見守る', 'みまもる'],
  ['ごみ', 'ゴミ', '塵'],
  ['空き家', '空家', 'あき家'],
  ['引っ越し', '引越し', '引越', 'ひっこし'],
  ['お年寄り', 'おとしより'],
  ['ひきこもり', '引きこもり', '引き籠り', '引き籠もり'],
  ['居場所', 'いばしょ'],
  ['子育て', 'こそだて', '子そだて'],
  ['一人暮らし', 'ひとり暮らし', '独り暮らし', 'ひとりぐらし'],
  ['まちづくり', '街づくり', '町づくり', 'まち作り', '街作り', '町作り'],
  ['手話', 'しゅわ'],
  ['ボランティア', 'ボランテイア', 'ボラ'],
  ['npo', 'n.p.o'],
]

/** Curated synonyms for the municipal domain (each line one group; the first word is shown). */
export const CURATED_SYNONYMS: string[][] = [
  ['高齢者', 'お年寄り', '年寄り', 'シニア', '老人', '高齢', '高齢の方', '年配'],
  ['子供', '子ども', '児童', 'キッズ', '小学生'],
  ['見守り', '見守る', '安否確認', '声かけ', '訪問'],
  ['防災', '災害', '減災', '避難', '避難所', '被災', '震災', '地震'],
  ['外国人', '外国籍', '多文化共生', '在住外国人', '留学生', '国際交流'],
  ['居場所', 'サロン', 'たまり場', '交流の場', 'カフェ'],
  ['子育て', '育児', '子育て支援', '保護者', '親子'],
  ['障害者', '障がい者', '障碍者', '障害のある人', '障がいのある方'],
  ['環境', 'エコ', '環境保全'],
  ['ごみ', 'ゴミ', '廃棄物', '資源ごみ', 'リサイクル', '分別', '3r', '食品ロス', '粗大ごみ'],
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
  ['ict', 'it', 'デジタル', 'スマホ', 'スマートフォン', 'パソコン', 'インターネット'],
  ['就労', '就職', '仕事', '雇用', '働く'],
  ['相談', '相談窓口', '悩み'],
  ['男女共同参画', 'ジェンダー', '女性活躍'],
  ['平和', '戦争', '平和学習'],
  ['消費者', '消費生活', '悪質商法', '詐欺'],
  ['後見', '成年後見', '市民後見人', '権利擁護'],
  ['農業', '農', '農地', '都市農業', '援農'],
  ['読書', '図書館', '絵本', '読み聞かせ', 'おはなし会'],
  // Municipal words next to the everyday words residents use
  ['転入', '転出', '転居', '引っ越し', '引っ越す', '住所変更', '住民票'],
  ['出生', '出生届', '生まれる', '出産', '誕生'],
  ['死亡', '死亡届', '亡くなる', '葬儀', '火葬'],
  ['婚姻', '婚姻届', '結婚', '離婚'],
  ['戸籍', '戸籍謄本', '本籍'],
  ['印鑑登録', '印鑑証明', 'はんこ', '実印'],
  ['国民健康保険', '国保', '保険証', '健康保険'],
  ['国民年金', '年金'],
  ['市民税', '住民税', '税金', '課税'],
  ['固定資産税', '土地', '家屋'],
  ['納税', '税金', '納付', '滞納', '払う'],
  ['保育', '保育園', '保育所', '幼稚園', '待機児童', '預ける'],
  ['学童', '学童クラブ', '放課後', '学童保育'],
  ['児童手当', '子ども手当', '手当'],
  ['虐待', '児童虐待', 'dv', '暴力'],
  ['生活保護', '生活困窮', '困窮', '生活が苦しい', 'お金に困る'],
  ['介護保険', '介護', '要介護', 'ケアマネジャー', 'デイサービス', 'ヘルパー'],
  ['健診', '健康診断', '検診', 'がん検診', '予防接種', 'ワクチン'],
  ['道路', '道', '歩道', '舗装', '穴', '段差'],
  ['街路灯', '街灯', '防犯灯', '電灯'],
  ['下水道', '下水', '排水', '汚水', '雨水', '側溝'],
  ['公園', '遊具', '広場'],
  ['樹木', '木', '枝', '剪定', '落ち葉'],
  ['放置自転車', '駐輪場', '自転車'],
  ['騒音', 'うるさい', '音'],
  ['悪臭', '臭い', 'におい'],
  ['害虫', '蜂', 'ハチ', 'ねずみ', '害獣'],
  ['建築確認', '建築', '家を建てる', '増築', '建て替え'],
  ['都市計画', '用途地域', '開発'],
  ['住宅', '市営住宅', '公営住宅', '住まい', '家賃'],
  ['選挙', '投票', '期日前投票'],
  ['情報公開', '開示請求', '公文書'],
  ['広報', '市報', 'ホームページ', 'お知らせ'],
  ['学校', '小学校', '中学校', '通学', '転校', '就学'],
  ['いじめ', '不登校', '学校に行けない'],
  ['給食', '学校給食'],
  ['生涯学習', '講座', '公民館', 'コミュニティセンター'],
  ['文化財', '史跡', '郷土資料', '歴史'],
  ['スポーツ施設', '体育館', 'プール', 'グラウンド'],
  ['消防', '救急', '火事', '火災'],
  ['浸水', '水害', '大雨', '台風', '洪水'],
  ['感染症', 'インフルエンザ', 'コロナ'],
  ['食品衛生', '食中毒'],
  ['犬の登録', '狂犬病', '飼い犬'],
  ['町内会', '自治会', '町会', 'コミュニティ'],
  ['市民活動', 'npo', 'ボランティア団体', '市民団体'],
  ['産業振興', '中小企業', '創業', '起業', '商工'],
  ['観光', '観光案内', 'イベント'],
  ['地球温暖化', '省エネ', '太陽光', '脱炭素', '再生可能エネルギー'],
  ['水道', '上水道', '断水', '水道料金'],
  ['契約', '入札', '調達'],
  ['職員', '採用', '職員採用'],
  ['人権', '差別', 'ハラスメント'],
  ['ひとり親', '母子家庭', '父子家庭', 'シングルマザー'],
  ['妊娠', '妊婦', '母子手帳', '母子健康手帳', '出産'],
  ['医療費助成', '医療費', '子ども医療費'],
  ['マイナンバー', 'マイナンバーカード', '個人番号'],
]

/** The curated groups: the list above and the administrative terms of each lexicon line. */
const curatedGroups = () => [...CURATED_SYNONYMS, ...lexiconEntries().map((e) => e.terms)]

/** folded variant → folded key */
const variantKey = new Map<string, string>()
/** folded term → synonym group ids */
const groupsOf = new Map<string, number[]>()
/** synonym group → folded terms, with whether the group is curated */
const groupTerms: { terms: string[]; curated: boolean }[] = []
let loaded = false
let curatedKeyed = false
const plainKey = (w: string) => variantOf(fold(w))

function addGroup(words: string[], curated: boolean, keyOf: (w: string) => string) {
  const terms = [...new Set(words.map(keyOf).filter((w) => w.length > 0))]
  if (terms.length < 2) return
  const gid = groupTerms.length
  groupTerms.push({ terms, curated })
  for (const t of terms) {
    const list = groupsOf.get(t)
    if (list) list.push(gid)
    else groupsOf.set(t, [gid])
  }
}

type SudachiItem = {
  expandControl: number
  vocabularyNumber?: number
  gokeiSyubetsu: string
  hyoukiYure: string
  midashi: string
}

/**
 * Load Sudachi's dictionary and the curated lists once per process (about 0.3 s). `keyOf` reads
 * a curated phrase the way the analyser does (子ども食堂 → 子供食堂); before the analyser is
 * loaded it is the folded spelling.
 */
export function loadSynonyms(keyOf?: (w: string) => string): void {
  if (loaded && (!keyOf || curatedKeyed)) return
  if (keyOf && loaded) {
    // the curated groups again, now keyed by the analyser
    for (const g of curatedGroups()) addGroup(g, true, keyOf)
    curatedKeyed = true
    return
  }
  loaded = true
  for (const g of CURATED_VARIANTS) {
    const key = fold(g[0])
    for (const v of g) variantKey.set(fold(v), key)
  }
  let groups: { items: SudachiItem[] }[] = []
  try {
    const pkgMain = require.resolve('sudachi-synonyms-dictionary')
    groups = require(pkgMain.replace(/index\.js$/, 'sudachi-synonyms-dictionary.json'))
  } catch {
    // without the package, the curated lists alone still give the municipal vocabulary
  }
  for (const g of groups) {
    const byVocab = new Map<number, SudachiItem[]>()
    for (const i of g.items) {
      if (i.gokeiSyubetsu === '間違い' || i.hyoukiYure === '間違い表記') continue
      const v = i.vocabularyNumber ?? -1
      const list = byVocab.get(v)
      if (list) list.push(i)
      else byVocab.set(v, [i])
    }
    for (const items of byVocab.values()) {
      const rep = items.find((i) => i.hyoukiYure === '代表表記') ?? items[0]
      const key = fold(rep.midashi)
      for (const i of items) {
        if (i.hyoukiYure !== '異表記・表記ゆれ') continue
        const v = fold(i.midashi)
        if (!variantKey.has(v) && v !== key) variantKey.set(v, key)
      }
    }
    const words = g.items
      .filter(
        (i) =>
          i.expandControl !== 2 &&
          i.gokeiSyubetsu !== '間違い' &&
          i.hyoukiYure !== '間違い表記' &&
          !/^[a-z .'-]+$/i.test(i.midashi),
      )
      .map((i) => i.midashi)
    addGroup(words, false, plainKey)
  }
  for (const g of curatedGroups()) addGroup(g, true, keyOf ?? plainKey)
  if (keyOf) curatedKeyed = true
}

/** The key of a folded term: its representative spelling (こども → 子供), else itself. */
export function variantOf(folded: string): string {
  return variantKey.get(folded) ?? folded
}

/** Synonyms of a term key (not including itself), with whether a curated group gave it. */
export function synonymsOfKey(key: string): { term: string; curated: boolean }[] {
  const gs = groupsOf.get(key)
  if (!gs) return []
  const out = new Map<string, boolean>()
  for (const g of gs) {
    const grp = groupTerms[g]
    for (const t of grp.terms) if (t !== key) out.set(t, (out.get(t) ?? false) || grp.curated)
  }
  return [...out].map(([term, curated]) => ({ term, curated }))
}
