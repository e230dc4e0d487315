import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { isUuid } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { render } from '../../core/http/render.tsx'
import { COLLAB_FORMS, labelOf } from '../../core/vocabulary.ts'
import { Dl, lookups, ymdJa } from '../needs/index.ts'
import { getProject, listProjects } from './service.ts'

export const projectsRoutes = new Hono<AppEnv>()

type C = Context<AppEnv>
const _opts = <T extends { code: string; label: string }>(l: readonly T[]) =>
  l.map((x) => ({ value: x.code, label: x.label }))
const idOr404 = (c: C, name = 'id') => {
  const id = c.req.param(name)
  if (!isUuid(id)) throw notFound()
  return id
}
const _NEED_DATES = ['periodStart', 'periodEnd', 'deadline']
// ------------------------------------------------------------------ projects

projectsRoutes.get('/projects', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const [list, lk] = await Promise.all([listProjects(ctx), lookups(ctx)])
  return render(
    c,
    '協働事業',
    <section>
      <h1>協働事業</h1>
      {list.length ? (
        <div class="table-wrap">
          <table class="table">
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
                  <td>
                    <a href={`/projects/${p.id}`}>{p.title}</a>
                  </td>
                  <td>{labelOf(COLLAB_FORMS, p.form)}</td>
                  <td>{lk.depName(p.departmentId)}</td>
                  <td>{p.partners.map((g) => g.name).join('、')}</td>
                  <td>{ymdJa(p.startOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>まだ協働事業はありません。</p>
      )}
    </section>,
    { crumbs: [{ label: '協働事業' }] },
  )
})

projectsRoutes.get('/projects/:id', async (c) => {
  const id = idOr404(c)
  const ctx = await authorize(c, 'site.view')
  const p = await getProject(ctx, id)
  if (!p) throw notFound()
  const lk = await lookups(ctx)
  return render(
    c,
    p.title,
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
    </article>,
    { crumbs: [{ label: '協働事業', href: '/projects' }, { label: p.title }] },
  )
})
