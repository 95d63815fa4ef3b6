// A page as the reader works on it: 8-bit grey pixels, row by row, and how to sample it.
export interface Gray {
  data: Uint8Array
  width: number
  height: number
}

/** The pixel nearest (x, y), or paper white outside the picture. */
export function at(img: Gray, x: number, y: number): number {
  const ix = Math.round(x)
  const iy = Math.round(y)
  if (ix < 0 || iy < 0 || ix >= img.width || iy >= img.height) return 255
  return img.data[iy * img.width + ix] as number
}
