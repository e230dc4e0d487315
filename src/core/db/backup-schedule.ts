import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.ts'
import { logger } from '../logger.ts'
import { uploadsDir } from '../storage.ts'
import { backup } from './backup.ts'
import type { Database } from './index.ts'

/**
 * Scheduled backups: every KYODO_BACKUP_EVERY_HOURS an archive of the whole instance (database
 * and uploads) goes into KYODO_BACKUP_DIR (default KYODO_DATA_DIR/backups) as kyodo-<UTC time>.tar.gz, and only the
 * KYODO_BACKUP_KEEP newest stay. The time of the last backup is the newest file in the folder, so
 * several processes sharing the folder take one backup per interval between them; on PostgreSQL
 * an advisory lock keeps two from running at once. A backup is whole or absent: it is written as
 * .partial and renamed when complete.
 */
const NAME = /^kyodo-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(-\d{3})?Z\.tar\.gz$/

export const backupFileName = (now = new Date()) =>
  `kyodo-${now
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.(\d{3})Z$/, '-$1Z')}.tar.gz`

/** The backups in the folder, newest first. */
export function listBackups(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => NAME.test(f))
      .sort()
      .reverse()
  } catch (e: any) {
    if (e.code === 'ENOENT') return []
    throw e
  }
}

/** Removes all but the `keep` newest backups; returns the names removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(keep)
  for (const f of old) fs.rmSync(path.join(dir, f), { force: true })
  return old
}

export type BackupConfig = Pick<
  Config,
  'KYODO_DATA_DIR' | 'KYODO_BACKUP_DIR' | 'KYODO_BACKUP_EVERY_HOURS' | 'KYODO_BACKUP_KEEP'
>

export const backupDir = (config: Pick<Config, 'KYODO_DATA_DIR' | 'KYODO_BACKUP_DIR'>) =>
  path.resolve(config.KYODO_BACKUP_DIR ?? path.join(config.KYODO_DATA_DIR, 'backups'))

/** Takes a backup when the newest one is older than the interval; the file written, or null. */
export async function runScheduledBackup(database: Database, config: BackupConfig, now = new Date()) {
  if (!config.KYODO_BACKUP_EVERY_HOURS) return null
  const dir = backupDir(config)
  fs.mkdirSync(dir, { recursive: true })
  const [newest] = listBackups(dir)
  if (newest) {
    const age = now.getTime() - fs.statSync(path.join(dir, newest)).mtimeMs
    if (age < config.KYODO_BACKUP_EVERY_HOURS * 3_600_000) return null
  }
  const file = path.join(dir, backupFileName(now))
  const r = await backup(database, file, { uploadsDir: uploadsDir(config), exclusive: true })
  if (!r) return null
  const removed = pruneBackups(dir, config.KYODO_BACKUP_KEEP)
  logger.info({ file, rows: r.rows, files: r.files, removed }, 'backup written')
  return file
}

/** Checks every 10 minutes whether a backup is due. Returns a stop function. */
export function startBackupSchedule(database: Database, config: BackupConfig) {
  if (!config.KYODO_BACKUP_EVERY_HOURS) return () => {}
  let busy = false
  const tick = async () => {
    if (busy) return
    busy = true
    try {
      await runScheduledBackup(database, config)
    } catch (e: any) {
      logger.error({ err: e.message }, 'scheduled backup failed')
    } finally {
      busy = false
    }
  }
  const timer = setInterval(tick, 10 * 60_000)
  timer.unref()
  setTimeout(tick, 60_000).unref()
  return () => clearInterval(timer)
}
