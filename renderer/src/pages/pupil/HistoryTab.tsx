import { formatMoment } from '../../../../shared/dates.ts'
import { DECISION_LABELS, SOURCE_LABELS, formatDate, type PupilDetail } from '../../../../shared/domain.ts'
import { useLoad } from '../../useLoad.ts'
import { ErrorText } from '../../components/ErrorText.tsx'
import { ListTable } from '../../components/ListTable.tsx'
import { KeptFiles } from './KeptFiles.tsx'

/** Every consent record ever made for this pupil, newest first; nothing is overwritten. */
export function HistoryTab({ pupil }: { pupil: PupilDetail }) {
  const history = useLoad('consent.history', { pupilId: pupil.id }, String(pupil.consentStamp))
  if (history.error) return <ErrorText>{history.error}</ErrorText>
  // In a narrow window the table scrolls sideways in its own box; the page and its tabs stay in place.
  return (
    <div className="table-wide">
      <ListTable
        className="history"
        rows={history.data}
        rowKey={(h) => h.id}
        empty="Nog geen antwoorden vastgelegd voor deze leerling."
        columns={[
          { header: 'Gaat in op', className: 'nowrap', render: (h) => formatDate(h.effectiveFrom) },
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
                <div className="muted nowrap">{formatMoment(h.recordedAt)}</div>
              </>
            ),
          },
          {
            header: 'Bijlage',
            render: (h) =>
              h.attachment || h.mail ? (
                <div className={h.mail ? 'kept-proof mail-proof' : 'kept-proof'}>
                  <KeptFiles attachments={h.attachment ? [h.attachment] : []} mail={h.mail} />
                </div>
              ) : null,
          },
        ]}
      />
    </div>
  )
}
