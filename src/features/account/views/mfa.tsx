import { ErrorSummary, Form, Submit, TextField } from '../../../core/ui/form.tsx'
import { Notice } from '../../../core/ui/parts.tsx'
import type { FieldErrors } from '../../../core/validation.ts'
import type * as auth from '../../../core/auth/service.ts'

export function MfaPage(p: {
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
          <p>やめるときは、確認の画面で現在のパスワードと確認コードを入力します。</p>
          <Form action="/account/mfa/disable" csrf={p.csrf}>
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
