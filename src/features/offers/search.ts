import { sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { rows } from '../../core/db/index.ts'
import { cityIndex } from '../../core/search/city-index.ts'
import { getGroups } from '../groups/index.ts'

/**
 * The ranked index of the city's offers (core/japanese/rank.ts): the same understanding of
 * words as the directory and the needs (readings, spelling variants, synonyms, typos in titles).
 * listOffers keeps its own filters (published offers of published groups) and orders by rank.
 */
type DocCtx = Pick<Ctx, 'db' | 'tenantId'>

const index = cityIndex<DocCtx>({
  name: 'offers.search',
  stamped: true,
  fields: [
    { name: 'title', weight: 2, fuzzy: true },
    { name: 'body', weight: 1 },
    { name: 'group', weight: 1, snippet: false },
  ],
  async version(ctx) {
    const [r] = await rows<{ n: number; t: string | null }>(
      ctx.db,
      sql`SELECT count(*)::int AS n, max(updated_at)::text AS t FROM offers WHERE municipality_id = ${ctx.tenantId}`,
    )
    return `${r?.n ?? 0}@${r?.t ?? ''}`
  },
  async documents(ctx) {
    const list = await rows<{ id: string; title: string; body: string; group_id: string }>(
      ctx.db,
      sql`SELECT id, title, body, group_id FROM offers WHERE municipality_id = ${ctx.tenantId} ORDER BY created_at, id`,
    )
    const names = new Map(
      (await getGroups(ctx as Ctx, [...new Set(list.map((o) => o.group_id))])).map((g) => [g.id, g.name]),
    )
    return list.map((o) => ({
      id: o.id,
      fields: { title: o.title, body: o.body, group: names.get(o.group_id) },
    }))
  },
})

/** Ids of the offers matching a query, best first. */
export async function rankedOfferIds(ctx: DocCtx, q: string, limit = 2000): Promise<string[]> {
  const idx = await index.get(ctx)
  return idx.search(q.slice(0, 200), { limit, details: false }).map((h) => h.id)
}

/** Ids of the offers close to a whole sentence (whole words only, hits near the best one), best first. */
export async function offerIdsForSentence(ctx: DocCtx, q: string, limit = 60): Promise<string[]> {
  const idx = await index.get(ctx)
  const hits = idx.search(q.slice(0, 400), { limit, details: false, wordsOnly: true })
  const top = hits[0]?.score ?? 0
  return hits.filter((h) => h.score >= top * 0.5).map((h) => h.id)
}
