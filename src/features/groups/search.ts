/**
 * The one search module of the group directory (behind it PostgreSQL installs may add
 * pg_bigm or PGroonga). Text is normalised the same way on both sides (NFKC so ＮＰＯ = NPO,
 * lower case, hiragana → katakana so ひらがな finds the furigana), matched with
 * LIKE '%term%' per term (AND; a pg_trgm GIN index serves terms of 3+ characters), plus a
 * fuzzy match of the whole query on the name (`%>`, word similarity) for misspellings.
 */
import { type SQL, sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { rows } from '../../core/db/index.ts'
import { linkedIds, uuidArray } from '../../core/db/links.ts'
import { normalizeForSearch } from '../../core/japanese/index.ts'
import { keptAnswers } from '../../core/search/kept.ts'
import { ACTOR_KINDS, LEGAL_FORMS, labelOf, RESOURCES } from '../../core/vocabulary.ts'
import { PUBLIC_STATUSES } from './domain.ts'
import { groupAreaLinks } from './queries.ts'
import { MAX_RANKED, rankedGroupIds } from './search-index.ts'

export interface SearchTextInput {
  name: string
  nameKana: string
  purpose: string
  activities: string
  expertise: string
  wantsToDo: string
  trackRecord?: string
  resourcesNote?: string
  actorKind: string
  legalForm: string
  fields: string[]
  resources?: string[]
  areaNames?: string[]
  citywide?: boolean
}

/** The normalised text every keyword is looked up in. */
export function buildSearchText(g: SearchTextInput, fieldLabels: Map<string, string>): string {
  return normalizeForSearch(
    [
      g.name,
      g.nameKana,
      g.nameKana.replace(/\s/g, ''),
      g.purpose,
      g.activities,
      g.expertise,
      g.wantsToDo,
      g.trackRecord ?? '',
      g.resourcesNote ?? '',
      labelOf(ACTOR_KINDS, g.actorKind),
      labelOf(LEGAL_FORMS, g.legalForm),
      ...g.fields.map((f) => fieldLabels.get(f) ?? ''),
      ...(g.resources ?? []).map((r) => labelOf(RESOURCES, r)),
      ...(g.areaNames ?? []),
      g.citywide ? '市内全域' : '',
    ].join(' '),
  )
}

/** Distinct two-character grams (no spaces) of a normalised text; a 2-character keyword is in the text iff its gram is here. */
export function buildBigrams(searchText: string): string[] {
  const cs = [...searchText]
  const out = new Set<string>()
  for (let i = 0; i + 1 < cs.length; i++) if (cs[i] !== ' ' && cs[i + 1] !== ' ') out.add(cs[i] + cs[i + 1])
  return [...out]
}

/** The stored search columns for a normalised text. */
export const searchColumns = (searchText: string) => ({ searchText, searchBigrams: buildBigrams(searchText) })

/** Name and furigana (without spaces), normalised: what a misspelt name is compared with. */
export function buildNameNorm(name: string, nameKana: string): string {
  return normalizeForSearch(`${name} ${nameKana.replace(/\s/g, '')}`)
}

export type SortKey = 'relevance' | 'kana' | 'newest' | 'active'
export const SORTS: { code: SortKey; label: string }[] = [
  { code: 'relevance', label: '関連度順' },
  { code: 'kana', label: '名前順（五十音）' },
  { code: 'newest', label: '新着順' },
  { code: 'active', label: '最近活動した順' },
]

export interface SearchParams {
  q?: string
  fields?: string[]
  /** Area ids, or 'citywide'. */
  areas?: string[]
  kinds?: string[]
  legalForms?: string[]
  wantsCollaboration?: boolean
  sort?: SortKey
  page?: number
  perPage?: number
  /** Default: the public statuses. Coordinators' lists pass others. */
  statuses?: string[]
  facets?: boolean
}

export interface GroupListItem {
  id: string
  name: string
  nameKana: string
  actorKind: string
  legalForm: string
  fields: string[]
  areaIds: string[]
  citywide: boolean
  purpose: string
  wantsCollaboration: boolean
  status: string
  disclosureLevel: number
  logoPath: string | null
  lastActivityAt: string
  createdAt: string
}

export interface Facets {
  field: Record<string, number>
  area: Record<string, number>
  kind: Record<string, number>
  legalForm: Record<string, number>
  wants: number
}

export interface SearchResult {
  items: GroupListItem[]
  total: number
  page: number
  perPage: number
  facets?: Facets
  /** The normalised terms actually searched. */
  terms: string[]
  /**
   * The query found more groups than are ranked (MAX_RANKED): `total` and the facets count the
   * best MAX_RANKED only, and the page says 「…件以上」.
   */
  capped?: boolean
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Split a query the way people type it: spaces (full- or half-width) separate terms. */
export function queryTerms(q: string | undefined): string[] {
  if (!q) return []
  return normalizeForSearch(q.slice(0, 200)).split(' ').filter(Boolean).slice(0, 8)
}

/** The condition for one keyword: bigram containment for 2 characters (indexed, exact), else LIKE (trigram index for 3+). */
function termMatch(t: string): SQL {
  if ([...t].length === 2) return sql`g.search_bigrams @> ${arr([t])}::text[]`
  return sql`g.search_text LIKE ${`%${likeEscape(t)}%`}`
}

export function whereOf(ctx: Ctx, p: SearchParams, terms: string[], fuzzy = false): SQL {
  const parts: SQL[] = [sql`g.municipality_id = ${ctx.tenantId}`]
  const statuses = p.statuses?.length ? p.statuses : PUBLIC_STATUSES
  parts.push(
    sql`g.status IN (${sql.join(
      statuses.map((s) => sql`${s}`),
      sql`, `,
    )})`,
  )
  if (terms.length) {
    const likes = sql.join(terms.map(termMatch), sql` AND `)
    const whole = terms.join(' ')
    // A misspelt name: fuzzy word similarity on the name (3+ characters), when asked.
    if (fuzzy && [...whole].length >= 3) parts.push(sql`((${likes}) OR g.name_norm %> ${whole})`)
    else parts.push(sql`(${likes})`)
  }
  if (p.fields?.length) parts.push(sql`g.fields && ${arr(p.fields)}::text[]`)
  if (p.areas?.length) {
    const ids = p.areas.filter((a) => a !== 'citywide')
    const ors: SQL[] = []
    if (ids.length)
      ors.push(
        sql`EXISTS (SELECT 1 FROM group_areas ga WHERE ga.municipality_id = g.municipality_id AND ga.group_id = g.id AND ga.area_id = ANY(${arr(ids)}::uuid[]))`,
      )
    // A group active in the whole city is active in every district.
    ors.push(sql`g.citywide`)
    parts.push(sql`(${sql.join(ors, sql` OR `)})`)
  }
  if (p.kinds?.length)
    parts.push(
      sql`g.actor_kind IN (${sql.join(
        p.kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`,
    )
  if (p.legalForms?.length)
    parts.push(
      sql`g.legal_form IN (${sql.join(
        p.legalForms.map((k) => sql`${k}`),
        sql`, `,
      )})`,
    )
  if (p.wantsCollaboration) parts.push(sql`g.wants_collaboration`)
  return sql.join(parts, sql` AND `)
}

/** A text[] literal bound as one parameter (works on both drivers). */
function arr(xs: string[]): string {
  return `{${xs.map((x) => `"${x.replace(/["\\]/g, '')}"`).join(',')}}`
}

/**
 * The relevance score, cheap enough for every match: name hits (prefix, each term) and the
 * disclosure level; word similarity (the costly part) only for rows found by the fuzzy
 * name match alone, i.e. misspellings, which are few.
 */
function scoreOf(terms: string[], fuzzy: boolean): SQL {
  if (!terms.length) return sql`g.disclosure_level * 0.2`
  const whole = terms.join(' ')
  const likes = sql.join(terms.map(termMatch), sql` AND `)
  const nameHit = sql.join(
    terms.map((t) => sql`(strpos(g.name_norm, ${t}) > 0)::int * 2`),
    sql` + `,
  )
  const exact = sql`(strpos(g.name_norm, ${whole}) = 1)::int * 3 + ${nameHit}`
  if (!fuzzy) return sql`${exact} + g.disclosure_level * 0.2`
  return sql`(CASE WHEN ${likes} THEN ${exact} ELSE word_similarity(${whole}, g.name_norm) * 5 END) + g.disclosure_level * 0.2`
}

function orderOf(p: SearchParams): SQL {
  switch (p.sort) {
    case 'kana':
      return sql`m.name_kana, m.name, m.id`
    case 'newest':
      return sql`m.created_at DESC, m.id`
    case 'active':
      return sql`m.last_activity_at DESC, m.id`
    default:
      return sql`m.score DESC, m.last_activity_at DESC, m.id`
  }
}

/**
 * One statement: the matches are gathered once (CTE), then the page, the total and the
 * facet counts are read from them; the page's rows are fetched by id. With a query, the
 * matches are the ranked ids of the city's index (search-index.ts: readings, spelling variants,
 * synonyms, a name with one character wrong), filtered and paged in SQL in their rank order.
 */
export async function searchGroups(ctx: Ctx, p: SearchParams): Promise<SearchResult> {
  // kept while no group has changed: over 50,000 groups the first page without a query is a scan
  // with facets, and the pages of one search would rank it again each time
  let plain = false
  const r = await answers.answer(
    ctx.db,
    `${ctx.tenantId}|${JSON.stringify(p)}`,
    async () => {
      const terms = queryTerms(p.q)
      const ranked = terms.length ? await rankedGroupIds(ctx, (p.q ?? '').slice(0, 200)) : null
      plain = terms.length > 0 && !ranked
      return runSearch(ctx, p, terms, ranked)
    },
    // not the plain SQL answer given while a large city's index is first built
    () => !plain,
  )
  return { ...r, items: [...r.items] }
}

const answers = keptAnswers<SearchResult>()

async function runSearch(
  ctx: Ctx,
  p: SearchParams,
  terms: string[],
  ranked: string[] | null,
): Promise<SearchResult> {
  const perPage = Math.max(1, Math.min(100, p.perPage ?? 20))
  const page = Math.max(1, Math.min(100_000, p.page ?? 1))
  if (ranked && !ranked.length)
    return {
      items: [],
      total: 0,
      page,
      perPage,
      facets: p.facets ? { field: {}, area: {}, kind: {}, legalForm: {}, wants: 0 } : undefined,
      terms,
    }
  // ranked: the rank order is the relevance (1 is the best). Terms without ranked ids: the index
  // is not built yet (a large city just after a restart), and the plain SQL search answers
  const plain = ranked ? [] : terms
  const where = whereOf(ctx, p, plain, plain.length > 0)
  const from = ranked
    ? sql`groups g JOIN unnest(${`{${ranked.join(',')}}`}::uuid[]) WITH ORDINALITY AS r(id, ord) ON r.id = g.id`
    : sql`groups g`
  const score =
    p.sort && p.sort !== 'relevance' ? sql`0` : ranked ? sql`-r.ord` : scoreOf(plain, plain.length > 0)
  const facetsSql = p.facets
    ? sql`
          UNION ALL SELECT 'field', f, count(*), NULL, NULL FROM m, unnest(m.fields) f GROUP BY f
          UNION ALL SELECT 'area', ga.area_id::text, count(*), NULL, NULL FROM m
            JOIN group_areas ga ON ga.municipality_id = ${ctx.tenantId} AND ga.group_id = m.id GROUP BY ga.area_id
          UNION ALL SELECT 'area', 'citywide', count(*), NULL, NULL FROM m WHERE m.citywide
          UNION ALL SELECT 'kind', m.actor_kind, count(*), NULL, NULL FROM m GROUP BY m.actor_kind
          UNION ALL SELECT 'legalForm', m.legal_form, count(*), NULL, NULL FROM m GROUP BY m.legal_form
          UNION ALL SELECT 'wants', NULL, count(*), NULL, NULL FROM m WHERE m.wants_collaboration`
    : sql``
  // the page's rows come in the same statement (as JSON), so a search is one round trip
  const res = await rows<{
    dim: string
    key: string | null
    n: string | number
    ord: string | number | null
    row: any
  }>(
    ctx.db,
    sql`WITH m AS MATERIALIZED (
            SELECT g.id, g.fields, g.citywide, g.actor_kind, g.legal_form, g.wants_collaboration,
                   g.name_kana, g.name, g.created_at, g.last_activity_at, ${score} AS score
            FROM ${from} WHERE ${where}),
          t AS (
            SELECT m.id, row_number() OVER (ORDER BY ${orderOf(p)}) AS ord FROM m ORDER BY ${orderOf(p)}
            LIMIT ${perPage} OFFSET ${(page - 1) * perPage})
          SELECT 'total' AS dim, NULL AS key, count(*) AS n, NULL::bigint AS ord, NULL::json AS row FROM m
          UNION ALL SELECT 'item', t.id::text, 0, t.ord, json_build_object(
              'id', g.id, 'name', g.name, 'name_kana', g.name_kana, 'actor_kind', g.actor_kind,
              'legal_form', g.legal_form, 'fields', g.fields,
              'area_ids', ${linkedIds(groupAreaLinks, { municipalityId: sql`g.municipality_id`, id: sql`g.id` })},
              'citywide', g.citywide, 'purpose', left(g.purpose, 160), 'wants_collaboration', g.wants_collaboration,
              'status', g.status, 'disclosure_level', g.disclosure_level, 'logo_path', g.logo_path,
              'last_activity_at', g.last_activity_at, 'created_at', g.created_at)
            FROM t JOIN groups g ON g.municipality_id = ${ctx.tenantId} AND g.id = t.id
          ${facetsSql}`,
  )
  let total = 0
  const items: { ord: number; row: any }[] = []
  const facets: Facets = { field: {}, area: {}, kind: {}, legalForm: {}, wants: 0 }
  for (const r of res) {
    const n = Number(r.n)
    if (r.dim === 'total') total = n
    else if (r.dim === 'item')
      items.push({ ord: Number(r.ord), row: typeof r.row === 'string' ? JSON.parse(r.row) : r.row })
    else if (r.dim === 'wants') facets.wants = n
    else (facets as any)[r.dim][r.key ?? ''] = n
  }
  items.sort((a, b) => a.ord - b.ord)
  return {
    items: items
      .map((x) => x.row)
      .map((r) => ({
        id: r.id,
        name: r.name,
        nameKana: r.name_kana,
        actorKind: r.actor_kind,
        legalForm: r.legal_form,
        fields: uuidArray(r.fields),
        areaIds: uuidArray(r.area_ids),
        citywide: !!r.citywide,
        purpose: r.purpose,
        wantsCollaboration: !!r.wants_collaboration,
        status: r.status,
        disclosureLevel: Number(r.disclosure_level),
        logoPath: r.logo_path,
        lastActivityAt: new Date(r.last_activity_at).toISOString(),
        createdAt: new Date(r.created_at).toISOString(),
      })),
    total,
    page,
    perPage,
    facets: p.facets ? facets : undefined,
    terms,
    ...(ranked && ranked.length >= MAX_RANKED ? { capped: true } : {}),
  }
}
