import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { RankDoc } from '../japanese/rank.ts'
import { cityIndex } from './city-index.ts'

/** A city index over an in-memory list: versions, in-place changes, shared first builds. */
function fixture() {
  let docs: (RankDoc & { at: number })[] = [
    { id: 'a', at: 1, fields: { name: '吉祥寺ほほえみ合唱団' } },
    { id: 'b', at: 1, fields: { name: '武蔵野防災ボランティア会' } },
  ]
  let builds = 0
  const idx = cityIndex<{ tenantId: string }>({
    name: 'test',
    fields: [{ name: 'name', weight: 1, fuzzy: true }],
    backgroundAbove: 1,
    version: async () => `${docs.length}@${Math.max(...docs.map((d) => d.at))}`,
    documents: async () => {
      builds++
      return docs
    },
    changes: async (_ctx, since) => {
      const t = Number(since.split('@')[1])
      return docs.filter((d) => d.at > t)
    },
  })
  return {
    idx,
    builds: () => builds,
    edit: (d: RankDoc & { at: number }) => {
      docs = [...docs.filter((x) => x.id !== d.id), d]
    },
  }
}

test('concurrent first searches share one build; an edit is added in place, not rebuilt', async () => {
  const f = fixture()
  const ctx = { tenantId: 'c1' }
  const [i1, i2] = await Promise.all([f.idx.get(ctx), f.idx.get(ctx)])
  assert.equal(i1, i2)
  assert.equal(f.builds(), 1)
  f.edit({ id: 'c', at: 2, fields: { name: '境南こども食堂' } })
  const i3 = await f.idx.get(ctx)
  assert.equal(f.builds(), 1, 'no rebuild for one change')
  assert.equal(i3.search('子ども食堂')[0]?.id, 'c')
  assert.equal((await f.idx.get(ctx)).size, 3)
})

test('peek: a large city without an index gets null at once while the build runs; a small one waits', async () => {
  let release: () => void = () => {}
  const gate = new Promise<void>((r) => {
    release = r
  })
  const docs: RankDoc[] = [
    { id: 'a', fields: { name: '吉祥寺ほほえみ合唱団' } },
    { id: 'b', fields: { name: '武蔵野防災ボランティア会' } },
  ]
  let builds = 0
  const idx = cityIndex<{ tenantId: string; n: number }>({
    name: 'test-peek',
    fields: [{ name: 'name', weight: 1 }],
    backgroundAbove: 10,
    version: async (ctx) => `${ctx.n}@1`,
    sizeOf: (v) => Number.parseInt(v, 10),
    documents: async () => {
      builds++
      await gate
      return docs
    },
  })
  const large = { tenantId: 'big', n: 50_000 }
  assert.equal(await idx.peek(large), null, 'no waiting for the first build of a large city')
  assert.equal(await idx.peek(large), null, 'still building')
  assert.equal(builds, 1, 'one build started, not one per call')
  release()
  const built = await idx.get(large)
  assert.equal(builds, 1)
  assert.equal((await idx.peek(large))?.search('合唱')[0]?.id, 'a', 'then the index answers')
  const small = await idx.peek({ tenantId: 'small', n: 2 })
  assert.ok(small, 'a small city waits for its build')
  assert.notEqual(small, built)
})

test('building a large index gives the event loop back', async () => {
  const { createIndex } = await import('../japanese/rank.ts')
  const docs: RankDoc[] = Array.from({ length: 3000 }, (_, i) => ({
    id: String(i),
    fields: { name: `団体${i} 地域の見守りと子ども食堂、防災訓練を行うボランティアの会` },
  }))
  let ticks = 0
  const timer = setInterval(() => ticks++, 1)
  await createIndex([{ name: 'name', weight: 1 }], docs)
  clearInterval(timer)
  assert.ok(ticks >= 2, `timers ran during the build (${ticks})`)
})

test('a warm-up counts as a build from its start until it settles, failed or not', async () => {
  const { warming, buildsRunning } = await import('./city-index.ts')
  const before = buildsRunning()
  let finish = () => {}
  const p = warming(new Promise<void>((r) => (finish = r)))
  assert.equal(buildsRunning(), before + 1, 'counted before the warm-up has done anything')
  finish()
  await p
  assert.equal(buildsRunning(), before)
  await warming(Promise.reject(new Error('x'))).catch(() => undefined)
  assert.equal(buildsRunning(), before, 'a failed warm-up is not counted forever')
})
