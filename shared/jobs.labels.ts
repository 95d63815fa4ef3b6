// What a stopped long job says, without zod (see jobs.contract.ts).

/** What a stopped job answers (code 'cancelled'); the wizard says the same when the answer came too late to stop and is dropped. */
export const JOB_CANCELLED_MESSAGE = 'Gestopt op uw verzoek. Er is niets opgeslagen of gewijzigd. U kunt opnieuw beginnen wanneer u wilt.'
