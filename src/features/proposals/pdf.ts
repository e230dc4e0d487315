/** The application (提案書) and the decision letter (結果通知書) as A4 PDFs in Japanese (core/pdf.ts). */
import { formatEraWithWestern } from '../../core/japanese/index.ts'
import { makePdf, type Pdf, tableRow } from '../../core/pdf.ts'
import { appStatusOf, cityShare } from './domain.ts'
import type { BudgetLine } from './schema.ts'

export interface PdfApp {
  title: string
  groupName: string
  programmeTitle: string
  courseLabel: string
  departmentName: string
  sections: [string, string][]
  budget: BudgetLine[]
  status: string
  decisionReason: string
  office: string
  city: string
}

function budgetTable(doc: Pdf, lines: BudgetLine[]) {
  const widths = [44, 90, 150, 70, 70, 75]
  const head = () =>
    tableRow(doc, widths, ['年目', '費目', '内容', '事業額', '市負担額', '自己資金'], { header: true })
  head()
  for (const l of lines)
    tableRow(
      doc,
      widths,
      [
        `${l.year}年目`,
        l.category,
        l.item,
        l.total.toLocaleString('ja-JP'),
        l.city.toLocaleString('ja-JP'),
        l.own.toLocaleString('ja-JP'),
      ],
      { repeatHeader: head },
    )
}

export function applicationPdf(a: PdfApp): Promise<Buffer> {
  return makePdf({ title: `提案書：${a.title}`, author: a.groupName }, (doc) => {
    doc.fontSize(15).text(`協働事業提案書：${a.title}`)
    doc.moveDown(0.3)
    doc.fontSize(10).text(`募集：${a.programmeTitle}`)
    doc.text(`団体：${a.groupName}　コース：${a.courseLabel}　協働する課：${a.departmentName || '—'}`)
    for (const [k, t] of a.sections) {
      doc.moveDown(0.5)
      doc.fontSize(11).text(`■ ${k}`)
      doc.fontSize(10).text(t || '—')
    }
    doc.moveDown(0.5)
    doc.fontSize(11).text('■ 予算表（円）')
    doc.moveDown(0.2)
    budgetTable(doc, a.budget)
  })
}

export function letterPdf(a: PdfApp & { decidedAt: Date }): Promise<Buffer> {
  return makePdf({ title: `結果通知書：${a.title}`, author: a.office }, (doc) => {
    doc.fontSize(10).text(formatEraWithWestern(a.decidedAt), { align: 'right' })
    doc.moveDown()
    doc.fontSize(11).text(`${a.groupName} 様`)
    doc.moveDown()
    doc.text(`${a.city} ${a.office}`, { align: 'right' })
    doc.moveDown()
    doc.fontSize(15).text('協働事業提案の審査結果について（通知）', { align: 'center' })
    doc.moveDown()
    doc
      .fontSize(11)
      .text(`「${a.programmeTitle}」にご提案いただいた事業について、審査の結果を次のとおりお知らせします。`)
    doc.moveDown()
    doc.text(`事業名：${a.title}`)
    doc.text(`結果：${appStatusOf(a.status).label}`)
    if (a.status !== 'rejected')
      doc.text(
        `市負担額：1年目 ${cityShare(a.budget, 1).toLocaleString('ja-JP')}円、2年目 ${cityShare(a.budget, 2).toLocaleString('ja-JP')}円（予算の成立が条件です）`,
      )
    doc.moveDown()
    doc.text('理由：')
    doc.text(a.decisionReason)
    doc.moveDown()
    if (a.status !== 'rejected') doc.text('3月までに担当課と事業内容等を調整し、4月から事業を実施します。')
  })
}
