import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DEMO_PASSWORD, type KyodoServer, launchBrowser, startServer } from './support.ts'

/**
 * Each role, from its home page after login, uses only menus and links (issue 10, "done means"):
 * every link of the header and footer menus and of the home page is followed in the browser, and every link
 * on the pages reached (menus, breadcrumbs, content) is requested; a 403, a 404, a 5xx or a
 * detour to the login page fails the test. Then each role's key screens must be among what
 * those two steps reach, so no screen of a role's work hides behind a typed address.
 */

const SKIP_EXT = /\.(csv|xlsx|json|pdf|zip|ics|xml|png|jpe?g|svg)$/i
const PER_SHAPE = 3
const shape = (p: string) =>
  p
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .replace(/\/\d+(?=\/|$)/g, '/:n')

interface Role {
  role: string
  email: string | null
  /** Screens of this role's work, reached from its home page in at most two clicks. */
  key: string[]
}

const ROLES: Role[] = [
  {
    role: 'coordinator',
    email: 'coordinator@demo.example',
    key: [
      '/coordinator/groups',
      '/coordination/consultations',
      '/coordination/board',
      '/coordination/hearings',
      '/notifications',
      '/projects',
      '/meetings',
    ],
  },
  {
    role: 'staff',
    email: 'staff@demo.example',
    key: [
      '/needs/mine',
      '/needs/new',
      '/my/consultations',
      '/coordination/hearings',
      '/notifications',
      '/projects',
      '/meetings',
      '/meetings/actions',
    ],
  },
  { role: 'group', email: 'group@demo.example', key: ['/my/groups', '/needs', '/notifications', '/account'] },
  {
    role: 'admin',
    email: 'admin@demo.example',
    key: ['/admin', '/admin/departments', '/admin/users', '/admin/audit', '/needs/plans', '/notifications'],
  },
  { role: 'reviewer', email: 'reviewer@demo.example', key: ['/notifications', '/account'] },
  {
    role: 'resident',
    email: null,
    key: ['/groups', '/needs', '/consultations', '/guide', '/login', '/signup', '/accessibility'],
  },
]

let server: KyodoServer
let browser: Browser
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

function followable(base: URL, href: string | null): URL | null {
  if (!href || href.startsWith('mailto:') || href.startsWith('tel:')) return null
  let u: URL
  try {
    u = new URL(href, base)
  } catch {
    return null
  }
  if (u.origin !== base.origin) return null
  const p = u.pathname
  if (p === '/logout' || SKIP_EXT.test(p) || p.startsWith('/static/')) return null
  if (p.startsWith('/api/') && p !== '/api/docs') return null
  u.hash = ''
  return u
}

const linksOf = (page: Page, selector: string) =>
  page.$$eval(selector, (as) => as.map((a) => a.getAttribute('href')))

async function login(page: Page, email: string) {
  await page.goto(`${server.baseUrl}/login`)
  await page.fill('#f-email', email)
  await page.fill('#f-password', DEMO_PASSWORD)
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    page.click('main button[type=submit]'),
  ])
}

/** The status a link answers, whether it sent a signed-in person to the login page, its links. */
async function probe(context: BrowserContext, url: string) {
  const r = await context.request.get(url, { maxRedirects: 5 })
  const html = (r.headers()['content-type'] ?? '').includes('text/html') ? await r.text() : ''
  const hrefs = [...html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'))
  return { status: r.status(), toLogin: new URL(r.url()).pathname === '/login', hrefs }
}

describe('each role reaches its work through menus and links, never a 403 or 404', () => {
  for (const r of ROLES) {
    test(r.role, async (t) => {
      const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
      const page = await context.newPage()
      const base = new URL(server.baseUrl)
      const problems: string[] = []
      try {
        if (r.email) await login(page, r.email)
        else await page.goto(server.baseUrl)
        assert.equal(new URL(page.url()).pathname, '/', `${r.role}: lands on the home page`)
        const bad = (status: number, toLogin: boolean) =>
          status === 403 || status === 404 || status >= 500 || (!!r.email && toLogin)

        // Step 1: the menus (header and footer) and the home page's items, followed in the browser.
        const first = new Map<string, URL>()
        for (const h of await linksOf(page, 'header a[href], main a[href], footer a[href]')) {
          const u = followable(base, h)
          if (u && !first.has(u.pathname + u.search)) first.set(u.pathname + u.search, u)
        }
        const reached = new Set<string>(['/', ...[...first.values()].map((u) => u.pathname)])
        const second = new Map<string, { url: URL; from: string }>()
        const shapes = new Map<string, number>()
        for (const [label, u] of first) {
          const res = await page.goto(u.toString())
          const status = res?.status() ?? 0
          const toLogin = new URL(page.url()).pathname === '/login'
          if (bad(status, toLogin)) {
            problems.push(
              `${r.role}: / → ${label}: HTTP ${status}${toLogin ? ' (sent to the login page)' : ''}`,
            )
            continue
          }
          for (const h of await linksOf(page, 'header a[href], nav.breadcrumbs a[href], main a[href]')) {
            const v = followable(base, h)
            if (!v) continue
            const k = v.pathname + v.search
            if (first.has(k) || second.has(k) || v.pathname === '/') continue
            reached.add(v.pathname)
            const s = shape(v.pathname) + (v.search ? '?' : '')
            const n = (shapes.get(s) ?? 0) + 1
            shapes.set(s, n)
            if (n <= PER_SHAPE) second.set(k, { url: v, from: label })
          }
        }
        // Step 2: every link on those pages answers (requested with the same session), and so
        // does every link on the pages it leads to (breadcrumbs and menus of detail pages).
        const third = new Map<string, { url: URL; from: string }>()
        const seen = new Set([...first.keys(), ...second.keys()])
        for (const [label, { url, from }] of second) {
          const { status, toLogin, hrefs } = await probe(context, url.toString())
          if (bad(status, toLogin)) {
            problems.push(
              `${r.role}: ${from} → ${label}: HTTP ${status}${toLogin ? ' (sent to the login page)' : ''}`,
            )
            continue
          }
          for (const h of hrefs) {
            const v = followable(base, h)
            if (!v) continue
            const k = v.pathname + v.search
            if (seen.has(k)) continue
            seen.add(k)
            const s = shape(v.pathname) + (v.search ? '?' : '')
            const n = (shapes.get(s) ?? 0) + 1
            shapes.set(s, n)
            if (n <= PER_SHAPE) third.set(k, { url: v, from: `${from} → ${label}` })
          }
        }
        for (const [label, { url, from }] of third) {
          const { status, toLogin } = await probe(context, url.toString())
          if (bad(status, toLogin))
            problems.push(
              `${r.role}: ${from} → ${label}: HTTP ${status}${toLogin ? ' (sent to the login page)' : ''}`,
            )
        }
        for (const k of r.key)
          if (!reached.has(k)) problems.push(`${r.role}: ${k} is not reachable from the home page's menus`)
        t.diagnostic(
          `${r.role}: ${first.size} menu/home links followed, ${second.size} links on those pages and ${third.size} beyond them checked`,
        )
        assert.equal(problems.length, 0, `\n${problems.join('\n')}`)
      } finally {
        await context.close()
      }
    })
  }
})
