import type { Child } from 'hono/jsx'
import type { FieldErrors } from '../validation.ts'

/**
 * Form parts following the Digital Agency design system: 「※必須」/「※任意」 in the label,
 * help and error texts linked by aria-describedby, aria-invalid on a field in error.
 */

export type Values = Record<string, unknown>

export interface FieldProps {
  name: string
  label: string
  required?: boolean
  help?: string
  errors?: FieldErrors
  values?: Values
  /** Override the id (default: f-<name>). */
  id?: string
}

const fid = (p: FieldProps) => p.id ?? `f-${p.name.replace(/[^a-zA-Z0-9_-]/g, '-')}`

function Req({ required }: { required?: boolean }) {
  return required ? <span class="req">※必須</span> : <span class="opt">※任意</span>
}

function describedBy(p: FieldProps) {
  const ids: string[] = []
  if (p.help) ids.push(`${fid(p)}-help`)
  if (p.errors?.[p.name]) ids.push(`${fid(p)}-error`)
  return ids.length ? ids.join(' ') : undefined
}

function HelpAndError(p: FieldProps) {
  return (
    <>
      {p.help ? (
        <p class="field__help" id={`${fid(p)}-help`}>
          {p.help}
        </p>
      ) : null}
      {p.errors?.[p.name] ? (
        <p class="field__error" id={`${fid(p)}-error`}>
          {p.errors[p.name]}
        </p>
      ) : null}
    </>
  )
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v))

export function TextField(
  p: FieldProps & {
    type?: string
    autocomplete?: string
    maxlength?: number
    inputmode?: string
    size?: 'short' | 'long'
  },
) {
  return (
    <div class={`field${p.errors?.[p.name] ? ' field--error' : ''}`}>
      <label for={fid(p)} class="field__label">
        {p.label} <Req required={p.required} />
      </label>
      <HelpAndError {...p} />
      <input
        id={fid(p)}
        name={p.name}
        type={p.type ?? 'text'}
        class={`input${p.size === 'short' ? ' input--short' : ''}`}
        value={p.type === 'password' ? '' : str(p.values?.[p.name])}
        required={p.required}
        autocomplete={p.autocomplete}
        maxlength={p.maxlength}
        inputmode={p.inputmode as any}
        aria-describedby={describedBy(p)}
        aria-invalid={p.errors?.[p.name] ? 'true' : undefined}
      />
    </div>
  )
}

export function TextArea(p: FieldProps & { rows?: number; maxlength?: number }) {
  return (
    <div class={`field${p.errors?.[p.name] ? ' field--error' : ''}`}>
      <label for={fid(p)} class="field__label">
        {p.label} <Req required={p.required} />
      </label>
      <HelpAndError {...p} />
      <textarea
        id={fid(p)}
        name={p.name}
        class="textarea"
        rows={p.rows ?? 5}
        required={p.required}
        maxlength={p.maxlength}
        aria-describedby={describedBy(p)}
        aria-invalid={p.errors?.[p.name] ? 'true' : undefined}
      >
        {str(p.values?.[p.name])}
      </textarea>
    </div>
  )
}

export interface Option {
  value: string
  label: string
}

export function Select(p: FieldProps & { options: Option[]; empty?: string }) {
  const current = str(p.values?.[p.name])
  return (
    <div class={`field${p.errors?.[p.name] ? ' field--error' : ''}`}>
      <label for={fid(p)} class="field__label">
        {p.label} <Req required={p.required} />
      </label>
      <HelpAndError {...p} />
      <select
        id={fid(p)}
        name={p.name}
        class="select"
        required={p.required}
        aria-describedby={describedBy(p)}
        aria-invalid={p.errors?.[p.name] ? 'true' : undefined}
      >
        {p.empty !== undefined ? <option value="">{p.empty}</option> : null}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Checkboxes or radios inside fieldset/legend. */
/** Radios or checkboxes in a fieldset; `columns` lays long lists in columns, `inline` a short scale (1–5) in one row. */
export function ChoiceGroup(
  p: FieldProps & { options: Option[]; multiple?: boolean; columns?: boolean; inline?: boolean },
) {
  const raw = p.values?.[p.name]
  const selected = new Set(
    (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map(String),
  )
  return (
    <fieldset
      class={`field fieldset${p.errors?.[p.name] ? ' field--error' : ''}`}
      aria-describedby={describedBy(p)}
      aria-invalid={p.errors?.[p.name] ? 'true' : undefined}
    >
      <legend class="field__label">
        {p.label} <Req required={p.required} />
      </legend>
      <HelpAndError {...p} />
      <div class={p.columns ? 'choices choices--columns' : p.inline ? 'choices choices--inline' : 'choices'}>
        {p.options.map((o, i) => (
          <div class="choice">
            <input
              type={p.multiple ? 'checkbox' : 'radio'}
              id={`${fid(p)}-${i}`}
              name={p.name}
              value={o.value}
              checked={selected.has(o.value)}
              required={!p.multiple && p.required && i === 0 ? true : undefined}
            />
            <label for={`${fid(p)}-${i}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  )
}

/** A single checkbox (yes/no). */
export function Checkbox(p: FieldProps) {
  const v = p.values?.[p.name]
  return (
    <div class={`field${p.errors?.[p.name] ? ' field--error' : ''}`}>
      <HelpAndError {...p} />
      <div class="choice">
        <input
          type="checkbox"
          id={fid(p)}
          name={p.name}
          checked={v === true || v === 'on' || v === 'true'}
          aria-describedby={describedBy(p)}
          aria-invalid={p.errors?.[p.name] ? 'true' : undefined}
        />
        <label for={fid(p)}>{p.label}</label>
      </div>
    </div>
  )
}

/** A date typed as 年/月/日 in three numeric inputs (fields <name>_year, _month, _day). */
export function DateField(p: FieldProps) {
  const val = str(p.values?.[p.name])
  const [y, m, d] = /^\d{4}-\d{2}-\d{2}$/.test(val)
    ? val.split('-').map((x, i) => (i ? String(Number(x)) : x))
    : ['', '', '']
  const part = (k: string, fallback: string) => str(p.values?.[`${p.name}_${k}`]) || fallback
  return (
    <fieldset
      class={`field fieldset${p.errors?.[p.name] ? ' field--error' : ''}`}
      aria-describedby={describedBy(p)}
      aria-invalid={p.errors?.[p.name] ? 'true' : undefined}
    >
      <legend class="field__label">
        {p.label} <Req required={p.required} />
      </legend>
      <HelpAndError {...p} />
      <div class="date-parts">
        <label>
          <input
            class="input input--year"
            name={`${p.name}_year`}
            inputmode="numeric"
            maxlength={4}
            value={part('year', y)}
            required={p.required}
          />
          年
        </label>
        <label>
          <input
            class="input input--md"
            name={`${p.name}_month`}
            inputmode="numeric"
            maxlength={2}
            value={part('month', m)}
            required={p.required}
          />
          月
        </label>
        <label>
          <input
            class="input input--md"
            name={`${p.name}_day`}
            inputmode="numeric"
            maxlength={2}
            value={part('day', d)}
            required={p.required}
          />
          日
        </label>
      </div>
    </fieldset>
  )
}

/** Lists every error at the top of a form, each linking to its field. */
export function ErrorSummary({ errors, labels }: { errors?: FieldErrors; labels?: Record<string, string> }) {
  if (!errors || Object.keys(errors).length === 0) return null
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
      <h2 class="error-summary__title">入力内容に誤りがあります（{Object.keys(errors).length}件）</h2>
      <ul>
        {Object.entries(errors).map(([k, msg]) => (
          <li>
            {k === '_' ? (
              msg
            ) : (
              <a href={`#f-${k.replace(/[^a-zA-Z0-9_-]/g, '-')}`}>
                {labels?.[k] ? `${labels[k]}：${msg}` : msg}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />
}

export function Form(p: {
  action: string
  csrf: string
  children?: Child
  multipart?: boolean
  method?: 'post' | 'get'
  class?: string
}) {
  return (
    <form
      method={p.method ?? 'post'}
      action={p.action}
      enctype={p.multipart ? 'multipart/form-data' : undefined}
      class={p.class ?? 'form'}
      novalidate
    >
      {p.method !== 'get' ? <Csrf token={p.csrf} /> : null}
      {p.children}
    </form>
  )
}

export function Submit({ label, secondary }: { label: string; secondary?: boolean }) {
  return (
    <button type="submit" class={secondary ? 'button button--secondary' : 'button'}>
      {label}
    </button>
  )
}
