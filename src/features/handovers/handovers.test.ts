import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq, inArray } from 'drizzle-orm'
import { auditLog } from '../../core/audit/schema.ts'
import { municipalities, users } from '../../core/db/schema.ts'
import { addToDepartment, createUser } from '../../testing/factories.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { consultations } from '../consultations/schema.ts'
import { groupMembers } from '../groups/schema.ts'
import { pairingEvents, pairings } from '../matching/schema.ts'
import { meetingActions } from '../meetings/schema.ts'
import { notifications } from '../notifications/schema.ts'
import { projectPartners, projects } from '../projects/schema.ts'
import { departmentMembers } from '../organisation/schema.ts'
import { handovers } from './schema.ts'
import { remindPending } from './service.ts'

let t: TestApp
let mid: string
let staffId: string
let successor: { id: string; email: string }
let pairingId: string
let groupId: string
let staff: TestClient
const db = () => t.database.db
const json = async (res: Response) => (await res.json()) as any

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
  const [s] = await db()
    .select()
    .from(users)
    .where(and(eq(users.municipalityId, mid), eq(users.email, 'staff@demo.example')))
  staffId = s.id
  // the successor: a new member of the same department
  const [dm] = await db().select().from(departmentMembers).where(eq(departmentMembers.userId, staffId))
  const [city] = await db().select().from(municipalities).where(eq(municipalities.id, mid))
  const u = await createUser(t.database, city, { email: 'successor@demo.example' })
  await addToDepartment(t.database, city, dm.departmentId, u.id)
  successor = { id: u.id, email: u.email }
  // staff@ holds one open pairing of the demo board
  const [p] = await db()
    .select()
    .from(pairings)
    .where(
      and(
        eq(pairings.municipalityId, mid),
        inArray(pairings.stage, ['candidate', 'introduced', 'negotiating']),
      ),
    )
    .limit(1)
  await db().update(pairings).set({ responsibleUserId: staffId }).where(eq(pairings.id, p.id))
  pairingId = p.id
  groupId = p.groupId
  // the pairing's group has a member to tell
  const member = await createUser(t.database, city, { email: 'member@demo.example' })
  await db().insert(groupMembers).values({ municipalityId: mid, groupId, userId: member.id, role: 'editor' })
  staff = await t.as('staff@demo.example')
})
after(async () => t.close())

test('a staff member hands an open pairing to a successor; the successor acknowledges; the group learns the new contact', async () => {
  const home = await (await staff.get('/handovers')).text()
  // the pairing, and the demo meeting's open action item staff@ owns (調整会議の対応事項)
  assert.match(home, /自分が担当している案件（2件）/)
  assert.match(home, /調整会議の対応事項（1件）/)
  const [action] = await db()
    .select()
    .from(meetingActions)
    .where(and(eq(meetingActions.municipalityId, mid), eq(meetingActions.ownerId, staffId)))
  const form = await staff.get(`/handovers/new?from=${staffId}`)
  assert.equal(form.status, 200)
  const formHtml = await form.text()
  assert.match(formHtml, new RegExp(`value="pairing:${pairingId}"[^>]*checked`))
  assert.match(formHtml, /successor@demo\.example|テスト/)

  // bad input: no background, the successor is the same person; what was typed is kept
  const bad = await staff.post('/handovers', {
    fromUserId: staffId,
    toUserId: staffId,
    items: `pairing:${pairingId}`,
    background: '',
    promises: '3月の会議で会場を決める約束',
  })
  assert.equal(bad.status, 422)
  const badHtml = await bad.text()
  assert.match(badHtml, /経緯を入力してください/)
  assert.match(badHtml, /後任者には引き継ぐ人と別の人を選んでください/)
  assert.match(badHtml, /3月の会議で会場を決める約束/)
  const none = await staff.post('/handovers', {
    fromUserId: staffId,
    toUserId: successor.id,
    background: 'x',
  })
  assert.match(await none.text(), /引き継ぐ案件を1つ以上選んでください/)

  const ok = await staff.post('/handovers', {
    fromUserId: staffId,
    toUserId: successor.id,
    items: [`pairing:${pairingId}`, `meeting_action:${action.id}`],
    background: '昨年秋の意見交換会で出会い、いま協議中。',
    promises: '3月の会議で会場を決める約束',
    temperature: '団体の代表はとても前向き。事務局の方は負担を心配している。',
  })
  assert.equal(ok.status, 303, await ok.clone().text())
  const hid = ok.headers.get('location')!.split('/').pop()!
  const [p] = await db().select().from(pairings).where(eq(pairings.id, pairingId))
  assert.equal(p.responsibleUserId, successor.id, 'the pairing moved at once')
  const [moved] = await db().select().from(meetingActions).where(eq(meetingActions.id, action.id))
  assert.equal(moved.ownerId, successor.id, 'the action item moved at once')
  const notes = await db().select().from(pairingEvents).where(eq(pairingEvents.pairingId, pairingId))
  assert.ok(
    notes.some((n) => n.title === '担当者の引継ぎ'),
    "the pairing's own history says so",
  )
  const [a] = await db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'handover.create'), eq(auditLog.entityId, hid)))
  assert.ok(a, 'audited')

  // the group's members are told the new contact, never the internal note
  const members = await db().select().from(groupMembers).where(eq(groupMembers.groupId, groupId))
  const told = await db()
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.kind, 'handover.contact'),
        inArray(
          notifications.userId,
          members.map((m) => m.userId),
        ),
      ),
    )
  assert.ok(told.length >= 1, 'the group members were told')
  assert.ok(
    told.every((n) => !/温度感|前向き|負担を心配/.test(n.body + n.title)),
    'the note stays internal',
  )

  // a group member cannot read the record; the successor can, and acknowledges it
  const group = await t.as('group@demo.example')
  assert.notEqual((await group.get(`/handovers/${hid}`)).status, 200)
  const other = await t.as('reviewer@demo.example')
  assert.notEqual((await other.get(`/handovers/${hid}`)).status, 200)
  // the one who handed over may read but not acknowledge
  assert.equal((await staff.get(`/handovers/${hid}`)).status, 200)
  assert.equal((await staff.post(`/handovers/${hid}/acknowledge`, {})).status, 403)
  const succ = await t.as(successor.email)
  // the successor now takes part in the meeting and sees the item among their own
  assert.equal((await succ.get(`/meetings/${action.meetingId}`)).status, 200)
  assert.match(await (await succ.get('/meetings/actions')).text(), new RegExp(action.title))
  const page = await (await succ.get(`/handovers/${hid}`)).text()
  assert.match(page, /団体の代表はとても前向き/)
  assert.match(page, /確認しました/)
  assert.match(await (await succ.get('/')).text(), /確認していない引継ぎ/)
  const ack = await succ.post(`/handovers/${hid}/acknowledge`, { ackNote: '3月の会議は私が出ます' })
  assert.equal(ack.status, 303)
  const [h] = await db().select().from(handovers).where(eq(handovers.id, hid))
  assert.equal(h.status, 'acknowledged')
  const toldBack = await db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, staffId), eq(notifications.kind, 'handover.acknowledged')))
  assert.equal(toldBack.length, 1, 'the one who handed over learns it')
  // twice is refused
  assert.equal((await succ.post(`/handovers/${hid}/acknowledge`, {})).status, 403)
  // the whole history stays readable
  assert.match(await (await staff.get('/handovers')).text(), /確認済み/)
})

test("only the coordinator hands over someone else's work; the coordinator sees work of no one and assigns it", async () => {
  const [p] = await db()
    .select()
    .from(pairings)
    .where(
      and(
        eq(pairings.municipalityId, mid),
        inArray(pairings.stage, ['candidate', 'introduced', 'negotiating']),
      ),
    )
    .limit(2)
    .offset(1)
  // a disabled account's pairing is work of no one
  const [city] = await db().select().from(municipalities).where(eq(municipalities.id, mid))
  const gone = await createUser(t.database, city, { email: 'gone@demo.example' })
  await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id))
  await db().update(pairings).set({ responsibleUserId: gone.id }).where(eq(pairings.id, p.id))
  // a staff member cannot open or post another person's hand-over
  assert.equal((await staff.get(`/handovers/new?from=${gone.id}`)).status, 403)
  const refused = await staff.post('/handovers', {
    fromUserId: gone.id,
    toUserId: successor.id,
    items: `pairing:${p.id}`,
    background: 'x',
  })
  assert.equal(refused.status, 403)
  const coord = await t.as('coordinator@demo.example')
  const home = await (await coord.get('/handovers')).text()
  assert.match(home, /担当者のいない案件（[1-9]/)
  const form = await (await coord.get('/handovers/new?from=unheld')).text()
  assert.match(form, new RegExp(`pairing:${p.id}`))
  const [me] = await db()
    .select()
    .from(users)
    .where(and(eq(users.municipalityId, mid), eq(users.email, 'coordinator@demo.example')))
  const r = await coord.post('/handovers', {
    fromUserId: me.id,
    source: 'unheld',
    toUserId: successor.id,
    items: `pairing:${p.id}`,
    background: '前任者が退職したため割り当て',
  })
  assert.equal(r.status, 303, await r.clone().text())
  const [after] = await db().select().from(pairings).where(eq(pairings.id, p.id))
  assert.equal(after.responsibleUserId, successor.id)
  // a department's staff list shows who holds what
  const holdings = await (await coord.get('/handovers/holdings')).text()
  assert.match(holdings, /課ごとの担当状況/)
  // the record list pages (20 a page), with the shared paging links
  await db()
    .insert(handovers)
    .values(
      Array.from({ length: 21 }, (_, i) => ({
        municipalityId: mid,
        fromUserId: staffId,
        toUserId: successor.id,
        background: `ページ送りの試験${i}`,
        status: 'acknowledged',
      })),
    )
  const first = await (await coord.get('/handovers')).text()
  assert.match(first, /aria-label="ページ送り"/)
  assert.match(first, /href="\?page=2"/)
  const second = await (await coord.get('/handovers?page=2')).text()
  assert.match(second, /<td data-label="日時">/, 'the second page lists records')
})

test('the API hands over and acknowledges; the reminder job tells a successor who has not acknowledged, once', async () => {
  const [p] = await db()
    .select()
    .from(pairings)
    .where(
      and(
        eq(pairings.municipalityId, mid),
        inArray(pairings.stage, ['candidate', 'introduced', 'negotiating']),
      ),
    )
    .limit(1)
    .offset(2)
  await db().update(pairings).set({ responsibleUserId: staffId }).where(eq(pairings.id, p.id))
  const bad = await staff.json('POST', '/api/v1/handovers', {
    fromUserId: staffId,
    toUserId: successor.id,
    items: [],
  })
  assert.equal(bad.status, 422)
  assert.match(JSON.stringify(await json(bad)), /経緯を入力してください/)
  const res = await staff.json('POST', '/api/v1/handovers', {
    fromUserId: staffId,
    toUserId: successor.id,
    items: [`pairing:${p.id}`],
    background: 'APIでの引継ぎ',
  })
  assert.equal(res.status, 201, await res.clone().text())
  const h = await json(res)
  assert.equal(h.status, 'pending')
  assert.equal(h.items.length, 1)
  // three days later the successor is reminded, once
  const jobCtx = await t.system()
  const later = new Date(Date.now() + 4 * 86_400_000)
  assert.ok((await remindPending(jobCtx, later)) >= 1)
  assert.equal(await remindPending(jobCtx, later), 0, 'once')
  const succ = await t.as(successor.email)
  const ack = await succ.json('POST', `/api/v1/handovers/${h.id}/acknowledge`, { ackNote: '了解' })
  assert.equal(ack.status, 200)
  assert.equal((await json(ack)).status, 'acknowledged')
  assert.equal((await staff.json('GET', `/api/v1/handovers/${h.id}`)).status, 200)
  const group = await t.as('group@demo.example')
  assert.notEqual((await group.json('GET', `/api/v1/handovers/${h.id}`)).status, 200)
})

test('a consultation the staff member took on (by replying) is handed over too', async () => {
  const [c] = await db()
    .insert(consultations)
    .values({
      municipalityId: mid,
      receiptNo: '相談-2026-9001',
      year: 2026,
      seq: 9001,
      text: '高齢の母の見守りを地域で頼めるところを知りたい',
      senderKind: 'resident',
      name: '相談 花子',
      email: 'soudan@example.jp',
      tokenHash: 'z'.repeat(64),
      status: 'answered',
      handlerUserId: staffId,
    })
    .returning()
  const form = await (await staff.get(`/handovers/new?from=${staffId}`)).text()
  assert.match(form, new RegExp(`consultation:${c.id}`))
  assert.match(form, /相談-2026-9001/)
  const r = await staff.post('/handovers', {
    fromUserId: staffId,
    toUserId: successor.id,
    items: `consultation:${c.id}`,
    background: '回答済み。追加の質問が来たら地域包括支援センターを案内する。',
  })
  assert.equal(r.status, 303, await r.clone().text())
  const [after] = await db().select().from(consultations).where(eq(consultations.id, c.id))
  assert.equal(after.handlerUserId, successor.id)
})

test('a collaboration project the staff member carries (担当者) is handed over; a completed one is not offered', async () => {
  const [dm] = await db().select().from(departmentMembers).where(eq(departmentMembers.userId, staffId))
  const mk = async (title: string, status: string) => {
    const made = await db()
      .insert(projects)
      .values({
        municipalityId: mid,
        title,
        form: 'co_host',
        departmentId: dm.departmentId,
        startOn: '2026-04-01',
        status,
        responsibleUserId: staffId,
      })
      .returning()
    // the group takes part as a partner (a project's groups are its partners)
    await db()
      .insert(projectPartners)
      .values({ municipalityId: mid, projectId: made[0].id, kind: 'group', groupId, name: '団体' })
    return made
  }
  const [running] = await mk('引継ぎテスト：通学路の見守り', 'running')
  const [done] = await mk('引継ぎテスト：終わった清掃活動', 'completed')
  const form = await (await staff.get(`/handovers/new?from=${staffId}`)).text()
  assert.match(form, new RegExp(`project:${running.id}`))
  assert.match(form, /引継ぎテスト：通学路の見守り/)
  assert.doesNotMatch(form, new RegExp(`project:${done.id}`))
  // the project page names its 担当者 to the city side
  assert.match(await (await staff.get(`/projects/${running.id}`)).text(), /市の担当者/)
  const r = await staff.post('/handovers', {
    fromUserId: staffId,
    toUserId: successor.id,
    items: `project:${running.id}`,
    background: '来年度の予算要求は9月。団体の代表とは月1回の定例あり。',
  })
  assert.equal(r.status, 303, await r.clone().text())
  const rows = await db()
    .select()
    .from(projects)
    .where(inArray(projects.id, [running.id, done.id]))
  assert.equal(rows.find((p) => p.id === running.id)?.responsibleUserId, successor.id)
  assert.equal(rows.find((p) => p.id === done.id)?.responsibleUserId, staffId)
  const logged = await db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'project.reassign'), eq(auditLog.entityId, running.id)))
  assert.equal(logged.length, 1)
})
