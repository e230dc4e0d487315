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
