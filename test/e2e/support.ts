import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { type Browser, chromium, type Page } from 'playwright-core'

/**
 * Browser-test support: a real Kyodo server (child process, fresh database, full demo city)
 * and Debian's Chromium driven by playwright-core, with axe-core on the page.
 */

const require = createRequire(import.meta.url)
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const DEMO_PASSWORD = 'demo-password-2026'
export const DEMO_ACCOUNTS = [
  'admin@demo.example',
  'coordinator@demo.example',
  'staff@demo.example',
  'group@demo.example',
  'reviewer@demo.example',
] as const

export interface KyodoServer {
  baseUrl: string
  stop: () => Promise<void>
  /** Everything the server wrote (for failure messages). */
  output: () => string
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}

/** A fresh database on the PostgreSQL server of TEST_DATABASE_URL, dropped by the returned function. */
async function freshPostgres(url: string) {
  const name = `kyodo_e2e_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const u = new URL(url)
  u.pathname = `/${name}`
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: url })
      await a.connect()
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
    },
  }
}

/** Start `tsx src/server.ts` on a free port with a fresh database and the demo city; wait for /healthz. */
export async function startServer(): Promise<KyodoServer> {
  const port = await freePort()
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    KYODO_DEMO: '1',
    KYODO_HTTPS: '0',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
  }
  delete env.DATABASE_URL
  let cleanup: () => Promise<void>
  if (process.env.TEST_DATABASE_URL) {
    const db = await freshPostgres(process.env.TEST_DATABASE_URL)
    env.DATABASE_URL = db.url
    cleanup = db.drop
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-e2e-'))
    env.KYODO_DATA_DIR = dir
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true })
  }
  let out = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => {
    out += d
  })
  child.stderr!.on('data', (d) => {
    out += d
  })
  let exited = false
  const exitedP = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true
      resolve()
    }),
  )
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 180_000
  for (;;) {
    if (exited) {
      await cleanup()
      throw new Error(`Kyodo server exited before it was ready:\n${out}`)
    }
    try {
      const r = await fetch(`${baseUrl}/healthz`)
      if (r.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      await cleanup()
      throw new Error(`Kyodo server not ready after 180 s:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    baseUrl,
    output: () => out,
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM')
        const t = setTimeout(() => child.kill('SIGKILL'), 15_000)
        await exitedP
        clearTimeout(t)
      }
      await cleanup()
    },
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
const AXE_PATH = require.resolve('axe-core/axe.min.js')
let axeSource: string | undefined

/** Run axe-core (WCAG 2.2 A/AA tags) on the page; returns readable lines, one per violation. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const has = await page.evaluate(() => typeof (window as any).axe !== 'undefined').catch(() => false)
  if (!has) {
    try {
      await page.addScriptTag({ path: AXE_PATH })
    } catch {
      // Kyodo's CSP (script-src 'self') refuses injected <script> tags; keep the CSP on and
      // evaluate axe through the DevTools protocol instead, which the page's CSP does not govern.
      axeSource ??= fs.readFileSync(AXE_PATH, 'utf8')
      await page.evaluate(axeSource)
    }
  }
  return page.evaluate(async (tags) => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags } })
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n: any) => ({ target: n.target, failureSummary: n.failureSummary })),
    }))
  }, AXE_TAGS)
}

export function formatViolations(label: string, vs: AxeViolation[]) {
  return vs
    .map(
      (v) =>
        `${label}: [${v.impact ?? '?'}] ${v.id} — ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map(
            (n) =>
              `    ${JSON.stringify(n.target)}${n.failureSummary ? ` :: ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}` : ''}`,
          )
          .join('\n') +
        (v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ''),
    )
    .join('\n')
}

/** Fail with a readable list of violations (rule id, impact, target selectors). */
export async function axeCheck(page: Page, label: string) {
  const vs = await axeViolations(page)
  if (vs.length) throw new Error(`axe found ${vs.length} violation(s)\n${formatViolations(label, vs)}`)
}

/** Log in with the keyboard only (from the top of /login), as a person without a mouse would. */
export async function keyboardLogin(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`)
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      return { id: el?.id ?? '', tag: el?.tagName ?? '', text: (el?.textContent ?? '').trim() }
    })
  await page.keyboard.press('Tab')
  const first = await focused()
  if (first.text !== '本文へ移動')
    throw new Error(`first Tab stop is not the skip link: ${JSON.stringify(first)}`)
  // Follow the skip link, then Tab into the form.
  await page.keyboard.press('Enter')
  await page.keyboard.press('Tab')
  const f1 = await focused()
  if (f1.id !== 'f-email')
    throw new Error(`after the skip link, Tab went to ${JSON.stringify(f1)}, not the e-mail field`)
  await page.keyboard.type(email)
  await page.keyboard.press('Tab')
  const f2 = await focused()
  if (f2.id !== 'f-password') throw new Error(`Tab from the e-mail field went to ${JSON.stringify(f2)}`)
  await page.keyboard.type(password)
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.keyboard.press('Enter')])
}

/** Screenshots go to <repo>/screenshots (gitignored). */
export function screenshotPath(name: string) {
  const dir = path.join(ROOT, 'screenshots')
  fs.mkdirSync(dir, { recursive: true })
  return path.join(dir, `${name}.png`)
}
