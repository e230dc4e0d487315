import type { Ctx } from '../../core/context.ts'
import type { Holding, HoldingSource } from '../../core/feature.ts'
import { formatEra } from '../../core/japanese/index.ts'
import { actionStateLabel, isOverdue } from './domain.ts'
import { groupsOfMeetings, type MyAction, moveActions, openActionsOf, unheldActions } from './service.ts'

async function asHoldings(ctx: Ctx, rows: MyAction[]): Promise<Holding[]> {
  const groups = await groupsOfMeetings(ctx, [...new Set(rows.map((r) => r.meetingId))])
  return rows.map((a) => ({
    kind: 'meeting_action',
    id: a.id,
    title: `${a.title}（${a.meetingTitle}）`,
    href: `/meetings/${a.meetingId}`,
    state: `${actionStateLabel(a.state)}・期限 ${formatEra(a.dueOn)}${isOverdue(a) ? '（期限切れ）' : ''}`,
    groupIds: groups.get(a.meetingId) ?? [],
  }))
}

/** Open action items of adjustment meetings, held by their owner (担当者). */
export const actionHoldings: HoldingSource = {
  kind: 'meeting_action',
  label: '調整会議の対応事項',
  async heldBy(ctx, userId) {
    return asHoldings(ctx, await openActionsOf(ctx, userId))
  },
  async unheld(ctx) {
    const rows = await unheldActions(ctx)
    const hs = await asHoldings(ctx, rows)
    return hs.map((h, i) => ({ ...h, holderId: rows[i].ownerId }))
  },
  reassign: (ctx, ids, from, to) => moveActions(ctx, ids, from, to),
}
