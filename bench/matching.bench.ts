/**
 * Matching quality and speed (npm run bench -- matching).
 * 1. Quality: the labelled set in bench/data/matching-labels.json (seed and demo pairings, plus
 *    200 generated distractor groups) — recall@5, recall@10 and MRR of Kyodo's ranking next to
 *    a plain keyword baseline (count of the need's words found with LIKE in the group's text).
 * 2. Speed: suggestions for one need among 50,000 generated groups, p50/p95, on PGlite and on
 *    PostgreSQL (postgresql://postgres@127.0.0.1:5432/test; skipped if unreachable).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { sql } from 'drizzle-orm'
import { loadConfig } from '../src/core/config.ts'
import type { Ctx } from '../src/core/context.ts'
import { type Database, migrate, openDatabase } from '../src/core/db/index.ts'
import { municipalities } from '../src/core/db/schema.ts'
import { groups } from '../src/features/groups/schema.ts'
import { areas } from '../src/features/organisation/schema.ts'
import { normalizeForSearch } from '../src/core/japanese/index.ts'
import { resetMatchingCaches, setSyncInterval, syncGroupTerms } from '../src/features/matching/candidates.ts'
import type { Need } from '../src/features/needs/service.ts'
import { matchGroupsForNeed } from '../src/features/matching/service.ts'
import { segmenterTerms, textReady } from '../src/features/matching/text.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const labels = JSON.parse(fs.readFileSync(path.join(here, 'data/matching-labels.json'), 'utf8'))
const config = loadConfig({ KYODO_DEMO: '0', LOG_LEVEL: 'silent' })

async function city(database: Database) {
  const [m] = await database.db
    .insert(municipalities)
    .values({
      code: String(100000 + Math.floor(Math.random() * 800000)),
      name: 'ベンチ市',
      prefecture: '東京都',
    })
    .returning()
  const ars = await database.db
    .insert(areas)
    .values(labels.areas.map((name: string, i: number) => ({ municipalityId: m.id, name, sortOrder: i })))
    .returning()
  const ctx: Ctx = {
    db: database.db,
    dbKind: database.kind,
    config,
    tenantId: m.id,
    municipality: m,
    actor: null,
    ip: '127.0.0.1',
    userAgent: 'bench',
  }
  return { ctx, areaId: new Map(ars.map((a) => [a.name, a.id])) }
}

// Generated distractors: plausible groups built from phrase pools.
const FIELDS = [
  'health_welfare',
  'social_education',
  'community',
  'tourism',
  'environment',
  'disaster',
  'children',
  'international',
  'culture_sports',
  'economy',
  'information',
  'safety',
]
const TOPICS = [
  '合唱',
  '俳句',
  '囲碁',
  '写真',
  '郷土史',
  '手話',
  '点訳',
  '朗読',
  '英会話',
  '料理',
  '陶芸',
  '野鳥観察',
  '川の清掃',
  '古民家',
  '将棋',
  'ヨガ',
  'バドミントン',
  '映画上映',
  '演劇',
  '和太鼓',
  '生け花',
  '書道',
  'サッカー',
  '卓球',
]
const VERBS = [
  '教室を開く',
  '発表会を行う',
  '交流会を開催する',
  '勉強会を続ける',
  '地域のお祭りに参加する',
  '講師を派遣する',
]
function fakeGroup(i: number, municipalityId: string, areaIds: string[]) {
  const t1 = TOPICS[i % TOPICS.length]
  const t2 = TOPICS[(i * 7 + 3) % TOPICS.length]
  const v = VERBS[(i * 5) % VERBS.length]
  const name = `${t1}の会${i}`
  return {
    municipalityId,
    name,
    actorKind: 'civic',
    legalForm: 'voluntary',
    fields: [FIELDS[i % FIELDS.length], FIELDS[(i * 3 + 1) % FIELDS.length]],
    areaIds: [areaIds[i % areaIds.length]],
    citywide: i % 9 === 0,
    purpose: `${t1}と${t2}を通じて仲間づくりをする。`,
    activities: `${t1}の${v}。年に一度${t2}の${VERBS[(i + 1) % VERBS.length]}。`,
    status: i % 50 === 0 ? 'suspended' : 'published',
    searchText: normalizeForSearch(name),
  }
}

async function loadLabelled(ctx: Ctx, areaId: Map<string, string>) {
  const ids = new Map<string, string>()
  for (const g of labels.groups) {
    const [row] = await ctx.db
      .insert(groups)
      .values({
        municipalityId: ctx.tenantId,
        name: g.name,
        actorKind: 'civic',
        legalForm: 'npo',
        fields: g.fields,
        areaIds: g.areas.map((a: string) => areaId.get(a)!),
        citywide: !!g.citywide,
        purpose: g.purpose,
        activities: g.activities,
        expertise: g.expertise,
        trackRecord: g.trackRecord,
        resources: g.resources,
        status: 'published',
        searchText: normalizeForSearch(g.name),
      })
      .returning({ id: groups.id })
    ids.set(g.key, row.id)
  }
  return ids
}

function needOf(ctx: Ctx, n: any, areaId: Map<string, string>): Need {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    municipalityId: ctx.tenantId,
    departmentId: '00000000-0000-4000-8000-000000000000',
    title: n.title,
    situation: n.situation,
    goal: n.goal,
    planIds: [],
    hasBudget: false,
    budgetLimit: null,
    cityOffers: [],
    cityOffersNote: '',
    partnerWants: n.partnerWants,
    partnerNote: '',
    forms: n.forms,
    fields: n.fields,
    areaIds: n.areas.map((a: string) => areaId.get(a)!),
    citywide: n.citywide,
    periodStart: null,
    periodEnd: null,
    deadline: null,
    status: 'published',
    visibility: 'public',
    hearingId: null,
    authorId: null,
    publishedAt: null,
    searchText: '',
    createdAt: new Date(),
    updatedAt: new Date(),
  }
}

/** Baseline: number of the need's words (Intl.Segmenter, 2+ characters) found by LIKE in the group's text. */
async function baseline(ctx: Ctx, n: any): Promise<string[]> {
  const words = [
    ...new Set(segmenterTerms(`${n.title} ${n.situation} ${n.goal}`).filter((w) => w.length >= 2)),
  ].slice(0, 30)
  if (!words.length) return []
  const hits = sql.join(
    words.map(
      (w) =>
        sql`(position(${w} in lower(name || ' ' || purpose || ' ' || activities || ' ' || expertise || ' ' || track_record)) > 0)::int`,
    ),
    sql` + `,
  )
  const r = (await ctx.db.execute(sql`
    select id, (${hits}) as hits from groups where municipality_id = ${ctx.tenantId} and status = 'published'
    order by hits desc, name limit 10`)) as any
  return (r.rows ?? r).filter((x: any) => Number(x.hits) > 0).map((x: any) => x.id)
}

function metrics(ranked: string[][], expected: string[][]) {
  let r5 = 0
  let r10 = 0
  let mrr = 0
  for (let i = 0; i < ranked.length; i++) {
    const exp = expected[i]
    r5 += exp.filter((e) => ranked[i].slice(0, 5).includes(e)).length / exp.length
    r10 += exp.filter((e) => ranked[i].slice(0, 10).includes(e)).length / exp.length
    const first = ranked[i].findIndex((g) => exp.includes(g))
    mrr += first >= 0 ? 1 / (first + 1) : 0
  }
  const n = ranked.length
  return { 'recall@5': (r5 / n).toFixed(3), 'recall@10': (r10 / n).toFixed(3), MRR: (mrr / n).toFixed(3) }
}

async function quality() {
  const database = await openDatabase({ dataDir: 'memory' })
  await migrate(database)
  const { ctx, areaId } = await city(database)
  const ids = await loadLabelled(ctx, areaId)
  const areaIds = [...areaId.values()]
  const noise = Array.from({ length: 200 }, (_, i) => fakeGroup(i + 1, ctx.tenantId, areaIds))
  await ctx.db.insert(groups).values(noise)
  await syncGroupTerms(ctx, { force: true })
  const kyodo: string[][] = []
  const base: string[][] = []
  const expected: string[][] = []
  for (const n of labels.needs) {
    const need = needOf(ctx, n, areaId)
    kyodo.push((await matchGroupsForNeed(ctx, need, 10)).map((m) => m.groupId))
    base.push(await baseline(ctx, n))
    expected.push(n.expect.map((k: string) => ids.get(k)!))
  }
  console.log(
    `labelled set: ${labels.needs.length} needs, ${labels.groups.length} labelled groups + ${noise.length} distractors`,
  )
  console.table({
    'Kyodo (tokens+synonyms+fields+areas+forms+track record)': metrics(kyodo, expected),
    'baseline (keyword LIKE overlap)': metrics(base, expected),
  })
  const first = labels.needs[2]
  const m = await matchGroupsForNeed(ctx, needOf(ctx, first, areaId), 3)
  console.log(`example — 「${first.title}」:`)
  for (const x of m) console.log(`  ${x.groupName} (${x.score}): ${x.reasons.join(' / ')}`)
  await database.close()
}

async function speed(database: Database, label: string) {
  await migrate(database)
  const { ctx, areaId } = await city(database)
  await loadLabelled(ctx, areaId)
  const areaIds = [...areaId.values()]
  const N = 50_000
  let t = performance.now()
  for (let i = 0; i < N; i += 2000) {
    await ctx.db
      .insert(groups)
      .values(
        Array.from({ length: Math.min(2000, N - i) }, (_, k) =>
          fakeGroup(i + k + 1000, ctx.tenantId, areaIds),
        ),
      )
  }
  const loadMs = performance.now() - t
  t = performance.now()
  await syncGroupTerms(ctx, { force: true })
  const indexMs = performance.now() - t
  await database.db.execute(sql`analyze`)
  resetMatchingCaches()
  setSyncInterval(60_000)
  const times: number[] = []
  const needs = labels.needs.map((n: any) => needOf(ctx, n, areaId))
  for (let i = 0; i < 40; i++) {
    const need = needs[i % needs.length]
    const s = performance.now()
    await matchGroupsForNeed(ctx, need, 10)
    times.push(performance.now() - s)
  }
  const warm = times.slice(needs.length) // the first pass fills the document-frequency cache
  const sorted = [...warm].sort((a, b) => a - b)
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1)
  const cold = [...times.slice(0, needs.length)].sort((a, b) => a - b)
  console.log(
    `${label}: ${N.toLocaleString()} groups (load ${(loadMs / 1000).toFixed(1)} s, term index ${(indexMs / 1000).toFixed(1)} s); suggestions for one need: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms (first query per need: p50 ${cold[Math.floor(cold.length / 2)].toFixed(1)} ms, max ${cold[cold.length - 1].toFixed(1)} ms)`,
  )
}

export default async function () {
  await textReady()
  setSyncInterval(0)
  if (!process.env.BENCH_SPEED_ONLY) await quality()
  resetMatchingCaches()
  setSyncInterval(0)
  const lite = await openDatabase({ dataDir: 'memory' })
  await speed(lite, 'PGlite')
  await lite.close()
  if (process.env.BENCH_SPEED_ONLY) return
  const url = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'
  const name = `kyodo_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  try {
    await admin.connect()
  } catch {
    console.log('PostgreSQL: not reachable, skipped')
    return
  }
  await admin.query(`CREATE DATABASE ${name}`)
  const u = new URL(url)
  u.pathname = `/${name}`
  try {
    resetMatchingCaches()
    setSyncInterval(0)
    const db = await openDatabase({ url: u.toString() })
    await speed(db, 'PostgreSQL')
    await db.close()
  } finally {
    // The pool has ended; wait for its sockets to close before dropping (FORCE would kill them
    // and the pool would report the termination as an unhandled error).
    for (let i = 0; i < 20; i++) {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`)
        break
      } catch {
        await new Promise((r) => setTimeout(r, 250))
      }
    }
    await admin.end()
  }
}
