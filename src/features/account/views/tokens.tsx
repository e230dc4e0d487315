import { ErrorSummary, Form, Submit, TextField } from '../../../core/ui/form.tsx'
import { Notice } from '../../../core/ui/parts.tsx'
import type { FieldErrors } from '../../../core/validation.ts'
import type * as auth from '../../../core/auth/service.ts'
import { formatDateTime } from '../../../core/japanese/index.ts'

export type ApiTokenRow = Awaited<ReturnType<typeof auth.listApiTokens>>[number]

export function TokensPage(p: {
  csrf: string
  tokens: ApiTokenRow[]
  created?: string
  values?: Record<string, unknown>
  errors?: FieldErrors
}) {
  const { csrf, tokens } = p
  return (
    <section>
      <h1>APIアクセストークン</h1>
      <p>
        外部のシステムから Kyodo の JSON API を使うためのトークンです。
        <code>Authorization: Bearer トークン</code> ヘッダーで送ります。トークンはあなたと同じ権限を持ちます。
      </p>
      {p.created ? (
        <Notice kind="success">
          <p>トークンを発行しました。この画面を離れると二度と表示されません。今すぐ控えてください。</p>
          <p>
            <code class="token">{p.created}</code>
          </p>
        </Notice>
      ) : null}
      <h2>発行済みのトークン</h2>
      {tokens.length === 0 ? (
        <p>発行済みのトークンはありません。</p>
      ) : (
        <div class="table-wrap">
          <table class="table table--stack">
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
                  <td data-label="名前">{t.name}</td>
                  <td data-label="先頭">
                    <code>{t.prefix}…</code>
                  </td>
                  <td data-label="発行日時">{formatDateTime(t.createdAt)}</td>
                  <td data-label="最終利用">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : '—'}</td>
                  <td data-label="有効期限">{t.expiresAt ? formatDateTime(t.expiresAt) : '無期限'}</td>
                  <td data-label="操作">
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
      <ErrorSummary errors={p.errors} />
      <Form action="/account/tokens" csrf={csrf}>
        <TextField
          name="name"
          label="トークンの名前"
          required
          help="用途がわかる名前（例：統計集計スクリプト）"
          values={p.values}
          errors={p.errors}
        />
        <TextField
          name="expiresInDays"
          label="有効期間（日数）"
          help="1〜365。空欄なら無期限です。"
          inputmode="numeric"
          size="short"
          values={p.values}
          errors={p.errors}
        />
        <Submit label="発行する" />
      </Form>
    </section>
  )
}
