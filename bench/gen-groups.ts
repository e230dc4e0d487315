/**
 * Data for the group registry benchmark: a demo city (small) plus N realistic groups from
 * the same generator the demo uses, and the same groups as an import CSV.
 */
import { eq } from 'drizzle-orm'
import { loadConfig } from '../src/core/config.ts'
import type { Ctx } from '../src/core/context.ts'
import type { Database } from '../src/core/db/index.ts'
import { municipalities, users } from '../src/core/db/schema.ts'
import { areas as areasTable } from '../src/features/organisation/schema.ts'
import { toCsv } from '../src/core/csv.ts'
import { loadDemo } from '../src/demo/index.ts'
import { rng } from '../src/core/random.ts'
import { fieldsOf, LEGAL_FORMS, ACTOR_KINDS, labelOf } from '../src/core/vocabulary.ts'
import { loadActor } from '../src/core/auth/service.ts'
import { generateGroups, type GeneratedGroup } from '../src/features/groups/demo.ts'
import { groupAreas, groups } from '../src/features/groups/schema.ts'

export async function benchCity(database: Database): Promise<Ctx> {
  const config = loadConfig({ KYODO_DEMO: '0', LOG_LEVEL: 'silent' })
  const { municipalityId } = await loadDemo(database, config, { size: 'small' })
  return cityCtx(database, municipalityId)
}

/** The context of a city already in the database (the bench city of a kept database). */
export async function cityCtx(database: Database, municipalityId?: string): Promise<Ctx> {
  const config = loadConfig({ KYODO_DEMO: '0', LOG_LEVEL: 'silent' })
  const [m] = municipalityId
    ? await database.db.select().from(municipalities).where(eq(municipalities.id, municipalityId))
    : await database.db.select().from(municipalities).limit(1)
  const [u] = await database.db.select().from(users).where(eq(users.email, 'coordinator@demo.example'))
  const actor = await loadActor(database.db, m.id, u.id, 'session')
  return {
    db: database.db,
    dbKind: database.kind,
    config,
    tenantId: m.id,
    municipality: m,
    actor,
    ip: '127.0.0.1',
    userAgent: 'bench',
  }
}

export async function generate(ctx: Ctx, n: number, seed = 42): Promise<GeneratedGroup[]> {
  const areas = await ctx.db
    .select({ id: areasTable.id, name: areasTable.name })
    .from(areasTable)
    .where(eq(areasTable.municipalityId, ctx.tenantId))
  const fieldLabels = new Map(fieldsOf(ctx.municipality.settings).map((f) => [f.code, f.label]))
  const gen = generateGroups(rng(seed), n, { tenantId: ctx.tenantId, areas, fieldLabels })
  for (const g of gen) g.row.status = g.row.status === 'inactive' ? 'inactive' : 'published'
  return gen
}

export async function insertGroups(ctx: Ctx, gen: GeneratedGroup[]) {
  for (let i = 0; i < gen.length; i += 1000) {
    const part = gen.slice(i, i + 1000)
    const ids = await ctx.db
      .insert(groups)
      .values(part.map((g) => g.row))
      .returning({ id: groups.id })
    const links = part.flatMap((g, j) =>
      g.areaIds.map((areaId) => ({ municipalityId: ctx.tenantId, groupId: ids[j].id, areaId })),
    )
    if (links.length) await ctx.db.insert(groupAreas).values(links)
  }
}

/** The same groups as a city's Excel list saved as CSV (UTF-8 with BOM). */
export async function importCsv(ctx: Ctx, gen: GeneratedGroup[]): Promise<Uint8Array> {
  const areas = await ctx.db
    .select({ id: areasTable.id, name: areasTable.name })
    .from(areasTable)
    .where(eq(areasTable.municipalityId, ctx.tenantId))
  const names = new Map(areas.map((a) => [a.id, a.name]))
  const fl = new Map(fieldsOf(ctx.municipality.settings).map((f) => [f.code, f.label]))
  const header = [
    '団体名',
    'フリガナ',
    '団体の種類',
    '法人格',
    '活動分野',
    '活動地区',
    '活動目的',
    '活動内容',
    '専門性',
    '協働したいこと',
    '設立年',
    '構成員数',
    '代表者名',
    'メールアドレス',
    '電話番号',
    '郵便番号',
    '所在地',
  ]
  const rows = gen.map(({ row: g, areaIds }) => [
    g.name,
    g.nameKana,
    labelOf(ACTOR_KINDS, g.actorKind!).replace(/（.*/, ''),
    labelOf(LEGAL_FORMS, g.legalForm!),
    (g.fields ?? []).map((f) => fl.get(f)).join('、'),
    g.citywide ? '市内全域' : areaIds.map((a) => names.get(a)).join('、'),
    g.purpose,
    g.activities,
    g.expertise,
    g.wantsToDo,
    g.foundedYear,
    g.memberCount,
    g.representativeName,
    g.contactEmail,
    g.contactPhone,
    g.postalCode,
    g.address,
  ])
  return new Uint8Array(toCsv(header, rows as any))
}
