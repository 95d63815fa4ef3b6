// The column heads of an administration system's pupil export, written once: the fixtures script
// (scripts/make-import-fixtures.ts and its LibreOffice table), the 10,000-row workbook and the bench
// all build their workbooks from these.

/** The pupil's own columns, in the order an export has them. */
export const PUPIL_COLUMNS = ['Leerlingnummer', 'Roepnaam', 'Tussenvoegsel', 'Achternaam', 'Geboortedatum', 'Groep'] as const

/** Guardian `n`'s name, e-mail and phone. */
export const guardianColumns = (n: 1 | 2): string[] => [`Naam ouder/verzorger ${n}`, `E-mail ouder/verzorger ${n}`, `Telefoon ouder/verzorger ${n}`]

/** The pupil, the BSN (which the import leaves out) and two guardians: how every export here starts. */
export const PEOPLE_COLUMNS: string[] = [...PUPIL_COLUMNS, 'BSN', ...guardianColumns(1), ...guardianColumns(2)]

/** The columns of an export as the bench and the big-import tests write it: the people, then a column per purpose. */
export const EXPORT_HEADERS: string[] = [...PEOPLE_COLUMNS, 'Toestemming website', 'Social media', 'Schoolgids', 'Nieuwsbrief', 'Ouderapp', 'Pers', 'Filmen in de klas', 'Klassenlijst']
