// Intake during the year: a new kleuter starts any day. Enrol them in a group (the level follows
// from the group and the birth date), and print their consent form straight away; until it comes
// back they are on the no-consent lists as 'geen antwoord'.
import { useState } from 'react'
import { displayName, formatDate, type PupilDetail } from '../../../../shared/domain.ts'
import { levelsOfGroupName } from '../../../../shared/year-levels.ts'
import { invoke } from '../../api.ts'
import { DocumentActions } from '../../components/DocumentActions.tsx'
import { DateInput, Field, FormError } from '../../components/fields.tsx'
import { useLoad } from '../../useLoad.ts'
import { href } from '../../router.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { GroupSelect } from '../../components/GroupSelect.tsx'
import { useSave } from '../../components/useSave.ts'

const empty = () => ({ firstName: '', lastNamePrefix: '', lastName: '', birthDate: '', enrolledOn: '' })

export function IntakeSection() {
  const groups = useLoad('groups.list', {})
  const kleuterGroup = groups.data?.find((g) => levelsOfGroupName(g.name).includes(1))
  const [form, setForm] = useState(empty)
  const [groupId, setGroupId] = useState<number>()
  // One enrolment at a time: a double click or a second Enter while the first runs enrols no second child.
  const { submit, busy, error, setError } = useSave()
  const [added, setAdded] = useState<PupilDetail>()
  const chosenGroup = groupId ?? kleuterGroup?.id

  const save = submit(async () => {
    const r = await invoke('pupils.save', { ...form, groupId: chosenGroup ?? null })
    if (!r.ok) return setError(r.error)
    setError(undefined)
    setAdded(r.value)
    setForm(empty())
  })
  const text = (key: 'firstName' | 'lastNamePrefix' | 'lastName', label: string) => (
    <Field label={label} name={key} error={error}>
      <input name={key} value={form[key]} aria-invalid={error?.field === key} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </Field>
  )

  return (
    <>
      {added && (
        <section className="card" role="status">
          <h2>{displayName(added)} is ingeschreven</h2>
          <p>
            In groep {added.groupName ?? '(geen groep)'}
            {added.yearLevel !== null && `, leerjaar ${added.yearLevel}${added.yearLevelUnsure ? ' (nagaan: geschat uit de geboortedatum)' : ''}`}, vanaf {formatDate(added.enrolledOn)}. Tot het formulier terug is, staat{' '}
            {added.firstName} op alle geen-toestemmingslijsten als 'geen antwoord'.
          </p>
          <DocumentActions items={[{ label: `Toestemmingsformulier van ${added.firstName}`, method: 'documents.consentForms', input: { pupilIds: [added.id] } }]} />
          <p>
            <a href={href({ name: 'pupil', id: added.id, tab: 'gegevens' })}>Ouders/verzorgers toevoegen op de pagina van {added.firstName}</a>
          </p>
        </section>
      )}
      <form className="card" onSubmit={save}>
        <h2>Nieuwe leerling inschrijven</h2>
        <p className="muted">Een kind mag de dag na de vierde verjaardag beginnen, op elke dag van het jaar.</p>
        <div className="row three">
          {text('firstName', 'Roepnaam')}
          {text('lastNamePrefix', 'Tussenvoegsel')}
          {text('lastName', 'Achternaam')}
        </div>
        <div className="row three">
          <Field label="Geboortedatum" name="birthDate" error={error}>
            <DateInput name="birthDate" value={form.birthDate} invalid={error?.field === 'birthDate'} onChange={(v) => setForm({ ...form, birthDate: v })} />
          </Field>
          <Field label="Groep" name="groupId" error={error}>
            <GroupSelect name="groupId" groups={groups.data} value={chosenGroup} onChange={(id) => id !== undefined && setGroupId(id)} />
          </Field>
          <Field label="Eerste schooldag" name="enrolledOn" error={error} hint="leeg laten: vandaag">
            <DateInput name="enrolledOn" value={form.enrolledOn} invalid={error?.field === 'enrolledOn'} onChange={(v) => setForm({ ...form, enrolledOn: v })} />
          </Field>
        </div>
        <FormError error={error} fields={['firstName', 'lastNamePrefix', 'lastName', 'birthDate', 'groupId', 'enrolledOn']} />
        <FormActions>
          <button className="primary" type="submit" disabled={busy}>
            Inschrijven
          </button>
        </FormActions>
      </form>
    </>
  )
}
