// The quick way through a copier's PDF: most copiers write each page as one picture and nothing
// else: a JPEG (DCT), or for grey and black-and-white scans a Flate-compressed grey, colour or
// 1-bit picture, or a CCITT (fax) one. Those pictures go to sharp as they are (a JPEG decoded in
// C and shrunk while decoding; a Flate picture unpacked to pixels by flate-image.ts; a CCITT one
// wrapped as a TIFF by fax-image.ts) instead of through pdf.js, several times quicker. Only for a
// plainly written file: the page tree, each page's resources and its content are read from
// ordinary objects; a page that draws text, several images, or a picture of another kind (JBIG2,
// a mask, a colour space of its own), and any file that hides its objects in compressed object
// streams, returns undefined for that page: pdf.js draws it.
import { inflateSync } from 'node:zlib'

type Ref = number

const REF = /(\d+)\s+\d+\s+R/

interface Parsed {
  text: string
  offsets: Map<Ref, number>
}

function parse(bytes: Buffer): Parsed {
  const text = bytes.toString('latin1')
  const offsets = new Map<Ref, number>()
  for (const m of text.matchAll(/(?:^|[\r\n\s])(\d+)\s+(\d+)\s+obj\b/g)) offsets.set(Number(m[1]), (m.index ?? 0) + m[0].length)
  return { text, offsets }
}

/** An object's dictionary (or value) text: up to its stream or its end. */
function body(p: Parsed, ref: Ref): string | undefined {
  const at = p.offsets.get(ref)
  if (at === undefined) return undefined
  const end = p.text.indexOf('endobj', at)
  const stream = p.text.indexOf('stream', at)
  const stop = stream >= 0 && (end < 0 || stream < end) ? stream : end
  return stop < 0 ? undefined : p.text.slice(at, stop)
}

function streamBytes(p: Parsed, bytes: Buffer, ref: Ref, dict: string): Buffer | undefined {
  const at = p.offsets.get(ref)
  if (at === undefined) return undefined
  const kw = p.text.indexOf('stream', at)
  if (kw < 0) return undefined
  let start = kw + 'stream'.length
  if (p.text[start] === '\r') start++
  if (p.text[start] === '\n') start++
  const lengthText = /\/Length\s+(\d+\s+\d+\s+R|\d+)/.exec(dict)?.[1]
  if (!lengthText) return undefined
  const ref2 = REF.exec(lengthText)
  const length = ref2 ? Number(body(p, Number(ref2[1]))?.trim()) : Number(lengthText)
  if (!Number.isInteger(length) || length <= 0 || start + length > bytes.length) return undefined
  return bytes.subarray(start, start + length)
}

/** The value of `/Key` in a dictionary: a reference, or the dictionary written in place. */
function entry(p: Parsed, dict: string, key: string): string | undefined {
  const at = dict.search(new RegExp(`/${key}(?![A-Za-z])`))
  if (at < 0) return undefined
  const rest = dict.slice(at + key.length + 1).trimStart()
  const ref = /^(\d+)\s+\d+\s+R/.exec(rest)
  if (ref) return body(p, Number(ref[1]))
  if (rest.startsWith('<<')) {
    let depth = 0
    for (let i = 0; i < rest.length - 1; i++) {
      if (rest[i] === '<' && rest[i + 1] === '<') {
        depth++
        i++
      } else if (rest[i] === '>' && rest[i + 1] === '>') {
        depth--
        i++
        if (depth === 0) return rest.slice(0, i + 1)
      }
    }
    return undefined
  }
  return rest.startsWith('[') ? rest.slice(0, rest.indexOf(']') + 1) : rest.split(/[\s/]/)[0]
}

function pageRefs(p: Parsed, ref: Ref, out: Ref[], depth = 0): boolean {
  const dict = body(p, ref)
  if (!dict || depth > 20 || out.length > 5000) return false
  if (/\/Type\s*\/Pages\b/.test(dict)) {
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1]
    if (kids === undefined) return false
    for (const m of kids.matchAll(/(\d+)\s+\d+\s+R/g)) if (!pageRefs(p, Number(m[1]), out, depth + 1)) return false
    return true
  }
  if (!/\/Type\s*\/Page\b/.test(dict)) return false
  out.push(ref)
  return true
}

/** A Flate picture as the PDF describes it; its bytes still compressed. */
export interface FlatePicture {
  bytes: Buffer
  width: number
  height: number
  bits: 1 | 8
  channels: 1 | 3
  /** The PNG predictor the rows were written with (10-15), or 1 for none. */
  predictor: number
  /** /Decode [1 0]: dark and light swapped. */
  inverted: boolean
}

/** A CCITT (fax) picture, 1 bit a pixel: the bytes as they are, and how a TIFF reader must take them. */
export interface FaxPicture {
  bytes: Buffer
  width: number
  height: number
  /** The PDF's /K: below 0 Group 4, 0 Group 3 one-dimensional, above 0 Group 3 two-dimensional. */
  k: number
  /** TIFF's PhotometricInterpretation for these bits: 0 when a coded black run shows black. */
  photometric: 0 | 1
}

export type PagePicture = { kind: 'jpeg'; bytes: Buffer } | ({ kind: 'flate' } & FlatePicture) | ({ kind: 'fax' } & FaxPicture)

const num = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+)(?![\\d.\\s]*R)`).exec(dict)
  return m ? Number(m[1]) : undefined
}

/** A Flate image's description, when it is one this reader unpacks itself: grey or RGB, 8-bit, or 1-bit grey. */
function flatePicture(p: Parsed, bytes: Buffer, ref: Ref, image: string): PagePicture | undefined {
  if (!/\/Filter\s*(\/FlateDecode|\[\s*\/FlateDecode\s*\])/.test(image) || /\/(ImageMask\s+true|SMask|Mask)\b/.test(image)) return undefined
  const space = /\/ColorSpace\s*\/(DeviceGray|DeviceRGB)\b/.exec(image)?.[1]
  const width = num(image, 'Width')
  const height = num(image, 'Height')
  const bits = num(image, 'BitsPerComponent')
  if (!space || !width || !height || (bits !== 1 && bits !== 8) || (bits === 1 && space !== 'DeviceGray')) return undefined
  const channels = space === 'DeviceGray' ? 1 : 3
  const parms = entry(p, image, 'DecodeParms')
  const predictor = (parms ? num(parms, 'Predictor') : undefined) ?? 1
  if (predictor !== 1 && (predictor < 10 || predictor > 15)) return undefined
  // The predictor's own description of the rows must be the picture's.
  if (parms && predictor !== 1 && ((num(parms, 'Colors') ?? 1) !== channels || (num(parms, 'BitsPerComponent') ?? 8) !== bits || (num(parms, 'Columns') ?? 1) !== width)) return undefined
  const decode = /\/Decode\s*\[([^\]]*)\]/.exec(image)?.[1]?.trim().split(/\s+/).map(Number)
  const inverted = decode !== undefined && decode[0] === 1 && decode[1] === 0
  if (decode !== undefined && !inverted && !(decode[0] === 0 && decode[1] === 1)) return undefined
  const data = streamBytes(p, bytes, ref, image)
  return data ? { kind: 'flate', bytes: data, width, height, bits, channels, predictor, inverted } : undefined
}

const flag = (dict: string, key: string): boolean | undefined => {
  const m = new RegExp(`/${key}\\s+(true|false)\\b`).exec(dict)
  return m ? m[1] === 'true' : undefined
}

/** A black-and-white copier's CCITT picture, when sharp can read it as a TIFF strip. */
function faxPicture(p: Parsed, bytes: Buffer, ref: Ref, image: string): PagePicture | undefined {
  if (!/\/Filter\s*(\/CCITTFaxDecode|\[\s*\/CCITTFaxDecode\s*\])/.test(image) || /\/(ImageMask\s+true|SMask|Mask)\b/.test(image)) return undefined
  const width = num(image, 'Width')
  const height = num(image, 'Height')
  if (!/\/ColorSpace\s*\/DeviceGray\b/.test(image) || num(image, 'BitsPerComponent') !== 1 || !width || !height) return undefined
  const parms = entry(p, image, 'DecodeParms') ?? ''
  const k = Number(/\/K\s+(-?\d+)/.exec(parms)?.[1] ?? 0)
  if ((num(parms, 'Columns') ?? 1728) !== width || (num(parms, 'Rows') ?? height) !== height || flag(parms, 'EncodedByteAlign')) return undefined
  const decode = /\/Decode\s*\[([^\]]*)\]/.exec(image)?.[1]?.trim().split(/\s+/).map(Number)
  const inverted = decode !== undefined && decode[0] === 1 && decode[1] === 0
  if (decode !== undefined && !inverted && !(decode[0] === 0 && decode[1] === 1)) return undefined
  const data = streamBytes(p, bytes, ref, image)
  // /BlackIs1 false (the default): a coded black run is a 0 sample, black; as TIFF's white-is-zero.
  const photometric = (flag(parms, 'BlackIs1') ?? false) !== inverted ? 1 : 0
  return data ? { kind: 'fax', bytes: data, width, height, k, photometric } : undefined
}

function pagePicture(p: Parsed, bytes: Buffer, ref: Ref): PagePicture | undefined {
  const page = body(p, ref)
  if (!page) return undefined
  const resources = entry(p, page, 'Resources')
  const xobjects = resources ? entry(p, resources, 'XObject') : undefined
  const images = xobjects ? [...xobjects.matchAll(/\/[^\s/<>[\]]+\s+(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1])) : []
  if (images.length !== 1 || (resources && /\/Font\b/.test(resources))) return undefined
  const imageRef = images[0] as number
  const image = body(p, imageRef)
  if (!image || !/\/Subtype\s*\/Image\b/.test(image)) return undefined
  const jpeg = /\/Filter\s*(\/DCTDecode|\[\s*\/DCTDecode\s*\])/.test(image)
  if (!jpeg && !/\/(FlateDecode|CCITTFaxDecode)/.test(image)) return undefined
  // The content must do no more than place that one picture.
  const contentsRef = /\/Contents\s+(\d+)\s+\d+\s+R/.exec(page)?.[1]
  if (!contentsRef) return undefined
  const contentsDict = body(p, Number(contentsRef))
  const raw = contentsDict ? streamBytes(p, bytes, Number(contentsRef), contentsDict) : undefined
  if (!raw || !contentsDict) return undefined
  let content: string
  try {
    content = (/\/FlateDecode/.test(contentsDict) ? inflateSync(raw, { maxOutputLength: 1 << 16 }) : raw).toString('latin1')
  } catch {
    return undefined
  }
  if ((content.match(/\bDo\b/g) ?? []).length !== 1 || /\b(Tj|TJ|re|BI)\b/.test(content)) return undefined
  if (!jpeg) return /\/CCITTFaxDecode/.test(image) ? faxPicture(p, bytes, imageRef, image) : flatePicture(p, bytes, imageRef, image)
  const data = streamBytes(p, bytes, imageRef, image)
  return data && data[0] === 0xff && data[1] === 0xd8 ? { kind: 'jpeg', bytes: data } : undefined
}

/** Per page, its JPEG when the page is only that; undefined for the whole file when its structure is not plain. */
export function singleJpegPages(bytes: Buffer): (Buffer | undefined)[] | undefined {
  return singlePicturePages(bytes)?.map((picture) => (picture?.kind === 'jpeg' ? picture.bytes : undefined))
}

/** Per page, its one picture when the page is only that; undefined for the whole file when its structure is not plain. */
export function singlePicturePages(bytes: Buffer): (PagePicture | undefined)[] | undefined {
  try {
    const p = parse(bytes)
    const trailerRoot = [...p.text.matchAll(/\/Root\s+(\d+)\s+\d+\s+R/g)].at(-1)?.[1]
    const catalog = trailerRoot ? body(p, Number(trailerRoot)) : undefined
    const pagesRef = catalog ? /\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalog)?.[1] : undefined
    if (!pagesRef) return undefined
    const pages: Ref[] = []
    if (!pageRefs(p, Number(pagesRef), pages)) return undefined
    return pages.map((ref) => pagePicture(p, bytes, ref))
  } catch {
    return undefined
  }
}
