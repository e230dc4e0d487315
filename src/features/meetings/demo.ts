import type { Actor } from '../../core/actor.ts'
import { randomToken, sha256 } from '../../core/auth/crypto.ts'
import type { DemoEnv } from '../../core/demo.ts'
import { users } from '../../core/db/schema.ts'
import { inCity } from '../../core/db/tenant.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { inArray } from 'drizzle-orm'
import { jstMoment } from '../events/index.ts'
import { getGroup, groupMemberIds } from '../groups/index.ts'
import { myPairings } from '../matching/index.ts'
import { org } from '../organisation/index.ts'
import { meetingActions, meetingCandidates, meetingMarks, meetingParticipants, meetings } from './schema.ts'

const DAY = 86_400_000
const ymd = (offset: number) => ymdInTokyo(new Date(Date.now() + offset * DAY))

/**
 * Adjustment meetings of the demo city (order 34, after matching): for one of 高齢者支援課's
 * pairings, a 協議 meeting held ten days ago — set by staff@ by candidate dates that staff@, the
 * coordinator, a group member (the pairing's group's, or else group@ taking part for its own group)
 * and a university teacher (outside, by link) marked ○△× — minuted, with two action items (one for
 * staff@, one for the group member), and the next meeting still being scheduled, which the group
 * member has yet to answer. Written directly: no mails are put in the outbox.
 */
export async function meetingsDemo(env: DemoEnv) {
  const { ctx } = env
  const staffDept = env.departments.get('高齢者支援課')
  if (!staffDept) return
  const staffActor: Actor = {
    userId: env.users.staff,
    email: 'staff@demo.example',
    name: '高橋 誠',
    isAdmin: false,
    isCoordinator: false,
    isReviewer: false,
    via: 'session',
    memberships: { departments: [staffDept], groups: {} },
  }
  const ps = await myPairings({ ...ctx, actor: staffActor })
  const open = ps.filter((p) => ['negotiating', 'introduced', 'agreed'].includes(p.stage))
  // the pairing whose group the demo group login belongs to, when there is one
  let pairing = open[0] ?? ps[0]
  for (const p of open)
    if ((await groupMemberIds(ctx, p.groupId)).includes(env.users.group)) {
      pairing = p
      break
    }
  if (!pairing) return
  const [g, d] = await Promise.all([
    getGroup(ctx, pairing.groupId),
    org.getDepartment(ctx, pairing.departmentId),
  ])
  // the pairing's group's member, or else the demo group login taking part for its own group
  // (むさしの見守りネットワーク, as a group that already runs such visits)
  const groupUsers = await groupMemberIds(ctx, pairing.groupId)
  const rep = groupUsers.includes(env.users.group) ? env.users.group : (groupUsers[0] ?? env.users.group)
  const repGroupId = groupUsers.includes(rep) ? pairing.groupId : null
  const people = await ctx.db
    .select()
    .from(users)
    .where(
      inCity(ctx, users, inArray(users.id, [env.users.staff, env.users.coordinator, ...(rep ? [rep] : [])])),
    )
  const nameOf = (id: string) => {
    const u = people.find((x) => x.id === id)
    return u ? `${u.familyName} ${u.givenName}`.trim() : ''
  }
  const subjectTitle = `協働の調整：${g?.name ?? '団体'} × ${d?.name ?? '担当課'}`
  const base = { municipalityId: ctx.tenantId }

  async function meeting(v: {
    title: string
    days: number[]
    fixed: number | null
    marks: Record<'staff' | 'coordinator' | 'rep' | 'outside', ('yes' | 'maybe' | 'no')[]>
    agenda: string
    minutes?: string
    decisions?: string
  }) {
    const cands = v.days.map((off, i) => ({
      startsAt: jstMoment(ymd(off), i % 2 ? '14:00' : '10:00'),
      endsAt: jstMoment(ymd(off), i % 2 ? '15:30' : '11:30'),
    }))
    const fixed = v.fixed === null ? null : cands[v.fixed]
    const [m] = await ctx.db
      .insert(meetings)
      .values({
        ...base,
        subjectType: 'pairing',
        subjectId: pairing.id,
        subjectTitle,
        title: v.title,
        place: '市役所 西棟4階 市民協働推進課 打合せコーナー',
        departmentId: pairing.departmentId,
        organiserId: env.users.staff,
        status: fixed ? (v.minutes ? 'held' : 'scheduled') : 'scheduling',
        startsAt: fixed?.startsAt ?? null,
        endsAt: fixed?.endsAt ?? null,
        agenda: v.agenda,
        minutes: v.minutes ?? '',
        decisions: v.decisions ?? '',
        minutedAt: v.minutes ? new Date(fixed!.endsAt.getTime() + 2 * 3_600_000) : null,
        minutedBy: v.minutes ? env.users.staff : null,
        remindedAt: fixed && v.minutes ? new Date(fixed.startsAt.getTime() - DAY) : null,
        sequence: fixed ? 1 : 0,
        createdAt: new Date(Date.now() + (v.days[0] - 14) * DAY),
      })
      .returning()
    const cs = await ctx.db
      .insert(meetingCandidates)
      .values(cands.map((c, i) => ({ ...base, meetingId: m.id, ...c, position: i })))
      .returning()
    if (v.fixed !== null)
      await ctx.db
        .update(meetings)
        .set({ fixedCandidateId: cs[v.fixed].id })
        .where(inCity(ctx, meetings, inArray(meetings.id, [m.id])))
    const rows = await ctx.db
      .insert(meetingParticipants)
      .values([
        {
          ...base,
          meetingId: m.id,
          kind: 'user',
          userId: env.users.staff,
          name: nameOf(env.users.staff),
          departmentId: pairing.departmentId,
        },
        {
          ...base,
          meetingId: m.id,
          kind: 'user',
          userId: env.users.coordinator,
          name: nameOf(env.users.coordinator),
        },
        ...(rep
          ? [
              {
                ...base,
                meetingId: m.id,
                kind: 'user',
                userId: rep,
                name: nameOf(rep),
                groupId: repGroupId,
              },
            ]
          : []),
        {
          ...base,
          meetingId: m.id,
          kind: 'outside',
          name: '山本 由紀',
          email: 'yamamoto.yuki@univ.demo.example',
          organisation: '武蔵野市内の大学 地域福祉研究室',
          comment: '火曜の午後は授業があります',
          tokenHash: sha256(randomToken()),
        },
      ])
      .returning()
    const who = {
      staff: rows[0],
      coordinator: rows[1],
      rep: rep ? rows[2] : null,
      outside: rows[rows.length - 1],
    }
    const marks = Object.entries(v.marks).flatMap(([k, list]) => {
      const p = who[k as keyof typeof who]
      return p
        ? list.map((mark, i) => ({
            ...base,
            meetingId: m.id,
            candidateId: cs[i].id,
            participantId: p.id,
            mark,
          }))
        : []
    })
    if (marks.length) await ctx.db.insert(meetingMarks).values(marks)
    return m
  }

  const held = await meeting({
    title: '見守り協働の役割分担を決める協議',
    days: [-13, -11, -10],
    fixed: 2,
    marks: {
      staff: ['yes', 'maybe', 'yes'],
      coordinator: ['no', 'yes', 'yes'],
      rep: ['yes', 'no', 'yes'],
      outside: ['maybe', 'no', 'yes'],
    },
    agenda:
      '1. 団体の活動状況と、担当課の課題の共有\n2. 役割分担（訪問・連絡会・広報）\n3. 費用の分担と次回の日程',
    minutes:
      '団体から、現在の見守り訪問（月40件）と担い手の状況の報告があった。担当課から、対象地区の高齢者のみ世帯の推移と、民生委員との連携の現状を説明した。\n\n大学の山本先生から、他市の見守り協働の事例（訪問記録の共通様式）の紹介があった。\n\n役割分担は、訪問と連絡会の運営を団体、会場の確保と広報を担当課が受け持つ方向で一致した。',
    decisions:
      '・訪問記録は共通様式を試行する（3か月）。\n・連絡会は月1回、市民協働推進課の打合せコーナーで開く。',
  })
  await ctx.db.insert(meetingActions).values([
    {
      ...base,
      meetingId: held.id,
      title: '対象地区の高齢者のみ世帯の資料をまとめて共有する',
      ownerId: env.users.staff,
      dueOn: ymd(4),
      state: 'doing',
      createdBy: env.users.staff,
    },
    {
      ...base,
      meetingId: held.id,
      title: '訪問記録の共通様式（案）を団体内で試し、意見をまとめる',
      ownerId: rep ?? env.users.coordinator,
      dueOn: ymd(11),
      state: 'todo',
      createdBy: env.users.staff,
    },
  ])
  await meeting({
    title: '連絡会の進め方の打合せ（第2回）',
    days: [6, 8, 9, 13],
    fixed: null,
    marks: {
      staff: ['yes', 'yes', 'maybe', 'no'],
      coordinator: ['maybe', 'yes', 'no', 'yes'],
      rep: [],
      outside: ['yes', 'maybe', 'no', 'yes'],
    },
    agenda: '1. 共通様式の試行状況\n2. 連絡会の進め方',
  })
}
