// A CNIPA-style notice as a PDF, written by hand for the browser tests: text in a CID font with
// Identity-H encoding whose codes are the characters' UTF-16 units, and a ToUnicode map saying so
// — what a reader needs to get the text back (the glyphs themselves are not embedded: nobody
// looks at these pages).
import { writeFileSync } from 'node:fs'

const hex = (text) => [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('')

/** Writes a one-page PDF showing `lines` to `path`. */
export function writeNoticePdf(path, lines) {
  const chars = [...new Set(lines.join(''))].filter((c) => c.charCodeAt(0) <= 0xffff)
  const blocks = []
  for (let i = 0; i < chars.length; i += 100) {
    const part = chars.slice(i, i + 100)
    blocks.push(`${part.length} beginbfchar\n${part.map((c) => `<${hex(c)}> <${hex(c)}>`).join('\n')}\nendbfchar`)
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    ...blocks,
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n')
  const content = ['BT /F1 12 Tf 50 790 Td', ...lines.map((l) => `<${hex(l)}> Tj 0 -22 Td`), 'ET'].join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R >>',
    `<< /Length ${Buffer.byteLength(cmap)} >>\nstream\n${cmap}\nendstream`,
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>',
  ]
  let out = '%PDF-1.4\n'
  const offsets = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out))
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(out)
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  writeFileSync(path, out)
}
