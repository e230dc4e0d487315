import type { AccessCase, Fixtures } from '../testing/access.ts'
import { adminAccess } from './admin/access.table.ts'
import { groupsAccess } from './groups/access.table.ts'
import { guideAccess } from './guide/access.table.ts'
import { matchingAccess } from './matching/access.table.ts'

/** Each feature's authorisation table (see src/testing/access.ts). Add yours here. */
export const ACCESS_TABLES: ((fx: Fixtures) => AccessCase[])[] = [
  guideAccess,
  adminAccess,
  matchingAccess,
  groupsAccess,
]
