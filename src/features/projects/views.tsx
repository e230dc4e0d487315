import { COLLAB_FORMS, labelOf } from '../../core/vocabulary.ts'
import { ymdJa } from '../needs/index.ts'

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
