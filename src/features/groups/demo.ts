import { hashPassword } from '../../core/auth/crypto.ts'
import { users } from '../../core/db/schema.ts'
import type { DemoEnv } from '../../core/demo.ts'
import { DEMO_PASSWORD } from '../../demo/city.ts'
import type { Rng } from '../../core/random.ts'
import { fiscalYearOf } from '../../core/japanese/index.ts'
import { fieldsOf } from '../../core/vocabulary.ts'
import { disclosureLevel } from './domain.ts'
import { groupAreas, groupMembers, groupRenewals, groupRevisions, groups } from './schema.ts'
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
  /** What a track record of this theme looks like ({n}: a count). */
  record: string
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
    record: '子ども家庭課の補助を受けてこども食堂を開き、延べ{n}人の親子が利用',
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
    record: '高齢者支援課・地域包括支援センターと見守り訪問を行い、延べ{n}世帯を訪問',
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
    record: '親子ひろばを開き、延べ{n}組の親子が参加',
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
    record: '図書館と共催で読み聞かせ会を開き、延べ{n}人の子どもが参加',
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
    record: '緑化環境センターと雑木林の手入れを行い、延べ{n}人が参加',
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
    record: '防災課と避難所運営訓練を共催し、延べ{n}人が参加',
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
    record: '安全対策課と通学路の合同点検を行い、延べ{n}人が参加',
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
    record: '交流事業課の後援で国際交流パーティーを開き、延べ{n}人が参加',
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
    record: '市の補助を受けて日本語教室を開き、延べ{n}人が受講',
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
    record: '障害者福祉課と就労体験を行い、延べ{n}人が参加',
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
    record: '市民文化祭と高齢者施設で演奏し、延べ{n}人が来場',
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
    record: '生涯学習スポーツ課と体験会を共催し、延べ{n}人が参加',
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
    record: 'まちづくり推進課と地域懇談会を開き、延べ{n}人が参加',
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
    record: '市の後援で商店街のお祭りを開き、延べ{n}人が来場',
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
    record: '市と共催で男女平等の講座を開き、延べ{n}人が受講',
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
    record: '市の平和事業で体験を聞く会と資料展示を行い、延べ{n}人が来場',
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
    record: '市の後援でスマホ相談会を開き、延べ{n}人が相談',
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
    record: '児童館で出前実験教室を開き、延べ{n}人の子どもが参加',
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
    record: '消費生活センターと出前講座を開き、延べ{n}人が受講',
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
    record: '生活経済課と就労相談会を開き、延べ{n}人が相談',
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
    record: '市の観光事業でまち歩きガイドを担い、延べ{n}人を案内',
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
    record: '生活経済課と農作業体験を開き、延べ{n}人が参加',
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
    record: '市民協働推進課から団体の運営相談を受託し、延べ{n}件の相談に対応',
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
    record: '高齢者支援課の補助を受けてサロンを開き、延べ{n}人が参加',
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
    record: '歴史資料館の展示づくりに協力し、延べ{n}人が来場',
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
    record: 'ごみ総合対策課とリユース市を共催し、延べ{n}人が来場',
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
    record: '高齢者支援課と介護者の交流会を開き、延べ{n}人が参加',
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
    record: 'コミュニティセンターで多世代交流カフェを開き、延べ{n}人が来場',
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
    record: '環境政策課の補助を受けて不妊去勢手術を支援し、{n}匹の手術を実施',
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
    record: '教育支援センターと連携してフリースペースを開き、延べ{n}人が利用',
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

/** Businesses: what each kind of business does for the city, and its legal form. */
const BUSINESS_THEMES: (Theme & { form: 'company' | 'cooperative' })[] = [
  {
    name: 'ケアサービス',
    kana: 'ケアサービス',
    form: 'company',
    fields: ['health_welfare'],
    purpose: '訪問介護と家事援助のサービスを通じて、高齢者が自宅で暮らし続けられるよう支える',
    activities: ['訪問介護', '配食サービス', '介護予防教室への講師派遣', '認知症サポーター養成講座への協力'],
    expertise: '介護福祉士・ケアマネジャーが在籍',
    wants: '配食のときの安否確認で高齢者の見守りに協力したい',
    resources: ['people', 'expertise'],
    record: '高齢者支援課と見守り協定を結び、配食時の安否確認を延べ{n}件実施',
  },
  {
    name: 'まちづくり工房',
    kana: 'マチヅクリコウボウ',
    form: 'company',
    fields: ['community', 'economy'],
    purpose: '空き家・空き店舗の活用と住民参加のワークショップで、にぎわいのあるまちをつくる',
    activities: ['空き店舗の改修と活用', 'まちづくりワークショップの運営', '地区計画づくりの支援'],
    expertise: '建築士・まちづくりコンサルタント',
    wants: '空き店舗を地域の居場所にする事業を市と進めたい',
    resources: ['expertise', 'place'],
    record: 'まちづくり推進課のワークショップを受託し、延べ{n}人が参加',
  },
  {
    name: 'デザイン研究所',
    kana: 'デザインケンキュウジョ',
    form: 'company',
    fields: ['information', 'culture_sports'],
    purpose: '読みやすい広報物やサインのデザインを通じて、誰にでも分かりやすいまちの情報を届ける',
    activities: [
      '広報紙・チラシのデザイン',
      'やさしい日本語と多言語のサイン制作',
      'ユニバーサルデザインの講座',
    ],
    expertise: 'グラフィックデザイン・ユニバーサルデザイン',
    wants: '市民活動団体向けのチラシづくり講座を市と共催したい',
    resources: ['expertise', 'equipment'],
    record: '広報課とやさしい日本語のチラシづくり講座を開き、延べ{n}団体が受講',
  },
  {
    name: '地域電力',
    kana: 'チイキデンリョク',
    form: 'company',
    fields: ['environment', 'economy'],
    purpose: '市内の屋根で太陽光の電気をつくり、地域で使う再生可能エネルギーを広げる',
    activities: ['公共施設の屋根を借りた太陽光発電', '省エネ相談会', '小学校への環境出前授業'],
    expertise: '電気主任技術者・省エネルギー診断',
    wants: '公共施設の屋根を使った太陽光発電を市と進めたい',
    resources: ['expertise', 'funds'],
    record: '環境政策課と省エネ相談会を開き、延べ{n}世帯が相談',
  },
  {
    name: '不動産',
    kana: 'フドウサン',
    form: 'company',
    fields: ['community', 'health_welfare'],
    purpose: '高齢者や外国人、子育て世帯が住まいを見つけられるよう、入居の相談と空き家の活用に取り組む',
    activities: ['住まい探しの相談会', '空き家の活用相談', '居住支援協議会への参加'],
    expertise: '宅地建物取引士',
    wants: '住まいに困っている人の入居支援を市と進めたい',
    resources: ['expertise', 'network', 'place'],
    record: '住宅対策課と住まいの相談会を開き、延べ{n}件の相談に対応',
  },
  {
    name: '生活協同組合',
    kana: 'セイカツキョウドウクミアイ',
    form: 'cooperative',
    fields: ['consumer', 'children'],
    purpose: '組合員による食品の共同購入を通じて、安全な食と助け合いのある地域をつくる',
    activities: ['食品の共同購入', 'フードドライブ', '子育て世帯への宅配', '食育の講座'],
    expertise: '食品の品質管理・配送網',
    wants: 'フードドライブで集めた食品をこども食堂に届ける仕組みを市とつくりたい',
    resources: ['network', 'equipment'],
    record: 'フードドライブで集めた食品{n}kgを市内のこども食堂に寄付',
  },
  {
    name: 'ワーカーズ協同組合',
    kana: 'ワーカーズキョウドウクミアイ',
    form: 'cooperative',
    fields: ['employment', 'children'],
    purpose: '働く人が出資して運営し、地域に必要な子育てや家事援助の仕事をつくる',
    activities: ['学童クラブの運営', '家事援助', '公園の清掃と緑地の管理'],
    expertise: '保育・家事援助の実務',
    wants: '放課後の子どもの居場所づくりに市と取り組みたい',
    resources: ['people', 'expertise'],
    record: '児童青少年課の放課後の居場所事業を受託し、延べ{n}人の子どもが利用',
  },
]

/** A university's circles and seminars. */
const EDUCATION_THEMES: Theme[] = [
  {
    name: '地域共創ゼミ',
    kana: 'チイキキョウソウゼミ',
    fields: ['community', 'social_education'],
    purpose: '学生が地域に出て住民と課題を話し合い、まちづくりの提案にまとめる',
    activities: ['まち歩き調査', '住民ワークショップ', '商店街の活性化の提案'],
    expertise: '社会調査・ワークショップの進行',
    wants: '地区のまちづくりの調査を市と一緒に行いたい',
    resources: ['people', 'expertise'],
    record: 'まちづくり推進課と地域調査を行い、{n}人の住民に聞き取り',
  },
  {
    name: '福祉ボランティアサークル',
    kana: 'フクシボランティアサークル',
    fields: ['health_welfare', 'children'],
    purpose: '学生が高齢者施設や子どもの学習支援でボランティアを行い、世代をこえたつながりをつくる',
    activities: ['高齢者施設での交流', '子どもの学習支援', '福祉まつりの手伝い'],
    expertise: '若い世代の担い手',
    wants: '高齢者サロンや学習支援の場に学生ボランティアを送りたい',
    resources: ['people'],
    record: '社会福祉協議会のボランティアとして延べ{n}人の学生が活動',
  },
  {
    name: '環境サークル',
    kana: 'カンキョウサークル',
    fields: ['environment', 'science'],
    purpose: '学生が身近な自然を調べ、環境を守る活動を地域と一緒に進める',
    activities: ['玉川上水の生きもの調査', '清掃活動', '小学校への環境学習の出前授業'],
    expertise: '生物調査',
    wants: '市の生きもの調査に学生として参加したい',
    resources: ['people', 'expertise'],
    record: '環境政策課の生きもの調査に協力し、{n}種の生きものを記録',
  },
]

/** 自治会・町内会. */
const NEIGHBOURHOOD_THEME: Theme = {
  name: '自治会',
  kana: 'ジチカイ',
  fields: ['community', 'disaster'],
  purpose: '住民の親睦を深め、防災・防犯や環境美化に取り組み、住みよい地域をつくる',
  activities: ['防災訓練', '夏祭り', '防犯パトロール', '資源回収', '回覧板での情報共有', '清掃活動'],
  expertise: '地域の顔の見える関係',
  wants: '災害時に支援が必要な住民の避難を手伝う仕組みを市とつくりたい',
  resources: ['people', 'place', 'network'],
  record: '防災課と地区の防災訓練を行い、{n}人が参加',
}

/** 武蔵野市の町名と郵便番号 (an address is in one of the group's districts). */
const TOWNS: Record<string, string> = {
  吉祥寺東町: '1800002',
  吉祥寺南町: '1800003',
  吉祥寺本町: '1800004',
  吉祥寺北町: '1800001',
  中町: '1800006',
  西久保: '1800013',
  緑町: '1800012',
  八幡町: '1800011',
  関前: '1800014',
  境: '1800022',
  境南町: '1800023',
  桜堤: '1800021',
  御殿山: '1800005',
}

const WHO = ['地域の有志', '近所の仲間', '活動に関心のある住民', '子育て中の親たち', '定年後の仲間']

export interface GeneratedGroup {
  row: typeof groups.$inferInsert
  /** Its areas of activity (rows of group_areas once the group is inserted). */
  areaIds: string[]
  /** Fiscal years the registration was renewed for. */
  renewals: number[]
}

/**
 * Realistic groups, deterministic for a seed. Used by the demo and by the benchmark
 * (bench/gen-groups.ts), so both search the same kind of text. Each group gets one theme and
 * everything follows from it: its name, legal form (株式会社 only for businesses), purpose,
 * activities, track record (never before the founding year) and wishes. No two purposes match.
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
  const DAY = 86_400_000
  const seen = new Set<string>()
  const purposes = new Set<string>()
  const out: GeneratedGroup[] = []
  const ordinals = ['', '第二', '第三', '新', '北', '南', '東', '西']
  for (let i = 0; out.length < n; i++) {
    const place = rand.pick(PLACES)
    const r = rand.next()
    let t: Theme
    let name: string
    let kana: string
    let actorKind = 'civic'
    let legalForm: string
    if (r < 0.1) {
      t = NEIGHBOURHOOD_THEME
      actorKind = 'community_org'
      legalForm = 'neighbourhood'
      const chome = rand.int(1, 5)
      name = `${place.name}${chome}丁目自治会`
      kana = `${place.kana}${['イッ', 'ニ', 'サン', 'ヨン', 'ゴ'][chome - 1]}チョウメジチカイ`
    } else if (r < 0.16) {
      const b = rand.pick(BUSINESS_THEMES)
      t = b
      actorKind = 'business'
      legalForm = b.form
      name = b.form === 'company' ? `株式会社${place.name}${b.name}` : `${place.name}${b.name}`
      kana = `${place.kana}${b.kana}`
    } else if (r < 0.2) {
      t = rand.pick(EDUCATION_THEMES)
      actorKind = 'education'
      legalForm = 'school'
      name = `むさしの学園大学 ${t.name}`
      kana = `ムサシノガクエンダイガク ${t.kana}`
    } else {
      t = rand.pick(THEMES)
      legalForm = rand.pick([
        'voluntary',
        'voluntary',
        'volunteer',
        'npo',
        'npo',
        'certified_npo',
        'general_association',
      ])
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
      if (name.includes(place.name)) {
        name = name.replace(place.name, `${o}${place.name}`)
        kana = kana.replace(
          place.kana,
          `${{ 第二: 'ダイニ', 第三: 'ダイサン', 新: 'シン', 北: 'キタ', 南: 'ミナミ', 東: 'ヒガシ', 西: 'ニシ' }[o] ?? ''}${place.kana}`,
        )
      }
      if (seen.has(bare(name))) name = `${name}（${i}）`
    }
    seen.add(bare(name))
    const citywide = actorKind === 'community_org' ? false : rand.chance(0.2)
    const areaIds = citywide
      ? []
      : rand.some(opts.areas, 1, actorKind === 'community_org' ? 1 : 3).map((a) => a.id)
    const areaNames = areaIds.map((a) => opts.areas.find((x) => x.id === a)!.name)
    const fields = [...t.fields]
    const activities = rand.some(t.activities, 2, t.activities.length)
    const oldest = actorKind === 'business' || actorKind === 'education' ? 1990 : 1975
    const founded = rand.int(oldest, now.getFullYear() - 1)
    const members =
      actorKind === 'community_org'
        ? rand.int(80, 600)
        : actorKind === 'business'
          ? rand.int(5, 80)
          : rand.int(3, 120)
    const age = now.getFullYear() - founded
    const stage =
      age < 3 ? 'startup' : age < 8 ? 'growth' : rand.pick(['stable', 'stable', 'stable', 'transition'])
    const where = citywide ? '市内全域で' : `${areaNames.join('・')}を中心に`
    const shortName = bare(name)
    const templates = [
      () =>
        `${where}、${t.purpose}ことを目的に、${founded}年に${actorKind === 'civic' ? rand.pick(WHO) : '関係者'}が集まって始めた${actorKind === 'business' ? '取り組み' : '団体'}です。`,
      () => `${shortName}は、${where}、${t.purpose}ことをめざして${founded}年から活動しています。`,
      () => `${founded}年の発足以来、${where}${t.purpose}ことを目的に活動しています。`,
    ]
    let purpose =
      actorKind === 'business'
        ? `${where}、${t.purpose}事業者です（${founded}年創業）。地域貢献として${activities.at(-1)}に取り組んでいます。`
        : actorKind === 'community_org'
          ? `${shortName}は、${t.purpose}ことを目的とする住民の自治組織です（${founded}年発足、${members}世帯）。`
          : actorKind === 'education'
            ? `むさしの学園大学の学生と教員が、${where}${t.purpose}活動です（${founded}年に始まりました）。`
            : rand.pick(templates)()
    if (purposes.has(purpose))
      purpose = `${shortName}は、${where}、${t.purpose}ことをめざして${founded}年から活動しています。`
    if (purposes.has(purpose)) purpose = `${purpose}（${shortName}）`
    purposes.add(purpose)
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
    // Registered the year after founding at the earliest, and at most six fiscal years ago.
    const firstFy = Math.max(fy - 6, Math.min(fy, founded + rand.int(0, 3)))
    const renewals: number[] = []
    if (status === 'published' || status === 'inactive' || status === 'suspended' || status === 'archived') {
      const last = status === 'published' ? fy : rand.int(Math.min(firstFy, fy - 1), fy - 1)
      for (let y = Math.min(firstFy, last); y <= last; y++)
        if (y === last || y === firstFy || rand.chance(0.9)) renewals.push(y)
    }
    // Applications (pending, returned, draft) are recent: sent within the last six weeks.
    const applying = status === 'pending' || status === 'returned' || status === 'draft'
    const created = applying
      ? new Date(now.getTime() - rand.int(3, 42) * DAY)
      : new Date(
          Math.min(now.getTime() - DAY, Date.UTC(Math.min(...renewals, fy), 3, 1) + rand.int(0, 360) * DAY),
        )
    const updatedAt = applying
      ? new Date(created.getTime() + rand.int(0, 2) * DAY)
      : new Date(
          created.getTime() +
            rand.int(0, Math.max(0, Math.floor((now.getTime() - created.getTime()) / DAY))) * DAY,
        )
    const publicEmail = rand.chance(0.6)
    const detail = rand.chance(0.7)
    // Track records: one or two fiscal years, none before the group existed.
    const recordYears: number[] = []
    if (detail && founded < fy && rand.chance(0.7)) {
      const y1 = rand.int(Math.max(founded, fy - 5), fy - 1)
      recordYears.push(y1)
      if (y1 < fy - 1 && rand.chance(0.4)) recordYears.push(rand.int(y1 + 1, fy - 1))
    }
    const trackRecord = recordYears
      .map(
        (y) =>
          `${y}年度 ${t.record.replace('{n}', String(rand.int(3, 120) * (t.record.includes('延べ') ? 10 : 1)))}。`,
      )
      .join('\n')
    const town = areaNames.find((a) => TOWNS[a]) ?? rand.pick(Object.keys(TOWNS))
    const freq =
      actorKind === 'business'
        ? ''
        : rand.pick([
            '毎月活動しています。',
            '毎週土曜日に活動しています。',
            '年に数回、催しを開いています。',
            '平日の午後に活動しています。',
            '',
          ])
    const values = {
      name,
      nameKana: kana,
      actorKind,
      legalForm,
      fields,
      citywide,
      purpose,
      activities: `${citywide ? '' : `主に${areaNames[0]}で、`}${activities.join('、')}を行っています。${freq}`,
      expertise: detail ? t.expertise : '',
      resources: detail ? rand.some(t.resources, 1, t.resources.length) : [],
      resourcesNote: '',
      trackRecord,
      wantsToDo: rand.chance(0.6) ? `${t.wants}。` : '',
      wantsCollaboration: rand.chance(0.55),
      foundedYear: founded,
      memberCount: members,
      stage,
      website: rand.chance(0.4) ? `https://group-${out.length + 1}.demo.example` : '',
      socialLinks: [] as string[],
      representativeName: `${rand.pick(FAMILY)} ${rand.pick(GIVEN)}`,
      contactName: `${rand.pick(FAMILY)} ${rand.pick(GIVEN)}`,
      contactEmail: `info-${out.length + 1}@group.demo.example`,
      contactPhone: `0422-${rand.int(20, 99)}-${String(rand.int(0, 9999)).padStart(4, '0')}`,
      postalCode: TOWNS[town],
      address: `東京都武蔵野市${town}${town === '境' || town === '桜堤' || town === '関前' ? rand.int(1, 5) : rand.int(1, 4)}-${rand.int(1, 30)}-${rand.int(1, 20)}`,
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
    out.push({
      row: {
        ...values,
        municipalityId: opts.tenantId,
        status,
        source: 'demo',
        ...searchColumns(buildSearchText({ ...values, areaNames }, opts.fieldLabels)),
        nameNorm: buildNameNorm(name, kana),
        disclosureLevel: disclosureLevel({
          ...values,
          areaIds,
          logoPath: null,
          publicDocuments: 0,
          updatedAt,
        }),
        renewedFiscalYear: renewals.length ? renewals[renewals.length - 1] : null,
        approvedAt: renewals.length ? created : null,
        submittedAt: status === 'draft' ? null : created,
        reviewComment:
          status === 'returned' ? '会則の写しを添付してください。活動地区も選んでください。' : '',
        checklist: status === 'draft' ? {} : { members: true, rules: true, city: true, nonpolitical: true },
        lastActivityAt: new Date(Math.min(now.getTime(), updatedAt.getTime() + rand.int(0, 60) * DAY)),
        createdAt: created,
        updatedAt,
      },
      areaIds,
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
      disclosureLevel: disclosureLevel({
        ...main,
        areaIds,
        logoPath: null,
        publicDocuments: 0,
        updatedAt: now,
      }),
    })
    .returning()
  await ctx.db
    .insert(groupAreas)
    .values(areaIds.map((areaId) => ({ municipalityId: ctx.tenantId, groupId: g.id, areaId })))
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
    if (!gen[0].renewals.includes(fy)) gen[0].renewals.push(fy)
    gen[0].row.renewedFiscalYear = fy
    gen[0].row.approvedAt ??= gen[0].row.createdAt
    const sent = new Date(now.getTime() - 5 * 86_400_000)
    Object.assign(gen[1].row, {
      status: 'pending',
      approvedAt: null,
      renewedFiscalYear: null,
      submittedAt: sent,
      createdAt: sent,
      updatedAt: sent,
      lastActivityAt: sent,
    })
    gen[1].renewals = []
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
  const links = gen.flatMap((x, i) =>
    x.areaIds.map((areaId) => ({ municipalityId: ctx.tenantId, groupId: inserted[i].id, areaId })),
  )
  for (let i = 0; i < links.length; i += 1000)
    await ctx.db.insert(groupAreas).values(links.slice(i, i + 1000))
  const renewals = gen.flatMap((x, i) =>
    x.renewals.map((y) => ({ municipalityId: ctx.tenantId, groupId: inserted[i].id, fiscalYear: y })),
  )
  for (let i = 0; i < renewals.length; i += 500)
    await ctx.db.insert(groupRenewals).values(renewals.slice(i, i + 500))

  // More groups with owner accounts: a published civic group of a few different themes each.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const taken = new Set<string>()
  let k = 2
  for (const [i, x] of gen.entries()) {
    if (k > (env.size === 'small' ? 3 : 6)) break
    const theme = (x.row.fields ?? []).join()
    if (x.row.status !== 'published' || x.row.actorKind !== 'civic' || taken.has(theme)) continue
    taken.add(theme)
    const [family, given] = (x.row.representativeName ?? '').split(' ')
    const [u] = await ctx.db
      .insert(users)
      .values({
        municipalityId: ctx.tenantId,
        email: `group${k}@demo.example`,
        passwordHash,
        emailVerifiedAt: now,
        familyName: family,
        givenName: given,
      })
      .returning({ id: users.id })
    await ctx.db
      .insert(groupMembers)
      .values({ municipalityId: ctx.tenantId, groupId: inserted[i].id, userId: u.id, role: 'owner' })
    k++
  }
}
