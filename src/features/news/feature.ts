import type { Feature } from '../../core/feature.ts'
import { isCityStaff } from '../../core/roles.ts'
import { newsAccess } from './access.table.ts'
import { newsApi } from './api.ts'
import { newsDemo } from './demo.ts'
import { rules } from './policy.ts'
import { newsRoutes } from './routes.tsx'
import * as tables from './schema.ts'
import { purgePending } from './service.ts'

const coord = (a: { isCoordinator: boolean; isAdmin: boolean } | null) =>
  !!a && (a.isCoordinator || a.isAdmin)

/** ニュース・ニューズレター・庁内通知: the city's voice to residents, groups and its own staff. */
export const newsFeature: Feature = {
  name: 'news',
  title: 'ニュース・ニューズレター',
  routes: newsRoutes,
  api: newsApi,
  tables,
  policy: rules,
  tokenPosts: ['POST /newsletter/unsubscribe/:id'],
  jobs: [
    {
      /** Unconfirmed subscriptions (and their addresses) removed after NEWSLETTER_PENDING_DAYS. */
      name: 'news.purge-pending',
      everyMinutes: 24 * 60,
      async run(ctx) {
        return `pending subscriptions purged: ${await purgePending(ctx)}`
      },
    },
  ],
  demo: { order: 50, seed: newsDemo },
  access: newsAccess,
  nav: [
    {
      place: 'main',
      key: 'news',
      href: '/news',
      label: 'ニュース',
      order: 35,
      description:
        '協働の事例、団体や事業の募集、市民協働推進課からのお知らせです。Atomフィードでも読めます。',
    },
    {
      place: 'main',
      key: 'newsletter',
      href: '/newsletter',
      label: 'ニューズレター',
      order: 36,
      description: 'ニュース・イベント・協働ニーズをメールでお届けします。これまでの号もここで読めます。',
    },
    {
      place: 'work',
      key: 'staff-notices',
      href: '/staff-notices',
      label: '庁内通知',
      order: 60,
      visible: isCityStaff,
    },
  ],
  home: [
    {
      order: 60,
      links: (a) =>
        coord(a)
          ? [
              { href: '/news/new', label: 'ニュースを書く' },
              { href: '/newsletter/issues/new', label: 'ニューズレターをつくる' },
              { href: '/staff-notices/new', label: '庁内通知を送る' },
            ]
          : [],
    },
  ],
}
