import { COLLAB_FORMS, labelOf } from '../../core/vocabulary.ts'
import { Dl, type Lookups, ymdJa } from '../needs/index.ts'
import type { getProject, listProjects } from './service.ts'

/** Collaboration projects of a group, for the group's page (placed there by the groups feature). */
export function GroupProjects({
  projects,
  heading = '市との協働事業',
}: {
  projects: {
    id: string
    title: string
    form: string
    departmentName: string
    startOn: string
    purpose: string
  }[]
  heading?: string
}) {
  return (
    <section class="group-projects" aria-labelledby="group-projects-title">
      <h2 id="group-projects-title">{heading}</h2>
      {projects.length ? (
        <ul class="link-list">
          {projects.map((p) => (
            <li>
              <a href={`/projects/${p.id}`}>{p.title}</a>
              <span class="small muted">
                {' '}
                （{labelOf(COLLAB_FORMS, p.form)}・{p.departmentName}・{ymdJa(p.startOn)}開始）
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">まだ協働事業はありません。</p>
      )}
    </section>
  )
}

/** The list of collaboration projects (/projects). */
export function ProjectsList({ list, lk }: { list: Awaited<ReturnType<typeof listProjects>>; lk: Lookups }) {
  return (
    <section>
      <h1>協働事業</h1>
      {list.length ? (
        <div class="table-wrap">
          <table class="table table--stack">
            <thead>
              <tr>
                <th scope="col">事業名</th>
                <th scope="col">形態</th>
                <th scope="col">担当課</th>
                <th scope="col">協働の相手</th>
                <th scope="col">開始日</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr>
                  <td data-label="事業名">
                    <a href={`/projects/${p.id}`}>{p.title}</a>
                  </td>
                  <td data-label="形態">{labelOf(COLLAB_FORMS, p.form)}</td>
                  <td data-label="担当課">{lk.depName(p.departmentId)}</td>
                  <td data-label="協働の相手">{p.partners.map((g) => g.name).join('、')}</td>
                  <td data-label="開始日">{ymdJa(p.startOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>まだ協働事業はありません。</p>
      )}
    </section>
  )
}

/** One collaboration project (/projects/:id). */
export function ProjectDetail({
  project: p,
  lk,
}: {
  project: NonNullable<Awaited<ReturnType<typeof getProject>>>
  lk: Lookups
}) {
  return (
    <article>
      <h1>{p.title}</h1>
      <Dl
        rows={[
          ['協働の形態', labelOf(COLLAB_FORMS, p.form)],
          ['担当課', lk.depName(p.departmentId)],
          [
            '協働の相手',
            p.partners.map((g) => (g.published ? <a href={`/groups/${g.id}`}>{g.name}</a> : g.name)),
          ],
          ['開始日', ymdJa(p.startOn)],
          ['目的', <p class="prewrap">{p.purpose}</p>],
          ['もとになった協働ニーズ', p.needId ? <a href={`/needs/${p.needId}`}>協働ニーズを見る</a> : '—'],
        ]}
      />
    </article>
  )
}
