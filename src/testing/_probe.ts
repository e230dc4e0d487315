import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from '/work/wt/tests/src/core/db/index.ts'
import { loadDemo } from '/work/wt/tests/src/demo/index.ts'
import { loadConfig } from '/work/wt/tests/src/core/config.ts'
let t = performance.now()
const lap = (s: string) => {
  const n = performance.now()
  console.log(s, Math.round(n - t))
  t = n
}
const c = new PGlite({ extensions: { pg_trgm } })
await c.waitReady
lap('open')
const database = { db: drizzle(c) as any, kind: 'pglite' as const, close: () => c.close() }
await migrate(database)
lap('migrate')
const blob = await c.dumpDataDir('none')
lap('dump ' + blob.size)
await loadDemo(database, loadConfig({ KYODO_DEMO: '0', LOG_LEVEL: 'silent' }), { size: 'small' })
lap('demo')
const blob2 = await c.dumpDataDir('none')
lap('dump2 ' + blob2.size)
const d = new PGlite({ loadDataDir: blob2, extensions: { pg_trgm } })
await d.waitReady
lap('load')
console.log((await d.query('select count(*) from users')).rows)
lap('q')
