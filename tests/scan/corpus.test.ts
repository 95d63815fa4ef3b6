// The reader on a corpus made like the real thing (tests/scan/corpus.ts): 60 marked pages of a demo
// school's round through a copier (turned, shifted, scaled, blurred, speckled, some black and
// white, some folded, some upside down, JPEG 30-90, 150/200/300 dpi), plus single pictures. The
// issue's targets: no page on the wrong pupil, at most 0.5% of answers wrong and every wrong one
// marked onduidelijk, signatures found on at least 98% of signed lines and never on a blank one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readScan } from '../../electron/core/scan/read.ts'
import { buildScan, demoRound, score } from './corpus.ts'

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-corpus-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('reading a copier scan of a round', () => {
  it('meets the targets on 60 pages', async () => {
    const round = await demoRound()
    const seed = Number(process.env.SCAN_SEED ?? 20261201)
    const built = await buildScan(round, join(dir, 'corpus'), 63, seed, 3)
    const started = Date.now()
    const pages = await readScan(round.core.ctx, [{ name: 'scan-copier.pdf', path: built.file }, ...built.pictures], { outDir: join(dir, 'out') })
    const ms = Date.now() - started
    const expected = [...built.expected, ...built.pictures.map((p) => p.expected)]
    const s = score(pages, expected)
    const summary = { seed, ms, ...s, wrong: s.wrong }
    console.log(JSON.stringify(summary))
    if (process.env.SCAN_DUMP) writeFileSync(process.env.SCAN_DUMP, JSON.stringify({ pages, expected }))
    expect(pages).toHaveLength(63)
    expect(s.wrongPupil).toBe(0)
    expect(s.read, JSON.stringify(pages.filter((p) => p.status !== 'read').map((p) => [p.source, p.message]))).toBe(63)
    expect(s.wrong.length / s.purposes).toBeLessThanOrEqual(0.005)
    expect(
      s.wrong.filter((w) => w.got !== 'onduidelijk'),
      'a wrong answer not marked onduidelijk',
    ).toEqual([])
    expect(s.signedFound / s.signedBlocks).toBeGreaterThanOrEqual(0.98)
    expect(s.falseSigned).toBe(0)
    const upsideDown = expected.map((e, i) => [e, pages[i]] as const).filter(([e]) => e.upsideDown)
    for (const [, page] of upsideDown) expect(page?.message).toContain('ondersteboven')
  }, 300_000)
})
