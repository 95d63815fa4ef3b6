import { formatMoment } from '../../../../shared/dates.ts'
import { DECISION_LABELS, SOURCE_LABELS, formatDate, type AttachmentMeta, type PupilDetail } from '../../../../shared/domain.ts'
import type { MailProofView } from '../../../../shared/mail.contract.ts'
import { invoke } from '../../api.ts'
import { downloadBase64 } from '../../components/fields.tsx'
import { useLoad } from '../../useLoad.ts'
import { ErrorText } from '../../components/ErrorText.tsx'
import { ListTable } from '../../components/ListTable.tsx'

export function AttachmentLink({ attachment }: { attachment: AttachmentMeta }) {
  const open = async () => {
    const r = await invoke('attachments.get', { id: attachment.id })
    if (r.ok) downloadBase64(r.value.fileName, r.value.mimeType, r.value.data)
  }
  return (
    <button type="button" className="link" onClick={() => void open()} title={`SHA-256 ${attachment.sha256}`}>
      {attachment.fileName} ({Math.max(1, Math.round(attachment.size / 1024))} kB)
    </button>
  )
}

/** Opens the kept e-mail (the original .eml or .msg) in the system's mail program, by downloading it. */
function MailLink({ mail }: { mail: MailProofView }) {
  const open = async () => {
    const r = await invoke('mail.get', { id: mail.id })
    if (r.ok) downloadBase64(r.value.fileName, r.value.format === 'msg' ? 'application/vnd.ms-outlook' : 'message/rfc822', r.value.data)
  }
  return (
    <button type="button" className="link" onClick={() => void open()} title={`SHA-256 ${mail.sha256}`}>
      E-mail: {mail.fileName} ({Math.max(1, Math.round(mail.size / 1024))} kB, van {mail.fromAddress})
    </button>
  )
}

/** Every consent record ever made for this pupil, newest first; nothing is overwritten. */
export function HistoryTab({ pupil }: { pupil: PupilDetail }) {
  const history = useLoad('consent.history', { pupilId: pupil.id }, String(pupil.consentStamp))
  if (history.error) return <ErrorText>{history.error}</ErrorText>
  return (
    <ListTable
      className="history"
      rows={history.data}
      rowKey={(h) => h.id}
      empty="Nog geen antwoorden vastgelegd voor deze leerling."
      columns={[
        { header: 'Gaat in op', render: (h) => formatDate(h.effectiveFrom) },
        {
          header: 'Doel',
          render: (h) => (
            <>
              {h.purposeLabel}
              {h.purposeVersion > 1 && <small className="muted"> (versie {h.purposeVersion})</small>}
            </>
          ),
        },
        { header: 'Antwoord', render: (h) => <span className={`badge ${h.decision}`}>{DECISION_LABELS[h.decision]}</span> },
        { header: 'Van', render: (h) => h.guardianName ?? 'ouders samen' },
        {
          header: 'Bron',
          render: (h) => (
            <>
              {SOURCE_LABELS[h.source]}
              {h.sourceDetail && <div className="muted">{h.sourceDetail}</div>}
              {h.note && <div className="note">{h.note}</div>}
            </>
          ),
        },
        {
          header: 'Vastgelegd',
          render: (h) => (
            <>
              {h.recordedBy}
              <div className="muted">{formatMoment(h.recordedAt)}</div>
            </>
          ),
        },
        {
          header: 'Bijlage',
          render: (h) => (
            <>
              {h.attachment && <AttachmentLink attachment={h.attachment} />}
              {h.mail && (
                <div className="mail-proof">
                  <MailLink mail={h.mail} />
                </div>
              )}
            </>
          ),
        },
      ]}
    />
  )
}
