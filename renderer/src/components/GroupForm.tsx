// The form for a group's name and teacher, on the Groepen page (new group) and a group's page (change it).
import { useState } from 'react'
import type { GroupSummary } from '../../../shared/domain.ts'
import { invoke } from '../api.ts'
import { Field, FormError } from './fields.tsx'
import { useSave } from './useSave.ts'
import { SaveActions } from './FormActions.tsx'

/** Adds a group to this school year (no `group`), or changes one. */
export function GroupForm({ group, onSaved }: { group?: Pick<GroupSummary, 'id' | 'version' | 'name' | 'teacherName' | 'teacherEmail'>; onSaved: () => void }) {
  const empty = { name: '', teacherName: '', teacherEmail: '' }
  const [form, setForm] = useState(group ? { name: group.name, teacherName: group.teacherName, teacherEmail: group.teacherEmail } : empty)
  // The version the form was filled from: a group reloaded meanwhile may show a change this form does not.
  const [version] = useState(group?.version)
  const saving = useSave()
  const { error, setError } = saving
  const save = saving.submit(async () => {
    const r = await invoke('groups.save', group ? { id: group.id, version: version ?? group.version, ...form } : form)
    if (!r.ok) return setError(r.error)
    setError(undefined)
    if (!group) setForm(empty)
    onSaved()
  })
  const text = (key: keyof typeof form, label: string, hint?: string) => (
    <Field label={label} name={key} error={error} hint={hint}>
      <input name={key} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </Field>
  )
  return (
    <form className="card" onSubmit={save}>
      {!group && <h2>Groep toevoegen aan dit schooljaar</h2>}
      <div className="row three">
        {text('name', 'Naam van de groep', group ? undefined : 'bijv. 1/2a, 5 of 8b')}
        {text('teacherName', 'Leerkracht')}
        {text('teacherEmail', 'E-mail leerkracht')}
      </div>
      <FormError error={error} fields={['name', 'teacherName', 'teacherEmail']} />
      <SaveActions label={group ? 'Opslaan' : 'Groep toevoegen'} busy={saving.busy} />
    </form>
  )
}
