import { isCityStaff } from '../../core/roles.ts'
import type { Feature } from '../../core/feature.ts'
import { projectsAccess } from './access.table.ts'
import { projectsRoutes } from './routes.tsx'
import * as tables from './schema.ts'

/** The collaboration project record an agreed pairing becomes. */
export const projectsFeature: Feature = {
  name: 'projects',
  title: '協働事業',
  routes: projectsRoutes,
  tables,
  access: projectsAccess,
  nav: [
    {
      place: 'work',
      key: 'projects',
      href: '/projects',
      label: '協働事業',
      order: 50,
      visible: (a) => isCityStaff(a),
    },
  ],
}
