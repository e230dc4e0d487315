import { citiesChanged } from '../core/db/cities.ts'
import { eq, sql } from 'drizzle-orm'
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core'
import { hashPassword } from '../core/auth/crypto.ts'
import type { Config } from '../core/config.ts'
import type { Ctx } from '../core/context.ts'
import type { Database } from '../core/db/index.ts'
import * as schema from '../core/db/schema.ts'
import type { DemoEnv } from '../core/demo.ts'
import { installFeatures, installedFeatures } from '../core/feature.ts'
import { rng } from '../core/random.ts'
import { features } from '../features/index.ts'
import { DEMO_CITY, DEMO_PASSWORD } from './city.ts'

export { DEMO_PASSWORD }

export const DEMO_LOGINS = [
  { email: 'admin@demo.example', role: 'システム管理者' },
  { email: 'coordinator@demo.example', role: 'コーディネーター（市民協働推進課）' },
  { email: 'staff@demo.example', role: '担当課職員（高齢者支援課）' },
  { email: 'group@demo.example', role: '団体メンバー（むさしの見守りネットワークの代表）' },
  { email: 'reviewer@demo.example', role: '審査委員' },
  { email: 'group2@demo.example', role: '団体メンバー（ほかの団体の代表。group3@… 以降も同じ）' },
]

/** What each room's demo step loads, for the start-up message. */
export const STEP_LABELS: Record<string, string> = {
  organisation: '部署・地区',
  groups: '団体',
  needs: 'ニーズ',
  offers: '協働メニュー・申し出',
  matching: 'マッチングと協働事業',
}

/**
 * Prints a line per step of the demo loader (「デモの自治体を準備しています：団体…」) and the
 * total time, for a first start that would otherwise be silent.
 */
export function demoProgress(write: (line: string) => void = (l) => console.log(l)) {
  const t0 = performance.now()
  return (label: string | null) => {
    const at = `${((performance.now() - t0) / 1000).toFixed(1)}秒`
    if (label) write(`デモの自治体を準備しています：${label}…（${at}）`)
    else write(`デモの自治体の準備ができました（${at}）`)
  }
}

export async function isEmpty(database: Database) {
  const r = await database.db.select({ id: schema.municipalities.id }).from(schema.municipalities).limit(1)
  return r.length === 0
}

/** Every table: the core's and each installed feature's. */
function allTables(): unknown[] {
  return [...Object.values(schema), ...installedFeatures().flatMap((f) => Object.values(f.tables ?? {}))]
}

/**
 * Remove a city's data (not its audit log and chain head, which are append-only). One transaction with the
 * foreign keys deferred (they are DEFERRABLE, migration 0008): the tables are emptied in any
 * order and the keys are checked at commit, when none of the city's rows is left.
 */
export async function deleteCity(database: Database, municipalityId: string) {
  if (!installedFeatures().length) installFeatures(features)
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET CONSTRAINTS ALL DEFERRED`)
    for (const t of allTables()) {
      if (!t || typeof t !== 'object' || !(Symbol.for('drizzle:IsDrizzleTable') in (t as object))) continue
      const cfg = getTableConfig(t as PgTable)
      // the audit log and its chain head outlive the city (append-only, migration 0012)
      if (cfg.name === 'audit_log' || cfg.name === 'audit_chain_head' || cfg.name === 'municipalities')
        continue
      if (cfg.columns.some((c) => c.name === 'municipality_id')) {
        await tx.execute(
          sql`DELETE FROM ${sql.identifier(cfg.name)} WHERE municipality_id = ${municipalityId}`,
        )
      }
    }
    await tx.delete(schema.municipalities).where(eq(schema.municipalities.id, municipalityId))
  })
  citiesChanged()
}

export async function loadDemo(
  database: Database,
  config: Config,
  opts: {
    size?: 'full' | 'small'
    reset?: boolean
    /** Called before each step with what it loads (「部署」「団体」…), and once at the end with null. */
    onStep?: (label: string | null) => void
  } = {},
) {
  if (!installedFeatures().length) installFeatures(features)
  const db = database.db
  const [existing] = await db
    .select()
    .from(schema.municipalities)
    .where(eq(schema.municipalities.code, DEMO_CITY.code))
  if (existing) {
    if (!opts.reset) return { loaded: false as const, municipalityId: existing.id }
    await deleteCity(database, existing.id)
  }
  const [city] = await db
    .insert(schema.municipalities)
    .values({ ...DEMO_CITY, settings: { demo: true } })
    .returning()
  citiesChanged()
  const ctx: Ctx = {
    db,
    dbKind: database.kind,
    config,
    tenantId: city.id,
    municipality: city,
    actor: null,
    ip: '127.0.0.1',
    userAgent: 'kyodo-demo',
  }

  // Accounts for every role
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const mk = async (
    email: string,
    family: string,
    given: string,
    fk: string,
    gk: string,
    flags: Partial<typeof schema.users.$inferInsert> = {},
  ) => {
    const [u] = await db
      .insert(schema.users)
      .values({
        municipalityId: city.id,
        email,
        passwordHash,
        emailVerifiedAt: new Date(),
        familyName: family,
        givenName: given,
        familyNameKana: fk,
        givenNameKana: gk,
        ...flags,
      })
      .returning()
    return u.id
  }
  const users = {
    admin: await mk('admin@demo.example', '管理', '花子', 'カンリ', 'ハナコ', { isAdmin: true }),
    coordinator: await mk('coordinator@demo.example', '協働', '太郎', 'キョウドウ', 'タロウ', {
      isCoordinator: true,
    }),
    staff: await mk('staff@demo.example', '高橋', '誠', 'タカハシ', 'マコト'),
    group: await mk('group@demo.example', '佐藤', '美咲', 'サトウ', 'ミサキ'),
    reviewer: await mk('reviewer@demo.example', '審査', '一郎', 'シンサ', 'イチロウ', { isReviewer: true }),
  }

  const env: DemoEnv = {
    ctx,
    rand: rng(20261123),
    departments: new Map(),
    areas: [],
    users,
    size: opts.size ?? 'full',
  }
  const steps = installedFeatures()
    .filter((f) => f.demo)
    .sort((a, b) => a.demo!.order - b.demo!.order)
  for (const f of steps) {
    opts.onStep?.(STEP_LABELS[f.name] ?? f.title)
    await f.demo!.seed(env)
  }
  opts.onStep?.(null)
  await db.insert(schema.auditLog).values({
    municipalityId: city.id,
    actorLabel: 'system',
    action: 'demo.load',
    entityType: 'municipality',
    entityId: city.id,
    changes: { size: env.size },
  })
  return { loaded: true as const, municipalityId: city.id }
}
