import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Db } from './index.ts'
import { changeStamp } from './stamp.ts'

/** A database whose stamp reads end when the test says: the stamp it returns is the value at the read's start. */
function fakeDb() {
  let value = 1
  const open: (() => void)[] = []
  let reads = 0
  const db = {
    execute: () => {
      reads++
      const v = value
      return new Promise((resolve) => open.push(() => resolve({ rows: [{ v }] })))
    },
  } as unknown as Db
  return {
    db,
    write: () => {
      value++
    },
    reads: () => reads,
    /** end every read started so far */
    finish: async () => {
      while (open.length) {
        for (const end of open.splice(0)) end()
        await new Promise((r) => setImmediate(r))
      }
    },
  }
}

test('readers arriving during a read share the next one: two reads for twenty callers', async () => {
  const f = fakeDb()
  const first = changeStamp(f.db)
  const rest = Array.from({ length: 19 }, () => changeStamp(f.db))
  await f.finish()
  assert.equal(await first, '1')
  assert.deepEqual(new Set(await Promise.all(rest)), new Set(['1']))
  assert.equal(f.reads(), 2)
})

test('a caller that asks after a write sees it, even while an older read is running', async () => {
  const f = fakeDb()
  const before = changeStamp(f.db) // started before the write: may see the old value
  f.write()
  const after = changeStamp(f.db) // asked after the write committed
  await f.finish()
  assert.equal(await before, '1')
  assert.equal(await after, '2')
})

test('a failed read does not stop the next callers', async () => {
  let fail = true
  const db = {
    execute: async () => {
      if (fail) {
        fail = false
        throw new Error('connection lost')
      }
      return { rows: [{ v: 7 }] }
    },
  } as unknown as Db
  const a = changeStamp(db)
  const b = changeStamp(db)
  await assert.rejects(a)
  assert.equal(await b, '7')
  assert.equal(await changeStamp(db), '7')
})
