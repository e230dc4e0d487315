import iconv from 'iconv-lite'

/**
 * A prefecture-style list of NPO法人, as cities receive it (test fixture generator): CP932, a
 * title row and a blank row above the header, columns 団体名, 法人格, 活動分野 (short forms
 * separated by 、), 住所, 有給職員数, メールアドレス, a trailing empty column, no フリガナ.
 * `broken` rows each have exactly one problem; `fieldCounts` is how many good rows name each field.
 */

/** Short forms as prefectures publish them, with the NPO Act code each stands for. */
export const SHORT_FORMS: [string, string][] = [
  ['保健・医療・福祉', 'health_welfare'],
  ['社会教育', 'social_education'],
  ['まちづくり', 'community'],
  ['観光', 'tourism'],
  ['農山漁村・中山間地域', 'rural'],
  ['学術・文化・芸術・スポーツ', 'culture_sports'],
  ['環境の保全', 'environment'],
  ['災害救援', 'disaster'],
  ['地域安全', 'safety'],
  ['人権・平和', 'human_rights'],
  ['国際協力', 'international'],
  ['男女共同参画', 'gender_equality'],
  ['子どもの健全育成', 'children'],
  ['情報化社会', 'information'],
  ['科学技術', 'science'],
  ['経済活動の活性化', 'economy'],
  ['職業能力・雇用機会', 'employment'],
  ['消費者保護', 'consumer'],
  ['連絡・助言・援助', 'intermediary'],
  ['条例で定める活動', 'ordinance'],
]

const PLACES = ['みどり', 'ひかり', '青空', '桜', '川辺', '森', '星', '海', '虹', '風', '花', '山']
const KINDS = ['の会', 'ネットワーク', 'サポートセンター', '協議会', 'クラブ', 'プロジェクト']
const LEGAL = ['特定非営利活動法人', 'NPO法人', '認定NPO法人']

export interface NpoFixture {
  bytes: Buffer
  text: string
  good: number
  /** Excel row number and column of each broken row. */
  broken: { row: number; column: string }[]
  fieldCounts: Record<string, number>
  /** Excel row number of the header. */
  headerLine: number
}

export function npoFixture(n = 600, seed = 1, prefix = ''): NpoFixture {
  let s = seed
  const rnd = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648
    return Math.floor(s / 65536) % k
  }
  const lines: string[][] = [
    ['特定非営利活動法人一覧（令和8年3月31日現在）'],
    [],
    ['団体名', '法人格', '活動分野', '住所', '有給職員数', 'メールアドレス', ''],
  ]
  const headerLine = 3
  const fieldCounts: Record<string, number> = {}
  const broken: { row: number; column: string }[] = []
  const brokenAt = new Map([
    [Math.floor(n / 4), 'メールアドレス'],
    [Math.floor(n / 2), '有給職員数'],
    [Math.floor((3 * n) / 4), '団体名'],
  ])
  let made = 0
  for (let i = 0; made < n + brokenAt.size; i++) {
    const legal = LEGAL[rnd(LEGAL.length)]
    const name = `${prefix}${PLACES[i % PLACES.length]}${KINDS[Math.floor(i / PLACES.length) % KINDS.length]}第${i + 1}`
    const picks = new Set<number>()
    const k = 1 + rnd(3)
    while (picks.size < k) picks.add(rnd(SHORT_FORMS.length))
    const fields = [...picks].map((p) => SHORT_FORMS[p])
    const row = [
      `${legal}${name}`,
      legal.replace('認定NPO法人', '認定特定非営利活動法人').replace('NPO法人', '特定非営利活動法人'),
      fields.map((f) => f[0]).join('、'),
      `東京都武蔵野市吉祥寺本町${1 + rnd(4)}-${1 + rnd(30)}-${1 + rnd(20)}`,
      String(rnd(12)),
      `npo${prefix ? `${seed}-` : ''}${i + 1}@example.jp`,
      '',
    ]
    const brokenColumn = brokenAt.get(made)
    const excelRow = headerLine + 1 + made
    if (brokenColumn) {
      if (brokenColumn === 'メールアドレス') row[5] = 'npo-at-example.jp'
      if (brokenColumn === '有給職員数') row[4] = '数名'
      if (brokenColumn === '団体名') row[0] = ''
      broken.push({ row: excelRow, column: brokenColumn })
    } else for (const f of fields) fieldCounts[f[1]] = (fieldCounts[f[1]] ?? 0) + 1
    lines.push(row)
    made++
  }
  const q = (x: string) => (/[",\r\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x)
  const text = `${lines.map((r) => r.map(q).join(',')).join('\r\n')}\r\n`
  return { bytes: iconv.encode(text, 'cp932'), text, good: n, broken, fieldCounts, headerLine }
}
