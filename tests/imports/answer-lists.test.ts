// Splitting multi-select answers: on ';' and new lines as written, on ', ' by the option texts.
import { describe, expect, it } from 'vitest'
import { answerItems, commaOptions } from '../../electron/core/imports/answer-lists.ts'

describe('multi-select answers', () => {
  it("Microsoft Forms: ';' with a trailing ';'", () => {
    expect(answerItems('Website van de school;Nieuwsbrief;', ';')).toEqual(['Website van de school', 'Nieuwsbrief'])
  })

  it('Google Forms: an option with a comma inside brackets stays whole', () => {
    const texts = ['Website, Social media (Facebook, Instagram), Nieuwsbrief', 'Social media (Facebook, Instagram)']
    expect(commaOptions(texts).sort()).toEqual(['Nieuwsbrief', 'Social media (Facebook, Instagram)', 'Website'])
  })

  it('Google Forms: pieces that never occur apart are one option; options that start a new word stay apart', () => {
    const texts = ['Schoolgids, jaarboek en drukwerk, Website', 'Schoolgids, jaarboek en drukwerk', 'Website, Nieuwsbrief', 'Nieuwsbrief']
    const known = commaOptions(texts)
    expect(known.sort()).toEqual(['Nieuwsbrief', 'Schoolgids, jaarboek en drukwerk', 'Website'])
    expect(answerItems('Schoolgids, jaarboek en drukwerk, Nieuwsbrief', ',', known)).toEqual(['Schoolgids, jaarboek en drukwerk', 'Nieuwsbrief'])
  })

  it('without known options a comma answer splits at every comma outside brackets', () => {
    expect(answerItems('Website, Foto (klas, school), Nieuwsbrief', ',')).toEqual(['Website', 'Foto (klas, school)', 'Nieuwsbrief'])
  })
})
