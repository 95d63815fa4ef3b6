// What App shows for each route of the route table (router.ts): one entry per route name, so a
// new route that has no page fails the type check instead of falling through to the home page.
import type { ReactNode } from 'react'
import type { Settings } from '../../shared/domain.ts'
import { AuditPage } from './pages/audit/AuditPage.tsx'
import { BackupsPage } from './pages/backups/BackupsPage.tsx'
import { GroupPage } from './pages/group/GroupPage.tsx'
import { GroupsPage } from './pages/groups/GroupsPage.tsx'
import { ImportsPage } from './pages/imports/ImportsPage.tsx'
import { NoConsentPage } from './pages/no-consent/NoConsentPage.tsx'
import { PrintPage } from './pages/print/PrintPage.tsx'
import { PupilPage } from './pages/pupil/PupilPage.tsx'
import { PupilsPage } from './pages/pupils/PupilsPage.tsx'
import { PurposesPage } from './pages/purposes/PurposesPage.tsx'
import { ScanPage } from './pages/scan/ScanPage.tsx'
import { SchoolYearPage } from './pages/schoolyear/SchoolYearPage.tsx'
import { SettingsPage } from './pages/settings/SettingsPage.tsx'
import type { Route, RouteName } from './route-table.ts'

/** What the pages need from App: the settings, and a way to tell App they changed. */
export interface PageContext {
  settings: Settings
  onSettingsSaved: (settings: Settings) => void
  onYearChanged: () => void
}

const PAGES: { [N in RouteName]: (route: Extract<Route, { name: N }>, ctx: PageContext) => ReactNode } = {
  pupils: () => <PupilsPage />,
  pupil: (r) => <PupilPage id={String(r.id)} tab={r.tab} formCode={r.formCode} />,
  groups: () => <GroupsPage />,
  group: (r) => <GroupPage id={r.id} />,
  noConsent: () => <NoConsentPage />,
  imports: () => <ImportsPage />,
  print: () => <PrintPage />,
  schoolYear: (r, ctx) => <SchoolYearPage tab={r.tab} onYearChanged={ctx.onYearChanged} />,
  scan: () => <ScanPage />,
  purposes: () => <PurposesPage />,
  audit: (r) => <AuditPage openedFor={r.pupilId} />,
  backups: () => <BackupsPage />,
  settings: (_r, ctx) => <SettingsPage settings={ctx.settings} onSaved={ctx.onSettingsSaved} />,
}

export function RoutePage({ route, ctx }: { route: Route; ctx: PageContext }) {
  const render = PAGES[route.name] as (route: Route, ctx: PageContext) => ReactNode
  return <>{render(route, ctx)}</>
}
