// A guardian is a name plus an e-mail or phone, never an e-mail alone: a family address shared by
// both parents ('fam.jansen@...') leaves two guardians, and the same address under another name
// (in this import or in the register) is shown in the preview instead of being merged silently.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { testCore } from '../helpers/db.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'

silenceLog()
let core: Core
beforeEach(async () => {
  core = testCore()
  await setUpEmptySchool(core)
})
afterEach(() => core.close())

const HEAD = 'Roepnaam;Achternaam;Geboortedatum;Naam ouder 1;E-mail ouder 1;Naam ouder 2;E-mail ouder 2'
const csv = (name: string, ...rows: string[]) => ({ name, data: Buffer.from([HEAD, ...rows].join('\r\n')).toString('base64') })

async function guardiansInRegister(): Promise<string[]> {
  const names = new Set<string>()
  for (const p of await ok(core, 'pupils.list', {})) for (const g of (await ok(core, 'pupils.get', { id: p.id })).guardians) names.add(`${g.name} <${g.email}>`)
  return [...names].sort()
}

describe('guardians who share one family address', () => {
  it('two parents on one row with the same address (Linda and Lars Jansen) stay two guardians', async () => {
    const file = csv('gezin.csv', 'Sem;Jansen;01-02-2019;Linda Jansen;fam.jansen@voorbeeld.nl;Lars Jansen; FAM.Jansen@voorbeeld.nl ')
    const preview = await ok(core, 'imports.preview', { files: [file] })
    expect(preview.pupils[0]?.guardians.map((g) => g.name)).toEqual(['Linda Jansen', 'Lars Jansen'])
    await ok(core, 'imports.commit', { files: [file] })
    expect(await guardiansInRegister()).toEqual(['Lars Jansen <FAM.Jansen@voorbeeld.nl>', 'Linda Jansen <fam.jansen@voorbeeld.nl>'])
  })

  it('siblings on two rows, each with another parent at the same address: two guardians, each row shows the other name', async () => {
    const file = csv('broers.csv', 'Sem;Jansen;01-02-2019;Linda Jansen;fam.jansen@voorbeeld.nl;;', 'Eva;Jansen;02-03-2017;Lars Jansen;fam.jansen@voorbeeld.nl;;')
    const preview = await ok(core, 'imports.preview', { files: [file] })
    expect(preview.pupils.map((p) => p.guardians.map((g) => [g.name, g.shared, g.sameEmailAs]))).toEqual([[['Linda Jansen', false, []]], [['Lars Jansen', false, ['Linda Jansen']]]])
    await ok(core, 'imports.commit', { files: [file] })
    expect(await guardiansInRegister()).toEqual(['Lars Jansen <fam.jansen@voorbeeld.nl>', 'Linda Jansen <fam.jansen@voorbeeld.nl>'])
  })

  it('the same address under another name than the guardian in the register is shown, not merged; the same name (or its initials) is the same guardian', async () => {
    await ok(core, 'imports.commit', { files: [csv('eerst.csv', 'Sem;Jansen;01-02-2019;Linda Jansen;fam.jansen@voorbeeld.nl;;')] })
    const later = csv('later.csv', 'Eva;Jansen;02-03-2017;Lars Jansen;fam.jansen@voorbeeld.nl;;', 'Daan;Jansen;03-04-2015;Linda Jansen; FAM.JANSEN@voorbeeld.nl;;')
    const preview = await ok(core, 'imports.preview', { files: [later] })
    expect(preview.pupils.map((p) => p.guardians.map((g) => [g.name, g.status, g.sameEmailAs]))).toEqual([[['Lars Jansen', 'new', ['Linda Jansen']]], [['Linda Jansen', 'existing', ['Lars Jansen']]]])
    const initials = await ok(core, 'imports.preview', { files: [csv('voorletters.csv', 'Eva;Jansen;02-03-2017;L. Jansen;fam.jansen@voorbeeld.nl;;')] })
    expect(initials.pupils[0]?.guardians.map((g) => [g.name, g.status, g.sameEmailAs])).toEqual([['Linda Jansen', 'existing', []]])
  })

  it('re-importing the file just committed shows every pupil unchanged', async () => {
    const file = csv('broers.csv', 'Sem;Jansen;01-02-2019;Linda Jansen;fam.jansen@voorbeeld.nl;Lars Jansen;fam.jansen@voorbeeld.nl', 'Eva;Jansen;02-03-2017;Lars Jansen;fam.jansen@voorbeeld.nl;;')
    await ok(core, 'imports.commit', { files: [file] })
    const again = await ok(core, 'imports.preview', { files: [file] })
    expect(again.pupils.map((p) => p.status)).toEqual(['unchanged', 'unchanged'])
  })
})
