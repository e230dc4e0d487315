import { ErrorSummary, Form, Submit, TextField } from '../../../core/ui/form.tsx'
import { Notice } from '../../../core/ui/parts.tsx'
import type { FieldErrors } from '../../../core/validation.ts'
import type * as auth from '../../../core/auth/service.ts'
import { formatDateTime } from '../../../core/japanese/index.ts'
import { NameFields, PASSWORD_HELP } from './signup.tsx'

export function AccountPage(p: {
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
