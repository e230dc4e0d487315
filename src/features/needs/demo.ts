import type { DemoEnv } from '../../core/demo.ts'
import { fiscalYearOf, normalizeForSearch, ymdInTokyo } from '../../core/japanese/index.ts'
import { cityPlans, hearingAnswers, hearings, needInterests, needs } from './schema.ts'
import { getGroups, publishedGroups } from '../groups/index.ts'
import { hearingAnswerWhere, lookups } from './service.ts'

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
  status?: string
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

  const list = env.size === 'small' ? NEEDS.slice(0, 5).concat(NEEDS.slice(6, 8)) : NEEDS
  const made: (typeof needs.$inferSelect)[] = []
  for (const [i, n] of list.entries()) {
    const departmentId = dep(n.dep)
    const [row] = await ctx.db
      .insert(needs)
      .values({
        municipalityId: ctx.tenantId,
        departmentId,
        title: n.title,
        situation: n.situation,
        goal: n.goal,
        planIds: [plans[i % plans.length].id],
        hasBudget: !!n.budget,
        budgetLimit: n.budget ?? null,
        cityOffers: n.cityOffers,
        partnerWants: n.partnerWants,
        forms: n.forms,
        fields: n.fields,
        areaIds:
          i % 3 === 0
            ? []
            : env.areas.slice(i % env.areas.length, (i % env.areas.length) + 3).map((a) => a.id),
        citywide: i % 3 === 0,
        periodStart: day(60),
        periodEnd: day(60 + 365),
        deadline: day(30 + i * 3),
        status: n.status ?? 'published',
        visibility: n.visibility ?? 'public',
        hearingId: hearing.id,
        authorId: env.users.staff,
        publishedAt: n.status === 'draft' ? null : new Date(Date.now() - (20 - i) * 86_400_000),
        searchText: normalizeForSearch(`${n.title} ${n.situation} ${n.goal}`),
      })
      .returning()
    made.push(row)
    await ctx.db
      .update(hearingAnswers)
      .set({ answer: 'needs', answeredAt: new Date(), answeredBy: env.users.staff })
      .where(hearingAnswerWhere(hearing.id, departmentId))
  }
  const noneDeps = ['道路課', '会計課', '市民税課']
    .map((d) => env.departments.get(d))
    .filter(Boolean) as string[]
  for (const d of noneDeps)
    await ctx.db
      .update(hearingAnswers)
      .set({
        answer: 'none',
        reason: '今年度は法定事務が中心で、協働で取り組む事業の予定がありません。',
        answeredAt: new Date(),
      })
      .where(hearingAnswerWhere(hearing.id, d))

  const groups = await publishedGroups(ctx, env.size === 'small' ? 40 : 400)
  const full = await getGroups(
    ctx,
    groups.map((g) => g.id),
  )
  if (!full.length) return

  // Interest from the demo group in the first need
  await ctx.db.insert(needInterests).values({
    municipalityId: ctx.tenantId,
    needId: made[0].id,
    groupId: full[0].id,
    kind: 'interest',
    message: '見守り活動の経験があります。サロンの会場探しからご一緒できればと思います。',
  })
}
