import { DocumentActions } from '../../components/DocumentActions.tsx'

/** The group's documents: forms, the no-consent list and the class list for the group app. */
export function GroupDocuments({ groupId, name }: { groupId: number; name: string }) {
  return (
    <section className="card">
      <h2>Afdrukken en exporteren</h2>
      <DocumentActions
        compact
        items={[
          { label: `Toestemmingsformulieren groep ${name}`, method: 'documents.consentForms', input: { groupIds: [groupId] } },
          { label: 'Formulieren alleen voor leerlingen zonder antwoord', method: 'documents.consentForms', input: { groupIds: [groupId], onlyWithoutAnswer: true } },
          { label: 'Wie mag niet op de foto (alle doelen)', method: 'documents.noConsentList', input: { groupIds: [groupId] } },
          { label: 'Klassenlijst groepsapp (PDF)', method: 'documents.classList', input: { groupId, format: 'pdf' } },
          { label: 'Klassenlijst groepsapp (CSV voor Excel)', method: 'documents.classList', input: { groupId, format: 'csv' } },
          { label: 'Contactpersonen voor de telefoon (vCard)', method: 'documents.classList', input: { groupId, format: 'vcf' } },
        ]}
      />
    </section>
  )
}
