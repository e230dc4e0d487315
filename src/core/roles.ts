import { type SQL, sql } from 'drizzle-orm'
import type { Actor, Memberships } from './actor.ts'
import { type Db, rows as queryRows } from './db/index.ts'
import { installedFeatures } from './feature.ts'

/**
 * What the installed rooms say about an actor: its memberships (loaded in one query), its roles
 * and whether it is on the city-hall side. Kept apart from actor.ts so that the Actor type itself
 * depends on nothing.
 */

/** The account-wide roles every city has; rooms add theirs (RoleSource in their manifest). */
const CORE_ROLES = [
  { role: 'coordinator', label: 'コーディネーター', holds: (a: Actor) => a.isCoordinator },
  { role: 'reviewer', label: '審査委員', holds: (a: Actor) => a.isReviewer },
  { role: 'admin', label: 'システム管理者', holds: (a: Actor) => a.isAdmin },
]

/**
 * Every room's memberships of one user as a single SQL value: a JSON text of [source, ref, role]
 * triples. `userId` may be a column (the session's user), so the request middleware reads the
 * session, the account and the memberships in one query (auth/service.ts `actorForSession`).
 * Null when no room contributes memberships.
 */
export function membershipsSql(tenantId: string, userId: string | SQL): SQL<string> | null {
  const sources = membershipSources()
  if (!sources.length) return null
  const parts = sources.map(
    (s, i) =>
      sql`SELECT ${i}::int AS source, q.ref::text AS ref, q.role::text AS role FROM (${s.query(tenantId, userId)}) q`,
  )
  return sql<string>`(SELECT coalesce(json_agg(json_build_array(m.source, m.ref, m.role)), '[]')::text FROM (${sql.join(parts, sql` UNION ALL `)}) m)`
}

const membershipSources = () => installedFeatures().flatMap((f) => f.memberships ?? [])

/** The value of `membershipsSql` folded by each room into `actor.memberships`. */
export function foldMemberships(json: string | null | undefined): Partial<Memberships> {
  const triples = (json ? JSON.parse(json) : []) as [number, string, string][]
  const out: Record<string, unknown> = {}
  membershipSources().forEach((s, i) => {
    out[s.key] = s.fold(
      triples
        .filter((t) => Number(t[0]) === i)
        .map(([, ref, role]) => ({ ref: String(ref), role: String(role) })),
    )
  })
  return out as Partial<Memberships>
}

/** Load every room's memberships of this actor, once per request, in one query. */
export async function loadMemberships(db: Db, tenantId: string, a: Actor | null): Promise<void> {
  if (!a || a.memberships) return
  const q = membershipsSql(tenantId, a.userId)
  const [row] = q ? await queryRows<{ m: string }>(db, sql`SELECT ${q} AS m`) : []
  a.memberships = foldMemberships(row?.m)
}

export type Role = string

export function roleSources() {
  return [...installedFeatures().flatMap((f) => f.roles ?? []), ...CORE_ROLES]
}

/** Every role the actor holds ('visitor' when signed out); memberships must be loaded. */
export function rolesOf(a: Actor | null): Role[] {
  if (!a) return ['visitor']
  return roleSources()
    .filter((r) => r.holds(a))
    .map((r) => r.role)
}

export function roleLabel(role: Role): string {
  if (role === 'visitor') return '閲覧者'
  return roleSources().find((r) => r.role === role)?.label ?? role
}

/** City-hall side: coordinators, administrators and every role a room marks as city staff. */
export const isCityStaff = (a: Actor | null) =>
  !!a &&
  (a.isAdmin ||
    a.isCoordinator ||
    installedFeatures()
      .flatMap((f) => f.roles ?? [])
      .some((r) => r.cityStaff && r.holds(a)))

/** The request's actor with its memberships loaded (null for visitors). */
export async function ensureMemberships<C extends { db: Db; tenantId: string; actor: Actor | null }>(
  ctx: C,
): Promise<Actor | null> {
  await loadMemberships(ctx.db, ctx.tenantId, ctx.actor)
  return ctx.actor
}
