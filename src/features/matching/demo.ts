import type { DemoEnv } from '../../core/demo.ts'
import type { Actor } from '../../core/actor.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { getGroups, publishedGroups } from '../groups/index.ts'
import { publishedNeedsInOrder } from '../needs/index.ts'
import { DEMO_PAIRINGS } from '../needs/index.ts'
import {
  addMeeting,
  createPairing,
  createProjectFromPairing,
  matchGroupsForNeed,
  movePairing,
} from './service.ts'

const day = (offset: number) => ymdInTokyo(new Date(Date.now() + offset * 86_400_000))

/** Pairings at every stage, with meetings, and the project an agreed one becomes (demo order 32). */
export async function matchingDemo(env: DemoEnv) {
  const { ctx } = env
  const dep = (name: string) => env.departments.get(name)!
  const coordinatorActor: Actor = {
    userId: env.users.coordinator,
    email: 'coordinator@demo.example',
    name: '協働 太郎',
    isAdmin: false,
    isCoordinator: true,
    isReviewer: false,
    via: 'session',
    memberships: { departments: [dep('市民協働推進課')], groups: {} },
  }
  const cctx = { ...ctx, actor: coordinatorActor }
  const groups = await publishedGroups(ctx, env.size === 'small' ? 40 : 400)
  const full = await getGroups(
    ctx,
    groups.map((g) => g.id),
  )
  if (!full.length) return
  const published = await publishedNeedsInOrder(ctx)
  const used = new Set<string>()

  // Pairings at every stage, two of each (候補, 紹介済み, 協議中, 合意, 見送り): the coordinator's
  // best-scored suggestion for each of the needs the needs demo marks; the agreed ones become projects.
  for (const [k, { title, stage: target }] of DEMO_PAIRINGS.entries()) {
    const need = published.find((n) => n.title === title)
    if (!need) continue
    const matches = await matchGroupsForNeed(cctx, need, 5)
    const m = matches.find((x) => !used.has(x.groupId)) ?? {
      groupId: full[k % full.length].id,
      score: null,
      reasons: [],
    }
    used.add(m.groupId)
    const p = await createPairing(cctx, {
      needId: need.id,
      groupId: m.groupId,
      departmentId: need.departmentId,
      score: m.score as number | null,
      reasons: m.reasons,
    })
    const path = PATHS[target]
    let cur = p
    const start = -40 + k * 2
    for (const [j, st] of path.entries()) {
      cur = await movePairing(cctx, cur, {
        stage: st,
        on: day(start + j * 7),
        note:
          st === 'introduced'
            ? '市民協働推進課の会議室で顔合わせ。団体の活動内容と課の課題を共有した。'
            : st === 'negotiating'
              ? '役割分担と費用の分担の案を協議。'
              : st === 'agreed'
                ? '事業協力として実施することで合意。協定書の案を担当課が用意する。'
                : '',
        reason:
          st === 'declined'
            ? '団体の活動日と事業の実施時期が合わず、今年度は見送り。来年度に再調整する。'
            : '',
      })
      if (st === 'introduced')
        await addMeeting(cctx, cur, {
          title: '顔合わせ',
          on: day(start),
          minutes:
            '団体から活動の紹介、担当課から現状と課題の説明。双方ができること・できないことを確認した。',
          decisions: '次回までに担当課が対象地区の資料を用意する。',
        })
    }
    if (target === 'agreed') {
      await createProjectFromPairing(cctx, cur, {
        title: projectTitle(need.title),
        form: 'cooperation',
        startOn: day(start + path.length * 7 + 7),
        purpose: need.goal,
      })
    }
  }
}

const PATHS: Record<string, string[]> = {
  candidate: [],
  introduced: ['introduced'],
  negotiating: ['introduced', 'negotiating'],
  agreed: ['introduced', 'negotiating', 'agreed'],
  declined: ['introduced', 'declined'],
}

/** 「通学路の危険箇所を地域と一緒に点検したい」→「通学路の危険箇所を地域と一緒に点検する協働事業」 */
export function projectTitle(needTitle: string) {
  const base = needTitle
    .replace(
      /を(育て|広げ|増やし|進め|開き|つくり)たい$/,
      (_, v: string) =>
        `を${{ 育て: '育てる', 広げ: '広げる', 増やし: '増やす', 進め: '進める', 開き: '開く', つくり: 'つくる' }[v]}`,
    )
    .replace(/したい$/, 'する')
    .replace(/たい$/, '')
  return `${base.slice(0, 56)}協働事業`
}
