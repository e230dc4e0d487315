/**
 * The offers room's public face: groups' offers (できること) as matching reads them. Its pages,
 * API, tables and demo (and the 協働メニュー) are listed in feature.ts.
 */
export {
  menuItemsOfDepartments,
  type Offer,
  offerTitles,
  publishedOffers,
  publishedOffersOfGroups,
  relatedOffers,
} from './service.ts'
