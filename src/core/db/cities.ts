import { eq } from 'drizzle-orm'
import type { Municipality } from '../context.ts'
import type { Db } from './index.ts'
import { municipalities } from './schema.ts'

/**
 * Which city a Host header selects, kept in memory: every request asks, and the answer changes
 * only when a city is created, deleted or edited. Two guards keep it right:
 *
 * - In this process, every write to `municipalities` calls `citiesChanged()` (the settings
 *   editors, the demo loader, the test factories), and the write-transaction middleware calls it
 *   again after the request's transaction ends, so an answer read while the write was uncommitted
 *   (PostgreSQL, another connection) is dropped too.
 * - Another process (several app servers on one PostgreSQL, or `kyodo demo --reset` beside a
 *   running server) cannot tell this one: an answer is kept at most CITY_CACHE_MS, so its edit is
 *   seen within that time.
 *
 * Each request receives its own copy of the city (a handler may change `ctx.municipality`).
 * Sessions, users and memberships are never cached: they are read on every request.
 */

export const CITY_CACHE_MS = 5_000
/** Host headers are the client's to invent: a flood of made-up hosts empties the map, nothing more. */
const MAX_HOSTS = 1_000

export type CityLookup = { municipality: Municipality } | { none: 'no_city' | 'unknown_host' }

interface Entry {
  at: number
  generation: number
  found: CityLookup
}

let generation = 0
const caches = new WeakMap<object, Map<string, Entry>>()

/** A city was created, deleted or changed: forget every cached answer (every database in this process). */
export function citiesChanged(): void {
  generation++
}

/** The change counter (the write-transaction middleware compares it before and after a request). */
export const citiesGeneration = () => generation

const copy = (found: CityLookup): CityLookup =>
  'municipality' in found ? { municipality: structuredClone(found.municipality) } : found

/** The host part of a Host header, lower case, without the port. */
export const normaliseHost = (host: string) => host.trim().replace(/:\d+$/, '').toLowerCase()

/**
 * The city for a Host header: the one whose host it is; on a single-city install (the laptop
 * case) that city whatever the host; otherwise none (the caller answers 404, naming no city).
 */
export async function cityForHost(db: Db, host: string, now = Date.now()): Promise<CityLookup> {
  const h = normaliseHost(host)
  let cache = caches.get(db)
  if (!cache) {
    cache = new Map()
    caches.set(db, cache)
  }
  const hit = cache.get(h)
  if (hit && hit.generation === generation && now - hit.at < CITY_CACHE_MS) return copy(hit.found)
  const before = generation
  const found = await lookUp(db, h)
  // A change while we read: the answer may be older than it; use it for this request only.
  if (generation === before) {
    if (cache.size >= MAX_HOSTS) cache.clear()
    cache.set(h, { at: now, generation: before, found })
  }
  return copy(found)
}

async function lookUp(db: Db, h: string): Promise<CityLookup> {
  if (h) {
    const [byHost] = await db.select().from(municipalities).where(eq(municipalities.host, h))
    if (byHost) return { municipality: byHost }
  }
  const some = await db.select().from(municipalities).orderBy(municipalities.createdAt).limit(2)
  if (some.length === 1) return { municipality: some[0] }
  return { none: some.length === 0 ? 'no_city' : 'unknown_host' }
}
