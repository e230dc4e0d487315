import { sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { rows } from '../../core/db/index.ts'

type DocCtx = Pick<Ctx, 'db' | 'tenantId'>

/** Changes whenever a project of the city is added or edited. */
export async function projectsVersion(ctx: DocCtx): Promise<string> {
  const [r] = await rows<{ n: number; t: string | null }>(
    ctx.db,
    sql`SELECT count(*)::int AS n, max(updated_at)::text AS t FROM projects WHERE municipality_id = ${ctx.tenantId}`,
  )
  return `${r?.n ?? 0}@${r?.t ?? ''}`
}

/** The title and purpose of each department's projects (what it already does with partners), for routing; internal records are left out (the reasons are shown to the public). */
export async function departmentProjectTexts(ctx: DocCtx): Promise<{ departmentId: string; text: string }[]> {
  const list = await rows<{ department_id: string; title: string; purpose: string }>(
    ctx.db,
    sql`SELECT department_id, title, purpose FROM projects WHERE municipality_id = ${ctx.tenantId} AND NOT internal ORDER BY created_at, id`,
  )
  return list.map((p) => ({
    departmentId: p.department_id,
    text: [p.title, p.purpose].filter(Boolean).join('。'),
  }))
}
