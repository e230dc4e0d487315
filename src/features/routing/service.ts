import type { Ctx } from '../../core/context.ts'
import { suggestDepartments as rank } from '../../core/japanese/rank.ts'
import { cityIndex } from '../../core/search/city-index.ts'
import { departmentsVersion, org } from '../organisation/index.ts'
import { routingSources } from './sources.ts'

/**
 * 「どこの課に相談すればいいのか」: a resident's whole sentence → the departments most likely in
 * charge, ranked from their duties (所掌事務), the needs they published and the projects they run
 * (the sources in sources.ts), with the words that decided it.
 */

export interface DepartmentSuggestion {
  departmentId: string
  name: string
  /** 0–100: the share of the best answer's relevance (the best is 100). */
  score: number
  /** 高 (clearly this one), 中 (one of these), 低 (a weak lead). */
  confidence: 'high' | 'medium' | 'low'
  /** Words of the question found in the department's texts (「高齢者 ≈ お年寄り」 for synonyms). */
  reasons: string[]
  /** The department's own sentence where the words matched, with them in 【】. */
  snippet: string | null
}

type DocCtx = Pick<Ctx, 'db' | 'tenantId'>
const orgVersion = (ctx: DocCtx) => departmentsVersion(ctx)

const index = cityIndex<DocCtx>({
  name: 'routing.departments',
  fields: [
    { name: 'name', weight: 2, fuzzy: true },
    { name: 'duties', weight: 1 },
    { name: 'work', weight: 0.6 },
  ],
  async version(ctx) {
    const parts = await Promise.all([orgVersion(ctx), ...routingSources.map((s) => s.version(ctx))])
    return parts.join('|')
  },
  async documents(ctx) {
    const deps = (await org.listDepartments(ctx, { activeOnly: true })).filter((d) => d.kind !== 'bu')
    const work = new Map<string, string[]>()
    for (const s of routingSources) {
      for (const t of await s.texts(ctx)) {
        const list = work.get(t.departmentId) ?? []
        list.push(t.text)
        work.set(t.departmentId, list)
      }
    }
    return deps.map((d) => ({
      id: d.id,
      fields: { name: d.name, duties: d.duties, work: (work.get(d.id) ?? []).join('\n').slice(0, 4000) },
    }))
  },
})

export async function suggestDepartments(ctx: DocCtx, q: string, limit = 5): Promise<DepartmentSuggestion[]> {
  const text = q.normalize('NFKC').trim().slice(0, 1000)
  if (!text) return []
  const idx = await index.get(ctx)
  const hits = rank(idx, text, limit)
  if (!hits.length) return []
  const names = new Map((await org.listDepartments(ctx)).map((d) => [d.id, d.name]))
  const top = hits[0].score || 1
  return hits.map((h) => ({
    departmentId: h.id,
    name: names.get(h.id) ?? '',
    score: Math.max(1, Math.round((100 * h.score) / top)),
    confidence: h.confidence,
    reasons: h.matched.map((m) => m.label),
    snippet: h.snippet?.marked ?? null,
  }))
}

export const resetRoutingIndex = () => index.reset()
