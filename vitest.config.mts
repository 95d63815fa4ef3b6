import { defineConfig } from 'vitest/config'

// Dates are Dutch: every run in the school's time zone, on any machine (a UTC machine hides bugs).
process.env.TZ = 'Europe/Amsterdam'

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks', // better-sqlite3 is a native addon
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
