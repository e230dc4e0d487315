import { asc } from 'drizzle-orm'
import { baseUrl } from '../../core/auth/service.ts'
import type { Ctx } from '../../core/context.ts'
import { inCity } from '../../core/db/tenant.ts'
import { fiscalYearOf } from '../../core/japanese/index.ts'
import { fieldsOf, labelOf } from '../../core/vocabulary.ts'
import { consultationsByDepartment } from '../consultations/index.ts'
import { needPairingCounts } from '../matching/index.ts'
import { needFunnelCounts } from '../needs/index.ts'
import { org } from '../organisation/index.ts'
import { continuationStats, projectsForStatistics } from '../projects/index.ts'
import { proposalFunnel } from '../proposals/index.ts'
import { byFormAndYear, countBy, type HistoryRow, NO_FIELD, openDataRecords } from './domain.ts'
import { collaborationHistory } from './schema.ts'

/** public: what anyone may see (no internal projects, no consultations); dashboard: the coordinator's. */
export type Scope = 'public' | 'dashboard'

export async function historyRows(ctx: Ctx): Promise<HistoryRow[]> {
  return ctx.db
    .select({
      fiscalYear: collaborationHistory.fiscalYear,
      form: collaborationHistory.form,
      count: collaborationHistory.count,
      source: collaborationHistory.source,
    })
    .from(collaborationHistory)
    .where(inCity(ctx, collaborationHistory))
    .orderBy(asc(collaborationHistory.fiscalYear), asc(collaborationHistory.form))
}

async function departmentName(ctx: Ctx) {
  const m = new Map((await org.listDepartments(ctx)).map((d) => [d.id, d.name]))
  return (id: string | null) => (id ? (m.get(id) ?? '（不明な課）') : '（課に未振り分け）')
}

/** Projects by form and fiscal year (records and history): the public page's and the API's numbers. */
export async function formYearStats(ctx: Ctx, scope: Scope) {
  const current = fiscalYearOf()
  const all = await projectsForStatistics(ctx)
  const list = scope === 'public' ? all.filter((p) => !p.internal) : all
  return { current, ...byFormAndYear(list, await historyRows(ctx), current) }
}

/** Every figure of the page of one scope (each room's numbers through its index). */
export async function statistics(ctx: Ctx, scope: Scope) {
  const current = fiscalYearOf()
  const [all, history, depName, needs] = await Promise.all([
    projectsForStatistics(ctx),
    historyRows(ctx),
    departmentName(ctx),
    needFunnelCounts(ctx, { publicOnly: scope === 'public' }),
  ])
  const list = scope === 'public' ? all.filter((p) => !p.internal) : all
  const fields = fieldsOf(ctx.municipality.settings)
  const pairing = await needPairingCounts(ctx, needs.needIds)
  const formYear = byFormAndYear(list, history, current)
  const byDepartment = countBy(list, (p) => [depName(p.departmentId)])
  const byField = countBy(list, (p) => {
    const fs = p.partners.flatMap((x) => x.fields)
    return fs.length ? fs.map((f) => labelOf(fields, f)) : [NO_FIELD]
  })
  const matching = [
    { label: '協働ニーズ（公開したもの）', value: needs.needs },
    { label: '関心表明があったニーズ', value: needs.interested },
    { label: '団体の紹介まで進んだニーズ', value: pairing.introduced },
    { label: '合意したニーズ', value: pairing.agreed },
  ]
  const base = {
    scope,
    current,
    projectCount: list.length,
    internalCount: all.length - list.length,
    formYear,
    historySources: [...new Set(history.map((h) => h.source).filter(Boolean))],
    byDepartment,
    byField,
    matching,
  }
  if (scope === 'public') return { ...base, dashboard: null }
  const [proposals, continuation, consultations] = await Promise.all([
    proposalFunnel(ctx),
    continuationStats(ctx),
    consultationsByDepartment(ctx),
  ])
  const sum = (k: 'consultations' | 'applications' | 'adopted' | 'continued') =>
    proposals.years.reduce((n, y) => n + y[k], 0)
  return {
    ...base,
    dashboard: {
      proposals: {
        years: proposals.years,
        totals: [
          { label: '意見交換会', value: sum('consultations') },
          { label: '申込', value: sum('applications') },
          { label: '採択', value: sum('adopted') },
          { label: '支援期間後の継続', value: sum('continued') },
        ],
      },
      continuation: {
        total: continuation.total,
        continued: continuation.continued,
        rate: continuation.rate,
        byForm: continuation.byForm,
      },
      consultations: {
        total: consultations.total,
        rows: consultations.byDepartment
          .map((r) => ({ label: depName(r.departmentId), value: r.count }))
          .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'ja')),
      },
    },
  }
}
export type Statistics = Awaited<ReturnType<typeof statistics>>

/** The open-data list of yearly collaboration (never an internal project). */
export async function openDataProjects(ctx: Ctx, year?: number) {
  const [all, depName] = await Promise.all([projectsForStatistics(ctx), departmentName(ctx)])
  return openDataRecords(
    all
      .filter((p) => !p.internal)
      .map((p) => ({
        id: p.id,
        title: p.title,
        form: p.form,
        department: depName(p.departmentId),
        partners: p.partners.map((x) => x.name),
        startOn: p.startOn,
        endOn: p.endOn,
        internal: p.internal,
        budgets: p.budgets,
      })),
    fiscalYearOf(),
    baseUrl(ctx),
    year,
  )
}
