// A choice of one purpose by its label, with an optional first choice for all of them (emptyLabel).
import type { SelectHTMLAttributes } from 'react'

export interface PurposeChoice {
  id: number
  label: string
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'>

export function PurposeSelect({
  purposes,
  value,
  onChange,
  emptyLabel,
  ...select
}: SelectProps & { purposes: readonly PurposeChoice[] | undefined; value: number | null | undefined; onChange: (purposeId: number | undefined) => void; emptyLabel?: string }) {
  return (
    <select {...select} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {purposes?.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </select>
  )
}
