// The route table: every page's hash address ('#/leerlingen', '#/leerling/12/toestemming',
// '#/groep/3', '#/logboek?leerling=12'), parsed into a typed route and made back into a link
// from that same table, so a link and the page it opens cannot drift apart. Hash routes work
// from file:// too. No DOM here (router.ts navigates); what App renders per route is routes.tsx.

/** Every page, with the parameters its address carries. */
export type Route =
  | { name: 'pupils' }
  /** id 'nieuw' adds a pupil; formCode is the code of a returned consent form. */
  | { name: 'pupil'; id: number | 'nieuw'; tab?: string; formCode?: string }
  | { name: 'groups' }
  | { name: 'group'; id: number }
  | { name: 'noConsent' }
  | { name: 'imports' }
  | { name: 'print' }
  | { name: 'schoolYear'; tab?: string }
  | { name: 'scan' }
  | { name: 'purposes' }
  /** pupilId: the Logboek opened filtered on one pupil. */
  | { name: 'audit'; pupilId?: number }
  | { name: 'backups' }
  | { name: 'settings' }

export type RouteName = Route['name']
type RouteOf<N extends RouteName> = Extract<Route, { name: N }>

interface RouteEntry<N extends RouteName> {
  /** The first part of the address. */
  path: string
  /** The address's further parts and query made from the route. */
  format: (route: RouteOf<N>) => string
  /** The route read back from the address's further parts and query; undefined when they do not fit. */
  parse: (parts: string[], query: URLSearchParams) => RouteOf<N> | undefined
}

const positiveInt = (s: string | undefined): number | undefined => (s !== undefined && /^[1-9]\d*$/.test(s) ? Number(s) : undefined)
const joined = (...parts: (string | number | undefined)[]): string =>
  parts
    .filter((p) => p !== undefined && p !== '')
    .map((p) => `/${p}`)
    .join('')
const plain = <N extends RouteName>(name: N, path: string): RouteEntry<N> => ({ path, format: () => '', parse: () => ({ name }) as RouteOf<N> })

const TABLE: { [N in RouteName]: RouteEntry<N> } = {
  pupils: plain('pupils', 'leerlingen'),
  pupil: {
    path: 'leerling',
    format: (r) => joined(r.id, r.tab ?? (r.formCode ? 'toestemming' : undefined), r.formCode),
    parse: ([id, tab, formCode]) => {
      const pupilId = id === 'nieuw' ? 'nieuw' : positiveInt(id)
      if (pupilId === undefined) return undefined
      return { name: 'pupil', id: pupilId, ...(tab ? { tab } : {}), ...(formCode ? { formCode } : {}) }
    },
  },
  groups: plain('groups', 'groepen'),
  group: {
    path: 'groep',
    format: (r) => joined(r.id),
    parse: ([id]) => {
      const groupId = positiveInt(id)
      return groupId === undefined ? undefined : { name: 'group', id: groupId }
    },
  },
  noConsent: plain('noConsent', 'geen-toestemming'),
  imports: plain('imports', 'importeren'),
  print: plain('print', 'afdrukken'),
  schoolYear: { path: 'schooljaar', format: (r) => joined(r.tab), parse: ([tab]) => ({ name: 'schoolYear', ...(tab ? { tab } : {}) }) },
  scan: plain('scan', 'scannen'),
  purposes: plain('purposes', 'doelen'),
  audit: {
    path: 'logboek',
    format: (r) => (r.pupilId === undefined ? '' : `?leerling=${r.pupilId}`),
    parse: (_parts, query) => {
      const pupilId = positiveInt(query.get('leerling') ?? undefined)
      return { name: 'audit', ...(pupilId === undefined ? {} : { pupilId }) }
    },
  },
  backups: plain('backups', 'reservekopieen'),
  settings: plain('settings', 'instellingen'),
}

/** The page an address that fits no route opens. */
export const HOME: Route = { name: 'pupils' }

/** The link to a route: href({ name: 'pupil', id: 12, tab: 'gegevens' }) is '#/leerling/12/gegevens'. */
export function href(route: Route): string {
  const entry = TABLE[route.name] as RouteEntry<RouteName>
  return `#/${entry.path}${entry.format(route)}`
}

/** The route of an address; an address that fits no route gives the home page. */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2)
  const [first = '', ...rest] = path.split('/')
  const name = (Object.keys(TABLE) as RouteName[]).find((n) => TABLE[n].path === first)
  if (!name) return HOME
  return (TABLE[name] as RouteEntry<RouteName>).parse(rest, new URLSearchParams(search)) ?? parentOf(name)
}

/** A detail address without a valid id ('#/groep/x') opens its list, as it always did. */
function parentOf(name: RouteName): Route {
  return name === 'group' ? { name: 'groups' } : HOME
}

/** The sidebar: its pages in order, and which of them a route belongs to. */
export const NAV: readonly { route: Route; label: string }[] = [
  { route: { name: 'pupils' }, label: 'Leerlingen' },
  { route: { name: 'groups' }, label: 'Groepen' },
  { route: { name: 'noConsent' }, label: 'Geen toestemming' },
  { route: { name: 'imports' }, label: 'Importeren' },
  { route: { name: 'print' }, label: 'Afdrukken' },
  { route: { name: 'schoolYear' }, label: 'Schooljaar' },
  { route: { name: 'scan' }, label: 'Formulieren scannen' },
  { route: { name: 'purposes' }, label: 'Doelen' },
  { route: { name: 'audit' }, label: 'Logboek' },
  { route: { name: 'backups' }, label: 'Reservekopieën' },
  { route: { name: 'settings' }, label: 'Instellingen' },
]

/** The sidebar entry a route is under: a pupil under Leerlingen, a group under Groepen. */
export function navSection(route: Route): RouteName {
  return route.name === 'pupil' ? 'pupils' : route.name === 'group' ? 'groups' : route.name
}
