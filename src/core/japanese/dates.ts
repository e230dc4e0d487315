/** Dates as Japanese public documents write them. Stored in UTC, shown in Asia/Tokyo. */

const TZ = 'Asia/Tokyo'
const eraFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: TZ,
})
const eraYearFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  timeZone: TZ,
})
const westernFormat = new Intl.DateTimeFormat('ja-JP', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: TZ,
})
const dateTimeFormat = new Intl.DateTimeFormat('ja-JP', {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TZ,
})
const ymdParts = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: TZ,
})

function toDate(d: Date | string): Date {
  if (typeof d !== 'string') return d
  // A bare date (YYYY-MM-DD) means that day in Japan.
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00+09:00`) : new Date(d)
}

/** 令和元年5月1日 */
export function formatEra(d: Date | string): string {
  return eraFormat.format(toDate(d))
}

/** 令和元年5月1日（2019年） — the era date with the Western year beside it. */
export function formatEraWithWestern(d: Date | string): string {
  const date = toDate(d)
  return `${eraFormat.format(date)}（${ymdInTokyo(date).slice(0, 4)}年）`
}

/** 2019年5月1日 */
export function formatDate(d: Date | string): string {
  return westernFormat.format(toDate(d))
}

/** 2019/5/1 09:30 */
export function formatDateTime(d: Date | string): string {
  return dateTimeFormat.format(toDate(d))
}

/** YYYY-MM-DD of the day in Tokyo. */
export function ymdInTokyo(d: Date | string): string {
  return ymdParts.format(toDate(d))
}

/** 令和8年 for a Western year (taken at its 1 July, so mid-year era changes use the new era). */
export function eraYearLabel(year: number): string {
  return eraYearFormat.format(new Date(`${year}-07-01T00:00:00+09:00`))
}

/** The fiscal year (年度) a moment belongs to: April 1 00:00 JST to March 31 in Japan. */
export function fiscalYearOf(d: Date | string = new Date()): number {
  const [y, m] = ymdInTokyo(d).split('-').map(Number)
  return m >= 4 ? y : y - 1
}

/** 令和8年度（2026年度） */
export function fiscalYearLabel(year: number): string {
  return `${eraYearLabel(year)}度（${year}年度）`
}

export function fiscalYearRange(year: number): { startsOn: string; endsOn: string } {
  return { startsOn: `${year}-04-01`, endsOn: `${year + 1}-03-31` }
}

/**
 * Validate a date typed as 年/月/日; returns YYYY-MM-DD or null (2025-02-30 → null). The year may be
 * western or Japanese-era (２０２６, 令和8, 令和８年, R8), month and day may carry 月・日.
 */
export function parseYmd(y: string | number, m: string | number, d: string | number): string | null {
  const year = parseYear(String(y))
  const ms = String(m).normalize('NFKC').trim().replace(/月$/, '')
  const ds = String(d).normalize('NFKC').trim().replace(/日$/, '')
  if (typeof year !== 'number' || !/^\d{1,2}$/.test(ms) || !/^\d{1,2}$/.test(ds)) return null
  const mi = Number(ms)
  const di = Number(ds)
  if (mi < 1 || mi > 12 || di < 1) return null
  const last = new Date(Date.UTC(year, mi, 0)).getUTCDate()
  if (di > last) return null
  return `${String(year).padStart(4, '0')}-${String(mi).padStart(2, '0')}-${String(di).padStart(2, '0')}`
}

const ERA_BASE: Record<string, number> = { 明治: 1867, 大正: 1911, 昭和: 1925, 平成: 1988, 令和: 2018 }
const ERA_LETTER: Record<string, number> = { M: 1867, T: 1911, S: 1925, H: 1988, R: 2018 }

/**
 * A year as people write it: 1999, １９９９年, 平成11年, 平成元年, H11, R2 → the western year; '' → null;
 * anything else → 'bad'.
 */
export function parseYear(raw: string): number | null | 'bad' {
  const s = raw.normalize('NFKC').trim()
  if (!s) return null
  const m = s.match(/^(\d{4})年?(度)?$/) ?? s.match(/^(\d{4})[年/.-]/)
  if (m) return Number(m[1])
  const e = s.match(/^(明治|大正|昭和|平成|令和)\s*(元|\d{1,2})\s*年?/)
  if (e) return ERA_BASE[e[1]] + (e[2] === '元' ? 1 : Number(e[2]))
  const w = s.match(/^([MTSHR])\.?\s*(\d{1,2})(?!\d)/i)
  if (w) return ERA_LETTER[w[1].toUpperCase()] + Number(w[2])
  return 'bad'
}
