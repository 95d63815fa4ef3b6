// The benchmark's data, generated the same way every run (fixed seeds, fixed clock), as real
// files in a temporary folder: a school of 1,500 pupils, a register of 10,000, an empty register
// to import into, and a foundation's export of 10,000 pupils as an enrolment workbook (.xlsx).
import { writeFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { ApiInput, ApiOutputs, Method } from '../../shared/api.ts'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { generateSchool, type GeneratedSchool } from '../../electron/core/school/generate.ts'
import { insertSchool } from '../../electron/core/school/school.service.ts'
import { consentFormsData } from '../../electron/core/documents/documents.service.ts'
import { benchFiles, EXPORT, FORM_PUPILS, NOW, REGISTER, SCHOOL, STAFF, type BenchFiles } from './bench-files.ts'
import { consentFormLines } from './plain-pdf.ts'
import { EXPORT_HEADERS } from './export-columns.ts'

silenceLog()

export const PURPOSE_CODES = ['website', 'social_media', 'school_guide', 'newsletter', 'parent_app', 'press', 'class_video', 'contact_list']

export const openBenchCore = (dbPath: string): Core => openCore({ dbPath, appVersion: 'bench', now: () => NOW, resourcesDir: 'resources' })

/** core.dispatch, throwing on an error result: the bench only measures calls that succeed. */
export async function call<M extends Method>(core: Core, method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> {
  const r = await core.dispatch(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`)
  return r.value as ApiOutputs[M]
}

async function makeRegister(path: string, school: GeneratedSchool | null, schoolName: string): Promise<Core> {
  const core = openBenchCore(path)
  await call(core, 'school.setup', { mode: 'empty', schoolName })
  await call(core, 'settings.update', { staffName: STAFF })
  if (school) core.ctx.db.transaction(() => insertSchool(core.ctx, school, STAFF))()
  else await call(core, 'groups.list', {}) // makes the current school year
  return core
}

/** The first pupil (by id) gets consent history up to 50 records: desk and phone answers over the autumn. */
async function fiftyRecords(core: Core): Promise<void> {
  const pupilId = core.ctx.db.prepare(`SELECT min(id) FROM pupils`).pluck().get() as number
  const purposes = await call(core, 'purposes.list', {})
  const have = (await call(core, 'consent.history', { pupilId })).length
  for (let i = 0; have + i < 50; i++) {
    await call(core, 'consent.record', {
      pupilId,
      decisions: [{ purposeId: (purposes[i % purposes.length] as { id: number }).id, decision: i % 3 === 0 ? 'refused' : 'granted' }],
      effectiveFrom: `2026-${String(9 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      source: i % 2 ? 'phone' : 'paper_form',
      sourceDetail: `formulier ${i}`,
    })
  }
}

const ANSWER = { granted: 'Ja', refused: 'Nee' } as const

/** A foundation's administration export: a title, an empty row, then one row per pupil (BSN included, to be ignored). */
export async function enrolmentWorkbook(school: GeneratedSchool): Promise<Buffer> {
  const guardians = new Map(school.guardians.map((g) => [g.key, g]))
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Leerlingen')
  ws.addRow(['Leerlingen stichting, export schooljaar 2026-2027'])
  ws.addRow([])
  ws.addRow(EXPORT_HEADERS)
  school.pupils.forEach((p, i) => {
    const [y, m, d] = p.birthDate.split('-').map(Number) as [number, number, number]
    const parent = (n: number): string[] => {
      const g = guardians.get(p.guardianKeys[n] ?? -1)
      return g ? [g.name, g.email, g.phone] : ['', '', '']
    }
    ws.addRow([
      Number(p.studentNumber),
      p.firstName,
      p.lastNamePrefix,
      p.lastName,
      new Date(Date.UTC(y, m - 1, d)),
      p.group,
      900_000_000 + i,
      ...parent(0),
      ...parent(1),
      ...PURPOSE_CODES.map((c) => {
        const decision = p.consents[c]
        return decision ? ANSWER[decision] : ''
      }),
    ])
  })
  ws.getColumn(5).numFmt = 'dd-mm-yyyy'
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

/** The foundation's register of 10,000 pupils in 182 groups, as the 'register' file of the bench (also for the browser test that scrolls it). */
export async function makeFoundationRegister(path: string): Promise<void> {
  ;(await makeRegister(path, generateSchool(REGISTER), 'Stichting Primair Onderwijs De Delta')).close()
}

/** Writes every file the cases read. */
export async function prepare(dir: string): Promise<BenchFiles> {
  const files = benchFiles(dir)
  const school = await makeRegister(files.school, generateSchool(SCHOOL), 'OBS De Linde')
  await fiftyRecords(school)
  const forms = consentFormsData(school.ctx, { pupilIds: FORM_PUPILS, onlyWithoutAnswer: false, delivery: 'data' })
  writeFileSync(files.formsText, JSON.stringify(consentFormLines(forms)))
  school.close()
  await makeFoundationRegister(files.register)
  ;(await makeRegister(files.emptyRegister, null, 'Stichting Primair Onderwijs De Delta')).close()
  writeFileSync(files.workbook, await enrolmentWorkbook(generateSchool(EXPORT)))
  return files
}
