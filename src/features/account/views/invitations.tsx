import { ErrorSummary, Form, Submit, TextField } from '../../../core/ui/form.tsx'
import type { FieldErrors } from '../../../core/validation.ts'
import { NameFields, PASSWORD_HELP } from './signup.tsx'

export function AcceptForm(p: {
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

export function InvitationInvalid() {
  return (
    <section class="narrow">
      <h1>招待が無効です</h1>
      <p>招待の有効期限（7日間）が切れたか、すでに使われています。招待した方にもう一度依頼してください。</p>
    </section>
  )
}

/** The invited address already has an account: accept while signed in as it, or sign in first. */
export function InvitationExisting(p: {
  csrf: string
  token: string
  email: string
  what: string
  isSelf: boolean
}) {
  return (
    <section class="narrow">
      <h1>招待を受ける</h1>
      <p>
        {p.email} さんは{p.what}として招待されています。
      </p>
      {p.isSelf ? (
        <Form action="/invitations/accept" csrf={p.csrf}>
          <input type="hidden" name="token" value={p.token} />
          <Submit label="招待を受ける" />
        </Form>
      ) : (
        <p>
          <a href={`/login?next=${encodeURIComponent(`/invitations/accept?token=${p.token}`)}`}>
            {p.email} でログイン
          </a>
          してから招待を受けてください。
        </p>
      )}
    </section>
  )
}
