import { Hono } from 'hono'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { roleLabel, rolesOf } from '../../core/actor.ts'
import { audit } from '../../core/audit/index.ts'
import * as mfa from '../../core/auth/mfa.ts'
import * as auth from '../../core/auth/service.ts'
import type { AppEnv } from '../../core/context.ts'
import { formatDateTime } from '../../core/japanese/index.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize, requireActor } from '../../core/http/guard.ts'
import { cookieNames, cookieOptions, setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { Checkbox, ErrorSummary, Form, Submit, TextField } from '../../core/ui/form.tsx'
import { Notice } from '../../core/ui/parts.tsx'
import { type FieldErrors, fieldErrors, samePassword, validate } from '../../core/validation.ts'
import * as forms from './forms.ts'

export const accountRoutes = new Hono<AppEnv>()

/**
 * Only same-origin paths are followed after login: one leading `/`, no control characters,
 * whitespace or backslashes anywhere (browsers drop tabs and newlines, `/\t/evil` is `//evil`),
 * and the URL parsed against a dummy origin must keep that origin. Anything else is `/`.
 */
export const safeNext = (n: unknown): string => {
  if (typeof n !== 'string' || n.length > 2000 || !n.startsWith('/') || n.startsWith('//')) return '/'
  for (const ch of n) {
    const code = ch.codePointAt(0) ?? 0
    if (code < 0x21 || (code >= 0x7f && code <= 0xa0) || ch === '\\' || /\s/u.test(ch)) return '/'
  }
  try {
    const u = new URL(n, 'http://x')
    if (u.origin !== 'http://x' || !u.pathname.startsWith('/') || u.pathname.startsWith('//')) return '/'
    return u.pathname + u.search + u.hash
  } catch {
    return '/'
  }
}

import { startSession } from './session.ts'

const LOGIN_MESSAGES = {
  invalid: 'メールアドレスまたはパスワードが正しくありません。',
  unverified: 'メールアドレスの確認が済んでいません。登録時に届いたメールのリンクを開いてください。',
  disabled: 'このアカウントは利用停止されています。協働推進の担当窓口にお問い合わせください。',
  limited: 'ログインの失敗が続いたため、しばらくログインできません。15分ほど待ってからお試しください。',
} as const

function LoginForm(p: {
  csrf: string
  values?: Record<string, unknown>
  errors?: FieldErrors
  message?: string
  next?: string
}) {
  return (
    <section class="narrow">
      <h1>ログイン</h1>
      {p.message ? <Notice kind="error">{p.message}</Notice> : null}
      <ErrorSummary errors={p.errors} />
      <Form action="/login" csrf={p.csrf}>
        <input type="hidden" name="next" value={p.next ?? '/'} />
        <TextField
          name="email"
          label="メールアドレス"
          type="email"
          autocomplete="username"
          required
          values={p.values}
          errors={p.errors}
        />
        <TextField
          name="password"
          label="パスワード"
          type="password"
          autocomplete="current-password"
          required
          errors={p.errors}
        />
        <Submit label="ログイン" />
      </Form>
      <ul class="link-list">
        <li>
          <a href="/password/forgot">パスワードをお忘れの方</a>
        </li>
        <li>
          <a href="/signup">アカウントをお持ちでない方（新規登録）</a>
        </li>
      </ul>
    </section>
  )
}

accountRoutes.get('/login', (c) => {
  if (c.get('ctx').actor) return c.redirect('/account')
  return render(c, 'ログイン', <LoginForm csrf={c.get('csrfToken')} next={safeNext(c.req.query('next'))} />)
})

accountRoutes.post('/login', async (c) => {
  const ctx = c.get('ctx')
  const body = await formBody(c)
  const next = safeNext(body.next)
  const parsed = forms.loginForm.safeParse(body)
  if (!parsed.success) {
    return render(
      c,
      'ログイン',
      <LoginForm csrf={c.get('csrfToken')} values={body} errors={fieldErrors(parsed.error)} next={next} />,
      { status: 422 },
    )
  }
  const result = await auth.login(ctx, parsed.data.email, parsed.data.password)
  if (!result.ok && result.reason === 'mfa_required') {
    setCookie(c, MFA_COOKIE, result.mfaToken, { ...cookieOptions(ctx.config), maxAge: 300 })
    return render(c, '確認コードの入力', <MfaForm csrf={c.get('csrfToken')} next={next} />)
  }
  if (!result.ok) {
    return render(
      c,
      'ログイン',
      <LoginForm
        csrf={c.get('csrfToken')}
        values={{ email: parsed.data.email }}
        message={LOGIN_MESSAGES[result.reason]}
        next={next}
      />,
      {
        status: result.reason === 'limited' ? 429 : 401,
      },
    )
  }
  const old = c.get('sessionId')
  if (old) await auth.destroySession(ctx.db, old)
  startSession(c, result.token)
  setFlash(c, 'ログインしました。')
  return c.redirect(next, 303)
})

const MFA_COOKIE = 'kyodo_mfa'

function MfaForm(p: { csrf: string; next: string; message?: string; errors?: FieldErrors }) {
  return (
    <section class="narrow">
      <h1>確認コードの入力</h1>
      <p>
        2段階認証が設定されています。認証アプリに表示されている6桁の確認コード、または回復コードを入力してください。
      </p>
      {p.message ? <Notice kind="error">{p.message}</Notice> : null}
      <ErrorSummary errors={p.errors} />
      <Form action="/login/mfa" csrf={p.csrf}>
        <input type="hidden" name="next" value={p.next} />
        <TextField
          name="code"
          label="確認コード"
          required
          autocomplete="one-time-code"
          inputmode="numeric"
          size="short"
          errors={p.errors}
        />
        <Submit label="確認してログイン" />
      </Form>
      <p>
        <a href="/login">最初からやり直す</a>
      </p>
    </section>
  )
}

accountRoutes.post('/login/mfa', async (c) => {
  const ctx = c.get('ctx')
  const body = await formBody(c)
  const next = safeNext(body.next)
  const code = String(body.code ?? '').trim()
  if (!code)
    return render(
      c,
      '確認コードの入力',
      <MfaForm csrf={c.get('csrfToken')} next={next} errors={{ code: '確認コードを入力してください' }} />,
      { status: 422 },
    )
  const r = await mfa.completePending(ctx, getCookie(c, MFA_COOKIE) ?? '', code)
  if (!r.ok) {
    const message =
      r.reason === 'invalid'
        ? '確認コードが正しくありません。認証アプリの最新のコードを入力してください。'
        : r.reason === 'limited'
          ? '確認コードの誤りが続いたため、ログインを中止しました。最初からやり直してください。'
          : '確認の有効期限（5分）が切れました。最初からログインし直してください。'
    return render(
      c,
      '確認コードの入力',
      <MfaForm csrf={c.get('csrfToken')} next={next} message={message} />,
      { status: r.reason === 'limited' ? 429 : 401 },
    )
  }
  deleteCookie(c, MFA_COOKIE, { path: '/', secure: ctx.config.KYODO_HTTPS === '1' })
  const done = await auth.finishLogin(ctx, r.user)
  if (!done.ok) throw new Error('unreachable')
  const old = c.get('sessionId')
  if (old) await auth.destroySession(ctx.db, old)
  startSession(c, done.token)
  setFlash(c, 'ログインしました。')
  return c.redirect(next, 303)
})

accountRoutes.post('/logout', async (c) => {
  const ctx = c.get('ctx')
  const sid = c.get('sessionId')
  if (sid) {
    await auth.destroySession(ctx.db, sid)
    await audit(ctx, {
      action: 'auth.logout',
      entityType: 'user',
      entityId: ctx.actor?.userId,
    })
  }
  deleteCookie(c, cookieNames(ctx.config).session, { path: '/', secure: ctx.config.KYODO_HTTPS === '1' })
  return c.redirect('/', 303)
})

// ---------------------------------------------------------------- sign-up

function NameFields({ values, errors }: { values?: Record<string, unknown>; errors?: FieldErrors }) {
  return (
    <fieldset class="fieldset">
      <legend class="field__label">お名前</legend>
      <div class="field-row">
        <TextField
          name="familyName"
          label="姓"
          required
          autocomplete="family-name"
          values={values}
          errors={errors}
        />
        <TextField
          name="givenName"
          label="名"
          required
          autocomplete="given-name"
          values={values}
          errors={errors}
        />
      </div>
      <div class="field-row">
        <TextField
          name="familyNameKana"
          label="セイ"
          required
          help="カタカナ（ひらがなも可）"
          values={values}
          errors={errors}
        />
        <TextField
          name="givenNameKana"
          label="メイ"
          required
          help="カタカナ（ひらがなも可）"
          values={values}
          errors={errors}
        />
      </div>
    </fieldset>
  )
}

const PASSWORD_HELP =
  '8文字以上。長い文（パスフレーズ）もお使いいただけます。よく使われるパスワードは使えません。'

function SignUpForm(p: { csrf: string; values?: Record<string, unknown>; errors?: FieldErrors }) {
  return (
    <section class="narrow">
      <h1>新規登録</h1>
      <p>
        市民活動団体のメンバーの方は、ここでアカウントを作成してから団体を登録できます。市の職員の方は、管理者からの招待メールで登録してください。
      </p>
      <ErrorSummary errors={p.errors} />
      <Form action="/signup" csrf={p.csrf}>
        <TextField
          name="email"
          label="メールアドレス"
          type="email"
          autocomplete="email"
          required
          values={p.values}
          errors={p.errors}
        />
        <NameFields values={p.values} errors={p.errors} />
        <TextField
          name="password"
          label="パスワード"
          type="password"
          autocomplete="new-password"
          required
          help={PASSWORD_HELP}
          errors={p.errors}
        />
        <TextField
          name="passwordConfirm"
          label="パスワード（確認）"
          type="password"
          autocomplete="new-password"
          required
          errors={p.errors}
        />
        <Checkbox
          name="agree"
          label="個人情報の取り扱いに同意します"
          help="お名前とメールアドレスは、ログインと協働に関するご連絡のためだけに使います。"
          values={p.values}
          errors={p.errors}
        />
        <p>
          <a href="/privacy">個人情報の取り扱いを読む</a>
        </p>
        <Submit label="登録する" />
      </Form>
    </section>
  )
}

accountRoutes.get('/signup', (c) => render(c, '新規登録', <SignUpForm csrf={c.get('csrfToken')} />))

accountRoutes.post('/signup', async (c) => {
  const body = await formBody(c)
  const parsed = validate(forms.signUpForm, body, samePassword())
  if (!parsed.ok) {
    return render(
      c,
      '新規登録',
      <SignUpForm csrf={c.get('csrfToken')} values={body} errors={parsed.errors} />,
      { status: 422 },
    )
  }
  await auth.signUp(c.get('ctx'), parsed.data)
  return render(
    c,
    '確認メールを送りました',
    <section class="narrow">
      <h1>確認メールを送りました</h1>
      <p>
        {parsed.data.email}{' '}
        あてに確認メールを送りました。メールのリンクを開くと登録が完了します（48時間有効）。
      </p>
    </section>,
  )
})

accountRoutes.get('/verify', async (c) => {
  const ok = await auth.verifyEmail(c.get('ctx'), c.req.query('token') ?? '')
  return render(
    c,
    ok ? 'メールアドレスを確認しました' : 'リンクが無効です',
    <section class="narrow">
      <h1>{ok ? 'メールアドレスを確認しました' : 'リンクが無効です'}</h1>
      <p>{ok ? 'ログインしてご利用ください。' : 'リンクの有効期限が切れたか、すでに使われています。'}</p>
      <p>
        <a href="/login">ログインへ</a>
      </p>
    </section>,
    { status: ok ? 200 : 400 },
  )
})

// ---------------------------------------------------------------- password reset

function ForgotForm(p: { csrf: string; values?: Record<string, unknown>; errors?: FieldErrors }) {
  return (
    <section class="narrow">
      <h1>パスワードの再設定</h1>
      <p>登録したメールアドレスを入力してください。再設定用のリンクをお送りします。</p>
      <ErrorSummary errors={p.errors} />
      <Form action="/password/forgot" csrf={p.csrf}>
        <TextField
          name="email"
          label="メールアドレス"
          type="email"
          autocomplete="email"
          required
          values={p.values}
          errors={p.errors}
        />
        <Submit label="再設定用のメールを送る" />
      </Form>
    </section>
  )
}

accountRoutes.get('/password/forgot', (c) =>
  render(c, 'パスワードの再設定', <ForgotForm csrf={c.get('csrfToken')} />),
)
accountRoutes.post('/password/forgot', async (c) => {
  const body = await formBody(c)
  const parsed = forms.forgotForm.safeParse(body)
  if (!parsed.success) {
    return render(
      c,
      'パスワードの再設定',
      <ForgotForm csrf={c.get('csrfToken')} values={body} errors={fieldErrors(parsed.error)} />,
      { status: 422 },
    )
  }
  await auth.requestPasswordReset(c.get('ctx'), parsed.data.email)
  return render(
    c,
    'メールを確認してください',
    <section class="narrow">
      <h1>メールを確認してください</h1>
      <p>入力されたメールアドレスが登録されていれば、再設定用のリンクをお送りしました（1時間有効）。</p>
    </section>,
  )
})

function ResetForm(p: { csrf: string; token: string; errors?: FieldErrors }) {
  return (
    <section class="narrow">
      <h1>新しいパスワードの設定</h1>
      <ErrorSummary errors={p.errors} />
      <Form action="/password/reset" csrf={p.csrf}>
        <input type="hidden" name="token" value={p.token} />
        <TextField
          name="password"
          label="新しいパスワード"
          type="password"
          autocomplete="new-password"
          required
          help={PASSWORD_HELP}
          errors={p.errors}
        />
        <TextField
          name="passwordConfirm"
          label="新しいパスワード（確認）"
          type="password"
          autocomplete="new-password"
          required
          errors={p.errors}
        />
        <Submit label="パスワードを変更する" />
      </Form>
    </section>
  )
}

accountRoutes.get('/password/reset', async (c) => {
  const token = c.req.query('token') ?? ''
  const t = await auth.findToken(c.get('ctx'), 'reset_password', token)
  if (!t)
    return render(
      c,
      'リンクが無効です',
      <section class="narrow">
        <h1>リンクが無効です</h1>
        <p>
          リンクの有効期限が切れたか、すでに使われています。<a href="/password/forgot">もう一度依頼する</a>
        </p>
      </section>,
      { status: 400 },
    )
  return render(c, '新しいパスワードの設定', <ResetForm csrf={c.get('csrfToken')} token={token} />)
})

accountRoutes.post('/password/reset', async (c) => {
  const body = await formBody(c)
  const parsed = validate(
    forms.resetForm,
    body,
    samePassword('password', 'passwordConfirm', '新しいパスワード'),
  )
  if (!parsed.ok) {
    return render(
      c,
      '新しいパスワードの設定',
      <ResetForm csrf={c.get('csrfToken')} token={String(body.token ?? '')} errors={parsed.errors} />,
      { status: 422 },
    )
  }
  const ok = await auth.resetPassword(c.get('ctx'), parsed.data.token, parsed.data.password)
  if (!ok)
    return render(
      c,
      'リンクが無効です',
      <section class="narrow">
        <h1>リンクが無効です</h1>
        <p>
          <a href="/password/forgot">もう一度依頼する</a>
        </p>
      </section>,
      { status: 400 },
    )
  setFlash(c, 'パスワードを変更しました。新しいパスワードでログインしてください。')
  return c.redirect('/login', 303)
})

// ---------------------------------------------------------------- invitations

function AcceptForm(p: {
  csrf: string
  token: string
  email: string
  what: string
  values?: Record<string, unknown>
  errors?: FieldErrors
}) {
  return (
    <section class="narrow">
      <h1>招待を受ける</h1>
      <p>
        {p.email} さんは{p.what}として招待されています。アカウントを作成して招待を受けてください。
      </p>
      <ErrorSummary errors={p.errors} />
      <Form action="/invitations/accept" csrf={p.csrf}>
        <input type="hidden" name="token" value={p.token} />
        <NameFields values={p.values} errors={p.errors} />
        <TextField
          name="password"
          label="パスワード"
          type="password"
          autocomplete="new-password"
          required
          help={PASSWORD_HELP}
          errors={p.errors}
        />
        <TextField
          name="passwordConfirm"
          label="パスワード（確認）"
          type="password"
          autocomplete="new-password"
          required
          errors={p.errors}
        />
        <Submit label="アカウントを作成して招待を受ける" />
      </Form>
    </section>
  )
}

async function invitationView(
  c: Context<AppEnv>,
  token: string,
  values?: Record<string, unknown>,
  errors?: FieldErrors,
) {
  const ctx = c.get('ctx')
  const t = await auth.findToken(ctx, 'invite', token)
  if (!t) {
    return render(
      c,
      '招待が無効です',
      <section class="narrow">
        <h1>招待が無効です</h1>
        <p>招待の有効期限（7日間）が切れたか、すでに使われています。招待した方にもう一度依頼してください。</p>
      </section>,
      { status: 400 },
    )
  }
  const p = t.payload as unknown as auth.InvitePayload
  const what = p.targetName
    ? `${p.targetName}の${auth.INVITE_ROLE_LABELS[p.role]}`
    : auth.INVITE_ROLE_LABELS[p.role]
  const existing = await auth.getUserByEmail(ctx, t.email)
  if (existing) {
    return render(
      c,
      '招待を受ける',
      <section class="narrow">
        <h1>招待を受ける</h1>
        <p>
          {t.email} さんは{what}として招待されています。
        </p>
        {ctx.actor?.userId === existing.id ? (
          <Form action="/invitations/accept" csrf={c.get('csrfToken')}>
            <input type="hidden" name="token" value={token} />
            <Submit label="招待を受ける" />
          </Form>
        ) : (
          <p>
            <a href={`/login?next=${encodeURIComponent(`/invitations/accept?token=${token}`)}`}>
              {t.email} でログイン
            </a>
            してから招待を受けてください。
          </p>
        )}
      </section>,
    )
  }
  return render(
    c,
    '招待を受ける',
    <AcceptForm
      csrf={c.get('csrfToken')}
      token={token}
      email={t.email}
      what={what}
      values={values}
      errors={errors}
    />,
    {
      status: errors ? 422 : 200,
    },
  )
}

accountRoutes.get('/invitations/accept', (c) => invitationView(c, c.req.query('token') ?? ''))

accountRoutes.post('/invitations/accept', async (c) => {
  const ctx = c.get('ctx')
  const body = await formBody(c)
  const token = String(body.token ?? '')
  const t = await auth.findToken(ctx, 'invite', token)
  if (!t) return invitationView(c, token)
  let account: Omit<auth.SignUpInput, 'email'> | null = null
  // A new address gets an account from the form; an existing one must be signed in as itself
  // (acceptInvitation refuses anyone else with 403).
  if (!(await auth.getUserByEmail(ctx, t.email))) {
    const parsed = validate(forms.acceptInviteForm, body, samePassword())
    if (!parsed.ok) return invitationView(c, token, body, parsed.errors)
    account = parsed.data
  }
  const res = await auth.acceptInvitation(ctx, token, account)
  if (!res) return invitationView(c, token)
  if (res.created) {
    const s = await auth.createSession(ctx, res.userId)
    startSession(c, s.token)
  }
  setFlash(c, '招待を受けました。')
  return c.redirect('/account', 303)
})

// ---------------------------------------------------------------- account settings

accountRoutes.get('/account', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const actor = await requireActor(c)
  const u = (await auth.getUser(ctx, actor.userId))!
  return render(
    c,
    'アカウント設定',
    <AccountPage
      csrf={c.get('csrfToken')}
      user={u}
      roles={rolesOf(actor).map(roleLabel)}
      canTokens={actor.isAdmin || actor.isCoordinator}
    />,
    {
      crumbs: [{ label: 'アカウント設定' }],
    },
  )
})

function AccountPage(p: {
  csrf: string
  user: auth.User
  roles: string[]
  canTokens: boolean
  values?: Record<string, unknown>
  errors?: FieldErrors
  form?: 'profile' | 'password' | 'email'
  message?: string
}) {
  const profileValues = p.form === 'profile' ? p.values : p.user
  return (
    <section>
      <h1>アカウント設定</h1>
      {p.message ? <Notice kind="info">{p.message}</Notice> : null}
      <dl class="summary-list">
        <dt>メールアドレス</dt>
        <dd>{p.user.email}</dd>
        <dt>役割</dt>
        <dd>{p.roles.join('、')}</dd>
        <dt>最終ログイン</dt>
        <dd>{p.user.lastLoginAt ? formatDateTime(p.user.lastLoginAt) : '—'}</dd>
      </dl>
      <ul class="link-list">
        <li>
          <a href="/account/mfa">2段階認証（{p.user.totpEnabledAt ? '設定済み' : '未設定'}）</a>
        </li>
        {p.canTokens ? (
          <li>
            <a href="/account/tokens">APIアクセストークンの管理</a>
          </li>
        ) : null}
      </ul>
      <h2>お名前の変更</h2>
      {p.form === 'profile' ? <ErrorSummary errors={p.errors} /> : null}
      <Form action="/account/profile" csrf={p.csrf}>
        <NameFields values={profileValues as any} errors={p.form === 'profile' ? p.errors : undefined} />
        <Submit label="お名前を保存する" />
      </Form>
      <h2>パスワードの変更</h2>
      {p.form === 'password' ? <ErrorSummary errors={p.errors} /> : null}
      <Form action="/account/password" csrf={p.csrf}>
        <TextField
          name="current"
          id="f-pw-current"
          label="現在のパスワード"
          type="password"
          autocomplete="current-password"
          required
          errors={p.form === 'password' ? p.errors : undefined}
        />
        <TextField
          name="password"
          id="f-pw-new"
          label="新しいパスワード"
          type="password"
          autocomplete="new-password"
          required
          help={PASSWORD_HELP}
          errors={p.form === 'password' ? p.errors : undefined}
        />
        <TextField
          name="passwordConfirm"
          id="f-pw-confirm"
          label="新しいパスワード（確認）"
          type="password"
          autocomplete="new-password"
          required
          errors={p.form === 'password' ? p.errors : undefined}
        />
        <Submit label="パスワードを変更する" />
      </Form>
      <h2>メールアドレスの変更</h2>
      <p>
        確認のため現在のパスワードを入力してください。新しいアドレスに届くリンクを開くと変更が完了します。
      </p>
      {p.form === 'email' ? <ErrorSummary errors={p.errors} /> : null}
      <Form action="/account/email" csrf={p.csrf}>
        <TextField
          name="email"
          id="f-new-email"
          label="新しいメールアドレス"
          type="email"
          autocomplete="email"
          required
          values={p.form === 'email' ? p.values : undefined}
          errors={p.form === 'email' ? p.errors : undefined}
        />
        <TextField
          name="current"
          id="f-email-current"
          label="現在のパスワード"
          type="password"
          autocomplete="current-password"
          required
          errors={p.form === 'email' ? p.errors : undefined}
        />
        <Submit label="確認メールを送る" />
      </Form>
    </section>
  )
}

async function accountError(
  c: Context<AppEnv>,
  form: 'profile' | 'password' | 'email',
  values: Record<string, unknown>,
  errors: FieldErrors,
) {
  const ctx = c.get('ctx')
  const actor = await requireActor(c)
  const u = (await auth.getUser(ctx, actor.userId))!
  return render(
    c,
    'アカウント設定',
    <AccountPage
      csrf={c.get('csrfToken')}
      user={u}
      roles={rolesOf(actor).map(roleLabel)}
      canTokens={actor.isAdmin || actor.isCoordinator}
      values={values}
      errors={errors}
      form={form}
    />,
    { status: 422, crumbs: [{ label: 'アカウント設定' }] },
  )
}

accountRoutes.post('/account/profile', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const body = await formBody(c)
  const parsed = forms.profileForm.safeParse(body)
  if (!parsed.success) return accountError(c, 'profile', body, fieldErrors(parsed.error))
  await auth.updateProfile(ctx, ctx.actor!.userId, parsed.data)
  setFlash(c, 'お名前を保存しました。')
  return c.redirect('/account', 303)
})

accountRoutes.post('/account/password', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const body = await formBody(c)
  const parsed = validate(
    forms.passwordForm,
    body,
    samePassword('password', 'passwordConfirm', '新しいパスワード'),
  )
  if (!parsed.ok) return accountError(c, 'password', {}, parsed.errors)
  const ok = await auth.changePassword(
    ctx,
    ctx.actor!.userId,
    parsed.data.current,
    parsed.data.password,
    c.get('sessionId'),
  )
  if (!ok) return accountError(c, 'password', {}, { current: '現在のパスワードが正しくありません' })
  setFlash(c, 'パスワードを変更しました。ほかの端末のログインは終了しました。')
  return c.redirect('/account', 303)
})

accountRoutes.post('/account/email', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const body = await formBody(c)
  const parsed = forms.emailForm.safeParse(body)
  if (!parsed.success) return accountError(c, 'email', body, fieldErrors(parsed.error))
  const r = await auth.requestEmailChange(ctx, ctx.actor!.userId, parsed.data.current, parsed.data.email)
  if (r === 'bad_password')
    return accountError(c, 'email', body, { current: '現在のパスワードが正しくありません' })
  if (r === 'taken')
    return accountError(c, 'email', body, {
      email: '新しいメールアドレスはすでに別のアカウントで使われています',
    })
  setFlash(c, `${parsed.data.email} に確認メールを送りました。リンクを開くと変更が完了します。`)
  return c.redirect('/account', 303)
})

// ---------------------------------------------------------------- personal access tokens

accountRoutes.get('/account/tokens', async (c) => {
  const ctx = await authorize(c, 'apiToken.manage')
  return tokensPage(c, await auth.listApiTokens(ctx, ctx.actor!.userId))
})

function tokensPage(
  c: Context<AppEnv>,
  tokens: Awaited<ReturnType<typeof auth.listApiTokens>>,
  extra?: { created?: string; values?: Record<string, unknown>; errors?: FieldErrors },
) {
  const csrf = c.get('csrfToken')
  return render(
    c,
    'APIアクセストークン',
    <section>
      <h1>APIアクセストークン</h1>
      <p>
        外部のシステムから Kyodo の JSON API を使うためのトークンです。
        <code>Authorization: Bearer トークン</code> ヘッダーで送ります。トークンはあなたと同じ権限を持ちます。
      </p>
      {extra?.created ? (
        <Notice kind="success">
          <p>トークンを発行しました。この画面を離れると二度と表示されません。今すぐ控えてください。</p>
          <p>
            <code class="token">{extra.created}</code>
          </p>
        </Notice>
      ) : null}
      <h2>発行済みのトークン</h2>
      {tokens.length === 0 ? (
        <p>発行済みのトークンはありません。</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">名前</th>
                <th scope="col">先頭</th>
                <th scope="col">発行日時</th>
                <th scope="col">最終利用</th>
                <th scope="col">有効期限</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr>
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{formatDateTime(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : '—'}</td>
                  <td>{t.expiresAt ? formatDateTime(t.expiresAt) : '無期限'}</td>
                  <td>
                    <Form action={`/account/tokens/${t.id}/revoke`} csrf={csrf} class="inline-form">
                      <button type="submit" class="button button--secondary button--small">
                        「{t.name}」を失効させる
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>新しいトークンを発行する</h2>
      <ErrorSummary errors={extra?.errors} />
      <Form action="/account/tokens" csrf={csrf}>
        <TextField
          name="name"
          label="トークンの名前"
          required
          help="用途がわかる名前（例：統計集計スクリプト）"
          values={extra?.values}
          errors={extra?.errors}
        />
        <TextField
          name="expiresInDays"
          label="有効期間（日数）"
          help="1〜365。空欄なら無期限です。"
          inputmode="numeric"
          size="short"
          values={extra?.values}
          errors={extra?.errors}
        />
        <Submit label="発行する" />
      </Form>
    </section>,
    {
      crumbs: [{ label: 'アカウント設定', href: '/account' }, { label: 'APIアクセストークン' }],
      status: extra?.errors ? 422 : 200,
    },
  )
}

accountRoutes.post('/account/tokens', async (c) => {
  const ctx = await authorize(c, 'apiToken.manage')
  const body = await formBody(c)
  const parsed = forms.tokenForm.safeParse(body)
  if (!parsed.success)
    return tokensPage(c, await auth.listApiTokens(ctx, ctx.actor!.userId), {
      values: body,
      errors: fieldErrors(parsed.error),
    })
  const { token } = await auth.createApiToken(ctx, parsed.data.name, parsed.data.expiresInDays ?? null)
  return tokensPage(c, await auth.listApiTokens(ctx, ctx.actor!.userId), { created: token })
})

accountRoutes.post('/account/tokens/:id/revoke', async (c) => {
  const ctx = await authorize(c, 'apiToken.manage')
  const id = c.req.param('id')
  const ok = isUuid(id) && (await auth.revokeApiToken(ctx, ctx.actor!.userId, id))
  setFlash(c, ok ? 'トークンを失効させました。' : 'トークンが見つかりませんでした。')
  return c.redirect('/account/tokens', 303)
})

// ---------------------------------------------------------------- two-step sign-in (TOTP)

function MfaPage(p: {
  csrf: string
  user: auth.User
  setup?: { secret: string; qrDataUri: string }
  codes?: string[]
  errors?: FieldErrors
}) {
  return (
    <section class="narrow">
      <h1>2段階認証</h1>
      <p>
        ログインのときに、パスワードに加えてスマートフォンの認証アプリ（Google Authenticator、Microsoft
        Authenticator
        など）に表示される確認コードを求めます。市の職員・コーディネーター・審査委員・管理者の方は設定をおすすめします。
      </p>
      {p.codes ? (
        <Notice kind="success">
          <p>
            2段階認証を設定しました。スマートフォンをなくしたときのための回復コードです。各コードは1回だけ使えます。この画面を離れると二度と表示されないため、印刷するか安全な場所に控えてください。
          </p>
          <ul class="recovery-codes">
            {p.codes.map((x) => (
              <li>
                <code>{x}</code>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <ErrorSummary errors={p.errors} />
      {p.user.totpEnabledAt && !p.codes ? (
        <>
          <p>状態：設定済み（回復コードの残り {p.user.recoveryCodes.length} 個）</p>
          <h2>2段階認証をやめる</h2>
          <Form action="/account/mfa/disable" csrf={p.csrf}>
            <TextField
              name="password"
              id="f-mfa-password"
              label="現在のパスワード"
              type="password"
              autocomplete="current-password"
              required
              errors={p.errors}
            />
            <TextField
              name="code"
              label="確認コード"
              required
              autocomplete="one-time-code"
              inputmode="numeric"
              size="short"
              errors={p.errors}
            />
            <Submit label="2段階認証をやめる" secondary />
          </Form>
        </>
      ) : p.setup ? (
        <>
          <h2>認証アプリに登録する</h2>
          <ol>
            <li>認証アプリで次のQRコードを読み取ってください。</li>
            <li>読み取れない場合は、キーを手で入力してください。</li>
            <li>アプリに表示された6桁のコードを入力して「設定する」を押してください。</li>
          </ol>
          <p>
            <img
              src={p.setup.qrDataUri}
              alt="認証アプリ用のQRコード（読み取れない場合は下のキーを入力してください）"
              width={200}
              height={200}
            />
          </p>
          <p>
            キー：<code class="token">{p.setup.secret}</code>
          </p>
          <Form action="/account/mfa/confirm" csrf={p.csrf}>
            <TextField
              name="code"
              label="確認コード"
              required
              autocomplete="one-time-code"
              inputmode="numeric"
              size="short"
              errors={p.errors}
            />
            <Submit label="設定する" />
          </Form>
        </>
      ) : !p.codes ? (
        <>
          <p>状態：未設定</p>
          <Form action="/account/mfa/setup" csrf={p.csrf}>
            <Submit label="2段階認証の設定を始める" />
          </Form>
        </>
      ) : null}
      <p>
        <a href="/account">アカウント設定へ戻る</a>
      </p>
    </section>
  )
}

const mfaCrumbs = [{ label: 'アカウント設定', href: '/account' }, { label: '2段階認証' }]

accountRoutes.get('/account/mfa', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const u = (await auth.getUser(ctx, ctx.actor!.userId))!
  const setup =
    !u.totpEnabledAt && u.totpPendingSecret
      ? await mfa.setupView(ctx, u.email, u.totpPendingSecret)
      : undefined
  return render(c, '2段階認証', <MfaPage csrf={c.get('csrfToken')} user={u} setup={setup} />, {
    crumbs: mfaCrumbs,
  })
})

accountRoutes.post('/account/mfa/setup', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const u = (await auth.getUser(ctx, ctx.actor!.userId))!
  if (u.totpEnabledAt) return c.redirect('/account/mfa', 303)
  await mfa.beginSetup(ctx, u)
  return c.redirect('/account/mfa', 303)
})

accountRoutes.post('/account/mfa/confirm', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const u = (await auth.getUser(ctx, ctx.actor!.userId))!
  const body = await formBody(c)
  const codes = await mfa.confirmSetup(ctx, u, String(body.code ?? ''))
  if (!codes) {
    const setup = u.totpPendingSecret ? await mfa.setupView(ctx, u.email, u.totpPendingSecret) : undefined
    return render(
      c,
      '2段階認証',
      <MfaPage
        csrf={c.get('csrfToken')}
        user={u}
        setup={setup}
        errors={{
          code: '確認コードが正しくありません。認証アプリに表示されている最新の6桁を入力してください',
        }}
      />,
      { status: 422, crumbs: mfaCrumbs },
    )
  }
  const fresh = (await auth.getUser(ctx, u.id))!
  return render(c, '2段階認証', <MfaPage csrf={c.get('csrfToken')} user={fresh} codes={codes} />, {
    crumbs: mfaCrumbs,
  })
})

accountRoutes.post('/account/mfa/disable', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const u = (await auth.getUser(ctx, ctx.actor!.userId))!
  const body = await formBody(c)
  if (!u.totpEnabledAt) return c.redirect('/account/mfa', 303)
  const ok = await mfa.disable(ctx, u, String(body.password ?? ''), String(body.code ?? ''))
  if (!ok) {
    return render(
      c,
      '2段階認証',
      <MfaPage
        csrf={c.get('csrfToken')}
        user={u}
        errors={{ code: 'パスワードまたは確認コードが正しくありません' }}
      />,
      { status: 422, crumbs: mfaCrumbs },
    )
  }
  setFlash(c, '2段階認証をやめました。')
  return c.redirect('/account/mfa', 303)
})
