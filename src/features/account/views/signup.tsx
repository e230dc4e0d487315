import { Checkbox, ErrorSummary, Form, Submit, TextField } from '../../../core/ui/form.tsx'
import type { FieldErrors } from '../../../core/validation.ts'

export function NameFields({ values, errors }: { values?: Record<string, unknown>; errors?: FieldErrors }) {
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

export const PASSWORD_HELP =
  '8文字以上。長い文（パスフレーズ）もお使いいただけます。よく使われるパスワードは使えません。'

export function SignUpForm(p: { csrf: string; values?: Record<string, unknown>; errors?: FieldErrors }) {
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

export function SignUpSent({ email }: { email: string }) {
  return (
    <section class="narrow">
      <h1>確認メールを送りました</h1>
      <p>{email} あてに確認メールを送りました。メールのリンクを開くと登録が完了します（48時間有効）。</p>
    </section>
  )
}

export function VerifyResult({ ok }: { ok: boolean }) {
  return (
    <section class="narrow">
      <h1>{ok ? 'メールアドレスを確認しました' : 'リンクが無効です'}</h1>
      <p>{ok ? 'ログインしてご利用ください。' : 'リンクの有効期限が切れたか、すでに使われています。'}</p>
      <p>
        <a href="/login">ログインへ</a>
      </p>
    </section>
  )
}
