import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Hono } from 'hono'
import type { AppEnv } from '../core/context.ts'
import { adminFeature } from './admin/index.ts'
import { groupsFeature } from './groups/index.ts'
import { guideFeature } from './guide/index.ts'
import { matchingFeature } from './matching/index.ts'

/** A capability: its pages and its JSON API (mounted under /api/v1). */
export interface Feature {
  name: string
  routes?: Hono<AppEnv>
  api?: OpenAPIHono<AppEnv>
}

/** Every feature room, mounted by app.tsx in this order. */
export const features: Feature[] = [adminFeature, groupsFeature, matchingFeature, guideFeature]
