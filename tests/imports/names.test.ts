// Names typed in capitals or lower case get Dutch capitals; the preview shows the name as typed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { dutchCapitals, dutchCapitalsFullName } from '../../electron/core/imports/names.ts'
import { ok } from '../helpers/register.ts'
import { emptySchool } from './helpers.ts'

silenceLog()

describe('Dutch capitals', () => {
  it.each([
    ['IJSSELSTEIN', 'IJsselstein'],
    ['ijzerman', 'IJzerman'],
    ['DIJKSTRA', 'Dijkstra'],
    ['JANSEN-DE VRIES', 'Jansen-De Vries'],
    ["D'ANCONA", "D'Ancona"],
    ['ÖMER', 'Ömer'],
    ['sem', 'Sem'],
    ['McDonald', 'McDonald'],
    ['El Amrani', 'El Amrani'],
    ['Anne Sophie', 'Anne Sophie'],
  ])('%s -> %s', (typed, proper) => {
    expect(dutchCapitals(typed)).toBe(proper)
  })

  it('a whole name: the tussenvoegsel stays lower case', () => {
    expect(dutchCapitalsFullName('MARIEKE VAN DER BERG')).toBe('Marieke van der Berg')
    expect(dutchCapitalsFullName('kees de ijssel')).toBe('Kees de IJssel')
  })
})

describe('an import with names in capitals', () => {
  let core: Core
  let close: () => void
  beforeEach(async () => {
    ;({ core, close } = await emptySchool('tr-names-'))
  })
  afterEach(() => close())

  it('SEM / VAN DER BERG becomes Sem van der Berg, the preview says how the file had it, and the same file again is unchanged', async () => {
    const csv = [
      'Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Naam ouder;E-mail ouder',
      'SEM;;VAN DER BERG;01-02-2019;MARIEKE VAN DER BERG;marieke@voorbeeld.nl',
      'lotte;;ijsselstein;02-03-2019;jan ijsselstein;jan@voorbeeld.nl',
      'Zoë;van;Dijk;03-04-2019;Ömer Yılmaz;omer@voorbeeld.nl',
    ].join('\r\n')
    const files = [{ name: 'hoofdletters.csv', data: Buffer.from(csv).toString('base64') }]
    const preview = await ok(core, 'imports.preview', { files })
    expect(preview.pupils.map((p) => [p.firstName, p.lastNamePrefix, p.lastName, p.nameAsTyped, p.guardians[0]?.name])).toEqual([
      ['Sem', 'van der', 'Berg', 'SEM VAN DER BERG', 'Marieke van der Berg'],
      ['Lotte', '', 'IJsselstein', 'lotte ijsselstein', 'Jan IJsselstein'],
      ['Zoë', 'van', 'Dijk', null, 'Ömer Yılmaz'],
    ])
    await ok(core, 'imports.commit', { files })
    const again = await ok(core, 'imports.preview', { files })
    expect(again.pupils.map((p) => p.status)).toEqual(['unchanged', 'unchanged', 'unchanged'])
  })
})
