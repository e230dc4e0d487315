import type { Holding } from '../../core/feature.ts'
import { formatDateTime } from '../../core/japanese/index.ts'
import { ChoiceGroup, ErrorSummary, Form, Select, Submit, TextArea } from '../../core/ui/form.tsx'
import { Badge, Notice, Pagination } from '../../core/ui/parts.tsx'
import type { FieldErrors } from '../../core/validation.ts'
import { labelOf } from '../../core/vocabulary.ts'
import { HANDOVER_STATUSES } from './domain.ts'
import type { Handover, HandoverItem, Person } from './service.ts'

type Kinded<T> = { kind: string; label: string; items: T[] }
const who = (p: Person | undefined) =>
  p
    ? `${p.name}${p.departments.length ? `（${p.departments.join('・')}）` : ''}${p.disabled ? '［利用停止］' : ''}`
    : '（不明）'

export function HandoversHome(p: {
  list: (Handover & { itemCount: number })[]
  people: Map<string, Person>
  me: string
  mine: Kinded<Holding>[]
  oversee: boolean
  unheld: Kinded<Holding & { holderId: string | null }>[]
  page: number
  perPage: number
  total: number
}) {
  const pending = p.list.filter((h) => h.status === 'pending' && h.toUserId === p.me)
  const mineTotal = p.mine.reduce((n, k) => n + k.items.length, 0)
  const unheldTotal = p.unheld.reduce((n, k) => n + k.items.length, 0)
  return (
    <section>
      <h1>引継ぎ</h1>
      <p class="lead">
        異動や退職の前に、担当している協働の案件を後任者に引き継ぎます。経緯・約束したこと・温度感を書き残し、後任者が確認します。団体には新しい担当者だけが知らされます。
      </p>
      {pending.length ? (
        <Notice kind="info">
          <p>
            確認していない引継ぎが{pending.length}件あります。記録を読んで「確認しました」を押してください。
          </p>
        </Notice>
      ) : null}
      <h2>自分が担当している案件（{mineTotal}件）</h2>
      {mineTotal ? (
        <>
          <HoldingLists lists={p.mine} />
          <p>
            <a class="button" href={`/handovers/new?from=${p.me}`}>
              自分の案件を引き継ぐ
            </a>
          </p>
        </>
      ) : (
        <p>いま担当している案件はありません。</p>
      )}
      {p.oversee ? (
        <>
          <h2>担当者のいない案件（{unheldTotal}件）</h2>
          <p class="small">担当者がいない、または担当者のアカウントが利用停止になっている案件です。</p>
          {unheldTotal ? (
            <>
              <HoldingLists lists={p.unheld} />
              <p>
                <a class="button button--secondary" href="/handovers/new?from=unheld">
                  担当者のいない案件を割り当てる
                </a>
              </p>
            </>
          ) : (
            <p>ありません。</p>
          )}
          <p>
            <a href="/handovers/holdings">課ごとの担当状況（だれが何を担当しているか）</a>
          </p>
        </>
      ) : null}
      <h2>引継ぎの記録</h2>
      {p.list.length ? (
        <div class="table-wrap">
          <table class="table table--stack">
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">引き継いだ人</th>
                <th scope="col">後任者</th>
                <th scope="col">案件</th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {p.list.map((h) => (
                <tr>
                  <td data-label="日時">
                    <a href={`/handovers/${h.id}`}>{formatDateTime(h.createdAt)}</a>
                  </td>
                  <td data-label="引き継いだ人">{who(p.people.get(h.fromUserId))}</td>
                  <td data-label="後任者">{who(p.people.get(h.toUserId))}</td>
                  <td data-label="案件">{h.itemCount}件</td>
                  <td data-label="状態">
                    <Badge tone={h.status === 'pending' ? 'orange' : 'green'}>
                      {labelOf(HANDOVER_STATUSES, h.status)}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>引継ぎの記録はまだありません。</p>
      )}
      <Pagination page={p.page} perPage={p.perPage} total={p.total} baseQuery={new URLSearchParams()} />
    </section>
  )
}

function HoldingLists(p: { lists: Kinded<Holding>[] }) {
  return (
    <>
      {p.lists
        .filter((k) => k.items.length)
        .map((k) => (
          <>
            <h3>
              {k.label}（{k.items.length}件）
            </h3>
            <ul>
              {k.items.map((h) => (
                <li>
                  <a href={h.href}>{h.title}</a> <span class="small muted">{h.state}</span>
                </li>
              ))}
            </ul>
          </>
        ))}
    </>
  )
}

export function HandoverForm(p: {
  csrf: string
  from: Person | null
  fromUserId: string
  lists: Kinded<Holding>[]
  successors: Person[]
  values?: Record<string, unknown>
  errors?: FieldErrors
}) {
  const values = p.values ?? { items: p.lists.flatMap((k) => k.items.map((h) => `${h.kind}:${h.id}`)) }
  const total = p.lists.reduce((n, k) => n + k.items.length, 0)
  return (
    <section>
      <h1>{p.from ? `${p.from.name} さんの案件を引き継ぐ` : '担当者のいない案件を割り当てる'}</h1>
      <p>
        引き継ぐ案件を選び、後任者と引継ぎの記録を書いてください。案件の担当はすぐに後任者に移り、後任者にはお知らせとメールが届きます。団体には新しい担当者の名前と課だけが知らされます（記録は団体には見えません）。
      </p>
      <ErrorSummary errors={p.errors} />
      {total ? (
        <Form action="/handovers" csrf={p.csrf}>
          <input type="hidden" name="fromUserId" value={p.fromUserId} />
          {p.from ? null : <input type="hidden" name="source" value="unheld" />}
          {p.lists
            .filter((k) => k.items.length)
            .map((k) => (
              <ChoiceGroup
                name="items"
                label={`${k.label}（${k.items.length}件）`}
                multiple
                required
                options={k.items.map((h) => ({
                  value: `${h.kind}:${h.id}`,
                  label: `${h.title}（${h.state}）`,
                }))}
                values={values}
                errors={p.errors}
              />
            ))}
          <Select
            name="toUserId"
            label="後任者"
            required
            empty="選んでください"
            options={p.successors
              .filter((s) => s.id !== p.fromUserId)
              .map((s) => ({ value: s.id, label: who(s) }))}
            values={values}
            errors={p.errors}
          />
          <TextArea
            name="background"
            label="経緯"
            required
            rows={5}
            help="どうしてこの案件が始まり、いまどこまで進んでいるか。相手の団体・担当者の名前も。"
            values={values}
            errors={p.errors}
          />
          <TextArea
            name="promises"
            label="約束したこと"
            rows={4}
            help="団体や関係課と約束したこと、期限のあること（例：3月の会議までに会場を手配する）。"
            values={values}
            errors={p.errors}
          />
          <TextArea
            name="temperature"
            label="温度感"
            rows={3}
            help="相手がどう感じているか、気をつけること（庁内だけの記録で、団体には見えません）。"
            values={values}
            errors={p.errors}
          />
          <Submit label="引き継ぐ" />
        </Form>
      ) : (
        <p>引き継ぐ案件はありません。</p>
      )}
      <p>
        <a href="/handovers">引継ぎに戻る</a>
      </p>
    </section>
  )
}

export function HandoverPage(p: {
  h: Handover
  items: HandoverItem[]
  people: Map<string, Person>
  kindLabel: (k: string) => string
  canAck: boolean
  csrf: string
  values?: Record<string, unknown>
  errors?: FieldErrors
}) {
  const { h } = p
  return (
    <section>
      <h1>引継ぎの記録</h1>
      <p>
        <Badge tone={h.status === 'pending' ? 'orange' : 'green'}>
          {labelOf(HANDOVER_STATUSES, h.status)}
        </Badge>{' '}
        {formatDateTime(h.createdAt)}
      </p>
      <dl class="dl">
        <dt>引き継いだ人</dt>
        <dd>{who(p.people.get(h.fromUserId))}</dd>
        <dt>後任者</dt>
        <dd>{who(p.people.get(h.toUserId))}</dd>
        {h.acknowledgedAt ? (
          <>
            <dt>確認</dt>
            <dd>
              {formatDateTime(h.acknowledgedAt)}
              {h.ackNote ? <p class="prewrap">{h.ackNote}</p> : null}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>案件（{p.items.length}件）</h2>
      <ul>
        {p.items.map((i) => (
          <li>
            <span class="small muted">{p.kindLabel(i.kind)}</span> <a href={i.href}>{i.title}</a>{' '}
            <span class="small muted">（引継ぎの時点：{i.state}）</span>
          </li>
        ))}
      </ul>
      <h2>経緯</h2>
      <p class="prewrap">{h.background}</p>
      <h2>約束したこと</h2>
      <p class="prewrap">{h.promises || '（記入なし）'}</p>
      <h2>温度感</h2>
      <p class="prewrap">{h.temperature || '（記入なし）'}</p>
      {p.canAck ? (
        <>
          <h2>確認</h2>
          <ErrorSummary errors={p.errors} />
          <Form action={`/handovers/${h.id}/acknowledge`} csrf={p.csrf}>
            <TextArea
              name="ackNote"
              label="確認のひとこと"
              rows={2}
              help="前任者と協働推進課に届きます（例：3月の会議は私が出ます）。"
              values={p.values}
              errors={p.errors}
            />
            <Submit label="確認しました" />
          </Form>
        </>
      ) : null}
      <p>
        <a href="/handovers">引継ぎに戻る</a>
      </p>
    </section>
  )
}

export function HoldingsPage(p: {
  departments: { id: string; name: string }[]
  departmentId: string
  rows: { person: Person; byKind: Kinded<Holding>[]; total: number }[]
  kinds: { kind: string; label: string }[]
  canHandOver: (userId: string) => boolean
}) {
  return (
    <section>
      <h1>課ごとの担当状況</h1>
      <Form action="/handovers/holdings" method="get" csrf="" class="search-form">
        <Select
          name="department"
          label="課"
          required
          options={p.departments.map((d) => ({ value: d.id, label: d.name }))}
          values={{ department: p.departmentId }}
        />
        <Submit label="表示する" />
      </Form>
      {p.rows.length ? (
        <div class="table-wrap">
          <table class="table table--stack">
            <thead>
              <tr>
                <th scope="col">職員</th>
                {p.kinds.map((k) => (
                  <th scope="col">{k.label}</th>
                ))}
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td data-label="職員">{who(r.person)}</td>
                  {p.kinds.map((k) => (
                    <td data-label={k.label}>
                      {r.byKind.find((x) => x.kind === k.kind)?.items.length ?? 0}件
                    </td>
                  ))}
                  <td data-label="操作">
                    {r.total && p.canHandOver(r.person.id) ? (
                      <a href={`/handovers/new?from=${r.person.id}`}>引き継ぐ</a>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>この課に所属している職員はいません。</p>
      )}
    </section>
  )
}
