import {
  Checkbox,
  ChoiceGroup,
  ErrorSummary,
  Form,
  Select,
  Submit,
  TextArea,
  TextField,
} from '../../../core/ui/form.tsx'
import { inListOrder } from '../../../core/db/links.ts'
import { Pagination } from '../../../core/ui/parts.tsx'
import type { FieldErrors } from '../../../core/validation.ts'
import { COLLAB_FORMS, labelOf, RESOURCES } from '../../../core/vocabulary.ts'
import type { matchNeedsForOffer } from '../../matching/index.ts'
import { Dl, Facet, type Lookups } from '../../needs/index.ts'
import type { getOffer, listOffers } from '../service.ts'

const opts = <T extends { code: string; label: string }>(l: readonly T[]) =>
  l.map((x) => ({ value: x.code, label: x.label }))

export function OffersList(p: {
  canCreate: boolean
  lk: Lookups
  q: Record<string, string>
  query: URLSearchParams
  page: number
  result: Awaited<ReturnType<typeof listOffers>>
}) {
  const { q, query, page, lk } = p
  const r = p.result
  return (
    <section>
      <h1>団体の「できること・協働したいこと」</h1>
      {p.canCreate ? (
        <p>
          <a href="/offers/new" class="button">
            できること・協働したいことを登録する
          </a>
        </p>
      ) : null}
      <Form action="/offers" method="get" csrf="">
        <TextField name="q" label="キーワード" values={q} />
        <Submit label="検索" />
      </Form>
      <div class="with-sidebar">
        <aside aria-label="絞り込み">
          {[
            { title: '分野', name: 'field', counts: r.facets.field, label: lk.fieldName },
            {
              title: '協働の形態',
              name: 'form',
              counts: r.facets.form,
              label: (f: string) => labelOf(COLLAB_FORMS, f),
            },
          ].map((f) => (
            <Facet {...f} query={query} base="/offers" />
          ))}
        </aside>
        <div>
          <p role="status">{r.total}件</p>
          <ul class="cards">
            {r.items.map((o) => (
              <li class="card">
                <h2 class="card__title">
                  <a href={`/offers/${o.id}`}>{o.title}</a>
                </h2>
                <p class="small">{o.groupName}</p>
                <p>{o.body.length > 120 ? `${o.body.slice(0, 120)}…` : o.body}</p>
              </li>
            ))}
          </ul>
          <Pagination page={page} perPage={20} total={r.total} baseQuery={query} />
        </div>
      </div>
    </section>
  )
}

export function OfferForm(p: {
  csrf: string
  lk: Lookups
  groups: { id: string; name: string }[]
  values: Record<string, unknown>
  errors?: FieldErrors
}) {
  const { values, errors, lk } = p
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form action="/offers" csrf={p.csrf}>
        <Select
          name="groupId"
          label="団体"
          required
          options={p.groups.map((g) => ({ value: g.id, label: g.name }))}
          values={values}
          errors={errors}
        />
        <TextField name="title" label="件名" required values={values} errors={errors} />
        <TextArea
          name="body"
          label="できること・協働したいこと"
          required
          rows={6}
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="fields"
          label="分野"
          required
          multiple
          columns
          options={lk.fields.map((f) => ({ value: f.code, label: f.label }))}
          values={values}
          errors={errors}
        />
        <Checkbox name="citywide" label="市内全域で活動できる" values={values} />
        <ChoiceGroup
          name="areaIds"
          label="地区"
          multiple
          columns
          options={lk.areas.map((a) => ({ value: a.id, label: a.name }))}
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="forms"
          label="希望する協働の形態"
          multiple
          columns
          options={opts(COLLAB_FORMS)}
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="resources"
          label="提供できる資源"
          multiple
          columns
          options={opts(RESOURCES)}
          values={values}
          errors={errors}
        />
        <TextField
          name="timing"
          label="時期"
          values={values}
          errors={errors}
          help="例：通年、毎月第2土曜日、夏休み期間"
        />
        <Submit label="登録する" />
      </Form>
    </>
  )
}

/** The page to register an offer: the form, empty or again with the typed values and errors. */
export function OfferNewPage(p: Parameters<typeof OfferForm>[0]) {
  return (
    <section>
      <h1>できること・協働したいことを登録</h1>
      <OfferForm {...p} />
    </section>
  )
}

export function OfferDetail(p: {
  offer: NonNullable<Awaited<ReturnType<typeof getOffer>>>
  lk: Lookups
  matches: Awaited<ReturnType<typeof matchNeedsForOffer>>
}) {
  const { offer: o, lk, matches } = p
  return (
    <article>
      <h1>{o.title}</h1>
      <Dl
        rows={[
          ['団体', o.group.name],
          ['内容', <p class="prewrap">{o.body}</p>],
          ['分野', o.fields.map(lk.fieldName).join('、')],
          [
            '地区',
            o.citywide
              ? '市内全域'
              : inListOrder(
                  o.areaIds,
                  lk.areas.map((a) => a.id),
                )
                  .map(lk.areaName)
                  .join('、') || '—',
          ],
          ['希望する協働の形態', o.forms.map((f) => labelOf(COLLAB_FORMS, f)).join('、') || '—'],
          ['提供できる資源', o.resources.map((r) => labelOf(RESOURCES, r)).join('、') || '—'],
          ['時期', o.timing || '—'],
        ]}
      />
      {matches.length ? (
        <section>
          <h2>合いそうな協働ニーズ</h2>
          <ul>
            {matches.map((m) => (
              <li>
                <a href={`/needs/${m.needId}`}>{m.title}</a>（適合度 {m.score}）：{m.reasons.join('／')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  )
}
