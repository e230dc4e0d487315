import { navEntries } from '../../core/feature.ts'
import { Hono } from 'hono'
import { fieldsRoutes } from './fields.tsx'
import type { Context } from 'hono'
import type { AppEnv, Ctx } from '../../core/context.ts'
import * as auth from '../../core/auth/service.ts'
import { csvResponse, toCsv } from '../../core/csv.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { confirmFirst } from '../../core/http/confirm.tsx'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { fiscalYearLabel, formatDate, formatDateTime, ymdInTokyo } from '../../core/japanese/index.ts'
import { can } from '../../core/policy.ts'
import {
  Checkbox,
  ChoiceGroup,
  DateField,
  ErrorSummary,
  Form,
  Select,
  Submit,
  TextField,
} from '../../core/ui/form.tsx'
import { Badge, Notice, Pagination, paging } from '../../core/ui/parts.tsx'
import { collectDateParts, type FieldErrors, validate } from '../../core/validation.ts'
import {
  FISCAL_YEAR_STATUS_LABELS,
  FISCAL_YEAR_STATUSES,
  type FiscalYearStatus,
  PREFECTURES,
} from '../organisation/index.ts'
import { org } from '../organisation/index.ts'
import {
  auditFilterForm,
  fiscalYearStatusForm,
  INVITE_ROLES,
  invitationForm,
  municipalityForm,
  rolesForm,
} from './forms.ts'
import { invite } from './invitations.ts'
import * as svc from './service.ts'
import { actionLabel, entityLabel, sentences } from './audit-text.ts'
import { adminCrumbs } from './views.tsx'

/** The administration room: dashboard, settings, fiscal years, users, invitations, outbox, audit log. */
export const adminRoutes = new Hono<AppEnv>()

type Values = Record<string, unknown>
const opts = (label: string, status?: 200 | 422) => ({
  section: 'admin',
  crumbs: adminCrumbs({ label }),
  status,
})
const sub = (parent: string, href: string, label: string, status?: 200 | 422) => ({
  section: 'admin',
  crumbs: adminCrumbs({ label: parent, href }, { label }),
  status,
})

// ---------------------------------------------------------------- dashboard

const ADMIN_PAGES = [
  {
    href: '/admin/municipality',
    title: '自治体の設定',
    text: '自治体名、全国地方公共団体コード、協働の窓口の連絡先。',
  },
  {
    href: '/admin/fields',
    title: '活動分野の一覧',
    text: '団体やニーズで使う活動分野（初期値はNPO法の20分野）の名称変更・追加・削除。',
  },
  {
    href: '/admin/departments',
    title: '部署の管理',
    text: '部・課の登録と所掌事務、CSVでの取り込みと出力。',
  },
  {
    href: '/admin/fiscal-years',
    title: '年度の管理',
    text: '年度の追加と、準備中・実施中・締め済みの切り替え。',
  },
  { href: '/admin/areas', title: '地区の管理', text: '団体の活動地区などに使う地区の一覧と取り込み。' },
  { href: '/admin/users', title: '利用者の管理', text: '利用者の検索、役割と所属部署、利用停止。' },
  {
    href: '/admin/outbox',
    title: '送信メール',
    text: 'システムが送ったメール（SMTP未設定のときはここで読みます）。',
  },
  {
    href: '/admin/audit',
    title: '操作記録（監査ログ）',
    text: 'だれが・いつ・何を変えたかの記録と、CSVでの出力。',
  },
]

adminRoutes.get('/admin', async (c) => {
  const ctx = await authorize(c, 'admin.view')
  const a = ctx.actor!
  const pages = [
    ...(can(a, 'organisation.manage') ? ADMIN_PAGES.slice(0, 5) : []),
    ...(can(a, 'users.manage') ? ADMIN_PAGES.slice(5, 6) : []),
    ...(can(a, 'invite.create', { role: 'staff' })
      ? [
          {
            href: '/admin/invitations',
            title: '招待',
            text: a.isAdmin
              ? '職員・コーディネーター・審査委員・管理者をメールで招待します。'
              : '担当課職員と審査委員をメールで招待します。',
          },
        ]
      : []),
    ...(can(a, 'outbox.read') ? ADMIN_PAGES.slice(6, 7) : []),
    ...(can(a, 'audit.read') ? ADMIN_PAGES.slice(7, 8) : []),
    ...navEntries('admin', a).map((n) => ({ href: n.href, title: n.label, text: n.description ?? '' })),
    { href: '/departments', title: '部署案内（公開ページ）', text: '市民向けの部署と所掌事務の一覧。' },
  ]
  return render(
    c,
    '管理メニュー',
    <section>
      <h1>管理メニュー</h1>
      <ul class="cards">
        {pages.map((p) => (
          <li class="card">
            <h2 class="card__title">
              <a href={p.href}>{p.title}</a>
            </h2>
            <p>{p.text}</p>
          </li>
        ))}
      </ul>
    </section>,
    { section: 'admin', crumbs: [{ label: '管理' }] },
  )
})

// ---------------------------------------------------------------- municipality

function MunicipalityForm(p: { csrf: string; values: Values; errors?: FieldErrors }) {
  return (
    <>
      <ErrorSummary errors={p.errors} />
      <Form action="/admin/municipality" csrf={p.csrf}>
        <TextField name="name" label="自治体名" required maxlength={50} values={p.values} errors={p.errors} />
        <TextField
          name="nameKana"
          label="自治体名のフリガナ"
          required
          help="カタカナ（ひらがなも可）"
          values={p.values}
          errors={p.errors}
        />
        <TextField
          name="code"
          label="全国地方公共団体コード"
          required
          help="検査数字を含む半角数字6桁（例：武蔵野市は132039）"
          inputmode="numeric"
          maxlength={6}
          size="short"
          values={p.values}
          errors={p.errors}
        />
        <Select
          name="prefecture"
          label="都道府県"
          required
          empty="選んでください"
          options={PREFECTURES.map((x) => ({ value: x, label: x }))}
          values={p.values}
          errors={p.errors}
        />
        <fieldset class="fieldset">
          <legend class="field__label">協働の窓口</legend>
          <TextField
            name="officeName"
            label="窓口（担当課）の名前"
            required
            help="サイトの下部と問い合わせ先に表示します（例：市民協働推進課）"
            values={p.values}
            errors={p.errors}
          />
          <TextField
            name="officePhone"
            label="窓口の電話番号"
            type="tel"
            autocomplete="tel"
            values={p.values}
            errors={p.errors}
          />
          <TextField
            name="officeEmail"
            label="窓口のメールアドレス"
            type="email"
            autocomplete="email"
            values={p.values}
            errors={p.errors}
          />
        </fieldset>
        <Submit label="保存する" />
      </Form>
    </>
  )
}

adminRoutes.get('/admin/municipality', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  return render(
    c,
    '自治体の設定',
    <section>
      <h1>自治体の設定</h1>
      <MunicipalityForm csrf={c.get('csrfToken')} values={ctx.municipality as unknown as Values} />
    </section>,
    opts('自治体の設定'),
  )
})

adminRoutes.post('/admin/municipality', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const body = await formBody(c)
  const parsed = validate(municipalityForm, body)
  let errors = parsed.ok ? null : parsed.errors
  if (parsed.ok) {
    try {
      await org.updateMunicipality(ctx, parsed.data)
      setFlash(c, '自治体の設定を保存しました。')
      return c.redirect('/admin/municipality', 303)
    } catch (e) {
      if (!(e instanceof AppError && e.fields)) throw e
      errors = e.fields
    }
  }
  return render(
    c,
    '自治体の設定',
    <section>
      <h1>自治体の設定</h1>
      <MunicipalityForm csrf={c.get('csrfToken')} values={body} errors={errors ?? {}} />
    </section>,
    opts('自治体の設定', 422),
  )
})

// ---------------------------------------------------------------- fiscal years

const STATUS_TONE: Record<FiscalYearStatus, 'gray' | 'green' | 'blue'> = {
  planning: 'blue',
  open: 'green',
  closed: 'gray',
}

adminRoutes.get('/admin/fiscal-years', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const list = await org.listFiscalYears(ctx)
  const csrf = c.get('csrfToken')
  return render(
    c,
    '年度の管理',
    <section>
      <h1>年度の管理</h1>
      <p>年度は4月1日から翌年3月31日までです。事業・予算・調査は年度ごとにまとめられます。</p>
      <Form action="/admin/fiscal-years" csrf={csrf}>
        <Submit label="次の年度を追加する" />
      </Form>
      <div class="table-wrap">
        <table class="table table--stack">
          <caption>年度一覧（新しい順）</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">期間</th>
              <th scope="col">状態</th>
              <th scope="col">状態の変更</th>
            </tr>
          </thead>
          <tbody>
            {list.map((f) => (
              <tr>
                <th scope="row">{fiscalYearLabel(f.year)}</th>
                <td data-label="期間">
                  {formatDate(f.startsOn)}〜{formatDate(f.endsOn)}
                </td>
                <td data-label="状態">
                  <Badge tone={STATUS_TONE[f.status as FiscalYearStatus] ?? 'gray'}>
                    {FISCAL_YEAR_STATUS_LABELS[f.status as FiscalYearStatus] ?? f.status}
                  </Badge>
                </td>
                <td data-label="状態の変更">
                  <ul class="button-row button-row--tight">
                    {FISCAL_YEAR_STATUSES.filter((x) => x !== f.status).map((s) => (
                      <li>
                        <form method="post" action={`/admin/fiscal-years/${f.id}/status`} class="inline-form">
                          <input type="hidden" name="_csrf" value={csrf} />
                          <input type="hidden" name="status" value={s} />
                          <button type="submit" class="button button--secondary button--small">
                            「{FISCAL_YEAR_STATUS_LABELS[s]}」にする
                            <span class="visually-hidden">（{fiscalYearLabel(f.year)}）</span>
                          </button>
                        </form>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>,
    opts('年度の管理'),
  )
})

adminRoutes.post('/admin/fiscal-years', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const row = await org.addNextFiscalYear(ctx)
  setFlash(c, `${fiscalYearLabel(row.year)}を追加しました。`)
  return c.redirect('/admin/fiscal-years', 303)
})

adminRoutes.post('/admin/fiscal-years/:id/status', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const id = c.req.param('id')
  if (!isUuid(id)) throw notFound('年度')
  const body = await formBody(c)
  const parsed = validate(fiscalYearStatusForm, body)
  const fy = (await org.listFiscalYears(ctx)).find((x) => x.id === id)
  if (!fy) throw notFound('年度')
  if (!parsed.ok) {
    setFlash(c, '年度の状態は「準備中」「実施中」「締め済み」のボタンから選んでください。')
    return c.redirect('/admin/fiscal-years', 303)
  }
  const ask = await confirmFirst(c, body, {
    title: '年度の状態の変更の確認',
    message: `${fiscalYearLabel(fy.year)}の状態を「${FISCAL_YEAR_STATUS_LABELS[fy.status as FiscalYearStatus] ?? fy.status}」から「${FISCAL_YEAR_STATUS_LABELS[parsed.data.status]}」に変更します。よろしいですか。`,
    back: '/admin/fiscal-years',
    section: 'admin',
    crumbs: adminCrumbs({ label: '年度の管理', href: '/admin/fiscal-years' }, { label: '状態の変更の確認' }),
  })
  if (ask) return ask
  const row = await org.setFiscalYearStatus(ctx, id, parsed.data.status)
  setFlash(
    c,
    `${fiscalYearLabel(row.year)}を「${FISCAL_YEAR_STATUS_LABELS[parsed.data.status]}」にしました。`,
  )
  return c.redirect('/admin/fiscal-years', 303)
})

// ---------------------------------------------------------------- users

const roleFilterOptions = svc.USER_ROLE_FILTERS.map((r) => ({
  value: r,
  label: svc.USER_ROLE_FILTER_LABELS[r],
}))

function roleBadges(u: svc.User) {
  return (
    <>
      {u.isAdmin ? <Badge tone="red">管理者</Badge> : null}
      {u.isCoordinator ? <Badge tone="blue">コーディネーター</Badge> : null}
      {u.isReviewer ? <Badge tone="orange">審査委員</Badge> : null}
      {u.disabledAt ? <Badge tone="gray">利用停止</Badge> : null}
    </>
  )
}

adminRoutes.get('/admin/users', async (c) => {
  const ctx = await authorize(c, 'users.manage')
  const q = (c.req.query('q') ?? '').slice(0, 100)
  const roleRaw = c.req.query('role') ?? ''
  const role = (svc.USER_ROLE_FILTERS as readonly string[]).includes(roleRaw)
    ? (roleRaw as svc.UserRoleFilter)
    : ''
  const { page, perPage, offset } = paging(c.req.query())
  const { items, total } = await svc.listUsers(ctx, { q, role, limit: perPage, offset })
  const base = new URLSearchParams()
  if (q) base.set('q', q)
  if (role) base.set('role', role)
  return render(
    c,
    '利用者の管理',
    <section>
      <h1>利用者の管理</h1>
      <p>
        新しい職員や審査委員は<a href="/admin/invitations">招待</a>で登録します。
      </p>
      <Form action="/admin/users" csrf="" method="get" class="form search-form">
        <TextField name="q" label="キーワード" help="氏名・フリガナ・メールアドレス" values={{ q }} />
        <Select name="role" label="役割" empty="すべて" options={roleFilterOptions} values={{ role }} />
        <Submit label="絞り込む" />
      </Form>
      <div class="table-wrap">
        <table class="table table--stack">
          <caption>利用者（{total.toLocaleString('ja-JP')}人）</caption>
          <thead>
            <tr>
              <th scope="col">氏名</th>
              <th scope="col">メールアドレス</th>
              <th scope="col">役割</th>
              <th scope="col">最終ログイン</th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/users/${u.id}`}>
                    {`${u.familyName} ${u.givenName}`.trim() || '（未設定）'}
                  </a>
                  <br />
                  <span class="small muted">{`${u.familyNameKana} ${u.givenNameKana}`.trim()}</span>
                </th>
                <td data-label="メールアドレス">{u.email}</td>
                <td data-label="役割">{roleBadges(u)}</td>
                <td data-label="最終ログイン">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length === 0 ? <p>条件に合う利用者はいません。</p> : null}
      <Pagination page={page} perPage={perPage} total={total} baseQuery={base} />
    </section>,
    opts('利用者の管理'),
  )
})

const userName = (u: { familyName: string; givenName: string; email: string }) =>
  `${u.familyName} ${u.givenName}`.trim() || u.email

async function userPage(c: Context<AppEnv>, ctx: Ctx, id: string, errors?: FieldErrors, status?: 422) {
  const found = await svc.getUserForAdmin(ctx, id)
  if (!found) throw notFound('利用者')
  const { user: u, memberships } = found
  const deps = await svc.activeDepartments(ctx)
  const csrf = c.get('csrfToken')
  const self = u.id === ctx.actor?.userId
  const name = `${u.familyName} ${u.givenName}`.trim() || u.email
  return render(
    c,
    `${name}（利用者）`,
    <section>
      <h1>{name}</h1>
      <ErrorSummary errors={errors} />
      <dl class="summary-list">
        <dt>フリガナ</dt>
        <dd>{`${u.familyNameKana} ${u.givenNameKana}`.trim() || '—'}</dd>
        <dt>メールアドレス</dt>
        <dd>{u.email}</dd>
        <dt>状態</dt>
        <dd>
          {u.disabledAt
            ? `利用停止（${formatDateTime(u.disabledAt)}）`
            : u.emailVerifiedAt
              ? '利用中'
              : 'メール未確認'}
        </dd>
        <dt>登録日時</dt>
        <dd>{formatDateTime(u.createdAt)}</dd>
        <dt>最終ログイン</dt>
        <dd>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : '—'}</dd>
      </dl>

      <h2>役割</h2>
      <Form action={`/admin/users/${u.id}/roles`} csrf={csrf}>
        <fieldset class="fieldset">
          <legend class="field__label">この利用者の役割</legend>
          <Checkbox
            name="isAdmin"
            label="システム管理者"
            help={self ? 'ご自身の管理者権限は外せません。' : undefined}
            values={u as unknown as Values}
            errors={errors}
          />
          <Checkbox name="isCoordinator" label="コーディネーター" values={u as unknown as Values} />
          <Checkbox name="isReviewer" label="審査委員" values={u as unknown as Values} />
        </fieldset>
        <Submit label="役割を保存する" />
      </Form>

      <h2>所属部署（担当課職員）</h2>
      {memberships.length ? (
        <ul class="link-list">
          {memberships.map((m) => (
            <li>
              {m.name}{' '}
              <form
                method="post"
                action={`/admin/users/${u.id}/departments/${m.departmentId}/remove`}
                class="inline-form"
              >
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit" class="button button--text">
                  外す<span class="visually-hidden">（{m.name}）</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>所属部署はありません。</p>
      )}
      <Form action={`/admin/users/${u.id}/departments`} csrf={csrf}>
        <Select
          name="departmentId"
          label="追加する所属部署"
          required
          empty="選んでください"
          options={deps
            .filter((d) => !memberships.some((m) => m.departmentId === d.id))
            .map((d) => ({ value: d.id, label: d.name }))}
          values={{}}
          errors={errors}
        />
        <Submit label="所属部署を追加する" secondary />
      </Form>

      <h2>利用停止</h2>
      {u.disabledAt ? (
        <Form action={`/admin/users/${u.id}/enable`} csrf={csrf}>
          <p>利用停止中です。再開すると、この利用者はまたログインできます。</p>
          <Submit label="利用を再開する" />
        </Form>
      ) : self ? (
        <p>ご自身のアカウントは利用停止にできません。</p>
      ) : (
        <Form action={`/admin/users/${u.id}/disable`} csrf={csrf}>
          <p>
            利用停止にすると、ログイン中のセッションもすべて終了し、ログインできなくなります。記録は残ります。
          </p>
          <button type="submit" class="button button--danger">
            利用停止にする
          </button>
        </Form>
      )}
      <p>
        <a href={`/admin/audit?entityType=user&entityId=${u.id}`}>この利用者に関する操作記録</a>
      </p>
    </section>,
    sub('利用者の管理', '/admin/users', name, status),
  )
}

const userId = (c: Context<AppEnv>) => {
  const id = c.req.param('id')
  if (!isUuid(id)) throw notFound('利用者')
  return id
}

adminRoutes.get('/admin/users/:id', async (c) => {
  const ctx = await authorize(c, 'users.manage')
  return userPage(c, ctx, userId(c))
})

adminRoutes.post('/admin/users/:id/roles', async (c) => {
  const ctx = await authorize(c, 'users.manage')
  const id = userId(c)
  const parsed = validate(rolesForm, await formBody(c))
  if (!parsed.ok) return userPage(c, ctx, id, parsed.errors, 422)
  try {
    await svc.setRoles(ctx, id, parsed.data)
  } catch (e) {
    if (e instanceof AppError && e.fields) return userPage(c, ctx, id, e.fields, 422)
    throw e
  }
  setFlash(c, '役割を保存しました。')
  return c.redirect(`/admin/users/${id}`, 303)
})

adminRoutes.post('/admin/users/:id/departments', async (c) => {
  const ctx = await authorize(c, 'users.manage')
  const id = userId(c)
  const body = await formBody(c)
  const depId = typeof body.departmentId === 'string' ? body.departmentId : ''
  if (!isUuid(depId))
    return userPage(c, ctx, id, { departmentId: '追加する所属部署を一覧から選んでください' }, 422)
  try {
    const d = await svc.addMembership(ctx, id, depId)
    setFlash(c, `所属部署「${d.name}」を追加しました。`)
  } catch (e) {
    if (e instanceof AppError && e.fields) return userPage(c, ctx, id, e.fields, 422)
    throw e
  }
  return c.redirect(`/admin/users/${id}`, 303)
})

adminRoutes.post('/admin/users/:id/departments/:departmentId/remove', async (c) => {
  const ctx = await authorize(c, 'users.manage')
  const id = userId(c)
  const depId = c.req.param('departmentId')
  if (!isUuid(depId)) throw notFound('所属')
  const found = await svc.getUserForAdmin(ctx, id)
  const m = found?.memberships.find((x) => x.departmentId === depId)
  if (!found || !m) throw notFound('所属')
  const ask = await confirmFirst(c, await formBody(c), {
    title: '所属部署を外す確認',
    message: `${userName(found.user)} さんを「${m.name}」から外します。よろしいですか。`,
    detail: 'この部署の協働ニーズやヒアリングは、担当課職員として扱えなくなります。あとで追加し直せます。',
    submit: '外す',
    danger: true,
    back: `/admin/users/${id}`,
    section: 'admin',
    crumbs: adminCrumbs({ label: '利用者の管理', href: '/admin/users' }, { label: '所属部署を外す確認' }),
  })
  if (ask) return ask
  await svc.removeMembership(ctx, id, depId)
  setFlash(c, '所属部署を外しました。')
  return c.redirect(`/admin/users/${id}`, 303)
})

for (const [verb, disabled] of [
  ['disable', true],
  ['enable', false],
] as const) {
  adminRoutes.post(`/admin/users/:id/${verb}`, async (c) => {
    const ctx = await authorize(c, 'users.manage')
    const id = userId(c)
    // Refusing oneself needs no confirmation: setDisabled says why at once.
    if (disabled && id !== ctx.actor?.userId) {
      const found = await svc.getUserForAdmin(ctx, id)
      if (!found) throw notFound('利用者')
      const ask = await confirmFirst(c, await formBody(c), {
        title: '利用停止の確認',
        message: `${userName(found.user)} さんを利用停止にします。よろしいですか。`,
        detail:
          'ログイン中のセッションもすべて終了し、ログインできなくなります。記録は残り、あとで再開できます。',
        submit: '利用停止にする',
        danger: true,
        back: `/admin/users/${id}`,
        section: 'admin',
        crumbs: adminCrumbs({ label: '利用者の管理', href: '/admin/users' }, { label: '利用停止の確認' }),
      })
      if (ask) return ask
    }
    try {
      await svc.setDisabled(ctx, id, disabled)
    } catch (e) {
      if (e instanceof AppError && e.status === 422) return userPage(c, ctx, id, { _: e.message }, 422)
      throw e
    }
    setFlash(
      c,
      disabled ? '利用停止にしました。ログイン中のセッションも終了しました。' : '利用を再開しました。',
    )
    return c.redirect(`/admin/users/${id}`, 303)
  })
}

// ---------------------------------------------------------------- invitations

const ROLE_LABEL: Record<string, string> = auth.INVITE_ROLE_LABELS

async function invitationsPage(c: Context<AppEnv>, ctx: Ctx, values: Values, errors?: FieldErrors) {
  const a = ctx.actor!
  const roles = INVITE_ROLES.filter((r) => can(a, 'invite.create', { role: r }))
  const deps = await svc.activeDepartments(ctx)
  const depName = new Map(deps.map((d) => [d.id, d.name]))
  const pending = await auth.listPendingInvitations(ctx)
  return render(
    c,
    '招待',
    <section>
      <h1>招待</h1>
      <p>
        招待メールのリンクから、相手が自分でアカウントを作ります（7日間有効）。団体メンバーの招待は各団体のページから行います。
      </p>
      <ErrorSummary errors={errors} />
      <Form action="/admin/invitations" csrf={c.get('csrfToken')}>
        <TextField
          name="email"
          label="招待する人のメールアドレス"
          type="email"
          required
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="role"
          label="役割"
          required
          options={roles.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
          values={values}
          errors={errors}
        />
        <Select
          name="departmentId"
          label="所属部署"
          help="担当課職員を招待するときは必ず選んでください。"
          empty="選んでください"
          options={deps.map((d) => ({ value: d.id, label: d.name }))}
          values={values}
          errors={errors}
        />
        <Submit label="招待メールを送る" />
      </Form>
      <div class="table-wrap">
        <table class="table table--stack">
          <caption>受け付け待ちの招待（{pending.length}件）</caption>
          <thead>
            <tr>
              <th scope="col">メールアドレス</th>
              <th scope="col">役割</th>
              <th scope="col">所属部署</th>
              <th scope="col">送信日時</th>
              <th scope="col">有効期限</th>
            </tr>
          </thead>
          <tbody>
            {pending
              .filter((p) => (p.payload as any)?.role !== 'group_member')
              .map((p) => {
                const pl = p.payload as { role?: string; departmentId?: string; targetName?: string }
                return (
                  <tr>
                    <td data-label="メールアドレス">{p.email}</td>
                    <td data-label="役割">{ROLE_LABEL[pl.role ?? ''] ?? pl.role}</td>
                    <td data-label="所属部署">
                      {pl.departmentId ? (depName.get(pl.departmentId) ?? pl.targetName ?? '') : ''}
                    </td>
                    <td data-label="送信日時">{formatDateTime(p.createdAt)}</td>
                    <td data-label="有効期限">{formatDateTime(p.expiresAt)}</td>
                  </tr>
                )
              })}
          </tbody>
        </table>
      </div>
    </section>,
    { section: 'admin', crumbs: adminCrumbs({ label: '招待' }), status: errors ? 422 : 200 },
  )
}

adminRoutes.get('/admin/invitations', async (c) => {
  const ctx = await authorize(c, 'invite.create', { role: 'staff' })
  return invitationsPage(c, ctx, { role: 'staff' })
})

/** Validate, check the policy for the chosen role, and send. Shared by the page and the API. */
adminRoutes.post('/admin/invitations', async (c) => {
  let ctx = await authorize(c, 'invite.create', { role: 'staff' })
  const body = await formBody(c)
  const parsed = validate(invitationForm, body)
  if (!parsed.ok) return invitationsPage(c, ctx, body, parsed.errors)
  ctx = await authorize(c, 'invite.create', { role: parsed.data.role })
  try {
    await invite(ctx, parsed.data)
  } catch (e) {
    if (e instanceof AppError && e.fields) return invitationsPage(c, ctx, body, e.fields)
    throw e
  }
  setFlash(c, `${parsed.data.email} に招待メールを送りました。`)
  return c.redirect('/admin/invitations', 303)
})

// ---------------------------------------------------------------- outbox

const MAIL_STATUS: Record<string, string> = {
  stored: '保管（未配信）',
  queued: '配信待ち',
  sent: '配信済み',
  failed: '配信失敗',
}

adminRoutes.get('/admin/outbox', async (c) => {
  const ctx = await authorize(c, 'outbox.read')
  const { page, perPage, offset } = paging(c.req.query())
  const { items, total } = await svc.listOutbox(ctx, perPage, offset)
  return render(
    c,
    '送信メール',
    <section>
      <h1>送信メール</h1>
      <p>
        システムが送ったメールの控えです（新しい順）。SMTPを設定していないときは配信されずここに保管されるので、内容を読んで相手に伝えてください。
      </p>
      <div class="table-wrap">
        <table class="table table--stack">
          <caption>送信メール（{total.toLocaleString('ja-JP')}件）</caption>
          <thead>
            <tr>
              <th scope="col">日時</th>
              <th scope="col">宛先</th>
              <th scope="col">件名</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr>
                <td data-label="日時">{formatDateTime(m.createdAt)}</td>
                <td data-label="宛先">{m.to}</td>
                <td data-label="件名">
                  <a href={`/admin/outbox/${m.id}`}>{m.subject}</a>
                </td>
                <td data-label="状態">{MAIL_STATUS[m.status] ?? m.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} perPage={perPage} total={total} baseQuery={new URLSearchParams()} />
    </section>,
    opts('送信メール'),
  )
})

adminRoutes.get('/admin/outbox/:id', async (c) => {
  const ctx = await authorize(c, 'outbox.read')
  const id = c.req.param('id')
  const m = isUuid(id) ? await svc.getMail(ctx, id) : null
  if (!m) throw notFound('メール')
  return render(
    c,
    m.subject,
    <section>
      <h1>{m.subject}</h1>
      <dl class="summary-list">
        <dt>宛先</dt>
        <dd>{m.to}</dd>
        <dt>作成日時</dt>
        <dd>{formatDateTime(m.createdAt)}</dd>
        <dt>状態</dt>
        <dd>
          {MAIL_STATUS[m.status] ?? m.status}
          {m.sentAt ? `（${formatDateTime(m.sentAt)}）` : ''}
          {m.error ? `：${m.error}` : ''}
        </dd>
      </dl>
      <h2>本文</h2>
      <pre class="mail-body">{m.body}</pre>
      <p>
        <a href="/admin/outbox">送信メールの一覧へ戻る</a>
      </p>
    </section>,
    sub('送信メール', '/admin/outbox', m.subject),
  )
})

// ---------------------------------------------------------------- audit log

function auditFilter(q: Record<string, string>) {
  const raw = collectDateParts(q, ['from', 'to'])
  const parsed = validate(auditFilterForm, raw)
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors }
  const f = parsed.data
  return {
    ok: true as const,
    filter: {
      action: f.action,
      actor: f.actor,
      entityType: f.entityType,
      entityId: f.entityId,
      from: f.from,
      to: f.to,
    } satisfies svc.AuditFilter,
  }
}

const FILTER_KEYS = [
  'action',
  'actor',
  'entityType',
  'entityId',
  'from_year',
  'from_month',
  'from_day',
  'to_year',
  'to_month',
  'to_day',
]

adminRoutes.get('/admin/audit', async (c) => {
  const ctx = await authorize(c, 'audit.read')
  return auditPage(c, ctx, c.req.query())
})

/** The audit log page; `refused` is why an export could not be made (shown above the filter, 422). */
async function auditPage(c: Context<AppEnv>, ctx: Ctx, q: Record<string, string>, refused?: string) {
  const r = auditFilter(q)
  const { page, perPage, offset } = paging(q, 50)
  const { items, total } = r.ok
    ? await svc.listAudit(ctx, r.filter, perPage, offset)
    : { items: [], total: 0 }
  const base = new URLSearchParams()
  for (const k of FILTER_KEYS) if (q[k]) base.set(k, q[k])
  // recomputing every hash reads the whole log: only when asked
  const chain = q.verify === '1' ? await svc.verifyAudit(ctx) : null
  return render(
    c,
    '操作記録（監査ログ）',
    <section>
      <h1>操作記録（監査ログ）</h1>
      <p>すべてのログイン・権限による拒否・変更の記録です。記録は変更も削除もできません。</p>
      {refused ? <Notice kind="error">{refused}</Notice> : null}
      {chain ? (
        <div
          class={`notice ${chain.ok ? 'notice--success' : 'notice--error'}`}
          role="status"
          id="audit-chain"
        >
          <p>{chain.text}</p>
          <p>
            連鎖の先頭：連番 {chain.head.seq} <code>{chain.head.hash || '（なし）'}</code>
          </p>
        </div>
      ) : (
        <p>
          記録は1件ごとに前の記録のハッシュを含む連鎖になっています。
          <a href="/admin/audit?verify=1">連鎖が切れていないか確かめる</a>
        </p>
      )}
      <ErrorSummary errors={r.ok ? undefined : r.errors} />
      <Form action="/admin/audit" csrf="" method="get" class="form search-form">
        <div class="field-row">
          <TextField
            name="action"
            label="操作"
            help="日本語の一部（例：ログイン、団体、差し戻し）または操作の記号"
            values={q}
          />
          <TextField name="actor" label="操作した人のメールアドレス" help="部分一致" values={q} />
        </div>
        <div class="field-row">
          <TextField name="entityType" label="対象の種類" help="例：部署、利用者、団体" values={q} />
          <TextField name="entityId" label="対象のID" values={q} />
        </div>
        <div class="field-row">
          <DateField name="from" label="期間の開始日" values={q} errors={r.ok ? undefined : r.errors} />
          <DateField name="to" label="期間の終了日" values={q} errors={r.ok ? undefined : r.errors} />
        </div>
        <Submit label="絞り込む" />
      </Form>
      {r.ok ? (
        <p>
          <a href={`/admin/audit/export?${base.toString()}`}>この条件でCSVに出力する</a>（最大
          {svc.AUDIT_EXPORT_LIMIT.toLocaleString('ja-JP')}件）
        </p>
      ) : null}
      <div class="table-wrap">
        <table class="table table--audit table--stack">
          <caption>操作記録（{total.toLocaleString('ja-JP')}件、新しい順）</caption>
          <thead>
            <tr>
              <th scope="col">日時</th>
              <th scope="col">操作した人</th>
              <th scope="col">操作</th>
              <th scope="col">対象</th>
              <th scope="col">変更内容</th>
              <th scope="col">IPアドレス</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr>
                <td data-label="日時">{formatDateTime(a.at)}</td>
                <td data-label="操作した人">{a.actorLabel}</td>
                <td data-label="操作">{actionLabel(a.action)}</td>
                <td data-label="対象">
                  {entityLabel(a.entityType)}
                  {a.entityId ? (
                    <>
                      <br />
                      <span class="small">{a.entityId}</span>
                    </>
                  ) : null}
                </td>
                <td data-label="変更内容">
                  {sentences(a.changes).length ? (
                    <ul class="audit-changes">
                      {sentences(a.changes).map((l) => (
                        <li>{l}</li>
                      ))}
                    </ul>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-label="IPアドレス">{a.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} perPage={perPage} total={total} baseQuery={base} />
    </section>,
    opts('操作記録（監査ログ）', r.ok && !refused ? 200 : 422),
  )
}

adminRoutes.get('/admin/audit/export', async (c) => {
  const ctx = await authorize(c, 'audit.read')
  const q = c.req.query()
  const r = auditFilter(q)
  // a filter that does not parse: the page itself shows the fields in error
  if (!r.ok) return auditPage(c, ctx, q)
  const encoding = c.req.query('encoding') === 'cp932' ? 'cp932' : 'utf-8'
  let file: Buffer
  try {
    file = (await svc.exportAudit(ctx, r.filter, (items) => auditCsv(items, encoding))).file
  } catch (e) {
    // e.g. a character CP932 cannot hold: back to the log with the message (the export is not recorded)
    if (e instanceof AppError && e.status === 422) return auditPage(c, ctx, q, e.message)
    throw e
  }
  return csvResponse(c, `操作記録_${ctx.municipality.name}_${ymdInTokyo(new Date())}.csv`, file, encoding)
})

function auditCsv(items: svc.AuditRow[], encoding: 'utf-8' | 'cp932') {
  const rows = items.map((a) => [
    formatDateTime(a.at),
    a.at.toISOString(),
    a.actorLabel,
    a.action,
    a.entityType,
    a.entityId,
    JSON.stringify(a.changes),
    a.ip,
  ])
  const header = [
    '日時（日本時間）',
    '日時（UTC）',
    '操作した人',
    '操作',
    '対象の種類',
    '対象のID',
    '変更内容',
    'IPアドレス',
  ]
  return toCsv(header, rows, encoding)
}

adminRoutes.route('/', fieldsRoutes)
