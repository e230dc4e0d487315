import type { Actor } from '../../core/actor.ts'
import { type ActionsOf, anyone, coordinator, type Rules, signedIn } from '../../core/policy.ts'
import { isCityStaff } from '../../core/roles.ts'

type A = Actor | null
const coord = (a: A) => !!a && (a.isCoordinator || a.isAdmin)

export const rules = {
  /** News posts: written by the coordinator (and administrators). */
  'news.create': coordinator,
  'news.edit': (a: A, _p: { id: string }) => coord(a),
  /** Drafts and posts dated in the future: the coordinator only; published ones: anyone. */
  'news.view': (a: A, p: { status: string; publishedAt: Date }) =>
    coord(a) || (p?.status === 'published' && p.publishedAt.getTime() <= Date.now()),
  /** Composing, previewing and sending issues of the newsletter. */
  'newsletter.compose': coordinator,
  /** Sent issues are a public archive; drafts are previews for the coordinator. */
  'newsletter.view': (a: A, i: { status: string }) => coord(a) || i?.status === 'sent',
  /** Anyone may ask to subscribe (double opt-in by mail) and leave with the link of a mail. */
  'newsletter.subscribe': anyone,
  /** A signed-in person subscribes with the address of their account (or stops). */
  'newsletter.account': signedIn,
  /** Subscribers' addresses are personal data: the coordinator and administrators only. */
  'newsletter.subscribers': coordinator,
  /** 庁内通知: sent by the coordinator to all staff; read by city staff and the coordinator. */
  'staffNotice.send': coordinator,
  'staffNotice.view': (a: A) => coord(a) || isCityStaff(a),
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
