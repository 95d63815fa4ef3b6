// The words schools use in headers and labels, Dutch and English, normalised (see normalizeHeader).
import type { PupilField } from '../../../shared/imports.contract.ts'

/** Exact phrases (after dropping words like 'leerling', 'kind', 'uw') per pupil field, best first. */
export const PUPIL_SYNONYMS: Record<PupilField, string[]> = {
  firstName: ['roepnaam', 'voornaam', 'first name', 'firstname', 'given name', 'voornaam roepnaam', 'roepnaam voornaam', 'preferred name', 'voornamen', 'officiele voornamen', 'volledige voornamen'],
  lastNamePrefix: ['tussenvoegsel', 'tussenvoegsels', 'voorvoegsel', 'voorvoegsels', 'tussenv', 'tv', 'prefix', 'tussen voegsel'],
  lastName: [
    'achternaam', 'geslachtsnaam', 'familienaam', 'last name', 'lastname', 'surname', 'family name', 'achternaam incl tussenvoegsel',
    'achternaam met tussenvoegsel', 'tussenvoegsel en achternaam', 'tussenvoegsel achternaam', 'achternaam tussenvoegsel', 'achter naam',
  ],
  fullName: ['naam', 'name', 'volledige naam', 'full name', '', 'naam volledig', 'voor en achternaam', 'voornaam en achternaam', 'roepnaam en achternaam'],
  birthDate: [
    'geboortedatum', 'geb datum', 'gebdatum', 'geboren', 'geboren op', 'geb dat', 'date of birth', 'birth date', 'birthdate', 'dob', 'geb',
    'geboorte datum', 'datum geboorte', 'datum van geboorte', 'birthday', 'geboortedag',
  ],
  group: [
    'groep', 'klas', 'group', 'class', 'stamgroep', 'jaargroep', 'groepsnaam', 'groep klas', 'klas groep', 'huidige groep', 'nieuwe groep',
    'groep per', 'welke groep', 'in welke groep', 'komt in groep', 'in groep', 'year group', 'grade', 'plaatsing groep', 'plaatsing',
  ],
  yearLevel: ['leerjaar', 'jaarlaag', 'year level', 'leerjaar groep', 'groep leerjaar'],
  studentNumber: [
    'leerlingnummer', 'leerlingnr', 'llnr', 'll nr', 'lln nr', 'studentnummer', 'student number', 'student id', 'pupil id', 'pupil number',
    'stamnummer', 'leerling id', 'id leerling', 'administratienummer', 'leerlingcode', 'leerling code', 'leerlingid',
  ],
}

/** Only with a pupil word in the header ('Leerling nr'): on its own 'Nr' is often a row count. */
export const NUMBER_WORDS = ['nummer', 'nr', 'id', 'number', 'no', 'code']

/** Dropped before matching a pupil field: 'Roepnaam van het kind' is 'roepnaam'. */
export const PUPIL_WORDS = new Set(['leerling', 'leerlingen', 'kind', 'kinderen', 'child', 'childs', 'pupil', 'student', 'scholier', 'zoon', 'dochter'])
export const FILLER = new Set(['van', 'het', 'de', 'uw', 'je', 'jouw', 'your', 'the', 'of', 's', 'wat', 'is', 'zijn', 'haar', 'hun', 'nieuwe', 'in', 'te', 'vul', 'hier', 'gegevens', 'data', 'details', 'personalia', 'info'])

/** One of these words in a header settles the pupil field, whatever else it says ('In welke groep komt uw kind?'). */
export const STRONG_WORDS: Record<string, PupilField> = {
  roepnaam: 'firstName', voornaam: 'firstName', achternaam: 'lastName', geslachtsnaam: 'lastName', tussenvoegsel: 'lastNamePrefix', tussenvoegsels: 'lastNamePrefix',
  geboortedatum: 'birthDate', groep: 'group', klas: 'group', leerlingnummer: 'studentNumber', stamnummer: 'studentNumber',
  leerjaar: 'yearLevel',
}

/** A guardian: these words, a number (1 to 4) picks which one. */
export const GUARDIAN_WORDS = new Set([
  'ouder', 'ouders', 'verzorger', 'verzorgers', 'ouderverzorger', 'ouderverzorgers', 'parent', 'parents', 'guardian', 'guardians',
  'moeder', 'vader', 'mother', 'father', 'mama', 'papa', 'mam', 'pap', 'voogd', 'gezaghebbende', 'contactpersoon', 'uw', 'respondent',
])
export const RELATION_WORDS: Record<string, string> = { moeder: 'moeder', mother: 'moeder', mama: 'moeder', mam: 'moeder', vader: 'vader', father: 'vader', papa: 'vader', pap: 'vader', voogd: 'voogd' }
export const ORDINALS: Record<string, number> = { eerste: 1, tweede: 2, derde: 3, vierde: 4, first: 1, second: 2, third: 3, fourth: 4 }

export const GUARDIAN_FIELD_WORDS = {
  email: ['email', 'emailadres', 'mail', 'mailadres', 'email adres', 'e mailadres', 'emailaddress', 'email address'],
  phone: ['telefoon', 'tel', 'telefoonnummer', 'telnr', 'tel nr', 'mobiel', 'mobiele', 'mobielnummer', 'gsm', 'phone', 'mobile', 'telephone', 'telefoonnr', 'mobiel nummer', '06', 'nummer'],
  firstName: ['voornaam', 'roepnaam', 'first name', 'firstname'],
  initials: ['voorletters', 'voorletter', 'initialen', 'initials'],
  lastNamePrefix: ['tussenvoegsel', 'tussenvoegsels', 'voorvoegsel', 'voorvoegsels', 'tussenv'],
  lastName: ['achternaam', 'last name', 'lastname', 'surname', 'geslachtsnaam'],
  name: ['naam', 'name', 'volledige naam', 'full name', 'naam volledig'],
  relation: ['relatie', 'relation', 'rol', 'relatie tot kind', 'relatie tot leerling', 'relationship'],
} as const

/** Never stored: an import lists these as ignored, whatever a mapping says. */
export const SENSITIVE_WORDS = [
  'bsn', 'burgerservicenummer', 'sofinummer', 'sofi nummer', 'sofi', 'onderwijsnummer', 'pgn', 'persoonsgebonden nummer', 'medisch', 'medische',
  'medicatie', 'medicijn', 'medicijnen', 'medicijngebruik', 'allergie', 'allergieen', 'allergisch', 'dieet', 'gezondheid', 'ziekte', 'ziektes',
  'diagnose', 'huisarts', 'tandarts', 'zorgverzekeraar', 'zorgverzekering', 'verzekering', 'polisnummer', 'godsdienst', 'religie', 'geloof',
  'levensbeschouwing', 'nationaliteit', 'etniciteit', 'geboorteland', 'land van herkomst', 'iban', 'rekeningnummer', 'bankrekening',
  'bijzonderheden', 'dyslexie', 'adhd', 'zorgbehoefte', 'gezinssituatie', 'jeugdzorg', 'indicatie', 'leerlinggewicht', 'opleidingsniveau',
  'opleiding ouder', 'hoogst genoten opleiding', 'verblijfsstatus', 'medical', 'religion', 'allergy', 'allergies', 'social security', 'diet',
]

/** Not stored, not sensitive either: addresses, emergency numbers, timestamps of a form. */
export const IGNORE_WORDS = [
  'nood', 'noodnummer', 'noodgeval', 'calamiteit', 'in geval van nood', 'adres', 'straat', 'huisnummer', 'postcode', 'woonplaats', 'plaats',
  'reden', 'bestand', 'blad', 'rij', 'opmerking', 'opmerkingen', 'toelichting', 'tijdstempel', 'timestamp', 'begintijd', 'tijd van voltooien',
  'ondertekend', 'handtekening', 'datum ondertekening',
]

/** A consent column without a purpose in it ('Toestemming foto's'). */
export const CONSENT_WORDS = new Set([
  'toestemming', 'foto', 'fotos', 'video', 'videos', 'beeld', 'beelden', 'beeldmateriaal', 'opnamen', 'opnames', 'publicatie', 'publiceren',
  'akkoord', 'permission', 'consent', 'photo', 'photos', 'afbeeldingen', 'mag', 'mogen', 'plaatsen', 'gebruik', 'gebruiken', 'media',
])

/** Per default purpose, the phrases that name it (a school's own purposes match on their label). */
export const PURPOSE_KEYWORDS: Record<string, string[]> = {
  website: ['website', 'websites', 'site', 'internet', 'webpagina', 'web', 'schoolwebsite', 'homepage', 'internetsite'],
  social_media: ['social media', 'sociale media', 'socials', 'facebook', 'instagram', 'twitter', 'linkedin', 'tiktok', 'youtube', 'x twitter', 'social'],
  school_guide: ['schoolgids', 'brochure', 'schoolbrochure', 'jaarboek', 'gids', 'yearbook', 'school guide', 'prospectus', 'schoolkrant', 'drukwerk', 'folder'],
  newsletter: ['nieuwsbrief', 'nieuwsbrieven', 'newsletter', 'ouderbrief', 'weekbrief', 'nieuwsflits', 'infobrief'],
  parent_app: ['ouderapp', 'ouder app', 'parro', 'social schools', 'socialschools', 'klasbord', 'parent app', 'schoolapp', 'school app', 'digiduif', 'isy', 'app', 'ouderportaal', 'besloten app'],
  press: ['pers', 'krant', 'kranten', 'lokale media', 'lokale tv', 'lokale omroep', 'televisie', 'tv', 'press', 'newspaper', 'dagblad', 'huis aan huisblad', 'omroep'],
  class_video: ['filmen', 'film', 'video opnamen', 'video opnames', 'opnamen in de klas', 'opnames in de klas', 'in de klas', 'in de groep', 'lesopnamen', 'class video', 'videocoaching', 'video interactie', 'beeldcoaching'],
  contact_list: ['klassenlijst', 'contactgegevens', 'contactlijst', 'adreslijst', 'telefoonlijst', 'contact list', 'klassenlijst groepsapp', 'gegevens delen', 'groepsapp', 'whatsapp'],
}

/** Words that say an answer list holds no purpose at all ('Geen van deze'). */
export const NONE_WORDS = ['geen', 'geen van deze', 'geen van allen', 'nergens', 'nergens voor', 'none', 'geen toestemming', 'niets']
