import { useEffect, useState } from 'react'

/** Hash routes: '#/leerlingen', '#/leerling/12/toestemming', '#/groep/3'. They work from file:// too. */
export interface Route {
  page: string
  id?: string
  tab?: string
}

export function parseRoute(hash: string): Route {
  const [page = '', id, tab] = hash.replace(/^#\/?/, '').split('/')
  return { page: page || 'leerlingen', id, tab }
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
