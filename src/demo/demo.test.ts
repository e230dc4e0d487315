import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { loadConfig } from '../core/config.ts'
import { users } from '../core/db/schema.ts'
import type { Database } from '../core/db/index.ts'
import { fiscalYearOf, fiscalYearRange } from '../core/japanese/index.ts'
import { formatPostalCode } from '../core/japanese/text.ts'
import { groupMembers, groups } from '../features/groups/schema.ts'
import { pairings } from '../features/matching/schema.ts'
import { needs } from '../features/needs/schema.ts'
import { offers } from '../features/offers/schema.ts'
import { projects } from '../features/projects/schema.ts'
import { clonePglite } from '../testing/templates.ts'
import { loadDemo } from './index.ts'

/**
 * The full demo city, loaded into an in-memory database, makes sense: what a user test found
 * (a 株式会社 doing 見守り, a track record before the founding, shared descriptions, six public
 * needs, 2020 applications still 審査待ち, 「…たいで協働したい」) cannot come back.
 */
let database: Database
let mid = ''

before(async () => {
  // a copy of the migrated empty template (initdb and the migrations are done once per run)
  database = await clonePglite('empty')
  const r = await loadDemo(database, loadConfig({ KYODO_DEMO: '0', LOG_LEVEL: 'silent' }), { size: 'full' })
  mid = r.municipalityId
})
after(() => database.close())

const cityGroups = () => database.db.select().from(groups).where(eq(groups.municipalityId, mid))

test('groups: track records never before the founding year, and distinct descriptions', async () => {
  const gs = await cityGroups()
  assert.ok(gs.length >= 400)
  for (const g of gs) {
    for (const m of g.trackRecord.matchAll(/(\d{4})年度/g))
      assert.ok(Number(m[1]) >= (g.foundedYear ?? 0), `${g.name}: ${m[1]}年度 < ${g.foundedYear}年`)
    assert.ok((g.foundedYear ?? 0) <= new Date().getFullYear(), g.name)
  }
  const dup = (k: 'purpose' | 'name') => {
    const seen = new Map<string, string>()
    for (const g of gs) {
      if (seen.has(g[k])) return `${seen.get(g[k])} / ${g.name}: ${g[k]}`
      seen.set(g[k], g.name)
    }
    return null
  }
  assert.equal(dup('purpose'), null)
  assert.equal(dup('name'), null)
})

test('groups: the legal form agrees with the kind of actor (株式会社 only for businesses)', async () => {
  const allowed: Record<string, string[]> = {
    business: ['company', 'cooperative'],
    community_org: ['neighbourhood'],
    education: ['school'],
    civic: ['voluntary', 'volunteer', 'npo', 'certified_npo', 'general_association'],
  }
  for (const g of await cityGroups()) {
    assert.ok(allowed[g.actorKind]?.includes(g.legalForm), `${g.name}: ${g.actorKind} / ${g.legalForm}`)
    if (g.name.includes('株式会社')) assert.equal(g.legalForm, 'company', g.name)
    if (g.legalForm === 'company') assert.match(g.name, /^株式会社/)
    if (/NPO法人/.test(g.name)) assert.match(g.legalForm, /npo/, g.name)
    // A business does what a business does: no volunteer watch-groups run by a design studio.
    if (g.actorKind === 'business') assert.match(g.purpose, /事業者です/, g.name)
  }
})

test('groups: no stale applications — nothing pending from before this fiscal year', async () => {
  const { startsOn } = fiscalYearRange(fiscalYearOf(new Date()))
  const pending = (await cityGroups()).filter((g) => g.status === 'pending')
  assert.ok(pending.length > 0)
  for (const g of pending) {
    assert.ok(g.submittedAt, g.name)
    assert.ok(g.submittedAt! >= new Date(`${startsOn}T00:00:00+09:00`), `${g.name}: ${g.submittedAt}`)
  }
})

test('groups: several have owner accounts, not only group@demo.example', async () => {
  const owners = await database.db
    .select({ email: users.email })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.municipalityId, mid))
  const emails = owners.map((o) => o.email)
  assert.ok(emails.includes('group@demo.example'))
  assert.ok(emails.length >= 4, emails.join(' '))
})

test('needs: at least 30 from at least 15 departments, in every state', async () => {
  const ns = await database.db.select().from(needs).where(eq(needs.municipalityId, mid))
  assert.ok(ns.length >= 30, `${ns.length} needs`)
  assert.ok(new Set(ns.map((n) => n.departmentId)).size >= 15)
  const states = new Set(ns.map((n) => n.status))
  for (const s of ['draft', 'published', 'coordinating', 'matched', 'unmatched', 'withdrawn'])
    assert.ok(states.has(s), `no need is ${s}`)
  assert.ok(ns.filter((n) => n.status === 'published' && n.visibility === 'public').length >= 10)
})

test('pairings at every stage, projects in every state; offers read as Japanese', async () => {
  const ps = await database.db.select().from(pairings).where(eq(pairings.municipalityId, mid))
  const stages = new Set(ps.map((p) => p.stage))
  for (const s of ['candidate', 'introduced', 'negotiating', 'agreed', 'declined'])
    assert.ok(stages.has(s), `no pairing is ${s}`)
  const pr = await database.db.select().from(projects).where(eq(projects.municipalityId, mid))
  assert.equal(pr.filter((p) => p.pairingId).length, 2, 'the two agreed pairings became projects')
  for (const s of ['preparing', 'running', 'ended', 'follow_up', 'completed'])
    assert.ok(
      pr.some((p) => p.status === s),
      `no project is ${s}`,
    )
  assert.ok(pr.some((p) => p.internal))
  const os = await database.db.select().from(offers).where(eq(offers.municipalityId, mid))
  assert.ok(os.length >= 5)
  for (const o of os) assert.doesNotMatch(o.title, /たいで|で協働したい$/, o.title)
})

test('postal codes are stored as 7 digits and shown as 〒180-0001', async () => {
  for (const g of await cityGroups()) assert.match(g.postalCode, /^180\d{4}$/, g.name)
  assert.equal(formatPostalCode('1800001'), '〒180-0001')
  assert.equal(formatPostalCode('１８０－０００１'), '〒180-0001')
  assert.equal(formatPostalCode(''), '')
})
