import { describe, expect, it } from 'vitest'
import { parseDutchDate } from '../../shared/dates.ts'
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
})
