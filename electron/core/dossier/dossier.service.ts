// The pupil file: notes and correspondence, added or corrected with a version check, with their
// attachments; every change in the audit log.
import type { ApiParsed } from '../../../shared/api.ts'
import type { DossierEntry } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { checkChosenSizes, storeAttachment, type WithAttachments } from '../attachments/attachments.service.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import { mailOfDossierEntry } from '../mail/mail.queries.ts'
import { requireStaffName } from '../settings/settings.service.ts'
import { attachmentsOfEntry, attachToEntry, dossierEntriesOf, dossierEntryOf, insertDossierEntry, pupilExists, updateDossierEntry } from './dossier.queries.ts'

export function listDossier(ctx: CoreContext, pupilId: number): DossierEntry[] {
  return dossierEntriesOf(ctx.db, pupilId).map((e) => ({ ...e, attachments: attachmentsOfEntry(ctx.db, e.id) }))
}

/** The pupil file as the Dossier tab shows it: each entry with its files and the kept e-mail it holds, to open or save. */
export function dossierForScreen(ctx: CoreContext, pupilId: number): DossierEntry[] {
  return listDossier(ctx, pupilId).map((e) => ({ ...e, mail: mailOfDossierEntry(ctx.db, e.id) }))
}

const STALE_ENTRY = 'Dit stuk is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; de wijziging van de ander blijft staan. Vernieuw het scherm en probeer het opnieuw.'

/**
 * Adds a note or a piece of correspondence to the pupil's file, or corrects the fields sent of
 * one (a stale screen is refused, an omitted field keeps its value, new attachments are added).
 * A chosen attachment over 20 MB is refused by its size before any file is read; nothing is saved.
 */
export function saveDossierEntry(ctx: CoreContext, input: WithAttachments<ApiParsed<'dossier.save'>>): DossierEntry {
  const actor = requireStaffName(ctx)
  const { db } = ctx
  const now = ctx.now()
  checkChosenSizes(ctx, input.attachments ?? [], (i) => `attachments.${i}`)
  return db.transaction(() => {
    if (!pupilExists(db, input.pupilId)) throw new AppError('not_found', 'Deze leerling bestaat niet (meer).')
    let id: number
    if (input.id === undefined) {
      const fields = { entryDate: input.entryDate, kind: input.kind, title: input.title, body: input.body }
      id = insertDossierEntry(db, input.pupilId, fields, actor, now.toISOString())
      writeAudit(db, now, { actor, action: 'dossier.create', entity: 'dossier_entry', entityId: id, pupilId: input.pupilId, newValue: fields })
    } else {
      id = input.id
      const before = dossierEntryOf(db, id, input.pupilId)
      if (!before) throw new AppError('not_found', 'Dit stuk bestaat niet (meer) in het dossier. Vernieuw het scherm.')
      if (input.version !== before.version) throw new AppError('conflict', STALE_ENTRY)
      const old = { entryDate: before.entryDate, kind: before.kind, title: before.title, body: before.body }
      const fields = { entryDate: input.entryDate ?? old.entryDate, kind: input.kind ?? old.kind, title: input.title ?? old.title, body: input.body ?? old.body }
      updateDossierEntry(db, id, fields)
      writeAudit(db, now, { actor, action: 'dossier.update', entity: 'dossier_entry', entityId: id, pupilId: input.pupilId, oldValue: old, newValue: fields })
    }
    ;(input.attachments ?? []).forEach((upload, i) => {
      const attachmentId = storeAttachment(ctx, upload, actor, now, `attachments.${i}`)
      attachToEntry(db, id, attachmentId)
    })
    const saved = listDossier(ctx, input.pupilId).find((e) => e.id === id)
    if (!saved) throw new AppError('internal', 'Het stuk is niet gevonden na opslaan.')
    return saved
  })()
}
