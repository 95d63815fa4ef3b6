// The files kept in a pupil's file, offered as documents are (DocumentActions): a proof's scan and
// a parent's e-mail in the history, a dossier entry's files. 'Openen' opens a copy in the system's
// viewer (a mail in the mail program), 'Opslaan als…' asks where; the harness downloads.
import type { AttachmentMeta } from '../../../../shared/domain.ts'
import type { MailProofView } from '../../../../shared/mail.contract.ts'
import { DocumentActions, type DocumentItem } from '../../components/DocumentActions.tsx'

const kB = (size: number): string => `${Math.max(1, Math.round(size / 1024))} kB`

export const attachmentItem = (a: AttachmentMeta): DocumentItem<'attachments.get'> => ({
  label: `${a.fileName} (${kB(a.size)})`,
  method: 'attachments.get',
  input: { id: a.id },
  title: `SHA-256 ${a.sha256}`,
})

export const mailItem = (m: MailProofView): DocumentItem<'mail.get'> => ({
  label: `E-mail: ${m.fileName} (${kB(m.size)}, van ${m.fromAddress})`,
  method: 'mail.get',
  input: { id: m.id },
  title: `SHA-256 ${m.sha256}`,
})

/** The buttons for these files, with one status line under them (what happened, or why not). */
export function KeptFiles({ attachments = [], mail }: { attachments?: readonly AttachmentMeta[]; mail?: MailProofView | null }) {
  const items: DocumentItem[] = [...attachments.map(attachmentItem), ...(mail ? [mailItem(mail)] : [])]
  if (items.length === 0) return null
  return <DocumentActions kept items={items} />
}
