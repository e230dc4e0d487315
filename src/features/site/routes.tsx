import { Hono } from 'hono'
import type { AppEnv } from '../../core/context.ts'
import { render } from '../../core/http/render.tsx'
import { a11yResults, homeData } from './service.ts'
import { AboutPage, AccessibilityPage, HomePage, PrivacyPage } from './views.tsx'

/** Home and the site's fixed pages (accessibility policy, privacy, about). */
export const siteRoutes = new Hono<AppEnv>()

siteRoutes.get('/', async (c) => {
  const ctx = c.get('ctx')
  return render(c, 'ホーム', <HomePage m={ctx.municipality} {...(await homeData(ctx))} />)
})

siteRoutes.get('/accessibility', (c) =>
  render(
    c,
    'ウェブアクセシビリティ方針',
    <AccessibilityPage m={c.get('ctx').municipality} results={a11yResults()} />,
    {
      crumbs: [{ label: 'ウェブアクセシビリティ方針' }],
    },
  ),
)

siteRoutes.get('/privacy', (c) =>
  render(c, '個人情報の取り扱い', <PrivacyPage m={c.get('ctx').municipality} />, {
    crumbs: [{ label: '個人情報の取り扱い' }],
  }),
)

siteRoutes.get('/about', (c) =>
  render(c, 'このサイトについて', <AboutPage m={c.get('ctx').municipality} />, {
    crumbs: [{ label: 'このサイトについて' }],
  }),
)
