import type { DemoEnv } from '../../core/demo.ts'
import { collaborationHistory } from './schema.ts'

/** The source note of Chigasaki's eight years, with how the columns were read. */
export const CHIGASAKI_SOURCE =
  '茅ヶ崎市 令和3年度第4回市民活動推進委員会 資料3「「非営利組織等との協働」実績」（列1〜8を平成25年度〜令和2年度と読んだもの）'

/**
 * Chigasaki's 「非営利組織等との協働」実績 (資料3 of the 市民活動推進委員会, 2021-07-26): eight years of
 * counts by form. The table heads its columns only 1 … 8 and does not say which fiscal years they
 * are. Our reading: the eight fiscal years up to the last one finished before the report, 平成25年度
 * (2013) to 令和2年度 (2020) — 令和2年度 being also the last year of the 協働推進事業 it counts. The
 * source note on the page says so. 委託（協働委託） is our 委託 (commission); 協働推進事業数 keeps a
 * label of its own (協働推進事業), since it is the city's programme, not a form.
 */
export const CHIGASAKI_FIRST_YEAR = 2013
export const CHIGASAKI_COLLABORATION: { form: string; counts: number[] }[] = [
  { form: 'co_host', counts: [22, 45, 65, 71, 65, 61, 67, 62] },
  { form: 'executive_committee', counts: [3, 16, 18, 21, 22, 24, 24, 23] },
  { form: 'cooperation', counts: [79, 70, 88, 117, 123, 133, 159, 155] },
  { form: 'designated_manager', counts: [11, 9, 14, 14, 24, 23, 23, 22] },
  { form: 'commission', counts: [47, 75, 68, 69, 70, 63, 50, 52] },
  { form: '協働推進事業', counts: [2, 4, 9, 5, 6, 7, 12, 7] },
]

/** The demo's statistics step (order 70, after projects and proposals): Chigasaki's eight years as history. */
export async function statisticsDemo(env: DemoEnv) {
  const { ctx } = env
  await ctx.db.insert(collaborationHistory).values(
    CHIGASAKI_COLLABORATION.flatMap((r) =>
      r.counts.map((count, i) => ({
        municipalityId: ctx.tenantId,
        fiscalYear: CHIGASAKI_FIRST_YEAR + i,
        form: r.form,
        count,
        source: CHIGASAKI_SOURCE,
      })),
    ),
  )
}
