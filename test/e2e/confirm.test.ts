import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { axeCheck, type KyodoServer, keyboardLogin, launchBrowser, startServer } from './support.ts'

/**
 * The confirmation step before a destructive act (core/http/confirm.tsx) as a person meets it:
 * reached by a button, read by axe, used with the keyboard alone (the act's button comes before
 * 「戻る」), 「戻る」 changes nothing, and the page holds at a phone's width.
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

async function confirmPageChecks(page: Page, label: string, submit: string) {
  assert.equal(await page.locator('h1').count(), 1, `${label}: one <h1>`)
  assert.match((await page.textContent('main')) ?? '', /よろしいですか。/, `${label}: says what will happen`)
  await axeCheck(page, label)
  // keyboard: from the heading, Tab reaches the act's button, then 「戻る」
  await page.focus('main h1').catch(() => {})
  await page.evaluate(() => (document.querySelector('.confirm__form') as HTMLElement | null)?.focus())
  const order: string[] = []
  await page.locator('.confirm__form button[type=submit]').focus()
  order.push(((await page.evaluate(() => document.activeElement?.textContent)) ?? '').trim())
  await page.keyboard.press('Tab')
  order.push(((await page.evaluate(() => document.activeElement?.textContent)) ?? '').trim())
  assert.deepEqual(order, [submit, '戻る'], `${label}: the act's button, then 戻る`)
}

describe('confirmation pages', () => {
  test('an administrator stops a plan: confirm page, 戻る changes nothing, then the act (keyboard, axe, phone)', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    try {
      await keyboardLogin(page, server.baseUrl, 'admin@demo.example')
      await page.goto(`${server.baseUrl}/needs/plans`)
      const stops = page.locator('form[action$="/toggle"] button', { hasText: '使用を停止' })
      const before = await stops.count()
      assert.ok(before > 0, 'the demo city has an active plan')
      await stops.first().click()
      await page.waitForLoadState()
      await confirmPageChecks(page, '[admin] plan stop confirmation', '使用を停止')
      // 戻る: back to the list, nothing changed
      await page.keyboard.press('Enter')
      await page.waitForURL(/\/needs\/plans$/)
      assert.equal(await stops.count(), before, '戻る stopped nothing')
      // again, and this time the act, with the keyboard
      await stops.first().click()
      await page.waitForLoadState()
      await page.locator('.confirm__form button[type=submit]').focus()
      await Promise.all([page.waitForURL(/\/needs\/plans$/), page.keyboard.press('Enter')])
      assert.equal(await stops.count(), before - 1, 'the plan was stopped')
      // put it back (使用を再開 needs no confirmation)
      await page.locator('form[action$="/toggle"] button', { hasText: '使用を再開' }).first().click()
      await page.waitForLoadState()
      assert.equal(await stops.count(), before)
    } finally {
      await context.close()
    }
  })

  test('the coordinator revokes an API token at a phone width: the confirmation fits and works', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 375, height: 740 } })
    const page = await context.newPage()
    try {
      await keyboardLogin(page, server.baseUrl, 'coordinator@demo.example')
      await page.goto(`${server.baseUrl}/account/tokens`)
      await page.fill('input[name="name"]', '確認ページの試験')
      await page.locator('main form[action="/account/tokens"] button[type=submit]').click()
      await page.waitForLoadState()
      const revoke = page.locator('main form[action$="/revoke"] button', { hasText: '確認ページの試験' })
      assert.equal(await revoke.count(), 1, 'the new token is listed with its revoke button')
      await revoke.click()
      await page.waitForLoadState()
      await confirmPageChecks(page, '[coordinator] token revoke confirmation', '失効させる')
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      assert.ok(overflow <= 0, `no sideways scrolling at 375 px (overflow ${overflow}px)`)
      await Promise.all([page.waitForLoadState(), page.locator('.confirm__form button[type=submit]').click()])
      assert.equal(await revoke.count(), 0, 'the token was revoked')
    } finally {
      await context.close()
    }
  })
})
