import type { Actor } from './actor.ts'
import type { Config } from './config.ts'
import type { Db, DbKind } from './db/index.ts'
import type { municipalities } from './db/schema.ts'

export type Municipality = typeof municipalities.$inferSelect

/** What every service call receives: the database, the city, who acts, and from where. */
export interface Ctx {
  db: Db
  dbKind: DbKind
  config: Config
  tenantId: string
  municipality: Municipality
  actor: Actor | null
  ip: string
  userAgent: string
  /** The request's origin (https://host), set by originMiddleware; absent in jobs and scripts. */
  origin?: string
}

export interface AppEnv {
  Variables: {
    ctx: Ctx
    sessionId: string | null
    csrfToken: string
    /** Set by routes that must show a notice after a redirect. */
    flash: string | null
  }
}
