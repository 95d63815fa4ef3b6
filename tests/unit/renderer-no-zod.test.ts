// The renderer validates nothing with zod (the core does, at dispatch), so no module it loads may
// load zod: a screen that took a label from a contract file would bundle all of zod. Follows every
// import that stays in the bundle (type-only imports are erased) from renderer/src through shared/.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

/** The specifiers a module loads at run time: not `import type`, not braces holding only types. */
function loadedImports(source: string): string[] {
  const found: string[] = []
  const statement = /^\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm
  for (const m of source.matchAll(statement)) {
    if (m[5]) {
      found.push(m[5])
      continue
    }
    const [, , typeOnly, clause = '', specifier = ''] = m
    if (typeOnly) continue
    const braces = /^\{([^}]*)\}$/.exec(clause.trim())
    if (braces) {
      const names = (braces[1] ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
      if (names.length > 0 && names.every((n) => n.startsWith('type '))) continue
    }
    found.push(specifier)
  }
  return found
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
}

/** Every module that loads zod, with the chain of imports from a renderer file that reaches it. */
function zodChains(): string[] {
  const chains: string[] = []
  const seen = new Set<string>()
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const specifier of loadedImports(readFileSync(file, 'utf8'))) {
      if (specifier === 'zod' || specifier.startsWith('zod/')) chains.push([...chain, relative(root, file), 'zod'].join(' -> '))
      else if (specifier.startsWith('.') && /\.tsx?$/.test(specifier)) visit(resolve(dirname(file), specifier), [...chain, relative(root, file)])
    }
  }
  for (const file of sourceFiles(join(root, 'renderer/src'))) visit(file, [])
  return chains
}

describe('the renderer bundle', () => {
  it('loads no module that loads zod', () => {
    expect(zodChains()).toEqual([])
  })

  it('is checked by a reader that sees a loaded zod import and skips type-only ones', () => {
    expect(loadedImports("import { z } from 'zod'\n")).toEqual(['zod'])
    expect(loadedImports("import { A, type B } from './x.contract.ts'\n")).toEqual(['./x.contract.ts'])
    expect(loadedImports("export * from './a.labels.ts'\n")).toEqual(['./a.labels.ts'])
    expect(loadedImports("import type { A } from './x.contract.ts'\nimport { type B } from './y.contract.ts'\n")).toEqual([])
  })
})
