// Who changed what about this pupil (and their guardians), and when, in sentences.
import { useLoad } from '../../useLoad.ts'
import { AuditTable } from '../../components/AuditTable.tsx'
import { href } from '../../router.ts'
import { ErrorText } from '../../components/ErrorText.tsx'

export function AuditTab({ pupilId }: { pupilId: number }) {
  const audit = useLoad('audit.page', { pupilId, pageSize: 200 })
  if (audit.error) return <ErrorText>{audit.error}</ErrorText>
  if (!audit.data) return null
  return (
    <>
      <AuditTable lines={audit.data.lines} showPupil={false} />
      {audit.data.total > audit.data.lines.length && (
        <p className="hint">
          De nieuwste {audit.data.lines.length} van {audit.data.total} wijzigingen. <a href={href({ name: 'audit', pupilId })}>Alles in het Logboek</a>
        </p>
      )}
    </>
  )
}
