// Every pupil in the rollover preview: level now, what happens (over, blijft zitten, gaat een
// jaar over, verlaat de school), level and group next year. Shown per group of this year.
import { useState } from 'react'
import { ROLLOVER_STEPS, STEP_LABELS, type NextGroup, type RolloverStep } from '../../../../shared/schoolyear.ts'
import type { Outcome, PupilChoice } from './rollover-state.ts'
import { ListTable } from '../../components/ListTable.tsx'

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
      <ListTable
        className="compact rollover-pupils"
        rows={list.map((o) => ({ ...o, fits: groups.filter((g) => o.level !== null && g.levels.includes(o.level)) }))}
        rowKey={(o) => o.pupil.pupilId}
        columns={[
          { header: 'Leerling', render: ({ pupil }) => pupil.name },
          { header: 'Groep nu', render: ({ pupil }) => pupil.groupName },
          {
            header: 'Leerjaar nu',
            render: ({ pupil }) => (
              <>
                {pupil.yearLevel ?? <span className="error">onbekend</span>}
                {pupil.yearLevelUnsure && <span className="badge ask-again"> nagaan</span>}
              </>
            ),
          },
          {
            header: 'Volgend jaar',
            render: ({ pupil, step }) => (
              <select aria-label={`Volgend jaar voor ${pupil.name}`} value={step} onChange={(e) => onChoice(pupil.pupilId, { step: e.target.value as RolloverStep, picked: null })}>
                {ROLLOVER_STEPS.map((s) => (
                  <option key={s} value={s}>
                    {STEP_LABELS[s]}
                  </option>
                ))}
              </select>
            ),
          },
          { header: 'Leerjaar', render: ({ target, level }) => (target === null ? '' : level) },
          {
            header: 'Groep volgend jaar',
            render: ({ pupil, step, target, level, fits }) =>
              target === null ? (
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
              ),
          },
        ]}
      />
    </section>
  )
}
