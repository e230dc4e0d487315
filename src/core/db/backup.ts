import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import { sql } from 'drizzle-orm'
import tar from 'tar-stream'
import { type Database, type Db, rows } from './index.ts'

/**
 * A backup is one gzip-compressed tar archive (docs/decisions/0010-audit-chain-and-backups.md):
 *
 *   db/<table>.ndjson   every row of every table in the public schema, one JSON object a line
 *                       (row_to_json), read in ONE transaction (REPEATABLE READ, READ ONLY): on
 *                       PostgreSQL all tables come from the same snapshot, whatever is written
 *                       meanwhile; on PGlite the transaction has the only connection
 *   uploads/<key>       every file under KYODO_DATA_DIR/uploads, byte for byte
 *   kyodo-backup.json   the manifest, last: format 2, time, database kind, and for each table and
 *                       file its row count or size and its sha256
 *
 * `tar -tzf` lists it, `tar -xzf` unpacks it. restore() takes it back into an empty, migrated
 * database and the uploads folder, checking every sha256 first and the audit chain as it goes
 * (the restored rows must hash to the values in the archive). The files are read after the rows,
 * so a file uploaded during the backup may come along without its row (harmless) and a file
 * deleted during it may be missing although its row is there (its document was being removed).
 * The older format (one JSON-lines file, `kyodoBackup: 1`) is still restored.
 */
export const BACKUP_FORMAT = 2
const MANIFEST = 'kyodo-backup.json'

export interface ManifestTable {
  name: string
  rows: number
  bytes: number
  sha256: string
}
export interface ManifestFile {
  key: string
  bytes: number
  sha256: string
}
export interface Manifest {
  kyodoBackup: number
  at: string
  database: string
  snapshot: string
  tables: ManifestTable[]
  files: ManifestFile[]
}

export interface BackupOptions {
  /** the uploads folder (KYODO_DATA_DIR/uploads); no files in the archive when absent */
  uploadsDir?: string
  /** take the archive only if no other process is taking one (PostgreSQL advisory lock); else null */
  exclusive?: boolean
}

export interface BackupResult {
  file: string
  manifest: Manifest
  rows: number
  files: number
}

/** Every table of the database (read from the catalogue, so every feature room's tables are in). */
async function tables(db: Db): Promise<string[]> {
  const r = await rows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )
  return r.map((x) => x.name)
}

/** The audit chain is restored in its own order, so that the insert trigger rebuilds the same hashes. */
const ORDER: Record<string, string> = { audit_log: 'ORDER BY municipality_id, chain_seq, id' }
/** Rebuilt by the audit_log trigger on restore; compared with the archive's copy afterwards. */
const DERIVED = new Set(['audit_chain_head'])

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (d: string) => {
    let entries: fs.Dirent[]
    try {
      entries = await fsp.readdir(d, { withFileTypes: true })
    } catch (e: any) {
      if (e.code === 'ENOENT') return
      throw e
    }
    for (const e of entries) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) await walk(p)
      else if (e.isFile()) out.push(path.relative(dir, p).split(path.sep).join('/'))
    }
  }
  await walk(dir)
  return out.sort()
}

function addFile(pack: tar.Pack, name: string, full: string, size: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256')
    const entry = pack.entry({ name, size, mode: 0o600 }, (err) =>
      err ? reject(err) : resolve(h.digest('hex')),
    )
    const rs = fs.createReadStream(full)
    rs.on('data', (c) => h.update(c))
    rs.on('error', reject)
    rs.pipe(entry)
  })
}

const finish = (w: fs.WriteStream) =>
  new Promise<void>((res, rej) => w.end((e?: Error | null) => (e ? rej(e) : res())))

/** Writes the archive to `file` (via file.partial, renamed when complete). */
export async function backup(
  database: Database,
  file: string,
  opts: BackupOptions = {},
): Promise<BackupResult | null> {
  const work = await fsp.mkdtemp(path.join(path.dirname(path.resolve(file)), '.kyodo-backup-'))
  const partial = `${file}.partial`
  try {
    const at = new Date().toISOString()
    const dumped = await database.db.transaction(
      async (tx) => {
        const db = tx as unknown as Db
        if (opts.exclusive && database.kind === 'postgres') {
          const [l] = await rows<{ ok: boolean }>(db, sql`SELECT pg_try_advisory_xact_lock(7401, 1) AS ok`)
          if (!l.ok) return null
        }
        const out: ManifestTable[] = []
        for (const name of await tables(db)) {
          const w = fs.createWriteStream(path.join(work, `${name}.ndjson`))
          const h = createHash('sha256')
          let n = 0
          let bytes = 0
          await tx.execute(
            sql.raw(
              `DECLARE kyodo_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS r FROM "${name}" t ${ORDER[name] ?? ''}`,
            ),
          )
          for (;;) {
            const batch = await rows<{ r: string }>(db, sql`FETCH 2000 FROM kyodo_backup`)
            if (!batch.length) break
            const chunk = `${batch.map((x) => x.r).join('\n')}\n`
            h.update(chunk)
            bytes += Buffer.byteLength(chunk)
            n += batch.length
            if (!w.write(chunk)) await new Promise<void>((r) => w.once('drain', () => r()))
          }
          await tx.execute(sql`CLOSE kyodo_backup`)
          await finish(w)
          out.push({ name, rows: n, bytes, sha256: h.digest('hex') })
        }
        return out
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    )
    if (!dumped) return null

    const pack = tar.pack()
    const written = pipeline(pack, zlib.createGzip(), fs.createWriteStream(partial, { mode: 0o600 }))
    for (const t of dumped)
      await addFile(pack, `db/${t.name}.ndjson`, path.join(work, `${t.name}.ndjson`), t.bytes)
    const files: ManifestFile[] = []
    if (opts.uploadsDir) {
      for (const key of await listFiles(opts.uploadsDir)) {
        const full = path.join(opts.uploadsDir, key)
        let size: number
        try {
          size = (await fsp.stat(full)).size
        } catch {
          continue // deleted since it was listed
        }
        files.push({ key, bytes: size, sha256: await addFile(pack, `uploads/${key}`, full, size) })
      }
    }
    const manifest: Manifest = {
      kyodoBackup: BACKUP_FORMAT,
      at,
      database: database.kind,
      snapshot: 'one transaction, repeatable read, read only',
      tables: dumped,
      files,
    }
    await new Promise<void>((res, rej) =>
      pack.entry({ name: MANIFEST, mode: 0o600 }, `${JSON.stringify(manifest, null, 1)}\n`, (e) =>
        e ? rej(e) : res(),
      ),
    )
    pack.finalize()
    await written
    await fsp.rename(partial, file)
    return { file, manifest, rows: dumped.reduce((s, t) => s + t.rows, 0), files: files.length }
  } finally {
    await fsp.rm(work, { recursive: true, force: true })
    await fsp.rm(partial, { force: true })
  }
}

const ENTRY = /^(kyodo-backup\.json|db\/[a-z0-9_]+\.ndjson|uploads\/[0-9A-Za-z_-]+(\/[0-9A-Za-z._-]+)*)$/

/** Unpacks the archive into `dir`, refusing any name that is not one of ours; sha256 of each entry. */
async function unpack(file: string, dir: string): Promise<Map<string, { bytes: number; sha256: string }>> {
  const seen = new Map<string, { bytes: number; sha256: string }>()
  const ex = tar.extract()
  ex.on('entry', (h, stream, next) => {
    const fail = (e: Error) => {
      stream.resume()
      next(e)
    }
    if ((h.type ?? 'file') !== 'file')
      return fail(new Error(`unexpected entry in backup: ${h.name} (${h.type})`))
    if (!ENTRY.test(h.name) || h.name.split('/').includes('..'))
      return fail(new Error(`unexpected entry in backup: ${h.name}`))
    const dest = path.join(dir, h.name)
    fs.mkdirSync(path.dirname(dest), { recursive: true })
    const hash = createHash('sha256')
    let bytes = 0
    stream.on('data', (c: Buffer) => {
      hash.update(c)
      bytes += c.length
    })
    pipeline(stream, fs.createWriteStream(dest, { mode: 0o600 })).then(
      () => {
        seen.set(h.name, { bytes, sha256: hash.digest('hex') })
        next()
      },
      (e) => next(e),
    )
  })
  await pipeline(fs.createReadStream(file), zlib.createGunzip(), ex)
  return seen
}

/** Reads and checks an archive: every entry the manifest names is there with its size and sha256. */
async function openArchive(file: string, dir: string): Promise<Manifest> {
  const fd = await fsp.open(file, 'r')
  const magic = Buffer.alloc(2)
  await fd.read(magic, 0, 2, 0)
  await fd.close()
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return legacy(file, dir)
  const seen = await unpack(file, dir)
  if (!seen.has(MANIFEST)) throw new Error('not a Kyodo backup (no kyodo-backup.json in the archive)')
  const m = JSON.parse(await fsp.readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest
  if (m.kyodoBackup !== BACKUP_FORMAT) throw new Error(`unknown backup format ${m.kyodoBackup}`)
  const problems: string[] = []
  const check = (name: string, bytes: number, sha256: string) => {
    const s = seen.get(name)
    if (!s) problems.push(`${name}: missing`)
    else if (s.bytes !== bytes || s.sha256 !== sha256)
      problems.push(`${name}: damaged (size or sha256 differ)`)
  }
  for (const t of m.tables) check(`db/${t.name}.ndjson`, t.bytes, t.sha256)
  for (const f of m.files) check(`uploads/${f.key}`, f.bytes, f.sha256)
  if (problems.length) throw new Error(`the backup is damaged:\n  ${problems.join('\n  ')}`)
  return m
}

/** Format 1 (one JSON-lines file, database only) laid out as format 2. */
async function legacy(file: string, dir: string): Promise<Manifest> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })
  let head: any = null
  const out = new Map<string, { w: fs.WriteStream; rows: number }>()
  await fsp.mkdir(path.join(dir, 'db'), { recursive: true })
  for await (const line of rl) {
    if (!line) continue
    const j = JSON.parse(line)
    if (!head) {
      head = j
      if (head.kyodoBackup !== 1) throw new Error('not a Kyodo backup file')
      continue
    }
    if (!/^[a-z0-9_]+$/.test(j.t)) throw new Error(`unknown table in backup: ${j.t}`)
    let o = out.get(j.t)
    if (!o) {
      o = { w: fs.createWriteStream(path.join(dir, 'db', `${j.t}.ndjson`)), rows: 0 }
      out.set(j.t, o)
    }
    o.w.write(`${JSON.stringify(j.r)}\n`)
    o.rows++
  }
  if (!head) throw new Error('not a Kyodo backup file')
  for (const o of out.values()) await finish(o.w)
  return {
    kyodoBackup: 1,
    at: head.at,
    database: head.database,
    snapshot: 'none (format 1)',
    tables: [...out].map(([name, o]) => ({ name, rows: o.rows, bytes: 0, sha256: '' })),
    files: [],
  }
}

/** Checks an archive without restoring it (`kyodo backup check FILE`). */
export async function checkBackup(file: string): Promise<Manifest> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'kyodo-check-'))
  try {
    return await openArchive(file, dir)
  } finally {
    await fsp.rm(dir, { recursive: true, force: true })
  }
}

export interface RestoreOptions {
  /** where the archive's uploads go (KYODO_DATA_DIR/uploads) */
  uploadsDir?: string
}

export interface RestoreResult {
  rows: number
  files: number
  manifest: Manifest
}

async function* lineBatches(file: string, size: number): AsyncGenerator<string[]> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })
  let batch: string[] = []
  for await (const line of rl) {
    if (!line) continue
    batch.push(line)
    if (batch.length >= size) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}

/** Restores an archive (or a format-1 file) into an empty, migrated database and the uploads folder. */
export async function restore(
  database: Database,
  file: string,
  opts: RestoreOptions = {},
): Promise<RestoreResult> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'kyodo-restore-'))
  try {
    const manifest = await openArchive(file, dir)
    const known = new Set(await tables(database.db))
    for (const t of manifest.tables)
      if (!known.has(t.name)) throw new Error(`unknown table in backup: ${t.name}`)
    const busy: string[] = []
    for (const t of manifest.tables) {
      if (!t.rows || DERIVED.has(t.name)) continue
      const [r] = await rows<{ any: boolean }>(
        database.db,
        sql`SELECT EXISTS (SELECT 1 FROM ${sql.identifier(t.name)}) AS any`,
      )
      if (r.any) busy.push(t.name)
    }
    if (busy.length)
      throw new Error(
        `restore needs an empty database (migrated, no city): ${busy.join(', ')} already hold rows. 空のデータベースに復元してください。`,
      )
    let n = 0
    await database.db.transaction(async (tx) => {
      const db = tx as unknown as Db
      // Tables come in alphabetical order, not in the order of their foreign keys (migration 0008):
      // the keys are DEFERRABLE, so they are checked once, at commit, on the whole restored data.
      await tx.execute(sql`SET CONSTRAINTS ALL DEFERRED`)
      for (const t of manifest.tables) {
        if (DERIVED.has(t.name) || !t.rows) continue
        const cols = new Set(
          (
            await rows<{ c: string }>(
              db,
              sql`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${t.name} AND is_generated = 'NEVER'`,
            )
          ).map((x) => x.c),
        )
        let list: ReturnType<typeof sql.raw> | null = null
        for await (const batch of lineBatches(path.join(dir, 'db', `${t.name}.ndjson`), 500)) {
          if (!list) {
            // the archive's columns that this schema has (a column added since takes its default)
            const present = Object.keys(JSON.parse(batch[0])).filter((c) => cols.has(c))
            list = sql.raw(present.map((c) => `"${c}"`).join(', '))
          }
          const json = `[${batch.join(',')}]`
          if (t.name === 'audit_log') {
            // the trigger chains the rows again; they must come out with the hashes they had
            const back = await rows<{ id: string; hash: string }>(
              db,
              sql`INSERT INTO audit_log (${list}) SELECT ${list} FROM json_populate_recordset(NULL::audit_log, ${json}::json) ${sql.raw(ORDER.audit_log)} RETURNING id, hash`,
            )
            const want = new Map(batch.map((l) => JSON.parse(l)).map((r) => [String(r.id), r.hash as string]))
            for (const r of back) {
              const h = want.get(String(r.id))
              if (h && h !== r.hash)
                throw new Error(
                  `監査ログの連鎖がバックアップと一致しません（記録ID ${r.id}）: the backup's audit log was changed`,
                )
            }
          } else {
            await tx.execute(
              sql`INSERT INTO ${sql.identifier(t.name)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${sql.identifier(t.name)}, ${json}::json)`,
            )
          }
          n += batch.length
        }
      }
      // the chain heads rebuilt by the trigger must be the archive's (rows missing at the end)
      const heads = manifest.tables.find((t) => t.name === 'audit_chain_head')
      if (heads?.rows) {
        for await (const batch of lineBatches(path.join(dir, 'db', 'audit_chain_head.ndjson'), 500))
          for (const line of batch) {
            const h = JSON.parse(line)
            const [now] = await rows<{ hash: string }>(
              db,
              sql`SELECT hash FROM audit_chain_head WHERE municipality_id = ${h.municipality_id}`,
            )
            if ((now?.hash ?? '') !== h.hash)
              throw new Error(
                `監査ログの連鎖の先頭がバックアップと一致しません（自治体 ${h.municipality_id}）`,
              )
          }
      }
      // serial columns (audit_log.id …) continue after the restored values
      const serial = await rows<{ t: string; c: string }>(
        db,
        sql`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
      )
      for (const s of serial)
        await tx.execute(
          sql`SELECT setval(pg_get_serial_sequence(${s.t}, ${s.c}), coalesce((SELECT max(${sql.identifier(s.c)}) FROM ${sql.identifier(s.t)}), 0) + 1, false)`,
        )
    })
    let files = 0
    if (manifest.files.length) {
      if (!opts.uploadsDir)
        throw new Error('the backup holds uploaded files: restore needs the uploads folder')
      for (const f of manifest.files) {
        const dest = path.join(opts.uploadsDir, f.key)
        await fsp.mkdir(path.dirname(dest), { recursive: true })
        const tmp = `${dest}.${randomBytes(4).toString('hex')}.tmp`
        await fsp.copyFile(path.join(dir, 'uploads', f.key), tmp)
        await fsp.rename(tmp, dest)
        files++
      }
    }
    return { rows: n, files, manifest }
  } finally {
    await fsp.rm(dir, { recursive: true, force: true })
  }
}
