import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { destroyUserSessions } from '../../core/auth/service.ts'
import type { Ctx } from '../../core/context.ts'
import { describeChain, verifyAuditChain } from '../../core/audit/verify.ts'
import { auditLog, outbox, users } from '../../core/db/schema.ts'
import { actionCodesFor, entityCodesFor } from './audit-text.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { org } from '../organisation/index.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { normalizeForSearch } from '../../core/japanese/index.ts'

/** Use cases of the administration room that are not the organisation: users, outbox, audit log. */

export type User = typeof users.$inferSelect

export const USER_ROLE_FILTERS = ['admin', 'coordinator', 'reviewer', 'staff', 'disabled'] as const
export type UserRoleFilter = (typeof USER_ROLE_FILTERS)[number]
export const USER_ROLE_FILTER_LABELS: Record<UserRoleFilter, string> = {
  admin: 'システム管理者',
  coordinator: 'コーディネーター',
  reviewer: '審査委員',
  staff: '担当課職員',
  disabled: '利用停止中',
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

export async function listUsers(
  ctx: Ctx,
  f: { q?: string; role?: UserRoleFilter | ''; limit: number; offset: number },
) {
  const conds: (SQL | undefined)[] = [eq(users.municipalityId, ctx.tenantId)]
  const q = normalizeForSearch(f.q ?? '')
  if (q) {
    for (const w of q.split(' ')) {
      const like = `%${escapeLike(w)}%`
      conds.push(
        or(
          ilike(users.email, like),
          ilike(sql`${users.familyName} || ${users.givenName}`, like),
          ilike(users.familyName, like),
          ilike(users.givenName, like),
          ilike(sql`${users.familyNameKana} || ${users.givenNameKana}`, like),
        ),
      )
    }
  }
  if (f.role === 'admin') conds.push(eq(users.isAdmin, true))
  if (f.role === 'coordinator') conds.push(eq(users.isCoordinator, true))
  if (f.role === 'reviewer') conds.push(eq(users.isReviewer, true))
  if (f.role === 'disabled') conds.push(isNotNull(users.disabledAt))
  if (f.role === 'staff') conds.push(org.isDepartmentStaff(ctx, users.id))
  const where = and(...conds)
  const [{ n }] = await ctx.db.select({ n: count() }).from(users).where(where)
  const items = await ctx.db
    .select()
    .from(users)
    .where(where)
    .orderBy(asc(users.familyNameKana), asc(users.givenNameKana), asc(users.email))
    .limit(f.limit)
    .offset(f.offset)
  return { items, total: Number(n) }
}

export async function getUserForAdmin(ctx: Ctx, id: string) {
  const [u] = await ctx.db
    .select()
    .from(users)
    .where(byId(ctx, users, id))
  if (!u) return null
  const memberships = await org.departmentsOfUser(ctx, id)
  return { user: u, memberships }
}

export interface RoleFlags {
  isAdmin: boolean
  isCoordinator: boolean
  isReviewer: boolean
}

export async function setRoles(ctx: Ctx, id: string, flags: Partial<RoleFlags>) {
  const found = await getUserForAdmin(ctx, id)
  if (!found) throw notFound('利用者')
  if (id === ctx.actor?.userId && flags.isAdmin === false)
    throw new AppError(
      422,
      'self_admin',
      'ご自身のシステム管理者の権限は外せません。別の管理者に依頼してください。',
      { isAdmin: 'ご自身のシステム管理者の権限は外せません' },
    )
  const changes = diff(found.user as any, flags as any)
  if (!Object.keys(changes).length) return
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ ...flags, updatedAt: new Date() })
      .where(byId(tx, users, id))
    await audit(tx, { action: 'user.roles.update', entityType: 'user', entityId: id, changes })
  })
}

/** Disabling ends every session of the user at once. */
export async function setDisabled(ctx: Ctx, id: string, disabled: boolean) {
  const found = await getUserForAdmin(ctx, id)
  if (!found) throw notFound('利用者')
  if (disabled && id === ctx.actor?.userId)
    throw new AppError(
      422,
      'self_disable',
      'ご自身のアカウントは利用停止にできません。別の管理者に依頼してください。',
    )
  const was = !!found.user.disabledAt
  if (was === disabled) return
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
      .where(byId(tx, users, id))
    if (disabled) await destroyUserSessions(tx.db, id, tx.tenantId)
    await audit(tx, {
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: id,
      changes: { disabled: [was, disabled] },
    })
  })
}

export async function addMembership(ctx: Ctx, userId: string, departmentId: string) {
  const found = await getUserForAdmin(ctx, userId)
  if (!found) throw notFound('利用者')
  const d = await org.getDepartment(ctx, departmentId)
  if (!d)
    throw new AppError(422, 'validation', '所属部署を一覧から選んでください。', {
      departmentId: '所属部署を一覧から選んでください',
    })
  return inTransaction(ctx, async (tx) => {
    if (await org.addDepartmentMember(tx, userId, departmentId))
      await audit(tx, {
        action: 'user.department.add',
        entityType: 'user',
        entityId: userId,
        changes: { departmentId, departmentName: d.name },
      })
    return d
  })
}

export async function removeMembership(ctx: Ctx, userId: string, departmentId: string) {
  return inTransaction(ctx, async (tx) => {
    if (!(await org.removeDepartmentMember(tx, userId, departmentId))) throw notFound('所属')
    await audit(tx, {
      action: 'user.department.remove',
      entityType: 'user',
      entityId: userId,
      changes: { departmentId },
    })
  })
}

// ---------------------------------------------------------------- outbox

export async function listOutbox(ctx: Ctx, limit: number, offset: number) {
  const where = inCity(ctx, outbox)
  const [{ n }] = await ctx.db.select({ n: count() }).from(outbox).where(where)
  const items = await ctx.db
    .select()
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit)
    .offset(offset)
  return { items, total: Number(n) }
}

export async function getMail(ctx: Ctx, id: string) {
  const [m] = await ctx.db
    .select()
    .from(outbox)
    .where(byId(ctx, outbox, id))
  return m ?? null
}

// ---------------------------------------------------------------- audit log

export interface AuditFilter {
  action?: string
  actor?: string
  entityType?: string
  entityId?: string
  /** YYYY-MM-DD (a day in Japan), inclusive */
  from?: string | null
  to?: string | null
}

function auditWhere(ctx: Ctx, f: AuditFilter) {
  const conds: (SQL | undefined)[] = [eq(auditLog.municipalityId, ctx.tenantId)]
  if (f.action) {
    const a = actionCodesFor(f.action)
    conds.push(
      'prefix' in a
        ? ilike(auditLog.action, `${escapeLike(a.prefix)}%`)
        : a.codes.length
          ? inArray(auditLog.action, a.codes)
          : sql`false`,
    )
  }
  if (f.actor) conds.push(ilike(auditLog.actorLabel, `%${escapeLike(f.actor.toLowerCase())}%`))
  if (f.entityType) conds.push(inArray(auditLog.entityType, entityCodesFor(f.entityType)))
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId))
  if (f.from) conds.push(gte(auditLog.at, new Date(`${f.from}T00:00:00+09:00`)))
  if (f.to) conds.push(lt(auditLog.at, new Date(new Date(`${f.to}T00:00:00+09:00`).getTime() + 86_400_000)))
  return and(...conds)
}

export async function listAudit(ctx: Ctx, f: AuditFilter, limit: number, offset: number) {
  const where = auditWhere(ctx, f)
  const [{ n }] = await ctx.db.select({ n: count() }).from(auditLog).where(where)
  const items = await ctx.db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
  return { items, total: Number(n) }
}

export const AUDIT_EXPORT_LIMIT = 50_000

/** The city's audit hash chain, recomputed (migration 0015); the same check as `kyodo audit verify`. */
export async function verifyAudit(ctx: Ctx) {
  const r = await verifyAuditChain(ctx.db, ctx.tenantId)
  return { ok: r.ok, text: describeChain(r), head: r.head }
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>['items'][number]

/** The rows of the filter made into a file by `build`; recorded only when the file could be made. */
export async function exportAudit(ctx: Ctx, f: AuditFilter, build: (items: AuditRow[]) => Buffer) {
  const { items, total } = await listAudit(ctx, f, AUDIT_EXPORT_LIMIT, 0)
  const file = build(items)
  await audit(ctx, {
    action: 'audit.export',
    entityType: 'audit_log',
    changes: { filter: f, rows: items.length },
  })
  return { file, total }
}

export const activeDepartments = (ctx: Ctx) => org.activeDepartments(ctx)
