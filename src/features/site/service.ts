import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
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

/** The outcome of the browser crawl with axe-core (docs/a11y-results.json, written by the e2e test). */
export interface A11yResults {
  testedAt: string
  tool: string
  browser: string
  tags: string[]
  roles: { role: string; pages: number }[]
  pagesChecked: number
  distinctPaths: number
  pagesWithViolations: number
  violations: { rule: string; pages: number }[]
}

const RESULTS = fileURLToPath(new URL('../../../docs/a11y-results.json', import.meta.url))

/** The last recorded test, or null when none has been recorded. */
export function a11yResults(): A11yResults | null {
  try {
    return JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as A11yResults
  } catch {
    return null
  }
}
