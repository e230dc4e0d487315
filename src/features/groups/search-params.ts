import { z } from '@hono/zod-openapi'
import { isUuid } from '../../core/http/api.ts'
import type { SearchParams, SortKey } from './search.ts'

/** A query string as its values: one string, or several when the key repeats. */
export type RawQuery = Record<string, string | string[] | undefined>

const SORTS = ['relevance', 'kana', 'newest', 'active'] as const

const all = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

const list = (v: string[] | undefined) =>
  (v ?? [])
    .flatMap((x) => (typeof x === 'string' ? x.split(',') : []))
    .filter((x) => x && x.length < 100)
    .slice(0, 30)

/** The selection a directory page shows back in its filter form. */
export interface DirectorySelection {
  field: string[]
  area: string[]
  kind: string[]
  legal: string[]
  wants: boolean
  sort: SortKey
}

/** Directory parameters from a query string (shared by the page, the API and the exports). */
export function searchParamsFrom(query: RawQuery): SearchParams & { sel: DirectorySelection } {
  const q = one(query.q) ?? ''
  const field = list(all(query.field))
  const area = list(all(query.area)).filter((a) => a === 'citywide' || isUuid(a))
  const kind = list(all(query.kind))
  const legal = list(all(query.legal) ?? all(query.legal_form))
  const wants = one(query.wants) === '1' || one(query.wants) === 'true'
  const sortRaw = one(query.sort) ?? 'relevance'
  const sort = ((SORTS as readonly string[]).includes(sortRaw) ? sortRaw : 'relevance') as SortKey
  const page = Math.max(1, Math.min(100000, Number.parseInt(one(query.page) ?? '1', 10) || 1))
  const perPage = Math.max(1, Math.min(100, Number.parseInt(one(query.per_page) ?? '20', 10) || 20))
  return {
    q,
    fields: field,
    areas: area,
    kinds: kind,
    legalForms: legal,
    wantsCollaboration: wants,
    sort,
    page,
    perPage,
    sel: { field, area, kind, legal, wants, sort },
  }
}

/** A query parameter that may repeat. */
const many = z.union([z.string(), z.array(z.string())]).optional()

/** The directory's query string, as the JSON API declares and validates it. */
export const directoryQuery = z.object({
  q: z
    .string()
    .optional()
    .openapi({ description: 'キーワード（ひらがな・カタカナ・漢字、全角半角どちらでも）' }),
  field: many.openapi({ description: '活動分野コード（繰り返し、またはカンマ区切りで複数可）' }),
  area: many.openapi({ description: '地区ID または citywide（複数可）' }),
  kind: many.openapi({ description: '団体の種類コード（複数可）' }),
  legal_form: many.openapi({ description: '法人格コード（複数可）' }),
  legal: many.openapi({ description: 'legal_form の別名' }),
  wants: z.string().optional().openapi({ description: 'true で協働希望の団体だけ' }),
  sort: z.enum(SORTS).optional(),
  page: z.string().optional(),
  per_page: z.string().optional(),
  facets: z.string().optional().openapi({ description: 'true で分野・地区・種類・法人格ごとの件数も返す' }),
})
