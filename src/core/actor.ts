/** Who is making a request, with every role they hold in this city. */
export interface Actor {
  userId: string
  email: string
  name: string
  isAdmin: boolean
  isCoordinator: boolean
  isReviewer: boolean
  departmentIds: string[]
  /** groupId → 'owner' | 'editor' */
  groupRoles: Record<string, 'owner' | 'editor'>
  via: 'session' | 'token'
}

export type Role = 'visitor' | 'group_member' | 'staff' | 'coordinator' | 'reviewer' | 'admin'

export const ROLE_LABELS: Record<Role, string> = {
  visitor: '閲覧者',
  group_member: '団体メンバー',
  staff: '担当課職員',
  coordinator: 'コーディネーター',
  reviewer: '審査委員',
  admin: 'システム管理者',
}

export function rolesOf(a: Actor | null): Role[] {
  if (!a) return ['visitor']
  const r: Role[] = []
  if (Object.keys(a.groupRoles).length) r.push('group_member')
  if (a.departmentIds.length) r.push('staff')
  if (a.isCoordinator) r.push('coordinator')
  if (a.isReviewer) r.push('reviewer')
  if (a.isAdmin) r.push('admin')
  return r
}

/** City-hall side: department staff, coordinators and administrators. */
export const isCityStaff = (a: Actor | null) =>
  !!a && (a.isAdmin || a.isCoordinator || a.departmentIds.length > 0)
