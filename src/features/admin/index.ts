import type { Feature } from '../index.ts'

export const adminFeature: Feature = { name: 'admin' }
