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
}

interface Entry {
  version: string
  index: RankIndex
  building: Promise<void> | null
}

export function cityIndex<C extends { tenantId: string }>(spec: CityIndexSpec<C>) {
  const entries = new Map<string, Entry>()
  const limit = spec.backgroundAbove ?? 5000

  async function build(ctx: C, version: string): Promise<RankIndex> {
    await ready()
    const docs = await spec.documents(ctx)
    const index = await createIndex(spec.fields, docs)
    index.build()
    entries.set(ctx.tenantId, { version, index, building: null })
    return index
  }

  return {
    name: spec.name,
    /** The city's index, current as of its version. */
    async get(ctx: C): Promise<RankIndex> {
      const version = await spec.version(ctx)
      const e = entries.get(ctx.tenantId)
      if (e && e.version === version) return e.index
      if (e && e.index.size > limit) {
        if (!e.building)
          e.building = build(ctx, version)
            .then(() => undefined)
            .catch(() => {
              e.building = null
            })
        return e.index
      }
      return build(ctx, version)
    },
    /** Forget every city's index (tests, benchmarks). */
    reset() {
      entries.clear()
    },
  }
}
