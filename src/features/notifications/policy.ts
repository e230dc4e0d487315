import { type ActionsOf, type Rules, signedIn } from '../../core/policy.ts'

export const rules = {
  'notifications.view': signedIn,
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
