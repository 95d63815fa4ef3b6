import type { Database } from 'better-sqlite3'

// Year levels (leerjaar 1-8). A group says which levels it holds ('1,2' for '1/2a'); a pupil has
// the level within the group. Existing pupils are migrated: a single-level group gives its level;
// in a combination group the level is estimated from the birth date (age on 1 October of the
// school year, minus 3, kept within the group's levels) and marked 'nagaan' (year_level_unsure)
// until someone confirms it. The rules are written out here, not imported: a shipped migration
// must keep doing what it did when later code changes.
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE groups ADD COLUMN year_levels TEXT NOT NULL DEFAULT '' CHECK (year_levels = '' OR year_levels GLOB '[1-8]*');
    ALTER TABLE pupils ADD COLUMN year_level INTEGER CHECK (year_level BETWEEN 1 AND 8);
    ALTER TABLE pupils ADD COLUMN year_level_unsure INTEGER NOT NULL DEFAULT 0 CHECK (year_level_unsure IN (0, 1));
  `)
  const setGroup = db.prepare(`UPDATE groups SET year_levels = ? WHERE id = ?`)
  const groups = db.prepare(`SELECT id, name FROM groups`).all() as { id: number; name: string }[]
  const levelsOf = new Map<number, number[]>()
  for (const g of groups) {
    const levels = levelsOfName(g.name)
    levelsOf.set(g.id, levels)
    setGroup.run(levels.join(','), g.id)
  }
  const current = db.prepare(`SELECT value FROM school_settings WHERE key = 'schoolYear'`).pluck().get() as string | undefined
  // Each pupil's newest membership: the current school year's, or the last one they had.
  const rows = db
    .prepare(
      `SELECT m.pupil_id AS pupilId, m.group_id AS groupId, p.birth_date AS birthDate, y.name AS yearName
         FROM group_memberships m JOIN pupils p ON p.id = m.pupil_id JOIN school_years y ON y.id = m.school_year_id
        WHERE y.name = (SELECT max(y2.name) FROM group_memberships m2 JOIN school_years y2 ON y2.id = m2.school_year_id
                         WHERE m2.pupil_id = m.pupil_id AND (@current IS NULL OR y2.name <= @current))`,
    )
    .all({ current: current ?? null }) as { pupilId: number; groupId: number; birthDate: string | null; yearName: string }[]
  const setPupil = db.prepare(`UPDATE pupils SET year_level = ?, year_level_unsure = ? WHERE id = ?`)
  for (const r of rows) {
    const levels = levelsOf.get(r.groupId) ?? []
    if (levels.length === 0) continue
    if (levels.length === 1) {
      setPupil.run(levels[0], 0, r.pupilId)
      continue
    }
    const estimate = r.birthDate ? ageOnFirstOctober(r.birthDate, Number(r.yearName.slice(0, 4))) - 3 : (levels[0] as number)
    const level = Math.min(Math.max(estimate, levels[0] as number), levels.at(-1) as number)
    setPupil.run(level, 1, r.pupilId)
  }
}

/** '3' -> [3], '7b' -> [7], '1/2a' -> [1, 2], '4-5' -> [4, 5], 'Instroom' -> []. */
function levelsOfName(name: string): number[] {
  const m = /^\s*([1-8])(?:\s*[/-]\s*([1-8]))?(?![0-9])/.exec(name)
  if (!m) return []
  const from = Number(m[1])
  const to = m[2] === undefined ? from : Number(m[2])
  if (to < from) return [from]
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

function ageOnFirstOctober(birthDate: string, year: number): number {
  const [y, mo, d] = birthDate.split('-').map(Number) as [number, number, number]
  const beforeBirthday = mo > 10 || (mo === 10 && d > 1)
  return year - y - (beforeBirthday ? 1 : 0)
}
