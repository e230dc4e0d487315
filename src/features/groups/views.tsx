import type { Child } from 'hono/jsx'
import { inListOrder } from '../../core/db/links.ts'
import { formatDate, formatDateTime, formatPostalCode } from '../../core/japanese/index.ts'
import {
  Checkbox,
  ChoiceGroup,
  ErrorSummary,
  Form,
  Select,
  Submit,
  TextArea,
  TextField,
} from '../../core/ui/form.tsx'
import { Badge, Notice, Pagination } from '../../core/ui/parts.tsx'
import type { FieldErrors } from '../../core/validation.ts'
import { ACTOR_KINDS, LEGAL_FORMS, labelOf, RESOURCES } from '../../core/vocabulary.ts'
import {
  CONTACT_FIELDS,
  DOCUMENT_KINDS,
  disclosureStars,
  type GroupStatus,
  STAGES,
  STATUS_LABELS,
  STATUS_TONES,
  VISIBILITIES,
} from './domain.ts'
import { LABELS } from './forms.ts'
import type { Facets, SearchResult } from './search.ts'
import { SORTS } from './search.ts'
import type { Group, ProfileView } from './service.ts'

export type Values = Record<string, unknown>
type Opt = { code: string; label: string }

export function StatusBadge({ status }: { status: string }) {
  const s = status as GroupStatus
  return <Badge tone={STATUS_TONES[s] ?? 'gray'}>{STATUS_LABELS[s] ?? status}</Badge>
}

export function Stars({ level }: { level: number }) {
  return (
    <span class="groups-stars" title={`情報開示レベル ${level}／5`}>
      <span aria-hidden="true">{disclosureStars(level)}</span>
      <span class="visually-hidden">情報開示レベル{level}（5段階）</span>
    </span>
  )
}

/** Values for the form from a stored group. */
export function valuesOf(g: Group): Values {
  const v: Values = {
    ...g,
    citywide: g.citywide ? 'on' : '',
    wantsCollaboration: g.wantsCollaboration ? 'on' : '',
    socialLinks: g.socialLinks.join('\n'),
    foundedYear: g.foundedYear ?? '',
    memberCount: g.memberCount ?? '',
  }
  for (const f of CONTACT_FIELDS) v[`vis_${f.key}`] = g.contactVisibility?.[f.key] ?? f.default
  for (const [k, on] of Object.entries(g.checklist ?? {})) if (on) v[`check_${k}`] = 'on'
  return v
}

export function GroupFormFields(p: {
  values: Values
  errors?: FieldErrors
  fields: Opt[]
  areas: { id: string; name: string }[]
}) {
  const { values, errors } = p
  const vis = (key: string, label: string) => (
    <Select
      name={`vis_${key}`}
      label={`${label}の公開範囲`}
      options={VISIBILITIES.map((x) => ({ value: x.code, label: x.label }))}
      values={values}
      errors={errors}
    />
  )
  return (
    <>
      <fieldset class="fieldset">
        <legend class="field__label">基本情報</legend>
        <TextField name="name" label="団体名" required maxlength={100} values={values} errors={errors} />
        <TextField
          name="nameKana"
          label="団体名（フリガナ）"
          required
          help={
            values.nameKanaGenerated === true
              ? 'このフリガナは取り込みのとき団体名から自動で作りました。正しいか確かめてください（保存すると確認済みになります）。カタカナ（ひらがなでも可）'
              : 'カタカナ（ひらがなで入力しても自動で変換します）'
          }
          values={values}
          errors={errors}
        />
        <Select
          name="actorKind"
          label="団体の種類"
          required
          empty="選んでください"
          options={ACTOR_KINDS.map((k) => ({ value: k.code, label: k.label }))}
          values={values}
          errors={errors}
        />
        <Select
          name="legalForm"
          label="法人格・組織形態"
          required
          empty="選んでください"
          options={LEGAL_FORMS.map((k) => ({ value: k.code, label: k.label }))}
          values={values}
          errors={errors}
        />
        <TextField
          name="foundedYear"
          label="設立年"
          size="short"
          maxlength={12}
          help="西暦か和暦で（例：2015、平成27年）"
          values={values}
          errors={errors}
        />
        <TextField
          name="memberCount"
          label="構成員数（人）"
          inputmode="numeric"
          size="short"
          maxlength={7}
          values={values}
          errors={errors}
        />
        <Select
          name="stage"
          label="活動段階"
          empty="選ばない"
          options={STAGES.map((s) => ({ value: s.code, label: s.label }))}
          values={values}
          errors={errors}
        />
      </fieldset>
      <ChoiceGroup
        name="fields"
        label="活動分野"
        required
        multiple
        columns
        options={p.fields.map((f) => ({ value: f.code, label: f.label }))}
        values={values}
        errors={errors}
        help="あてはまるものをすべて選んでください。"
      />
      <Checkbox name="citywide" label="市内全域で活動している" values={values} errors={errors} />
      <ChoiceGroup
        name="areaIds"
        label="活動地区"
        multiple
        columns
        options={p.areas.map((a) => ({ value: a.id, label: a.name }))}
        values={values}
        errors={errors}
      />
      <TextArea
        name="purpose"
        label="活動の目的"
        required
        rows={4}
        maxlength={2000}
        values={values}
        errors={errors}
      />
      <TextArea
        name="activities"
        label="主な活動内容"
        required
        rows={5}
        maxlength={4000}
        values={values}
        errors={errors}
      />
      <TextArea
        name="expertise"
        label="専門性・得意なこと"
        rows={3}
        maxlength={2000}
        values={values}
        errors={errors}
      />
      <ChoiceGroup
        name="resources"
        label="提供できる資源"
        multiple
        columns
        options={RESOURCES.map((r) => ({ value: r.code, label: r.label }))}
        values={values}
        errors={errors}
      />
      <TextArea
        name="resourcesNote"
        label="資源の補足"
        rows={2}
        maxlength={1000}
        values={values}
        errors={errors}
        help="例：土日に10人ほど手伝えます。会議室（20人）を貸せます。"
      />
      <TextArea
        name="trackRecord"
        label="活動実績"
        rows={3}
        maxlength={4000}
        values={values}
        errors={errors}
      />
      <TextArea
        name="wantsToDo"
        label="市と協働したいこと"
        rows={3}
        maxlength={2000}
        values={values}
        errors={errors}
      />
      <Checkbox
        name="wantsCollaboration"
        label="市や他の団体との協働を希望する"
        values={values}
        errors={errors}
      />
      <TextField
        name="website"
        label="ウェブサイト"
        type="url"
        autocomplete="url"
        values={values}
        errors={errors}
      />
      <TextArea
        name="socialLinks"
        label="SNSのリンク"
        rows={2}
        help="1行に1つ、https:// から始まるURL"
        values={values}
        errors={errors}
      />
      <fieldset class="fieldset">
        <legend class="field__label">連絡先と公開範囲</legend>
        <p class="field__help">
          各項目の公開範囲を選べます。代表者の個人情報は、団体が「一般に公開」を選ばない限り公開されません。
        </p>
        <TextField
          name="representativeName"
          label="代表者名"
          autocomplete="name"
          values={values}
          errors={errors}
        />
        {vis('representativeName', '代表者名')}
        <TextField name="contactName" label="連絡担当者名" values={values} errors={errors} />
        {vis('contactName', '連絡担当者名')}
        <TextField
          name="contactEmail"
          label="連絡先メールアドレス"
          type="email"
          autocomplete="email"
          values={values}
          errors={errors}
        />
        {vis('contactEmail', 'メールアドレス')}
        <TextField
          name="contactPhone"
          label="連絡先電話番号"
          type="tel"
          autocomplete="tel"
          values={values}
          errors={errors}
          help="例：0422-60-1800"
        />
        {vis('contactPhone', '電話番号')}
        <TextField
          name="postalCode"
          label="郵便番号"
          autocomplete="postal-code"
          inputmode="numeric"
          size="short"
          values={values}
          errors={errors}
          help="例：1800001"
        />
        {vis('postalCode', '郵便番号')}
        <TextField
          name="address"
          label="所在地"
          autocomplete="street-address"
          values={values}
          errors={errors}
        />
        {vis('address', '所在地')}
        <TextField
          name="addressBuilding"
          label="所在地（建物名・部屋番号）"
          values={values}
          errors={errors}
        />
        {vis('addressBuilding', '建物名・部屋番号')}
      </fieldset>
    </>
  )
}

export function Checklist(p: { items: Opt[]; values: Values; errors?: FieldErrors; note?: string }) {
  if (!p.items.length) return null
  return (
    <fieldset class="fieldset field">
      <legend class="field__label">
        登録の条件（すべて確認してください） <span class="req">※必須</span>
      </legend>
      {p.note ? <p class="field__help">{p.note}</p> : null}
      {p.items.map((i) => (
        <Checkbox name={`check_${i.code}`} label={i.label} values={p.values} errors={p.errors} />
      ))}
    </fieldset>
  )
}

export function GroupForm(p: {
  action: string
  csrf: string
  values: Values
  errors?: FieldErrors
  fields: Opt[]
  areas: { id: string; name: string }[]
  checklist?: Opt[]
  conditionsNote?: string
  mode: 'new' | 'edit'
}) {
  return (
    <>
      <ErrorSummary errors={p.errors} labels={LABELS} />
      <Form action={p.action} csrf={p.csrf}>
        <GroupFormFields values={p.values} errors={p.errors} fields={p.fields} areas={p.areas} />
        {p.mode === 'new' && p.checklist ? (
          <Checklist items={p.checklist} values={p.values} errors={p.errors} note={p.conditionsNote} />
        ) : null}
        {p.mode === 'new' ? (
          <div class="groups-buttons">
            <button type="submit" name="intent" value="submit" class="button">
              登録を申請する
            </button>{' '}
            <button type="submit" name="intent" value="draft" class="button button--secondary">
              下書きとして保存する
            </button>
          </div>
        ) : (
          <Submit label="保存する" />
        )}
      </Form>
    </>
  )
}

// ---------------------------------------------------------------- directory

function FacetList(p: {
  name: string
  title: string
  options: Opt[]
  counts: Record<string, number>
  selected: string[]
  open?: boolean
}) {
  const shown = p.options.filter((o) => (p.counts[o.code] ?? 0) > 0 || p.selected.includes(o.code))
  return (
    <details open={p.open || p.selected.length > 0}>
      <summary>
        {p.title}
        {p.selected.length ? `（${p.selected.length}件選択中）` : ''}
      </summary>
      <fieldset class="fieldset">
        <legend class="visually-hidden">{p.title}で絞り込む</legend>
        <ul>
          {shown.length === 0 ? <li>該当なし</li> : null}
          {shown.map((o, i) => (
            <li>
              <input
                type="checkbox"
                form="groups-search"
                id={`facet-${p.name}-${i}`}
                name={p.name}
                value={o.code}
                checked={p.selected.includes(o.code)}
              />{' '}
              <label for={`facet-${p.name}-${i}`}>
                {o.label} <span class="count">（{(p.counts[o.code] ?? 0).toLocaleString('ja-JP')}）</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </details>
  )
}

export function Directory(p: {
  q: string
  sel: { field: string[]; area: string[]; kind: string[]; legal: string[]; wants: boolean; sort: string }
  result: SearchResult
  fields: Opt[]
  areas: { id: string; name: string }[]
  query: URLSearchParams
  fieldLabels: Map<string, string>
  areaNames: Map<string, string>
  canExport: boolean
  canImport: boolean
  canReview: boolean
}) {
  const f: Facets = p.result.facets ?? { field: {}, area: {}, kind: {}, legalForm: {}, wants: 0 }
  const exportQuery = new URLSearchParams(p.query)
  exportQuery.delete('page')
  return (
    <section>
      <h1>団体をさがす</h1>
      <p>
        {p.result.total.toLocaleString('ja-JP')}
        {p.result.capped
          ? `件以上の団体が見つかりました。関連の高い${p.result.total.toLocaleString('ja-JP')}件を表示しています（絞り込みの件数もその中の数です）。言葉を足すと絞り込めます。`
          : '件の団体が見つかりました。ひらがな・カタカナ・漢字のどれでも、言葉の一部でも探せます。'}
      </p>
      <form method="get" action="/groups" id="groups-search" class="groups-search" aria-label="団体の検索">
        <div class="field">
          <label for="f-q" class="field__label">
            キーワード
          </label>
          <input
            id="f-q"
            name="q"
            type="search"
            class="input"
            value={p.q}
            maxlength={200}
            aria-describedby="f-q-help"
          />
          <p class="field__help" id="f-q-help">
            例：こども食堂、みまもり、NPO、吉祥寺
          </p>
        </div>
        <div class="field">
          <label for="f-sort" class="field__label">
            並び順
          </label>
          <select id="f-sort" name="sort" class="select">
            {SORTS.map((s) => (
              <option value={s.code} selected={p.sel.sort === s.code}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          検索
        </button>
      </form>
      <div class="groups-layout">
        <div>
          {p.result.items.length === 0 ? (
            <Notice kind="info">
              条件に合う団体は見つかりませんでした。言葉を短くするか、絞り込みを外してみてください。
            </Notice>
          ) : (
            <ul class="groups-results">
              {p.result.items.map((g) => (
                <li>
                  <h2>
                    <a href={`/groups/${g.id}`}>{g.name}</a>
                  </h2>
                  <p class="groups-meta">
                    {g.nameKana} ・ {labelOf(ACTOR_KINDS, g.actorKind).replace(/（.*/, '')} ・{' '}
                    {labelOf(LEGAL_FORMS, g.legalForm)} ・ <Stars level={g.disclosureLevel} />
                    {g.status === 'inactive' ? (
                      <>
                        {' '}
                        <StatusBadge status="inactive" />
                      </>
                    ) : null}
                    {g.wantsCollaboration ? (
                      <>
                        {' '}
                        <Badge tone="green">協働希望</Badge>
                      </>
                    ) : null}
                  </p>
                  <p>{g.purpose}</p>
                  <p class="groups-meta">
                    分野：{g.fields.map((x) => p.fieldLabels.get(x) ?? x).join('、') || '—'} ／ 地区：
                    {[
                      ...(g.citywide ? ['市内全域'] : []),
                      ...inListOrder(g.areaIds, p.areaNames.keys()).map((a) => p.areaNames.get(a) ?? ''),
                    ]
                      .filter(Boolean)
                      .join('、') || '—'}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <Pagination
            page={p.result.page}
            perPage={p.result.perPage}
            total={p.result.total}
            baseQuery={p.query}
          />
        </div>
        <aside class="groups-facets" aria-label="絞り込み">
          <h2>絞り込み</h2>
          <FacetList
            name="field"
            title="活動分野"
            options={p.fields}
            counts={f.field}
            selected={p.sel.field}
          />
          <FacetList
            name="area"
            title="活動地区"
            options={[
              ...p.areas.map((a) => ({ code: a.id, label: a.name })),
              { code: 'citywide', label: '市内全域' },
            ]}
            counts={f.area}
            selected={p.sel.area}
          />
          <FacetList
            name="kind"
            title="団体の種類"
            options={ACTOR_KINDS.map((k) => ({ code: k.code, label: k.label.replace(/（.*/, '') }))}
            counts={f.kind}
            selected={p.sel.kind}
          />
          <FacetList
            name="legal"
            title="法人格"
            options={LEGAL_FORMS as any}
            counts={f.legalForm}
            selected={p.sel.legal}
          />
          <details open={p.sel.wants}>
            <summary>協働の希望</summary>
            <p>
              <input
                type="checkbox"
                form="groups-search"
                id="facet-wants"
                name="wants"
                value="1"
                checked={p.sel.wants}
              />{' '}
              <label for="facet-wants">
                協働を希望している団体だけ <span class="count">（{f.wants.toLocaleString('ja-JP')}）</span>
              </label>
            </p>
          </details>
          <button type="submit" form="groups-search" class="button button--secondary">
            この条件で絞り込む
          </button>
          <p>
            <a href="/groups">条件をすべて外す</a>
          </p>
          <h2>ほかに</h2>
          <ul class="link-list">
            <li>
              <a href="/groups/stats">団体の数（統計）</a>
            </li>
            <li>
              <a href="/opendata/groups">オープンデータ</a>
            </li>
            <li>
              <a href="/groups/new">団体を登録する</a>
            </li>
            {p.canExport ? (
              <>
                <li>
                  <a href={`/groups/export.csv?${exportQuery}`}>この一覧をCSVで出力（UTF-8）</a>
                </li>
                <li>
                  <a href={`/groups/export.csv?${exportQuery}&encoding=cp932`}>CSVで出力（Shift_JIS）</a>
                </li>
                <li>
                  <a href={`/groups/export.xlsx?${exportQuery}`}>Excel（XLSX）で出力</a>
                </li>
              </>
            ) : null}
            {p.canImport ? (
              <li>
                <a href="/groups/import">CSVから取り込む</a>
              </li>
            ) : null}
            {p.canReview ? (
              <li>
                <a href="/coordinator/groups">登録申請の審査</a>
              </li>
            ) : null}
          </ul>
        </aside>
      </div>
    </section>
  )
}

// ---------------------------------------------------------------- profile

export function Profile(p: {
  v: ProfileView
  fieldLabels: Map<string, string>
  actions?: Child
  review?: Child
  /** Collaboration projects with the city (from the matching room). */
  projects?: Child
}) {
  const v = p.v
  const row = (label: string, value: Child) =>
    value === '' || value === null || value === undefined ? null : (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    )
  const para = (s: string) => s.split(/\r?\n/).map((l) => <p>{l}</p>)
  const contactKeys = CONTACT_FIELDS.filter(
    (f) => v.contacts[f.key] !== undefined && v.contacts[f.key] !== '',
  )
  return (
    <article>
      <h1>{v.name}</h1>
      <p class="groups-meta">
        {v.nameKana} ・ <Stars level={v.disclosureLevel} /> ・ <StatusBadge status={v.status} />
        {v.wantsCollaboration ? (
          <>
            {' '}
            <Badge tone="green">協働希望</Badge>
          </>
        ) : null}
      </p>
      {v.status === 'inactive' ? (
        <Notice kind="warning">この団体は今年度の登録更新がないため「活動休止」と表示しています。</Notice>
      ) : null}
      {v.hasLogo ? <img class="groups-logo" src={`/groups/${v.id}/logo`} alt={`${v.name}のロゴ`} /> : null}
      {p.actions}
      {p.review}
      <h2>活動の目的</h2>
      {para(v.purpose)}
      <h2>主な活動内容</h2>
      {para(v.activities)}
      <dl class="summary-list">
        {row('団体の種類', labelOf(ACTOR_KINDS, v.actorKind))}
        {row('法人格', labelOf(LEGAL_FORMS, v.legalForm))}
        {row('活動分野', v.fields.map((f) => p.fieldLabels.get(f) ?? f).join('、'))}
        {row('活動地区', [...(v.citywide ? ['市内全域'] : []), ...v.areaNames].join('、'))}
        {row('専門性・得意なこと', v.expertise)}
        {row(
          '提供できる資源',
          [v.resources.map((r) => labelOf(RESOURCES, r)).join('、'), v.resourcesNote]
            .filter(Boolean)
            .join('：'),
        )}
        {row('活動実績', v.trackRecord)}
        {row('市と協働したいこと', v.wantsToDo)}
        {row('設立年', v.foundedYear ? `${v.foundedYear}年` : '')}
        {row('構成員数', v.memberCount !== null && v.memberCount !== undefined ? `${v.memberCount}人` : '')}
        {row('活動段階', v.stage ? labelOf(STAGES, v.stage) : '')}
        {row(
          'ウェブサイト',
          v.website ? (
            <a href={v.website} rel="noopener nofollow">
              {v.website}
            </a>
          ) : (
            ''
          ),
        )}
        {row(
          'SNS',
          v.socialLinks.length
            ? v.socialLinks.map((s) => (
                <>
                  <a href={s} rel="noopener nofollow">
                    {s}
                  </a>{' '}
                </>
              ))
            : '',
        )}
        {row('登録更新', v.renewedFiscalYear ? `${v.renewedFiscalYear}年度` : '')}
        {row('最終更新', formatDate(v.updatedAt))}
      </dl>
      <h2>連絡先</h2>
      {contactKeys.length ? (
        <dl class="summary-list">
          {contactKeys.map((f) =>
            row(f.label, f.key === 'postalCode' ? formatPostalCode(v.contacts[f.key]!) : v.contacts[f.key]!),
          )}
        </dl>
      ) : (
        <p>連絡先は公開されていません。団体への連絡は市の協働推進の担当窓口にお問い合わせください。</p>
      )}
      {v.documents.length ? (
        <>
          <h2>書類</h2>
          <ul>
            {v.documents.map((d) => (
              <li>
                <a href={`/groups/${v.id}/documents/${d.id}`}>{d.title}</a>（{labelOf(DOCUMENT_KINDS, d.kind)}
                、{Math.ceil(d.size / 1024)}KB
                {d.isPublic ? '' : '、非公開'}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.projects}
    </article>
  )
}

export function RevisionTable({
  revs,
  labels,
}: {
  revs: {
    createdAt: Date
    actorLabel: string
    action: string
    changes: Record<string, unknown>
    comment: string
  }[]
  labels: Record<string, string>
}) {
  const show = (x: unknown) =>
    x === null || x === undefined || x === ''
      ? '（なし）'
      : Array.isArray(x)
        ? x.join('、')
        : typeof x === 'object'
          ? JSON.stringify(x)
          : String(x)
  return (
    <div class="table-wrap">
      <table class="table table--stack">
        <caption>変更履歴（新しい順）</caption>
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">変更した人</th>
            <th scope="col">操作</th>
            <th scope="col">変更内容</th>
          </tr>
        </thead>
        <tbody>
          {revs.map((r) => (
            <tr>
              <td data-label="日時">{formatDateTime(r.createdAt)}</td>
              <td data-label="変更した人">{r.actorLabel}</td>
              <td data-label="操作">{ACTION_LABELS[r.action] ?? r.action}</td>
              <td data-label="変更内容">
                <ul>
                  {Object.entries(r.changes).map(([k, val]) => (
                    <li>
                      {labels[k] ?? k}：
                      {Array.isArray(val) && val.length === 2
                        ? `${show(val[0])} → ${show(val[1])}`
                        : show(val)}
                    </li>
                  ))}
                </ul>
                {r.comment ? <p>コメント：{r.comment}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export const ACTION_LABELS: Record<string, string> = {
  'group.create': '登録',
  'group.update': '編集',
  'group.submit': '申請',
  'group.approve': '承認',
  'group.return': '差し戻し',
  'group.suspend': '公開停止',
  'group.archive': 'アーカイブ',
  'group.renew': '年度更新',
  'group.inactive': '活動休止',
  'group.logo': 'ロゴ変更',
  'group.document.add': '書類追加',
  'group.document.delete': '書類削除',
  'group.member.invite': 'メンバー招待',
  'group.member.remove': 'メンバー削除',
  'group.owner.transfer': 'オーナー引き継ぎ',
  'group.delete.request': '削除の依頼',
  'group.delete': '削除',
}
