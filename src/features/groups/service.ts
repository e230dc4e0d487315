/**
 * Use cases of the group registry. Every function takes a Ctx, scopes by ctx.tenantId,
 * and records each write in the audit log (contact values redacted there) and in the
 * group's own history (group_revisions, anonymised when the group is deleted).
 */
import { citiesChanged } from '../../core/db/cities.ts'
import { asc, desc, eq, getTableColumns, inArray, ne, sql } from 'drizzle-orm'
import { groupRolesOf } from './membership.ts'
import { audit, diff } from '../../core/audit/index.ts'
import { createInvitation } from '../../core/auth/service.ts'
import { users } from '../../core/auth/schema.ts'
import type { Ctx } from '../../core/context.ts'
import { municipalities } from '../../core/db/schema.ts'
import { idSet, inListOrder, setLinks } from '../../core/db/links.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { org } from '../organisation/index.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { fiscalYearOf } from '../../core/japanese/index.ts'
import { sendMail } from '../../core/mail/index.ts'
import { can } from '../../core/policy.ts'
import { DOCUMENT_RULE, deleteFile, getFile, IMAGE_RULE, putFile } from '../../core/storage.ts'
import { fieldsOf } from '../../core/vocabulary.ts'
import {
  CONTACT_FIELDS,
  type Conditions,
  conditionProblems,
  conditionsOf,
  checklistOf,
  disclosureLevel,
  isPublicStatus,
  mayView,
  PERSONAL_KEYS,
  REVIEW_TRANSITIONS,
  type ViewLevel,
  viewLevelOf,
  visibleContacts,
} from './domain.ts'
import type { GroupInput } from './forms.ts'
import { groupAreaIds, groupAreaLinks } from './queries.ts'
import { groupDocuments, groupMembers, groupRenewals, groupRevisions, groups } from './schema.ts'
import { buildNameNorm, buildSearchText, searchColumns } from './search.ts'

/** A group row with its areas of activity (from group_areas). */
export type Group = typeof groups.$inferSelect & { areaIds: string[] }
/** Every column of groups and `areaIds`: what every read of a whole group selects. */
export const groupColumns = { ...getTableColumns(groups), areaIds: groupAreaIds() }
export type GroupDocument = typeof groupDocuments.$inferSelect

export const fieldLabelMap = (ctx: Ctx) =>
  new Map(fieldsOf(ctx.municipality.settings).map((f) => [f.code, f.label]))

export async function listAreas(ctx: Ctx) {
  return (await org.listAreas(ctx)).map((a) => ({ id: a.id, name: a.name, nameKana: a.nameKana }))
}

export async function getGroup(ctx: Ctx, id: string): Promise<Group | null> {
  const [g] = await ctx.db
    .select(groupColumns)
    .from(groups)
    .where(byId(ctx, groups, id))
  return g ?? null
}

export const isMember = (ctx: Ctx, groupId: string) => !!groupRolesOf(ctx.actor)[groupId]

/** May the actor see this group at all? Visitors see published/inactive; members and coordinators see their own/all. */
export function maySee(ctx: Ctx, g: Group): boolean {
  if (g.status === 'deleted') return can(ctx.actor, 'group.review')
  if (isPublicStatus(g.status)) return true
  return isMember(ctx, g.id) || can(ctx.actor, 'group.review')
}

/** The group or 404 (also when the actor may not see it: its existence is not revealed). */
export async function requireVisibleGroup(ctx: Ctx, id: string): Promise<Group> {
  const g = await getGroup(ctx, id)
  if (!g || !maySee(ctx, g)) throw notFound('団体')
  return g
}

async function documentsOf(ctx: Ctx, groupId: string) {
  return ctx.db
    .select()
    .from(groupDocuments)
    .where(inCity(ctx, groupDocuments, eq(groupDocuments.groupId, groupId)))
    .orderBy(asc(groupDocuments.createdAt))
}

/** Documents a viewer may see: public ones, or all for members, staff and coordinators. */
export function mayViewDocument(ctx: Ctx, d: Pick<GroupDocument, 'isPublic' | 'groupId'>) {
  return d.isPublic || isMember(ctx, d.groupId) || can(ctx.actor, 'group.viewStaffFields')
}

/**
 * The profile as the viewer may see it. The one place contact visibility is applied: pages,
 * JSON, CSV and open data all go through this.
 */
export function profileView(
  g: Group,
  level: ViewLevel,
  opts: { member?: boolean; areaNames?: Map<string, string>; documents?: GroupDocument[] } = {},
) {
  const contacts = visibleContacts(g as any, level, opts.member)
  return {
    id: g.id,
    name: g.name,
    nameKana: g.nameKana,
    actorKind: g.actorKind,
    legalForm: g.legalForm,
    fields: g.fields,
    // the areas in the city's order (the join table keeps a set)
    areaIds: inListOrder(g.areaIds, opts.areaNames?.keys() ?? []),
    areaNames: inListOrder(g.areaIds, opts.areaNames?.keys() ?? [])
      .map((a) => opts.areaNames?.get(a) ?? '')
      .filter(Boolean),
    citywide: g.citywide,
    purpose: g.purpose,
    activities: g.activities,
    expertise: g.expertise,
    resources: g.resources,
    resourcesNote: g.resourcesNote,
    trackRecord: g.trackRecord,
    wantsToDo: g.wantsToDo,
    wantsCollaboration: g.wantsCollaboration,
    foundedYear: g.foundedYear,
    memberCount: g.memberCount,
    stage: g.stage,
    website: g.website,
    socialLinks: g.socialLinks,
    hasLogo: !!g.logoPath,
    status: g.status,
    disclosureLevel: g.disclosureLevel,
    renewedFiscalYear: g.renewedFiscalYear,
    lastActivityAt: g.lastActivityAt,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    contacts,
    documents: (opts.documents ?? [])
      .filter((d) => d.isPublic || opts.member || level !== 'public')
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        title: d.title,
        fileName: d.fileName,
        size: d.size,
        isPublic: d.isPublic,
      })),
  }
}
export type ProfileView = ReturnType<typeof profileView>

export async function loadProfile(ctx: Ctx, id: string) {
  const g = await requireVisibleGroup(ctx, id)
  const [docs, as] = await Promise.all([documentsOf(ctx, id), listAreas(ctx)])
  const member = isMember(ctx, id) || !!ctx.actor?.isAdmin
  const view = profileView(g, viewLevelOf(ctx.actor), {
    member,
    areaNames: new Map(as.map((a) => [a.id, a.name])),
    documents: docs,
  })
  return { group: g, view, member }
}

// ---------------------------------------------------------------- writes

/** Audit diff without personal values (the audit log is append-only and never purged). */
function auditDiff(before: Partial<Group> | null, after: Partial<Group>) {
  const d = diff(before as any, after as any)
  for (const k of Object.keys(d)) if (PERSONAL_KEYS.includes(k)) d[k] = '[個人情報のため値は記録しません]'
  return d
}

async function record(
  ctx: Ctx,
  g: { id: string },
  action: string,
  changes: Record<string, unknown>,
  comment = '',
) {
  await ctx.db.insert(groupRevisions).values({
    municipalityId: ctx.tenantId,
    groupId: g.id,
    actorUserId: ctx.actor?.userId ?? null,
    actorLabel: ctx.actor ? `${ctx.actor.name}（${ctx.actor.email}）` : 'システム',
    action,
    changes,
    comment,
  })
}

async function derived(
  ctx: Ctx,
  g: Omit<GroupInput, 'contactVisibility'> & { contactVisibility: any; logoPath?: string | null },
  groupId?: string,
) {
  const as = await listAreas(ctx)
  const names = new Map(as.map((a) => [a.id, a.name]))
  let publicDocuments = 0
  if (groupId) {
    const [r] = await ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(groupDocuments)
      .where(
        inCity(ctx, groupDocuments, eq(groupDocuments.groupId, groupId), eq(groupDocuments.isPublic, true)),
      )
    publicDocuments = Number(r.n)
  }
  return {
    ...searchColumns(
      buildSearchText({ ...g, areaNames: g.areaIds.map((a) => names.get(a) ?? '') }, fieldLabelMap(ctx)),
    ),
    nameNorm: buildNameNorm(g.name, g.nameKana),
    disclosureLevel: disclosureLevel({
      ...g,
      logoPath: g.logoPath ?? null,
      publicDocuments,
      updatedAt: new Date(),
    }),
  }
}

/** A group member registers a group: a draft, or pending review when submitted with the checklist. */
export async function createGroup(
  ctx: Ctx,
  input: GroupInput,
  opts: { submit: boolean; checklist: Record<string, boolean> },
): Promise<Group> {
  if (!ctx.actor) throw new AppError(401, 'unauthenticated', 'ログインしてください。')
  const now = new Date()
  const values = {
    ...input,
    municipalityId: ctx.tenantId,
    checklist: opts.checklist,
    status: opts.submit ? 'pending' : 'draft',
    submittedAt: opts.submit ? now : null,
    ...(await derived(ctx, input)),
  }
  const actor = ctx.actor
  const g = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.insert(groups).values(values).returning()
    await setLinks(tx, groupAreaLinks, row.id, input.areaIds)
    const g: Group = { ...row, areaIds: idSet(input.areaIds) }
    await tx.db
      .insert(groupMembers)
      .values({ municipalityId: tx.tenantId, groupId: g.id, userId: actor.userId, role: 'owner' })
    groupRolesOf(actor)[g.id] = 'owner'
    const changes = diff(null, input as any)
    await record(tx, g, 'group.create', changes)
    await audit(tx, {
      action: 'group.create',
      entityType: 'group',
      entityId: g.id,
      changes: auditDiff(null, g),
    })
    return g
  })
  if (opts.submit) await notifyCoordinators(ctx, g)
  return g
}

async function notifyCoordinators(ctx: Ctx, g: Group) {
  const to = ctx.municipality.officeEmail
  if (!to) return
  await sendMail(ctx, {
    to,
    subject: `【協働ポータル】団体登録の申請：${g.name}`,
    body: `${g.name} から団体登録の申請がありました。\n審査画面：/coordinator/groups\n`,
  })
}

/** Edits by members or coordinators. Published groups stay published: edits go live, and are kept as history. */
export async function updateGroup(ctx: Ctx, g: Group, input: GroupInput): Promise<Group> {
  const patch = {
    ...input,
    ...(await derived(ctx, { ...input, logoPath: g.logoPath }, g.id)),
    // a person saved the form with the reading in front of them: it is no longer a guess
    nameKanaGenerated: false,
    updatedAt: new Date(),
    lastActivityAt: new Date(),
  }
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(groups)
      .set(patch)
      .where(byId(tx, groups, g.id))
      .returning()
    if (!after) throw notFound('団体')
    const areaIds = idSet(input.areaIds)
    await setLinks(tx, groupAreaLinks, g.id, areaIds)
    // the areas compared as sets (the join table gives them sorted)
    const changes = diff(g as any, { ...input, areaIds } as any)
    if (Object.keys(changes).length) await record(tx, g, 'group.update', changes)
    await audit(tx, {
      action: 'group.update',
      entityType: 'group',
      entityId: g.id,
      changes: auditDiff(g, { ...input, areaIds } as any),
    })
    return { ...after, areaIds }
  })
}

/** Submit (or resubmit after being sent back) for review, with the checklist ticked. */
export async function submitGroup(ctx: Ctx, g: Group, checklist: Record<string, boolean>) {
  if (!['draft', 'returned'].includes(g.status))
    throw new AppError(409, 'bad_state', 'この団体はすでに申請済みか公開中です。')
  const conds = checklistOf(conditionsOf(ctx.municipality.settings))
  const missing = conds.filter((c) => !checklist[c.code])
  if (missing.length)
    throw new AppError(
      422,
      'checklist',
      '登録の条件をすべて確認してください。',
      Object.fromEntries(
        missing.map((m) => [`check_${m.code}`, `「${m.label}」を確認してチェックしてください`]),
      ),
    )
  const patch = { status: 'pending', checklist, submittedAt: new Date(), updatedAt: new Date() }
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(groups)
      .set(patch)
      .where(byId(tx, groups, g.id))
    await record(tx, g, 'group.submit', diff(g as any, patch))
    await audit(tx, {
      action: 'group.submit',
      entityType: 'group',
      entityId: g.id,
      changes: diff(g as any, patch),
    })
  })
  await notifyCoordinators(ctx, { ...g, ...patch })
}

/** Coordinator's decision: approve (publish), send back with a comment, suspend, archive. */
export async function reviewGroup(
  ctx: Ctx,
  g: Group,
  action: keyof typeof REVIEW_TRANSITIONS,
  comment: string,
) {
  const t = REVIEW_TRANSITIONS[action]
  if (!t.from.includes(g.status as any))
    throw new AppError(409, 'bad_state', `現在の状態（${g.status}）からはこの操作はできません。`)
  if (action === 'return' && !comment.trim())
    throw new AppError(422, 'validation', '差し戻す理由をコメントに書いてください。', {
      comment: '差し戻す理由をコメントに書いてください',
    })
  const now = new Date()
  const patch: Partial<Group> = { status: t.to, reviewComment: comment, updatedAt: now }
  if (action === 'approve') {
    patch.approvedAt = now
    patch.approvedBy = ctx.actor?.userId ?? null
    patch.lastActivityAt = now
    patch.renewedFiscalYear = fiscalYearOf(now)
  }
  const changes = diff(g as any, { status: t.to, reviewComment: comment })
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(groups)
      .set(patch)
      .where(byId(tx, groups, g.id))
    if (action === 'approve') {
      await tx.db
        .insert(groupRenewals)
        .values({
          municipalityId: tx.tenantId,
          groupId: g.id,
          fiscalYear: fiscalYearOf(now),
          renewedBy: tx.actor?.userId,
        })
        .onConflictDoNothing()
    }
    await record(tx, g, `group.${action}`, changes, comment)
    await audit(tx, { action: `group.${action}`, entityType: 'group', entityId: g.id, changes })
  })
  const owners = await ownerEmails(ctx, g.id)
  const what = {
    approve: '承認され、公開されました',
    return: '差し戻されました',
    suspend: '公開が停止されました',
    archive: 'アーカイブされました',
  }[action]
  for (const to of owners)
    await sendMail(ctx, {
      to,
      subject: `【${ctx.municipality.name} 協働ポータル】団体「${g.name}」の登録が${what}`,
      body: `団体「${g.name}」の登録が${what}。${comment ? `\n\nコメント：\n${comment}` : ''}\n`,
    })
}

/** Approve or return many groups at once (the review list's checkboxes); each is audited. */
export async function reviewMany(ctx: Ctx, ids: string[], action: 'approve' | 'return', comment: string) {
  if (action === 'return' && !comment.trim())
    throw new AppError(422, 'validation', '差し戻す理由をコメントに書いてください。', {
      comment: '差し戻す理由をコメントに書いてください',
    })
  const skipped: string[] = []
  let done = 0
  for (const id of [...new Set(ids)]) {
    const g = await getGroup(ctx, id)
    if (!g || !REVIEW_TRANSITIONS[action].from.includes(g.status as never)) {
      skipped.push(id)
      continue
    }
    await reviewGroup(ctx, g, action, comment)
    done++
  }
  return { done, skipped }
}

async function ownerEmails(ctx: Ctx, groupId: string) {
  const r = await ctx.db
    .select({ email: users.email })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(inCity(ctx, groupMembers, eq(groupMembers.groupId, groupId), eq(groupMembers.role, 'owner')))
  return r.map((x) => x.email)
}

export function problemsFor(ctx: Ctx, g: Group, docs: GroupDocument[]) {
  return conditionProblems(
    conditionsOf(ctx.municipality.settings),
    g,
    docs.some((d) => d.kind === 'rules'),
  )
}

// ---------------------------------------------------------------- lists

export async function listMyGroups(ctx: Ctx) {
  if (!ctx.actor) return []
  return ctx.db
    .select({
      id: groups.id,
      name: groups.name,
      status: groups.status,
      role: groupMembers.role,
      reviewComment: groups.reviewComment,
      renewedFiscalYear: groups.renewedFiscalYear,
      deletionRequestedAt: groups.deletionRequestedAt,
    })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(inCity(ctx, groupMembers, eq(groupMembers.userId, ctx.actor.userId), ne(groups.status, 'deleted')))
    .orderBy(asc(groups.nameKana))
}

export async function reviewQueue(ctx: Ctx, statuses: string[]) {
  return ctx.db
    .select(groupColumns)
    .from(groups)
    .where(inCity(ctx, groups, inArray(groups.status, statuses)))
    .orderBy(asc(groups.submittedAt), asc(groups.nameKana))
    .limit(200)
}

export async function deletionRequests(ctx: Ctx) {
  return ctx.db
    .select(groupColumns)
    .from(groups)
    .where(inCity(ctx, groups, sql`${groups.deletionRequestedAt} IS NOT NULL`, ne(groups.status, 'deleted')))
    .limit(200)
}

export async function listRevisions(ctx: Ctx, groupId: string) {
  return ctx.db
    .select()
    .from(groupRevisions)
    .where(inCity(ctx, groupRevisions, eq(groupRevisions.groupId, groupId)))
    .orderBy(desc(groupRevisions.createdAt))
    .limit(500)
}

// ---------------------------------------------------------------- members

export async function listMembers(ctx: Ctx, groupId: string) {
  return ctx.db
    .select({
      userId: groupMembers.userId,
      role: groupMembers.role,
      email: users.email,
      familyName: users.familyName,
      givenName: users.givenName,
      since: groupMembers.createdAt,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(inCity(ctx, groupMembers, eq(groupMembers.groupId, groupId)))
    .orderBy(asc(groupMembers.createdAt))
}

export async function inviteMember(ctx: Ctx, g: Group, email: string, groupRole: 'owner' | 'editor') {
  await inTransaction(ctx, async (tx) => {
    await createInvitation(tx, email, { role: 'group_member', groupId: g.id, groupRole, targetName: g.name })
    await record(tx, g, 'group.member.invite', { invited: [null, email], role: [null, groupRole] })
  })
}

/** Hand ownership to another member: they become owner, the current owner becomes editor. */
export type Member = Awaited<ReturnType<typeof listMembers>>[number]

/** Why ownership cannot go to this person (null when it can): the pages ask before they confirm. */
export function transferRefusal(members: Member[], toUserId: string): AppError | null {
  const target = members.find((m) => m.userId === toUserId)
  if (!target)
    return new AppError(422, 'validation', '引き継ぐ相手は団体のメンバーから選んでください。', {
      toUserId: '引き継ぐ相手は団体のメンバーから選んでください',
    })
  if (target.role === 'owner')
    return new AppError(422, 'validation', `${target.email} さんはすでにオーナーです。`)
  return null
}

/** Why this member cannot be removed (null when they can): not a member, or the last owner. */
export function removalRefusal(members: Member[], userId: string): AppError | null {
  const m = members.find((x) => x.userId === userId)
  if (!m)
    return new AppError(
      404,
      'not_found',
      'そのメンバーは見つかりませんでした。すでに外れているかもしれません。一覧を確かめてください。',
    )
  if (m.role === 'owner' && members.filter((x) => x.role === 'owner').length === 1)
    return new AppError(
      409,
      'last_owner',
      '代表（オーナー）が一人だけのため外れられません。先に他のメンバーにオーナーを引き継いでください。',
    )
  return null
}

export async function transferOwnership(ctx: Ctx, g: Group, toUserId: string) {
  const members = await listMembers(ctx, g.id)
  const refused = transferRefusal(members, toUserId)
  if (refused) throw refused
  const target = members.find((m) => m.userId === toUserId)!
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(groupMembers)
      .set({ role: 'owner' })
      .where(inCity(tx, groupMembers, eq(groupMembers.groupId, g.id), eq(groupMembers.userId, toUserId)))
    if (tx.actor && tx.actor.userId !== toUserId)
      await tx.db
        .update(groupMembers)
        .set({ role: 'editor' })
        .where(
          inCity(tx, groupMembers, eq(groupMembers.groupId, g.id), eq(groupMembers.userId, tx.actor.userId)),
        )
    const changes = { owner: [tx.actor?.email ?? null, target.email] }
    await record(tx, g, 'group.owner.transfer', changes)
    await audit(tx, {
      action: 'group.owner.transfer',
      entityType: 'group',
      entityId: g.id,
      changes: { toUserId },
    })
  })
}

/** Leave a group (or, for an owner, remove a member). The last owner cannot leave. */
export async function removeMember(ctx: Ctx, g: Group, userId: string) {
  const members = await listMembers(ctx, g.id)
  const refused = removalRefusal(members, userId)
  if (refused) throw refused
  const m = members.find((x) => x.userId === userId)!
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .delete(groupMembers)
      .where(inCity(tx, groupMembers, eq(groupMembers.groupId, g.id), eq(groupMembers.userId, userId)))
    await record(tx, g, 'group.member.remove', { member: [m.email, null] })
    await audit(tx, {
      action: 'group.member.remove',
      entityType: 'group',
      entityId: g.id,
      changes: { userId },
    })
  })
}

// ---------------------------------------------------------------- documents and logo

export async function addDocument(
  ctx: Ctx,
  g: Group,
  file: File,
  meta: { kind: string; title: string; isPublic: boolean },
) {
  const stored = await putFile(ctx.config, ctx.tenantId, file, DOCUMENT_RULE, '添付書類')
  return inTransaction(ctx, async (tx) => {
    const [d] = await tx.db
      .insert(groupDocuments)
      .values({
        municipalityId: tx.tenantId,
        groupId: g.id,
        kind: meta.kind,
        title: meta.title || stored.fileName,
        storageKey: stored.key,
        fileName: stored.fileName,
        mimeType: stored.mimeType,
        size: stored.size,
        isPublic: meta.isPublic,
        uploadedBy: tx.actor?.userId,
      })
      .returning()
    await record(tx, g, 'group.document.add', {
      document: [null, `${d.title}（${d.isPublic ? '公開' : '非公開'}）`],
    })
    await audit(tx, {
      action: 'group.document.add',
      entityType: 'group_document',
      entityId: d.id,
      changes: diff(null, { kind: d.kind, title: d.title, isPublic: d.isPublic }),
    })
    await refreshDisclosure(tx, g.id)
    return d
  })
}

export async function getDocument(ctx: Ctx, g: Group, docId: string) {
  const [d] = await ctx.db
    .select()
    .from(groupDocuments)
    .where(inCity(ctx, groupDocuments, eq(groupDocuments.id, docId), eq(groupDocuments.groupId, g.id)))
  return d ?? null
}

export async function readDocument(ctx: Ctx, d: GroupDocument) {
  return getFile(ctx.config, d.storageKey)
}

export async function deleteDocument(ctx: Ctx, g: Group, d: GroupDocument) {
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(groupDocuments).where(byId(tx, groupDocuments, d.id))
    await record(tx, g, 'group.document.delete', { document: [d.title, null] })
    await audit(tx, {
      action: 'group.document.delete',
      entityType: 'group_document',
      entityId: d.id,
      changes: diff({ title: d.title } as any, { title: null } as any),
    })
    await refreshDisclosure(tx, g.id)
  })
  // the file goes once the row is gone for good
  await deleteFile(ctx.config, d.storageKey)
}

export async function setLogo(ctx: Ctx, g: Group, file: File) {
  const stored = await putFile(ctx.config, ctx.tenantId, file, IMAGE_RULE, 'ロゴ')
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(groups)
      .set({ logoPath: stored.key, updatedAt: new Date() })
      .where(byId(tx, groups, g.id))
    await record(tx, g, 'group.logo', { logoPath: [g.logoPath ? '旧ロゴ' : null, '新しいロゴ'] })
    await audit(tx, {
      action: 'group.logo',
      entityType: 'group',
      entityId: g.id,
      changes: { logoPath: '[file]' },
    })
  })
  if (g.logoPath) await deleteFile(ctx.config, g.logoPath)
}

async function refreshDisclosure(ctx: Ctx, groupId: string) {
  const g = await getGroup(ctx, groupId)
  if (!g) return
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(groupDocuments)
    .where(
      inCity(ctx, groupDocuments, eq(groupDocuments.groupId, groupId), eq(groupDocuments.isPublic, true)),
    )
  const level = disclosureLevel({ ...g, publicDocuments: Number(r.n), updatedAt: g.updatedAt })
  if (level !== g.disclosureLevel)
    await ctx.db
      .update(groups)
      .set({ disclosureLevel: level })
      .where(byId(ctx, groups, groupId))
}

// ---------------------------------------------------------------- renewal (年度更新)

export async function renewGroup(ctx: Ctx, g: Group, fiscalYear = fiscalYearOf()) {
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .insert(groupRenewals)
      .values({ municipalityId: tx.tenantId, groupId: g.id, fiscalYear, renewedBy: tx.actor?.userId })
      .onConflictDoNothing()
    const patch: Partial<Group> = {
      renewedFiscalYear: fiscalYear,
      lastActivityAt: new Date(),
      updatedAt: new Date(),
    }
    if (g.status === 'inactive') patch.status = 'published'
    await tx.db
      .update(groups)
      .set(patch)
      .where(byId(tx, groups, g.id))
    const changes = diff(g as any, { renewedFiscalYear: fiscalYear, status: patch.status ?? g.status })
    await record(tx, g, 'group.renew', changes)
    await audit(tx, { action: 'group.renew', entityType: 'group', entityId: g.id, changes })
  })
}

/**
 * The yearly renewal job (exported for the scheduler and the coordinator's button): reminds
 * every published group not yet renewed for the fiscal year (once per year), and after the
 * grace period (settings.renewalGraceMonths, default 3: from 1 July) marks those that did not
 * renew as inactive. Nothing is deleted.
 */
export async function runRenewalJob(
  ctx: Ctx,
  opts: { now?: Date; remind?: boolean; deactivate?: boolean } = {},
): Promise<{ fiscalYear: number; reminded: number; deactivated: number }> {
  const now = opts.now ?? new Date()
  const fy = fiscalYearOf(now)
  const grace = Number((ctx.municipality.settings as any)?.renewalGraceMonths ?? 3)
  const graceEnds = new Date(Date.UTC(fy, 3 + grace, 1) - 9 * 3600_000)
  const deactivate = opts.deactivate ?? now >= graceEnds
  const remind = opts.remind ?? true
  const due = await ctx.db
    .select(groupColumns)
    .from(groups)
    .where(
      inCity(
        ctx,
        groups,
        eq(groups.status, 'published'),
        sql`coalesce(${groups.renewedFiscalYear}, 0) < ${fy}`,
      ),
    )
  let reminded = 0
  let deactivated = 0
  for (const g of due) {
    if (deactivate) {
      await inTransaction(ctx, async (tx) => {
        await tx.db
          .update(groups)
          .set({ status: 'inactive' })
          .where(byId(tx, groups, g.id))
        await record(
          tx,
          g,
          'group.inactive',
          { status: ['published', 'inactive'] },
          `${fy}年度の登録更新がなかったため`,
        )
        await audit(tx, {
          action: 'group.inactive',
          entityType: 'group',
          entityId: g.id,
          changes: { status: ['published', 'inactive'], fiscalYear: fy },
        })
      })
      deactivated++
    } else if (remind && g.remindedFiscalYear !== fy) {
      for (const to of await ownerEmails(ctx, g.id))
        await sendMail(ctx, {
          to,
          subject: `【${ctx.municipality.name} 協働ポータル】${fy}年度の団体登録の更新をお願いします`,
          body: `団体「${g.name}」の${fy}年度の登録更新がまだです。\n協働ポータルにログインし、「所属団体の管理」（/my/groups）から内容を確認して「今年度の登録を更新する」を押してください。\n更新がない場合、${graceEnds.toISOString().slice(0, 10)}以降は「活動休止」として表示されます（削除はされません）。\n`,
        })
      await ctx.db
        .update(groups)
        .set({ remindedFiscalYear: fy })
        .where(byId(ctx, groups, g.id))
      reminded++
    }
  }
  await audit(ctx, {
    action: 'group.renewal.run',
    entityType: 'job',
    entityId: 'group-renewal',
    changes: { fiscalYear: fy, reminded, deactivated },
  })
  return { fiscalYear: fy, reminded, deactivated }
}

// ---------------------------------------------------------------- deletion

export async function requestDeletion(ctx: Ctx, g: Group) {
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(groups)
      .set({ deletionRequestedAt: new Date() })
      .where(byId(tx, groups, g.id))
    await record(tx, g, 'group.delete.request', {})
    await audit(tx, { action: 'group.delete.request', entityType: 'group', entityId: g.id })
  })
}

/**
 * Carry out a deletion: personal data removed (contacts, links, logo, documents, members,
 * personal values in the history), the record kept anonymised so collaboration history
 * still adds up.
 */
export async function executeDeletion(ctx: Ctx, g: Group) {
  const blank: Partial<Group> = {
    name: '（削除された団体）',
    nameKana: '',
    representativeName: '',
    contactName: '',
    contactEmail: '',
    contactPhone: '',
    postalCode: '',
    address: '',
    addressBuilding: '',
    website: '',
    socialLinks: [],
    logoPath: null,
    searchText: '',
    searchBigrams: [],
    nameNorm: '',
    status: 'deleted',
    updatedAt: new Date(),
  }
  const docs = await documentsOf(ctx, g.id)
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(groups)
      .set(blank)
      .where(byId(tx, groups, g.id))
    await tx.db.delete(groupDocuments).where(inCity(tx, groupDocuments, eq(groupDocuments.groupId, g.id)))
    await tx.db.delete(groupMembers).where(inCity(tx, groupMembers, eq(groupMembers.groupId, g.id)))
    const revs = await listRevisions(tx, g.id)
    for (const r of revs) {
      const ch: Record<string, unknown> = {}
      for (const [k, val] of Object.entries(r.changes))
        ch[k] =
          PERSONAL_KEYS.includes(k) ||
          k === 'name' ||
          k === 'nameKana' ||
          k === 'invited' ||
          k === 'member' ||
          k === 'owner'
            ? '[削除]'
            : val
      await tx.db
        .update(groupRevisions)
        .set({ changes: ch, actorLabel: '[削除]' })
        .where(byId(tx, groupRevisions, r.id))
    }
    await record(tx, g, 'group.delete', { status: [g.status, 'deleted'] })
    await audit(tx, {
      action: 'group.delete',
      entityType: 'group',
      entityId: g.id,
      changes: { status: [g.status, 'deleted'] },
    })
  })
  // files go once the anonymised record is committed
  for (const d of docs) await deleteFile(ctx.config, d.storageKey)
  if (g.logoPath) await deleteFile(ctx.config, g.logoPath)
}

// ---------------------------------------------------------------- registration conditions

export async function setConditions(ctx: Ctx, c: Conditions) {
  const before = conditionsOf(ctx.municipality.settings)
  const settings = { ...(ctx.municipality.settings ?? {}), groupConditions: c }
  await ctx.db
    .update(municipalities)
    .set({ settings: sql`${municipalities.settings} || ${JSON.stringify({ groupConditions: c })}::jsonb` })
    .where(eq(municipalities.id, ctx.tenantId))
  citiesChanged()
  ctx.municipality = { ...ctx.municipality, settings }
  await audit(ctx, {
    action: 'group.conditions.update',
    entityType: 'municipality',
    entityId: ctx.tenantId,
    changes: diff(before as any, c as any),
  })
}

export { CONTACT_FIELDS, mayView }

/** Register a group (the API's use case): create it, and with `submit` ask for review at once. */
export async function registerGroup(
  ctx: Ctx,
  input: GroupInput,
  opts: { submit: boolean; checklist: Record<string, boolean> },
): Promise<Group> {
  const g = await createGroup(ctx, input, { submit: false, checklist: opts.checklist })
  if (opts.submit) await submitGroup(ctx, g, opts.checklist)
  return (await getGroup(ctx, g.id))!
}
