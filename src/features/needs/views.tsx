import type { Child } from 'hono/jsx'
import { inListOrder } from '../../core/db/links.ts'
import { formatDate } from '../../core/japanese/index.ts'
import { Badge } from '../../core/ui/parts.tsx'
import { COLLAB_FORMS, labelOf } from '../../core/vocabulary.ts'
import { CITY_OFFERS, NEED_STATUSES, PARTNER_WANTS } from './domain.ts'
import type { Lookups, Need } from './service.ts'

export const ymdJa = (d: string | null | undefined) => (d ? formatDate(`${d}T00:00:00+09:00`) : '—')

export function StatusBadge({ status }: { status: string }) {
  const tone = (
    {
      draft: 'gray',
      published: 'blue',
      coordinating: 'orange',
      matched: 'green',
      unmatched: 'gray',
      withdrawn: 'red',
    } as const
  )[status as 'draft']
  return <Badge tone={tone ?? 'gray'}>{labelOf(NEED_STATUSES, status)}</Badge>
}

/** A list of facet links (count in brackets), keeping the other query parameters. */
export function Facet(p: {
  title: string
  name: string
  counts: Map<string, number>
  label: (code: string) => string
  query: URLSearchParams
  base: string
}) {
  const current = p.query.get(p.name) ?? ''
  const entries = [...p.counts].sort((a, b) => b[1] - a[1]).slice(0, 15)
  if (!entries.length) return null
  const href = (v: string) => {
    const q = new URLSearchParams(p.query)
    q.delete('page')
    if (v) q.set(p.name, v)
    else q.delete(p.name)
    const s = q.toString()
    return s ? `${p.base}?${s}` : p.base
  }
  return (
    <section class="facet">
      <h2 class="facet__title">{p.title}</h2>
      <ul class="facet__list">
        {current ? (
          <li>
            <a href={href('')}>すべて（解除）</a>
          </li>
        ) : null}
        {entries.map(([code, n]) => (
          <li>
            <a href={href(code)} aria-current={code === current ? 'true' : undefined}>
              {p.label(code)}（{n}）
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function NeedCard({ n, lk }: { n: Need; lk: Lookups }) {
  return (
    <li class="card">
      <h3 class="card__title">
        <a href={`/needs/${n.id}`}>{n.title}</a>
      </h3>
      <p class="small">
        <StatusBadge status={n.status} />{' '}
        {n.visibility === 'staff' ? <Badge tone="red">庁内限定</Badge> : null} {lk.depName(n.departmentId)}
        {n.deadline ? ` ／ 回答期限 ${ymdJa(n.deadline)}` : ''}
      </p>
      <p>{n.situation.length > 120 ? `${n.situation.slice(0, 120)}…` : n.situation}</p>
      <p class="small muted">
        分野：{n.fields.map(lk.fieldName).join('、')} ／ 形態：
        {n.forms.map((f) => labelOf(COLLAB_FORMS, f)).join('、')}
      </p>
    </li>
  )
}

export function Dl({ rows }: { rows: [string, Child][] }) {
  return (
    <dl class="summary-list">
      {rows.map(([k, v]) => (
        <div>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  )
}

export function NeedDetails({ n, lk }: { n: Need; lk: Lookups }) {
  return (
    <Dl
      rows={[
        ['担当課', lk.depName(n.departmentId)],
        ['状態', <StatusBadge status={n.status} />],
        ['公開範囲', n.visibility === 'staff' ? '庁内限定（市職員のみ）' : '一般公開'],
        ['現状と課題', <p class="prewrap">{n.situation}</p>],
        ['目指す姿', <p class="prewrap">{n.goal}</p>],
        [
          '関連する計画・施策',
          n.planIds
            .map((id) => lk.plans.find((p) => p.id === id)?.name ?? '')
            .filter(Boolean)
            .join('、') || '—',
        ],
        [
          '予算',
          n.hasBudget
            ? `あり${n.budgetLimit !== null ? `（上限 ${n.budgetLimit.toLocaleString('ja-JP')}円）` : ''}`
            : 'なし',
        ],
        [
          '市が提供できること',
          [
            n.cityOffers.map((c) => labelOf(CITY_OFFERS, c)).join('、') || '—',
            n.cityOffersNote ? `（${n.cityOffersNote}）` : '',
          ],
        ],
        [
          '協働相手に求めること',
          [
            n.partnerWants.map((c) => labelOf(PARTNER_WANTS, c)).join('、') || '—',
            n.partnerNote ? `（${n.partnerNote}）` : '',
          ],
        ],
        ['協働の形態', n.forms.map((f) => labelOf(COLLAB_FORMS, f)).join('、')],
        ['分野', n.fields.map(lk.fieldName).join('、')],
        [
          '地区',
          n.citywide
            ? '市内全域'
            : inListOrder(
                n.areaIds,
                lk.areas.map((a) => a.id),
              )
                .map(lk.areaName)
                .join('、') || '—',
        ],
        ['実施期間', n.periodStart || n.periodEnd ? `${ymdJa(n.periodStart)} 〜 ${ymdJa(n.periodEnd)}` : '—'],
        ['回答期限', ymdJa(n.deadline)],
      ]}
    />
  )
}
