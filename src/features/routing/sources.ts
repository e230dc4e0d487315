import type { Ctx } from '../../core/context.ts'
import { departmentNeedTexts, needsVersion } from '../needs/index.ts'
import { departmentProjectTexts, projectsVersion } from '../projects/index.ts'

/**
 * What routing reads about each department besides its name and duties (所掌事務): the texts of
 * the needs it published and of the projects it runs (a department is in charge of what it asks
 * partners for and of what it already does with them). Each source gives a version, so the index
 * is rebuilt when it changes, and (departmentId, text) pairs. Rooms' index.ts provide them.
 */
export interface RoutingSource {
  name: string
  version(ctx: Pick<Ctx, 'db' | 'tenantId'>): Promise<string>
  texts(ctx: Pick<Ctx, 'db' | 'tenantId'>): Promise<{ departmentId: string; text: string }[]>
}

export const routingSources: RoutingSource[] = [
  { name: 'needs', version: needsVersion, texts: departmentNeedTexts },
  { name: 'projects', version: projectsVersion, texts: departmentProjectTexts },
]
