import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import type { AccessCase, Fixtures, MatrixRole } from './core/access.ts'
import { type Db, rows } from './core/db/index.ts'
import { importBatches, importStagedRows, municipalities, users } from './core/db/schema.ts'
import { setLinks } from './core/db/links.ts'
import { groupAreaLinks } from './features/groups/queries.ts'
import {
  metDepartmentLinks,
  metGroupLinks,
  organiserDepartmentLinks,
  organiserGroupLinks,
  eventColumns,
  surveyAnswerColumns,
} from './features/events/columns.ts'
import { inTransaction, isInTransaction } from './core/db/tenant.ts'
import { DEMO_PASSWORD, deleteCity } from './demo/index.ts'
import { features } from './features/index.ts'
import {
  groupAreas,
  groupDocuments,
  groupMembers,
  groupRenewals,
  groupRevisions,
  groups,
} from './features/groups/schema.ts'
import {
  eventApplications,
  eventCalls,
  eventMaterials,
  eventOrganiserDepartments,
  eventOrganiserGroups,
  eventPairings,
  eventRegistrations,
  eventSurveyAnswers,
  eventSurveyMetDepartments,
  eventSurveyMetGroups,
  events,
} from './features/events/schema.ts'
import {
  newsletterDeliveries,
  newsletterIssues,
  newsletterSubscribers,
  newsPosts,
  staffNotices,
} from './features/news/schema.ts'
import { handoverItems, handovers } from './features/handovers/schema.ts'
import {
  consultationAssignments,
  consultationMessages,
  consultations,
  consultationTemplates,
} from './features/consultations/schema.ts'
import { pairingEvents, pairings } from './features/matching/schema.ts'
import {
  meetingActions,
  meetingCandidates,
  meetingMarks,
  meetingParticipants,
  meetings,
} from './features/meetings/schema.ts'
import {
  cityPlans,
  hearingAnswers,
  hearings,
  needAreas,
  needInterests,
  needPlans,
  needs,
} from './features/needs/schema.ts'
import { followAreas, followSettings, notifications } from './features/notifications/schema.ts'
import { menuItems, offerAreas, offers } from './features/offers/schema.ts'
import {
  proposalApplications,
  proposalConflicts,
  proposalConsultations,
  proposalFunnelHistory,
  proposalProgrammes,
  proposalReviewers,
  proposalScores,
  proposalThemes,
} from './features/proposals/schema.ts'
import {
  projectAgreements,
  projectBudgets,
  projectChecklists,
  projectDepartments,
  projectEvaluations,
  projectFollowups,
  projectPartners,
  projectReports,
  projectRoles,
  projects,
} from './features/projects/schema.ts'
import { areas, departmentMembers, departments } from './features/organisation/schema.ts'
import { musashinoQuestionnaire } from './features/surveys/musashino.ts'
import { surveyResponses, surveys } from './features/surveys/schema.ts'
import { collaborationHistory } from './features/statistics/schema.ts'
import { DEMO_EMAIL, loadFixtures } from './testing/access.ts'
import { createTestApp, type TestApp, TestClient } from './testing/harness.ts'

/**
 * Two cities in one database. Every write route of the first city is driven over HTTP by a role
 * allowed to use it — once with the first city's ids, once with the second city's ids put in the
 * path — and the second city's rows must be exactly as before. The second city's ids must be
 * answered 403/404 (never found, never changed).
 */

const HOST1 = 'city1.example'
const HOST2 = 'city2.example'

/** A browser on the first city's host (with two cities an unknown host is a 404). */
class HostClient extends TestClient {
  constructor(
    app: TestApp['app'],
    private host: string,
  ) {
    super(app)
  }
  override request(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string> } = {},
  ) {
    return super.request(method, path, { ...init, headers: { host: this.host, ...(init.headers ?? {}) } })
  }
}

let t: TestApp
let fx: Fixtures
let fx2: Fixtures
let city2 = ''

/** Every row of the city, table by table (every table with a municipality_id column). */
async function snapshot(db: Db, municipalityId: string) {
  const tables = await rows<{ name: string }>(
    db,
    sql`SELECT c.table_name AS name FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND c.column_name = 'municipality_id' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name`,
  )
  const out: Record<string, string[]> = {}
  for (const { name } of tables) {
    const r = await rows<{ r: string }>(
      db,
      sql`SELECT row_to_json(x)::text AS r FROM ${sql.identifier(name)} x WHERE municipality_id = ${municipalityId} ORDER BY 1`,
    )
    out[name] = r.map((x) => x.r)
  }
  return out
}

/** The second city, with rows in every relation, inserted directly. */
async function seedSecondCity(db: Db): Promise<Fixtures> {
  const [m] = await db
    .insert(municipalities)
    .values({ code: '131016', name: '千代田区', prefecture: '東京都', host: HOST2 })
    .returning()
  const mid = m.id
  const u = async (email: string, flags: Partial<typeof users.$inferInsert> = {}) =>
    (
      await db
        .insert(users)
        .values({ municipalityId: mid, email, familyName: '二', givenName: '市', ...flags })
        .returning()
    )[0].id
  const userIds = {
    admin: await u('admin@city2.example', { isAdmin: true }),
    coordinator: await u('coordinator@city2.example', { isCoordinator: true }),
    reviewer: await u('reviewer@city2.example', { isReviewer: true }),
    staff: await u('staff@city2.example'),
    group: await u('group@city2.example'),
  }
  const [bu] = await db
    .insert(departments)
    .values({ municipalityId: mid, kind: 'bu', name: '保健福祉部' })
    .returning()
  const [ka1] = await db
    .insert(departments)
    .values({ municipalityId: mid, parentId: bu.id, name: '高齢者支援課' })
    .returning()
  const [ka2] = await db.insert(departments).values({ municipalityId: mid, name: '道路課' }).returning()
  await db
    .insert(departmentMembers)
    .values({ municipalityId: mid, departmentId: ka1.id, userId: userIds.staff })
  const [area] = await db.insert(areas).values({ municipalityId: mid, name: '神田地区' }).returning()
  const [plan] = await db
    .insert(cityPlans)
    .values({ municipalityId: mid, name: '第二次基本計画' })
    .returning()
  const g = (name: string) => ({
    municipalityId: mid,
    name,
    actorKind: 'citizen',
    legalForm: 'npo',
    status: 'published',
    purpose: '見守り',
  })
  const [own] = await db.insert(groups).values(g('千代田見守りの会')).returning()
  const [other] = await db.insert(groups).values(g('神田まちづくり')).returning()
  await db.insert(groupAreas).values([
    { municipalityId: mid, groupId: own.id, areaId: area.id },
    { municipalityId: mid, groupId: other.id, areaId: area.id },
  ])
  await db
    .insert(groupMembers)
    .values({ municipalityId: mid, groupId: own.id, userId: userIds.group, role: 'owner' })
  await db.insert(groupRevisions).values({ municipalityId: mid, groupId: own.id, action: 'group.create' })
  await db.insert(groupRenewals).values({ municipalityId: mid, groupId: own.id, fiscalYear: 2026 })
  await db.insert(groupDocuments).values({
    municipalityId: mid,
    groupId: own.id,
    kind: 'rules',
    storageKey: `${mid}/rules.pdf`,
    fileName: 'rules.pdf',
    mimeType: 'application/pdf',
    size: 1,
    uploadedBy: userIds.group,
  })
  const [hearing] = await db
    .insert(hearings)
    .values({ municipalityId: mid, fiscalYear: 2026, title: '協働ニーズ調査', openedBy: userIds.coordinator })
    .returning()
  await db.insert(hearingAnswers).values({ municipalityId: mid, hearingId: hearing.id, departmentId: ka1.id })
  const [need] = await db
    .insert(needs)
    .values({
      municipalityId: mid,
      departmentId: ka1.id,
      title: '高齢者の見守り',
      status: 'published',
      hearingId: hearing.id,
      authorId: userIds.staff,
    })
    .returning()
  await db.insert(needAreas).values({ municipalityId: mid, needId: need.id, areaId: area.id })
  await db.insert(needPlans).values({ municipalityId: mid, needId: need.id, planId: plan.id })
  const [offer] = await db
    .insert(offers)
    .values({ municipalityId: mid, groupId: own.id, title: '見守り訪問', authorId: userIds.group })
    .returning()
  await db.insert(offerAreas).values({ municipalityId: mid, offerId: offer.id, areaId: area.id })
  await db.insert(needInterests).values({ municipalityId: mid, needId: need.id, groupId: own.id })
  await db
    .insert(menuItems)
    .values({ municipalityId: mid, kind: 'facility', title: '会議室', departmentId: ka1.id })
  const [pairing] = await db
    .insert(pairings)
    .values({
      municipalityId: mid,
      needId: need.id,
      offerId: offer.id,
      groupId: own.id,
      departmentId: ka1.id,
    })
    .returning()
  await db.insert(pairingEvents).values({ municipalityId: mid, pairingId: pairing.id, kind: 'note' })
  const [project] = await db
    .insert(projects)
    .values({
      municipalityId: mid,
      title: '見守り協働事業',
      form: 'jigyo_kyoryoku',
      departmentId: ka1.id,
      startOn: '2026-04-01',
      needId: need.id,
      pairingId: pairing.id,
    })
    .returning()
  await db.update(pairings).set({ projectId: project.id }).where(eq(pairings.id, pairing.id))
  const [partner] = await db
    .insert(projectPartners)
    .values({
      municipalityId: mid,
      projectId: project.id,
      kind: 'group',
      groupId: own.id,
      name: '千代田の団体',
    })
    .returning()
  await db
    .insert(projectDepartments)
    .values({ municipalityId: mid, projectId: project.id, departmentId: ka2.id })
  await db.insert(projectBudgets).values({
    municipalityId: mid,
    projectId: project.id,
    fiscalYear: 2026,
    total: 100000,
    cityShare: 50000,
  })
  await db.insert(projectRoles).values({
    municipalityId: mid,
    projectId: project.id,
    task: '見守り',
    who: 'partner',
    partnerId: partner.id,
  })
  await db.insert(projectAgreements).values({
    municipalityId: mid,
    projectId: project.id,
    version: 1,
    agreedOn: '2026-03-20',
    snapshot: {},
    recordedBy: userIds.coordinator,
  })
  await db.insert(projectReports).values({
    municipalityId: mid,
    projectId: project.id,
    side: 'group',
    periodStart: '2026-04-01',
    periodEnd: '2026-09-30',
    activities: '見守り訪問',
    authorId: userIds.group,
  })
  await db.insert(projectEvaluations).values({
    municipalityId: mid,
    projectId: project.id,
    kind: 'final',
    side: 'group',
    outcome: 'effective',
    authorId: userIds.group,
  })
  await db.insert(projectChecklists).values({
    municipalityId: mid,
    projectId: project.id,
    side: 'group',
    stage: 'plan',
    answers: ['yes', 'yes', 'no', 'partly', 'yes', 'no'],
    answeredBy: userIds.group,
  })
  await db.insert(projectFollowups).values({
    municipalityId: mid,
    projectId: project.id,
    months: 12,
    dueOn: '2027-09-30',
    continuation: 'continued',
    carrier: 'group',
    recordedAt: new Date(),
    recordedBy: userIds.coordinator,
  })
  await db
    .insert(notifications)
    .values({ municipalityId: mid, userId: userIds.group, kind: 'note', title: 'お知らせ' })
  const [follow] = await db
    .insert(followSettings)
    .values({ municipalityId: mid, userId: userIds.staff, fields: ['community'] })
    .returning()
  await db.insert(followAreas).values({ municipalityId: mid, followId: follow.id, areaId: area.id })
  const [event] = await db
    .insert(events)
    .values({
      municipalityId: mid,
      kind: 'presentation',
      title: '千代田の見守り発表会',
      startsAt: new Date(Date.now() + 10 * 86_400_000),
      endsAt: new Date(Date.now() + 10 * 86_400_000 + 7_200_000),
      placeName: '区役所',
      capacity: 10,
      status: 'open',
      createdBy: userIds.coordinator,
    })
    .returning()
  await db
    .insert(eventOrganiserDepartments)
    .values({ municipalityId: mid, eventId: event.id, departmentId: ka1.id })
  await db.insert(eventOrganiserGroups).values({ municipalityId: mid, eventId: event.id, groupId: own.id })
  const [registration] = await db
    .insert(eventRegistrations)
    .values({
      municipalityId: mid,
      eventId: event.id,
      userId: userIds.group,
      name: '千代田 花子',
      email: 'hanako@city2.example',
      cancelTokenHash: 'x'.repeat(64),
    })
    .returning()
  const [call] = await db
    .insert(eventCalls)
    .values({ municipalityId: mid, eventId: event.id, theme: '見守り', createdBy: userIds.coordinator })
    .returning()
  const [application] = await db
    .insert(eventApplications)
    .values({
      municipalityId: mid,
      eventId: event.id,
      callId: call.id,
      kind: 'group',
      groupId: own.id,
      title: '千代田の見守り',
      minutes: 10,
      applicantUserId: userIds.group,
      status: 'selected',
    })
    .returning()
  await db.insert(eventMaterials).values({
    municipalityId: mid,
    eventId: event.id,
    applicationId: application.id,
    title: '資料',
    storageKey: `${mid}/2026/${'0'.repeat(32)}`,
    fileName: 'a.pdf',
    mimeType: 'application/pdf',
    size: 1,
  })
  const [answer] = await db
    .insert(eventSurveyAnswers)
    .values({ municipalityId: mid, eventId: event.id, registrationId: registration.id, satisfaction: 4 })
    .returning()
  await db.insert(eventSurveyMetGroups).values({ municipalityId: mid, answerId: answer.id, groupId: own.id })
  await db
    .insert(eventSurveyMetDepartments)
    .values({ municipalityId: mid, answerId: answer.id, departmentId: ka1.id })
  await db.insert(eventPairings).values({
    municipalityId: mid,
    eventId: event.id,
    pairingId: pairing.id,
    groupId: own.id,
    departmentId: ka1.id,
  })
  await db.insert(newsPosts).values({
    municipalityId: mid,
    title: '千代田の協働事例',
    body: '本文',
    category: 'case',
    status: 'published',
    publishedAt: new Date(Date.now() - 86_400_000),
    createdBy: userIds.coordinator,
  })
  const [sub] = await db
    .insert(newsletterSubscribers)
    .values({
      municipalityId: mid,
      email: 'reader@city2.example',
      status: 'confirmed',
      confirmedAt: new Date(),
    })
    .returning()
  const [issue] = await db
    .insert(newsletterIssues)
    .values({
      municipalityId: mid,
      title: '千代田ニューズレター',
      intro: 'はじめに',
      status: 'sent',
      sentAt: new Date(),
    })
    .returning()
  await db.insert(newsletterDeliveries).values({
    municipalityId: mid,
    issueId: issue.id,
    subscriberId: sub.id,
    unsubscribeTokenHash: 'x'.repeat(64),
  })
  await db
    .insert(staffNotices)
    .values({ municipalityId: mid, title: '千代田の庁内通知', body: '本文', createdBy: userIds.coordinator })
  const [ho] = await db
    .insert(handovers)
    .values({
      municipalityId: mid,
      fromUserId: userIds.staff,
      toUserId: userIds.coordinator,
      background: '経緯',
    })
    .returning()
  await db.insert(handoverItems).values({
    municipalityId: mid,
    handoverId: ho.id,
    kind: 'pairing',
    itemId: pairing.id,
    title: '千代田の組み合わせ',
  })
  const [consultation] = await db
    .insert(consultations)
    .values({
      municipalityId: mid,
      receiptNo: '相談-2026-0001',
      year: 2026,
      seq: 1,
      text: '千代田の相談',
      senderKind: 'resident',
      name: '千代田 花子',
      email: 'hanako@chiyoda.example',
      tokenHash: 'y'.repeat(64),
      status: 'reviewing',
    })
    .returning()
  await db
    .insert(consultationAssignments)
    .values({ municipalityId: mid, consultationId: consultation.id, departmentId: ka1.id })
  await db.insert(consultationMessages).values({
    municipalityId: mid,
    consultationId: consultation.id,
    kind: 'note',
    body: '千代田の内部メモ',
    authorId: userIds.coordinator,
  })
  await db.insert(consultationTemplates).values({
    municipalityId: mid,
    title: '千代田のテンプレート',
    body: '本文',
    createdBy: userIds.coordinator,
  })
  const [meeting] = await db
    .insert(meetings)
    .values({
      municipalityId: mid,
      subjectType: 'pairing',
      subjectId: pairing.id,
      title: '千代田の調整会議',
      departmentId: ka1.id,
      organiserId: userIds.staff,
    })
    .returning()
  const [candidate] = await db
    .insert(meetingCandidates)
    .values({
      municipalityId: mid,
      meetingId: meeting.id,
      startsAt: new Date(Date.now() + 5 * 86_400_000),
      endsAt: new Date(Date.now() + 5 * 86_400_000 + 3_600_000),
    })
    .returning()
  const [participant] = await db
    .insert(meetingParticipants)
    .values([
      { municipalityId: mid, meetingId: meeting.id, kind: 'user', userId: userIds.group, groupId: own.id },
      { municipalityId: mid, meetingId: meeting.id, kind: 'department', departmentId: ka1.id },
      {
        municipalityId: mid,
        meetingId: meeting.id,
        kind: 'outside',
        name: '外部 太郎',
        email: 'outside@city2.example',
        tokenHash: 'x'.repeat(64),
      },
    ])
    .returning()
  await db.insert(meetingMarks).values({
    municipalityId: mid,
    meetingId: meeting.id,
    candidateId: candidate.id,
    participantId: participant.id,
    mark: 'yes',
  })
  await db.insert(meetingActions).values({
    municipalityId: mid,
    meetingId: meeting.id,
    title: '資料を用意する',
    ownerId: userIds.staff,
    dueOn: '2026-12-24',
    createdBy: userIds.staff,
  })
  // the yearly survey, open, with one department's draft answer
  const [survey] = await db
    .insert(surveys)
    .values({
      municipalityId: mid,
      fiscalYear: 2025,
      title: '第二の市の実態把握調査',
      status: 'open',
      questionnaire: musashinoQuestionnaire(),
    })
    .returning()
  await db.insert(surveyResponses).values({
    municipalityId: mid,
    surveyId: survey.id,
    departmentId: ka1.id,
    departmentName: '高齢者支援課',
    attribute: 4,
    status: 'draft',
    answers: { dept: { respondent: '第二の市の職員' }, projects: [] },
  })
  // the proposal programme: a call with a theme, an 意見交換会, an application under review
  const [programme] = await db
    .insert(proposalProgrammes)
    .values({ municipalityId: mid, title: '令和8年度 協働事業提案制度', type: 'shimin' })
    .returning()
  await db.insert(proposalThemes).values({
    municipalityId: mid,
    programmeId: programme.id,
    departmentId: ka1.id,
    title: '高齢者の見守り',
  })
  await db.insert(proposalConsultations).values({
    municipalityId: mid,
    programmeId: programme.id,
    groupId: own.id,
    departmentId: ka1.id,
    heldOn: '2026-09-01',
  })
  const [proposal] = await db
    .insert(proposalApplications)
    .values({ municipalityId: mid, programmeId: programme.id, groupId: own.id, title: '見守りの輪を広げる' })
    .returning()
  await db
    .insert(proposalReviewers)
    .values({ municipalityId: mid, programmeId: programme.id, userId: userIds.reviewer })
  await db
    .insert(proposalConflicts)
    .values({ municipalityId: mid, applicationId: proposal.id, userId: userIds.reviewer })
  await db.insert(proposalScores).values({
    municipalityId: mid,
    applicationId: proposal.id,
    reviewerId: userIds.reviewer,
    stage: 'document',
    criterion: '公益性',
    score: 4,
    comment: '地域の課題に合っている',
  })
  await db.insert(proposalFunnelHistory).values({ municipalityId: mid, fiscalYear: 2019 })
  await db
    .insert(collaborationHistory)
    .values({ municipalityId: mid, fiscalYear: 2019, form: 'co_host', count: 3, source: '第二の市の報告書' })
  // an import of the second city in the middle of its batches (PGlite): another city's import touches neither
  const [batch] = await db
    .insert(importBatches)
    .values({ municipalityId: mid, tableName: 'groups', columns: ['municipality_id', 'name'] })
    .returning()
  await db.insert(importStagedRows).values({
    municipalityId: mid,
    batchId: batch.id,
    seq: 0,
    row: { municipality_id: mid, name: '取り込み中' },
  })
  return {
    db,
    municipalityId: mid,
    ownGroupId: own.id,
    otherGroupId: other.id,
    ownDepartmentId: ka1.id,
    otherDepartmentId: ka2.id,
    userIds,
  }
}

before(async () => {
  t = await createTestApp()
  await t.database.db
    .update(municipalities)
    .set({ host: HOST1 })
    .where(eq(municipalities.id, t.municipalityId))
  fx = await loadFixtures(t.database.db, t.municipalityId)
  fx2 = await seedSecondCity(t.database.db)
  city2 = fx2.municipalityId
})
after(async () => t.close())

const PREFERENCE: MatrixRole[] = ['admin', 'coordinator', 'staff', 'group', 'reviewer', 'visitor']
const roleFor = (k: AccessCase): MatrixRole =>
  k.allowed === 'all'
    ? 'visitor'
    : (PREFERENCE.find((r) => (k.allowed as MatrixRole[]).includes(r)) ?? 'visitor')

async function clientAs(role: MatrixRole) {
  const c = new HostClient(t.app, HOST1)
  if (role === 'visitor') await c.get('/login')
  else await c.login(DEMO_EMAIL[role], DEMO_PASSWORD)
  return c
}

async function send(c: TestClient, k: AccessCase) {
  if (k.json !== undefined || k.path.startsWith('/api/')) return c.json(k.method, k.path, k.json ?? {})
  return c.post(k.path, k.body ?? {})
}

test("the first city's write routes change nothing of the second city", async (ctx) => {
  const db = t.database.db
  const before2 = await snapshot(db, city2)
  assert.ok(Object.keys(before2).length >= 25, 'every city table is in the snapshot')
  for (const [name, r] of Object.entries(before2))
    if (
      ![
        'audit_log',
        'audit_chain_head',
        'job_runs',
        'outbox',
        'sessions',
        'user_tokens',
        'api_tokens',
        'fiscal_years',
        'import_jobs',
      ].includes(name)
    )
      assert.ok(r.length > 0, `the second city has rows in ${name}`)

  const writes = (f: Fixtures) => features.flatMap((x) => x.access?.(f) ?? []).map((k, i) => ({ k, i }))
  const mine = writes(fx)
  const theirs = writes(fx2)
  assert.equal(mine.length, theirs.length)
  const sessions = new Map<MatrixRole, TestClient>()
  const session = async (r: MatrixRole, fresh?: boolean) => {
    if (fresh) return clientAs(r)
    if (!sessions.has(r)) sessions.set(r, await clientAs(r))
    return sessions.get(r)!
  }
  const problems: string[] = []
  let crossCity = 0
  let own = 0
  const statuses = new Map<number, number>()
  // 1. the second city's ids in the first city's paths: never found
  for (const { k, i } of theirs) {
    if (k.method === 'GET' || k.path === mine[i].k.path) continue
    const role = roleFor(mine[i].k)
    const res = await send(await session(role, k.fresh), k)
    crossCity++
    if (res.status !== 403 && res.status !== 404)
      problems.push(`${role} ${k.method} ${k.path} (second city's id): ${res.status}, expected 403/404`)
  }
  // 2. every write use case of the first city, with its own ids
  for (const { k } of mine) {
    if (k.method === 'GET') continue
    const role = roleFor(k)
    const res = await send(await session(role, k.fresh), k)
    own++
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
    if (res.status >= 500) problems.push(`${role} ${k.method} ${k.path}: ${res.status}`)
  }
  ctx.diagnostic(
    `cross-city cases: ${crossCity}; own write cases: ${own}; statuses ${JSON.stringify([...statuses])}`,
  )
  assert.deepEqual(problems, [])
  assert.ok(crossCity >= 10, `cross-city cases sent: ${crossCity}`)
  assert.ok(own >= 30, `write cases sent: ${own}`)
  const after2 = await snapshot(db, city2)
  for (const name of Object.keys(before2))
    assert.deepEqual(after2[name], before2[name], `table ${name} of the second city changed`)
  assert.deepEqual(Object.keys(after2), Object.keys(before2))
})

test('inTransaction: a failing second write leaves the first undone', async () => {
  const db = t.database.db
  const ctx = { db, tenantId: t.municipalityId }
  const name = `取消テスト地区${Date.now()}`
  await assert.rejects(
    inTransaction(ctx, async (tx) => {
      assert.ok(isInTransaction(tx))
      await tx.db.insert(areas).values({ municipalityId: tx.tenantId, name })
      // the same name again: areas_name_uq refuses it
      await tx.db.insert(areas).values({ municipalityId: tx.tenantId, name })
    }),
  )
  const left = await db.select().from(areas).where(eq(areas.name, name))
  assert.equal(left.length, 0)
  // nested calls join the outer transaction (and its rollback)
  await assert.rejects(
    inTransaction(ctx, async (tx) => {
      await inTransaction(tx, async (inner) => {
        await inner.db.insert(areas).values({ municipalityId: inner.tenantId, name })
      })
      throw new Error('later failure')
    }),
  )
  assert.equal((await db.select().from(areas).where(eq(areas.name, name))).length, 0)
})

test('a row cannot point at another city: the foreign keys include municipality_id', async () => {
  const db = t.database.db
  await assert.rejects(
    db
      .insert(groupMembers)
      .values({ municipalityId: t.municipalityId, groupId: fx2.ownGroupId, userId: fx.userIds.group }),
  )
  await assert.rejects(
    db.insert(needs).values({ municipalityId: city2, departmentId: fx.ownDepartmentId, title: '越境' }),
  )
  // NO ACTION: a department that needs point at cannot be deleted
  await assert.rejects(db.delete(departments).where(eq(departments.id, fx2.ownDepartmentId)))
})

test('a link of a join table cannot point at another city: group, need, offer and follow areas, need plans, project departments', async () => {
  const db = t.database.db
  const city1 = t.municipalityId
  const [area2] = await db.select().from(areas).where(eq(areas.municipalityId, city2)).limit(1)
  const [area1] = await db.select().from(areas).where(eq(areas.municipalityId, city1)).limit(1)
  const [plan2] = await db.select().from(cityPlans).where(eq(cityPlans.municipalityId, city2)).limit(1)
  const [need1] = await db
    .select({ id: needs.id })
    .from(needs)
    .where(eq(needs.municipalityId, city1))
    .limit(1)
  const [offer1] = await db
    .select({ id: offers.id })
    .from(offers)
    .where(eq(offers.municipalityId, city1))
    .limit(1)
  assert.ok(area1 && area2 && plan2 && need1 && offer1, 'both cities have areas, plans, needs and offers')
  const ctx1 = { db, tenantId: city1 }
  // the control: a link to an area of the group's own city is accepted (and taken back)
  const links1 = await db.select().from(groupAreas).where(eq(groupAreas.groupId, fx.ownGroupId))
  await setLinks(ctx1, groupAreaLinks, fx.ownGroupId, [...links1.map((l) => l.areaId), area1.id])
  assert.ok(
    (await db.select().from(groupAreas).where(eq(groupAreas.groupId, fx.ownGroupId))).some(
      (l) => l.areaId === area1.id,
    ),
  )
  await setLinks(
    ctx1,
    groupAreaLinks,
    fx.ownGroupId,
    links1.map((l) => l.areaId),
  )
  // the first city's rows pointing at the second city's area or plan: refused by the keys
  await assert.rejects(
    db.insert(groupAreas).values({ municipalityId: city1, groupId: fx.ownGroupId, areaId: area2.id }),
  )
  await assert.rejects(setLinks(ctx1, groupAreaLinks, fx.ownGroupId, [area2.id]))
  await assert.rejects(
    db.insert(needAreas).values({ municipalityId: city1, needId: need1.id, areaId: area2.id }),
  )
  await assert.rejects(
    db.insert(needPlans).values({ municipalityId: city1, needId: need1.id, planId: plan2.id }),
  )
  await assert.rejects(
    db.insert(offerAreas).values({ municipalityId: city1, offerId: offer1.id, areaId: area2.id }),
  )
  const [project1] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.municipalityId, city1))
    .limit(1)
  await assert.rejects(
    db
      .insert(projectDepartments)
      .values({ municipalityId: city1, projectId: project1.id, departmentId: fx2.ownDepartmentId }),
  )
  // written under the second city's id instead: the group, need or offer is then not of that city
  await assert.rejects(
    db.insert(groupAreas).values({ municipalityId: city2, groupId: fx.ownGroupId, areaId: area2.id }),
  )
  await assert.rejects(
    db.insert(needAreas).values({ municipalityId: city2, needId: need1.id, areaId: area2.id }),
  )
  const [follow2] = await db
    .select({ id: followSettings.id })
    .from(followSettings)
    .where(eq(followSettings.municipalityId, city2))
  await assert.rejects(
    db.insert(followAreas).values({ municipalityId: city1, followId: follow2.id, areaId: area1.id }),
  )
  // nothing of it stayed: the group's areas are as they were
  assert.deepEqual(
    (await db.select().from(groupAreas).where(eq(groupAreas.groupId, fx.ownGroupId)))
      .map((l) => l.areaId)
      .sort(),
    links1.map((l) => l.areaId).sort(),
  )
  // NO ACTION: an area that a group is active in cannot be deleted
  await assert.rejects(db.delete(areas).where(eq(areas.id, area2.id)))
})

test('a link of the events room cannot point at another city: organisers and whom a participant met', async () => {
  const db = t.database.db
  const city1 = t.municipalityId
  const ctx1 = { db, tenantId: city1 }
  const [event1] = await db
    .insert(events)
    .values({
      municipalityId: city1,
      kind: 'social',
      title: '第一の市の交流会',
      startsAt: new Date(Date.now() - 2 * 86_400_000),
      endsAt: new Date(Date.now() - 2 * 86_400_000 + 7_200_000),
      status: 'held',
    })
    .returning()
  const [registration1] = await db
    .insert(eventRegistrations)
    .values({
      municipalityId: city1,
      eventId: event1.id,
      name: '一 市',
      email: 'a@city1.example',
      cancelTokenHash: 'y'.repeat(64),
    })
    .returning()
  const [answer1] = await db
    .insert(eventSurveyAnswers)
    .values({ municipalityId: city1, eventId: event1.id, registrationId: registration1.id, satisfaction: 5 })
    .returning()
  try {
    // the control: the first city's own department and group are accepted
    await setLinks(ctx1, organiserDepartmentLinks, event1.id, [fx.ownDepartmentId])
    await setLinks(ctx1, organiserGroupLinks, event1.id, [fx.ownGroupId])
    await setLinks(ctx1, metGroupLinks, answer1.id, [fx.ownGroupId])
    await setLinks(ctx1, metDepartmentLinks, answer1.id, [fx.ownDepartmentId])
    // the second city's department or group: refused by the keys, directly and through setLinks
    await assert.rejects(
      db
        .insert(eventOrganiserDepartments)
        .values({ municipalityId: city1, eventId: event1.id, departmentId: fx2.ownDepartmentId }),
    )
    await assert.rejects(
      db
        .insert(eventOrganiserGroups)
        .values({ municipalityId: city1, eventId: event1.id, groupId: fx2.ownGroupId }),
    )
    await assert.rejects(
      db
        .insert(eventSurveyMetGroups)
        .values({ municipalityId: city1, answerId: answer1.id, groupId: fx2.ownGroupId }),
    )
    await assert.rejects(
      db
        .insert(eventSurveyMetDepartments)
        .values({ municipalityId: city1, answerId: answer1.id, departmentId: fx2.ownDepartmentId }),
    )
    await assert.rejects(setLinks(ctx1, organiserGroupLinks, event1.id, [fx.ownGroupId, fx2.ownGroupId]))
    await assert.rejects(setLinks(ctx1, metDepartmentLinks, answer1.id, [fx2.ownDepartmentId]))
    // written under the second city's id instead: the event or the answer is then not of that city
    await assert.rejects(
      db
        .insert(eventOrganiserGroups)
        .values({ municipalityId: city2, eventId: event1.id, groupId: fx2.ownGroupId }),
    )
    await assert.rejects(
      db
        .insert(eventSurveyMetGroups)
        .values({ municipalityId: city2, answerId: answer1.id, groupId: fx2.ownGroupId }),
    )
    // nothing of it stayed: the event keeps exactly its own city's links
    const [e] = await db
      .select({ ...eventColumns })
      .from(events)
      .where(eq(events.id, event1.id))
    assert.deepEqual(e.organiserDepartmentIds, [fx.ownDepartmentId])
    assert.deepEqual(e.organiserGroupIds, [fx.ownGroupId])
    const [a] = await db
      .select({ ...surveyAnswerColumns })
      .from(eventSurveyAnswers)
      .where(eq(eventSurveyAnswers.id, answer1.id))
    assert.deepEqual(a.metGroupIds, [fx.ownGroupId])
    assert.deepEqual(a.metDepartmentIds, [fx.ownDepartmentId])
    // the target side: a department that organises an event cannot be deleted (NO ACTION); one a
    // participant met goes and takes the link with it (CASCADE: the answers are anonymous statistics)
    const [spare] = await db
      .insert(departments)
      .values({ municipalityId: city1, name: '臨時の課' })
      .returning()
    await setLinks(ctx1, organiserDepartmentLinks, event1.id, [fx.ownDepartmentId, spare.id])
    await assert.rejects(db.delete(departments).where(eq(departments.id, spare.id)))
    await setLinks(ctx1, organiserDepartmentLinks, event1.id, [fx.ownDepartmentId])
    await setLinks(ctx1, metDepartmentLinks, answer1.id, [fx.ownDepartmentId, spare.id])
    await db.delete(departments).where(eq(departments.id, spare.id))
    const [after] = await db
      .select({ ...surveyAnswerColumns })
      .from(eventSurveyAnswers)
      .where(eq(eventSurveyAnswers.id, answer1.id))
    assert.deepEqual(after.metDepartmentIds, [fx.ownDepartmentId])
  } finally {
    // the event goes with its registration, answer and links (CASCADE)
    await db.delete(events).where(eq(events.id, event1.id))
  }
  for (const table of [eventOrganiserDepartments, eventOrganiserGroups] as const)
    assert.equal((await db.select().from(table).where(eq(table.eventId, event1.id))).length, 0)
  assert.equal(
    (await db.select().from(eventSurveyMetGroups).where(eq(eventSurveyMetGroups.answerId, answer1.id)))
      .length,
    0,
  )
})

test('deleteCity removes the second city whatever the order of its tables, and only it', async () => {
  const db = t.database.db
  const first = await snapshot(db, t.municipalityId)
  await deleteCity(t.database, city2)
  const gone = await snapshot(db, city2)
  for (const [name, r] of Object.entries(gone))
    if (name !== 'audit_log' && name !== 'audit_chain_head') assert.equal(r.length, 0, name)
  assert.deepEqual(await snapshot(db, t.municipalityId), first)
})
