import type { Actor } from '../../core/actor.ts'
import { roleLabel, rolesOf } from '../../core/roles.ts'
import * as mfa from '../../core/auth/mfa.ts'
import * as auth from '../../core/auth/service.ts'
import type { Ctx } from '../../core/context.ts'

/**
 * Use cases of the account pages that take more than one step. The handlers in routes.tsx
 * validate, authorise, call one of these (or one call of core/auth) and render a view.
 */

export type InvitationState =
  | { kind: 'invalid' }
  | { kind: 'existing'; email: string; what: string; isSelf: boolean }
  | { kind: 'new'; email: string; what: string }

/** What an invitation link leads to: nothing, an existing account (is it the signed-in one?), or a new one. */
export async function invitationState(ctx: Ctx, token: string): Promise<InvitationState> {
  const t = await auth.findToken(ctx, 'invite', token)
  if (!t) return { kind: 'invalid' }
  const p = t.payload as unknown as auth.InvitePayload
  const what = p.targetName
    ? `${p.targetName}の${auth.INVITE_ROLE_LABELS[p.role]}`
    : auth.INVITE_ROLE_LABELS[p.role]
  const existing = await auth.getUserByEmail(ctx, t.email)
  if (existing) return { kind: 'existing', email: t.email, what, isSelf: ctx.actor?.userId === existing.id }
  return { kind: 'new', email: t.email, what }
}

/** The settings page's data for the signed-in person. */
export async function accountSettings(ctx: Ctx, actor: Actor) {
  const user = (await auth.getUser(ctx, actor.userId))!
  return { user, roles: rolesOf(actor).map(roleLabel), canTokens: actor.isAdmin || actor.isCoordinator }
}

/** The two-step sign-in page's data: the person and, while a setup is pending, its QR code and key. */
export async function mfaState(ctx: Ctx, userId: string) {
  const user = (await auth.getUser(ctx, userId))!
  const setup =
    !user.totpEnabledAt && user.totpPendingSecret
      ? await mfa.setupView(ctx, user.email, user.totpPendingSecret)
      : undefined
  return { user, setup }
}

/** Start a setup unless two-step sign-in is already on. */
export async function beginMfaSetup(ctx: Ctx, userId: string) {
  const user = (await auth.getUser(ctx, userId))!
  if (user.totpEnabledAt) return
  await mfa.beginSetup(ctx, user)
}

/** Confirm a pending setup with a code: the recovery codes, or the page to show again. */
export async function confirmMfaSetup(ctx: Ctx, userId: string, code: string) {
  const user = (await auth.getUser(ctx, userId))!
  const codes = await mfa.confirmSetup(ctx, user, code)
  if (!codes) {
    const setup = user.totpPendingSecret
      ? await mfa.setupView(ctx, user.email, user.totpPendingSecret)
      : undefined
    return { ok: false as const, user, setup }
  }
  const fresh = (await auth.getUser(ctx, user.id))!
  return { ok: true as const, user: fresh, codes }
}

/** Turn two-step sign-in off with the password and a current code. */
export async function disableMfa(ctx: Ctx, userId: string, password: string, code: string) {
  const user = (await auth.getUser(ctx, userId))!
  if (!user.totpEnabledAt) return { result: 'not_enabled' as const, user }
  const ok = await mfa.disable(ctx, user, password, code)
  return { result: ok ? ('disabled' as const) : ('refused' as const), user }
}
