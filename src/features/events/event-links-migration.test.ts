import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrate, migrationsFolder, openDatabase, rows } from '../../core/db/index.ts'

/**
 * Migration 0036 (event_links): a database at 0035 with organisers and "met" ids in the uuid[]
 * columns keeps them as rows of the join tables — only ids of a department or group of the row's
 * own city; another city's id, an id of nothing and duplicates are dropped — and the arrays go.
 */
test('migration 0036 copies the events arrays into the join tables, keeping only ids of the own city', async () => {
  // the migrations up to 0035: the same files with the journal cut before 0036
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-mig-'))
  fs.cpSync(migrationsFolder, dir, { recursive: true })
  const journalFile = path.join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'))
  const at = journal.entries.findIndex((e: { tag: string }) => e.tag === '0036_event_links')
  assert.ok(at > 0, 'the journal lists 0036_event_links')
  journal.entries = journal.entries.slice(0, at)
  fs.writeFileSync(journalFile, JSON.stringify(journal))

  const database = await openDatabase({ dataDir: 'memory' })
  try {
    const db = database.db
    await migratePglite(db as never, { migrationsFolder: dir })
    const cols = await rows<{ column_name: string }>(
      db,
      sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'events' AND column_name LIKE 'organiser_%'`,
    )
    assert.equal(cols.length, 2, 'at 0035 the arrays are still there')

    const one = async <T = { id: string }>(q: ReturnType<typeof sql>) => (await rows<T>(db, q))[0]
    const city = async (code: string, name: string) =>
      (
        await one(
          sql`INSERT INTO municipalities (code, name, prefecture) VALUES (${code}, ${name}, '東京都') RETURNING id`,
        )
      ).id
    const m1 = await city('132039', '武蔵野市')
    const m2 = await city('131016', '千代田区')
    const dep = async (m: string, name: string) =>
      (await one(sql`INSERT INTO departments (municipality_id, name) VALUES (${m}, ${name}) RETURNING id`)).id
    const group = async (m: string, name: string) =>
      (
        await one(
          sql`INSERT INTO groups (municipality_id, name, actor_kind, legal_form) VALUES (${m}, ${name}, 'citizen_group', 'voluntary') RETURNING id`,
        )
      ).id
    const d1 = await dep(m1, '高齢者支援課')
    const d1b = await dep(m1, '市民協働推進課')
    const d2 = await dep(m2, '千代田の課')
    const g1 = await group(m1, '見守りの会')
    const g2 = await group(m2, '千代田の会')
    const nothing = '00000000-0000-4000-8000-000000000000'
    const arr = (ids: string[]) => `{${ids.join(',')}}`
    const event = (
      await one(
        sql`INSERT INTO events (municipality_id, kind, title, starts_at, ends_at, organiser_department_ids, organiser_group_ids)
            VALUES (${m1}, 'social', '交流会', now(), now() + interval '2 hours',
              ${arr([d1b, d1, d2, nothing, d1])}::uuid[], ${arr([g1, g2])}::uuid[]) RETURNING id`,
      )
    ).id
    const bare = (
      await one(
        sql`INSERT INTO events (municipality_id, kind, title, starts_at, ends_at)
            VALUES (${m1}, 'briefing', '説明会', now(), now() + interval '1 hour') RETURNING id`,
      )
    ).id
    const reg = (
      await one(
        sql`INSERT INTO event_registrations (municipality_id, event_id, name, cancel_token_hash)
            VALUES (${m1}, ${event}, '一 市', ${'x'.repeat(64)}) RETURNING id`,
      )
    ).id
    const answer = (
      await one(
        sql`INSERT INTO event_survey_answers (municipality_id, event_id, registration_id, satisfaction, met_group_ids, met_department_ids)
            VALUES (${m1}, ${event}, ${reg}, 4, ${arr([g2, g1, g1])}::uuid[], ${arr([d2, d1b])}::uuid[]) RETURNING id`,
      )
    ).id

    // the real folder: only 0036 is left to run
    await migrate(database)

    const linked = async (table: string, owner: string, target: string, id: string) =>
      (
        await rows<{ t: string }>(
          db,
          sql`SELECT ${sql.identifier(target)}::text AS t FROM ${sql.identifier(table)}
              WHERE municipality_id = ${m1} AND ${sql.identifier(owner)} = ${id} ORDER BY 1`,
        )
      ).map((r) => r.t)
    assert.deepEqual(
      await linked('event_organiser_departments', 'event_id', 'department_id', event),
      [d1, d1b].sort(),
    )
    assert.deepEqual(await linked('event_organiser_groups', 'event_id', 'group_id', event), [g1])
    assert.deepEqual(await linked('event_organiser_departments', 'event_id', 'department_id', bare), [])
    assert.deepEqual(await linked('event_survey_met_groups', 'answer_id', 'group_id', answer), [g1])
    assert.deepEqual(await linked('event_survey_met_departments', 'answer_id', 'department_id', answer), [
      d1b,
    ])
    // nothing of another city was written under either city
    for (const table of [
      'event_organiser_departments',
      'event_organiser_groups',
      'event_survey_met_groups',
      'event_survey_met_departments',
    ]) {
      const n = await one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE municipality_id = ${m2}`,
      )
      assert.equal(Number(n.n), 0, table)
    }
    const left = await rows(
      db,
      sql`SELECT column_name FROM information_schema.columns
          WHERE table_name IN ('events', 'event_survey_answers')
            AND column_name IN ('organiser_department_ids', 'organiser_group_ids', 'met_group_ids', 'met_department_ids')`,
    )
    assert.equal(left.length, 0, 'the arrays are gone')
  } finally {
    await database.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
