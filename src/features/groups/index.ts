import type { Feature } from '../index.ts'

export const groupsFeature: Feature = { name: 'groups' }
