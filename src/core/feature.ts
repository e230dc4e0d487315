import type { OpenAPIHono } from '@hono/zod-openapi'
import type { SQL } from 'drizzle-orm'
import type { Hono } from 'hono'
import type { AccessCase, Fixtures } from './access.ts'
import type { Actor } from './actor.ts'
import type { AppEnv, Ctx } from './context.ts'
import type { DemoStep } from './demo.ts'
import type { Job } from './jobs/index.ts'

/**
 * The contract every capability (feature room) fulfils: one object, exported from the room's
 * `index.ts`, that says everything the room provides. The app, the schema, the scheduler, the demo
 * loader, the access matrix and the navigation iterate the installed features; the core itself
 * imports no feature. Adding a capability is one folder and one line in src/features/index.ts.
 */
export interface Feature {
  /** The room's folder name (e.g. 'groups'). */
  name: string
  /** What a person calls it, in Japanese (e.g. 団体データベース). */
  title: string
  /** Server-rendered pages, mounted at '/'. */
  routes?: Hono<AppEnv>
  /** JSON API routes, mounted under /api/v1 and described in /api/openapi.json. */
  api?: OpenAPIHono<AppEnv>
  /** The room's tables: `import * as tables from './schema.ts'`. */
  tables?: Record<string, unknown>
  /** Authorisation rules the room owns, keyed '<object>.<verb>' (see core/policy.ts). */
  policy?: Record<string, Rule>
  /** Roles and memberships the room adds to the actor (loaded on first use). */
  memberships?: MembershipSource[]
  /** Roles the room defines, derived from memberships or account flags. */
  roles?: RoleSource[]
  /** Grants an invitation's role (e.g. department staff, group member) when it is accepted. */
  invitations?: InvitationGrant[]
  /** Scheduled jobs (run once per interval per city). */
  jobs?: Job[]
  /**
   * Write routes whose use case keeps its own transactions instead of the one per request
   * (core/http/write-tx.ts): e.g. an import started as a background job that outlives the request.
   * 'POST /groups/import' (exact paths; `:name` matches one segment).
   */
  ownTransactions?: string[]
  /**
   * Write routes a link in a mail posts without a session, authorised by the `token` in its URL
   * (RFC 8058 one-click unsubscribe): the CSRF check is skipped for them when `?token=` is present.
   * Same form as `ownTransactions`; the use case must refuse a wrong token.
   */
  tokenPosts?: string[]
  /** Demo data, run in ascending `order` (organisation first, then groups, needs, …). */
  demo?: { order: number; seed: DemoStep }
  /** Rows of the authorisation matrix: every route of the room × every role. */
  access?: (fx: Fixtures) => AccessCase[]
  /** Menu entries, shown to the actors `visible` allows. */
  nav?: NavEntry[]
  /** What the room adds to the signed-in home page ("what waits for you"). */
  home?: HomeContribution[]
  /** Prepares in-process state after start-up, in the background (e.g. building search indexes). */
  warm?: (db: Ctx['db']) => Promise<void>
  /**
   * Work a staff member holds in this room (an open pairing, a project, a consultation, an action
   * item) that a hand-over (引継ぎ) gives to a successor when they leave the department.
   */
  holdings?: HoldingSource[]
  /**
   * Things of this room other rooms may be about (a meeting about a consultation): read back by
   * type and id, null when it does not exist or the actor may not see it.
   */
  subjects?: SubjectSource[]
  /**
   * Attempts of this room that did not become a collaboration (a proposal not adopted), for the
   * 事例集's 「成案化しなかった事例」 (shown to city staff only). Never carry a group's name.
   */
  declinedCases?: (ctx: Ctx) => Promise<DeclinedCase[]>
}

/** One attempt that did not come about, with why (成案化しなかった原因). */
export interface DeclinedCase {
  /** The source's kind, e.g. 'proposal'. */
  kind: string
  /** What became of it, in words (e.g. 不採択). */
  kindLabel: string
  title: string
  /** Where it came from (e.g. the programme's title). */
  context: string
  /** 年度 (西暦), null when it has none. */
  fiscalYear: number | null
  /** When it stopped (YYYY-MM-DD in Tokyo), null when unknown. */
  closedOn: string | null
  reason: string
}

/** A kind of record other rooms can refer to by (type, id). */
export interface SubjectSource {
  type: string
  label: string
  resolve(
    ctx: Ctx,
    id: string,
  ): Promise<{ title: string; href: string; departmentId: string | null; groupIds: string[] } | null>
}

/** One piece of work a person holds, as the hand-over pages list it. */
export interface Holding {
  /** The source's kind, e.g. 'pairing'. */
  kind: string
  id: string
  title: string
  /** Its page. */
  href: string
  /** Its state in words (e.g. 調整中). */
  state: string
  /** Groups taking part, told who their new contact is. */
  groupIds: string[]
}

/** A kind of work a room lets people hold and hand over. */
export interface HoldingSource {
  kind: string
  /** What a person calls it (e.g. 組み合わせの調整). */
  label: string
  /** The open items `userId` holds. */
  heldBy(ctx: Ctx, userId: string): Promise<Holding[]>
  /** Open items whose holder is gone (no one, or a disabled account): the coordinator's list. */
  unheld(ctx: Ctx): Promise<(Holding & { holderId: string | null })[]>
  /**
   * Gives these items (held by `from`, or by no one when `from` is null) to `to`, inside the caller's
   * transaction, keeping a note in the item's own history; returns how many moved.
   */
  reassign(ctx: Ctx, ids: string[], from: string | null, to: string): Promise<number>
}

/** A kind of membership a room keeps (e.g. which departments a user belongs to). */
export interface MembershipSource {
  /** Key in `actor.memberships` (declare its type by merging into the Memberships interface). */
  key: string
  /**
   * One SELECT of (ref text, role text) rows for this user, scoped by city. The core unions every
   * room's fragment into a single query, read with the session on every signed-in request.
   * `userId` may be a column rather than a value: interpolate it into the SQL, nothing else.
   */
  query(tenantId: string, userId: string | SQL): SQL
  /** Turn the rows into the value stored at `actor.memberships[key]`. */
  fold(rows: { ref: string; role: string }[]): unknown
}

export interface RoleSource {
  role: string
  /** Label shown to people (e.g. 担当課職員). */
  label: string
  /** Whether the actor holds this role (memberships are loaded when this is asked). */
  holds(a: Actor): boolean
  /** Roles on the city-hall side (department staff) see staff-only fields. */
  cityStaff?: boolean
}

export interface InvitationGrant {
  /** The invitation role this room grants (e.g. 'staff', 'group_member'). */
  role: string
  label: string
  grant(ctx: Ctx, userId: string, payload: Record<string, unknown>): Promise<void>
}

/** main: the header menu; work: the second header menu of staff and coordinators' work; admin, account. */
export type NavPlace = 'main' | 'work' | 'admin' | 'account'
export interface NavEntry {
  place: NavPlace
  /** The section key pages pass to mark the entry as current. */
  key: string
  href: string
  label: string
  /** Lower first. */
  order: number
  /** One sentence shown on the home page's cards (main menu entries). */
  description?: string
  /** Who sees it (default: everyone). */
  visible?: (a: Actor | null) => boolean
  /** A number shown beside the label (e.g. unread notices); 0 shows nothing. */
  count?: (ctx: Ctx) => Promise<number>
  /**
   * The same number as one scalar SQL query (a count, scoped by city), preferred over `count`:
   * the header reads every menu's countSql in a single query per page. Null: 0.
   */
  countSql?: (ctx: Ctx) => SQL | null
}

/** One line of the signed-in home page: a link, and how many things wait there (if counted). */
export interface HomeItem {
  href: string
  label: string
  /** How many things wait for the actor there; 0 is shown as 「なし」, undefined shows no number. */
  count?: number
}

/**
 * What the room adds to the signed-in home page ("what waits for you"). `links` are plain links;
 * `items` may count what waits (memberships are loaded before either is asked).
 */
export interface HomeContribution {
  order: number
  /** The heading the items are shown under (default: the actor's own page). */
  section?: 'todo' | 'links'
  links?(a: Actor): { href: string; label: string }[]
  items?(ctx: Ctx & { actor: Actor }): Promise<HomeItem[]>
}

/** An authorisation rule: may this actor do this to this resource (typed per room in its policy.ts). */
export type Rule = (a: Actor | null, resource: any) => boolean

let installed: Feature[] = []

/** Called once by the app with the list in src/features/index.ts. */
export function installFeatures(list: Feature[]) {
  const names = new Set<string>()
  for (const f of list) {
    if (names.has(f.name)) throw new Error(`feature ${f.name} is listed twice`)
    names.add(f.name)
  }
  installed = list
}

export function installedFeatures(): readonly Feature[] {
  return installed
}

/** The room that knows records of this type, if any. */
export function subjectSource(type: string): SubjectSource | undefined {
  return installed.flatMap((f) => f.subjects ?? []).find((s) => s.type === type)
}

/** Every room's kinds of work that can be held and handed over. */
export function holdingSources(): HoldingSource[] {
  return installed.flatMap((f) => f.holdings ?? [])
}

/** Every room's attempts that did not come about, newest first (each room's list runs in parallel). */
export async function declinedCases(ctx: Ctx): Promise<DeclinedCase[]> {
  const lists = await Promise.all(installed.flatMap((f) => (f.declinedCases ? [f.declinedCases(ctx)] : [])))
  return lists.flat().sort((a, b) => (b.closedOn ?? '').localeCompare(a.closedOn ?? ''))
}

/** Every nav entry of the installed features for one place, ordered. */
export function navEntries(place: NavPlace, actor: Actor | null): NavEntry[] {
  return installed
    .flatMap((f) => f.nav ?? [])
    .filter((n) => n.place === place && (!n.visible || n.visible(actor)))
    .sort((a, b) => a.order - b.order)
}

/** The home page's items of every room for one signed-in actor, in order (each room's counts run in parallel). */
export async function homeItems(
  ctx: Ctx & { actor: Actor },
): Promise<(HomeItem & { section: 'todo' | 'links' })[]> {
  const hs = installed.flatMap((f) => f.home ?? []).sort((a, b) => a.order - b.order)
  const lists = await Promise.all(
    hs.map(async (h) => {
      const section = h.section ?? (h.items ? 'todo' : 'links')
      const items = [...(h.links?.(ctx.actor) ?? []), ...((await h.items?.(ctx)) ?? [])]
      return items.map((i) => ({ ...i, section }))
    }),
  )
  return lists.flat()
}

function routeListed(list: (f: Feature) => string[] | undefined, method: string, path: string) {
  for (const f of installed)
    for (const r of list(f) ?? []) {
      const [m, p] = r.split(' ')
      if (m !== method) continue
      const re = new RegExp(`^${p.replace(/:[^/]+/g, '[^/]+')}$`)
      if (re.test(path)) return true
    }
  return false
}

/** Whether a write request's route keeps its own transactions (a room's `ownTransactions`). */
export const ownsTransactions = (method: string, path: string) =>
  routeListed((f) => f.ownTransactions, method, path)

/** Whether a write route is posted from a mail with its token (a room's `tokenPosts`). */
export const isTokenPost = (method: string, path: string) => routeListed((f) => f.tokenPosts, method, path)
