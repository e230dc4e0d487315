import { formatDateTime } from '../../core/japanese/index.ts'
import { Badge } from '../../core/ui/parts.tsx'
import { labelOf } from '../../core/vocabulary.ts'
import { STAGES } from './domain.ts'
import { fieldName, snippetParts } from './relevance.ts'

export function StageBadge({ stage }: { stage: string }) {
  const tone = (
    {
      candidate: 'gray',
      introduced: 'blue',
      negotiating: 'orange',
      agreed: 'green',
      declined: 'red',
    } as const
  )[stage as 'candidate']
  return <Badge tone={tone ?? 'gray'}>{labelOf(STAGES, stage)}</Badge>
}

/** Pairings as a table (the board, a need's page, "my pairings"). */
export function PairingTable({
  rows,
}: {
  rows: { id: string; subject: string; groupName: string; stage: string; updatedAt: Date }[]
}) {
  if (!rows.length) return <p>まだありません。</p>
  return (
    <div class="table-wrap">
      <table class="table table--stack">
        <thead>
          <tr>
            <th scope="col">ニーズ・提案</th>
            <th scope="col">団体</th>
            <th scope="col">段階</th>
            <th scope="col">更新</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr>
              <td data-label="ニーズ・提案">
                <a href={`/coordination/pairings/${p.id}`}>{p.subject || '（件名なし）'}</a>
              </td>
              <td data-label="団体">{p.groupName}</td>
              <td data-label="段階">
                <StageBadge stage={p.stage} />
              </td>
              <td data-label="更新">{formatDateTime(p.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

type Shown = {
  reasons: string[]
  words: string[]
  snippet: { field: string; text: string; spans: [number, number][] } | null
  shared: { fields: string[]; areas: string[]; forms: string[]; citywide: boolean }
  track?: string | null
}

/** A suggestion's reasons: the words, the candidate's own sentence with them marked, shared facts. */
export function MatchReasons({ m }: { m: Shown }) {
  return (
    <ul class="reasons">
      <li>
        {m.words.length ? `一致した言葉：${m.words.join('、')}` : '言葉の一致は弱い（文字の重なりのみ）'}
      </li>
      {m.snippet ? (
        <li>
          {fieldName(m.snippet.field)}より：「
          {snippetParts(m.snippet).map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}」
        </li>
      ) : null}
      {m.reasons
        .filter(
          (r) =>
            !r.startsWith('一致した言葉：') &&
            !r.startsWith('言葉の一致は弱い') &&
            !/^(団体|ニーズ|提案)の文（/.test(r),
        )
        .map((r) => (
          <li>{r}</li>
        ))}
    </ul>
  )
}
