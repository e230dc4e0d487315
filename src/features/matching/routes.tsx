import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import {
  ChoiceGroup,
  DateField,
  ErrorSummary,
  Form,
  Select,
  Submit,
  TextArea,
  TextField,
} from '../../core/ui/form.tsx'
import { can } from '../../core/policy.ts'
import { COLLAB_FORMS, labelOf } from '../../core/vocabulary.ts'
import { collectDateParts, type FieldErrors, validate } from '../../core/validation.ts'
import { getGroup } from '../groups/index.ts'
import { meetingsOfSubject, newMeetingHref, SubjectMeetings } from '../meetings/index.ts'
import { Dl, getNeed, lookups, todayYmd, ymdJa } from '../needs/index.ts'
import { projectSchema } from '../projects/index.ts'
import { STAGES, STAGE_TRANSITIONS, meetingSchema, stageSchema } from './domain.ts'
import {
  type Pairing,
  addMeeting,
  board,
  createPairing,
  createProjectFromPairing,
  getPairing,
  matchGroupsForNeed,
  matchOffersForNeed,
  movePairing,
  pairingEventsOf,
  pairingsOfNeed,
  scoreGroupForNeed,
} from './service.ts'
import { bandLabel, SCALE_TEXT } from './relevance.ts'
import { MatchReasons, StageBadge } from './views.tsx'

export const matchingRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const opts = <T extends { code: string; label: string }>(l: readonly T[]) =>
  l.map((x) => ({ value: x.code, label: x.label }))
const idOr404 = (c: C, name = 'id') => {
  const id = c.req.param(name)
  if (!isUuid(id)) throw notFound()
  return id
}
async function loadNeed(c: C) {
  const n = await getNeed(c.get('ctx'), idOr404(c))
  if (!n) throw notFound('協働ニーズ')
  return n
}
matchingRoutes.get('/needs/:id/matches', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'need.edit', n)
  const [groups, offerMatches, existing] = await Promise.all([
    matchGroupsForNeed(ctx, n, 10),
    matchOffersForNeed(ctx, n, 5),
    pairingsOfNeed(ctx, n.id),
  ])
  const onBoard = new Set(existing.map((p) => p.groupId))
  const csrf = c.get('csrfToken')
  return render(
    c,
    `おすすめの団体：${n.title}`,
    <section>
      <h1>おすすめの団体</h1>
      <p class="lead">
        「{n.title}
        」の現状と課題・目指す姿の言葉（類義語を含む）が団体の紹介文とよく一致する順に並べました。分野・地区・協働の形態・実績は補助として少し加えています。理由を確かめてから紹介してください。
      </p>
      <p class="scale-legend" id="scale-legend">
        {SCALE_TEXT}
      </p>
      <ol class="matches">
        {groups.map((m) => (
          <li class="card">
            <h2 class="card__title">
              <a href={`/groups/${m.groupId}`}>{m.groupName}</a>{' '}
              <span class="small muted" aria-describedby="scale-legend">
                （適合度 {m.score}・{bandLabel(m.band)}）
              </span>
            </h2>
            <MatchReasons m={m} />
            {onBoard.has(m.groupId) ? (
              <p>
                <a href={`/coordination/pairings/${existing.find((p) => p.groupId === m.groupId)!.id}`}>
                  調整ボードに追加済み
                </a>
              </p>
            ) : (
              <div class="actions">
                <Form action={`/needs/${n.id}/pairings`} csrf={csrf} class="inline-form">
                  <input type="hidden" name="groupId" value={m.groupId} />
                  <Submit label="調整ボードに候補として追加" />
                </Form>
                <Form action={`/needs/${n.id}/invite`} csrf={csrf} class="inline-form">
                  <input type="hidden" name="groupId" value={m.groupId} />
                  <Submit label="このニーズを団体に案内する" secondary />
                </Form>
              </div>
            )}
          </li>
        ))}
      </ol>
      {groups.length === 0 ? <p>条件に合う公開中の団体が見つかりませんでした。</p> : null}
      <h2>合いそうな「できること」（団体の提案）</h2>
      {offerMatches.length ? (
        <ul>
          {offerMatches.map((o) => (
            <li>
              <a href={`/offers/${o.offerId}`}>{o.title}</a>（
              <a href={`/groups/${o.groupId}`}>{o.groupName}</a>、適合度 {o.score}・{bandLabel(o.band)}）：
              {o.reasons.join('／')}
            </li>
          ))}
        </ul>
      ) : (
        <p>合いそうな「できること」はまだありません。</p>
      )}
    </section>,
    {
      section: 'needs',
      crumbs: [
        { label: '協働ニーズ', href: '/needs' },
        { label: n.title, href: `/needs/${n.id}` },
        { label: 'おすすめの団体' },
      ],
    },
  )
})

matchingRoutes.post('/needs/:id/pairings', async (c) => {
  const n = await loadNeed(c)
  const ctx = await authorize(c, 'pairing.create', n)
  const body = await formBody(c)
  const groupId = String(body.groupId ?? '')
  if (!isUuid(groupId)) throw notFound('団体')
  const m = await scoreGroupForNeed(ctx, n, groupId)
  const p = await createPairing(ctx, {
    needId: n.id,
    groupId,
    departmentId: n.departmentId,
    score: m?.score ?? null,
    reasons: m?.reasons ?? [],
  })
  setFlash(c, '調整ボードに候補として追加しました。')
  return c.redirect(`/coordination/pairings/${p.id}`, 303)
})

// ------------------------------------------------------------------ board and pairings

matchingRoutes.get('/coordination/board', async (c) => {
  const ctx = await authorize(c, 'board.view')
  const rows = await board(ctx)
  return render(
    c,
    '調整ボード',
    <section>
      <h1>調整ボード（コーディネーター）</h1>
      <p>
        <a href="/coordination/hearings">協働ニーズのヒアリング</a> ／ <a href="/projects">協働事業</a>
      </p>
      <div class="board">
        {STAGES.map((s) => {
          const list = rows.filter((r) => r.stage === s.code)
          return (
            <section class="board__column" aria-labelledby={`stage-${s.code}`}>
              <h2 id={`stage-${s.code}`}>
                {s.label}（{list.length}）
              </h2>
              <ul class="link-list">
                {list.map((p) => (
                  <li>
                    <a href={`/coordination/pairings/${p.id}`}>
                      {p.subject} × {p.groupName}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )
        })}
      </div>
    </section>,
    { crumbs: [{ label: '調整ボード' }] },
  )
})

async function loadPairing(c: C) {
  const id = idOr404(c)
  const p = await getPairing(c.get('ctx'), id)
  if (!p) throw notFound()
  return p
}

async function pairingPage(
  c: C,
  p: Pairing,
  errors?: FieldErrors,
  values?: Record<string, unknown>,
  which?: string,
) {
  const ctx = c.get('ctx')
  const [events, g, lk, meetings] = await Promise.all([
    pairingEventsOf(ctx, p.id),
    getGroup(ctx, p.groupId),
    lookups(ctx),
    meetingsOfSubject(ctx, 'pairing', p.id),
  ])
  const need = p.needId ? await getNeed(ctx, p.needId) : null
  const manage = can(ctx.actor, 'pairing.manage', p)
  const csrf = c.get('csrfToken')
  const next = STAGE_TRANSITIONS[p.stage] ?? []
  return render(
    c,
    '協働の調整',
    <section>
      <h1>
        協働の調整：{need?.title ?? (!p.offerId && p.reasons[0] ? p.reasons[0] : '（提案）')} × {g?.name}
      </h1>
      <Dl
        rows={[
          ['段階', <StageBadge stage={p.stage} />],
          ['協働ニーズ', need ? <a href={`/needs/${need.id}`}>{need.title}</a> : '—'],
          ['団体', g?.name ?? ''],
          ['担当課', lk.depName(p.departmentId)],
          ['紹介日（顔合わせ）', ymdJa(p.introducedOn)],
          ['合意日', ymdJa(p.agreedOn)],
          ['見送りの理由', p.closedReason || '—'],
          ['マッチングの理由', p.reasons.length ? p.reasons.join('／') : '—'],
          ['協働事業', p.projectId ? <a href={`/projects/${p.projectId}`}>協働事業の記録を見る</a> : '—'],
        ]}
      />
      <h2>経過</h2>
      <ol class="timeline">
        {events.map((e) => (
          <li>
            <strong>{e.kind === 'meeting' ? `会議：${e.title}` : e.title}</strong>
            {e.on ? `（${ymdJa(e.on)}）` : ''}
            {e.minutes ? <p class="prewrap">{e.minutes}</p> : null}
            {e.decisions ? (
              <p class="prewrap">
                {e.kind === 'meeting' ? '決定事項：' : '理由：'}
                {e.decisions}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <SubjectMeetings
        list={meetings}
        newHref={can(ctx.actor, 'meeting.create') ? newMeetingHref('pairing', p.id) : null}
      />
      {manage && next.length ? (
        <section class="panel">
          <h2>段階を進める</h2>
          {which === 'stage' ? <ErrorSummary errors={errors} /> : null}
          <Form action={`/coordination/pairings/${p.id}/stage`} csrf={csrf}>
            <ChoiceGroup
              name="stage"
              label="次の段階"
              required
              options={next.map((s) => ({ value: s, label: labelOf(STAGES, s) }))}
              values={which === 'stage' ? values : {}}
              errors={which === 'stage' ? errors : undefined}
            />
            <DateField
              name="on"
              label="日付"
              required
              values={which === 'stage' ? values : { on: todayYmd() }}
              errors={which === 'stage' ? errors : undefined}
            />
            <TextArea
              name="note"
              label="メモ"
              rows={3}
              values={which === 'stage' ? values : {}}
              errors={which === 'stage' ? errors : undefined}
            />
            <TextArea
              name="reason"
              label="見送りの理由（見送りのとき）"
              rows={2}
              values={which === 'stage' ? values : {}}
              errors={which === 'stage' ? errors : undefined}
            />
            <Submit label="段階を変更する" />
          </Form>
        </section>
      ) : null}
      {manage && !['agreed', 'declined'].includes(p.stage) ? (
        <section class="panel">
          <h2>会議を記録する（顔合わせ・協議）</h2>
          {which === 'meeting' ? <ErrorSummary errors={errors} /> : null}
          <Form action={`/coordination/pairings/${p.id}/meetings`} csrf={csrf}>
            <TextField
              name="title"
              label="会議名"
              required
              values={which === 'meeting' ? values : { title: '顔合わせ' }}
              errors={which === 'meeting' ? errors : undefined}
            />
            <DateField
              name="on"
              label="開催日"
              required
              values={which === 'meeting' ? values : { on: todayYmd() }}
              errors={which === 'meeting' ? errors : undefined}
            />
            <TextArea
              name="minutes"
              label="議事録"
              required
              rows={5}
              values={which === 'meeting' ? values : {}}
              errors={which === 'meeting' ? errors : undefined}
            />
            <TextArea
              name="decisions"
              label="決定事項"
              rows={2}
              values={which === 'meeting' ? values : {}}
              errors={which === 'meeting' ? errors : undefined}
            />
            <Submit label="記録する" />
          </Form>
        </section>
      ) : null}
      {manage && p.stage === 'agreed' && !p.projectId ? (
        <section class="panel">
          <h2>協働事業として記録する</h2>
          {which === 'project' ? <ErrorSummary errors={errors} /> : null}
          <Form action={`/coordination/pairings/${p.id}/project`} csrf={csrf}>
            <TextField
              name="title"
              label="事業名"
              required
              values={which === 'project' ? values : { title: need?.title ?? '' }}
              errors={which === 'project' ? errors : undefined}
            />
            <Select
              name="form"
              label="協働の形態"
              required
              options={opts(COLLAB_FORMS)}
              values={which === 'project' ? values : { form: need?.forms[0] }}
              errors={which === 'project' ? errors : undefined}
            />
            <DateField
              name="startOn"
              label="開始日"
              required
              values={which === 'project' ? values : { startOn: p.agreedOn ?? todayYmd() }}
              errors={which === 'project' ? errors : undefined}
            />
            <TextArea
              name="purpose"
              label="目的"
              required
              rows={3}
              values={which === 'project' ? values : { purpose: need?.goal ?? '' }}
              errors={which === 'project' ? errors : undefined}
            />
            <Submit label="協働事業を記録する" />
          </Form>
        </section>
      ) : null}
    </section>,
    {
      status: errors ? 422 : 200,
      crumbs: [
        can(c.get('ctx').actor, 'board.view')
          ? { label: '調整ボード', href: '/coordination/board' }
          : { label: 'お知らせ', href: '/notifications' },
        { label: '協働の調整' },
      ],
    },
  )
}

matchingRoutes.get('/coordination/pairings/:id', async (c) => {
  const p = await loadPairing(c)
  await authorize(c, 'pairing.view', p)
  return pairingPage(c, p)
})

matchingRoutes.post('/coordination/pairings/:id/stage', async (c) => {
  const p = await loadPairing(c)
  const ctx = await authorize(c, 'pairing.manage', p)
  const body = await formBody(c)
  const r = validate(stageSchema, collectDateParts(body, ['on']))
  if (!r.ok) return pairingPage(c, p, r.errors, body, 'stage')
  try {
    await movePairing(ctx, p, { ...r.data, on: r.data.on! })
  } catch (e: any) {
    if (e.fields) return pairingPage(c, p, e.fields, body, 'stage')
    throw e
  }
  setFlash(c, `段階を「${labelOf(STAGES, r.data.stage)}」に変更しました。`)
  return c.redirect(`/coordination/pairings/${p.id}`, 303)
})

matchingRoutes.post('/coordination/pairings/:id/meetings', async (c) => {
  const p = await loadPairing(c)
  const ctx = await authorize(c, 'pairing.manage', p)
  const body = await formBody(c)
  const r = validate(meetingSchema, collectDateParts(body, ['on']))
  if (!r.ok) return pairingPage(c, p, r.errors, body, 'meeting')
  await addMeeting(ctx, p, { ...r.data, on: r.data.on! })
  setFlash(c, '会議を記録しました。')
  return c.redirect(`/coordination/pairings/${p.id}`, 303)
})

matchingRoutes.post('/coordination/pairings/:id/project', async (c) => {
  const p = await loadPairing(c)
  const ctx = await authorize(c, 'pairing.manage', p)
  const body = await formBody(c)
  const r = validate(projectSchema, collectDateParts(body, ['startOn']))
  if (!r.ok) return pairingPage(c, p, r.errors, body, 'project')
  try {
    const pr = await createProjectFromPairing(ctx, p, { ...r.data, startOn: r.data.startOn! })
    setFlash(c, '協働事業として記録しました。')
    return c.redirect(`/projects/${pr.id}`, 303)
  } catch (e: any) {
    if (e.fields) return pairingPage(c, p, e.fields, body, 'project')
    throw e
  }
})
