import { sql } from 'drizzle-orm'
import { type Db, rows } from './index.ts'

/**
 * The change stamp (migration 0035): a sequence moved at commit by every insert, update or delete
 * of groups, offers, needs, departments and projects (and their area and plan links), in any city. Reading it is one row, where a
 * city index's own version is a scan of the city's rows; city-index.ts asks for the version only
 * when the stamp has moved.
 *
 * Readers share reads: a caller that finds a read running waits for the next one, which starts
 * after the running one ends and so after the caller arrived. Every caller thus gets a value read
 * after it asked (a write it committed before asking is seen), while twenty searches at once make
 * two reads instead of twenty.
 */
export function changeStamp(db: Db): Promise<string> {
  let s = reads.get(db)
  if (!s) {
    s = { running: null, next: null }
    reads.set(db, s)
  }
  const state = s
  const start = () => {
    const p = readStamp(db).finally(() => {
      if (state.running === p) state.running = null
    })
    state.running = p
    return p
  }
  if (!state.running) return start()
  state.next ??= state.running
    .catch(() => undefined)
    .then(() => {
      state.next = null
      return start()
    })
  return state.next
}

const reads = new WeakMap<Db, { running: Promise<string> | null; next: Promise<string> | null }>()

async function readStamp(db: Db): Promise<string> {
  const [r] = await rows<{ v: string | number }>(db, sql`SELECT last_value AS v FROM kyodo_change_stamp`)
  return String(r?.v ?? '')
}
