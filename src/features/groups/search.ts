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
import { normalizeForSearch } from '../../core/japanese/index.ts'
import { ACTOR_KINDS, LEGAL_FORMS, labelOf, RESOURCES } from '../../core/vocabulary.ts'
import { PUBLIC_STATUSES } from './domain.ts'

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
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Split a query the way people type it: spaces (full- or half-width) separate terms. */
export function queryTerms(q: string | undefined): string[] {
  if (!q) return []
  return normalizeForSearch(q.slice(0, 200)).split(' ').filter(Boolean).slice(0, 8)
}

export function whereOf(ctx: Ctx, p: SearchParams, terms: string[]): SQL {
  const parts: SQL[] = [sql`g.municipality_id = ${ctx.tenantId}`]
  const statuses = p.statuses?.length ? p.statuses : PUBLIC_STATUSES
  parts.push(
    sql`g.status IN (${sql.join(
      statuses.map((s) => sql`${s}`),
      sql`, `,
    )})`,
  )
  if (terms.length) {
    const likes = sql.join(
      terms.map((t) => sql`g.search_text LIKE ${`%${likeEscape(t)}%`}`),
      sql` AND `,
    )
    const whole = terms.join(' ')
    // A misspelt or partial name: fuzzy word similarity on the name (3+ characters).
    if ([...whole].length >= 3) parts.push(sql`((${likes}) OR g.name_norm %> ${whole})`)
    else parts.push(sql`(${likes})`)
  }
  if (p.fields?.length) parts.push(sql`g.fields && ${arr(p.fields)}::text[]`)
  if (p.areas?.length) {
    const ids = p.areas.filter((a) => a !== 'citywide')
    const ors: SQL[] = []
    if (ids.length) ors.push(sql`g.area_ids && ${arr(ids)}::uuid[]`)
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

function orderOf(p: SearchParams, terms: string[]): SQL {
  switch (p.sort) {
    case 'kana':
      return sql`g.name_kana, g.name, g.id`
    case 'newest':
      return sql`g.created_at DESC, g.id`
    case 'active':
      return sql`g.last_activity_at DESC, g.id`
    default: {
      if (!terms.length) return sql`g.disclosure_level DESC, g.last_activity_at DESC, g.id`
      const whole = terms.join(' ')
      const nameHit = sql.join(
        terms.map((t) => sql`(g.name_norm LIKE ${`%${likeEscape(t)}%`})::int`),
        sql` + `,
      )
      return sql`(${nameHit}) * 2 + word_similarity(${whole}, g.name_norm) * 3 + g.disclosure_level * 0.2 DESC, g.last_activity_at DESC, g.id`
    }
  }
}

export async function searchGroups(ctx: Ctx, p: SearchParams): Promise<SearchResult> {
  const terms = queryTerms(p.q)
  const perPage = Math.max(1, Math.min(100, p.perPage ?? 20))
  const page = Math.max(1, Math.min(100_000, p.page ?? 1))
  const where = whereOf(ctx, p, terms)
  const items = await rows<any>(
    ctx.db,
    sql`SELECT g.id, g.name, g.name_kana, g.actor_kind, g.legal_form, g.fields, g.area_ids, g.citywide,
          left(g.purpose, 160) AS purpose, g.wants_collaboration, g.status, g.disclosure_level, g.logo_path,
          g.last_activity_at, g.created_at
        FROM groups g WHERE ${where}
        ORDER BY ${orderOf(p, terms)}
        LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
  )
  let total = 0
  let facets: Facets | undefined
  if (p.facets) {
    const counts = await rows<{ dim: string; key: string | null; n: string | number }>(
      ctx.db,
      sql`WITH m AS MATERIALIZED (SELECT g.fields, g.area_ids, g.citywide, g.actor_kind, g.legal_form, g.wants_collaboration
                     FROM groups g WHERE ${where})
          SELECT 'total' AS dim, NULL AS key, count(*) AS n FROM m
          UNION ALL SELECT 'field', f, count(*) FROM m, unnest(m.fields) f GROUP BY f
          UNION ALL SELECT 'area', a::text, count(*) FROM m, unnest(m.area_ids) a GROUP BY a
          UNION ALL SELECT 'area', 'citywide', count(*) FROM m WHERE m.citywide
          UNION ALL SELECT 'kind', m.actor_kind, count(*) FROM m GROUP BY m.actor_kind
          UNION ALL SELECT 'legalForm', m.legal_form, count(*) FROM m GROUP BY m.legal_form
          UNION ALL SELECT 'wants', NULL, count(*) FROM m WHERE m.wants_collaboration`,
    )
    facets = { field: {}, area: {}, kind: {}, legalForm: {}, wants: 0 }
    for (const r of counts) {
      const n = Number(r.n)
      if (r.dim === 'total') total = n
      else if (r.dim === 'wants') facets.wants = n
      else (facets as any)[r.dim][r.key ?? ''] = n
    }
  } else {
    const [c] = await rows<{ n: string | number }>(
      ctx.db,
      sql`SELECT count(*) AS n FROM groups g WHERE ${where}`,
    )
    total = Number(c.n)
  }
  return {
    items: items.map((r) => ({
      id: r.id,
      name: r.name,
      nameKana: r.name_kana,
      actorKind: r.actor_kind,
      legalForm: r.legal_form,
      fields: pgArray(r.fields),
      areaIds: pgArray(r.area_ids),
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
    facets,
    terms,
  }
}

/** Arrays come back as JS arrays from both drivers, or as '{a,b}' text from some paths. */
function pgArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String)
  if (typeof v === 'string' && v.startsWith('{'))
    return v
      .slice(1, -1)
      .split(',')
      .filter(Boolean)
      .map((x) => x.replace(/^"|"$/g, ''))
  return []
}
