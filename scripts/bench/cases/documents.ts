// The printed documents, school of 1,500: 500 consent forms in one PDF, a class list (PDF, CSV,
// vCard), a pupil's file with 50 history records (PDF, ZIP). Through core.dispatch with delivery
// 'data' (the bytes come back as base64, as in the web harness and the CLI). Baselines: pdfkit
// writing the same text as plain lines in the same embedded font; better-sqlite3 reading the rows;
// plain string joins for CSV and vCard; fflate zipping the plain PDF with the JSON.
import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { zipSync } from 'fflate'
import type { ApiOutputs } from '../../../shared/api.ts'
import { loadFonts } from '../../../electron/core/documents/pdf-base.ts'
import { FORM_PUPILS, type BenchFiles } from '../../../tests/helpers/bench-files.ts'
import { plainPdf } from '../../../tests/helpers/plain-pdf.ts'
import { repeat } from '../../../tests/helpers/stats.ts'
import { baselineSeries, rateAtLeast, row, series, under, type BenchCase } from '../types.ts'

/** The app, loaded only in the app's child process: a baseline's peak RSS is its own. */
const loadApp = () => import('../../../tests/helpers/bench-data.ts')

function pagesOf(result: ApiOutputs['documents.consentForms']): number {
  if (result.delivered !== 'data' || result.count !== 500) throw new Error(`consent forms: ${JSON.stringify({ ...result, data: undefined })}`)
  return result.count
}

export const formsCase: BenchCase = {
  id: 'forms',
  title: '500 toestemmingsformulieren in één PDF',
  runs: 4,
  app: {
    async run(files, runs) {
      const { call, openBenchCore } = await loadApp()
      const core = openBenchCore(files.school)
      await call(core, 'documents.consentForms', { pupilIds: FORM_PUPILS.slice(0, 20) }) // warm-up
      const ms = await repeat(runs, async () => pagesOf(await call(core, 'documents.consentForms', { pupilIds: FORM_PUPILS })), false)
      core.close()
      return { ms }
    },
  },
  baseline: {
    async run(files, runs) {
      // The forms' text, taken from the app's data when the files were made.
      const pages = JSON.parse(readFileSync(files.formsText, 'utf8')) as string[][]
      const fonts = loadFonts('resources')
      await plainPdf(pages.slice(0, 20), fonts) // warm-up
      const ms = await repeat(runs, () => plainPdf(pages, fonts), false)
      return { ms }
    },
  },
  rows(app, b) {
    return [row(this, 'documents.consentForms, 500 pagina’s', series(app, 'ms'), baselineSeries(b, 'ms', 'pdfkit, 500 pagina’s platte tekst'), (m, r) => [under(5000, m), rateAtLeast(3, r)])]
  },
}

// ---- class list and dossier ----

interface ClassRow {
  pupil: string
  guardian: string | null
  phone: string | null
  email: string | null
}

function classRows(db: Database.Database, groupId: number): ClassRow[] {
  return db
    .prepare(
      `SELECT trim(p.first_name || ' ' || p.last_name_prefix) || ' ' || p.last_name AS pupil, g.name AS guardian, g.phone_normalized AS phone, g.email
         FROM group_memberships m JOIN pupils p ON p.id = m.pupil_id
         LEFT JOIN pupil_guardians pg ON pg.pupil_id = p.id LEFT JOIN guardians g ON g.id = pg.guardian_id
        WHERE m.group_id = ? AND p.left_on IS NULL ORDER BY p.last_name, p.first_name, pg.sort_order`,
    )
    .all(groupId) as ClassRow[]
}

const csvLine = (cells: (string | null)[]): string => cells.map((c) => `"${(c ?? '').replace(/"/g, '""')}"`).join(';')
const vcard = (r: ClassRow): string => ['BEGIN:VCARD', 'VERSION:3.0', `FN:${r.guardian} (${r.pupil})`, `TEL;TYPE=CELL:${r.phone ?? ''}`, `EMAIL:${r.email ?? ''}`, 'END:VCARD'].join('\r\n')

const FORMATS = ['pdf', 'csv', 'vcf'] as const

export const classListCase: BenchCase = {
  id: 'class-list',
  title: 'Klassenlijst groepsapp, één groep',
  runs: 10,
  app: {
    async run(files, runs) {
      const { call, openBenchCore } = await loadApp()
      const core = openBenchCore(files.school)
      const groupId = (await call(core, 'groups.list', {}))[0]?.id as number
      const out: Record<string, number[]> = {}
      for (const format of FORMATS) out[format] = await repeat(runs, () => call(core, 'documents.classList', { groupId, format }))
      core.close()
      return out
    },
  },
  baseline: {
    async run(files, runs) {
      const db = new Database(files.school, { readonly: true })
      const groupId = db.prepare(`SELECT id FROM groups ORDER BY id LIMIT 1`).pluck().get() as number
      const fonts = loadFonts('resources')
      const make = {
        pdf: () => plainPdf([classRows(db, groupId).map((r) => `${r.pupil}  ${r.guardian ?? ''}  ${r.phone ?? ''}  ${r.email ?? ''}`)], fonts),
        csv: () =>
          Buffer.from(
            '\uFEFF' +
              classRows(db, groupId)
                .map((r) => csvLine([r.pupil, r.guardian, r.phone, r.email]))
                .join('\r\n'),
            'utf8',
          ),
        vcf: () =>
          Buffer.from(
            classRows(db, groupId)
              .filter((r) => r.guardian)
              .map(vcard)
              .join('\r\n'),
            'utf8',
          ),
      }
      const out: Record<string, number[]> = {}
      for (const format of FORMATS) out[format] = await repeat(runs, make[format])
      db.close()
      return out
    },
  },
  rows(app, b) {
    const label = { pdf: 'PDF', csv: 'CSV', vcf: 'vCard' }
    const baseline = { pdf: 'better-sqlite3 + pdfkit platte tekst', csv: 'better-sqlite3 + tekst samenvoegen', vcf: 'better-sqlite3 + tekst samenvoegen' }
    return FORMATS.map((f) => row(this, `documents.classList ${label[f]}`, series(app, f), baselineSeries(b, f, baseline[f]), (m) => [under(200, m)]))
  },
}

const DOSSIER_FORMATS = ['pdf', 'zip'] as const

export const dossierCase: BenchCase = {
  id: 'dossier',
  title: 'Leerlingdossier met 50 geschiedenisregels',
  runs: 10,
  app: {
    async run(files: BenchFiles, runs) {
      const { call, openBenchCore } = await loadApp()
      const core = openBenchCore(files.school)
      const out: Record<string, number[]> = {}
      for (const format of DOSSIER_FORMATS) out[format] = await repeat(runs, () => call(core, 'documents.dossier', { pupilId: 1, format }))
      core.close()
      return out
    },
  },
  baseline: {
    async run(files, runs) {
      const db = new Database(files.school, { readonly: true })
      const fonts = loadFonts('resources')
      const history = db.prepare(
        `SELECT c.effective_from, pu.label, c.decision, c.source, c.source_detail, c.recorded_by, c.recorded_at
           FROM consent_records c JOIN purposes pu ON pu.id = c.purpose_id WHERE c.pupil_id = ? ORDER BY c.recorded_at DESC, c.id DESC`,
      )
      const pupil = db.prepare(`SELECT * FROM pupils WHERE id = ?`)
      const pdf = () => {
        const rows = history.all(1) as Record<string, unknown>[]
        if (rows.length !== 50) throw new Error(`dossier has ${rows.length} history records`)
        return plainPdf([[JSON.stringify(pupil.get(1)), ...rows.map((r) => Object.values(r).join('  '))]], fonts)
      }
      const zip = async () => {
        const bytes = await pdf()
        const json = Buffer.from(JSON.stringify({ pupil: pupil.get(1), history: history.all(1) }, null, 2))
        return zipSync({ 'dossier.pdf': [bytes, { level: 0 }], 'dossier.json': [json, { level: 6 }] })
      }
      const out = { pdf: await repeat(runs, pdf), zip: await repeat(runs, zip) }
      db.close()
      return out
    },
  },
  rows(app, b) {
    return [
      row(this, 'documents.dossier PDF', series(app, 'pdf'), baselineSeries(b, 'pdf', 'better-sqlite3 + pdfkit platte tekst'), (m) => [under(500, m)]),
      row(this, 'documents.dossier ZIP', series(app, 'zip'), baselineSeries(b, 'zip', 'idem + fflate zip met JSON'), (m) => [under(500, m)]),
    ]
  },
}
