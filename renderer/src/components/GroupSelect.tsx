// A choice of one group of this school year ('Groep 5'), with an optional first choice for
// none or all of them (emptyLabel, e.g. 'Geen groep' or 'Alle groepen').
import type { SelectHTMLAttributes } from 'react'

export interface GroupChoice {
  id: number
  name: string
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'>

export function GroupSelect({
  groups,
  value,
  onChange,
  emptyLabel,
  ...select
}: SelectProps & { groups: readonly GroupChoice[] | undefined; value: number | null | undefined; onChange: (groupId: number | undefined) => void; emptyLabel?: string }) {
  return (
    <select {...select} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {groups?.map((g) => (
        <option key={g.id} value={g.id}>
          Groep {g.name}
        </option>
      ))}
    </select>
  )
}
