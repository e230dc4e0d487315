/**
 * The surveys room's public face: the yearly survey of departments and its generated report.
 * Pages, API, tables and the demo are listed in feature.ts; other rooms use only what is here.
 */
export { surveysFeature } from './feature.ts'
export { buildReport, figuresOf, type Figure, type Report } from './report.ts'
