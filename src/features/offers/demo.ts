import { randomUUID } from 'node:crypto'
import type { DemoEnv } from '../../core/demo.ts'
import { normalizeForSearch, ymdInTokyo } from '../../core/japanese/index.ts'
import { menuItems, offerAreas, offers } from './schema.ts'
import { getGroups, publishedGroups } from '../groups/index.ts'

const _day = (offset: number) => ymdInTokyo(new Date(Date.now() + offset * 86_400_000))

const MENU = [
  {
    kind: 'facility',
    title: '市民会館・コミュニティセンターの会議室の利用',
    dep: '市民協働推進課',
    conditions: '登録団体の公益的な活動であること。',
    howToApply: '各施設の窓口で利用日の3か月前から予約できます。',
  },
  {
    kind: 'sponsorship',
    title: '後援名義の使用（市の後援）',
    dep: '市民協働推進課',
    conditions: '営利・政治・宗教を目的としない事業。',
    howToApply: '開催の30日前までに後援名義使用申請書を提出してください。',
  },
  {
    kind: 'publicity',
    title: '市報・市ホームページでのイベント告知',
    dep: '広報課',
    conditions: '市の後援・共催事業、または登録団体の公益的なイベント。',
    howToApply: '掲載希望号の発行2か月前までに広報課へ申し込んでください。',
  },
  {
    kind: 'subsidy',
    title: '市民活動促進補助金',
    dep: '市民協働推進課',
    conditions: '設立1年以上の登録団体。対象経費の2分の1以内、上限30万円。',
    howToApply: '毎年4月に募集します。事業計画書と収支予算書を提出してください。',
  },
  {
    kind: 'consultation',
    title: '担当課との協働相談（コーディネート）',
    dep: '市民協働推進課',
    conditions: 'どなたでも。どの課に相談すればよいか分からないときもご相談ください。',
    howToApply: '窓口・電話・このサイトの「相談する」から。',
  },
]

/** The 協働メニュー and offers of published groups (demo order 31). */
export async function offersDemo(env: DemoEnv) {
  const { ctx } = env
  await ctx.db.insert(menuItems).values(
    MENU.map((m, i) => ({
      municipalityId: ctx.tenantId,
      kind: m.kind,
      title: m.title,
      description: '',
      departmentId: env.departments.get(m.dep) ?? null,
      conditions: m.conditions,
      howToApply: m.howToApply,
      sortOrder: i,
    })),
  )

  // Offers from published groups
  const groups = await publishedGroups(ctx, env.size === 'small' ? 40 : 400)
  const full = await getGroups(
    ctx,
    groups.map((g) => g.id),
  )
  // One offer each from groups that say what they want to do with the city: the wish is the
  // title (「…を市と進めたい」), the activities and expertise the body.
  const rows = full
    .filter((g) => g.wantsToDo)
    .slice(0, env.size === 'small' ? 4 : 16)
    .map((g) => ({
      id: randomUUID(),
      areaIds: g.areaIds,
      municipalityId: ctx.tenantId,
      groupId: g.id,
      title: offerTitle(g),
      body: [g.activities, g.expertise ? `得意なこと：${g.expertise}` : '', g.purpose]
        .filter(Boolean)
        .join('\n'),
      fields: g.fields,
      citywide: g.citywide,
      forms: ['cooperation', 'co_host'],
      resources: g.resources.length ? g.resources : ['people'],
      timing: '通年',
      status: 'published',
      searchText: normalizeForSearch(`${g.name} ${g.wantsToDo} ${g.activities}`),
    }))
  if (rows.length) await ctx.db.insert(offers).values(rows.map(({ areaIds: _, ...o }) => o))
  const links = rows.flatMap((o) =>
    o.areaIds.map((areaId) => ({ municipalityId: ctx.tenantId, offerId: o.id, areaId })),
  )
  if (links.length) await ctx.db.insert(offerAreas).values(links)
}

/** An offer's title from the group's wish: a sentence of its own, never 「…たいで協働したい」. */
export function offerTitle(g: { wantsToDo: string; activities: string }) {
  const wish = g.wantsToDo.replace(/[。．\s]+$/, '')
  if (wish) return wish.length <= 60 ? wish : `${wish.slice(0, 59)}…`
  const first = g.activities.replace(/^主に[^、]+で、/, '').split(/[、。]/)[0]
  return `${first || '地域の活動'}の経験を市の事業に生かせます`
}
