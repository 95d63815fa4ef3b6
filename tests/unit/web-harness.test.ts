import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LATEST_VERSION } from '../../electron/core/db/migrations/index.ts'
import { openDatabase } from '../../electron/core/db/open.ts'
import { startHarness, type Harness } from '../../electron/web-harness.ts'

const INDEX_HTML = '<!doctype html><title>Toestemmingsregister</title><p>Hallo Zoë</p>'
const SECRET = 'geheim: dit mag de harness nooit serveren'

let dir: string
let harness: Harness
let port: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tr-harness-'))
  const staticDir = join(dir, 'static')
  mkdirSync(staticDir)
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML)
  // Files next to the served folder, which traversal would try to reach.
  writeFileSync(join(dir, 'secret.txt'), SECRET)
  mkdirSync(join(dir, 'static-secret'))
  writeFileSync(join(dir, 'static-secret', 'x.txt'), SECRET)
  harness = await startHarness({ dbPath: join(dir, 'school.sqlite'), staticDir })
  port = Number(new URL(harness.url).port)
})

afterAll(async () => {
  await harness.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Reply {
  status: number
  type: string
  body: string
}

/** A raw HTTP request: the path goes out as written and the Host header can be anything. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => ok({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text }))
    })
    req.on('error', fail)
    req.end(body)
  })
}

async function api(body: string, token = harness.token): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${harness.url}/api`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Harness-Token': token }, body })
  return { status: res.status, json: await res.json() }
}

const call = (method: string, input: unknown = {}) => api(JSON.stringify({ method, input }))

describe('POST /api', () => {
  it('refuses a call without the token', async () => {
    const res = await fetch(`${harness.url}/api`, { method: 'POST', body: JSON.stringify({ method: 'settings.get', input: {} }) })
    expect(res.status).toBe(401)
  })

  it('refuses a wrong token, also one of the right length', async () => {
    expect((await api(JSON.stringify({ method: 'settings.get' }), 'fout')).status).toBe(401)
    expect((await api(JSON.stringify({ method: 'settings.get' }), 'x'.repeat(harness.token.length))).status).toBe(401)
  })

  it('answers the right token with a Result', async () => {
    const r = await call('app.info')
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ ok: true, value: { schemaVersion: LATEST_VERSION, dbPath: join(dir, 'school.sqlite') } })
  })

  it('refuses a page from another site (Origin), even with the token', async () => {
    const body = JSON.stringify({ method: 'settings.get', input: {} })
    const headers = { 'content-type': 'application/json', 'x-harness-token': harness.token }
    expect((await raw('POST', '/api', { ...headers, origin: 'https://evil.example' }, body)).status).toBe(403)
    expect((await raw('POST', '/api', { ...headers, origin: 'null' }, body)).status).toBe(403)
    expect((await raw('POST', '/api', { ...headers, origin: `http://localhost:${port}` }, body)).status).toBe(403)
    expect((await raw('POST', '/api', { ...headers, origin: harness.url }, body)).status).toBe(200)
  })

  it('refuses a request whose Host is not 127.0.0.1:port (DNS rebinding)', async () => {
    const headers = { 'content-type': 'application/json', 'x-harness-token': harness.token }
    const body = JSON.stringify({ method: 'settings.get', input: {} })
    expect((await raw('POST', '/api', { ...headers, host: `evil.example:${port}` }, body)).status).toBe(403)
    expect((await raw('GET', '/', { host: `evil.example:${port}` })).status).toBe(403)
    expect((await raw('GET', '/', { host: `localhost:${port}` })).status).toBe(403)
    expect((await raw('GET', '/', { host: '127.0.0.1' })).status).toBe(403)
  })

  it('answers a malformed JSON body with 400 and a Dutch message', async () => {
    const r = await api('{"method": "settings.get", ')
    expect(r.status).toBe(400)
    expect(r.json).toEqual({ ok: false, error: { code: 'validation', message: 'Ongeldig verzoek.' } })
  })

  it.each(['nope.nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])('an unknown method %j gives unknown_method', async (method) => {
    const r = await call(method)
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ ok: false, error: { code: 'unknown_method', message: 'Deze opdracht bestaat niet in het programma.' } })
  })

  it('refuses prototype-pollution input for settings.update, and changes nothing', async () => {
    const before = await call('settings.get')
    for (const input of ['{"__proto__":{"staffName":"Mallory","x":1}}', '{"constructor":{"prototype":{"x":1}}}']) {
      const r = await api(`{"method":"settings.update","input":${input}}`)
      expect(r.status).toBe(200)
      expect(r.json).toMatchObject({ ok: false, error: { code: 'validation' } })
    }
    expect(await call('settings.get')).toEqual(before)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
    const db = openDatabase(harness.core.info.dbPath, { readonly: true }) // the core runs in the harness's worker
    expect(db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'settings.update'`).pluck().get()).toBe(0)
    db.close()
  })
})

describe('static files', () => {
  it('serves index.html at /', async () => {
    const res = await fetch(`${harness.url}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await res.text()).toBe(INDEX_HTML)
  })

  it.each([
    '/../../etc/passwd',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/..%2fstatic-secret%2fx.txt',
    '/..%5csecret.txt',
    '/%E0%A4%A',
    '/index.html%00.txt',
  ])('refuses path traversal %s with 404', async (path) => {
    const r = await raw('GET', path)
    expect(r.status).toBe(404)
    expect(r.body).not.toContain('geheim')
    expect(r.body).not.toContain('root:')
  })

  it('answers a file that does not exist with 404', async () => {
    expect((await raw('GET', '/bestaat-niet.js')).status).toBe(404)
  })
})

describe('POST /upload: a file the page chose, once, for a token', () => {
  const upload = (body: string, headers: Record<string, string>) => fetch(`${harness.url}/upload`, { method: 'POST', headers, body })
  const csv = 'Voornaam;Achternaam;Geboortedatum;Groep\nZoë;Berg;07-04-2017;5\n'

  it('gives a token (no path) that imports.open reads the file by; without the token nothing is stored', async () => {
    expect((await upload(csv, { 'X-File-Name': 'aanmelding.csv' })).status).toBe(401)
    expect((await upload(csv, { 'X-File-Name': 'aanmelding.csv', 'X-Harness-Token': 'fout' })).status).toBe(401)
    const res = await upload(csv, { 'X-File-Name': encodeURIComponent('map/aanmelding Zoë.csv'), 'X-Harness-Token': harness.token })
    const chosen = (await res.json()) as { ok: boolean; value: { token: string; name: string; size: number } }
    expect(chosen).toEqual({ ok: true, value: { token: expect.stringMatching(/^f-/), name: 'aanmelding Zoë.csv', size: Buffer.byteLength(csv) } })
    const opened = (await call('imports.open', { files: [{ token: chosen.value.token }] })).json
    expect(opened).toMatchObject({ ok: true, value: { session: expect.stringMatching(/^s-/), files: [{ file: 'aanmelding Zoë.csv', ok: true }] } })
  })

  it('refuses an upload without a name, and one from another origin', async () => {
    expect((await upload(csv, { 'X-Harness-Token': harness.token })).status).toBe(400)
    expect((await upload(csv, { 'X-File-Name': 'a.csv', 'X-Harness-Token': harness.token, Origin: 'https://evil.example' })).status).toBe(403)
  })
})

describe('startHarness and close', () => {
  it('refuses a port that is in use, instead of hanging', async () => {
    const other = join(dir, 'other.sqlite')
    await expect(startHarness({ dbPath: other, staticDir: dir, port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
    expect(existsSync(`${other}-wal`), 'its database was closed again').toBe(false)
  })

  it('close() frees the port and closes the database', async () => {
    const dbPath = join(dir, 'closing.sqlite')
    const h = await startHarness({ dbPath, staticDir: join(dir, 'static') })
    const hPort = Number(new URL(h.url).port)
    expect((await fetch(`${h.url}/`)).status).toBe(200)
    await h.close()
    expect(existsSync(`${dbPath}-wal`)).toBe(false)
    await expect(fetch(`${h.url}/`)).rejects.toThrow('fetch failed')
    const probe = createServer()
    await new Promise<void>((ok, fail) => {
      probe.once('error', fail)
      probe.listen(hPort, '127.0.0.1', ok)
    })
    await new Promise<void>((ok) => probe.close(() => ok()))
  })
})
