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
