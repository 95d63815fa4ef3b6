// An OLE2 compound file shaped like the one Excel writes for 'Versleutelen met wachtwoord': an
// encrypted workbook is not a ZIP but this container with the streams EncryptionInfo (agile
// encryption, version 4.4) and EncryptedPackage. Contents are placeholders; LibreOffice 7.4 here
// cannot save OOXML with a password, and the import only has to recognise the container.
const SECTOR = 512
const FREE = 0xffffffff
const END = 0xfffffffe
const FATSECT = 0xfffffffd

function entry(name: string, type: number, child: number, right: number, start: number, size: number): Buffer {
  const e = Buffer.alloc(128)
  const n = Buffer.from(`${name}\u0000`, 'utf16le')
  n.copy(e, 0)
  e.writeUInt16LE(name === '' ? 0 : n.length, 64)
  e.writeUInt8(type, 66)
  e.writeUInt8(1, 67) // black
  e.writeUInt32LE(FREE, 68) // left
  e.writeUInt32LE(right, 72)
  e.writeUInt32LE(child, 76)
  e.writeUInt32LE(start, 116)
  e.writeUInt32LE(size, 120)
  return e
}

export function encryptedWorkbookContainer(): Buffer {
  const info = Buffer.alloc(4096)
  const xml = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>',
  )
  Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]).copy(info, 0)
  xml.copy(info, 8)
  const pkg = Buffer.alloc(4096, 0xa5)
  pkg.writeUInt32LE(4000, 0)
  const header = Buffer.alloc(SECTOR, 0)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0)
  header.writeUInt16LE(0x3e, 24)
  header.writeUInt16LE(3, 26)
  header.writeUInt16LE(0xfffe, 28)
  header.writeUInt16LE(9, 30)
  header.writeUInt16LE(6, 32)
  header.writeUInt32LE(1, 44) // FAT sectors
  header.writeUInt32LE(1, 48) // first directory sector
  header.writeUInt32LE(4096, 56) // mini stream cutoff
  header.writeUInt32LE(END, 60) // no mini FAT
  header.writeUInt32LE(0, 64)
  header.writeUInt32LE(END, 68) // no DIFAT sectors
  header.writeUInt32LE(0, 72)
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE, 76 + i * 4)
  const fat = Buffer.alloc(SECTOR, 0xff)
  const chain = (from: number, count: number): void => {
    for (let i = 0; i < count; i++) fat.writeUInt32LE(i === count - 1 ? END : from + i + 1, (from + i) * 4)
  }
  fat.writeUInt32LE(FATSECT, 0)
  fat.writeUInt32LE(END, 4)
  chain(2, 8)
  chain(10, 8)
  const dir = Buffer.concat([entry('Root Entry', 5, 1, FREE, END, 0), entry('EncryptionInfo', 2, FREE, 2, 2, info.length), entry('EncryptedPackage', 2, FREE, FREE, 10, pkg.length), entry('', 0, FREE, FREE, 0, 0)])
  return Buffer.concat([header, fat, dir, info, pkg])
}
