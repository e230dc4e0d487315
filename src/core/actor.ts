/**
 * Who is making a request. The account-wide roles live on the account itself; everything else
 * (which departments, which groups, later which review panels or events) is a membership that a
 * feature room contributes through its manifest and declares here by interface merging:
 *
 *   declare module '../../core/actor.ts' { interface Memberships { departments: string[] } }
 *
 * Memberships are loaded in one query for all rooms (`loadMemberships` in roles.ts), by the request middleware
 * for signed-in requests only; reading one before that throws, so a mistake cannot pass silently.
 */
export interface Actor {
  userId: string
  email: string
  name: string
  isAdmin: boolean
  isCoordinator: boolean
  isReviewer: boolean
  via: 'session' | 'token'
  /** Filled by loadMemberships; read through `membership(a, key)`. */
  memberships: Partial<Memberships> | null
}

// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the feature rooms
export interface Memberships {}

/** A membership of the actor; throws when memberships were not loaded for this request. */
export function membership<K extends keyof Memberships>(
  a: Actor,
  key: K,
  empty: Memberships[K],
): Memberships[K] {
  if (!a.memberships) throw new Error('actor memberships are not loaded (await loadMemberships(ctx) first)')
  return (a.memberships[key] as Memberships[K] | undefined) ?? empty
}
