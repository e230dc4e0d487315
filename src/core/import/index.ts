/**
 * One import pipeline for every list the city brings (groups, departments, areas):
 * read CSV/XLSX → find the header → map the columns → check each row → dry-run report →
 * commit all-or-nothing or the good rows only: in one transaction on PostgreSQL, in batches that
 * stay invisible until committed on PGlite (batches.ts, decision 0013).
 */
export * from './batches.ts'
export * from './mapping.ts'
export * from './params.ts'
export * from './read.ts'
export * from './similar.ts'

import type { ImportMode } from './params.ts'
import type { RowError } from './mapping.ts'

/** Whether to write: never on a dry run; in all-or-nothing mode only when no row has an error. */
export function shouldWrite(p: { dryRun: boolean; mode: ImportMode }, errors: RowError[]) {
  return !p.dryRun && !(p.mode === 'all' && errors.length > 0)
}

/** Errors sorted as the spreadsheet reads: by row, then column. */
export const byRow = (a: RowError, b: RowError) => a.row - b.row
export * from './jobs.ts'
