/**
 * Pure rules of the group registry: statuses, visibility of contact fields and documents,
 * the disclosure level (情報開示レベル), the registration conditions and their checklist.
 */
import type { Actor } from '../../core/actor.ts'
import { can } from '../../core/policy.ts'
import type { Visibility } from './schema.ts'

export const STATUSES = [
  'draft',
  'pending',
  'returned',
  'published',
  'inactive',
  'suspended',
  'archived',
  'deleted',
] as const
export type GroupStatus = (typeof STATUSES)[number]

export const STATUS_LABELS: Record<GroupStatus, string> = {
  draft: '下書き',
  pending: '審査待ち',
  returned: '差し戻し',
  published: '公開中',
  inactive: '活動休止（未更新）',
  suspended: '公開停止',
  archived: 'アーカイブ',
  deleted: '削除済み',
}

export const STATUS_TONES: Record<GroupStatus, 'gray' | 'blue' | 'green' | 'orange' | 'red'> = {
  draft: 'gray',
  pending: 'blue',
  returned: 'orange',
  published: 'green',
  inactive: 'gray',
  suspended: 'red',
  archived: 'gray',
  deleted: 'red',
}

/** Only these are shown to visitors (inactive with a notice). */
export const PUBLIC_STATUSES: GroupStatus[] = ['published', 'inactive']
export const isPublicStatus = (s: string) => (PUBLIC_STATUSES as string[]).includes(s)

export const STAGES = [
  { code: 'startup', label: '立ち上げ期' },
  { code: 'growth', label: '成長期' },
  { code: 'stable', label: '安定期' },
  { code: 'transition', label: '転換期' },
] as const

/** Contact fields with a visibility each. The representative's details default to coordinators only. */
export const CONTACT_FIELDS = [
  { key: 'representativeName', label: '代表者名', default: 'coordinator' },
  { key: 'contactName', label: '連絡担当者名', default: 'staff' },
  { key: 'contactEmail', label: '連絡先メールアドレス', default: 'staff' },
  { key: 'contactPhone', label: '連絡先電話番号', default: 'staff' },
  { key: 'postalCode', label: '郵便番号', default: 'staff' },
  { key: 'address', label: '所在地', default: 'staff' },
  { key: 'addressBuilding', label: '所在地（建物名・部屋番号）', default: 'staff' },
] as const satisfies readonly { key: string; label: string; default: Visibility }[]
export type ContactKey = (typeof CONTACT_FIELDS)[number]['key']

export const VISIBILITIES: { code: Visibility; label: string }[] = [
  { code: 'public', label: '一般に公開' },
  { code: 'staff', label: '市の職員のみ' },
  { code: 'coordinator', label: 'コーディネーターのみ' },
]

export const DOCUMENT_KINDS = [
  { code: 'rules', label: '規約・会則・定款' },
  { code: 'officers', label: '役員名簿' },
  { code: 'plan', label: '事業計画・事業報告' },
  { code: 'accounts', label: '収支決算' },
  { code: 'other', label: 'その他' },
] as const

/** What the viewer may see: 'public' (anyone), 'staff' (city staff), 'coordinator'. */
export type ViewLevel = Visibility

export function viewLevelOf(actor: Actor | null): ViewLevel {
  if (can(actor, 'group.viewCoordinatorFields')) return 'coordinator'
  if (can(actor, 'group.viewStaffFields')) return 'staff'
  return 'public'
}

const RANK: Record<Visibility, number> = { public: 0, staff: 1, coordinator: 2 }

export function visibilityOf(
  map: Record<string, Visibility> | null | undefined,
  key: ContactKey,
): Visibility {
  const v = map?.[key]
  if (v === 'public' || v === 'staff' || v === 'coordinator') return v
  return CONTACT_FIELDS.find((f) => f.key === key)!.default
}

/** May a viewer at `level` see a field whose visibility is `v`? */
export const mayView = (level: ViewLevel, v: Visibility) => RANK[level] >= RANK[v]

/** The contact fields a viewer may see (others are absent, not blank). */
export function visibleContacts(
  g: Record<ContactKey, string> & { contactVisibility: Record<string, Visibility> },
  level: ViewLevel,
  isMember = false,
): Partial<Record<ContactKey, string>> {
  const out: Partial<Record<ContactKey, string>> = {}
  for (const f of CONTACT_FIELDS) {
    if (isMember || mayView(level, visibilityOf(g.contactVisibility, f.key))) out[f.key] = g[f.key]
  }
  return out
}

// ---------------------------------------------------------------- disclosure level

export interface DisclosureInput {
  purpose: string
  activities: string
  expertise: string
  trackRecord: string
  wantsToDo: string
  fields: string[]
  areaIds: string[]
  citywide: boolean
  resources: string[]
  foundedYear: number | null
  memberCount: number | null
  website: string
  logoPath: string | null
  contactVisibility: Record<string, Visibility>
  contactEmail: string
  contactPhone: string
  publicDocuments: number
  updatedAt: Date
}

/**
 * 情報開示レベル 0–5 (like CANPAN's stars): one point each for a described purpose and
 * activities, the basic facts, how to take part (expertise, resources, wants), a public way to
 * reach the group, public documents — capped by how recent the profile is.
 */
export function disclosureLevel(g: DisclosureInput, now = new Date()): number {
  let p = 0
  if (g.purpose.length >= 20 && g.activities.length >= 20) p++
  if (g.fields.length && (g.areaIds.length || g.citywide) && g.foundedYear && g.memberCount) p++
  if (
    (g.expertise.length >= 10 ? 1 : 0) + (g.resources.length ? 1 : 0) + (g.wantsToDo.length >= 10 ? 1 : 0) >=
    2
  )
    p++
  const publicContact =
    (g.contactEmail && visibilityOf(g.contactVisibility, 'contactEmail') === 'public') ||
    (g.contactPhone && visibilityOf(g.contactVisibility, 'contactPhone') === 'public') ||
    !!g.website
  if (publicContact) p++
  if (g.publicDocuments > 0 || g.trackRecord.length >= 20) p++
  const ageDays = (now.getTime() - g.updatedAt.getTime()) / 86_400_000
  if (ageDays > 730) p = Math.min(p, 1)
  else if (ageDays > 365) p = Math.min(p, 3)
  return p
}

export const disclosureStars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n)

// ---------------------------------------------------------------- registration conditions

export interface Conditions {
  minMembers: number
  requireRules: boolean
  activeInCity: boolean
  nonPolitical: boolean
  /** Extra text shown with the checklist. */
  note: string
}

export const DEFAULT_CONDITIONS: Conditions = {
  minMembers: 3,
  requireRules: true,
  activeInCity: true,
  nonPolitical: true,
  note: '',
}

export function conditionsOf(settings: Record<string, unknown> | null | undefined): Conditions {
  const c = (settings?.groupConditions ?? {}) as Partial<Conditions>
  return { ...DEFAULT_CONDITIONS, ...c }
}

/** The checklist an applicant confirms (code → text), built from the city's conditions. */
export function checklistOf(c: Conditions): { code: string; label: string }[] {
  const out: { code: string; label: string }[] = []
  if (c.minMembers > 0) out.push({ code: 'members', label: `構成員が${c.minMembers}人以上いる` })
  if (c.requireRules) out.push({ code: 'rules', label: '会則・規約・定款などの決まりがある' })
  if (c.activeInCity)
    out.push({ code: 'city', label: '市内で活動している（または市内で活動する予定がある）' })
  if (c.nonPolitical)
    out.push({
      code: 'nonpolitical',
      label: '政治活動・宗教活動・選挙活動を主な目的としていない',
    })
  return out
}

/** Problems a coordinator sees next to an application (empty when the checklist is met). */
export function conditionProblems(
  c: Conditions,
  g: { memberCount: number | null; checklist: Record<string, boolean> },
  hasRulesDocument: boolean,
): string[] {
  const out: string[] = []
  for (const item of checklistOf(c)) if (!g.checklist[item.code]) out.push(`未確認：${item.label}`)
  if (c.minMembers > 0 && (g.memberCount ?? 0) < c.minMembers)
    out.push(`構成員数が${c.minMembers}人に満たない（${g.memberCount ?? '未記入'}）`)
  if (c.requireRules && !hasRulesDocument) out.push('規約・会則・定款が添付されていない')
  return out
}

/** Transitions a coordinator may make. */
export const REVIEW_TRANSITIONS: Record<string, { from: GroupStatus[]; to: GroupStatus; label: string }> = {
  approve: {
    from: ['pending', 'returned', 'suspended', 'inactive', 'archived'],
    to: 'published',
    label: '承認・公開する',
  },
  return: { from: ['pending'], to: 'returned', label: '差し戻す' },
  suspend: { from: ['published', 'inactive', 'pending'], to: 'suspended', label: '公開を停止する' },
  archive: {
    from: ['published', 'inactive', 'suspended', 'returned', 'draft'],
    to: 'archived',
    label: 'アーカイブする',
  },
}

/** Personal data removed when a group is deleted (history is kept with these blanked). */
export const PERSONAL_KEYS: string[] = [
  ...CONTACT_FIELDS.map((f) => f.key),
  'website',
  'socialLinks',
  'logoPath',
]
