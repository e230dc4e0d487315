import type { Actor } from './actor.ts'
import { installedFeatures, type Rule } from './feature.ts'

/**
 * The one place that answers "may this actor do this to this object". The rules themselves live
 * beside their features (each room's `policy.ts`, listed in its manifest) and are typed there;
 * every route asks `can` (pages and API through `authorize` in http/guard.ts).
 *
 * A room declares its actions to the type checker by merging into `PolicyActions`:
 *
 *   export const rules = { 'group.edit': (a, g: { id: string }) => … } satisfies Rules
 *   declare module '../../core/policy.ts' { interface PolicyActions extends ActionsOf<typeof rules> {} }
 */

export type { Rule }
export type Rules = Record<string, Rule>

/** Action name → the resource its rule expects. Filled by each feature's policy.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface PolicyActions {}
export type ActionsOf<R extends Rules> = { [K in keyof R]: Parameters<R[K]>[1] }
export type Action = keyof PolicyActions & string

// --- building blocks for the rules of every room
export const anyone: Rule = () => true
export const signedIn: Rule = (a) => !!a
export const admin: Rule = (a) => !!a?.isAdmin
export const coordinator: Rule = (a) => !!a && (a.isCoordinator || a.isAdmin)

let table: Map<string, Rule> | null = null
let tableOf: readonly unknown[] | null = null

function rulesTable(): Map<string, Rule> {
  const fs = installedFeatures()
  if (table && tableOf === fs) return table
  const t = new Map<string, Rule>()
  for (const f of fs) {
    for (const [k, r] of Object.entries(f.policy ?? {})) {
      if (t.has(k)) throw new Error(`policy rule ${k} is defined twice (${f.name})`)
      t.set(k, r)
    }
  }
  table = t
  tableOf = fs
  return t
}

export function can<A extends Action>(actor: Actor | null, action: A, resource?: PolicyActions[A]): boolean {
  const rule = rulesTable().get(action)
  if (!rule) throw new Error(`no policy rule for ${action}`)
  return rule(actor, resource)
}
