import { sql } from 'drizzle-orm'
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { ensureMemberships } from '../roles.ts'
import type { AppEnv, Ctx } from '../context.ts'
import { rows } from '../db/index.ts'
import { type NavEntry, navEntries } from '../feature.ts'
import { Page } from '../ui/layout.tsx'

export interface RenderOptions {
  section?: string
  crumbs?: { label: string; href?: string }[]
  status?: 200 | 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 503
  /** Extra elements of the page's head (its scripts, which only enhance it; a noscript refresh). */
  head?: Child
}

type Counted = NavEntry & { n?: number }

/**
 * The header's two menus (main, work) with their counts: every visible entry's `countSql` in one
 * query, and an entry that only has a `count` function by that function.
 */
async function menusWithCounts(ctx: Ctx): Promise<[Counted[], Counted[]]> {
  const main = navEntries('main', ctx.actor)
  const entries = [...main, ...navEntries('work', ctx.actor)]
  const queries = entries.map((e) => e.countSql?.(ctx) ?? null)
  const asked = queries.flatMap((q, i) => (q ? [i] : []))
  const found = new Map<number, number>()
  if (asked.length) {
    const [r] = await rows<Record<string, number | string | null>>(
      ctx.db,
      sql`SELECT ${sql.join(
        asked.map((i) => sql`(${queries[i]})::int AS ${sql.identifier(`c${i}`)}`),
        sql`, `,
      )}`,
    )
    for (const i of asked) found.set(i, Number(r?.[`c${i}`] ?? 0))
  }
  const counted = await Promise.all(
    entries.map(
      async (e, i): Promise<Counted> => ({
        ...e,
        n: e.countSql ? (found.get(i) ?? 0) : e.count ? await e.count(ctx) : undefined,
      }),
    ),
  )
  return [counted.slice(0, main.length), counted.slice(main.length)]
}

/** Render a full page inside the site layout. */
export async function render(c: Context<AppEnv>, title: string, body: Child, opts: RenderOptions = {}) {
  const ctx = c.get('ctx')
  await ensureMemberships(ctx)
  const [nav, work] = await menusWithCounts(ctx)
  const html = (
    <Page
      title={title}
      municipality={ctx.municipality}
      actor={ctx.actor}
      csrfToken={c.get('csrfToken')}
      flash={c.get('flash')}
      section={opts.section}
      crumbs={opts.crumbs}
      nav={nav}
      work={work}
      head={opts.head}
    >
      {body}
    </Page>
  )
  return c.html(html as any, opts.status ?? 200)
}

/** A page whose title is also its one <h1> (for views that start at <h2>). */
export const renderTitled = (c: Context<AppEnv>, title: string, body: Child, opts?: RenderOptions) =>
  render(
    c,
    title,
    <>
      <h1>{title}</h1>
      {body}
    </>,
    opts,
  )

/** Form body as a plain object; repeated names become arrays. */
export async function formBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const body = await c.req.parseBody({ all: true })
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue
    out[k.endsWith('[]') ? k.slice(0, -2) : k] = v
  }
  return out
}
