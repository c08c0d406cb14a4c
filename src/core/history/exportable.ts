/**
 * What a JSON backup can carry of a set-aside (damaged) record. IndexedDB
 * stores anything structured clone can copy, so a damaged row may hold a
 * cycle, a BigInt, a Map, a Date… JSON.stringify throws on some of these and
 * silently drops or changes others. Such a row is written as a description
 * instead (what it was, why it was set aside, that it could not be copied),
 * so one odd row never stops the backup of everything else.
 */
import '../zodConfig.ts'
import { z } from 'zod'

/** Deeper or larger values are described, not copied (JSON.stringify would overflow or explode). */
const MAX_DEPTH = 200
const MAX_NODES = 100_000

function article(word: string): string {
  return /^[AEIO]/i.test(word) ? `an ${word}` : `a ${word}`
}

/** The built-in type name of an object: Map, Date, Uint8Array, Blob… */
function tagOf(v: object): string {
  return Object.prototype.toString.call(v).slice(8, -1)
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  return /^[A-Za-z_$][\w$]*$/.test(key)
    ? `${path ? `${path}.` : ''}${key}`
    : `${path}[${JSON.stringify(key.slice(0, 40))}]`
}

function where(path: string): string {
  return path ? ` at ${path}` : ''
}

/**
 * Why `value` cannot be written as JSON exactly as it is (e.g. "a BigInt at
 * raw.result.score", paths starting at `root`), or null when JSON.parse(JSON.stringify(value)) gives it
 * back unchanged: only null, booleans, strings, finite numbers, plain arrays
 * and plain objects, without cycles.
 */
export function jsonProblem(value: unknown, root = ''): string | null {
  const ancestors = new Set<object>()
  let nodes = 0
  const walk = (v: unknown, path: string, depth: number): string | null => {
    nodes += 1
    if (nodes > MAX_NODES) return 'more parts than a backup takes'
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return null
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${String(v)}${where(path)}`
      return Object.is(v, -0) ? `negative zero${where(path)}` : null
    }
    if (typeof v === 'bigint') return `a BigInt${where(path)}`
    if (typeof v === 'undefined') return `undefined${where(path)}`
    if (typeof v === 'symbol') return `a symbol${where(path)}`
    if (typeof v === 'function') return `a function${where(path)}`
    if (ancestors.has(v)) return `a cycle${where(path)} (the value contains itself)`
    if (depth >= MAX_DEPTH) return `values nested more than ${MAX_DEPTH} deep${where(path)}`
    const proto: unknown = Object.getPrototypeOf(v)
    const isArray = Array.isArray(v) && proto === Array.prototype
    if (!isArray && proto !== Object.prototype && proto !== null)
      return `${article(tagOf(v))}${where(path)}`
    ancestors.add(v)
    try {
      if (Object.getOwnPropertySymbols(v).length > 0) return `a symbol-named property${where(path)}`
      const names = Object.getOwnPropertyNames(v)
      if (isArray) {
        const arr = v as unknown[]
        for (let i = 0; i < arr.length; i++) {
          if (!Object.prototype.hasOwnProperty.call(arr, i))
            return `an empty slot${where(childPath(path, i))}`
        }
        if (names.length !== arr.length + 1) return `named properties on a list${where(path)}`
      }
      for (const name of names) {
        if (isArray && name === 'length') continue
        const d = Object.getOwnPropertyDescriptor(v, name)!
        const p = isArray ? childPath(path, Number(name)) : childPath(path, name)
        if (!('value' in d)) return `a computed property${where(p)}`
        if (!d.enumerable) return `a hidden property${where(p)}`
        const inner = walk(d.value, p, depth + 1)
        if (inner) return inner
      }
      return null
    } finally {
      ancestors.delete(v)
    }
  }
  return walk(value, root, 0)
}

function quote(s: string, max: number): string {
  return JSON.stringify(s.length > max ? s.slice(0, max) : s) + (s.length > max ? '…' : '')
}

/**
 * A readable rendering of any value, bounded in depth, breadth and length,
 * that never throws: cycles, BigInts, Maps, Sets, Dates, binary data,
 * functions and symbols are all named (like a console would show them).
 */
export function describeValue(value: unknown, maxChars = 2000): string {
  const ancestors = new Set<object>()
  const ITEMS = 20
  const show = (v: unknown, depth: number): string => {
    try {
      if (v === null) return 'null'
      if (typeof v === 'string') return quote(v, 200)
      if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v)
      if (typeof v === 'bigint') return `${v}n`
      if (typeof v === 'boolean' || typeof v === 'undefined') return String(v)
      if (typeof v === 'symbol') return v.toString()
      if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`
      if (ancestors.has(v)) return '[cycle: contains itself]'
      if (depth > 8) return '[…]'
      ancestors.add(v)
      try {
        const tag = tagOf(v)
        if (v instanceof Date)
          return Number.isNaN(v.getTime()) ? 'Date(invalid)' : `Date(${v.toISOString()})`
        if (v instanceof RegExp) return String(v)
        if (v instanceof Error) return `${v.name}: ${quote(v.message, 200)}`
        if (v instanceof Map) {
          const items = [...v].slice(0, ITEMS).map(([k, x]) => {
            return `${show(k, depth + 1)} => ${show(x, depth + 1)}`
          })
          return `Map(${v.size}) {${items.join(', ')}${v.size > ITEMS ? ', …' : ''}}`
        }
        if (v instanceof Set) {
          const items = [...v].slice(0, ITEMS).map((x) => show(x, depth + 1))
          return `Set(${v.size}) {${items.join(', ')}${v.size > ITEMS ? ', …' : ''}}`
        }
        if (v instanceof ArrayBuffer) return `ArrayBuffer(${v.byteLength} bytes)`
        if (ArrayBuffer.isView(v)) return `${tag}(${v.byteLength} bytes)`
        if (tag === 'String' || tag === 'Number' || tag === 'Boolean' || tag === 'BigInt')
          return `${tag}(${show((v as { valueOf(): unknown }).valueOf(), depth + 1)})`
        if (Array.isArray(v)) {
          const items: string[] = []
          for (let i = 0; i < Math.min(v.length, ITEMS); i++)
            items.push(i in v ? show(v[i], depth + 1) : '<empty>')
          return `[${items.join(', ')}${v.length > ITEMS ? `, … ${v.length} in all` : ''}]`
        }
        const proto: unknown = Object.getPrototypeOf(v)
        const prefix = proto === Object.prototype || proto === null ? '' : `${tag} `
        const keys = Object.keys(v)
        const items = keys.slice(0, ITEMS).map((k) => {
          const name = /^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k, 40)
          return `${name}: ${show((v as Record<string, unknown>)[k], depth + 1)}`
        })
        const size = (v as { size?: unknown }).size
        const extra = typeof size === 'number' && keys.length === 0 ? `size ${size} ` : ''
        return `${prefix}{${extra}${items.join(', ')}${keys.length > ITEMS ? ', …' : ''}}`
      } finally {
        ancestors.delete(v)
      }
    } catch {
      return '[unreadable]'
    }
  }
  const text = show(value, 0)
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text
}

/** The parts of a quarantine row written by the app; the rest (`raw`) is whatever was read. */
const envelopeSchema = z.object({
  table: z.string().max(200),
  key: z.string().max(400),
  reason: z.string().max(2000),
  at: z.string().max(100),
})

/** A set-aside record that could not be copied into the backup, as the backup describes it. */
export interface DescribedRecord {
  table: string
  key: string
  /** why it was set aside on this device */
  reason: string
  /** when it was set aside */
  at: string
  /** why the backup could not copy it, in plain words */
  notCopied: string
  /** what it held, as text */
  description: string
}

/** The set-aside rows as a backup can carry them, and the ones only described. */
export interface ExportableSetAside {
  entries: unknown[]
  described: DescribedRecord[]
}

/**
 * Each set-aside row as the backup carries it: verbatim when JSON holds it
 * exactly, else a description (a `DescribedRecord`). The result always
 * survives JSON.stringify.
 */
export function exportableSetAside(rows: readonly unknown[]): ExportableSetAside {
  const entries: unknown[] = []
  const described: DescribedRecord[] = []
  for (const row of rows) {
    const whole = jsonProblem(row)
    if (whole === null) {
      entries.push(row)
      continue
    }
    const env = envelopeSchema.safeParse(row)
    const raw: unknown = env.success ? (row as { raw?: unknown }).raw : row
    // Name the place inside the stored value when that is where the problem is.
    const problem = (env.success ? jsonProblem(raw, 'raw') : null) ?? whole
    const d: DescribedRecord = {
      table: env.success ? env.data.table : 'unknown',
      key: env.success ? env.data.key : 'unknown',
      reason: env.success ? env.data.reason : 'the set-aside entry itself is damaged',
      at: env.success ? env.data.at : '',
      notCopied: `Not copied: it contains ${problem}, which a JSON file cannot hold as it is. What it held is described here instead.`,
      description: describeValue(raw),
    }
    entries.push(d)
    described.push(d)
  }
  return { entries, described }
}
