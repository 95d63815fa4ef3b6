// Every pupil in the rollover preview: level now, what happens (over, blijft zitten, gaat een
// jaar over, verlaat de school), level and group next year. Shown per group of this year.
import { useState } from 'react'
import { ROLLOVER_STEPS, STEP_LABELS, type NextGroup, type RolloverStep } from '../../../../shared/schoolyear.ts'
import type { Outcome, PupilChoice } from './rollover-state.ts'

export function RolloverPupils({ outcomes, groups, onChoice }: { outcomes: Outcome[]; groups: NextGroup[]; onChoice: (pupilId: number, choice: PupilChoice) => void }) {
  const groupNames = [...new Set(outcomes.map((o) => o.pupil.groupName))]
  const [shown, setShown] = useState('')
  const toCheck = outcomes.filter((o) => o.pupil.yearLevel === null || o.pupil.yearLevelUnsure)
  const list = shown === '' ? outcomes : shown === '?' ? toCheck : outcomes.filter((o) => o.pupil.groupName === shown)
  return (
    <section className="card">
      <h2>Leerlingen</h2>
      <label className="check inline-check">
        Toon groep{' '}
        <select aria-label="Toon leerlingen van groep" value={shown} onChange={(e) => setShown(e.target.value)}>
          <option value="">alle groepen ({outcomes.length})</option>
          {toCheck.length > 0 && <option value="?">leerjaar nagaan of onbekend ({toCheck.length})</option>}
          {groupNames.map((g) => (
            <option key={g} value={g}>
              groep {g}
            </option>
          ))}
        </select>
      </label>
      <table className="list compact rollover-pupils">
        <thead>
          <tr>
            <th>Leerling</th>
            <th>Groep nu</th>
            <th>Leerjaar nu</th>
            <th>Volgend jaar</th>
            <th>Leerjaar</th>
            <th>Groep volgend jaar</th>
          </tr>
        </thead>
        <tbody>
          {list.map(({ pupil, step, target, level }) => {
            const fits = groups.filter((g) => level !== null && g.levels.includes(level))
            return (
              <tr key={pupil.pupilId}>
                <td>{pupil.name}</td>
                <td>{pupil.groupName}</td>
                <td>
                  {pupil.yearLevel ?? <span className="error">onbekend</span>}
                  {pupil.yearLevelUnsure && <span className="badge ask-again"> nagaan</span>}
                </td>
                <td>
                  <select aria-label={`Volgend jaar voor ${pupil.name}`} value={step} onChange={(e) => onChoice(pupil.pupilId, { step: e.target.value as RolloverStep, picked: null })}>
                    {ROLLOVER_STEPS.map((s) => (
                      <option key={s} value={s}>
                        {STEP_LABELS[s]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{target === null ? '' : level}</td>
                <td>
                  {target === null ? (
                    <span className="muted">{pupil.yearLevel === null && step !== 'leave' ? 'vul eerst het leerjaar in' : 'verlaat de school'}</span>
                  ) : fits.length === 0 ? (
                    <span className="error">geen groep met leerjaar {level}</span>
                  ) : (
                    <select aria-label={`Groep volgend jaar voor ${pupil.name}`} value={target} onChange={(e) => onChoice(pupil.pupilId, { step, picked: e.target.value })}>
                      {fits.map((g) => (
                        <option key={g.name} value={g.name}>
                          {g.name}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
