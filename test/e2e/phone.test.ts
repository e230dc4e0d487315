import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DEMO_PASSWORD, type KyodoServer, launchBrowser, screenshotPath, startServer } from './support.ts'

/** Phone width (375×812): no sideways scrolling, touch-sized navigation; screenshots of key pages. */

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

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const DESKTOP = { viewport: { width: 1280, height: 900 } }

async function noSidewaysScroll(page: Page, label: string) {
  const r = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    wide: Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${Array.from(e.classList).join('.')}`),
  }))
  assert.ok(
    r.scroll <= r.inner,
    `${label}: scrollWidth ${r.scroll} > innerWidth ${r.inner} (${r.wide.join(', ')})`,
  )
}

test('home and /login fit a 375px phone; navigation links are at least 44px tall', async () => {
  const context = await browser.newContext({ ...PHONE, locale: 'ja-JP' })
  const page = await context.newPage()
  try {
    for (const p of ['/', '/login', '/guide']) {
      await page.goto(server.baseUrl + p)
      await noSidewaysScroll(page, p)
      const small = await page.$$eval('.site-nav a', (as) =>
        as
          .map((a) => ({ text: a.textContent?.trim(), h: a.getBoundingClientRect().height }))
          .filter((x) => x.h < 44),
      )
      assert.deepEqual(small, [], `${p}: navigation links under 44px`)
    }
  } finally {
    await context.close()
  }
})

async function login(context: BrowserContext, email: string) {
  const page = await context.newPage()
  await page.goto(`${server.baseUrl}/login`)
  await page.fill('#f-email', email)
  await page.fill('#f-password', DEMO_PASSWORD)
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    page.click('main button[type=submit]'),
  ])
  return page
}

test('screenshots of key pages at desktop and phone width', async (t) => {
  const shots: string[] = []
  for (const [size, opts] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const context = await browser.newContext({ ...opts, locale: 'ja-JP' })
    try {
      const page = await context.newPage()
      const take = async (name: string, p: string) => {
        const res = await page.goto(server.baseUrl + p)
        if (!res || res.status() >= 400) return
        const file = screenshotPath(`${name}-${size}`)
        await page.screenshot({ path: file, fullPage: true })
        shots.push(file)
        if (size === 'phone') await noSidewaysScroll(page, `${p} (${size})`)
      }
      await take('home', '/')
      await take('login', '/login')
      await take('signup', '/signup')
      await take('guide', '/guide')
      await take('guide-forms', '/guide/forms')
      await take('guide-checklists', '/guide/checklists')
      await take('groups', '/groups')
      // The login form in its error state.
      await page.goto(`${server.baseUrl}/login`)
      await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')])
      await page.screenshot({ path: screenshotPath(`login-error-${size}`), fullPage: true })
      await page.close()
      const signedIn = await login(context, 'coordinator@demo.example')
      const takeIn = async (name: string, p: string) => {
        const res = await signedIn.goto(server.baseUrl + p)
        if (!res || res.status() >= 400) return
        const file = screenshotPath(`${name}-${size}`)
        await signedIn.screenshot({ path: file, fullPage: true })
        shots.push(file)
        if (size === 'phone') await noSidewaysScroll(signedIn, `${p} (${size}, signed in)`)
      }
      await takeIn('home-signed-in', '/')
      await takeIn('account', '/account')
      await takeIn('admin', '/admin')
    } finally {
      await context.close()
    }
  }
  t.diagnostic(`${shots.length} screenshots in screenshots/`)
  assert.ok(shots.length >= 6)
})
