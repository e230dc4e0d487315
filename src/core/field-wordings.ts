import { nearest } from './import/similar.ts'
import { fieldsOf, NPO_FIELDS } from './vocabulary.ts'

/**
 * Fields of activity in any wording a city uses: the NPO Act 別表's official wording, the short
 * forms prefectures and cities publish, the numbers 1–20 (第1号, 1号, (1), ①, 1), the city's own
 * labels, and what the city mapped at an earlier import (settings.importFieldValues).
 */

/** Short forms published by prefectures and cities, by NPO Act code. */
const SHORT_FORMS: Record<string, string[]> = {
  health_welfare: ['保健・医療・福祉', '保健・医療・福祉の増進', '医療・福祉', '保健医療福祉', '福祉'],
  social_education: ['社会教育', '社会教育の推進'],
  community: ['まちづくり', 'まちづくりの推進', '街づくり', '町づくり'],
  tourism: ['観光', '観光の振興'],
  rural: ['農山漁村・中山間地域', '農山漁村・中山間', '農山漁村又は中山間地域の振興', '中山間地域'],
  culture_sports: [
    '学術・文化・芸術・スポーツ',
    '学術・文化・芸術又はスポーツ',
    '文化・芸術・スポーツ',
    '文化・芸術',
    'スポーツ',
  ],
  environment: ['環境の保全', '環境保全', '環境'],
  disaster: ['災害救援', '災害'],
  safety: ['地域安全', '防犯'],
  human_rights: ['人権・平和', '人権の擁護・平和の推進', '人権擁護・平和推進', '人権', '平和'],
  international: ['国際協力', '国際'],
  gender_equality: ['男女共同参画', '男女共同参画社会', '男女共同参画社会の形成'],
  children: ['子どもの健全育成', '子供の健全育成', 'こどもの健全育成', '子ども', '子育て'],
  information: ['情報化社会', '情報化社会の発展', '情報化'],
  science: ['科学技術', '科学技術の振興'],
  economy: ['経済活動の活性化', '経済活動'],
  employment: ['職業能力・雇用機会', '職業能力の開発・雇用機会の拡充', '職業能力開発・雇用機会', '雇用'],
  consumer: ['消費者保護', '消費者の保護'],
  intermediary: [
    '連絡・助言・援助',
    '団体の運営・活動への支援',
    '中間支援',
    'NPO支援',
    '団体の運営又は活動に関する連絡、助言又は援助',
  ],
  ordinance: ['条例で定める活動', '条例で定める', '条例'],
}

const NUMBER_OF = new Map<string, number>(NPO_FIELDS.map((f, i) => [f.code, i + 1]))

/** Key for comparing wordings: NFKC, lower case, no spaces or punctuation, no "を図る活動". */
export function wordingKey(s: string) {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000・、，,。．.／/「」()（）]/g, '')
    .replace(/(又は|及び|および|並びに)/g, '')
    .replace(/(を図る活動|を支援する活動|の活動|活動)$/u, '')
    .replace(/子供|こども/g, '子ども')
}

/** "第1号", "1号", "(1)", "①", "1" → 1 (null when not a number form). */
export function fieldNumber(raw: string): number | null {
  const s = raw.normalize('NFKC').replace(/\s/g, '')
  const m = s.match(/^(?:別表)?第?[(（]?(\d{1,2})[)）]?(?:号)?$/)
  return m ? Number(m[1]) : null
}

export interface FieldWording {
  code: string
  label: string
  /** Number in the NPO Act 別表 (1–20) when the code is one of its fields. */
  number: number | null
  wordings: string[]
}

type Settings = Record<string, unknown> | null | undefined

/** The city's fields with every wording accepted for each. */
export function fieldWordings(settings: Settings): FieldWording[] {
  return fieldsOf(settings).map((f) => {
    const npo = NPO_FIELDS.find((x) => x.code === f.code)
    const n = NUMBER_OF.get(f.code) ?? null
    const wordings = [
      f.label,
      ...(npo ? [npo.label, npo.full, ...(SHORT_FORMS[f.code] ?? [])] : []),
      ...(n ? [`第${n}号`, `${n}号`, `(${n})`, String.fromCodePoint(0x2460 + n - 1)] : []),
    ]
    return { code: f.code, label: f.label, number: n, wordings: [...new Set(wordings)] }
  })
}

/** Values mapped by hand at earlier imports: wordingKey(value) → code, or '' for "ignore". */
export function rememberedFieldValues(settings: Settings): Record<string, string> {
  const v = settings?.importFieldValues
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {}
}

export type FieldMatch = { code: string } | { ignore: true } | { unknown: true; nearest: string[] }

/** Resolve field values for one city; `extra` are the mappings typed for this import. */
export function fieldResolver(settings: Settings, extra: Record<string, string> = {}) {
  const list = fieldWordings(settings)
  const codes = new Set(list.map((f) => f.code))
  const byKey = new Map<string, string>()
  for (const f of list)
    for (const w of f.wordings) if (!byKey.has(wordingKey(w))) byKey.set(wordingKey(w), f.code)
  for (const f of list) byKey.set(wordingKey(f.label), f.code) // the city's own label wins
  byKey.set('', '')
  const hand = new Map<string, string>()
  for (const [k, v] of Object.entries(rememberedFieldValues(settings))) hand.set(wordingKey(k), v)
  for (const [k, v] of Object.entries(extra)) hand.set(wordingKey(k), v)
  const candidates = list.map((f) => ({
    item: f.label,
    wordings: f.wordings.filter((w) => fieldNumber(w) === null),
  }))

  function one(raw: string): FieldMatch | null {
    const k = wordingKey(raw)
    if (hand.has(k)) {
      const v = hand.get(k)!
      if (v === '') return { ignore: true }
      if (codes.has(v)) return { code: v }
    }
    if (codes.has(raw.trim())) return { code: raw.trim() }
    const hit = byKey.get(k)
    if (hit) return { code: hit }
    const n = fieldNumber(raw)
    if (n && n >= 1 && n <= NPO_FIELDS.length && codes.has(NPO_FIELDS[n - 1].code))
      return { code: NPO_FIELDS[n - 1].code }
    return null
  }

  /**
   * Split a cell into fields. Separators are 、,;／| and line breaks, but an official wording may
   * itself contain 、 (保健、医療又は福祉の増進を図る活動), so the longest run of pieces that is
   * one wording is taken first.
   */
  function cell(raw: string): { codes: string[]; unknown: { value: string; nearest: string[] }[] } {
    const pieces = raw
      .split(/[、，,;；／|\n]/)
      .map((x) => x.trim())
      .filter(Boolean)
    const out: string[] = []
    const unknown: { value: string; nearest: string[] }[] = []
    for (let i = 0; i < pieces.length; ) {
      let matched = false
      for (let j = Math.min(pieces.length, i + 4); j > i; j--) {
        const m = one(pieces.slice(i, j).join('、'))
        if (m) {
          if ('code' in m) out.push(m.code)
          i = j
          matched = true
          break
        }
      }
      if (!matched) {
        unknown.push({ value: pieces[i], nearest: nearest(pieces[i], candidates, 3, wordingKey) })
        i++
      }
    }
    return { codes: [...new Set(out)], unknown }
  }

  return { list, one, cell }
}
