import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import {
  axeCheck,
  axeViolations,
  DEMO_ACCOUNTS,
  formatViolations,
  type KyodoServer,
  keyboardLogin,
  launchBrowser,
  ROOT,
  startServer,
} from './support.ts'

/**
 * Each role logs in with the keyboard, then crawls what it can reach from the home page
 * (header, main content, footer) and runs axe-core and a few structural checks on every page.
 */

const MAX_PAGES = Number(process.env.E2E_MAX_PAGES ?? 40)
const PER_SHAPE = 2
/** /groups/0b6c…/edit and /groups/19ad…/edit are the same page with other data. */
const shape = (p: string) =>
  p
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .replace(/\/\d+(?=\/|$)/g, '/:n')
// files and feeds (Atom), not pages
const SKIP_EXT = /\.(csv|xlsx|json|pdf|zip|ics|xml|atom|rss)$/i

let server: KyodoServer
let browser: Browser
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  if (process.env.KYODO_A11Y_RESULTS && axeLog.length) await writeResults()
  await browser?.close()
  await server?.stop()
})

/** Every page axe checked in this run: the source of the 試験結果 on /accessibility. */
const axeLog: { role: string; path: string; rules: string[] }[] = []

/**
 * With KYODO_A11Y_RESULTS=1, the crawl's outcome is written to docs/a11y-results.json (committed),
 * which the accessibility policy page reads. Nothing in it is typed by hand.
 */
async function writeResults() {
  const require = createRequire(import.meta.url)
  const axeVersion = (require('axe-core/package.json') as { version: string }).version
  const rules = new Map<string, number>()
  for (const e of axeLog) for (const r of e.rules) rules.set(r, (rules.get(r) ?? 0) + 1)
  const roles = [...new Set(axeLog.map((e) => e.role))]
  const out = {
    testedAt: new Date().toISOString(),
    tool: `axe-core ${axeVersion}`,
    browser: `Chromium ${browser.version()}`,
    tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'],
    method:
      'test/e2e/roles.test.ts: each demo role and a visitor crawl the pages reachable from the home page and axe-core checks each page',
    roles: roles.map((role) => ({ role, pages: axeLog.filter((e) => e.role === role).length })),
    pagesChecked: axeLog.length,
    distinctPaths: new Set(axeLog.map((e) => e.path)).size,
    pagesWithViolations: axeLog.filter((e) => e.rules.length).length,
    violations: [...rules].map(([rule, pages]) => ({ rule, pages })),
  }
  fs.writeFileSync(path.join(ROOT, 'docs/a11y-results.json'), `${JSON.stringify(out, null, 2)}\n`)
}

function crawlable(base: URL, href: string): URL | null {
  let u: URL
  try {
    u = new URL(href, base)
  } catch {
    return null
  }
  if (u.origin !== base.origin) return null
  const p = u.pathname
  if (p === '/logout' || SKIP_EXT.test(p)) return null
  if (p.startsWith('/api/') && p !== '/api/docs') return null
  if (p.startsWith('/static/')) return null
  u.hash = ''
  return u
}

interface PageReport {
  path: string
  problems: string[]
}

/** The checks every page must pass. */
async function checkPage(page: Page, label: string, status: number): Promise<string[]> {
  const problems: string[] = []
  if (status >= 500) problems.push(`${label}: HTTP ${status}`)
  const facts = await page.evaluate(() => ({
    h1: document.querySelectorAll('h1').length,
    lang: document.documentElement.getAttribute('lang'),
    title: document.title.trim(),
  }))
  if (facts.h1 !== 1) problems.push(`${label}: ${facts.h1} <h1> elements (want exactly 1)`)
  if (facts.lang !== 'ja') problems.push(`${label}: <html lang="${facts.lang}"> (want "ja")`)
  if (!facts.title) problems.push(`${label}: empty <title>`)
  const vs = await axeViolations(page)
  if (vs.length) problems.push(formatViolations(label, vs))
  const m = /^\[([^\]]+)\] (\S+)/.exec(label)
  axeLog.push({ role: m?.[1] ?? '', path: m?.[2] ?? label, rules: vs.map((v) => v.id) })
  return problems
}

async function crawl(page: Page, role: string) {
  const base = new URL(server.baseUrl)
  const queue: URL[] = [new URL('/', base)]
  const seen = new Set<string>(['/'])
  const shapes = new Map<string, number>()
  const reports: PageReport[] = []
  let queryPage: string | null = null
  let searchForm: { path: string; selector: string } | null = null
  while (queue.length && reports.length < MAX_PAGES) {
    const u = queue.shift()!
    const label = `[${role}] ${u.pathname}${u.search}`
    const res = await page.goto(u.toString())
    const status = res?.status() ?? 0
    const problems = await checkPage(page, label, status)
    reports.push({ path: u.pathname, problems })
    const hrefs = await page.$$eval('header a[href], main a[href], footer a[href]', (as) =>
      as.map((a) => a.getAttribute('href') ?? ''),
    )
    for (const h of hrefs) {
      const n = crawlable(base, h)
      if (!n) continue
      if (n.search && !queryPage && seen.has(n.pathname)) queryPage = n.pathname + n.search
      if (seen.has(n.pathname)) continue
      seen.add(n.pathname)
      // Detail pages of the same kind (/departments/<uuid>) look alike: two of each are enough.
      const s = shape(n.pathname)
      const k = (shapes.get(s) ?? 0) + 1
      shapes.set(s, k)
      if (k > PER_SHAPE) continue
      queue.push(n)
    }
    // Remember one GET form with a text box (a search) to try afterwards.
    if (!searchForm) {
      const sel = await page.evaluate(() => {
        const f = Array.from(document.querySelectorAll('main form')).find(
          (x) =>
            (x.getAttribute('method') ?? 'get').toLowerCase() === 'get' &&
            x.querySelector('input[type=search], input[type=text], input:not([type])'),
        )
        if (!f) return null
        const i = f.querySelector(
          'input[type=search], input[type=text], input:not([type])',
        ) as HTMLInputElement
        return i.id ? `#${CSS.escape(i.id)}` : i.name ? `main form input[name="${i.name}"]` : null
      })
      if (sel) searchForm = { path: u.pathname, selector: sel }
    }
  }
  // One page with a query string: a real search if a page has one, else a paged/filtered link.
  if (searchForm) {
    await page.goto(new URL(searchForm.path, base).toString())
    await page.fill(searchForm.selector, 'まちづくり')
    const [res] = await Promise.all([page.waitForNavigation(), page.press(searchForm.selector, 'Enter')])
    const u = new URL(page.url())
    const label = `[${role}] ${u.pathname}${u.search} (search)`
    reports.push({ path: u.pathname + u.search, problems: await checkPage(page, label, res?.status() ?? 0) })
  } else if (queryPage) {
    const res = await page.goto(new URL(queryPage, base).toString())
    const label = `[${role}] ${queryPage}`
    reports.push({ path: queryPage, problems: await checkPage(page, label, res?.status() ?? 0) })
  }
  return reports
}

const ROLES = [
  ...DEMO_ACCOUNTS.map((e) => ({ role: e.split('@')[0], email: e as string | null })),
  { role: 'visitor', email: null },
]

describe('every role: keyboard login and an axe crawl', () => {
  for (const { role, email } of ROLES) {
    test(`${role}`, async (t) => {
      const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
      const page = await context.newPage()
      try {
        if (email) {
          await keyboardLogin(page, server.baseUrl, email)
          assert.match((await page.textContent('header')) ?? '', /さん/, `${role}: signed in`)
          assert.match((await page.textContent('main')) ?? '', /ログインしました/)
        } else {
          await page.goto(server.baseUrl)
          await page.keyboard.press('Tab')
          const first = await page.evaluate(() => document.activeElement?.textContent?.trim())
          assert.equal(first, '本文へ移動', 'the skip link is the first Tab stop')
        }
        const reports = await crawl(page, role)
        t.diagnostic(`${role}: ${reports.length} pages checked: ${reports.map((r) => r.path).join(' ')}`)
        const problems = reports.flatMap((r) => r.problems)
        assert.ok(reports.length >= 5, `${role}: only ${reports.length} pages reached`)
        assert.equal(problems.length, 0, `\n${problems.join('\n')}`)
      } finally {
        await context.close()
      }
    })
  }
})

async function assertFirstErrorLinked(page: Page, label: string) {
  const r = await page.evaluate(() => {
    const bad = document.querySelector('main [aria-invalid="true"]') as HTMLElement | null
    if (!bad) return { ok: false, why: 'no field has aria-invalid="true"' }
    const ids = (bad.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
    const texts = ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    const err = ids.find((id) => document.getElementById(id)?.classList.contains('field__error'))
    const summary = document.querySelector('.error-summary a[href^="#"]') as HTMLAnchorElement | null
    const target = summary ? document.getElementById(summary.getAttribute('href')!.slice(1)) : null
    return {
      ok: !!err && !!document.getElementById(err)?.textContent?.trim(),
      why: `field ${bad.id} aria-describedby=${JSON.stringify(ids)} → ${JSON.stringify(texts)}`,
      summaryTarget: target?.id ?? null,
      firstId: bad.id,
    }
  })
  assert.ok(r.ok, `${label}: the first field in error is not linked to its message (${r.why})`)
  assert.equal(
    r.summaryTarget,
    r.firstId,
    `${label}: the error summary's first link goes to the first field in error`,
  )
}

describe('forms in their error state', () => {
  test('login submitted empty', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' })
    const page = await context.newPage()
    try {
      await page.goto(`${server.baseUrl}/login`)
      await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')])
      assert.match((await page.textContent('.error-summary')) ?? '', /入力内容に誤りがあります/)
      await assertFirstErrorLinked(page, '/login (empty)')
      await axeCheck(page, '/login (empty)')
    } finally {
      await context.close()
    }
  })

  test('sign-up with bad input', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' })
    const page = await context.newPage()
    try {
      await page.goto(`${server.baseUrl}/signup`)
      await page.fill('#f-email', 'not-an-email')
      await page.fill('#f-familyName', '山田')
      await page.fill('#f-familyNameKana', 'Yamada')
      await page.fill('#f-password', 'password')
      await page.fill('#f-passwordConfirm', 'different')
      await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')])
      const summary = (await page.textContent('.error-summary')) ?? ''
      assert.match(summary, /メールアドレス/)
      assert.equal(await page.getAttribute('#f-email', 'aria-invalid'), 'true')
      assert.equal(await page.inputValue('#f-familyName'), '山田', 'what was typed is kept')
      await assertFirstErrorLinked(page, '/signup (bad input)')
      await axeCheck(page, '/signup (bad input)')
    } finally {
      await context.close()
    }
  })
})
