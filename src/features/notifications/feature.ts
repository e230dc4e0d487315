import type { Feature } from '../../core/feature.ts'
import { sendDigests } from './digest.ts'
import { notificationsAccess } from './access.table.ts'
import { unreadCount, unreadCountSql } from './home.ts'
import { rules } from './policy.ts'
import { notificationsRoutes } from './routes.tsx'
import * as tables from './schema.ts'

/** In-app notifications and mail digests: a service every room uses, its page and the digest job. */
export const notificationsFeature: Feature = {
  name: 'notifications',
  title: 'お知らせ',
  routes: notificationsRoutes,
  tables,
  policy: rules,
  jobs: [
    {
      /** Daily digests of new needs to groups that follow fields and areas (weekly ones every 7th day). */
      name: 'matching.digest',
      everyMinutes: 24 * 60,
      async run(ctx) {
        const r: unknown = await sendDigests(ctx)
        return typeof r === 'object' && r ? JSON.stringify(r) : String(r ?? '')
      },
    },
  ],
  access: notificationsAccess,
  nav: [
    {
      place: 'main',
      key: 'notifications',
      href: '/notifications',
      label: 'お知らせ',
      order: 70,
      visible: (a) => !!a,
      countSql: unreadCountSql,
    },
  ],
  home: [
    {
      order: 5,
      items: async (ctx) => [
        { href: '/notifications', label: '未読のお知らせ', count: await unreadCount(ctx) },
      ],
    },
  ],
}
