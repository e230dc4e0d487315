import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

/**
 * ニュース (news posts by the coordinator): 協働の事例, 募集, お知らせ. Plain text with paragraphs;
 * links are made clickable when shown. Public once published and its publish date has come.
 */
export const newsPosts = pgTable(
  'news_posts',
  {
    id: id(),
    municipalityId: tenant(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** case | call | notice (協働の事例 / 募集 / お知らせ; codes in domain.ts) */
    category: text('category').notNull(),
    /** draft | published (下書き / 公開) */
    status: text('status').notNull().default('draft'),
    /** 掲載日: the post is public from this moment (a day in Japan, 00:00 JST). */
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('news_posts_published_idx').on(t.municipalityId, t.status, t.publishedAt)],
)

/** One item of a newsletter issue, as it was when the issue was composed (the archive keeps it). */
export interface IssueItem {
  kind: 'news' | 'event' | 'need'
  id: string
  title: string
  /** One or two lines: the date, the place, the department. */
  meta: string
  summary: string
  href: string
}

/**
 * ニューズレター: an issue composed from recent news, upcoming events and open public needs; a
 * draft until sent, then a public archive page.
 */
export const newsletterIssues = pgTable(
  'newsletter_issues',
  {
    id: id(),
    municipalityId: tenant(),
    title: text('title').notNull(),
    intro: text('intro').notNull().default(''),
    items: jsonb('items').$type<IssueItem[]>().notNull().default([]),
    /** draft | sent */
    status: text('status').notNull().default('draft'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    recipientCount: integer('recipient_count').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('newsletter_issues_sent_idx').on(t.municipalityId, t.status, t.sentAt)],
)

/**
 * Subscribers of the newsletter. Personal data (the e-mail address) — purpose: to send the
 * newsletter; seen by the coordinator and administrators only; removed when the person
 * unsubscribes, and unconfirmed requests after NEWSLETTER_PENDING_DAYS (the news.purge job).
 * Only hashes of the confirmation token are kept.
 */
export const newsletterSubscribers = pgTable(
  'newsletter_subscribers',
  {
    id: id(),
    municipalityId: tenant(),
    email: text('email').notNull(),
    /** Set when a signed-in person subscribed with the address of their account. */
    userId: uuid('user_id'),
    /** pending | confirmed */
    status: text('status').notNull().default('pending'),
    /** SHA-256 of the token mailed for the confirmation (double opt-in); '' once confirmed. */
    confirmTokenHash: text('confirm_token_hash').notNull().default(''),
    confirmSentAt: timestamp('confirm_sent_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('newsletter_subscribers_email_uq').on(t.municipalityId, t.email)],
)

/**
 * One mail with an unsubscribe link (an issue, or the welcome mail when issue_id is null): the
 * link names this row and carries a token whose SHA-256 is kept here. The row stays when the
 * subscriber leaves (subscriber_id is cleared with the address).
 */
export const newsletterDeliveries = pgTable(
  'newsletter_deliveries',
  {
    id: id(),
    municipalityId: tenant(),
    issueId: uuid('issue_id'),
    subscriberId: uuid('subscriber_id'),
    unsubscribeTokenHash: text('unsubscribe_token_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('newsletter_deliveries_issue_idx').on(t.municipalityId, t.issueId),
    index('newsletter_deliveries_subscriber_idx').on(t.municipalityId, t.subscriberId),
  ],
)

/** 庁内通知: a notice from the coordinator to every member of staff, delivered as personal notices. */
export const staffNotices = pgTable(
  'staff_notices',
  {
    id: id(),
    municipalityId: tenant(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** A page the notice points to (an event, a call), optional. */
    link: text('link').notNull().default(''),
    recipientCount: integer('recipient_count').notNull().default(0),
    mailedCount: integer('mailed_count').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('staff_notices_created_idx').on(t.municipalityId, t.createdAt)],
)
