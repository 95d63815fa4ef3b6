// What kind of file is this, from its bytes rather than its name: a school's "Excel file" may be
// an old .xls, a password-protected workbook, a Word document, a web page, or a CSV with any name.
import { unzipSync } from 'fflate'

export type Sniffed = { kind: 'xlsx' } | { kind: 'ods' } | { kind: 'csv' } | { kind: 'refused'; message: string }

const SAVE_AS_XLSX = 'Open het in Excel en sla het op als Excel-werkmap (.xlsx); importeer dan dat bestand.'
export const MESSAGES = {
  empty: 'Het bestand is leeg (0 bytes). Kies het goede bestand, of sla het opnieuw op vanuit Excel.',
  damaged: 'Het bestand is beschadigd of onvolledig (bijvoorbeeld half gedownload of half gekopieerd). Open het in Excel om te zien of het nog werkt, sla het opnieuw op en importeer het nog eens.',
  word: 'Dit is een Word-document, geen Excel-bestand. Kies het Excel-bestand (.xlsx), of zet de gegevens in Excel en sla dat op als .xlsx.',
  password: 'Het bestand is beveiligd met een wachtwoord. Open het in Excel, sla het op zonder wachtwoord (Bestand > Info > Werkmap beveiligen > Versleutelen met wachtwoord: maak het vak leeg) en importeer het opnieuw.',
  oldXls: `Dit is een oud Excel-bestand (.xls, Excel 97-2003). ${SAVE_AS_XLSX}`,
  xlsb: `Dit is een binaire Excel-werkmap (.xlsb). ${SAVE_AS_XLSX}`,
  html: `Dit is een webpagina (HTML), geen echt Excel-bestand. ${SAVE_AS_XLSX}`,
  pdf: 'Dit is een PDF-bestand. Een PDF kan niet worden ingelezen: vraag het bestand aan als Excel (.xlsx) of CSV.',
  zip: 'Dit is een ZIP-bestand, geen Excel-werkmap. Pak het uit en kies de Excel-bestanden die erin zitten.',
  otherOffice: 'Dit is een Office-bestand maar geen rekenblad. Kies het Excel-bestand (.xlsx), het LibreOffice-rekenblad (.ods) of een CSV-bestand.',
  unknown: 'Dit is geen Excel- of CSV-bestand. Kies een .xlsx- of .csv-bestand.',
} as const

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b)
}

function contains(bytes: Uint8Array, needle: Uint8Array, limit = bytes.length): boolean {
  const end = Math.min(limit, bytes.length) - needle.length
  const first = needle[0]
  outer: for (let i = 0; i <= end; i++) {
    if (bytes[i] !== first) continue
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

const utf16 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'))

/** The OLE2 container (old Office, and Office's encrypted OOXML): tell them apart by stream names. */
function sniffOle2(bytes: Uint8Array): Sniffed {
  if (contains(bytes, utf16('EncryptionInfo')) || contains(bytes, utf16('EncryptedPackage'))) return { kind: 'refused', message: MESSAGES.password }
  if (contains(bytes, utf16('WordDocument'))) return { kind: 'refused', message: MESSAGES.word }
  if (contains(bytes, utf16('Workbook')) || contains(bytes, utf16('Book'))) return { kind: 'refused', message: MESSAGES.oldXls }
  return { kind: 'refused', message: MESSAGES.otherOffice }
}

function sniffZip(bytes: Uint8Array): Sniffed {
  // Only the names, from the central directory: the sizes it declares are not trusted (zip.ts
  // counts them while unpacking, under the caps of limits.ts).
  const names: string[] = []
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name)
        return false
      },
    })
  } catch {
    return { kind: 'refused', message: MESSAGES.damaged }
  }
  if (names.includes('xl/workbook.xml')) return { kind: 'xlsx' }
  if (names.includes('xl/workbook.bin')) return { kind: 'refused', message: MESSAGES.xlsb }
  if (names.includes('word/document.xml')) return { kind: 'refused', message: MESSAGES.word }
  if (names.includes('content.xml') && names.includes('mimetype')) {
    const text = new TextDecoder().decode(bytes.subarray(0, 200))
    return text.includes('opendocument.spreadsheet') ? { kind: 'ods' } : { kind: 'refused', message: MESSAGES.otherOffice }
  }
  if (names.includes('[Content_Types].xml')) return { kind: 'refused', message: MESSAGES.otherOffice }
  return { kind: 'refused', message: MESSAGES.zip }
}

/** Text or binary: a NUL byte in the first 8 KB (outside UTF-16) means binary. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true
  const n = Math.min(bytes.length, 8192)
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number
    if (b === 0) return false
    if (b < 8 || (b > 13 && b < 27 && b !== 26)) return false
  }
  return true
}

export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { kind: 'refused', message: MESSAGES.empty }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes)
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle2(bytes)
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return { kind: 'refused', message: MESSAGES.pdf }
  if (startsWith(bytes, [0x50, 0x4b])) return { kind: 'refused', message: MESSAGES.damaged }
  if (!looksLikeText(bytes)) return { kind: 'refused', message: MESSAGES.unknown }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).trimStart().toLowerCase()
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || (head.startsWith('<') && head.includes('<table'))) return { kind: 'refused', message: MESSAGES.html }
  if (head.startsWith('<?xml')) return { kind: 'refused', message: head.includes('urn:schemas-microsoft-com:office:spreadsheet') ? MESSAGES.oldXls : MESSAGES.unknown }
  return { kind: 'csv' }
}
