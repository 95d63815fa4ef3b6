// The route table: every link it makes opens the page it names, old addresses keep opening
// the same pages, and an address that fits no route opens the pupil list.
import { describe, expect, it } from 'vitest'
import { HOME, href, NAV, navSection, parseRoute, type Route } from '../../renderer/src/route-table.ts'

const EVERY_ROUTE: Route[] = [
  { name: 'pupils' },
  { name: 'pupil', id: 12 },
  { name: 'pupil', id: 'nieuw' },
  { name: 'pupil', id: 12, tab: 'gegevens' },
  { name: 'pupil', id: 12, tab: 'toestemming', formCode: 'TR-7K3M9Q' },
  { name: 'groups' },
  { name: 'group', id: 3 },
  { name: 'noConsent' },
  { name: 'imports' },
  { name: 'print' },
  { name: 'schoolYear' },
  { name: 'schoolYear', tab: 'overgang' },
  { name: 'scan' },
  { name: 'purposes' },
  { name: 'audit' },
  { name: 'audit', pupilId: 12 },
  { name: 'backups' },
  { name: 'settings' },
]

describe('route table', () => {
  it('reads every route back from the link it makes', () => {
    for (const route of EVERY_ROUTE) expect(parseRoute(href(route)), href(route)).toEqual(route)
  })

  it('covers every page name, each with its own address', () => {
    const names = new Set(EVERY_ROUTE.map((r) => r.name))
    expect(names.size).toBe(13)
    const links = new Set(EVERY_ROUTE.map(href))
    expect(links.size).toBe(EVERY_ROUTE.length)
  })

  it('makes the addresses the app has always used', () => {
    expect(href({ name: 'pupil', id: 12, tab: 'toestemming', formCode: 'TR-7K3M9Q' })).toBe('#/leerling/12/toestemming/TR-7K3M9Q')
    expect(href({ name: 'audit', pupilId: 12 })).toBe('#/logboek?leerling=12')
    expect(href({ name: 'group', id: 3 })).toBe('#/groep/3')
    expect(href({ name: 'backups' })).toBe('#/reservekopieen')
    expect(parseRoute('#/leerling/12')).toEqual({ name: 'pupil', id: 12 })
    expect(parseRoute('#/schooljaar/ronde')).toEqual({ name: 'schoolYear', tab: 'ronde' })
  })

  it('opens the pupil list for an empty or unknown address', () => {
    for (const hash of ['', '#', '#/', '#/bestaat-niet', '#/leerling', '#/leerling/abc', '#/leerling/-1', '#/../instellingen']) {
      expect(parseRoute(hash), hash).toEqual(HOME)
    }
    expect(HOME).toEqual({ name: 'pupils' })
  })

  it('opens the group list for a group address without a valid id', () => {
    expect(parseRoute('#/groep')).toEqual({ name: 'groups' })
    expect(parseRoute('#/groep/x')).toEqual({ name: 'groups' })
  })

  it('marks the sidebar entry a detail page belongs to', () => {
    expect(navSection({ name: 'pupil', id: 1 })).toBe('pupils')
    expect(navSection({ name: 'group', id: 1 })).toBe('groups')
    expect(NAV.map((n) => href(n.route))).toContain('#/scannen')
    expect(NAV).toHaveLength(11)
  })
})
