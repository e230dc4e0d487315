import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { randomToken, safeEqual, sha256 } from '../../core/auth/crypto.ts'
import type { Ctx } from '../../core/context.ts'
import { users } from '../../core/db/schema.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { absoluteUrl } from '../../core/http/origin.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { sendMail } from '../../core/mail/index.ts'
import { subjectSource } from '../../core/feature.ts'
import { can } from '../../core/policy.ts'
import { buildCalendar } from '../events/index.ts'
import { getGroup, groupMemberIds } from '../groups/index.ts'
import { getPairing } from '../matching/index.ts'
import { coordinatorIds, notify } from '../notifications/index.ts'
import { departmentIdsOf, org } from '../organisation/index.ts'
import { getProject } from '../projects/index.ts'
import {
  type ActionInput,
  type ActionState,
  type Candidate,
  MAX_CANDIDATES,
  actionStateLabel,
  type Mark,
  type MeetingInput,
  type MinutesInput,
  OUTSIDE_RETENTION_DAYS,
  type PersonInput,
  type SubjectType,
  subjectHref,
  whenLabel,
} from './domain.ts'
import { type MeetingAccess, meetingIdsOf } from './policy.ts'
import { meetingActions, meetingCandidates, meetingMarks, meetingParticipants, meetings } from './schema.ts'

export type Meeting = typeof meetings.$inferSelect
export type MeetingCandidate = typeof meetingCandidates.$inferSelect
export type Participant = typeof meetingParticipants.$inferSelect
export type ActionItem = typeof meetingActions.$inferSelect

const DAY = 86_400_000

const nameOf = (u: { familyName: string; givenName: string; email: string }) =>
  `${u.familyName} ${u.givenName}`.trim() || u.email

async function usersByIds(ctx: Pick<Ctx, 'db' | 'tenantId'>, ids: string[]) {
  const list = [...new Set(ids)].filter(Boolean)
  if (!list.length) return []
  return ctx.db
    .select({
      id: users.id,
      email: users.email,
      familyName: users.familyName,
      givenName: users.givenName,
      disabledAt: users.disabledAt,
      isCoordinator: users.isCoordinator,
    })
    .from(users)
    .where(inCity(ctx, users, inArray(users.id, list)))
}

// ------------------------------------------------------------------ subjects

export interface Subject {
  type: SubjectType
  id: string | null
  title: string
  href: string | null
  departmentId: string | null
  groupIds: string[]
}

/**
 * What a meeting is about, read from its room; null when it does not exist or the actor may not
 * see it. Consultations and proposals are rooms still to come: their id is kept as given.
 */
export async function resolveSubject(
  ctx: Ctx,
  type: SubjectType,
  id: string | null,
): Promise<Subject | null> {
  const none: Subject = { type: 'none', id: null, title: '', href: null, departmentId: null, groupIds: [] }
  if (type === 'none' || !id) return none
  if (type === 'pairing') {
    const p = await getPairing(ctx, id)
    if (!p || !can(ctx.actor, 'pairing.view', p)) return null
    const [g, d] = await Promise.all([getGroup(ctx, p.groupId), org.getDepartment(ctx, p.departmentId)])
    return {
      type,
      id,
      title: `協働の調整：${g?.name ?? '団体'} × ${d?.name ?? '担当課'}`,
      href: subjectHref(type, id),
      departmentId: p.departmentId,
      groupIds: [p.groupId],
    }
  }
  if (type === 'project') {
    const p = await getProject(ctx, id)
    if (!p) return null
    return {
      type,
      id,
      title: `協働事業：${p.title}`,
      href: subjectHref(type, id),
      departmentId: p.departmentId,
      groupIds: p.groupIds,
    }
  }
  // rooms that declare their records as subjects (consultations, proposals) answer for them
  const source = subjectSource(type)
  if (source) {
    const r = await source.resolve(ctx, id)
    return r ? { type, id, ...r } : null
  }
  return {
    type,
    id,
    title: type === 'consultation' ? '相談' : '提案',
    href: subjectHref(type, id),
    departmentId: null,
    groupIds: [],
  }
}

export interface Suggestion {
  id: string
  name: string
  /** 団体メンバー・担当課職員・コーディネーター */
  role: string
  groupId: string | null
  departmentId: string | null
}

/** People likely to take part: the subject's group members and department staff, and the coordinators. */
export async function suggestedPeople(ctx: Ctx, s: Subject): Promise<Suggestion[]> {
  const out: Suggestion[] = []
  const seen = new Set<string>()
  const push = async (ids: string[], role: string, groupId: string | null, departmentId: string | null) => {
    for (const u of await usersByIds(ctx, ids))
      if (!u.disabledAt && !seen.has(u.id)) {
        seen.add(u.id)
        out.push({ id: u.id, name: nameOf(u), role, groupId, departmentId })
      }
  }
  for (const gid of s.groupIds) {
    const g = await getGroup(ctx, gid)
    await push(await groupMemberIds(ctx, gid), g ? `${g.name}（団体）` : '団体メンバー', gid, null)
  }
  const deps = [s.departmentId, ...departmentIdsOf(ctx.actor)].filter((x): x is string => !!x)
  for (const did of [...new Set(deps)]) {
    const d = await org.getDepartment(ctx, did)
    await push(await org.departmentMemberIds(ctx, did), d ? `${d.name}（担当課）` : '担当課職員', null, did)
  }
  await push(await coordinatorIds(ctx), 'コーディネーター', null, null)
  return out
}

// ------------------------------------------------------------------ reading

export interface MeetingFull {
  meeting: Meeting
  candidates: MeetingCandidate[]
  participants: Participant[]
  marks: { candidateId: string; participantId: string; mark: string }[]
  actions: ActionItem[]
  access: MeetingAccess
}

export const accessOf = (m: Meeting, ps: Participant[]): MeetingAccess => ({
  organiserId: m.organiserId,
  departmentId: m.departmentId,
  userIds: ps.filter((p) => p.userId).map((p) => p.userId!),
  departmentIds: [...new Set(ps.filter((p) => p.departmentId).map((p) => p.departmentId!))],
})

/** A meeting with its candidates, participants, marks and action items (no permission check). */
export async function loadMeeting(
  ctx: Pick<Ctx, 'db' | 'tenantId'>,
  id: string,
): Promise<MeetingFull | null> {
  const [m] = await ctx.db
    .select()
    .from(meetings)
    .where(byId(ctx, meetings, id))
  if (!m) return null
  const [candidates, participants, marks, actions] = await Promise.all([
    ctx.db
      .select()
      .from(meetingCandidates)
      .where(inCity(ctx, meetingCandidates, eq(meetingCandidates.meetingId, id)))
      .orderBy(asc(meetingCandidates.position), asc(meetingCandidates.startsAt)),
    ctx.db
      .select()
      .from(meetingParticipants)
      .where(inCity(ctx, meetingParticipants, eq(meetingParticipants.meetingId, id)))
      .orderBy(asc(meetingParticipants.createdAt)),
    ctx.db
      .select({
        candidateId: meetingMarks.candidateId,
        participantId: meetingMarks.participantId,
        mark: meetingMarks.mark,
      })
      .from(meetingMarks)
      .where(inCity(ctx, meetingMarks, eq(meetingMarks.meetingId, id))),
    ctx.db
      .select()
      .from(meetingActions)
      .where(inCity(ctx, meetingActions, eq(meetingActions.meetingId, id)))
      .orderBy(asc(meetingActions.dueOn), asc(meetingActions.createdAt)),
  ])
  return { meeting: m, candidates, participants, marks, actions, access: accessOf(m, participants) }
}

/** Names of the accounts a meeting mentions (participants, action owners, organiser). */
export async function namesFor(ctx: Ctx, f: MeetingFull) {
  const ids = [
    ...f.participants.map((p) => p.userId),
    ...f.actions.map((a) => a.ownerId),
    f.meeting.organiserId,
  ].filter((x): x is string => !!x)
  const us = await usersByIds(ctx, ids)
  const map = new Map(us.map((u) => [u.id, nameOf(u)]))
  const deps = new Map<string, string>()
  for (const d of new Set(f.participants.map((p) => p.departmentId).filter((x): x is string => !!x))) {
    const row = await org.getDepartment(ctx, d)
    if (row) deps.set(d, row.name)
  }
  return {
    user: (id: string | null) => (id ? (map.get(id) ?? '（退会者）') : '—'),
    dep: (id: string) => deps.get(id) ?? '',
  }
}

/** The meetings the actor sees: all for the coordinator, else those they take part in or their departments do. */
export async function listMyMeetings(ctx: Ctx) {
  const a = ctx.actor
  if (!a) return []
  const coord = a.isCoordinator || a.isAdmin
  const mine = meetingIdsOf(a)
  const deps = departmentIdsOf(a)
  const byDept = deps.length
    ? (
        await ctx.db
          .select({ id: meetingParticipants.meetingId })
          .from(meetingParticipants)
          .where(inCity(ctx, meetingParticipants, inArray(meetingParticipants.departmentId, deps)))
      ).map((r) => r.id)
    : []
  const ids = [...new Set([...mine, ...byDept])]
  if (!coord && !ids.length && !deps.length) return []
  return ctx.db
    .select()
    .from(meetings)
    .where(
      inCity(
        ctx,
        meetings,
        coord
          ? undefined
          : or(
              ids.length ? inArray(meetings.id, ids) : undefined,
              deps.length ? inArray(meetings.departmentId, deps) : undefined,
            ),
      ),
    )
    .orderBy(desc(sql`coalesce(${meetings.startsAt}, ${meetings.createdAt})`))
    .limit(200)
}

/** Meetings about one subject that the actor may see (for the subject's page). */
export async function meetingsOfSubject(ctx: Ctx, type: SubjectType, id: string) {
  const rows = await ctx.db
    .select()
    .from(meetings)
    .where(inCity(ctx, meetings, eq(meetings.subjectType, type), eq(meetings.subjectId, id)))
    .orderBy(desc(meetings.createdAt))
  const out: { id: string; title: string; status: string; when: string }[] = []
  for (const m of rows) {
    const f = await loadMeeting(ctx, m.id)
    if (f && can(ctx.actor, 'meeting.view', f.access))
      out.push({
        id: m.id,
        title: m.title,
        status: m.status,
        when: m.startsAt && m.endsAt ? whenLabel(m.startsAt, m.endsAt) : '日程調整中',
      })
  }
  return out
}

// ------------------------------------------------------------------ writing

const meetingUrl = (ctx: Ctx, id: string) => absoluteUrl(ctx, `/meetings/${id}`)
const replyUrl = (ctx: Ctx, id: string, token: string) =>
  absoluteUrl(ctx, `/meetings/${id}/reply?token=${token}`)

/** Add a person by e-mail: an account of the city if the address is one, else an outside person. */
async function addPersonRow(
  tx: Ctx,
  m: Meeting,
  p: PersonInput,
  existing: Participant[],
): Promise<{ row: Participant; token: string | null } | null> {
  const [u] = await tx.db
    .select({ id: users.id })
    .from(users)
    .where(inCity(tx, users, eq(users.email, p.email), isNull(users.disabledAt)))
  if (u) {
    if (existing.some((x) => x.userId === u.id)) return null
    const [row] = await tx.db
      .insert(meetingParticipants)
      .values({ municipalityId: tx.tenantId, meetingId: m.id, kind: 'user', userId: u.id, name: p.name })
      .returning()
    return { row, token: null }
  }
  if (existing.some((x) => x.kind === 'outside' && x.email === p.email)) return null
  const token = randomToken()
  const [row] = await tx.db
    .insert(meetingParticipants)
    .values({
      municipalityId: tx.tenantId,
      meetingId: m.id,
      kind: 'outside',
      name: p.name,
      email: p.email,
      organisation: p.organisation,
      tokenHash: sha256(token),
    })
    .returning()
  return { row, token }
}

async function inviteOutside(ctx: Ctx, m: Meeting, p: Participant, token: string) {
  await sendMail(ctx, {
    to: p.email,
    subject: `【${ctx.municipality.name}】日程調整のお願い：${m.title}`,
    body: `${p.name} 様

${ctx.municipality.officeName}です。「${m.title}」の日程を調整しています。
次のページで、候補日時ごとにご都合（○・△・×）をお知らせください。アカウントは必要ありません。
${replyUrl(ctx, m.id, token)}

このURLはあなた専用です。他の方に転送しないでください。

${ctx.municipality.officeName}
`,
  })
}

async function tellAccounts(ctx: Ctx, m: Meeting, userIds: string[]) {
  const ids = userIds.filter((id) => id !== ctx.actor?.userId)
  await notify(ctx, ids, {
    kind: 'meeting',
    title: `日程調整のお願い：${m.title}`,
    body: '候補日時ごとに、ご都合（○・△・×）を入力してください。',
    href: `/meetings/${m.id}`,
  })
}

/**
 * Set a meeting: its candidates, the organiser and the chosen people as participants (accounts are
 * told in the app and by mail; outside people get a personal link). One transaction.
 */
export async function createMeeting(ctx: Ctx, d: MeetingInput, subject: Subject): Promise<Meeting> {
  const a = ctx.actor!
  return inTransaction(ctx, async (tx) => {
    const departmentId = subject.departmentId ?? departmentIdsOf(a)[0] ?? null
    const [m] = await tx.db
      .insert(meetings)
      .values({
        municipalityId: tx.tenantId,
        subjectType: subject.type,
        subjectId: subject.id,
        subjectTitle: subject.title,
        title: d.title,
        place: d.place,
        agenda: d.agenda,
        departmentId,
        organiserId: a.userId,
      })
      .returning()
    await tx.db.insert(meetingCandidates).values(
      d.candidates.map((c, i) => ({
        municipalityId: tx.tenantId,
        meetingId: m.id,
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        position: i,
      })),
    )
    // Accounts must be people the organiser may name: those suggested for the subject.
    const allowed = new Map((await suggestedPeople(tx, subject)).map((s) => [s.id, s]))
    const bad = d.userIds.filter((id) => !allowed.has(id))
    if (bad.length)
      throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
        userIds: '参加者は一覧から選んでください',
      })
    const userIds = [...new Set([a.userId, ...d.userIds])]
    const us = await usersByIds(tx, userIds)
    const rows: Participant[] = []
    for (const u of us) {
      const s = allowed.get(u.id)
      const [row] = await tx.db
        .insert(meetingParticipants)
        .values({
          municipalityId: tx.tenantId,
          meetingId: m.id,
          kind: 'user',
          userId: u.id,
          name: nameOf(u),
          groupId: s?.groupId ?? null,
          departmentId: s?.departmentId ?? null,
        })
        .returning()
      rows.push(row)
    }
    const deps = d.departmentIds.filter(
      (id) => id === subject.departmentId || departmentIdsOf(a).includes(id),
    )
    if (deps.length !== d.departmentIds.length)
      throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
        departmentIds: '参加する課は一覧から選んでください',
      })
    for (const did of deps)
      rows.push(
        (
          await tx.db
            .insert(meetingParticipants)
            .values({ municipalityId: tx.tenantId, meetingId: m.id, kind: 'department', departmentId: did })
            .returning()
        )[0],
      )
    const invites: { row: Participant; token: string }[] = []
    const accounts: string[] = [...d.userIds]
    for (const p of d.people) {
      const r = await addPersonRow(tx, m, p, rows)
      if (!r) continue
      rows.push(r.row)
      if (r.token) invites.push({ row: r.row, token: r.token })
      else if (r.row.userId) accounts.push(r.row.userId)
    }
    await audit(tx, {
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: m.id,
      changes: {
        title: d.title,
        subject: `${subject.type}:${subject.id ?? ''}`,
        candidates: d.candidates.length,
        participants: rows.length,
      },
    })
    await tellAccounts(tx, m, accounts)
    for (const i of invites) await inviteOutside(tx, m, i.row, i.token)
    return m
  })
}

/** Add one person (an account by its address, or an outside person) to a meeting. */
export async function addParticipant(ctx: Ctx, f: MeetingFull, p: PersonInput) {
  return inTransaction(ctx, async (tx) => {
    const r = await addPersonRow(tx, f.meeting, p, f.participants)
    if (!r)
      throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
        email: 'このメールアドレスの方はすでに参加者です',
      })
    await audit(tx, {
      action: 'meeting.participant.add',
      entityType: 'meeting',
      entityId: f.meeting.id,
      changes: { kind: r.row.kind, participantId: r.row.id },
    })
    if (r.token) await inviteOutside(tx, f.meeting, r.row, r.token)
    else if (r.row.userId) await tellAccounts(tx, f.meeting, [r.row.userId])
    return r.row
  })
}

/** The outside participant a link names (null when the token is wrong). */
export async function participantByToken(
  ctx: Pick<Ctx, 'db' | 'tenantId'>,
  meetingId: string,
  token: string,
): Promise<Participant | null> {
  if (!token) return null
  const rows = await ctx.db
    .select()
    .from(meetingParticipants)
    .where(
      inCity(
        ctx,
        meetingParticipants,
        eq(meetingParticipants.meetingId, meetingId),
        eq(meetingParticipants.kind, 'outside'),
      ),
    )
  const h = sha256(token)
  return rows.find((p) => p.tokenHash && safeEqual(h, p.tokenHash)) ?? null
}

/** A participant's ○△× for every candidate (replacing earlier marks), while the date is open. */
export async function saveMarks(
  ctx: Ctx,
  f: MeetingFull,
  participant: Participant,
  marks: Record<string, Mark>,
  comment: string,
) {
  if (f.meeting.status !== 'scheduling')
    throw new AppError(409, 'already_fixed', '日程はすでに決まっています。都合の入力は締め切りました。')
  return inTransaction(ctx, async (tx) => {
    await tx.db
      .delete(meetingMarks)
      .where(
        inCity(
          tx,
          meetingMarks,
          eq(meetingMarks.meetingId, f.meeting.id),
          eq(meetingMarks.participantId, participant.id),
        ),
      )
    const entries = Object.entries(marks)
    if (entries.length)
      await tx.db.insert(meetingMarks).values(
        entries.map(([candidateId, mark]) => ({
          municipalityId: tx.tenantId,
          meetingId: f.meeting.id,
          candidateId,
          participantId: participant.id,
          mark,
        })),
      )
    await tx.db
      .update(meetingParticipants)
      .set({ comment, updatedAt: new Date() })
      .where(byId(tx, meetingParticipants, participant.id))
    await audit(tx, {
      action: 'meeting.availability',
      entityType: 'meeting',
      entityId: f.meeting.id,
      changes: { participantId: participant.id, marks: entries.length, via: tx.actor ? 'account' : 'link' },
    })
  })
}

/** Add a candidate while the date is open; those who already answered are asked to mark it too. */
export async function addCandidate(ctx: Ctx, f: MeetingFull, c: Candidate) {
  if (f.meeting.status !== 'scheduling')
    throw new AppError(409, 'already_fixed', '日程はすでに決まっています。候補日時は追加できません。')
  if (f.candidates.length >= MAX_CANDIDATES)
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      'candidates.0': `候補日時は${MAX_CANDIDATES}件までにしてください`,
    })
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(meetingCandidates)
      .values({
        municipalityId: tx.tenantId,
        meetingId: f.meeting.id,
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        position: Math.max(-1, ...f.candidates.map((x) => x.position)) + 1,
      })
      .returning()
    await audit(tx, {
      action: 'meeting.candidate.add',
      entityType: 'meeting',
      entityId: f.meeting.id,
      changes: { candidateId: row.id, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() },
    })
    const answered = new Set(f.marks.map((x) => x.participantId))
    const ids = f.participants.filter((p) => p.userId && answered.has(p.id)).map((p) => p.userId!)
    await notify(
      tx,
      ids.filter((id) => id !== tx.actor?.userId),
      {
        kind: 'meeting',
        title: `候補日時が追加されました：${f.meeting.title}`,
        body: `追加された候補：${whenLabel(c.startsAt, c.endsAt)}。ご都合を入力してください。`,
        href: `/meetings/${f.meeting.id}`,
      },
    )
    return row
  })
}

/** An iCalendar invitation of a scheduled meeting. */
export function meetingIcs(ctx: Ctx, m: Meeting): string {
  const host = new URL(absoluteUrl(ctx, '/')).hostname
  return buildCalendar(m.title, [
    {
      uid: `meeting-${m.id}@${host}`,
      title: m.title,
      description: [m.subjectTitle, m.agenda ? `議題：\n${m.agenda}` : '', meetingUrl(ctx, m.id)]
        .filter(Boolean)
        .join('\n\n'),
      location: m.place,
      url: meetingUrl(ctx, m.id),
      startsAt: m.startsAt!,
      endsAt: m.endsAt!,
      updatedAt: m.updatedAt,
      cancelled: m.status === 'cancelled',
      categories: ['調整会議'],
    },
  ])
}

/** Mail addresses of a meeting's people: accounts (not disabled) and outside people. */
async function recipients(ctx: Ctx, f: MeetingFull) {
  const us = await usersByIds(
    ctx,
    f.participants.filter((p) => p.userId).map((p) => p.userId!),
  )
  const accounts = us.filter((u) => !u.disabledAt).map((u) => ({ name: nameOf(u), email: u.email }))
  const outside = f.participants.filter((p) => p.kind === 'outside' && p.email)
  return { accounts, outside }
}

/**
 * Fix one candidate: the meeting is scheduled for it and everyone gets a mail with the invitation
 * (the .ics link; outside people get a fresh personal link, the earlier one stops working).
 */
export async function fixDate(ctx: Ctx, f: MeetingFull, candidateId: string) {
  const c = f.candidates.find((x) => x.id === candidateId)
  if (!c)
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      candidateId: '決める日時を候補から選んでください',
    })
  if (f.meeting.status === 'held' || f.meeting.status === 'cancelled')
    throw new AppError(409, 'closed', '開催済み・中止の会議の日程は変更できません。')
  return inTransaction(ctx, async (tx) => {
    const [m] = await tx.db
      .update(meetings)
      .set({
        status: 'scheduled',
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        fixedCandidateId: c.id,
        remindedAt: null,
        sequence: f.meeting.sequence + 1,
        updatedAt: new Date(),
      })
      .where(byId(tx, meetings, f.meeting.id))
      .returning()
    await audit(tx, {
      action: 'meeting.fix',
      entityType: 'meeting',
      entityId: m.id,
      changes: { candidateId: c.id, startsAt: c.startsAt.toISOString() },
    })
    const when = whenLabel(c.startsAt, c.endsAt)
    const { accounts, outside } = await recipients(tx, f)
    const text = (link: string, ics: string) => `「${m.title}」の日程が決まりました。

日時：${when}
${m.place ? `場所：${m.place}\n` : ''}${m.agenda ? `\n議題：\n${m.agenda}\n` : ''}
会議のページ：${link}
カレンダーに登録（iCalendar）：${ics}

${tx.municipality.officeName}
`
    for (const u of accounts)
      await sendMail(tx, {
        to: u.email,
        subject: `【${tx.municipality.name}】日程が決まりました：${m.title}`,
        body: `${u.name} 様\n\n${text(meetingUrl(tx, m.id), absoluteUrl(tx, `/meetings/${m.id}.ics`))}`,
      })
    for (const p of outside) {
      const token = randomToken()
      await tx.db
        .update(meetingParticipants)
        .set({ tokenHash: sha256(token), updatedAt: new Date() })
        .where(byId(tx, meetingParticipants, p.id))
      await sendMail(tx, {
        to: p.email,
        subject: `【${tx.municipality.name}】日程が決まりました：${m.title}`,
        body: `${p.name} 様\n\n${text(replyUrl(tx, m.id, token), absoluteUrl(tx, `/meetings/${m.id}.ics?token=${token}`))}\nこのメールのURLはあなた専用です（以前のメールのURLは使えなくなりました）。\n`,
      })
    }
    return m
  })
}

/** Cancel a meeting not yet held (中止): everyone taking part is told by mail. */
export async function cancelMeeting(ctx: Ctx, f: MeetingFull) {
  if (f.meeting.status === 'held' || f.meeting.status === 'cancelled')
    throw new AppError(409, 'closed', '開催済み・中止の会議は中止できません。')
  return inTransaction(ctx, async (tx) => {
    const [m] = await tx.db
      .update(meetings)
      .set({ status: 'cancelled', sequence: f.meeting.sequence + 1, updatedAt: new Date() })
      .where(byId(tx, meetings, f.meeting.id))
      .returning()
    await audit(tx, {
      action: 'meeting.cancel',
      entityType: 'meeting',
      entityId: m.id,
      changes: { status: [f.meeting.status, 'cancelled'] },
    })
    const { accounts, outside } = await recipients(tx, f)
    const when = m.startsAt && m.endsAt ? `日時：${whenLabel(m.startsAt, m.endsAt)}\n` : ''
    for (const r of [...accounts, ...outside])
      await sendMail(tx, {
        to: r.email,
        subject: `【${tx.municipality.name}】会議は中止になりました：${m.title}`,
        body: `${r.name} 様\n\n「${m.title}」は中止になりました。\n${when}カレンダーに登録した方は、予定を削除してください。\n\n${tx.municipality.officeName}\n`,
      })
    return m
  })
}

/** Agenda, minutes and decisions; a scheduled meeting with minutes is 開催済. */
export async function saveMinutes(ctx: Ctx, f: MeetingFull, d: MinutesInput) {
  return inTransaction(ctx, async (tx) => {
    const held = d.minutes.trim() !== '' && f.meeting.status === 'scheduled'
    const now = new Date()
    const [m] = await tx.db
      .update(meetings)
      .set({
        agenda: d.agenda,
        minutes: d.minutes,
        decisions: d.decisions,
        ...(d.minutes.trim() ? { minutedAt: now, minutedBy: tx.actor?.userId ?? null } : {}),
        ...(held ? { status: 'held' } : {}),
        updatedAt: now,
      })
      .where(byId(tx, meetings, f.meeting.id))
      .returning()
    await audit(tx, {
      action: 'meeting.minutes',
      entityType: 'meeting',
      entityId: m.id,
      changes: {
        ...diff(f.meeting as unknown as Record<string, unknown>, {
          agenda: d.agenda,
          minutes: d.minutes,
          decisions: d.decisions,
        }),
        ...(held ? { status: ['scheduled', 'held'] } : {}),
      },
    })
    return m
  })
}

/** People who may own an action item: the accounts taking part and the organiser. */
export const possibleOwners = (f: MeetingFull) => [
  ...new Set([...f.access.userIds, ...(f.meeting.organiserId ? [f.meeting.organiserId] : [])]),
]

export async function addAction(ctx: Ctx, f: MeetingFull, d: ActionInput) {
  if (!possibleOwners(f).includes(d.ownerId))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      ownerId: '担当者は、アカウントのある参加者から選んでください',
    })
  return inTransaction(ctx, async (tx) => {
    const [a] = await tx.db
      .insert(meetingActions)
      .values({
        municipalityId: tx.tenantId,
        meetingId: f.meeting.id,
        title: d.title,
        ownerId: d.ownerId,
        dueOn: d.dueOn,
        createdBy: tx.actor?.userId ?? null,
      })
      .returning()
    await audit(tx, {
      action: 'meeting.action.create',
      entityType: 'meeting_action',
      entityId: a.id,
      changes: { meetingId: f.meeting.id, title: d.title, ownerId: d.ownerId, dueOn: d.dueOn },
    })
    if (d.ownerId !== tx.actor?.userId)
      await notify(tx, [d.ownerId], {
        kind: 'meeting_action',
        title: `対応事項の担当になりました：${d.title}`,
        body: `「${f.meeting.title}」の対応事項です。期限：${d.dueOn}`,
        href: '/meetings/actions',
      })
    return a
  })
}

export async function getAction(ctx: Pick<Ctx, 'db' | 'tenantId'>, meetingId: string, id: string) {
  const [a] = await ctx.db
    .select()
    .from(meetingActions)
    .where(byId(ctx, meetingActions, id))
  return a && a.meetingId === meetingId ? a : null
}

export async function setActionState(ctx: Ctx, a: ActionItem, state: ActionState) {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(meetingActions)
      .set({ state, doneAt: state === 'done' ? new Date() : null, updatedAt: new Date() })
      .where(byId(tx, meetingActions, a.id))
      .returning()
    await audit(tx, {
      action: 'meeting.action.state',
      entityType: 'meeting_action',
      entityId: a.id,
      changes: { state: [a.state, state] },
    })
    return row
  })
}

// ------------------------------------------------------------------ one's action items

export interface MyAction extends ActionItem {
  meetingTitle: string
}

/** A user's action items (open ones first by due date; done ones of the last 90 days). */
export async function actionsOf(
  ctx: Pick<Ctx, 'db' | 'tenantId'>,
  userId: string,
  opts: { open?: boolean } = {},
) {
  const rows = await ctx.db
    .select({ a: meetingActions, meetingTitle: meetings.title })
    .from(meetingActions)
    .innerJoin(
      meetings,
      and(
        eq(meetings.municipalityId, meetingActions.municipalityId),
        eq(meetings.id, meetingActions.meetingId),
      ),
    )
    .where(
      inCity(
        ctx,
        meetingActions,
        eq(meetingActions.ownerId, userId),
        opts.open
          ? ne(meetingActions.state, 'done')
          : or(ne(meetingActions.state, 'done'), gte(meetingActions.doneAt, new Date(Date.now() - 90 * DAY))),
      ),
    )
    .orderBy(asc(meetingActions.dueOn), asc(meetingActions.createdAt))
  return rows.map((r) => ({ ...r.a, meetingTitle: r.meetingTitle })) as MyAction[]
}

/** A user's open action items (for the hand-over to come: 引継ぎ). */
export const openActionsOf = (ctx: Pick<Ctx, 'db' | 'tenantId'>, userId: string) =>
  actionsOf(ctx, userId, { open: true })

/** Open action items owned by a disabled account (no one carries them): for the coordinator's list. */
export async function unheldActions(ctx: Pick<Ctx, 'db' | 'tenantId'>) {
  const rows = await ctx.db
    .select({ a: meetingActions, meetingTitle: meetings.title })
    .from(meetingActions)
    .innerJoin(
      meetings,
      and(
        eq(meetings.municipalityId, meetingActions.municipalityId),
        eq(meetings.id, meetingActions.meetingId),
      ),
    )
    .innerJoin(
      users,
      and(eq(users.municipalityId, meetingActions.municipalityId), eq(users.id, meetingActions.ownerId)),
    )
    .where(inCity(ctx, meetingActions, ne(meetingActions.state, 'done'), isNotNull(users.disabledAt)))
    .orderBy(asc(meetingActions.dueOn))
  return rows.map((r) => ({ ...r.a, meetingTitle: r.meetingTitle })) as MyAction[]
}

/** Groups taking part in these meetings (told who their new contact is at a hand-over). */
export async function groupsOfMeetings(ctx: Pick<Ctx, 'db' | 'tenantId'>, meetingIds: string[]) {
  const out = new Map<string, string[]>()
  if (!meetingIds.length) return out
  const rows = await ctx.db
    .select({ meetingId: meetingParticipants.meetingId, groupId: meetingParticipants.groupId })
    .from(meetingParticipants)
    .where(
      inCity(
        ctx,
        meetingParticipants,
        inArray(meetingParticipants.meetingId, meetingIds),
        isNotNull(meetingParticipants.groupId),
      ),
    )
  for (const r of rows) out.set(r.meetingId, [...new Set([...(out.get(r.meetingId) ?? []), r.groupId!])])
  return out
}

/**
 * Give open action items to a successor, inside the caller's transaction: `ids` held by `from`, or
 * (from = null) held by no one (a disabled account). The successor becomes the owner and a
 * participant of each meeting, so they can read its history; each move is audited. Returns how
 * many moved.
 */
export async function moveActions(ctx: Ctx, ids: string[], from: string | null, toUserId: string) {
  if (!ids.length) return 0
  const [to] = await usersByIds(ctx, [toUserId])
  if (!to || to.disabledAt) throw notFound('引継ぎ先の職員')
  const candidates = from ? await openActionsOf(ctx, from) : await unheldActions(ctx)
  const open = candidates.filter((a) => ids.includes(a.id))
  for (const a of open) {
    await ctx.db
      .update(meetingActions)
      .set({ ownerId: toUserId, overdueMailedAt: null, updatedAt: new Date() })
      .where(byId(ctx, meetingActions, a.id))
    const [already] = await ctx.db
      .select({ id: meetingParticipants.id })
      .from(meetingParticipants)
      .where(
        inCity(
          ctx,
          meetingParticipants,
          eq(meetingParticipants.meetingId, a.meetingId),
          eq(meetingParticipants.userId, toUserId),
        ),
      )
    if (!already)
      await ctx.db.insert(meetingParticipants).values({
        municipalityId: ctx.tenantId,
        meetingId: a.meetingId,
        kind: 'user',
        userId: toUserId,
        name: nameOf(to),
      })
    await audit(ctx, {
      action: 'meeting.action.reassign',
      entityType: 'meeting_action',
      entityId: a.id,
      changes: { ownerId: [a.ownerId, toUserId], meetingId: a.meetingId },
    })
  }
  return open.length
}

/**
 * Hand a user's open action items (all, or those named) to a successor (see moveActions); one
 * transaction.
 */
export async function reassignActions(ctx: Ctx, fromUserId: string, toUserId: string, ids?: string[]) {
  return inTransaction(ctx, async (tx) => {
    const all = ids ?? (await openActionsOf(tx, fromUserId)).map((a) => a.id)
    return moveActions(tx, all, fromUserId, toUserId)
  })
}

/** Meetings still being scheduled where the actor has not marked yet. */
export async function awaitingMyMarks(ctx: Ctx & { actor: { userId: string } }) {
  const rows = await ctx.db
    .select({ id: meetings.id, title: meetings.title, participantId: meetingParticipants.id })
    .from(meetingParticipants)
    .innerJoin(
      meetings,
      and(
        eq(meetings.municipalityId, meetingParticipants.municipalityId),
        eq(meetings.id, meetingParticipants.meetingId),
      ),
    )
    .where(
      inCity(
        ctx,
        meetingParticipants,
        eq(meetingParticipants.userId, ctx.actor.userId),
        eq(meetings.status, 'scheduling'),
        sql`NOT EXISTS (SELECT 1 FROM meeting_marks mm WHERE mm.municipality_id = ${meetingParticipants.municipalityId} AND mm.participant_id = ${meetingParticipants.id})`,
      ),
    )
  return rows
}

// ------------------------------------------------------------------ jobs

/** The reminder the day before: scheduled meetings starting within 24 hours, mailed once per date. */
export async function sendMeetingReminders(ctx: Ctx, now = new Date()) {
  const soon = await ctx.db
    .select()
    .from(meetings)
    .where(
      inCity(
        ctx,
        meetings,
        eq(meetings.status, 'scheduled'),
        isNull(meetings.remindedAt),
        gte(meetings.startsAt, now),
        lte(meetings.startsAt, new Date(now.getTime() + DAY)),
      ),
    )
  let sent = 0
  for (const m of soon) {
    const f = await loadMeeting(ctx, m.id)
    if (!f) continue
    const { accounts, outside } = await recipients(ctx, f)
    for (const r of [...accounts, ...outside]) {
      await sendMail(ctx, {
        to: r.email,
        subject: `【${ctx.municipality.name}】明日の会議のご案内：${m.title}`,
        body: `${r.name} 様

「${m.title}」のご案内です。

日時：${whenLabel(m.startsAt!, m.endsAt!)}
${m.place ? `場所：${m.place}\n` : ''}${m.agenda ? `\n議題：\n${m.agenda}\n` : ''}
${ctx.municipality.officeName}
`,
      })
      sent++
    }
    await ctx.db
      .update(meetings)
      .set({ remindedAt: now })
      .where(byId(ctx, meetings, m.id))
  }
  if (sent)
    await audit(ctx, {
      action: 'meeting.remind',
      entityType: 'meeting',
      entityId: '',
      changes: { mails: sent },
    })
  return sent
}

/** An action item past its due date and not done: its owner is mailed once. */
export async function mailOverdueActions(ctx: Ctx, now = new Date()) {
  const today = ymdInTokyo(now)
  const rows = await ctx.db
    .select({ a: meetingActions, meetingTitle: meetings.title })
    .from(meetingActions)
    .innerJoin(
      meetings,
      and(
        eq(meetings.municipalityId, meetingActions.municipalityId),
        eq(meetings.id, meetingActions.meetingId),
      ),
    )
    .where(
      inCity(
        ctx,
        meetingActions,
        ne(meetingActions.state, 'done'),
        lt(meetingActions.dueOn, today),
        isNull(meetingActions.overdueMailedAt),
      ),
    )
  let mailed = 0
  const owners = new Map(
    (
      await usersByIds(
        ctx,
        rows.map((r) => r.a.ownerId),
      )
    ).map((u) => [u.id, u]),
  )
  for (const { a, meetingTitle } of rows) {
    const u = owners.get(a.ownerId)
    if (u && !u.disabledAt) {
      await sendMail(ctx, {
        to: u.email,
        subject: `【${ctx.municipality.name}】期限を過ぎた対応事項：${a.title}`,
        body: `${nameOf(u)} 様

「${meetingTitle}」の対応事項の期限（${a.dueOn}）が過ぎています。状態：${actionStateLabel(a.state)}

対応事項：${a.title}
自分の対応事項：${absoluteUrl(ctx, '/meetings/actions')}

${ctx.municipality.officeName}
`,
      })
      mailed++
    }
    await ctx.db
      .update(meetingActions)
      .set({ overdueMailedAt: now })
      .where(byId(ctx, meetingActions, a.id))
  }
  if (rows.length)
    await audit(ctx, {
      action: 'meeting.action.overdue',
      entityType: 'meeting_action',
      entityId: '',
      changes: { items: rows.length, mailed },
    })
  return mailed
}

/**
 * Outside people's addresses and links are erased OUTSIDE_RETENTION_DAYS after their meeting (its
 * end, or its creation when no date was fixed); their name and organisation stay in the record.
 */
export async function purgeOutsideContacts(ctx: Ctx, now = new Date()) {
  const before = new Date(now.getTime() - OUTSIDE_RETENTION_DAYS * DAY)
  const old = await ctx.db
    .select({ id: meetings.id })
    .from(meetings)
    .where(inCity(ctx, meetings, lt(sql`coalesce(${meetings.endsAt}, ${meetings.createdAt})`, before)))
  if (!old.length) return 0
  const gone = await ctx.db
    .update(meetingParticipants)
    .set({ email: '', tokenHash: null, updatedAt: now })
    .where(
      inCity(
        ctx,
        meetingParticipants,
        eq(meetingParticipants.kind, 'outside'),
        inArray(
          meetingParticipants.meetingId,
          old.map((m) => m.id),
        ),
        ne(meetingParticipants.email, ''),
      ),
    )
    .returning({ id: meetingParticipants.id })
  if (gone.length)
    await audit(ctx, {
      action: 'meeting.outside.purge',
      entityType: 'meeting_participant',
      entityId: '',
      changes: { count: gone.length, retentionDays: OUTSIDE_RETENTION_DAYS },
    })
  return gone.length
}
