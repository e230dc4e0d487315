import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { audit } from '../../core/audit/index.ts'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { municipalities } from '../../core/db/schema.ts'
import { rows } from '../../core/db/index.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { Checkbox, ErrorSummary, Form, Submit, TextField } from '../../core/ui/form.tsx'
import type { FieldErrors } from '../../core/validation.ts'
import { fieldsOf, NPO_FIELDS } from '../../core/vocabulary.ts'
import { eq } from 'drizzle-orm'
import { adminCrumbs } from './views.tsx'

/**
 * 活動分野の一覧: the NPO Act's 20 fields by default; a city may rename them, add its own and
 * remove ones no group, need or offer uses. Stored in municipalities.settings.fields.
 */
export const fieldsRoutes = new Hono<AppEnv>()

type FieldItem = { code: string; label: string }

async function usage(ctx: Ctx, code: string): Promise<number> {
  const r = await rows<{ n: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS n FROM groups WHERE municipality_id = ${ctx.tenantId} AND ${code} = ANY(fields)`,
  )
  return Number(r[0]?.n ?? 0)
}

/** Apply the form to the current list; pure apart from the usage counts. */
export function applyFieldsForm(
  current: FieldItem[],
  body: Record<string, unknown>,
  used: Record<string, number>,
): { ok: true; fields: FieldItem[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const out: FieldItem[] = []
  for (const f of current) {
    const label = String(body[`label_${f.code}`] ?? f.label).trim()
    const remove = body[`remove_${f.code}`] === 'on'
    if (remove) {
      if ((used[f.code] ?? 0) > 0)
        errors[`remove_${f.code}`] =
          `「${f.label}」は${used[f.code]}団体が使っているため削除できません。名称の変更はできます`
      continue
    }
    if (!label) errors[`label_${f.code}`] = `「${f.label}」の名称を入力してください`
    else if (label.length > 40)
      errors[`label_${f.code}`] = `「${f.label}」の名称は40文字以内で入力してください`
    out.push({ code: f.code, label })
  }
  const newLabel = String(body.newLabel ?? '').trim()
  if (newLabel) {
    if (newLabel.length > 40) errors.newLabel = '追加する分野の名称は40文字以内で入力してください'
    else {
      let n = 1
      while (current.some((f) => f.code === `custom_${n}`)) n++
      out.push({ code: `custom_${n}`, label: newLabel })
    }
  }
  const seen = new Set<string>()
  for (const f of out) {
    if (seen.has(f.label))
      errors.newLabel = errors.newLabel ?? `分野の名称「${f.label}」が重複しています。別の名称にしてください`
    seen.add(f.label)
  }
  if (out.length === 0) errors._ = '分野を1つ以上残してください'
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, fields: out }
}

function FieldsPage(p: {
  csrf: string
  fields: FieldItem[]
  used: Record<string, number>
  values?: Record<string, unknown>
  errors?: FieldErrors
}) {
  const isDefault =
    p.fields.length === NPO_FIELDS.length &&
    p.fields.every((f, i) => f.code === NPO_FIELDS[i].code && f.label === NPO_FIELDS[i].label)
  return (
    <section>
      <h1>活動分野の一覧</h1>
      <p>
        団体の登録・協働ニーズ・絞り込みで使う活動分野です。初期値は特定非営利活動促進法（別表）の20分野です。名称の変更、市独自の分野の追加、使われていない分野の削除ができます。
      </p>
      <ErrorSummary errors={p.errors} />
      <Form action="/admin/fields" csrf={p.csrf}>
        <h2>現在の分野（{p.fields.length}件）</h2>
        <ul class="fields-list">
          {p.fields.map((f) => (
            <li>
              <fieldset class="fieldset">
                <legend class="field__label">
                  {f.label}（使っている団体：{p.used[f.code] ?? 0}）
                </legend>
                <TextField
                  name={`label_${f.code}`}
                  label="名称"
                  required
                  values={p.values ?? { [`label_${f.code}`]: f.label }}
                  errors={p.errors}
                />
                <Checkbox
                  name={`remove_${f.code}`}
                  label={`「${f.label}」を削除する`}
                  values={p.values}
                  errors={p.errors}
                />
              </fieldset>
            </li>
          ))}
        </ul>
        <TextField
          name="newLabel"
          label="追加する分野の名称"
          help="市独自の分野を追加するときだけ入力してください（40文字以内）"
          values={p.values}
          errors={p.errors}
        />
        <Submit label="保存する" />
      </Form>
      {isDefault ? null : (
        <Form action="/admin/fields/reset" csrf={p.csrf}>
          <p>法律の20分野に戻すこともできます（市独自の分野を使っている団体がある場合は戻せません）。</p>
          <Submit label="法律の20分野に戻す" secondary />
        </Form>
      )}
    </section>
  )
}

async function usedMap(ctx: Ctx, fields: FieldItem[]) {
  const used: Record<string, number> = {}
  for (const f of fields) used[f.code] = await usage(ctx, f.code)
  return used
}

const pageOpts = (status?: 422) => ({
  section: 'admin',
  crumbs: adminCrumbs({ label: '活動分野の一覧' }),
  status,
})

fieldsRoutes.get('/admin/fields', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const fields = fieldsOf(ctx.municipality.settings)
  return render(
    c,
    '活動分野の一覧',
    <FieldsPage csrf={c.get('csrfToken')} fields={fields} used={await usedMap(ctx, fields)} />,
    pageOpts(),
  )
})

async function save(ctx: Ctx, before: FieldItem[], fields: FieldItem[] | null) {
  const settings = { ...(ctx.municipality.settings ?? {}) }
  if (fields) settings.fields = fields
  else delete settings.fields
  await ctx.db
    .update(municipalities)
    .set({ settings, updatedAt: new Date() })
    .where(eq(municipalities.id, ctx.tenantId))
  await audit(ctx, {
    action: 'municipality.fields.update',
    entityType: 'municipality',
    entityId: ctx.tenantId,
    changes: { fields: [before, fields ?? 'NPO法の20分野'] },
  })
}

fieldsRoutes.post('/admin/fields', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const body = await formBody(c)
  const current = fieldsOf(ctx.municipality.settings)
  const used = await usedMap(ctx, current)
  const r = applyFieldsForm(current, body, used)
  if (!r.ok)
    return render(
      c,
      '活動分野の一覧',
      <FieldsPage csrf={c.get('csrfToken')} fields={current} used={used} values={body} errors={r.errors} />,
      pageOpts(422),
    )
  await save(ctx, current, r.fields)
  setFlash(c, '活動分野の一覧を保存しました。')
  return c.redirect('/admin/fields', 303)
})

fieldsRoutes.post('/admin/fields/reset', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const current = fieldsOf(ctx.municipality.settings)
  const npo = new Set<string>(NPO_FIELDS.map((f) => f.code))
  const custom = current.filter((f) => !npo.has(f.code))
  const used = await usedMap(ctx, custom)
  const blocking = custom.filter((f) => used[f.code] > 0)
  if (blocking.length) {
    return render(
      c,
      '活動分野の一覧',
      <FieldsPage
        csrf={c.get('csrfToken')}
        fields={current}
        used={await usedMap(ctx, current)}
        errors={{
          _: `市独自の分野（${blocking.map((f) => f.label).join('、')}）を使っている団体があるため、20分野に戻せません`,
        }}
      />,
      pageOpts(422),
    )
  }
  await save(ctx, current, null)
  setFlash(c, '活動分野を法律の20分野に戻しました。')
  return c.redirect('/admin/fields', 303)
})
