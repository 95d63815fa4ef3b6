import { useCallback, useEffect, useState } from 'react'
import type { ApiInput, ApiOutput, Method } from '../../shared/api.ts'
import { invoke } from './api.ts'
import { useRegisterChanges } from './register-changes.ts'

export interface Loaded<T> {
  /** The last result; kept while a reload runs, so the screen does not flash. */
  data: T | undefined
  error: string | undefined
  loading: boolean
  reload: () => void
}

/** Loads a method's result, again when the input or `key` changes, on reload() or when the register changed; nothing while `enabled` is false. */
export function useLoad<M extends Method>(method: M, input: ApiInput<M>, key = '', enabled = true): Loaded<ApiOutput<M>> {
  const [tick, setTick] = useState(0)
  const [state, setState] = useState<{ request: string; data?: ApiOutput<M>; error?: string }>()
  const inputJson = JSON.stringify(input)
  const request = `${method}\n${inputJson}\n${key}\n${tick}`

  useEffect(() => {
    if (!enabled) return
    let live = true
    invoke(method, JSON.parse(inputJson) as ApiInput<M>).then((r) => {
      if (live) setState(r.ok ? { request, data: r.value } : { request, error: r.error.message })
    })
    return () => {
      live = false
    }
  }, [method, inputJson, request, enabled])

  const reload = useCallback(() => setTick((t) => t + 1), [])
  useRegisterChanges(reload)
  return { data: state?.data, error: state?.error, loading: enabled && state?.request !== request, reload }
}
