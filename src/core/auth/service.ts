import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import { audit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/index.ts'
import { byId, inCity, inTransaction } from '../db/tenant.ts'
import { AppError } from '../errors.ts'
import { sendMail } from '../mail/index.ts'
import { hashPassword, randomToken, sha256, verifyPassword } from './crypto.ts'
import * as mfa from './mfa.ts'
import { findToken, issueToken, useToken } from './tokens.ts'

export { findToken }
import * as rateLimit from './rate-limit.ts'
import { installedFeatures } from '../feature.ts'
import { foldMemberships, membershipsSql } from '../roles.ts'
import { apiTokens, sessions, userTokens, users } from './schema.ts'

export type { User } from './schema.ts'
import type { User } from './schema.ts'

export const LOGIN_FAILURE_LIMIT = 5
export const LOGIN_WINDOW_SECONDS = 15 * 60
const IP_FAILURE_LIMIT = 30

const displayName = (u: Pick<User, 'familyName' | 'givenName' | 'email'>) =>
  `${u.familyName} ${u.givenName}`.trim() || u.email

/** The columns of an account an Actor is made of (never the password hash). */
const actorColumns = {
  id: users.id,
  email: users.email,
  familyName: users.familyName,
  givenName: users.givenName,
  isAdmin: users.isAdmin,
  isCoordinator: users.isCoordinator,
  isReviewer: users.isReviewer,
  disabledAt: users.disabledAt,
}
type ActorRow = { [K in keyof typeof actorColumns]: User[K] }

const actorOf = (u: ActorRow, via: Actor['via'], memberships: Actor['memberships']): Actor | null =>
  u.disabledAt
    ? null
    : {
        userId: u.id,
        email: u.email,
        name: displayName(u),
        isAdmin: u.isAdmin,
        isCoordinator: u.isCoordinator,
        isReviewer: u.isReviewer,
        via,
        memberships,
      }

/** The joined account of a session or token row, in the same city. */
const sameCityUser = (table: typeof sessions | typeof apiTokens) =>
  and(eq(users.municipalityId, table.municipalityId), eq(users.id, table.userId))

/** Every room's memberships of the row's user, as one column (folded by `foldMemberships`). */
const membershipsColumn = (tenantId: string, userId: typeof sessions.userId | typeof apiTokens.userId) =>
  membershipsSql(tenantId, sql`${userId}`) ?? sql<string>`'[]'`

/**
 * The account behind a session or token, with its account-wide roles. Memberships that feature
 * rooms contribute (departments, groups, …) are loaded on first use (core/actor.ts). A disabled
 * account has no actor.
 */
export async function loadActor(
  db: Db,
  tenantId: string,
  userId: string,
  via: Actor['via'],
): Promise<Actor | null> {
  const [u] = await db
    .select(actorColumns)
    .from(users)
    .where(byId({ tenantId }, users, userId))
  return u ? actorOf(u, via, null) : null
}

/**
 * Who a session cookie signs in, read in one query on every request: the session (idle and
 * absolute time-outs checked here; an expired one is deleted), its account (none when disabled)
 * and every room's memberships. Nothing of it is cached, so a sign-out, a revoked session, a
 * disabled account or a changed membership counts from the next request.
 */
export async function actorForSession(
  ctx: Pick<Ctx, 'db' | 'tenantId' | 'config'>,
  token: string,
): Promise<{ session: { id: string; csrfToken: string }; actor: Actor | null } | null> {
  const id = sha256(token)
  const [r] = await ctx.db
    .select({
      id: sessions.id,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      u: actorColumns,
      memberships: membershipsColumn(ctx.tenantId, sessions.userId),
    })
    .from(sessions)
    .innerJoin(users, sameCityUser(sessions))
    .where(byId(ctx, sessions, id))
  if (!r) return null
  if (!(await sessionStillValid(ctx, r))) return null
  return {
    session: { id: r.id, csrfToken: r.csrfToken },
    actor: actorOf(r.u, 'session', foldMemberships(r.memberships)),
  }
}

/**
 * Whether a session is within its idle and absolute time-outs; an expired one is deleted, and a
 * live one is marked as seen (at most once a minute).
 */
async function sessionStillValid(
  ctx: Pick<Ctx, 'db' | 'tenantId' | 'config'>,
  s: { id: string; lastSeenAt: Date; expiresAt: Date },
): Promise<boolean> {
  const now = Date.now()
  const idleLimit = s.lastSeenAt.getTime() + ctx.config.SESSION_IDLE_MINUTES * 60_000
  if (s.expiresAt.getTime() < now || idleLimit < now) {
    await ctx.db.delete(sessions).where(byId(ctx, sessions, s.id))
    return false
  }
  if (now - s.lastSeenAt.getTime() > 60_000) {
    await ctx.db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(byId(ctx, sessions, s.id))
  }
  return true
}

/**
 * Who a bearer token signs in, in one query: the token (not revoked, not expired), its account
 * (none when disabled) and every room's memberships. Null when the token is not valid.
 */
export async function actorForApiToken(db: Db, tenantId: string, token: string): Promise<Actor | null> {
  const [r] = await db
    .select({
      id: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      u: actorColumns,
      memberships: membershipsColumn(tenantId, apiTokens.userId),
    })
    .from(apiTokens)
    .innerJoin(users, sameCityUser(apiTokens))
    .where(validApiToken(tenantId, token))
  if (!r) return null
  await markTokenUsed(db, tenantId, r)
  return actorOf(r.u, 'token', foldMemberships(r.memberships))
}

const validApiToken = (tenantId: string, token: string) =>
  inCity(
    { tenantId },
    apiTokens,
    eq(apiTokens.tokenHash, sha256(token)),
    isNull(apiTokens.revokedAt),
    or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
  )

async function markTokenUsed(db: Db, tenantId: string, t: { id: string; lastUsedAt: Date | null }) {
  if (!t.lastUsedAt || Date.now() - t.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: new Date() })
      .where(byId({ tenantId }, apiTokens, t.id))
  }
}

// ---------------------------------------------------------------- sessions

export async function createSession(ctx: Ctx, userId: string) {
  const token = randomToken()
  const csrfToken = randomToken()
  const now = Date.now()
  await ctx.db.insert(sessions).values({
    id: sha256(token),
    municipalityId: ctx.tenantId,
    userId,
    csrfToken,
    expiresAt: new Date(now + ctx.config.SESSION_ABSOLUTE_MINUTES * 60_000),
    ip: ctx.ip,
    userAgent: ctx.userAgent.slice(0, 300),
  })
  return { token, csrfToken }
}

/**
 * Sign-out. The id is the SHA-256 of the cookie's random token (unique across cities); a caller
 * that knows the city passes it and the delete is filtered by it too.
 */
export async function destroySession(db: Db, sessionId: string, tenantId?: string) {
  await db
    .delete(sessions)
    .where(tenantId ? byId({ tenantId }, sessions, sessionId) : eq(sessions.id, sessionId))
}

export async function destroyUserSessions(db: Db, userId: string, tenantId?: string) {
  await db
    .delete(sessions)
    .where(
      tenantId ? inCity({ tenantId }, sessions, eq(sessions.userId, userId)) : eq(sessions.userId, userId),
    )
}

/** Maintenance across every city (the scheduler): expired sessions are nobody's data. */
export async function purgeExpiredSessions(db: Db) {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()))
}

// ---------------------------------------------------------------- login

export type LoginResult =
  | { ok: true; user: User; token: string; csrfToken: string }
  | { ok: false; reason: 'invalid' | 'unverified' | 'disabled' | 'limited' }
  | { ok: false; reason: 'mfa_required'; mfaToken: string }

export async function login(ctx: Ctx, emailRaw: string, password: string): Promise<LoginResult> {
  const email = emailRaw.normalize('NFKC').trim().toLowerCase()
  const key = `login:${ctx.tenantId}:${email}`
  const ipKey = `login-ip:${ctx.tenantId}:${ctx.ip}`
  // Raise both counters first (each an atomic upsert) and refuse when the raised count is over
  // the limit: parallel attempts cannot all read the same old count. A right password undoes it.
  const byAccount = await rateLimit.hit(ctx.db, key, LOGIN_WINDOW_SECONDS)
  const byAddress = await rateLimit.hit(ctx.db, ipKey, LOGIN_WINDOW_SECONDS)
  if (byAccount > LOGIN_FAILURE_LIMIT || byAddress > IP_FAILURE_LIMIT) {
    await audit(ctx, { action: 'auth.login.limited', entityType: 'user', changes: { email } })
    return { ok: false, reason: 'limited' }
  }
  const [u] = await ctx.db
    .select()
    .from(users)
    .where(inCity(ctx, users, eq(users.email, email)))
  const good = await verifyPassword(u?.passwordHash ?? null, password)
  if (!u || !good) {
    await audit(ctx, {
      action: 'auth.login.failure',
      entityType: 'user',
      entityId: u?.id,
      changes: { email },
    })
    return { ok: false, reason: 'invalid' }
  }
  await rateLimit.undo(ctx.db, key)
  await rateLimit.undo(ctx.db, ipKey)
  if (u.disabledAt) {
    await audit(ctx, {
      action: 'auth.login.disabled',
      entityType: 'user',
      entityId: u.id,
      changes: { email },
    })
    return { ok: false, reason: 'disabled' }
  }
  if (!u.emailVerifiedAt) {
    await audit(ctx, {
      action: 'auth.login.unverified',
      entityType: 'user',
      entityId: u.id,
      changes: { email },
    })
    return { ok: false, reason: 'unverified' }
  }
  await rateLimit.reset(ctx.db, key)
  if (u.totpEnabledAt) {
    await audit(ctx, {
      action: 'auth.login.password_ok',
      entityType: 'user',
      entityId: u.id,
      changes: { email },
    })
    return { ok: false, reason: 'mfa_required', mfaToken: await mfa.issuePending(ctx, u.id, u.email) }
  }
  return finishLogin(ctx, u)
}

/** The last step of a login: a new session (a new id every time), recorded. */
export async function finishLogin(ctx: Ctx, u: User): Promise<LoginResult> {
  const s = await createSession(ctx, u.id)
  await ctx.db
    .update(users)
    .set({ lastLoginAt: new Date() })
    .where(byId(ctx, users, u.id))
  await audit(
    { ...ctx, actor: { userId: u.id, email: u.email } as Actor },
    { action: 'auth.login.success', entityType: 'user', entityId: u.id, changes: { mfa: !!u.totpEnabledAt } },
  )
  return { ok: true, user: u, ...s }
}

// ---------------------------------------------------------------- one-time tokens

const DAY = 24 * 60 * 60_000

export function baseUrl(ctx: Pick<Ctx, 'config'>) {
  return (ctx.config.KYODO_BASE_URL ?? `http://localhost:${ctx.config.PORT}`).replace(/\/$/, '')
}

// ---------------------------------------------------------------- sign-up and verification

export interface SignUpInput {
  email: string
  password: string
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
}

/** Refuse a mail-sending form past its limits (429, in Japanese); the refusal is audited. */
async function limitMail(ctx: Ctx, form: string, address: string) {
  try {
    await rateLimit.limitMailForm(ctx, form, address)
  } catch (e) {
    if (!(e instanceof rateLimit.RateLimited)) throw e
    await audit(ctx, {
      action: 'auth.mail.limited',
      entityType: 'request',
      entityId: form,
      changes: { email: address },
    })
    throw new AppError(
      429,
      'rate_limited',
      '短時間に多くの依頼がありました。しばらくしてからお試しください。',
    )
  }
}

/** Verification and "already registered" mails: at most one per address per 10 minutes. */
const SIGNUP_MAIL_SECONDS = 10 * 60

export async function signUp(ctx: Ctx, input: SignUpInput) {
  await limitMail(ctx, 'signup', input.email)
  const mayMail = await rateLimit.firstMailIn(
    ctx.db,
    `signup:${ctx.tenantId}:${input.email.normalize('NFKC').trim().toLowerCase()}`,
    SIGNUP_MAIL_SECONDS,
  )
  const [existing] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(inCity(ctx, users, eq(users.email, input.email)))
  if (existing) {
    // Do not reveal that the address is registered: tell its owner by mail instead.
    if (!mayMail) return
    await sendMail(ctx, {
      to: input.email,
      subject: `【${ctx.municipality.name} 協働ポータル】アカウントはすでに登録されています`,
      body: `このメールアドレスのアカウントはすでに登録されています。\nパスワードをお忘れの場合は次のページから再設定してください。\n${baseUrl(ctx)}/password/forgot\n`,
    })
    return
  }
  const passwordHash = await hashPassword(input.password)
  const { u, token } = await inTransaction(ctx, async (tx) => {
    const [u] = await tx.db
      .insert(users)
      .values({
        municipalityId: tx.tenantId,
        email: input.email,
        passwordHash,
        familyName: input.familyName,
        givenName: input.givenName,
        familyNameKana: input.familyNameKana,
        givenNameKana: input.givenNameKana,
      })
      .returning()
    await audit(tx, {
      action: 'user.signup',
      entityType: 'user',
      entityId: u.id,
      changes: { email: u.email },
    })
    const token = await issueToken(tx, 'verify_email', u.email, { userId: u.id, ttlMs: 2 * DAY })
    return { u, token }
  })
  if (!mayMail) return
  await sendMail(ctx, {
    to: u.email,
    subject: `【${ctx.municipality.name} 協働ポータル】メールアドレスの確認`,
    body: `${displayName(u)} 様\n\n協働ポータルへの登録ありがとうございます。\n次のリンクを開いてメールアドレスを確認してください（48時間有効）。\n${baseUrl(ctx)}/verify?token=${token}\n\n心当たりのない場合はこのメールを破棄してください。\n`,
  })
}

export async function verifyEmail(ctx: Ctx, token: string): Promise<boolean> {
  const t = await findToken(ctx, 'verify_email', token)
  if (!t?.userId) return false
  const userId = t.userId
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ emailVerifiedAt: new Date(), email: t.email, updatedAt: new Date() })
      .where(byId(tx, users, userId))
    await useToken(tx, t.id)
    await audit(tx, {
      action: 'user.email.verified',
      entityType: 'user',
      entityId: userId,
      changes: { email: t.email },
    })
  })
  return true
}

// ---------------------------------------------------------------- password reset

export async function requestPasswordReset(ctx: Ctx, email: string) {
  await limitMail(ctx, 'reset', email)
  const key = `reset:${ctx.tenantId}:${ctx.ip}`
  if ((await rateLimit.hit(ctx.db, key, 3600)) > 10)
    throw new AppError(
      429,
      'rate_limited',
      '短時間に多くの依頼がありました。しばらくしてからお試しください。',
    )
  const [u] = await ctx.db
    .select()
    .from(users)
    .where(inCity(ctx, users, eq(users.email, email)))
  await audit(ctx, {
    action: 'auth.reset.requested',
    entityType: 'user',
    entityId: u?.id,
    changes: { email },
  })
  if (!u || u.disabledAt) return
  const token = await issueToken(ctx, 'reset_password', u.email, { userId: u.id, ttlMs: 60 * 60_000 })
  await sendMail(ctx, {
    to: u.email,
    subject: `【${ctx.municipality.name} 協働ポータル】パスワードの再設定`,
    body: `${displayName(u)} 様\n\nパスワード再設定の依頼を受け付けました。次のリンクから新しいパスワードを設定してください（1時間有効）。\n${baseUrl(ctx)}/password/reset?token=${token}\n\n心当たりのない場合はこのメールを破棄してください。パスワードは変更されません。\n`,
  })
}

export async function resetPassword(ctx: Ctx, token: string, password: string): Promise<boolean> {
  const t = await findToken(ctx, 'reset_password', token)
  if (!t?.userId) return false
  const userId = t.userId
  const passwordHash = await hashPassword(password)
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({
        passwordHash,
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`,
        updatedAt: new Date(),
      })
      .where(byId(tx, users, userId))
    await useToken(tx, t.id)
    await destroyUserSessions(tx.db, userId, tx.tenantId)
    await audit(tx, { action: 'auth.reset.completed', entityType: 'user', entityId: userId })
  })
  return true
}

// ---------------------------------------------------------------- invitations

export type InviteRole = 'staff' | 'coordinator' | 'reviewer' | 'admin' | 'group_member'
export const INVITE_ROLE_LABELS: Record<InviteRole, string> = {
  staff: '担当課職員',
  coordinator: 'コーディネーター',
  reviewer: '審査委員',
  admin: 'システム管理者',
  group_member: '団体メンバー',
}

export interface InvitePayload {
  role: InviteRole
  departmentId?: string
  groupId?: string
  groupRole?: 'owner' | 'editor'
  /** Shown in the mail: the department or group name. */
  targetName?: string
}

export async function createInvitation(ctx: Ctx, email: string, payload: InvitePayload) {
  await limitMail(ctx, 'invite', email)
  const token = await issueToken(ctx, 'invite', email, { payload: payload as any, ttlMs: 7 * DAY })
  await audit(ctx, {
    action: 'invitation.create',
    entityType: 'invitation',
    entityId: email,
    changes: { ...payload },
  })
  const what = payload.targetName
    ? `${payload.targetName}の${INVITE_ROLE_LABELS[payload.role]}`
    : INVITE_ROLE_LABELS[payload.role]
  await sendMail(ctx, {
    to: email,
    subject: `【${ctx.municipality.name} 協働ポータル】${what}として招待されました`,
    body: `${ctx.actor?.name ?? ''} さんから、${ctx.municipality.name}の協働ポータルに${what}として招待されました。\n次のリンクから招待を受けてください（7日間有効）。\n${baseUrl(ctx)}/invitations/accept?token=${token}\n`,
  })
  return token
}

/** Grant what an invitation carries to a user: account-wide roles here, memberships by their room. */
export async function grantInvitation(ctx: Ctx, userId: string, p: InvitePayload) {
  const flag = { coordinator: 'isCoordinator', reviewer: 'isReviewer', admin: 'isAdmin' } as const
  if (p.role in flag) {
    await ctx.db
      .update(users)
      .set({ [flag[p.role as keyof typeof flag]]: true })
      .where(byId(ctx, users, userId))
    return
  }
  const g = installedFeatures()
    .flatMap((f) => f.invitations ?? [])
    .find((x) => x.role === p.role)
  if (!g) throw new AppError(400, 'invitation_role', '招待の役割が正しくありません。')
  await g.grant(ctx, userId, p as unknown as Record<string, unknown>)
}

/**
 * Accept an invitation. A new address gets an account (its e-mail is proven by the link);
 * an existing account must be signed in as the invited address.
 */
export async function acceptInvitation(
  ctx: Ctx,
  token: string,
  newAccount: Omit<SignUpInput, 'email'> | null,
): Promise<{ userId: string; created: boolean } | null> {
  const t = await findToken(ctx, 'invite', token)
  if (!t) return null
  const p = t.payload as unknown as InvitePayload
  return inTransaction(ctx, async (tx) => {
    let userId: string
    let created = false
    const [existing] = await tx.db
      .select()
      .from(users)
      .where(inCity(tx, users, eq(users.email, t.email)))
    if (existing) {
      if (tx.actor?.userId !== existing.id)
        throw new AppError(
          403,
          'wrong_account',
          `招待されたメールアドレス（${t.email}）でログインしてから招待を受けてください。`,
        )
      userId = existing.id
    } else {
      if (!newAccount) throw new AppError(422, 'account_required', 'アカウントの情報を入力してください。')
      const [u] = await tx.db
        .insert(users)
        .values({
          municipalityId: tx.tenantId,
          email: t.email,
          emailVerifiedAt: new Date(),
          passwordHash: await hashPassword(newAccount.password),
          familyName: newAccount.familyName,
          givenName: newAccount.givenName,
          familyNameKana: newAccount.familyNameKana,
          givenNameKana: newAccount.givenNameKana,
        })
        .returning()
      userId = u.id
      created = true
    }
    await grantInvitation(tx, userId, p)
    await useToken(tx, t.id)
    await audit(tx, {
      action: 'invitation.accept',
      entityType: 'user',
      entityId: userId,
      changes: { ...p, email: t.email },
    })
    return { userId, created }
  })
}

export async function listPendingInvitations(ctx: Ctx) {
  return ctx.db
    .select({
      id: userTokens.id,
      email: userTokens.email,
      payload: userTokens.payload,
      expiresAt: userTokens.expiresAt,
      createdAt: userTokens.createdAt,
    })
    .from(userTokens)
    .where(
      inCity(
        ctx,
        userTokens,
        eq(userTokens.kind, 'invite'),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
    .orderBy(userTokens.createdAt)
}

// ---------------------------------------------------------------- account

export async function getUser(ctx: Pick<Ctx, 'db' | 'tenantId'>, userId: string) {
  const [u] = await ctx.db
    .select()
    .from(users)
    .where(byId(ctx, users, userId))
  return u ?? null
}

export async function getUserByEmail(ctx: Pick<Ctx, 'db' | 'tenantId'>, email: string) {
  const [u] = await ctx.db
    .select()
    .from(users)
    .where(inCity(ctx, users, eq(users.email, email)))
  return u ?? null
}

export async function updateProfile(
  ctx: Ctx,
  userId: string,
  p: Pick<User, 'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana'>,
) {
  const before = await getUser(ctx, userId)
  await ctx.db
    .update(users)
    .set({ ...p, updatedAt: new Date() })
    .where(byId(ctx, users, userId))
  const changes: Record<string, unknown> = {}
  for (const k of Object.keys(p) as (keyof typeof p)[])
    if (before?.[k] !== p[k]) changes[k] = [before?.[k], p[k]]
  await audit(ctx, { action: 'user.profile.update', entityType: 'user', entityId: userId, changes })
}

/** Re-authenticates with the current password before changing it; other sessions end. */
export async function changePassword(
  ctx: Ctx,
  userId: string,
  current: string,
  next: string,
  keepSessionId: string | null,
) {
  const u = await getUser(ctx, userId)
  if (!u || !(await verifyPassword(u.passwordHash, current))) {
    await audit(ctx, { action: 'user.password.change.refused', entityType: 'user', entityId: userId })
    return false
  }
  const passwordHash = await hashPassword(next)
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(byId(tx, users, userId))
    await tx.db
      .delete(sessions)
      .where(
        inCity(
          tx,
          sessions,
          eq(sessions.userId, userId),
          keepSessionId ? sql`${sessions.id} <> ${keepSessionId}` : undefined,
        ),
      )
    await audit(tx, { action: 'user.password.change', entityType: 'user', entityId: userId })
  })
  return true
}

/** Re-authenticates, then sends a verification link to the new address; the change happens when it is opened. */
export async function requestEmailChange(ctx: Ctx, userId: string, password: string, newEmail: string) {
  const u = await getUser(ctx, userId)
  if (!u || !(await verifyPassword(u.passwordHash, password))) {
    await audit(ctx, { action: 'user.email.change.refused', entityType: 'user', entityId: userId })
    return 'bad_password' as const
  }
  const [taken] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(inCity(ctx, users, eq(users.email, newEmail)))
  if (taken) return 'taken' as const
  await limitMail(ctx, 'email-change', newEmail)
  const token = await issueToken(ctx, 'verify_email', newEmail, { userId, ttlMs: 2 * DAY })
  await sendMail(ctx, {
    to: newEmail,
    subject: `【${ctx.municipality.name} 協働ポータル】新しいメールアドレスの確認`,
    body: `メールアドレス変更の依頼を受け付けました。次のリンクを開くと変更が完了します（48時間有効）。\n${baseUrl(ctx)}/verify?token=${token}\n`,
  })
  await audit(ctx, {
    action: 'user.email.change.requested',
    entityType: 'user',
    entityId: userId,
    changes: { email: [u.email, newEmail] },
  })
  return 'sent' as const
}

// ---------------------------------------------------------------- personal access tokens

export async function createApiToken(ctx: Ctx, name: string, expiresInDays: number | null) {
  if (!ctx.actor) throw new AppError(401, 'unauthenticated', 'ログインしてください。')
  const token = `kyd_${randomToken()}`
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({
      municipalityId: ctx.tenantId,
      userId: ctx.actor.userId,
      name,
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * DAY) : null,
    })
    .returning()
  await audit(ctx, {
    action: 'apiToken.create',
    entityType: 'api_token',
    entityId: row.id,
    changes: { name },
  })
  return { token, row }
}

export async function listApiTokens(ctx: Ctx, userId: string) {
  return ctx.db
    .select()
    .from(apiTokens)
    .where(inCity(ctx, apiTokens, eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(apiTokens.createdAt)
}

export async function revokeApiToken(ctx: Ctx, userId: string, id: string) {
  const res = await ctx.db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(inCity(ctx, apiTokens, eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id })
  if (res.length) await audit(ctx, { action: 'apiToken.revoke', entityType: 'api_token', entityId: id })
  return res.length > 0
}
