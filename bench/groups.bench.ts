/**
 * Group registry benchmark: 50,000 groups on PGlite and on PostgreSQL.
 * - search with a keyword and a facet (with facet counts, as the directory runs it): p50/p95 over 240 varied queries
 * - rendering the directory page (/groups?q=…&field=…) through the app
 * - importing 50,000 CSV rows (decode, validate, duplicates, insert) into an empty registry
 * Sizes: BENCH_GROUPS (default 50000).
 */
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { createApp } from '../src/app.tsx'
import { type Database, migrate, openDatabase } from '../src/core/db/index.ts'
import { rng } from '../src/core/random.ts'
import { importGroups } from '../src/features/groups/io.ts'
import { searchGroups } from '../src/features/groups/search.ts'
import { groupIndex } from '../src/features/groups/search-index.ts'
import { benchCity, generate, importCsv, insertGroups } from './gen-groups.ts'

const N = Number(process.env.BENCH_GROUPS ?? 50_000)

const WORDS = [
  'こども食堂',
  'みまもり',
  '見守り',
  'ミマモリ',
  '防災',
  'ぼうさい',
  'NPO',
  'ＮＰＯ',
  '吉祥寺',
  'きちじょうじ',
  '子育て',
  'こそだて',
  '日本語教室',
  '合唱',
  'スポーツ',
  '読み聞かせ',
  'おはなし',
  '環境',
  '緑',
  '高齢者',
  'サロン',
  '就労',
  '障がい',
  '国際交流',
  '商店会',
  '自治会',
  '郷土史',
  'ごみ減量',
  '介護',
  '居場所',
  '科学',
  'IT',
  'スマホ',
  '観光ガイド',
  '市民農園',
  '地域猫',
  '平和',
  '男女共同参画',
  '消費生活',
  'まちの縁側',
  '桜堤',
  '境南',
  '武蔵野',
  'むさしの見守りネットワ－ク',
  'こどもしょくどう',
  'さくらづつみ合唱',
  '防犯パトロール',
  '学習支援',
  '体操',
  '清掃活動',
  '福祉',
  '通訳',
  '防災士',
  'ボランティア',
  '一般社団法人',
  '認定NPO',
]
const FIELDS = [
  'health_welfare',
  'children',
  'community',
  'environment',
  'culture_sports',
  'disaster',
  'international',
  'social_education',
  'safety',
  'economy',
]

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]
}
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`

async function run(database: Database, label: string) {
  await migrate(database)
  const ctx = await benchCity(database)
  let t = performance.now()
  const gen = await generate(ctx, N)
  await insertGroups(ctx, gen)
  await database.db.execute(sql`ANALYZE groups`)
  console.log(
    `${label}: generated and inserted ${N.toLocaleString()} groups in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  )

  // the ranked index (what the warm-up at start-up builds)
  t = performance.now()
  await groupIndex(ctx)
  console.log(
    `${label}: ranked index of ${N.toLocaleString()} groups built in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  )

  const r = rng(7)
  const queries = Array.from({ length: 240 }, (_, i) => ({
    q: i % 5 === 4 ? `${r.pick(WORDS)} ${r.pick(WORDS)}` : r.pick(WORDS),
    fields: [r.pick(FIELDS)],
  }))
  for (const q of queries.slice(0, 20)) await searchGroups(ctx, { ...q, facets: true }) // warm up
  const times: number[] = []
  let hits = 0
  for (const q of queries) {
    const s = performance.now()
    const res = await searchGroups(ctx, { ...q, facets: true, perPage: 20 })
    times.push(performance.now() - s)
    hits += res.total
  }
  console.log(
    `${label}: search keyword + facet (with facet counts), ${queries.length} queries: ${fmt(times)} (avg ${Math.round(hits / queries.length)} hits)`,
  )
  const short = queries.filter((q) => [...q.q].length <= 2)
  const shortTimes = times.filter((_, i) => [...queries[i].q].length <= 2)
  if (short.length)
    console.log(`${label}:   of which 1–2 character keywords (${short.length}): ${fmt(shortTimes)}`)

  // The ranked directory search by query length, after the index is built (the warm-up at start-up)
  const byLength: [string, string[]][] = [
    ['1 character', ['緑', '食', '会', '猫', '歌', '町', '森', '子']],
    ['2 characters', ['防災', '見守', '子育', '環境', '福祉', '体操', 'みま', '合唱']],
    [
      '4 characters',
      ['こども食', '日本語教', '高齢者見', '子育て支', 'ぼうさい', '地域猫の', 'えみ合唱', '読み聞か'],
    ],
    [
      'long (a sentence)',
      [
        'ひとり暮らしのお年寄りの見守りをしてくれる団体を探しています',
        '子ども食堂を始めたいので、食材の提供や運営の手伝いができるところ',
        '外国人の住民に日本語を教えるボランティアの団体はありますか',
        '防災訓練に若い人や障がいのある方が参加できるように手伝ってほしい',
      ],
    ],
  ]
  for (const [name, qs] of byLength) {
    for (const q of qs) await searchGroups(ctx, { q, facets: true })
    const ts: number[] = []
    for (let i = 0; i < 40; i++) {
      const q = qs[i % qs.length]
      const s = performance.now()
      await searchGroups(ctx, {
        q,
        facets: true,
        perPage: 20,
        fields: i % 2 ? [FIELDS[i % FIELDS.length]] : [],
      })
      ts.push(performance.now() - s)
    }
    console.log(`${label}: ranked search, ${name} queries (40, with facet counts): ${fmt(ts)}`)
  }

  const app = createApp(database, ctx.config)
  const page: number[] = []
  for (let i = 0; i < 60; i++) {
    const q = queries[i]
    const s = performance.now()
    const res = await app.request(
      `/groups?q=${encodeURIComponent(q.q)}&field=${q.fields[0]}&page=${1 + (i % 3)}`,
    )
    await res.text()
    page.push(performance.now() - s)
    if (res.status !== 200) throw new Error(`directory page: ${res.status}`)
  }
  console.log(`${label}: directory page render (/groups?q=…&field=…), 60 requests: ${fmt(page.slice(5))}`)

  // Import 50,000 rows into an empty registry of a fresh database-side city
  // the demo city's pairings, offers and interests point at its groups: remove them with the groups
  await emptyRegistry(database, ctx.tenantId)
  const csv = await importCsv(ctx, gen)
  t = performance.now()
  const dry = await importGroups(ctx, csv, {
    dryRun: true,
    mode: 'good_only',
    duplicates: 'skip',
    status: 'published',
  })
  const dryMs = performance.now() - t
  t = performance.now()
  const rep = await importGroups(ctx, csv, {
    dryRun: false,
    mode: 'good_only',
    duplicates: 'skip',
    status: 'published',
  })
  const impMs = performance.now() - t
  console.log(
    `${label}: import ${N.toLocaleString()} CSV rows (${(csv.length / 1024 / 1024).toFixed(1)} MB): dry run ${(dryMs / 1000).toFixed(1)} s, import ${(impMs / 1000).toFixed(1)} s — created ${rep.created}, skipped ${rep.skipped}, errors ${rep.errors.length} (dry run found ${dry.errors.length})`,
  )
}

export default async function () {
  const lite = await openDatabase({ dataDir: 'memory' })
  await run(lite, 'PGlite')
  await lite.close()
  const url = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'
  const name = `kyodo_bench_groups_${randomBytes(4).toString('hex')}`
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
    const db = await openDatabase({ url: u.toString() })
    await run(db, 'PostgreSQL')
    await db.close()
  } finally {
    // A pooled connection the app left idle may be cut by the forced drop below: not a failure.
    const ignore = (e: Error) => {
      if (!/terminating connection/.test(e.message)) throw e
    }
    process.on('uncaughtException', ignore)
    await new Promise((r) => setTimeout(r, 500))
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
    await new Promise((r) => setTimeout(r, 500))
    process.off('uncaughtException', ignore)
  }
}

/**
 * Empties a city's registry for the import run: every row of the city that points at a group goes
 * with it (found from the foreign keys, so a new room's table needs no edit here), in one
 * transaction with the keys checked at commit.
 */
async function emptyRegistry(database: Database, municipalityId: string) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET CONSTRAINTS ALL DEFERRED`)
    const refs = (await tx.execute(sql`
      SELECT DISTINCT c.conrelid::regclass::text AS t
      FROM pg_constraint c
      WHERE c.contype = 'f' AND c.confrelid = 'groups'::regclass AND c.confdeltype IN ('a', 'r')
    `)) as unknown as { rows?: { t: string }[] } | { t: string }[]
    const rows = Array.isArray(refs) ? refs : (refs.rows ?? [])
    // tables that point at those rows in turn (pairings → projects …) are emptied for the city too
    const seen = new Set<string>()
    const queue = rows.map((r) => r.t.replace(/"/g, ''))
    while (queue.length) {
      const t = queue.shift() as string
      if (seen.has(t)) continue
      seen.add(t)
      const more = (await tx.execute(sql`
        SELECT DISTINCT c.conrelid::regclass::text AS t FROM pg_constraint c
        WHERE c.contype = 'f' AND c.confrelid = ${t}::regclass AND c.confdeltype IN ('a', 'r')
      `)) as unknown as { rows?: { t: string }[] } | { t: string }[]
      for (const r of Array.isArray(more) ? more : (more.rows ?? [])) queue.push(r.t.replace(/"/g, ''))
    }
    for (const t of seen)
      await tx.execute(sql`DELETE FROM ${sql.identifier(t)} WHERE municipality_id = ${municipalityId}`)
    await tx.execute(sql`DELETE FROM groups WHERE municipality_id = ${municipalityId}`)
  })
}
