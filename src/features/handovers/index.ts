/** 引継ぎ's public face: its pages, API, tables and job are listed in feature.ts; nothing else is shared. */
export { handoversFeature } from './feature.ts'
