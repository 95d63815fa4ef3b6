import type { ApiParsed } from '../../../shared/api.ts'
import type { AttachmentMeta, DossierEntry } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { ATTACHMENT_META_COLUMNS, storeAttachment } from '../attachments/attachments.service.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import { requireStaffName } from '../settings/settings.service.ts'

const COLUMNS = `id, pupil_id AS pupilId, entry_date AS entryDate, kind, title, body, created_by AS createdBy, created_at AS createdAt, version`

export function listDossier(ctx: CoreContext, pupilId: number): DossierEntry[] {
  const entries = ctx.db.prepare(`SELECT ${COLUMNS} FROM dossier_entries WHERE pupil_id = ? ORDER BY entry_date DESC, id DESC`).all(pupilId) as Omit<DossierEntry, 'attachments'>[]
  const attachments = ctx.db.prepare(
    `SELECT ${ATTACHMENT_META_COLUMNS} FROM dossier_entry_attachments d JOIN attachments a ON a.id = d.attachment_id WHERE d.entry_id = ? ORDER BY a.id`,
  )
  return entries.map((e) => ({ ...e, attachments: attachments.all(e.id) as AttachmentMeta[] }))
}

const STALE_ENTRY = 'Dit stuk is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; de wijziging van de ander blijft staan. Vernieuw het scherm en probeer het opnieuw.'

/**
 * Adds a note or a piece of correspondence to the pupil's file, or corrects the fields sent of
 * one (a stale screen is refused, an omitted field keeps its value, new attachments are added).
 */
export function saveDossierEntry(ctx: CoreContext, input: ApiParsed<'dossier.save'>): DossierEntry {
  const actor = requireStaffName(ctx)
  const { db } = ctx
  const now = ctx.now()
  return db.transaction(() => {
    if (!db.prepare(`SELECT 1 FROM pupils WHERE id = ?`).get(input.pupilId)) throw new AppError('not_found', 'Deze leerling bestaat niet (meer).')
    let id: number
    if (input.id === undefined) {
      const fields = { entryDate: input.entryDate, kind: input.kind, title: input.title, body: input.body }
      id = Number(
        db
          .prepare(`INSERT INTO dossier_entries (pupil_id, entry_date, kind, title, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(input.pupilId, input.entryDate, input.kind, input.title, input.body, actor, now.toISOString()).lastInsertRowid,
      )
      writeAudit(db, now, { actor, action: 'dossier.create', entity: 'dossier_entry', entityId: id, pupilId: input.pupilId, newValue: fields })
    } else {
      id = input.id
      const before = db.prepare(`SELECT ${COLUMNS} FROM dossier_entries WHERE id = ? AND pupil_id = ?`).get(id, input.pupilId) as Omit<DossierEntry, 'attachments'> | undefined
      if (!before) throw new AppError('not_found', 'Dit stuk bestaat niet (meer) in het dossier. Vernieuw het scherm.')
      if (input.version !== before.version) throw new AppError('conflict', STALE_ENTRY)
      const old = { entryDate: before.entryDate, kind: before.kind, title: before.title, body: before.body }
      const fields = { entryDate: input.entryDate ?? old.entryDate, kind: input.kind ?? old.kind, title: input.title ?? old.title, body: input.body ?? old.body }
      db.prepare(`UPDATE dossier_entries SET entry_date = ?, kind = ?, title = ?, body = ?, version = version + 1 WHERE id = ?`).run(fields.entryDate, fields.kind, fields.title, fields.body, id)
      writeAudit(db, now, { actor, action: 'dossier.update', entity: 'dossier_entry', entityId: id, pupilId: input.pupilId, oldValue: old, newValue: fields })
    }
    ;(input.attachments ?? []).forEach((upload, i) => {
      const attachmentId = storeAttachment(db, upload, actor, now, `attachments.${i}`)
      db.prepare(`INSERT INTO dossier_entry_attachments (entry_id, attachment_id) VALUES (?, ?)`).run(id, attachmentId)
    })
    const saved = listDossier(ctx, input.pupilId).find((e) => e.id === id)
    if (!saved) throw new AppError('internal', 'Het stuk is niet gevonden na opslaan.')
    return saved
  })()
}
