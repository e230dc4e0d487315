import { citiesChanged } from '../../core/db/cities.ts'
import { type AnyColumn, and, asc, desc, eq, ne, sql } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import type { Ctx } from '../../core/context.ts'
import { municipalities } from '../../core/db/schema.ts'
import {
  type ImportMode as CoreImportMode,
  type ImportColumn,
  knownHeaders,
  readTable,
  resolveMapping,
} from '../../core/import/index.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { AppError, notFound, validationFailed } from '../../core/errors.ts'
import { fiscalYearOf, fiscalYearRange, normalizeForSearch } from '../../core/japanese/index.ts'
import {
  AREA_FIELDS,
  applyMapping,
  type ColumnMap,
  checkAreaRows,
  checkDepartmentRows,
  DEPARTMENT_FIELDS,
  type DepartmentKind,
  type FiscalYearStatus,
  guessDepartmentKind,
  isValidMunicipalityCode,
  mappingErrors,
  matchesAllWords,
  nextFiscalYear,
  type RowError,
} from './domain.ts'
import { areas, departmentMembers, departments, fiscalYears } from './schema.ts'

export type Department = typeof departments.$inferSelect
export type Area = typeof areas.$inferSelect
export type FiscalYear = typeof fiscalYears.$inferSelect

// ---------------------------------------------------------------- municipality

export interface MunicipalityInput {
  name: string
  nameKana: string
  code: string
  prefecture: string
  officeName: string
  officePhone: string
  officeEmail: string
}

export async function updateMunicipality(ctx: Ctx, input: MunicipalityInput) {
  if (!isValidMunicipalityCode(input.code))
    throw validationFailed({
      code: '全国地方公共団体コードが正しくありません。検査数字（6桁目）を含めた6桁の数字を入力してください（例：132039）',
    })
  const [taken] = await ctx.db
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(and(eq(municipalities.code, input.code), ne(municipalities.id, ctx.tenantId)))
  if (taken) throw validationFailed({ code: 'この全国地方公共団体コードは別の自治体で使われています' })
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(municipalities).where(eq(municipalities.id, tx.tenantId))
    await tx.db
      .update(municipalities)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(municipalities.id, tx.tenantId))
    citiesChanged()
    await audit(tx, {
      action: 'municipality.update',
      entityType: 'municipality',
      entityId: tx.tenantId,
      changes: diff(before as any, input as any),
    })
  })
}

// ---------------------------------------------------------------- departments

export async function listDepartments(
  ctx: Pick<Ctx, 'db' | 'tenantId'>,
  opts: { activeOnly?: boolean } = {},
) {
  return ctx.db
    .select()
    .from(departments)
    .where(inCity(ctx, departments, opts.activeOnly ? eq(departments.active, true) : undefined))
    .orderBy(asc(departments.sortOrder), asc(departments.name))
}

export interface DepartmentNode {
  dept: Department
  children: Department[]
}

/** 部 with their 課 (in sort order); departments without a parent are top-level nodes. */
export function departmentTree(list: Department[]): DepartmentNode[] {
  const ids = new Set(list.map((d) => d.id))
  const roots = list.filter((d) => !d.parentId || !ids.has(d.parentId))
  return roots.map((dept) => ({ dept, children: list.filter((d) => d.parentId === dept.id) }))
}

export async function getDepartment(ctx: Pick<Ctx, 'db' | 'tenantId'>, id: string) {
  const [d] = await ctx.db
    .select()
    .from(departments)
    .where(byId(ctx, departments, id))
  return d ?? null
}

/** Public search: every word must appear in name, furigana or duties (normalised on both sides). */
export async function searchDepartments(ctx: Pick<Ctx, 'db' | 'tenantId'>, q: string) {
  // A city has at most a few hundred departments: normalising in JS keeps exactly the
  // same rules (NFKC, katakana, lower case) on both sides without a search column.
  const list = await listDepartments(ctx, { activeOnly: true })
  const query = normalizeForSearch(q)
  if (!query) return list
  return list.filter((d) => matchesAllWords(normalizeForSearch(`${d.name} ${d.nameKana} ${d.duties}`), query))
}

export interface DepartmentInput {
  kind: DepartmentKind
  parentId: string | null
  name: string
  nameKana: string
  duties: string
  phone: string
  email: string
  location: string
  sortOrder: number
}

async function checkDepartment(ctx: Ctx, input: DepartmentInput, selfId: string | null) {
  const [dup] = await ctx.db
    .select({ id: departments.id })
    .from(departments)
    .where(
      inCity(
        ctx,
        departments,
        eq(departments.name, input.name),
        selfId ? ne(departments.id, selfId) : undefined,
      ),
    )
  const errors: Record<string, string> = {}
  if (dup) errors.name = `部署名「${input.name}」はすでに登録されています。別の名前にしてください`
  if (input.parentId) {
    const parent = await getDepartment(ctx, input.parentId)
    if (!parent) errors.parentId = '上位部署を一覧から選んでください'
    else if (selfId) {
      // no cycles: the parent may not be the department itself or one of its descendants
      const all = await listDepartments(ctx)
      let cur: Department | undefined = parent
      for (let i = 0; cur && i < 50; i++) {
        if (cur.id === selfId) {
          errors.parentId = '上位部署に、この部署自身やその下の部署は選べません'
          break
        }
        cur = all.find((d) => d.id === cur!.parentId)
      }
    }
  }
  if (Object.keys(errors).length) throw validationFailed(errors)
}

export async function createDepartment(ctx: Ctx, input: DepartmentInput) {
  return inTransaction(ctx, async (tx) => {
    await checkDepartment(tx, input, null)
    const [row] = await tx.db
      .insert(departments)
      .values({ municipalityId: tx.tenantId, ...input })
      .returning()
    await audit(tx, {
      action: 'department.create',
      entityType: 'department',
      entityId: row.id,
      changes: diff(null, input as any),
    })
    return row
  })
}

export async function updateDepartment(ctx: Ctx, id: string, input: Partial<DepartmentInput>) {
  return inTransaction(ctx, async (tx) => {
    const before = await getDepartment(tx, id)
    if (!before) throw notFound('部署')
    const merged = { ...before, ...input } as DepartmentInput
    await checkDepartment(tx, merged, id)
    const [row] = await tx.db
      .update(departments)
      .set({ ...input, updatedAt: new Date() })
      .where(byId(tx, departments, id))
      .returning()
    await audit(tx, {
      action: 'department.update',
      entityType: 'department',
      entityId: id,
      changes: diff(before as any, input as any),
    })
    return row
  })
}

/** Departments are never deleted: they are deactivated (history keeps pointing at them). */
export async function setDepartmentActive(ctx: Ctx, id: string, active: boolean) {
  return inTransaction(ctx, async (tx) => {
    const before = await getDepartment(tx, id)
    if (!before) throw notFound('部署')
    if (before.active === active) return before
    const [row] = await tx.db
      .update(departments)
      .set({ active, updatedAt: new Date() })
      .where(byId(tx, departments, id))
      .returning()
    await audit(tx, {
      action: active ? 'department.reactivate' : 'department.deactivate',
      entityType: 'department',
      entityId: id,
      changes: { active: [before.active, active] },
    })
    return row
  })
}

export const DEPARTMENT_CSV_HEADER = [
  '部署名',
  'フリガナ',
  '種別',
  '上位部署',
  '所掌事務',
  '電話番号',
  'メールアドレス',
  '所在地',
  '表示順',
  '状態',
]

const KIND_CSV: Record<string, string> = { bu: '部', ka: '課', other: 'その他' }

export async function departmentCsvRows(ctx: Ctx) {
  const list = await listDepartments(ctx)
  const byId = new Map(list.map((d) => [d.id, d]))
  // 部 first, each followed by its 課, as the list page shows them
  return departmentTree(list)
    .flatMap((n) => [n.dept, ...n.children])
    .map((d) => [
      d.name,
      d.nameKana,
      KIND_CSV[d.kind] ?? 'その他',
      d.parentId ? (byId.get(d.parentId)?.name ?? '') : '',
      d.duties.replace(/\r?\n/g, ' '),
      d.phone,
      d.email,
      d.location,
      d.sortOrder,
      d.active ? '有効' : '廃止',
    ])
}

// ---------------------------------------------------------------- CSV import (departments and areas)

export type ImportMode = CoreImportMode

/** The shared parameters (dryRun default true, mode, mapping) applied to an uploaded CSV/XLSX file. */
export interface ImportFileParams {
  dryRun: boolean
  mode: ImportMode
  mapping?: string | Record<string, unknown>
}

async function fileInput(
  bytes: Uint8Array,
  fields: ImportColumn[],
  p: ImportFileParams,
): Promise<ImportInput & { headerLine: number; encoding: string }> {
  const t = await readTable(bytes, { maxRows: 5000, known: knownHeaders(fields) })
  return {
    header: t.header,
    rows: t.rows,
    map: resolveMapping(t.header, fields, p.mapping),
    mode: p.mode,
    dryRun: p.dryRun,
    headerLine: t.headerLine,
    encoding: t.encoding,
  }
}

/** Import departments from an uploaded file through the shared pipeline (API). */
export async function importDepartmentsFile(ctx: Ctx, bytes: Uint8Array, p: ImportFileParams) {
  const input = await fileInput(bytes, DEPARTMENT_FIELDS, p)
  const r = await importDepartments(ctx, input)
  return {
    ...r,
    dryRun: p.dryRun,
    mode: p.mode,
    headerLine: input.headerLine,
    encoding: input.encoding,
    mapping: input.map,
  }
}

/** Import areas from an uploaded file through the shared pipeline (API). */
export async function importAreasFile(ctx: Ctx, bytes: Uint8Array, p: ImportFileParams) {
  const input = await fileInput(bytes, AREA_FIELDS, p)
  const r = await importAreas(ctx, input)
  return {
    ...r,
    dryRun: p.dryRun,
    mode: p.mode,
    headerLine: input.headerLine,
    encoding: input.encoding,
    mapping: input.map,
  }
}

export interface ImportResult {
  created: number
  updated: number
  skipped: number
  errors: RowError[]
  /** False for a dry run, and when all-or-nothing found errors. */
  applied: boolean
  total: number
}

export interface ImportInput {
  header: string[]
  rows: { line: number; cells: string[] }[]
  map: ColumnMap
  mode: ImportMode
  dryRun: boolean
}

function outcome(
  input: ImportInput,
  goodCount: number,
  errors: RowError[],
  wouldCreate: number,
): Omit<ImportResult, 'applied'> & { refuse: boolean } {
  const total = input.rows.length
  const refuse = errors.length > 0 && input.mode === 'all' && !input.dryRun
  if (refuse) return { created: 0, updated: 0, skipped: total, errors, total, refuse }
  return {
    created: wouldCreate,
    updated: goodCount - wouldCreate,
    skipped: total - goodCount,
    errors,
    total,
    refuse,
  }
}

/**
 * Import departments. Rows whose name matches an existing department update it (only the
 * mapped columns); others create one. A dry run reports what would happen; all-or-nothing
 * writes nothing when any row has a problem; good-only writes the good rows.
 */
export async function importDepartments(ctx: Ctx, input: ImportInput): Promise<ImportResult> {
  const mapErr = mappingErrors(input.map, DEPARTMENT_FIELDS, input.header)
  if (mapErr.length)
    return {
      created: 0,
      updated: 0,
      skipped: input.rows.length,
      errors: mapErr,
      applied: false,
      total: input.rows.length,
    }
  const existing = await listDepartments(ctx)
  const byName = new Map(existing.map((d) => [d.name, d]))
  const { good, errors } = checkDepartmentRows(applyMapping(input.rows, input.map), new Set(byName.keys()))
  const wouldCreate = good.filter((g) => !byName.has(g.name)).length
  const o = outcome(input, good.length, errors, wouldCreate)
  if (input.dryRun || o.refuse) {
    const { refuse: _r, ...rest } = o
    return { ...rest, applied: false }
  }
  const mapped = (k: string) => input.map[k] !== null && input.map[k] !== undefined
  await inTransaction(ctx, async (tx) => {
    let order = existing.reduce((m, d) => Math.max(m, d.sortOrder), 0)
    const ids = new Map(existing.map((d) => [d.name, d.id]))
    for (const g of good) {
      const before = byName.get(g.name)
      const values: Partial<DepartmentInput> = {}
      if (mapped('nameKana')) values.nameKana = g.nameKana
      if (mapped('kind') && g.kind) values.kind = g.kind
      if (mapped('duties')) values.duties = g.duties
      if (mapped('phone')) values.phone = g.phone
      if (mapped('email')) values.email = g.email
      if (mapped('location')) values.location = g.location
      if (mapped('sortOrder') && g.sortOrder !== null) values.sortOrder = g.sortOrder
      if (before) {
        const changes = diff(before as any, values as any)
        if (Object.keys(changes).length) {
          await tx.db
            .update(departments)
            .set({ ...values, updatedAt: new Date() })
            .where(byId(ctx, departments, before.id))
          await audit(tx, {
            action: 'department.import.update',
            entityType: 'department',
            entityId: before.id,
            changes,
          })
        }
      } else {
        const row = {
          name: g.name,
          kind: values.kind ?? guessDepartmentKind(g.name),
          sortOrder: values.sortOrder ?? ++order,
          ...values,
        }
        const [created] = await tx.db
          .insert(departments)
          .values({ municipalityId: ctx.tenantId, ...row })
          .returning({ id: departments.id })
        ids.set(g.name, created.id)
        await audit(tx, {
          action: 'department.import.create',
          entityType: 'department',
          entityId: created.id,
          changes: diff(null, row as any),
        })
      }
    }
    if (mapped('parent')) {
      for (const g of good) {
        const id = ids.get(g.name)!
        const parentId = g.parentName ? (ids.get(g.parentName) ?? null) : null
        const before = byName.get(g.name)
        if (before && before.parentId === parentId) continue
        if (!before && parentId === null) continue
        await tx.db
          .update(departments)
          .set({ parentId })
          .where(byId(ctx, departments, id))
        if (before)
          await audit(tx, {
            action: 'department.import.update',
            entityType: 'department',
            entityId: id,
            changes: { parentId: [before.parentId, parentId] },
          })
      }
    }
    await audit(tx, {
      action: 'department.import',
      entityType: 'department',
      changes: {
        mode: input.mode,
        created: o.created,
        updated: o.updated,
        skipped: o.skipped,
        errors: errors.length,
      },
    })
  })
  const { refuse: _r, ...rest } = o
  return { ...rest, applied: true }
}

export async function importAreas(ctx: Ctx, input: ImportInput): Promise<ImportResult> {
  const mapErr = mappingErrors(input.map, AREA_FIELDS, input.header)
  if (mapErr.length)
    return {
      created: 0,
      updated: 0,
      skipped: input.rows.length,
      errors: mapErr,
      applied: false,
      total: input.rows.length,
    }
  const existing = await listAreas(ctx)
  const byName = new Map(existing.map((a) => [a.name, a]))
  const { good, errors } = checkAreaRows(applyMapping(input.rows, input.map))
  const wouldCreate = good.filter((g) => !byName.has(g.name)).length
  const o = outcome(input, good.length, errors, wouldCreate)
  if (input.dryRun || o.refuse) {
    const { refuse: _r, ...rest } = o
    return { ...rest, applied: false }
  }
  const mapped = (k: string) => input.map[k] !== null && input.map[k] !== undefined
  await inTransaction(ctx, async (tx) => {
    let order = existing.reduce((m, a) => Math.max(m, a.sortOrder), 0)
    for (const g of good) {
      const before = byName.get(g.name)
      const values: Partial<AreaInput> = {}
      if (mapped('nameKana')) values.nameKana = g.nameKana
      if (mapped('description')) values.description = g.description
      if (mapped('sortOrder') && g.sortOrder !== null) values.sortOrder = g.sortOrder
      if (before) {
        const changes = diff(before as any, values as any)
        if (!Object.keys(changes).length) continue
        await tx.db
          .update(areas)
          .set(values)
          .where(byId(ctx, areas, before.id))
        await audit(tx, { action: 'area.import.update', entityType: 'area', entityId: before.id, changes })
      } else {
        const row = { name: g.name, sortOrder: values.sortOrder ?? ++order, ...values }
        const [created] = await tx.db
          .insert(areas)
          .values({ municipalityId: ctx.tenantId, ...row })
          .returning({ id: areas.id })
        await audit(tx, {
          action: 'area.import.create',
          entityType: 'area',
          entityId: created.id,
          changes: diff(null, row as any),
        })
      }
    }
    await audit(tx, {
      action: 'area.import',
      entityType: 'area',
      changes: {
        mode: input.mode,
        created: o.created,
        updated: o.updated,
        skipped: o.skipped,
        errors: errors.length,
      },
    })
  })
  const { refuse: _r, ...rest } = o
  return { ...rest, applied: true }
}

// ---------------------------------------------------------------- areas

export interface AreaInput {
  name: string
  nameKana: string
  description: string
  sortOrder: number
}

export async function listAreas(ctx: Pick<Ctx, 'db' | 'tenantId'>) {
  return ctx.db.select().from(areas).where(inCity(ctx, areas)).orderBy(asc(areas.sortOrder), asc(areas.name))
}

export async function getArea(ctx: Pick<Ctx, 'db' | 'tenantId'>, id: string) {
  const [a] = await ctx.db
    .select()
    .from(areas)
    .where(byId(ctx, areas, id))
  return a ?? null
}

async function checkAreaName(ctx: Ctx, name: string, selfId: string | null) {
  const [dup] = await ctx.db
    .select({ id: areas.id })
    .from(areas)
    .where(inCity(ctx, areas, eq(areas.name, name), selfId ? ne(areas.id, selfId) : undefined))
  if (dup)
    throw validationFailed({ name: `地区名「${name}」はすでに登録されています。別の名前にしてください` })
}

export async function createArea(ctx: Ctx, input: AreaInput) {
  return inTransaction(ctx, async (tx) => {
    await checkAreaName(tx, input.name, null)
    const [row] = await tx.db
      .insert(areas)
      .values({ municipalityId: tx.tenantId, ...input })
      .returning()
    await audit(tx, {
      action: 'area.create',
      entityType: 'area',
      entityId: row.id,
      changes: diff(null, input as any),
    })
    return row
  })
}

export async function updateArea(ctx: Ctx, id: string, input: AreaInput) {
  return inTransaction(ctx, async (tx) => {
    const before = await getArea(tx, id)
    if (!before) throw notFound('地区')
    await checkAreaName(tx, input.name, id)
    await tx.db
      .update(areas)
      .set(input)
      .where(byId(tx, areas, id))
    await audit(tx, {
      action: 'area.update',
      entityType: 'area',
      entityId: id,
      changes: diff(before as any, input as any),
    })
  })
}

// ---------------------------------------------------------------- fiscal years

export async function listFiscalYears(ctx: Pick<Ctx, 'db' | 'tenantId'>) {
  return ctx.db.select().from(fiscalYears).where(inCity(ctx, fiscalYears)).orderBy(desc(fiscalYears.year))
}

export async function addNextFiscalYear(ctx: Ctx) {
  return inTransaction(ctx, async (tx) => {
    const list = await listFiscalYears(tx)
    const year = nextFiscalYear(
      list.map((f) => f.year),
      fiscalYearOf(new Date()),
    )
    const values = { year, ...fiscalYearRange(year), status: 'planning' }
    const [row] = await tx.db
      .insert(fiscalYears)
      .values({ municipalityId: tx.tenantId, ...values })
      .onConflictDoNothing()
      .returning()
    if (!row) throw new AppError(409, 'conflict', 'この年度はすでに登録されています。')
    await audit(tx, {
      action: 'fiscalYear.create',
      entityType: 'fiscal_year',
      entityId: row.id,
      changes: diff(null, values),
    })
    return row
  })
}

export async function setFiscalYearStatus(ctx: Ctx, id: string, status: FiscalYearStatus) {
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db
      .select()
      .from(fiscalYears)
      .where(byId(tx, fiscalYears, id))
    if (!before) throw notFound('年度')
    if (before.status === status) return before
    const [row] = await tx.db
      .update(fiscalYears)
      .set({ status })
      .where(byId(tx, fiscalYears, id))
      .returning()
    await audit(tx, {
      action: 'fiscalYear.status',
      entityType: 'fiscal_year',
      entityId: id,
      changes: { status: [before.status, status] },
    })
    return row
  })
}

// ---------------------------------------------------------------- department staff

/** SQL condition: the user (by its id column) works in some department of this city. */
export const isDepartmentStaff = (ctx: Pick<Ctx, 'tenantId'>, userId: AnyColumn) =>
  sql`exists (select 1 from ${departmentMembers} where ${departmentMembers.userId} = ${userId} and ${departmentMembers.municipalityId} = ${ctx.tenantId})`

/** The departments a user works in, in the city's order. */
export async function departmentsOfUser(ctx: Pick<Ctx, 'db' | 'tenantId'>, userId: string) {
  return ctx.db
    .select({ departmentId: departmentMembers.departmentId, name: departments.name })
    .from(departmentMembers)
    .innerJoin(departments, inCity(ctx, departments, eq(departments.id, departmentMembers.departmentId)))
    .where(inCity(ctx, departmentMembers, eq(departmentMembers.userId, userId)))
    .orderBy(asc(departments.sortOrder))
}

/** Ids of the users who work in a department (or in any department when none is given). */
export async function departmentMemberIds(ctx: Pick<Ctx, 'db' | 'tenantId'>, departmentId?: string) {
  const r = await ctx.db
    .select({ userId: departmentMembers.userId })
    .from(departmentMembers)
    .where(
      inCity(
        ctx,
        departmentMembers,
        departmentId ? eq(departmentMembers.departmentId, departmentId) : undefined,
      ),
    )
  return [...new Set(r.map((x) => x.userId))]
}

/** Add a user to a department; false when already a member. */
export async function addDepartmentMember(ctx: Ctx, userId: string, departmentId: string) {
  const res = await ctx.db
    .insert(departmentMembers)
    .values({ municipalityId: ctx.tenantId, departmentId, userId })
    .onConflictDoNothing()
    .returning({ id: departmentMembers.id })
  return res.length > 0
}

/** Remove a user from a department; false when they were not a member. */
export async function removeDepartmentMember(ctx: Ctx, userId: string, departmentId: string) {
  const res = await ctx.db
    .delete(departmentMembers)
    .where(
      inCity(
        ctx,
        departmentMembers,
        eq(departmentMembers.userId, userId),
        eq(departmentMembers.departmentId, departmentId),
      ),
    )
    .returning({ id: departmentMembers.id })
  return res.length > 0
}

/** Active departments (部 and 課) in the city's order, for pickers. */
export async function activeDepartments(ctx: Pick<Ctx, 'db' | 'tenantId'>) {
  return ctx.db
    .select({
      id: departments.id,
      name: departments.name,
      parentId: departments.parentId,
      kind: departments.kind,
    })
    .from(departments)
    .where(inCity(ctx, departments, eq(departments.active, true)))
    .orderBy(asc(departments.sortOrder))
}
