// The demo school in a browser for one test file: the set-up and tear-down every browser suite
// that starts from the demo school shares. Use it at the top of a describe block.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser, openDemoApp, type AppSession } from './browser.ts'

/** The session, filled in before the first test of the block and closed after the last. */
export function demoAppForSuite(options: Parameters<typeof openDemoApp>[1] = {}): AppSession {
  const app = {} as AppSession
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
    Object.assign(app, await openDemoApp(browser, options))
  })
  afterAll(async () => {
    await app.close?.()
    await browser?.close()
  })
  return app
}
