import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { deleteCookie } from 'hono/cookie'
import { loadMemberships, roleLabel, rolesOf } from '../../core/roles.ts'
import { groupRolesOf } from '../groups/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { audit } from '../../core/audit/index.ts'
import * as mfa from '../../core/auth/mfa.ts'
import * as auth from '../../core/auth/service.ts'
import type { AppEnv } from '../../core/context.ts'
import { AppError } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonBody, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize, requireActor } from '../../core/http/guard.ts'
import { cookieNames } from '../../core/http/middleware.ts'
import { v } from '../../core/validation.ts'
import { startSession } from './session.ts'

export const accountApi = new OpenAPIHono<AppEnv>()

const LoginBody = z
  .object({
    email: v.email(),
    password: z.string().min(1, { error: 'パスワードを入力してください' }),
    otp: z
      .string()
      .optional()
      .openapi({ description: '2段階認証を設定している場合の確認コード（または回復コード）' }),
  })
  .openapi('LoginRequest')

accountApi.openapi(
  createRoute({
    method: 'post',
    path: '/auth/login',
    tags: ['auth'],
    summary: 'ログイン（セッションCookieとCSRFトークンを返す）',
    request: jsonBody(LoginBody),
    responses: {
      200: jsonOk(
        z.object({
          csrfToken: z.string(),
          user: z.object({ id: z.string(), email: z.string(), roles: z.array(z.string()) }),
        }),
      ),
      401: errorResponses[401],
      422: errorResponses[422],
      429: { description: 'ログイン失敗が続いたため一時的に制限中' },
    },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { email, password, otp } = c.req.valid('json')
    let r = await auth.login(ctx, email, password)
    if (!r.ok && r.reason === 'mfa_required') {
      if (!otp)
        throw new AppError(401, 'mfa_required', '2段階認証の確認コード（otp）を付けて送ってください。')
      const m = await mfa.completePending(ctx, r.mfaToken, otp)
      if (!m.ok)
        throw new AppError(
          m.reason === 'limited' ? 429 : 401,
          'mfa_invalid',
          '確認コードが正しくありません。',
        )
      r = await auth.finishLogin(ctx, m.user)
    }
    if (!r.ok) {
      if (r.reason === 'limited')
        throw new AppError(429, 'rate_limited', 'ログインの失敗が続いたため、しばらくログインできません。')
      throw new AppError(
        401,
        'invalid_credentials',
        r.reason === 'unverified'
          ? 'メールアドレスの確認が済んでいません。'
          : 'メールアドレスまたはパスワードが正しくありません。',
      )
    }
    const old = c.get('sessionId')
    if (old) await auth.destroySession(ctx.db, old)
    startSession(c, r.token)
    const actor = await auth.loadActor(ctx.db, ctx.tenantId, r.user.id, 'session')
    await loadMemberships(ctx.db, ctx.tenantId, actor)
    return c.json(
      { csrfToken: r.csrfToken, user: { id: r.user.id, email: r.user.email, roles: rolesOf(actor) } },
      200,
    )
  },
)

accountApi.openapi(
  createRoute({
    method: 'post',
    path: '/auth/logout',
    tags: ['auth'],
    summary: 'ログアウト（サーバー側のセッションを終了）',
    security,
    responses: { 200: jsonOk(z.object({ ok: z.boolean() })) },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const sid = c.get('sessionId')
    if (sid) {
      await auth.destroySession(ctx.db, sid)
      await audit(ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor?.userId })
    }
    deleteCookie(c, cookieNames(ctx.config).session, { path: '/', secure: ctx.config.KYODO_HTTPS === '1' })
    return c.json({ ok: true }, 200)
  },
)

const Me = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    roleLabels: z.array(z.string()),
    departmentIds: z.array(z.string()),
    groups: z.array(z.object({ groupId: z.string(), role: z.string() })),
    csrfToken: z.string(),
  })
  .openapi('Me')

accountApi.openapi(
  createRoute({
    method: 'get',
    path: '/me',
    tags: ['auth'],
    summary: 'ログイン中の利用者と役割',
    security,
    responses: { 200: jsonOk(Me), 401: errorResponses[401] },
  }),
  async (c) => {
    const a = await requireActor(c)
    const roles = rolesOf(a)
    return c.json(
      {
        id: a.userId,
        email: a.email,
        name: a.name,
        roles,
        roleLabels: roles.map(roleLabel),
        departmentIds: departmentIdsOf(a),
        groups: Object.entries(groupRolesOf(a)).map(([groupId, role]) => ({ groupId, role })),
        csrfToken: c.get('csrfToken'),
      },
      200,
    )
  },
)

const TokenOut = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiToken')

accountApi.openapi(
  createRoute({
    method: 'get',
    path: '/tokens',
    tags: ['auth'],
    summary: '自分の個人用アクセストークン一覧（コーディネーター・管理者）',
    security,
    responses: {
      200: jsonOk(z.object({ items: z.array(TokenOut) })),
      401: errorResponses[401],
      403: errorResponses[403],
    },
  }),
  async (c) => {
    const ctx = await authorize(c, 'apiToken.manage')
    const items = await auth.listApiTokens(ctx, ctx.actor!.userId)
    return c.json(
      {
        items: items.map((t) => ({
          id: t.id,
          name: t.name,
          prefix: t.prefix,
          createdAt: t.createdAt.toISOString(),
          expiresAt: t.expiresAt?.toISOString() ?? null,
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        })),
      },
      200,
    )
  },
)

accountApi.openapi(
  createRoute({
    method: 'post',
    path: '/tokens',
    tags: ['auth'],
    summary: '個人用アクセストークンを発行（平文は一度だけ返す）',
    security,
    middleware: [allow('apiToken.manage')] as const,
    request: jsonBody(
      z
        .object({
          name: v.text('トークンの名前', { max: 100 }),
          expiresInDays: z.number().int().min(1).max(365).nullable().optional(),
        })
        .openapi('TokenCreate'),
    ),
    responses: {
      201: jsonOk(z.object({ id: z.string(), token: z.string() }), '発行した'),
      401: errorResponses[401],
      403: errorResponses[403],
      422: errorResponses[422],
    },
  }),
  async (c) => {
    const ctx = await authorize(c, 'apiToken.manage')
    const body = c.req.valid('json')
    const { token, row } = await auth.createApiToken(ctx, body.name, body.expiresInDays ?? null)
    return c.json({ id: row.id, token }, 201)
  },
)

accountApi.openapi(
  createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    tags: ['auth'],
    summary: '個人用アクセストークンを失効',
    security,
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: jsonOk(z.object({ ok: z.boolean() })),
      401: errorResponses[401],
      403: errorResponses[403],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const ctx = await authorize(c, 'apiToken.manage')
    const { id } = c.req.valid('param')
    if (!isUuid(id) || !(await auth.revokeApiToken(ctx, ctx.actor!.userId, id)))
      throw new AppError(404, 'not_found', 'トークンが見つかりません。')
    return c.json({ ok: true }, 200)
  },
)
