import type { Feature } from '../../core/feature.ts'
import { routingAccess } from './access.table.ts'
import { routingApi } from './api.ts'
import { rules } from './policy.ts'

/** 「どこの課に相談すればいいのか」: which department is in charge, from a resident's own words. */
export const routingFeature: Feature = {
  name: 'routing',
  title: '担当課の案内',
  api: routingApi,
  policy: rules,
  access: routingAccess,
}
