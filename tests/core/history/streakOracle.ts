/**
 * A plain, separately written oracle of docs/product.md's streak rules, for the
 * property tests. It shares no code with src/core/history: local dates come
 * from Intl.DateTimeFormat, calendar steps from Julian day numbers, and the
 * start of a date from a scan over quarter hours (every zone offset and
 * transition falls on one).
 */

/** One stamped event as the oracle sees it: the instant and the zone only. */
export interface OracleEvent {
  utcMs: number
  zone: string
  kind: 'result' | 'checkIn'
  stretch?: string
  completed?: boolean
  pain?: boolean
  painLevel?: number
}

export interface OracleReport {
  today: string
  current: number
  best: number
  alive: boolean
  atRisk: boolean
  counted: string[]
  frozen: string[]
}

const formatters = new Map<string, Intl.DateTimeFormat>()
export function oracleDate(ms: number, zone: string): string {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    formatters.set(zone, f)
  }
  const parts = f.formatToParts(new Date(ms))
  const get = (t: string) => parts.find((p) => p.type === t)!.value
  return `${get('year')}-${get('month')}-${get('day')}`
}

function jdn(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const a = Math.floor((14 - m) / 12)
  const yy = y + 4800 - a
  const mm = m + 12 * a - 3
  return (
    d +
    Math.floor((153 * mm + 2) / 5) +
    365 * yy +
    Math.floor(yy / 4) -
    Math.floor(yy / 100) +
    Math.floor(yy / 400) -
    32045
  )
}

function fromJdn(j: number): string {
  const a = j + 32044
  const b = Math.floor((4 * a + 3) / 146097)
  const c = a - Math.floor((146097 * b) / 4)
  const d = Math.floor((4 * c + 3) / 1461)
  const e = c - Math.floor((1461 * d) / 4)
  const m = Math.floor((5 * e + 2) / 153)
  const day = e - Math.floor((153 * m + 2) / 5) + 1
  const month = m + 3 - 12 * Math.floor(m / 10)
  const year = 100 * b + d - 4800 + Math.floor(m / 10)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const QUARTER = 15 * 60 * 1000
const startCache = new Map<string, number>()
/** The first instant whose local date in `zone` is `date`. */
export function oracleStartOfDate(date: string, zone: string): number {
  const key = date + '|' + zone
  const hit = startCache.get(key)
  if (hit !== undefined) return hit
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  let t = Date.UTC(y, m - 1, d) - 15 * 3600 * 1000
  while (oracleDate(t, zone) !== date) t += QUARTER
  startCache.set(key, t)
  return t
}

export function oracleStreak(events: OracleEvent[], nowMs: number, nowZone: string): OracleReport {
  // Today: the device's date, unless an event was stamped on a later date (a
  // flight west or a clock set back never brings a lived date back).
  let today = oracleDate(nowMs, nowZone)
  for (const e of events) {
    const stamped = oracleDate(e.utcMs, e.zone)
    if (jdn(stamped) > jdn(today)) today = stamped
  }
  type Day = {
    stretches: Set<string>
    painSignal: boolean
    firstMs: number
    firstZone: string
    lastMs: number
    lastZone: string
  }
  const days = new Map<string, Day>()
  for (const e of events) {
    const date = oracleDate(e.utcMs, e.zone)
    let day = days.get(date)
    if (!day) {
      day = {
        stretches: new Set(),
        painSignal: false,
        firstMs: e.utcMs,
        firstZone: e.zone,
        lastMs: e.utcMs,
        lastZone: e.zone,
      }
      days.set(date, day)
    }
    if (e.utcMs < day.firstMs) {
      day.firstMs = e.utcMs
      day.firstZone = e.zone
    }
    if (e.utcMs > day.lastMs) {
      day.lastMs = e.utcMs
      day.lastZone = e.zone
    }
    if (e.kind === 'result') {
      if (e.pain) day.painSignal = true
      else if (e.completed) day.stretches.add(e.stretch!)
    } else if ((e.painLevel ?? 0) >= 7) day.painSignal = true
  }
  const counted: string[] = []
  const candidates: string[] = []
  for (const [date, day] of days) {
    if (day.stretches.size >= 5) counted.push(date)
    else if (day.painSignal && jdn(date) < jdn(today)) candidates.push(date)
  }
  candidates.sort((a, b) => jdn(a) - jdn(b))
  const frozen: string[] = []
  for (const c of candidates) {
    const last = frozen[frozen.length - 1]
    if (last === undefined || jdn(c) - jdn(last) >= 7) frozen.push(c)
  }
  const countedSet = new Set(counted)
  const kept = [...counted, ...frozen].sort((a, b) => jdn(a) - jdn(b))
  const runs: { last: string; length: number }[] = []
  for (const date of kept) {
    const prev = runs[runs.length - 1]
    let joins = false
    if (prev) {
      if (jdn(date) - jdn(prev.last) === 1) joins = true
      else {
        const endOfPrev = oracleStartOfDate(
          fromJdn(jdn(prev.last) + 1),
          days.get(prev.last)!.lastZone,
        )
        const startOfThis = oracleStartOfDate(date, days.get(date)!.firstZone)
        joins = startOfThis - endOfPrev < 12 * 3600 * 1000
      }
    }
    if (joins && prev) {
      prev.last = date
      if (countedSet.has(date)) prev.length += 1
    } else runs.push({ last: date, length: countedSet.has(date) ? 1 : 0 })
  }
  const best = runs.reduce((m, r) => Math.max(m, r.length), 0)
  const lastRun = runs[runs.length - 1]
  let alive = false
  if (lastRun) {
    if (jdn(lastRun.last) >= jdn(today) - 1) alive = true
    else {
      const endOfLast = oracleStartOfDate(
        fromJdn(jdn(lastRun.last) + 1),
        days.get(lastRun.last)!.lastZone,
      )
      // Today starts where its first event was stamped; with none yet, in the device's zone.
      const todayZone = days.get(today)?.firstZone ?? nowZone
      alive = oracleStartOfDate(today, todayZone) - endOfLast < 12 * 3600 * 1000
    }
  }
  const current = alive && lastRun ? lastRun.length : 0
  return {
    today,
    current,
    best,
    alive,
    atRisk: alive && current > 0 && !countedSet.has(today),
    counted: counted.sort(),
    frozen,
  }
}
