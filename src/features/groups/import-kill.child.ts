/**
 * Child process of the kill test (import-city.test.ts): opens the PGlite folder given as argv[2],
 * starts an import job of the CSV file argv[3] (mode all, published) and, once the first rows
 * are written (on PGlite: staged, not committed), prints the job id and "WRITING" and waits to be
 * killed (SIGKILL, as a crashed or stopped server). The real server is killed in src/import-crash.test.ts.
 */
import fs from 'node:fs'
import { sql } from 'drizzle-orm'
import { loadActor } from '../../core/auth/service.ts'
import { loadConfig } from '../../core/config.ts'
import { openDatabase, rows } from '../../core/db/index.ts'
import { startImportJob } from '../../core/import/index.ts'
import { importGroups } from './io.ts'

const database = await openDatabase({ dataDir: process.argv[2] })
const [m] = await rows<any>(database.db, sql`SELECT * FROM municipalities LIMIT 1`)
const [u] = await rows<{ id: string }>(
  database.db,
  sql`SELECT id FROM users WHERE email = 'coordinator@demo.example'`,
)
const ctx = {
  db: database.db,
  dbKind: database.kind,
  config: loadConfig({ KYODO_DEMO: '0', LOG_LEVEL: 'silent' }),
  tenantId: m.id,
  municipality: { ...m, settings: m.settings ?? {}, officeEmail: m.office_email ?? '' },
  actor: await loadActor(database.db, m.id, u.id, 'session'),
  ip: '127.0.0.1',
  userAgent: 'kill-test',
} as any
const bytes = new Uint8Array(fs.readFileSync(process.argv[3]))
const id = await startImportJob(ctx, {
  kind: 'groups',
  dryRun: false,
  params: {},
  run: async (progress) => {
    const report = await importGroups(ctx, bytes, {
      dryRun: false,
      mode: 'all',
      status: 'published',
      fieldValues: { 殺された値: 'community' },
      onProgress: async (phase, done, total, errors) => {
        await progress({ phase, done, total, errors })
        if (phase === 'write') {
          process.stdout.write(`${id} WRITING ${done}\n`)
          await new Promise((r) => setTimeout(r, 60_000))
        }
      },
    })
    return { report }
  },
})
