import { Hono } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import type { Feature } from '../../core/feature.ts'
import { can } from '../../core/policy.ts'
import { purgeSurveyData, sendDueSurveys } from './after.ts'
import { openCallsFor } from './programme.ts'
import { eventsAccess } from './access.table.ts'
import { eventsApi } from './api.ts'
import { eventsDemo } from './demo.ts'
import { rules } from './policy.ts'
import { programmeRoutes } from './routes-programme.tsx'
import { eventsRoutes } from './routes.tsx'
import * as tables from './schema.ts'
import { advanceStatuses, purgePersonalData, sendReminders } from './service.ts'

/** イベント・交流の場: events, registration with a waiting list, the roster and record, ICS and open data. */
export const eventsFeature: Feature = {
  name: 'events',
  title: 'イベント・交流の場',
  routes: new Hono<AppEnv>().route('/', eventsRoutes).route('/', programmeRoutes),
  api: eventsApi,
  tables,
  policy: rules,
  jobs: [
    {
      /** The reminder the day before: registered people of events starting within 24 hours. */
      name: 'events.reminders',
      everyMinutes: 60,
      async run(ctx) {
        return `reminders sent: ${await sendReminders(ctx)}`
      },
    },
    {
      /** 募集中 past the deadline → 締切; after the end → 開催済. */
      name: 'events.statuses',
      everyMinutes: 60,
      async run(ctx) {
        return `statuses advanced: ${await advanceStatuses(ctx)}`
      },
    },
    {
      /** Registrants' personal data removed 90 days after the event (EVENT_DATA_RETENTION_DAYS). */
      name: 'events.purge',
      everyMinutes: 24 * 60,
      async run(ctx) {
        const regs = await purgePersonalData(ctx)
        const comments = await purgeSurveyData(ctx)
        return `registrations purged: ${regs}; questionnaire comments cleared: ${comments}`
      },
    },
    {
      /** The questionnaire after the event: a link mailed once to each registered person (events ended within 7 days). */
      name: 'events.surveys',
      everyMinutes: 60,
      async run(ctx) {
        return `questionnaires mailed: ${await sendDueSurveys(ctx)}`
      },
    },
  ],
  demo: { order: 40, seed: eventsDemo },
  access: eventsAccess,
  nav: [
    {
      place: 'main',
      key: 'events',
      href: '/events',
      label: 'イベント',
      order: 30,
      description: '分野別の発表会・交流会、協働事業の説明会、意見交換会などの予定と申込みです。',
    },
    {
      place: 'work',
      key: 'event-calls',
      href: '/coordination/event-calls',
      label: '発表者の募集',
      order: 40,
      visible: (a) => can(a, 'event.create'),
    },
  ],
  home: [
    {
      order: 45,
      /** Open calls a group member or department staff may apply to, and the coordinator's list. */
      async items(ctx) {
        const items = (await openCallsFor(ctx)).slice(0, 5).map((r) => ({
          href: `/events/${r.event.id}/apply`,
          label: `発表者の募集：${r.event.title}`,
        }))
        return can(ctx.actor, 'event.create')
          ? [...items, { href: '/coordination/event-calls', label: '発表者の募集（申込と選定）' }]
          : items
      },
    },
  ],
}
