import {
  ChoiceGroup,
  DateField,
  ErrorSummary,
  Form,
  Submit,
  TextArea,
  TextField,
  type Values,
} from '../../core/ui/form.tsx'
import { Badge, Pagination } from '../../core/ui/parts.tsx'
import type { FieldErrors } from '../../core/validation.ts'
import { NEWS_CATEGORIES, NEWS_STATUSES, linkify, paragraphs } from './domain.ts'
import type { IssueItem } from './schema.ts'
import type { Issue, NewsPost, StaffNotice, Subscriber } from './service.ts'

const opts = (l: readonly { code: string; label: string }[]) =>
  l.map((x) => ({ value: x.code, label: x.label }))
const catLabel = (c: string) => NEWS_CATEGORIES.find((x) => x.code === c)?.label ?? c

/** Plain text as paragraphs; http(s) addresses become links, everything else is escaped text. */
export function RichText({ text }: { text: string }) {
  return (
    <div class="prose">
      {paragraphs(text).map((lines) => (
        <p>
          {lines.map((l, i) => (
            <>
              {i ? <br /> : null}
              {linkify(l).map((s) =>
                'href' in s ? (
                  <a href={s.href} rel="noopener noreferrer nofollow">
                    {s.text}
                  </a>
                ) : (
                  s.text
                ),
              )}
            </>
          ))}
        </p>
      ))}
    </div>
  )
}

export interface PostView extends NewsPost {
  dateLabel: string
}

function CategoryBadge({ c }: { c: string }) {
  const tone = ({ case: 'green', call: 'orange', notice: 'blue' } as const)[c as 'case']
  return <Badge tone={tone ?? 'gray'}>{catLabel(c)}</Badge>
}

function DraftBadge({ p }: { p: Pick<NewsPost, 'status' | 'publishedAt'> }) {
  if (p.status === 'draft') return <Badge tone="gray">下書き</Badge>
  if (p.publishedAt.getTime() > Date.now()) return <Badge tone="gray">掲載日前</Badge>
  return null
}

export function NewsList(p: {
  items: PostView[]
  total: number
  byCategory: Map<string, number>
  category: string
  page: number
  perPage: number
  canCreate: boolean
}) {
  const q = new URLSearchParams(p.category ? { category: p.category } : {})
  return (
    <section>
      <h1>ニュース</h1>
      <p class="lead">協働の事例、団体・事業の募集、市民協働推進課からのお知らせです。</p>
      <ul class="actions">
        <li>
          <a href="/news.atom">Atomフィードで購読する</a>
        </li>
        <li>
          <a href="/newsletter">ニューズレター（メールでお届け）</a>
        </li>
        {p.canCreate ? (
          <li>
            <a href="/news/new" class="button">
              ニュースを書く
            </a>
          </li>
        ) : null}
      </ul>
      <nav aria-label="分類で絞り込む">
        <ul class="actions">
          <li>
            <a href="/news" aria-current={p.category ? undefined : 'page'}>
              すべて（{[...p.byCategory.values()].reduce((a, b) => a + b, 0)}）
            </a>
          </li>
          {NEWS_CATEGORIES.map((c) => (
            <li>
              <a href={`/news?category=${c.code}`} aria-current={p.category === c.code ? 'page' : undefined}>
                {c.label}（{p.byCategory.get(c.code) ?? 0}）
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p role="status">{p.total}件のニュース</p>
      {p.items.length ? (
        <ul class="cards">
          {p.items.map((x) => (
            <li class="card">
              <h2 class="card__title">
                <a href={`/news/${x.id}`}>{x.title}</a>
              </h2>
              <p class="small">
                <CategoryBadge c={x.category} /> <DraftBadge p={x} /> <time>{x.dateLabel}</time>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>この分類のニュースはまだありません。</p>
      )}
      <Pagination page={p.page} perPage={p.perPage} total={p.total} baseQuery={q} />
    </section>
  )
}

export function NewsDetail({ p, canEdit }: { p: PostView; canEdit: boolean }) {
  return (
    <article>
      <h1>{p.title}</h1>
      <p class="small">
        <CategoryBadge c={p.category} /> <DraftBadge p={p} /> 掲載日：<time>{p.dateLabel}</time>
      </p>
      {canEdit ? (
        <ul class="actions">
          <li>
            <a href={`/news/${p.id}/edit`}>編集する</a>
          </li>
        </ul>
      ) : null}
      <RichText text={p.body} />
      <p>
        <a href="/news">ニュースの一覧へ</a>
      </p>
    </article>
  )
}

const NEWS_LABELS = {
  title: 'タイトル',
  body: '本文',
  category: '分類',
  publishedOn: '掲載日',
  status: '状態',
}

export function NewsForm(p: { action: string; csrf: string; values: Values; errors?: FieldErrors }) {
  return (
    <>
      <ErrorSummary errors={p.errors} labels={NEWS_LABELS} />
      <Form action={p.action} csrf={p.csrf}>
        <TextField
          name="title"
          label="タイトル"
          required
          maxlength={120}
          values={p.values}
          errors={p.errors}
        />
        <ChoiceGroup
          name="category"
          label="分類"
          required
          options={opts(NEWS_CATEGORIES)}
          values={p.values}
          errors={p.errors}
        />
        <TextArea
          name="body"
          label="本文"
          required
          rows={12}
          help="空行で段落を分けます。https:// で始まるURLはリンクになります。HTMLは使えません。"
          values={p.values}
          errors={p.errors}
        />
        <DateField
          name="publishedOn"
          label="掲載日"
          required
          help="この日（日本時間）から公開されます。未来の日付にすると、その日まで表示されません。"
          values={p.values}
          errors={p.errors}
        />
        <ChoiceGroup
          name="status"
          label="状態"
          required
          options={opts(NEWS_STATUSES)}
          values={p.values}
          errors={p.errors}
        />
        <Submit label="保存する" />
      </Form>
    </>
  )
}

// ------------------------------------------------------------------ newsletter

export interface IssueView extends Issue {
  dateLabel: string
}

export function SubscribeForm(p: { csrf: string; values: Values; errors?: FieldErrors }) {
  return (
    <Form action="/newsletter/subscribe" csrf={p.csrf}>
      <TextField
        name="email"
        type="email"
        label="メールアドレス"
        required
        autocomplete="email"
        help="確認のメールをお送りします。メールのURLを開いて確定すると、購読が始まります。"
        values={p.values}
        errors={p.errors}
      />
      <Submit label="購読を申し込む" />
    </Form>
  )
}

export function NewsletterIndex(p: {
  sent: IssueView[]
  drafts: IssueView[]
  canCompose: boolean
  subscriberCount: number | null
  account: { email: string; subscribed: boolean } | null
  csrf: string
  values: Values
  errors?: FieldErrors
}) {
  return (
    <section>
      <h1>ニューズレター</h1>
      <p class="lead">
        協働のニュース、イベントの案内、協働の相手を探している市の事業（協働ニーズ）を、メールでお届けします。これまでの号はこのページで読めます。
      </p>
      {p.canCompose ? (
        <div class="panel">
          <h2>作成・送信（コーディネーター）</h2>
          <ul class="actions">
            <li>
              <a href="/newsletter/issues/new" class="button">
                新しい号をつくる
              </a>
            </li>
            <li>
              <a href="/newsletter/subscribers">購読者（確定 {p.subscriberCount ?? 0}人）</a>
            </li>
          </ul>
          {p.drafts.length ? (
            <>
              <h3>下書き</h3>
              <ul class="link-list">
                {p.drafts.map((i) => (
                  <li>
                    <a href={`/newsletter/${i.id}`}>{i.title}</a>（{i.dateLabel} 作成、プレビュー・送信）
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <h2>購読する</h2>
      {p.account ? (
        p.account.subscribed ? (
          <Form action="/newsletter/account" csrf={p.csrf}>
            <p>アカウントのメールアドレス（{p.account.email}）で購読しています。</p>
            <input type="hidden" name="subscribe" value="no" />
            <Submit label="購読をやめる" secondary />
          </Form>
        ) : (
          <Form action="/newsletter/account" csrf={p.csrf}>
            <p>
              アカウントのメールアドレス（{p.account.email}）に、確認メールなしですぐに購読を登録できます。
            </p>
            <input type="hidden" name="subscribe" value="yes" />
            <Submit label="アカウントのアドレスで購読する" />
          </Form>
        )
      ) : null}
      {p.account ? <h3>別のアドレスで購読する</h3> : null}
      <ErrorSummary errors={p.errors} labels={{ email: 'メールアドレス' }} />
      <SubscribeForm csrf={p.csrf} values={p.values} errors={p.errors} />
      <p class="small">
        メールアドレスは、ニューズレターの送信にだけ使い、市民協働推進課のコーディネーターと管理者だけが見られます。配信はどのメールの末尾のURLからでも停止でき、停止するとアドレスを消去します。
      </p>
      <h2>これまでの号</h2>
      {p.sent.length ? (
        <ul class="link-list">
          {p.sent.map((i) => (
            <li>
              <a href={`/newsletter/${i.id}`}>{i.title}</a>（{i.dateLabel} 発行）
            </li>
          ))}
        </ul>
      ) : (
        <p>まだ発行した号はありません。</p>
      )}
    </section>
  )
}

export function IssueBody({
  i,
}: {
  i: { intro: string; sections: { heading: string; items: IssueItem[] }[] }
}) {
  return (
    <>
      <RichText text={i.intro} />
      {i.sections.map((s) => (
        <section>
          <h2>{s.heading}</h2>
          <ul class="cards">
            {s.items.map((x) => (
              <li class="card">
                <h3 class="card__title">
                  <a href={x.href}>{x.title}</a>
                </h3>
                {x.meta ? <p class="small muted">{x.meta}</p> : null}
                {x.summary ? <p>{x.summary}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

export function IssuePage(p: {
  i: IssueView & { sections: { heading: string; items: IssueItem[] }[] }
  preview: { recipients: number } | null
  csrf: string
}) {
  const { i } = p
  return (
    <article>
      {p.preview ? (
        <div class="notice notice--warning" role="status">
          <p>
            これは送信前のプレビューです。送信すると、確定した購読者 {p.preview.recipients}
            人に1通ずつメールを送り、この号を公開のバックナンバーにします。送信は取り消せません。
          </p>
          <ul class="actions">
            <li>
              <a href={`/newsletter/issues/${i.id}/edit`}>編集する</a>
            </li>
          </ul>
          <Form action={`/newsletter/issues/${i.id}/send`} csrf={p.csrf}>
            <Submit label={`${p.preview.recipients}人に送信する`} />
          </Form>
        </div>
      ) : null}
      <p class="small muted">
        協働ニューズレター{i.status === 'sent' ? `・${i.dateLabel} 発行` : '（下書き）'}
      </p>
      <h1>{i.title}</h1>
      <IssueBody i={i} />
      <p>
        <a href="/newsletter">ニューズレターの購読・バックナンバーへ</a>
      </p>
    </article>
  )
}

const ISSUE_LABELS = {
  title: '号のタイトル',
  intro: 'はじめのことば',
  newsIds: 'ニュース',
  eventIds: 'イベント',
  needIds: '協働ニーズ',
}

export function IssueForm(p: {
  action: string
  csrf: string
  candidates: Record<IssueItem['kind'], IssueItem[]>
  values: Values
  errors?: FieldErrors
}) {
  const group = (name: string, label: string, list: IssueItem[], empty: string) =>
    list.length ? (
      <ChoiceGroup
        name={name}
        label={label}
        multiple
        options={list.map((x) => ({ value: x.id, label: `${x.title}（${x.meta}）` }))}
        values={p.values}
        errors={p.errors}
      />
    ) : (
      <p>
        {label}：{empty}
      </p>
    )
  return (
    <>
      <ErrorSummary errors={p.errors} labels={ISSUE_LABELS} />
      <Form action={p.action} csrf={p.csrf}>
        <TextField
          name="title"
          label="号のタイトル"
          required
          maxlength={120}
          values={p.values}
          errors={p.errors}
          help="例：2026年7月号"
        />
        <TextArea
          name="intro"
          label="はじめのことば"
          required
          rows={6}
          help="号の冒頭に載せる文章です。空行で段落を分けます。"
          values={p.values}
          errors={p.errors}
        />
        {group('newsIds', 'ニュース（最近60日）', p.candidates.news, '最近のニュースはありません')}
        {group('eventIds', 'これからのイベント', p.candidates.event, '公開中のイベントはありません')}
        {group('needIds', '募集中の協働ニーズ（公開）', p.candidates.need, '募集中の協働ニーズはありません')}
        <p class="small">保存すると、送信前のプレビューを表示します。</p>
        <Submit label="保存してプレビュー" />
      </Form>
    </>
  )
}

export function ConfirmPage(p: { id: string; token: string; csrf: string }) {
  return (
    <section class="narrow">
      <h1>ニューズレター購読の確定</h1>
      <p>下のボタンを押すと購読が確定し、次の号からメールでお届けします。</p>
      <Form action={`/newsletter/confirm/${p.id}`} csrf={p.csrf}>
        <input type="hidden" name="token" value={p.token} />
        <Submit label="購読を確定する" />
      </Form>
    </section>
  )
}

export function UnsubscribePage(p: { id: string; token: string; csrf: string; active: boolean }) {
  return (
    <section class="narrow">
      <h1>ニューズレターの配信停止</h1>
      {p.active ? (
        <>
          <p>下のボタンを押すと配信を停止し、メールアドレスを消去します。</p>
          <Form action={`/newsletter/unsubscribe/${p.id}`} csrf={p.csrf}>
            <input type="hidden" name="token" value={p.token} />
            <Submit label="配信を停止する" />
          </Form>
        </>
      ) : (
        <p>
          配信はすでに停止しています。再開するには、<a href="/newsletter">ニューズレターのページ</a>
          からお申し込みください。
        </p>
      )}
    </section>
  )
}

export function SubscribersPage(p: { confirmed: (Subscriber & { dateLabel: string })[]; pending: number }) {
  return (
    <section>
      <h1>ニューズレターの購読者</h1>
      <p>
        確定した購読者：{p.confirmed.length}人（確認待ち：{p.pending}件、確認待ちは
        {7}日後に消去）
      </p>
      <p class="small">
        購読者のメールアドレスは個人情報です。ニューズレターの送信以外に使わず、この画面を外部に共有しないでください。
      </p>
      {p.confirmed.length ? (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">確定した購読者</caption>
            <thead>
              <tr>
                <th scope="col">メールアドレス</th>
                <th scope="col">登録</th>
                <th scope="col">確定日</th>
              </tr>
            </thead>
            <tbody>
              {p.confirmed.map((s) => (
                <tr>
                  <td>{s.email}</td>
                  <td>{s.userId ? 'アカウント' : '確認メール'}</td>
                  <td>{s.dateLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>確定した購読者はまだいません。</p>
      )}
    </section>
  )
}

// ------------------------------------------------------------------ 庁内通知

export function StaffNoticesPage(p: { list: (StaffNotice & { dateLabel: string })[]; canSend: boolean }) {
  return (
    <section>
      <h1>庁内通知</h1>
      <p class="lead">
        市民協働推進課から全職員（各課の担当者）へのお知らせです。職員研修や募集の案内を届けます。
      </p>
      {p.canSend ? (
        <ul class="actions">
          <li>
            <a href="/staff-notices/new" class="button">
              庁内通知を送る
            </a>
          </li>
        </ul>
      ) : null}
      {p.list.length ? (
        <ul class="cards">
          {p.list.map((n) => (
            <li class="card">
              <h2 class="card__title">
                <a href={`/staff-notices/${n.id}`}>{n.title}</a>
              </h2>
              <p class="small">
                {n.dateLabel}・{n.recipientCount}人に送信（メール {n.mailedCount}通）
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>まだ庁内通知はありません。</p>
      )}
    </section>
  )
}

export function StaffNoticeDetail({ n }: { n: StaffNotice & { dateLabel: string } }) {
  return (
    <article>
      <h1>{n.title}</h1>
      <p class="small">
        庁内通知・{n.dateLabel}・{n.recipientCount}人に送信
      </p>
      <RichText text={n.body} />
      {n.link ? (
        <p>
          関連ページ：<a href={n.link}>{n.link}</a>
        </p>
      ) : null}
      <p>
        <a href="/staff-notices">庁内通知の一覧へ</a>
      </p>
    </article>
  )
}

export function StaffNoticeForm(p: {
  csrf: string
  values: Values
  errors?: FieldErrors
  staffCount: number
}) {
  return (
    <>
      <ErrorSummary errors={p.errors} labels={{ title: '件名', body: '本文', link: '関連ページ' }} />
      <p>
        各課に所属する職員 {p.staffCount}
        人全員に、ポータルのお知らせとして届きます（お知らせのメールを受け取る設定の人にはメールも届きます）。
      </p>
      <Form action="/staff-notices" csrf={p.csrf}>
        <TextField name="title" label="件名" required maxlength={120} values={p.values} errors={p.errors} />
        <TextArea name="body" label="本文" required rows={8} values={p.values} errors={p.errors} />
        <TextField
          name="link"
          label="関連ページ"
          help="このサイトのパス（例：/events/…）か、https:// で始まるURL"
          values={p.values}
          errors={p.errors}
        />
        <Submit label="全職員に送る" />
      </Form>
    </>
  )
}
