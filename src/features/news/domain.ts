import { z } from 'zod'
import { v } from '../../core/validation.ts'

/** Pure rules of news, the newsletter and staff notices: codes, forms, links in text, the Atom feed. */

export const NEWS_CATEGORIES = [
  { code: 'case', label: '協働の事例' },
  { code: 'call', label: '募集' },
  { code: 'notice', label: 'お知らせ' },
] as const
export type NewsCategory = (typeof NEWS_CATEGORIES)[number]['code']

export const NEWS_STATUSES = [
  { code: 'draft', label: '下書き' },
  { code: 'published', label: '公開' },
] as const

/** Unconfirmed subscriptions (and their addresses) are removed after this many days. */
export const NEWSLETTER_PENDING_DAYS = 7
/** A confirmation link works for this many hours. */
export const CONFIRM_TOKEN_HOURS = 48

const codes = <T extends readonly { code: string }[]>(l: T) =>
  l.map((x) => x.code) as [T[number]['code'], ...T[number]['code'][]]

/** The news form; 掲載日 is a day in Japan (the post is public from 00:00 JST of that day). */
export const newsSchema = z.object({
  title: v.text('タイトル', { max: 120 }),
  body: v.text('本文', { max: 10_000 }),
  category: v.oneOf('分類', codes(NEWS_CATEGORIES)),
  publishedOn: v.ymd('掲載日'),
  status: z.preprocess((x) => x ?? 'draft', v.oneOf('状態', codes(NEWS_STATUSES))),
})
export type NewsInput = z.output<typeof newsSchema>

/** 00:00 in Japan of a YYYY-MM-DD day. */
export const jstDay = (ymd: string) => new Date(`${ymd}T00:00:00+09:00`)

/** The subscription form (residents; no account needed). */
export const subscribeSchema = z.object({ email: v.email('メールアドレス') })

/** The newsletter form: a title, the introduction and the items chosen (ids by kind). */
const ids = (label: string) =>
  z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
    z.array(z.string().uuid({ error: `${label}は一覧から選んでください` })).max(30, {
      error: `${label}は30件までにしてください`,
    }),
  )
export const issueSchema = z
  .object({
    title: v.text('号のタイトル', { max: 120 }),
    intro: v.text('はじめのことば', { max: 4000 }),
    newsIds: ids('ニュース'),
    eventIds: ids('イベント'),
    needIds: ids('協働ニーズ'),
  })
  .superRefine((d, ctx) => {
    if (!d.newsIds.length && !d.eventIds.length && !d.needIds.length)
      ctx.addIssue({
        code: 'custom',
        path: ['newsIds'],
        message: '載せる記事を、ニュース・イベント・協働ニーズから1件以上選んでください',
      })
  })
export type IssueInput = z.output<typeof issueSchema>

/** The staff notice form. */
export const staffNoticeSchema = z.object({
  title: v.text('件名', { max: 120 }),
  body: v.text('本文', { max: 4000 }),
  link: z.preprocess(
    (x) => (typeof x === 'string' ? x.trim() : (x ?? '')),
    z.union([
      z.literal(''),
      z
        .string()
        .max(500, { error: '関連ページは500文字以内で入力してください' })
        .regex(/^(\/[^\s/][^\s]*|https?:\/\/\S+)$/, {
          error:
            '関連ページは「/events/…」のようにこのサイトのパスか、https:// で始まるURLを入力してください',
        }),
    ]),
  ),
})
export type StaffNoticeInput = z.output<typeof staffNoticeSchema>

// ------------------------------------------------------------------ links in plain text

export type Segment = { text: string } | { href: string; text: string }

const URL_RE = /https?:\/\/[^\s<>"'（）「」『』【】、。]+/g

/**
 * Plain text cut into text and links: only http(s) addresses become links, trailing punctuation
 * stays outside the link. The view escapes every piece (no HTML from the text is ever trusted).
 */
export function linkify(s: string): Segment[] {
  const out: Segment[] = []
  let last = 0
  for (const m of s.matchAll(URL_RE)) {
    let url = m[0]
    const trail = url.match(/[.,;:!?)\]]+$/)
    if (trail) url = url.slice(0, -trail[0].length)
    const at = m.index ?? 0
    if (at > last) out.push({ text: s.slice(last, at) })
    out.push({ href: url, text: url })
    last = at + url.length
  }
  if (last < s.length) out.push({ text: s.slice(last) })
  return out
}

/** Paragraphs (split at blank lines), each a list of lines. */
export function paragraphs(s: string): string[][] {
  return s
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((l) => l.trimEnd()))
    .filter((p) => p.some((l) => l.trim()))
}

/** The first characters of a text on one line (for summaries). */
export function summaryOf(s: string, max = 120): string {
  const one = s.replace(/\s+/g, ' ').trim()
  return one.length > max ? `${one.slice(0, max - 1)}…` : one
}

// ------------------------------------------------------------------ Atom 1.0

export const xmlEscape = (s: string) =>
  s
    // characters XML 1.0 cannot hold
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')

export interface AtomEntry {
  id: string
  title: string
  href: string
  published: Date
  updated: Date
  category: string
  summary: string
  content: string
}

/** An Atom 1.0 feed (RFC 4287): feed id, title, updated, author, self and alternate links. */
export function buildAtom(f: {
  id: string
  title: string
  selfHref: string
  alternateHref: string
  author: string
  updated: Date
  entries: AtomEntry[]
}): string {
  const e = xmlEscape
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">',
    `  <id>${e(f.id)}</id>`,
    `  <title>${e(f.title)}</title>`,
    `  <updated>${f.updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${e(f.selfHref)}"/>`,
    `  <link rel="alternate" type="text/html" href="${e(f.alternateHref)}"/>`,
    `  <author><name>${e(f.author)}</name></author>`,
    ...f.entries.flatMap((x) => [
      '  <entry>',
      `    <id>${e(x.id)}</id>`,
      `    <title>${e(x.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${e(x.href)}"/>`,
      `    <published>${x.published.toISOString()}</published>`,
      `    <updated>${x.updated.toISOString()}</updated>`,
      `    <category term="${e(x.category)}"/>`,
      `    <summary type="text">${e(x.summary)}</summary>`,
      `    <content type="text">${e(x.content)}</content>`,
      '  </entry>',
    ]),
    '</feed>',
    '',
  ]
  return lines.join('\n')
}
