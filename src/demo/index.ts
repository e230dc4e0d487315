import { eq, sql } from 'drizzle-orm'
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core'
import { hashPassword } from '../core/auth/crypto.ts'
import type { Config } from '../core/config.ts'
import type { Ctx } from '../core/context.ts'
import type { Database } from '../core/db/index.ts'
import * as schema from '../core/db/schema.ts'
import { fiscalYearOf, fiscalYearRange } from '../core/japanese/index.ts'
import { groupsDemo } from '../features/groups/demo.ts'
import { matchingDemo } from '../features/matching/demo.ts'
import { DEMO_AREAS, DEMO_CITY, DEMO_DEPARTMENTS, DEMO_PASSWORD } from './organisation.ts'
import { rng, type Rng } from './random.ts'

export { DEMO_PASSWORD }

export const DEMO_LOGINS = [
  { email: 'admin@demo.example', role: 'システム管理者' },
  { email: 'coordinator@demo.example', role: 'コーディネーター（市民協働推進課）' },
  { email: 'staff@demo.example', role: '担当課職員（高齢者支援課）' },
  { email: 'group@demo.example', role: '団体メンバー（むさしの見守りネットワークの代表）' },
  { email: 'reviewer@demo.example', role: '審査委員' },
]

/** What each demo step receives: a context acting as the system, the ids made so far, and a seeded PRNG. */
export interface DemoEnv {
  ctx: Ctx
  rand: Rng
  departments: Map<string, string>
  areas: { id: string; name: string }[]
  users: Record<'admin' | 'coordinator' | 'staff' | 'group' | 'reviewer', string>
  /** How big: 'full' for the demo, 'small' for tests. */
  size: 'full' | 'small'
}

export type DemoStep = (env: DemoEnv) => Promise<void>

/** Feature rooms add their demo data here, in order. */
const FEATURE_STEPS: DemoStep[] = [groupsDemo, matchingDemo]

export async function isEmpty(database: Database) {
  const r = await database.db.select({ id: schema.municipalities.id }).from(schema.municipalities).limit(1)
  return r.length === 0
}

/** Remove a city's data (not its audit log, which is append-only). */
export async function deleteCity(database: Database, municipalityId: string) {
  for (const t of Object.values(schema)) {
    if (!t || typeof t !== 'object' || !(Symbol.for('drizzle:IsDrizzleTable') in (t as object))) continue
    const cfg = getTableConfig(t as PgTable)
    if (cfg.name === 'audit_log' || cfg.name === 'municipalities') continue
    if (cfg.columns.some((c) => c.name === 'municipality_id')) {
      await database.db.execute(
        sql`DELETE FROM ${sql.identifier(cfg.name)} WHERE municipality_id = ${municipalityId}`,
      )
    }
  }
  await database.db.delete(schema.municipalities).where(eq(schema.municipalities.id, municipalityId))
}

export async function loadDemo(
  database: Database,
  config: Config,
  opts: { size?: 'full' | 'small'; reset?: boolean } = {},
) {
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

  // Departments (部 → 課)
  const departments = new Map<string, string>()
  let order = 0
  for (const bu of DEMO_DEPARTMENTS) {
    const [b] = await db
      .insert(schema.departments)
      .values({ municipalityId: city.id, kind: 'bu', name: bu.bu, nameKana: bu.kana, sortOrder: order++ })
      .returning()
    departments.set(bu.bu, b.id)
    for (const d of bu.children) {
      const ext = 1000 + order
      const [row] = await db
        .insert(schema.departments)
        .values({
          municipalityId: city.id,
          parentId: b.id,
          kind: 'ka',
          name: d.name,
          nameKana: d.kana,
          duties: d.duties,
          phone: `0422-60-${String(ext).slice(-4)}`,
          email: `dept-${order}@city.demo.example`,
          location: `市役所本庁舎${1 + (order % 8)}階`,
          sortOrder: order++,
        })
        .returning()
      departments.set(d.name, row.id)
    }
  }

  // Fiscal years: the last seven and the next one
  const current = fiscalYearOf(new Date())
  for (let y = current - 6; y <= current + 1; y++) {
    await db.insert(schema.fiscalYears).values({
      municipalityId: city.id,
      year: y,
      ...fiscalYearRange(y),
      status: y < current ? 'closed' : y === current ? 'open' : 'planning',
    })
  }

  const areas = await db
    .insert(schema.areas)
    .values(
      DEMO_AREAS.map((a, i) => ({ municipalityId: city.id, name: a.name, nameKana: a.kana, sortOrder: i })),
    )
    .returning({ id: schema.areas.id, name: schema.areas.name })

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
  await db.insert(schema.departmentMembers).values([
    { municipalityId: city.id, departmentId: departments.get('高齢者支援課')!, userId: users.staff },
    { municipalityId: city.id, departmentId: departments.get('市民協働推進課')!, userId: users.coordinator },
  ])

  const env: DemoEnv = { ctx, rand: rng(20261123), departments, areas, users, size: opts.size ?? 'full' }
  for (const step of FEATURE_STEPS) await step(env)
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
