/**
 * PDF documents with Japanese text (docs/decisions/0011-server-pdf.md): pdfkit embeds a subset of
 * a Japanese font found on the server. The font is not shipped with Kyodo (a CJK font is 5–20 MB);
 * `KYODO_PDF_FONT` names it (a .ttf/.otf, or a .ttc with `#PostScriptName`), else the usual Debian
 * paths of Noto Sans CJK and IPAex Gothic are tried. Without a font, `japaneseFont()` is null and
 * callers offer the browser's print to PDF instead — never a PDF of empty boxes.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import type PDFDocument from 'pdfkit'

export interface PdfFont {
  path: string
  /** PostScript name inside a font collection (.ttc); undefined for a single font file. */
  family?: string
}

const CANDIDATES: PdfFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKjp-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKjp-Regular' },
  { path: '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf' },
  { path: '/usr/share/fonts/truetype/fonts-japanese-gothic.ttf' },
]

let cached: { key: string; font: PdfFont | null } | undefined

/** The Japanese font PDFs are set in, or null when the server has none. */
export function japaneseFont(env: NodeJS.ProcessEnv = process.env): PdfFont | null {
  const configured = env.KYODO_PDF_FONT?.trim() ?? ''
  if (cached && cached.key === configured) return cached.font
  let font: PdfFont | null = null
  if (configured) {
    const [path, family] = configured.split('#')
    font = fs.existsSync(path) ? { path, family: family || undefined } : null
  } else font = CANDIDATES.find((f) => fs.existsSync(f.path)) ?? null
  cached = { key: configured, font }
  return font
}

export type Pdf = InstanceType<typeof PDFDocument>

// pdfkit is loaded on first use (importing it costs every process that loads the app, the server
// and each test file, a good part of a second).
let pdfkit: typeof PDFDocument | undefined

/**
 * Builds an A4 PDF whose default font is the Japanese one; `draw` writes the pages.
 * Throws when there is no Japanese font (callers check `japaneseFont()` first).
 */
export async function makePdf(
  meta: { title: string; author: string },
  draw: (doc: Pdf) => void,
): Promise<Buffer> {
  const font = japaneseFont()
  if (!font) throw new Error('no Japanese font for PDF (set KYODO_PDF_FONT)')
  pdfkit ??= createRequire(import.meta.url)('pdfkit') as typeof PDFDocument
  const doc = new pdfkit({
    size: 'A4',
    margins: { top: 48, bottom: 56, left: 48, right: 48 },
    bufferPages: true,
    info: { Title: meta.title, Author: meta.author, Creator: 'Kyodo' },
    lang: 'ja-JP',
    displayTitle: true,
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve())
    doc.on('error', reject)
  })
  doc.registerFont('jp', font.path, font.family)
  doc.font('jp')
  draw(doc)
  // page numbers: 「1 / 3」 at the foot of every page
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc
      .fontSize(8)
      .fillColor('#555')
      .text(`${i + 1} / ${range.count}`, doc.page.margins.left, doc.page.height - 36, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        align: 'center',
      })
    doc.page.margins.bottom = bottom
  }
  doc.end()
  await done
  return Buffer.concat(chunks)
}

/** One row of a table: cells laid out in the given widths, a new page (with the header) when full. */
export function tableRow(
  doc: Pdf,
  widths: number[],
  cells: string[],
  opts: { header?: boolean; repeatHeader?: () => void; box?: number } = {},
) {
  const x0 = doc.page.margins.left
  const pad = 3
  doc.fontSize(opts.header ? 9 : 10)
  const height =
    Math.max(...cells.map((s, i) => doc.heightOfString(s || ' ', { width: widths[i] - 2 * pad })), 12) +
    2 * pad
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage()
    opts.repeatHeader?.()
  }
  const y = doc.y
  let x = x0
  if (opts.header)
    doc
      .rect(
        x0,
        y,
        widths.reduce((a, b) => a + b, 0),
        height,
      )
      .fill('#eeeeee')
  doc.fillColor('#000')
  cells.forEach((s, i) => {
    doc.rect(x, y, widths[i], height).lineWidth(0.5).stroke('#444')
    if (opts.box === i && !opts.header)
      doc.rect(x + widths[i] / 2 - 6, y + height / 2 - 6, 12, 12).stroke('#000')
    else doc.fillColor('#000').text(s, x + pad, y + pad, { width: widths[i] - 2 * pad })
    x += widths[i]
  })
  doc.x = x0
  doc.y = y + height
}
