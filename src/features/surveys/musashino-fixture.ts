/**
 * The Musashino fixture: answers of 53 departments (属性① 19課, ② 5課, ③ 1課, ④ 28課) about 122
 * projects, built from the counts in the seed's report (seed 004) so that the generated report's
 * 図表2–8, 10, 12, 14, 15, 17 (and 19, 20, 22, 23) show the seed's percentages. Each count below is
 * the seed's percentage times its n; how answers are spread over projects and departments (which
 * project of which department has which form) is not in the seed and is spread evenly here; only
 * the cross-tabulations the seed publishes (実施体制 × 形態, 改善要望 × 実績) are kept together.
 * The demo city carries it as its 平成23年度 survey (about 平成22年度).
 */
import type { Answers, ProjectAnswer, Value } from './questionnaire.ts'
import type { ReportInput } from './report.ts'

export const MUSASHINO_FIXTURE_NOTES = [
  '武蔵野市「協働事業等に関する実態把握調査結果」（平成23年度、平成22年度の協働事業が対象）の図表から、件数を復元した回答です。',
  '図表15：本文は「今後実施したいと考えている課は 13.8％（3課）」「回答のあった 27 課」としていますが、図表の 10.3％・75.9％・6.9％ は n=29（3・22・2課、無回答2課）の値です。ここでは図表を再現し、実施意向は属性③（再開意向）と属性④の29課に尋ねたものとしています。',
  '図表8：別表では「協働事業の成果」は属性①②のみの設問ですが、図表8は n=122（属性③の1事業を含む）で集計されているため、属性①〜③のすべての事業に尋ねています。',
  '図表19：無回答が 28.3％ とされていますが、同じ設問の図表20 では全体の無回答が 30.2％（有り 8.0％・無し 50.0％ = 16課）です。ここでは図表20 の内訳を再現するため、図表19 の無回答は 30.2％ になります。',
  '図表16：回答数の合計（7）と n=4 の関係は元の報告書から読み取れないため、再現の対象外です。',
  '図表3 の棒の数値の並びは凡例の順と一致していないため、図表7 の形態別 n（委託50・共催14・後援4・実行委員会4・事業協力13・補助32・企画1・情報3・協賛1）を正としています。',
].join('\n')

/** 図表2: projects per department, and the attributes of 図表1. */
const DEPARTMENTS: [name: string, attribute: number, projects: number][] = [
  ['生涯学習スポーツ課', 1, 17],
  ['障害者福祉課', 1, 14],
  ['児童青少年課', 1, 10],
  ['緑化環境センター', 1, 9],
  ['クリーンセンター', 2, 8],
  ['高齢者支援課', 1, 8],
  ['安全対策課', 1, 6],
  ['環境政策課', 1, 6],
  ['市民協働推進課', 1, 6],
  ['保育課', 1, 6],
  ['子ども家庭課', 1, 4],
  ['住宅対策課', 2, 4],
  ['図書館', 1, 4],
  ['ごみ総合対策課', 1, 3],
  ['まちづくり推進課', 1, 3],
  ['防災課', 1, 3],
  ['教育支援課', 2, 2],
  ['武蔵境開発事務所', 1, 2],
  ['企画調整課', 2, 1],
  ['議会事務局', 2, 1],
  ['教育企画課', 3, 1],
  ['広報課', 1, 1],
  ['生活経済課', 1, 1],
  ['道路課', 1, 1],
  ['武蔵野プレイス開設準備室', 1, 1],
  ...(
    [
      '秘書課',
      '総務課',
      '自治法務課',
      '人事課',
      '情報管理課',
      '財政課',
      '管財課',
      '施設課',
      '市民税課',
      '資産税課',
      '納税課',
      '交流事業課',
      '保険課',
      '市民課',
      '市政センター',
      '用地課',
      '会計課',
      '水道部総務課',
      '水道部工務課',
      '選挙管理委員会事務局',
      '監査委員事務局',
      '指導課',
      '下水道課',
      '建築指導課',
      '交通対策課',
      '吉祥寺まちづくり事務所',
      '健康課',
      '生活福祉課',
    ] as const
  ).map((name): [string, number, number] => [name, 4, 0]),
]

/** 図表7: per form, its n and the counts of 市が発案 / 団体が発案 / やりとり / その他 / 無回答. */
const SETUP_BY_FORM: [form: string, n: number, counts: number[]][] = [
  ['commission', 50, [23, 11, 10, 10, 1]],
  ['co_host', 14, [2, 3, 10, 0, 0]],
  ['support', 4, [0, 4, 0, 0, 0]],
  ['executive_committee', 4, [2, 2, 0, 1, 0]],
  ['cooperation', 13, [5, 6, 3, 1, 0]],
  ['subsidy', 32, [6, 20, 4, 6, 0]],
  ['planning', 1, [0, 1, 0, 0, 0]],
  ['information_exchange', 3, [1, 1, 1, 0, 0]],
  ['sponsorship', 1, [0, 1, 0, 0, 0]],
]
const SETUP_CODES = ['city', 'group', 'together', 'other']

/**
 * Spreads choice counts over `m` answering units: each choice takes the next `count` units in
 * turn, so no unit gets a choice twice and every unit gets one when the counts add up to m or more.
 */
function spread(m: number, counts: number[], codes: string[]): string[][] {
  const out: string[][] = Array.from({ length: m }, () => [])
  let at = 0
  counts.forEach((count, j) => {
    if (count > m) throw new Error(`spread: ${count} > ${m}`)
    for (let k = 0; k < count; k++) {
      out[at % m].push(codes[j])
      at++
    }
  })
  if (out.some((x) => x.length === 0)) throw new Error('spread: a unit without an answer')
  for (const x of out) x.sort((a, b) => codes.indexOf(a) - codes.indexOf(b))
  return out
}

/** A single-choice list: `counts[j]` units answer `codes[j]`, the rest (if any) are left empty. */
function singles(total: number, counts: number[], codes: string[]): (string | null)[] {
  const out: (string | null)[] = []
  counts.forEach((count, j) => {
    for (let k = 0; k < count; k++) out.push(codes[j])
  })
  while (out.length < total) out.push(null)
  return out
}

/** Multiple answers for `total` units, `none` of them left empty (the last ones). */
function multiples(total: number, none: number, counts: number[], codes: string[]): (string[] | null)[] {
  return [...spread(total - none, counts, codes), ...Array.from({ length: none }, () => null)]
}

/** A fixed interleaving so a department's projects do not all share one form (deterministic). */
function interleave<T>(xs: T[], step: number): T[] {
  const out: T[] = []
  const used = new Set<number>()
  let i = 0
  while (out.length < xs.length) {
    while (used.has(i)) i = (i + 1) % xs.length
    out.push(xs[i])
    used.add(i)
    i = (i + step) % xs.length
  }
  return out
}

const SAMPLE_TEXT: Record<string, [department: string, text: string][]> = {
  merit_text: [
    ['障害者福祉課', '特殊な技術を有するサービスを提供可能'],
    [
      '生涯学習スポーツ課',
      '行政にはない発想や方法、行政にない知識や経験、人脈を活用した企画立案、事業展開が実施できる',
    ],
    ['安全対策課', '地域の実情に即したイベントの開催'],
    ['防災課', '地域が行政に頼りすぎずに共助が進む'],
  ],
  worry_text: [
    ['児童青少年課', '事務局機能がない場合、事実上市が事務を担う部分が生じる。'],
    ['高齢者支援課', '代表者がかわると継続できない可能性がある。'],
    ['緑化環境センター', '市の業務が多忙でコミュニケーションを図れない'],
  ],
  continue_no: [['生活経済課', '活動場所の他用途への転用により活動場所が無くなったため。']],
  criteria_text: [
    ['市民協働推進課', '当該事業に関する要綱等による規定'],
    ['保育課', '事業目的にあった専門知識を有していること'],
  ],
  intent_no_text: [
    ['総務課', '事務分掌上、市民と協働で行うような事業が存在しない'],
    ['情報管理課', 'セキュリティや管理責任の明確化が必要であるため、協働とすることがむずかしい。'],
  ],
  request_text: [
    ['生涯学習スポーツ課', '団体の構成者が高齢化しており、若い人材の育成が必要。'],
    ['ごみ総合対策課', '行政との連携だけでなく、団体同士の連携の強化も必要。'],
  ],
  admin_text: [
    ['市民協働推進課', '市民団体と行政が意見交換する場が少ない。'],
    ['人事課', '協働の重要性の認識は進んでいるが、取り組みが進んでおらず、意識啓発が必要'],
  ],
  free: [['市民協働推進課', '協働の成功事例と反省すべき事例の情報共有。']],
}

/** The 53 departments' answers. */
export function musashinoFixture(): ReportInput[] {
  // ---- 122 project rows: form, and the 実施体制 of 図表7 that goes with it
  const rows: Record<string, Value>[] = []
  for (const [form, n, counts] of SETUP_BY_FORM)
    for (const setup of multiples(n, counts[4], counts.slice(0, 4), SETUP_CODES)) rows.push({ form, setup })
  const projectRows = interleave(rows, 37)
  const P = projectRows.length // 122
  // 図表4, 5, 8 over the 122 rows (independent of the form)
  const partnerTypes = singles(P, [43, 79], ['npo', 'other_org'])
  const reasons = multiples(
    P,
    2,
    [65, 37, 24, 17, 25],
    ['effective', 'not_direct', 'brought_in', 'plan', 'other'],
  )
  const outcomes = singles(P, [87, 0, 32], ['yes', 'no', 'neither'])
  for (const [i, r] of projectRows.entries()) {
    r.partner_type = partnerTypes[i]
    r.reason = reasons[i]
    r.outcome = outcomes[i]
    if (reasons[i]?.includes('other'))
      r.reason__other =
        i % 2 ? '事業実施要綱に基づいて実施している' : '当該事業を実施できる団体が限定されていた'
  }

  // ---- department answers
  const dept = new Map<string, Record<string, Value>>(DEPARTMENTS.map(([name]) => [name, {}]))
  const set = (names: string[], key: string, values: Value[]) => {
    for (const [k, name] of names.entries())
      (dept.get(name) as Record<string, Value>)[key] = values[k] ?? null
  }
  const exp = DEPARTMENTS.filter((d) => d[1] <= 3).map((d) => d[0]) // 25
  const cont = DEPARTMENTS.filter((d) => d[1] <= 2).map((d) => d[0]) // 24
  const never = DEPARTMENTS.filter((d) => d[1] === 4).map((d) => d[0]) // 28
  const intentAsked = [...DEPARTMENTS.filter((d) => d[1] === 3).map((d) => d[0]), ...never] // 29
  // 図表9 (7課 by 要綱), 10, 12
  set(exp, 'criteria', singles(25, [7, 15, 3], ['rule', 'own', 'none']))
  set(exp, 'merit', multiples(25, 0, [17, 15, 11, 5], ['services', 'needs', 'new', 'other']))
  set(exp, 'worry', [
    ['nothing'],
    ['nothing'],
    ['nothing'],
    ...spread(
      22,
      [12, 12, 9, 7, 4, 4],
      ['role', 'continuity', 'capacity', 'budget', 'communication', 'other'],
    ),
  ])
  // 図表14: 継続したい 20, 必要性はない 1, わからない 2, 無回答 1 (生活経済課 says why it stops)
  const contOrder = [...cont.filter((d) => d !== '生活経済課'), '生活経済課']
  set(contOrder, 'continue', [...singles(23, [20, 0, 2], ['yes', 'no', 'unknown']), 'no'])
  // 図表15 (n=29) and 17 (n=22)
  const intents = singles(29, [3, 22, 2], ['yes', 'no', 'unknown'])
  set(intentAsked, 'intent', intents)
  const saidNo = intentAsked.filter((_, i) => intents[i] === 'no')
  set(
    saidNo,
    'intent_no',
    multiples(
      22,
      1,
      [17, 2, 2, 2, 1, 0, 5],
      ['no_fit', 'no_need', 'system', 'info', 'capacity', 'staff', 'other'],
    ),
  )
  const saidYes = intentAsked.filter((_, i) => intents[i] === 'yes')
  set(saidYes, 'intent_forms', [
    ['information_exchange', 'commission', 'subsidy'],
    ['information_exchange', 'co_host', 'support'],
    ['cooperation'],
  ])
  // 図表20 and 23: by experience (有り 25, 無し 28)
  const req = ['people', 'management', 'planning', 'knowhow', 'network', 'other']
  set(exp, 'request', multiples(25, 2, [18, 10, 9, 7, 8, 5], req))
  set(never, 'request', multiples(28, 14, [2, 7, 1, 3, 2, 3], req))
  const adm = [
    'awareness',
    'nurture',
    'coordination',
    'forum',
    'rules',
    'expertise',
    'transfer',
    'network',
    'other',
  ]
  set(exp, 'admin', multiples(25, 6, [7, 11, 8, 6, 7, 4, 4, 4, 6], adm))
  set(never, 'admin', multiples(28, 18, [8, 3, 3, 4, 2, 2, 1, 1, 3], adm))
  for (const [key, list] of Object.entries(SAMPLE_TEXT))
    for (const [name, text] of list) (dept.get(name) as Record<string, Value>)[key] = text

  // ---- assemble: projects go to departments in 図表2 order
  let next = 0
  return DEPARTMENTS.map(([name, attribute, count]) => {
    const values = dept.get(name) as Record<string, Value>
    values.department = name
    values.respondent = `${name} 協働担当`
    const projects: ProjectAnswer[] = Array.from({ length: count }, (_, k) => {
      const v = projectRows[next++]
      return {
        id: `m${String(next).padStart(3, '0')}`,
        projectId: null,
        values: { ...v, title: `${name}の協働事業${k + 1}`, partner: '', content: '' },
      }
    })
    const answers: Answers = { dept: values, projects }
    return { departmentName: name, attribute, answers }
  })
}
