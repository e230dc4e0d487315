import * as OTPAuth from 'otpauth'
import QRCode from 'qrcode'
import { audit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { byId } from '../db/tenant.ts'
import { randomToken, sha256, verifyPassword } from './crypto.ts'
import * as rateLimit from './rate-limit.ts'
import { type User, userTokens, users } from './schema.ts'
import { findToken } from './tokens.ts'

/** Two-step sign-in with TOTP (authenticator apps) and one-time recovery codes. */

const PERIOD = 30

function totp(ctx: Pick<Ctx, 'municipality'>, email: string, secret: string) {
  return new OTPAuth.TOTP({
    issuer: `${ctx.municipality.name} 協働ポータル`,
    label: email,
    secret: OTPAuth.Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
  })
}

const clean = (code: string) => code.normalize('NFKC').replace(/[\s-]/g, '')

export async function beginSetup(ctx: Ctx, user: User) {
  const secret = new OTPAuth.Secret({ size: 20 }).base32
  await ctx.db
    .update(users)
    .set({ totpPendingSecret: secret })
    .where(byId(ctx, users, user.id))
  return setupView(ctx, user.email, secret)
}

export async function setupView(ctx: Ctx, email: string, secret: string) {
  const uri = totp(ctx, email, secret).toString()
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return { secret, uri, qrDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }
}

/** Check a code against the pending secret; on success enable TOTP and return new recovery codes. */
export async function confirmSetup(ctx: Ctx, user: User, code: string): Promise<string[] | null> {
  if (!user.totpPendingSecret) return null
  const delta = totp(ctx, user.email, user.totpPendingSecret).validate({ token: clean(code), window: 1 })
  if (delta === null) return null
  const codes = Array.from({ length: 10 }, () =>
    randomToken(6)
      .replace(/[^a-zA-Z0-9]/g, 'x')
      .slice(0, 8)
      .toLowerCase(),
  )
  await ctx.db
    .update(users)
    .set({
      totpSecret: user.totpPendingSecret,
      totpPendingSecret: null,
      totpEnabledAt: new Date(),
      totpLastStep: Math.floor(Date.now() / 1000 / PERIOD) + delta,
      recoveryCodes: codes.map(sha256),
      updatedAt: new Date(),
    })
    .where(byId(ctx, users, user.id))
  await audit(ctx, { action: 'user.mfa.enable', entityType: 'user', entityId: user.id })
  return codes
}

/** A TOTP code (not replayed) or an unused recovery code. */
export async function verifySecondFactor(
  ctx: Pick<Ctx, 'db' | 'municipality' | 'tenantId'>,
  user: User,
  code: string,
): Promise<boolean> {
  if (!user.totpSecret) return false
  const c = clean(code)
  if (/^\d{6}$/.test(c)) {
    const delta = totp(ctx, user.email, user.totpSecret).validate({ token: c, window: 1 })
    if (delta === null) return false
    const step = Math.floor(Date.now() / 1000 / PERIOD) + delta
    if (user.totpLastStep !== null && step <= user.totpLastStep) return false
    await ctx.db
      .update(users)
      .set({ totpLastStep: step })
      .where(byId(ctx, users, user.id))
    return true
  }
  const h = sha256(c.toLowerCase())
  if (!user.recoveryCodes.includes(h)) return false
  await ctx.db
    .update(users)
    .set({ recoveryCodes: user.recoveryCodes.filter((x) => x !== h) })
    .where(byId(ctx, users, user.id))
  return true
}

export async function disable(ctx: Ctx, user: User, password: string, code: string) {
  if (!(await verifyPassword(user.passwordHash, password)) || !(await verifySecondFactor(ctx, user, code))) {
    await audit(ctx, { action: 'user.mfa.disable.refused', entityType: 'user', entityId: user.id })
    return false
  }
  await ctx.db
    .update(users)
    .set({
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      recoveryCodes: [],
    })
    .where(byId(ctx, users, user.id))
  await audit(ctx, { action: 'user.mfa.disable', entityType: 'user', entityId: user.id })
  return true
}

// ---------------------------------------------------------------- the second step of login

const MFA_TTL_MS = 5 * 60_000
export const MFA_FAILURE_LIMIT = 5

/** After a correct password: a short-lived token that stands for "password checked, code pending". */
export async function issuePending(ctx: Ctx, userId: string, email: string) {
  const token = randomToken()
  await ctx.db.insert(userTokens).values({
    municipalityId: ctx.tenantId,
    kind: 'mfa_pending',
    tokenHash: sha256(token),
    userId,
    email,
    expiresAt: new Date(Date.now() + MFA_TTL_MS),
  })
  return token
}

export type MfaResult = { ok: true; user: User } | { ok: false; reason: 'expired' | 'invalid' | 'limited' }

export async function completePending(ctx: Ctx, token: string, code: string): Promise<MfaResult> {
  const t = await findToken(ctx, 'mfa_pending', token)
  if (!t?.userId) return { ok: false, reason: 'expired' }
  const key = `mfa:${ctx.tenantId}:${t.userId}`
  // Raise the counter first (atomic upsert), so parallel guesses cannot all pass the check.
  if ((await rateLimit.hit(ctx.db, key, 15 * 60)) > MFA_FAILURE_LIMIT) {
    await ctx.db
      .update(userTokens)
      .set({ usedAt: new Date() })
      .where(byId(ctx, userTokens, t.id))
    return { ok: false, reason: 'limited' }
  }
  const [u] = await ctx.db
    .select()
    .from(users)
    .where(byId(ctx, users, t.userId))
  if (!u || u.disabledAt) return { ok: false, reason: 'expired' }
  if (!(await verifySecondFactor(ctx, u, code))) {
    await audit(ctx, { action: 'auth.mfa.failure', entityType: 'user', entityId: u.id })
    return { ok: false, reason: 'invalid' }
  }
  await rateLimit.reset(ctx.db, key)
  await ctx.db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(byId(ctx, userTokens, t.id))
  return { ok: true, user: u }
}
