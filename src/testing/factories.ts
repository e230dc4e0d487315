import { citiesChanged } from '../core/db/cities.ts'
import { hashPassword } from '../core/auth/crypto.ts'
import type { Database } from '../core/db/index.ts'
import * as schema from '../core/db/schema.ts'
import { groupMembers, groups } from '../features/groups/schema.ts'
import { areas, departmentMembers, departments, fiscalYears } from '../features/organisation/schema.ts'

/**
 * Factories: insert exactly what a test needs into a migrated database (createBareApp's seed,
 * or t.database). Every factory takes the Database (or anything holding one, like a TestApp).
 */
type Dbish = Database | { database: Database }
const dbOf = (d: Dbish) => ('database' in d ? d.database : d).db

/** The password of every factory user (the same as the demo accounts'). */
export const TEST_PASSWORD = 'demo-password-2026'
// argon2 costs tens of milliseconds: hash the fixed password once per process.
let cachedHash: Promise<string> | null = null
const testHash = () => {
  cachedHash ??= hashPassword(TEST_PASSWORD)
  return cachedHash
}

let seq = 0
const next = () => ++seq

export type City = typeof schema.municipalities.$inferSelect

export async function createCity(
  d: Dbish,
  opts: { host?: string | null; code?: string; name?: string } = {},
) {
  const n = next()
  const [city] = await dbOf(d)
    .insert(schema.municipalities)
    .values({
      code: opts.code ?? `9${String(n).padStart(5, '0')}`,
      name: opts.name ?? `テスト市${n}`,
      prefecture: '東京都',
      host: opts.host ?? null,
    })
    .returning()
  citiesChanged()
  return city
}

export async function createUser(
  d: Dbish,
  city: City,
  opts: {
    email?: string
    password?: string
    admin?: boolean
    coordinator?: boolean
    reviewer?: boolean
    verified?: boolean
  } = {},
) {
  const n = next()
  const [u] = await dbOf(d)
    .insert(schema.users)
    .values({
      municipalityId: city.id,
      email: opts.email ?? `user${n}@test.example`,
      passwordHash: opts.password ? await hashPassword(opts.password) : await testHash(),
      emailVerifiedAt: opts.verified === false ? null : new Date(),
      familyName: 'テスト',
      givenName: `${n}`,
      familyNameKana: 'テスト',
      givenNameKana: 'イチ',
      isAdmin: opts.admin ?? false,
      isCoordinator: opts.coordinator ?? false,
      isReviewer: opts.reviewer ?? false,
    })
    .returning()
  return u
}

export async function createDepartment(d: Dbish, city: City, opts: { name?: string; kind?: string } = {}) {
  const [dep] = await dbOf(d)
    .insert(departments)
    .values({ municipalityId: city.id, name: opts.name ?? `テスト課${next()}`, kind: opts.kind ?? 'ka' })
    .returning()
  return dep
}

export async function addToDepartment(d: Dbish, city: City, departmentId: string, userId: string) {
  await dbOf(d).insert(departmentMembers).values({ municipalityId: city.id, departmentId, userId })
}

export async function createArea(d: Dbish, city: City, opts: { name?: string } = {}) {
  const [a] = await dbOf(d)
    .insert(areas)
    .values({ municipalityId: city.id, name: opts.name ?? `テスト地区${next()}` })
    .returning()
  return a
}

/** 年度 `year`: April 1 to March 31. */
export async function createFiscalYear(d: Dbish, city: City, year: number, status = 'open') {
  const [fy] = await dbOf(d)
    .insert(fiscalYears)
    .values({ municipalityId: city.id, year, startsOn: `${year}-04-01`, endsOn: `${year + 1}-03-31`, status })
    .returning()
  return fy
}

/** A group, published unless told otherwise, with its members (editors). */
export async function createGroup(
  d: Dbish,
  city: City,
  opts: { name?: string; status?: string; fields?: string[]; members?: string[] } = {},
) {
  const db = dbOf(d)
  const [g] = await db
    .insert(groups)
    .values({
      municipalityId: city.id,
      name: opts.name ?? `テスト団体${next()}`,
      actorKind: 'civic',
      legalForm: 'voluntary',
      fields: opts.fields ?? [],
      status: opts.status ?? 'published',
    })
    .returning()
  for (const userId of opts.members ?? [])
    await db.insert(groupMembers).values({ municipalityId: city.id, groupId: g.id, userId })
  return g
}
