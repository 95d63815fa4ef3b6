// Is the database in a folder that a sync program copies (OneDrive, Dropbox, Google Drive, iCloud
// Drive, Nextcloud) or on a network share? SQLite's write-ahead log is not safe there: the file and
// its -wal and -shm files are copied or locked apart. The app warns at start; it does not refuse.
import { readFileSync, realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import { DB_ENV, defaultDataDir } from '../paths.ts'

export type UnsafeLocation = { kind: 'synced'; service: string } | { kind: 'network' }

/** What the file system says about a folder; injectable, so every case is testable on any machine. */
export interface MountProbe {
  /** The folder with links resolved; on Windows a mapped network drive resolves to \\server\share\... */
  realPath(folder: string): string
  /** The type of the file system the folder is on ('ext4', 'ntfs', 'nfs4', 'cifs', 'fuse.sshfs'); undefined when unknown. */
  fileSystemType(folder: string): string | undefined
}

const SYNCED_FOLDERS: ReadonlyArray<readonly [RegExp, string]> = [
  // 'OneDrive', 'OneDrive - Stichting X' (Windows, school accounts), 'OneDrive-Personal' (macOS CloudStorage)
  [/^onedrive(?:$|[\s-])/i, 'OneDrive'],
  // 'Dropbox', 'Dropbox (Stichting X)' (team folders), 'Dropbox-Persoonlijk'
  [/^dropbox(?:$|[\s(-])/i, 'Dropbox'],
  // 'Google Drive', 'GoogleDrive-ans@school.nl' (macOS), and the drive's own top folders, also in Dutch
  [/^google ?drive(?:$|[\s-])/i, 'Google Drive'],
  [/^(?:my drive|mijn drive|shared drives|gedeelde drives)$/i, 'Google Drive'],
  // 'iCloudDrive' (Windows), 'iCloud Drive', '~/Library/Mobile Documents/com~apple~CloudDocs' (macOS)
  [/^(?:icloud ?drive|mobile documents|com~apple~clouddocs)$/i, 'iCloud Drive'],
  [/^nextcloud(?:$|[\s-])/i, 'Nextcloud'],
  [/^owncloud(?:$|[\s-])/i, 'ownCloud'],
]

// Network file systems (and FUSE mounts: sshfs, rclone, gvfs, davfs2) as Linux names them.
// 'fuseblk' is a local disk (NTFS through ntfs-3g) and is not counted.
const NETWORK_FILE_SYSTEM = /^(?:nfs4?|cifs|smb[23]?|smbfs|afpfs|ncpfs|davfs|webdav|ceph|glusterfs|lustre|afs|fuse|fuse\..+)$/i

/** \\server\share\... or //server/share/...; not \\?\C:\ or \\.\ (local device paths), but \\?\UNC\server\share is. */
function isUncPath(path: string): boolean {
  if (/^[\\/]{2}\?[\\/]UNC[\\/]/i.test(path)) return true
  return /^[\\/]{2}[^\\/?.][^\\/]*[\\/][^\\/]+/.test(path)
}

/** The folder part of a Windows or POSIX path, on any platform (tests judge Windows paths on Linux). */
const folderOf = (path: string): string => path.replace(/[\\/]+[^\\/]*$/, '') || path
const samePlace = (a: string, b: string): boolean => {
  const norm = (p: string): string =>
    p
      .replace(/[\\/]+/g, '/')
      .replace(/\/$/, '')
      .toLowerCase()
  return norm(a) === norm(b)
}

function syncedService(path: string): string | undefined {
  for (const segment of path.split(/[\\/]+/)) {
    const found = SYNCED_FOLDERS.find(([pattern]) => pattern.test(segment.trim()))
    if (found) return found[1]
  }
  return undefined
}

/**
 * Where the folder of `dbPath` is unsafe for SQLite's WAL, or null when it is an ordinary local
 * folder. UNC paths count on Windows only (on Linux '//home' is just '/home').
 */
export function unsafeLocation(dbPath: string, probe: MountProbe = systemProbe, platform: NodeJS.Platform = process.platform): UnsafeLocation | null {
  if (dbPath === ':memory:') return null
  const folder = folderOf(dbPath)
  let real = folder
  try {
    real = probe.realPath(folder)
  } catch {
    // a folder that cannot be resolved is judged by its name
  }
  const service = syncedService(folder) ?? syncedService(real)
  if (service) return { kind: 'synced', service }
  if (platform === 'win32' && (isUncPath(folder) || isUncPath(real))) return { kind: 'network' }
  let type: string | undefined
  try {
    type = probe.fileSystemType(real)
  } catch {
    type = undefined
  }
  return type !== undefined && NETWORK_FILE_SYSTEM.test(type) ? { kind: 'network' } : null
}

/** /proc/self/mountinfo: the file system type of the deepest mount point that holds `path` (Linux). */
export function fileSystemTypeFromMountInfo(mountInfo: string, path: string): string | undefined {
  let best: { mountPoint: string; type: string } | undefined
  for (const line of mountInfo.split('\n')) {
    const [before, after] = line.split(' - ')
    const mountPoint = before?.split(' ')[4]?.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)))
    const type = after?.split(' ')[0]
    if (!mountPoint || !type) continue
    const holds = mountPoint === '/' || path === mountPoint || path.startsWith(`${mountPoint}/`)
    if (holds && (!best || mountPoint.length > best.mountPoint.length)) best = { mountPoint, type }
  }
  return best?.type
}

/** The real file system: realpath (native, so Windows resolves mapped drives), and on Linux the mount table. */
export const systemProbe: MountProbe = {
  realPath: (folder) => realpathSync.native(folder),
  fileSystemType: (folder) => (process.platform === 'linux' ? fileSystemTypeFromMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'), resolve(folder)) : undefined),
}

const HOW_TO_COPY = (where: string): string =>
  `Wilt u een kopie ${where}? Kies op de pagina Reservekopieën 'Hele database opslaan als…' en sla de kopie daar op: zo'n kopie is compleet en kan veilig worden gesynchroniseerd.`

/**
 * The start-up warning for a database in an unsafe folder, in Dutch: what is wrong, that nothing
 * is lost, where to keep the database instead, and how a backup reaches that folder safely.
 */
export function locationWarning(dbPath: string, probe: MountProbe = systemProbe, platform: NodeJS.Platform = process.platform, dataDir = defaultDataDir(process.env, platform)): string | undefined {
  const unsafe = unsafeLocation(dbPath, probe, platform)
  if (!unsafe) return undefined
  const where =
    unsafe.kind === 'synced'
      ? `in een map die ${unsafe.service} synchroniseert (${dbPath}). ${unsafe.service} kopieert het databasebestand en de bestanden ernaast (-wal en -shm) los van elkaar`
      : `op een netwerkmap of netwerkschijf (${dbPath}). Via het netwerk kan de database niet betrouwbaar worden vergrendeld en bijgewerkt`
  const inDefault = samePlace(folderOf(dbPath), dataDir)
  const move = inDefault
    ? 'Vraag de beheerder om de map met programmagegevens op de schijf van deze computer te laten staan, of om een map op die schijf voor de database.'
    : `Bewaar de database in de standaardmap van het programma, ${dataDir}: sluit het programma, verplaats het bestand en de bestanden ernaast die op -wal en -shm eindigen naar die map, en start het programma opnieuw (zonder --db of ${DB_ENV} naar de oude map).`
  const copyTo = unsafe.kind === 'synced' ? `in ${unsafe.service}` : 'op de netwerkmap'
  return `De database staat ${where}; daardoor kan hij beschadigd raken of kunnen wijzigingen verloren gaan. Er is niets verloren en u kunt gewoon doorwerken. ${move} ${HOW_TO_COPY(copyTo)}`
}
