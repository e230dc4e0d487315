import type { Feature } from '../../core/feature.ts'
import { can } from '../../core/policy.ts'
import { isCityStaff } from '../../core/roles.ts'
import { meetingsAccess } from './access.table.ts'
import { meetingsApi } from './api.ts'
import { meetingsDemo } from './demo.ts'
import { actionHoldings } from './holdings.ts'
import { meetingIdsOf, meetingMemberships, rules } from './policy.ts'
import { meetingsRoutes } from './routes.tsx'
import * as tables from './schema.ts'
import {
  actionsOf,
  awaitingMyMarks,
  mailOverdueActions,
  purgeOutsideContacts,
  sendMeetingReminders,
} from './service.ts'
import { formatEra } from '../../core/japanese/index.ts'
import { isOverdue } from './domain.ts'

/** 調整会議: meetings set by candidate dates (○△×), minuted, with action items that follow their owners. */
export const meetingsFeature: Feature = {
  name: 'meetings',
  title: '調整会議',
  routes: meetingsRoutes,
  api: meetingsApi,
  tables,
  policy: rules,
  memberships: [meetingMemberships],
  /** Open action items, handed over with the rest of a person's work (引継ぎ). */
  holdings: [actionHoldings],
  jobs: [
    {
      /** The reminder the day before: scheduled meetings starting within 24 hours. */
      name: 'meetings.reminders',
      everyMinutes: 60,
      async run(ctx) {
        return `meeting reminders mailed: ${await sendMeetingReminders(ctx)}`
      },
    },
    {
      /** Action items past their due date: the owner is mailed once. */
      name: 'meetings.overdue',
      everyMinutes: 60,
      async run(ctx) {
        return `overdue action items mailed: ${await mailOverdueActions(ctx)}`
      },
    },
    {
      /** Outside people's addresses and links erased OUTSIDE_RETENTION_DAYS after the meeting. */
      name: 'meetings.purge',
      everyMinutes: 24 * 60,
      async run(ctx) {
        return `outside contacts erased: ${await purgeOutsideContacts(ctx)}`
      },
    },
  ],
  demo: { order: 34, seed: meetingsDemo },
  access: meetingsAccess,
  nav: [
    {
      place: 'work',
      key: 'meetings',
      href: '/meetings',
      label: '調整会議',
      order: 25,
      visible: (a) => !!a && (isCityStaff(a) || meetingIdsOf(a).length > 0),
    },
  ],
  home: [
    {
      order: 32,
      /** Each open action item of the actor, meetings waiting for their marks, and the list. */
      async items(ctx) {
        const [open, waiting] = await Promise.all([
          actionsOf(ctx, ctx.actor.userId, { open: true }),
          awaitingMyMarks(ctx),
        ])
        const items = [
          ...waiting
            .slice(0, 5)
            .map((m) => ({ href: `/meetings/${m.id}`, label: `日程調整の回答：${m.title}` })),
          ...open.slice(0, 5).map((a) => ({
            href: `/meetings/${a.meetingId}`,
            label: `対応事項：${a.title}（期限 ${formatEra(a.dueOn)}${isOverdue(a) ? '・期限切れ' : ''}）`,
          })),
        ]
        if (
          !open.length &&
          !items.length &&
          !can(ctx.actor, 'meeting.create') &&
          !meetingIdsOf(ctx.actor).length
        )
          return []
        return [...items, { href: '/meetings/actions', label: '自分の対応事項', count: open.length }]
      },
    },
  ],
}
