// The sync-folder and network-share check, for every kind of place a school keeps files.
import { describe, expect, it } from 'vitest'
import { fileSystemTypeFromMountInfo, locationWarning, unsafeLocation, type MountProbe } from '../../electron/core/db/location.ts'

/** A local disk: paths resolve to themselves, the file system is ext4 (or NTFS). */
const local: MountProbe = { realPath: (p) => p, fileSystemType: () => 'ext4' }
const on = (type: string): MountProbe => ({ realPath: (p) => p, fileSystemType: () => type })

describe('a database in a synchronised folder', () => {
  it.each([
    ['C:\\Users\\ans\\OneDrive\\Documenten\\school.sqlite', 'OneDrive'],
    ['C:\\Users\\ans\\OneDrive - Stichting Primair Onderwijs Noord\\Administratie\\school.sqlite', 'OneDrive'],
    ['/Users/ans/Library/CloudStorage/OneDrive-StichtingX/school.sqlite', 'OneDrive'],
    ['D:\\Dropbox\\school.sqlite', 'Dropbox'],
    ['C:\\Users\\ans\\Dropbox (OBS De Linde)\\register\\school.sqlite', 'Dropbox'],
    ['G:\\Mijn Drive\\Toestemming\\school.sqlite', 'Google Drive'],
    ['G:\\My Drive\\school.sqlite', 'Google Drive'],
    ['G:\\Gedeelde drives\\Administratie\\school.sqlite', 'Google Drive'],
    ['/Users/ans/Google Drive/Mijn Drive/school.sqlite', 'Google Drive'],
    ['/Users/ans/Library/CloudStorage/GoogleDrive-ans@delinde.nl/Mijn Drive/school.sqlite', 'Google Drive'],
    ['C:\\Users\\ans\\iCloudDrive\\school.sqlite', 'iCloud Drive'],
    ['/Users/ans/Library/Mobile Documents/com~apple~CloudDocs/school.sqlite', 'iCloud Drive'],
    ['/home/ans/Nextcloud/school.sqlite', 'Nextcloud'],
    ['C:\\Users\\ans\\ownCloud - ans@cloud.school.nl\\school.sqlite', 'ownCloud'],
  ])('%s is in %s', (path, service) => {
    expect(unsafeLocation(path, local, path.startsWith('/') ? 'linux' : 'win32')).toEqual({ kind: 'synced', service })
  })

  it('also when only the real path shows it (a link or junction into OneDrive)', () => {
    const linked: MountProbe = { realPath: () => 'C:\\Users\\ans\\OneDrive - Stichting X\\Bureaublad', fileSystemType: () => 'NTFS' }
    expect(unsafeLocation('C:\\Users\\ans\\Desktop\\school.sqlite', linked, 'win32')).toEqual({ kind: 'synced', service: 'OneDrive' })
  })
})

describe('a database on a network share', () => {
  it.each(['\\\\server\\administratie\\school.sqlite', '//nas/admin/school.sqlite', '\\\\?\\UNC\\server\\share\\school.sqlite'])('%s (UNC) on Windows', (path) => {
    expect(unsafeLocation(path, local, 'win32')).toEqual({ kind: 'network' })
  })

  it('a mapped network drive: Windows resolves Z: to the share', () => {
    const mapped: MountProbe = { realPath: () => '\\\\fileserver\\administratie\\register', fileSystemType: () => undefined }
    expect(unsafeLocation('Z:\\register\\school.sqlite', mapped, 'win32')).toEqual({ kind: 'network' })
  })

  it.each(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'fuse.sshfs', 'fuse.rclone', 'fuse.gvfsd-fuse', 'davfs'])('a %s mount on Linux or macOS', (type) => {
    expect(unsafeLocation('/mnt/school/school.sqlite', on(type), 'linux')).toEqual({ kind: 'network' })
  })
})

describe('an ordinary local folder', () => {
  it.each([
    ['C:\\Users\\ans\\AppData\\Roaming\\Toestemmingsregister\\toestemmingsregister.sqlite', 'win32', 'NTFS'],
    ['\\\\?\\C:\\Toestemmingsregister\\school.sqlite', 'win32', 'NTFS'],
    ['/home/ans/.config/Toestemmingsregister/toestemmingsregister.sqlite', 'linux', 'ext4'],
    ['//home/ans/school.sqlite', 'linux', 'btrfs'],
    ['/media/ans/USB/school.sqlite', 'linux', 'fuseblk'],
    ['/home/ans/Documenten/Dropboxen-oud/school.sqlite', 'linux', 'ext4'],
    ['/home/ans/OneDriveBackup/school.sqlite', 'linux', 'ext4'],
  ])('%s is safe', (path, platform, type) => {
    expect(unsafeLocation(path, on(type), platform as NodeJS.Platform)).toBeNull()
  })

  it('a probe that fails judges by the name only', () => {
    const failing: MountProbe = {
      realPath: () => {
        throw new Error('EACCES')
      },
      fileSystemType: () => {
        throw new Error('EACCES')
      },
    }
    expect(unsafeLocation('/home/ans/school.sqlite', failing, 'linux')).toBeNull()
    expect(unsafeLocation('/home/ans/Dropbox/school.sqlite', failing, 'linux')).toEqual({ kind: 'synced', service: 'Dropbox' })
  })
})

describe('the mount table', () => {
  const MOUNTINFO = [
    '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
    '40 22 0:35 / /home rw,relatime shared:2 - btrfs /dev/sda2 rw',
    '51 40 0:48 / /home/ans/Gedeelde\\040map rw,relatime shared:3 - cifs //nas/admin rw,vers=3.0',
    '52 22 0:49 / /mnt/nfs rw - nfs4 nas:/export rw',
  ].join('\n')

  it('gives the type of the deepest mount point that holds the folder', () => {
    expect(fileSystemTypeFromMountInfo(MOUNTINFO, '/home/ans/Gedeelde map/register')).toBe('cifs')
    expect(fileSystemTypeFromMountInfo(MOUNTINFO, '/home/ans/Documenten')).toBe('btrfs')
    expect(fileSystemTypeFromMountInfo(MOUNTINFO, '/mnt/nfs')).toBe('nfs4')
    expect(fileSystemTypeFromMountInfo(MOUNTINFO, '/mnt/nfsx')).toBe('ext4')
  })
})

describe('the warning', () => {
  it('says in Dutch what is wrong, that nothing is lost, where the database belongs and how a copy gets to OneDrive', () => {
    const path = 'C:\\Users\\ans\\OneDrive - Stichting X\\school.sqlite'
    const message = locationWarning(path, local, 'win32', 'C:\\Users\\ans\\AppData\\Roaming\\Toestemmingsregister')
    expect(message).toContain(`in een map die OneDrive synchroniseert (${path})`)
    expect(message).toContain('Er is niets verloren en u kunt gewoon doorwerken.')
    expect(message).toContain('Bewaar de database in de standaardmap van het programma, C:\\Users\\ans\\AppData\\Roaming\\Toestemmingsregister')
    expect(message).toContain("Wilt u een kopie in OneDrive? Kies op de pagina Reservekopieën 'Hele database opslaan als…'")
  })

  it('for a network share in the default folder itself (a roaming profile), asks for the administrator', () => {
    const message = locationWarning('\\\\server\\profielen\\ans\\Toestemmingsregister\\toestemmingsregister.sqlite', local, 'win32', '\\\\server\\profielen\\ans\\Toestemmingsregister')
    expect(message).toContain('op een netwerkmap of netwerkschijf')
    expect(message).toContain('Vraag de beheerder')
    expect(message).toContain('Wilt u een kopie op de netwerkmap?')
  })

  it('is absent for a local folder and for a database in memory', () => {
    expect(locationWarning('/home/ans/.config/Toestemmingsregister/toestemmingsregister.sqlite', local, 'linux')).toBeUndefined()
    expect(locationWarning(':memory:', local, 'linux')).toBeUndefined()
  })
})
