import fs from 'node:fs'
import path from 'node:path'
import { loadConfig } from '../src/core/config.ts'
import { migrate, openDatabase } from '../src/core/db/index.ts'
import { backup, restore } from '../src/core/db/backup.ts'
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemo } from '../src/demo/index.ts'

const HELP = `kyodo — 協働ポータルの管理コマンド

  npm run kyodo -- migrate            データベースを最新の構造にする
  npm run kyodo -- demo [--reset]     デモの自治体を読み込む（--reset で作り直す）
  npm run kyodo -- backup [FILE]      全データをJSONファイルに保存する（既定: backups/kyodo-日時.json）
  npm run kyodo -- restore FILE       backup で保存したファイルを空のデータベースに戻す

DATABASE_URL があれば PostgreSQL、なければ KYODO_DATA_DIR（既定 ./data）の PGlite を使います。`

const [cmd, ...args] = process.argv.slice(2)
const config = loadConfig()

async function main() {
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(HELP)
    return
  }
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.KYODO_DATA_DIR })
  try {
    await migrate(database)
    if (cmd === 'migrate') console.log('migrations applied')
    else if (cmd === 'demo') {
      const r = await loadDemo(database, config, { reset: args.includes('--reset') })
      console.log(r.loaded ? 'demo city loaded' : 'demo city already present (use --reset to reload it)')
      console.log(`Demo logins (password: ${DEMO_PASSWORD}):`)
      for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(28)} ${l.role}`)
    } else if (cmd === 'backup') {
      const file =
        args[0] ?? path.join('backups', `kyodo-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
      const n = await backup(database, file)
      console.log(`backup written: ${file} (${n} rows)`)
    } else if (cmd === 'restore') {
      if (!args[0]) throw new Error('restore needs a FILE')
      const n = await restore(database, args[0])
      console.log(`restored ${n} rows from ${args[0]}`)
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
