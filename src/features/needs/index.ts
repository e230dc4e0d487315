/**
 * The needs room's public face: 協働ニーズ (with the yearly hearing and city plans) as other rooms
 * read them, the city's lookups (課, 地区, 計画, 分野) and the shared need views. Its pages, API,
 * tables and demo are listed in feature.ts.
 */
export { isoDatesToParts, NEED_STATUSES, todayYmd } from './domain.ts'
export {
  createNeedDraft,
  getNeed,
  type Lookups,
  lookups,
  type Need,
  needRow,
  needFunnelCounts,
  needText,
  needTitles,
  newNeedsFor,
  openNeeds,
  publishedNeedsInOrder,
  setNeedStatus,
  VISIBLE_STATUSES,
} from './service.ts'
export { departmentNeedTexts, needsVersion, relatedPublicNeeds } from './search.ts'
export { Dl, Facet, NeedCard, StatusBadge, ymdJa } from './views.tsx'
export { DEMO_PAIRINGS } from './demo.ts'
