import type { Feature } from '../../core/feature.ts'
import { accountAccess } from './access.table.ts'
import { accountApi } from './api.ts'
import { rules } from './policy.ts'
import { accountRoutes } from './routes.tsx'

/** Sign-up, sign-in, password reset, invitations, account settings, two-step sign-in, API tokens. */
export const accountFeature: Feature = {
  name: 'account',
  title: 'アカウント',
  routes: accountRoutes,
  api: accountApi,
  policy: rules,
  access: accountAccess,
  home: [{ order: 100, links: () => [{ href: '/account', label: 'アカウント設定' }] }],
}
