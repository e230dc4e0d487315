import { ErrorSummary, Form, Submit, TextField } from '../../../core/ui/form.tsx'
import { Notice } from '../../../core/ui/parts.tsx'
import type { FieldErrors } from '../../../core/validation.ts'

export function LoginForm(p: {
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

export function MfaForm(p: { csrf: string; next: string; message?: string; errors?: FieldErrors }) {
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
