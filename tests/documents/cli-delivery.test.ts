// The CLI as a real child process whose file size is limited (ulimit -f): a print that cannot be
// written halfway leaves the existing file intact and says so. Its own file in the process lane
// (it starts the CLI twice); delivery.test.ts has the rest of delivering documents.
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-deliver-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('delivering a document from the CLI', () => {
  it('writing fails halfway (file size limit): the existing file is intact and the CLI says so', async () => {
    const db = join(dir, 'school.sqlite')
    const cli = (args: string, limitKb?: number) =>
      promisify(execFile)('bash', ['-c', `${limitKb ? `ulimit -f ${limitKb}; ` : ''}"${process.execPath}" --disable-warning=MODULE_TYPELESS_PACKAGE_JSON electron/cli.ts ${args} --db "${db}"`], {
        encoding: 'utf8',
        env: { ...process.env, TZ: 'Europe/Amsterdam' },
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      )
    expect((await cli('setup --demo')).code).toBe(0)
    const out = join(dir, 'formulieren.pdf')
    writeFileSync(out, 'de vorige versie, nog nodig')
    // 40 forms are well over 64 kB: the temporary file hits the limit; the database is only read.
    const r = await cli(`print consent-forms --group 1/2a --group 3 --out "${out}"`, 64)
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe(`Het bestand kon niet worden opgeslagen als ${out}. Het bestand is te groot voor deze plek. Kies een andere schijf of map. Het bestaande bestand met die naam is niet gewijzigd.`)
    expect(readFileSync(out, 'utf8')).toBe('de vorige versie, nog nodig')
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    const fine = await cli(`print consent-forms --group 1/2a --group 3 --out "${out}"`)
    expect(fine.code).toBe(0)
    // 40 forms and a cover page for each of the two groups.
    expect(JSON.parse(fine.stdout)).toEqual({ path: out, mimeType: 'application/pdf', count: 42, countLabel: "pagina's" })
  })
})
