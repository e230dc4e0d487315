import { sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { rows } from '../../core/db/index.ts'
import type { FieldSpec, RankIndex } from '../../core/japanese/rank.ts'
import { cityIndex } from '../../core/search/city-index.ts'
import { ACTOR_KINDS, fieldsOf, LEGAL_FORMS, labelOf } from '../../core/vocabulary.ts'

/**
 * The directory's ranked index (core/japanese/rank.ts): every group of the city but deleted ones
 * (the status filter, facets and paging are applied in SQL to the ranked ids, so coordinators'
 * lists and the public directory share one index). The name is typo-tolerant, the furigana is
 * matched as a reading, the descriptions and the labels of fields, kind and legal form weigh less.
 */
export type IndexCtx = Pick<Ctx, 'db' | 'tenantId' | 'municipality'>

export const GROUP_FIELDS: FieldSpec[] = [
  { name: 'name', weight: 3, fuzzy: true },
  { name: 'nameKana', weight: 2, reading: true },
  { name: 'text', weight: 1 },
  { name: 'labels', weight: 0.5, snippet: false },
]

const directory = cityIndex<IndexCtx>({
  name: 'groups.directory',
  stamped: true,
  fields: GROUP_FIELDS,
  backgroundAbove: 5000,
  async version(ctx) {
    const [r] = await rows<{ n: number; t: string | null }>(
      ctx.db,
      sql`SELECT count(*)::int AS n, max(updated_at)::text AS t FROM groups
          WHERE municipality_id = ${ctx.tenantId} AND status <> 'deleted'`,
    )
    return `${r?.n ?? 0}@${r?.t ?? ''}`
  },
  documents: (ctx) => groupDocs(ctx),
  sizeOf: (version) => Number.parseInt(version, 10) || 0,
  // a few edits are added in place (a full build of 50,000 groups re-analyses for tens of seconds)
  changes: async (ctx, since) => {
    const t = since.slice(since.indexOf('@') + 1)
    return t ? groupDocs(ctx, t) : null
  },
})

async function groupDocs(ctx: IndexCtx, since?: string) {
  const labels = new Map(fieldsOf(ctx.municipality.settings).map((f) => [f.code, f.label]))
  const list = await rows<{
    id: string
    name: string
    name_kana: string
    purpose: string
    activities: string
    expertise: string
    wants_to_do: string
    track_record: string
    resources_note: string
    actor_kind: string
    legal_form: string
    fields: string[] | string
  }>(
    ctx.db,
    sql`SELECT id, name, name_kana, purpose, activities, expertise, wants_to_do, track_record, resources_note,
                 actor_kind, legal_form, fields
          FROM groups WHERE municipality_id = ${ctx.tenantId} AND status <> 'deleted'
            ${since ? sql`AND updated_at > ${since}::timestamptz` : sql``}
          ORDER BY created_at, id`,
  )
  return list.map((g) => {
    const fields = Array.isArray(g.fields) ? g.fields : String(g.fields).replace(/[{}"]/g, '').split(',')
    return {
      id: g.id,
      fields: {
        name: g.name,
        nameKana: g.name_kana,
        text: [g.purpose, g.activities, g.expertise, g.wants_to_do, g.track_record, g.resources_note]
          .filter(Boolean)
          .join('\n'),
        labels: [
          ...fields.map((f) => labels.get(f) ?? ''),
          labelOf(ACTOR_KINDS, g.actor_kind),
          labelOf(LEGAL_FORMS, g.legal_form),
        ]
          .filter(Boolean)
          .join('、'),
      },
    }
  })
}

/**
 * How many ranked ids the directory filters and pages in SQL, at most: 50 pages of 20. Over a
 * large city a broad query finds more; the page then says 「1,000件以上」 (search.ts `capped`).
 */
export const MAX_RANKED = 1000

/** The city's directory index, current as of the last edit (a large one may lag while rebuilt). */
export const groupIndex = (ctx: IndexCtx): Promise<RankIndex> => directory.get(ctx)

/**
 * The ids of the groups matching a query, best first. Words separated by spaces must each be
 * found (見守り　サロン: both), as people expect of a search box; the order is the whole query's.
 */
export async function rankedGroupIds(ctx: IndexCtx, q: string, max = MAX_RANKED): Promise<string[] | null> {
  // null right after a restart of a large city, while its index is first built (search.ts then
  // answers with the plain SQL search)
  const idx = await directory.peek(ctx)
  if (!idx) return null
  // each word must be found on its own; the order is the whole query's
  const parts = q.normalize('NFKC').trim().split(/\s+/).filter(Boolean)
  const opts = { limit: max, details: false }
  const hits = parts.length >= 2 && parts.length <= 5 ? idx.searchEach(q, parts, opts) : idx.search(q, opts)
  // an edited group may be in the index twice (its new text added in place): its best hit counts
  return [...new Set(hits.map((h) => h.id))]
}

/** Build every city's directory index (at start-up, in the background). */
export async function warmGroupIndexes(db: Ctx['db']): Promise<void> {
  const cities = await rows<{ id: string; settings: unknown }>(
    db,
    sql`SELECT id, settings FROM municipalities`,
  )
  for (const m of cities)
    await groupIndex({ db, tenantId: m.id, municipality: { settings: m.settings } as Ctx['municipality'] })
}

export const resetGroupIndex = () => directory.reset()
