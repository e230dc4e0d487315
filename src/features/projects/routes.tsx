import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { render } from '../../core/http/render.tsx'
import { can } from '../../core/policy.ts'
import { meetingsOfSubject, newMeetingHref, SubjectMeetings } from '../meetings/index.ts'
import { lookups } from '../needs/index.ts'
import { getProject, listProjects } from './service.ts'
import { ProjectDetail, ProjectsList } from './views.tsx'

export const projectsRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const idOr404 = (c: C, name = 'id') => {
  const id = c.req.param(name)
  if (!isUuid(id)) throw notFound()
  return id
}
// ------------------------------------------------------------------ projects

projectsRoutes.get('/projects', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const [list, lk] = await Promise.all([listProjects(ctx), lookups(ctx)])
  return render(c, '協働事業', <ProjectsList list={list} lk={lk} />, { crumbs: [{ label: '協働事業' }] })
})

projectsRoutes.get('/projects/:id', async (c) => {
  const id = idOr404(c)
  const ctx = await authorize(c, 'site.view')
  const p = await getProject(ctx, id)
  if (!p) throw notFound()
  const [lk, meetings] = await Promise.all([lookups(ctx), meetingsOfSubject(ctx, 'project', p.id)])
  const canMeet = can(ctx.actor, 'meeting.create')
  return render(
    c,
    p.title,
    <>
      <ProjectDetail project={p} lk={lk} />
      {meetings.length || canMeet ? (
        <SubjectMeetings list={meetings} newHref={canMeet ? newMeetingHref('project', p.id) : null} />
      ) : null}
    </>,
    {
      crumbs: [{ label: '協働事業', href: '/projects' }, { label: p.title }],
    },
  )
})
