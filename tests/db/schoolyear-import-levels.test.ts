// Imports read the year level: a 'Leerjaar' column, or the number in a plain group name; in a
// combination group without a column the level is estimated from the birth date, 'nagaan'.
import { describe, expect, it } from 'vitest'
import { registerCore, ok } from '../helpers/register.ts'

const csv = (text: string) => ({ name: 'inschrijvingen.csv', data: Buffer.from(text, 'utf8').toString('base64') })

describe('import of year levels', () => {
  it('takes Leerjaar from its column, else from a plain group name, estimates it in a combination group, and refuses a level 9', async () => {
    const { core } = await registerCore()
    const file = csv(['Roepnaam;Achternaam;Geboortedatum;Groep;Leerjaar', 'Fenna;Visser;12-03-2021;1/2a;2', 'Bram;Smit;04-05-2017;6;', 'Saar;Peters;20-06-2022;1/2a;', 'Jip;Dekker;01-02-2018;5;9'].join('\r\n'))
    const preview = await ok(core, 'imports.preview', { files: [file] })
    expect(JSON.stringify(preview)).toContain("Het leerjaar '9' klopt niet: vul 1 tot en met 8 in.")
    await ok(core, 'imports.commit', { files: [file] })
    const levels = core.ctx.db.prepare(`SELECT first_name AS name, year_level AS level, year_level_unsure AS unsure FROM pupils WHERE first_name IN ('Fenna', 'Bram', 'Saar', 'Jip') ORDER BY first_name`).all()
    expect(levels).toEqual([
      { name: 'Bram', level: 6, unsure: 0 },
      { name: 'Fenna', level: 2, unsure: 0 },
      { name: 'Saar', level: 1, unsure: 1 },
    ])
    expect(core.ctx.db.prepare(`SELECT year_levels FROM groups WHERE name = '1/2a'`).pluck().get()).toBe('1,2')
  })
})
