import { Hono } from 'hono'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { audit } from '../../core/audit/index.ts'
import * as mfa from '../../core/auth/mfa.ts'
import * as auth from '../../core/auth/service.ts'
import type { AppEnv } from '../../core/context.ts'
import { isUuid } from '../../core/http/api.ts'
import { confirmFirst, confirmPage, type ConfirmSpec } from '../../core/http/confirm.tsx'
import { authorize, requireActor } from '../../core/http/guard.ts'
import { cookieNames, cookieOptions, setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { ErrorSummary, TextField } from '../../core/ui/form.tsx'
import { type FieldErrors, samePassword, validate } from '../../core/validation.ts'
import * as forms from './forms.ts'
import {
  accountSettings,
  beginMfaSetup,
  confirmMfaSetup,
  disableMfa,
  type InvitationState,
  invitationState,
  mfaState,
} from './service.ts'
import { startSession } from './session.ts'
import { AcceptForm, InvitationExisting, InvitationInvalid } from './views/invitations.tsx'
import { LoginForm, MfaForm } from './views/login.tsx'
import { MfaPage } from './views/mfa.tsx'
import { ForgotForm, ForgotSent, ResetForm, ResetInvalid } from './views/password.tsx'
import { AccountPage } from './views/settings.tsx'
import { SignUpForm, SignUpSent, VerifyResult } from './views/signup.tsx'
import { type ApiTokenRow, TokensPage } from './views/tokens.tsx'

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

const LOGIN_MESSAGES = {
  invalid: 'メールアドレスまたはパスワードが正しくありません。',
  unverified: 'メールアドレスの確認が済んでいません。登録時に届いたメールのリンクを開いてください。',
  disabled: 'このアカウントは利用停止されています。協働推進の担当窓口にお問い合わせください。',
  limited: 'ログインの失敗が続いたため、しばらくログインできません。15分ほど待ってからお試しください。',
} as const

const MFA_COOKIE = 'kyodo_mfa'

accountRoutes.get('/login', (c) => {
  if (c.get('ctx').actor) return c.redirect('/account')
  return render(c, 'ログイン', <LoginForm csrf={c.get('csrfToken')} next={safeNext(c.req.query('next'))} />)
})

accountRoutes.post('/login', async (c) => {
  const ctx = c.get('ctx')
  const body = await formBody(c)
  const next = safeNext(body.next)
  const parsed = validate(forms.loginForm, body)
  if (!parsed.ok) {
    return render(
      c,
      'ログイン',
      <LoginForm csrf={c.get('csrfToken')} values={body} errors={parsed.errors} next={next} />,
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
      { status: result.reason === 'limited' ? 429 : 401 },
    )
  }
  const old = c.get('sessionId')
  if (old) await auth.destroySession(ctx.db, old)
  startSession(c, result.token)
  setFlash(c, 'ログインしました。')
  return c.redirect(next, 303)
})

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
  return render(c, '確認メールを送りました', <SignUpSent email={parsed.data.email} />)
})

accountRoutes.get('/verify', async (c) => {
  const ok = await auth.verifyEmail(c.get('ctx'), c.req.query('token') ?? '')
  return render(c, ok ? 'メールアドレスを確認しました' : 'リンクが無効です', <VerifyResult ok={ok} />, {
    status: ok ? 200 : 400,
  })
})

// ---------------------------------------------------------------- password reset

accountRoutes.get('/password/forgot', (c) =>
  render(c, 'パスワードの再設定', <ForgotForm csrf={c.get('csrfToken')} />),
)
accountRoutes.post('/password/forgot', async (c) => {
  const body = await formBody(c)
  const parsed = validate(forms.forgotForm, body)
  if (!parsed.ok) {
    return render(
      c,
      'パスワードの再設定',
      <ForgotForm csrf={c.get('csrfToken')} values={body} errors={parsed.errors} />,
      { status: 422 },
    )
  }
  await auth.requestPasswordReset(c.get('ctx'), parsed.data.email)
  return render(c, 'メールを確認してください', <ForgotSent />)
})

accountRoutes.get('/password/reset', async (c) => {
  const token = c.req.query('token') ?? ''
  const t = await auth.findToken(c.get('ctx'), 'reset_password', token)
  if (!t) return render(c, 'リンクが無効です', <ResetInvalid explain />, { status: 400 })
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
  if (!ok) return render(c, 'リンクが無効です', <ResetInvalid explain={false} />, { status: 400 })
  setFlash(c, 'パスワードを変更しました。新しいパスワードでログインしてください。')
  return c.redirect('/login', 303)
})

// ---------------------------------------------------------------- invitations

/** Render what an invitation link leads to; the form again (422) when it comes with errors. */
function invitationPage(
  c: Context<AppEnv>,
  state: InvitationState,
  token: string,
  values?: Record<string, unknown>,
  errors?: FieldErrors,
) {
  if (state.kind === 'invalid') return render(c, '招待が無効です', <InvitationInvalid />, { status: 400 })
  const csrf = c.get('csrfToken')
  if (state.kind === 'existing')
    return render(c, '招待を受ける', <InvitationExisting csrf={csrf} token={token} {...state} />)
  return render(
    c,
    '招待を受ける',
    <AcceptForm
      csrf={csrf}
      token={token}
      email={state.email}
      what={state.what}
      values={values}
      errors={errors}
    />,
    { status: errors ? 422 : 200 },
  )
}

accountRoutes.get('/invitations/accept', async (c) => {
  const token = c.req.query('token') ?? ''
  return invitationPage(c, await invitationState(c.get('ctx'), token), token)
})

accountRoutes.post('/invitations/accept', async (c) => {
  const ctx = c.get('ctx')
  const body = await formBody(c)
  const token = String(body.token ?? '')
  const state = await invitationState(ctx, token)
  if (state.kind === 'invalid') return invitationPage(c, state, token)
  let account: Omit<auth.SignUpInput, 'email'> | null = null
  // A new address gets an account from the form; an existing one must be signed in as itself
  // (acceptInvitation refuses anyone else with 403).
  if (state.kind === 'new') {
    const parsed = validate(forms.acceptInviteForm, body, samePassword())
    if (!parsed.ok) return invitationPage(c, state, token, body, parsed.errors)
    account = parsed.data
  }
  const res = await auth.acceptInvitation(ctx, token, account)
  if (!res) return invitationPage(c, await invitationState(ctx, token), token)
  if (res.created) {
    const s = await auth.createSession(ctx, res.userId)
    startSession(c, s.token)
  }
  setFlash(c, '招待を受けました。')
  return c.redirect('/account', 303)
})

// ---------------------------------------------------------------- account settings

const settingsCrumbs = [{ label: 'アカウント設定' }]

accountRoutes.get('/account', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const data = await accountSettings(ctx, await requireActor(c))
  return render(c, 'アカウント設定', <AccountPage csrf={c.get('csrfToken')} {...data} />, {
    crumbs: settingsCrumbs,
  })
})

/** The settings page again with one form's typed values and errors (422). */
async function settingsError(
  c: Context<AppEnv>,
  form: 'profile' | 'password' | 'email',
  values: Record<string, unknown>,
  errors: FieldErrors,
) {
  const data = await accountSettings(c.get('ctx'), await requireActor(c))
  return render(
    c,
    'アカウント設定',
    <AccountPage csrf={c.get('csrfToken')} {...data} values={values} errors={errors} form={form} />,
    { status: 422, crumbs: settingsCrumbs },
  )
}

accountRoutes.post('/account/profile', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const body = await formBody(c)
  const parsed = validate(forms.profileForm, body)
  if (!parsed.ok) return settingsError(c, 'profile', body, parsed.errors)
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
  if (!parsed.ok) return settingsError(c, 'password', {}, parsed.errors)
  const ok = await auth.changePassword(
    ctx,
    ctx.actor!.userId,
    parsed.data.current,
    parsed.data.password,
    c.get('sessionId'),
  )
  if (!ok) return settingsError(c, 'password', {}, { current: '現在のパスワードが正しくありません' })
  setFlash(c, 'パスワードを変更しました。ほかの端末のログインは終了しました。')
  return c.redirect('/account', 303)
})

accountRoutes.post('/account/email', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const body = await formBody(c)
  const parsed = validate(forms.emailForm, body)
  if (!parsed.ok) return settingsError(c, 'email', body, parsed.errors)
  const r = await auth.requestEmailChange(ctx, ctx.actor!.userId, parsed.data.current, parsed.data.email)
  if (r === 'bad_password')
    return settingsError(c, 'email', body, { current: '現在のパスワードが正しくありません' })
  if (r === 'taken')
    return settingsError(c, 'email', body, {
      email: '新しいメールアドレスはすでに別のアカウントで使われています',
    })
  setFlash(c, `${parsed.data.email} に確認メールを送りました。リンクを開くと変更が完了します。`)
  return c.redirect('/account', 303)
})

// ---------------------------------------------------------------- personal access tokens

/** The tokens page; 422 when it shows the form's errors. */
function tokensPage(
  c: Context<AppEnv>,
  tokens: ApiTokenRow[],
  extra: { created?: string; values?: Record<string, unknown>; errors?: FieldErrors } = {},
) {
  return render(
    c,
    'APIアクセストークン',
    <TokensPage csrf={c.get('csrfToken')} tokens={tokens} {...extra} />,
    {
      crumbs: [{ label: 'アカウント設定', href: '/account' }, { label: 'APIアクセストークン' }],
      status: extra.errors ? 422 : 200,
    },
  )
}

accountRoutes.get('/account/tokens', async (c) => {
  const ctx = await authorize(c, 'apiToken.manage')
  return tokensPage(c, await auth.listApiTokens(ctx, ctx.actor!.userId))
})

accountRoutes.post('/account/tokens', async (c) => {
  const ctx = await authorize(c, 'apiToken.manage')
  const body = await formBody(c)
  const parsed = validate(forms.tokenForm, body)
  if (!parsed.ok)
    return tokensPage(c, await auth.listApiTokens(ctx, ctx.actor!.userId), {
      values: body,
      errors: parsed.errors,
    })
  // Shown once on this page (not after a redirect): the token is never stored in clear.
  const { token } = await auth.createApiToken(ctx, parsed.data.name, parsed.data.expiresInDays ?? null)
  return tokensPage(c, await auth.listApiTokens(ctx, ctx.actor!.userId), { created: token })
})

accountRoutes.post('/account/tokens/:id/revoke', async (c) => {
  const ctx = await authorize(c, 'apiToken.manage')
  const id = c.req.param('id')
  const tok = isUuid(id)
    ? (await auth.listApiTokens(ctx, ctx.actor!.userId)).find((x) => x.id === id)
    : undefined
  if (tok) {
    const ask = await confirmFirst(c, await formBody(c), {
      title: 'トークンの失効の確認',
      message: `APIアクセストークン「${tok.name}」（${tok.prefix}…）を失効させます。よろしいですか。`,
      detail:
        'このトークンを使っている外部のシステムは、すぐに API を使えなくなります。失効させたトークンは元に戻せません（必要なら新しく発行してください）。',
      submit: '失効させる',
      danger: true,
      back: '/account/tokens',
      crumbs: [
        { label: 'アカウント設定', href: '/account' },
        { label: 'APIアクセストークン', href: '/account/tokens' },
        { label: '失効の確認' },
      ],
    })
    if (ask) return ask
  }
  const ok = !!tok && (await auth.revokeApiToken(ctx, ctx.actor!.userId, id))
  setFlash(c, ok ? 'トークンを失効させました。' : 'トークンが見つかりませんでした。')
  return c.redirect('/account/tokens', 303)
})

// ---------------------------------------------------------------- two-step sign-in (TOTP)

const mfaCrumbs = [{ label: 'アカウント設定', href: '/account' }, { label: '2段階認証' }]

accountRoutes.get('/account/mfa', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const { user, setup } = await mfaState(ctx, ctx.actor!.userId)
  return render(c, '2段階認証', <MfaPage csrf={c.get('csrfToken')} user={user} setup={setup} />, {
    crumbs: mfaCrumbs,
  })
})

accountRoutes.post('/account/mfa/setup', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  await beginMfaSetup(ctx, ctx.actor!.userId)
  return c.redirect('/account/mfa', 303)
})

accountRoutes.post('/account/mfa/confirm', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const body = await formBody(c)
  const r = await confirmMfaSetup(ctx, ctx.actor!.userId, String(body.code ?? ''))
  if (!r.ok) {
    return render(
      c,
      '2段階認証',
      <MfaPage
        csrf={c.get('csrfToken')}
        user={r.user}
        setup={r.setup}
        errors={{
          code: '確認コードが正しくありません。認証アプリに表示されている最新の6桁を入力してください',
        }}
      />,
      { status: 422, crumbs: mfaCrumbs },
    )
  }
  return render(c, '2段階認証', <MfaPage csrf={c.get('csrfToken')} user={r.user} codes={r.codes} />, {
    crumbs: mfaCrumbs,
  })
})

/**
 * Turning 2段階認証 off: the button on /account/mfa asks first; the confirmation page is where the
 * current password and a code are typed (never carried in hidden fields), and it comes back with the
 * message when they are wrong.
 */
function mfaDisableSpec(errors?: FieldErrors): ConfirmSpec {
  return {
    title: '2段階認証をやめる確認',
    message: '2段階認証をやめます。よろしいですか。',
    detail:
      'やめると、パスワードだけでログインできるようになり、回復コードも使えなくなります。続けるには、現在のパスワードと認証アプリの確認コードを入力してください。',
    submit: '2段階認証をやめる',
    danger: true,
    back: '/account/mfa',
    crumbs: [
      { label: 'アカウント設定', href: '/account' },
      { label: '2段階認証', href: '/account/mfa' },
      { label: 'やめる確認' },
    ],
    status: errors ? 422 : 200,
    fields: (
      <>
        <ErrorSummary errors={errors} />
        <TextField
          name="password"
          id="f-mfa-password"
          label="現在のパスワード"
          type="password"
          autocomplete="current-password"
          required
          errors={errors}
        />
        <TextField
          name="code"
          label="確認コード"
          help="認証アプリに表示されている6桁、または回復コード"
          required
          autocomplete="one-time-code"
          inputmode="numeric"
          size="short"
          errors={errors}
        />
      </>
    ),
  }
}

accountRoutes.post('/account/mfa/disable', async (c) => {
  const ctx = await authorize(c, 'account.manage')
  const body = await formBody(c)
  const user = await auth.getUser(ctx, ctx.actor!.userId)
  if (!user?.totpEnabledAt) return c.redirect('/account/mfa', 303)
  const { password = '', code = '', ...rest } = body as Record<string, unknown>
  const ask = await confirmFirst(c, rest, mfaDisableSpec())
  if (ask) return ask
  const r = await disableMfa(ctx, ctx.actor!.userId, String(password), String(code))
  if (r.result === 'not_enabled') return c.redirect('/account/mfa', 303)
  if (r.result === 'refused') {
    const { confirmed: _, ...again } = rest
    return confirmPage(
      c,
      again,
      mfaDisableSpec({
        code: 'パスワードまたは確認コードが正しくありません。現在のパスワードと、認証アプリに表示されている最新の6桁を入力してください',
      }),
    )
  }
  setFlash(c, '2段階認証をやめました。')
  return c.redirect('/account/mfa', 303)
})
