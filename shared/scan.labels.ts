// The scan's Dutch size refusal, without zod, so the renderer can use it without the contract (see scan.contract.ts).

/** The Dutch refusal of a scan (or a choice of files) over the reader's cap, from the sizes alone: nothing is read. */
export function scanTooLargeMessage(what: string, bytes: number, limit: number): string {
  const mb = (n: number): string => Math.round(n / (1024 * 1024)).toLocaleString('nl-NL')
  return `${what} is ${mb(bytes)} MB; de grens is ${mb(limit)} MB per keer. Er is niets gelezen of vastgelegd. Scan de formulieren in delen (bijvoorbeeld per groep, of in zwart-wit op 200 dpi) en kies die bestanden een voor een.`
}
