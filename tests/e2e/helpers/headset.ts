/**
 * Driving a routine in the emulated headset (IWER) from a browser test: start
 * it from the home page, put the user's head and controllers in a stretch's
 * pose (the coach's own pose through forward kinematics, for any stature, so
 * the engine sees exactly what docs/product.md defines), take screenshots of the
 * headset view alone, and check what the user can see.
 */
import type { Page } from '@playwright/test'
import { expect } from './guard'
import { createCoachFK, coachKeyframeFK } from '../../../src/core/coach/fk.ts'
import type { StretchId } from '../../../src/core/stretches.ts'

/** A pose of the emulated user: head (viewer) and both controller grips, [px,py,pz,qx,qy,qz,qw] in local-floor. */
export interface BodyPose {
  head: number[]
  left: number[]
  right: number[]
}

/**
 * The pose of a body of stature `statureM` in a keyframe of a stretch, set on
 * the floor, standing at the origin and facing −Z (as IWER's user does).
 */
export function bodyPose(
  stretch: StretchId,
  key: string,
  statureM: number,
  side: 'left' | 'right' | 'both' = 'left',
): BodyPose {
  const fk = createCoachFK()
  if (!coachKeyframeFK(fk, stretch, side, key, statureM, { x: 0, z: 0, yawRad: Math.PI }))
    throw new Error(`no keyframe ${key} of ${stretch}`)
  let lowest = Infinity
  for (let k = 1; k < fk.surface.length; k += 4)
    lowest = Math.min(lowest, fk.surface[k]! - fk.surface[k + 2]!)
  const lift = (p: number[]) => [p[0]!, p[1]! - lowest, ...p.slice(2)]
  return {
    head: lift(Array.from(fk.eye.subarray(0, 7))),
    left: lift(Array.from(fk.grip.subarray(0, 7))),
    right: lift(Array.from(fk.grip.subarray(7, 14))),
  }
}

/** Standing tall at eye height `eyeM`, looking ahead (−Z), hands at the sides. */
export function standingPose(eyeM: number): BodyPose {
  return {
    head: [0, eyeM, 0, 0, 0, 0, 1],
    left: [-0.25, eyeM * 0.52, -0.05, 0, 0, 0, 1],
    right: [0.25, eyeM * 0.52, -0.05, 0, 0, 0, 1],
  }
}

/** The query of an emulated headset session with short test holds. */
export function headsetQuery(extra = ''): string {
  return `./?emulate=quest3&mode=vr&holdSeconds=4${extra}`
}

/**
 * From the home page (already loaded): choose the routine, read and confirm
 * the red flags if asked, check in (pain `painBefore`), start, and wait for
 * the headset session's first frames. The viewport is made small while in XR
 * (software WebGL on a shared machine draws a big view too slowly).
 */
export async function startHeadsetRoutine(
  page: Page,
  opts: { routine?: string; painBefore?: number; record?: boolean; mode?: 'vr' | 'ar' } = {},
): Promise<void> {
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  if (opts.routine) await page.getByRole('radio', { name: opts.routine }).check()
  if (opts.record) await page.getByRole('checkbox', { name: 'Record this session' }).check()
  await page.getByRole('button', { name: 'Start routine in headset' }).click()
  const dialog = page.getByRole('dialog')
  const flags = dialog.getByRole('heading', { name: 'Before your first session' })
  if (await flags.isVisible()) {
    await dialog.getByRole('checkbox').check()
    await dialog.getByRole('button', { name: 'Continue' }).click()
  }
  await expect(dialog.getByRole('heading', { name: 'Before you start' })).toBeVisible()
  await dialog.getByRole('radio', { name: String(opts.painBefore ?? 2), exact: true }).check()
  await page.setViewportSize({
    width: Number(process.env.VW ?? 640),
    height: Number(process.env.VH ?? 400),
  })
  // keep the XR session at hand for checks that run inside its frames
  await page.evaluate(() => {
    const xr = navigator.xr!
    const request = xr.requestSession.bind(xr)
    xr.requestSession = async (mode: XRSessionMode, init?: XRSessionInit) => {
      const session = await request(mode, init)
      ;(window as unknown as { __xrSession?: XRSession }).__xrSession = session
      return session
    }
  })
  await dialog.getByRole('button', { name: 'Save and start' }).click()
  await page.waitForFunction(
    (mode) =>
      window.stretchcoachXR?.sessionMode === `immersive-${mode}` &&
      window.stretchcoachXR.frameCount > 2,
    opts.mode ?? 'vr',
  )
}

/**
 * Keeps the emulated user in `pose` (grips placed exactly, through the
 * controllers' own grip offsets), with sub-millimetre sensor noise so the
 * pose is not a frozen device. Replaces any pose held before.
 */
export async function holdPose(page: Page, pose: BodyPose, noiseM = 0.0003): Promise<void> {
  await page.evaluate(
    ({ pose, noiseM }) => {
      type Q = [number, number, number, number]
      type V = [number, number, number]
      const qmul = (a: Q, b: Q): Q => [
        a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
        a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
        a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
        a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
      ]
      const qinv = (q: Q): Q => [-q[0], -q[1], -q[2], q[3]]
      const rot = (q: Q, v: V): V => {
        const r = qmul(qmul(q, [v[0], v[1], v[2], 0]), qinv(q))
        return [r[0], r[1], r[2]]
      }
      const dev = window.xrDevice!
      const w = window as unknown as {
        __pose?: number
        __grip?: { p: V; q: Q }[]
      }
      if (w.__pose) window.clearInterval(w.__pose)
      // IWER reports controller spaces as position-estimated; a real Quest senses them.
      const own = (o: object, name: string): Record<string | symbol, unknown> => {
        const key = Object.getOwnPropertySymbols(o).find((k) => k.description === name)
        return (o as Record<symbol, Record<string | symbol, unknown>>)[key!]!
      }
      const ctrls = [dev.controllers.left!, dev.controllers.right!]
      for (const ctrl of ctrls) {
        const input = own(ctrl, '@iwer/xr-tracked-input').inputSource as XRInputSource
        own(input.gripSpace!, '@iwer/xr-space').emulated = false
      }
      // The grip's offset from the controller's own pose, learned once from a reading.
      if (!w.__grip) {
        const hooks = window.stretchcoachXR!
        w.__grip = ctrls.map((ctrl, i) => {
          const p0: V = [ctrl.position.x, ctrl.position.y, ctrl.position.z]
          const q0: Q = [ctrl.quaternion.x, ctrl.quaternion.y, ctrl.quaternion.z, ctrl.quaternion.w]
          const g = Array.from(hooks.pose.poses.subarray((i + 1) * 7, (i + 1) * 7 + 7))
          return {
            p: rot(qinv(q0), [g[0]! - p0[0], g[1]! - p0[1], g[2]! - p0[2]]),
            q: qmul(qinv(q0), [g[3]!, g[4]!, g[5]!, g[6]!]),
          }
        })
      }
      const grip = w.__grip
      const place = (i: number, target: number[]) => {
        // controller pose C with C · offset = target grip
        const qT: Q = [target[3]!, target[4]!, target[5]!, target[6]!]
        const qC = qmul(qT, qinv(grip[i]!.q))
        const d = rot(qC, grip[i]!.p)
        return { p: [target[0]! - d[0], target[1]! - d[1], target[2]! - d[2]], q: qC }
      }
      const hands = [place(0, pose.left), place(1, pose.right)]
      const jitter = () => (Math.random() - 0.5) * 2 * noiseM
      w.__pose = window.setInterval(() => {
        dev.position.set(
          pose.head[0]! + jitter(),
          pose.head[1]! + jitter(),
          pose.head[2]! + jitter(),
        )
        dev.quaternion.set(pose.head[3]!, pose.head[4]!, pose.head[5]!, pose.head[6]!)
        for (let i = 0; i < 2; i++) {
          const h = hands[i]!
          ctrls[i]!.position.set(h.p[0]! + jitter(), h.p[1]! + jitter(), h.p[2]! + jitter())
          ctrls[i]!.quaternion.set(h.q[0], h.q[1], h.q[2], h.q[3])
        }
      }, 8)
    },
    { pose, noiseM },
  )
}

/** Stops moving the emulated user. */
export async function releasePose(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __pose?: number }
    if (w.__pose) window.clearInterval(w.__pose)
    w.__pose = undefined
  })
}

const PAGE_PARTS = '.view-bar, .session-panel, .session-live, .view-status, .notices'

/** A screenshot of the headset view alone (the page's controls hidden for it). */
export async function headsetShot(page: Page, path: string): Promise<void> {
  await page.evaluate((sel) => {
    for (const el of document.querySelectorAll<HTMLElement>(sel)) el.style.visibility = 'hidden'
  }, PAGE_PARTS)
  await page.screenshot({ path })
  await page.evaluate((sel) => {
    for (const el of document.querySelectorAll<HTMLElement>(sel)) el.style.visibility = ''
  }, PAGE_PARTS)
}

/** What the head sees of a box: the extreme angles (deg) of its 8 corners in the head's frame. */
export interface BoxView {
  /** azimuth (+ right) and elevation (+ up) ranges, and the angle of the box's centre from where the face points */
  az: [number, number]
  el: [number, number]
  centreDeg: number
  /** every corner in front of the eyes */
  ahead: boolean
}

/** The coach's and the panel's boxes (test hooks) seen from the head pose the app read last. */
export async function viewOfBoxes(page: Page): Promise<{ coach: BoxView; panel: BoxView }> {
  const data = await page.evaluate(() => {
    const h = window.stretchcoachXR!
    return {
      head: Array.from(h.pose.poses.subarray(0, 7)),
      coach: h.bounds.coach ? [...h.bounds.coach] : null,
      panel: h.bounds.panel ? [...h.bounds.panel] : null,
    }
  })
  expect(data.coach, 'the coach has a box').not.toBeNull()
  expect(data.panel, 'the panel has a box').not.toBeNull()
  return { coach: seeBox(data.head, data.coach!), panel: seeBox(data.head, data.panel!) }
}

/** The angles at which a head pose sees a box [minX, minY, minZ, maxX, maxY, maxZ]. */
export function seeBox(head: number[], box: number[]): BoxView {
  const [px, py, pz, qx, qy, qz, qw] = head as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  // rotate v by the inverse of q
  const inv = (vx: number, vy: number, vz: number): [number, number, number] => {
    const x = -qx
    const y = -qy
    const z = -qz
    const tx = 2 * (y * vz - z * vy)
    const ty = 2 * (z * vx - x * vz)
    const tz = 2 * (x * vy - y * vx)
    return [
      vx + qw * tx + (y * tz - z * ty),
      vy + qw * ty + (z * tx - x * tz),
      vz + qw * tz + (x * ty - y * tx),
    ]
  }
  const az: [number, number] = [Infinity, -Infinity]
  const el: [number, number] = [Infinity, -Infinity]
  let ahead = true
  for (let c = 0; c < 8; c++) {
    const v = inv(box[c & 1 ? 3 : 0]! - px, box[c & 2 ? 4 : 1]! - py, box[c & 4 ? 5 : 2]! - pz)
    const fwd = -v[2]
    if (fwd <= 0) ahead = false
    const a = (Math.atan2(v[0], fwd) * 180) / Math.PI
    const e = (Math.atan2(v[1], fwd) * 180) / Math.PI
    az[0] = Math.min(az[0], a)
    az[1] = Math.max(az[1], a)
    el[0] = Math.min(el[0], e)
    el[1] = Math.max(el[1], e)
  }
  const c = inv(
    (box[0]! + box[3]!) / 2 - px,
    (box[1]! + box[4]!) / 2 - py,
    (box[2]! + box[5]!) / 2 - pz,
  )
  const centreDeg = (Math.acos(-c[2] / Math.hypot(c[0], c[1], c[2])) * 180) / Math.PI
  return { az, el, centreDeg, ahead }
}

/**
 * The emulated headset's field of view (half-angles, deg) for the current
 * canvas: IWER's vertical field of view and each eye's half of the canvas.
 */
export async function emulatedFov(page: Page): Promise<{ halfH: number; halfV: number }> {
  return page.evaluate(() => {
    const fovy = window.xrDevice!.fovy
    const canvas = document.querySelector('canvas')!
    const aspect = canvas.clientWidth / 2 / canvas.clientHeight
    const halfV = fovy / 2
    const halfH = Math.atan(Math.tan(halfV) * aspect)
    return { halfH: (halfH * 180) / Math.PI, halfV: (halfV * 180) / Math.PI }
  })
}

/** Why the coach's or the panel's box is not wholly inside the view (centred within 35°), or '' when both are. */
async function outOfView(page: Page, label: string): Promise<string> {
  const fov = await emulatedFov(page)
  const { coach, panel } = await viewOfBoxes(page)
  for (const [name, v] of [
    ['coach', coach],
    ['panel', panel],
  ] as const) {
    const where = `${label}: the ${name} (az ${v.az.map((x) => x.toFixed(0)).join('..')}, el ${v.el.map((x) => x.toFixed(0)).join('..')}, centre ${v.centreDeg.toFixed(0)}°; view ±${fov.halfH.toFixed(0)}° × ±${fov.halfV.toFixed(0)}°)`
    if (!v.ahead) return `${where} is not in front of the eyes`
    if (v.centreDeg > 35) return `${where} is not centred within 35° of the face`
    if (Math.max(-v.az[0], v.az[1]) > fov.halfH) return `${where} does not fit the view across`
    if (Math.max(-v.el[0], v.el[1]) > fov.halfV) return `${where} does not fit the view up and down`
  }
  return ''
}

/**
 * Asserts that both the coach's and the panel's boxes are wholly inside the
 * emulated view and centred within 35° of the face, allowing the few seconds
 * a change of posture takes to re-place them (a second turned away, then a glide).
 */
export async function expectBothInView(page: Page, label: string, withinMs = 4000): Promise<void> {
  await expect.poll(() => outOfView(page, label), { timeout: withinMs, intervals: [100] }).toBe('')
}

/**
 * Moves the emulated user through `poses` in a loop, `secondsEach` from one
 * to the next (positions eased linearly, rotations by normalised lerp), with
 * the same sensor noise and grip placement as holdPose. `window.__cycleKey`
 * says which pose the user is nearest to.
 */
export async function cyclePoses(
  page: Page,
  poses: BodyPose[],
  secondsEach: number,
  noiseM = 0.0003,
): Promise<void> {
  // Place every pose's grips through the controllers' offsets first (holdPose learns them).
  await holdPose(page, poses[0]!, noiseM)
  await page.evaluate(
    ({ poses, secondsEach, noiseM }) => {
      type Q = [number, number, number, number]
      type V = [number, number, number]
      const qmul = (a: Q, b: Q): Q => [
        a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
        a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
        a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
        a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
      ]
      const qinv = (q: Q): Q => [-q[0], -q[1], -q[2], q[3]]
      const rot = (q: Q, v: V): V => {
        const r = qmul(qmul(q, [v[0], v[1], v[2], 0]), qinv(q))
        return [r[0], r[1], r[2]]
      }
      const w = window as unknown as {
        __pose?: number
        __grip: { p: V; q: Q }[]
        __cycleKey?: number
      }
      if (w.__pose) window.clearInterval(w.__pose)
      const dev = window.xrDevice!
      const ctrls = [dev.controllers.left!, dev.controllers.right!]
      const lerp = (a: number[], b: number[], x: number): number[] => {
        const p = [0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * x)
        const s = a[3]! * b[3]! + a[4]! * b[4]! + a[5]! * b[5]! + a[6]! * b[6]! < 0 ? -1 : 1
        const q = [3, 4, 5, 6].map((i) => a[i]! * (1 - x) + s * b[i]! * x)
        const l = Math.hypot(...q)
        return [...p, ...q.map((v) => v / l)]
      }
      const place = (i: number, target: number[]) => {
        const qT: Q = [target[3]!, target[4]!, target[5]!, target[6]!]
        const qC = qmul(qT, qinv(w.__grip[i]!.q))
        const d = rot(qC, w.__grip[i]!.p)
        return { p: [target[0]! - d[0], target[1]! - d[1], target[2]! - d[2]], q: qC }
      }
      const jitter = () => (Math.random() - 0.5) * 2 * noiseM
      const t0 = performance.now()
      w.__pose = window.setInterval(() => {
        const t = (performance.now() - t0) / 1000 / secondsEach
        const k = Math.floor(t) % poses.length
        const x = t - Math.floor(t)
        const a = poses[k]!
        const b = poses[(k + 1) % poses.length]!
        w.__cycleKey = x < 0.5 ? k : (k + 1) % poses.length
        const head = lerp(a.head, b.head, x)
        dev.position.set(head[0]! + jitter(), head[1]! + jitter(), head[2]! + jitter())
        dev.quaternion.set(head[3]!, head[4]!, head[5]!, head[6]!)
        for (let i = 0; i < 2; i++) {
          const g = lerp(i === 0 ? a.left : a.right, i === 0 ? b.left : b.right, x)
          const h = place(i, g)
          ctrls[i]!.position.set(h.p[0]! + jitter(), h.p[1]! + jitter(), h.p[2]! + jitter())
          ctrls[i]!.quaternion.set(h.q[0], h.q[1], h.q[2], h.q[3])
        }
      }, 8)
    },
    { poses, secondsEach, noiseM },
  )
}

/** Waits until the runner is in `phase` (and, when given, on `stretch`). */
export async function waitForPhase(
  page: Page,
  phase: string,
  stretch?: string,
  timeout = 30_000,
): Promise<void> {
  await page.waitForFunction(
    ({ phase, stretch }) => {
      const s = window.stretchcoachXR?.session
      return !!s && s.phase === phase && (stretch === undefined || s.stretch === stretch)
    },
    { phase, stretch },
    { timeout },
  )
}

/** The cue kinds played so far, in order. */
export async function cueKinds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.stretchcoachXR!.cues.map((c) => c.kind))
}

/**
 * Counts, in the page, what the cues produce: oscillators started (synthesized
 * sound), spoken texts, controller pulses. Call before the page loads
 * (page.addInitScript); read with readOutputs.
 */
export async function instrumentOutputs(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as {
      __out: { oscillators: number; spoken: string[]; pulses: number }
    }
    w.__out = { oscillators: 0, spoken: [], pulses: 0 }
    const AC = window.AudioContext
    if (AC) {
      const create = AC.prototype.createOscillator
      AC.prototype.createOscillator = function (this: AudioContext) {
        const osc = create.call(this)
        const start = osc.start.bind(osc)
        osc.start = (when?: number) => {
          w.__out.oscillators++
          start(when)
        }
        return osc
      }
    }
    if (window.speechSynthesis) {
      const speak = window.speechSynthesis.speak.bind(window.speechSynthesis)
      window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        w.__out.spoken.push(u.text)
        speak(u)
      }
    }
  })
}

/** Wraps the emulated controllers' vibration so pulses are counted (after the session started). */
export async function countPulses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __out: { pulses: number } }
    const dev = window.xrDevice!
    for (const ctrl of [dev.controllers.left!, dev.controllers.right!]) {
      const own = (o: object, name: string): Record<string | symbol, unknown> => {
        const key = Object.getOwnPropertySymbols(o).find((k) => k.description === name)
        return (o as Record<symbol, Record<string | symbol, unknown>>)[key!]!
      }
      const input = own(ctrl, '@iwer/xr-tracked-input').inputSource as XRInputSource
      const act = input.gamepad?.hapticActuators?.[0] as
        (GamepadHapticActuator & { pulse?: (v: number, d: number) => Promise<boolean> }) | undefined
      if (!act || typeof act.pulse !== 'function') continue
      const pulse = act.pulse.bind(act)
      act.pulse = (v: number, d: number) => {
        w.__out.pulses++
        return pulse(v, d)
      }
    }
  })
}

/** What instrumentOutputs counted. */
export async function readOutputs(
  page: Page,
): Promise<{ oscillators: number; spoken: string[]; pulses: number }> {
  return page.evaluate(
    () =>
      (window as unknown as { __out: { oscillators: number; spoken: string[]; pulses: number } })
        .__out,
  )
}

/**
 * Starts checking, in the page, on every XR frame the app finished, that the
 * coach shows the runner's stretch, side and phase; readCoachCheck reports.
 */
export async function startCoachCheck(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __check: {
        frames: number
        first: number
        last: number
        mismatches: string[]
        phases: string[]
      }
    }
    const h = window.stretchcoachXR!
    const c = {
      frames: 0,
      first: h.frameCount,
      last: h.frameCount,
      mismatches: [] as string[],
      phases: [] as string[],
    }
    w.__check = c
    const tick = () => {
      if (h.frameCount !== c.last) {
        c.last = h.frameCount
        c.frames++
        const s = h.session
        const k = h.coach
        if (s.stretch !== k.stretch || s.side !== k.side || s.phase !== k.phase)
          c.mismatches.push(`${JSON.stringify(s)} vs ${JSON.stringify(k)}`)
        const p = `${s.phase}`
        if (c.phases[c.phases.length - 1] !== p) c.phases.push(p)
      }
    }
    // Checked inside the XR session's own frames: each frame sees what the app left after
    // the frame before, so every frame the app read is checked once.
    const session = (window as unknown as { __xrSession: XRSession }).__xrSession
    const loop = () => {
      tick()
      session.requestAnimationFrame(loop)
    }
    session.requestAnimationFrame(loop)
  })
}

/** What startCoachCheck saw: frames checked of frames read, mismatches, the phases passed through. */
export async function readCoachCheck(
  page: Page,
): Promise<{ checked: number; read: number; mismatches: string[]; phases: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __check: {
        frames: number
        first: number
        last: number
        mismatches: string[]
        phases: string[]
      }
    }
    const c = w.__check
    return { checked: c.frames, read: c.last - c.first, mismatches: c.mismatches, phases: c.phases }
  })
}

/** A control of the headset panel whose place the test hooks publish. */
export type HeadsetControl = 'stopPain' | `pain:${number}`

/**
 * Points the right controller at a control of the headset panel (from 0.3 m
 * in front of it, along its normal), once the panel has stopped moving, and
 * pulls and releases the trigger a few frames apart, as a person pressing a
 * button does.
 */
export async function pressInHeadset(page: Page, control: HeadsetControl): Promise<void> {
  const where = () =>
    page.evaluate((control) => {
      const c = window.stretchcoachXR!.controls
      if (control === 'stopPain') return [...c.stopPain]
      const n = Number(control.slice('pain:'.length))
      return c.painRatings.slice(n * 3, n * 3 + 3)
    }, control)
  // wait for the panel to settle (a re-placement glides)
  let last = await where()
  await expect
    .poll(
      async () => {
        const now = await where()
        const moved = Math.hypot(now[0]! - last[0]!, now[1]! - last[1]!, now[2]! - last[2]!)
        last = now
        return moved
      },
      { intervals: [250] },
    )
    .toBeLessThan(0.001)
  await page.evaluate((target) => {
    const c = window.stretchcoachXR!.controls
    const [x, y, z, w] = c.panelQuaternion as [number, number, number, number]
    // the panel's +Z (toward the user) in the world
    const nx = 2 * (x * z + w * y)
    const ny = 2 * (y * z - w * x)
    const nz = 1 - 2 * (x * x + y * y)
    const right = window.xrDevice!.controllers.right!
    right.position.set(target[0]! + nx * 0.3, target[1]! + ny * 0.3, target[2]! + nz * 0.3)
    right.quaternion.set(x, y, z, w)
  }, last)
  const waitFrames = async (n: number) => {
    const f = await page.evaluate(() => window.stretchcoachXR!.frameCount)
    await page.waitForFunction(([f, n]) => window.stretchcoachXR!.frameCount > f! + n!, [f, n])
  }
  await waitFrames(3)
  await page.evaluate(() => window.xrDevice!.controllers.right!.updateButtonValue('trigger', 1))
  await waitFrames(3)
  await page.evaluate(() => window.xrDevice!.controllers.right!.updateButtonValue('trigger', 0))
  await waitFrames(2)
}

/** Presses and releases a controller button (`a-button`, `b-button`, `x-button`, `y-button`) over a few frames. */
export async function pressControllerButton(
  page: Page,
  hand: 'left' | 'right',
  button: string,
): Promise<void> {
  const waitFrames = async (n: number) => {
    const f = await page.evaluate(() => window.stretchcoachXR!.frameCount)
    await page.waitForFunction(([f, n]) => window.stretchcoachXR!.frameCount > f! + n!, [f, n])
  }
  await page.evaluate(
    ({ hand, button }) => window.xrDevice!.controllers[hand]!.updateButtonValue(button, 1),
    { hand, button },
  )
  await waitFrames(3)
  await page.evaluate(
    ({ hand, button }) => window.xrDevice!.controllers[hand]!.updateButtonValue(button, 0),
    { hand, button },
  )
  await waitFrames(2)
}
