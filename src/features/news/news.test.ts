import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, asc, desc, eq, gt } from 'drizzle-orm'
// saxes is the XML parser exceljs ships with (pinned through exceljs); used here only to read the feed
import { SaxesParser } from 'saxes'
import { auditLog } from '../../core/audit/schema.ts'
import { outbox, users } from '../../core/db/schema.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { notifications } from '../notifications/schema.ts'
import { departmentMembers } from '../organisation/schema.ts'
import { buildAtom, linkify, paragraphs } from './domain.ts'
import {
  newsletterDeliveries,
  newsletterIssues,
  newsletterSubscribers,
  newsPosts,
  staffNotices,
} from './schema.ts'

// ------------------------------------------------------------------ pure rules

describe('domain', () => {
  test('links in plain text: only http(s), trailing punctuation left outside', () => {
    assert.deepEqual(linkify('詳しくは https://example.jp/a?b=1。'), [
      { text: '詳しくは ' },
      { href: 'https://example.jp/a?b=1', text: 'https://example.jp/a?b=1' },
      { text: '。' },
    ])
    assert.deepEqual(linkify('javascript:alert(1) と <b>'), [{ text: 'javascript:alert(1) と <b>' }])
    assert.deepEqual(linkify('(https://example.jp/x).'), [
      { text: '(' },
      { href: 'https://example.jp/x', text: 'https://example.jp/x' },
      { text: ').' },
    ])
  })
  test('paragraphs split at blank lines, lines kept', () => {
    assert.deepEqual(paragraphs('一\n二\n\n\n三\r\n'), [
      ['一', '二'],
      ['三', ''],
    ])
  })
  test('the Atom builder escapes text and drops characters XML cannot hold', () => {
    const xml = buildAtom({
      id: 'https://x.example/news',
      title: 'A & B <c>',
      selfHref: 'https://x.example/news.atom',
      alternateHref: 'https://x.example/news',
      author: '課',
      updated: new Date(0),
      entries: [
        {
          id: 'https://x.example/news/1',
          title: '"q"\u0001',
          href: 'https://x.example/news/1?a=1&b=2',
          published: new Date(0),
          updated: new Date(0),
          category: 'お知らせ',
          summary: 's',
          content: '<script>',
        },
      ],
    })
    const feed = parseAtom(xml)
    assert.equal(feed.title, 'A & B <c>')
    assert.equal(feed.entries[0].title, '"q"')
    assert.equal(feed.entries[0].link, 'https://x.example/news/1?a=1&b=2')
    assert.equal(feed.entries[0].content, '<script>')
  })
})

// ------------------------------------------------------------------ Atom reader (namespace-aware)

const ATOM = 'http://www.w3.org/2005/Atom'
interface El {
  name: string
  uri: string
  attrs: Record<string, string>
  text: string
  children: El[]
}
function parseXml(xml: string): El {
  const p = new SaxesParser({ xmlns: true })
  const stack: El[] = []
  let root: El | null = null
  p.on('opentag', (t) => {
    const el: El = {
      name: t.local ?? t.name,
      uri: t.uri ?? '',
      attrs: Object.fromEntries(Object.values(t.attributes).map((a: any) => [a.local || a.name, a.value])),
      text: '',
      children: [],
    }
    if (stack.length) stack[stack.length - 1].children.push(el)
    else root = el
    stack.push(el)
  })
  p.on('text', (s) => {
    if (stack.length) stack[stack.length - 1].text += s
  })
  p.on('closetag', () => {
    stack.pop()
  })
  p.write(xml).close() // throws on XML that is not well-formed
  assert.ok(root)
  return root
}
const kid = (e: El, n: string) => e.children.find((c) => c.name === n && c.uri === ATOM)
function parseAtom(xml: string) {
  const feed = parseXml(xml)
  assert.equal(feed.name, 'feed')
  assert.equal(feed.uri, ATOM, 'the Atom namespace')
  const isDate = (s: string | undefined) => !!s && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s)
  // RFC 4287 4.1.1: a feed has exactly one id, title and updated, and an author (here on the feed)
  for (const n of ['id', 'title', 'updated', 'author'])
    assert.equal(feed.children.filter((c) => c.name === n).length, 1, `feed/${n}`)
  assert.ok(isDate(kid(feed, 'updated')?.text))
  const links = feed.children.filter((c) => c.name === 'link')
  const entries = feed.children
    .filter((c) => c.name === 'entry')
    .map((e) => {
      for (const n of ['id', 'title', 'updated'])
        assert.equal(e.children.filter((c) => c.name === n).length, 1, `entry/${n}`)
      assert.ok(isDate(kid(e, 'updated')?.text) && isDate(kid(e, 'published')?.text))
      const link = e.children.find((c) => c.name === 'link' && (c.attrs.rel ?? 'alternate') === 'alternate')
      assert.ok(link, 'entry has an alternate link (it has no content with src)')
      return {
        id: kid(e, 'id')!.text,
        title: kid(e, 'title')!.text,
        link: link.attrs.href,
        category: kid(e, 'category')?.attrs.term,
        content: kid(e, 'content')?.text ?? '',
        published: kid(e, 'published')!.text,
      }
    })
  return {
    title: kid(feed, 'title')!.text,
    self: links.find((l) => l.attrs.rel === 'self')?.attrs.href,
    alternate: links.find((l) => l.attrs.rel === 'alternate')?.attrs.href,
    entries,
  }
}

// ------------------------------------------------------------------ the app

let t: TestApp
let mid: string
let coord: TestClient
let visitor: TestClient

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
  coord = await t.as('coordinator@demo.example')
  visitor = t.client()
  await visitor.get('/newsletter')
})
after(async () => t.close())

const db = () => t.database.db
const mailsTo = (to: string) =>
  db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.municipalityId, mid), eq(outbox.to, to)))
    .orderBy(desc(outbox.createdAt))
const linkIn = (body: string, path: string) => {
  const m = body.match(new RegExp(`https?://[^\\s]+(${path}/[0-9a-f-]+\\?token=[A-Za-z0-9_-]+)`))
  assert.ok(m, `a ${path} link in:\n${body}`)
  return m[1]
}
const publishedNewsIds = async () =>
  (
    await db()
      .select({ id: newsPosts.id })
      .from(newsPosts)
      .where(
        and(
          eq(newsPosts.municipalityId, mid),
          eq(newsPosts.status, 'published'),
          gt(newsPosts.publishedAt, new Date(Date.now() - 30 * 86_400_000)),
        ),
      )
  ).map((r) => r.id)

describe('news posts', () => {
  test('the form names the fields in its messages, refuses 2026-02-30 and keeps what was typed', async () => {
    await coord.get('/news/new')
    const res = await coord.post('/news', {
      title: '',
      body: '本文の下書き。ここは残る',
      category: 'case',
      publishedOn_year: '2026',
      publishedOn_month: '2',
      publishedOn_day: '30',
      status: 'published',
    })
    assert.equal(res.status, 422)
    const html = await res.text()
    assert.match(html, /タイトルを入力してください/)
    assert.match(html, /掲載日は正しい日付を入力してください/)
    assert.match(html, /本文の下書き。ここは残る/)
    assert.match(html, /aria-invalid="true"/)
    assert.match(html, /value="30"/)
  })

  test('a post is published, its links are links and its HTML is text; a draft is the coordinator’s only', async () => {
    const res = await coord.post('/news', {
      title: '子ども食堂と教育委員会の協働',
      body: '始まりました。\n詳しくは https://example.jp/kodomo をご覧ください。\n\n<script>alert(1)</script>',
      category: 'case',
      publishedOn_year: '2026',
      publishedOn_month: '1',
      publishedOn_day: '15',
      status: 'published',
    })
    assert.equal(res.status, 303, await res.text())
    const href = res.headers.get('location')!
    const page = await (await visitor.get(href)).text()
    assert.match(page, /<a href="https:\/\/example.jp\/kodomo" rel="noopener noreferrer nofollow">/)
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
    assert.doesNotMatch(page, /<script>alert/)
    assert.match(page, /令和8年1月15日（2026年）/, 'the publish date in 和暦 with the western year')

    const d = await coord.post('/news', {
      title: '内部の下書き',
      body: 'まだ出さない',
      category: 'notice',
      publishedOn_year: '2026',
      publishedOn_month: '1',
      publishedOn_day: '15',
      status: 'draft',
    })
    const draft = d.headers.get('location')!
    assert.equal((await visitor.get(draft)).status, 404)
    assert.equal((await coord.get(draft)).status, 200)
    const group = await t.as('group@demo.example')
    assert.equal((await group.get(draft)).status, 404)
    assert.equal((await group.get('/news/new')).status, 403)
    assert.equal((await group.post('/news', { title: 'x' })).status, 403)
    assert.doesNotMatch(await (await visitor.get('/news')).text(), /内部の下書き/)
    const [row] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.municipalityId, mid), eq(auditLog.action, 'news.create')))
    assert.ok(row, 'the write is audited')
  })

  test('the list filters by category and pages', async () => {
    const html = await (await visitor.get('/news?category=call')).text()
    assert.match(html, /発表団体を募集します/)
    assert.doesNotMatch(html, /見守りサロン」が10か所/)
    const all = await (await visitor.get('/news')).text()
    assert.match(all, /見守りサロン」が10か所/)
    assert.doesNotMatch(all, /年末年始の窓口/, 'the demo draft is not public')
  })

  test('the Atom feed is valid Atom 1.0 with absolute links from the request origin', async () => {
    const res = await visitor.get('/news.atom')
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /application\/atom\+xml/)
    const feed = parseAtom(await res.text())
    assert.equal(feed.self, 'http://localhost/news.atom')
    assert.equal(feed.alternate, 'http://localhost/news')
    const titles = feed.entries.map((e) => e.title)
    assert.ok(titles.includes('子ども食堂と教育委員会の協働'))
    assert.ok(titles.includes('分野別発表会＆交流会の発表団体を募集します'))
    assert.ok(!titles.includes('内部の下書き') && !titles.some((x) => x.includes('年末年始')), 'no drafts')
    for (const e of feed.entries) {
      assert.match(e.link, /^http:\/\/localhost\/news\/[0-9a-f-]{36}$/)
      assert.equal(e.id, e.link)
      assert.ok(['協働の事例', '募集', 'お知らせ'].includes(e.category ?? ''))
    }
    const kodomo = feed.entries.find((e) => e.title === '子ども食堂と教育委員会の協働')!
    assert.equal(kodomo.published, '2026-01-14T15:00:00.000Z', '00:00 in Japan')
    assert.match(kodomo.content, /<script>alert/, 'the text as text (escaped in the XML)')
    const proxied = await visitor.get('/news.atom', {
      'x-forwarded-host': 'kyodo.city.example',
      'x-forwarded-proto': 'https',
    })
    const viaProxy = parseAtom(await proxied.text())
    assert.ok(viaProxy.entries.every((e) => e.link.startsWith('https://kyodo.city.example/news/')))
  })
})

describe('newsletter', () => {
  const reader = 'new.reader@example.jp'
  let issueMailCount = 0

  async function composeAndSend(title: string) {
    await coord.get('/newsletter/issues/new')
    const ids = await publishedNewsIds()
    const res = await coord.post('/newsletter/issues', {
      title,
      intro: `${title}のはじめのことば`,
      newsIds: ids.slice(0, 2),
    })
    assert.equal(res.status, 303, await res.text())
    const href = res.headers.get('location')!
    const id = href.split('/').pop()!
    // the preview is the coordinator's only until it is sent
    const preview = await (await coord.get(href)).text()
    assert.match(preview, /送信前のプレビュー/)
    assert.equal((await visitor.get(href)).status, 404)
    const before = await db().select().from(outbox).where(eq(outbox.municipalityId, mid))
    const sent = await coord.post(`/newsletter/issues/${id}/send`)
    assert.equal(sent.status, 303, await sent.text())
    const after = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.municipalityId, mid), gt(outbox.createdAt, new Date(0))))
    const newMails = after.filter((m) => !before.some((b) => b.id === m.id))
    return { id, href, newMails }
  }

  const confirmed = async () =>
    (
      await db()
        .select()
        .from(newsletterSubscribers)
        .where(
          and(eq(newsletterSubscribers.municipalityId, mid), eq(newsletterSubscribers.status, 'confirmed')),
        )
    ).map((s) => s.email)

  test('subscription form: an invalid address is refused naming the field, keeping what was typed', async () => {
    const res = await visitor.post('/newsletter/subscribe', { email: 'not-an-address' })
    assert.equal(res.status, 422)
    const html = await res.text()
    assert.match(html, /メールアドレスの形式が正しくありません/)
    assert.match(html, /value="not-an-address"/)
  })

  test('double opt-in: the unconfirmed get no issue, the confirmed do, one mail each; the unsubscribe link works', async () => {
    const res = await visitor.post('/newsletter/subscribe', { email: 'New.Reader@example.jp ' })
    assert.equal(res.status, 303)
    const [mail] = await mailsTo(reader)
    assert.ok(mail, 'a confirmation mail')
    const confirmPath = linkIn(mail.body, '/newsletter/confirm')
    const token = confirmPath.split('token=')[1]
    const [row] = await db()
      .select()
      .from(newsletterSubscribers)
      .where(and(eq(newsletterSubscribers.municipalityId, mid), eq(newsletterSubscribers.email, reader)))
    assert.equal(row.status, 'pending')
    assert.ok(!JSON.stringify(row).includes(token), 'only the hash of the token is kept')

    // an issue now: every confirmed subscriber gets exactly one mail; the pending one none
    const one = await composeAndSend('テスト1号')
    const subs = await confirmed()
    assert.ok(subs.length >= 3)
    assert.deepEqual(one.newMails.map((m) => m.to).sort(), [...subs].sort())
    assert.ok(!one.newMails.some((m) => m.to === reader))
    issueMailCount = one.newMails.length
    const [issue] = await db().select().from(newsletterIssues).where(eq(newsletterIssues.id, one.id))
    assert.equal(issue.status, 'sent')
    assert.equal(issue.recipientCount, subs.length)
    // the archive page is public
    const archive = await visitor.get(one.href)
    assert.equal(archive.status, 200)
    const html = await archive.text()
    assert.match(html, /テスト1号のはじめのことば/)
    assert.doesNotMatch(html, /送信前のプレビュー/)
    assert.match(await (await visitor.get('/newsletter')).text(), /テスト1号/)
    // sending twice is refused
    assert.equal((await coord.post(`/newsletter/issues/${one.id}/send`)).status, 409)

    // a wrong token confirms nothing
    const id = confirmPath.split('/')[3].split('?')[0]
    assert.equal((await visitor.get(`/newsletter/confirm/${id}?token=wrong`)).status, 404)
    // the link shows a button (no change on GET); the button confirms
    const page = await visitor.get(confirmPath)
    assert.equal(page.status, 200)
    assert.equal(
      (await db().select().from(newsletterSubscribers).where(eq(newsletterSubscribers.id, id)))[0].status,
      'pending',
    )
    assert.equal((await visitor.post(`/newsletter/confirm/${id}`, { token })).status, 303)
    assert.ok((await confirmed()).includes(reader))
    const [welcome] = await mailsTo(reader)
    assert.match(welcome.subject, /購読を登録しました/)
    assert.match(welcome.body, /配信の停止/)

    const two = await composeAndSend('テスト2号')
    assert.equal(two.newMails.length, issueMailCount + 1)
    const mine = two.newMails.filter((m) => m.to === reader)
    assert.equal(mine.length, 1)
    const deliveries = await db()
      .select()
      .from(newsletterDeliveries)
      .where(and(eq(newsletterDeliveries.municipalityId, mid), eq(newsletterDeliveries.issueId, two.id)))
    assert.equal(deliveries.length, two.newMails.length)

    // one click on the page of the link in the mail: the address is gone, no more issues
    const unsub = linkIn(mine[0].body, '/newsletter/unsubscribe')
    const uPage = await visitor.get(unsub)
    assert.equal(uPage.status, 200)
    assert.match(await uPage.text(), /配信を停止する/)
    const [uid, utoken] = [unsub.split('/')[3].split('?')[0], unsub.split('token=')[1]]
    assert.equal((await visitor.post(`/newsletter/unsubscribe/${uid}`, { token: 'wrong' })).status, 404)
    // the mail carries RFC 8058 headers, and a mail program's one-click post (no session, no CSRF
    // token) with the token of the link unsubscribes
    assert.match(mine[0].headers['List-Unsubscribe'], /^<https?:\/\/[^>]+>$/)
    assert.ok(mine[0].headers['List-Unsubscribe'].endsWith(`${unsub}>`), 'the header is the link of the mail')
    assert.equal(mine[0].headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click')
    const oneClick = (path: string) =>
      t.client().request('POST', path, {
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
    assert.equal((await oneClick(`/newsletter/unsubscribe/${uid}?token=wrong`)).status, 404)
    // only the routes a room declares are let through without the CSRF token
    assert.equal((await oneClick(`/newsletter/subscribe?token=${utoken}`)).status, 403)
    assert.equal((await oneClick(`/newsletter/unsubscribe/${uid}?token=${utoken}`)).status, 303)
    const left = await db()
      .select()
      .from(newsletterSubscribers)
      .where(and(eq(newsletterSubscribers.municipalityId, mid), eq(newsletterSubscribers.email, reader)))
    assert.equal(left.length, 0, 'the address is deleted')
    const three = await composeAndSend('テスト3号')
    assert.ok(!three.newMails.some((m) => m.to === reader))
    assert.equal(three.newMails.length, issueMailCount)
    // the old link now says it is done
    assert.match(await (await visitor.get(unsub)).text(), /すでに停止/)
  })

  test('an issue needs at least one item, named in the message', async () => {
    await coord.get('/newsletter/issues/new')
    const res = await coord.post('/newsletter/issues', { title: '空の号', intro: 'はじめに' })
    assert.equal(res.status, 422)
    const html = await res.text()
    assert.match(html, /1件以上選んでください/)
    assert.match(html, /value="空の号"/)
  })

  test('the subscription form is rate-limited like other mail forms (429)', async () => {
    const c = t.client()
    await c.get('/newsletter')
    const statuses: number[] = []
    for (let i = 0; i < 7; i++)
      statuses.push((await c.post('/newsletter/subscribe', { email: 'flood@example.jp' })).status)
    assert.deepEqual(statuses.slice(0, 5), [303, 303, 303, 303, 303])
    assert.equal(statuses[6], 429)
    assert.ok((await mailsTo('flood@example.jp')).length <= 5)
  })

  test('a signed-in person subscribes with the account address at once, and stops', async () => {
    const staff = await t.as('staff@demo.example')
    await staff.get('/newsletter')
    assert.equal((await staff.post('/newsletter/account', { subscribe: 'yes' })).status, 303)
    assert.ok((await confirmed()).includes('staff@demo.example'))
    assert.match(await (await staff.get('/newsletter')).text(), /購読をやめる/)
    assert.equal((await staff.post('/newsletter/account', { subscribe: 'no' })).status, 303)
    assert.ok(!(await confirmed()).includes('staff@demo.example'))
  })

  test('privacy: only the coordinator and administrators see the subscribers', async () => {
    const html = await (await coord.get('/newsletter/subscribers')).text()
    assert.match(html, /yamada\.taro@demo\.example/)
    assert.match(html, /確定した購読者：\d+人/)
    const admin = await t.as('admin@demo.example')
    assert.equal((await admin.get('/newsletter/subscribers')).status, 200)
    for (const who of ['group@demo.example', 'staff@demo.example', 'reviewer@demo.example']) {
      const c = await t.as(who)
      assert.equal((await c.get('/newsletter/subscribers')).status, 403, who)
      assert.doesNotMatch(await (await c.get('/newsletter')).text(), /yamada\.taro@demo\.example/, who)
    }
    const v = await visitor.get('/newsletter/subscribers')
    assert.ok([302, 401].includes(v.status), `visitor: ${v.status}`)
    assert.doesNotMatch(await (await visitor.get('/newsletter')).text(), /yamada\.taro|購読者（確定/)
    for (const p of ['/news.atom', '/newsletter'])
      assert.doesNotMatch(await (await visitor.get(p)).text(), /@demo\.example/, p)
  })
})

describe('庁内通知', () => {
  test('a notice reaches every member of staff as a personal notice, mailed to those with mail on', async () => {
    const staffIds = [
      ...new Set(
        (
          await db()
            .select({ userId: departmentMembers.userId })
            .from(departmentMembers)
            .where(eq(departmentMembers.municipalityId, mid))
        ).map((r) => r.userId),
      ),
    ]
    assert.ok(staffIds.length >= 2)
    await coord.get('/staff-notices/new')
    const bad = await coord.post('/staff-notices', {
      title: '',
      body: '本文だけ',
      link: 'javascript:alert(1)',
    })
    assert.equal(bad.status, 422)
    const badHtml = await bad.text()
    assert.match(badHtml, /件名を入力してください/)
    assert.match(badHtml, /関連ページは/)
    assert.match(badHtml, /本文だけ/)
    const res = await coord.post('/staff-notices', {
      title: '職員研修「協働の進め方」のご案内',
      body: '各課の協働担当の方は、ぜひご参加ください。',
      link: '/events',
    })
    assert.equal(res.status, 303, await res.text())
    const href = res.headers.get('location')!
    const [n] = await db().select().from(staffNotices).where(eq(staffNotices.municipalityId, mid))
    assert.equal(n.recipientCount, staffIds.length)
    const told = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.municipalityId, mid), eq(notifications.kind, 'staff_notice')))
      .orderBy(asc(notifications.userId))
    assert.deepEqual(told.map((x) => x.userId).sort(), [...staffIds].sort(), 'one notice each, nobody else')
    assert.ok(
      told.every((x) => x.title === '【庁内通知】職員研修「協働の進め方」のご案内' && x.href === href),
    )
    const emails = await db()
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.municipalityId, mid))
    const staffMails = emails.filter((u) => staffIds.includes(u.id))
    let mailed = 0
    for (const u of staffMails)
      if ((await mailsTo(u.email)).some((m) => m.subject.includes('【庁内通知】'))) mailed++
    assert.equal(mailed, n.mailedCount)
    assert.ok(mailed > 0)

    const staff = await t.as('staff@demo.example')
    assert.match(await (await staff.get('/notifications')).text(), /職員研修「協働の進め方」のご案内/)
    assert.equal((await staff.get(href)).status, 200)
    assert.match(await (await staff.get('/staff-notices')).text(), /職員研修「協働の進め方」/)
    assert.equal((await staff.get('/staff-notices/new')).status, 403)
    const group = await t.as('group@demo.example')
    assert.equal((await group.get('/staff-notices')).status, 403)
    assert.equal((await group.get(href)).status, 403)
    assert.equal((await group.post('/staff-notices', { title: 'x', body: 'y' })).status, 403)
    const [a] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.municipalityId, mid), eq(auditLog.action, 'staff_notice.send')))
    assert.ok(a)
  })
})

test('the news JSON API lists the public posts (drafts only for the coordinator) and serves one', async () => {
  const visitor = t.client()
  const list = await visitor.get('/api/v1/news?perPage=5')
  assert.equal(list.status, 200)
  const body = (await list.json()) as any
  assert.ok(body.total >= body.items.length && body.items.length <= 5)
  assert.ok(body.items.length > 0, 'the demo city has public news')
  assert.ok(body.items.every((p: any) => p.status === 'published' && /\/news\/[0-9a-f-]{36}$/.test(p.url)))
  const one = await visitor.get(`/api/v1/news/${body.items[0].id}`)
  assert.equal(one.status, 200)
  assert.equal(((await one.json()) as any).title, body.items[0].title)
  assert.equal((await visitor.get('/api/v1/news?perPage=500')).status, 422)
  assert.equal((await visitor.get('/api/v1/news/not-an-id')).status, 404)
  // a draft is the coordinator's only
  const [draft] = await db()
    .insert(newsPosts)
    .values({
      municipalityId: mid,
      title: 'API下書きのニュース',
      category: 'notice',
      status: 'draft',
      publishedAt: new Date(),
    })
    .returning()
  assert.equal((await visitor.get(`/api/v1/news/${draft.id}`)).status, 404)
  const coordinator = await t.as('coordinator@demo.example')
  assert.equal((await coordinator.get(`/api/v1/news/${draft.id}`)).status, 200)
})
