import { ensureMemberships, roleLabel, rolesOf } from '../../core/roles.ts'
import type { Ctx } from '../../core/context.ts'
import { installedFeatures, navEntries } from '../../core/feature.ts'

/** The home page's data: the main entries for this person and, when signed in, their own links. */
export async function homeData(ctx: Ctx) {
  const a = await ensureMemberships(ctx)
  const entries = navEntries('main', a).map((n) => ({
    href: n.href,
    title: n.label,
    text: n.description ?? '',
  }))
  const person = a
    ? {
        name: a.name,
        roles: rolesOf(a).map(roleLabel),
        links: installedFeatures()
          .flatMap((f) => f.home ?? [])
          .sort((x, y) => x.order - y.order)
          .flatMap((h) => h.links(a)),
      }
    : null
  return { entries, person }
}
