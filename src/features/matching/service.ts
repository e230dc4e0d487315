import { and, asc, desc, eq, inArray, or } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import type { Ctx } from '../../core/context.ts'
import { byId, inTransaction } from '../../core/db/tenant.ts'
import { AppError } from '../../core/errors.ts'
import { can } from '../../core/policy.ts'
import { labelOf } from '../../core/vocabulary.ts'
import { type GroupRow, getGroup, getGroups, groupMemberIds, groupRolesOf } from '../groups/index.ts'
import {
  type Lookups,
  type Need,
  lookups,
  needRow,
  needText,
  needTitles,
  openNeeds,
  setNeedStatus,
} from '../needs/index.ts'
import { coordinatorIds, departmentStaffIds, notify } from '../notifications/index.ts'
import { type Offer, offerTitles, publishedOffers, publishedOffersOfGroups } from '../offers/index.ts'
import { createProject, projectCounts } from '../projects/index.ts'
import { type Candidate, candidatesByIds, groupText, prefilterGroups, termDocFreq } from './candidates.ts'
import { STAGES, canMoveStage } from './domain.ts'
import { type Labels, type Profile, type Query, idfOf, prepare, score } from './match.ts'
import { pairingEvents, pairings } from './schema.ts'
import { terms, textReady } from './text.ts'

export type Pairing = typeof pairings.$inferSelect

const T = (ctx: Ctx) => ctx.tenantId
const labelsOf = (lk: Lookups): Labels => ({ field: lk.fieldName, area: lk.areaName })
// ------------------------------------------------------------------ matching

export interface GroupMatch {
  groupId: string
  groupName: string
  score: number
  reasons: string[]
  offerId?: string
}

export const needQuery = (n: Need): Query => ({
  text: needText(n),
  fields: n.fields,
  areaIds: n.areaIds,
  citywide: n.citywide,
  resources: n.partnerWants,
  forms: n.forms,
})

/**
 * Published groups ranked for a need, each with its reasons. Prefiltered in SQL (fields,
 * areas, terms with synonyms), scored in TypeScript.
 */
export async function matchGroupsForNeed(ctx: Ctx, need: Need, limit = 10): Promise<GroupMatch[]> {
  await textReady()
  const q = needQuery(need)
  const p = prepare(q)
  // Document frequencies first (cached): very common terms say little and would flood the prefilter.
  const prof = process.env.KYODO_MATCH_PROFILE ? [performance.now()] : null
  const queryTerms = [...p.expanded.keys()].slice(0, 200)
  const { n, df } = await termDocFreq(ctx, [...new Set([...p.own, ...queryTerms])])
  const specific = queryTerms
    .filter((t) => (df.get(t) ?? 0) > 0 && (df.get(t) ?? 0) <= Math.max(40, n * 0.002))
    .sort((x, y) => (df.get(x) ?? 0) - (df.get(y) ?? 0))
    .slice(0, 30)
  prof?.push(performance.now())
  const cands = await prefilterGroups(ctx, { fields: q.fields, areaIds: q.areaIds, terms: specific })
  prof?.push(performance.now())
  const out = await scoreCandidates(ctx, p, cands, df, Math.max(n, cands.length, 1))
  out.sort((a, b) => b.score - a.score || a.groupName.localeCompare(b.groupName, 'ja'))
  if (prof) {
    prof.push(performance.now())
    console.log(
      `match profile: df ${(prof[1] - prof[0]).toFixed(0)} prefilter ${(prof[2] - prof[1]).toFixed(0)} (${cands.length}) score ${(prof[3] - prof[2]).toFixed(0)} ms, specific terms ${specific.length}`,
    )
  }
  return out.slice(0, limit)
}

/**
 * One group scored for a need with the same components and term weights as the ranking, without
 * ranking the others (for putting that group on the board). Null when it is not a published group.
 */
export async function scoreGroupForNeed(ctx: Ctx, need: Need, groupId: string): Promise<GroupMatch | null> {
  await textReady()
  const p = prepare(needQuery(need))
  const cands = await candidatesByIds(ctx, [groupId])
  if (!cands.length) return null
  const { n, df } = await termDocFreq(ctx, [...new Set([...p.own, ...[...p.expanded.keys()].slice(0, 200)])])
  const [m] = await scoreCandidates(ctx, p, cands, df, Math.max(n, 1))
  return m ?? null
}

/** Score prefiltered candidates: their offers and project counts join their profile. */
async function scoreCandidates(
  ctx: Ctx,
  p: ReturnType<typeof prepare>,
  cands: Candidate[],
  df: Map<string, number>,
  N: number,
): Promise<GroupMatch[]> {
  const ids = cands.map((c) => c.id)
  const [pc, offs, lk] = await Promise.all([
    projectCounts(ctx, ids),
    publishedOffersOfGroups(ctx, ids),
    lookups(ctx),
  ])
  const idf = (t: string) => idfOf(df.get(t) ?? 0, N)
  const out: GroupMatch[] = []
  for (const c of cands) {
    const mine = offs.filter((o) => o.groupId === c.id)
    const prof: Profile = {
      text: groupText(c),
      terms: c.terms,
      trackRecord: c.trackRecord,
      trackTerms: c.trackTerms,
      fields: c.fields,
      areaIds: c.areaIds,
      citywide: c.citywide,
      resources: [...new Set([...c.resources, ...mine.flatMap((o) => o.resources)])],
      forms: [...new Set(mine.flatMap((o) => o.forms))],
      wantsCollaboration: c.wantsCollaboration,
      disclosureLevel: c.disclosureLevel,
      projectCount: pc.get(c.id) ?? 0,
    }
    const s = score(p, prof, idf, labelsOf(lk))
    out.push({ groupId: c.id, groupName: c.name, score: s.score, reasons: s.reasons, offerId: mine[0]?.id })
  }
  return out
}

export interface NeedMatch {
  needId: string
  title: string
  departmentId: string
  score: number
  reasons: string[]
}

/** Open needs (published or coordinating) the actor may see, ranked for a group or an offer. */
export async function matchNeedsFor(
  ctx: Ctx,
  who: {
    text: string
    fields: string[]
    areaIds: string[]
    citywide: boolean
    resources: string[]
    forms: string[]
    trackRecord?: string
    wants?: boolean
  },
  limit = 10,
): Promise<NeedMatch[]> {
  await textReady()
  const staff = can(ctx.actor, 'hearing.view')
  const open = await openNeeds(ctx, { staffOnly: staff })
  if (!open.length) return []
  const p = prepare({
    text: who.text,
    fields: who.fields,
    areaIds: who.areaIds,
    citywide: who.citywide,
    resources: [],
    forms: who.forms,
  })
  const docs = open.map((n) => new Set(terms(needText(n))))
  const idf = (t: string) => idfOf(docs.filter((d) => d.has(t)).length, docs.length)
  const lk = await lookups(ctx)
  const out: NeedMatch[] = open.map((n) => {
    // Reverse: the group/offer is the query; the need is ranked by the same components.
    const s = score(
      p,
      {
        text: needText(n),
        fields: n.fields,
        areaIds: n.areaIds,
        citywide: n.citywide,
        resources: n.partnerWants.filter((r) => who.resources.includes(r)),
        forms: n.forms,
      },
      idf,
      labelsOf(lk),
    )
    const reasons = s.reasons.filter((r) => !r.startsWith('提供できる資源'))
    const res = n.partnerWants.filter((r) => who.resources.includes(r))
    if (res.length)
      reasons.push(`求められる資源を提供できる：${res.map((r) => labelOf(RES_LABELS, r)).join('、')}`)
    return { needId: n.id, title: n.title, departmentId: n.departmentId, score: s.score, reasons }
  })
  out.sort((a, b) => b.score - a.score)
  return out.filter((x) => x.score > 0).slice(0, limit)
}

const RES_LABELS = [
  { code: 'expertise', label: '専門性' },
  { code: 'people', label: '人手' },
  { code: 'network', label: 'ネットワーク' },
  { code: 'place', label: '場所' },
]

export async function matchNeedsForGroup(ctx: Ctx, g: GroupRow, limit = 10) {
  return matchNeedsFor(
    ctx,
    {
      text: groupText(g),
      fields: g.fields,
      areaIds: g.areaIds,
      citywide: g.citywide,
      resources: g.resources,
      forms: [],
      trackRecord: g.trackRecord,
    },
    limit,
  )
}

export async function matchNeedsForOffer(ctx: Ctx, o: Offer, limit = 10) {
  return matchNeedsFor(
    ctx,
    {
      text: `${o.title}\n${o.body}`,
      fields: o.fields,
      areaIds: o.areaIds,
      citywide: o.citywide,
      resources: o.resources,
      forms: o.forms,
    },
    limit,
  )
}

/** Offers ranked for a need (offers of published groups). */
export async function matchOffersForNeed(ctx: Ctx, need: Need, limit = 10) {
  await textReady()
  const list = await publishedOffers(ctx)
  const gs = new Map((await getGroups(ctx, [...new Set(list.map((o) => o.groupId))])).map((g) => [g.id, g]))
  const live = list.filter((o) => gs.get(o.groupId)?.status === 'published')
  if (!live.length) return []
  const p = prepare(needQuery(need))
  const docs = live.map((o) => new Set(terms(`${o.title}\n${o.body}`)))
  const idf = (t: string) => idfOf(docs.filter((d) => d.has(t)).length, docs.length)
  const lk = await lookups(ctx)
  return live
    .map((o) => {
      const s = score(
        p,
        {
          text: `${o.title}\n${o.body}`,
          fields: o.fields,
          areaIds: o.areaIds,
          citywide: o.citywide,
          resources: o.resources,
          forms: o.forms,
        },
        idf,
        labelsOf(lk),
      )
      return {
        offerId: o.id,
        title: o.title,
        groupId: o.groupId,
        groupName: gs.get(o.groupId)!.name,
        score: s.score,
        reasons: s.reasons,
      }
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
}

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
    subject: r.needId ? (ns.get(r.needId) ?? '') : (os.get(r.offerId ?? '') ?? ''),
  }))
}
