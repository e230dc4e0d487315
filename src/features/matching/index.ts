/**
 * The matching room's public face for other rooms: needs ranked for an offer, and the pairings of a need or of the actor,
 * and a candidate from a meeting (group ↔ department who met at an event). Its
 * pages, API, tables and demo are listed in feature.ts.
 */
export {
  createMeetingPairing,
  getPairing,
  declinedPairings,
  type GroupMatch,
  matchNeedsForOffer,
  myPairings,
  needPairingCounts,
  pairingsOfNeed,
  type Pairing,
} from './service.ts'
export { PairingTable, StageBadge } from './views.tsx'
