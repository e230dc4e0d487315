import { and, arrayOverlaps, asc, gte, inArray, ne, or } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { inCity } from '../../core/db/tenant.ts'
import { PUBLIC_STATUSES } from './domain.ts'
import { events } from './schema.ts'

/** Published, not yet ended events a group or department organises (for their pages). */
export async function upcomingEventsOrganisedBy(
  ctx: Pick<Ctx, 'db' | 'tenantId'>,
  o: { groupId?: string; departmentId?: string },
) {
  const who = [
    o.groupId ? arrayOverlaps(events.organiserGroupIds, [o.groupId]) : undefined,
    o.departmentId ? arrayOverlaps(events.organiserDepartmentIds, [o.departmentId]) : undefined,
  ].filter(Boolean)
  if (!who.length) return []
  return ctx.db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, kind: events.kind })
    .from(events)
    .where(
      inCity(
        ctx,
        events,
        and(
          inArray(events.status, PUBLIC_STATUSES),
          ne(events.kind, 'staff_training'),
          gte(events.endsAt, new Date()),
        ),
        or(...who),
      ),
    )
    .orderBy(asc(events.startsAt))
}
