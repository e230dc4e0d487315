import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import type { Ctx } from '../../core/context.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { AppError } from '../../core/errors.ts'
import { DOCUMENT_RULE, deleteFile, getFile, putFile } from '../../core/storage.ts'
import { can } from '../../core/policy.ts'
import { groupMemberIds, groupNames, groupRolesOf } from '../groups/index.ts'
import { lookups } from '../needs/index.ts'
import { coordinatorIds, departmentStaffIds, notify } from '../notifications/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { type ApplicationInput, type CallInput, callIsOpen, deadlineMoment, type Slot } from './calls.ts'
import { eventColumns } from './columns.ts'
import { hmInTokyo } from './domain.ts'
import { eventApplications, eventCalls, eventMaterials, events } from './schema.ts'
import type { EventRow } from './service.ts'

/** Calls for presenters, applications (with the hearing), the programme and the materials. */

export type EventCall = typeof eventCalls.$inferSelect
export type Application = typeof eventApplications.$inferSelect
export type Material = typeof eventMaterials.$inferSelect
export type NamedApplication = Application & { name: string }

const invalid = (fields: Record<string, string>) =>
  new AppError(422, 'validation', '入力内容に誤りがあります。', fields)

// ------------------------------------------------------------------ the call

export async function getCall(ctx: Pick<Ctx, 'db' | 'tenantId'>, eventId: string): Promise<EventCall | null> {
  const [c] = await ctx.db
    .select()
    .from(eventCalls)
    .where(inCity(ctx, eventCalls, eq(eventCalls.eventId, eventId)))
  return c ?? null
}

/** Open the call (or change it): theme, the message, whom it asks, the deadline, open/closed. */
export async function saveCall(ctx: Ctx, e: EventRow, d: CallInput): Promise<EventCall> {
  const deadline = deadlineMoment(d.deadline)
  if (deadline && deadline.getTime() > e.startsAt.getTime())
    throw invalid({ deadline: '応募締切はイベントの開始日までの日付を入力してください' })
  const values = {
    theme: d.theme || e.theme,
    message: d.message,
    acceptsGroups: d.accepts.includes('groups'),
    acceptsDepartments: d.accepts.includes('departments'),
    deadline,
    status: d.status,
  }
  return inTransaction(ctx, async (tx) => {
    const before = await getCall(tx, e.id)
    const [c] = before
      ? await tx.db
          .update(eventCalls)
          .set({ ...values, updatedAt: new Date() })
          .where(byId(tx, eventCalls, before.id))
          .returning()
      : await tx.db
          .insert(eventCalls)
          .values({
            ...values,
            municipalityId: tx.tenantId,
            eventId: e.id,
            createdBy: tx.actor?.userId ?? null,
          })
          .returning()
    await audit(tx, {
      action: before ? 'event.call.update' : 'event.call.open',
      entityType: 'event_call',
      entityId: c.id,
      changes: diff(before as Record<string, unknown> | null, values),
    })
    return c
  })
}

// ------------------------------------------------------------------ applications

/** The groups and departments the actor may apply for, as the form's choices ("group:<id>"). */
export async function applyChoices(ctx: Ctx, call: EventCall) {
  const a = ctx.actor
  if (!a) return []
  const gIds = call.acceptsGroups ? Object.keys(groupRolesOf(a)) : []
  const dIds = call.acceptsDepartments ? departmentIdsOf(a) : []
  const [gs, lk] = await Promise.all([groupNames(ctx, gIds), lookups(ctx)])
  return [
    ...gIds.map((id) => ({ value: `group:${id}`, label: `${gs.get(id) ?? ''}（発表団体として）` })),
    ...dIds.map((id) => ({ value: `department:${id}`, label: `${lk.depName(id)}（説明担当課として）` })),
  ]
}

async function named(ctx: Ctx, rows: Application[]): Promise<NamedApplication[]> {
  const [gs, lk] = await Promise.all([
    groupNames(ctx, rows.map((r) => r.groupId).filter(Boolean) as string[]),
    lookups(ctx),
  ])
  return rows.map((r) => ({
    ...r,
    name: r.groupId ? (gs.get(r.groupId) ?? '') : lk.depName(r.departmentId ?? ''),
  }))
}

/** Every application of an event (the caller has checked event.call.manage). */
export async function listApplications(ctx: Ctx, eventId: string) {
  const rows = await ctx.db
    .select()
    .from(eventApplications)
    .where(inCity(ctx, eventApplications, eq(eventApplications.eventId, eventId)))
    .orderBy(asc(eventApplications.createdAt), asc(eventApplications.id))
  return named(ctx, rows)
}

/** The applications of the actor's own groups and departments for this event. */
export async function myApplications(ctx: Ctx, eventId: string) {
  const all = await listApplications(ctx, eventId)
  return all.filter((x) => can(ctx.actor, 'event.application.view', x) && !isCoordinatorLike(ctx))
}
const isCoordinatorLike = (ctx: Ctx) => !!ctx.actor && (ctx.actor.isCoordinator || ctx.actor.isAdmin)

export async function getApplication(ctx: Ctx, eventId: string, id: string) {
  const [r] = await ctx.db
    .select()
    .from(eventApplications)
    .where(
      inCity(ctx, eventApplications, eq(eventApplications.id, id), eq(eventApplications.eventId, eventId)),
    )
  return r ? (await named(ctx, [r]))[0] : null
}

/** Apply for a group (its member) or a department (its staff) while the call is open. */
export async function apply(ctx: Ctx, e: EventRow, call: EventCall, d: ApplicationInput, now = new Date()) {
  if (!callIsOpen(call, now))
    throw new AppError(409, 'call_closed', 'この募集は締め切りました。申込みはできません。')
  const choices = await applyChoices(ctx, call)
  if (!choices.some((c) => c.value === d.as))
    throw invalid({ as: '申し込む団体・課を一覧から選んでください' })
  const [kind, ref] = d.as.split(':') as ['group' | 'department', string]
  const app = await inTransaction(ctx, async (tx) => {
    const [dup] = await tx.db
      .select({ id: eventApplications.id })
      .from(eventApplications)
      .where(
        inCity(
          tx,
          eventApplications,
          eq(eventApplications.eventId, e.id),
          kind === 'group' ? eq(eventApplications.groupId, ref) : eq(eventApplications.departmentId, ref),
        ),
      )
    if (dup)
      throw invalid({
        as: 'この団体・課はすでに申し込んでいます。内容を変えるときはコーディネーターに連絡してください',
      })
    const [r] = await tx.db
      .insert(eventApplications)
      .values({
        municipalityId: tx.tenantId,
        eventId: e.id,
        callId: call.id,
        kind,
        groupId: kind === 'group' ? ref : null,
        departmentId: kind === 'department' ? ref : null,
        title: d.title,
        summary: d.summary,
        minutes: Number(d.minutes),
        applicantUserId: tx.actor?.userId ?? null,
      })
      .returning()
    await audit(tx, {
      action: 'event.application.create',
      entityType: 'event_application',
      entityId: r.id,
      changes: diff(null, { eventId: e.id, kind, ref, title: d.title, minutes: d.minutes }),
    })
    const [n] = await named(tx, [r])
    await notify(tx, await coordinatorIds(tx), {
      kind: 'event',
      title: `発表・説明の申込がありました：${n.name}（${e.title}）`,
      body: `${n.name}：${d.title}（${d.minutes}分）`,
      href: `/events/${e.id}/applications/${r.id}`,
    })
    return n
  })
  return app
}

/** The coordinator selects or declines (the applicant is told when the programme is published). */
export async function decide(ctx: Ctx, a: Application, d: { status: string; decisionNote: string }) {
  return inTransaction(ctx, async (tx) => {
    const set = {
      status: d.status,
      decisionNote: d.decisionNote,
      ...(d.status !== 'selected' ? { slotOrder: null, slotStartsAt: null, slotMinutes: null } : {}),
      updatedAt: new Date(),
    }
    const [r] = await tx.db
      .update(eventApplications)
      .set(set)
      .where(byId(tx, eventApplications, a.id))
      .returning()
    await audit(tx, {
      action: 'event.application.decide',
      entityType: 'event_application',
      entityId: a.id,
      changes: diff(a as unknown as Record<string, unknown>, {
        status: d.status,
        decisionNote: d.decisionNote,
      }),
    })
    return r
  })
}

/** The hearing (ヒアリング) before the event: the day it was held and what was learned. */
export async function recordHearing(
  ctx: Ctx,
  a: Application,
  d: { hearingOn: string | null; hearingNotes: string },
) {
  return inTransaction(ctx, async (tx) => {
    const [r] = await tx.db
      .update(eventApplications)
      .set({ hearingOn: d.hearingOn, hearingNotes: d.hearingNotes, updatedAt: new Date() })
      .where(byId(tx, eventApplications, a.id))
      .returning()
    await audit(tx, {
      action: 'event.application.hearing',
      entityType: 'event_application',
      entityId: a.id,
      changes: diff({ hearingOn: a.hearingOn, hearingNotes: a.hearingNotes }, d),
    })
    return r
  })
}

/** Save the order and times of the selected applications (slots from calls.fillSlots). */
export async function saveProgramme(ctx: Ctx, e: EventRow, slots: Slot[]) {
  return inTransaction(ctx, async (tx) => {
    const selected = (await listApplications(tx, e.id)).filter((x) => x.status === 'selected')
    const ids = new Set(selected.map((x) => x.id))
    for (const s of slots) {
      if (!ids.has(s.id)) continue
      await tx.db
        .update(eventApplications)
        .set({ slotOrder: s.order, slotStartsAt: s.startsAt, slotMinutes: s.minutes, updatedAt: new Date() })
        .where(byId(tx, eventApplications, s.id))
    }
    await audit(tx, {
      action: 'event.programme.save',
      entityType: 'event',
      entityId: e.id,
      changes: {
        slots: slots
          .filter((s) => ids.has(s.id))
          .map((s) => `${s.order}. ${hmInTokyo(s.startsAt)} ${s.minutes}分 ${s.id}`),
      },
    })
  })
}

/** The published programme: selected applications in order (public once published). */
export async function programmeOf(ctx: Ctx, eventId: string) {
  const all = await listApplications(ctx, eventId)
  return all
    .filter((x) => x.status === 'selected')
    .sort(
      (a, b) =>
        (a.slotOrder ?? 1000) - (b.slotOrder ?? 1000) ||
        (a.slotStartsAt?.getTime() ?? 0) - (b.slotStartsAt?.getTime() ?? 0) ||
        a.createdAt.getTime() - b.createdAt.getTime(),
    )
}

async function applicantIds(ctx: Ctx, a: Application) {
  return a.groupId ? groupMemberIds(ctx, a.groupId) : departmentStaffIds(ctx, a.departmentId ?? '')
}

/**
 * Publish the programme on the event page; every applicant whose result is new since they were
 * last told hears it (a notice and a mail): the slot when selected, the coordinator's words when not.
 */
export async function publishProgramme(ctx: Ctx, e: EventRow, call: EventCall) {
  const all = await listApplications(ctx, e.id)
  const selected = all.filter((x) => x.status === 'selected')
  if (!selected.length)
    throw invalid({ _: '選定した申込がありません。申込を「選定」にしてから公開してください' })
  const unslotted = selected.filter((x) => !x.slotStartsAt)
  if (unslotted.length)
    throw invalid({
      _: `プログラムの時間が決まっていない申込があります（${unslotted.map((x) => x.name).join('、')}）。「プログラムを保存」を先に押してください`,
    })
  return inTransaction(ctx, async (tx) => {
    const now = new Date()
    await tx.db
      .update(eventCalls)
      .set({ programmePublishedAt: now, updatedAt: now })
      .where(byId(tx, eventCalls, call.id))
    await audit(tx, {
      action: 'event.programme.publish',
      entityType: 'event',
      entityId: e.id,
      changes: { selected: selected.length, first: !call.programmePublishedAt },
    })
    let told = 0
    for (const a of all) {
      if (a.status === 'applied') continue
      if (a.toldAt && a.toldAt.getTime() >= a.updatedAt.getTime()) continue
      const title =
        a.status === 'selected'
          ? `発表・説明が決まりました：${e.title}`
          : `発表・説明の申込の結果：${e.title}`
      const body =
        a.status === 'selected'
          ? `${a.name}の「${a.title}」をプログラムに入れました。\n時間：${hmInTokyo(a.slotStartsAt!)}から${a.slotMinutes}分（${a.slotOrder}番目）\n${a.decisionNote}`
          : `${a.name}の「${a.title}」は、今回は見送りとなりました。\n${a.decisionNote}`
      await notify(tx, await applicantIds(tx, a), {
        kind: 'event',
        title,
        body: body.trim(),
        href: `/events/${e.id}/applications/${a.id}`,
      })
      await tx.db
        .update(eventApplications)
        .set({ toldAt: new Date(Date.now() + 1) })
        .where(byId(tx, eventApplications, a.id))
      told++
    }
    return told
  })
}

/** Calls of the city for the coordinator's list, with their counts. */
export async function callsOverview(ctx: Ctx) {
  const calls = await ctx.db
    .select({ call: eventCalls, event: eventColumns })
    .from(eventCalls)
    .innerJoin(
      events,
      and(eq(events.id, eventCalls.eventId), eq(events.municipalityId, eventCalls.municipalityId)),
    )
    .where(inCity(ctx, eventCalls))
    .orderBy(desc(events.startsAt))
  const apps = calls.length
    ? await ctx.db
        .select({ eventId: eventApplications.eventId, status: eventApplications.status })
        .from(eventApplications)
        .where(
          inCity(
            ctx,
            eventApplications,
            inArray(
              eventApplications.eventId,
              calls.map((c) => c.event.id),
            ),
          ),
        )
    : []
  return calls.map(({ call, event }) => ({
    call,
    event,
    applied: apps.filter((a) => a.eventId === event.id).length,
    selected: apps.filter((a) => a.eventId === event.id && a.status === 'selected').length,
    waiting: apps.filter((a) => a.eventId === event.id && a.status === 'applied').length,
  }))
}

/** Open calls the actor may apply to (for the home page). */
export async function openCallsFor(ctx: Ctx) {
  const rows = await ctx.db
    .select({ call: eventCalls, event: eventColumns })
    .from(eventCalls)
    .innerJoin(
      events,
      and(eq(events.id, eventCalls.eventId), eq(events.municipalityId, eventCalls.municipalityId)),
    )
    .where(inCity(ctx, eventCalls, eq(eventCalls.status, 'open')))
    .orderBy(asc(events.startsAt))
  return rows.filter(
    (r) =>
      callIsOpen(r.call) && can(ctx.actor, 'event.view', r.event) && can(ctx.actor, 'event.apply', r.call),
  )
}

// ------------------------------------------------------------------ materials

export async function listMaterials(ctx: Ctx, eventId: string) {
  return ctx.db
    .select()
    .from(eventMaterials)
    .where(inCity(ctx, eventMaterials, eq(eventMaterials.eventId, eventId)))
    .orderBy(asc(eventMaterials.createdAt))
}

export async function getMaterial(ctx: Ctx, eventId: string, id: string) {
  const [m] = await ctx.db
    .select()
    .from(eventMaterials)
    .where(inCity(ctx, eventMaterials, eq(eventMaterials.id, id), eq(eventMaterials.eventId, eventId)))
  return m ?? null
}

/** Materials are public with the programme (or after the event); before that, the presenter's side and the coordinator. */
export const materialsPublic = (call: EventCall | null, e: EventRow, now = new Date()) =>
  !!call?.programmePublishedAt || e.endsAt.getTime() <= now.getTime()

export async function addMaterial(ctx: Ctx, e: EventRow, a: Application | null, file: File, title: string) {
  const stored = await putFile(ctx.config, ctx.tenantId, file, DOCUMENT_RULE, '資料')
  return inTransaction(ctx, async (tx) => {
    const [m] = await tx.db
      .insert(eventMaterials)
      .values({
        municipalityId: tx.tenantId,
        eventId: e.id,
        applicationId: a?.id ?? null,
        title: title || stored.fileName,
        storageKey: stored.key,
        fileName: stored.fileName,
        mimeType: stored.mimeType,
        size: stored.size,
        uploadedBy: tx.actor?.userId ?? null,
      })
      .returning()
    await audit(tx, {
      action: 'event.material.add',
      entityType: 'event_material',
      entityId: m.id,
      changes: diff(null, { eventId: e.id, applicationId: a?.id ?? null, title: m.title, size: m.size }),
    })
    return m
  })
}

export const readMaterial = (ctx: Ctx, m: Material) => getFile(ctx.config, m.storageKey)

export async function deleteMaterial(ctx: Ctx, m: Material) {
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(eventMaterials).where(byId(tx, eventMaterials, m.id))
    await audit(tx, {
      action: 'event.material.delete',
      entityType: 'event_material',
      entityId: m.id,
      changes: { title: [m.title, null] },
    })
  })
  await deleteFile(ctx.config, m.storageKey)
}

/** Applications that have materials (ids), for the programme view. */
export async function applicationsWithMaterials(ctx: Ctx, eventId: string) {
  const rows = await ctx.db
    .select({ id: eventMaterials.applicationId })
    .from(eventMaterials)
    .where(
      inCity(
        ctx,
        eventMaterials,
        eq(eventMaterials.eventId, eventId),
        isNotNull(eventMaterials.applicationId),
      ),
    )
  return new Set(rows.map((r) => r.id))
}
