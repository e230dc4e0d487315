import type { Feature } from '../index.ts'

export const matchingFeature: Feature = { name: 'matching' }
