import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

/** Who may see a contact field: anyone, city staff (and coordinators), or coordinators only. */
export type Visibility = 'public' | 'staff' | 'coordinator'

/** A citizen group (市民活動団体等) in the registry. */
export const groups = pgTable(
  'groups',
  {
    id: id(),
    municipalityId: tenant(),
    name: text('name').notNull(),
    /** Furigana in katakana (hiragana input is converted). */
    nameKana: text('name_kana').notNull().default(''),
    /** 地域組織 | 市民活動団体 | 事業者 | 大学・教育機関 | その他 (codes in domain.ts) */
    actorKind: text('actor_kind').notNull(),
    /** NPO法人, 認定NPO法人, 一般社団法人, 任意団体 ... (codes in domain.ts) */
    legalForm: text('legal_form').notNull(),
    /** Codes of the fields of activity (default: the 20 fields of the NPO Act). */
    fields: text('fields').array().notNull().default([]),
    areaIds: uuid('area_ids').array().notNull().default([]),
    citywide: boolean('citywide').notNull().default(false),
    purpose: text('purpose').notNull().default(''),
    activities: text('activities').notNull().default(''),
    expertise: text('expertise').notNull().default(''),
    /** 人手 | ネットワーク | 場所 | 機材 | 資金 | 情報 */
    resources: text('resources').array().notNull().default([]),
    resourcesNote: text('resources_note').notNull().default(''),
    trackRecord: text('track_record').notNull().default(''),
    /** 協働したいこと */
    wantsToDo: text('wants_to_do').notNull().default(''),
    wantsCollaboration: boolean('wants_collaboration').notNull().default(false),
    foundedYear: integer('founded_year'),
    memberCount: integer('member_count'),
    /** 立ち上げ期 | 成長期 | 安定期 | 転換期 */
    stage: text('stage').notNull().default(''),
    website: text('website').notNull().default(''),
    socialLinks: jsonb('social_links').$type<string[]>().notNull().default([]),
    logoPath: text('logo_path'),
    /** Contact details with a visibility each. Purpose: let the city and partners reach the group. */
    representativeName: text('representative_name').notNull().default(''),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    postalCode: text('postal_code').notNull().default(''),
    address: text('address').notNull().default(''),
    addressBuilding: text('address_building').notNull().default(''),
    contactVisibility: jsonb('contact_visibility').$type<Record<string, Visibility>>().notNull().default({}),
    /** draft | pending | returned | published | inactive | suspended | archived | deleted */
    status: text('status').notNull().default('draft'),
    reviewComment: text('review_comment').notNull().default(''),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by'),
    /** Fiscal year for which the registration was last renewed. */
    renewedFiscalYear: integer('renewed_fiscal_year'),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    /** Normalised text (NFKC, lower case, katakana) for pg_trgm search. */
    searchText: text('search_text').notNull().default(''),
    /** 情報開示レベル 0–5, computed from completeness and recency. */
    disclosureLevel: integer('disclosure_level').notNull().default(0),
    /** Normalised name and furigana (NFKC, lower case, katakana) for fuzzy name matching. */
    nameNorm: text('name_norm').notNull().default(''),
    /** Distinct two-character grams of searchText: serves 2-character keywords (which trigram LIKE cannot index). */
    searchBigrams: text('search_bigrams').array().notNull().default([]),
    /** The applicant's answers to the city's registration conditions (condition code → true). */
    checklist: jsonb('checklist').$type<Record<string, boolean>>().notNull().default({}),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Fiscal year for which the renewal reminder was last sent. */
    remindedFiscalYear: integer('reminded_fiscal_year'),
    /** The group asked to be deleted (personal data is removed when a coordinator carries it out). */
    deletionRequestedAt: timestamp('deletion_requested_at', { withTimezone: true }),
    /** Where the group came from: 'form' | 'import' | 'demo'. */
    source: text('source').notNull().default('form'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('groups_status_idx').on(t.municipalityId, t.status),
    index('groups_fields_idx').using('gin', t.fields),
    index('groups_areas_idx').using('gin', t.areaIds),
    index('groups_search_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    index('groups_name_trgm_idx').using('gin', t.nameNorm.op('gin_trgm_ops')),
    index('groups_bigrams_idx').using('gin', t.searchBigrams),
    index('groups_kana_idx').on(t.municipalityId, t.nameKana),
  ],
)

/** Members of a group who may edit it: 'owner' or 'editor'. */
export const groupMembers = pgTable(
  'group_members',
  {
    id: id(),
    municipalityId: tenant(),
    groupId: uuid('group_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull().default('editor'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('group_members_uq').on(t.groupId, t.userId),
    index('group_members_user_idx').on(t.userId),
  ],
)

/** Documents a city asks for at registration (規約・会則・定款, 役員名簿, 事業計画・報告, 収支決算). Never public unless marked. */
export const groupDocuments = pgTable(
  'group_documents',
  {
    id: id(),
    municipalityId: tenant(),
    groupId: uuid('group_id').notNull(),
    /** rules | officers | plan | accounts | other */
    kind: text('kind').notNull(),
    title: text('title').notNull().default(''),
    /** Key in the storage (src/core/storage.ts). */
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    isPublic: boolean('is_public').notNull().default(false),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('group_documents_group_idx').on(t.municipalityId, t.groupId)],
)

/** Who changed what in a group's profile, and when (browsable by coordinators). */
export const groupRevisions = pgTable(
  'group_revisions',
  {
    id: id(),
    municipalityId: tenant(),
    groupId: uuid('group_id').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull().default(''),
    /** group.create | group.update | group.submit | group.approve | group.return | ... */
    action: text('action').notNull(),
    /** { field: [before, after] }; personal contact values are kept only until the group is deleted. */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull().default({}),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('group_revisions_group_idx').on(t.municipalityId, t.groupId, t.createdAt)],
)

/** Registration renewed for a fiscal year (年度更新). Also the basis of the yearly statistics. */
export const groupRenewals = pgTable(
  'group_renewals',
  {
    id: id(),
    municipalityId: tenant(),
    groupId: uuid('group_id').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    renewedBy: uuid('renewed_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('group_renewals_uq').on(t.groupId, t.fiscalYear),
    index('group_renewals_fy_idx').on(t.municipalityId, t.fiscalYear),
  ],
)
