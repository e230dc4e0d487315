import * as auth from '../../core/auth/service.ts'
import type { Ctx } from '../../core/context.ts'
import { AppError } from '../../core/errors.ts'
import { org } from '../organisation/index.ts'
import type { INVITE_ROLES } from './forms.ts'

/** Invite someone to a role (staff invitations name an active department). */
export async function invite(
  ctx: Ctx,
  data: { email: string; role: (typeof INVITE_ROLES)[number]; departmentId: string | null },
) {
  let targetName: string | undefined
  if (data.role === 'staff') {
    const d = data.departmentId ? await org.getDepartment(ctx, data.departmentId) : null
    if (!d?.active)
      throw new AppError(422, 'validation', '所属部署を一覧から選んでください。', {
        departmentId: '所属部署を一覧から選んでください',
      })
    targetName = d.name
  }
  await auth.createInvitation(ctx, data.email, {
    role: data.role,
    ...(data.role === 'staff' ? { departmentId: data.departmentId!, targetName } : {}),
  })
}
