import { and, asc, gte, inArray, ne, or } from 'drizzle-orm'
import type { Ctx } from '../../core/context.ts'
import { linksAny } from '../../core/db/links.ts'
import { inCity } from '../../core/db/tenant.ts'
import { organiserDepartmentLinks, organiserGroupLinks } from './columns.ts'
import { PUBLIC_STATUSES } from './domain.ts'
import { events } from './schema.ts'

/** Published, not yet ended events a group or department organises (for their pages). */
export async function upcomingEventsOrganisedBy(
  ctx: Pick<Ctx, 'db' | 'tenantId'>,
  o: { groupId?: string; departmentId?: string },
) {
  const who = [
    o.groupId ? linksAny(organiserGroupLinks, events, [o.groupId]) : undefined,
    o.departmentId ? linksAny(organiserDepartmentLinks, events, [o.departmentId]) : undefined,
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

/** Published events that have not ended, soonest first, never 職員研修 (for the newsletter). */
export async function upcomingPublicEvents(ctx: Pick<Ctx, 'db' | 'tenantId'>, limit = 20) {
  return ctx.db
    .select({
      id: events.id,
      title: events.title,
      kind: events.kind,
      description: events.description,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      online: events.online,
      placeName: events.placeName,
      status: events.status,
    })
    .from(events)
    .where(
      inCity(
        ctx,
        events,
        inArray(events.status, ['open', 'closed']),
        ne(events.kind, 'staff_training'),
        gte(events.endsAt, new Date()),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(limit)
}
