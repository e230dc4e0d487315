/**
 * Registering the collaborations a city already has (issue 15 item 2): a CSV or Excel table, one
 * project a row, read with the shared import reader (core/import). Partners are matched to the
 * registered groups by name (NFKC, spaces and 法人格 words ignored) and by reading (フリガナ): a
 * partner written in kana, or with its reading in brackets (「むさしの見守りネットワーク（ムサシノミマモリ
 * ネットワーク）」), is the group whose reading is the same once kana are folded. A near name or reading,
 * or a reading only guessed from the kanji by the analyser, is doubtful and the coordinator confirms it
 * before anything is written; no match is an outside partner.
 */
import type { Ctx } from '../../core/context.ts'
import { dice } from '../../core/import/index.ts'
import { fold, isKana, parseYmd } from '../../core/japanese/index.ts'
import { readingOf } from '../../core/japanese/tokenizer.ts'
import { COLLAB_FORMS } from '../../core/vocabulary.ts'
import { publishedGroupsWithKana } from '../groups/index.ts'
import { lookups } from '../needs/index.ts'
import { type BudgetInput, budgetSchema, ORIGINS, recordProblems } from './domain.ts'
import { createProjectRecord, type RecordInput } from './service.ts'

export const IMPORT_COLUMNS = [
  { key: 'title', label: '事業名', required: true },
  { key: 'form', label: '協働の形態', required: true },
  { key: 'department', label: '担当課', required: true },
  { key: 'partners', label: '協働の相手', required: false },
  { key: 'startOn', label: '開始日', required: true },
  { key: 'endOn', label: '終了日', required: false },
  { key: 'purpose', label: '目的', required: false },
  { key: 'fiscalYear', label: '年度', required: false },
  { key: 'total', label: '事業額', required: false },
  { key: 'cityShare', label: '市負担額', required: false },
  { key: 'groupShare', label: '団体負担', required: false },
  { key: 'otherIncome', label: 'その他収入', required: false },
] as const

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^(特定非営利活動法人|NPO法人|一般社団法人|公益社団法人|一般財団法人|社会福祉法人)/i, '')
    .toLowerCase()

/** Legal forms as they are read (a group's フリガナ often starts with one). */
const LEGAL_FORM_READING =
  /^(トクテイヒエイリカツドウホウジン|ニンテイ(エヌピーオー|npo)ホウジン|(エヌピーオー|npo)ホウジン|イッパンシャダンホウジン|コウエキシャダンホウジン|イッパンザイダンホウジン|コウエキザイダンホウジン|シャカイフクシホウジン|ニンイダンタイ)/

/** The comparison key of a reading: kana folded to katakana (NFKC, lower case), no spaces or dots, no legal form. */
export const readingKeyOf = (s: string) =>
  fold(s)
    .replace(/[\s・･]/g, '')
    .replace(LEGAL_FORM_READING, '')

/** 「名前（フリガナ）」: the name and the reading written after it in brackets, if that is kana. */
export function splitReading(raw: string): { name: string; reading: string | null } {
  const m = raw.normalize('NFKC').match(/^(.+?)\s*[(（]([^()（）]+)[)）]$/)
  if (m && isKana(m[2].replace(/[\s・]/g, ''))) return { name: m[1].trim(), reading: m[2].trim() }
  return { name: raw.trim(), reading: null }
}

/** 2014-04-01, 2014/4/1, 平成26年4月1日 → 'YYYY-MM-DD' (null when blank, 'bad' when unreadable). */
export function parseDateCell(raw: string): string | null | 'bad' {
  const s = raw.normalize('NFKC').trim()
  if (!s) return null
  const m = s.match(/^(.+?)[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/)
  if (!m) return 'bad'
  return parseYmd(m[1], m[2], m[3]) ?? 'bad'
}

export interface PartnerMatch {
  name: string
  /** matched: the same registered group; doubtful: a near name to confirm; outside: not registered */
  status: 'matched' | 'doubtful' | 'outside'
  groupId: string | null
  groupName: string | null
}

export interface ImportRow {
  line: number
  record: RecordInput
  budget: BudgetInput | null
  partners: PartnerMatch[]
}

export interface ImportPreview {
  rows: ImportRow[]
  errors: { line: number; column: string; message: string }[]
}

type Candidate = { id: string; name: string; nameKana?: string }

/** A group's reading key: its フリガナ, or its name when that is written in kana. */
function groupReading(g: Candidate): string {
  if (g.nameKana) return readingKeyOf(g.nameKana)
  const n = norm(g.name)
  return isKana(n) ? readingKeyOf(n) : ''
}

/** How near two keys are: bigram similarity, with a bonus when one holds the other. */
const nearness = (a: string, b: string) =>
  !a || !b ? 0 : dice(a, b) + (a.includes(b) || b.includes(a) ? 0.2 : 0)

/**
 * Match one partner against the registered groups. `reading` is the reading the table gives (the
 * name itself when written in kana, or the bracketed フリガナ); `guessed` the analyser's reading of a
 * name in kanji, which is never trusted alone (an equal guessed reading is only doubtful).
 */
export function matchPartner(
  name: string,
  groups: Candidate[],
  o: { reading?: string | null; guessed?: string | null } = {},
): PartnerMatch {
  const matched = (g: Candidate): PartnerMatch => ({
    name,
    status: 'matched',
    groupId: g.id,
    groupName: g.name,
  })
  const doubtful = (g: Candidate): PartnerMatch => ({
    name,
    status: 'doubtful',
    groupId: g.id,
    groupName: g.name,
  })
  const n = norm(name)
  const same = groups.find((g) => norm(g.name) === n)
  if (same) return matched(same)
  const given = o.reading ?? (isKana(n.replace(/[\s・]/g, '')) ? n : null)
  const r = given ? readingKeyOf(given) : ''
  if (r) {
    const sameReading = groups.find((g) => groupReading(g) === r)
    if (sameReading) return matched(sameReading)
  }
  const guessed = !r && o.guessed ? readingKeyOf(o.guessed) : ''
  let best: { g: Candidate; s: number } | null = null
  for (const g of groups) {
    const gr = groupReading(g)
    const s = Math.max(
      nearness(n, norm(g.name)),
      // readings are kana only: sharing bigrams is commoner, so they must be nearer to count
      nearness(r || guessed, gr) - 0.1,
      guessed && guessed === gr ? 1 : 0,
    )
    if (!best || s > best.s) best = { g, s }
  }
  if (best && best.s >= 0.6) return doubtful(best.g)
  return { name, status: 'outside', groupId: null, groupName: null }
}

/** The analyser's reading of a name in kanji (null when it has none or the analyser cannot load). */
async function guessReading(name: string): Promise<string | null> {
  const n = norm(name)
  if (isKana(n)) return null
  try {
    return await readingOf(n)
  } catch {
    return null
  }
}

/** Check every row; nothing is written. */
export async function previewImport(
  ctx: Ctx,
  table: { header: string[]; rows: { line: number; cells: string[] }[] },
): Promise<ImportPreview> {
  const [lk, groups] = await Promise.all([lookups(ctx), publishedGroupsWithKana(ctx, 5000)])
  const col = (label: string) => table.header.findIndex((h) => h.normalize('NFKC').trim() === label)
  const errors: ImportPreview['errors'] = []
  for (const c of IMPORT_COLUMNS)
    if (c.required && col(c.label) < 0)
      errors.push({
        line: 1,
        column: c.label,
        message: `「${c.label}」の列がありません。1行目に見出しを入れてください`,
      })
  if (errors.length) return { rows: [], errors }
  const rows: ImportRow[] = []
  for (const r of table.rows) {
    const cell = (label: string) => {
      const i = col(label)
      return i < 0 ? '' : (r.cells[i] ?? '').trim()
    }
    const bad = (column: string, message: string) => errors.push({ line: r.line, column, message })
    const before = errors.length
    const title = cell('事業名')
    if (!title) bad('事業名', '事業名を入力してください')
    const formText = cell('協働の形態')
    const form = COLLAB_FORMS.find((f) => f.label === formText || f.code === formText)?.code
    if (!form)
      bad('協働の形態', `協働の形態「${formText}」は10の形態（委託・共催・後援…）のどれかにしてください`)
    const depText = cell('担当課').normalize('NFKC')
    const dep = lk.departments.find((d) => d.name.normalize('NFKC') === depText)
    if (!dep) bad('担当課', `担当課「${depText}」は市の課の名前と同じに書いてください`)
    const startOn = parseDateCell(cell('開始日'))
    if (startOn === null) bad('開始日', '開始日を入力してください')
    else if (startOn === 'bad') bad('開始日', '開始日は 2014-04-01 や 平成26年4月1日 のように書いてください')
    const endOn = parseDateCell(cell('終了日'))
    if (endOn === 'bad') bad('終了日', '終了日は 2015-03-31 や 平成27年3月31日 のように書いてください')
    const okStart = typeof startOn === 'string' && startOn !== 'bad' ? startOn : null
    const okEnd = typeof endOn === 'string' && endOn !== 'bad' ? endOn : null
    const p = recordProblems({ startOn: okStart, endOn: okEnd })
    if (p.endOn) bad('終了日', p.endOn)
    let budget: BudgetInput | null = null
    if (cell('事業額') || cell('市負担額')) {
      const b = budgetSchema.safeParse({
        fiscalYear: cell('年度'),
        total: cell('事業額'),
        cityShare: cell('市負担額'),
        groupShare: cell('団体負担'),
        otherIncome: cell('その他収入'),
      })
      if (!b.success) for (const i of b.error.issues) bad(String(i.path[0] ?? '事業額'), i.message)
      else budget = b.data
    }
    const partners: PartnerMatch[] = []
    for (const raw of cell('協働の相手')
      .split(/[、,;；／/]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const { name, reading } = splitReading(raw)
      partners.push(
        matchPartner(name, groups, { reading, guessed: reading ? null : await guessReading(name) }),
      )
    }
    if (errors.length > before) continue
    rows.push({
      line: r.line,
      record: {
        title,
        form: form!,
        origin: ORIGINS.find((o) => o.code === 'existing')!.code,
        departmentId: dep!.id,
        startOn: okStart!,
        endOn: okEnd,
        purpose: cell('目的'),
        goals: [],
        cityContact: '',
        partnerContact: '',
        internal: false,
      },
      budget,
      partners,
    })
  }
  return { rows, errors }
}

/**
 * Write the checked rows (the request's transaction holds them together). `confirm` says, for each
 * doubtful partner (key `${line}:${index}`), whether it is the registered group ('group') or not.
 */
export async function commitImport(ctx: Ctx, preview: ImportPreview, confirm: Record<string, string>) {
  let n = 0
  for (const row of preview.rows) {
    const partners = row.partners.map((p, i) => {
      const asGroup =
        p.status === 'matched' || (p.status === 'doubtful' && confirm[`${row.line}:${i}`] === 'group')
      return asGroup
        ? { kind: 'group', groupId: p.groupId!, name: p.groupName!, role: '' }
        : { kind: 'other', name: p.name, role: '' }
    })
    await createProjectRecord(ctx, { ...row.record, partners, budgets: row.budget ? [row.budget] : [] })
    n++
  }
  return n
}

/** Doubtful partners not yet confirmed either way. */
export const unconfirmed = (preview: ImportPreview, confirm: Record<string, string>) =>
  preview.rows.flatMap((r) =>
    r.partners.flatMap((p, i) =>
      p.status === 'doubtful' && !['group', 'outside'].includes(confirm[`${r.line}:${i}`] ?? '')
        ? [`${r.line}:${i}`]
        : [],
    ),
  )
