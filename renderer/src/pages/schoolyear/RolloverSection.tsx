// The move to next school year: edit next year's groups and each pupil's step in the preview,
// confirm in the app's dialog (numbers and names), then apply it in one go after a backup.
import { useState } from 'react'
import type { RolloverPreview, RolloverResult } from '../../../../shared/schoolyear.ts'
import { invoke } from '../../api.ts'
import { useConfirm } from '../../components/ConfirmDialog.tsx'
import { DateInput, Field } from '../../components/fields.tsx'
import { confirmRollover, groupRowsOf, nextGroupsOf, outcomes, type PupilChoice } from './rollover-state.ts'
import { RolloverGroups } from './RolloverGroups.tsx'
import { RolloverPupils } from './RolloverPupils.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'
import { useSave } from '../../components/useSave.ts'

export function RolloverSection({ preview, onDone }: { preview: RolloverPreview; onDone: (r: RolloverResult) => void }) {
  const [rows, setRows] = useState(() => groupRowsOf(preview))
  const [choices, setChoices] = useState(() => new Map<number, PupilChoice>())
  const [leavingDate, setLeavingDate] = useState(preview.leavingDate)
  const [leavingReason, setLeavingReason] = useState(preview.leavingReason)
  const [rounds, setRounds] = useState<'close' | 'carry'>()
  const { run, busy, error, setError } = useSave()
  const { dialog, ask } = useConfirm()
  const groups = nextGroupsOf(rows)
  const list = outcomes(preview, choices, groups)
  const unknown = preview.pupils.filter((p) => p.yearLevel === null)
  const unsure = preview.pupils.filter((p) => p.yearLevelUnsure)

  const apply = async () => {
    setError(undefined)
    if (!(await ask(confirmRollover(preview, list, groups, leavingDate, leavingReason, rounds)))) return
    await run(async () => {
      const r = await invoke('schoolyear.rollover', {
        toYear: preview.toYear,
        leavingDate,
        leavingReason,
        groups,
        pupils: list.map((o) => ({ pupilId: o.pupil.pupilId, step: o.step, target: o.target })),
        ...(rounds ? { openRounds: rounds } : {}),
      })
      if (!r.ok) return setError(r.error)
      onDone(r.value)
    })
  }

  if (preview.alreadyDone) return <p className="card muted">De overgang naar {preview.toYear} is al gedaan.</p>
  if (preview.pupils.length === 0) return <p className="empty">Er zijn nog geen leerlingen in een groep in {preview.fromYear}.</p>
  return (
    <>
      <section className="card">
        <h2>
          Van {preview.fromYear} naar {preview.toYear}
        </h2>
        <p className="muted">
          Elke leerling gaat naar het volgende leerjaar en naar de groep die dat leerjaar heeft; groep 8 verlaat de school. Controleer het overzicht, pas aan wie blijft zitten of een jaar overslaat, en de indeling van
          volgend jaar. Toestemmingen blijven gewoon gelden; de groepen van dit jaar blijven zichtbaar in de geschiedenis.
        </p>
        {preview.withoutGroup.length > 0 && (
          <p className="form-banner">
            {preview.withoutGroup.length === 1 ? '1 leerling heeft' : `${preview.withoutGroup.length} leerlingen hebben`} dit jaar geen groep en gaan niet mee naar {preview.toYear}:{' '}
            {preview.withoutGroup.slice(0, 10).join('; ')}
            {preview.withoutGroup.length > 10 ? ` en nog ${preview.withoutGroup.length - 10}` : ''}. Zet ze eerst in een groep (op de pagina van de leerling) als ze wel overgaan.
          </p>
        )}
        {(unknown.length > 0 || unsure.length > 0) && (
          <p className="form-banner">
            {unknown.length > 0 && `Van ${unknown.length === 1 ? '1 leerling' : `${unknown.length} leerlingen`} is het leerjaar niet bekend: vul het in op de pagina van de leerling, of kies 'Verlaat de school'. `}
            {unsure.length > 0 && `${unsure.length === 1 ? '1 leerling heeft' : `${unsure.length} leerlingen hebben`} een geschat leerjaar (nagaan): controleer ze in de lijst (Toon groep: leerjaar nagaan of onbekend).`}
          </p>
        )}
      </section>
      <RolloverGroups rows={rows} outcomes={list} onChange={setRows} />
      <RolloverPupils outcomes={list} groups={groups} onChoice={(id, c) => setChoices(new Map(choices).set(id, c))} />
      <section className="card">
        <h2>Schoolverlaters en toestemmingsronde</h2>
        <div className="row three">
          <Field label="Vertrekdatum schoolverlaters" name="leavingDate" error={error}>
            <DateInput name="leavingDate" value={leavingDate} onChange={setLeavingDate} />
          </Field>
          <Field label="Reden van vertrek" name="leavingReason" error={error}>
            <input name="leavingReason" value={leavingReason} onChange={(e) => setLeavingReason(e.target.value)} />
          </Field>
        </div>
        {preview.openRounds.length > 0 && (
          <fieldset className="choices-inline">
            <legend>Open toestemmingsronde: {preview.openRounds.map((r) => `${r.name} (${r.outstanding} formulieren nog niet terug)`).join(', ')}</legend>
            <label className="check">
              <input type="radio" name="openRounds" checked={rounds === 'close'} onChange={() => setRounds('close')} /> Afsluiten
            </label>
            <label className="check">
              <input type="radio" name="openRounds" checked={rounds === 'carry'} onChange={() => setRounds('carry')} /> Meenemen naar {preview.toYear}
            </label>
          </fieldset>
        )}
        {error && error.field !== 'leavingDate' && error.field !== 'leavingReason' && <ErrorText alert>{error.message}</ErrorText>}
        <FormActions>
          <button className="primary" disabled={busy} onClick={() => void apply()}>
            Overgaan naar {preview.toYear}
          </button>
        </FormActions>
      </section>
      {dialog}
    </>
  )
}
