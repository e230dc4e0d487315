import { serve } from '@hono/node-server'
import { createApp } from './app.tsx'
import { loadConfig } from './core/config.ts'
import { startBackupSchedule } from './core/db/backup-schedule.ts'
import { migrateAsOwner, openDatabase } from './core/db/index.ts'
import { recoverImportBatches } from './core/import/index.ts'
import { housekeeping, startScheduler } from './core/jobs/index.ts'
import { logger } from './core/logger.ts'
import { warming } from './core/search/city-index.ts'
import { features } from './features/index.ts'
import { DEMO_LOGINS, DEMO_PASSWORD, demoProgress, isEmpty, loadDemo } from './demo/index.ts'

const config = loadConfig()
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.KYODO_DATA_DIR })
await migrateAsOwner(database, config.KYODO_MIGRATE_DATABASE_URL)
// an import this folder's server was writing when it stopped: deleted, or finished if committed
if (database.kind === 'pglite') await recoverImportBatches(database.db)

if (config.KYODO_DEMO === '1' && (await isEmpty(database))) {
  logger.info('empty database: loading the demo city (set KYODO_DEMO=0 to skip)')
  await loadDemo(database, config, { onStep: demoProgress() })
}

const app = createApp(database, config)
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  const where =
    database.kind === 'pglite' ? `PGlite in ${config.KYODO_DATA_DIR}` : 'PostgreSQL (DATABASE_URL)'
  console.log(`\nKyodo 協働ポータル: http://localhost:${info.port}  (database: ${where})`)
  console.log(`Demo logins (password: ${DEMO_PASSWORD}):`)
  for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(28)} ${l.role}`)
  console.log('')
})

// Build the rooms' in-process indexes (the directory's search) in the background: the first search
// of a large city then does not wait for tens of thousands of groups to be analysed.
// Counted as builds from now (warming): a health check before a warm-up has read its first version
// must not report that nothing is being built.
for (const f of features) {
  const warm = f.warm
  if (!warm) continue
  warming(new Promise((r) => setTimeout(r, 0)).then(() => warm(database.db))).catch((e: unknown) =>
    logger.warn({ err: e, feature: f.name }, 'warm-up failed'),
  )
}

const stopScheduler =
  config.KYODO_JOBS === '1'
    ? startScheduler(database, config, [housekeeping, ...features.flatMap((f) => f.jobs ?? [])])
    : () => {}
// the whole instance (database and uploads) every KYODO_BACKUP_EVERY_HOURS, the KYODO_BACKUP_KEEP newest kept
const stopBackups = config.KYODO_JOBS === '1' ? startBackupSchedule(database, config) : () => {}

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down')
  stopScheduler()
  stopBackups()
  server.close()
  await database.close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
