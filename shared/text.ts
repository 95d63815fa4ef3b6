// Dutch-aware text: search that ignores case and diacritics, and sorting on the surname.

const SPECIAL: Record<string, string> = { ı: 'i', ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', ß: 'ss', æ: 'ae', Æ: 'ae', đ: 'd', Đ: 'd', œ: 'oe', Œ: 'oe' }

/** 'Zoë Nguyễn' -> 'zoe nguyen'; 'Łukasz Yılmaz' -> 'lukasz yilmaz'. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ıłŁøØßæÆđĐœŒ]/g, (c) => SPECIAL[c] ?? c)
    .toLowerCase()
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true })

/** Compares as a Dutch list sorts: 'Sanne van der Berg' under B, then by first name. */
export function compareByName(a: { lastName: string; firstName: string; lastNamePrefix: string }, b: { lastName: string; firstName: string; lastNamePrefix: string }): number {
  return collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName) || collator.compare(a.lastNamePrefix, b.lastNamePrefix)
}

/** Group names in school order: '1/2a', '1/2b', '3', ..., '8b'. */
export function compareGroupNames(a: string, b: string): number {
  return collator.compare(a, b)
}
