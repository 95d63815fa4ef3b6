// Navigation on the route table (route-table.ts): go to a route, and the current route as a hook.
import { useEffect, useState } from 'react'
import { href, parseRoute, type Route } from './route-table.ts'

export { href, type Route } from './route-table.ts'

/** Opens a route, as a click on its link would. */
export function go(route: Route): void {
  location.hash = href(route)
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
