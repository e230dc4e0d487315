import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'
import { citiesChanged, citiesGeneration } from '../db/cities.ts'
import { inTransaction } from '../db/tenant.ts'
import { AppError } from '../errors.ts'
import { ownsTransactions } from '../feature.ts'

/**
 * Every non-GET request runs in one transaction (#11.6): the handler's `ctx.db` is the
 * transaction (a nested `inTransaction` joins it), so a write and its audit row commit together
 * or not at all. A thrown error or a 5xx answer rolls everything back.
 *
 * One exception, on purpose: a deliberate refusal (an AppError with a 4xx status: 401, 403, 404,
 * 409, 422, 429) commits, because what it wrote is the refusal's own bookkeeping — the
 * `authz.denied` and `auth.login.failure` audit rows and the rate-limit counters, which must
 * survive the refusal (rolling them back would make every failed login free). The rule this
 * asks of a use case: refuse before writing data. A refusal after a data write is a bug the
 * write-tx test catches like a 500 would not.
 *
 * PGlite (one connection) and a PostgreSQL pool both work: the handler uses only the
 * transaction, never a second connection.
 *
 * A request that changed a city (`citiesChanged()`) empties the city cache again once its
 * transaction has ended: an answer another connection read before the commit is not kept.
 */

class Rollback extends Error {}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Whether an answer must undo the request's writes. */
export function mustRollBack(error: unknown, status: number): boolean {
  if (status >= 500) return true
  if (!error) return false
  return !(error instanceof AppError && error.status < 500)
}

export function writeTransaction(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next()
    if (ownsTransactions(c.req.method, c.req.path)) return next()
    const base = c.get('ctx')
    const cities = citiesGeneration()
    try {
      await inTransaction(base, async (tx) => {
        c.set('ctx', tx)
        try {
          await next()
        } finally {
          c.set('ctx', base)
        }
        // Hono's compose catches a handler's error and answers through onError: look at both.
        if (mustRollBack(c.error, c.res.status)) throw new Rollback()
      })
    } catch (e) {
      if (!(e instanceof Rollback)) throw e
    } finally {
      if (citiesGeneration() !== cities) citiesChanged()
    }
  }
}
