import { randomUUID } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import type { DemoEnv } from '../../core/demo.ts'
import { fiscalYearOf, normalizeForSearch, ymdInTokyo } from '../../core/japanese/index.ts'
import { cityPlans, hearingAnswers, hearings, needAreas, needInterests, needPlans, needs } from './schema.ts'
import { getGroups, publishedGroups } from '../groups/index.ts'
import { lookups } from './service.ts'

const day = (offset: number) => ymdInTokyo(new Date(Date.now() + offset * 86_400_000))

type DemoNeed = {
  dep: string
  title: string
  situation: string
  goal: string
  fields: string[]
  forms: string[]
  partnerWants: string[]
  cityOffers: string[]
  budget?: number
  visibility?: 'public' | 'staff'
  /** Inserted as; coordinating and matched come from the pairings (matching demo). */
  status?: 'draft' | 'published' | 'unmatched' | 'withdrawn'
  /** The stage the matching demo takes a pairing for this need to. */
  pair?: 'candidate' | 'introduced' | 'negotiating' | 'agreed' | 'declined'
}

/** Needs modelled on the seeds (Chigasaki's two cases, Kashiwa's hearing list, Musashino's departments). */
const NEEDS: DemoNeed[] = [
  {
    dep: '高齢者支援課',
    title: '一人暮らし高齢者の見守りと居場所づくりを地域で広げたい',
    situation:
      '市内の65歳以上の一人暮らし世帯は増え続け、地域包括支援センターだけでは日常の安否確認が追いつきません。民生委員の負担も大きく、孤立しがちなお年寄りに気づくのが遅れることがあります。',
    goal: '住民同士のゆるやかな見守りと、気軽に立ち寄れるサロンが各地区にあり、困りごとが早く支援につながる状態。',
    fields: ['health_welfare', 'community'],
    forms: ['cooperation', 'subsidy', 'commission'],
    partnerWants: ['people', 'network', 'place'],
    cityOffers: ['publicity', 'coordination', 'information'],
    budget: 800000,
  },
  {
    dep: '防災課',
    title: '避難所運営訓練に地域の団体・外国人住民の参加を増やしたい',
    situation:
      '避難所運営訓練の参加者は自主防災組織の役員が中心で、若い世代や外国人住民、障害のある方の参加が少ないのが課題です。災害時に多様な住民が避難所を運営できる体制づくりが必要です。',
    goal: '多言語の案内や要配慮者への配慮を組み込んだ訓練が毎年開かれ、地域の団体が運営に加わっている状態。',
    fields: ['disaster', 'safety', 'international'],
    forms: ['co_host', 'executive_committee', 'cooperation'],
    partnerWants: ['expertise', 'people'],
    cityOffers: ['facilities', 'publicity', 'coordination'],
  },
  {
    dep: '子ども家庭課',
    title: '子ども食堂と学習支援の場を増やし、子育て家庭の孤立を防ぎたい',
    situation:
      '経済的に厳しい家庭や、ひとり親家庭の子どもが安心して食事をとり、宿題ができる場所が地域によって偏っています。保護者の相談先が分からないという声もあります。',
    goal: '子どもが歩いて行ける範囲に食堂や学習支援の居場所があり、必要な家庭が市の相談窓口につながる状態。',
    fields: ['children', 'health_welfare'],
    forms: ['subsidy', 'cooperation', 'support'],
    partnerWants: ['people', 'place'],
    cityOffers: ['publicity', 'information', 'facilities'],
    budget: 500000,
  },
  {
    dep: '環境政策課',
    title: '飼い主のいない猫の適正管理と地域の生活環境被害の軽減',
    situation:
      '野良猫への無責任な餌やりによる糞尿被害の苦情が毎年寄せられています。不妊去勢手術の普及と、住民への適正管理の啓発が追いついていません（茅ヶ崎市の協働事例を参考にしています）。',
    goal: 'TNR活動と地域猫活動が広がり、苦情と殺処分が減っている状態。',
    fields: ['environment', 'community'],
    forms: ['commission', 'cooperation'],
    partnerWants: ['expertise', 'network'],
    cityOffers: ['coordination', 'publicity'],
    budget: 1700000,
  },
  {
    dep: '生涯学習スポーツ課',
    title: '美術館と連携した子ども向け鑑賞プログラムの企画',
    situation:
      '美術に触れる機会が少ない子どもが多く、市の美術館の来館者も高齢化しています。幼稚園や保育園と連携した出張講座のノウハウが市にはありません。',
    goal: '子どもが五感で作品を楽しむ出張講座や家族鑑賞会が定期的に開かれている状態。',
    fields: ['culture_sports', 'children', 'social_education'],
    forms: ['planning', 'co_host', 'commission'],
    partnerWants: ['expertise'],
    cityOffers: ['facilities', 'coordination', 'publicity'],
  },
  {
    dep: 'ごみ総合対策課',
    title: '集合住宅の分別ルールを多言語で伝え、食品ロスを減らしたい',
    situation:
      '集合住宅で資源ごみの分別が守られず、外国籍の住民からは案内が分かりにくいという声があります。家庭の食品ロスも減っていません。',
    goal: '多言語の分別案内とフードドライブが地域に定着している状態。',
    fields: ['environment', 'international'],
    forms: ['cooperation', 'information_exchange'],
    partnerWants: ['network', 'people'],
    cityOffers: ['information', 'publicity'],
  },
  {
    dep: '交流事業課',
    title: '在住外国人と地域の交流の場づくり',
    situation:
      '留学生や外国籍の住民が増えていますが、地域の行事に参加するきっかけが少なく、日本語や生活の相談先を知らない人もいます。',
    goal: '日本語教室や交流会を通じて、外国人住民と地域の顔の見える関係ができている状態。',
    fields: ['international', 'social_education'],
    forms: ['co_host', 'support', 'information_exchange'],
    partnerWants: ['network', 'expertise'],
    cityOffers: ['facilities', 'publicity'],
    visibility: 'staff',
  },
  {
    dep: '健康課',
    title: '介護予防の体操教室を地域の担い手と続けたい',
    situation:
      '介護予防の体操教室は市の委託で開いてきましたが、終了後に自主グループとして続く割合が低いのが課題です。',
    goal: '地域の担い手が体操教室を自主的に続け、フレイル予防が広がっている状態。',
    fields: ['health_welfare', 'culture_sports'],
    forms: ['cooperation', 'subsidy'],
    partnerWants: ['people', 'place'],
    cityOffers: ['information', 'publicity'],
    status: 'draft',
  },
  {
    dep: '高齢者支援課',
    title: '認知症の人と家族が立ち寄れる認知症カフェを各地区に広げたい',
    situation:
      '認知症カフェは市内に数か所ありますが、担い手が限られ、開催日も少ないため、介護する家族が相談できる場が足りません。',
    goal: '歩いて行ける範囲で月1回以上の認知症カフェが開かれ、家族の相談が専門職につながっている状態。',
    fields: ['health_welfare'],
    forms: ['subsidy', 'cooperation'],
    partnerWants: ['people', 'place'],
    cityOffers: ['publicity', 'coordination'],
    budget: 300000,
    pair: 'introduced',
  },
  {
    dep: '障害者福祉課',
    title: '障害のある人の就労体験の場を地域の事業者と増やしたい',
    situation:
      '特別支援学校の卒業生や就労移行支援の利用者が、地域で働く体験をする場が不足しています。受け入れたい事業者も、どう始めればよいか分からないと言います。',
    goal: '商店や事業者の就労体験の受け入れ先が一覧になり、毎年20人以上が体験している状態。',
    fields: ['health_welfare', 'employment'],
    forms: ['cooperation', 'information_exchange'],
    partnerWants: ['network', 'expertise'],
    cityOffers: ['coordination', 'information'],
    pair: 'negotiating',
  },
  {
    dep: '安全対策課',
    title: '通学路の危険箇所を地域と一緒に点検したい',
    situation:
      '通学路の危険箇所の点検は学校とPTAに任されがちで、地域の見守りボランティアの気づきが道路の改善に生かされていません。',
    goal: '年に一度、学校・地域・市が合同で通学路を点検し、危険箇所の改善が進んでいる状態。',
    fields: ['safety', 'children'],
    forms: ['cooperation'],
    partnerWants: ['people', 'information'],
    cityOffers: ['coordination', 'information'],
    pair: 'agreed',
  },
  {
    dep: '緑化環境センター',
    title: '公園の花壇と雑木林の手入れを担うボランティアを育てたい',
    situation:
      '公園の花壇ボランティアは高齢化が進み、雑木林の手入れも専門の業者に頼るほかありません。若い世代が参加するきっかけがありません。',
    goal: '公園ごとに手入れのグループがあり、市と年間の作業計画を共有している状態。',
    fields: ['environment', 'community'],
    forms: ['cooperation', 'support'],
    partnerWants: ['people', 'equipment'],
    cityOffers: ['information', 'facilities'],
    pair: 'agreed',
  },
  {
    dep: '図書館',
    title: '読み聞かせボランティアの養成講座を一緒に開きたい',
    situation:
      '図書館や小学校で読み聞かせをするボランティアの人数が減り、おはなし会の回数を減らさざるを得ない館があります。',
    goal: '養成講座の修了者が各館と小学校のおはなし会を担い、回数が元に戻っている状態。',
    fields: ['social_education', 'children'],
    forms: ['co_host', 'commission'],
    partnerWants: ['expertise'],
    cityOffers: ['facilities', 'publicity'],
    budget: 150000,
    pair: 'declined',
  },
  {
    dep: '児童青少年課',
    title: '放課後の子どもの居場所を児童館の外にも広げたい',
    situation:
      '児童館から遠い地区では、放課後に子どもが安心して過ごせる場所が少なく、公園にとどまる子どもが増えています。',
    goal: '地域の集会所や空き店舗で、週に数回、子どもの居場所が開かれている状態。',
    fields: ['children', 'community'],
    forms: ['commission', 'subsidy'],
    partnerWants: ['place', 'people'],
    cityOffers: ['publicity', 'coordination'],
    budget: 1200000,
    pair: 'candidate',
  },
  {
    dep: 'まちづくり推進課',
    title: '地区計画の検討に住民の声を集めるワークショップを開きたい',
    situation:
      '地区計画の見直しにあたり、説明会には限られた住民しか参加せず、子育て世代や商店主の意見が集まりにくいのが課題です。',
    goal: '幅広い住民がワークショップに参加し、その意見が計画案に反映されている状態。',
    fields: ['community'],
    forms: ['planning', 'commission'],
    partnerWants: ['expertise', 'network'],
    cityOffers: ['information', 'facilities'],
    budget: 900000,
  },
  {
    dep: '住宅対策課',
    title: '空き家を地域の居場所として活用する仕組みをつくりたい',
    situation:
      '市内の空き家は増えていますが、所有者は貸し方が分からず、地域の団体は場所を探しているという、すれ違いが起きています。',
    goal: '空き家の所有者と活用したい団体をつなぐ相談窓口があり、毎年数件が地域の居場所になっている状態。',
    fields: ['community', 'economy'],
    forms: ['cooperation', 'information_exchange'],
    partnerWants: ['expertise', 'network'],
    cityOffers: ['coordination', 'publicity'],
    pair: 'candidate',
  },
  {
    dep: '交通対策課',
    title: 'コミュニティバスの利用者の声を集め、路線の見直しに生かしたい',
    situation:
      'コミュニティバスの路線見直しにあたり、利用者アンケートの回収が少なく、高齢者や障害のある方の声が届いていません。',
    goal: '利用者の声を地域の団体と一緒に集め、見直し案に反映されている状態。',
    fields: ['community', 'health_welfare'],
    forms: ['planning', 'information_exchange'],
    partnerWants: ['network'],
    cityOffers: ['information'],
    status: 'unmatched',
  },
  {
    dep: '生活経済課',
    title: '商店街の空き店舗で若い起業家のチャレンジショップを開きたい',
    situation:
      '商店街の空き店舗が増え、にぎわいが失われつつあります。一方で、小さく商売を始めたい若い人の相談は増えています。',
    goal: 'チャレンジショップから毎年数人が市内で開業し、商店会にも加わっている状態。',
    fields: ['economy', 'employment'],
    forms: ['cooperation', 'subsidy'],
    partnerWants: ['place', 'network'],
    cityOffers: ['publicity', 'coordination'],
    budget: 2000000,
  },
  {
    dep: '生活経済課',
    title: '高齢者を狙う悪質商法の被害を出前講座で防ぎたい',
    situation:
      '電話勧誘や訪問販売による高齢者の消費者被害の相談が増えていますが、消費生活センターの出前講座の担い手が足りません。',
    goal: '地域のサロンや自治会で出前講座が開かれ、被害の相談が早くセンターにつながっている状態。',
    fields: ['consumer', 'health_welfare'],
    forms: ['commission', 'cooperation'],
    partnerWants: ['expertise', 'network'],
    cityOffers: ['information', 'publicity'],
    pair: 'negotiating',
  },
  {
    dep: '広報課',
    title: '市報をやさしい日本語で伝える取り組みを一緒に進めたい',
    situation: '外国籍の住民や、文字を読むのが苦手な住民から、市報の内容が分かりにくいという声があります。',
    goal: '市報の主な記事に、やさしい日本語の版がつくられている状態。',
    fields: ['international', 'information'],
    forms: ['cooperation', 'commission'],
    partnerWants: ['expertise'],
    cityOffers: ['information'],
    pair: 'introduced',
  },
  {
    dep: '情報管理課',
    title: '高齢者のスマートフォン相談会を地域で開きたい',
    situation:
      'オンライン申請が増える一方で、スマートフォンの操作が分からず、窓口に来られる高齢者も多くいます。',
    goal: 'コミュニティセンターで定期的にスマホ相談会が開かれ、オンライン申請の利用が増えている状態。',
    fields: ['information', 'health_welfare'],
    forms: ['commission', 'co_host'],
    partnerWants: ['people', 'expertise'],
    cityOffers: ['facilities', 'publicity'],
    budget: 400000,
    pair: 'declined',
  },
  {
    dep: '指導課',
    title: '小学校の総合的な学習の時間に地域の団体の出前授業を取り入れたい',
    situation:
      '総合的な学習の時間で地域の課題を学ぶ授業をしたい学校は多いのですが、どの団体に頼めばよいか、教員には分かりません。',
    goal: '出前授業を受けられる団体の一覧があり、各校が年に一度は地域の団体と授業をしている状態。',
    fields: ['children', 'social_education'],
    forms: ['information_exchange', 'cooperation'],
    partnerWants: ['expertise', 'people'],
    cityOffers: ['coordination'],
  },
  {
    dep: '教育支援課',
    title: '不登校の子どもが通える学校外の居場所と連携したい',
    situation:
      '不登校の児童生徒は増えていますが、教育支援センターだけでは一人ひとりに合った居場所を用意できません。',
    goal: '民間のフリースペースと教育支援センターが情報を共有し、子どもが自分に合った場所を選べる状態。',
    fields: ['children'],
    forms: ['information_exchange', 'cooperation'],
    partnerWants: ['place', 'expertise'],
    cityOffers: ['information', 'coordination'],
    visibility: 'staff',
  },
  {
    dep: '保育課',
    title: '一時保育の担い手として子育て経験者の力を借りたい',
    situation:
      '保護者の通院やリフレッシュのための一時保育の希望は多いのですが、保育所だけでは受け入れが追いつきません。',
    goal: '研修を受けた地域の子育て経験者が、ひろばで一時預かりを担っている状態。',
    fields: ['children'],
    forms: ['commission'],
    partnerWants: ['people'],
    cityOffers: ['information', 'facilities'],
    status: 'withdrawn',
  },
  {
    dep: 'クリーンセンター',
    title: 'クリーンセンターの見学会を市民団体と一緒に企画したい',
    situation:
      '新しいクリーンセンターの見学者は学校の社会科見学が中心で、大人がごみ処理について知る機会が少ないのが現状です。',
    goal: '市民団体が案内役を担う見学会が毎月開かれ、ごみ減量の意識が高まっている状態。',
    fields: ['environment', 'social_education'],
    forms: ['co_host'],
    partnerWants: ['people', 'expertise'],
    cityOffers: ['facilities', 'publicity'],
  },
  {
    dep: '防災課',
    title: '要配慮者の避難を地域で支える個別避難計画づくり',
    situation:
      '災害時に自力で避難するのが難しい方の個別避難計画は、作成が進んでいません。地域の支援者の確保が課題です。',
    goal: '自主防災組織や見守りの団体が支援者となり、個別避難計画の作成が進んでいる状態。',
    fields: ['disaster', 'health_welfare'],
    forms: ['cooperation'],
    partnerWants: ['people', 'network'],
    cityOffers: ['information', 'coordination'],
    status: 'draft',
  },
  {
    dep: '市民協働推進課',
    title: '市民活動団体の会計・運営の相談窓口を担ってほしい',
    situation:
      '小さな団体から、会計や総会の進め方、補助金の申請書の書き方などの相談が増えていますが、課の職員だけでは対応しきれません。',
    goal: '中間支援の団体が相談窓口を担い、団体の運営の悩みが早く解決している状態。',
    fields: ['intermediary', 'community'],
    forms: ['commission'],
    partnerWants: ['expertise'],
    cityOffers: ['facilities', 'publicity'],
    budget: 1500000,
  },
  {
    dep: '企画調整課',
    title: '次期長期計画の策定に市民ワークショップの企画から参加してほしい',
    situation:
      '長期計画の市民参加は、これまで公募委員と意見募集が中心で、若い世代の参加が少ないことが課題でした。',
    goal: '市民団体と一緒に企画したワークショップに、10代から高齢者まで幅広い世代が参加している状態。',
    fields: ['community', 'social_education'],
    forms: ['planning'],
    partnerWants: ['expertise', 'network'],
    cityOffers: ['information', 'facilities'],
    status: 'unmatched',
  },
  {
    dep: '選挙管理委員会事務局',
    title: '若い世代の投票を促す出前授業を一緒に開きたい',
    situation:
      '20代の投票率が低い状態が続いています。高校や大学での模擬投票の出前授業を続けたいのですが、企画の担い手が足りません。',
    goal: '学生団体と一緒に模擬投票を企画し、市内の高校・大学で毎年開かれている状態。',
    fields: ['social_education', 'human_rights'],
    forms: ['co_host'],
    partnerWants: ['people', 'expertise'],
    cityOffers: ['information'],
    status: 'withdrawn',
  },
  {
    dep: '下水道課',
    title: '雨水の浸透ますと雨水タンクの普及を地域で広げたい',
    situation:
      '大雨の際の浸水被害を減らすため、家庭への雨水浸透ますと雨水タンクの設置を進めていますが、制度が知られていません。',
    goal: '地域の団体による説明会やまち歩きを通じて、設置の申し込みが増えている状態。',
    fields: ['environment', 'disaster'],
    forms: ['cooperation', 'information_exchange'],
    partnerWants: ['network'],
    cityOffers: ['information', 'publicity'],
  },
  {
    dep: '健康課',
    title: '子育て世代の食育講座を地域の団体と開きたい',
    situation:
      '朝食をとらない子どもや、偏った食事の家庭が増えていますが、健康課の講座は平日の昼で、働く親が参加できません。',
    goal: '週末や夕方に地域で食育講座が開かれ、親子で参加できる状態。',
    fields: ['health_welfare', 'children'],
    forms: ['co_host', 'commission'],
    partnerWants: ['expertise', 'place'],
    cityOffers: ['publicity'],
  },
  {
    dep: '交流事業課',
    title: '友好都市との交流事業に市民団体の企画を取り入れたい',
    situation: '友好都市との交流は市の派遣事業が中心で、市民同士の継続的な交流が育っていません。',
    goal: '市民団体が企画する交流事業が毎年あり、市民同士の行き来が続いている状態。',
    fields: ['international', 'culture_sports'],
    forms: ['support', 'subsidy'],
    partnerWants: ['network'],
    cityOffers: ['publicity', 'coordination'],
  },
]

/** Plans, the yearly hearing with its answers, needs, and a group's interest (demo order 30). */
export async function needsDemo(env: DemoEnv) {
  const { ctx } = env
  const dep = (name: string) => env.departments.get(name)!
  const plans = await ctx.db
    .insert(cityPlans)
    .values(
      [
        '第六期長期計画',
        '高齢者福祉計画・介護保険事業計画',
        '地域防災計画',
        '子ども・子育て支援事業計画',
        '環境基本計画',
        '多文化共生推進プラン',
      ].map((name, i) => ({
        municipalityId: ctx.tenantId,
        name,
        sortOrder: i,
      })),
    )
    .returning()

  // The yearly hearing, opened a month ago, with partial answers
  const [hearing] = await ctx.db
    .insert(hearings)
    .values({
      municipalityId: ctx.tenantId,
      fiscalYear: fiscalYearOf(new Date()),
      title: `${fiscalYearOf(new Date())}年度 協働ニーズ調査（市が希望している協働事業のヒアリング）`,
      message:
        '各課で市民活動団体等と協働して取り組みたい事業・課題を登録してください。今年度ない場合は理由をご回答ください。',
      dueOn: day(14),
      openedBy: env.users.coordinator,
    })
    .returning()
  const lk = await lookups(ctx)
  const kaIds = lk.departments.map((d) => d.id)
  await ctx.db
    .insert(hearingAnswers)
    .values(
      kaIds.map((departmentId) => ({ municipalityId: ctx.tenantId, hearingId: hearing.id, departmentId })),
    )

  // Every need in one statement: published ones over the last three months, closed ones
  // (不成立・取り下げ) earlier in the year with their deadline passed, drafts unpublished.
  const areaLinks: (typeof needAreas.$inferInsert)[] = []
  const planLinks: (typeof needPlans.$inferInsert)[] = []
  const rows = NEEDS.map((n, i) => {
    const status = n.status ?? 'published'
    const closed = status === 'unmatched' || status === 'withdrawn'
    const ago = closed ? 150 + i * 3 : 90 - i * 2
    const id = randomUUID()
    areaLinks.push(
      ...(i % 3 === 0 ? [] : env.areas.slice(i % env.areas.length, (i % env.areas.length) + 3)).map((a) => ({
        municipalityId: ctx.tenantId,
        needId: id,
        areaId: a.id,
      })),
    )
    planLinks.push({ municipalityId: ctx.tenantId, needId: id, planId: plans[i % plans.length].id })
    return {
      id,
      municipalityId: ctx.tenantId,
      departmentId: dep(n.dep),
      title: n.title,
      situation: n.situation,
      goal: n.goal,
      hasBudget: !!n.budget,
      budgetLimit: n.budget ?? null,
      cityOffers: n.cityOffers,
      partnerWants: n.partnerWants,
      forms: n.forms,
      fields: n.fields,
      citywide: i % 3 === 0,
      periodStart: closed ? day(-ago + 60) : day(60),
      periodEnd: closed ? day(-ago + 425) : day(60 + 365),
      deadline: closed ? day(-ago + 30) : day(30 + i * 3),
      status,
      visibility: n.visibility ?? 'public',
      hearingId: hearing.id,
      authorId: env.users.staff,
      publishedAt: status === 'draft' ? null : new Date(Date.now() - ago * 86_400_000),
      createdAt: new Date(Date.now() - (ago + 7) * 86_400_000),
      searchText: normalizeForSearch(`${n.title} ${n.situation} ${n.goal}`),
    }
  })
  const made = await ctx.db.insert(needs).values(rows).returning()
  if (areaLinks.length) await ctx.db.insert(needAreas).values(areaLinks)
  await ctx.db.insert(needPlans).values(planLinks)
  const answered = [...new Set(made.map((n) => n.departmentId))]
  await ctx.db
    .update(hearingAnswers)
    .set({ answer: 'needs', answeredAt: new Date(), answeredBy: env.users.staff })
    .where(and(eq(hearingAnswers.hearingId, hearing.id), inArray(hearingAnswers.departmentId, answered)))
  const noneDeps = ['道路課', '会計課', '市民税課']
    .map((d) => env.departments.get(d))
    .filter(Boolean) as string[]
  await ctx.db
    .update(hearingAnswers)
    .set({
      answer: 'none',
      reason: '今年度は法定事務が中心で、協働で取り組む事業の予定がありません。',
      answeredAt: new Date(),
    })
    .where(and(eq(hearingAnswers.hearingId, hearing.id), inArray(hearingAnswers.departmentId, noneDeps)))

  // Groups say 関心があります for public needs in their fields (not the demo login's group, whose
  // interest the tests make themselves).
  const groups = await publishedGroups(ctx, env.size === 'small' ? 40 : 400)
  const full = (
    await getGroups(
      ctx,
      groups.map((g) => g.id),
    )
  ).filter((g) => g.name !== 'むさしの見守りネットワーク')
  if (!full.length) return
  const open = made.filter((n) => n.status === 'published' && n.visibility === 'public')
  const interests: (typeof needInterests.$inferInsert)[] = []
  for (const [i, n] of open.entries()) {
    if (interests.length >= 12) break
    const g = [...full.slice((i * 7) % full.length), ...full].find((x) =>
      x.fields.some((f) => n.fields.includes(f)),
    )
    if (!g || interests.some((x) => x.groupId === g.id && x.needId === n.id)) continue
    interests.push({
      municipalityId: ctx.tenantId,
      needId: n.id,
      groupId: g.id,
      kind: 'interest',
      message: `${g.activities.split(/[、。]/)[0].replace(/^主に[^、]+で/, '')}の経験があります。まずはお話を伺えればと思います。`,
    })
  }
  if (interests.length) await ctx.db.insert(needInterests).values(interests)
}

/** Which demo needs the matching demo pairs with a group, and to which stage. */
export const DEMO_PAIRINGS = NEEDS.filter((n) => n.pair).map((n) => ({ title: n.title, stage: n.pair! }))
