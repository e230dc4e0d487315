import { and, asc, count, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm'
import { audit } from '../../core/audit/index.ts'
import { countOf } from '../../core/db/index.ts'
import type { Ctx } from '../../core/context.ts'
import { users } from '../../core/db/schema.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { AppError } from '../../core/errors.ts'
import { type Holding, holdingSources } from '../../core/feature.ts'
import { can } from '../../core/policy.ts'
import { groupMemberIds } from '../groups/index.ts'
import { coordinatorIds, notify } from '../notifications/index.ts'
import { org } from '../organisation/index.ts'
import { type HandoverInput, REMIND_AFTER_DAYS } from './domain.ts'
import { handoverItems, handovers } from './schema.ts'

export type Handover = typeof handovers.$inferSelect
export type HandoverItem = typeof handoverItems.$inferSelect

export interface Person {
  id: string
  name: string
  email: string
  disabled: boolean
  departments: string[]
}

const nameOf = (u: { familyName: string; givenName: string; email: string }) =>
  `${u.familyName} ${u.givenName}`.trim() || u.email

/** People by id with their departments (names), for the pages. */
export async function people(ctx: Ctx, ids: string[]): Promise<Map<string, Person>> {
  const uniq = [...new Set(ids.filter(Boolean))]
  if (!uniq.length) return new Map()
  const us = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.municipalityId, ctx.tenantId), inArray(users.id, uniq)))
  const out = new Map<string, Person>()
  for (const u of us)
    out.set(u.id, {
      id: u.id,
      name: nameOf(u),
      email: u.email,
      disabled: !!u.disabledAt,
      departments: (await org.departmentsOfUser(ctx, u.id)).map((d) => d.name),
    })
  return out
}

/** Who can take work over: active accounts that work in a department, or coordinate. */
export async function successors(ctx: Ctx): Promise<Person[]> {
  const staff = await org.departmentMemberIds(ctx)
  const us = await ctx.db
    .select()
    .from(users)
    .where(
      and(
        eq(users.municipalityId, ctx.tenantId),
        isNull(users.disabledAt),
        or(
          eq(users.isCoordinator, true),
          eq(users.isAdmin, true),
          staff.length ? inArray(users.id, staff) : undefined,
        ),
      ),
    )
    .orderBy(asc(users.familyNameKana), asc(users.email))
  const ps = await people(
    ctx,
    us.map((u) => u.id),
  )
  return us.map((u) => ps.get(u.id)!).filter(Boolean)
}

/** Everything a person holds, by kind (every room's holding sources). */
export async function holdingsOf(ctx: Ctx, userId: string) {
  const out: { kind: string; label: string; items: Holding[] }[] = []
  for (const s of holdingSources())
    out.push({ kind: s.kind, label: s.label, items: await s.heldBy(ctx, userId) })
  return out
}

/** Open work whose holder is gone (no one, or a disabled account). */
export async function unheld(ctx: Ctx) {
  const out: { kind: string; label: string; items: (Holding & { holderId: string | null })[] }[] = []
  for (const s of holdingSources()) out.push({ kind: s.kind, label: s.label, items: await s.unheld(ctx) })
  return out
}

/** A department's staff with how much each holds, and the work of no one (the coordinator's view). */
export async function departmentHoldings(ctx: Ctx, departmentId: string) {
  const ids = await org.departmentMemberIds(ctx, departmentId)
  const ps = await people(ctx, ids)
  const rows = []
  for (const id of ids) {
    const h = await holdingsOf(ctx, id)
    rows.push({ person: ps.get(id)!, byKind: h, total: h.reduce((n, k) => n + k.items.length, 0) })
  }
  return rows.filter((r) => r.person).sort((a, b) => b.total - a.total)
}

/**
 * Hands the chosen items of `fromUserId` (or, for the coordinator, work of no one: from = the
 * person who held it) to the successor, in one transaction with the record and its audit row;
 * then the successor and the groups taking part are told (groups learn only the new contact).
 */
export async function createHandover(
  ctx: Ctx,
  d: HandoverInput,
  opts: { unheld?: boolean } = {},
): Promise<Handover> {
  const ps = await people(ctx, [d.fromUserId, d.toUserId])
  const from = ps.get(d.fromUserId)
  if (!from)
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      fromUserId: '引き継ぐ人が見つかりません',
    })
  if (!can(ctx.actor, 'handover.create', { userId: d.fromUserId }))
    throw new AppError(403, 'forbidden', 'ほかの人の案件を引き継ぐ操作は、協働推進課と管理者だけができます。')
  const okTo = (await successors(ctx)).some((p) => p.id === d.toUserId)
  if (!okTo)
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      toUserId: '後任者は、課に所属しているか協働推進課の、利用を停止していない人から選んでください',
    })
  const sources = new Map(holdingSources().map((s) => [s.kind, s]))
  // what the person holds now (and, for the coordinator, what no one holds)
  // what the person holds now, or (the coordinator assigning it) the work no one holds
  const held = new Map<string, Holding>()
  const orphaned = new Map<string, Holding>()
  if (opts.unheld) {
    if (!can(ctx.actor, 'handover.oversee') || d.fromUserId !== ctx.actor?.userId)
      throw new AppError(403, 'forbidden', '担当者のいない案件を割り当てられるのは協働推進課と管理者です。')
    for (const s of sources.values())
      for (const h of await s.unheld(ctx)) orphaned.set(`${h.kind}:${h.id}`, h)
  } else
    for (const s of sources.values())
      for (const h of await s.heldBy(ctx, d.fromUserId)) held.set(`${h.kind}:${h.id}`, h)
  const chosen = d.items.map((k) => ({ key: k, h: held.get(k) ?? orphaned.get(k) }))
  const missing = chosen.filter((x) => !x.h)
  if (missing.length)
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      items: `選んだ案件のうち${missing.length}件は、もうこの人の担当ではありません。画面を開き直してください`,
    })
  const h = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(handovers)
      .values({
        municipalityId: tx.tenantId,
        fromUserId: d.fromUserId,
        toUserId: d.toUserId,
        background: d.background,
        promises: d.promises,
        temperature: d.temperature,
        createdBy: tx.actor?.userId ?? null,
      })
      .returning()
    const byKind = new Map<string, typeof chosen>()
    for (const x of chosen) byKind.set(x.h!.kind, [...(byKind.get(x.h!.kind) ?? []), x])
    for (const [kind, list] of byKind) {
      const s = sources.get(kind)!
      const mine = list.filter((x) => held.has(x.key)).map((x) => x.h!.id)
      const nobody = list.filter((x) => !held.has(x.key)).map((x) => x.h!.id)
      const n =
        (await s.reassign(tx, mine, d.fromUserId, d.toUserId)) +
        (await s.reassign(tx, nobody, null, d.toUserId))
      if (n !== list.length)
        throw new AppError(
          409,
          'conflict',
          '引継ぎの途中で案件の担当が変わりました。画面を開き直してください。',
        )
    }
    await tx.db.insert(handoverItems).values(
      chosen.map(({ h: x }) => ({
        municipalityId: tx.tenantId,
        handoverId: row.id,
        kind: x!.kind,
        itemId: x!.id,
        title: x!.title,
        href: x!.href,
        state: x!.state,
        groupIds: x!.groupIds,
      })),
    )
    await audit(tx, {
      action: 'handover.create',
      entityType: 'handover',
      entityId: row.id,
      changes: { from: d.fromUserId, to: d.toUserId, items: d.items },
    })
    return row
  })
  const to = ps.get(d.toUserId)!
  await notify(ctx, [d.toUserId], {
    kind: 'handover',
    title: `${from.name} さんから${chosen.length}件の引継ぎがあります`,
    body: '引継ぎの記録（経緯・約束したこと・温度感）を読んで、「確認しました」を押してください。',
    href: `/handovers/${h.id}`,
  })
  // each group once, with the items that concern it; the note stays internal
  const byGroup = new Map<string, string[]>()
  for (const { h: x } of chosen)
    for (const g of x!.groupIds) byGroup.set(g, [...(byGroup.get(g) ?? []), x!.title])
  for (const [groupId, titles] of byGroup) {
    const members = await groupMemberIds(ctx, groupId)
    await notify(ctx, members, {
      kind: 'handover.contact',
      title: '市の担当者が変わりました',
      body: `次の案件の市の担当者は、${to.name} さん${to.departments.length ? `（${to.departments.join('・')}）` : ''}になりました。\n${titles.map((t) => `・${t}`).join('\n')}`,
      href: chosen.find((x) => x.h?.groupIds.includes(groupId))?.h?.href ?? '/notifications',
    })
  }
  return h
}

/** One hand-over with its items, if the actor may see it. */
export async function getHandover(ctx: Ctx, id: string) {
  const [h] = await ctx.db
    .select()
    .from(handovers)
    .where(byId(ctx, handovers, id))
  if (!h || !can(ctx.actor, 'handover.view', h)) return null
  const items = await ctx.db
    .select()
    .from(handoverItems)
    .where(inCity(ctx, handoverItems, eq(handoverItems.handoverId, id)))
    .orderBy(asc(handoverItems.kind), asc(handoverItems.title))
  return { h, items }
}

/** The successor has read it: recorded, and the one who handed over and the coordinator are told. */
export async function acknowledge(ctx: Ctx, h: Handover, ackNote: string) {
  if (!can(ctx.actor, 'handover.acknowledge', h))
    throw new AppError(403, 'forbidden', 'この引継ぎを確認できるのは後任者だけです。')
  await inTransaction(ctx, async (tx) => {
    const done = await tx.db
      .update(handovers)
      .set({ status: 'acknowledged', acknowledgedAt: new Date(), ackNote })
      .where(and(byId(tx, handovers, h.id), eq(handovers.status, 'pending')))
      .returning({ id: handovers.id })
    if (!done.length) throw new AppError(409, 'conflict', 'この引継ぎはすでに確認済みです。')
    await audit(tx, {
      action: 'handover.acknowledge',
      entityType: 'handover',
      entityId: h.id,
      changes: { status: ['pending', 'acknowledged'] },
    })
  })
  const ps = await people(ctx, [h.toUserId])
  await notify(
    ctx,
    [h.fromUserId, ...(await coordinatorIds(ctx))].filter((x) => x !== ctx.actor?.userId),
    {
      kind: 'handover.acknowledged',
      title: `${ps.get(h.toUserId)?.name ?? '後任者'} さんが引継ぎを確認しました`,
      body: ackNote,
      href: `/handovers/${h.id}`,
    },
  )
}

/** Hand-overs the actor gave, received, or (coordinator) all of them, newest first, with paging. */
export async function listHandovers(
  ctx: Ctx,
  opts: { page?: number; perPage?: number; status?: string } = {},
) {
  const a = ctx.actor!
  const all = can(a, 'handover.oversee')
  const where = inCity(
    ctx,
    handovers,
    all ? undefined : or(eq(handovers.fromUserId, a.userId), eq(handovers.toUserId, a.userId)),
    opts.status ? eq(handovers.status, opts.status) : undefined,
  )
  const per = opts.perPage ?? 20
  const page = opts.page ?? 1
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(handovers)
      .where(where)
      .orderBy(desc(handovers.createdAt))
      .limit(per)
      .offset((page - 1) * per),
    ctx.db.select({ n: count() }).from(handovers).where(where),
  ])
  const counts = rows.length
    ? await ctx.db
        .select({ handoverId: handoverItems.handoverId })
        .from(handoverItems)
        .where(
          inCity(
            ctx,
            handoverItems,
            inArray(
              handoverItems.handoverId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : []
  const n = new Map<string, number>()
  for (const c of counts) n.set(c.handoverId, (n.get(c.handoverId) ?? 0) + 1)
  return {
    items: rows.map((r) => ({ ...r, itemCount: n.get(r.id) ?? 0 })),
    total: Number(total?.n ?? 0),
    page,
    perPage: per,
  }
}

/** How many hand-overs wait for the actor's acknowledgement. */
export async function pendingCount(ctx: Ctx): Promise<number> {
  const q = pendingCountSql(ctx)
  return q ? countOf(ctx.db, q) : 0
}

/** The same count as one scalar query (null when signed out). */
export function pendingCountSql(ctx: Ctx): SQL | null {
  if (!ctx.actor) return null
  return sql`${ctx.db
    .select({ n: count() })
    .from(handovers)
    .where(
      inCity(ctx, handovers, eq(handovers.toUserId, ctx.actor.userId), eq(handovers.status, 'pending')),
    )}`
}

/** Job: a successor who has not acknowledged after REMIND_AFTER_DAYS is reminded once. */
export async function remindPending(ctx: Ctx, now = new Date()) {
  const before = new Date(now.getTime() - REMIND_AFTER_DAYS * 86_400_000)
  const due = await ctx.db
    .select()
    .from(handovers)
    .where(
      inCity(
        ctx,
        handovers,
        eq(handovers.status, 'pending'),
        lt(handovers.createdAt, before),
        isNull(handovers.remindedAt),
      ),
    )
  for (const h of due) {
    await notify(ctx, [h.toUserId], {
      kind: 'handover.remind',
      title: '確認していない引継ぎがあります',
      body: `${REMIND_AFTER_DAYS}日前に受けた引継ぎが、まだ確認されていません。記録を読んで「確認しました」を押してください。`,
      href: `/handovers/${h.id}`,
    })
    await ctx.db
      .update(handovers)
      .set({ remindedAt: now })
      .where(byId(ctx, handovers, h.id))
  }
  return due.length
}
