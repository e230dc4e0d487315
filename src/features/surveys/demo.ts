import type { DemoEnv } from '../../core/demo.ts'
import { fiscalYearOf } from '../../core/japanese/index.ts'
import { musashinoQuestionnaire } from './musashino.ts'
import { MUSASHINO_FIXTURE_NOTES, musashinoFixture } from './musashino-fixture.ts'
import { surveyResponses, surveys } from './schema.ts'
import { createSurvey, defaultTitle, getSurvey, openSurvey } from './service.ts'

export const MUSASHINO_SURVEY_TITLE = '武蔵野市における協働事業等に関する実態把握調査（平成23年度）'

/** The seed's own summaries, shortened, as the coordinator would have written them. */
const SUMMARIES: Record<string, string> = {
  projects:
    '平成22年度の協働事業122事業を対象とした。課別では生涯学習スポーツ課が17事業と最も多い。協働の形態別では委託が41.0％と他を圧倒して多く、次いで補助・助成（26.2％）となっている。成果については「成果が上がっている」が71.3％で、「成果は上がっていない」事業はない。',
  future:
    '協働を進めることによるメリットでは「行政だけでは実施できない様々なサービス等の提供が可能となる」が68.0％で最も高い。不安や課題では「市との役割分担や責任所在が不明確となる不安」と「団体の事業継続性に対する不安」がともに48.0％で最も高い。',
  intent: '現在協働を実施していない課では、「協働に馴染む事業が思い当たらない」が77.3％と他を圧倒して多い。',
  improve:
    '市民団体等に改善を求める内容では「人材の育成」が最も多く、協働の実績がある課では72.0％に達する。行政として取り組む必要があることでは「職員の協働に対する意識の啓発および向上」が28.3％と高い。',
}

/** 主な意見 as the seed's report lists them (図表9, 11, 13, 18, 21, 24, 25). */
const OPINIONS: Record<string, { group: string; text: string }[]> = {
  criteria: [
    { group: '', text: '当該事業に関する要綱等による規定' },
    { group: '', text: '事業目的にあった専門知識を有していること' },
  ],
  'opinions:merit': [
    { group: '行政だけでは提供できないサービスの提供', text: '特殊な技術を有するサービスを提供可能' },
    { group: '地域密着型のサービスの提供や地域情報の把握', text: '地域の実情に即したイベントの開催' },
    { group: '地域の自立等の促進', text: '地域が行政に頼りすぎずに共助が進む' },
  ],
  'opinions:worry': [
    {
      group: '市との役割分担や責任所在が不明確となる不安',
      text: '事務局機能がない場合、事実上市が事務を担う部分が生じる。',
    },
    { group: '団体の事業継続性に対する不安', text: '代表者がかわると継続できない可能性がある。' },
    { group: '団体との意思疎通が十分に行えない', text: '市の業務が多忙でコミュニケーションを図れない' },
  ],
  'opinions:intent_no': [
    { group: '協働に馴染む事業が思い当たらない', text: '事務分掌上、市民と協働で行うような事業が存在しない' },
    {
      group: '制度上の問題がある',
      text: 'セキュリティや管理責任の明確化が必要であるため、協働とすることがむずかしい。',
    },
  ],
  'opinions:request': [
    { group: '人材の育成', text: '団体の構成者が高齢化しており、若い人材の育成が必要。' },
    {
      group: '各種団体間とのネットワークの形成',
      text: '行政との連携だけでなく、団体同士の連携の強化も必要。',
    },
  ],
  'opinions:admin': [
    {
      group: '行政と市民団体相互の理解の促進のための意見交換の場の設置',
      text: '市民団体と行政が意見交換する場が少ない。',
    },
    {
      group: '職員の協働に対する意識の啓発および向上',
      text: '協働の重要性の認識は進んでいるが、取り組みが進んでおらず、意識啓発が必要',
    },
  ],
  free: [{ group: '様々な情報の共有', text: '協働の成功事例と反省すべき事例の情報共有。' }],
}

/**
 * The demo's surveys (order 65, after projects and proposals): Musashino's 平成23年度 survey about
 * 平成22年度 as the fixture reproduces it (closed, published, with the seed's summaries and 主な意見),
 * and last fiscal year's survey of the demo city opened from its project records.
 */
export async function surveysDemo(env: DemoEnv) {
  const { ctx } = env
  const [s] = await ctx.db
    .insert(surveys)
    .values({
      municipalityId: ctx.tenantId,
      fiscalYear: 2010,
      title: MUSASHINO_SURVEY_TITLE,
      status: 'closed',
      questionnaire: musashinoQuestionnaire(),
      dueOn: '2011-08-19',
      openedAt: new Date('2011-07-25T09:00:00+09:00'),
      closedAt: new Date('2011-08-19T17:00:00+09:00'),
      publishedAt: new Date('2012-03-30T09:00:00+09:00'),
      summaries: SUMMARIES,
      opinions: OPINIONS,
      notes: MUSASHINO_FIXTURE_NOTES,
    })
    .returning()
  const rows = musashinoFixture().map((r) => {
    const departmentId = env.departments.get(r.departmentName)
    if (!departmentId) throw new Error(`surveys demo: no department ${r.departmentName}`)
    return {
      municipalityId: ctx.tenantId,
      surveyId: s.id,
      departmentId,
      departmentName: r.departmentName,
      attribute: r.attribute,
      status: 'submitted',
      answers: r.answers,
      version: 1,
      submittedAt: new Date('2011-08-10T10:00:00+09:00'),
    }
  })
  await ctx.db.insert(surveyResponses).values(rows)
  // last fiscal year's survey, opened from the records: departments find it prefilled
  const fy = fiscalYearOf() - 1
  const current = await createSurvey(ctx, {
    fiscalYear: fy,
    title: defaultTitle(fy),
    dueOn: null,
    template: 'musashino',
  })
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
  await openSurvey(ctx, (await getSurvey(ctx, current.id))!, due)
}
