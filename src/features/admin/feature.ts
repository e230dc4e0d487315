import { Hono } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import type { Feature } from '../../core/feature.ts'
import { can } from '../../core/policy.ts'
import { adminAccess } from './access.table.ts'
import { adminApi } from './api.ts'
import { organisationRoutes } from './organisation-routes.tsx'
import { rules } from './policy.ts'
import { adminRoutes } from './routes.tsx'

const routes = new Hono<AppEnv>()
routes.route('/', adminRoutes)
routes.route('/', organisationRoutes)

/** The administration room: settings, departments (and the public department guide), years, areas, users, invitations, outbox, audit. */
export const adminFeature: Feature = {
  name: 'admin',
  title: '管理',
  routes,
  api: adminApi,
  policy: rules,
  access: adminAccess,
  nav: [
    {
      place: 'main',
      key: 'admin',
      href: '/admin',
      label: '管理',
      order: 90,
      visible: (a) => !!a && can(a, 'admin.view'),
    },
  ],
  home: [
    { order: 90, links: (a) => (can(a, 'admin.view') ? [{ href: '/admin', label: '管理メニュー' }] : []) },
  ],
}
