import { sql } from 'drizzle-orm'
import { type Db, rows } from '../db/index.ts'

/**
 * Fixed-window counters kept in the database, so every Kyodo process behind a load balancer
 * sees the same count.
 */
export async function hit(db: Db, key: string, windowSeconds: number): Promise<number> {
  const r = await rows<{ count: number }>(
    db,
    sql`INSERT INTO rate_limits (key, count, window_start) VALUES (${key}, 1, now())
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE rate_limits.count + 1 END,
          window_start = CASE WHEN rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE rate_limits.window_start END
        RETURNING count`,
  )
  return Number(r[0].count)
}

/** Take back one hit (an attempt that turned out not to count, e.g. the right password). */
export async function undo(db: Db, key: string) {
  await db.execute(sql`UPDATE rate_limits SET count = count - 1 WHERE key = ${key} AND count > 0`)
}

export async function current(db: Db, key: string, windowSeconds: number): Promise<number> {
  const r = await rows<{ count: number }>(
    db,
    sql`SELECT count FROM rate_limits WHERE key = ${key} AND window_start >= now() - make_interval(secs => ${windowSeconds})`,
  )
  return r.length ? Number(r[0].count) : 0
}

export async function reset(db: Db, key: string) {
  await db.execute(sql`DELETE FROM rate_limits WHERE key = ${key}`)
}

export class RateLimited extends Error {}

/** Limits of the forms that send mail (sign-up, password reset, address change, invitations). */
export const MAIL_LIMITS = {
  /** requests naming one address, per hour */
  perAddress: 5,
  /** requests from one client address, per hour */
  perClient: 20,
  windowSeconds: 3600,
} as const

/**
 * Count one mail-sending request by the address it names and by the client's address (each an
 * atomic `hit`, then compared) and refuse with 429 past either limit. The same answer whether
 * the address is registered or not, so nothing is enumerated.
 */
export async function limitMailForm(
  ctx: { db: Db; tenantId: string; ip: string },
  form: string,
  address: string,
): Promise<void> {
  const addr = address.normalize('NFKC').trim().toLowerCase()
  const byAddress = await hit(ctx.db, `mail-addr:${ctx.tenantId}:${form}:${addr}`, MAIL_LIMITS.windowSeconds)
  const byClient = await hit(ctx.db, `mail-ip:${ctx.tenantId}:${form}:${ctx.ip}`, MAIL_LIMITS.windowSeconds)
  if (byAddress > MAIL_LIMITS.perAddress || byClient > MAIL_LIMITS.perClient) throw new RateLimited(form)
}

/**
 * At most one mail of this kind to this address per `seconds`: true when this one may be sent.
 * The caller answers the same either way.
 */
export async function firstMailIn(db: Db, key: string, seconds: number): Promise<boolean> {
  return (await hit(db, `mail-once:${key}`, seconds)) === 1
}
