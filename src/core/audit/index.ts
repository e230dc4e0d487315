import { auditLog } from './schema.ts'
import type { Ctx } from '../context.ts'

const SECRET_KEYS = /password|token|secret|hash|totp|csrf/i

export interface AuditEntry {
  action: string
  entityType?: string
  entityId?: string
  changes?: Record<string, unknown>
}

/** Append one row to the audit log. Secrets are dropped whatever the caller passes. */
export async function audit(ctx: Pick<Ctx, 'db' | 'tenantId' | 'actor' | 'ip' | 'userAgent'>, e: AuditEntry) {
  await ctx.db.insert(auditLog).values({
    municipalityId: ctx.tenantId,
    actorUserId: ctx.actor?.userId ?? null,
    actorLabel: ctx.actor?.email ?? 'anonymous',
    action: e.action,
    entityType: e.entityType ?? '',
    entityId: e.entityId ?? '',
    changes: scrub(e.changes ?? {}),
    ip: ctx.ip,
    userAgent: ctx.userAgent.slice(0, 300),
  })
}

function scrub(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : v
  return out
}

/** { field: [before, after] } for the fields that changed. */
export function diff<T extends Record<string, unknown>>(
  before: T | null,
  after: Partial<T>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, next] of Object.entries(after)) {
    if (k === 'updatedAt' || k === 'searchText') continue
    const prev = before ? before[k] : undefined
    if (JSON.stringify(prev) !== JSON.stringify(next)) out[k] = [prev ?? null, next ?? null]
  }
  return out
}
