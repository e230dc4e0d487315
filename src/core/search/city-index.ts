import { changeStamp } from '../db/stamp.ts'
import type { Db } from '../db/index.ts'
import { ready } from '../japanese/analysis.ts'
import { createIndex, type FieldSpec, type RankDoc, type RankIndex } from '../japanese/rank.ts'

/**
 * A ranked index (core/japanese/rank.ts) per city, kept in the process and rebuilt when the data
 * behind it changes. The version is a cheap query (for example the count and latest update time
 * of the rows indexed) asked on every use, so several Kyodo processes behind a load balancer each
 * notice another's writes. Small indexes are rebuilt before answering; large ones are rebuilt in
 * the background while the previous one keeps answering (a search never waits for a rebuild of
 * tens of thousands of documents). Analysis results are cached by text in analysis.ts, so a
 * rebuild re-analyses only what changed.
 */
export interface CityIndexSpec<C> {
  name: string
  fields: FieldSpec[]
  /** Changes whenever the indexed rows change. */
  version(ctx: C): Promise<string>
  /** Every document of the city. */
  documents(ctx: C): Promise<RankDoc[]>
  /** Above this many documents a stale index answers while a new one is built (default 5,000). */
  backgroundAbove?: number
  /**
   * The documents changed since the index's version (added or edited), or null when it cannot
   * tell. Given, a large index takes a few changes in place (the new text is added; the old one
   * stays until the next full build, so callers keep only the first hit of an id) instead of a
   * rebuild that re-analyses every document.
   */
  changes?(ctx: C, since: string): Promise<RankDoc[] | null>
  /** How many documents a version stands for (lets `peek` tell a large city before its first build). */
  sizeOf?(version: string): number
  /**
   * The version reads only tables that move the change stamp (core/db/stamp.ts: groups, offers,
   * needs, departments, projects): while the stamp stands still the last version is reused, and
   * asked again at least every `STAMP_TRUST_MS`. Off by default.
   */
  stamped?: boolean
}

/** How long a version is reused while the change stamp stands still, at most. */
const STAMP_TRUST_MS = 5000

/** At most this many changed documents are added in place; more rebuild the index. */
const MAX_CHANGES = 500
/** A full rebuild once this share of the index are older copies of changed documents. */
const MAX_STALE = 0.1

interface Entry {
  version: string
  index: RankIndex
  building: Promise<void> | null
  /** documents added in place since the full build */
  added: number
  patching: Promise<boolean> | null
}

/** Full builds running now, in every city index of the process (reported by /healthz). */
let building = 0
export const buildsRunning = () => building

/**
 * Counts a warm-up as a build from its start: a warm-up first reads the index's version, and a
 * health check meanwhile must not report that nothing is being built.
 */
export async function warming<T>(p: Promise<T>): Promise<T> {
  building++
  try {
    return await p
  } finally {
    building--
  }
}

export function cityIndex<C extends { tenantId: string }>(spec: CityIndexSpec<C>) {
  const entries = new Map<string, Entry>()
  const limit = spec.backgroundAbove ?? 5000
  /** first builds in flight, so concurrent first searches (and the warm-up) share one */
  const first = new Map<string, Promise<RankIndex>>()

  async function build(ctx: C, version: string): Promise<RankIndex> {
    building++
    try {
      await ready()
      const docs = await spec.documents(ctx)
      const index = await createIndex(spec.fields, docs)
      entries.set(ctx.tenantId, { version, index, building: null, added: 0, patching: null })
      return index
    } finally {
      building--
    }
  }

  /** Add a few changed documents in place; false when a rebuild is due instead. */
  async function patch(ctx: C, e: Entry, version: string): Promise<boolean> {
    if (!spec.changes || e.added > e.index.size * MAX_STALE) return false
    const docs = await spec.changes(ctx, e.version)
    if (!docs || docs.length > MAX_CHANGES) return false
    // in one go (no yielding): a search meanwhile must not see a half-added batch
    for (const d of docs) e.index.add(d)
    e.index.build()
    e.added += docs.length
    e.version = version
    return true
  }

  /** the last version per city, with the change stamp it was read at */
  const known = new Map<string, { stamp: string; version: string; at: number }>()
  async function versionOf(ctx: C): Promise<string> {
    const db = (ctx as { db?: Db }).db
    if (!spec.stamped || !db) return spec.version(ctx)
    const stamp = await changeStamp(db)
    const k = known.get(ctx.tenantId)
    if (k && k.stamp === stamp && Date.now() - k.at < STAMP_TRUST_MS) return k.version
    const version = await spec.version(ctx)
    known.set(ctx.tenantId, { stamp, version, at: Date.now() })
    return version
  }

  return {
    name: spec.name,
    /** The city's index, current as of its version. */
    async get(ctx: C): Promise<RankIndex> {
      const version = await versionOf(ctx)
      const e = entries.get(ctx.tenantId)
      if (e && e.version === version) return e.index
      if (e && e.index.size > limit && !e.building) {
        e.patching ??= patch(ctx, e, version)
          .catch(() => false)
          .finally(() => {
            e.patching = null
          })
        if (await e.patching) return e.index
      }
      if (e && e.index.size > limit) {
        if (!e.building)
          e.building = build(ctx, version)
            .then(() => undefined)
            .catch(() => {
              e.building = null
            })
        return e.index
      }
      let pending = first.get(ctx.tenantId)
      if (!pending) {
        pending = build(ctx, version).finally(() => first.delete(ctx.tenantId))
        first.set(ctx.tenantId, pending)
      }
      return pending
    },
    /**
     * Like `get`, but a large city (more than `backgroundAbove` documents) whose index is not built
     * yet gets null at once, and the build starts: right after a restart the caller answers another
     * way (a plain SQL search) instead of waiting a minute for 50,000 documents to be analysed.
     */
    async peek(ctx: C): Promise<RankIndex | null> {
      if (entries.has(ctx.tenantId) || !spec.sizeOf) return this.get(ctx)
      const version = await versionOf(ctx)
      if (spec.sizeOf(version) <= limit) return this.get(ctx)
      if (!first.has(ctx.tenantId)) {
        const pending = build(ctx, version).finally(() => first.delete(ctx.tenantId))
        pending.catch(() => undefined)
        first.set(ctx.tenantId, pending)
      }
      return null
    },
    /** Whether the city's index has been built (tests of warm-ups). */
    has(tenantId: string): boolean {
      return entries.has(tenantId)
    },
    /** Forget every city's index (tests, benchmarks). */
    reset() {
      known.clear()
      entries.clear()
      first.clear()
    },
  }
}
