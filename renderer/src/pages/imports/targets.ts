// A column's target as the value of one <select>, and the choices that select offers.
import type { ImportColumn } from '../../../../shared/imports.contract.ts'
import { GUARDIAN_FIELD_LABELS, GUARDIAN_FIELDS, MAX_GUARDIANS, PUPIL_FIELD_LABELS, PUPIL_FIELDS, targetLabel, type ColumnTarget, type GuardianField, type PupilField } from '../../../../shared/imports.labels.ts'
import { fold } from '../../../../shared/text.ts'

export interface Purpose {
  code: string
  label: string
}

export interface Choice {
  value: string
  label: string
}

export interface ChoiceGroup {
  label: string
  choices: Choice[]
}

export function targetValue(t: ColumnTarget): string {
  switch (t.kind) {
    case 'ignore':
      return 'ignore'
    case 'pupil':
      return `pupil:${t.field}`
    case 'guardian':
      return `guardian:${t.guardian}:${t.field}`
    case 'consent':
      return `consent:${t.purposes.join(',')}`
    case 'consentList':
      return 'list'
  }
}

/**
 * The target a chosen value means. Choosing the multi-select answer list starts from the column's
 * own proposal when it was one, else every purpose asked and no answer text linked yet.
 */
export function targetOf(value: string, column: ImportColumn, purposes: readonly Purpose[], current: ColumnTarget): ColumnTarget {
  const [kind, a = '', b = ''] = value.split(':')
  if (kind === 'pupil') return { kind: 'pupil', field: a as PupilField }
  if (kind === 'guardian') return { kind: 'guardian', guardian: Number(a), field: b as GuardianField }
  if (kind === 'consent') return { kind: 'consent', purposes: a.split(',') }
  if (kind === 'list') {
    if (current.kind === 'consentList') return current
    const options = Object.fromEntries((column.options ?? []).map((text) => [text, guessPurposes(text, purposes)]))
    return { kind: 'consentList', purposes: purposes.map((p) => p.code), options }
  }
  return { kind: 'ignore' }
}

/** An answer text that names a purpose ('Website', 'Nieuwsbrief') grants that purpose. */
function guessPurposes(text: string, purposes: readonly Purpose[]): string[] {
  const t = fold(text)
  return purposes
    .filter((p) =>
      fold(p.label)
        .split(/[^a-z0-9]+/)
        .some((w) => w.length >= 5 && t.includes(w)),
    )
    .map((p) => p.code)
}

/** The choices for one column, grouped; the column's current target is always among them. */
export function choicesFor(current: ColumnTarget, purposes: readonly Purpose[], column: ImportColumn): ChoiceGroup[] {
  const label = (code: string): string => purposes.find((p) => p.code === code)?.label ?? code
  const consent: Choice[] = purposes.map((p) => ({ value: `consent:${p.code}`, label: `Toestemming: ${p.label}` }))
  if (current.kind === 'consent' && current.purposes.length !== 1) {
    consent.unshift({ value: targetValue(current), label: targetLabel(current, label) })
  }
  if (current.kind === 'consentList' || column.options) consent.push({ value: 'list', label: 'Keuzelijst met doelen (aangevinkt = toestemming)' })
  return [
    { label: '', choices: [{ value: 'ignore', label: 'Niet gebruiken' }] },
    { label: 'Leerling', choices: PUPIL_FIELDS.map((f) => ({ value: `pupil:${f}`, label: PUPIL_FIELD_LABELS[f] })) },
    ...Array.from({ length: MAX_GUARDIANS }, (_, i) => ({
      label: `Ouder/verzorger ${i + 1}`,
      choices: GUARDIAN_FIELDS.map((f) => ({ value: `guardian:${i + 1}:${f}`, label: `${GUARDIAN_FIELD_LABELS[f]} ouder/verzorger ${i + 1}` })),
    })),
    { label: 'Toestemming', choices: consent },
  ]
}
