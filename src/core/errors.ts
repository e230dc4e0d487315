/** Field name → a Japanese message that names the field and says how to fix it. */
export type FieldErrors = Record<string, string>

/** An error a user may see: HTTP status, a machine code and a Japanese message. */
export class AppError extends Error {
  constructor(
    public status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503,
    public code: string,
    message: string,
    public fields?: FieldErrors,
  ) {
    super(message)
  }
}

export const notFound = (what = 'ページ') =>
  new AppError(404, 'not_found', `お探しの${what}は見つかりませんでした。`)
export const forbidden = () => new AppError(403, 'forbidden', 'この操作を行う権限がありません。')
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'ログインしてください。')
export const validationFailed = (fields: FieldErrors) =>
  new AppError(422, 'validation', '入力内容に誤りがあります。各項目のメッセージを確認してください。', fields)
