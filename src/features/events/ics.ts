/**
 * iCalendar (RFC 5545), written by hand (docs/decisions/0008-ics.md): CRLF line ends, lines folded
 * at 75 octets without splitting a UTF-8 character, TEXT values escaped, times in UTC ("Z") so no
 * VTIMEZONE is needed; calendar programs show them in the reader's zone (Japan time in Japan).
 */

export interface IcsEvent {
  uid: string
  title: string
  description: string
  location: string
  url: string
  startsAt: Date
  endsAt: Date
  updatedAt: Date
  cancelled: boolean
  categories: string[]
}

/** Escape a TEXT value (RFC 5545 3.3.11). */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

/** Fold one content line at 75 octets (RFC 5545 3.1): continuation lines start with a space. */
export function foldLine(line: string): string {
  const enc = new TextEncoder()
  const parts: string[] = []
  let cur = ''
  let bytes = 0
  for (const ch of line) {
    const n = enc.encode(ch).length
    // the first line holds 75 octets; continuation lines 74 after their leading space
    const limit = parts.length === 0 ? 75 : 74
    if (bytes + n > limit) {
      parts.push(cur)
      cur = ''
      bytes = 0
    }
    cur += ch
    bytes += n
  }
  parts.push(cur)
  return parts.join('\r\n ')
}

/** 20260701T043000Z */
export const icsUtc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

export function buildCalendar(name: string, items: IcsEvent[], now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kyodo//Events//JA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'X-WR-TIMEZONE:Asia/Tokyo',
  ]
  for (const e of items) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${icsUtc(now)}`,
      `LAST-MODIFIED:${icsUtc(e.updatedAt)}`,
      `DTSTART:${icsUtc(e.startsAt)}`,
      `DTEND:${icsUtc(e.endsAt)}`,
      `SUMMARY:${escapeText(e.title)}`,
    )
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`)
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`)
    if (e.categories.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`)
    lines.push(`URL:${e.url}`, `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT')
  }
  lines.push('END:VCALENDAR')
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}
