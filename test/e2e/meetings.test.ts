import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import {
  axeCheck,
  DEMO_PASSWORD,
  type KyodoServer,
  launchBrowser,
  screenshotPath,
  startServer,
} from './support.ts'

/**
 * 調整会議 in the browser, JavaScript off, axe-core on every state: staff set a meeting from a
 * pairing's page (an error first, then right), mark ○△×; an outside person answers by the link of
 * their mail (read in 送信メール); staff fix the date and write the minutes and an action item.
 */

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

/**
 * axe needs scripts: the page as the JavaScript-off browser got it is served again, at the same
 * address (so its styles load), to a page with scripts on, and checked there.
 */
async function axeOf(page: Page, label: string) {
  const html = await page.content()
  const url = page.url()
  const js = await browser.newContext({ locale: 'ja-JP' })
  const p = await js.newPage()
  await p.route(url, (r) => r.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }))
  await p.goto(url)
  try {
    await axeCheck(p, label)
  } finally {
    await js.close()
  }
}

async function login(page: Page, email: string) {
  await page.goto(`${server.baseUrl}/login`)
  await page.fill('#f-email', email)
  await page.fill('#f-password', DEMO_PASSWORD)
  await Promise.all([page.waitForURL(`${server.baseUrl}/`), page.click('main button[type=submit]')])
}

test('a meeting set by candidate dates, answered by an outside person, fixed and minuted — without JavaScript', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP' })
  const page = await ctx.newPage()
  const base = server.baseUrl
  try {
    await login(page, 'staff@demo.example')
    // the work menu, then the demo's meetings
    await Promise.all([
      page.waitForURL(`${base}/meetings`),
      page.click('nav[aria-label="業務メニュー"] a[href="/meetings"]'),
    ])
    await axeOf(page, '/meetings')
    const first = page.locator('main table a[href^="/meetings/"]').first()
    await Promise.all([page.waitForNavigation(), first.click()])
    assert.match((await page.textContent('main')) ?? '', /日程調整/)
    await axeOf(page, '/meetings/:id (demo)')
    await page.screenshot({ path: screenshotPath('meetings-detail'), fullPage: true })

    // from the pairing page to the form
    await Promise.all([page.waitForNavigation(), page.click('main dd a[href^="/coordination/pairings/"]')])
    await Promise.all([page.waitForNavigation(), page.click('main a[href^="/meetings/new?subject=pairing"]')])
    await axeOf(page, '/meetings/new')
    await page.fill('#f-title', 'ブラウザで設定する調整会議')
    for (const [k, v] of Object.entries({
      year: '令和９',
      month: '９',
      day: '１',
      start: '15:00',
      end: '14:00',
    }))
      await page.fill(`input[name="c1_${k}"]`, v)
    await page.fill('input[name="o1_name"]', '大学 太郎')
    await page.fill('input[name="o1_email"]', 'daigaku.taro@univ.example.jp')
    await page.fill('input[name="o1_organisation"]', '市内大学')
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')])
    assert.match(
      (await page.textContent('.error-summary')) ?? '',
      /候補日時1の終了時刻は開始時刻より後にしてください/,
    )
    assert.equal(await page.getAttribute('#f-candidates-0', 'aria-invalid'), 'true')
    assert.equal(await page.inputValue('input[name="o1_email"]'), 'daigaku.taro@univ.example.jp')
    await axeOf(page, '/meetings/new (errors)')
    await page.fill('input[name="c1_end"]', '16:30')
    for (const [k, v] of Object.entries({ year: '2027', month: '9', day: '3', start: '10:00', end: '11:00' }))
      await page.fill(`input[name="c2_${k}"]`, v)
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')])
    assert.match(page.url(), /\/meetings\/[0-9a-f-]{36}$/)
    const meetingUrl = page.url()
    // my own marks
    const radios = page.locator('#my-marks input[type=radio][value="yes"]')
    assert.equal(await radios.count(), 2)
    await radios.nth(0).check()
    await page.locator('#my-marks input[type=radio][value="maybe"]').nth(1).check()
    await Promise.all([page.waitForNavigation(), page.click('#my-marks button[type=submit]')])
    assert.match((await page.textContent('main')) ?? '', /都合を送りました/)
    await axeOf(page, '/meetings/:id (marked)')

    // the outside person's link, from the outbox
    const admin = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP' })
    const ap = await admin.newPage()
    await login(ap, 'admin@demo.example')
    await ap.goto(`${base}/admin/outbox`)
    await Promise.all([
      ap.waitForNavigation(),
      ap.click('main a:has-text("日程調整のお願い：ブラウザで設定する調整会議")'),
    ])
    const link = ((await ap.textContent('main')) ?? '').match(/https?:\/\/\S+\/reply\?token=[A-Za-z0-9_-]+/)
    assert.ok(link, 'the invitation carries a personal link')
    await admin.close()
    const outsider = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP' })
    const op = await outsider.newPage()
    await op.goto(`${base}${new URL(link[0]).pathname}${new URL(link[0]).search}`)
    await axeOf(op, '/meetings/:id/reply')
    await op.locator('main input[type=radio][value="yes"]').nth(0).check()
    await op.locator('main input[type=radio][value="no"]').nth(1).check()
    await Promise.all([op.waitForNavigation(), op.click('main form button[type=submit]')])
    assert.match((await op.textContent('main')) ?? '', /ご都合を受け付けました/)
    await op.screenshot({ path: screenshotPath('meetings-reply'), fullPage: true })
    await outsider.close()

    // fix the date, write minutes and an action item
    await page.goto(meetingUrl)
    assert.match((await page.textContent('main table')) ?? '', /大学 太郎/)
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/fix"] button[type=submit]')])
    assert.match((await page.textContent('main')) ?? '', /日程を.+に決め/)
    assert.ok(await page.isVisible('main a[href$=".ics"]'))
    await page.fill('#f-minutes', '役割分担を確認した。')
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/minutes"] button[type=submit]')])
    await page.fill('form[action$="/actions"] #f-title', '資料を共有する')
    await page.selectOption('#f-ownerId', { index: 1 })
    await page.fill('input[name="dueOn_year"]', '2027')
    await page.fill('input[name="dueOn_month"]', '9')
    await page.fill('input[name="dueOn_day"]', '30')
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/actions"] button[type=submit]')])
    assert.match((await page.textContent('main')) ?? '', /対応事項を追加しました/)
    assert.match((await page.textContent('main')) ?? '', /開催済/)
    await axeOf(page, '/meetings/:id (held)')
    // phone width: the page does not scroll sideways (the table of marks scrolls in its own box)
    await page.setViewportSize({ width: 375, height: 800 })
    await page.goto(meetingUrl)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `the meeting page is ${overflow}px wider than a phone`)
    await page.screenshot({ path: screenshotPath('meetings-detail-phone'), fullPage: true })
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(`${base}/meetings/actions`)
    await axeOf(page, '/meetings/actions')
  } finally {
    await ctx.close()
  }
})
