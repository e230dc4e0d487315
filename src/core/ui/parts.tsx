import type { Child } from 'hono/jsx'

/** Paging links that keep the current query string. */
export function Pagination({
  page,
  perPage,
  total,
  baseQuery,
}: {
  page: number
  perPage: number
  total: number
  baseQuery: URLSearchParams
}) {
  const pages = Math.max(1, Math.ceil(total / perPage))
  if (pages <= 1) return null
  const href = (p: number) => {
    const q = new URLSearchParams(baseQuery)
    q.set('page', String(p))
    return `?${q.toString()}`
  }
  const windowStart = Math.max(1, page - 2)
  const windowEnd = Math.min(pages, page + 2)
  const nums: number[] = []
  for (let i = windowStart; i <= windowEnd; i++) nums.push(i)
  return (
    <nav class="pagination" aria-label="ページ送り">
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              前へ
            </a>
          </li>
        ) : null}
        {windowStart > 1 ? (
          <li>
            <a href={href(1)}>1</a>
          </li>
        ) : null}
        {windowStart > 2 ? <li aria-hidden="true">…</li> : null}
        {nums.map((n) => (
          <li>
            {n === page ? (
              <span aria-current="page">{n}</span>
            ) : (
              <a href={href(n)} aria-label={`${n}ページ目`}>
                {n}
              </a>
            )}
          </li>
        ))}
        {windowEnd < pages - 1 ? <li aria-hidden="true">…</li> : null}
        {windowEnd < pages ? (
          <li>
            <a href={href(pages)}>{pages}</a>
          </li>
        ) : null}
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              次へ
            </a>
          </li>
        ) : null}
      </ul>
      <p class="pagination__status">
        全{total.toLocaleString('ja-JP')}件中 {((page - 1) * perPage + 1).toLocaleString('ja-JP')}〜
        {Math.min(page * perPage, total).toLocaleString('ja-JP')}件目
      </p>
    </nav>
  )
}

export function Notice({
  kind,
  children,
}: {
  kind: 'info' | 'success' | 'warning' | 'error'
  children?: Child
}) {
  return (
    <div class={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  )
}

export function Badge({
  children,
  tone,
}: {
  children?: Child
  tone?: 'gray' | 'blue' | 'green' | 'orange' | 'red'
}) {
  return <span class={`badge badge--${tone ?? 'gray'}`}>{children}</span>
}

/** Reads page and per_page from a query with sane bounds. */
export function paging(q: Record<string, string | undefined>, defPer = 20) {
  const page = Math.max(1, Math.min(100000, Number.parseInt(q.page ?? '1', 10) || 1))
  const perPage = Math.max(1, Math.min(100, Number.parseInt(q.per_page ?? String(defPer), 10) || defPer))
  return { page, perPage, offset: (page - 1) * perPage }
}

/** An open-data list's column definitions: CSV header, JSON key, type (when given) and meaning. */
export function OpenDataColumns({
  columns,
  caption = '項目の定義',
}: {
  columns: readonly { header: string; key: string; type?: string; note: string }[]
  caption?: string
}) {
  const typed = columns.some((c) => c.type)
  return (
    <div class="table-wrap">
      <table class="table table--stack">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">列名（CSV見出し）</th>
            <th scope="col">JSONのキー</th>
            {typed ? <th scope="col">型</th> : null}
            <th scope="col">説明</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((x) => (
            <tr>
              <th scope="row">{x.header}</th>
              <td data-label="JSONのキー">
                <code>{x.key}</code>
              </td>
              {typed ? <td data-label="型">{x.type}</td> : null}
              <td data-label="説明">{x.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
