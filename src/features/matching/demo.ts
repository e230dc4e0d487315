import type { DemoEnv } from '../../core/demo.ts'
import type { Actor } from '../../core/actor.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { getGroups, publishedGroups } from '../groups/index.ts'
import { publishedNeedsInOrder } from '../needs/index.ts'
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

  // Pairings at every stage (the coordinator's suggestions for the first published needs)
  const stages: [string, string[]][] = [
    ['candidate', []],
    ['introduced', ['introduced']],
    ['negotiating', ['introduced', 'negotiating']],
    ['agreed', ['introduced', 'negotiating', 'agreed']],
    ['declined', ['introduced', 'declined']],
  ]
  let k = 0
  for (const [target, path] of stages) {
    const need = published[k % published.length]
    const matches = await matchGroupsForNeed(cctx, need, 3)
    const m = matches[Math.floor(k / published.length) % Math.max(1, matches.length)] ?? {
      groupId: full[k % full.length].id,
      score: null,
      reasons: [],
    }
    k++
    const p = await createPairing(cctx, {
      needId: need.id,
      groupId: m.groupId,
      departmentId: need.departmentId,
      score: m.score as number | null,
      reasons: m.reasons,
    })
    let cur = p
    for (const [j, st] of path.entries()) {
      cur = await movePairing(cctx, cur, {
        stage: st,
        on: day(-20 + j * 7),
        note:
          st === 'introduced'
            ? '協働推進課の会議室で顔合わせ。活動内容と課の課題を共有した。'
            : st === 'negotiating'
              ? '役割分担と予算の案を協議。'
              : st === 'agreed'
                ? '事業協力として実施することで合意。'
                : '',
        reason:
          st === 'declined'
            ? '団体の活動日と事業の実施時期が合わず、今年度は見送り。来年度に再調整する。'
            : '',
      })
      if (st === 'introduced')
        await addMeeting(cctx, cur, {
          title: '顔合わせ',
          on: day(-20),
          minutes:
            '団体から活動の紹介、担当課から現状と課題の説明。双方ができること・できないことを確認した。',
          decisions: '次回までに担当課が対象地区の資料を用意する。',
        })
    }
    if (target === 'agreed') {
      await createProjectFromPairing(cctx, cur, {
        title: need.title.replace(/たい$/, '').slice(0, 60) + '（協働事業）',
        form: 'cooperation',
        startOn: day(-1),
        purpose: need.goal,
      })
    }
  }
}
