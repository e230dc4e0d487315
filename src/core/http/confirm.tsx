import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { AppEnv } from '../context.ts'
import { Csrf } from '../ui/form.tsx'
import { render, type RenderOptions } from './render.tsx'

/**
 * A confirmation step that works without JavaScript. A form posts as usual; the handler calls
 * `confirmFirst` before acting. Without `confirmed=yes` in the body it answers with a page that
 * says what will happen (「…に変更します。よろしいですか。」) and repeats the same fields as hidden
 * inputs, with 「変更する」 (posts again, now confirmed) and 「戻る」 (a link back). The handler acts
 * only when the body carries the confirmation.
 */
export interface ConfirmSpec {
  /** The page title and heading, e.g. 「状態の変更の確認」. */
  title: string
  /** What will happen, ending in 「よろしいですか。」. */
  message: Child
  /** A second paragraph: what follows from it, what is kept. */
  detail?: Child
  /** The button that carries out the act (default 「変更する」). */
  submit?: string
  /** Where 「戻る」 leads. */
  back: string
  /** The action is destructive (red button). */
  danger?: boolean
  /** Defaults to the path that was posted to. */
  action?: string
  crumbs?: RenderOptions['crumbs']
  section?: string
  /**
   * Controls asked for on the confirmation page itself, inside its form (e.g. the password and
   * code that re-authenticate before 2段階認証 is turned off). Their names should not also be in the
   * body passed in, or they would be sent twice.
   */
  fields?: Child
  /** 422 when the page is shown again with an error (default 200). */
  status?: 200 | 409 | 422
}

export const CONFIRM_FIELD = 'confirmed'

export const isConfirmed = (body: Record<string, unknown>) => body[CONFIRM_FIELD] === 'yes'

/** The confirmation page, or null when the body already carries the confirmation. */
export async function confirmFirst(
  c: Context<AppEnv>,
  body: Record<string, unknown>,
  spec: ConfirmSpec,
): Promise<Response | null> {
  if (isConfirmed(body)) return null
  return confirmPage(c, body, spec)
}

/** The confirmation page itself, e.g. shown again after the confirmed post was refused. */
export function confirmPage(c: Context<AppEnv>, body: Record<string, unknown>, spec: ConfirmSpec) {
  const hidden: [string, string][] = []
  for (const [k, v] of Object.entries(body)) {
    if (k === CONFIRM_FIELD || k === '_csrf') continue
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') hidden.push([k, x])
  }
  return render(
    c,
    spec.title,
    <section class="confirm" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{spec.title}</h1>
      <p class="confirm__message">{spec.message}</p>
      {spec.detail ? <p>{spec.detail}</p> : null}
      <form method="post" action={spec.action ?? c.req.path} class="confirm__form">
        <Csrf token={c.get('csrfToken')} />
        {hidden.map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name={CONFIRM_FIELD} value="yes" />
        {spec.fields ?? null}
        <div class="button-row">
          <button type="submit" class={spec.danger ? 'button button--danger' : 'button'}>
            {spec.submit ?? '変更する'}
          </button>
          <a href={spec.back} class="button button--secondary">
            戻る
          </a>
        </div>
      </form>
    </section>,
    { crumbs: spec.crumbs, section: spec.section, status: spec.status },
  )
}
