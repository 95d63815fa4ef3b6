// What an answer to an access request (AVG art. 15) says besides the data itself: why the school
// keeps it and on which legal basis (15.1.a), what kinds of data (b), who receives it (c), how long
// it is kept (d), the parent's rights (e) and where to complain (f), where the data came from (g),
// that no decision is automated (h), and (15.4) what was left out of this copy and why.
import type { SchoolContact } from '../../../shared/documents.contract.ts'
import { formatDate } from '../../../shared/domain.ts'
import { RETENTION_INFO, RETENTION_KINDS, addMonths, type RetentionPeriods } from '../../../shared/retention.ts'

export const BASIS_CONSENT = 'Toestemming van de ouders/verzorgers (AVG artikel 6 lid 1 onder a); altijd in te trekken.'
export const BASIS_ADMINISTRATION = 'Wettelijke taak van de school: de leerlingenadministratie en het contact met ouders (AVG artikel 6 lid 1 onder c en e, Wet op het primair onderwijs).'

/** The kinds of data this register keeps about a pupil (15.1.b). */
export const DATA_KINDS = [
  'naam, geboortedatum, leerlingnummer, groep, datum van inschrijving en van vertrek',
  'namen van ouders/verzorgers, hun relatie tot de leerling, telefoonnummer, e-mailadres en of zij in de groepsapp van de klas zitten',
  'per doel het antwoord op de vraag om toestemming, met datum, bron, wie het vastlegde en eventueel een scan van het formulier',
  'stukken in het dossier (brieven, notities) en het logboek van wijzigingen',
]

/** Who receives what (15.1.c), from the pupil's current answers. */
export function recipients(granted: (code: string) => boolean): string[] {
  const out = [
    'Medewerkers van de school die het nodig hebben voor hun werk: de administratie, de leerkrachten van de groep en de directie.',
    "De leerkracht en de schoolfotograaf krijgen de lijst 'wie mag niet op de foto' (naam, groep en per doel of beelden mogen), zodat zij daar rekening mee houden.",
    granted('contact_list')
      ? 'Andere ouders van de groep, via de klassenlijst voor de groepsapp: de naam van de leerling en de namen, telefoonnummers en e-mailadressen van de ouders/verzorgers (u gaf daar toestemming voor).'
      : 'Andere ouders van de groep zien op de klassenlijst alleen de naam van de leerling en van de ouders/verzorgers, geen telefoonnummer of e-mailadres (daar is geen toestemming voor).',
  ]
  const images = [
    ['website', 'bezoekers van de website van de school'],
    ['social_media', 'volgers van de social-media-accounts van de school'],
    ['school_guide', 'lezers van de schoolgids en de schoolbrochure'],
    ['newsletter', 'ontvangers van de nieuwsbrief'],
    ['parent_app', 'ouders in de besloten ouderapp van de groep, en de leverancier van die app'],
    ['press', 'lokale media (krant, lokale tv)'],
  ].filter(([code]) => granted(code ?? ''))
  out.push(
    images.length
      ? `Beelden van de leerling, alleen voor de doelen met toestemming: ${images.map(([, who]) => who).join('; ')}.`
      : 'Beelden van de leerling gaan voor geen enkel doel naar buiten: er is voor geen doel toestemming.',
  )
  out.push('Dit programma verstuurt zelf niets: alles staat op een computer van de school. Er gaan geen gegevens naar landen buiten de Europese Unie.')
  return out
}

export interface RetentionLine {
  label: string
  what: string
  months: number
  basis: string
  /** 'YYYY-MM-DD' when the pupil has left; null while at school. */
  until: string | null
}

/** The retention rules for this pupil (15.1.d), with the date when the pupil has left. */
export function retentionLines(periods: RetentionPeriods, leftOn: string | null): RetentionLine[] {
  return RETENTION_KINDS.map((kind) => ({
    label: RETENTION_INFO[kind].label,
    what: RETENTION_INFO[kind].what,
    months: periods[kind],
    basis: RETENTION_INFO[kind].basis,
    until: leftOn ? addMonths(leftOn, periods[kind]) : null,
  }))
}

export function retentionText(r: RetentionLine): string {
  const time = r.until ? `tot ${formatDate(r.until)} (${r.months} maanden na het vertrek)` : `tot ${r.months} maanden na het vertrek van de leerling`
  return `${r.label}: ${time}. ${r.basis}`
}

/** The parent's rights (15.1.e and f), in plain words. */
export const RIGHTS = [
  'Inzage: u mag altijd vragen welke gegevens de school over uw kind heeft. Dit overzicht is daar het antwoord op.',
  'Rectificatie: klopt er iets niet of is het onvolledig, dan laat de school het op uw verzoek verbeteren of aanvullen.',
  'Wissen: gegevens die de school niet (meer) nodig heeft, verwijdert de school op uw verzoek.',
  'Beperking en bezwaar: u kunt vragen gegevens tijdelijk niet te gebruiken, en bezwaar maken tegen het gebruik ervan.',
  'Intrekken: een toestemming kunt u altijd intrekken of wijzigen, voor één doel of voor alle; vanaf dat moment geldt het nieuwe antwoord.',
  'Overdragen: de ZIP-versie van dit dossier bevat dezelfde gegevens als computerbestand (JSON), om mee te nemen.',
]

/** Where to go with a question or a complaint: the school, its privacy officer, then the AP. */
export function complaintRoute(contact: SchoolContact, schoolName: string): string[] {
  const school = [schoolName || 'De school', contact.schoolAddress.replace(/\s*\n\s*/g, ', '), contact.schoolEmail, contact.schoolPhone].filter(Boolean).join(', ')
  return [
    `Met vragen, voor het gebruik van uw rechten en met een klacht kunt u eerst terecht bij de school: ${school}.`,
    contact.privacyOfficer
      ? `De functionaris voor de gegevensbescherming (FG) van de school: ${contact.privacyOfficer}.`
      : 'De school heeft een functionaris voor de gegevensbescherming (FG); vraag de administratie naar zijn of haar gegevens.',
    contact.privacyStatement ? `De privacyverklaring van de school staat hier: ${contact.privacyStatement}.` : '',
    'Komt u er met de school niet uit, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens: www.autoriteitpersoonsgegevens.nl, Postbus 93374, 2509 AJ Den Haag.',
  ].filter(Boolean)
}

export const SOURCES_TEXT =
  'De gegevens komen van de ouders/verzorgers zelf: het inschrijfformulier, de ingeleverde toestemmingsformulieren en wat zij per e-mail, telefonisch of aan de balie doorgaven; ' +
  'naam, groep en leerlingnummer ook uit de leerlingenadministratie van de school.'

export const NO_AUTOMATED_DECISIONS = 'Er worden geen besluiten over uw kind automatisch genomen en er wordt geen profiel gemaakt.'
