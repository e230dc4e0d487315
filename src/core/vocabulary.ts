/**
 * Shared vocabularies of collaboration, used by groups, needs, offers, matching and projects.
 * Codes are stored; labels are shown. A city may edit the list of fields (settings.fields).
 */

/** The 20 fields of activity of the NPO Act (特定非営利活動促進法 別表). */
export const NPO_FIELDS = [
  { code: 'health_welfare', label: '保健・医療・福祉', full: '保健、医療又は福祉の増進を図る活動' },
  { code: 'social_education', label: '社会教育', full: '社会教育の推進を図る活動' },
  { code: 'community', label: 'まちづくり', full: 'まちづくりの推進を図る活動' },
  { code: 'tourism', label: '観光', full: '観光の振興を図る活動' },
  { code: 'rural', label: '農山漁村・中山間地域', full: '農山漁村又は中山間地域の振興を図る活動' },
  {
    code: 'culture_sports',
    label: '学術・文化・芸術・スポーツ',
    full: '学術、文化、芸術又はスポーツの振興を図る活動',
  },
  { code: 'environment', label: '環境の保全', full: '環境の保全を図る活動' },
  { code: 'disaster', label: '災害救援', full: '災害救援活動' },
  { code: 'safety', label: '地域安全', full: '地域安全活動' },
  { code: 'human_rights', label: '人権の擁護・平和の推進', full: '人権の擁護又は平和の推進を図る活動' },
  { code: 'international', label: '国際協力', full: '国際協力の活動' },
  { code: 'gender_equality', label: '男女共同参画', full: '男女共同参画社会の形成の促進を図る活動' },
  { code: 'children', label: '子どもの健全育成', full: '子どもの健全育成を図る活動' },
  { code: 'information', label: '情報化社会の発展', full: '情報化社会の発展を図る活動' },
  { code: 'science', label: '科学技術の振興', full: '科学技術の振興を図る活動' },
  { code: 'economy', label: '経済活動の活性化', full: '経済活動の活性化を図る活動' },
  {
    code: 'employment',
    label: '職業能力開発・雇用機会',
    full: '職業能力の開発又は雇用機会の拡充を支援する活動',
  },
  { code: 'consumer', label: '消費者の保護', full: '消費者の保護を図る活動' },
  {
    code: 'intermediary',
    label: '団体の運営・活動への支援',
    full: '前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助の活動',
  },
  {
    code: 'ordinance',
    label: '条例で定める活動',
    full: '前各号に掲げる活動に準ずる活動として都道府県又は指定都市の条例で定める活動',
  },
] as const

export type FieldCode = (typeof NPO_FIELDS)[number]['code']

/** A city's list of fields: its own (settings.fields) or the NPO Act's 20. */
export function fieldsOf(
  settings: Record<string, unknown> | null | undefined,
): { code: string; label: string }[] {
  const own = settings?.fields
  if (Array.isArray(own) && own.length) return own as { code: string; label: string }[]
  return NPO_FIELDS.map((f) => ({ code: f.code, label: f.label }))
}

/** Kinds of actor (協働の主体). */
export const ACTOR_KINDS = [
  { code: 'community_org', label: '地域組織（自治会・町内会など）' },
  { code: 'civic', label: '市民活動団体（NPO・ボランティア団体など）' },
  { code: 'business', label: '事業者' },
  { code: 'education', label: '大学・教育機関' },
  { code: 'other', label: 'その他' },
] as const

/** Legal forms (法人格). */
export const LEGAL_FORMS = [
  { code: 'npo', label: 'NPO法人' },
  { code: 'certified_npo', label: '認定NPO法人' },
  { code: 'general_association', label: '一般社団法人' },
  { code: 'general_foundation', label: '一般財団法人' },
  { code: 'public_interest', label: '公益社団法人・公益財団法人' },
  { code: 'voluntary', label: '任意団体' },
  { code: 'volunteer', label: 'ボランティア団体' },
  { code: 'neighbourhood', label: '自治会・町内会' },
  { code: 'company', label: '株式会社・合同会社など' },
  { code: 'cooperative', label: '協同組合' },
  { code: 'school', label: '学校法人・大学' },
  { code: 'social_welfare', label: '社会福祉法人' },
  { code: 'other', label: 'その他' },
] as const

/** Resources a group can bring (団体が提供できる資源). */
export const RESOURCES = [
  { code: 'people', label: '人手' },
  { code: 'network', label: 'ネットワーク' },
  { code: 'place', label: '場所' },
  { code: 'equipment', label: '機材' },
  { code: 'expertise', label: '専門知識' },
  { code: 'funds', label: '資金' },
  { code: 'information', label: '情報' },
] as const

/** Forms of collaboration (協働の形態, Ama rulebook). */
export const COLLAB_FORMS = [
  { code: 'commission', label: '委託' },
  { code: 'co_host', label: '共催' },
  { code: 'support', label: '後援' },
  { code: 'executive_committee', label: '実行委員会' },
  { code: 'cooperation', label: '事業協力' },
  { code: 'subsidy', label: '補助・助成' },
  { code: 'designated_manager', label: '指定管理者' },
  { code: 'planning', label: '企画立案への参画' },
  { code: 'information_exchange', label: '情報提供・情報交換' },
  { code: 'sponsorship', label: '協賛' },
] as const

export type CollabFormCode = (typeof COLLAB_FORMS)[number]['code']

export const labelOf = (list: readonly { code: string; label: string }[], code: string) =>
  list.find((x) => x.code === code)?.label ?? code
