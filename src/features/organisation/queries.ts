import { sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { rows } from '../../core/db/index.ts'

/** Changes whenever a department of the city is added, edited or (de)activated. */
export async function departmentsVersion(ctx: Pick<Ctx, 'db' | 'tenantId'>): Promise<string> {
  const [r] = await rows<{ n: number; t: string | null }>(
    ctx.db,
    sql`SELECT count(*)::int AS n, max(updated_at)::text AS t FROM departments WHERE municipality_id = ${ctx.tenantId}`,
  )
  return `${r?.n ?? 0}@${r?.t ?? ''}`
}
