import { type ActionsOf, anyone, type Rules } from '../../core/policy.ts'

export const rules = {
  /** Anyone may ask which department is in charge (the question residents ask first). */
  'routing.suggest': anyone,
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
