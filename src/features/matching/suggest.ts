/**
 * Suggestions: need → groups, group or offer → needs, need → offers. Relevance first: the city's
 * ranked index (core/search/city-index.ts over core/japanese/rank.ts) of the candidates' own texts,
 * queried with the other side's text (pseudo-relevance feedback for long texts). Shared fields,
 * areas, forms and a track record add small, bounded evidence; 協働希望, disclosure and recency
 * only break ties (relevance.ts). Only published groups and open needs the actor may see are
 * ever suggested. Scores are 0–100 (SCALE); reasons are whole words a coordinator can check.
 */
import { sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { rows } from '../../core/db/index.ts'
import { createIndex, type FieldSpec, type Hit, type Match } from '../../core/japanese/rank.ts'
import { cityIndex } from '../../core/search/city-index.ts'
import { keptAnswers } from '../../core/search/kept.ts'
import { can } from '../../core/policy.ts'
import { COLLAB_FORMS, labelOf } from '../../core/vocabulary.ts'
import {
  allPublishedGroups,
  type GroupRow,
  getGroups,
  publishedGroupIdsSharing,
  publishedGroupsVersion,
} from '../groups/index.ts'
import { type Lookups, type Need, lookups, needText, openNeeds } from '../needs/index.ts'
import { type Offer, publishedOffers, publishedOffersOfGroups } from '../offers/index.ts'
import { projectCounts } from '../projects/index.ts'
import {
  type Band,
  bandOf,
  checkableWords,
  combined,
  distinctiveFirst,
  diversified,
  type Evidence,
  fieldName,
  recencyOf,
  relevanceOf,
  SCALE,
  toScale,
} from './relevance.ts'

/** Long texts (a need, a group's profile) get pseudo-relevance feedback, as in bench/retrieval. */
const FEEDBACK = 3
const searchOpts = (text: string, limit: number) => ({
  limit,
  fuzzy: false,
  feedback: text.length > 40 ? FEEDBACK : 0,
})
/** A word matched by more than this share of the candidates does not tell them apart. */
const TELLING = 0.25
/** Words shown per candidate. */
const WORDS_SHOWN = 6

export type MatchSnippet = { field: string; text: string; spans: [number, number][] }

export interface GroupMatch {
  groupId: string
  groupName: string
  /** 0–100 (SCALE): 100 = the candidate whose words fit the need best */
  score: number
  band: Band
  reasons: string[]
  /** the words matched, distinctive first (「高齢者 ≈ お年寄り」 for synonyms) */
  words: string[]
  /** the group's own sentence where the words matched */
  snippet: MatchSnippet | null
  shared: { fields: string[]; areas: string[]; forms: string[]; citywide: boolean }
  track: string | null
  wantsCollaboration: boolean
  offerId?: string
}

export interface NeedMatch {
  needId: string
  title: string
  departmentId: string
  score: number
  band: Band
  reasons: string[]
  words: string[]
  snippet: MatchSnippet | null
  shared: { fields: string[]; areas: string[]; forms: string[]; citywide: boolean }
}

export { SCALE }

// ------------------------------------------------------------------ the indexes

/** The text of a group that matching reads. */
export const groupText = (
  g: Pick<GroupRow, 'name' | 'purpose' | 'activities' | 'expertise' | 'wantsToDo' | 'trackRecord'>,
) => [g.name, g.purpose, g.activities, g.expertise, g.wantsToDo, g.trackRecord].filter(Boolean).join('\n')

export const GROUP_FIELDS: FieldSpec[] = [
  { name: 'name', weight: 3, fuzzy: true },
  { name: 'fields', weight: 0.3, snippet: false },
  { name: 'purpose', weight: 1 },
  { name: 'activities', weight: 1 },
  { name: 'expertise', weight: 1 },
  { name: 'wantsToDo', weight: 1 },
  { name: 'trackRecord', weight: 1 },
  { name: 'offers', weight: 0.8 },
]
const NEED_FIELDS: FieldSpec[] = [
  { name: 'title', weight: 2 },
  { name: 'body', weight: 1 },
]

const offersVersion = (os: Offer[]) =>
  `${os.length}|${Math.max(0, ...os.map((o) => new Date(o.updatedAt).getTime()))}`

const groupIndex = cityIndex<Ctx>({
  name: 'matching.groups',
  stamped: true,
  fields: GROUP_FIELDS,
  async version(ctx) {
    const [g, os] = await Promise.all([publishedGroupsVersion(ctx), publishedOffers(ctx)])
    return `${g}|${offersVersion(os)}`
  },
  async documents(ctx) {
    const [gs, os, lk] = await Promise.all([allPublishedGroups(ctx), publishedOffers(ctx), lookups(ctx)])
    const offersOf = new Map<string, string[]>()
    for (const o of os) offersOf.set(o.groupId, [...(offersOf.get(o.groupId) ?? []), `${o.title}。${o.body}`])
    return gs.map((g) => ({
      id: g.id,
      fields: {
        name: g.name,
        fields: g.fields.map(lk.fieldName).join('、'),
        purpose: g.purpose,
        activities: g.activities,
        expertise: g.expertise,
        wantsToDo: g.wantsToDo,
        trackRecord: g.trackRecord,
        offers: (offersOf.get(g.id) ?? []).join('\n').slice(0, 4000),
      },
    }))
  },
})

type NeedsCtx = Pick<Ctx, 'tenantId'> & { rows: Need[] }
const needIndex = cityIndex<NeedsCtx>({
  name: 'matching.needs',
  fields: NEED_FIELDS,
  async version(ctx) {
    return ctx.rows.map((n) => `${n.id}:${new Date(n.updatedAt).getTime()}:${n.status}`).join(',')
  },
  async documents(ctx) {
    return ctx.rows.map((n) => ({
      id: n.id,
      fields: { title: n.title, body: [n.situation, n.goal, n.partnerNote].filter(Boolean).join('\n') },
    }))
  },
})

/**
 * Build every city's index of groups for matching at start-up, in the background (server.ts):
 * otherwise the first coordinator to open a need's matches after a restart of a large city waits
 * for all its groups to be analysed.
 */
export async function warmMatchingIndexes(db: Ctx['db']): Promise<void> {
  const cities = await rows<{ id: string; settings: unknown }>(
    db,
    sql`SELECT id, settings FROM municipalities`,
  )
  for (const m of cities)
    await groupIndex.get({ db, tenantId: m.id, municipality: { settings: m.settings } } as unknown as Ctx)
}

/** Whether a city's matching index of groups is built (tests of the warm-up). */
export const matchingIndexBuilt = (tenantId: string) => groupIndex.has(tenantId)

/** Forget the cached indexes (tests, benchmarks after bulk loads). */
export function resetMatchingIndexes() {
  groupIndex.reset()
  needIndex.reset()
}

// ------------------------------------------------------------------ helpers

const formLabel = (f: string) => labelOf(COLLAB_FORMS, f)
const snippetOf = (h: Hit | undefined): MatchSnippet | null =>
  h?.snippet?.spans.length && h.snippet
    ? { field: h.snippet.field, text: h.snippet.text, spans: h.snippet.spans }
    : null

function sharedOf(
  q: { fields: string[]; areaIds: string[]; forms: string[] },
  c: { fields: string[]; areaIds: string[]; forms: string[]; citywide: boolean },
  lk: Lookups,
) {
  return {
    fields: q.fields.filter((f) => c.fields.includes(f)).map(lk.fieldName),
    areas: q.areaIds.filter((a) => c.areaIds.includes(a)).map(lk.areaName),
    forms: q.forms.filter((f) => c.forms.includes(f)).map(formLabel),
    citywide: c.citywide,
  }
}

function reasonLines(x: {
  words: string[]
  snippet: MatchSnippet | null
  shared: { fields: string[]; areas: string[]; forms: string[]; citywide: boolean }
  track?: string | null
  projects?: number
  whose: string
}): string[] {
  const r: string[] = []
  if (x.words.length) r.push(`一致した言葉：${x.words.join('、')}`)
  else r.push('言葉の一致は弱い（文字の重なりのみ）')
  if (x.snippet) r.push(`${x.whose}の文（${fieldName(x.snippet.field)}）：${x.snippet.text}`)
  if (x.shared.fields.length) r.push(`分野が一致：${x.shared.fields.join('、')}`)
  if (x.shared.areas.length) r.push(`地区が重なる：${x.shared.areas.join('、')}`)
  else if (x.shared.citywide) r.push('市内全域で活動している')
  if (x.shared.forms.length) r.push(`協働の形態が合う：${x.shared.forms.join('、')}`)
  if (x.track) r.push(`実績：${x.track}`)
  if (x.projects) r.push(`市との協働事業の実績：${x.projects}件`)
  return r
}

/** The sentence of a track record holding one of the words (at most ~60 characters). */
function trackSentence(text: string, words: string[]): string | null {
  if (!text || !words.length) return null
  const s = text
    .normalize('NFKC')
    .split(/(?<=[。！？\n])/)
    .map((x) => x.trim())
    .find((x) => words.some((w) => x.includes(w)))
  if (!s) return null
  return s.length > 60 ? `${s.slice(0, 60)}…` : s
}

const plainWords = (ms: Match[]) => ms.map((m) => m.word)

/** Hits a coordinator could not check (no whole word matched, weak overlap of characters) are left out. */
const weakDropped = (hits: Hit[]) => {
  const top = hits[0]?.score ?? 0
  return hits.filter((h) => checkableWords(h.matched).length > 0 || h.score >= top * 0.3)
}

// ------------------------------------------------------------------ need → groups

/** The need's question for the kept answers: the need as last saved, and how many are asked. */
const askedFor = (ctx: Ctx, need: Need, limit: number) =>
  `${ctx.tenantId}|${need.id}|${new Date(need.updatedAt).getTime()}|${limit}`
const groupAnswers = keptAnswers<GroupMatch[]>()

/**
 * Published groups ranked for a need, each with its reasons. Kept while no group, offer, need or
 * project changes (core/search/kept.ts): a coordinator's board asks the same need again and again.
 */
export async function matchGroupsForNeed(ctx: Ctx, need: Need, limit = 10): Promise<GroupMatch[]> {
  const list = await groupAnswers.answer(ctx.db, askedFor(ctx, need, limit), () =>
    rankGroupsForNeed(ctx, need, limit),
  )
  return list.map((m) => ({ ...m }))
}

async function rankGroupsForNeed(ctx: Ctx, need: Need, limit: number): Promise<GroupMatch[]> {
  const text = needText(need)
  const idx = await groupIndex.get(ctx)
  const pool = Math.max(limit * 4, 40)
  const hits = weakDropped(text.trim() ? idx.search(text, searchOpts(text, pool)) : [])
  const rel = relevanceOf(hits)
  const byId = new Map(hits.map((h) => [h.id, h]))
  let ids = hits.map((h) => h.id)
  if (ids.length < limit && need.fields.length) {
    const more = await publishedGroupIdsSharing(ctx, { fields: need.fields, areaIds: need.areaIds, limit })
    ids = [...ids, ...more.filter((i) => !byId.has(i))].slice(0, Math.max(limit, hits.length))
  }
  if (!ids.length) return []
  const [rows, pc, offs, lk] = await Promise.all([
    getGroups(ctx, ids),
    projectCounts(ctx, ids),
    publishedOffersOfGroups(ctx, ids),
    lookups(ctx),
  ])
  const live = rows.filter((g) => g.status === 'published')
  const now = Date.now()
  // a track record is evidence when it says what this need is about: a sentence holding only
  // words that most candidates share (協働事業, 実績) says nothing about this need
  const matchedBy = new Map<string, number>()
  for (const h of hits)
    for (const w of new Set(plainWords(checkableWords(h.matched))))
      matchedBy.set(w, (matchedBy.get(w) ?? 0) + 1)
  const telling = (ws: string[]) =>
    ws.filter((w) => (matchedBy.get(w) ?? 0) <= Math.max(2, hits.length * TELLING))
  const scored = live.map((g) => {
    const h = byId.get(g.id)
    const mine = offs.filter((o) => o.groupId === g.id)
    const forms = [...new Set(mine.flatMap((o) => o.forms))]
    const words = h ? checkableWords(h.matched) : []
    const track = trackSentence(g.trackRecord, telling(plainWords(words)))
    const projects = pc.get(g.id) ?? 0
    const shared = sharedOf(need, { ...g, forms }, lk)
    const e: Evidence = {
      sharedFields: shared.fields.length,
      askedFields: need.fields.length,
      sharedAreas: shared.areas.length > 0,
      citywide: g.citywide,
      sharedForms: shared.forms.length > 0,
      track: !!track || projects > 0,
      wants: g.wantsCollaboration,
      disclosureLevel: g.disclosureLevel,
      recency: recencyOf(g.lastActivityAt, now),
    }
    return { g, h, words, track, projects, shared, value: combined(h ? rel(h) : 0, e), offerId: mine[0]?.id }
  })
  scored.sort((a, b) => b.value - a.value || a.g.name.localeCompare(b.g.name, 'ja'))
  const top = diversified(
    scored,
    (x) => x.value,
    (x) => [x.g.purpose, x.g.activities, x.g.expertise, x.g.wantsToDo].filter(Boolean).join('\n'),
  )
    .slice(0, limit)
    .map((d) => ({ ...d.x, value: d.value, like: d.like?.g.name }))
  const scores = toScale(top.map((x) => x.value))
  const ordered = distinctiveFirst(top.map((x) => x.words))
  return top.map((x, i) => {
    const words = ordered[i].slice(0, WORDS_SHOWN).map((m) => m.label)
    const snippet = snippetOf(x.h)
    return {
      groupId: x.g.id,
      groupName: x.g.name,
      score: scores[i],
      band: bandOf(scores[i]),
      words,
      snippet,
      shared: x.shared,
      track: x.track,
      wantsCollaboration: x.g.wantsCollaboration,
      reasons: [
        ...reasonLines({ ...x, words, snippet, whose: '団体' }),
        ...(x.like ? [`よく似た紹介文の団体が上にあります（${x.like}）`] : []),
      ],
      offerId: x.offerId,
    }
  })
}

/**
 * One group scored for a need on the same scale as the ranking (for putting it on the board).
 * Null when it is not a published group or not among the best 50.
 */
export async function scoreGroupForNeed(ctx: Ctx, need: Need, groupId: string): Promise<GroupMatch | null> {
  return (await matchGroupsForNeed(ctx, need, 50)).find((m) => m.groupId === groupId) ?? null
}

// ------------------------------------------------------------------ group / offer → needs

/** Open needs (published or coordinating) the actor may see, ranked for a group or an offer. */
export async function matchNeedsFor(
  ctx: Ctx,
  who: { text: string; fields: string[]; areaIds: string[]; citywide: boolean; forms: string[] },
  limit = 10,
): Promise<NeedMatch[]> {
  const staff = can(ctx.actor, 'hearing.view')
  const rows = await openNeeds(ctx, { staffOnly: true })
  const visible = new Map(rows.filter((n) => staff || n.visibility === 'public').map((n) => [n.id, n]))
  if (!visible.size || !who.text.trim()) return []
  const idx = await needIndex.get({ tenantId: ctx.tenantId, rows })
  const hits = weakDropped(
    idx.search(who.text, searchOpts(who.text, Math.max(limit * 4, 40))).filter((h) => visible.has(h.id)),
  )
  if (!hits.length) return []
  const rel = relevanceOf(hits)
  const lk = await lookups(ctx)
  const scored = hits.map((h) => {
    const n = visible.get(h.id)!
    const shared = sharedOf(who, { ...n, citywide: n.citywide }, lk)
    const e: Evidence = {
      sharedFields: shared.fields.length,
      askedFields: who.fields.length,
      sharedAreas: shared.areas.length > 0,
      citywide: n.citywide,
      sharedForms: shared.forms.length > 0,
      track: false,
      recency: recencyOf(n.publishedAt),
    }
    return { n, h, words: checkableWords(h.matched), shared, value: combined(rel(h), e) }
  })
  scored.sort((a, b) => b.value - a.value)
  const top = scored.slice(0, limit)
  const scores = toScale(top.map((x) => x.value))
  const ordered = distinctiveFirst(top.map((x) => x.words))
  return top.map((x, i) => {
    const words = ordered[i].slice(0, WORDS_SHOWN).map((m) => m.label)
    const snippet = snippetOf(x.h)
    const shared = { ...x.shared, citywide: false }
    return {
      needId: x.n.id,
      title: x.n.title,
      departmentId: x.n.departmentId,
      score: scores[i],
      band: bandOf(scores[i]),
      words,
      snippet,
      shared,
      reasons: reasonLines({ words, snippet, shared, whose: 'ニーズ' }),
    }
  })
}

export async function matchNeedsForGroup(ctx: Ctx, g: GroupRow, limit = 10) {
  return matchNeedsFor(
    ctx,
    { text: groupText(g), fields: g.fields, areaIds: g.areaIds, citywide: g.citywide, forms: [] },
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
      forms: o.forms,
    },
    limit,
  )
}

// ------------------------------------------------------------------ need → offers

/** Offers of published groups ranked for a need (a small set: indexed per call). */
export async function matchOffersForNeed(ctx: Ctx, need: Need, limit = 10) {
  return offerAnswers.answer(ctx.db, askedFor(ctx, need, limit), () => rankOffersForNeed(ctx, need, limit))
}
const offerAnswers = keptAnswers<Awaited<ReturnType<typeof rankOffersForNeed>>>()

async function rankOffersForNeed(ctx: Ctx, need: Need, limit: number) {
  const list = await publishedOffers(ctx)
  const gs = new Map((await getGroups(ctx, [...new Set(list.map((o) => o.groupId))])).map((g) => [g.id, g]))
  const live = new Map(list.filter((o) => gs.get(o.groupId)?.status === 'published').map((o) => [o.id, o]))
  const text = needText(need)
  if (!live.size || !text.trim()) return []
  const idx = await createIndex(
    NEED_FIELDS,
    [...live.values()].map((o) => ({ id: o.id, fields: { title: o.title, body: o.body } })),
  )
  const hits = idx.search(text, searchOpts(text, Math.max(limit * 4, 20)))
  if (!hits.length) return []
  const rel = relevanceOf(hits)
  const lk = await lookups(ctx)
  const scored = hits.map((h) => {
    const o = live.get(h.id)!
    const shared = sharedOf(need, o, lk)
    const value = combined(rel(h), {
      sharedFields: shared.fields.length,
      askedFields: need.fields.length,
      sharedAreas: shared.areas.length > 0,
      citywide: o.citywide,
      sharedForms: shared.forms.length > 0,
      track: false,
    })
    return { o, h, words: checkableWords(h.matched), shared, value }
  })
  scored.sort((a, b) => b.value - a.value)
  const top = scored.slice(0, limit)
  const scores = toScale(top.map((x) => x.value))
  const ordered = distinctiveFirst(top.map((x) => x.words))
  return top.map((x, i) => {
    const words = ordered[i].slice(0, WORDS_SHOWN).map((m) => m.label)
    return {
      offerId: x.o.id,
      title: x.o.title,
      groupId: x.o.groupId,
      groupName: gs.get(x.o.groupId)!.name,
      score: scores[i],
      band: bandOf(scores[i]),
      reasons: reasonLines({ words, snippet: null, shared: x.shared, whose: '提案' }),
    }
  })
}
