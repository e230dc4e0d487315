import { sql } from 'drizzle-orm'
import { type Db, rows } from './index.ts'

/**
 * The change stamp (migration 0035): a sequence moved at commit by every insert, update or delete
 * of groups, offers, needs, departments and projects (and their area and plan links), in any city. Reading it is one row, where a
 * city index's own version is a scan of the city's rows; city-index.ts asks for the version only
 * when the stamp has moved.
 */
export async function changeStamp(db: Db): Promise<string> {
  const [r] = await rows<{ v: string | number }>(db, sql`SELECT last_value AS v FROM kyodo_change_stamp`)
  return String(r?.v ?? '')
}
