import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { describeChain, verifyAllAuditChains } from '../src/core/audit/verify.ts'
import { loadConfig } from '../src/core/config.ts'
import { appRoleStatements, grantAppRole } from '../src/core/db/app-role.ts'
import { backup, checkBackup, restore } from '../src/core/db/backup.ts'
import { backupDir, backupFileName, pruneBackups } from '../src/core/db/backup-schedule.ts'
import { type Database, migrateAsOwner, openDatabase, rows } from '../src/core/db/index.ts'
import { uploadsDir } from '../src/core/storage.ts'
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemo } from '../src/demo/index.ts'

const HELP = `kyodo — 協働ポータルの管理コマンド

  npm run kyodo -- migrate            データベースを最新の構造にする
  npm run kyodo -- demo [--reset]     デモの自治体を読み込む（--reset で作り直す）
  npm run kyodo -- backup [FILE]      全データ（全テーブルとアップロードされたファイル）を1つの
                                      .tar.gz に保存する（既定: KYODO_BACKUP_DIR/kyodo-日時.tar.gz、
                                      その場合は新しい KYODO_BACKUP_KEEP 件だけ残す）
  npm run kyodo -- backup check FILE  バックアップが壊れていないか確かめる（復元はしない）
  npm run kyodo -- restore FILE       バックアップを空のデータベースとアップロード用フォルダに戻す
  npm run kyodo -- audit verify       監査ログのハッシュの連鎖を確かめる（切れていれば終了コード1）
  npm run kyodo -- db grant-app-role NAME [--print]
                                      アプリ用のロール NAME に行の読み書きだけを許す（PostgreSQL。
                                      テーブルの所有者で実行。--print はSQLを表示するだけ）

DATABASE_URL があれば PostgreSQL、なければ KYODO_DATA_DIR（既定 ./data）の PGlite を使います。
KYODO_MIGRATE_DATABASE_URL があれば、マイグレーションと grant-app-role はその接続（所有者）で行います。`

const [cmd, ...args] = process.argv.slice(2)
const config = loadConfig()

async function cityNames(database: Database) {
  const r = await rows<{ id: string; name: string; code: string }>(
    database.db,
    sql`SELECT id, name, code FROM municipalities`,
  )
  return new Map(r.map((c) => [c.id, `${c.name}（${c.code}）`]))
}

async function main() {
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(HELP)
    return
  }
  if (cmd === 'backup' && args[0] === 'check') {
    if (!args[1]) throw new Error('backup check needs a FILE')
    const m = await checkBackup(args[1])
    const rowsIn = m.tables.reduce((s, t) => s + t.rows, 0)
    console.log(
      `バックアップは正常です: ${args[1]}（${m.at}、${m.database}、${m.tables.length}表 ${rowsIn}行、ファイル${m.files.length}件）`,
    )
    return
  }
  if (cmd === 'db' && args[0] === 'grant-app-role' && args.includes('--print')) {
    const role = args[1]
    if (!role || role.startsWith('--')) throw new Error('grant-app-role needs a role NAME')
    console.log(`${appRoleStatements(role).join(';\n')};`)
    return
  }
  const ownerUrl = config.KYODO_MIGRATE_DATABASE_URL
  if (cmd === 'db' && args[0] === 'grant-app-role') {
    const role = args[1]
    if (!role) throw new Error('grant-app-role needs a role NAME')
    const url = ownerUrl ?? config.DATABASE_URL
    if (!url)
      throw new Error('grant-app-role is for PostgreSQL: set KYODO_MIGRATE_DATABASE_URL or DATABASE_URL')
    const owner = await openDatabase({ url })
    try {
      await migrateAsOwner(owner)
      for (const s of await grantAppRole(owner.db, role)) console.log(`${s};`)
      console.log(`role ${role} may now read and write rows; on audit_log only SELECT and INSERT`)
    } finally {
      await owner.close()
    }
    return
  }
  // restore writes what only the owner may (sequences); everything else runs as the application
  const url = cmd === 'restore' && ownerUrl ? ownerUrl : config.DATABASE_URL
  const database = await openDatabase({ url, dataDir: config.KYODO_DATA_DIR })
  try {
    await migrateAsOwner(database, ownerUrl)
    if (cmd === 'migrate') console.log('migrations applied')
    else if (cmd === 'demo') {
      const r = await loadDemo(database, config, { reset: args.includes('--reset') })
      console.log(r.loaded ? 'demo city loaded' : 'demo city already present (use --reset to reload it)')
      console.log(`Demo logins (password: ${DEMO_PASSWORD}):`)
      for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(28)} ${l.role}`)
    } else if (cmd === 'backup') {
      const dir = backupDir(config)
      const file = args[0] ?? path.join(dir, backupFileName())
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
      const r = (await backup(database, file, { uploadsDir: uploadsDir(config) }))!
      console.log(
        `backup written: ${file} (${r.manifest.tables.length} tables, ${r.rows} rows, ${r.files} files)`,
      )
      if (!args[0]) {
        const removed = pruneBackups(dir, config.KYODO_BACKUP_KEEP)
        if (removed.length)
          console.log(
            `older backups removed (KYODO_BACKUP_KEEP=${config.KYODO_BACKUP_KEEP}): ${removed.join(', ')}`,
          )
      }
    } else if (cmd === 'restore') {
      if (!args[0]) throw new Error('restore needs a FILE')
      const r = await restore(database, args[0], { uploadsDir: uploadsDir(config) })
      console.log(`restored ${r.rows} rows and ${r.files} files from ${args[0]}`)
    } else if (cmd === 'audit' && args[0] === 'verify') {
      const names = await cityNames(database)
      const reports = await verifyAllAuditChains(database.db)
      let broken = 0
      for (const r of reports) {
        const city = names.get(r.municipalityId) ?? `${r.municipalityId}（削除された自治体）`
        console.log(`${city}: ${describeChain(r)}`)
        console.log(`  連鎖の先頭: 連番 ${r.head.seq} ${r.head.hash || '（なし）'}`)
        if (!r.ok) broken++
      }
      const total = reports.reduce((s, r) => s + r.rows, 0)
      if (broken) {
        console.log(`監査ログの連鎖が切れている自治体があります（${broken}件）`)
        process.exitCode = 1
      } else console.log(`監査ログの連鎖は正常です（${total}件）`)
    } else {
      console.log(HELP)
      process.exitCode = 2
    }
  } finally {
    await database.close()
  }
}

main().catch((e) => {
  console.error(e.message)
  process.exit(1)
})
