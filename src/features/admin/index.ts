import { Hono } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import type { Feature } from '../index.ts'
import { adminApi } from './api.ts'
import { organisationRoutes } from './organisation-routes.tsx'
import { adminRoutes } from './routes.tsx'

const routes = new Hono<AppEnv>()
routes.route('/', adminRoutes)
routes.route('/', organisationRoutes)

/** The administration room: settings, departments (and the public department guide), years, areas, users, invitations, outbox, audit. */
export const adminFeature: Feature = { name: 'admin', routes, api: adminApi }
