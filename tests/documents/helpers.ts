// A small school with the names that break PDFs (Zoë, Ömer Yılmaz, Łukasz, Nguyễn), known
// answers per purpose, and readers for what the documents contain.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { extractText, getDocumentProxy } from 'unpdf'
import type { DocumentResult } from '../../shared/documents.contract.ts'
import type { Core } from '../../electron/core/boot.ts'
import { ok, registerCore } from '../helpers/register.ts'

/** The bytes of a result that came back as data (no desktop in tests). */
export function bytesOf(r: DocumentResult): Buffer {
  if (r.delivered !== 'data') throw new Error(`expected data, got ${r.delivered}`)
  return Buffer.from(r.data, 'base64')
}

/** The text of each page, as a reader copying it would get it. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf))
  const { text } = await extractText(doc, { mergePages: false })
  return text
}

/** poppler's view of the fonts: every one must be embedded, none a built-in Helvetica. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean; unicode: boolean }[] {
  const dir = mkdtempSync(join(tmpdir(), 'tr-fonts-'))
  try {
    const file = join(dir, 'x.pdf')
    writeFileSync(file, pdf)
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    return out
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => {
        const cols = line.trim().split(/\s+/)
        // name, type (may hold spaces), encoding, emb, sub, uni, object ID (two numbers)
        return { name: cols[0] ?? '', embedded: cols.at(-5) === 'yes', unicode: cols.at(-3) === 'yes' }
      })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Renders pages to PNG with pdftoppm; returns the files (the caller removes `dir`). */
export function renderPng(pdf: Buffer, dir: string, options: { dpi?: number; first?: number; last?: number } = {}): string[] {
  const file = join(dir, 'doc.pdf')
  writeFileSync(file, pdf)
  const args = ['-r', String(options.dpi ?? 100), '-png']
  if (options.first) args.push('-f', String(options.first))
  if (options.last) args.push('-l', String(options.last))
  execFileSync('pdftoppm', [...args, file, join(dir, 'page')])
  return execFileSync('ls', [dir], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.startsWith('page') && f.endsWith('.png'))
    .map((f) => join(dir, f))
}

/**
 * Group 5: Zoë van der Berg (two guardians, consent for all but press), Łukasz Nguyễn (refused
 * website and parent app; mother not in the group app), Ömer Yılmaz (contact list yes, no answer
 * for the parent app), Daan de Vries (no guardians, no answers). Group 6: Sanne Jansen. Group 7: empty.
 */
export async function documentSchool(now?: Date) {
  const base = await registerCore(now)
  const { core, group, pupil: zoe, purpose } = base
  const group6 = await ok(core, 'groups.save', { name: '6', teacherName: 'Meester Rob' })
  const group7 = await ok(core, 'groups.save', { name: '7' })
  const lukasz = await ok(core, 'pupils.save', { firstName: 'Łukasz', lastName: 'Nguyễn', birthDate: '2017-02-03', groupId: group.id })
  const thanh = await ok(core, 'guardians.save', { pupilId: lukasz.id, name: 'Thanh Nguyễn', relation: 'moeder', email: 'thanh.nguyen@voorbeeld.nl', phone: '06 1122 3344', inGroupApp: false, preferredChannel: 'email' })
  const omer = await ok(core, 'pupils.save', { firstName: 'Ömer', lastName: 'Yılmaz', birthDate: '2016-12-31', groupId: group.id })
  const lucja = await ok(core, 'guardians.save', { pupilId: omer.id, name: 'Łucja Yılmaz', relation: 'moeder', email: 'lucja@voorbeeld.nl', phone: '+31 (0)6 5555 6666' })
  const daan = await ok(core, 'pupils.save', { firstName: 'Daan', lastNamePrefix: 'de', lastName: 'Vries', birthDate: '2017-06-15', groupId: group.id })
  const sanne = await ok(core, 'pupils.save', { firstName: 'Sanne', lastName: 'Jansen', birthDate: '2016-01-20', groupId: group6.id })

  const answer = async (pupilId: number, decisions: Record<string, 'granted' | 'refused'>) =>
    ok(core, 'consent.record', {
      pupilId,
      decisions: Object.entries(decisions).map(([code, decision]) => ({ purposeId: purpose(code).id, decision })),
      effectiveFrom: '2026-09-01',
      source: 'paper_form',
      sourceDetail: 'toestemmingsformulier september',
    })
  const all = (d: 'granted' | 'refused') => Object.fromEntries(base.purposes.map((p) => [p.code, d])) as Record<string, 'granted' | 'refused'>
  await answer(zoe.id, { ...all('granted'), press: 'refused' })
  await answer(lukasz.id, { website: 'refused', parent_app: 'refused', newsletter: 'granted' })
  await answer(omer.id, { contact_list: 'granted', website: 'granted' })
  return { ...base, group6, group7, zoe, lukasz, thanh, omer, lucja, daan, sanne }
}

export type DocumentSchool = Awaited<ReturnType<typeof documentSchool>>

export async function make<M extends 'documents.consentForms' | 'documents.noConsentList' | 'documents.classList' | 'documents.dossier'>(core: Core, method: M, input: Parameters<typeof ok<M>>[2]): Promise<Buffer> {
  return bytesOf((await ok(core, method, input)) as DocumentResult)
}

/** A real PNG of `width` x `height` pixels in one colour (8-bit RGB). */
export function makePng(width: number, height: number, rgb: [number, number, number] = [31, 95, 122]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(8 + data.length + 4)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())])
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

export interface WordBox {
  page: number
  text: string
  xMin: number
  xMax: number
  yMin: number
  yMax: number
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** The words of each printed line (same page, same height), left to right. */
export function pdfLines(pdf: Buffer): { page: number; y: number; words: WordBox[]; text: string }[] {
  const lines: { page: number; y: number; words: WordBox[]; text: string }[] = []
  for (const w of wordBoxes(pdf)) {
    const line = lines.find((l) => l.page === w.page && Math.abs(l.y - w.yMin) < 2.5)
    if (line) line.words.push(w)
    else lines.push({ page: w.page, y: w.yMin, words: [w], text: '' })
  }
  for (const l of lines) {
    l.words.sort((a, b) => a.xMin - b.xMin)
    l.text = l.words.map((w) => w.text).join(' ')
  }
  return lines.sort((a, b) => a.page - b.page || a.y - b.y)
}

/** Every word with its place on the page (poppler's pdftotext -bbox), to check what lies below what. */
export function wordBoxes(pdf: Buffer): WordBox[] {
  const dir = mkdtempSync(join(tmpdir(), 'tr-bbox-'))
  try {
    const file = join(dir, 'x.pdf')
    writeFileSync(file, pdf)
    const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' })
    const words: WordBox[] = []
    let page = 0
    for (const line of html.split('\n')) {
      if (line.includes('<page ')) page++
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line)
      if (m) words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: unescapeXml(m[5] ?? '') })
    }
    return words
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** poppler's pdftotext, page by page (split at form feeds), as a reader copying the text gets it. */
export function pdftotextPages(pdf: Buffer, args: string[] = []): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tr-text-'))
  try {
    const file = join(dir, 'x.pdf')
    writeFileSync(file, pdf)
    return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' })
      .split('\f')
      .slice(0, -1)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Text as one line: a name wrapped at a space or after a hyphen reads as one again. */
export const flat = (text: string): string => text.replace(/-\s*\n\s*/g, '-').replace(/\s+/g, ' ')
