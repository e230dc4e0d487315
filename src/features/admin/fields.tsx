import { citiesChanged } from '../../core/db/cities.ts'
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
 * remove ones no group, need, offer or follow setting uses. Stored in municipalities.settings.fields;
 * settings.fieldCodeSeq is the highest custom_n ever issued, so a removed code is never reissued.
 */
export const fieldsRoutes = new Hono<AppEnv>()

type FieldItem = { code: string; label: string }

/** Where a field code is used: groups, needs, offers and follow settings (お知らせの設定). */
export type FieldUsage = { groups: number; needs: number; offers: number; follows: number }

const USAGE_LABELS: [keyof FieldUsage, string][] = [
  ['groups', '団体'],
  ['needs', '協働ニーズ'],
  ['offers', 'できること'],
  ['follows', 'フォロー設定'],
]

const totalOf = (u: FieldUsage | undefined) => (u ? u.groups + u.needs + u.offers + u.follows : 0)

/** 「団体3件・協働ニーズ1件」, or '' when unused. */
export function describeUsage(u: FieldUsage | undefined): string {
  if (!u) return ''
  return USAGE_LABELS.filter(([k]) => u[k] > 0)
    .map(([k, label]) => `${label}${u[k]}件`)
    .join('・')
}

/**
 * Usage of every field code in this city, in one query over every table holding field codes
 * (groups, needs, offers, follow_settings). Codes no longer in the list are counted too.
 */
async function usedMap(ctx: Ctx): Promise<Record<string, FieldUsage>> {
  const t = ctx.tenantId
  const r = await rows<{ src: keyof FieldUsage; code: string; n: number }>(
    ctx.db,
    sql`SELECT 'groups' AS src, u.code, count(DISTINCT x.id)::int AS n
          FROM groups x CROSS JOIN LATERAL unnest(x.fields) AS u(code) WHERE x.municipality_id = ${t} GROUP BY u.code
        UNION ALL
        SELECT 'needs', u.code, count(DISTINCT x.id)::int
          FROM needs x CROSS JOIN LATERAL unnest(x.fields) AS u(code) WHERE x.municipality_id = ${t} GROUP BY u.code
        UNION ALL
        SELECT 'offers', u.code, count(DISTINCT x.id)::int
          FROM offers x CROSS JOIN LATERAL unnest(x.fields) AS u(code) WHERE x.municipality_id = ${t} GROUP BY u.code
        UNION ALL
        SELECT 'follows', u.code, count(DISTINCT x.id)::int
          FROM follow_settings x CROSS JOIN LATERAL unnest(x.fields) AS u(code) WHERE x.municipality_id = ${t} GROUP BY u.code`,
  )
  const used: Record<string, FieldUsage> = {}
  for (const { src, code, n } of r) {
    used[code] ??= { groups: 0, needs: 0, offers: 0, follows: 0 }
    used[code][src] = Number(n)
  }
  return used
}

const customNumber = (code: string) => {
  const m = /^custom_(\d+)$/.exec(code)
  return m ? Number(m[1]) : 0
}

/**
 * The highest custom_n ever issued in this city: the mark kept in settings.fieldCodeSeq, and for
 * cities that removed fields before the mark existed, any code still in the list, still used
 * somewhere, or named in the audit log of the list. Codes are never reissued.
 */
async function lastIssuedCode(ctx: Ctx, current: FieldItem[], used: Record<string, FieldUsage>) {
  const [a] = await rows<{ n: number | null }>(
    ctx.db,
    sql`SELECT max((m[1])::int) AS n
          FROM audit_log, regexp_matches(changes::text, 'custom_([0-9]+)', 'g') AS m
         WHERE municipality_id = ${ctx.tenantId} AND action = 'municipality.fields.update'`,
  )
  return Math.max(
    Number(ctx.municipality.settings?.fieldCodeSeq ?? 0) || 0,
    Number(a?.n ?? 0),
    ...current.map((f) => customNumber(f.code)),
    ...Object.keys(used).map(customNumber),
  )
}

/** Apply the form to the current list; pure apart from the usage counts. */
export function applyFieldsForm(
  current: FieldItem[],
  body: Record<string, unknown>,
  used: Record<string, FieldUsage>,
  lastIssued = 0,
): { ok: true; fields: FieldItem[]; lastIssued: number } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const out: FieldItem[] = []
  for (const f of current) {
    const label = String(body[`label_${f.code}`] ?? f.label).trim()
    const remove = body[`remove_${f.code}`] === 'on'
    if (remove) {
      if (totalOf(used[f.code]) > 0)
        errors[`remove_${f.code}`] =
          `分野「${f.label}」は${describeUsage(used[f.code])}で使われているため削除できません。名称の変更はできます`
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
      // Never reuse a code: old references, audit rows and exports would change meaning.
      let n = lastIssued + 1
      while (current.some((f) => f.code === `custom_${n}`)) n++
      lastIssued = n
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
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, fields: out, lastIssued }
}

function FieldsPage(p: {
  csrf: string
  fields: FieldItem[]
  used: Record<string, FieldUsage>
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
                  {f.label}（{describeUsage(p.used[f.code]) || '未使用'}）
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
          <p>
            法律の20分野に戻すこともできます（市独自の分野が団体・協働ニーズなどで使われている場合は戻せません）。
          </p>
          <Submit label="法律の20分野に戻す" secondary />
        </Form>
      )}
    </section>
  )
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
    <FieldsPage csrf={c.get('csrfToken')} fields={fields} used={await usedMap(ctx)} />,
    pageOpts(),
  )
})

async function save(ctx: Ctx, before: FieldItem[], fields: FieldItem[] | null, lastIssued?: number) {
  const patch: Record<string, unknown> = {}
  // The high-water mark of custom_n codes survives removals and the reset to the 20 fields.
  if (lastIssued)
    patch.fieldCodeSeq = Math.max(lastIssued, Number(ctx.municipality.settings?.fieldCodeSeq ?? 0) || 0)
  if (fields) patch.fields = fields
  // Merged in the database: the other settings are written by other forms (and the request's
  // copy of the city may be a few seconds old, core/db/cities.ts), so they are not written back.
  const kept = fields ? sql`${municipalities.settings}` : sql`(${municipalities.settings} - 'fields')`
  await ctx.db
    .update(municipalities)
    .set({ settings: sql`${kept} || ${JSON.stringify(patch)}::jsonb`, updatedAt: new Date() })
    .where(eq(municipalities.id, ctx.tenantId))
  citiesChanged()
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
  const used = await usedMap(ctx)
  const adding = String(body.newLabel ?? '').trim() !== ''
  const r = applyFieldsForm(current, body, used, adding ? await lastIssuedCode(ctx, current, used) : 0)
  if (!r.ok)
    return render(
      c,
      '活動分野の一覧',
      <FieldsPage csrf={c.get('csrfToken')} fields={current} used={used} values={body} errors={r.errors} />,
      pageOpts(422),
    )
  await save(ctx, current, r.fields, adding ? r.lastIssued : undefined)
  setFlash(c, '活動分野の一覧を保存しました。')
  return c.redirect('/admin/fields', 303)
})

fieldsRoutes.post('/admin/fields/reset', async (c) => {
  const ctx = await authorize(c, 'organisation.manage')
  const current = fieldsOf(ctx.municipality.settings)
  const npo = new Set<string>(NPO_FIELDS.map((f) => f.code))
  const custom = current.filter((f) => !npo.has(f.code))
  const used = await usedMap(ctx)
  const blocking = custom.filter((f) => totalOf(used[f.code]) > 0)
  if (blocking.length) {
    return render(
      c,
      '活動分野の一覧',
      <FieldsPage
        csrf={c.get('csrfToken')}
        fields={current}
        used={used}
        errors={{
          _: `市独自の分野（${blocking.map((f) => `「${f.label}」：${describeUsage(used[f.code])}`).join('、')}）が使われているため、20分野に戻せません`,
        }}
      />,
      pageOpts(422),
    )
  }
  await save(ctx, current, null)
  setFlash(c, '活動分野を法律の20分野に戻しました。')
  return c.redirect('/admin/fields', 303)
})
