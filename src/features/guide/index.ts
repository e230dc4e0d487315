import type { Feature } from '../index.ts'
import { guideRoutes } from './routes.tsx'

/** 協働のてびき: principles, forms of collaboration, process and self-checks (public pages). */
export const guideFeature: Feature = { name: 'guide', routes: guideRoutes }
