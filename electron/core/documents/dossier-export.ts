// The pupil's file to keep (AVG art. 15 and 20): a ZIP with the PDF to read, the same data as
// JSON for a machine, and the attachments themselves.
import { zipSync, type Zippable } from 'fflate'
import type { AttachmentType } from '../../../shared/domain.ts'
import { sniffAttachmentType } from '../attachments/attachments.service.ts'
import type { DossierData } from './dossier.ts'

/** 'Zoë van der Berg' -> 'Zoe-van-der-Berg': safe in a file name on every system. */
export function fileSafe(s: string): string {
  const ascii = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ıİ]/g, 'i')
    .replace(/[łŁ]/g, (c) => (c === 'ł' ? 'l' : 'L'))
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
  return ascii.slice(0, 80) || 'bestand'
}

const EXTENSION: Record<AttachmentType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }

/**
 * Where an attachment goes inside the ZIP: 'bijlagen/12-scan.pdf'. The last part of the name it
 * came with gives the stem (no separators, '..', control characters or dots: 'scan.pdf.exe' becomes
 * 'scan-pdf-exe'; the id in front keeps it from being a reserved Windows name such as CON); the
 * extension is that of what the bytes are, '.bin' when they are none of our types.
 */
export function attachmentPath(id: number, fileName: string, bytes: Uint8Array | undefined): string {
  const type = bytes ? sniffAttachmentType(bytes) : undefined
  const stem = fileSafe(fileName.replace(/^.*[\\/]/, '').replace(/\.(pdf|jpe?g|png)$/i, ''))
    .replace(/\./g, '-')
    .slice(0, 60)
    .replace(/-+$/, '')
  return `bijlagen/${id}-${stem || 'bijlage'}.${type ? EXTENSION[type] : 'bin'}`
}

export function dossierJson(data: DossierData): Buffer {
  return Buffer.from(JSON.stringify(data, null, 2) + '\n', 'utf8')
}

const README = (data: DossierData, base: string): string =>
  [
    `Leerlingdossier, gemaakt op ${data.exportedAt} met Toestemmingsregister.`,
    '',
    `${base}.pdf   het dossier om te lezen`,
    `${base}.json  dezelfde gegevens, leesbaar voor een computer (UTF-8, JSON)`,
    'bijlagen/     de bijlagen zelf (scans van formulieren, brieven); de SHA-256 van elk bestand staat in de JSON',
    '',
  ].join('\r\n')

export function dossierZip(data: DossierData, pdf: Buffer, attachments: Map<number, Buffer>, base: string): Buffer {
  const mtime = new Date(data.exportedAt)
  const files: Zippable = {
    'LEESMIJ.txt': [Buffer.from(README(data, base), 'utf8'), { level: 6, mtime }],
    [`${base}.pdf`]: [pdf, { level: 0, mtime }],
    [`${base}.json`]: [dossierJson(data), { level: 6, mtime }],
  }
  for (const a of data.attachments) {
    const bytes = attachments.get(a.id)
    if (bytes) files[a.path] = [bytes, { level: 0, mtime: new Date(a.createdAt) }]
  }
  return Buffer.from(zipSync(files))
}
