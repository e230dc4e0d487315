import { sql } from 'drizzle-orm'
import type { Actor } from '../../core/actor.ts'
import type { Ctx } from '../../core/context.ts'
import { rows } from '../../core/db/index.ts'
import type { DemoEnv } from '../../core/demo.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { publishedGroups } from '../groups/index.ts'
import { addMonths, fiscalYearOfYmd } from './domain.ts'
import {
  addEvaluation,
  addReport,
  addRole,
  createProjectRecord,
  getProject,
  projectRow,
  recordAgreement,
  publishCase,
  recordFollowup,
  saveChecklist,
  setStatus,
} from './service.ts'

const today = () => ymdInTokyo(new Date())

/** Move a demo project along its life up to `to` (each step as the coordinator would). */
async function moveTo(ctx: Ctx, id: string, path: string[]) {
  for (const s of path) {
    const p = (await projectRow(ctx, id))!
    await setStatus(ctx, p, s)
  }
}

/**
 * Projects in every state (the agreed pairings of the matching demo are 準備中): two of
 * Chigasaki's cases from the seeds with their role-sharing and amounts (completed and followed
 * up; one stopped), one running with the demo group as a partner (reports, a year-end
 * evaluation), one just ended with its follow-ups due, and one internal record.
 */
export async function projectsDemo(env: DemoEnv) {
  const dep = (name: string) => env.departments.get(name)!
  const coordinator: Actor = {
    userId: env.users.coordinator,
    email: 'coordinator@demo.example',
    name: '協働 太郎',
    isAdmin: false,
    isCoordinator: true,
    isReviewer: false,
    via: 'session',
    memberships: { departments: [dep('市民協働推進課')], groups: {} },
  }
  const ctx: Ctx = { ...env.ctx, actor: coordinator }
  const groups = await publishedGroups(ctx, 20)
  // the group the demo login group@demo.example belongs to (a partner of the running project)
  const [own] = await rows<{ group_id: string }>(
    ctx.db,
    sql`SELECT group_id FROM group_members WHERE municipality_id = ${ctx.tenantId} AND user_id = ${env.users.group} LIMIT 1`,
  )
  const base = {
    cityContact: '担当：係長（内線 2345）',
    partnerContact: '代表者の携帯電話（協定書の連絡先欄による）',
    internal: false,
  }

  // 1. 茅ヶ崎市の事例（行政提案型協働推進事業、平成26年度）: completed, continued by the group
  const cat = await createProjectRecord(ctx, {
    ...base,
    title: '飼い主のいない猫の不妊去勢手術及び猫の適正管理普及啓発事業',
    form: 'commission',
    origin: 'proposal',
    departmentId: dep('環境政策課'),
    startOn: '2014-04-01',
    endOn: '2015-03-31',
    purpose:
      '野良猫の不妊去勢手術を実施することにより、殺処分数の減少を図る。また、野良猫への無責任な給餌を行う住民に対して、糞尿の処理や適切な餌やり等の猫の適正管理に関する指導を行うことにより、生活環境被害の軽減を図る。',
    goals: [
      { name: '不妊去勢手術の頭数', unit: '頭', target: 150 },
      { name: '適正管理の説明会', unit: '回', target: 10 },
    ],
    partners: [
      {
        kind: 'other',
        name: 'Chigasaki Cat’s Protect',
        role: '猫の生態に関する専門知識とTNR活動の経験を生かした手術と指導',
      },
    ],
    budgets: [
      { fiscalYear: 2014, total: 1_732_180, cityShare: 1_694_000, groupShare: 38_180, otherIncome: 0 },
    ],
  })
  const catFull = (await getProject(ctx, cat.id))!
  for (const [task, who] of [
    ['猫の生態に関する専門知識', 'group'],
    ['TNR活動の経験', 'group'],
    ['動物病院との連絡調整', 'group'],
    ['住民からの苦情等に基づく的確な状況把握', 'city'],
    ['地域住民への調整・説明', 'city'],
    ['事業費の負担', 'city'],
    ['保護した猫の譲渡会', 'joint'],
  ] as const)
    await addRole(ctx, cat, { task, who })
  await recordAgreement(ctx, (await getProject(ctx, catFull.id))!, '2014-03-20')
  await moveTo(ctx, cat.id, ['running'])
  await addReport(ctx, cat, {
    side: 'group',
    periodStart: '2014-04-01',
    periodEnd: '2014-09-30',
    activities: '市内3地区で捕獲・手術・地域へ戻す活動（TNR）を行い、自治会と説明会を開いた。',
    numbers: [
      { name: '不妊去勢手術の頭数', unit: '頭', value: 84 },
      { name: '適正管理の説明会', unit: '回', value: 5 },
    ],
  })
  await addReport(ctx, cat, {
    side: 'city',
    periodStart: '2014-10-01',
    periodEnd: '2015-03-31',
    activities: '苦情の多い地区を団体と共有し、住民への説明を担当課が行った。保護した猫の譲渡会も開いた。',
    numbers: [
      { name: '不妊去勢手術の頭数', unit: '頭', value: 162 },
      { name: '適正管理の説明会', unit: '回', value: 11 },
    ],
  })
  for (const side of ['group', 'city'] as const)
    await addEvaluation(ctx, cat, {
      side,
      kind: 'final',
      fiscalYear: null,
      outcome: 'effective',
      achievement:
        side === 'group'
          ? '手術の頭数は目標を上回った。'
          : '苦情件数が前年より減り、目的はおおむね達成した。',
      groupBenefit: '活動が地域に知られ、協力してくれる動物病院が増えた。',
      cityBenefit: '専門知識を持つ団体と組むことで、市だけではできない細かな対応ができた。',
      issues: '市の負担がなくなった後の手術費用をどう賄うか。',
    })
  await addEvaluation(ctx, cat, {
    side: 'coordinator',
    kind: 'final',
    fiscalYear: null,
    comment: '役割分担が明確で、双方の強みが生きた事例。終了後の資金づくりを一緒に考えたい。',
  })
  await moveTo(ctx, cat.id, ['ended'])
  for (const [i, f] of (await getProject(ctx, cat.id))!.followups.entries())
    await recordFollowup(ctx, (await projectRow(ctx, cat.id))!, f.id, {
      continuation: i < 2 ? 'continued' : 'budget_reduced',
      carrier: 'group',
      stopReason: '',
      note: i < 2 ? '寄付と会費で手術を続けている。' : '手術の頭数を減らして続けている。',
    })
  await moveTo(ctx, cat.id, ['completed'])
  await publishCase(ctx, (await projectRow(ctx, cat.id))!, {
    caseIssue: '野良猫の糞尿や無責任な給餌への苦情が多く、殺処分される猫も減らなかった。',
    caseOutcome:
      '不妊去勢手術162頭、説明会11回。苦情は前年より減り、終了後も団体が寄付と会費で手術を続けている。',
    caseLessons:
      '専門知識と経験は団体、苦情の把握と住民への説明・事業費は市と、役割をはっきり分けたことが生きた。市の負担が終わった後の資金づくりを、実施中から一緒に考えておくとよい。',
    caseFields: ['environment'],
  })

  // 2. 茅ヶ崎市の事例（市民提案型、平成28・29年度）: two years, followed up, stopped at 24 months
  const art = await createProjectRecord(ctx, {
    ...base,
    title: '美術「みるっこ」プログラム事業',
    form: 'commission',
    origin: 'proposal',
    departmentId: dep('生涯学習スポーツ課'),
    startOn: '2016-04-01',
    endOn: '2018-03-31',
    purpose:
      '美術に触れる機会が少ない子どもを対象として、幼稚園や保育園で「鑑賞出張講座」を実施し、美術館の作品を鑑賞する「家族鑑賞会」を開催する。',
    goals: [{ name: '出張講座の参加者', unit: '人', target: 600 }],
    partners: [
      { kind: 'other', name: 'NPO法人赤ちゃんからのアートフレンドシップ協会', role: '講座の企画と実施' },
    ],
    budgets: [
      { fiscalYear: 2016, total: 1_187_000, cityShare: 1_187_000, groupShare: 0, otherIncome: 0 },
      { fiscalYear: 2017, total: 1_180_000, cityShare: 1_180_000, groupShare: 0, otherIncome: 0 },
    ],
  })
  for (const [task, who] of [
    ['美術・鑑賞指導に関する専門知識', 'group'],
    ['「触れる作品」の制作', 'group'],
    ['鑑賞手ほどき用の冊子の制作', 'group'],
    ['出張講座の実施', 'group'],
    ['幼稚園・保育園との調整', 'city'],
    ['美術館の会場の確保', 'city'],
  ] as const)
    await addRole(ctx, art, { task, who })
  await moveTo(ctx, art.id, ['running', 'ended'])
  const artF = (await getProject(ctx, art.id))!.followups
  const answers = [
    { continuation: 'scaled_down', carrier: 'group', stopReason: '' },
    { continuation: 'scaled_down', carrier: 'other_funder', stopReason: '' },
    {
      continuation: 'stopped',
      carrier: undefined,
      stopReason: '市の委託が終わり、講師の謝金を賄えなくなった。',
    },
  ]
  for (const [i, a] of answers.entries())
    await recordFollowup(ctx, (await projectRow(ctx, art.id))!, artF[i].id, { ...a, note: '' })
  await publishCase(ctx, (await projectRow(ctx, art.id))!, {
    caseIssue: '美術に触れる機会が少ない幼い子どもと家族に、美術館の作品を身近に感じてもらいたい。',
    caseOutcome:
      '幼稚園・保育園での鑑賞出張講座と家族鑑賞会を2年間実施。委託の終了後は規模を縮めて続けたが、3年目に終了した。',
    caseLessons:
      '委託料がすべて市の負担だったため、終了後の講師謝金を賄えなかった。2年目から団体負担やその他収入を少しずつ組み込む計画にするとよい。',
    caseFields: ['culture_sports', 'children'],
  })

  // 3. running, with the demo group (and a business and a 自治会) as partners
  const start = addMonths(today(), -10)
  const fy = fiscalYearOfYmd(start)
  const groupIds = [own?.group_id ?? groups[0]?.id].filter(Boolean) as string[]
  const run = await createProjectRecord(ctx, {
    ...base,
    title: '高齢者の見守りと居場所づくり協働事業',
    form: 'cooperation',
    origin: 'consultation',
    departmentId: dep('高齢者支援課'),
    startOn: start,
    endOn: addMonths(start, 24),
    purpose:
      '一人暮らしの高齢者が地域で孤立しないよう、見守りの訪問と週1回の居場所（サロン）を団体・事業者・自治会と市が一緒に運営する。',
    goals: [
      { name: 'サロンの参加者（延べ）', unit: '人', target: 1200 },
      { name: '見守り訪問', unit: '件', target: 300 },
    ],
    groupIds,
    partners: [
      ...groupIds.map((g) => ({ kind: 'group', groupId: g, role: 'サロンの運営と見守り訪問' })),
      { kind: 'business', name: '武蔵野ふれあい商店会', role: '会場の提供と買い物支援' },
      { kind: 'neighbourhood', name: '境南町自治会', role: '見守りが必要な方の情報共有' },
    ],
    budgets: [
      { fiscalYear: fy, total: 800_000, cityShare: 500_000, groupShare: 200_000, otherIncome: 100_000 },
      { fiscalYear: fy + 1, total: 800_000, cityShare: 450_000, groupShare: 250_000, otherIncome: 100_000 },
    ],
  })
  for (const [task, who] of [
    ['サロンの企画と運営', 'group'],
    ['見守り訪問', 'group'],
    ['地域包括支援センターとの連絡調整', 'city'],
    ['広報・チラシの配布', 'joint'],
  ] as const)
    await addRole(ctx, run, { task, who })
  await recordAgreement(ctx, (await getProject(ctx, run.id))!, start)
  await moveTo(ctx, run.id, ['running'])
  await addReport(ctx, run, {
    side: 'group',
    periodStart: start,
    periodEnd: addMonths(start, 6),
    activities: 'サロンを毎週木曜日に開き、見守り訪問を始めた。商店会の空き店舗を会場にしている。',
    numbers: [
      { name: 'サロンの参加者（延べ）', unit: '人', value: 340 },
      { name: '見守り訪問', unit: '件', value: 96 },
    ],
  })
  for (const side of ['group', 'city'] as const)
    await addEvaluation(ctx, run, {
      side,
      kind: 'year_end',
      fiscalYear: fy,
      outcome: side === 'group' ? 'effective' : 'undecided',
      achievement:
        side === 'group'
          ? '参加者が毎回20人を超え、目標に近づいている。'
          : '見守り訪問の件数は目標の3割にとどまる。',
      groupBenefit: '新しいボランティアが5人加わった。',
      cityBenefit: '市だけでは届かなかった方の様子がわかるようになった。',
      issues: '訪問の担い手を増やすこと。',
    })

  // both sides' PDCA self-check of the plan: they differ on the cost item
  await saveChecklist(ctx, run, {
    side: 'group',
    stage: 'plan',
    answers: ['yes', 'yes', 'yes', 'partly', 'yes', 'no'],
  })
  await saveChecklist(ctx, run, {
    side: 'city',
    stage: 'plan',
    answers: ['yes', 'yes', 'yes', 'yes', 'yes', 'no'],
  })
  await saveChecklist(ctx, run, {
    side: 'group',
    stage: 'do',
    answers: ['yes', 'yes', 'partly', 'yes', 'yes', 'yes'],
  })

  // 4. ended two months ago: its follow-ups are scheduled, none recorded yet
  const endStart = addMonths(today(), -14)
  const ended = await createProjectRecord(ctx, {
    ...base,
    title: '子ども食堂の立ち上げ支援事業',
    form: 'subsidy',
    origin: 'pairing',
    departmentId: dep('子ども家庭課'),
    startOn: endStart,
    endOn: addMonths(endStart, 12),
    purpose: '地域で子ども食堂を始める団体に、立ち上げの費用と衛生管理の研修を補助する。',
    goals: [{ name: '開設した子ども食堂', unit: 'か所', target: 3 }],
    groupIds: groups.slice(1, 2).map((g) => g.id),
    budgets: [
      {
        fiscalYear: fiscalYearOfYmd(endStart),
        total: 600_000,
        cityShare: 400_000,
        groupShare: 150_000,
        otherIncome: 50_000,
      },
    ],
  })
  await moveTo(ctx, ended.id, ['running', 'ended'])

  // 5. internal: a record for the city hall only
  await createProjectRecord(ctx, {
    ...base,
    internal: true,
    title: '災害時の避難所運営訓練（庁内検討）',
    form: 'planning',
    origin: 'existing',
    departmentId: dep('防災課'),
    startOn: addMonths(today(), -2),
    endOn: addMonths(today(), 10),
    purpose: '避難所の運営を地域と一緒に担う仕組みを、庁内で検討する段階の記録。',
    goals: [],
    groupIds: groups.slice(2, 3).map((g) => g.id),
  }).then((p) => moveTo(ctx, p.id, ['running']))
}
