// The school's settings (key and value) and the school years they point at.
import type { Db } from '../db/open.ts'
import { statement } from '../db/statements.ts'

export type SettingKey = 'schoolName' | 'schoolYear' | 'staffName' | 'setupDone' | 'demo'

export function allSettings(db: Db): Map<string, string> {
  const rows = statement(db, `SELECT key, value FROM school_settings`).all() as { key: string; value: string }[]
  return new Map(rows.map((r) => [r.key, r.value]))
}

/** One stored setting (also the documents' and the retention's keys), undefined when not set. */
export function settingValue(db: Db, key: string): string | undefined {
  return statement(db, `SELECT value FROM school_settings WHERE key = ?`, 'pluck').get(key) as string | undefined
}

export function deleteSetting(db: Db, key: string): void {
  statement(db, `DELETE FROM school_settings WHERE key = ?`).run(key)
}

export function putSetting(db: Db, key: SettingKey | (string & {}), value: string): void {
  statement(db, `INSERT INTO school_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, value)
}

export function schoolYearIdByName(db: Db, name: string): number | undefined {
  return statement(db, `SELECT id FROM school_years WHERE name = ?`, 'pluck').get(name) as number | undefined
}

/** A school year from 1 August to 31 July; nothing happens when it is already there. */
export function addSchoolYear(db: Db, name: string, startsOn: string, endsOn: string): void {
  statement(db, `INSERT INTO school_years (name, starts_on, ends_on) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING`).run(name, startsOn, endsOn)
}
