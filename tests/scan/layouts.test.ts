// A printed layout is looked up in the register the sheet comes back to, and only there: after a
// restore (a new connection to another register) or beside a second register in the same process,
// a layout that register never printed is unknown, so its page goes to the pages to give by hand.
import { describe, expect, it } from 'vitest'
import { cornerMarks, layoutDigest, LAYOUT_VERSION, rect, type SheetLayout } from '../../electron/core/documents/consent-form-layout.ts'
import { printedLayout, rememberLayouts } from '../../electron/core/scan/layouts.ts'
import { testCore } from '../helpers/db.ts'

const layout: SheetLayout = { version: LAYOUT_VERSION, page: { width: 595.28, height: 841.89 }, marks: cornerMarks(), qr: rect(500, 40, 62, 62), rows: [], signatures: [] }

describe('printed layouts', () => {
  it('are found in the register that printed them and not in another one open in the same process', () => {
    const printing = testCore()
    const other = testCore()
    const digest = layoutDigest(layout)
    rememberLayouts(printing.ctx, { [digest]: layout })
    expect(printedLayout(printing.ctx, digest)).toEqual(layout)
    expect(printedLayout(other.ctx, digest)).toBeUndefined()
    printing.close()
    other.close()
  })
})
