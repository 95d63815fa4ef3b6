import { describe, expect, it } from 'vitest'
import { ok, registerCore } from '../helpers/register.ts'
import { fileInput } from './helpers.ts'

describe('import progress', () => {
  it('tells, while a commit of several files runs, how many of the files are read, and nothing once it is over', async () => {
    const { core } = await registerCore()
    const files = ['administratie-export.xlsx', 'libreoffice-tabel.xlsx', 'engelse-kolommen.xlsx', 'inschrijfformulier-zoe.xlsx', 'inschrijfformulier-chloe.xlsx'].map((n) => fileInput(n))
    const progressId = 'p-test-commit'
    const seen: string[] = []
    let running = true
    const polling = (async () => {
      while (running) {
        const p = await ok(core, 'imports.progress', { progressId })
        if (p.running && p.phase) seen.push(`${p.phase} ${p.done}/${p.total}`)
        await new Promise((r) => setImmediate(r))
      }
    })()
    const result = await ok(core, 'imports.commit', { files, progressId })
    running = false
    await polling
    expect(result.batch).not.toBeNull()
    expect(seen).toContain('read 0/5')
    expect(seen.some((s) => /^read [1-4]\/5$/.test(s))).toBe(true)
    expect(seen.every((s) => /^(read|check|backup|write) \d+\/\d+$/.test(s))).toBe(true)
    expect(await ok(core, 'imports.progress', { progressId })).toEqual({ phase: null, done: 0, total: 0, running: false })
  })
})
