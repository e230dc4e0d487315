import type { Feature } from '../../core/feature.ts'
import { eventsAccess } from './access.table.ts'
import { eventsApi } from './api.ts'
import { eventsDemo } from './demo.ts'
import { rules } from './policy.ts'
import { eventsRoutes } from './routes.tsx'
import * as tables from './schema.ts'
import { advanceStatuses, purgePersonalData, sendReminders } from './service.ts'

/** イベント・交流の場: events, registration with a waiting list, the roster and record, ICS and open data. */
export const eventsFeature: Feature = {
  name: 'events',
  title: 'イベント・交流の場',
  routes: eventsRoutes,
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
        return `registrations purged: ${await purgePersonalData(ctx)}`
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
  ],
}
