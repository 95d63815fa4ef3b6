// The handler table over HTTP on 127.0.0.1, with a random per-run token: for browser tests and
// development only, never part of the packaged app. `npm run dev:web` builds the renderer and
// serves it with the API at POST /api. The core runs in its worker thread (core/worker.ts), the
// same one the desktop app starts, so a long job never holds up the server. There is no open
// dialog here: the page uploads a chosen file once (POST /upload) into this run's temp folder and
// gets a token for it, the same kind main gives for a file chosen in its dialog.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import type { Desktop } from './core/context.ts'
import { startCoreWorker, type CoreHost } from './core/worker-host.ts'
import { createTempFolder } from './core/temp-folder.ts'
import { createLogger, silenceLog } from './core/log.ts'
import { resolveDbPath } from './core/paths.ts'
import { APP_VERSION } from './core/version.ts'

const log = createLogger('web-harness')
const MAX_BODY = 64 * 1024 * 1024
/** An upload is a file to import or a database to restore (hundreds of MB): streamed to disk, never held in memory. */
const MAX_UPLOAD = 1024 * 1024 * 1024
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
}

export interface Harness {
  url: string
  /** The URL to open in a browser: the token travels in the fragment, never to the server's logs. */
  appUrl: string
  token: string
  core: CoreHost
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, body: string | Uint8Array, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
  res.end(body)
}

function sameToken(given: string | undefined, token: string): boolean {
  const a = Buffer.from(given ?? '')
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The worker entry as source: Node runs its TypeScript directly (type stripping), in a worker too. */
export const SOURCE_WORKER = new URL('./core/worker.ts', import.meta.url)

/**
 * `now`: a frozen clock for tests, read once at the start (a function cannot cross to the worker).
 * `desktop`: for tests of the desktop app's screens only, the save dialog and the viewer a test
 * answers (as the CLI answers --out); without it, as always, every document comes back as data.
 */
export async function startHarness(options: { dbPath: string; staticDir?: string; port?: number; now?: () => Date; desktop?: Desktop }): Promise<Harness> {
  const fixedNow = options.now?.().toISOString()
  const core = await startCoreWorker({
    workerPath: SOURCE_WORKER,
    dbPath: options.dbPath,
    appVersion: APP_VERSION,
    lock: 'hold',
    silent: true,
    ...(fixedNow ? { fixedNow } : {}),
    ...(options.desktop ? { desktop: options.desktop } : {}),
  })
  const token = randomBytes(24).toString('base64url')
  const staticDir = resolve(options.staticDir ?? 'out/web')
  let origin = ''

  const handleApi = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Only our own page may call: right token, and (when a browser says where it comes from) our origin.
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, '{"error":"origin"}')
    if (!sameToken(req.headers['x-harness-token'] as string | undefined, token)) return send(res, 401, '{"error":"token"}')
    let call: { method?: unknown; input?: unknown }
    try {
      call = JSON.parse(await readBody(req))
    } catch {
      return send(res, 400, JSON.stringify({ ok: false, error: { code: 'validation', message: 'Ongeldig verzoek.' } }))
    }
    send(res, 200, await core.callBytes(call?.method, call?.input)) // already JSON in UTF-8: passed on as the worker wrote it
  }

  const temp = createTempFolder()
  const handleUpload = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, '{"error":"origin"}')
    if (!sameToken(req.headers['x-harness-token'] as string | undefined, token)) return send(res, 401, '{"error":"token"}')
    let name: string
    try {
      name = decodeURIComponent(String(req.headers['x-file-name'] ?? ''))
        .replace(/^.*[\\/]/, '')
        .slice(0, 255)
    } catch {
      name = ''
    }
    if (!name) return send(res, 400, JSON.stringify({ ok: false, error: { code: 'validation', message: 'Het bestand heeft geen naam. Er is niets gewijzigd. Kies het bestand opnieuw.' } }))
    const path = join(temp.newDir(), 'upload')
    let size = 0
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length
        done(size > MAX_UPLOAD ? new Error('upload too large') : null, chunk)
      },
    })
    try {
      await pipeline(req, cap, createWriteStream(path, { mode: 0o600 }))
    } catch {
      return send(res, 413, JSON.stringify({ ok: false, error: { code: 'validation', message: 'Dit bestand is te groot om te openen. Er is niets gewijzigd.' } }))
    }
    send(res, 200, await core.registerFile(path, name))
  }

  const handleStatic = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let path: string
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', origin).pathname)
    } catch {
      return send(res, 404, 'niet gevonden', 'text/plain; charset=utf-8') // '%E0%A4%A': not a path we serve
    }
    const file = resolve(join(staticDir, path === '/' ? 'index.html' : path))
    if (!file.startsWith(staticDir + sep)) return send(res, 404, 'niet gevonden', 'text/plain; charset=utf-8')
    try {
      const body = await readFile(file)
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'X-Content-Type-Options': 'nosniff' })
      res.end(body)
    } catch {
      send(res, 404, 'niet gevonden', 'text/plain; charset=utf-8')
    }
  }

  const server = createServer((req, res) => {
    // A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) is refused here.
    if (req.headers.host !== new URL(origin).host) return send(res, 403, '{"error":"host"}')
    const work =
      req.method === 'POST' && req.url === '/api'
        ? handleApi(req, res)
        : req.method === 'POST' && req.url === '/upload'
          ? handleUpload(req, res)
          : req.method === 'GET'
            ? handleStatic(req, res)
            : Promise.resolve(send(res, 405, ''))
    work.catch((e: unknown) => {
      log.error('request failed', e)
      if (!res.headersSent) send(res, 500, '{"error":"internal"}')
    })
  })
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail) // e.g. EADDRINUSE: reject instead of hanging or crashing the process
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', fail)
        ok()
      })
    })
  } catch (e) {
    await core.close()
    throw e
  }
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no address')
  origin = `http://127.0.0.1:${address.port}`
  return {
    url: origin,
    appUrl: `${origin}/#token=${token}`,
    token,
    core,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
      await core.close()
      temp.removeAll()
    },
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string' } } })
  silenceLog()
  const harness = await startHarness({ dbPath: resolveDbPath(values.db), port: values.port ? Number(values.port) : 5190 })
  process.stdout.write(`Toestemmingsregister (webversie voor ontwikkeling en tests)\nDatabase: ${harness.core.info.dbPath}\nOpen: ${harness.appUrl}\n`)
  for (const warning of harness.core.info.startupWarnings) process.stderr.write(`Let op: ${warning}\n`)
}
