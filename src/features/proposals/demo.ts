import type { DemoEnv } from '../../core/demo.ts'
import { fiscalYearOf } from '../../core/japanese/index.ts'
import { groupIdsOfUser, publishedGroups } from '../groups/index.ts'
import {
  DEFAULT_COURSES,
  DEFAULT_CRITERIA,
  DEFAULT_ELIGIBLE,
  DEFAULT_INELIGIBLE,
  deadlineOf,
  scheduleTemplate,
} from './domain.ts'
import {
  proposalApplications,
  proposalConsultations,
  proposalFunnelHistory,
  proposalProgrammes,
  proposalReviewers,
  proposalThemes,
} from './schema.ts'

/**
 * Chigasaki's 市民提案型 figures H27–R1 (茅ヶ崎市「協働推進事業」の見直し資料): 意見交換会, 申込, 採択.
 * The document gives continuation rates without a per-year count, so 継続 stays 0.
 */
export const CHIGASAKI_HISTORY = [
  { fiscalYear: 2015, consultations: 17, applications: 8, adopted: 4 },
  { fiscalYear: 2016, consultations: 18, applications: 3, adopted: 3 },
  { fiscalYear: 2017, consultations: 10, applications: 1, adopted: 0 },
  { fiscalYear: 2018, consultations: 10, applications: 0, adopted: 0 },
  { fiscalYear: 2019, consultations: 13, applications: 0, adopted: 0 },
]

export const DEMO_REVIEW_TITLE = '令和8年度 市民提案型協働事業'

/**
 * The demo's proposal programme (order 60, after groups and organisation): Chigasaki's five years as
 * history; a 市民提案型 call in its 書類審査 stage with three proposals of demo groups (one of them
 * むさしの見守りネットワーク, group@demo.example's) for reviewer@demo.example to score; and a
 * 行政提案型 call of next year, open, with one decided theme.
 */
export async function proposalsDemo(env: DemoEnv) {
  const { ctx } = env
  const t = ctx.tenantId
  const fy = fiscalYearOf()
  await ctx.db.insert(proposalFunnelHistory).values(
    CHIGASAKI_HISTORY.map((h) => ({
      municipalityId: t,
      ...h,
      continued: 0,
      note: '茅ヶ崎市 市民提案型協働推進事業の実績（平成27年度〜令和元年度）',
    })),
  )
  const schedule = scheduleTemplate('shimin', fy)
  const [p] = await ctx.db
    .insert(proposalProgrammes)
    .values({
      municipalityId: t,
      title: DEMO_REVIEW_TITLE,
      fiscalYear: fy,
      type: 'shimin',
      description:
        '市民活動団体が地域の課題を解決する事業を提案し、市の担当課と2年間協働して実施します。提案の前に、担当課との意見交換会を行ってください。',
      courses: DEFAULT_COURSES,
      budgetFrame: 10_000_000,
      upperLimit: 1_000_000,
      eligibleCategories: DEFAULT_ELIGIBLE,
      ineligibleCategories: DEFAULT_INELIGIBLE,
      fundedYears: 2,
      preConsultationRequired: true,
      schedule,
      deadline: deadlineOf(schedule),
      criteria: DEFAULT_CRITERIA,
      stage: 'review',
      createdBy: env.users.coordinator,
    })
    .returning()
  await ctx.db
    .insert(proposalReviewers)
    .values({ municipalityId: t, programmeId: p.id, userId: env.users.reviewer })

  const [ownId] = await groupIdsOfUser(ctx, env.users.group)
  const own = ownId ? { groupId: ownId } : undefined
  // two other published groups, in the order of their readings
  const others = (await publishedGroups(ctx, 3)).filter((g) => g.id !== ownId).slice(0, 2)
  const dep = (n: string) => env.departments.get(n) ?? null
  const submitted = new Date(`${fy}-10-25T10:00:00+09:00`)
  const proposals = [
    {
      groupId: own?.groupId,
      courseCode: 'kyodo',
      dep: '高齢者支援課',
      title: 'ひとり暮らし高齢者の見守りサロン事業',
      purpose: 'ひとり暮らしの高齢者が気軽に集まれるサロンを地域センターで開き、孤立を防ぐ。',
      localIssue: '市内のひとり暮らし高齢者は増え続け、見守りの担い手が足りない。',
      content: '月2回のサロン、見守り訪問、民生委員・地域包括支援センターとの情報共有。',
      budget: [
        {
          year: 1 as const,
          category: '報償費',
          item: '講師謝礼',
          total: 240_000,
          city: 200_000,
          own: 40_000,
        },
        {
          year: 1 as const,
          category: '消耗品費',
          item: 'サロンの備品',
          total: 160_000,
          city: 150_000,
          own: 10_000,
        },
        {
          year: 2 as const,
          category: '報償費',
          item: '講師謝礼',
          total: 240_000,
          city: 150_000,
          own: 90_000,
        },
      ],
    },
    {
      groupId: others[0]?.id,
      courseCode: 'project',
      dep: '子ども家庭課',
      title: '放課後の学びと食の居場所づくり',
      purpose: '放課後に子どもが安心して過ごし、学び、食事ができる場所をつくる。',
      localIssue: 'ひとり親家庭や共働き家庭の子どもが放課後をひとりで過ごしている。',
      content: '週2回の学習支援と夕食会。学校・児童館と連携して参加を呼びかける。',
      budget: [
        {
          year: 1 as const,
          category: '使用料及び賃借料',
          item: '会場使用料',
          total: 300_000,
          city: 300_000,
          own: 0,
        },
        {
          year: 1 as const,
          category: '消耗品費',
          item: '食材・教材',
          total: 700_000,
          city: 500_000,
          own: 200_000,
        },
        {
          year: 2 as const,
          category: '消耗品費',
          item: '食材・教材',
          total: 700_000,
          city: 400_000,
          own: 300_000,
        },
      ],
    },
    {
      groupId: others[1]?.id,
      courseCode: 'ikusei',
      dep: '環境政策課',
      title: '川沿いの緑を守る市民調査',
      purpose: '川沿いの緑地の生きものを市民が調べ、保全の計画づくりに生かす。',
      localIssue: '緑地の減少が続いているが、どこに何がいるかの記録がない。',
      content: '年4回の市民調査会と報告会、調査結果のオープンデータ化。',
      budget: [
        {
          year: 1 as const,
          category: '印刷製本費',
          item: '調査報告書',
          total: 150_000,
          city: 120_000,
          own: 30_000,
        },
        {
          year: 2 as const,
          category: '印刷製本費',
          item: '調査報告書',
          total: 150_000,
          city: 100_000,
          own: 50_000,
        },
      ],
    },
  ].filter((x) => x.groupId)
  let order = 0
  for (const x of proposals) {
    order++
    const departmentId = dep(x.dep) ?? [...env.departments.values()][0] ?? null
    if (departmentId)
      await ctx.db.insert(proposalConsultations).values({
        municipalityId: t,
        programmeId: p.id,
        groupId: x.groupId!,
        departmentId,
        heldOn: `${fy}-09-0${order}`,
        note: '事業の目的と役割分担について意見交換した。',
        recordedBy: env.users.coordinator,
      })
    await ctx.db.insert(proposalApplications).values({
      municipalityId: t,
      programmeId: p.id,
      groupId: x.groupId!,
      courseCode: x.courseCode,
      departmentId,
      title: x.title,
      purpose: x.purpose,
      localIssue: x.localIssue,
      content: x.content,
      plan: '1年目：試行と参加者の募集。2年目：内容を見直し、自主財源での継続に向けて準備する。',
      outcomes: '参加者の孤立感の軽減、地域の担い手の増加。',
      measures: '参加者数、参加者アンケート、新しい担い手の数。',
      team: '団体、地域の事業者、市内の大学のボランティアサークル',
      roles: '団体：企画と運営。市：会場の確保、周知、関係機関との調整、事業費の負担。',
      budget: x.budget,
      status: 'eligible',
      submittedAt: submitted,
      presentationOrder: order,
      createdBy: env.users.group,
    })
  }

  // last year's call, decided: one proposal, not adopted — a case that did not come about (事例集)
  const last = fy - 1
  const lastSchedule = scheduleTemplate('shimin', last)
  const [prev] = await ctx.db
    .insert(proposalProgrammes)
    .values({
      municipalityId: t,
      title: `令和${last - 2018}年度 市民提案型協働事業`,
      fiscalYear: last,
      type: 'shimin',
      description: '市民活動団体が地域の課題を解決する事業を提案し、市の担当課と2年間協働して実施します。',
      courses: DEFAULT_COURSES,
      budgetFrame: 10_000_000,
      upperLimit: 1_000_000,
      eligibleCategories: DEFAULT_ELIGIBLE,
      ineligibleCategories: DEFAULT_INELIGIBLE,
      fundedYears: 2,
      preConsultationRequired: true,
      schedule: lastSchedule,
      deadline: deadlineOf(lastSchedule),
      criteria: DEFAULT_CRITERIA,
      stage: 'decided',
      resultsPublished: true,
      reviewSummary:
        '提案は1件でした。地域の交流の場をつくる意義は認められましたが、事業費の大半が店舗の賃借料で支援期間の後に続ける見通しが示されず、市と協働する必要性の説明も不足していたため、採択を見送りました。',
      createdBy: env.users.coordinator,
    })
    .returning()
  const lastGroup = others[1] ?? others[0]
  const lastDep = dep('市民協働推進課') ?? [...env.departments.values()][0] ?? null
  if (lastGroup && lastDep) {
    await ctx.db.insert(proposalConsultations).values({
      municipalityId: t,
      programmeId: prev.id,
      groupId: lastGroup.id,
      departmentId: lastDep,
      heldOn: `${last}-09-10`,
      note: '交流カフェの運営と市の役割について意見交換した。',
      recordedBy: env.users.coordinator,
    })
    await ctx.db.insert(proposalApplications).values({
      municipalityId: t,
      programmeId: prev.id,
      groupId: lastGroup.id,
      courseCode: 'kyodo',
      departmentId: lastDep,
      title: '商店街の空き店舗を使った多世代交流カフェ',
      purpose: '子どもから高齢者までが気軽に立ち寄れる交流の場を商店街につくる。',
      localIssue: '商店街の空き店舗が増え、地域の人が顔を合わせる場所が減っている。',
      content: '週3回の交流カフェ、月1回の多世代イベント。',
      plan: '1年目：カフェの試行。2年目：商店会との共同運営。',
      outcomes: '来店者数、交流イベントの参加者数。',
      measures: '来店者数の記録、参加者アンケート。',
      team: '団体、商店会',
      roles: '団体：カフェの運営。市：周知、商店会との調整。',
      budget: [
        {
          year: 1,
          category: '使用料及び賃借料',
          item: '店舗の賃借料',
          total: 600_000,
          city: 500_000,
          own: 100_000,
        },
        {
          year: 2,
          category: '使用料及び賃借料',
          item: '店舗の賃借料',
          total: 600_000,
          city: 400_000,
          own: 200_000,
        },
      ],
      status: 'rejected',
      eligibilityNote: '対象経費と上限額を確認した。',
      decisionReason:
        '交流の場をつくる意義は認められるが、事業費の大半が店舗の賃借料で、2年間の支援の後に団体が自ら続ける見通しが示されていない。市と協働して取り組む必要性の説明も不足していた。',
      decidedAt: new Date(`${last}-12-25T10:00:00+09:00`),
      submittedAt: new Date(`${last}-10-24T10:00:00+09:00`),
    })
  }

  const next = fy + 1
  const nextSchedule = scheduleTemplate('gyosei', next)
  const [g] = await ctx.db
    .insert(proposalProgrammes)
    .values({
      municipalityId: t,
      title: `令和${next - 2018}年度 行政提案型協働事業`,
      fiscalYear: next,
      type: 'gyosei',
      description: '市の課が示すテーマについて、団体から事業の提案を募集します。',
      courses: DEFAULT_COURSES.filter((c) => c.code === 'kyodo' || c.code === 'project'),
      budgetFrame: 10_000_000,
      upperLimit: 1_000_000,
      eligibleCategories: DEFAULT_ELIGIBLE,
      ineligibleCategories: DEFAULT_INELIGIBLE,
      fundedYears: 2,
      preConsultationRequired: true,
      schedule: nextSchedule,
      deadline: deadlineOf(nextSchedule),
      criteria: DEFAULT_CRITERIA,
      stage: 'open',
      createdBy: env.users.coordinator,
    })
    .returning()
  const elderly = dep('高齢者支援課')
  if (elderly)
    await ctx.db.insert(proposalThemes).values({
      municipalityId: t,
      programmeId: g.id,
      departmentId: elderly,
      title: '認知症の人と家族が立ち寄れる地域の居場所',
      description: '認知症の人と家族が気軽に立ち寄り、相談できる場所を地域に増やしたい。',
      upperLimit: 800_000,
      status: 'decided',
      hearingNote: '課の事業計画と合致。会場は地域センターを想定。',
      decisionNote: '庁議でテーマとして決定。',
      proposedBy: env.users.staff,
    })
}
