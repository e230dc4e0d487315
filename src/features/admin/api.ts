import { ImportReportSchema, importParams, importQuery } from '../../core/import/index.ts'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonBody, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { fiscalYearLabel } from '../../core/japanese/index.ts'
import { paging } from '../../core/ui/parts.tsx'
import { validate } from '../../core/validation.ts'
import { org } from '../organisation/index.ts'
import { areaForm, auditFilterForm, departmentForm, invitationForm } from './forms.ts'
import { invite } from './invitations.ts'
import * as svc from './service.ts'

/** JSON API of the administration room (mounted under /api/v1). */
export const adminApi = new OpenAPIHono<AppEnv>()

const IdParam = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

const Department = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    kind: z.string(),
    name: z.string(),
    nameKana: z.string(),
    duties: z.string(),
    phone: z.string(),
    email: z.string(),
    location: z.string(),
    sortOrder: z.number(),
    active: z.boolean(),
  })
  .openapi('Department')

const DepartmentInput = departmentForm.openapi('DepartmentInput')
const DepartmentPatch = departmentForm
  .partial()
  .extend({
    active: z
      .boolean({ error: 'activeは true か false で指定してください' })
      .optional()
      .openapi({ description: 'false で廃止、true で再開' }),
  })
  .openapi('DepartmentPatch')

const deptOut = (d: org.Department) => ({
  id: d.id,
  parentId: d.parentId,
  kind: d.kind,
  name: d.name,
  nameKana: d.nameKana,
  duties: d.duties,
  phone: d.phone,
  email: d.email,
  location: d.location,
  sortOrder: d.sortOrder,
  active: d.active,
})

const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number() })

/** zod failures raised inside a handler (bodies parsed by hand) → 422 with field messages. */
function check<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const r = validate(schema, body)
  if (!r.ok) throw new AppError(422, 'validation', '入力内容に誤りがあります。', r.errors)
  return r.data
}

// ---------------------------------------------------------------- departments

adminApi.openapi(
  createRoute({
    method: 'get',
    path: '/departments',
    tags: ['organisation'],
    summary: '部署の一覧（公開。qでキーワード検索：部署名・フリガナ・所掌事務）',
    request: { query: z.object({ q: z.string().max(100).optional() }) },
    responses: { 200: jsonOk(z.object({ items: z.array(Department), total: z.number() })) },
  }),
  async (c) => {
    const ctx = await authorize(c, 'organisation.browse')
    const { q } = c.req.valid('query')
    const list = q
      ? await org.searchDepartments(ctx, q)
      : await org.listDepartments(ctx, { activeOnly: true })
    return c.json({ items: list.map(deptOut), total: list.length }, 200)
  },
)

adminApi.openapi(
  createRoute({
    method: 'get',
    path: '/departments/{id}',
    tags: ['organisation'],
    summary: '部署の詳細（公開）',
    request: { params: IdParam },
    responses: { 200: jsonOk(Department), 404: errorResponses[404] },
  }),
  async (c) => {
    const ctx = await authorize(c, 'organisation.browse')
    const { id } = c.req.valid('param')
    const d = isUuid(id) ? await org.getDepartment(ctx, id) : null
    if (!d || (!d.active && !ctx.actor?.isAdmin)) throw notFound('部署')
    return c.json(deptOut(d), 200)
  },
)

adminApi.openapi(
  createRoute({
    method: 'post',
    path: '/departments',
    tags: ['organisation'],
    summary: '部署を登録（管理者）',
    security,
    middleware: [allow('organisation.manage')] as const,
    request: jsonBody(DepartmentInput),
    responses: {
      201: jsonOk(Department, '登録した'),
      ...errorResponses,
    },
  }),
  async (c) => {
    const ctx = await authorize(c, 'organisation.manage')
    const d = await org.createDepartment(ctx, c.req.valid('json'))
    return c.json(deptOut(d), 201)
  },
)

adminApi.openapi(
  createRoute({
    method: 'patch',
    path: '/departments/{id}',
    tags: ['organisation'],
    summary: '部署を変更（管理者。送った項目だけ変わる。activeで廃止・再開）',
    security,
    middleware: [allow('organisation.manage')] as const,
    request: { params: IdParam, ...jsonBody(DepartmentPatch) },
    responses: { 200: jsonOk(Department), ...errorResponses },
  }),
  async (c) => {
    const ctx = await authorize(c, 'organisation.manage')
    const { id } = c.req.valid('param')
    if (!isUuid(id) || !(await org.getDepartment(ctx, id))) throw notFound('部署')
    const { active, ...data } = c.req.valid('json')
    const sent = (await c.req.json()) as Record<string, unknown>
    const fields = Object.fromEntries(Object.entries(data).filter(([k]) => k in sent))
    let d = Object.keys(fields).length
      ? await org.updateDepartment(ctx, id, fields)
      : await org.getDepartment(ctx, id)
    if (typeof active === 'boolean') d = await org.setDepartmentActive(ctx, id, active)
    return c.json(deptOut(d!), 200)
  },
)

const ImportOut = ImportReportSchema.openapi('ImportResult')

for (const what of ['departments', 'areas'] as const) {
  adminApi.openapi(
    createRoute({
      method: 'post',
      path: `/${what}/import`,
      tags: ['organisation'],
      summary: `${what === 'departments' ? '部署' : '地区'}をCSV・Excel（.xlsx）から取り込み（管理者。UTF-8/Shift_JIS、見出しは自動で対応づけ、mapping で指定も可。dryRun は既定 true＝確認のみ、mode=all|good_only）`,
      security,
      middleware: [allow('organisation.manage')] as const,
      request: {
        query: z.object(importQuery),
        body: {
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.any().openapi({ type: 'string', format: 'binary' }),
                mode: z.string().optional(),
                dryRun: z.string().optional(),
                mapping: z.string().optional(),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: jsonOk(ImportOut, '取り込んだ（dryRun=true のときは確認結果）'),
        401: errorResponses[401],
        403: errorResponses[403],
        422: jsonOk(
          ImportOut.extend({ error: z.string(), message: z.string() }),
          'ファイルが読めない、または「全件か何もしないか」で誤りがあったため何も取り込まなかった',
        ),
      },
    }),
    async (c) => {
      const ctx = await authorize(c, 'organisation.manage')
      const q = c.req.valid('query')
      const body = await c.req.parseBody()
      const file = body.file
      if (!(file instanceof File) || file.size === 0)
        throw new AppError(422, 'validation', 'CSVまたはExcelのファイル（file）を送ってください。', {
          file: 'ファイルを送ってください',
        })
      const p = importParams(q, body)
      const bytes = new Uint8Array(await file.arrayBuffer())
      const r =
        what === 'departments'
          ? await org.importDepartmentsFile(ctx, bytes, p)
          : await org.importAreasFile(ctx, bytes, p)
      const out = {
        dryRun: r.dryRun,
        mode: r.mode,
        applied: r.applied,
        total: r.total,
        created: r.created,
        updated: r.updated,
        skipped: r.skipped,
        errors: r.errors,
        encoding: r.encoding,
        headerLine: r.headerLine,
        mapping: r.mapping,
      }
      if (!p.dryRun && !r.applied)
        return c.json(
          { error: 'import_rejected', message: '誤りのある行があるため何も取り込みませんでした。', ...out },
          422,
        )
      return c.json(out, 200)
    },
  )
}

// ---------------------------------------------------------------- areas and fiscal years

const Area = z
  .object({
    id: z.string(),
    name: z.string(),
    nameKana: z.string(),
    description: z.string(),
    sortOrder: z.number(),
  })
  .openapi('Area')
const areaOut = (a: org.Area) => ({
  id: a.id,
  name: a.name,
  nameKana: a.nameKana,
  description: a.description,
  sortOrder: a.sortOrder,
})

adminApi.openapi(
  createRoute({
    method: 'get',
    path: '/areas',
    tags: ['organisation'],
    summary: '地区の一覧（公開）',
    responses: { 200: jsonOk(z.object({ items: z.array(Area) })) },
  }),
  async (c) => {
    const ctx = await authorize(c, 'organisation.browse')
    return c.json({ items: (await org.listAreas(ctx)).map(areaOut) }, 200)
  },
)

adminApi.openapi(
  createRoute({
    method: 'post',
    path: '/areas',
    tags: ['organisation'],
    summary: '地区を登録（管理者）',
    security,
    middleware: [allow('organisation.manage')] as const,
    request: jsonBody(areaForm.openapi('AreaInput')),
    responses: { 201: jsonOk(Area, '登録した'), ...errorResponses },
  }),
  async (c) => {
    const ctx = await authorize(c, 'organisation.manage')
    const a = await org.createArea(ctx, c.req.valid('json'))
    return c.json(areaOut(a), 201)
  },
)

adminApi.openapi(
  createRoute({
    method: 'get',
    path: '/fiscal-years',
    tags: ['organisation'],
    summary: '年度の一覧（新しい順。status: planning | open | closed）',
    responses: {
      200: jsonOk(
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              year: z.number(),
              label: z.string(),
              startsOn: z.string(),
              endsOn: z.string(),
              status: z.string(),
            }),
          ),
        }),
      ),
    },
  }),
  async (c) => {
    const ctx = await authorize(c, 'organisation.browse')
    const items = (await org.listFiscalYears(ctx)).map((f) => ({
      id: f.id,
      year: f.year,
      label: fiscalYearLabel(f.year),
      startsOn: f.startsOn,
      endsOn: f.endsOn,
      status: f.status,
    }))
    return c.json({ items }, 200)
  },
)

// ---------------------------------------------------------------- users and invitations

const UserOut = z
  .object({
    id: z.string(),
    email: z.string(),
    familyName: z.string(),
    givenName: z.string(),
    familyNameKana: z.string(),
    givenNameKana: z.string(),
    isAdmin: z.boolean(),
    isCoordinator: z.boolean(),
    isReviewer: z.boolean(),
    disabled: z.boolean(),
    lastLoginAt: z.string().nullable(),
  })
  .openapi('AdminUser')
const userOut = (u: svc.User) => ({
  id: u.id,
  email: u.email,
  familyName: u.familyName,
  givenName: u.givenName,
  familyNameKana: u.familyNameKana,
  givenNameKana: u.givenNameKana,
  isAdmin: u.isAdmin,
  isCoordinator: u.isCoordinator,
  isReviewer: u.isReviewer,
  disabled: !!u.disabledAt,
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
})

adminApi.openapi(
  createRoute({
    method: 'get',
    path: '/users',
    tags: ['admin'],
    summary: '利用者の一覧（管理者。qで氏名・フリガナ・メール、roleで役割を絞り込み）',
    security,
    middleware: [allow('users.manage')] as const,
    request: {
      query: z.object({
        q: z.string().max(100).optional(),
        role: z.enum(svc.USER_ROLE_FILTERS).optional(),
        page: z.string().optional(),
        per_page: z.string().optional(),
      }),
    },
    responses: { 200: jsonOk(paged(UserOut)), ...errorResponses },
  }),
  async (c) => {
    const ctx = await authorize(c, 'users.manage')
    const q = c.req.valid('query')
    const { page, perPage, offset } = paging(q)
    const { items, total } = await svc.listUsers(ctx, { q: q.q, role: q.role, limit: perPage, offset })
    return c.json({ items: items.map(userOut), total, page }, 200)
  },
)

adminApi.openapi(
  createRoute({
    method: 'patch',
    path: '/users/{id}',
    tags: ['admin'],
    summary: '利用者の役割・利用停止を変更（管理者。自分の管理者権限の解除と自分の停止はできない）',
    security,
    middleware: [allow('users.manage')] as const,
    request: {
      params: IdParam,
      ...jsonBody(
        z
          .object({
            isAdmin: z.boolean().optional(),
            isCoordinator: z.boolean().optional(),
            isReviewer: z.boolean().optional(),
            disabled: z.boolean().optional(),
          })
          .openapi('AdminUserPatch'),
      ),
    },
    responses: { 200: jsonOk(UserOut), ...errorResponses },
  }),
  async (c) => {
    const ctx = await authorize(c, 'users.manage')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('利用者')
    const { disabled, ...flags } = c.req.valid('json')
    if (!(await svc.getUserForAdmin(ctx, id))) throw notFound('利用者')
    await svc.setRoles(ctx, id, flags)
    if (disabled !== undefined) await svc.setDisabled(ctx, id, disabled)
    const found = await svc.getUserForAdmin(ctx, id)
    return c.json(userOut(found!.user), 200)
  },
)

adminApi.openapi(
  createRoute({
    method: 'post',
    path: '/invitations',
    tags: ['admin'],
    summary: '招待メールを送る（管理者はすべての役割、コーディネーターは担当課職員と審査委員）',
    security,
    middleware: [allow('admin.view')] as const,
    request: jsonBody(
      z
        .object({
          email: z.string(),
          role: z.enum(['staff', 'coordinator', 'reviewer', 'admin']),
          departmentId: z.string().nullable().optional(),
        })
        .openapi('InvitationInput'),
    ),
    responses: { 201: jsonOk(z.object({ ok: z.boolean() }), '送った'), ...errorResponses },
  }),
  async (c) => {
    const body = c.req.valid('json')
    const ctx = await authorize(c, 'invite.create', { role: body.role })
    await invite(ctx, check(invitationForm, body))
    return c.json({ ok: true }, 201)
  },
)

// ---------------------------------------------------------------- audit and outbox

const AuditOut = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    changes: z.record(z.string(), z.unknown()),
    ip: z.string(),
  })
  .openapi('AuditEntry')

adminApi.openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    tags: ['admin'],
    summary: '操作記録（管理者。action は前方一致、actor は部分一致、from/to は YYYY-MM-DD（日本時間））',
    security,
    middleware: [allow('audit.read')] as const,
    request: {
      query: z.object({
        action: z.string().optional(),
        actor: z.string().optional(),
        entityType: z.string().optional(),
        entityId: z.string().optional(),
        from: z.string().optional(),
        to: z.string().optional(),
        page: z.string().optional(),
        per_page: z.string().optional(),
      }),
    },
    responses: { 200: jsonOk(paged(AuditOut)), ...errorResponses },
  }),
  async (c) => {
    const ctx = await authorize(c, 'audit.read')
    const q = c.req.valid('query')
    const ymd = (s?: string) => {
      if (!s) return {}
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
      return m ? { year: m[1], month: m[2], day: m[3] } : { year: s, month: '', day: '' }
    }
    const f = check(auditFilterForm, { ...q, from: ymd(q.from), to: ymd(q.to) })
    const { page, perPage, offset } = paging(q, 50)
    const { items, total } = await svc.listAudit(ctx, f, perPage, offset)
    return c.json(
      {
        items: items.map((a) => ({
          id: a.id,
          at: a.at.toISOString(),
          actor: a.actorLabel,
          action: a.action,
          entityType: a.entityType,
          entityId: a.entityId,
          changes: a.changes,
          ip: a.ip,
        })),
        total,
        page,
      },
      200,
    )
  },
)

const MailOut = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    status: z.string(),
    createdAt: z.string(),
  })
  .openapi('OutboxMail')

adminApi.openapi(
  createRoute({
    method: 'get',
    path: '/outbox',
    tags: ['admin'],
    summary: '送信メール（管理者。新しい順）',
    security,
    middleware: [allow('outbox.read')] as const,
    request: { query: z.object({ page: z.string().optional(), per_page: z.string().optional() }) },
    responses: { 200: jsonOk(paged(MailOut)), ...errorResponses },
  }),
  async (c) => {
    const ctx = await authorize(c, 'outbox.read')
    const { page, perPage, offset } = paging(c.req.valid('query'))
    const { items, total } = await svc.listOutbox(ctx, perPage, offset)
    return c.json(
      {
        items: items.map((m) => ({
          id: m.id,
          to: m.to,
          subject: m.subject,
          body: m.body,
          status: m.status,
          createdAt: m.createdAt.toISOString(),
        })),
        total,
        page,
      },
      200,
    )
  },
)
