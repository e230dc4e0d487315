import { groupMembers, groups } from './schema.ts'
import type { DemoEnv } from '../../demo/index.ts'
import { normalizeForSearch } from '../../core/japanese/index.ts'

/** Demo groups. The group feature grows this into several hundred realistic groups. */
export async function groupsDemo(env: DemoEnv) {
  const { ctx } = env
  const name = 'むさしの見守りネットワーク'
  const [g] = await ctx.db
    .insert(groups)
    .values({
      municipalityId: ctx.tenantId,
      name,
      nameKana: 'ムサシノミマモリネットワーク',
      actorKind: 'civic',
      legalForm: 'npo',
      fields: ['health_welfare', 'community'],
      areaIds: env.areas.slice(0, 3).map((a) => a.id),
      purpose: '一人暮らしの高齢者が地域で安心して暮らせるよう、住民同士の見守りと居場所づくりを進める。',
      activities: '高齢者見守り活動、ふれあいサロンの運営、買い物支援',
      wantsCollaboration: true,
      status: 'published',
      approvedAt: new Date(),
      searchText: normalizeForSearch(`${name} ムサシノミマモリネットワーク 高齢者見守り活動`),
    })
    .returning()
  await ctx.db
    .insert(groupMembers)
    .values({ municipalityId: ctx.tenantId, groupId: g.id, userId: env.users.group, role: 'owner' })
}
