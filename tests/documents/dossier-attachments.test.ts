// The attachments in the dossier ZIP as an unzip program and Windows Explorer see them: a crafted
// upload name cannot climb out of the folder, pose as a program or a device, or hide its type.
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { DossierData } from '../../electron/core/documents/dossier.ts'
import { jpegHeader } from '../helpers/images.ts'
import { chooseFile } from '../helpers/chosen-file.ts'
import { ok } from '../helpers/register.ts'
import { documentSchool, make, makePng } from './helpers.ts'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const JPG = jpegHeader(2, 2) // its size is read from the frame header before it is accepted

/** What the first bytes are, as `file` would say. */
const realExtension = (b: Uint8Array): string => (b[0] === 0x25 ? 'pdf' : b[0] === 0x89 ? 'png' : b[0] === 0xff ? 'jpg' : 'bin')
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i

describe('dossier ZIP: attachment names', () => {
  it('keep a safe name with the extension of what the file really is', async () => {
    const s = await documentSchool()
    // Each as a drop may name it: any text, whatever the file on disk is called.
    const upload = (fileName: string, data: Buffer) => chooseFile(s.core, 'bijlage', data, fileName)
    await ok(s.core, 'dossier.save', {
      pupilId: s.zoe.id,
      entryDate: '2026-10-02',
      kind: 'brief',
      title: 'Brieven',
      attachments: [
        upload('scan.pdf.exe', PDF),
        upload('..\\..\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\run.pdf', PDF),
        upload('../../../etc/cron.d/x.png', makePng(2, 2)),
        upload('CON', JPG),
        upload('foto.pdf', makePng(2, 2)), // a PNG that says it is a PDF
        upload(`brief\u0000\u202Efdp.exe`, PDF),
        upload(`${'heel-lange-naam-'.repeat(15)}.pdf`, PDF),
        upload('...', PDF),
      ],
    })
    // An attachment whose stored type is wrong (an old or restored database): the bytes decide.
    s.core.ctx.db.prepare(`UPDATE attachments SET mime_type = 'application/pdf' WHERE file_name = 'CON'`).run()

    const files = unzipSync(new Uint8Array(await make(s.core, 'documents.dossier', { pupilId: s.zoe.id, format: 'zip' })))
    const names = Object.keys(files).filter((n) => n.startsWith('bijlagen/'))
    expect(names).toHaveLength(8)
    for (const name of names) {
      const file = name.slice('bijlagen/'.length)
      expect(file).toMatch(/^\d+-[A-Za-z0-9_-]+\.(pdf|png|jpg)$/)
      expect(file.length).toBeLessThanOrEqual(80)
      expect(file).not.toMatch(WINDOWS_RESERVED)
      expect(file.split('.').pop()).toBe(realExtension(files[name] as Uint8Array))
    }
    const stems = names.map((n) => n.replace(/^bijlagen\/\d+-/, ''))
    expect(stems).toEqual(expect.arrayContaining(['scan-pdf-exe.pdf', 'x.png', 'CON.jpg', 'foto.png', 'brief-fdp-exe.pdf', 'bestand.pdf', 'run.pdf', expect.stringMatching(/^heel-lange-naam-heel-.*\.pdf$/)]))
    // The JSON names the same paths, so a machine finds each file.
    const json = JSON.parse(strFromU8(files[Object.keys(files).find((n) => n.endsWith('.json')) as string] as Uint8Array)) as DossierData
    expect(json.attachments.map((a) => a.path).sort()).toEqual([...names].sort())
  })
})
