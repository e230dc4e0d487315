/**
 * The printed roster (名簿) as an A4 PDF in Japanese: a box to tick per registration, name, number
 * of people, accessibility needs. E-mail addresses and questions are left off paper on purpose
 * (a roster lies on a reception desk); the screen roster has them for the organisers.
 */
import { makePdf, type Pdf, tableRow } from '../../core/pdf.ts'
import type { Registration } from './service.ts'

export interface RosterPdfInput {
  title: string
  when: string
  place: string
  capacity: number | null
  office: string
  rows: Registration[]
  printedAt: string
}

const WIDTHS = [32, 44, 190, 44, 189]
const HEAD = ['No.', '出席', 'お名前', '人数', '配慮が必要なこと']

export function rosterPdf(p: RosterPdfInput): Promise<Buffer> {
  const active = p.rows.filter((r) => r.status === 'registered')
  const waiting = p.rows.filter((r) => r.status === 'waitlisted')
  const people = active.reduce((n, r) => n + r.people, 0)
  return makePdf({ title: `名簿：${p.title}`, author: p.office }, (doc: Pdf) => {
    doc.fontSize(15).text(`参加者名簿：${p.title}`)
    doc.moveDown(0.3)
    doc.fontSize(10).text(`日時：${p.when}`)
    if (p.place) doc.text(`会場：${p.place}`)
    doc.text(
      `申込 ${active.length}件（${people}名）${p.capacity !== null ? ` ／ 定員 ${p.capacity}名` : ''} ／ キャンセル待ち ${waiting.length}件`,
    )
    doc
      .fontSize(8)
      .fillColor('#555')
      .text(
        `個人情報を含みます。取り扱いに注意し、使い終わったら廃棄してください。（${p.printedAt} 印刷・${p.office}）`,
      )
      .fillColor('#000')
    doc.moveDown(0.6)
    const header = () => tableRow(doc, WIDTHS, HEAD, { header: true })
    header()
    if (!active.length) doc.fontSize(10).text('申込はまだありません。')
    const row = (r: Registration, i: number) =>
      tableRow(
        doc,
        WIDTHS,
        [String(i + 1), '', r.name || '（消去済み）', `${r.people}名`, r.accessibilityNeeds],
        { box: 1, repeatHeader: header },
      )
    for (const [i, r] of active.entries()) row(r, i)
    if (waiting.length) {
      doc.moveDown(0.8)
      doc.fontSize(12).text('キャンセル待ち（順番）')
      doc.moveDown(0.3)
      header()
      for (const [i, r] of waiting.entries()) row(r, i)
    }
  })
}
