// The data of the real-shaped import fixtures (tests/fixtures/imports/real/) and, beside each
// row, the truth: what the import must make of it. scripts/make-real-fixtures.ts writes both out; tests/imports/real-sources.test.ts reads the truth's types.
// The shapes follow docs/import-sources.md.

export type Value = string | number | { date: string } | { formula: string; value: number } | null
export type Decision = 'granted' | 'refused' | 'unknown'
export const PURPOSES = ['website', 'social_media', 'school_guide', 'newsletter', 'parent_app', 'press', 'class_video', 'contact_list'] as const

export interface TruthPupil {
  row: number
  studentNumber: string | null
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string | null
  group: string | null
  guardians: { name: string; email: string; phone: string }[]
  consents: Record<(typeof PURPOSES)[number], Decision>
}

export interface Truth {
  file: string
  /** Non-empty data rows the import must read (a totals line is not one). */
  rows: number
  pupils: TruthPupil[]
  rowErrors: { row: number; field: string }[]
}

export const consents = (set: Partial<Record<(typeof PURPOSES)[number], Decision>>): TruthPupil['consents'] => Object.fromEntries(PURPOSES.map((p) => [p, set[p] ?? 'unknown'])) as TruthPupil['consents']
const jn = (v: string): Decision => (v === 'ja' ? 'granted' : v === 'nee' ? 'refused' : 'unknown')

// ---- 1. An ordinary table of 21 new pupils, typed by the office in Excel (here: LibreOffice) ----
type NewPupil = [string, string, string, string, string, string, string, string, string, string, string]
const NEW_PUPILS: NewPupil[] = [
  ['Sem', '', 'Jansen', '2022-03-14', '1', 'Linda Jansen', 'linda.jansen@voorbeeld.nl', '06-11111101', 'ja', 'ja', 'ja'],
  ['Zoë', 'van der', 'Berg', '2022-05-02', '1', 'Marieke van der Berg', 'marieke@voorbeeld.nl', '06-11111102', 'ja', 'nee', 'ja'],
  ['Noah', 'de', 'Vries', '2021-11-30', '2', 'Peter de Vries', 'p.devries@voorbeeld.nl', '0611111103', 'nee', 'nee', 'nee'],
  ['Julia', '', 'Bakker', '2021-09-09', '2', 'Sanne Bakker', 'sanne.bakker@voorbeeld.nl', '06 11111104', 'ja', '', 'ja'],
  ['Ömer', '', 'Yılmaz', '2020-01-20', '3', 'Ayşe Yılmaz', 'ayse.yilmaz@voorbeeld.nl', '06-11111105', 'ja', 'ja', 'nee'],
  ['Łucja', '', 'Kowalska', '2020-06-18', '3', 'Anna Kowalska', 'anna.kowalska@voorbeeld.nl', '+31611111106', 'nee', 'ja', 'ja'],
  ['Daan', 'van', 'Dijk', '31-02-2018', '4', 'Ruud van Dijk', 'ruud.vandijk@voorbeeld.nl', '06-11111107', 'ja', 'ja', 'ja'],
  ['Fenna', '', 'Visser', '2019-04-07', '4', 'Ilse Visser', 'ilse.visser@voorbeeld.nl', '06-11111108', 'ja', 'nee', 'nee'],
  ['Thị Lan', '', 'Nguyễn', '2018-08-08', '5', 'Văn Minh Nguyễn', 'minh.nguyen@voorbeeld.nl', '06-11111109', 'nee', 'nee', 'ja'],
  ['Milan', '', 'Smit', '2018-02-28', '5', 'Joost Smit', 'joost.smit@voorbeeld.nl', '06-11111110', 'ja', 'ja', 'ja'],
  ['Noor', 'el', 'Idrissi', '2017-07-01', '6', 'Samira el Idrissi', 'samira@voorbeeld.nl', '06-11111111', 'ja', '', ''],
  ['Lieke', 'ten', 'Brink', '2017-10-10', '6', 'Wendy ten Brink', 'wendy.tenbrink@voorbeeld.nl', '06-11111112', 'nee', 'ja', 'nee'],
  ['Finn', '', 'Mulder', '2016-03-03', '7', 'Eva Mulder', 'eva.mulder@voorbeeld.nl', '06-11111113', 'ja', 'ja', 'nee'],
  ['Saar', 'de', 'Jong', '2016-12-12', '7', 'Rob de Jong', 'rob.dejong@voorbeeld.nl', '06-11111114', 'ja', 'nee', 'ja'],
  ['Tim', '', '', '2015-05-05', '8', 'Karin Bos', 'karin.bos@voorbeeld.nl', '06-11111115', 'ja', 'ja', 'ja'],
  ['Eva', 'van den', 'Heuvel', '2015-01-31', '8', 'Mark van den Heuvel', 'mark@voorbeeld.nl', '06-11111116', 'nee', 'nee', 'nee'],
  ['Luuk', '', 'Peters', '2022-02-02', '1/2a', 'Anke Peters', 'anke.peters@voorbeeld.nl', '06-11111117', 'ja', 'ja', 'ja'],
  ['Anouk', '', 'Hendriks', '2021-12-24', '1/2a', 'Tom Hendriks', 'tom.hendriks@voorbeeld.nl', '06-11111118', '', '', ''],
  ['Bram', "van 't", 'Hof', '2020-07-07', '3', "Inge van 't Hof", 'inge.vanthof@voorbeeld.nl', '06-11111119', 'ja', 'nee', 'ja'],
  ['Isa', '', 'Dekker', '2019-09-19', '4', 'Bas Dekker', 'bas.dekker@voorbeeld.nl', '06-11111120', 'nee', 'ja', 'ja'],
  ['Mees', '', 'Vermeulen', '2018-11-11', '5', 'Lotte Vermeulen', 'lotte.vermeulen@voorbeeld.nl', '06-11111121', 'ja', 'ja', 'nee'],
]
const isIsoDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s)

export const NEW_PUPILS_SHEET = {
  name: 'Nieuwe leerlingen',
  rows: [
    ['Voornaam', 'Tussenvoegsel', 'Achternaam', 'Geboortedatum', 'Groep', 'Naam ouder 1', 'E-mail ouder 1', 'Telefoon ouder 1', 'Website', 'Social media', 'Schoolgids'],
    ...NEW_PUPILS.map((p) => p.map((v, i) => (i === 3 && isIsoDate(v) ? { date: v } : v === '' ? null : v))),
    [],
    ['Totaal', 21],
  ] as Value[][],
}

export const NEW_PUPILS_TRUTH: Truth = {
  file: 'nieuwe-leerlingen-21.xlsx',
  rows: 21,
  pupils: NEW_PUPILS.flatMap((p, i) =>
    isIsoDate(p[3]) && p[2] !== ''
      ? [
          {
            row: i + 2,
            studentNumber: null,
            firstName: p[0],
            lastNamePrefix: p[1],
            lastName: p[2],
            birthDate: p[3],
            group: p[4],
            guardians: [{ name: p[5], email: p[6], phone: p[7] }],
            consents: consents({ website: jn(p[8]), social_media: jn(p[9]), school_guide: jn(p[10]) }),
          },
        ]
      : [],
  ),
  rowErrors: [
    { row: 8, field: 'Geboortedatum' },
    { row: 16, field: 'achternaam' },
  ],
}

// ---- 2. A pupil export of the administration system (ParnasSys-shaped): one row per guardian ----
type LasRow = [number, string, string, string, string, string, number, string, string, string, string, string, string, string, string, string, string]
const LAS: LasRow[] = [
  [5001, 'Berg', 'van der', 'Zoë', '2017-04-07', 'Groep 5/6', 5, '123456782', 'Moeder', 'Marieke', 'van der', 'Berg', 'marieke@voorbeeld.nl', '06-12345678', 'Ja', 'Nee', 'Astma'],
  [5001, 'Berg', 'van der', 'Zoë', '2017-04-07', 'Groep 5/6', 5, '123456782', 'Vader', 'Kees', 'van der', 'Berg', 'kees.vanderberg@voorbeeld.nl', '06-23456789', 'Ja', 'Nee', 'Astma'],
  [5002, 'Yılmaz', '', 'Ömer', '2016-10-03', 'Groep 5/6', 6, '234567891', 'Moeder', 'Ayşe', '', 'Yılmaz', 'ayse@voorbeeld.nl', '06-34567890', 'Nee', 'Nee', ''],
  [5003, 'Vries', 'de', 'Daan', '2019-01-15', 'Groep 3', 3, '345678910', 'Verzorger', 'Jan', 'van', 'Dijk', 'jan.vandijk@voorbeeld.nl', '06-45678901', 'Ja', 'Ja', ''],
  [5003, 'Vries', 'de', 'Daan', '2019-01-15', 'Groep 3', 3, '345678910', 'Moeder', 'Els', 'de', 'Vries', 'els.devries@voorbeeld.nl', '06-56789012', 'Ja', 'Ja', ''],
  [5004, 'Kowalski', '', 'Łukasz', '2015-04-07', 'Groep 7/8', 8, '456789123', 'Vader', 'Piotr', '', 'Kowalski', 'piotr@voorbeeld.nl', '06-67890123', '', 'Ja', 'Pinda-allergie'],
]
const HEADER_ROW = 5
export const LAS_SHEET = {
  name: 'Leerlingen',
  title: 'Leerlingen met verzorgers',
  rows: [
    ['Leerlingen met verzorgers'],
    ['OBS De Linde, schooljaar 2026-2027'],
    ['Afgedrukt op 01-12-2026 door A. de Wit'],
    [],
    [
      'Leerlingnummer',
      'Achternaam',
      'Voorvoegsel',
      'Roepnaam',
      'Geboortedatum',
      'Groep',
      'Leerjaar',
      'BSN',
      'Relatie',
      'Roepnaam verzorger',
      'Voorvoegsel verzorger',
      'Achternaam verzorger',
      'E-mail verzorger',
      'Mobiel verzorger',
      'Toestemming website',
      'Toestemming nieuwsbrief',
      'Medische bijzonderheden',
      'Deelname onderzoek',
    ],
    ...LAS.map((r) => [...r.map((v, i) => (i === 4 ? { date: v as string } : v === '' ? null : v)), 'Ja']),
    [],
    ['Aantal leerlingen: 4'],
  ] as Value[][],
}
const lasPupil = (first: number, guardianRows: number[]): TruthPupil => {
  const r = LAS[first] as LasRow
  return {
    row: HEADER_ROW + 1 + first,
    studentNumber: String(r[0]),
    firstName: r[3],
    lastNamePrefix: r[2],
    lastName: r[1],
    birthDate: r[4],
    group: r[5].replace('Groep ', ''),
    guardians: guardianRows.map((g) => {
      const x = LAS[g] as LasRow
      return { name: [x[9], x[10], x[11]].filter((s) => s !== '').join(' '), email: x[12], phone: x[13] }
    }),
    consents: consents({ website: r[14] === 'Ja' ? 'granted' : r[14] === 'Nee' ? 'refused' : 'unknown', newsletter: r[15] === 'Ja' ? 'granted' : 'refused' }),
  }
}
export const LAS_TRUTH: Truth = {
  file: 'parnassys-leerlingen.xlsx',
  rows: 6,
  pupils: [lasPupil(0, [0, 1]), lasPupil(2, [2]), lasPupil(3, [3, 4]), lasPupil(5, [5])],
  rowErrors: [],
}

// ---- 3. Microsoft Forms, Dutch interface, 'Openen in Excel' ----
const MS_CHOICE = "Waarvoor mogen wij foto's en video's van uw kind gebruiken?\nKies alles wat u goedvindt."
const MS = [
  [1, '2026-09-01T19:02:11', '2026-09-01T19:05:40', 'Sem', 'Jansen', '2022-03-14', '1', 'Linda Jansen', 'linda.jansen@voorbeeld.nl', '06-11111101', 'Website van de school;Schoolgids;Nieuwsbrief;', 'Ja'],
  [2, '2026-09-01T20:14:03', '2026-09-01T20:16:59', 'Zoë', 'van der Berg', '2022-05-02', '1', 'Marieke van der Berg', 'marieke@voorbeeld.nl', '0611111102', 'Nieuwsbrief;', 'Nee'],
  [
    3,
    '2026-09-02T07:45:30',
    '2026-09-02T07:49:12',
    'Ömer',
    'Yılmaz',
    '2020-01-20',
    '3',
    'Ayşe Yılmaz',
    'ayse.yilmaz@voorbeeld.nl',
    '06 11111105',
    'Website van de school;Sociale media van de school;Schoolgids;Nieuwsbrief;',
    'Ja',
  ],
  [4, '2026-09-02T12:01:09', '2026-09-02T12:03:44', 'Noor', 'el Idrissi', '2017-07-01', '6', 'Samira el Idrissi', 'samira@voorbeeld.nl', '06-11111111', '', ''],
  [5, '2026-09-03T21:30:00', '2026-09-03T21:33:27', 'Eva', 'van den Heuvel', '2015-01-31', '8', 'Mark van den Heuvel', 'mark@voorbeeld.nl', '06-11111116', 'Sociale media van de school;', 'Nee'],
] as const
const MS_OPTIONS: Record<string, (typeof PURPOSES)[number]> = { 'Website van de school': 'website', 'Sociale media van de school': 'social_media', Schoolgids: 'school_guide', Nieuwsbrief: 'newsletter' }
export const MS_SHEET = {
  name: 'Form1',
  rows: [
    [
      'ID',
      'Begintijd',
      'Tijd van voltooien',
      'E-mail',
      'Naam',
      'Tijd van laatste wijziging',
      'Roepnaam van uw kind',
      'Achternaam van uw kind\n(met tussenvoegsel, bijvoorbeeld: van der Berg)',
      'Geboortedatum van uw kind',
      'In welke groep zit uw kind?',
      'Uw naam',
      'Mogen wij u via uw e-mailadres op de hoogte houden van schoolnieuws?',
      'Uw e-mailadres',
      'Uw telefoonnummer',
      MS_CHOICE,
      'Mag uw kind gefilmd worden in de klas?',
    ],
    ...MS.map((r) => [
      r[0],
      { date: r[1] },
      { date: r[2] },
      'anonymous',
      null,
      null,
      r[3],
      r[4],
      { date: r[5] },
      r[6],
      r[7],
      r[0] % 2 === 0 ? 'Nee' : 'Ja',
      r[8],
      r[9],
      r[10] === '' ? null : r[10],
      r[11] === '' ? null : r[11],
    ]),
  ] as Value[][],
}
const splitLast = (s: string): [string, string] => {
  const m = /^((?:van den|van der|van 't|van|de|el) )?(.+)$/.exec(s) as RegExpExecArray
  return [(m[1] ?? '').trim(), m[2] as string]
}
export const MS_TRUTH: Truth = {
  file: 'microsoft-forms.xlsx',
  rows: 5,
  pupils: MS.map((r, i) => {
    const chosen = r[10].split(';').filter((s) => s !== '')
    const listed: Partial<TruthPupil['consents']> = {}
    if (chosen.length > 0) for (const [text, code] of Object.entries(MS_OPTIONS)) listed[code] = chosen.includes(text) ? 'granted' : 'refused'
    const [prefix, last] = splitLast(r[4])
    return {
      row: i + 2,
      studentNumber: null,
      firstName: r[3],
      lastNamePrefix: prefix,
      lastName: last,
      birthDate: r[5],
      group: r[6],
      guardians: [{ name: r[7], email: r[8], phone: r[9] }],
      consents: consents({ ...listed, class_video: r[11] === 'Ja' ? 'granted' : r[11] === 'Nee' ? 'refused' : 'unknown' }),
    }
  }),
  rowErrors: [],
}

// ---- 4. Google Forms, Dutch interface: the responses sheet downloaded as .csv ----
const G_OPTIONS: Record<string, (typeof PURPOSES)[number]> = {
  'Website van de school': 'website',
  'Social media (Facebook, Instagram)': 'social_media',
  'Schoolgids en jaarboek': 'school_guide',
  Nieuwsbrief: 'newsletter',
}
const G = [
  ['3-9-2026 10:15:22', 'linda.jansen@voorbeeld.nl', 'Sem', 'Jansen', '14-3-2022', '1', 'Linda Jansen', '06-11111101', 'Website van de school, Nieuwsbrief', 'Ja, dat mag'],
  [
    '3-9-2026 11:02:47',
    'marieke@voorbeeld.nl',
    'Zoë',
    'van der Berg',
    '2-5-2022',
    '1',
    'Marieke van der Berg',
    '0611111102',
    'Website van de school, Social media (Facebook, Instagram), Schoolgids en jaarboek, Nieuwsbrief',
    'Nee, liever niet',
  ],
  ['4-9-2026 08:30:05', 'ayse.yilmaz@voorbeeld.nl', 'Ömer', 'Yılmaz', '20-1-2020', '3', 'Ayşe Yılmaz', '06 11111105', 'Social media (Facebook, Instagram)', 'Ja, dat mag'],
  ['4-9-2026 19:45:31', 'mark@voorbeeld.nl', 'Eva', 'van den Heuvel', '31-1-2015', '8', 'Mark van den Heuvel', '06-11111116', 'Schoolgids en jaarboek', ''],
] as const
const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
export const GOOGLE_CSV =
  [
    [
      'Tijdstempel',
      'E-mailadres',
      'Voornaam van uw kind',
      'Achternaam van uw kind',
      'Geboortedatum van uw kind',
      'Groep',
      'Naam ouder/verzorger',
      'Telefoonnummer',
      'Waarvoor geeft u toestemming?',
      'Mag uw kind gefilmd worden in de klas?',
    ],
    ...G,
  ]
    .map((r) => r.map(csvCell).join(','))
    .join('\r\n') + '\r\n'
const dmy = (s: string): string => {
  const [d, m, y] = s.split('-')
  return `${y}-${(m as string).padStart(2, '0')}-${(d as string).padStart(2, '0')}`
}
export const GOOGLE_TRUTH: Truth = {
  file: 'google-forms.csv',
  rows: 4,
  pupils: G.map((r, i) => {
    const listed: Partial<TruthPupil['consents']> = {}
    for (const [text, code] of Object.entries(G_OPTIONS)) listed[code] = r[8].includes(text) ? 'granted' : 'refused'
    const [prefix, last] = splitLast(r[3])
    return {
      row: i + 2,
      studentNumber: null,
      firstName: r[2],
      lastNamePrefix: prefix,
      lastName: last,
      birthDate: dmy(r[4]),
      group: r[5],
      guardians: [{ name: r[6], email: r[1], phone: r[7] }],
      consents: consents({ ...listed, class_video: r[9].startsWith('Ja') ? 'granted' : r[9].startsWith('Nee') ? 'refused' : 'unknown' }),
    }
  }),
  rowErrors: [],
}

// ---- 5. A hand-kept workbook: one tab per group, an overview of formulas, marks and a legend ----
type Marked = [string, string, string, string, string, string, string]
const HAND: Record<string, { teacher: string; rows: Marked[] }> = {
  'Groep 1-2a': {
    teacher: 'juf Anouk',
    rows: [
      ['Sem', 'Jansen', '2021-03-14', '✓', '✓', '-', ''],
      ['Zoë', 'van der Berg', '2021-05-02', '✓', '-', '✓', 'moeder belt nog over social media'],
      ['Noah', 'de Vries', '2020-11-30', '-', '-', '-', ''],
      ['Julia', 'Bakker', '2020-09-09', '✓', '', '✓', 'formulier kwijt'],
    ],
  },
  'Groep 3': {
    teacher: 'meester Rob',
    rows: [
      ['Ömer', 'Yılmaz', '2019-01-20', '✔', '✔', '-', ''],
      ['Łucja', 'Kowalska', '2019-06-18', '-', '✔', '✔', ''],
      ['Daan', "van 't Hof", '2019-07-07', '✔', '-', '', ''],
    ],
  },
}
const markOf = (m: string): Decision => (m === '✓' || m === '✔' ? 'granted' : m === '-' ? 'refused' : 'unknown')
const handSheet = (tab: string): { name: string; title: string; rows: Value[][] } => {
  const h = HAND[tab] as { teacher: string; rows: Marked[] }
  const n = h.rows.length
  const count = (col: string): Value => ({
    formula: `of:=COUNTIF([.${col}3:.${col}${n + 2}];"✓")+COUNTIF([.${col}3:.${col}${n + 2}];"✔")`,
    value: h.rows.filter((r) => r['DEF'.indexOf(col) + 3] !== '-' && r['DEF'.indexOf(col) + 3] !== '').length,
  })
  return {
    name: tab,
    title: `${tab} (${h.teacher})`,
    rows: [
      [`${tab} (${h.teacher})`],
      ['Roepnaam', 'Achternaam', 'Geboortedatum', 'Website', 'Social media', 'Schoolgids', 'Opmerking'],
      ...h.rows.map((r) => [r[0], r[1], { date: r[2] }, r[3] || null, r[4] || null, r[5] || null, r[6] || null]),
      ['Totaal', null, null, count('D'), count('E'), count('F')],
      [],
      ['Legenda: ✓ = toestemming, - = geen toestemming, leeg = nog geen antwoord'],
    ],
  }
}
export const HAND_SHEETS = [
  {
    name: 'Overzicht',
    title: 'Toestemming beeldmateriaal 2026-2027',
    rows: [
      ['Toestemming beeldmateriaal 2026-2027'],
      [],
      ['Groep', 'Aantal leerlingen', 'Website: toestemming'],
      ...Object.keys(HAND).map((tab) => [
        tab,
        { formula: `of:=COUNTA(['${tab}'.A3:A20])-2`, value: (HAND[tab] as { rows: Marked[] }).rows.length },
        { formula: `of:=['${tab}'.D${(HAND[tab] as { rows: Marked[] }).rows.length + 3}]`, value: 0 },
      ]),
    ] as Value[][],
  },
  ...Object.keys(HAND).map(handSheet),
]
export const HAND_TRUTH: Truth = {
  file: 'groepen-handmatig.xlsx',
  rows: Object.values(HAND).reduce((n, h) => n + h.rows.length, 0),
  pupils: Object.entries(HAND).flatMap(([tab, h]) =>
    h.rows.map((r, i) => {
      const [prefix, last] = splitLast(r[1])
      return {
        row: i + 3,
        studentNumber: null,
        firstName: r[0],
        lastNamePrefix: prefix,
        lastName: last,
        birthDate: r[2],
        group: tab.replace('Groep ', ''),
        guardians: [],
        consents: consents({ website: markOf(r[3]), social_media: markOf(r[4]), school_guide: markOf(r[5]) }),
      }
    }),
  ),
  rowErrors: [],
}

// ---- 6. One pupil's form: full name in one field, two guardians side by side, boxes in one cell ----
export const FORM_SHEET = {
  name: 'Aanmelding',
  title: 'Aanmeldformulier OBS De Linde',
  rows: [
    ['Aanmeldformulier OBS De Linde'],
    [],
    ['Naam leerling:', 'Sem van der Berg'],
    ['Geboortedatum:', { date: '2019-02-03' }],
    ['Groep:', '3'],
    [],
    [null, 'Ouder/verzorger 1', 'Ouder/verzorger 2'],
    ['Naam:', 'Marieke van der Berg', 'Kees van der Berg'],
    ['E-mail:', 'marieke@voorbeeld.nl', 'kees.vanderberg@voorbeeld.nl'],
    ['Telefoon:', '06-12345678', '06-23456789'],
    [],
    ["Toestemming foto's en video's"],
    ['Website van de school', '☒ ja ☐ nee'],
    ['Social media', '☐ ja ☒ nee'],
    ['Schoolgids', '☒ ja ☐ nee'],
    ['Nieuwsbrief', '☐ ja ☐ nee'],
    [],
    ['Handtekening ouder/verzorger:', null],
  ] as Value[][],
}
export const FORM_TRUTH: Truth = {
  file: 'formulier-vakjes.xlsx',
  rows: 1,
  pupils: [
    {
      row: 3,
      studentNumber: null,
      firstName: 'Sem',
      lastNamePrefix: 'van der',
      lastName: 'Berg',
      birthDate: '2019-02-03',
      group: '3',
      guardians: [
        { name: 'Marieke van der Berg', email: 'marieke@voorbeeld.nl', phone: '06-12345678' },
        { name: 'Kees van der Berg', email: 'kees.vanderberg@voorbeeld.nl', phone: '06-23456789' },
      ],
      consents: consents({ website: 'granted', social_media: 'refused', school_guide: 'granted' }),
    },
  ],
  rowErrors: [],
}

// ---- 7. Values as people type them: phone numbers, dates, capitals, e-mail with spaces ----
export const VALUES_SHEET = {
  name: 'Aanmeldingen',
  rows: [
    ['Roepnaam', 'Tussenvoegsel', 'Achternaam', 'Geboortedatum', 'Groep', 'Naam ouder/verzorger', 'E-mail ouder/verzorger', 'Telefoon ouder/verzorger', 'Toestemming website'],
    ['SEM', null, 'IJSSELSTEIN', '3 februari 2018', 'groep 4', 'MARIEKE IJSSELSTEIN', 'marieke@voorbeeld.nl  ', '+31 (0)6 12345678', 'Ja'],
    ['noor', 'de', 'jong', '03/02/2018', '4', 'peter de jong', ' p.dejong@voorbeeld.nl', '0031 6 23456789', 'Nee'],
    ['Daan', null, 'Visser', { date: '2018-05-17' }, 4, 'Ilse Visser', 'ilse.visser@voorbeeld.nl', 612345670, 'ja'],
    ['Zoë', null, 'van den Broek', '17-5-2018', '4', 'Ömer Yılmaz', 'omer@voorbeeld.nl', 31687654321, ''],
  ] as Value[][],
}
export const VALUES_TRUTH: Truth = {
  file: 'waarden-zoals-getypt.xlsx',
  rows: 4,
  pupils: [
    {
      row: 2,
      studentNumber: null,
      firstName: 'Sem',
      lastNamePrefix: '',
      lastName: 'IJsselstein',
      birthDate: '2018-02-03',
      group: '4',
      guardians: [{ name: 'Marieke IJsselstein', email: 'marieke@voorbeeld.nl', phone: '+31 (0)6 12345678' }],
      consents: consents({ website: 'granted' }),
    },
    {
      row: 3,
      studentNumber: null,
      firstName: 'Noor',
      lastNamePrefix: 'de',
      lastName: 'Jong',
      birthDate: '2018-02-03',
      group: '4',
      guardians: [{ name: 'Peter de Jong', email: 'p.dejong@voorbeeld.nl', phone: '0031 6 23456789' }],
      consents: consents({ website: 'refused' }),
    },
    {
      row: 4,
      studentNumber: null,
      firstName: 'Daan',
      lastNamePrefix: '',
      lastName: 'Visser',
      birthDate: '2018-05-17',
      group: '4',
      guardians: [{ name: 'Ilse Visser', email: 'ilse.visser@voorbeeld.nl', phone: '0612345670' }],
      consents: consents({ website: 'granted' }),
    },
    {
      row: 5,
      studentNumber: null,
      firstName: 'Zoë',
      lastNamePrefix: 'van den',
      lastName: 'Broek',
      birthDate: '2018-05-17',
      group: '4',
      guardians: [{ name: 'Ömer Yılmaz', email: 'omer@voorbeeld.nl', phone: '+31687654321' }],
      consents: consents({}),
    },
  ],
  rowErrors: [],
}
