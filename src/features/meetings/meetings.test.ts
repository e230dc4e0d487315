import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, desc, eq, ne } from 'drizzle-orm'
import { auditLog } from '../../core/audit/schema.ts'
import type { Ctx } from '../../core/context.ts'
import { holdingSources } from '../../core/feature.ts'
import { municipalities, outbox, users } from '../../core/db/schema.ts'
import { createUser } from '../../testing/factories.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { groupMembers } from '../groups/schema.ts'
import { pairings } from '../matching/schema.ts'
import { departments } from '../organisation/schema.ts'
import { projects } from '../projects/schema.ts'
import { actionSchema, candidateFromParts, parseMark, tally } from './domain.ts'
import { meetingActions, meetingCandidates, meetingMarks, meetingParticipants, meetings } from './schema.ts'
import {
  mailOverdueActions,
  openActionsOf,
  purgeOutsideContacts,
  reassignActions,
  sendMeetingReminders,
} from './service.ts'

// ------------------------------------------------------------------ pure rules

describe('domain', () => {
  test('a candidate from 年/月/日 and times: 和暦 and full-width digits accepted, an end before the start refused', () => {
    const r = candidateFromParts(1, {
      year: '令和９年',
      month: '７',
      day: '１',
      start: '１３：３０',
      end: '15時',
    })
    assert.ok(r?.ok)
    assert.equal(r.value.startsAt.toISOString(), '2027-07-01T04:30:00.000Z')
    assert.equal(r.value.endsAt.toISOString(), '2027-07-01T06:00:00.000Z')
    const bad = candidateFromParts(2, { year: '2027', month: '7', day: '1', start: '15:00', end: '14:00' })
    assert.ok(bad && !bad.ok)
    assert.equal(bad.message, '候補日時2の終了時刻は開始時刻より後にしてください')
    const day = candidateFromParts(3, { year: '2027', month: '2', day: '30', start: '10:00', end: '11:00' })
    assert.ok(day && !day.ok && day.message.startsWith('候補日時3の日付は正しい日付'))
    assert.equal(candidateFromParts(4, {}), null)
  })
  test('marks: ○△× and their look-alikes', () => {
    assert.equal(parseMark('○'), 'yes')
    assert.equal(parseMark('〇'), 'yes')
    assert.equal(parseMark('△'), 'maybe')
    assert.equal(parseMark('×'), 'no')
    assert.equal(parseMark('no'), 'no')
    assert.equal(parseMark('たぶん'), null)
  })
  test('the table of marks counts ○△× per candidate and names the best (most ○, then fewest ×)', () => {
    const t = tally(
      ['a', 'b', 'c'],
      [
        { candidateId: 'a', mark: 'yes' },
        { candidateId: 'a', mark: 'no' },
        { candidateId: 'b', mark: 'yes' },
        { candidateId: 'b', mark: 'maybe' },
        { candidateId: 'c', mark: 'maybe' },
      ],
    )
    assert.deepEqual(t.counts.get('a'), { yes: 1, maybe: 0, no: 1 })
    assert.deepEqual(t.best, ['b'])
    assert.deepEqual(tally(['a'], []).best, [])
  })
  test('an action item needs an owner and a real due date (和暦 accepted)', () => {
    const ok = actionSchema.safeParse({
      title: '資料',
      ownerId: '00000000-0000-4000-8000-000000000000',
      dueOn: '令和9年7月15日',
    })
    assert.ok(ok.success)
    assert.equal(ok.data.dueOn, '2027-07-15')
    const bad = actionSchema.safeParse({ title: '資料', ownerId: '', dueOn: '2027-02-30' })
    assert.ok(!bad.success)
    const msgs = bad.error.issues.map((i) => i.message)
    assert.ok(msgs.includes('担当者を選んでください'))
    assert.ok(msgs.some((m) => m.startsWith('期限は正しい日付')))
  })
})

// ------------------------------------------------------------------ the app

let t: TestApp
let mid: string
let staff: TestClient
let member: TestClient
let reviewer: TestClient
let otherGroup: TestClient
let visitor: TestClient
let pairingId: string
let memberId: string
let staffId: string

const db = () => t.database.db
const mailsTo = (to: string) =>
  db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.municipalityId, mid), eq(outbox.to, to)))
    .orderBy(desc(outbox.createdAt))
const jobCtx = async (): Promise<Ctx> => {
  const [city] = await db().select().from(municipalities).where(eq(municipalities.id, mid))
  return {
    db: db(),
    dbKind: t.database.kind,
    config: t.config,
    tenantId: mid,
    municipality: city,
    actor: null,
    ip: '',
    userAgent: 'test',
  }
}

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
  const [dep] = await db()
    .select()
    .from(departments)
    .where(and(eq(departments.municipalityId, mid), eq(departments.name, '高齢者支援課')))
  const ps = await db()
    .select()
    .from(pairings)
    .where(and(eq(pairings.municipalityId, mid), eq(pairings.departmentId, dep.id)))
  assert.ok(ps.length, 'the demo has a pairing of 高齢者支援課')
  // a member of the pairing's group (made here: the small demo's groups may have no members yet)
  const [city] = await db().select().from(municipalities).where(eq(municipalities.id, mid))
  const u = await createUser(t, city, { email: 'kai.member@test.example' })
  await db()
    .insert(groupMembers)
    .values({ municipalityId: mid, groupId: ps[0].groupId, userId: u.id, role: 'editor' })
  pairingId = ps[0].id
  memberId = u.id
  const mu = u
  staff = await t.as('staff@demo.example')
  member = await t.as(mu.email)
  reviewer = await t.as('reviewer@demo.example')
  otherGroup = await t.as('group@demo.example')
  visitor = t.client()
  await visitor.get('/login')
  staffId = (
    await db()
      .select()
      .from(users)
      .where(and(eq(users.municipalityId, mid), eq(users.email, 'staff@demo.example')))
  )[0].id
})
after(async () => t.close())

const OUTSIDE = 'kenkyu.sato@univ.example.jp'
let meetingId = ''
let outsideToken = ''

const form = (over: Record<string, string | string[]> = {}) => ({
  subjectType: 'pairing',
  subjectId: pairingId,
  title: '見守り協働の調整会議',
  place: '市役所 会議室A',
  agenda: '役割分担について',
  c1_year: '令和９年',
  c1_month: '７',
  c1_day: '１',
  c1_start: '１０：００',
  c1_end: '１１：３０',
  c2_year: '2027',
  c2_month: '7',
  c2_day: '2',
  c2_start: '14:00',
  c2_end: '15:30',
  userIds: memberId,
  o1_name: '佐藤 研究',
  o1_email: OUTSIDE,
  o1_organisation: '市内大学 地域福祉研究室',
  ...over,
})

describe('a meeting is scheduled by candidate dates, held, minuted with two action items', () => {
  test('set from the pairing page: the link is there, the form names the pairing', async () => {
    const page = await staff.get(`/coordination/pairings/${pairingId}`)
    assert.equal(page.status, 200)
    const html = await page.text()
    assert.match(html, /調整会議を設定する/)
    assert.ok(
      html.includes(`/meetings/new?subject=pairing&amp;id=${pairingId}`) ||
        html.includes(`/meetings/new?subject=pairing&id=${pairingId}`),
    )
    const res = await staff.get(`/meetings/new?subject=pairing&id=${pairingId}`)
    assert.equal(res.status, 200)
    const f = await res.text()
    assert.match(f, /協働の調整：/)
    assert.ok(f.includes(`value="${memberId}"`), 'the group member is suggested')
  })

  test('created with 和暦 and full-width digits; the outside person is mailed a personal link', async () => {
    const res = await staff.post('/meetings', form())
    assert.equal(res.status, 303, await res.text())
    meetingId = res.headers.get('location')!.split('/').pop()!
    const cs = await db().select().from(meetingCandidates).where(eq(meetingCandidates.meetingId, meetingId))
    assert.equal(cs.length, 2)
    assert.ok(cs.some((c) => c.startsAt.toISOString() === '2027-07-01T01:00:00.000Z'))
    const ps = await db()
      .select()
      .from(meetingParticipants)
      .where(eq(meetingParticipants.meetingId, meetingId))
    const out = ps.find((p) => p.kind === 'outside')!
    assert.equal(out.email, OUTSIDE)
    assert.equal(out.organisation, '市内大学 地域福祉研究室')
    const [mail] = await mailsTo(OUTSIDE)
    const m = mail.body.match(/\/meetings\/[0-9a-f-]+\/reply\?token=([A-Za-z0-9_-]+)/)
    assert.ok(m, mail.body)
    outsideToken = m[1]
    assert.notEqual(out.tokenHash, outsideToken, 'only the hash of the token is kept')
    assert.equal(out.tokenHash?.length, 64)
    const audits = await db()
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.municipalityId, mid),
          eq(auditLog.action, 'meeting.create'),
          eq(auditLog.entityId, meetingId),
        ),
      )
    assert.equal(audits.length, 1)
  })

  test('a member marks on their page, the outside person by the link; the table counts them', async () => {
    const page = await member.get(`/meetings/${meetingId}`)
    assert.equal(page.status, 200)
    const cs = await db()
      .select()
      .from(meetingCandidates)
      .where(eq(meetingCandidates.meetingId, meetingId))
      .orderBy(meetingCandidates.position)
    const res = await member.post(`/meetings/${meetingId}/availability`, {
      [`mark_${cs[0].id}`]: 'yes',
      [`mark_${cs[1].id}`]: 'no',
      comment: '午前なら参加できます',
    })
    assert.equal(res.status, 303)
    const reply = await visitor.get(`/meetings/${meetingId}/reply?token=${outsideToken}`)
    assert.equal(reply.status, 200)
    const rh = await reply.text()
    assert.match(rh, /見守り協働の調整会議/)
    assert.ok(!rh.includes('午前なら参加できます'), "the outside person does not see others' marks")
    const r2 = await visitor.post(`/meetings/${meetingId}/reply`, {
      token: outsideToken,
      [`mark_${cs[0].id}`]: '○',
      [`mark_${cs[1].id}`]: '△',
    })
    assert.equal(r2.status, 303)
    const marks = await db().select().from(meetingMarks).where(eq(meetingMarks.meetingId, meetingId))
    assert.equal(marks.length, 4)
    const html = await (await staff.get(`/meetings/${meetingId}`)).text()
    assert.match(html, /佐藤 研究/)
    assert.match(html, /最多/)
  })

  test('the organiser adds a candidate while the date is open (a bad one refused with its number)', async () => {
    const bad = await staff.post(`/meetings/${meetingId}/candidates`, {
      c1_year: '2027',
      c1_month: '7',
      c1_day: '3',
      c1_start: '16:00',
      c1_end: '15:00',
    })
    assert.equal(bad.status, 422)
    const h = await bad.text()
    assert.match(h, /候補日時3の終了時刻は開始時刻より後にしてください/)
    assert.match(h, /name="c1_start"[^>]*value="16:00"|value="16:00"[^>]*name="c1_start"/)
    assert.equal((await member.post(`/meetings/${meetingId}/candidates`, { c1_year: '2027' })).status, 403)
    const ok = await staff.post(`/meetings/${meetingId}/candidates`, {
      c1_year: '令和9年',
      c1_month: '7',
      c1_day: '3',
      c1_start: '10:00',
      c1_end: '11:00',
    })
    assert.equal(ok.status, 303)
    const cs = await db().select().from(meetingCandidates).where(eq(meetingCandidates.meetingId, meetingId))
    assert.equal(cs.length, 3)
    assert.equal(Math.max(...cs.map((c) => c.position)), 2)
  })

  test('the organiser fixes a date: everyone is mailed, the ICS has DTSTART, guarded by access or token', async () => {
    const [c1] = await db()
      .select()
      .from(meetingCandidates)
      .where(and(eq(meetingCandidates.meetingId, meetingId), eq(meetingCandidates.position, 0)))
    const res = await staff.post(`/meetings/${meetingId}/fix`, { candidateId: c1.id })
    assert.equal(res.status, 303)
    const [m] = await db().select().from(meetings).where(eq(meetings.id, meetingId))
    assert.equal(m.status, 'scheduled')
    assert.equal(m.startsAt?.toISOString(), '2027-07-01T01:00:00.000Z')
    const [mu] = await db().select().from(users).where(eq(users.id, memberId))
    const [memberMail] = await mailsTo(mu.email)
    assert.match(memberMail.subject, /日程が決まりました/)
    assert.match(memberMail.body, new RegExp(`/meetings/${meetingId}\\.ics`))
    const [outMail] = await mailsTo(OUTSIDE)
    const tok = outMail.body.match(/\.ics\?token=([A-Za-z0-9_-]+)/)
    assert.ok(tok, outMail.body)
    const ics = await visitor.get(`/meetings/${meetingId}.ics?token=${tok[1]}`)
    assert.equal(ics.status, 200)
    assert.match(ics.headers.get('content-type') ?? '', /text\/calendar/)
    const body = await ics.text()
    assert.match(body, /DTSTART:20270701T010000Z/)
    assert.match(body, /DTEND:20270701T023000Z/)
    assert.match(body, /SUMMARY:見守り協働の調整会議/)
    assert.equal((await member.get(`/meetings/${meetingId}.ics`)).status, 200)
    assert.equal((await visitor.get(`/meetings/${meetingId}.ics?token=wrong`)).status, 404)
    assert.equal(
      (await visitor.get(`/meetings/${meetingId}.ics?token=${outsideToken}`)).status,
      404,
      'the old link stops working',
    )
    assert.ok([401, 302].includes((await visitor.get(`/meetings/${meetingId}.ics`)).status))
    assert.equal((await reviewer.get(`/meetings/${meetingId}.ics`)).status, 403)
  })

  test('minuted: the meeting is held; two action items; bad ones refused naming the field, typed text kept', async () => {
    const res = await staff.post(`/meetings/${meetingId}/minutes`, {
      agenda: '役割分担について',
      minutes: '団体が訪問、課が会場と広報を受け持つ。',
      decisions: '連絡会を月1回開く。',
    })
    assert.equal(res.status, 303)
    const [m] = await db().select().from(meetings).where(eq(meetings.id, meetingId))
    assert.equal(m.status, 'held')
    assert.match(m.minutes, /訪問/)

    const noOwner = await staff.post(`/meetings/${meetingId}/actions`, {
      title: '誰がやるか決まっていない事項',
      ownerId: '',
      dueOn_year: '2027',
      dueOn_month: '2',
      dueOn_day: '30',
    })
    assert.equal(noOwner.status, 422)
    const h = await noOwner.text()
    assert.match(h, /担当者を選んでください/)
    assert.match(h, /期限は正しい日付を入力してください/)
    assert.match(h, /value="誰がやるか決まっていない事項"/)

    const a1 = await staff.post(`/meetings/${meetingId}/actions`, {
      title: '訪問記録の様式を試す',
      ownerId: memberId,
      dueOn_year: '令和９',
      dueOn_month: '７',
      dueOn_day: '１５',
    })
    assert.equal(a1.status, 303)
    const a2 = await staff.post(`/meetings/${meetingId}/actions`, {
      title: '対象地区の資料を共有する',
      ownerId: staffId,
      dueOn_year: '2027',
      dueOn_month: '7',
      dueOn_day: '10',
    })
    assert.equal(a2.status, 303)
    const outsider = await staff.post(`/meetings/${meetingId}/actions`, {
      title: '参加者でない人の事項',
      ownerId: (
        await db()
          .select()
          .from(users)
          .where(and(eq(users.municipalityId, mid), eq(users.email, 'reviewer@demo.example')))
      )[0].id,
      dueOn_year: '2027',
      dueOn_month: '7',
      dueOn_day: '10',
    })
    assert.equal(outsider.status, 422)
    assert.match(await outsider.text(), /担当者は、アカウントのある参加者から選んでください/)
    const acts = await db().select().from(meetingActions).where(eq(meetingActions.meetingId, meetingId))
    assert.equal(acts.length, 2)
  })

  test("the actions show on the owner's home page and in 自分の対応事項; the owner changes the state", async () => {
    const home = await (await member.get('/')).text()
    assert.match(home, /対応事項：訪問記録の様式を試す/)
    const mine = await (await member.get('/meetings/actions')).text()
    assert.match(mine, /訪問記録の様式を試す/)
    assert.ok(!mine.includes('対象地区の資料を共有する'), "another owner's item is not in my list")
    const [a] = await db()
      .select()
      .from(meetingActions)
      .where(and(eq(meetingActions.meetingId, meetingId), eq(meetingActions.ownerId, memberId)))
    const res = await member.post(`/meetings/${meetingId}/actions/${a.id}`, { state: 'doing', back: 'mine' })
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('location'), '/meetings/actions')
    const [after] = await db().select().from(meetingActions).where(eq(meetingActions.id, a.id))
    assert.equal(after.state, 'doing')
    // someone else may not change it
    assert.equal(
      (await otherGroup.post(`/meetings/${meetingId}/actions/${a.id}`, { state: 'done' })).status,
      403,
    )
  })

  test('an overdue action item mails its owner once', async () => {
    const [a] = await db()
      .select()
      .from(meetingActions)
      .where(and(eq(meetingActions.meetingId, meetingId), eq(meetingActions.ownerId, memberId)))
    await db().update(meetingActions).set({ dueOn: '2020-01-01' }).where(eq(meetingActions.id, a.id))
    const [mu] = await db().select().from(users).where(eq(users.id, memberId))
    const before = (await mailsTo(mu.email)).filter((x) => x.subject.includes('期限を過ぎた対応事項')).length
    const ctx = await jobCtx()
    assert.ok((await mailOverdueActions(ctx)) >= 1)
    assert.equal(await mailOverdueActions(ctx), 0, 'mailed once')
    const after = (await mailsTo(mu.email)).filter((x) => x.subject.includes('期限を過ぎた対応事項'))
    assert.equal(after.length, before + 1)
    assert.match(after[0].body, /訪問記録の様式を試す/)
  })

  test('the reminder the day before reaches accounts and outside people, once', async () => {
    const soon = new Date(Date.now() + 20 * 3_600_000)
    await db()
      .update(meetings)
      .set({
        status: 'scheduled',
        startsAt: soon,
        endsAt: new Date(soon.getTime() + 3_600_000),
        remindedAt: null,
      })
      .where(eq(meetings.id, meetingId))
    const ctx = await jobCtx()
    const n = await sendMeetingReminders(ctx)
    assert.ok(n >= 3, `reminders: ${n}`)
    assert.match((await mailsTo(OUTSIDE))[0].subject, /明日の会議のご案内/)
    assert.equal(await sendMeetingReminders(ctx), 0)
  })

  test('hand-over: open action items are listed and reassigned to a successor, who then sees the meeting', async () => {
    const ctx = { ...(await jobCtx()) }
    const open = await openActionsOf(ctx, staffId)
    assert.ok(open.some((a) => a.title === '対象地区の資料を共有する'))
    const successorId = (
      await db()
        .select()
        .from(users)
        .where(and(eq(users.municipalityId, mid), eq(users.email, 'reviewer@demo.example')))
    )[0].id
    const moved = await reassignActions(
      ctx,
      staffId,
      successorId,
      open.filter((a) => a.meetingId === meetingId).map((a) => a.id),
    )
    assert.equal(moved, 1)
    assert.equal(
      (await reviewer.get(`/meetings/${meetingId}`)).status,
      200,
      'the successor now sees the meeting',
    )
    assert.match(await (await reviewer.get('/meetings/actions')).text(), /対象地区の資料を共有する/)
  })
})

describe('privacy', () => {
  test('a non-participant is refused; a wrong token is not found; unknown ids are not found', async () => {
    const res = await staff.post(
      '/meetings',
      form({ title: '非公開の会議', o1_email: 'another@univ.example.jp' }),
    )
    assert.equal(res.status, 303)
    const id = res.headers.get('location')!.split('/').pop()!
    assert.equal((await otherGroup.get(`/meetings/${id}`)).status, 403)
    assert.equal((await otherGroup.json('GET', `/api/v1/meetings/${id}`)).status, 403)
    assert.equal((await visitor.get(`/meetings/${id}/reply?token=nope`)).status, 404)
    // the first meeting's outside token does not open this meeting
    assert.equal((await visitor.get(`/meetings/${id}/reply?token=${outsideToken}`)).status, 404)
    assert.equal((await visitor.post(`/meetings/${id}/reply`, { token: 'nope' })).status, 404)
    assert.equal((await otherGroup.get('/meetings/00000000-0000-4000-8000-000000000000')).status, 404)
    // a participant sees it, and it is in their list; a non-participant's list does not show it
    assert.equal((await member.get(`/meetings/${id}`)).status, 200)
    assert.ok(!(await (await otherGroup.get('/meetings')).text()).includes('非公開の会議'))
    assert.match(await (await member.get('/meetings')).text(), /非公開の会議/)
    // group members cannot set meetings
    assert.equal((await otherGroup.post('/meetings', form())).status, 403)
    // only the organiser side manages: a participating member cannot fix the date
    const [c] = await db().select().from(meetingCandidates).where(eq(meetingCandidates.meetingId, id))
    assert.equal((await member.post(`/meetings/${id}/fix`, { candidateId: c.id })).status, 403)
    assert.equal((await member.post(`/meetings/${id}/cancel`)).status, 403)
    // the organiser cancels it: everyone is told
    assert.equal((await staff.post(`/meetings/${id}/cancel`)).status, 303)
    const [cancelled] = await db().select().from(meetings).where(eq(meetings.id, id))
    assert.equal(cancelled.status, 'cancelled')
    assert.match((await mailsTo('another@univ.example.jp'))[0].subject, /会議は中止になりました/)
    assert.equal((await staff.post(`/meetings/${id}/cancel`)).status, 409)
  })
})

describe('validation', () => {
  test('a meeting ending before it starts, a bad candidate, no title: 422 naming the field, typed values kept', async () => {
    const res = await staff.post(
      '/meetings',
      form({ title: '', c1_start: '15:00', c1_end: '14:00', c2_day: '32', o1_email: 'not-an-address' }),
    )
    assert.equal(res.status, 422)
    const h = await res.text()
    assert.match(h, /会議名を入力してください/)
    assert.match(h, /候補日時1の終了時刻は開始時刻より後にしてください/)
    assert.match(h, /候補日時2の日付は正しい日付を入力してください/)
    assert.match(h, /参加者1のメールアドレスの形式が正しくありません/)
    assert.match(h, /value="市役所 会議室A"/)
    assert.match(h, /value="not-an-address"/)
    assert.match(h, /value="32"/)
    const none = await staff.post(
      '/meetings',
      form({
        c1_year: '',
        c1_month: '',
        c1_day: '',
        c1_start: '',
        c1_end: '',
        c2_year: '',
        c2_month: '',
        c2_day: '',
        c2_start: '',
        c2_end: '',
      }),
    )
    assert.equal(none.status, 422)
    assert.match(await none.text(), /候補日時を1つ以上入力してください/)
    const time = await staff.post('/meetings', form({ c1_start: '25:00' }))
    assert.equal(time.status, 422)
    assert.match(await time.text(), /候補日時1の開始時刻は「13:30」のように24時間制で入力してください/)
  })
})

describe('API', () => {
  test('POST /api/v1/meetings with candidates, availability, minutes, actions, GET', async () => {
    const bad = await staff.json('POST', '/api/v1/meetings', {
      title: 'API会議',
      candidates: [
        { startsAt: '2027-08-01T15:00+09:00', endsAt: '2027-08-01T14:00+09:00' },
        { startsAt: '8月1日', endsAt: 'x' },
      ],
    })
    assert.equal(bad.status, 422)
    const bj = (await bad.json()) as { fields: { field: string; message: string }[] }
    assert.deepEqual(bj.fields.map((f) => f.field).sort(), ['candidates.0', 'candidates.1'])
    assert.match(
      bj.fields.find((f) => f.field === 'candidates.0')!.message,
      /候補日時1の終了は開始より後にしてください/,
    )
    assert.match(bj.fields.find((f) => f.field === 'candidates.1')!.message, /候補日時2の開始/)

    const res = await staff.json('POST', '/api/v1/meetings', {
      title: 'API会議',
      subjectType: 'pairing',
      subjectId: pairingId,
      candidates: [
        { startsAt: '2027-08-01T13:30', endsAt: '2027-08-01T15:00' },
        { startsAt: '2027-08-02T13:30+09:00', endsAt: '2027-08-02T15:00+09:00' },
      ],
      userIds: [memberId],
      people: [{ name: '企業 担当', email: 'csr@company.example.jp', organisation: '株式会社サンプル' }],
    })
    assert.equal(res.status, 201, await res.clone().text())
    const m = (await res.json()) as {
      id: string
      candidates: { id: string; startsAt: string }[]
      status: string
    }
    assert.equal(m.status, 'scheduling')
    assert.equal(m.candidates[0].startsAt, '2027-08-01T04:30:00.000Z')

    const [mail] = await mailsTo('csr@company.example.jp')
    const token = mail.body.match(/reply\?token=([A-Za-z0-9_-]+)/)![1]
    const avail = await visitor.json('POST', `/api/v1/meetings/${m.id}/availability`, {
      token,
      marks: { [m.candidates[0].id]: '○', [m.candidates[1].id]: 'no' },
    })
    assert.equal(avail.status, 200, await avail.clone().text())
    const aj = (await avail.json()) as { candidates: { yes: number; no: number }[] }
    assert.equal(aj.candidates[0].yes, 1)
    assert.equal(aj.candidates[1].no, 1)
    const wrong = await visitor.json('POST', `/api/v1/meetings/${m.id}/availability`, {
      token: 'x',
      marks: {},
    })
    assert.equal(wrong.status, 404)
    const missing = await member.json('POST', `/api/v1/meetings/${m.id}/availability`, {
      marks: { [m.candidates[0].id]: 'yes' },
    })
    assert.equal(missing.status, 422)
    assert.match(JSON.stringify(await missing.json()), /候補日時2の都合を○・△・×から選んでください/)

    const min = await staff.json('PUT', `/api/v1/meetings/${m.id}/minutes`, {
      minutes: '議事録です',
      decisions: '決定',
    })
    assert.equal(min.status, 200)
    assert.equal(((await min.json()) as { minutes: string }).minutes, '議事録です')
    assert.equal((await member.json('PUT', `/api/v1/meetings/${m.id}/minutes`, { minutes: 'x' })).status, 403)

    const noOwner = await staff.json('POST', `/api/v1/meetings/${m.id}/actions`, {
      title: '資料',
      dueOn: '2027-13-01',
    })
    assert.equal(noOwner.status, 422)
    const nj = (await noOwner.json()) as { fields: { field: string; message: string }[] }
    assert.equal(nj.fields.find((f) => f.field === 'ownerId')?.message, '担当者を選んでください')
    assert.match(nj.fields.find((f) => f.field === 'dueOn')!.message, /期限は正しい日付/)
    const act = await staff.json('POST', `/api/v1/meetings/${m.id}/actions`, {
      title: '資料',
      ownerId: memberId,
      dueOn: '２０２７年８月１０日',
    })
    assert.equal(act.status, 201, await act.clone().text())
    assert.equal(((await act.json()) as { dueOn: string }).dueOn, '2027-08-10')

    const got = await member.json('GET', `/api/v1/meetings/${m.id}`)
    assert.equal(got.status, 200)
    const gj = (await got.json()) as {
      actions: unknown[]
      participants: { kind: string; organisation: string }[]
    }
    assert.equal(gj.actions.length, 1)
    assert.ok(gj.participants.some((p) => p.kind === 'outside' && p.organisation === '株式会社サンプル'))
    assert.equal((await otherGroup.json('POST', '/api/v1/meetings', { title: 'x' })).status, 403)
    const spec = await (await visitor.get('/api/openapi.json')).text()
    for (const p of [
      '/meetings',
      '/meetings/{id}',
      '/meetings/{id}/availability',
      '/meetings/{id}/minutes',
      '/meetings/{id}/actions',
    ])
      assert.ok(spec.includes(`"${p}"`) || spec.includes(`"/api/v1${p}"`), `${p} in the OpenAPI document`)
  })
})

describe('hand-over (holdings)', () => {
  test("an action item of a disabled account is work of no one; the coordinator's hand-over gives it to someone", async () => {
    const src = holdingSources().find((h) => h.kind === 'meeting_action')
    assert.ok(src, 'meetings declares its holdings')
    const [city] = await db().select().from(municipalities).where(eq(municipalities.id, mid))
    const gone = await createUser(t, city, { email: 'gone.owner@test.example' })
    // any meeting but the demo's own (its two action items are counted by the demo test)
    const [m] = await db()
      .select()
      .from(meetings)
      .where(and(eq(meetings.municipalityId, mid), ne(meetings.title, '見守り協働の役割分担を決める協議')))
      .limit(1)
    const [a] = await db()
      .insert(meetingActions)
      .values({
        municipalityId: mid,
        meetingId: m.id,
        title: '宙に浮いた対応事項',
        ownerId: gone.id,
        dueOn: '2027-01-10',
      })
      .returning()
    const ctx = await jobCtx()
    assert.equal((await src.heldBy(ctx, gone.id)).length, 1)
    assert.ok(!(await src.unheld(ctx)).some((h) => h.id === a.id), 'held while the account is active')
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id))
    const orphan = (await src.unheld(ctx)).find((h) => h.id === a.id)
    assert.ok(orphan)
    assert.equal(orphan.holderId, gone.id)
    assert.equal(orphan.href, `/meetings/${m.id}`)
    assert.equal(await src.reassign(ctx, [a.id], null, staffId), 1)
    const [after] = await db().select().from(meetingActions).where(eq(meetingActions.id, a.id))
    assert.equal(after.ownerId, staffId)
  })
})

describe('retention', () => {
  test("outside people's addresses and links are erased a year after the meeting; names stay", async () => {
    const res = await staff.post('/meetings', form({ title: '昔の会議', o1_email: 'old@univ.example.jp' }))
    assert.equal(res.status, 303)
    const id = res.headers.get('location')!.split('/').pop()!
    const ctx = await jobCtx()
    assert.equal(await purgeOutsideContacts(ctx), 0, 'nothing is erased before its time')
    await db()
      .update(meetings)
      .set({
        endsAt: new Date(Date.now() - 400 * 86_400_000),
        startsAt: new Date(Date.now() - 400 * 86_400_000 - 3_600_000),
      })
      .where(eq(meetings.id, id))
    assert.equal(await purgeOutsideContacts(ctx), 1)
    const [p] = await db()
      .select()
      .from(meetingParticipants)
      .where(and(eq(meetingParticipants.meetingId, id), eq(meetingParticipants.kind, 'outside')))
    assert.equal(p.email, '')
    assert.equal(p.tokenHash, null)
    assert.equal(p.name, '佐藤 研究')
  })
})

describe('from a project page', () => {
  test('staff find the link on a project page and set a meeting about the project', async () => {
    const [p] = await db().select().from(projects).where(eq(projects.municipalityId, mid)).limit(1)
    assert.ok(p, 'the demo has a project')
    const page = await (await staff.get(`/projects/${p.id}`)).text()
    assert.match(page, /調整会議を設定する/)
    assert.ok(!(await (await visitor.get(`/projects/${p.id}`)).text()).includes('調整会議を設定する'))
    const res = await staff.post(
      '/meetings',
      form({
        subjectType: 'project',
        subjectId: p.id,
        userIds: [],
        title: '協働事業の打合せ',
        o1_email: 'proj@univ.example.jp',
      }),
    )
    assert.equal(res.status, 303, await res.text())
    const id = res.headers.get('location')!.split('/').pop()!
    const [m] = await db().select().from(meetings).where(eq(meetings.id, id))
    assert.equal(m.subjectType, 'project')
    assert.match(m.subjectTitle, /協働事業：/)
    assert.match(await (await staff.get(`/projects/${p.id}`)).text(), /協働事業の打合せ/)
    // an unknown subject is not found
    const bad = await staff.post('/meetings', form({ subjectId: '00000000-0000-4000-8000-000000000000' }))
    assert.equal(bad.status, 404)
  })
})

describe('demo', () => {
  test("the demo city has a pairing's meeting with candidates, marks, minutes and two action items", async () => {
    const ms = await db()
      .select()
      .from(meetings)
      .where(
        and(
          eq(meetings.municipalityId, mid),
          eq(meetings.subjectType, 'pairing'),
          eq(meetings.status, 'held'),
        ),
      )
    // the demo's own meeting (other tests of this file hold meetings of their own)
    const held = ms.find((m) => m.title === '見守り協働の役割分担を決める協議')
    assert.ok(held)
    const [cs, marks, acts] = await Promise.all([
      db().select().from(meetingCandidates).where(eq(meetingCandidates.meetingId, held.id)),
      db().select().from(meetingMarks).where(eq(meetingMarks.meetingId, held.id)),
      db().select().from(meetingActions).where(eq(meetingActions.meetingId, held.id)),
    ])
    assert.ok(cs.length >= 2)
    assert.ok(marks.length >= 4)
    assert.equal(acts.length, 2)
    // the demo group login takes part: the item and the unanswered meeting are on its home page
    const group = await t.as('group@demo.example')
    const home = await (await group.get('/')).text()
    assert.match(home, /対応事項：/)
    assert.match(home, /日程調整の回答：/)
    const page = await group.get(`/meetings/${held.id}`)
    assert.equal(page.status, 200)
    assert.ok(
      !(await page.text()).includes('href="/coordination/pairings/'),
      'no link to a pairing it may not open',
    )
  })
})
