import { sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { rows } from '../../core/db/index.ts'
import { cityIndex } from '../../core/search/city-index.ts'

/**
 * The ranked index of the city's needs (core/japanese/rank.ts), so みまもり, こども食堂 and
 * ぼうさい find 見守り, 子ども食堂 and 防災 as the directory does. Every need of the city is indexed;
 * listNeeds keeps its status and visibility filters in SQL and orders by rank.
 */
type DocCtx = Pick<Ctx, 'db' | 'tenantId'>

/** Changes whenever a need of the city is added or edited (status changes set updated_at). */
export async function needsVersion(ctx: DocCtx): Promise<string> {
  const [r] = await rows<{ n: number; t: string | null }>(
    ctx.db,
    sql`SELECT count(*)::int AS n, max(updated_at)::text AS t FROM needs WHERE municipality_id = ${ctx.tenantId}`,
  )
  return `${r?.n ?? 0}@${r?.t ?? ''}`
}

const index = cityIndex<DocCtx>({
  name: 'needs.search',
  stamped: true,
  fields: [
    { name: 'title', weight: 2, fuzzy: true },
    { name: 'text', weight: 1 },
  ],
  version: needsVersion,
  async documents(ctx) {
    const list = await rows<{
      id: string
      title: string
      situation: string
      goal: string
      partner_note: string
    }>(
      ctx.db,
      sql`SELECT id, title, situation, goal, partner_note FROM needs
          WHERE municipality_id = ${ctx.tenantId} ORDER BY created_at, id`,
    )
    return list.map((n) => ({
      id: n.id,
      fields: { title: n.title, text: [n.situation, n.goal, n.partner_note].filter(Boolean).join('\n') },
    }))
  },
})

/** Ids of the needs matching a query, best first. */
export async function rankedNeedIds(ctx: DocCtx, q: string, limit = 2000): Promise<string[]> {
  const idx = await index.get(ctx)
  return idx.search(q.slice(0, 200), { limit, details: false }).map((h) => h.id)
}

/** The texts of each department's published needs (title, situation, goal), for routing. */
export async function departmentNeedTexts(ctx: DocCtx): Promise<{ departmentId: string; text: string }[]> {
  const list = await rows<{ department_id: string; title: string; situation: string; goal: string }>(
    ctx.db,
    sql`SELECT department_id, title, situation, goal FROM needs
        WHERE municipality_id = ${ctx.tenantId} AND visibility = 'public'
          AND status IN ('published', 'coordinating', 'matched', 'unmatched')
        ORDER BY created_at, id`,
  )
  return list.map((n) => ({
    departmentId: n.department_id,
    text: [n.title, n.situation, n.goal].filter(Boolean).join('。'),
  }))
}

export const resetNeedsIndex = () => index.reset()

/** Public needs of the city (open or in coordination) matching a sentence, best first: "related needs". */
export async function relatedPublicNeeds(
  ctx: DocCtx,
  q: string,
  limit = 3,
): Promise<{ id: string; title: string }[]> {
  // a whole sentence: whole words only, and only hits close to the best one
  const idx = await index.get(ctx)
  const hits = idx.search(q.slice(0, 400), { limit: 60, details: false, wordsOnly: true })
  const top = hits[0]?.score ?? 0
  const ids = hits.filter((h) => h.score >= top * 0.5).map((h) => h.id)
  if (!ids.length) return []
  const list = await rows<{ id: string; title: string }>(
    ctx.db,
    sql`SELECT id, title FROM needs WHERE municipality_id = ${ctx.tenantId} AND visibility = 'public'
          AND status IN ('published', 'coordinating') AND id IN (${sql.join(
            ids.map((i) => sql`${i}::uuid`),
            sql`, `,
          )})`,
  )
  const byId = new Map(list.map((n) => [n.id, n]))
  return ids.flatMap((i) => (byId.has(i) ? [byId.get(i)!] : [])).slice(0, limit)
}
