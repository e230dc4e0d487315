import { and, asc, desc, eq, inArray, isNull, notInArray, or } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import type { Ctx } from '../../core/context.ts'
import { byId, inTransaction } from '../../core/db/tenant.ts'
import { AppError } from '../../core/errors.ts'
import { labelOf } from '../../core/vocabulary.ts'
import { getGroup, getGroups, groupMemberIds, groupRolesOf } from '../groups/index.ts'
import { needRow, needTitles, setNeedStatus } from '../needs/index.ts'
import { coordinatorIds, departmentStaffIds, notify } from '../notifications/index.ts'
import { offerTitles } from '../offers/index.ts'
import { createProject } from '../projects/index.ts'
import { STAGES, canMoveStage } from './domain.ts'
import { pairingEvents, pairings } from './schema.ts'

export type Pairing = typeof pairings.$inferSelect

const T = (ctx: Ctx) => ctx.tenantId
export {
  type GroupMatch,
  groupText,
  matchGroupsForNeed,
  matchNeedsFor,
  matchNeedsForGroup,
  matchNeedsForOffer,
  matchOffersForNeed,
  type NeedMatch,
  resetMatchingIndexes,
  SCALE,
  scoreGroupForNeed,
} from './suggest.ts'

// ------------------------------------------------------------------ pairings and projects

export async function getPairing(ctx: Ctx, id: string) {
  const [p] = await ctx.db
    .select()
    .from(pairings)
    .where(and(eq(pairings.municipalityId, T(ctx)), eq(pairings.id, id)))
  return p ?? null
}

async function participants(ctx: Ctx, p: Pairing) {
  return [
    ...(await departmentStaffIds(ctx, p.departmentId)),
    ...(await groupMemberIds(ctx, p.groupId)),
    ...(p.responsibleUserId ? [p.responsibleUserId] : []),
    ...(await coordinatorIds(ctx)),
  ].filter((id) => id !== ctx.actor?.userId)
}

/** Put a group on the board for a need (or an offer for a department), as 候補. */
export async function createPairing(
  ctx: Ctx,
  d: {
    needId?: string | null
    offerId?: string | null
    groupId: string
    departmentId: string
    score?: number | null
    reasons?: string[]
    note?: string
  },
) {
  const g = await getGroup(ctx, d.groupId)
  if (g?.status !== 'published')
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      groupId: '公開中の団体を選んでください',
    })
  const existing = await ctx.db
    .select()
    .from(pairings)
    .where(
      and(
        eq(pairings.municipalityId, T(ctx)),
        eq(pairings.groupId, d.groupId),
        d.needId ? eq(pairings.needId, d.needId) : eq(pairings.offerId, d.offerId ?? ''),
        d.needId ? undefined : eq(pairings.departmentId, d.departmentId),
      ),
    )
  if (existing.length) return existing[0]
  const [p] = await ctx.db
    .insert(pairings)
    .values({
      municipalityId: T(ctx),
      needId: d.needId ?? null,
      offerId: d.offerId ?? null,
      groupId: d.groupId,
      departmentId: d.departmentId,
      stage: 'candidate',
      responsibleUserId: ctx.actor?.userId ?? null,
      score: d.score ?? null,
      reasons: d.reasons ?? [],
      note: d.note ?? '',
      createdBy: ctx.actor?.userId ?? null,
    })
    .returning()
  await ctx.db.insert(pairingEvents).values({
    municipalityId: T(ctx),
    pairingId: p.id,
    kind: 'stage',
    toStage: 'candidate',
    title: '候補に追加',
    actorId: ctx.actor?.userId ?? null,
  })
  await audit(ctx, {
    action: 'pairing.create',
    entityType: 'pairing',
    entityId: p.id,
    changes: diff(null, { ...d }),
  })
  return p
}

/**
 * Put "group X ↔ department Y" on the board as 候補 when they met somewhere (an event, 交流会)
 * rather than through a need or an offer. An open pairing of the same two (without a need or an
 * offer) is reused. `source` says where they met (shown as the reason and in the history).
 */
export async function createMeetingPairing(
  ctx: Ctx,
  d: { groupId: string; departmentId: string; source: string; note?: string },
) {
  return inTransaction(ctx, async (tx) => {
    const g = await getGroup(tx, d.groupId)
    if (g?.status !== 'published')
      throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
        groupId: '公開中の団体を選んでください',
      })
    const [existing] = await tx.db
      .select()
      .from(pairings)
      .where(
        and(
          eq(pairings.municipalityId, T(tx)),
          eq(pairings.groupId, d.groupId),
          eq(pairings.departmentId, d.departmentId),
          isNull(pairings.needId),
          isNull(pairings.offerId),
          notInArray(pairings.stage, ['agreed', 'declined']),
        ),
      )
    if (existing) return { pairing: existing, created: false }
    const [p] = await tx.db
      .insert(pairings)
      .values({
        municipalityId: T(tx),
        groupId: d.groupId,
        departmentId: d.departmentId,
        stage: 'candidate',
        responsibleUserId: tx.actor?.userId ?? null,
        reasons: [d.source],
        note: d.note ?? '',
        createdBy: tx.actor?.userId ?? null,
      })
      .returning()
    await tx.db.insert(pairingEvents).values({
      municipalityId: T(tx),
      pairingId: p.id,
      kind: 'stage',
      toStage: 'candidate',
      title: '候補に追加',
      minutes: d.source,
      actorId: tx.actor?.userId ?? null,
    })
    await audit(tx, {
      action: 'pairing.create',
      entityType: 'pairing',
      entityId: p.id,
      changes: diff(null, { ...d }),
    })
    return { pairing: p, created: true }
  })
}

/** Move a pairing to the next stage with a date and a note (a reason when it stops). */
export async function movePairing(
  ctx: Ctx,
  p: Pairing,
  d: { stage: string; on: string; note: string; reason: string },
) {
  if (!canMoveStage(p.stage, d.stage))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      stage: `「${labelOf(STAGES, p.stage)}」から「${labelOf(STAGES, d.stage)}」には進められません`,
    })
  const set: Partial<Pairing> = { stage: d.stage, updatedAt: new Date() }
  if (d.stage === 'introduced') set.introducedOn = d.on
  if (d.stage === 'agreed') set.agreedOn = d.on
  if (d.stage === 'declined') {
    set.closedOn = d.on
    set.closedReason = d.reason
  }
  if (d.stage === 'candidate') {
    set.closedOn = null
    set.closedReason = ''
  }
  const [after] = await ctx.db
    .update(pairings)
    .set(set)
    .where(and(eq(pairings.municipalityId, T(ctx)), eq(pairings.id, p.id)))
    .returning()
  await ctx.db.insert(pairingEvents).values({
    municipalityId: T(ctx),
    pairingId: p.id,
    kind: 'stage',
    fromStage: p.stage,
    toStage: d.stage,
    on: d.on,
    title: `${labelOf(STAGES, p.stage)} → ${labelOf(STAGES, d.stage)}`,
    minutes: d.note,
    decisions: d.reason,
    actorId: ctx.actor?.userId ?? null,
  })
  await audit(ctx, {
    action: 'pairing.stage',
    entityType: 'pairing',
    entityId: p.id,
    changes: diff(p as any, set as any),
  })
  // The need follows its pairings: introduced → 調整中
  if (p.needId && ['introduced', 'negotiating'].includes(d.stage)) {
    const n = await needRow(ctx, p.needId)
    if (n && n.status === 'published') await setNeedStatus(ctx, n, 'coordinating')
  }
  const g = await getGroup(ctx, p.groupId)
  await notify(ctx, await participants(ctx, p), {
    kind: 'pairing',
    title: `協働の調整が「${labelOf(STAGES, d.stage)}」になりました（${g?.name ?? ''}）`,
    body: `${d.on} ${d.note}${d.reason ? `\n理由：${d.reason}` : ''}`,
    href: `/coordination/pairings/${p.id}`,
  })
  return after
}

export async function addMeeting(
  ctx: Ctx,
  p: Pairing,
  d: { title: string; on: string; minutes: string; decisions: string },
) {
  const [e] = await ctx.db
    .insert(pairingEvents)
    .values({
      municipalityId: T(ctx),
      pairingId: p.id,
      kind: 'meeting',
      on: d.on,
      title: d.title,
      minutes: d.minutes,
      decisions: d.decisions,
      actorId: ctx.actor?.userId ?? null,
    })
    .returning()
  await audit(ctx, {
    action: 'pairing.meeting',
    entityType: 'pairing',
    entityId: p.id,
    changes: diff(null, d),
  })
  return e
}

export async function pairingEventsOf(ctx: Ctx, pairingId: string) {
  return ctx.db
    .select()
    .from(pairingEvents)
    .where(and(eq(pairingEvents.municipalityId, T(ctx)), eq(pairingEvents.pairingId, pairingId)))
    .orderBy(asc(pairingEvents.createdAt))
}

/**
 * An agreed pairing becomes a collaboration project; the need is 成立. One transaction: the
 * project, the pairing's link to it, the need's status and the notifications commit together.
 */
export async function createProjectFromPairing(
  ctx: Ctx,
  p: Pairing,
  d: { title: string; form: string; startOn: string; purpose: string },
) {
  if (p.stage !== 'agreed')
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      _: '合意した組み合わせだけを協働事業にできます',
    })
  if (p.projectId) throw new AppError(409, 'conflict', 'この組み合わせはすでに協働事業になっています。')
  return inTransaction(ctx, async (tx) => {
    const pr = await createProject(tx, {
      ...d,
      departmentId: p.departmentId,
      groupIds: [p.groupId],
      needId: p.needId,
      pairingId: p.id,
      // whoever carried the pairing carries the project
      responsibleUserId: p.responsibleUserId ?? undefined,
    })
    await tx.db
      .update(pairings)
      .set({ projectId: pr.id, updatedAt: new Date() })
      .where(byId(tx, pairings, p.id))
    if (p.needId) {
      const n = await needRow(tx, p.needId)
      if (n && ['published', 'coordinating'].includes(n.status)) await setNeedStatus(tx, n, 'matched')
    }
    await notify(tx, await participants(tx, p), {
      kind: 'project',
      title: `協働事業「${d.title}」が始まります`,
      body: `開始日：${d.startOn}`,
      href: `/projects/${pr.id}`,
    })
    return pr
  })
}

/** The coordinator's board: every pairing, by stage. */
export async function board(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(pairings)
    .where(eq(pairings.municipalityId, T(ctx)))
    .orderBy(desc(pairings.updatedAt))
  return decorate(ctx, rows)
}

/** Pairings the actor takes part in (department, group, responsible). */
export async function myPairings(ctx: Ctx) {
  const a = ctx.actor!
  const groupIds = Object.keys(groupRolesOf(a))
  const rows = await ctx.db
    .select()
    .from(pairings)
    .where(
      and(
        eq(pairings.municipalityId, T(ctx)),
        or(
          departmentIdsOf(a).length ? inArray(pairings.departmentId, departmentIdsOf(a)) : undefined,
          groupIds.length ? inArray(pairings.groupId, groupIds) : undefined,
          eq(pairings.responsibleUserId, a.userId),
        ),
      ),
    )
    .orderBy(desc(pairings.updatedAt))
  return decorate(ctx, rows)
}

export async function pairingsOfNeed(ctx: Ctx, needId: string) {
  const rows = await ctx.db
    .select()
    .from(pairings)
    .where(and(eq(pairings.municipalityId, T(ctx)), eq(pairings.needId, needId)))
  return decorate(ctx, rows)
}

async function decorate(ctx: Ctx, rows: Pairing[]) {
  const gs = new Map(
    (await getGroups(ctx, [...new Set(rows.map((r) => r.groupId))])).map((g) => [g.id, g.name]),
  )
  const needIds = [...new Set(rows.map((r) => r.needId).filter(Boolean))] as string[]
  const ns = await needTitles(ctx, needIds)
  const offerIds = [...new Set(rows.map((r) => r.offerId).filter(Boolean))] as string[]
  const os = await offerTitles(ctx, offerIds)
  return rows.map((r) => ({
    ...r,
    groupName: gs.get(r.groupId) ?? '',
    subject: r.needId
      ? (ns.get(r.needId) ?? '')
      : r.offerId
        ? (os.get(r.offerId) ?? '')
        : (r.reasons[0] ?? ''),
  }))
}

/**
 * Pairings that did not come about (見送り), with the reason recorded: the case library shows
 * them to city staff as 成案化しなかった原因 (no group names; the reason and the need's title).
 */
export async function declinedPairings(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(pairings)
    .where(and(eq(pairings.municipalityId, T(ctx)), eq(pairings.stage, 'declined')))
    .orderBy(desc(pairings.closedOn), desc(pairings.updatedAt))
  const titles = await needTitles(ctx, [...new Set(rows.flatMap((r) => (r.needId ? [r.needId] : [])))])
  return rows.map((r) => ({
    id: r.id,
    needTitle: (r.needId && titles.get(r.needId)) || '（協働ニーズなし）',
    departmentId: r.departmentId,
    closedOn: r.closedOn,
    reason: r.closedReason,
  }))
}

/**
 * The later steps of the matching funnel (for the statistics): of these needs, how many had a
 * group introduced to the department (紹介済み or further), and how many reached an agreement (合意).
 * Each need counts once, however many pairings it has.
 */
export async function needPairingCounts(ctx: Ctx, needIds: string[]) {
  if (!needIds.length) return { introduced: 0, agreed: 0 }
  const list = await ctx.db
    .select({ needId: pairings.needId, stage: pairings.stage, introducedOn: pairings.introducedOn })
    .from(pairings)
    .where(and(eq(pairings.municipalityId, ctx.tenantId), inArray(pairings.needId, needIds)))
  const introduced = new Set<string>()
  const agreed = new Set<string>()
  for (const p of list) {
    if (!p.needId) continue
    if (p.introducedOn || ['introduced', 'negotiating', 'agreed'].includes(p.stage)) introduced.add(p.needId)
    if (p.stage === 'agreed') agreed.add(p.needId)
  }
  return { introduced: introduced.size, agreed: agreed.size }
}
