// The quick way through a copier's PDF: most copiers write each page as one JPEG and nothing else.
// Those JPEG bytes go to sharp as they are (decoded in C, shrunk while decoding) instead of
// through pdf.js, several times quicker. Only for a plainly written file: the page tree, each
// page's resources and its content are read from ordinary objects; a page that draws text,
// several images, or a picture that is not a DCT (JPEG) stream, and any file that hides its
// objects in compressed object streams, returns undefined for that page, and pdf.js draws it.
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

function pageJpeg(p: Parsed, bytes: Buffer, ref: Ref): Buffer | undefined {
  const page = body(p, ref)
  if (!page) return undefined
  const resources = entry(p, page, 'Resources')
  const xobjects = resources ? entry(p, resources, 'XObject') : undefined
  const images = xobjects ? [...xobjects.matchAll(/\/[^\s/<>[\]]+\s+(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1])) : []
  if (images.length !== 1 || (resources && /\/Font\b/.test(resources))) return undefined
  const imageRef = images[0] as number
  const image = body(p, imageRef)
  if (!image || !/\/Subtype\s*\/Image\b/.test(image) || !/\/Filter\s*(\/DCTDecode|\[\s*\/DCTDecode\s*\])/.test(image)) return undefined
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
  const jpeg = streamBytes(p, bytes, imageRef, image)
  return jpeg && jpeg[0] === 0xff && jpeg[1] === 0xd8 ? jpeg : undefined
}

/** Per page, its JPEG when the page is only that; undefined for the whole file when its structure is not plain. */
export function singleJpegPages(bytes: Buffer): (Buffer | undefined)[] | undefined {
  try {
    const p = parse(bytes)
    const trailerRoot = [...p.text.matchAll(/\/Root\s+(\d+)\s+\d+\s+R/g)].at(-1)?.[1]
    const catalog = trailerRoot ? body(p, Number(trailerRoot)) : undefined
    const pagesRef = catalog ? /\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalog)?.[1] : undefined
    if (!pagesRef) return undefined
    const pages: Ref[] = []
    if (!pageRefs(p, Number(pagesRef), pages)) return undefined
    return pages.map((ref) => pageJpeg(p, bytes, ref))
  } catch {
    return undefined
  }
}
