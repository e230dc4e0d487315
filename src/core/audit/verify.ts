import { sql } from 'drizzle-orm'
import { type Db, rows } from '../db/index.ts'

/**
 * Walks a city's audit chain (migration 0012) and finds the first broken link: a row whose hash
 * is not the hash of its own content and the row before, whose prev_hash is not the hash of the
 * row before, or whose position does not follow the one before (a row removed); and a chain
 * head that does not name the last row (rows removed from the end). The hashes are recomputed by
 * the same SQL function the insert trigger uses, in one scan.
 */
export interface ChainBreak {
  /** audit_log.id of the first row that does not fit, or null when the head is what is wrong */
  id: number | null
  chainSeq: number
  at: Date | null
  reason: 'hash' | 'prev_hash' | 'missing' | 'head'
}

export interface ChainReport {
  municipalityId: string
  rows: number
  ok: boolean
  broken: ChainBreak | null
  /** the newest link: keep it outside the database (log, paper) to detect a chain rewritten whole */
  head: { seq: number; hash: string }
}

export async function verifyAuditChain(db: Db, municipalityId: string): Promise<ChainReport> {
  const [bad] = await rows<{
    id: string
    chain_seq: string
    at: string | Date
    reason: ChainBreak['reason']
  }>(
    db,
    sql`WITH c AS (
          SELECT a.id, a.chain_seq, a.at, a.hash, a.prev_hash, kyodo_audit_hash(a.prev_hash, a) AS computed,
                 lag(a.hash) OVER w AS before_hash, lag(a.chain_seq) OVER w AS before_seq
            FROM audit_log a WHERE a.municipality_id = ${municipalityId}
          WINDOW w AS (ORDER BY a.chain_seq))
        SELECT id, chain_seq, at,
               CASE WHEN chain_seq <> coalesce(before_seq, 0) + 1 THEN 'missing'
                    WHEN prev_hash <> coalesce(before_hash, '') THEN 'prev_hash'
                    ELSE 'hash' END AS reason
          FROM c
         WHERE chain_seq <> coalesce(before_seq, 0) + 1 OR prev_hash <> coalesce(before_hash, '') OR computed <> hash
         ORDER BY chain_seq LIMIT 1`,
  )
  const [last] = await rows<{ n: string | number; seq: string | number | null; hash: string | null }>(
    db,
    sql`SELECT count(*) AS n,
               (SELECT chain_seq FROM audit_log WHERE municipality_id = ${municipalityId} ORDER BY chain_seq DESC LIMIT 1) AS seq,
               (SELECT hash FROM audit_log WHERE municipality_id = ${municipalityId} ORDER BY chain_seq DESC LIMIT 1) AS hash
          FROM audit_log WHERE municipality_id = ${municipalityId}`,
  )
  const [head] = await rows<{ seq: string | number; hash: string }>(
    db,
    sql`SELECT seq, hash FROM audit_chain_head WHERE municipality_id = ${municipalityId}`,
  )
  const n = Number(last.n)
  const headSeq = head ? Number(head.seq) : 0
  const headHash = head?.hash ?? ''
  let broken: ChainBreak | null = bad
    ? { id: Number(bad.id), chainSeq: Number(bad.chain_seq), at: new Date(bad.at), reason: bad.reason }
    : null
  if (!broken && (headSeq !== Number(last.seq ?? 0) || headHash !== (last.hash ?? '')))
    broken = { id: null, chainSeq: headSeq, at: null, reason: 'head' }
  return { municipalityId, rows: n, ok: !broken, broken, head: { seq: headSeq, hash: headHash } }
}

/** Every city's chain, including cities removed since (their audit rows stay). */
export async function verifyAllAuditChains(db: Db): Promise<ChainReport[]> {
  const cities = await rows<{ id: string }>(
    db,
    sql`SELECT municipality_id AS id FROM audit_log UNION SELECT municipality_id FROM audit_chain_head ORDER BY 1`,
  )
  const out: ChainReport[] = []
  for (const c of cities) out.push(await verifyAuditChain(db, c.id))
  return out
}

const REASONS: Record<ChainBreak['reason'], string> = {
  hash: '内容が記録時のハッシュと一致しません（書き換え）',
  prev_hash: '前の記録のハッシュとつながりません（書き換えまたは削除）',
  missing: '前の番号の記録がありません（削除）',
  head: '最後の記録が連鎖の先頭と一致しません（末尾の削除）',
}

const jst = (d: Date) =>
  `${new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(d)}（日本時間）`

/** One line in Japanese: 「監査ログの連鎖は正常です（N件）」 or where it breaks. */
export function describeChain(r: ChainReport): string {
  if (r.ok) return `監査ログの連鎖は正常です（${r.rows}件）`
  const b = r.broken!
  const where =
    b.id === null
      ? `連鎖の先頭（番号 ${b.chainSeq}）`
      : `記録ID ${b.id}（連番 ${b.chainSeq}、${b.at ? jst(b.at) : ''}）`
  return `監査ログの連鎖が切れています：${where}。${REASONS[b.reason]}`
}
