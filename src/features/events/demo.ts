import { randomToken, sha256 } from '../../core/auth/crypto.ts'
import type { DemoEnv } from '../../core/demo.ts'
import { insertLinks } from '../../core/db/links.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { publishedGroups } from '../groups/index.ts'
import { organiserDepartmentLinks, organiserGroupLinks } from './columns.ts'
import { jstMoment } from './domain.ts'
import { eventApplications, eventCalls, eventRegistrations, events } from './schema.ts'

/** A day `offset` days from today in Japan at hh:mm. */
const at = (offset: number, hm: string) =>
  jstMoment(ymdInTokyo(new Date(Date.now() + offset * 86_400_000)), hm)

/**
 * Three events of the demo city (demo order 40, after groups and needs): a 分野別発表会＆交流会 on
 * 見守り organised by 高齢者支援課 with a group, nearly full with one person waiting; a 説明会 of the
 * 協働事業提案制度; a 職員研修 only city staff see; and a past 交流会 with its record.
 */
export async function eventsDemo(env: DemoEnv) {
  const { ctx } = env
  const dep = (n: string) => env.departments.get(n)
  const groups = await publishedGroups(ctx, 50)
  // a partner group that is not the demo login's own (so group@demo.example is "another group")
  const partner = groups.find((g) => g.name !== 'むさしの見守りネットワーク')
  const area = (n: string) => env.areas.find((a) => a.name === n)?.id ?? null
  const base = {
    municipalityId: ctx.tenantId,
    createdBy: env.users.coordinator,
    contactName: '市民協働推進課',
    contactPhone: '0422601800',
    contactEmail: 'kyodo@demo.example',
  }
  const seeds: (typeof events.$inferInsert & {
    organiserDepartmentIds: string[]
    organiserGroupIds?: string[]
  })[] = [
    {
      ...base,
      kind: 'presentation',
      title: '分野別発表会＆交流会「地域の見守りと居場所づくり」',
      titleKana: 'ブンヤベツハッピョウカイアンドコウリュウカイ「チイキノミマモリトイバショヅクリ」',
      description:
        '見守り活動やサロンを続けている団体と、高齢者支援課が取り組みを発表し、後半はテーブルに分かれて交流します。「顔の見える関係」をつくり、課題を一緒に考える場です。',
      theme: '高齢者の見守りと居場所づくり',
      fields: ['health_welfare', 'community'],
      startsAt: at(21, '13:30'),
      endsAt: at(21, '16:00'),
      placeName: '市民会館 第1会議室',
      placeAddress: '東京都武蔵野市緑町二丁目2番28号',
      areaId: area('緑町'),
      placeAccess: 'JR三鷹駅北口からバス「市役所前」下車 徒歩3分',
      placeAccessibility: '車いす可、多目的トイレあり。手話通訳・要約筆記は申込時にお知らせください。',
      capacity: 10,
      audience: '市内で活動する団体、関心のある市民・職員',
      fee: '無料',
      organiserDepartmentIds: [dep('高齢者支援課')].filter(Boolean) as string[],
      organiserGroupIds: partner ? [partner.id] : [],
      registrationDeadline: at(14, '17:00'),
      status: 'open',
    },
    {
      ...base,
      kind: 'briefing',
      title: '協働事業提案制度 説明会',
      titleKana: 'キョウドウジギョウテイアンセイド セツメイカイ',
      description:
        '来年度の協働事業提案制度の流れ、提案書の書き方、審査の進め方を説明します。オンラインでも参加できます。',
      theme: '協働事業提案制度',
      fields: ['intermediary'],
      startsAt: at(35, '18:30'),
      endsAt: at(35, '20:00'),
      online: true,
      onlineUrl: 'https://meet.example.jp/kyodo-briefing',
      capacity: 100,
      audience: '提案を考えている団体・事業者',
      fee: '無料',
      organiserDepartmentIds: [dep('市民協働推進課')].filter(Boolean) as string[],
      status: 'open',
    },
    {
      ...base,
      kind: 'staff_training',
      title: '職員研修「協働の進め方と市民活動団体との対話」',
      titleKana: 'ショクインケンシュウ「キョウドウノススメカタトシミンカツドウダンタイトノタイワ」',
      description: '各課の協働担当職員向けの研修です。協働のてびきの使い方と、協働ニーズの書き方を学びます。',
      fields: ['intermediary'],
      startsAt: at(28, '10:00'),
      endsAt: at(28, '12:00'),
      placeName: '市役所 西棟 研修室',
      placeAddress: '東京都武蔵野市緑町二丁目2番28号',
      areaId: area('緑町'),
      capacity: 40,
      audience: '市職員（各課の協働担当）',
      organiserDepartmentIds: [dep('人事課'), dep('市民協働推進課')].filter(Boolean) as string[],
      status: 'open',
    },
    {
      ...base,
      kind: 'social',
      title: '市民活動団体 交流会（春）',
      titleKana: 'シミンカツドウダンタイ コウリュウカイ（ハル）',
      description: '分野をこえて団体どうしが知り合う交流会です。',
      fields: ['intermediary', 'community'],
      startsAt: at(-30, '14:00'),
      endsAt: at(-30, '16:00'),
      placeName: '市民活動センター',
      placeAddress: '東京都武蔵野市中町一丁目',
      areaId: area('中町'),
      capacity: 30,
      fee: '無料',
      organiserDepartmentIds: [dep('市民協働推進課')].filter(Boolean) as string[],
      status: 'held',
      record:
        '18団体・32名が参加しました。子育て・見守り・防災の3つのテーブルで活動を紹介し合い、防災の団体と子ども食堂の団体が合同で訓練を企画することになりました。',
      recordPublishedAt: at(-28, '10:00'),
    },
  ]
  const rows = await ctx.db
    .insert(events)
    .values(seeds.map(({ organiserDepartmentIds: _d, organiserGroupIds: _g, ...e }) => e))
    .returning()
  // 主催・共催 go to the join tables (rows come back in the order inserted)
  await insertLinks(
    ctx.db,
    ctx,
    organiserDepartmentLinks,
    rows.map((e, i) => [e.id, seeds[i].organiserDepartmentIds] as const),
  )
  await insertLinks(
    ctx.db,
    ctx,
    organiserGroupLinks,
    rows.map((e, i) => [e.id, seeds[i].organiserGroupIds ?? []] as const),
  )
  const [presentation, , , past] = rows

  const people = [
    ['山田 花子', 'hanako.yamada@demo.example', 2, '車いすで参加します', ''],
    ['佐藤 一郎', 'ichiro.sato@demo.example', 1, '', '駐車場はありますか'],
    ['鈴木 美咲', 'misaki.suzuki@demo.example', 3, '', ''],
    ['高橋 健', 'ken.takahashi@demo.example', 2, '', ''],
    ['田中 直子', 'naoko.tanaka@demo.example', 1, '手話通訳を希望します', ''],
    ['伊藤 誠', 'makoto.ito@demo.example', 2, '', ''],
  ] as const
  // 9 of 10 seats taken; the last person (2) is on the waiting list
  await ctx.db.insert(eventRegistrations).values(
    people.map(([name, email, n, needs, question], i) => ({
      municipalityId: ctx.tenantId,
      eventId: presentation.id,
      name,
      email,
      people: n,
      accessibilityNeeds: needs,
      question,
      status: i === people.length - 1 ? 'waitlisted' : 'registered',
      cancelTokenHash: sha256(randomToken()),
      createdAt: new Date(Date.now() - (people.length - i) * 3_600_000),
    })),
  )
  await ctx.db.insert(eventRegistrations).values(
    ['渡辺 愛', '中村 大輔', '小林 さくら'].map((name, i) => ({
      municipalityId: ctx.tenantId,
      eventId: past.id,
      name,
      email: `past${i}@demo.example`,
      people: 1,
      status: 'registered',
      attended: i !== 2,
      cancelTokenHash: sha256(randomToken()),
    })),
  )
  // 発表者の募集 for the 分野別発表会: open for ten more days; one group and the organising department applied
  const [call] = await ctx.db
    .insert(eventCalls)
    .values({
      municipalityId: ctx.tenantId,
      eventId: presentation.id,
      theme: '高齢者の見守りと居場所づくり',
      message:
        '見守り・サロン・配食など、高齢者の孤立を防ぐ活動を10分で発表してくださる団体を募集します。市の課からは、地域の課題を説明していただきます。',
      deadline: at(10, '23:59'),
      status: 'open',
      createdBy: env.users.coordinator,
    })
    .returning()
  const apps = [
    partner && {
      kind: 'group',
      groupId: partner.id,
      title: `${partner.name}の活動紹介`,
      summary: '活動の始まりと、続けるための工夫、いま困っていることをお話しします。',
      minutes: 10,
    },
    dep('高齢者支援課') && {
      kind: 'department',
      departmentId: dep('高齢者支援課'),
      title: '高齢者の見守りの現状と課題',
      summary: '地域包括支援センターに寄せられる相談から、見守りの担い手が足りない地区を説明します。',
      minutes: 15,
      applicantUserId: env.users.staff,
    },
  ].filter(Boolean) as { kind: string; title: string; summary: string; minutes: number }[]
  if (apps.length)
    await ctx.db
      .insert(eventApplications)
      .values(
        apps.map((a) => ({ municipalityId: ctx.tenantId, eventId: presentation.id, callId: call.id, ...a })),
      )
}
