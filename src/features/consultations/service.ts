import {
  and,
  asc,
  desc,
  eq,
  exists,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { randomToken, safeEqual, sha256 } from '../../core/auth/crypto.ts'
import * as rateLimit from '../../core/auth/rate-limit.ts'
import type { Ctx } from '../../core/context.ts'
import { countOf, rows } from '../../core/db/index.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { AppError } from '../../core/errors.ts'
import { absoluteUrl } from '../../core/http/origin.ts'
import { fiscalYearOf, formatDateTime, ymdInTokyo } from '../../core/japanese/index.ts'
import { sendMail } from '../../core/mail/index.ts'
import { fieldsOf, labelOf } from '../../core/vocabulary.ts'
import { publishedGroups } from '../groups/index.ts'
import { createMeetingPairing } from '../matching/index.ts'
import { createNeedDraft, relatedPublicNeeds } from '../needs/index.ts'
import { coordinatorIds, departmentStaffIds, notify } from '../notifications/index.ts'
import { menuItemsOfDepartments, relatedOffers } from '../offers/index.ts'
import { departmentIdsOf, org } from '../organisation/index.ts'
import { suggestDepartments } from '../routing/index.ts'
import {
  CONSULTATION_RETENTION_DAYS,
  isOverdue,
  OPEN_STATUSES,
  receiptNo,
  receiptYear,
  type SendInput,
  type Status,
  SENDER_KINDS,
  statusAfter,
  statusLabel,
} from './domain.ts'
import {
  consultationAssignments,
  consultationMessages,
  consultations,
  consultationTemplates,
  type SuggestionSnapshot,
} from './schema.ts'

export type Consultation = typeof consultations.$inferSelect
export type Message = typeof consultationMessages.$inferSelect
export type Template = typeof consultationTemplates.$inferSelect
/** A consultation with the departments it is assigned to (what the policy asks about). */
export type Assigned = Consultation & { departmentIds: string[] }

const DAY = 86_400_000

export const senderKindLabel = (k: string) => labelOf(SENDER_KINDS, k)
export const statusPath = (id: string, token: string) =>
  `/consultations/status/${id}?token=${encodeURIComponent(token)}`

// ------------------------------------------------------------------ asking: suggestions

export interface Suggestions {
  departments: SuggestionSnapshot[]
  needs: { id: string; title: string }[]
  offers: { id: string; title: string; groupId: string; groupName: string }[]
  menu: { id: string; title: string; departmentId: string | null }[]
}

/**
 * For a sentence in the person's own words: the departments most likely in charge (the routing
 * room), public needs and groups' offers that say something close, and the 協働メニュー items of
 * the suggested departments.
 */
export async function suggestionsFor(ctx: Ctx, text: string): Promise<Suggestions> {
  const q = text.normalize('NFKC').trim()
  if (!q) return { departments: [], needs: [], offers: [], menu: [] }
  const deps = await suggestDepartments(ctx, q, 5)
  const [needs, offers, menu] = await Promise.all([
    relatedPublicNeeds(ctx, q, 3),
    relatedOffers(ctx, q, 3),
    menuItemsOfDepartments(
      ctx,
      deps.slice(0, 3).map((d) => d.departmentId),
    ),
  ])
  return {
    departments: deps.map((d) => ({
      departmentId: d.departmentId,
      name: d.name,
      score: d.score,
      reasons: d.reasons,
    })),
    needs,
    offers,
    menu: menu.slice(0, 5),
  }
}

// ------------------------------------------------------------------ asking: sending

async function limitAsk(ctx: Ctx, email: string) {
  try {
    await rateLimit.limitMailForm(ctx, 'consultation', email)
  } catch (e) {
    if (!(e instanceof rateLimit.RateLimited)) throw e
    await audit(ctx, {
      action: 'consultation.create.limited',
      entityType: 'request',
      entityId: 'consultation',
    })
    throw new AppError(
      429,
      'rate_limited',
      '短時間に多くの相談が送られました。しばらくしてからお試しください。',
    )
  }
}

/** The department a sender may choose: an active department (課) of this city. */
async function checkDepartment(ctx: Ctx, departmentId: string) {
  const deps = await org.activeDepartments(ctx)
  if (!deps.some((d) => d.id === departmentId && d.kind !== 'bu'))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      departmentId: '送り先の課を一覧から選んでください',
    })
}

/**
 * Send a consultation: a receipt number of this city and year, the departments the routing
 * suggested (kept as they were), an assignment when the sender chose a department, the receipt mail
 * with the status link (only the token's hash is kept), and the coordinator or the department told.
 */
export async function createConsultation(ctx: Ctx, d: SendInput) {
  const toDepartment = d.destination !== 'office'
  if (toDepartment) await checkDepartment(ctx, d.departmentId)
  await limitAsk(ctx, d.email)
  const suggestions = (await suggestionsFor(ctx, d.text)).departments
  const token = randomToken()
  const c = await inTransaction(ctx, async (tx) => {
    const year = receiptYear()
    // one receipt number at a time per city and year (the unique index backs it)
    await rows(tx.db, sql`SELECT pg_advisory_xact_lock(hashtext(${`consultation:${tx.tenantId}:${year}`}))`)
    const [m] = await rows<{ n: number | null }>(
      tx.db,
      sql`SELECT max(seq)::int AS n FROM consultations WHERE municipality_id = ${tx.tenantId} AND year = ${year}`,
    )
    const seq = (m?.n ?? 0) + 1
    const [row] = await tx.db
      .insert(consultations)
      .values({
        municipalityId: tx.tenantId,
        receiptNo: receiptNo(year, seq),
        year,
        seq,
        text: d.text,
        senderKind: d.senderKind,
        name: d.name,
        email: d.email,
        phone: d.phone,
        groupName: d.groupName,
        destination: d.destination,
        requestedDepartmentId: toDepartment ? d.departmentId : null,
        suggestions,
        tokenHash: sha256(token),
      })
      .returning()
    if (toDepartment)
      await tx.db.insert(consultationAssignments).values({
        municipalityId: tx.tenantId,
        consultationId: row.id,
        departmentId: d.departmentId,
        assignedBy: null,
      })
    await audit(tx, {
      action: 'consultation.create',
      entityType: 'consultation',
      entityId: row.id,
      changes: {
        receiptNo: row.receiptNo,
        destination: d.destination,
        departmentId: toDepartment ? d.departmentId : null,
        senderKind: d.senderKind,
      },
    })
    return row
  })
  const m = ctx.municipality
  await sendMail(ctx, {
    to: c.email,
    subject: `【${m.name} 協働ポータル】ご相談を受け付けました（${c.receiptNo}）`,
    body: `${c.name} 様

ご相談を受け付けました。受付番号は ${c.receiptNo} です。
担当の課で内容を確認し、このメールアドレスにご連絡します。

進み具合と回答は、次のURLからいつでも確認できます（アカウントは不要です）。
このURLは、ご本人だけが開けるものです。他の人に知らせないでください。
${absoluteUrl(ctx, statusPath(c.id, token))}

――ご相談の内容――
${c.text}

――
このメールは${m.name} 協働ポータルから自動で送信しています。
お心当たりのない場合は、${m.officeName}${m.officeEmail ? `（${m.officeEmail}）` : ''}までお知らせください。
`,
  })
  const href = `/consultations/${c.id}`
  const tell = { kind: 'consultation', title: `新しい相談（${c.receiptNo}）`, body: summaryOf(c.text), href }
  if (d.destination !== 'department') await notify(ctx, await coordinatorIds(ctx), tell)
  if (toDepartment) await notify(ctx, await departmentStaffIds(ctx, d.departmentId), tell)
  return { c, token, suggestions }
}

export const summaryOf = (s: string, n = 120) => {
  const one = s.replace(/\s+/g, ' ').trim()
  return one.length > n ? `${one.slice(0, n)}…` : one
}

// ------------------------------------------------------------------ reading

async function assignedIds(ctx: Pick<Ctx, 'db' | 'tenantId'>, id: string) {
  const as = await ctx.db
    .select({ d: consultationAssignments.departmentId })
    .from(consultationAssignments)
    .where(inCity(ctx, consultationAssignments, eq(consultationAssignments.consultationId, id)))
  return as.map((a) => a.d)
}

/** One consultation with its assigned departments (for the policy), or null. */
export async function getConsultation(
  ctx: Pick<Ctx, 'db' | 'tenantId'>,
  id: string,
): Promise<Assigned | null> {
  const [c] = await ctx.db
    .select()
    .from(consultations)
    .where(byId(ctx, consultations, id))
  if (!c) return null
  return { ...c, departmentIds: await assignedIds(ctx, id) }
}

/** The consultation a status link names, if its token matches (the sender's view). */
export async function consultationByToken(ctx: Ctx, id: string, token: string): Promise<Assigned | null> {
  const c = await getConsultation(ctx, id)
  if (!c || !token || !c.tokenHash || !safeEqual(sha256(token), c.tokenHash)) return null
  return c
}

export interface ThreadItem extends Message {
  departmentName: string
  authorName: string
}

/** The replies (and, for the city side, the internal notes) of a consultation, oldest first. */
export async function threadOf(ctx: Ctx, id: string, opts: { notes: boolean }): Promise<ThreadItem[]> {
  const list = await ctx.db
    .select()
    .from(consultationMessages)
    .where(
      inCity(
        ctx,
        consultationMessages,
        eq(consultationMessages.consultationId, id),
        opts.notes ? undefined : eq(consultationMessages.kind, 'reply'),
      ),
    )
    .orderBy(asc(consultationMessages.createdAt))
  const names = await departmentNames(ctx)
  return list.map((m) => ({
    ...m,
    departmentName: m.departmentId ? (names.get(m.departmentId) ?? '') : ctx.municipality.officeName,
    authorName: '',
  }))
}

export async function departmentNames(ctx: Pick<Ctx, 'db' | 'tenantId'>) {
  return new Map((await org.listDepartments(ctx)).map((d) => [d.id, d.name]))
}

export interface InboxFilter {
  status?: string
  departmentId?: string
  overdue?: boolean
  q?: string
  page: number
  perPage: number
  /** Only those assigned to these departments (a department's list). */
  onlyDepartments?: string[]
}

export interface InboxItem {
  id: string
  receiptNo: string
  status: string
  summary: string
  senderKind: string
  name: string
  createdAt: Date
  dueOn: string | null
  overdue: boolean
  departments: string[]
}

/** The coordinator's inbox (or a department's list): newest first, with filters and paging. */
export async function listConsultations(ctx: Ctx, f: InboxFilter) {
  const today = ymdInTokyo(new Date())
  const assignedTo = (deps: string[]) =>
    exists(
      ctx.db
        .select({ x: sql`1` })
        .from(consultationAssignments)
        .where(
          and(
            eq(consultationAssignments.municipalityId, ctx.tenantId),
            eq(consultationAssignments.consultationId, consultations.id),
            inArray(consultationAssignments.departmentId, deps),
          ),
        ),
    )
  const like = (f.q ?? '').normalize('NFKC').trim()
  const esc = like.replace(/[\\%_]/g, (c) => `\\${c}`)
  const where = inCity(
    ctx,
    consultations,
    f.status ? eq(consultations.status, f.status) : undefined,
    f.departmentId ? assignedTo([f.departmentId]) : undefined,
    f.onlyDepartments
      ? assignedTo(f.onlyDepartments.length ? f.onlyDepartments : ['00000000-0000-0000-0000-000000000000'])
      : undefined,
    f.overdue
      ? and(
          inArray(consultations.status, OPEN_STATUSES),
          isNotNull(consultations.dueOn),
          lt(consultations.dueOn, today),
        )
      : undefined,
    esc
      ? or(
          ilike(consultations.text, `%${esc}%`),
          ilike(consultations.receiptNo, `%${esc}%`),
          ilike(consultations.name, `%${esc}%`),
          ilike(consultations.groupName, `%${esc}%`),
        )
      : undefined,
  )
  const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(consultations).where(where)
  const list = await ctx.db
    .select()
    .from(consultations)
    .where(where)
    .orderBy(desc(consultations.createdAt), desc(consultations.seq))
    .limit(f.perPage)
    .offset((f.page - 1) * f.perPage)
  const ids = list.map((c) => c.id)
  const as = ids.length
    ? await ctx.db
        .select()
        .from(consultationAssignments)
        .where(inCity(ctx, consultationAssignments, inArray(consultationAssignments.consultationId, ids)))
    : []
  const names = await departmentNames(ctx)
  const items: InboxItem[] = list.map((c) => ({
    id: c.id,
    receiptNo: c.receiptNo,
    status: c.status,
    summary: summaryOf(c.text, 80),
    senderKind: c.senderKind,
    name: c.name,
    createdAt: c.createdAt,
    dueOn: c.dueOn,
    overdue: isOverdue(c),
    departments: as.filter((a) => a.consultationId === c.id).map((a) => names.get(a.departmentId) ?? ''),
  }))
  return { total: Number(n), items }
}

/** How many wait for the coordinator (受付, nobody looked yet) — the work menu's count. */
export async function countNew(ctx: Pick<Ctx, 'db' | 'tenantId'>) {
  return countOf(ctx.db, countNewSql(ctx))
}

/** The same count as one scalar query (the menu's count). */
export const countNewSql = (ctx: Pick<Ctx, 'db' | 'tenantId'>): SQL =>
  sql`${ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(consultations)
    .where(inCity(ctx, consultations, eq(consultations.status, 'received')))}`

/** How many assigned to these departments still wait for an answer. */
export async function countOpenFor(ctx: Pick<Ctx, 'db' | 'tenantId'>, deps: string[]) {
  const q = countOpenForSql(ctx, deps)
  return q ? countOf(ctx.db, q) : 0
}

/** The same count as one scalar query (null when there is no department). */
export function countOpenForSql(ctx: Pick<Ctx, 'tenantId'>, deps: string[]): SQL | null {
  if (!deps.length) return null
  return sql`SELECT count(DISTINCT c.id)::int AS n FROM consultations c
        JOIN consultation_assignments a ON a.municipality_id = c.municipality_id AND a.consultation_id = c.id
        WHERE c.municipality_id = ${ctx.tenantId} AND c.status IN ('received', 'reviewing')
          AND a.department_id IN (${sql.join(
            deps.map((d) => sql`${d}::uuid`),
            sql`, `,
          )})`
}

// ------------------------------------------------------------------ triage

/**
 * Assign to departments (one or more), set the due date and the field. Newly assigned departments
 * are told; a consultation still 受付 becomes 確認中.
 */
export async function assignConsultation(
  ctx: Ctx,
  c: Assigned,
  d: { departmentIds: string[]; dueOn: string | null; field: string },
) {
  const deps = await org.activeDepartments(ctx)
  const known = new Set(deps.filter((x) => x.kind !== 'bu').map((x) => x.id))
  const ids = [...new Set(d.departmentIds)]
  if (ids.some((i) => !known.has(i) && !c.departmentIds.includes(i)))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      departmentIds: '担当課は一覧から選んでください',
    })
  const fields = fieldsOf(ctx.municipality.settings)
  if (d.field && !fields.some((f) => f.code === d.field))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      field: '分野は一覧から選んでください',
    })
  const added = ids.filter((i) => !c.departmentIds.includes(i))
  const removed = c.departmentIds.filter((i) => !ids.includes(i))
  const status = ids.length ? statusAfter(c.status, 'assign') : (c.status as Status)
  await inTransaction(ctx, async (tx) => {
    if (removed.length)
      await tx.db
        .delete(consultationAssignments)
        .where(
          inCity(
            tx,
            consultationAssignments,
            eq(consultationAssignments.consultationId, c.id),
            inArray(consultationAssignments.departmentId, removed),
          ),
        )
    if (added.length)
      await tx.db.insert(consultationAssignments).values(
        added.map((departmentId) => ({
          municipalityId: tx.tenantId,
          consultationId: c.id,
          departmentId,
          assignedBy: tx.actor?.userId ?? null,
        })),
      )
    const values = { dueOn: d.dueOn, field: d.field, status }
    await tx.db
      .update(consultations)
      .set({ ...values, remindedAt: d.dueOn !== c.dueOn ? null : c.remindedAt, updatedAt: new Date() })
      .where(byId(tx, consultations, c.id))
    await audit(tx, {
      action: 'consultation.assign',
      entityType: 'consultation',
      entityId: c.id,
      changes: { ...diff(c as unknown as Record<string, unknown>, values), added, removed },
    })
  })
  const names = await departmentNames(ctx)
  for (const dep of added)
    await notify(ctx, await departmentStaffIds(ctx, dep), {
      kind: 'consultation',
      title: `相談（${c.receiptNo}）が${names.get(dep) ?? '担当課'}に割り当てられました`,
      body: `${summaryOf(c.text)}${d.dueOn ? `\n回答期限：${d.dueOn}` : ''}`,
      href: `/consultations/${c.id}`,
    })
  return { added, removed }
}

export async function setStatus(ctx: Ctx, c: Assigned, status: Status) {
  if (status === c.status) return
  await inTransaction(ctx, async (tx) => {
    const now = new Date()
    await tx.db
      .update(consultations)
      .set({
        status,
        updatedAt: now,
        closedAt: status === 'closed' ? now : null,
        answeredAt: status === 'answered' ? (c.answeredAt ?? now) : c.answeredAt,
      })
      .where(byId(tx, consultations, c.id))
    await audit(tx, {
      action: 'consultation.status',
      entityType: 'consultation',
      entityId: c.id,
      changes: { status: [c.status, status] },
    })
  })
}

/** The department the actor answers for: one of theirs the consultation is assigned to, else the office. */
function answeringDepartment(ctx: Ctx, c: Assigned): string | null {
  if (ctx.actor?.isCoordinator || ctx.actor?.isAdmin) return null
  return departmentIdsOf(ctx.actor).find((d) => c.departmentIds.includes(d)) ?? null
}

/** The first city-side person who replies or notes becomes its 担当者 (unless someone already is). */
async function takeOn(ctx: Ctx, c: Assigned) {
  if (!ctx.actor) return
  await ctx.db
    .update(consultations)
    .set({ handlerUserId: ctx.actor.userId })
    .where(and(byId(ctx, consultations, c.id), isNull(consultations.handlerUserId)))
}

/** A reply: kept in the thread, shown on the status page, mailed to the sender; 回答済. */
export async function replyTo(ctx: Ctx, c: Assigned, body: string) {
  const departmentId = answeringDepartment(ctx, c)
  const status = statusAfter(c.status, 'reply')
  const m = await inTransaction(ctx, async (tx) => {
    const [m] = await tx.db
      .insert(consultationMessages)
      .values({
        municipalityId: tx.tenantId,
        consultationId: c.id,
        kind: 'reply',
        body,
        departmentId,
        authorId: tx.actor?.userId ?? null,
      })
      .returning()
    await tx.db
      .update(consultations)
      .set({ status, answeredAt: new Date(), updatedAt: new Date() })
      .where(byId(tx, consultations, c.id))
    await takeOn(tx, c)
    await audit(tx, {
      action: 'consultation.reply',
      entityType: 'consultation',
      entityId: c.id,
      changes: { messageId: m.id, departmentId, status: [c.status, status] },
    })
    return m
  })
  const from = departmentId
    ? ((await departmentNames(ctx)).get(departmentId) ?? '')
    : ctx.municipality.officeName
  let mailed = false
  if (c.email && !c.erasedAt) {
    const mu = ctx.municipality
    await sendMail(ctx, {
      to: c.email,
      subject: `【${mu.name} 協働ポータル】ご相談（${c.receiptNo}）への回答`,
      body: `${c.name} 様

ご相談（受付番号 ${c.receiptNo}）に、${from}から回答がありました。

――回答――
${body}

これまでの回答と進み具合は、ご相談を受け付けたときのメールに記載したURLから確認できます。

――
このメールは${mu.name} 協働ポータルから自動で送信しています。
ご不明な点は、${mu.officeName}${mu.officeEmail ? `（${mu.officeEmail}）` : ''}までお問い合わせください。
`,
    })
    mailed = true
  }
  // the coordinator follows what the departments answer
  if (departmentId)
    await notify(
      ctx,
      (await coordinatorIds(ctx)).filter((id) => id !== ctx.actor?.userId),
      {
        kind: 'consultation',
        title: `相談（${c.receiptNo}）に${from}が回答しました`,
        body: summaryOf(body),
        href: `/consultations/${c.id}`,
      },
      { mail: false },
    )
  return { m, mailed }
}

/** An internal note: the coordinator and the assigned departments read it; the sender never does. */
export async function addNote(ctx: Ctx, c: Assigned, body: string) {
  return inTransaction(ctx, async (tx) => {
    const [m] = await tx.db
      .insert(consultationMessages)
      .values({
        municipalityId: tx.tenantId,
        consultationId: c.id,
        kind: 'note',
        body,
        departmentId: answeringDepartment(tx, c),
        authorId: tx.actor?.userId ?? null,
      })
      .returning()
    await takeOn(tx, c)
    await audit(tx, {
      action: 'consultation.note',
      entityType: 'consultation',
      entityId: c.id,
      changes: { messageId: m.id },
    })
    return m
  })
}

/**
 * 「ニーズにする」: a draft need of the (first) assigned department, in the person's words; the
 * consultation keeps the need's id and the need's text names the receipt number.
 */
export async function makeNeed(ctx: Ctx, c: Assigned) {
  if (c.needId) throw new AppError(409, 'conflict', 'この相談からはすでに協働ニーズを作成しています。')
  const departmentId = c.departmentIds[0] ?? c.requestedDepartmentId
  if (!departmentId)
    throw new AppError(
      409,
      'conflict',
      '先に担当課を割り当ててください（協働ニーズは担当課のものとして作成します）。',
    )
  return inTransaction(ctx, async (tx) => {
    const title = summaryOf(c.text.split(/\n/)[0] ?? c.text, 40)
    const n = await createNeedDraft(tx, {
      departmentId,
      title,
      situation: `${c.text}\n\n（相談 ${c.receiptNo} から作成した下書きです。担当課で内容を整えてから公開してください。）`,
      fields: c.field ? [c.field] : [],
      origin: { label: `相談 ${c.receiptNo}`, href: `/consultations/${c.id}` },
    })
    await tx.db
      .update(consultations)
      .set({ needId: n.id, updatedAt: new Date() })
      .where(byId(tx, consultations, c.id))
    await audit(tx, {
      action: 'consultation.need',
      entityType: 'consultation',
      entityId: c.id,
      changes: { needId: n.id },
    })
    return n
  })
}

/**
 * Groups to put on the board for a consultation: the group the sender named (when it is registered
 * and published) and the groups whose offers (できること) say something close to the text.
 */
export async function pairingCandidates(
  ctx: Ctx,
  c: Assigned,
): Promise<{ id: string; name: string; why: string }[]> {
  const out = new Map<string, { id: string; name: string; why: string }>()
  const named = c.groupName.normalize('NFKC').replace(/\s/g, '')
  if (named.length >= 2)
    for (const g of await publishedGroups(ctx, 5000))
      if (g.name.normalize('NFKC').replace(/\s/g, '').includes(named))
        out.set(g.id, { id: g.id, name: g.name, why: '相談者の団体' })
  for (const o of await relatedOffers(ctx, c.text, 8))
    if (!out.has(o.groupId))
      out.set(o.groupId, { id: o.groupId, name: o.groupName, why: `できること「${o.title}」` })
  return [...out.values()].slice(0, 12)
}

/**
 * 「調整ボードの候補にする」: a pairing (group × one of the assigned departments) as 候補 on the
 * coordinator's board, linked both ways (the pairing's reason names the receipt number).
 */
export async function makePairing(ctx: Ctx, c: Assigned, d: { groupId: string; departmentId: string }) {
  if (!c.departmentIds.includes(d.departmentId))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      departmentId: 'この相談に割り当てた課から選んでください',
    })
  const { pairing, created } = await createMeetingPairing(ctx, {
    groupId: d.groupId,
    departmentId: d.departmentId,
    source: `相談（${c.receiptNo}）から`,
    note: c.text.slice(0, 1000),
  })
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(consultations)
      .set({ pairingId: pairing.id, updatedAt: new Date() })
      .where(byId(tx, consultations, c.id))
    await audit(tx, {
      action: 'consultation.pairing',
      entityType: 'consultation',
      entityId: c.id,
      changes: { pairingId: pairing.id, created },
    })
  })
  return { pairing, created }
}

/** On the person's request: name, e-mail, phone and group name blanked; the text and the thread stay. */
export async function erasePersonalData(ctx: Ctx, c: Assigned) {
  if (c.erasedAt) return
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(consultations)
      .set({ name: '', email: '', phone: '', groupName: '', erasedAt: new Date(), updatedAt: new Date() })
      .where(byId(tx, consultations, c.id))
    await audit(tx, {
      action: 'consultation.erase',
      entityType: 'consultation',
      entityId: c.id,
      // which fields were blanked, never their values
      changes: { erased: ['name', 'email', 'phone', 'groupName'] },
    })
  })
}

// ------------------------------------------------------------------ reply templates

export async function listTemplates(ctx: Ctx) {
  return ctx.db
    .select()
    .from(consultationTemplates)
    .where(inCity(ctx, consultationTemplates))
    .orderBy(asc(consultationTemplates.title))
}

export async function getTemplate(ctx: Ctx, id: string) {
  const [t] = await ctx.db
    .select()
    .from(consultationTemplates)
    .where(byId(ctx, consultationTemplates, id))
  return t ?? null
}

export async function createTemplate(ctx: Ctx, d: { title: string; body: string }) {
  return inTransaction(ctx, async (tx) => {
    const [t] = await tx.db
      .insert(consultationTemplates)
      .values({ municipalityId: tx.tenantId, ...d, createdBy: tx.actor?.userId ?? null })
      .returning()
    await audit(tx, {
      action: 'consultation.template.create',
      entityType: 'consultation_template',
      entityId: t.id,
      changes: diff(null, d),
    })
    return t
  })
}

export async function updateTemplate(ctx: Ctx, before: Template, d: { title: string; body: string }) {
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(consultationTemplates)
      .set({ ...d, updatedAt: new Date() })
      .where(byId(tx, consultationTemplates, before.id))
    await audit(tx, {
      action: 'consultation.template.update',
      entityType: 'consultation_template',
      entityId: before.id,
      changes: diff(before as unknown as Record<string, unknown>, d),
    })
  })
}

export async function deleteTemplate(ctx: Ctx, t: Template) {
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(consultationTemplates).where(byId(tx, consultationTemplates, t.id))
    await audit(tx, {
      action: 'consultation.template.delete',
      entityType: 'consultation_template',
      entityId: t.id,
      changes: { title: t.title },
    })
  })
}

// ------------------------------------------------------------------ statistics

export interface Counts {
  byDepartment: { label: string; total: number; open: number; answered: number }[]
  byField: { label: string; n: number }[]
  byMonth: { label: string; n: number }[]
  byStatus: { label: string; n: number }[]
  total: number
}

/** Counts by department (assignments), field and month of receipt (Japan time, the last 12 months). */
export async function consultationCounts(ctx: Ctx): Promise<Counts> {
  const t = ctx.tenantId
  const dep = await rows<{ d: string; total: number; open: number; answered: number }>(
    ctx.db,
    sql`SELECT a.department_id::text AS d, count(*)::int AS total,
          count(*) FILTER (WHERE c.status IN ('received', 'reviewing'))::int AS open,
          count(*) FILTER (WHERE c.status IN ('answered', 'closed'))::int AS answered
        FROM consultation_assignments a
        JOIN consultations c ON c.municipality_id = a.municipality_id AND c.id = a.consultation_id
        WHERE a.municipality_id = ${t} GROUP BY a.department_id`,
  )
  const fld = await rows<{ k: string; n: number }>(
    ctx.db,
    sql`SELECT field AS k, count(*)::int AS n FROM consultations WHERE municipality_id = ${t} GROUP BY field`,
  )
  const since = new Date(Date.now() - 365 * DAY)
  const mon = await rows<{ k: string; n: number }>(
    ctx.db,
    sql`SELECT to_char(created_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS k, count(*)::int AS n
        FROM consultations WHERE municipality_id = ${t} AND created_at >= ${since.toISOString()}::timestamptz
        GROUP BY 1 ORDER BY 1`,
  )
  const st = await rows<{ k: string; n: number }>(
    ctx.db,
    sql`SELECT status AS k, count(*)::int AS n FROM consultations WHERE municipality_id = ${t} GROUP BY status`,
  )
  const names = await departmentNames(ctx)
  const fields = fieldsOf(ctx.municipality.settings)
  return {
    byDepartment: dep
      .map((r) => ({
        label: names.get(r.d) ?? '（不明な課）',
        total: r.total,
        open: r.open,
        answered: r.answered,
      }))
      .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'ja')),
    byField: fld
      .map((r) => ({ label: r.k ? labelOf(fields, r.k) : '（未分類）', n: r.n }))
      .sort((a, b) => b.n - a.n),
    byMonth: mon.map((r) => ({ label: `${r.k.slice(0, 4)}年${Number(r.k.slice(5))}月`, n: r.n })),
    byStatus: st.map((r) => ({ label: statusLabel(r.k), n: r.n })),
    total: st.reduce((s, r) => s + r.n, 0),
  }
}

// ------------------------------------------------------------------ reminders

/**
 * The daily reminder: every consultation past its due date and still waiting (受付・確認中) is told
 * to the coordinators and the staff of its departments, by notice and mail, at most once a day.
 */
export async function remindOverdue(ctx: Ctx, now = new Date()) {
  const today = ymdInTokyo(now)
  const dayStart = new Date(`${today}T00:00:00+09:00`)
  const due = await ctx.db
    .select()
    .from(consultations)
    .where(
      inCity(
        ctx,
        consultations,
        inArray(consultations.status, OPEN_STATUSES),
        isNotNull(consultations.dueOn),
        lt(consultations.dueOn, today),
        or(sql`${consultations.remindedAt} IS NULL`, lt(consultations.remindedAt, dayStart)),
      ),
    )
  const coords = due.length ? await coordinatorIds(ctx) : []
  for (const c of due) {
    const deps = await assignedIds(ctx, c.id)
    const staff = (await Promise.all(deps.map((d) => departmentStaffIds(ctx, d)))).flat()
    await notify(ctx, [...coords, ...staff], {
      kind: 'consultation',
      title: `相談（${c.receiptNo}）の回答期限（${c.dueOn}）が過ぎています`,
      body: `${summaryOf(c.text)}\n状態：${statusLabel(c.status)}`,
      href: `/consultations/${c.id}`,
    })
    await ctx.db
      .update(consultations)
      .set({ remindedAt: now })
      .where(byId(ctx, consultations, c.id))
    await audit(ctx, {
      action: 'consultation.remind',
      entityType: 'consultation',
      entityId: c.id,
      changes: { dueOn: c.dueOn, told: [...new Set([...coords, ...staff])].length },
    })
  }
  return due.length
}

/**
 * Retention: the sender's name and contact of consultations closed more than
 * CONSULTATION_RETENTION_DAYS ago are blanked (each audited as an erasure by the system).
 */
export async function purgeClosed(ctx: Ctx, now = new Date()) {
  const before = new Date(now.getTime() - CONSULTATION_RETENTION_DAYS * DAY)
  const old = await ctx.db
    .select({ id: consultations.id })
    .from(consultations)
    .where(
      inCity(
        ctx,
        consultations,
        eq(consultations.status, 'closed'),
        sql`${consultations.erasedAt} IS NULL`,
        lt(consultations.closedAt, before),
      ),
    )
  for (const { id } of old) {
    await ctx.db
      .update(consultations)
      .set({ name: '', email: '', phone: '', groupName: '', erasedAt: now, updatedAt: now })
      .where(byId(ctx, consultations, id))
    await audit(ctx, {
      action: 'consultation.erase',
      entityType: 'consultation',
      entityId: id,
      changes: { erased: ['name', 'email', 'phone', 'groupName'], reason: 'retention' },
    })
  }
  return old.length
}

export const createdLabel = (c: { createdAt: Date }) => formatDateTime(c.createdAt)

/**
 * How many consultations each department was given (for the coordinator's statistics; numbers
 * only, no text or sender): a consultation given to two departments counts for each, one not yet
 * given to any counts under departmentId null. By fiscal year of receipt when `fiscalYear` is set.
 */
export async function consultationsByDepartment(ctx: Ctx, fiscalYear?: number) {
  const cs = await ctx.db
    .select({ id: consultations.id, createdAt: consultations.createdAt })
    .from(consultations)
    .where(inCity(ctx, consultations))
  const inYear = cs.filter((c) => fiscalYear === undefined || fiscalYearOf(c.createdAt) === fiscalYear)
  const as = await ctx.db
    .select({
      consultationId: consultationAssignments.consultationId,
      departmentId: consultationAssignments.departmentId,
    })
    .from(consultationAssignments)
    .where(inCity(ctx, consultationAssignments))
  const ids = new Set(inYear.map((c) => c.id))
  const m = new Map<string | null, number>()
  const given = new Set<string>()
  for (const a of as) {
    if (!ids.has(a.consultationId)) continue
    given.add(a.consultationId)
    m.set(a.departmentId, (m.get(a.departmentId) ?? 0) + 1)
  }
  const none = inYear.filter((c) => !given.has(c.id)).length
  if (none) m.set(null, none)
  return {
    total: inYear.length,
    byDepartment: [...m].map(([departmentId, count]) => ({ departmentId, count })),
  }
}
