import { describe, expect, it } from 'vitest'
import { describeUndo } from '../../electron/core/imports/undo.ts'
import { listenToProgress, progressOf } from '../../electron/core/progress.ts'
import { ok, registerCore } from '../helpers/register.ts'
import { fileInput } from './helpers.ts'

describe('import progress', () => {
  it('tells, while a commit of several files runs, how many of the files are read, and nothing once it is over', async () => {
    const { core } = await registerCore()
    const files = ['administratie-export.xlsx', 'libreoffice-tabel.xlsx', 'engelse-kolommen.xlsx', 'inschrijfformulier-zoe.xlsx', 'inschrijfformulier-chloe.xlsx'].map((n) => fileInput(n))
    const progressId = 'p-test-commit'
    // At every report the commit makes (what the worker forwards to the window), the answer a progress question gets
    // then: no timing, every step is seen.
    const seen: string[] = []
    listenToProgress(core.ctx, (event) => {
      expect(event.progressId).toBe(progressId)
      const p = progressOf(core.ctx, progressId)
      if (p.running && p.phase) seen.push(`${p.phase} ${p.done}/${p.total}`)
    })
    const result = await ok(core, 'imports.commit', { files, progressId })
    expect(result.batch).not.toBeNull()
    expect(seen.slice(0, 6)).toEqual(['read 0/5', 'read 1/5', 'read 2/5', 'read 3/5', 'read 4/5', 'read 5/5'])
    expect(seen.every((s) => /^(read|check|backup|write) \d+\/\d+$/.test(s))).toBe(true)
    expect(new Set(seen.map((s) => s.split(' ')[0]))).toEqual(new Set(['read', 'check', 'backup', 'write']))
    expect(await ok(core, 'imports.progress', { progressId })).toEqual({ phase: null, done: 0, total: 0, running: false })
  })
})

describe('the words of an undo', () => {
  it('name only what happens, and say so when nothing does', () => {
    const none = { pupilsHidden: 0, pupilsRestored: 0, pupilsKept: 0, consentRestored: 0, consentKept: 0, guardiansRemoved: 0, guardiansRestored: 0, linksRemoved: 0, groupsRemoved: 0 }
    expect(describeUndo({ ...none, consentRestored: 1 }, 'will')).toBe('1 toestemming wordt teruggezet naar de stand van vóór de import')
    expect(describeUndo({ ...none, pupilsHidden: 2, consentRestored: 3 }, 'did')).toBe('2 leerlingen weer verborgen en 3 toestemmingen teruggezet naar de stand van vóór de import')
    expect(describeUndo({ ...none, pupilsHidden: 1, pupilsRestored: 2, consentRestored: 3, consentKept: 1 }, 'will')).toBe(
      '1 leerling wordt weer verborgen, 2 leerlingen krijgen de oude gegevens terug en 3 toestemmingen worden teruggezet naar de stand van vóór de import. Wat na de import nog is gewijzigd (1), blijft staan',
    )
    expect(describeUndo(none, 'will')).toBe('er verandert niets in het register')
  })
})
