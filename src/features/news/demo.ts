import { randomToken, sha256 } from '../../core/auth/crypto.ts'
import type { DemoEnv } from '../../core/demo.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { jstDay } from './domain.ts'
import { newsletterDeliveries, newsletterIssues, newsletterSubscribers, newsPosts } from './schema.ts'
import { issueCandidates } from './service.ts'

const DAY = 86_400_000
const day = (offset: number) => jstDay(ymdInTokyo(new Date(Date.now() + offset * DAY)))

/**
 * News of the demo city (order 50, after events): a 協働の事例, a 募集, an お知らせ and a draft;
 * one newsletter issue sent three weeks ago to three confirmed subscribers (one more is waiting
 * for the confirmation). No mails are put in the outbox.
 */
export async function newsDemo(env: DemoEnv) {
  const { ctx } = env
  const base = { municipalityId: ctx.tenantId, createdBy: env.users.coordinator }
  await ctx.db.insert(newsPosts).values([
    {
      ...base,
      category: 'case',
      status: 'published',
      publishedAt: day(-40),
      title: '見守りネットワークと高齢者支援課の協働で「見守りサロン」が10か所に',
      body: `市内の見守り活動団体と高齢者支援課が、協働ニーズをきっかけに昨年度から進めてきた「見守りサロン」が、市内10か所に広がりました。

団体は地域の担い手と運営を、課は会場の調整と広報を受け持ち、月に一度の連絡会で課題を共有しています。

取り組みの詳しい記録は、協働のてびきの事例集でも紹介しています。
https://www.example.jp/kyodo/cases/mimamori`,
    },
    {
      ...base,
      category: 'call',
      status: 'published',
      publishedAt: day(-10),
      title: '分野別発表会＆交流会の発表団体を募集します',
      body: `「地域の見守りと居場所づくり」をテーマに、分野別発表会＆交流会を開きます。活動を発表してくださる団体を募集します（5団体程度）。

発表は1団体10分です。申込はイベントのページからどうぞ。説明担当課として高齢者支援課も参加します。`,
    },
    {
      ...base,
      category: 'notice',
      status: 'published',
      publishedAt: day(-3),
      title: '協働ポータルにニューズレターができました',
      body: `協働のニュース、イベント、協働ニーズを月に一度メールでお届けするニューズレターを始めました。

メールアドレスを登録し、確認のメールのURLを開くと購読が始まります。配信はいつでも停止できます。`,
    },
    {
      ...base,
      category: 'notice',
      status: 'draft',
      publishedAt: day(5),
      title: '（下書き）年末年始の窓口のご案内',
      body: '市民協働推進課の窓口は、12月29日から1月3日まで休みます。',
    },
  ])

  const subs = await ctx.db
    .insert(newsletterSubscribers)
    .values([
      ...['yamada.taro@demo.example', 'kodomo.shokudo@demo.example', 'bousai.team@demo.example'].map(
        (email, i) => ({
          municipalityId: ctx.tenantId,
          email,
          status: 'confirmed',
          confirmedAt: new Date(Date.now() - (60 - i * 10) * DAY),
          createdAt: new Date(Date.now() - (60 - i * 10) * DAY),
        }),
      ),
      {
        municipalityId: ctx.tenantId,
        email: 'pending.reader@demo.example',
        status: 'pending',
        confirmTokenHash: sha256(randomToken()),
        confirmSentAt: new Date(),
      },
    ])
    .returning()

  const c = await issueCandidates(ctx)
  const items = [...c.news.slice(0, 2), ...c.event.slice(0, 2), ...c.need.slice(0, 2)]
  const sentAt = new Date(Date.now() - 2 * DAY)
  const [issue] = await ctx.db
    .insert(newsletterIssues)
    .values({
      ...base,
      title: '協働ニューズレター 創刊号',
      intro: `協働ポータルのニューズレター創刊号です。

見守りサロンの広がり、発表会の発表団体の募集、そして団体のみなさんの力を借りたい市の事業（協働ニーズ）をお届けします。`,
      items,
      status: 'sent',
      sentAt,
      recipientCount: subs.filter((s) => s.status === 'confirmed').length,
      createdAt: sentAt,
    })
    .returning()
  await ctx.db.insert(newsletterDeliveries).values(
    subs
      .filter((s) => s.status === 'confirmed')
      .map((s) => ({
        municipalityId: ctx.tenantId,
        issueId: issue.id,
        subscriberId: s.id,
        unsubscribeTokenHash: sha256(randomToken()),
      })),
  )
}
