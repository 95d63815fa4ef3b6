// Year levels (leerjaar 1-8) and the groups that hold them: '1/2a' holds levels 1 and 2, '7b'
// holds 7. Pure, shared by the core and the screens.

export const YEAR_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const

/** '3' -> [3], '7b' -> [7], '1/2a' -> [1, 2], '4-5' -> [4, 5], 'Instroom' -> []. */
export function levelsOfGroupName(name: string): number[] {
  const m = /^\s*([1-8])(?:\s*[/-]\s*([1-8]))?(?![0-9])/.exec(name)
  if (!m) return []
  const from = Number(m[1])
  const to = m[2] === undefined ? from : Number(m[2])
  if (to < from) return [from]
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/** As stored in groups.year_levels: '1,2'. */
export const storedLevels = (levels: readonly number[]): string => [...new Set(levels)].sort((a, b) => a - b).join(',')

export function levelsFromStored(stored: string): number[] {
  return stored === ''
    ? []
    : stored
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n >= 1 && n <= 8)
}

/** As the office writes them: '1/2', '3', '6/7/8'. */
export const formatLevels = (levels: readonly number[]): string => [...levels].sort((a, b) => a - b).join('/')

/** '1/2', '1,2', '1 2' -> [1, 2]; anything else than the digits 1-8 -> null. */
export function parseLevels(typed: string): number[] | null {
  const parts = typed.split(/[\s,/]+/).filter(Boolean)
  if (parts.length === 0 || parts.some((p) => !/^[1-8]$/.test(p))) return null
  return [...new Set(parts.map(Number))].sort((a, b) => a - b)
}

/**
 * The level a child of this birth date usually has in a school year: age on 1 October of the
 * year's first calendar year, minus 3, within the levels of the group (if given).
 */
export function levelFromBirthDate(birthDate: string, schoolYear: string, within: readonly number[] = YEAR_LEVELS): number {
  const [y, mo, d] = birthDate.split('-').map(Number) as [number, number, number]
  const start = Number(schoolYear.slice(0, 4))
  const age = start - y - (mo > 10 || (mo === 10 && d > 1) ? 1 : 0)
  const lowest = Math.min(...within)
  const highest = Math.max(...within)
  return Math.min(Math.max(age - 3, lowest), highest)
}
