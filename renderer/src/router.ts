import { useEffect, useState } from 'react'

/** Hash routes: '#/leerlingen', '#/leerling/12/toestemming', '#/groep/3'. They work from file:// too. */
export interface Route {
  page: string
  id?: string
  tab?: string
  /** e.g. the code of a returned consent form: '#/leerling/12/toestemming/TR-7K3M9Q' */
  extra?: string
}

export function parseRoute(hash: string): Route {
  // A query ('#/logboek?leerling=12') belongs to the page that reads it, not to the route.
  const [page = '', id, tab, extra] = hash.replace(/^#\/?/, '').replace(/\?.*$/, '').split('/')
  return { page: page || 'leerlingen', id, tab, extra }
}

export function go(path: string): void {
  location.hash = `#/${path}`
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash))
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  return route
}
