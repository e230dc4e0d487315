/**
 * The statistics room's public face (its pages, API, table and demo are listed in feature.ts).
 * Other rooms read nothing of it yet; it reads the other rooms' counts through their index.ts.
 */
export type { Scope as StatisticsScope } from './service.ts'
