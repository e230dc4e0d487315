import { and, eq } from 'drizzle-orm'
import type { Feature } from '../../core/feature.ts'
import { can } from '../../core/policy.ts'
import { groupsAccess } from './access.table.ts'
import { groupsApi } from './api.ts'
import { groupsDemo } from './demo.ts'
import { groupsHomeItems } from './home.ts'
import { groupMemberRole, groupMemberships, groupRolesOf } from './membership.ts'
import { rules } from './policy.ts'
import { groupsRoutes } from './routes.tsx'
import * as tables from './schema.ts'
import { warmGroupIndexes } from './search-index.ts'
import { runRenewalJob } from './service.ts'

/** The group registry and public directory (団体データベース). */
export const groupsFeature: Feature = {
  name: 'groups',
  title: '団体データベース',
  routes: groupsRoutes,
  api: groupsApi,
  warm: warmGroupIndexes,
  tables,
  policy: rules,
  memberships: [groupMemberships],
  roles: [groupMemberRole],
  invitations: [
    {
      role: 'group_member',
      label: '団体メンバー',
      async grant(ctx, userId, p) {
        const groupId = String(p.groupId ?? '')
        if (!groupId) return
        const [g] = await ctx.db
          .select({ id: tables.groups.id })
          .from(tables.groups)
          .where(and(eq(tables.groups.id, groupId), eq(tables.groups.municipalityId, ctx.tenantId)))
        if (!g) return
        await ctx.db
          .insert(tables.groupMembers)
          .values({
            municipalityId: ctx.tenantId,
            groupId,
            userId,
            role: p.groupRole === 'owner' ? 'owner' : 'editor',
          })
          .onConflictDoNothing()
      },
    },
  ],
  // the web import runs as a job that outlives the request (core/import/jobs.ts); the API import
  // may stream its progress after the handler returns. Both keep one transaction of their own.
  ownTransactions: ['POST /groups/import', 'POST /api/v1/groups/import'],
  jobs: [
    {
      /** 年度更新: remind groups not yet renewed for this fiscal year; after the grace period mark them inactive. */
      name: 'groups.renewal',
      everyMinutes: 24 * 60,
      async run(ctx) {
        const r = await runRenewalJob(ctx)
        return `${r.fiscalYear}年度: reminded ${r.reminded}, inactive ${r.deactivated}`
      },
    },
  ],
  demo: { order: 20, seed: groupsDemo },
  access: groupsAccess,
  nav: [
    {
      place: 'work',
      key: 'review',
      href: '/coordinator/groups',
      label: '団体の審査',
      order: 40,
      visible: (a) => can(a, 'group.review'),
    },
    {
      place: 'main',
      key: 'my-groups',
      href: '/my/groups',
      label: '所属団体',
      order: 60,
      visible: (a) => !!a && Object.keys(groupRolesOf(a)).length > 0,
    },
    {
      place: 'admin',
      key: 'review',
      href: '/coordinator/groups',
      label: '団体登録の審査・年度更新',
      order: 10,
      description: '申請された団体の登録を審査し、差し戻し・公開します。年度更新もここから。',
      visible: (a) => can(a, 'group.review'),
    },
    {
      place: 'admin',
      key: 'import',
      href: '/groups/import',
      label: '団体をCSVから取り込む',
      order: 20,
      description: '既存の団体名簿（CSV）を取り込みます。',
      visible: (a) => can(a, 'group.import'),
    },
    {
      place: 'admin',
      key: 'conditions',
      href: '/groups/conditions',
      label: '団体登録の条件',
      order: 30,
      description: '団体が登録のときに確認する条件を編集します。',
      visible: (a) => can(a, 'group.conditions'),
    },
    {
      place: 'main',
      key: 'groups',
      href: '/groups',
      label: '団体をさがす',
      order: 10,
      description: '市内で活動する市民活動団体・地域組織・事業者を、分野や地区、キーワードで探せます。',
    },
  ],
  home: [
    { order: 11, items: groupsHomeItems },
    {
      order: 10,
      links: (a) =>
        Object.keys(groupRolesOf(a)).length
          ? [{ href: '/my/groups', label: '所属団体の管理' }]
          : [{ href: '/groups/new', label: '団体を登録する' }],
    },
  ],
}
