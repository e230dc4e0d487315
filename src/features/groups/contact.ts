import { and, eq } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { mayView, viewLevelOf, visibilityOf } from './domain.ts'
import { groups } from './schema.ts'

/**
 * The group's contact e-mail, when the group agreed the acting person may use it: the address is
 * filled in and its visibility (連絡先の公開範囲) lets the actor see it. Otherwise null — the caller
 * must then say that nobody could be reached.
 */
export async function groupContactEmailFor(ctx: Ctx, groupId: string): Promise<string | null> {
  const [g] = await ctx.db
    .select({ email: groups.contactEmail, vis: groups.contactVisibility, status: groups.status })
    .from(groups)
    .where(and(eq(groups.municipalityId, ctx.tenantId), eq(groups.id, groupId)))
  if (!g?.email.trim() || g.status !== 'published') return null
  return mayView(viewLevelOf(ctx.actor), visibilityOf(g.vis, 'contactEmail')) ? g.email.trim() : null
}
