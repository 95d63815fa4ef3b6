import { useEffect, useRef } from 'react'
import { DocumentActions } from '../../components/DocumentActions.tsx'

/** 'Afdrukken' in the pupil's header: the pupil's consent form and file. Closes on a click elsewhere or Escape. */
export function PupilDocuments({ pupilId }: { pupilId: number }) {
  const menu = useRef<HTMLDetailsElement>(null)
  useEffect(() => {
    const close = (e: Event) => {
      const el = menu.current
      if (!el?.open) return
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !el.contains(e.target as Node)) el.open = false
    }
    document.addEventListener('mousedown', close)
    document.addEventListener('keydown', close)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('keydown', close)
    }
  }, [])
  return (
    <details className="pupil-documents" ref={menu}>
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
