import type { Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { canvasImage, canvasPixelStats, expect, imageDifference, test } from './helpers/guard'
import { pressInHeadset, startHeadsetRoutine } from './helpers/headset'

const SHOTS = 'tests/e2e/screenshots'

/** Waits for the home page's app-ready signal (the headset check has answered). */
async function openHome(page: Page, query = '') {
  await page.goto(`./${query}`)
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
}

test.describe('home page', () => {
  test('lists the ten stretches and the routines, loads no 3D code', async ({ page, guard }) => {
    await openHome(page)
    await expect(page.getByRole('heading', { level: 1, name: 'StretchCoach XR' })).toBeVisible()
    const stretches = page.locator('[data-stretch]')
    await expect(stretches).toHaveCount(10)
    await expect(stretches.first().getByRole('heading')).toHaveText("Child's pose")
    // the three routines, each a choice in the launcher with its length and stretches
    await expect(page.locator('[data-routine-choice]')).toHaveCount(3)
    await expect(
      page.getByRole('radio', { name: 'All ten', exact: true }),
    ).toHaveAccessibleDescription(/^About \d+ min: Child's pose, .*Seated hamstring stretch$/)
    await expect(page.getByRole('link', { name: 'Desktop preview' })).toBeVisible()
    // Headless Chromium's own navigator.xr supports no immersive session.
    await expect(page.getByRole('button', { name: 'Start routine in headset' })).toBeDisabled()
    await expect(page.getByRole('button', { name: 'Start in headset' })).toHaveCount(0)
    await expect(page.locator('#headset-note')).toContainText('No immersive headset')
    await page.screenshot({ path: `${SHOTS}/home.png`, fullPage: true })
    // No 3D chunk is requested, and no script the page loaded contains three.js.
    const scripts = guard.requests.filter((u) => u.endsWith('.js'))
    expect(scripts.length).toBeGreaterThan(0)
    expect(scripts.filter((u) => /PreviewPage|SessionPage|Room-|emulat/.test(u))).toEqual([])
    for (const url of scripts) {
      const body = await (await page.request.get(url)).text()
      expect(body.includes('WebGLRenderer'), `${url} contains three.js`).toBe(false)
    }
  })

  test('is usable from the keyboard: Tab reaches the preview link, Enter opens it', async ({
    page,
  }) => {
    await openHome(page)
    // The routine choice comes first (a radio group is one stop), the disabled headset button is
    // skipped; a few stops on, the preview link.
    const preview = page.getByRole('link', { name: 'Desktop preview' })
    for (let i = 0; i < 8 && !(await preview.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab')
    await expect(preview).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.locator('.view3d[data-ready="true"]')).toBeVisible()
  })

  test('an unknown emulated headset shows a visible error and nothing else changes', async ({
    page,
  }) => {
    await openHome(page, '?emulate=pico9')
    await expect(page.getByRole('alert')).toContainText('Unknown headset to emulate: "pico9"')
    await expect(page.locator('[data-stretch]')).toHaveCount(10)
    await expect(page.getByRole('button', { name: 'Start routine in headset' })).toBeDisabled()
    expect(await page.evaluate(() => window.xrDevice === undefined)).toBe(true)
  })
})

test('?emulate=quest2 and ?emulate=questpro install an emulated headset too', async ({ page }) => {
  for (const name of ['quest2', 'questpro']) {
    await openHome(page, `?emulate=${name}`)
    expect(await page.evaluate(() => typeof window.xrDevice?.position.set)).toBe('function')
    await expect(page.getByRole('button', { name: 'Start routine in headset' })).toBeEnabled()
    await expect(page.locator('#headset-note')).toContainText('Passthrough')
  }
})

test.describe('desktop preview', () => {
  // The coach animates, so the CPU-rendered canvas redraws all the time: screenshots are slow.
  test.slow()
  test('renders a non-blank 3D view and the camera views change it', async ({ page }) => {
    await page.goto('./#/preview')
    await expect(page.locator('.view3d[data-ready="true"]')).toBeVisible()
    const canvas = '.view3d canvas'
    // the preview opens on the coach's profile
    await expect(page.getByRole('button', { name: 'Side', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    const side = await canvasPixelStats(page, canvas)
    await page.screenshot({ path: `${SHOTS}/preview-side.png` })
    expect(side.width).toBeGreaterThan(600)
    // A blank or single-colour canvas has std ≈ 0 and a handful of colours.
    expect(side.std).toBeGreaterThan(12)
    expect(side.distinctColours).toBeGreaterThan(200)

    const sideImage = await canvasImage(page, canvas)
    const above = page.getByRole('button', { name: 'Above', exact: true })
    await above.click()
    await expect(above).toHaveAttribute('aria-pressed', 'true')
    await expect
      .poll(async () => imageDifference(sideImage, await canvasImage(page, canvas)))
      .toBeGreaterThan(0.1)
    await page.screenshot({ path: `${SHOTS}/preview-above.png` })

    await page.getByRole('button', { name: 'Front', exact: true }).click()
    const front = await canvasPixelStats(page, canvas)
    expect(front.std).toBeGreaterThan(12)
    await page.screenshot({ path: `${SHOTS}/preview-front.png` })
  })

  test('renders on demand: no frames while nothing moves, one burst per camera change', async ({
    page,
  }) => {
    // With reduced motion the coach waits, paused, so nothing in the scene moves.
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto('./#/preview')
    await expect(page.locator('.view3d[data-ready="true"]')).toBeVisible()
    const frames = () => page.evaluate(() => window.stretchcoachPreview!.framesRendered)
    // Let the models settle (their loading invalidates), then watch a quiet second.
    await page.waitForTimeout(1500)
    const idle = await frames()
    await page.waitForTimeout(1000)
    expect(await frames()).toBe(idle)
    await page.getByRole('button', { name: 'Front', exact: true }).click()
    await expect.poll(frames).toBeGreaterThan(idle)
    const after = await frames()
    await page.waitForTimeout(1000)
    expect(await frames()).toBe(after)
  })

  test('the view turns with the arrow keys', async ({ page }) => {
    // A still coach, so that only the camera changes the picture.
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto('./#/preview')
    await expect(page.locator('.view3d[data-ready="true"]')).toBeVisible()
    const canvas = '.view3d canvas'
    const before = await canvasImage(page, canvas)
    await page.getByRole('img', { name: /3D preview of the coach/ }).focus()
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight')
    // A 40° turn moves the walls, counter and mat across a large part of the view.
    await expect
      .poll(async () => imageDifference(before, await canvasImage(page, canvas)))
      .toBeGreaterThan(0.1)
  })
})

const HEAD = { p: [0.2, 1.52, -0.3], q: [0, 0.258819, 0, 0.9659258] }
const LEFT = { p: [-0.3, 1.0, -0.45], q: [0, 0, 0, 1] }
const RIGHT = { p: [0.35, 1.2, -0.5], q: [0.3826834, 0, 0, 0.9238795] }

for (const mode of ['vr', 'ar'] as const) {
  test(`?emulate=quest3&mode=${mode}: enter, read the set poses back, end the session`, async ({
    page,
  }) => {
    await openHome(page, `?emulate=quest3&mode=${mode}&eyeHeight=1.6`)
    // Record the session request: only local-floor and hand tracking may be asked for.
    await page.evaluate(() => {
      const xr = navigator.xr!
      const original = xr.requestSession.bind(xr)
      const w = window as unknown as { sessionInit?: XRSessionInit }
      xr.requestSession = (m: XRSessionMode, init?: XRSessionInit) => {
        w.sessionInit = init
        return original(m, init)
      }
    })
    await startHeadsetRoutine(page, { mode })
    expect(await page.evaluate(() => window.stretchcoachXR!.roomVisible)).toBe(mode === 'vr')
    const init = await page.evaluate(
      () => (window as unknown as { sessionInit?: XRSessionInit }).sessionInit,
    )
    expect(init?.requiredFeatures).toEqual(['local-floor'])
    expect(init?.optionalFeatures).toEqual(['hand-tracking'])

    // Move the head and both controllers, then count frames until the app reports them.
    // IWER places a controller's grip at a fixed offset from the controller's own pose:
    // learn that offset from the first reading, then expect it carried along exactly.
    const framesToRead = await page.evaluate(
      ({ head, left, right }) =>
        new Promise<number>((resolve) => {
          type V3 = [number, number, number]
          type Q = [number, number, number, number]
          const qmul = (a: Q, b: Q): Q => [
            a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
            a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
            a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
            a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
          ]
          const qinv = (q: Q): Q => [-q[0], -q[1], -q[2], q[3]]
          const rot = (q: Q, v: V3): V3 => {
            const r = qmul(qmul(q, [v[0], v[1], v[2], 0]), qinv(q))
            return [r[0], r[1], r[2]]
          }
          const dev = window.xrDevice!
          const hooks = window.stretchcoachXR!
          const read = (i: number) => Array.from(hooks.pose.poses.subarray(i * 7, i * 7 + 7))
          const want: number[][] = [[...head.p, ...head.q]]
          const hands = [
            [dev.controllers.left!, left, 1],
            [dev.controllers.right!, right, 2],
          ] as const
          for (const [ctrl, target, slot] of hands) {
            const p0: V3 = [ctrl.position.x, ctrl.position.y, ctrl.position.z]
            const q0: Q = [
              ctrl.quaternion.x,
              ctrl.quaternion.y,
              ctrl.quaternion.z,
              ctrl.quaternion.w,
            ]
            const g = read(slot)
            const offP = rot(qinv(q0), [g[0]! - p0[0], g[1]! - p0[1], g[2]! - p0[2]])
            const offQ = qmul(qinv(q0), [g[3]!, g[4]!, g[5]!, g[6]!])
            const q1 = target.q as Q
            const d = rot(q1, offP)
            const gq = qmul(q1, offQ)
            want.push([target.p[0]! + d[0], target.p[1]! + d[1], target.p[2]! + d[2], ...gq])
            ctrl.position.set(target.p[0]!, target.p[1]!, target.p[2]!)
            ctrl.quaternion.set(q1[0], q1[1], q1[2], q1[3])
          }
          dev.position.set(head.p[0]!, head.p[1]!, head.p[2]!)
          dev.quaternion.set(head.q[0]!, head.q[1]!, head.q[2]!, head.q[3]!)
          const first = hooks.frameCount
          const matches = () => {
            for (let i = 0; i < 3; i++) {
              if (hooks.pose.tracked[i] !== 1) return false
              const got = read(i)
              const w = want[i]!
              // q and −q are the same rotation
              const sign =
                got[6]! * w[6]! + got[3]! * w[3]! + got[4]! * w[4]! + got[5]! * w[5]! < 0 ? -1 : 1
              for (let k = 0; k < 7; k++) {
                const v = k < 3 ? w[k]! : sign * w[k]!
                if (Math.abs(got[k]! - v) > 1e-4) return false
              }
            }
            return true
          }
          const poll = () => {
            if (matches()) resolve(hooks.frameCount - first)
            else if (hooks.frameCount - first > 120) resolve(-1)
            else setTimeout(poll, 1)
          }
          poll()
        }),
      { head: HEAD, left: LEFT, right: RIGHT },
    )
    expect(framesToRead, 'frames until the set poses came back (-1: never)').toBeGreaterThan(0)
    expect(framesToRead).toBeLessThanOrEqual(5)
    await expect(page.getByTestId('xr-tracking')).toContainText('Head: 0.20, 1.52, -0.30 m')
    await expect(page.getByTestId('xr-tracking')).toContainText(
      /Left: -0\.\d\d, 0\.\d\d, -0\.\d\d m/,
    )
    await page.screenshot({ path: `${SHOTS}/session-${mode}.png` })

    await page.getByRole('button', { name: 'End session' }).click()
    await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
    await expect(page.locator('.stretch-list [data-stretch]')).toHaveCount(10)
    const hooks = await page.evaluate(() => ({
      mode: window.stretchcoachXR!.sessionMode,
      started: window.stretchcoachXR!.sessionsStarted,
      ended: window.stretchcoachXR!.sessionsEnded,
    }))
    expect(hooks).toEqual({ mode: null, started: 1, ended: 1 })
  })
}

test('the headset view opened directly (a reload, an old link) leads to the home page, where a routine starts', async ({
  page,
}) => {
  await page.goto('./#/session')
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  expect(new URL(page.url()).hash).toBe('#/')
  await expect(page.getByRole('button', { name: 'Start routine in headset' })).toBeVisible()
})

test('with tracked hands, the app reads each wrist and marks the input as a hand', async ({
  page,
}) => {
  await openHome(page, '?emulate=quest3&mode=ar&eyeHeight=1.6')
  await startHeadsetRoutine(page, { mode: 'ar' })
  await page.evaluate(() => {
    const dev = window.xrDevice!
    dev.primaryInputMode = 'hand'
    dev.hands.left!.position.set(-0.2, 0.9, -0.3)
    dev.hands.right!.position.set(0.25, 1.3, -0.4)
  })
  // INPUT_HAND = 1 for both hands (src/core/poseFrame.ts), both tracked.
  await page.waitForFunction(() => {
    const h = window.stretchcoachXR!
    return (
      h.pose.input[0] === 1 &&
      h.pose.input[1] === 1 &&
      h.pose.tracked[1] === 1 &&
      h.pose.tracked[2] === 1
    )
  })
  // The wrist sits near the hand's own position (within a hand's length), and moves with it.
  const read = () =>
    page.evaluate(() => Array.from(window.stretchcoachXR!.pose.poses.subarray(7, 21)))
  const a = await read()
  expect(Math.hypot(a[0]! + 0.2, a[1]! - 0.9, a[2]! + 0.3)).toBeLessThan(0.2)
  expect(Math.hypot(a[7]! - 0.25, a[8]! - 1.3, a[9]! + 0.4)).toBeLessThan(0.2)
  await page.evaluate(() => window.xrDevice!.hands.left!.position.set(-0.2, 0.5, -0.3))
  await expect.poll(async () => (await read())[1]! - a[1]!).toBeCloseTo(-0.4, 3)
  await page.getByRole('button', { name: 'End session' }).click()
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
})

test("in the headset, pointing at the panel's Stop: pain and pulling the trigger stops for pain", async ({
  page,
}) => {
  await openHome(page, '?emulate=quest3&mode=vr&eyeHeight=1.6')
  await startHeadsetRoutine(page)
  await page.waitForFunction(() => window.stretchcoachXR?.bounds.panel !== null)
  await page.waitForTimeout(800)
  // Aim the right controller at the button and pull the trigger, slowly.
  await pressInHeadset(page, 'stopPain')
  await page.waitForFunction(() => window.stretchcoachXR!.session.phase === 'done')
  await expect(page.getByTestId('session-saved')).toHaveAttribute('data-pain', 'true')
  // The session stays open until the user leaves it.
  await page.waitForTimeout(1500)
  expect(await page.evaluate(() => window.stretchcoachXR!.sessionMode)).toBe('immersive-vr')
  await page.getByRole('button', { name: 'End session' }).click()
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  expect(await page.evaluate(() => window.stretchcoachXR!.sessionsEnded)).toBe(1)
})

test.describe('accessibility', () => {
  for (const [name, path, ready] of [
    ['home page', './', 'main.home[data-ready="true"]'],
    ['desktop preview', './#/preview', '.view3d[data-ready="true"]'],
    ['home page with an emulated headset', './?emulate=quest3', 'main.home[data-ready="true"]'],
  ] as const) {
    test(`${name}: no serious axe violations (WCAG 2 AA)`, async ({ page }) => {
      await page.goto(path)
      await expect(page.locator(ready)).toBeVisible()
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
      const serious = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
      expect(serious).toEqual([])
    })
  }
})
