import type { Ctx } from './context.ts'
import type { Rng } from './random.ts'

/**
 * What each feature's demo step receives: a context acting as the system, the ids made so far,
 * and a seeded PRNG. Steps run in the order of their manifest's `demo.order`.
 */
export interface DemoEnv {
  ctx: Ctx
  rand: Rng
  /** Department name → id (filled by the organisation room's step). */
  departments: Map<string, string>
  areas: { id: string; name: string }[]
  /** The demo logins (filled by the loader before the first step). */
  users: Record<'admin' | 'coordinator' | 'staff' | 'group' | 'reviewer', string>
  /** How big: 'full' for the demo, 'small' for tests. */
  size: 'full' | 'small'
}

export type DemoStep = (env: DemoEnv) => Promise<void>
