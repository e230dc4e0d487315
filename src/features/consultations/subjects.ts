import type { SubjectSource } from '../../core/feature.ts'
import { can } from '../../core/policy.ts'
import { getConsultation } from './service.ts'

/** A consultation as the subject of a meeting (調整会議): seen by the coordinator and the assigned departments. */
export const consultationSubject: SubjectSource = {
  type: 'consultation',
  label: '相談',
  async resolve(ctx, id) {
    const c = await getConsultation(ctx, id)
    if (!c || !can(ctx.actor, 'consultation.view', c)) return null
    return {
      title: `相談（${c.receiptNo}）：${c.text.slice(0, 40)}${c.text.length > 40 ? '…' : ''}`,
      href: `/consultations/${c.id}`,
      departmentId: c.departmentIds[0] ?? c.requestedDepartmentId ?? null,
      groupIds: [],
    }
  },
}
