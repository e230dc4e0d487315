import { and, asc, desc, eq, getTableColumns, inArray } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import type { Ctx } from '../../core/context.ts'
import { idSet, linkedIds, links, setLinks } from '../../core/db/links.ts'
import { inCity, inTransaction } from '../../core/db/tenant.ts'
import { AppError } from '../../core/errors.ts'
import { normalizeForSearch } from '../../core/japanese/index.ts'
import { can } from '../../core/policy.ts'
import { getGroup, getGroups } from '../groups/index.ts'
import { menuItems, offerAreas, offers } from './schema.ts'
import { offerIdsForSentence, rankedOfferIds } from './search.ts'

/** An offer's areas (offer_areas). */
export const offerAreaLinks = links(offerAreas, offerAreas.offerId, offerAreas.areaId)

/** An offer row with its areas (from offer_areas, sorted). */
export type Offer = typeof offers.$inferSelect & { areaIds: string[] }
/** Every column of offers and `areaIds`: what every read of a whole offer selects. */
export const offerColumns = { ...getTableColumns(offers), areaIds: linkedIds(offerAreaLinks, offers) }

const T = (ctx: Ctx) => ctx.tenantId

// ------------------------------------------------------------------ offers

export interface OfferInput {
  groupId: string
  title: string
  body: string
  fields: string[]
  areaIds: string[]
  citywide: boolean
  forms: string[]
  resources: string[]
  timing: string
}

export async function createOffer(ctx: Ctx, d: OfferInput): Promise<Offer> {
  const g = await getGroup(ctx, d.groupId)
  if (!g || !can(ctx.actor, 'offer.edit', { groupId: d.groupId }))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      groupId: '団体は、あなたが所属する団体を選んでください',
    })
  const { areaIds: given, ...cols } = d
  const areaIds = idSet(given)
  const vals = { ...cols, searchText: normalizeForSearch(`${d.title} ${d.body} ${g.name}`) }
  return inTransaction(ctx, async (tx) => {
    const [o] = await tx.db
      .insert(offers)
      .values({ municipalityId: T(tx), ...vals, authorId: tx.actor?.userId ?? null })
      .returning()
    await setLinks(tx, offerAreaLinks, o.id, areaIds)
    await audit(tx, {
      action: 'offer.create',
      entityType: 'offer',
      entityId: o.id,
      changes: diff(null, { ...d, areaIds } as any),
    })
    return { ...o, areaIds }
  })
}

/** Offers of published groups only. */
export async function listOffers(ctx: Ctx, f: { q?: string; field?: string; form?: string; page?: number }) {
  const rows = await ctx.db
    .select(offerColumns)
    .from(offers)
    .where(and(eq(offers.municipalityId, T(ctx)), eq(offers.status, 'published')))
    .orderBy(desc(offers.createdAt))
  const gs = new Map((await getGroups(ctx, [...new Set(rows.map((o) => o.groupId))])).map((g) => [g.id, g]))
  // a query: the ranked ids of the city's offers index, in rank order
  const ranked = (f.q ?? '').trim() ? await rankedOfferIds(ctx, f.q ?? '') : null
  const rank = ranked ? new Map(ranked.map((id, i) => [id, i])) : null
  const visible = rows
    .filter((o) => gs.get(o.groupId)?.status === 'published')
    .filter((o) => !rank || rank.has(o.id))
  if (rank) visible.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!)
  const pass = (o: Offer, skip?: string) =>
    (skip === 'field' || !f.field || o.fields.includes(f.field)) &&
    (skip === 'form' || !f.form || o.forms.includes(f.form))
  const count = (skip: string, key: (o: Offer) => string[]) => {
    const m = new Map<string, number>()
    for (const o of visible) if (pass(o, skip)) for (const k of key(o)) m.set(k, (m.get(k) ?? 0) + 1)
    return m
  }
  const items = visible.filter((o) => pass(o))
  const page = f.page ?? 1
  return {
    total: items.length,
    items: items
      .slice((page - 1) * 20, page * 20)
      .map((o) => ({ ...o, groupName: gs.get(o.groupId)?.name ?? '' })),
    facets: { field: count('field', (o) => o.fields), form: count('form', (o) => o.forms) },
  }
}

export async function getOffer(ctx: Ctx, id: string) {
  const [o] = await ctx.db
    .select(offerColumns)
    .from(offers)
    .where(and(eq(offers.municipalityId, T(ctx)), eq(offers.id, id)))
  if (!o) return null
  const g = await getGroup(ctx, o.groupId)
  if (!g) return null
  if (g.status !== 'published' && !can(ctx.actor, 'offer.edit', { groupId: g.id })) return null
  return { ...o, group: g }
}

// ------------------------------------------------------------------ menu and plans

export async function listMenu(ctx: Ctx) {
  return ctx.db
    .select()
    .from(menuItems)
    .where(and(eq(menuItems.municipalityId, T(ctx)), eq(menuItems.active, true)))
    .orderBy(asc(menuItems.sortOrder), asc(menuItems.createdAt))
}

export async function createMenuItem(
  ctx: Ctx,
  d: typeof menuItems.$inferInsert extends infer X ? Omit<X, 'municipalityId'> : never,
) {
  const [m] = await ctx.db
    .insert(menuItems)
    .values({ ...d, municipalityId: T(ctx) })
    .returning()
  await audit(ctx, {
    action: 'menu.create',
    entityType: 'menu_item',
    entityId: m.id,
    changes: diff(null, d as any),
  })
  return m
}

export async function getMenuItem(ctx: Ctx, id: string) {
  const [m] = await ctx.db
    .select()
    .from(menuItems)
    .where(and(eq(menuItems.municipalityId, T(ctx)), eq(menuItems.id, id)))
  return m ?? null
}

export async function updateMenuItem(
  ctx: Ctx,
  before: typeof menuItems.$inferSelect,
  d: Record<string, unknown>,
) {
  const [m] = await ctx.db
    .update(menuItems)
    .set({ ...d, updatedAt: new Date() })
    .where(and(eq(menuItems.municipalityId, T(ctx)), eq(menuItems.id, before.id)))
    .returning()
  await audit(ctx, {
    action: 'menu.update',
    entityType: 'menu_item',
    entityId: m.id,
    changes: diff(before as any, d),
  })
  return m
}

// ------------------------------------------------------------------ reads for other rooms

/** Published offers of this city, every group's (callers keep those of published groups). */
export async function publishedOffers(ctx: Ctx): Promise<Offer[]> {
  return ctx.db
    .select(offerColumns)
    .from(offers)
    .where(inCity(ctx, offers, eq(offers.status, 'published')))
}

/** Published offers of the given groups: what matching adds to a group's profile. */
export async function publishedOffersOfGroups(ctx: Ctx, groupIds: string[]) {
  if (!groupIds.length) return [] as { id: string; groupId: string; forms: string[]; resources: string[] }[]
  return ctx.db
    .select({ id: offers.id, groupId: offers.groupId, forms: offers.forms, resources: offers.resources })
    .from(offers)
    .where(inCity(ctx, offers, eq(offers.status, 'published'), inArray(offers.groupId, groupIds)))
}

/** Titles of offers by id. */
export async function offerTitles(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await ctx.db
    .select({ id: offers.id, title: offers.title })
    .from(offers)
    .where(inCity(ctx, offers, inArray(offers.id, ids)))
  return new Map(rows.map((o) => [o.id, o.title]))
}

/** Published offers of published groups matching a sentence, best first, with the group's name. */
export async function relatedOffers(
  ctx: Ctx,
  q: string,
  limit = 3,
): Promise<{ id: string; title: string; groupId: string; groupName: string }[]> {
  const ids = await offerIdsForSentence(ctx, q, 60)
  if (!ids.length) return []
  const list = await ctx.db
    .select({ id: offers.id, title: offers.title, groupId: offers.groupId })
    .from(offers)
    .where(inCity(ctx, offers, eq(offers.status, 'published'), inArray(offers.id, ids)))
  const gs = new Map((await getGroups(ctx, [...new Set(list.map((o) => o.groupId))])).map((g) => [g.id, g]))
  const byId = new Map(list.filter((o) => gs.get(o.groupId)?.status === 'published').map((o) => [o.id, o]))
  return ids
    .flatMap((i) => (byId.has(i) ? [byId.get(i)!] : []))
    .slice(0, limit)
    .map((o) => ({ ...o, groupName: gs.get(o.groupId)?.name ?? '' }))
}

/** Active items of the 協働メニュー offered by the given departments. */
export async function menuItemsOfDepartments(ctx: Ctx, departmentIds: string[]) {
  if (!departmentIds.length) return [] as { id: string; title: string; departmentId: string | null }[]
  return ctx.db
    .select({ id: menuItems.id, title: menuItems.title, departmentId: menuItems.departmentId })
    .from(menuItems)
    .where(inCity(ctx, menuItems, eq(menuItems.active, true), inArray(menuItems.departmentId, departmentIds)))
    .orderBy(asc(menuItems.sortOrder), asc(menuItems.title))
}
