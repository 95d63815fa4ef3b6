// `print` and `export` from the terminal: the same methods as the app, written to --out
// (atomically: an existing file stays intact when writing fails).
import { extname } from 'node:path'
import type { ApiInput, ApiOutput, Method } from '../../shared/api.ts'
import type { Result } from '../../shared/errors.ts'
import { call, type Door } from '../core/call.ts'
import { writeFileAtomic } from '../core/documents/write-file.ts'

/** Options of these commands, merged into the CLI's own. */
export const DOCUMENT_OPTIONS = {
  group: { type: 'string', multiple: true },
  purpose: { type: 'string', multiple: true },
  format: { type: 'string' },
  out: { type: 'string' },
  pupil: { type: 'string' },
  event: { type: 'string' },
  'only-without-answer': { type: 'boolean' },
} as const

export const DOCUMENT_HELP = `  print consent-forms [--group G ...] [--only-without-answer [--purpose CODE ...]] --out BESTAND.pdf
                                toestemmingsformulieren, één leerling per pagina (zonder --group: hele school)
  print no-consent --group G [--group G ...] [--purpose CODE ...] [--event NAAM] --out BESTAND.pdf
                                wie mag niet op de foto, per doel
  print class-list --group G [--format pdf|csv|vcf] --out BESTAND
                                klassenlijst voor de groepsapp (PDF, CSV voor Excel of vCard)
  export dossier --pupil ID|FORMULIERCODE --out BESTAND.pdf|BESTAND.zip
                                leerlingdossier: PDF, of ZIP met PDF, JSON en bijlagen
                                --group is de naam van de groep in dit schooljaar, bijv. 5 of 1/2a;
                                --purpose is de code van een doel, bijv. website
`

interface Args {
  values: Record<string, unknown>
  positionals: string[]
}

type Usage = (message: string) => never

/** The documents the CLI prints or exports: each answers the file's bytes when asked for delivery 'data'. */
type DocumentMethod = 'documents.dossier' | 'documents.consentForms' | 'documents.noConsentList' | 'documents.classList'

async function value<M extends Method>(core: Door, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const r = await call(core, method, input)
  if (!r.ok) throw Object.assign(new Error(r.error.message), { result: r })
  return r.value
}

async function groupIds(core: Door, names: string[], usage: Usage): Promise<number[]> {
  const groups = await value(core, 'groups.list', {})
  return names.map((name) => {
    const g = groups.find((x) => x.name.toLowerCase() === name.trim().toLowerCase())
    if (!g) usage(`Groep '${name}' bestaat niet in dit schooljaar. Groepen: ${groups.map((x) => x.name).join(', ') || 'nog geen'}.`)
    return g.id
  })
}

async function purposeIds(core: Door, codes: string[], usage: Usage): Promise<number[]> {
  const purposes = await value(core, 'purposes.list', {})
  return codes.map((code) => {
    const p = purposes.find((x) => x.code === code.trim())
    if (!p) usage(`Doel '${code}' bestaat niet. Doelen: ${purposes.map((x) => x.code).join(', ')}.`)
    return p.id
  })
}

async function pupilId(core: Door, given: string, usage: Usage): Promise<number> {
  if (/^\d+$/.test(given)) return Number(given)
  const hits = await value(core, 'pupils.search', { query: given, includeLeft: true })
  const hit = hits.length === 1 ? hits[0] : undefined
  if (!hit) usage(`Geef bij --pupil het nummer (id) of de formuliercode van de leerling, bijv. --pupil TR-7K3M9Q.`)
  return hit.id
}

/** Calls the method for the bytes and writes them to --out. */
async function write<M extends DocumentMethod>(core: Door, method: M, input: Omit<ApiInput<M>, 'delivery'>, out: string): Promise<Result<unknown>> {
  const r = await call(core, method, { ...input, delivery: 'data' } as ApiInput<M>)
  if (!r.ok) return r
  const file = r.value
  if (file.delivered !== 'data') return { ok: false, error: { code: 'internal', message: 'Onverwacht antwoord.' } }
  await writeFileAtomic(out, Buffer.from(file.data, 'base64'))
  return { ok: true, value: { path: out, mimeType: file.mimeType, count: file.count, countLabel: file.countLabel } }
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : []
}

export async function runDocumentCommand(core: Door, command: 'print' | 'export', args: Args, usage: Usage): Promise<Result<unknown>> {
  const { values, positionals } = args
  const what = positionals[1]
  const out = typeof values.out === 'string' ? values.out : ''
  try {
    if (command === 'export') {
      if (what !== 'dossier') usage(`Gebruik: export dossier --pupil ID --out BESTAND.pdf|BESTAND.zip`)
      if (typeof values.pupil !== 'string') usage('Noem de leerling met --pupil ID of --pupil FORMULIERCODE.')
      const format = extname(out).toLowerCase() === '.zip' ? 'zip' : extname(out).toLowerCase() === '.pdf' ? 'pdf' : usage('Geef met --out een bestand dat eindigt op .pdf of .zip.')
      return await write(core, 'documents.dossier', { pupilId: await pupilId(core, values.pupil, usage), format }, out)
    }
    if (!out) usage('Geef met --out aan waar het bestand moet komen, bijv. --out groep5.pdf')
    const groups = strings(values.group)
    const purposes = strings(values.purpose)
    switch (what) {
      case 'consent-forms':
        return await write(
          core,
          'documents.consentForms',
          {
            ...(groups.length ? { groupIds: await groupIds(core, groups, usage) } : {}),
            ...(purposes.length ? { purposeIds: await purposeIds(core, purposes, usage) } : {}),
            onlyWithoutAnswer: values['only-without-answer'] === true,
          },
          out,
        )
      case 'no-consent':
        if (groups.length === 0) usage('Kies de groep(en) met --group, bijv. --group 5')
        return await write(
          core,
          'documents.noConsentList',
          {
            groupIds: await groupIds(core, groups, usage),
            ...(purposes.length ? { purposeIds: await purposeIds(core, purposes, usage) } : {}),
            ...(typeof values.event === 'string' ? { eventName: values.event } : {}),
          },
          out,
        )
      case 'class-list': {
        if (groups.length !== 1) usage('Kies één groep met --group, bijv. --group 5')
        const format = typeof values.format === 'string' ? values.format : extname(out).slice(1).toLowerCase() || 'pdf'
        if (format !== 'pdf' && format !== 'csv' && format !== 'vcf') usage('Kies --format pdf, csv of vcf.')
        const [groupId] = await groupIds(core, groups, usage)
        if (groupId === undefined) usage('Kies één groep met --group, bijv. --group 5')
        return await write(core, 'documents.classList', { groupId, format }, out)
      }
      default:
        return usage(`Gebruik: print consent-forms|no-consent|class-list ... --out BESTAND`)
    }
  } catch (e) {
    const failed = (e as { result?: Result<unknown> }).result
    if (failed) return failed
    throw e
  }
}
