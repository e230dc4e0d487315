import type { DemoEnv } from '../../core/demo.ts'
import type { Rng } from '../../core/random.ts'
import { fiscalYearOf } from '../../core/japanese/index.ts'
import { fieldsOf } from '../../core/vocabulary.ts'
import { disclosureLevel } from './domain.ts'
import { groupMembers, groupRenewals, groupRevisions, groups } from './schema.ts'
import { buildNameNorm, buildSearchText, searchColumns } from './search.ts'

/**
 * The demo registry: むさしの見守りネットワーク (owned by group@demo.example) and several
 * hundred realistic groups across all fields and districts, generated deterministically.
 */

interface Theme {
  name: string
  kana: string
  fields: string[]
  purpose: string
  activities: string[]
  expertise: string
  wants: string
  resources: string[]
}

const THEMES: Theme[] = [
  {
    name: 'こども食堂',
    kana: 'コドモショクドウ',
    fields: ['children', 'health_welfare'],
    purpose: '子どもが一人でも安心して来られる食卓を地域につくり、親子の孤立を防ぐ',
    activities: ['月2回のこども食堂の運営', '学習支援', 'フードドライブ', '夏休みの昼食会'],
    expertise: '食品衛生の知識、子ども向けの調理',
    wants: '学校や児童館と連携して、支援が必要な家庭に情報を届けたい',
    resources: ['people', 'place'],
  },
  {
    name: '見守り隊',
    kana: 'ミマモリタイ',
    fields: ['health_welfare', 'community'],
    purpose: '一人暮らしの高齢者が住み慣れた地域で安心して暮らせるよう、住民同士で見守る',
    activities: ['高齢者見守り活動', '声かけ訪問', 'ふれあいサロン', '買い物支援'],
    expertise: '傾聴ボランティアの研修修了者が多い',
    wants: '地域包括支援センターと見守りの情報共有の仕組みをつくりたい',
    resources: ['people', 'network'],
  },
  {
    name: '子育てひろば',
    kana: 'コソダテヒロバ',
    fields: ['children'],
    purpose: '乳幼児の親子が気軽に集まり、子育ての悩みを分かち合える場をつくる',
    activities: ['親子ひろばの運営', '子育て相談', 'ベビーマッサージ講座', '絵本の貸し出し'],
    expertise: '保育士・助産師の経験者',
    wants: '市の子育て支援施設で出張ひろばを開きたい',
    resources: ['people', 'expertise'],
  },
  {
    name: 'おはなしの会',
    kana: 'オハナシノカイ',
    fields: ['social_education', 'children'],
    purpose: '絵本の読み聞かせとおはなしを通じて、子どもたちに本の楽しさを伝える',
    activities: ['図書館での読み聞かせ', '小学校の朝読書', 'わらべうたの会', '読み聞かせ講座'],
    expertise: '読み聞かせ・ストーリーテリング',
    wants: '図書館と協力して読み聞かせボランティアを育てたい',
    resources: ['people', 'expertise'],
  },
  {
    name: '緑と水の会',
    kana: 'ミドリトミズノカイ',
    fields: ['environment'],
    purpose: '玉川上水や公園の緑を守り、身近な自然を次の世代に引き継ぐ',
    activities: ['雑木林の手入れ', '自然観察会', '清掃活動', '生きもの調査'],
    expertise: '樹木医・自然観察指導員',
    wants: '公園緑地課と協働で緑の保全計画づくりに参加したい',
    resources: ['people', 'equipment'],
  },
  {
    name: '防災ネットワーク',
    kana: 'ボウサイネットワーク',
    fields: ['disaster', 'safety'],
    purpose: '災害に強いまちをめざし、住民の備えと助け合いの力を高める',
    activities: ['防災訓練', '避難所運営の学習会', '防災マップづくり', '要配慮者の把握'],
    expertise: '防災士の資格',
    wants: '防災課と避難所運営訓練を共催したい',
    resources: ['people', 'equipment', 'network'],
  },
  {
    name: '防犯パトロール',
    kana: 'ボウハンパトロール',
    fields: ['safety'],
    purpose: '通学路と地域の安全を守り、犯罪の起きにくいまちにする',
    activities: ['夜間パトロール', '通学路の見守り', '防犯講習会'],
    expertise: '警察OBの助言',
    wants: '安全対策課と通学路の危険箇所を点検したい',
    resources: ['people'],
  },
  {
    name: '国際交流クラブ',
    kana: 'コクサイコウリュウクラブ',
    fields: ['international'],
    purpose: '外国人住民と日本人住民が互いの文化を知り、共に暮らせる地域をつくる',
    activities: ['国際交流パーティー', '多言語の生活情報づくり', '料理教室'],
    expertise: '英語・中国語・ベトナム語の通訳',
    wants: '市の多文化共生事業で通訳ボランティアを担いたい',
    resources: ['people', 'expertise'],
  },
  {
    name: '日本語教室',
    kana: 'ニホンゴキョウシツ',
    fields: ['international', 'social_education'],
    purpose: '外国にルーツのある住民が日本語を学び、地域の暮らしに参加できるよう支える',
    activities: ['週2回の日本語教室', '子どもの学習支援', '生活相談'],
    expertise: '日本語教師の資格',
    wants: '学校と連携して外国ルーツの子どもの学びを支えたい',
    resources: ['people', 'expertise'],
  },
  {
    name: '障がい者の就労を支える会',
    kana: 'ショウガイシャノシュウロウヲササエルカイ',
    fields: ['health_welfare', 'employment'],
    purpose: '障がいのある人が働き、地域で自立して暮らせるよう支援する',
    activities: ['就労体験の受け入れ', '自主製品の販売', '相談会'],
    expertise: '社会福祉士・ジョブコーチ',
    wants: '市役所の業務の一部を就労の場として請け負いたい',
    resources: ['people', 'network'],
  },
  {
    name: '合唱団',
    kana: 'ガッショウダン',
    fields: ['culture_sports'],
    purpose: '歌を通じて世代をこえた仲間づくりと地域の文化活動を広げる',
    activities: ['定期演奏会', '高齢者施設での訪問演奏', '市民文化祭への出演'],
    expertise: '声楽・指揮',
    wants: '市のイベントで市民参加の合唱を企画したい',
    resources: ['people'],
  },
  {
    name: 'スポーツクラブ',
    kana: 'スポーツクラブ',
    fields: ['culture_sports', 'children'],
    purpose: '子どもから高齢者まで、誰もが気軽にスポーツを楽しめる機会をつくる',
    activities: ['ジュニアサッカー教室', 'ウォーキングの会', 'ボッチャ体験会'],
    expertise: '公認スポーツ指導者',
    wants: '総合体育館と協働で障がい者スポーツの体験会を開きたい',
    resources: ['people', 'equipment'],
  },
  {
    name: 'まちづくり協議会',
    kana: 'マチヅクリキョウギカイ',
    fields: ['community'],
    purpose: '住民が主体となって地域の課題を話し合い、住みよいまちをつくる',
    activities: ['地域懇談会', 'まち歩き', '地域イベントの運営', '広報紙の発行'],
    expertise: '地域の合意形成',
    wants: '地区計画の検討に住民の声を届けたい',
    resources: ['network', 'place'],
  },
  {
    name: '商店会',
    kana: 'ショウテンカイ',
    fields: ['economy', 'community'],
    purpose: '商店街のにぎわいを取り戻し、地域の暮らしを支える',
    activities: ['商店街のお祭り', 'スタンプラリー', '空き店舗の活用'],
    expertise: '商店主のネットワーク',
    wants: '空き店舗を地域の居場所として活用したい',
    resources: ['place', 'funds', 'network'],
  },
  {
    name: '男女共同参画の会',
    kana: 'ダンジョキョウドウサンカクノカイ',
    fields: ['gender_equality', 'human_rights'],
    purpose: '性別にかかわらず誰もが自分らしく生きられる地域社会をつくる',
    activities: ['学習会', 'DV相談窓口の周知', '講演会'],
    expertise: 'ジェンダー・人権の学習',
    wants: '男女平等推進センターの講座を共同で企画したい',
    resources: ['expertise'],
  },
  {
    name: '平和を語り継ぐ会',
    kana: 'ヘイワヲカタリツグカイ',
    fields: ['human_rights'],
    purpose: '戦争の記憶を次の世代に伝え、平和の大切さを考える機会をつくる',
    activities: ['体験を聞く会', '平和展', '資料の収集と保存'],
    expertise: '地域の戦争体験の記録',
    wants: '市の平和事業で資料展示を共催したい',
    resources: ['information'],
  },
  {
    name: 'ITサポート',
    kana: 'アイティーサポート',
    fields: ['information', 'health_welfare'],
    purpose: '高齢者や障がいのある人がデジタル機器を使いこなせるよう支える',
    activities: ['スマホ相談会', 'パソコン教室', 'オンライン手続きの練習会'],
    expertise: 'IT技術者・プログラマー',
    wants: '市のオンライン手続きの使い方講座を担いたい',
    resources: ['people', 'expertise', 'equipment'],
  },
  {
    name: '科学あそびの会',
    kana: 'カガクアソビノカイ',
    fields: ['science', 'children'],
    purpose: '実験や工作を通じて、子どもたちに科学の面白さを伝える',
    activities: ['科学実験教室', 'ロボット工作', '星空観察会'],
    expertise: '理科教員OB・研究者',
    wants: '児童館や学校で出前実験教室を開きたい',
    resources: ['expertise', 'equipment'],
  },
  {
    name: '消費生活研究会',
    kana: 'ショウヒセイカツケンキュウカイ',
    fields: ['consumer'],
    purpose: '消費者被害を防ぎ、かしこい消費生活について学び合う',
    activities: ['悪質商法の出前講座', '食品表示の学習会', '消費生活展'],
    expertise: '消費生活相談員の経験',
    wants: '消費生活センターと高齢者向けの出前講座を増やしたい',
    resources: ['expertise'],
  },
  {
    name: 'しごとサポート',
    kana: 'シゴトサポート',
    fields: ['employment', 'economy'],
    purpose: '若者や子育て中の人が自分に合った働き方を見つけられるよう支援する',
    activities: ['就労相談', '職業体験', '起業セミナー'],
    expertise: 'キャリアコンサルタント',
    wants: '市の就労支援窓口と連携したい',
    resources: ['expertise', 'network'],
  },
  {
    name: '観光ボランティアガイド',
    kana: 'カンコウボランティアガイド',
    fields: ['tourism', 'culture_sports'],
    purpose: 'まちの歴史や魅力を来訪者に伝え、地域の誇りを育てる',
    activities: ['まち歩きガイド', 'ガイドマップづくり', 'ガイド養成講座'],
    expertise: '郷土史・ガイド',
    wants: '観光推進の事業でガイドツアーを担いたい',
    resources: ['people', 'information'],
  },
  {
    name: '市民農園クラブ',
    kana: 'シミンノウエンクラブ',
    fields: ['rural', 'environment'],
    purpose: '都市の農地を守り、土に触れる喜びと食の大切さを伝える',
    activities: ['農作業体験', '収穫祭', '援農ボランティア'],
    expertise: '農家との連携',
    wants: '農地の保全と市民農園の運営に協力したい',
    resources: ['people', 'place'],
  },
  {
    name: '市民活動サポートネット',
    kana: 'シミンカツドウサポートネット',
    fields: ['intermediary', 'community'],
    purpose: '市民活動団体の運営を支え、団体同士や行政とのつながりをつくる',
    activities: ['団体の運営相談', '会計講座', '交流会の企画'],
    expertise: 'NPOの運営支援・中間支援',
    wants: '協働推進の事業で団体の相談窓口を担いたい',
    resources: ['expertise', 'network', 'information'],
  },
  {
    name: '高齢者サロン',
    kana: 'コウレイシャサロン',
    fields: ['health_welfare'],
    purpose: '高齢者が気軽に集い、おしゃべりや体操で元気に過ごせる居場所をつくる',
    activities: ['週1回のサロン', '健康体操', '茶話会'],
    expertise: '介護予防体操の指導',
    wants: '地域包括支援センターと介護予防の講座を開きたい',
    resources: ['people', 'place'],
  },
  {
    name: '郷土史研究会',
    kana: 'キョウドシケンキュウカイ',
    fields: ['culture_sports', 'social_education'],
    purpose: '地域の歴史を調べて記録し、住民と共有する',
    activities: ['史跡めぐり', '古文書の解読', '郷土史の講演会'],
    expertise: '郷土史の調査',
    wants: '歴史資料館の展示づくりに協力したい',
    resources: ['information', 'expertise'],
  },
  {
    name: 'ごみ減量推進の会',
    kana: 'ゴミゲンリョウスイシンノカイ',
    fields: ['environment', 'consumer'],
    purpose: 'ごみを減らし、資源を大切にする暮らしを広める',
    activities: ['リユース市', '生ごみ堆肥化の講習', '分別の啓発'],
    expertise: '3Rの実践',
    wants: 'ごみ総合対策課と減量キャンペーンを共催したい',
    resources: ['people'],
  },
  {
    name: '介護者のつどい',
    kana: 'カイゴシャノツドイ',
    fields: ['health_welfare'],
    purpose: '家族を介護する人が悩みを分かち合い、孤立しないよう支え合う',
    activities: ['介護者の交流会', '介護の学習会', '電話相談'],
    expertise: '介護経験者・ケアマネジャー',
    wants: '市の介護者支援の事業で交流会を担いたい',
    resources: ['people', 'expertise'],
  },
  {
    name: 'まちの縁側',
    kana: 'マチノエンガワ',
    fields: ['community', 'health_welfare'],
    purpose: '誰もがふらりと立ち寄れる地域の居場所をつくり、多世代の交流を生む',
    activities: ['地域食堂', '多世代交流カフェ', '居場所の運営'],
    expertise: '居場所づくり',
    wants: 'コミュニティセンターを活用した居場所を広げたい',
    resources: ['place', 'people'],
  },
  {
    name: '地域猫の会',
    kana: 'チイキネコノカイ',
    fields: ['environment', 'community'],
    purpose: '飼い主のいない猫と人が共生できる地域をつくる',
    activities: ['不妊去勢手術の支援', '譲渡会', '地域猫の説明会'],
    expertise: '動物愛護',
    wants: '環境政策課と地域猫活動のルールづくりをしたい',
    resources: ['people'],
  },
  {
    name: '子ども若者の居場所',
    kana: 'コドモワカモノノイバショ',
    fields: ['children', 'employment'],
    purpose: '不登校やひきこもりの子ども・若者が安心して過ごせる場をつくる',
    activities: ['フリースペースの運営', '学習支援', '保護者の会'],
    expertise: '臨床心理士・教員経験者',
    wants: '教育支援センターと連携したい',
    resources: ['place', 'expertise'],
  },
]

const PLACES = [
  { name: '吉祥寺', kana: 'キチジョウジ' },
  { name: '武蔵野', kana: 'ムサシノ' },
  { name: 'むさしの', kana: 'ムサシノ' },
  { name: '境南', kana: 'キョウナン' },
  { name: '中町', kana: 'ナカチョウ' },
  { name: '西久保', kana: 'ニシクボ' },
  { name: '緑町', kana: 'ミドリチョウ' },
  { name: '八幡町', kana: 'ハチマンチョウ' },
  { name: '関前', kana: 'セキマエ' },
  { name: '桜堤', kana: 'サクラヅツミ' },
  { name: '御殿山', kana: 'ゴテンヤマ' },
  { name: '境', kana: 'サカイ' },
  { name: '三鷹駅北口', kana: 'ミタカエキキタグチ' },
  { name: '玉川上水', kana: 'タマガワジョウスイ' },
  { name: '井の頭', kana: 'イノカシラ' },
  { name: 'ひがしまち', kana: 'ヒガシマチ' },
]

const SUFFIXES = [
  { name: '', kana: '' },
  { name: '', kana: '' },
  { name: 'ネットワーク', kana: 'ネットワーク' },
  { name: 'の会', kana: 'ノカイ' },
  { name: 'プロジェクト', kana: 'プロジェクト' },
  { name: '応援団', kana: 'オウエンダン' },
  { name: '連絡会', kana: 'レンラクカイ' },
]

const FAMILY = [
  '佐藤',
  '鈴木',
  '高橋',
  '田中',
  '伊藤',
  '渡辺',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山田',
  '松本',
  '井上',
  '木村',
]
const GIVEN = [
  '陽子',
  '恵子',
  '直樹',
  '誠',
  '裕子',
  '健一',
  '美穂',
  '大輔',
  '京子',
  '和夫',
  '悠斗',
  '結衣',
  '浩二',
  '由美',
]

export interface GeneratedGroup {
  row: typeof groups.$inferInsert
  /** Fiscal years the registration was renewed for. */
  renewals: number[]
}

/**
 * Realistic groups, deterministic for a seed. Used by the demo and by the benchmark
 * (bench/gen-groups.ts), so both search the same kind of text.
 */
export function generateGroups(
  rand: Rng,
  n: number,
  opts: {
    tenantId: string
    areas: { id: string; name: string }[]
    fieldLabels: Map<string, string>
    now?: Date
  },
): GeneratedGroup[] {
  const now = opts.now ?? new Date()
  const fy = fiscalYearOf(now)
  const seen = new Set<string>()
  const out: GeneratedGroup[] = []
  const ordinals = ['', '第二', '第三', '新', '北', '南', '東', '西']
  for (let i = 0; out.length < n; i++) {
    const t = rand.pick(THEMES)
    const place = rand.pick(PLACES)
    const r = rand.next()
    let name: string
    let kana: string
    let actorKind = 'civic'
    let legalForm = rand.pick([
      'voluntary',
      'voluntary',
      'volunteer',
      'npo',
      'npo',
      'certified_npo',
      'general_association',
    ])
    if (r < 0.1) {
      actorKind = 'community_org'
      legalForm = 'neighbourhood'
      const chome = rand.int(1, 5)
      name = `${place.name}${chome}丁目自治会`
      kana = `${place.kana}${['イッ', 'ニ', 'サン', 'ヨン', 'ゴ'][chome - 1]}チョウメジチカイ`
    } else if (r < 0.16) {
      actorKind = 'business'
      legalForm = rand.pick(['company', 'company', 'cooperative'])
      const biz = rand.pick([
        { n: 'まちづくり工房', k: 'マチヅクリコウボウ' },
        { n: 'ケアサービス', k: 'ケアサービス' },
        { n: 'デザイン研究所', k: 'デザインケンキュウジョ' },
        { n: '地域電力', k: 'チイキデンリョク' },
        { n: '不動産', k: 'フドウサン' },
      ])
      name = `${legalForm === 'cooperative' ? '' : '株式会社'}${place.name}${biz.n}${legalForm === 'cooperative' ? '協同組合' : ''}`
      kana = `${place.kana}${biz.k}${legalForm === 'cooperative' ? 'キョウドウクミアイ' : ''}`
    } else if (r < 0.2) {
      actorKind = 'education'
      legalForm = 'school'
      const lab = rand.pick([
        { n: '地域共創ゼミ', k: 'チイキキョウソウゼミ' },
        { n: '福祉ボランティアサークル', k: 'フクシボランティアサークル' },
        { n: '環境サークル', k: 'カンキョウサークル' },
      ])
      name = `むさしの学園大学 ${lab.n}`
      kana = `ムサシノガクエンダイガク ${lab.k}`
    } else {
      const suf =
        t.name.endsWith('会') || t.name.endsWith('クラブ') || t.name.endsWith('団')
          ? SUFFIXES[0]
          : rand.pick(SUFFIXES)
      const base = `${place.name}${t.name}${suf.name}`
      const prefix =
        legalForm === 'npo'
          ? 'NPO法人 '
          : legalForm === 'certified_npo'
            ? '認定NPO法人 '
            : legalForm === 'general_association'
              ? '一般社団法人 '
              : ''
      name = `${prefix}${base}`
      kana = `${place.kana}${t.kana}${suf.kana}`
    }
    const bare = (x: string) => x.replace(/^(認定NPO法人|NPO法人|一般社団法人|株式会社) ?/, '')
    if (seen.has(bare(name))) {
      const o = ordinals[1 + (i % (ordinals.length - 1))]
      name = name.replace(place.name, `${o}${place.name}`)
      kana = kana.replace(
        place.kana,
        `${{ 第二: 'ダイニ', 第三: 'ダイサン', 新: 'シン', 北: 'キタ', 南: 'ミナミ', 東: 'ヒガシ', 西: 'ニシ' }[o] ?? ''}${place.kana}`,
      )
      if (seen.has(bare(name))) name = `${name}（${i}）`
    }
    seen.add(bare(name))
    const citywide = rand.chance(0.2)
    const areaIds = citywide ? [] : rand.some(opts.areas, 1, 3).map((a) => a.id)
    const areaNames = areaIds.map((a) => opts.areas.find((x) => x.id === a)!.name)
    const fields = [
      ...new Set([...t.fields, ...(rand.chance(0.3) ? [rand.pick([...opts.fieldLabels.keys()])] : [])]),
    ]
    const activities = rand.some(t.activities, 2, t.activities.length)
    const founded = rand.int(1975, now.getFullYear() - 1)
    const members = actorKind === 'community_org' ? rand.int(80, 600) : rand.int(3, 120)
    const s = rand.next()
    const status =
      s < 0.84
        ? 'published'
        : s < 0.9
          ? 'inactive'
          : s < 0.94
            ? 'pending'
            : s < 0.96
              ? 'returned'
              : s < 0.98
                ? 'draft'
                : s < 0.99
                  ? 'suspended'
                  : 'archived'
    const firstFy = Math.max(fy - 6, Math.min(fy, founded + rand.int(0, 3)))
    const renewals: number[] = []
    if (status === 'published' || status === 'inactive' || status === 'suspended' || status === 'archived') {
      const last = status === 'published' ? fy : rand.int(firstFy, fy - 1)
      for (let y = firstFy; y <= last; y++)
        if (y === last || y === firstFy || rand.chance(0.9)) renewals.push(y)
    }
    const updatedAt = new Date(now.getTime() - rand.int(0, 900) * 86_400_000)
    const publicEmail = rand.chance(0.6)
    const detail = rand.chance(0.7)
    const values = {
      name,
      nameKana: kana,
      actorKind,
      legalForm,
      fields,
      areaIds,
      citywide,
      purpose: `${citywide ? '市内全域で' : `${areaNames.join('・')}を中心に`}、${t.purpose}ことを目的としています。`,
      activities: `${activities.join('、')}などを行っています。${rand.chance(0.5) ? `${rand.pick(['毎月', '毎週土曜日に', '年に数回', '平日の午後に'])}活動しています。` : ''}`,
      expertise: detail ? t.expertise : '',
      resources: detail ? rand.some(t.resources, 1, t.resources.length) : [],
      resourcesNote: '',
      trackRecord:
        detail && rand.chance(0.6)
          ? `${fy - rand.int(1, 5)}年度 市の${rand.pick(['協働事業', '補助事業', '後援事業', '共催イベント'])}に参加。延べ${rand.int(50, 2000)}人が参加しました。`
          : '',
      wantsToDo: rand.chance(0.6) ? t.wants : '',
      wantsCollaboration: rand.chance(0.55),
      foundedYear: founded,
      memberCount: members,
      stage: rand.pick(['startup', 'growth', 'stable', 'stable', 'transition']),
      website: rand.chance(0.4) ? `https://group-${out.length + 1}.demo.example` : '',
      socialLinks: [] as string[],
      representativeName: `${rand.pick(FAMILY)} ${rand.pick(GIVEN)}`,
      contactName: `${rand.pick(FAMILY)} ${rand.pick(GIVEN)}`,
      contactEmail: `info-${out.length + 1}@group.demo.example`,
      contactPhone: `0422-${rand.int(20, 99)}-${String(rand.int(0, 9999)).padStart(4, '0')}`,
      postalCode: `180${String(rand.int(0, 9999)).padStart(4, '0')}`,
      address: `東京都武蔵野市${place.name.replace(/むさしの|武蔵野|玉川上水|井の頭|三鷹駅北口|ひがしまち/, '中町')}${rand.int(1, 5)}-${rand.int(1, 30)}-${rand.int(1, 20)}`,
      addressBuilding: '',
      contactVisibility: {
        representativeName: rand.chance(0.1) ? 'public' : 'coordinator',
        contactName: publicEmail ? 'public' : 'staff',
        contactEmail: publicEmail ? 'public' : 'staff',
        contactPhone: rand.chance(0.3) ? 'public' : 'staff',
        postalCode: 'staff',
        address: 'staff',
        addressBuilding: 'staff',
      } as Record<string, 'public' | 'staff' | 'coordinator'>,
    }
    const created = new Date(Date.UTC(firstFy, 3, 1) + rand.int(0, 360) * 86_400_000)
    out.push({
      row: {
        ...values,
        municipalityId: opts.tenantId,
        status,
        source: 'demo',
        ...searchColumns(buildSearchText({ ...values, areaNames }, opts.fieldLabels)),
        nameNorm: buildNameNorm(name, kana),
        disclosureLevel: disclosureLevel({ ...values, logoPath: null, publicDocuments: 0, updatedAt }),
        renewedFiscalYear: renewals.length ? renewals[renewals.length - 1] : null,
        approvedAt: renewals.length ? created : null,
        submittedAt: status === 'draft' ? null : created,
        reviewComment:
          status === 'returned' ? '会則の写しを添付してください。活動地区も選んでください。' : '',
        checklist: status === 'draft' ? {} : { members: true, rules: true, city: true, nonpolitical: true },
        lastActivityAt: new Date(updatedAt.getTime() + rand.int(0, 60) * 86_400_000),
        createdAt: created < updatedAt ? created : updatedAt,
        updatedAt,
      },
      renewals,
    })
  }
  return out
}

export async function groupsDemo(env: DemoEnv) {
  const { ctx } = env
  const fieldLabels = new Map(fieldsOf(ctx.municipality.settings).map((f) => [f.code, f.label]))
  const now = new Date()
  const fy = fiscalYearOf(now)
  const name = 'むさしの見守りネットワーク'
  const kana = 'ムサシノミマモリネットワーク'
  const areaIds = env.areas.slice(0, 3).map((a) => a.id)
  const main = {
    name,
    nameKana: kana,
    actorKind: 'civic',
    legalForm: 'npo',
    fields: ['health_welfare', 'community'],
    areaIds,
    citywide: false,
    purpose: '一人暮らしの高齢者が地域で安心して暮らせるよう、住民同士の見守りと居場所づくりを進める。',
    activities: '高齢者見守り活動、ふれあいサロンの運営、買い物支援',
    expertise: '傾聴ボランティア、認知症サポーター養成講座の修了者が在籍',
    resources: ['people', 'network'],
    resourcesNote: '平日の日中に10人ほど動けます。',
    trackRecord: '2023年度 高齢者支援課と見守り協定を締結。サロンの参加者は年間延べ1,200人。',
    wantsToDo: '見守りの情報を地域包括支援センターと共有する仕組みを一緒につくりたい。',
    wantsCollaboration: true,
    foundedYear: 2012,
    memberCount: 28,
    stage: 'stable',
    website: 'https://mimamori.demo.example',
    socialLinks: [] as string[],
    representativeName: '佐藤 美咲',
    contactName: '佐藤 美咲',
    contactEmail: 'mimamori@group.demo.example',
    contactPhone: '0422-60-0000',
    postalCode: '1800001',
    address: '東京都武蔵野市吉祥寺北町1-1-1',
    addressBuilding: '',
    contactVisibility: {
      representativeName: 'coordinator',
      contactName: 'public',
      contactEmail: 'public',
      contactPhone: 'staff',
      postalCode: 'staff',
      address: 'staff',
      addressBuilding: 'staff',
    } as Record<string, 'public' | 'staff' | 'coordinator'>,
  }
  const areaNames = areaIds.map((a) => env.areas.find((x) => x.id === a)!.name)
  const [g] = await ctx.db
    .insert(groups)
    .values({
      ...main,
      municipalityId: ctx.tenantId,
      status: 'published',
      approvedAt: now,
      renewedFiscalYear: fy,
      source: 'demo',
      checklist: { members: true, rules: true, city: true, nonpolitical: true },
      ...searchColumns(buildSearchText({ ...main, areaNames }, fieldLabels)),
      nameNorm: buildNameNorm(name, kana),
      disclosureLevel: disclosureLevel({ ...main, logoPath: null, publicDocuments: 0, updatedAt: now }),
    })
    .returning()
  await ctx.db
    .insert(groupMembers)
    .values({ municipalityId: ctx.tenantId, groupId: g.id, userId: env.users.group, role: 'owner' })
  const renewRows = [fy - 3, fy - 2, fy - 1, fy].map((y) => ({
    municipalityId: ctx.tenantId,
    groupId: g.id,
    fiscalYear: y,
  }))
  await ctx.db.insert(groupRenewals).values(renewRows)
  await ctx.db.insert(groupRevisions).values({
    municipalityId: ctx.tenantId,
    groupId: g.id,
    actorLabel: '佐藤 美咲（group@demo.example）',
    action: 'group.create',
    changes: { name: [null, name] },
  })

  const gen = generateGroups(env.rand, env.size === 'small' ? 40 : 420, {
    tenantId: ctx.tenantId,
    areas: env.areas,
    fieldLabels,
    now,
  })
  // Small demos (tests) must hold at least one other published group and a pending one.
  if (env.size === 'small') {
    gen[0].row.status = 'published'
    gen[1].row.status = 'pending'
  }
  const inserted: { id: string }[] = []
  for (let i = 0; i < gen.length; i += 200) {
    inserted.push(
      ...(await ctx.db
        .insert(groups)
        .values(gen.slice(i, i + 200).map((x) => x.row))
        .returning({ id: groups.id })),
    )
  }
  const renewals = gen.flatMap((x, i) =>
    x.renewals.map((y) => ({ municipalityId: ctx.tenantId, groupId: inserted[i].id, fiscalYear: y })),
  )
  for (let i = 0; i < renewals.length; i += 500)
    await ctx.db.insert(groupRenewals).values(renewals.slice(i, i + 500))
}
