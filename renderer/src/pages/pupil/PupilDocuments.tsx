import { DocumentActions } from '../../components/DocumentActions.tsx'

/** 'Afdrukken' in the pupil's header: the pupil's consent form and file. */
export function PupilDocuments({ pupilId }: { pupilId: number }) {
  return (
    <details className="pupil-documents">
      <summary>Afdrukken en exporteren</summary>
      <div className="pupil-documents-panel">
        <DocumentActions
          compact
          items={[
            { label: 'Toestemmingsformulier', method: 'documents.consentForms', input: { pupilIds: [pupilId] } },
            { label: 'Dossier (PDF, om te lezen)', method: 'documents.dossier', input: { pupilId, format: 'pdf' } },
            { label: 'Dossier (ZIP: PDF, JSON en bijlagen)', method: 'documents.dossier', input: { pupilId, format: 'zip' } },
          ]}
        />
      </div>
    </details>
  )
}
