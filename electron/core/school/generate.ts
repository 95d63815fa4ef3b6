// Deterministic fictional schools: the demo school, test fixtures and the benchmarks.
// Dutch names with tussenvoegsels and diacritics, 1-2 guardians, siblings, mixed consent.
import type { Decision } from '../../../shared/domain.ts'
import { seededRandom } from './seeded-random.ts'

export interface GeneratedGuardian {
  key: number
  name: string
  email: string
  phone: string
  inGroupApp: boolean
}

export interface GeneratedPupil {
  studentNumber: string
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string
  group: string
  /** Leerjaar within the group: in '1/2a' the four-year-olds are in 1, the five-year-olds in 2. */
  yearLevel: number
  guardianKeys: number[]
  /** purpose code -> decision; a purpose left out has no answer yet */
  consents: Record<string, Exclude<Decision, 'unknown'>>
}

export interface GeneratedGroup {
  name: string
  teacherName: string
  teacherEmail: string
}

export interface GeneratedSchool {
  groups: GeneratedGroup[]
  guardians: GeneratedGuardian[]
  pupils: GeneratedPupil[]
}

const FIRST_NAMES = [
  'Sanne',
  'Daan',
  'Zoë',
  'Sem',
  'Lotte',
  'Ömer',
  'Fenna',
  'Łukasz',
  'Noah',
  'Emma',
  'Liam',
  'Julia',
  'Mila',
  'Finn',
  'Tess',
  'Luuk',
  'Saar',
  'Mohammed',
  'Yasmin',
  'Bram',
  'Noor',
  'Jesse',
  'Anouk',
  'Thijs',
  'Eva',
  'Milan',
  'Chloë',
  'Joëlle',
  'Siëm',
  'Ayşe',
  'Mees',
  'Isa',
  'Lars',
  'Roos',
  'Ilias',
  'Hanna',
  'René',
  'Céline',
  'Jip',
  'Fleur',
]
const LAST_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['van der', 'Berg'],
  ['de', 'Vries'],
  ['', 'Jansen'],
  ['van den', 'Heuvel'],
  ['', 'Bakker'],
  ['de', 'Jong'],
  ['', 'Yılmaz'],
  ['', 'Nguyễn'],
  ['van', 'Dijk'],
  ['', 'Visser'],
  ["van 't", 'Hof'],
  ['', 'Smit'],
  ['', 'Meijer'],
  ['de', 'Boer'],
  ['', 'Mulder'],
  ['van', 'Leeuwen'],
  ['', 'Kowalski'],
  ['', 'El Amrani'],
  ['', 'Peters'],
  ['ter', 'Horst'],
  ['van der', 'Linden'],
  ['', 'Hendriks'],
  ['', 'Öztürk'],
  ['', 'Dekker'],
  ['de', 'Graaf'],
  ['', 'Brouwer'],
  ['van', 'Wijk'],
  ['', 'Çelik'],
  ['', 'Vermeulen'],
  ['in het', 'Veld'],
]
const PARENT_FIRST = ['Marieke', 'Peter', 'Fatma', 'Jeroen', 'Anna', 'Mehmet', 'Ewa', 'Thanh', 'Karin', 'Rachid', 'Inge', 'Bas', 'Linh', 'Joost', 'Sevgi', 'Marco']
const DEFAULT_GROUPS = ['1/2a', '1/2b', '3', '4', '5', '6', '7', '8']
const TEACHERS = ['Juf Anne', 'Juf Meryem', 'Meester Joris', 'Juf Fleur', 'Meester Kees', 'Juf Iris', 'Meester Dennis', 'Juf Samira', 'Juf Petra', 'Meester Rob']
const PURPOSE_CODES = ['website', 'social_media', 'school_guide', 'newsletter', 'parent_app', 'press', 'class_video', 'contact_list']

const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^a-z]/g, '')

/** Grade of a group name: '1/2a' -> 1, '8b' -> 8. */
function grade(group: string): number {
  return Number(/^\d+/.exec(group)?.[0] ?? '4')
}

export function generateSchool(options: { seed?: number; pupils?: number; groups?: string[]; year?: number } = {}): GeneratedSchool {
  const random = seededRandom(options.seed ?? 20262027)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const groups = options.groups ?? DEFAULT_GROUPS
  const count = options.pupils ?? 160
  const year = options.year ?? 2026
  const guardians: GeneratedGuardian[] = []
  const pupils: GeneratedPupil[] = []

  const newFamily = (prefix: string, lastName: string): number[] => {
    const keys: number[] = []
    const size = random() < 0.7 ? 2 : 1
    const taken = new Set<string>()
    for (let i = 0; i < size; i++) {
      let first = pick(PARENT_FIRST)
      while (taken.has(first)) first = pick(PARENT_FIRST)
      taken.add(first)
      const key = guardians.length + 1
      const surname = [prefix, lastName].filter(Boolean).join(' ')
      guardians.push({
        key,
        name: `${first} ${surname}`,
        email: `${ascii(first)}.${ascii(lastName)}${key}@voorbeeld.nl`,
        phone: `06-${String(10000000 + Math.floor(random() * 89999999)).slice(0, 8)}`,
        inGroupApp: random() < 0.85,
      })
      keys.push(key)
    }
    return keys
  }

  for (let i = 0; i < count; i++) {
    const group = groups[Math.floor((i * groups.length) / count)] as string
    const previous = pupils.at(-Math.ceil(random() * 30))
    const sibling = previous !== undefined && previous.group !== group && random() < 0.15
    const [prefix, lastName] = sibling ? [previous.lastNamePrefix, previous.lastName] : pick(LAST_NAMES)
    const guardianKeys = sibling ? previous.guardianKeys : newFamily(prefix, lastName)
    const age = 3 + grade(group) + (group.startsWith('1/2') && random() < 0.5 ? 1 : 0)
    const month = 1 + Math.floor(random() * 12)
    const day = 1 + Math.floor(random() * 28)
    const consents: GeneratedPupil['consents'] = {}
    for (const code of PURPOSE_CODES) {
      const r = random()
      if (r < 0.74) consents[code] = 'granted'
      else if (r < 0.86) consents[code] = 'refused'
    }
    pupils.push({
      studentNumber: String(100001 + i),
      firstName: pick(FIRST_NAMES),
      lastNamePrefix: prefix,
      lastName,
      birthDate: `${year - age}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      group,
      yearLevel: group.includes('/') ? Math.min(age - 3, grade(group) + 1) : grade(group),
      guardianKeys,
      consents,
    })
  }
  const teacherOf = (name: string, i: number): GeneratedGroup => {
    const teacherName = TEACHERS[i % TEACHERS.length] as string
    const email = `${ascii(teacherName.split(' ')[1] ?? 'leerkracht')}.groep${ascii(name)}@school.example`
    return { name, teacherName, teacherEmail: email }
  }
  return { groups: groups.map(teacherOf), guardians, pupils }
}
