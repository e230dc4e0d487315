import type { DemoEnv } from '../../core/demo.ts'
import { fiscalYearOf, fiscalYearRange } from '../../core/japanese/index.ts'
import { DEMO_AREAS, DEMO_DEPARTMENTS } from './demo-data.ts'
import { areas, departmentMembers, departments, fiscalYears } from './schema.ts'

/** 部 → 課 with duties, the last seven fiscal years and the next, the districts; demo staff. */
export async function organisationDemo(env: DemoEnv) {
  const { db, tenantId } = env.ctx
  let order = 0
  for (const bu of DEMO_DEPARTMENTS) {
    const [b] = await db
      .insert(departments)
      .values({ municipalityId: tenantId, kind: 'bu', name: bu.bu, nameKana: bu.kana, sortOrder: order++ })
      .returning()
    env.departments.set(bu.bu, b.id)
    for (const d of bu.children) {
      const ext = 1000 + order
      const [row] = await db
        .insert(departments)
        .values({
          municipalityId: tenantId,
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
      env.departments.set(d.name, row.id)
    }
  }

  const current = fiscalYearOf(new Date())
  for (let y = current - 6; y <= current + 1; y++) {
    await db.insert(fiscalYears).values({
      municipalityId: tenantId,
      year: y,
      ...fiscalYearRange(y),
      status: y < current ? 'closed' : y === current ? 'open' : 'planning',
    })
  }

  const made = await db
    .insert(areas)
    .values(
      DEMO_AREAS.map((a, i) => ({ municipalityId: tenantId, name: a.name, nameKana: a.kana, sortOrder: i })),
    )
    .returning({ id: areas.id, name: areas.name })
  env.areas.push(...made)

  await db.insert(departmentMembers).values([
    { municipalityId: tenantId, departmentId: env.departments.get('高齢者支援課')!, userId: env.users.staff },
    {
      municipalityId: tenantId,
      departmentId: env.departments.get('市民協働推進課')!,
      userId: env.users.coordinator,
    },
  ])
}
