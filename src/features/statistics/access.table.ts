import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'
import { CSV_KEYS, type CsvKey } from './views.tsx'

/**
 * The statistics: the public page, its CSV files, the open-data list and the API are for everyone;
 * the coordinator's dashboard and its CSV files (internal projects, consultations) for the
 * coordinator and the administrator. statistics.test.ts proves what each shows.
 */
export function statisticsAccess(_fx: Fixtures): AccessCase[] {
  const coord: MatrixRole[] = ['coordinator', 'admin']
  const g = (path: string, allowed: AccessCase['allowed']): AccessCase => ({
    method: 'GET',
    pattern: path,
    path,
    allowed,
  })
  const keys = Object.keys(CSV_KEYS) as CsvKey[]
  return [
    g('/statistics', 'all'),
    g('/coordination/statistics', coord),
    ...keys.filter((k) => !CSV_KEYS[k].dashboardOnly).map((k) => g(`/statistics/${k}.csv`, 'all')),
    ...keys.map((k) => g(`/coordination/statistics/${k}.csv`, coord)),
    g('/opendata/projects', 'all'),
    g('/opendata/projects.csv', 'all'),
    g('/opendata/projects.json', 'all'),
    g('/api/v1/statistics/projects-by-form', 'all'),
  ]
}
