// The scan's size limit and its Dutch refusal, without zod: the scan screen checks before sending (see scan.contract.ts).

/** Per file and per scan (all files together); the harness and IPC carry base64 (a third more). Larger scans: split them on the copier. */
export const MAX_SCAN_FILE_BYTES = 40 * 1024 * 1024

/** The Dutch refusal of a scan (or a choice of files) over MAX_SCAN_FILE_BYTES; nothing is read. */
export function scanTooLargeMessage(what: string, bytes: number): string {
  const mb = Math.round(bytes / (1024 * 1024)).toLocaleString('nl-NL')
  return `${what} is ${mb} MB; de grens is ${MAX_SCAN_FILE_BYTES / (1024 * 1024)} MB per keer. Er is niets gelezen of vastgelegd. Scan de formulieren in delen (bijvoorbeeld per groep, of in zwart-wit op 200 dpi) en kies die bestanden een voor een.`
}
