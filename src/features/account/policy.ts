import { type ActionsOf, coordinator, type Rules, signedIn } from '../../core/policy.ts'

export const rules = {
  'account.manage': signedIn,
  /** Personal access tokens for the JSON API: coordinators and administrators. */
  'apiToken.manage': coordinator,
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
