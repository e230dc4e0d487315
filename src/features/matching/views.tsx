import { formatDateTime } from '../../core/japanese/index.ts'
import { Badge } from '../../core/ui/parts.tsx'
import { labelOf } from '../../core/vocabulary.ts'
import { STAGES } from './domain.ts'

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
      <table class="table">
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
              <td>
                <a href={`/coordination/pairings/${p.id}`}>{p.subject || '（件名なし）'}</a>
              </td>
              <td>{p.groupName}</td>
              <td>
                <StageBadge stage={p.stage} />
              </td>
              <td>{formatDateTime(p.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
