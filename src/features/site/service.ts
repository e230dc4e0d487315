import { ensureMemberships, roleLabel, rolesOf } from '../../core/roles.ts'
import type { Ctx } from '../../core/context.ts'
import { homeItems, navEntries } from '../../core/feature.ts'

/**
 * The home page's data: the main entries for this person and, when signed in, what waits for them
 * (counted by each room) and their own links.
 */
export async function homeData(ctx: Ctx) {
  const a = await ensureMemberships(ctx)
  const entries = navEntries('main', a)
    .filter((n) => n.description)
    .map((n) => ({
      href: n.href,
      title: n.label,
      text: n.description ?? '',
    }))
  if (!a) return { entries, person: null }
  const items = await homeItems({ ...ctx, actor: a })
  const person = {
    name: a.name,
    roles: rolesOf(a).map(roleLabel),
    todo: items.filter((i) => i.section === 'todo'),
    links: items.filter((i) => i.section === 'links'),
  }
  return { entries, person }
}
