// Backups that restore everything (issue 11 item 6): the rows of every table and the uploaded
// files in one archive, one snapshot, a restore that brings both back, and the scheduled backup.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import tar from 'tar-stream'
import { audit } from './core/audit/index.ts'
import { verifyAllAuditChains } from './core/audit/verify.ts'
import { backup, checkBackup, restore } from './core/db/backup.ts'
import { backupFileName, listBackups, pruneBackups, runScheduledBackup } from './core/db/backup-schedule.ts'
import { type Db, rows } from './core/db/index.ts'
import { uploadsDir } from './core/storage.ts'
import { createBareApp, createTestApp, type TestApp } from './testing/harness.ts'

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `kyodo-${p}-`))

async function tableRows(db: Db): Promise<Record<string, string[]>> {
  const names = await rows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  )
  const out: Record<string, string[]> = {}
  for (const { name } of names)
    out[name] = (
      await rows<{ r: string }>(
        db,
        sql`SELECT row_to_json(t)::text AS r FROM ${sql.identifier(name)} t ORDER BY 1`,
      )
    ).map((x) => x.r)
  return out
}

function filesOf(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {}
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else out[path.relative(dir, p)] = fs.readFileSync(p)
    }
  }
  walk(dir)
  return out
}

/** Unpacks an archive into memory, lets `edit` change entries, packs it again (manifest fixed up). */
async function rewrite(file: string, out: string, edit: (entries: Map<string, Buffer>) => void) {
  const entries = new Map<string, Buffer>()
  const ex = tar.extract()
  ex.on('entry', (h, stream, next) => {
    const chunks: Buffer[] = []
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.on('end', () => {
      entries.set(h.name, Buffer.concat(chunks))
      next()
    })
  })
  await pipeline(fs.createReadStream(file), zlib.createGunzip(), ex)
  edit(entries)
  const m = JSON.parse(entries.get('kyodo-backup.json')!.toString())
  const { createHash } = await import('node:crypto')
  for (const t of m.tables) {
    const b = entries.get(`db/${t.name}.ndjson`)!
    t.bytes = b.length
    t.sha256 = createHash('sha256').update(b).digest('hex')
  }
  entries.set('kyodo-backup.json', Buffer.from(JSON.stringify(m)))
  const pack = tar.pack()
  const done = pipeline(pack, zlib.createGzip(), fs.createWriteStream(out))
  for (const [name, b] of entries) pack.entry({ name }, b)
  pack.finalize()
  await done
}

describe('backup and restore of a whole instance', () => {
  let a: TestApp
  let b: TestApp
  const dirA = tmp('bak-a')
  const dirB = tmp('bak-b')
  const work = tmp('bak-files')
  const archive = path.join(work, 'kyodo.tar.gz')
  // a document with every byte value in it (a PDF by its first bytes, as the upload rule wants)
  const pdf = Buffer.concat([
    Buffer.from('%PDF-1.4\n'),
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    randomBytes(4096),
  ])
  let groupId = ''
  let docId = ''

  before(async () => {
    a = await createTestApp({ env: { KYODO_DATA_DIR: dirA } })
    const [g] = await rows<{ id: string }>(
      a.database.db,
      sql`SELECT id FROM groups WHERE name = 'むさしの見守りネットワーク'`,
    )
    groupId = g.id
    const owner = await a.as('group@demo.example')
    await owner.get(`/groups/${groupId}/edit`)
    const fd = new FormData()
    fd.append('_csrf', owner.csrf)
    fd.append('kind', 'rules')
    fd.append('title', '会則（公開）')
    fd.append('isPublic', 'on')
    fd.append('file', new Blob([pdf], { type: 'application/pdf' }), 'rules.pdf')
    assert.equal((await owner.request('POST', `/groups/${groupId}/documents`, { body: fd })).status, 303)
    const [d] = await rows<{ id: string }>(
      a.database.db,
      sql`SELECT id FROM group_documents WHERE group_id = ${groupId}`,
    )
    docId = d.id
    assert.equal(Object.keys(filesOf(uploadsDir(a.config))).length, 1)
    b = await createBareApp({ env: { KYODO_DATA_DIR: dirB } })
  })
  after(async () => {
    await a.close()
    await b.close()
    for (const d of [dirA, dirB, work]) fs.rmSync(d, { recursive: true, force: true })
  })

  test('one archive holds every table and every uploaded file; restore brings back both, identical', async () => {
    const r = (await backup(a.database, archive, { uploadsDir: uploadsDir(a.config) }))!
    assert.equal(r.files, 1)
    assert.ok(r.rows > 100)
    assert.ok(!fs.existsSync(`${archive}.partial`))
    // an ordinary tar.gz
    const listing = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).split('\n')
    assert.ok(listing.includes('db/groups.ndjson'))
    assert.ok(listing.includes('kyodo-backup.json'))
    assert.ok(
      listing.some(
        (l) =>
          l.startsWith('uploads/') &&
          l.endsWith(
            Object.keys(filesOf(uploadsDir(a.config)))[0]
              .split('/')
              .pop()!,
          ),
      ),
    )
    const m = await checkBackup(archive)
    assert.equal(m.kyodoBackup, 2)
    assert.equal(m.files.length, 1)

    const back = await restore(b.database, archive, { uploadsDir: uploadsDir(b.config) })
    assert.equal(back.files, 1)
    const want = await tableRows(a.database.db)
    const got = await tableRows(b.database.db)
    assert.deepEqual(Object.keys(got), Object.keys(want))
    for (const name of Object.keys(want)) assert.deepEqual(got[name], want[name], `table ${name}`)
    const fa = filesOf(uploadsDir(a.config))
    const fb = filesOf(uploadsDir(b.config))
    assert.deepEqual(Object.keys(fb), Object.keys(fa))
    for (const k of Object.keys(fa)) assert.ok(fa[k].equals(fb[k]), `file ${k}`)
    // the restored instance serves the public document, byte for byte, and its audit chain holds
    const res = await b.client().get(`/groups/${groupId}/documents/${docId}`)
    assert.equal(res.status, 200)
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(pdf))
    for (const c of await verifyAllAuditChains(b.database.db)) assert.equal(c.ok, true)
    // and goes on: a new audit row continues the restored chain, new ids follow the restored ones
    await audit(
      { db: b.database.db, tenantId: a.municipalityId, actor: null, ip: '', userAgent: 't' },
      { action: 'test.after-restore' },
    )
    for (const c of await verifyAllAuditChains(b.database.db)) assert.equal(c.ok, true)
  })

  test('restore refuses a database that already holds data', async () => {
    await assert.rejects(restore(b.database, archive, { uploadsDir: uploadsDir(b.config) }), /empty database/)
  })

  test('a damaged archive is refused before anything is written', async () => {
    const damaged = path.join(work, 'damaged.tar.gz')
    await rewrite(archive, damaged, (e) => {
      const [k] = [...e.keys()].filter((n) => n.startsWith('uploads/'))
      const buf = Buffer.from(e.get(k)!)
      buf[20] ^= 0xff
      e.set(k, buf)
    })
    const c = await createBareApp({ env: { KYODO_DATA_DIR: tmp('bak-c') } })
    try {
      await assert.rejects(checkBackup(damaged), /damaged/)
      await assert.rejects(restore(c.database, damaged, { uploadsDir: uploadsDir(c.config) }), /damaged/)
      const [n] = await rows<{ n: number }>(c.database.db, sql`SELECT count(*)::int AS n FROM municipalities`)
      assert.equal(n.n, 0)
    } finally {
      await c.close()
    }
  })

  test('an archive whose audit log was edited (and its checksums recomputed) is refused by the chain', async () => {
    const edited = path.join(work, 'edited.tar.gz')
    await rewrite(archive, edited, (e) => {
      const lines = e.get('db/audit_log.ndjson')!.toString().trim().split('\n')
      const i = Math.floor(lines.length / 2)
      const row = JSON.parse(lines[i])
      row.actor_label = 'someone-else'
      lines[i] = JSON.stringify(row)
      e.set('db/audit_log.ndjson', Buffer.from(`${lines.join('\n')}\n`))
    })
    const c = await createBareApp({ env: { KYODO_DATA_DIR: tmp('bak-d') } })
    try {
      await assert.rejects(
        restore(c.database, edited, { uploadsDir: uploadsDir(c.config) }),
        /監査ログの連鎖がバックアップと一致しません/,
      )
      const [n] = await rows<{ n: number }>(c.database.db, sql`SELECT count(*)::int AS n FROM audit_log`)
      assert.equal(n.n, 0, 'nothing restored')
    } finally {
      await c.close()
    }
  })
})

test('a backup taken while writes go on is one snapshot: every pair written together is whole or absent', async () => {
  const t = await createTestApp()
  const work = tmp('bak-live')
  try {
    let stop = false
    let written = 0
    const writer = (async () => {
      for (let k = 0; !stop && k < 2000; k++) {
        // audit_log is read before rate_limits: without one snapshot a pair committed in between
        // would be in the second table only
        await t.database.db.transaction(async (tx) => {
          await audit(
            { db: tx as any, tenantId: t.municipalityId, actor: null, ip: '', userAgent: 't' },
            { action: 'test.pair', entityId: `p${k}` },
          )
          await tx.execute(sql`INSERT INTO rate_limits (key, count) VALUES (${`pair:p${k}`}, 1)`)
        })
        written++
        await new Promise((r) => setImmediate(r))
      }
    })()
    while (written < 5) await new Promise((r) => setTimeout(r, 5))
    const file = path.join(work, 'live.tar.gz')
    await backup(t.database, file)
    stop = true
    await writer
    const fresh = await createBareApp()
    try {
      await restore(fresh.database, file)
      const audits = await rows<{ k: string }>(
        fresh.database.db,
        sql`SELECT entity_id AS k FROM audit_log WHERE action = 'test.pair' ORDER BY 1`,
      )
      const limits = await rows<{ k: string }>(
        fresh.database.db,
        sql`SELECT substr(key, 6) AS k FROM rate_limits WHERE key LIKE 'pair:%' ORDER BY 1`,
      )
      assert.ok(audits.length >= 5)
      assert.deepEqual(
        limits.map((x) => x.k),
        audits.map((x) => x.k),
      )
    } finally {
      await fresh.close()
    }
  } finally {
    await t.close()
    fs.rmSync(work, { recursive: true, force: true })
  }
})

test('the scheduled backup runs when due and keeps the N newest', async () => {
  const t = await createTestApp({ demo: false })
  const dir = tmp('bak-sched')
  const config = {
    KYODO_DATA_DIR: tmp('bak-sched-data'),
    KYODO_BACKUP_DIR: dir,
    KYODO_BACKUP_EVERY_HOURS: 24,
    KYODO_BACKUP_KEEP: 2,
  }
  try {
    // older backups, by name and time
    for (const d of ['2020-01-01', '2020-01-02', '2020-01-03']) {
      const f = path.join(dir, backupFileName(new Date(`${d}T00:00:00Z`)))
      fs.writeFileSync(f, '')
      fs.utimesSync(f, new Date(`${d}T00:00:00Z`), new Date(`${d}T00:00:00Z`))
    }
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup')
    const made = await runScheduledBackup(t.database, config)
    assert.ok(made && fs.existsSync(made))
    assert.deepEqual(listBackups(dir), [
      path.basename(made),
      backupFileName(new Date('2020-01-03T00:00:00Z')),
    ])
    assert.ok(fs.existsSync(path.join(dir, 'notes.txt')), 'other files are left alone')
    // not due again yet
    assert.equal(await runScheduledBackup(t.database, config), null)
    // due a day later
    const later = await runScheduledBackup(t.database, config, new Date(Date.now() + 25 * 3_600_000))
    assert.ok(later)
    assert.equal(listBackups(dir).length, 2)
    assert.deepEqual(pruneBackups(dir, 1), [path.basename(made)])
    // off
    assert.equal(
      await runScheduledBackup(
        t.database,
        { ...config, KYODO_BACKUP_EVERY_HOURS: 0 },
        new Date(Date.now() + 1e10),
      ),
      null,
    )
    await checkBackup(later!)
  } finally {
    await t.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
