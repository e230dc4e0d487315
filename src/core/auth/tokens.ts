import { eq, gt, isNull } from 'drizzle-orm'
import type { Ctx } from '../context.ts'
import { byId, inCity } from '../db/tenant.ts'
import { randomToken, sha256 } from './crypto.ts'
import { userTokens } from './schema.ts'

/** One-time tokens sent by mail (e-mail verification, password reset, invitations) and MFA steps. */
export async function issueToken(
  ctx: Ctx,
  kind: 'verify_email' | 'reset_password' | 'invite',
  email: string,
  opts: { userId?: string; payload?: Record<string, unknown>; ttlMs: number },
) {
  const token = randomToken()
  await ctx.db.insert(userTokens).values({
    municipalityId: ctx.tenantId,
    kind,
    tokenHash: sha256(token),
    userId: opts.userId ?? null,
    email,
    payload: opts.payload ?? {},
    createdBy: ctx.actor?.userId ?? null,
    expiresAt: new Date(Date.now() + opts.ttlMs),
  })
  return token
}

/** A valid, unused token of that kind, or null. */
export async function findToken(ctx: Pick<Ctx, 'db' | 'tenantId'>, kind: string, token: string) {
  const [t] = await ctx.db
    .select()
    .from(userTokens)
    .where(
      inCity(
        ctx,
        userTokens,
        eq(userTokens.tokenHash, sha256(token)),
        eq(userTokens.kind, kind),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
  return t ?? null
}

export async function useToken(ctx: Pick<Ctx, 'db' | 'tenantId'>, id: string) {
  await ctx.db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(byId(ctx, userTokens, id))
}
