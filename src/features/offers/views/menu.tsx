import { ErrorSummary, Form, Select, Submit, TextArea, TextField } from '../../../core/ui/form.tsx'
import type { FieldErrors } from '../../../core/validation.ts'
import { Dl, type Lookups } from '../../needs/index.ts'
import { MENU_KINDS } from '../domain.ts'
import type { listMenu } from '../service.ts'

const opts = <T extends { code: string; label: string }>(l: readonly T[]) =>
  l.map((x) => ({ value: x.code, label: x.label }))

export function MenuPage(p: {
  csrf: string
  /** May this person add and remove entries (menu.manage)? */
  manage: boolean
  lk: Lookups
  items: Awaited<ReturnType<typeof listMenu>>
  values?: Record<string, unknown>
  errors?: FieldErrors
}) {
  const { manage, csrf } = p
  return (
    <section>
      <h1>協働メニュー（市に頼めること）</h1>
      <p class="lead">
        市民活動団体が市にお願いできることの一覧です。担当課・条件・申請方法を確認し、わからないときは協働推進の窓口にご相談ください。
      </p>
      {MENU_KINDS.map((k) => {
        const list = p.items.filter((i) => i.kind === k.code)
        if (!list.length) return null
        return (
          <section>
            <h2>{k.label}</h2>
            {list.map((i) => (
              <article class="card">
                <h3 class="card__title">{i.title}</h3>
                <p class="prewrap">{i.description}</p>
                <Dl
                  rows={[
                    ['担当課', p.lk.depName(i.departmentId) || '—'],
                    ['条件', i.conditions || '—'],
                    ['申請方法', i.howToApply || '—'],
                  ]}
                />
                {manage ? (
                  <Form action={`/menu/${i.id}/remove`} csrf={csrf} class="inline-form">
                    <Submit label="掲載をやめる" secondary />
                  </Form>
                ) : null}
              </article>
            ))}
          </section>
        )
      })}
      {manage ? (
        <section class="panel">
          <h2>メニューを追加（コーディネーター）</h2>
          <ErrorSummary errors={p.errors} />
          <Form action="/menu" csrf={csrf}>
            <Select
              name="kind"
              label="種類"
              required
              options={opts(MENU_KINDS)}
              values={p.values}
              errors={p.errors}
            />
            <TextField name="title" label="名称" required values={p.values} errors={p.errors} />
            <TextArea name="description" label="内容" rows={3} values={p.values} errors={p.errors} />
            <Select
              name="departmentId"
              label="担当課"
              empty="（選択しない）"
              options={p.lk.departments.map((d) => ({ value: d.id, label: d.name }))}
              values={p.values}
              errors={p.errors}
            />
            <TextArea name="conditions" label="条件" rows={2} values={p.values} errors={p.errors} />
            <TextArea name="howToApply" label="申請方法" rows={2} values={p.values} errors={p.errors} />
            <Submit label="追加する" />
          </Form>
        </section>
      ) : null}
    </section>
  )
}
