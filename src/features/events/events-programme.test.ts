import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, desc, eq, inArray } from 'drizzle-orm'
import { auditLog } from '../../core/audit/schema.ts'
import { municipalities, outbox } from '../../core/db/schema.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { createGroup, createUser } from '../../testing/factories.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { groupMembers, groups } from '../groups/schema.ts'
import { pairings } from '../matching/schema.ts'
import { departments } from '../organisation/schema.ts'
import { fillSlots, pairSuggestions } from './calls.ts'
import { jstMoment } from './domain.ts'
import { surveyAnswerColumns } from './columns.ts'
import { eventApplications, eventPairings, eventSurveyAnswers, events } from './schema.ts'

// ------------------------------------------------------------------ pure rules

describe('programme and pairs', () => {
  const e = { startsAt: jstMoment('2026-07-01', '13:30'), endsAt: jstMoment('2026-07-01', '15:00') }
  const row = (id: string, order: string, start = '', minutes = '') => ({
    id,
    name: id,
    order,
    start,
    minutes,
  })
  test('slots follow the order; a blank start follows the previous slot', () => {
    const r = fillSlots(
      e,
      [row('a', '2'), row('b', '1', '', '20'), row('c', '')],
      new Map([
        ['a', 15],
        ['c', 10],
      ]),
    )
    assert.ok(r.ok)
    assert.deepEqual(
      r.slots.map((s) => [s.id, s.order, s.startsAt.toISOString(), s.minutes]),
      [
        ['b', 1, '2026-07-01T04:30:00.000Z', 20],
        ['a', 2, '2026-07-01T04:50:00.000Z', 15],
        ['c', 3, '2026-07-01T05:05:00.000Z', 10],
      ],
    )
  })
  test('a slot past the end of the event, a bad time or order is refused naming the presenter', () => {
    const r = fillSlots(e, [row('見守り会', '1', '14:50', '30'), row('子ども食堂', 'x', '25:00')], new Map())
    assert.equal(r.ok, false)
    if (r.ok) return
    assert.match(r.errors.order_子ども食堂, /「子ども食堂」の順番は1〜99/)
    assert.match(r.errors.start_子ども食堂, /「子ども食堂」の開始時刻は「13:30」のように/)
    const late = fillSlots(e, [row('見守り会', '1', '14:50', '30')], new Map())
    assert.ok(!late.ok && /終了（15:00）を過ぎています/.test(late.errors.minutes_見守り会))
  })
  test('pairs: named together in an answer, or together on the stage', () => {
    const s = pairSuggestions(
      [
        { metGroupIds: ['g1', 'g2'], metDepartmentIds: ['d1'] },
        { metGroupIds: ['g2'], metDepartmentIds: ['d1'] },
      ],
      { groupIds: ['g1'], departmentIds: ['d2'] },
    )
    assert.deepEqual(s[0], { groupId: 'g2', departmentId: 'd1', answers: 2, together: false })
    assert.ok(s.some((x) => x.groupId === 'g1' && x.departmentId === 'd2' && x.together && x.answers === 0))
  })
})

// ------------------------------------------------------------------ the "done means" path

let t: TestApp
let mid: string
let coord: TestClient
let ownGroupId = ''
let secondGroupId = ''
let depId = ''
const ymd = (offset: number) => ymdInTokyo(new Date(Date.now() + offset * 86_400_000))
const json = async (res: Response) => (await res.json()) as any

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
  coord = await t.as('coordinator@demo.example')
  const [city] = await t.database.db.select().from(municipalities).where(eq(municipalities.id, mid))
  const u = await createUser(t.database, city, { email: 'second-group@test.example' })
  const g = await createGroup(t.database, city, { name: '子ども食堂ひまわり', members: [u.id] })
  secondGroupId = g.id
  const [gm] = await t.database.db
    .select()
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groupMembers.municipalityId, mid), eq(groups.name, 'むさしの見守りネットワーク')))
  ownGroupId = gm.group_members.groupId
  const [d] = await t.database.db
    .select()
    .from(departments)
    .where(and(eq(departments.municipalityId, mid), eq(departments.name, '高齢者支援課')))
  depId = d.id
})
after(async () => t.close())

const mailsTo = (to: string) =>
  t.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.municipalityId, mid), eq(outbox.to, to)))
    .orderBy(desc(outbox.createdAt))

async function upload(c: TestClient, p: string, bytes: Uint8Array, fields: Record<string, string>) {
  const fd = new FormData()
  fd.append('_csrf', c.csrf)
  for (const [k, v] of Object.entries(fields)) fd.append(k, v)
  fd.append('file', new Blob([bytes as BlobPart], { type: 'application/pdf' }), '発表資料.pdf')
  return c.request('POST', p, { body: fd, headers: { 'x-csrf-token': c.csrf } })
}

test('call → applications → programme → materials → questionnaire → a pairing candidate on the board', async () => {
  // the coordinator's event (a 分野別発表会 without organisers: only the coordinator sees the answers)
  const created = await coord.json('POST', '/api/v1/events', {
    kind: 'presentation',
    title: '分野別発表会「高齢者の居場所」',
    theme: '高齢者の居場所づくり',
    startsAt: `${ymd(20)}T13:30`,
    endsAt: `${ymd(20)}T16:00`,
    placeName: '市民会館',
    capacity: 30,
    status: 'open',
  })
  assert.equal(created.status, 201)
  const e = await json(created)

  // 1. the call: bad input is refused naming the field and keeps what was typed
  await coord.get(`/events/${e.id}/call`)
  const bad = await coord.post(`/events/${e.id}/call`, {
    theme: '居場所づくりの発表団体',
    message: '活動を10分で紹介してください',
    status: 'open',
    deadline_year: ymd(30).slice(0, 4),
    deadline_month: ymd(30).slice(5, 7),
    deadline_day: ymd(30).slice(8, 10),
  })
  assert.equal(bad.status, 422)
  const badHtml = await bad.text()
  assert.match(badHtml, /募集する相手を1つ以上選んでください/)
  assert.match(badHtml, /応募締切はイベントの開始日までの日付を入力してください|募集する相手/)
  assert.match(badHtml, /活動を10分で紹介してください/)
  const [y, m, d] = ymd(10).split('-')
  const open = await coord.post(`/events/${e.id}/call`, {
    theme: '居場所づくりの発表団体',
    message: '活動を10分で紹介してください',
    accepts: ['groups', 'departments'],
    status: 'open',
    deadline_year: y,
    deadline_month: m,
    deadline_day: d,
  })
  assert.equal(open.status, 303)
  const page = await (await t.client().get(`/events/${e.id}`)).text()
  assert.match(page, /発表団体・説明担当課の募集/)
  assert.match(page, /活動を10分で紹介してください/)

  // 2. who may apply: not a visitor, not a reviewer (no group, no department)
  const visitor = t.client()
  await visitor.get('/login')
  const v = await visitor.post(`/events/${e.id}/apply`, {
    as: `group:${ownGroupId}`,
    title: 'x',
    minutes: '10',
  })
  assert.ok([302, 401, 403].includes(v.status), `visitor ${v.status}`)
  const reviewer = await t.as('reviewer@demo.example')
  await reviewer.get(`/events/${e.id}/apply`)
  assert.equal(
    (await reviewer.post(`/events/${e.id}/apply`, { as: `group:${ownGroupId}`, title: 'x', minutes: '10' }))
      .status,
    403,
  )

  // 3. two groups and one department apply
  const group = await t.as('group@demo.example')
  const applyPage = await (await group.get(`/events/${e.id}/apply`)).text()
  assert.match(applyPage, /むさしの見守りネットワーク（発表団体として）/)
  const typo = await group.post(`/events/${e.id}/apply`, {
    as: `group:${ownGroupId}`,
    title: '見守り訪問の10年',
    minutes: 'じゅっぷん',
  })
  assert.equal(typo.status, 422)
  const typoHtml = await typo.text()
  assert.match(typoHtml, /必要な時間（分）は半角数字で入力してください/)
  assert.match(typoHtml, /見守り訪問の10年/, 'the form keeps what was typed')
  // someone else's group cannot be chosen
  const foreign = await group.post(`/events/${e.id}/apply`, {
    as: `group:${secondGroupId}`,
    title: '乗っ取り',
    minutes: '10',
  })
  assert.equal(foreign.status, 422)
  assert.match(await foreign.text(), /申し込む団体・課を一覧から選んでください/)
  const g1 = await group.post(`/events/${e.id}/apply`, {
    as: `group:${ownGroupId}`,
    title: '見守り訪問の10年',
    summary: '訪問ボランティアの育て方',
    minutes: '１５',
  })
  assert.equal(g1.status, 303, await g1.clone().text())
  const g1Path = g1.headers.get('location')!
  assert.equal(
    (await group.post(`/events/${e.id}/apply`, { as: `group:${ownGroupId}`, title: '二度目', minutes: '10' }))
      .status,
    422,
    'the same group twice is refused',
  )
  const second = await t.as('second-group@test.example')
  await second.get(`/events/${e.id}/apply`)
  const g2 = await second.post(`/events/${e.id}/apply`, {
    as: `group:${secondGroupId}`,
    title: '子ども食堂と高齢者の交流',
    minutes: '10',
  })
  assert.equal(g2.status, 303)
  const staff = await t.as('staff@demo.example')
  await staff.get(`/events/${e.id}/apply`)
  const dep = await staff.post(`/events/${e.id}/apply`, {
    as: `department:${depId}`,
    title: 'ひとり暮らし高齢者の見守りの担い手不足',
    minutes: '20',
  })
  assert.equal(dep.status, 303)
  const apps = await t.database.db
    .select()
    .from(eventApplications)
    .where(eq(eventApplications.eventId, e.id))
    .orderBy(eventApplications.createdAt)
  assert.deepEqual(
    apps.map((a) => [a.kind, a.minutes]),
    [
      ['group', 15],
      ['group', 10],
      ['department', 20],
    ],
  )
  const [appG1, appG2, appDep] = apps
  assert.ok(
    (await mailsTo('coordinator@demo.example')).some((x) => /発表・説明の申込がありました/.test(x.subject)),
  )

  // 4. privacy: an application is seen by its own group/department and the coordinator only
  assert.equal((await group.get(g1Path)).status, 200)
  for (const [c, path] of [
    [second, g1Path],
    [group, `/events/${e.id}/applications/${appG2.id}`],
    [staff, `/events/${e.id}/applications/${appG1.id}`],
    [visitor, g1Path],
  ] as const) {
    const res = await c.get(path)
    assert.ok([302, 401, 403, 404].includes(res.status), `${path}: ${res.status}`)
  }
  assert.doesNotMatch(await (await second.get(`/events/${e.id}/apply`)).text(), /見守り訪問の10年/)
  // before the programme is published, nobody else sees who applied
  assert.doesNotMatch(await (await t.client().get(`/events/${e.id}`)).text(), /見守り訪問の10年/)
  // an applicant cannot select themselves
  assert.equal((await group.post(`${g1Path}/decision`, { status: 'selected' })).status, 403)

  // 5. the coordinator: hearing, selection, programme
  await coord.get(`/events/${e.id}/applications/${appG1.id}`)
  const badHearing = await coord.post(`/events/${e.id}/applications/${appG1.id}/hearing`, {
    hearingOn_year: '2026',
    hearingOn_month: '2',
    hearingOn_day: '30',
    hearingNotes: 'プロジェクターを使う',
  })
  assert.equal(badHearing.status, 422)
  const bhHtml = await badHearing.text()
  assert.match(bhHtml, /ヒアリングの日付は正しい日付を入力してください/)
  assert.match(bhHtml, /プロジェクターを使う/)
  assert.equal(
    (
      await coord.post(`/events/${e.id}/applications/${appG1.id}/hearing`, {
        hearingOn_year: y,
        hearingOn_month: m,
        hearingOn_day: d,
        hearingNotes: 'プロジェクターを使う',
      })
    ).status,
    303,
  )
  for (const a of apps)
    assert.equal(
      (
        await coord.post(`/events/${e.id}/applications/${a.id}/decision`, {
          status: 'selected',
          decisionNote: 'よろしくお願いします',
        })
      ).status,
      303,
    )
  // publishing before the times are set is refused, said clearly
  const early = await coord.post(`/events/${e.id}/programme/publish`, {})
  assert.equal(early.status, 422)
  assert.match(await early.text(), /プログラムの時間が決まっていない申込があります/)
  const late = await coord.post(`/events/${e.id}/programme`, {
    [`order_${appDep.id}`]: '1',
    [`order_${appG1.id}`]: '2',
    [`order_${appG2.id}`]: '3',
    [`minutes_${appG2.id}`]: '200',
  })
  assert.equal(late.status, 422)
  assert.match(await late.text(), /「子ども食堂ひまわり」の枠.*を過ぎています/)
  const saved = await coord.post(`/events/${e.id}/programme`, {
    [`order_${appDep.id}`]: '1',
    [`order_${appG1.id}`]: '2',
    [`order_${appG2.id}`]: '3',
    [`start_${appG2.id}`]: '14:30',
  })
  assert.equal(saved.status, 303)
  const published = await coord.post(`/events/${e.id}/programme/publish`, {})
  assert.equal(published.status, 303)
  const placed = await t.database.db
    .select()
    .from(eventApplications)
    .where(eq(eventApplications.eventId, e.id))
    .orderBy(eventApplications.slotOrder)
  assert.deepEqual(
    placed.map((a) => [a.id, a.slotOrder, ymdInTokyo(a.slotStartsAt!), a.slotMinutes]),
    [
      [appDep.id, 1, ymd(20), 20],
      [appG1.id, 2, ymd(20), 15],
      [appG2.id, 3, ymd(20), 10],
    ],
  )
  const publicPage = await (await t.client().get(`/events/${e.id}`)).text()
  assert.match(publicPage, /プログラム/)
  assert.match(
    publicPage,
    /13:30〜13:50[\s\S]*高齢者支援課[\s\S]*13:50〜14:05[\s\S]*むさしの見守りネットワーク[\s\S]*14:30〜14:40[\s\S]*子ども食堂ひまわり/,
  )
  assert.doesNotMatch(publicPage, /プロジェクターを使う/, 'the hearing notes stay private')
  // applicants are told (a notice and a mail)
  assert.ok((await mailsTo('group@demo.example')).some((x) => /発表・説明が決まりました/.test(x.subject)))
  assert.ok((await mailsTo('second-group@test.example')).some((x) => /14:30から10分/.test(x.body)))

  // 6. materials by the presenter, public on the event page
  await group.get(g1Path)
  const pdf = new Uint8Array(Buffer.from('%PDF-1.4\n% 見守り\n'))
  const up = await upload(group, `/events/${e.id}/materials`, pdf, {
    applicationId: appG1.id,
    title: '見守り活動の紹介',
  })
  assert.equal(up.status, 303, await up.clone().text())
  const withMaterial = await (await t.client().get(`/events/${e.id}`)).text()
  const link = withMaterial.match(/href="(\/events\/[^"]+\/materials\/[0-9a-f-]{36})">見守り活動の紹介/)
  assert.ok(link, 'the material is listed on the event page')
  const file = await t.client().get(link[1])
  assert.equal(file.status, 200)
  assert.equal(file.headers.get('content-type'), 'application/pdf')
  assert.equal((await second.post(`${link[1]}/delete`, {})).status, 403, 'another group cannot delete it')
  await second.get(`/events/${e.id}/applications/${appG2.id}`)
  const wrongType = await upload(second, `/events/${e.id}/materials`, new Uint8Array([0, 1, 2, 255, 254]), {
    applicationId: appG2.id,
  })
  assert.equal(wrongType.status, 422)
  assert.match(await wrongType.text(), /資料はPDF・PNG・JPEG・PLAIN形式のファイルを選んでください/)

  // 7. after the event: a resident registered, the questionnaire link is mailed, the answer is kept
  const resident = t.client()
  await resident.get(`/events/${e.id}`)
  assert.equal(
    (
      await resident.post(`/events/${e.id}/register`, {
        name: '市民 一郎',
        email: 'ichiro@example.jp',
        people: '1',
      })
    ).status,
    303,
  )
  assert.equal((await coord.post(`/events/${e.id}/survey/send`, {})).status, 409, 'not before the event')
  await t.database.db
    .update(events)
    .set({ startsAt: new Date(Date.now() - 3 * 3_600_000), endsAt: new Date(Date.now() - 3_600_000) })
    .where(eq(events.id, e.id))
  await coord.get(`/events/${e.id}/outcomes`)
  assert.equal((await coord.post(`/events/${e.id}/survey/send`, {})).status, 303)
  const [mail] = (await mailsTo('ichiro@example.jp')).filter((x) => /アンケート/.test(x.subject))
  const url = mail.body.match(/\/events\/[0-9a-f-]{36}\/survey\?r=([0-9a-f-]{36})&token=([\w-]+)/)!
  assert.ok(url)
  assert.equal((await resident.get(`/events/${e.id}/survey?r=${url[1]}&token=wrong`)).status, 404)
  const form = await resident.get(url[0])
  assert.equal(form.status, 200)
  const formHtml = await form.text()
  assert.match(formHtml, /子ども食堂ひまわり/)
  assert.match(formHtml, /高齢者支援課/)
  const noScore = await resident.post(`/events/${e.id}/survey`, {
    r: url[1],
    token: url[2],
    comment: '顔の見える関係ができました',
  })
  assert.equal(noScore.status, 422)
  const nsHtml = await noScore.text()
  assert.match(nsHtml, /満足度を5段階から選んでください/)
  assert.match(nsHtml, /顔の見える関係ができました/)
  const answered = await resident.post(`/events/${e.id}/survey`, {
    r: url[1],
    token: url[2],
    satisfaction: '5',
    metGroupIds: secondGroupId,
    metDepartmentIds: depId,
    comment: '顔の見える関係ができました',
  })
  assert.equal(answered.status, 303)
  const [answer] = await t.database.db
    .select(surveyAnswerColumns)
    .from(eventSurveyAnswers)
    .where(eq(eventSurveyAnswers.eventId, e.id))
  assert.equal(answer.satisfaction, 5)
  assert.deepEqual(answer.metGroupIds, [secondGroupId])
  assert.deepEqual(answer.metDepartmentIds, [depId])
  // answers are private: not on the event page, not for groups or department staff (not organisers)
  assert.doesNotMatch(await (await t.client().get(`/events/${e.id}`)).text(), /顔の見える関係ができました/)
  for (const c of [group, staff, visitor]) {
    const res = await c.get(`/events/${e.id}/outcomes`)
    assert.ok([302, 401, 403].includes(res.status), `outcomes ${res.status}`)
  }
  const [fromAudit] = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'event.survey.answer'), eq(auditLog.entityId, answer.id)))
  assert.ok(fromAudit)
  assert.doesNotMatch(
    JSON.stringify(fromAudit.changes),
    /顔の見える/,
    'the comment is not copied into the audit log',
  )

  // 8. "group X met department Y" becomes a candidate on the coordination board
  const outcomes = await (await coord.get(`/events/${e.id}/outcomes`)).text()
  assert.match(outcomes, /満足度の平均 5\.0/)
  assert.match(outcomes, /顔の見える関係ができました/)
  assert.match(outcomes, /子ども食堂ひまわり × 高齢者支援課を候補に追加/)
  const [other] = await t.database.db
    .select()
    .from(departments)
    .where(and(eq(departments.municipalityId, mid), eq(departments.name, '市民協働推進課')))
  const unrelated = await coord.post(`/events/${e.id}/pairings`, {
    groupId: secondGroupId,
    departmentId: other.id,
  })
  assert.equal(unrelated.status, 422, 'only pairs the event connects')
  assert.equal(
    (await group.post(`/events/${e.id}/pairings`, { groupId: secondGroupId, departmentId: depId })).status,
    403,
  )
  const made = await coord.post(`/events/${e.id}/pairings`, { groupId: secondGroupId, departmentId: depId })
  assert.equal(made.status, 303)
  const [link2] = await t.database.db.select().from(eventPairings).where(eq(eventPairings.eventId, e.id))
  const [p] = await t.database.db.select().from(pairings).where(eq(pairings.id, link2.pairingId))
  assert.equal(p.stage, 'candidate')
  assert.equal(p.groupId, secondGroupId)
  assert.equal(p.departmentId, depId)
  assert.match(p.reasons[0], /分野別発表会「高齢者の居場所」/)
  assert.equal(
    (await coord.post(`/events/${e.id}/pairings`, { groupId: secondGroupId, departmentId: depId })).status,
    303,
  )
  assert.equal(
    (await t.database.db.select().from(eventPairings).where(eq(eventPairings.eventId, e.id))).length,
    1,
    'the same pair once',
  )
  const board = await (await coord.get('/coordination/board')).text()
  assert.match(board, /イベント「分野別発表会「高齢者の居場所」」で出会った/)
  // the event page shows what came of it
  assert.match(await (await t.client().get(`/events/${e.id}`)).text(), /協働の調整が 1件 始まりました/)

  // every write is audited
  const actions = (
    await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.municipalityId, mid),
          inArray(auditLog.action, [
            'event.call.open',
            'event.application.create',
            'event.application.hearing',
            'event.application.decide',
            'event.programme.save',
            'event.programme.publish',
            'event.material.add',
            'event.survey.send',
            'event.pairing.create',
            'pairing.create',
          ]),
        ),
      )
  ).map((r) => r.action)
  for (const a of [
    'event.call.open',
    'event.application.create',
    'event.application.hearing',
    'event.application.decide',
    'event.programme.save',
    'event.programme.publish',
    'event.material.add',
    'event.survey.send',
    'event.pairing.create',
    'pairing.create',
  ])
    assert.ok(actions.includes(a), `audited: ${a}`)
  // the coordinator's menu lists the call
  assert.match(await (await coord.get('/coordination/event-calls')).text(), /分野別発表会「高齢者の居場所」/)
})
