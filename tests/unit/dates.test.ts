import { describe, expect, it } from 'vitest'
import { formatMoment, formatPrintedMoment, parseDutchDate } from '../../shared/dates.ts'
import { formatDate } from '../../shared/domain.ts'

describe('Dutch dates', () => {
  it.each([
    ['7-4-2013', '2013-04-07'],
    ['07-04-2013', '2013-04-07'],
    ['2013-04-07', '2013-04-07'],
    ['7 april 2013', '2013-04-07'],
    ['7 apr. 2013', '2013-04-07'],
    ['31 december 2015', '2015-12-31'],
    ['7/4/2013', '2013-04-07'],
    ['29-02-2016', '2016-02-29'],
  ])('reads %s as %s', (typed, expected) => expect(parseDutchDate(typed)).toBe(expected))

  it.each(['30-02-2017', '2017-13-01', '32-1-2017', 'morgen', '', '7 foo 2013'])('refuses %s', (typed) => expect(parseDutchDate(typed)).toBeNull())

  it('shows dates as dd-mm-jjjj', () => expect(formatDate('2013-04-07')).toBe('07-04-2013'))

  // The run's zone is Europe/Amsterdam (vitest.config): UTC+1 in winter, UTC+2 in summer.
  it.each([
    ['2026-11-22T09:30:00.000Z', '22-11-2026 10:30'],
    ['2026-07-01T08:07:00.000Z', '01-07-2026 10:07'],
    ['2026-03-01T23:05:00.000Z', '02-03-2026 00:05'],
    ['2026-12-31T23:59:59.999Z', '01-01-2027 00:59'],
  ])('shows the moment %s as %s on screen, in local time', (at, shown) => {
    expect(formatMoment(at)).toBe(shown)
    expect(formatMoment(new Date(at))).toBe(shown)
  })

  it("prints a moment as 'dd-mm-jjjj om uu:mm'", () => expect(formatPrintedMoment(new Date('2026-11-22T09:30:00Z'))).toBe('22-11-2026 om 10:30'))

  it('shows text that is no moment as it is, instead of NaN or a thrown error', () => expect(formatMoment('onbekend')).toBe('onbekend'))
})
