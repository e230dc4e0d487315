/**
 * The matching room's public face for other rooms: the group term index (kept up to date when
 * groups change), needs ranked for an offer, and the pairings of a need or of the actor. Its
 * pages, API, tables and demo are listed in feature.ts.
 */
export { syncGroupTerms } from './candidates.ts'
export { type GroupMatch, matchNeedsForOffer, myPairings, pairingsOfNeed, type Pairing } from './service.ts'
export { PairingTable, StageBadge } from './views.tsx'
