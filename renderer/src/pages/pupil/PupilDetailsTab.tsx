import { useState, type FormEvent } from 'react'
import type { PupilDetail } from '../../../../shared/domain.ts'
import type { PossibleDuplicate } from '../../../../shared/pupils.contract.ts'
import { invoke } from '../../api.ts'
import { DateInput, Field, FormError, fieldMessage, impossibleDates } from '../../components/fields.tsx'
import { useSave } from '../../components/useSave.ts'
import { useLoad } from '../../useLoad.ts'
import { DuplicateWarning } from './DuplicateWarning.tsx'
import { GuardiansSection } from './GuardiansSection.tsx'
import { SaveActions } from '../../components/FormActions.tsx'
import { GroupSelect } from '../../components/GroupSelect.tsx'

function formOf(p: PupilDetail | undefined) {
  return {
    firstName: p?.firstName ?? '',
    lastNamePrefix: p?.lastNamePrefix ?? '',
    lastName: p?.lastName ?? '',
    birthDate: p?.birthDate ?? '',
    studentNumber: p?.studentNumber ?? '',
    groupId: p?.groupId ?? null,
    yearLevel: p?.yearLevel ?? null,
    yearLevelUnsure: p?.yearLevelUnsure ?? false,
    enrolledOn: p?.enrolledOn ?? '',
    leftOn: p?.leftOn ?? '',
    leavingReason: p?.leavingReason ?? '',
  }
}

/** The pupil's own data, and (for a pupil that exists) the guardians. */
export function PupilDetailsTab({ pupil, onSaved }: { pupil: PupilDetail | undefined; onSaved: (p: PupilDetail) => void }) {
  const groups = useLoad('groups.list', {})
  const [form, setForm] = useState(() => formOf(pupil))
  // The version the form was filled from, not the pupil's latest: a pupil reloaded meanwhile (after a
  // guardian was saved) may carry someone else's change that this form does not show.
  const [version, setVersion] = useState(pupil?.version)
  const [saved, setSaved] = useState(false)
  // Dates typed that do not exist: while one is there, nothing is sent.
  const [badDates, setBadDates] = useState<Record<string, boolean>>({})
  const saving = useSave()
  const { error, setError } = saving
  // A new pupil that may already be in the register: shown, and saved only on 'toch toevoegen'.
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[]>([])
  // The level is sent only when edited here: a pupil moved to another group gets a fitting one.
  const [levelEdited, setLevelEdited] = useState(false)
  const set = (patch: Partial<typeof form>) => {
    setSaved(false)
    setDuplicates([])
    setForm({ ...form, ...patch })
  }

  const save = (e: FormEvent | undefined, addAnyway = false) => {
    e?.preventDefault()
    return saving.run(async () => {
      setSaved(false)
      const bad = impossibleDates(badDates)
      if (bad) return setError(bad)
      if (!pupil && !addAnyway) {
        const found = await invoke('pupils.duplicates', { firstName: form.firstName, lastNamePrefix: form.lastNamePrefix, lastName: form.lastName, birthDate: form.birthDate || null, studentNumber: form.studentNumber })
        if (found.ok && found.value.length > 0) {
          setError(undefined)
          return setDuplicates(found.value)
        }
      }
      setDuplicates([])
      const { yearLevel, yearLevelUnsure, ...rest } = form
      const fields = levelEdited ? { ...rest, yearLevel, yearLevelUnsure } : rest
      const r = await invoke('pupils.save', pupil ? { ...fields, id: pupil.id, version: version ?? pupil.version } : fields)
      if (!r.ok) return setError(r.error)
      setLevelEdited(false)
      setError(undefined)
      setSaved(true)
      setForm(formOf(r.value))
      setVersion(r.value.version)
      onSaved(r.value)
    })
  }
  const text = (key: 'firstName' | 'lastNamePrefix' | 'lastName' | 'studentNumber' | 'leavingReason', label: string, hint?: string) => (
    <Field label={label} name={key} error={error} hint={hint}>
      <input name={key} value={form[key]} aria-invalid={fieldMessage(error, key) !== undefined} onChange={(e) => set({ [key]: e.target.value })} />
    </Field>
  )
  const date = (key: 'birthDate' | 'enrolledOn' | 'leftOn', label: string) => (
    <Field label={label} name={key} error={error}>
      <DateInput
        name={key}
        value={form[key]}
        invalid={fieldMessage(error, key) !== undefined}
        onChange={(v) => set({ [key]: v })}
        onBad={(b) => {
          setSaved(false)
          setBadDates((d) => ({ ...d, [key]: b }))
        }}
      />
    </Field>
  )

  return (
    <div className="details-layout">
      <form className="card" onSubmit={save}>
        <h2>Gegevens van de leerling</h2>
        <div className="row three">
          {text('firstName', 'Roepnaam')}
          {text('lastNamePrefix', 'Tussenvoegsel', 'bijv. van der')}
          {text('lastName', 'Achternaam')}
        </div>
        <div className="row three">
          {date('birthDate', 'Geboortedatum')}
          {text('studentNumber', 'Leerlingnummer')}
          <Field label="Groep" name="groupId" error={error}>
            <GroupSelect name="groupId" groups={groups.data} value={form.groupId} onChange={(groupId) => set({ groupId: groupId ?? null })} emptyLabel="Geen groep" />
          </Field>
        </div>
        <div className="row three">
          <Field label="Leerjaar" name="yearLevel" error={error} hint={form.groupId === null ? undefined : 'binnen de groep, 1 tot en met 8'}>
            <select
              name="yearLevel"
              value={form.yearLevel ?? ''}
              aria-invalid={error?.field === 'yearLevel'}
              onChange={(e) => {
                setLevelEdited(true)
                set({ yearLevel: e.target.value === '' ? null : Number(e.target.value), yearLevelUnsure: false })
              }}
            >
              <option value="">Onbekend</option>
              {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
                <option key={n} value={n}>
                  Leerjaar {n}
                </option>
              ))}
            </select>
          </Field>
          {form.yearLevelUnsure && (
            <label className="check">
              <input
                type="checkbox"
                checked
                onChange={() => {
                  setLevelEdited(true)
                  set({ yearLevelUnsure: false })
                }}
              />
              Leerjaar nagaan: geschat uit de geboortedatum. Vink uit als het klopt.
            </label>
          )}
        </div>
        <div className="row three">
          {date('enrolledOn', 'Ingeschreven op')}
          {date('leftOn', 'Vertrokken op')}
          {text('leavingReason', 'Reden van vertrek')}
        </div>
        <FormError error={error} fields={['firstName', 'lastNamePrefix', 'lastName', 'birthDate', 'studentNumber', 'groupId', 'yearLevel', 'enrolledOn', 'leftOn', 'leavingReason']} />
        {duplicates.length > 0 && <DuplicateWarning found={duplicates} busy={saving.busy} onAddAnyway={() => void save(undefined, true)} />}
        <SaveActions label={pupil ? 'Opslaan' : 'Leerling toevoegen'} busy={saving.busy} saved={saved} />
      </form>
      {pupil && <GuardiansSection pupil={pupil} onChanged={onSaved} />}
    </div>
  )
}
