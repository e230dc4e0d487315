import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { DEMO_PASSWORD, type KyodoServer, launchBrowser, startServer } from './support.ts'

/** With JavaScript off, a person can log in, change their name and log out. */

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

test('log in, update the name, log out — without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP' })
  const page = await context.newPage()
  try {
    const base = server.baseUrl
    await page.goto(`${base}/login`)
    await page.fill('#f-email', 'staff@demo.example')
    await page.fill('#f-password', DEMO_PASSWORD)
    await Promise.all([page.waitForURL(`${base}/`), page.click('main button[type=submit]')])
    assert.match((await page.textContent('main')) ?? '', /ログインしました/)

    await page.click('header a[href="/account"]')
    await page.waitForURL(`${base}/account`)
    await page.fill('#f-familyName', '髙橋')
    await page.fill('#f-givenName', '𠮷子')
    await page.fill('#f-familyNameKana', 'たかはし')
    await page.fill('#f-givenNameKana', 'ヨシコ')
    await Promise.all([
      page.waitForURL(`${base}/account`),
      page.click('form[action="/account/profile"] button[type=submit]'),
    ])
    assert.match((await page.textContent('main')) ?? '', /お名前を保存しました/)
    assert.equal(await page.inputValue('#f-familyName'), '髙橋')
    assert.equal(await page.inputValue('#f-givenName'), '𠮷子')
    assert.equal(await page.inputValue('#f-familyNameKana'), 'タカハシ', 'hiragana is stored as katakana')
    assert.match((await page.textContent('header')) ?? '', /髙橋/)

    // An error round-trip works without scripts too.
    await page.fill('#f-familyNameKana', 'abc')
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action="/account/profile"] button[type=submit]'),
    ])
    assert.equal(await page.getAttribute('#f-familyNameKana', 'aria-invalid'), 'true')

    await Promise.all([page.waitForURL(`${base}/`), page.click('header form[action="/logout"] button')])
    assert.ok(await page.isVisible('header a[href="/login"]'), 'signed out: the login link is back')
    const account = await page.goto(`${base}/account`)
    assert.match(new URL(account!.url()).pathname, /^\/login/, '/account now asks for a login')
  } finally {
    await context.close()
  }
})
