import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { Actor } from '../actor.ts'
import { ensureMemberships } from '../roles.ts'
import { audit } from '../audit/index.ts'
import type { AppEnv, Ctx } from '../context.ts'
import { AppError } from '../errors.ts'
import { type Action, can, type PolicyActions } from '../policy.ts'

/**
 * Ask the policy; refuse with 401 (not signed in) or 403, and record the refusal in the audit log.
 * Returns the context for the service call.
 */
export async function authorize<A extends Action>(
  c: Context<AppEnv>,
  action: A,
  resource?: PolicyActions[A],
): Promise<Ctx> {
  const ctx = c.get('ctx')
  await ensureMemberships(ctx)
  if (can(ctx.actor, action, resource as never)) return ctx
  // The refusal is a 4xx AppError: the request transaction commits this row (core/http/write-tx.ts).
  await audit(ctx, {
    action: 'authz.denied',
    entityType: 'request',
    entityId: `${c.req.method} ${c.req.path}`,
    changes: { permission: action },
  })
  if (!ctx.actor) throw new AppError(401, 'unauthenticated', 'この操作にはログインが必要です。')
  throw new AppError(403, 'forbidden', 'この操作を行う権限がありません。')
}

/** The signed-in actor, or 401. */
export async function requireActor(c: Context<AppEnv>): Promise<Actor> {
  const a = await ensureMemberships(c.get('ctx'))
  if (!a) throw new AppError(401, 'unauthenticated', 'この操作にはログインが必要です。')
  return a
}

/**
 * The same check as route middleware, so the JSON API refuses before it validates a body
 * (an unauthorised caller learns nothing from validation messages).
 */
export const allow = (action: Action) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await authorize(c, action)
    await next()
  })
