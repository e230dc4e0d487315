import { anyone, type ActionsOf, type Rules } from '../../core/policy.ts'

/** Public pages of the site: anyone may read them. */
export const rules = {
  'site.view': anyone,
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
