/**
 * Driving a routine in the emulated headset (IWER) from a browser test: start
 * it from the home page, put the user's head and controllers in a stretch's
 * pose (the coach's own pose through forward kinematics, for any stature, so
 * the engine sees exactly what PRODUCT.md defines), take screenshots of the
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
  opts: { routine?: string; painBefore?: number; record?: boolean } = {},
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
  await page.setViewportSize({ width: Number(process.env.VW ?? 640), height: Number(process.env.VH ?? 400) })
  await dialog.getByRole('button', { name: 'Save and start' }).click()
  await page.waitForFunction(
    () => window.stretchcoachXR?.sessionMode === 'immersive-vr' && window.stretchcoachXR.frameCount > 2,
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
        dev.position.set(pose.head[0]! + jitter(), pose.head[1]! + jitter(), pose.head[2]! + jitter())
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
  const [px, py, pz, qx, qy, qz, qw] = head as [number, number, number, number, number, number, number]
  // rotate v by the inverse of q
  const inv = (vx: number, vy: number, vz: number): [number, number, number] => {
    const x = -qx
    const y = -qy
    const z = -qz
    const tx = 2 * (y * vz - z * vy)
    const ty = 2 * (z * vx - x * vz)
    const tz = 2 * (x * vy - y * vx)
    return [vx + qw * tx + (y * tz - z * ty), vy + qw * ty + (z * tx - x * tz), vz + qw * tz + (x * ty - y * tx)]
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
  const c = inv((box[0]! + box[3]!) / 2 - px, (box[1]! + box[4]!) / 2 - py, (box[2]! + box[5]!) / 2 - pz)
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

/** Asserts that both the coach's and the panel's boxes are wholly inside the view, and centred within 35°. */
export async function expectBothInView(page: Page, label: string): Promise<void> {
  const fov = await emulatedFov(page)
  const { coach, panel } = await viewOfBoxes(page)
  for (const [name, v] of [
    ['coach', coach],
    ['panel', panel],
  ] as const) {
    const where = `${label}: the ${name} (az ${v.az.map((x) => x.toFixed(0)).join('..')}, el ${v.el.map((x) => x.toFixed(0)).join('..')})`
    expect(v.ahead, `${where} is in front of the eyes`).toBe(true)
    expect(v.centreDeg, `${where} is centred within 35° of the face`).toBeLessThanOrEqual(35)
    expect(Math.max(-v.az[0], v.az[1]), `${where} fits the view across`).toBeLessThanOrEqual(fov.halfH)
    expect(Math.max(-v.el[0], v.el[1]), `${where} fits the view up and down`).toBeLessThanOrEqual(fov.halfV)
  }
}
