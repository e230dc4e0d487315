/**
 * 協定書 as an A4 PDF in Japanese (core/pdf.ts), from a generation of the agreement (or, before
 * both sides have agreed, from the record as a draft). One template per form: 委託 reads as a
 * contract (甲・乙, 契約金額, 検査), 後援 as a letter of approval, the others as an agreement.
 * Contacts are not printed: the agreement names the parties, not people's addresses.
 */
import { formatEraWithWestern } from '../../core/japanese/index.ts'
import { makePdf, type Pdf, tableRow } from '../../core/pdf.ts'
import { COLLAB_FORMS, labelOf } from '../../core/vocabulary.ts'
import type { AgreementContent } from './service.ts'

export interface AgreementPdfInput {
  content: AgreementContent
  /** null: a draft nobody has agreed yet. */
  version: number | null
  agreedOn: string | null
  city: string
  office: string
}

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`
const fy = (y: number) => `${y}年度`
const dateJa = (ymd: string | null) => (ymd ? formatEraWithWestern(`${ymd}T00:00:00+09:00`) : '（未定）')

/** The document's title for a form. */
export function agreementTitle(form: string) {
  if (form === 'commission') return '協働事業委託契約書'
  if (form === 'support') return '後援承諾書'
  if (form === 'subsidy') return '協働事業補助に関する協定書'
  return '協働事業協定書'
}

/** The articles (条) of the document, as plain text: shared by the PDF and the tests. */
export function agreementArticles(p: AgreementPdfInput): { heading: string; text: string }[] {
  const c = p.content
  const partners = c.partners.map((x) => x.name).join('、') || '（協働の相手）'
  const period = `${dateJa(c.startOn)}から${c.endOn ? dateJa(c.endOn) : '（終了日未定）'}まで`
  const costs = c.budgets.length
    ? c.budgets
        .map(
          (b) =>
            `${fy(b.fiscalYear)}：事業額 ${yen(b.total)}（市負担額 ${yen(b.cityShare)}、団体負担 ${yen(b.groupShare)}、その他収入 ${yen(b.otherIncome)}）`,
        )
        .join('\n')
    : '費用の負担は、別に協議して定める。'
  if (c.form === 'support')
    return [
      {
        heading: '後援の承諾',
        text: `${partners} から申請のあった「${c.title}」について、${p.city}が後援することを承諾します。`,
      },
      { heading: '事業の目的', text: c.purpose },
      { heading: '期間', text: period },
      {
        heading: '条件',
        text: '後援名義は本事業に限って使用し、事業の内容を変更するときや中止するときは、あらかじめ市に届け出てください。後援は費用の負担を伴いません。事業の責任は主催者が負います。',
      },
      {
        heading: '個人情報の取扱い',
        text: '事業で得た個人情報は、個人情報の保護に関する法律に従い、事業の目的の範囲で適切に取り扱ってください。',
      },
      { heading: '報告', text: '事業が終わったら、実施の結果を市に報告してください。' },
    ]
  const commission = c.form === 'commission'
  const A = commission ? '甲' : '市'
  const B = commission ? '乙' : '団体'
  return [
    {
      heading: '目的',
      text: `${p.city}（以下「${A}」という。）と${partners}（以下「${B}」という。）は、「${c.title}」を${commission ? '委託により' : '協働で'}実施するため、${commission ? 'この契約' : 'この協定'}を結ぶ。事業の目的は次のとおりとする。\n${c.purpose}`,
    },
    { heading: '期間', text: `事業の期間は、${period}とする。` },
    {
      heading: '役割分担',
      text: c.roles.length
        ? `${A}と${B}は、別表の役割分担表に従い、それぞれの役割を果たす。`
        : '役割分担は、別に協議して定める。',
    },
    {
      heading: commission ? '委託料' : '費用の負担',
      text: commission
        ? `${A}は、${B}に次の委託料を支払う。${B}は、事業の完了後に実績報告書を提出し、${A}の検査を受ける。\n${costs}`
        : `事業に要する費用は、次のとおり負担する。\n${costs}`,
    },
    {
      heading: '責任',
      text: commission
        ? `事業の最終的な責任は${A}が負う。${B}は、善良な管理者の注意をもって事業を実施し、事故が起きたときは直ちに${A}に報告する。`
        : `${A}と${B}は対等な立場で事業を実施し、それぞれが担う役割について責任を負う。事故や苦情が生じたときは、双方で協議して対応する。`,
    },
    {
      heading: '情報公開',
      text: `事業の進み具合と成果は、${A}のホームページなどで公開する。${B}は、${A}が情報公開の請求に応じるために必要な資料の提供に協力する。`,
    },
    {
      heading: '個人情報の取扱い',
      text: `${A}と${B}は、事業で知り得た個人情報を、個人情報の保護に関する法律と${p.city}の定めに従い、事業の目的の範囲でのみ取り扱い、事業が終わった後も漏らしてはならない。`,
    },
    {
      heading: '評価と協議',
      text: `${A}と${B}は、年度末と事業終了時に事業を評価する。この${commission ? '契約' : '協定'}に定めのないことや疑義が生じたことは、双方で協議して定める。`,
    },
  ]
}

export function agreementPdf(p: AgreementPdfInput): Promise<Buffer> {
  const c = p.content
  const title = agreementTitle(c.form)
  return makePdf({ title: `${title}：${c.title}`, author: p.office }, (doc: Pdf) => {
    doc.fontSize(16).text(title, { align: 'center' })
    doc.moveDown(0.3)
    doc
      .fontSize(9)
      .fillColor('#444')
      .text(
        p.version
          ? `第${p.version}版　双方が ${dateJa(p.agreedOn)} に合意`
          : '案（まだ双方の合意は記録されていません）',
        { align: 'right' },
      )
      .fillColor('#000')
    doc.moveDown(0.5)
    doc.fontSize(11).text(`事業名：${c.title}`)
    doc.fontSize(10).text(`協働の形態：${labelOf(COLLAB_FORMS, c.form)}　担当課：${c.department}`)
    doc.moveDown(0.6)
    const arts = agreementArticles(p)
    arts.forEach((a, i) => {
      doc.fontSize(11).text(c.form === 'support' ? a.heading : `第${i + 1}条（${a.heading}）`)
      doc.fontSize(10).text(a.text, { paragraphGap: 4 })
      doc.moveDown(0.4)
    })
    if (c.roles.length && c.form !== 'support') {
      doc.moveDown(0.4)
      doc.fontSize(12).text('別表　役割分担表')
      doc.moveDown(0.3)
      const W = [330, 169]
      const head = () => tableRow(doc, W, ['役割', '担い手'], { header: true })
      head()
      for (const r of c.roles) tableRow(doc, W, [r.task, r.who], { repeatHeader: head })
    }
    if (c.goals.length) {
      doc.moveDown(0.6)
      doc.fontSize(12).text('目標と指標')
      doc.moveDown(0.3)
      const W = [299, 100, 100]
      const head = () => tableRow(doc, W, ['指標', '目標値', '単位'], { header: true })
      head()
      for (const g of c.goals) tableRow(doc, W, [g.name, String(g.target), g.unit], { repeatHeader: head })
    }
    doc.moveDown(1)
    doc.fontSize(10)
    if (c.form === 'support') doc.text(`${p.city}長`, { align: 'right' })
    else {
      doc.text(
        `この${c.form === 'commission' ? '契約' : '協定'}の成立を証するため本書2通を作成し、双方記名押印のうえ各1通を保有する。`,
      )
      doc.moveDown(0.8)
      doc.text(`${c.form === 'commission' ? '甲' : '市'}　${p.city}（${c.department}）　　　　　　印`)
      doc.moveDown(0.6)
      for (const x of c.partners) {
        doc.text(`${c.form === 'commission' ? '乙' : '団体'}　${x.name}　　　　　　印`)
        doc.moveDown(0.4)
      }
    }
  })
}
