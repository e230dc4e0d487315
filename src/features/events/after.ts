import { eq, gte, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm'
import { audit } from '../../core/audit/index.ts'
import { randomToken, safeEqual, sha256 } from '../../core/auth/crypto.ts'
import type { Ctx } from '../../core/context.ts'
import { idSet, setLinks } from '../../core/db/links.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { AppError } from '../../core/errors.ts'
import { sendMail } from '../../core/mail/index.ts'
import { groupNames } from '../groups/index.ts'
import { createMeetingPairing } from '../matching/index.ts'
import { lookups } from '../needs/index.ts'
import { type PairSuggestion, pairSuggestions } from './calls.ts'
import {
  eventColumns,
  metDepartmentLinks,
  metGroupLinks,
  type SurveyAnswer,
  surveyAnswerColumns,
} from './columns.ts'
import { EVENT_DATA_RETENTION_DAYS } from './domain.ts'
import { programmeOf } from './programme.ts'
import { eventPairings, eventRegistrations, eventSurveyAnswers, events } from './schema.ts'
import { baseUrl, type EventRow, eventWhen } from './service.ts'

/** After the event: the questionnaire (token links mailed to registrants) and the pairings it leads to. */

export type { SurveyAnswer }
const DAY = 86_400_000

/** Who took part on the stage: presenting groups and departments, and the organisers. */
export async function eventParticipants(ctx: Ctx, e: EventRow) {
  const prog = await programmeOf(ctx, e.id)
  const groupIds = [
    ...new Set([...prog.map((p) => p.groupId).filter(Boolean), ...e.organiserGroupIds]),
  ] as string[]
  const departmentIds = [
    ...new Set([...prog.map((p) => p.departmentId).filter(Boolean), ...e.organiserDepartmentIds]),
  ] as string[]
  const [gs, lk] = await Promise.all([groupNames(ctx, groupIds), lookups(ctx)])
  return {
    groups: groupIds.map((id) => ({ id, name: gs.get(id) ?? '' })).filter((g) => g.name),
    departments: departmentIds.map((id) => ({ id, name: lk.depName(id) })).filter((d) => d.name),
  }
}

/**
 * Mail the questionnaire link to every registered person of an event that has started, once each.
 * Only the token's hash is kept. Returns how many were mailed.
 */
export async function sendSurveys(ctx: Ctx, e: EventRow, now = new Date()) {
  if (e.startsAt.getTime() > now.getTime())
    throw new AppError(409, 'too_early', 'アンケートはイベントが始まってから送れます。')
  const rs = await ctx.db
    .select()
    .from(eventRegistrations)
    .where(
      inCity(
        ctx,
        eventRegistrations,
        eq(eventRegistrations.eventId, e.id),
        eq(eventRegistrations.status, 'registered'),
        isNull(eventRegistrations.surveySentAt),
        isNull(eventRegistrations.purgedAt),
        ne(eventRegistrations.email, ''),
      ),
    )
  let sent = 0
  for (const r of rs) {
    const token = randomToken()
    await ctx.db
      .update(eventRegistrations)
      .set({ surveyTokenHash: sha256(token), surveySentAt: now })
      .where(byId(ctx, eventRegistrations, r.id))
    await sendMail(ctx, {
      to: r.email,
      subject: `【${ctx.municipality.name}】アンケートのお願い：${e.title}`,
      body: `${r.name} 様\n\n「${e.title}」（${eventWhen(e)}）にお申込みいただき、ありがとうございました。\n今後の交流の場づくりのため、1分ほどのアンケートにご協力ください（アカウントは不要です）。\n\n${baseUrl(ctx)}/events/${e.id}/survey?r=${r.id}&token=${token}\n\nこのURLはあなただけのものです。回答は主催者と協働推進課だけが見ます。\n\n${ctx.municipality.officeName}\n`,
    })
    sent++
  }
  if (sent)
    await audit(ctx, {
      action: 'event.survey.send',
      entityType: 'event',
      entityId: e.id,
      changes: { mailed: sent },
    })
  return sent
}

/** The job: events that ended within the last 7 days get their questionnaire mailed. */
export async function sendDueSurveys(ctx: Ctx, now = new Date()) {
  const due = await ctx.db
    .select(eventColumns)
    .from(events)
    .where(
      inCity(
        ctx,
        events,
        inArray(events.status, ['open', 'closed', 'held']),
        lt(events.endsAt, now),
        gte(events.endsAt, new Date(now.getTime() - 7 * DAY)),
      ),
    )
  let n = 0
  for (const e of due) n += await sendSurveys(ctx, e, now)
  return n
}

/** The registration a questionnaire link names, if the token matches. */
export async function surveyByToken(ctx: Ctx, eventId: string, registrationId: string, token: string) {
  const [r] = await ctx.db
    .select()
    .from(eventRegistrations)
    .where(
      inCity(
        ctx,
        eventRegistrations,
        eq(eventRegistrations.id, registrationId),
        eq(eventRegistrations.eventId, eventId),
      ),
    )
  if (!r?.surveyTokenHash || !token || !safeEqual(sha256(token), r.surveyTokenHash)) return null
  const [answer] = await ctx.db
    .select(surveyAnswerColumns)
    .from(eventSurveyAnswers)
    .where(inCity(ctx, eventSurveyAnswers, eq(eventSurveyAnswers.registrationId, r.id)))
  return { r, answer: answer ?? null }
}

/** Save (or change) the answer of one registration, with whom the participant met (join tables). */
export async function saveAnswer(
  ctx: Ctx,
  e: EventRow,
  registrationId: string,
  d: { satisfaction: number; metGroupIds: string[]; metDepartmentIds: string[]; comment: string },
): Promise<SurveyAnswer> {
  const { metGroupIds, metDepartmentIds, ...cols } = d
  const met = { metGroupIds: idSet(metGroupIds), metDepartmentIds: idSet(metDepartmentIds) }
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db
      .select({ id: eventSurveyAnswers.id })
      .from(eventSurveyAnswers)
      .where(inCity(tx, eventSurveyAnswers, eq(eventSurveyAnswers.registrationId, registrationId)))
    const [a] = before
      ? await tx.db
          .update(eventSurveyAnswers)
          .set({ ...cols, updatedAt: new Date() })
          .where(byId(tx, eventSurveyAnswers, before.id))
          .returning()
      : await tx.db
          .insert(eventSurveyAnswers)
          .values({ ...cols, municipalityId: tx.tenantId, eventId: e.id, registrationId })
          .returning()
    await setLinks(tx, metGroupLinks, a.id, met.metGroupIds)
    await setLinks(tx, metDepartmentLinks, a.id, met.metDepartmentIds)
    // the comment is free text: it is not copied into the audit log
    await audit(tx, {
      action: before ? 'event.survey.update' : 'event.survey.answer',
      entityType: 'event_survey_answer',
      entityId: a.id,
      changes: {
        satisfaction: d.satisfaction,
        metGroups: met.metGroupIds.length,
        metDepartments: met.metDepartmentIds.length,
      },
    })
    return { ...a, ...met }
  })
}

export async function answersOf(ctx: Ctx, eventId: string) {
  return ctx.db
    .select(surveyAnswerColumns)
    .from(eventSurveyAnswers)
    .where(inCity(ctx, eventSurveyAnswers, eq(eventSurveyAnswers.eventId, eventId)))
    .orderBy(eventSurveyAnswers.createdAt)
}

export async function eventPairingsOf(ctx: Pick<Ctx, 'db' | 'tenantId'>, eventId: string) {
  return ctx.db
    .select()
    .from(eventPairings)
    .where(inCity(ctx, eventPairings, eq(eventPairings.eventId, eventId)))
}

/** How many pairings started from the event (shown on its page). */
export async function pairingCount(ctx: Pick<Ctx, 'db' | 'tenantId'>, eventId: string) {
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(eventPairings)
    .where(inCity(ctx, eventPairings, eq(eventPairings.eventId, eventId)))
  return Number(r?.n ?? 0)
}

export interface Outcomes {
  answers: SurveyAnswer[]
  average: number | null
  distribution: number[]
  suggestions: (PairSuggestion & { groupName: string; departmentName: string; pairingId: string | null })[]
  sent: number
}

/** The questionnaire's summary and "group X met department Y" (the answers and the programme). */
export async function outcomes(ctx: Ctx, e: EventRow): Promise<Outcomes> {
  const [answers, part, made, sentRows] = await Promise.all([
    answersOf(ctx, e.id),
    eventParticipants(ctx, e),
    eventPairingsOf(ctx, e.id),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(eventRegistrations)
      .where(
        inCity(
          ctx,
          eventRegistrations,
          eq(eventRegistrations.eventId, e.id),
          sql`${eventRegistrations.surveySentAt} is not null`,
        ),
      ),
  ])
  const raw = pairSuggestions(answers, {
    groupIds: part.groups.map((g) => g.id),
    departmentIds: part.departments.map((d) => d.id),
  })
  const gs = await groupNames(ctx, [...new Set(raw.map((s) => s.groupId))])
  const lk = await lookups(ctx)
  const distribution = [1, 2, 3, 4, 5].map((k) => answers.filter((a) => a.satisfaction === k).length)
  return {
    answers,
    average: answers.length ? answers.reduce((s, a) => s + a.satisfaction, 0) / answers.length : null,
    distribution,
    sent: Number(sentRows[0]?.n ?? 0),
    suggestions: raw
      .map((s) => ({
        ...s,
        groupName: gs.get(s.groupId) ?? '',
        departmentName: lk.depName(s.departmentId),
        pairingId:
          made.find((m) => m.groupId === s.groupId && m.departmentId === s.departmentId)?.pairingId ?? null,
      }))
      .filter((s) => s.groupName && s.departmentName),
  }
}

/**
 * Put "group X ↔ department Y" on the coordination board as a candidate, from the event. Only
 * a pair the event connects (the programme, the organisers or an answer) is accepted.
 */
export async function pairingFromEvent(ctx: Ctx, e: EventRow, groupId: string, departmentId: string) {
  const o = await outcomes(ctx, e)
  const s = o.suggestions.find((x) => x.groupId === groupId && x.departmentId === departmentId)
  if (!s)
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      _: 'このイベントで出会った団体と課の組み合わせを一覧から選んでください',
    })
  if (s.pairingId) return { pairingId: s.pairingId, created: false }
  return inTransaction(ctx, async (tx) => {
    const source = `イベント「${e.title}」で出会った${s.answers ? `（アンケート${s.answers}件）` : ''}${s.together ? '（同じプログラムに参加）' : ''}`
    const { pairing, created } = await createMeetingPairing(tx, { groupId, departmentId, source })
    await tx.db
      .insert(eventPairings)
      .values({
        municipalityId: tx.tenantId,
        eventId: e.id,
        pairingId: pairing.id,
        groupId,
        departmentId,
        createdBy: tx.actor?.userId ?? null,
      })
      .onConflictDoNothing()
    await audit(tx, {
      action: 'event.pairing.create',
      entityType: 'event',
      entityId: e.id,
      changes: { pairingId: pairing.id, groupId, departmentId, newPairing: created },
    })
    return { pairingId: pairing.id, created: true }
  })
}

/**
 * With the registrants' personal data (EVENT_DATA_RETENTION_DAYS after the event): the answers'
 * comments are cleared and the questionnaire tokens dropped; the scores and the pairs stay.
 */
export async function purgeSurveyData(ctx: Ctx, now = new Date()) {
  const before = new Date(now.getTime() - EVENT_DATA_RETENTION_DAYS * DAY)
  const old = await ctx.db
    .select({ id: events.id })
    .from(events)
    .where(inCity(ctx, events, lt(events.endsAt, before)))
  const eventIds = old.map((e) => e.id)
  if (!eventIds.length) return 0
  await ctx.db
    .update(eventRegistrations)
    .set({ surveyTokenHash: null })
    .where(
      inCity(
        ctx,
        eventRegistrations,
        inArray(eventRegistrations.eventId, eventIds),
        isNotNull(eventRegistrations.surveyTokenHash),
      ),
    )
  const r = await ctx.db
    .update(eventSurveyAnswers)
    .set({ comment: '', updatedAt: now })
    .where(
      inCity(
        ctx,
        eventSurveyAnswers,
        inArray(eventSurveyAnswers.eventId, eventIds),
        ne(eventSurveyAnswers.comment, ''),
      ),
    )
    .returning({ id: eventSurveyAnswers.id })
  if (r.length)
    await audit(ctx, {
      action: 'event.survey.purge',
      entityType: 'event_survey_answer',
      entityId: '',
      changes: { count: r.length, retentionDays: EVENT_DATA_RETENTION_DAYS },
    })
  return r.length
}
