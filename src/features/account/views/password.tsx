import { ErrorSummary, Form, Submit, TextField } from '../../../core/ui/form.tsx'
import type { FieldErrors } from '../../../core/validation.ts'
import { PASSWORD_HELP } from './signup.tsx'

export function ForgotForm(p: { csrf: string; values?: Record<string, unknown>; errors?: FieldErrors }) {
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

export function ResetForm(p: { csrf: string; token: string; errors?: FieldErrors }) {
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

export function ForgotSent() {
  return (
    <section class="narrow">
      <h1>メールを確認してください</h1>
      <p>入力されたメールアドレスが登録されていれば、再設定用のリンクをお送りしました（1時間有効）。</p>
    </section>
  )
}

/** The reset link is unknown or used: `explain` says why (on the form's page), else only the way back. */
export function ResetInvalid({ explain }: { explain: boolean }) {
  return (
    <section class="narrow">
      <h1>リンクが無効です</h1>
      {explain ? (
        <p>
          リンクの有効期限が切れたか、すでに使われています。<a href="/password/forgot">もう一度依頼する</a>
        </p>
      ) : (
        <p>
          <a href="/password/forgot">もう一度依頼する</a>
        </p>
      )}
    </section>
  )
}
