import type { DemoEnv } from '../../demo/index.ts'

/** Demo needs and offers (filled in by the matching feature). */
export async function matchingDemo(_env: DemoEnv) {}
