// The controls and the clocks of a headset routine (emulated Quest 3, VR,
// short test holds): Stop: pain clicked with a mouse on the page ends the
// stretch and brings no celebration; pause stops every clock (the
// demonstration, the hold, the rest) and the coach with them; a hold paused by
// lost tracking is heard as such; the user's height is measured standing and
// reaches the engine and the recording, which replays to the saved results to
// the bit; the pain check-out is answered in the headset by pointing.
import { readFileSync } from 'node:fs'
import { scoreTraceText } from '../../src/core/trace/scoreTrace.ts'
import { test, expect } from './helpers/guard'
import {
  bodyPose,
  cueKinds,
  expectBothInView,
  headsetQuery,
  headsetShot,
  holdPose,
  instrumentOutputs,
  pressControllerButton,
  pressInHeadset,
  readOutputs,
  releasePose,
  standingPose,
  startHeadsetRoutine,
  waitForPhase,
} from './helpers/headset'

test.describe.configure({ timeout: 180_000 })

const SHOTS = 'tests/e2e/screenshots'
const H = 1.75
const EYE = 0.93 * H

test('Stop: pain clicked with the mouse on the page ends the stretch; no celebration after a pain stop', async ({
  page,
}) => {
  await page.goto(headsetQuery(`&eyeHeight=${EYE}`))
  await startHeadsetRoutine(page, { routine: 'Morning mobility' })
  // Child's pose held to the end: a first completed stretch (something to celebrate, normally).
  await holdPose(page, standingPose(EYE))
  await waitForPhase(page, 'getIntoPosition', 'childs-pose')
  await holdPose(page, bodyPose('childs-pose', 'target', H, 'both'))
  await waitForPhase(page, 'rest', 'cat-cow')
  await holdPose(page, bodyPose('cat-cow', 'neutral', H, 'both'))
  await waitForPhase(page, 'demonstrate', 'cat-cow')
  // A real mouse click at the button's place: the 3D view must not take it.
  const stop = page.getByRole('button', { name: 'Stop: pain' })
  const box = (await stop.boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await waitForPhase(page, 'done')
  const saved = page.getByTestId('session-saved')
  await expect(saved).toHaveAttribute('data-pain', 'true')
  await expect(saved).toContainText('Supported cat-cow')
  await headsetShot(page, `${SHOTS}/headset-stopped-for-pain.png`)
  // Pause and Skip are clickable too (disabled now: the routine is over), End session leaves.
  await page.getByRole('button', { name: 'End session' }).click()
  const wrap = page.getByTestId('wrap-up')
  await expect(wrap.getByRole('heading', { name: 'Session stopped for pain' })).toBeVisible()
  await expect(wrap.locator('li[data-stretch="childs-pose"]')).toContainText('done')
  await expect(wrap.locator('li[data-stretch="cat-cow"]')).toHaveAttribute('data-pain', 'true')
  // Today's streak has loaded the history and marked the unlocks; nothing celebrates.
  await expect(page.getByTestId('today-status')).toHaveAttribute('data-ready', 'true')
  await page.waitForTimeout(1500)
  await expect(page.getByTestId('celebration')).toHaveCount(0)
  // canvas-confetti draws on a fixed, click-through canvas over the page: there is none
  expect(
    await page.evaluate(
      () =>
        [...document.querySelectorAll('canvas')].filter(
          (c) => c.style.position === 'fixed' && c.style.pointerEvents === 'none',
        ).length,
    ),
  ).toBe(0)
  await page.screenshot({ path: `${SHOTS}/wrap-up-pain-stop.png`, fullPage: true })
})

test('pause stops every clock: the demonstration, the hold and the rest wait, and the coach with them', async ({
  page,
}) => {
  await page.goto(headsetQuery(`&eyeHeight=${EYE}`))
  await startHeadsetRoutine(page, { routine: 'Morning mobility' })
  await holdPose(page, standingPose(EYE))
  const coachBox = () => page.evaluate(() => JSON.stringify(window.stretchcoachXR!.bounds.coach))
  const mirror = page.getByTestId('session-live')

  // The demonstration (3 s with test holds) waits while paused, and so does the coach.
  await waitForPhase(page, 'demonstrate', 'childs-pose')
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(mirror).toHaveAttribute('data-paused', 'true')
  const frozen = await coachBox()
  await page.waitForTimeout(4000)
  expect(await page.evaluate(() => window.stretchcoachXR!.session.phase)).toBe('demonstrate')
  expect(await coachBox()).toBe(frozen)
  await headsetShot(page, `${SHOTS}/headset-paused.png`)
  await page.getByRole('button', { name: 'Resume' }).click()
  await waitForPhase(page, 'getIntoPosition', 'childs-pose')

  // The hold: A on the right controller pauses it, and again resumes it.
  await holdPose(page, bodyPose('childs-pose', 'target', H, 'both'))
  await waitForPhase(page, 'hold', 'childs-pose')
  await expect.poll(async () => Number(await mirror.getAttribute('data-hold'))).toBeGreaterThan(0.5)
  await pressControllerButton(page, 'right', 'a-button')
  await expect(mirror).toHaveAttribute('data-paused', 'true')
  const held = Number(await mirror.getAttribute('data-hold'))
  await page.waitForTimeout(2500)
  expect(Number(await mirror.getAttribute('data-hold'))).toBeCloseTo(held, 1)
  expect(await page.evaluate(() => window.stretchcoachXR!.paused)).toBe(true)
  await pressControllerButton(page, 'right', 'a-button')
  await waitForPhase(page, 'rest', 'cat-cow')

  // The rest (2.5 s with test holds) waits too.
  await page.getByRole('button', { name: 'Pause' }).click()
  await page.waitForTimeout(4000)
  expect(await page.evaluate(() => window.stretchcoachXR!.session.phase)).toBe('rest')
  await page.getByRole('button', { name: 'Resume' }).click()
  await waitForPhase(page, 'demonstrate', 'cat-cow')
  // No pause was heard as a hold paused: the user asked for it.
  expect(await cueKinds(page)).not.toContain('holdPaused')
})

test('a hold paused by lost tracking is heard, and resumes when the headset sees the user again', async ({
  page,
}) => {
  await instrumentOutputs(page)
  await page.goto(
    headsetQuery(`&eyeHeight=${EYE}&stretch=childs-pose`).replace('holdSeconds=4', 'holdSeconds=8'),
  )
  await startHeadsetRoutine(page)
  await holdPose(page, standingPose(EYE))
  await waitForPhase(page, 'getIntoPosition', 'childs-pose')
  await holdPose(page, bodyPose('childs-pose', 'target', H, 'both'))
  await waitForPhase(page, 'hold', 'childs-pose')
  await page.waitForFunction(() => window.stretchcoachXR!.cues.some((c) => c.kind === 'inPosition'))
  // The device stops reporting anything new: bit-identical poses are a frozen device, not a
  // still person (the spec's tracking rules), so the hold pauses.
  await releasePose(page)
  await page.waitForFunction(() => window.stretchcoachXR!.cues.some((c) => c.kind === 'holdPaused'))
  await holdPose(page, bodyPose('childs-pose', 'target', H, 'both'))
  await waitForPhase(page, 'done')
  expect(await cueKinds(page)).toEqual([
    'inPosition',
    'holdPaused',
    'inPosition',
    'lastFive',
    'holdComplete',
    'stretchDone',
  ])
  const out = await readOutputs(page)
  expect(out.spoken.some((t) => t.startsWith('Paused: tracking lost'))).toBe(true)
})

for (const statureM of [1.95, 1.5]) {
  test(`a ${statureM} m body measured standing: its eye height reaches the engine and the recording, which replays to the saved results`, async ({
    page,
  }) => {
    const eye = 0.93 * statureM
    await page.goto(headsetQuery('&stretch=childs-pose'))
    await startHeadsetRoutine(page, { record: true })
    // The panel and the voice ask the user to stand tall; measured from the head.
    await page.waitForFunction(() => window.stretchcoachXR!.calibration.calibrating)
    await holdPose(page, standingPose(eye), 0.001)
    await headsetShot(page, `${SHOTS}/headset-calibration-${statureM}.png`)
    await page.waitForFunction(
      () => window.stretchcoachXR!.calibration.source === 'standing',
      undefined,
      {
        timeout: 15_000,
      },
    )
    const measured = await page.evaluate(() => window.stretchcoachXR!.calibration.eyeHeightM!)
    expect(Math.abs(measured - eye)).toBeLessThan(0.005)
    // The routine then runs on that body: this body's child's pose is held to the end.
    await waitForPhase(page, 'getIntoPosition', 'childs-pose')
    await holdPose(page, bodyPose('childs-pose', 'target', statureM, 'both'))
    await waitForPhase(page, 'done')
    await expect(page.getByTestId('session-saved')).toHaveAttribute('data-save', 'saved')
    await page.getByRole('button', { name: 'End session' }).click()
    const wrap = page.getByTestId('wrap-up')
    await expect(wrap).toBeVisible()

    // The recording's header carries the measured eye height, and it replays to the saved result.
    const traceDownload = page.waitForEvent('download')
    await wrap.getByRole('button', { name: 'Download the recording' }).click()
    const trace = readFileSync((await (await traceDownload).path())!, 'utf8')
    const header = JSON.parse(trace.slice(0, trace.indexOf('\n'))) as {
      calibration: { eyeHeight: number }
    }
    expect(header.calibration.eyeHeight).toBe(measured)
    const replay = scoreTraceText(trace)
    expect(replay.ok).toBe(true)
    if (!replay.ok) return
    // The backup is on the progress view; the wrap-up waits on the home page meanwhile.
    await page.getByRole('link', { name: 'Progress', exact: true }).click()
    const backupDownload = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export backup (JSON)' }).click()
    const backup = JSON.parse(readFileSync((await (await backupDownload).path())!, 'utf8')) as {
      results: { result: unknown }[]
    }
    expect(backup.results.map((r) => r.result)).toEqual(replay.results)
    expect(replay.results[0]!.completed).toBe(true)
    await page.getByRole('link', { name: '← Home' }).click()
    await expect(wrap).toBeVisible()
    // The measurement is remembered for next time.
    expect(
      await page.evaluate(
        () => JSON.parse(localStorage.getItem('stretchcoach-settings')!).state.calibratedEyeHeightM,
      ),
    ).toBe(measured)
    if (statureM !== 1.95) return
    // "Open in replay" hands the same recording to the replay page, which scores it as saved.
    await wrap.getByRole('button', { name: 'Open in replay' }).click()
    await expect(page).toHaveURL(/#\/replay/)
    await expect(page.locator('[data-stretch="childs-pose"]')).toHaveAttribute(
      'data-score',
      String(replay.results[0]!.score),
      { timeout: 30_000 },
    )
  })
}

test('the end of the routine in the headset: the pain check-out answered by pointing, and the session stays open', async ({
  page,
}) => {
  await page.goto(headsetQuery(`&eyeHeight=${EYE}&stretch=childs-pose`))
  await startHeadsetRoutine(page)
  await holdPose(page, standingPose(EYE))
  await waitForPhase(page, 'getIntoPosition', 'childs-pose')
  await holdPose(page, bodyPose('childs-pose', 'target', H, 'both'))
  await waitForPhase(page, 'done')
  // The user gets up to read the results and answer: the panel follows once they are up.
  await holdPose(page, standingPose(EYE))
  // a second after standing up the coach leaves the floor for its stage; then it glides in
  await page.waitForFunction(() => (window.stretchcoachXR!.bounds.coach?.[1] ?? 0) > 0.3)
  await page.waitForTimeout(1000)
  await expectBothInView(page, 'the end, standing')
  await headsetShot(page, `${SHOTS}/headset-end.png`)
  await releasePose(page) // the right hand is the user's to point with now
  await pressInHeadset(page, 'pain:5')
  // Still in the headset until the user leaves; the page says the answer came from the headset.
  expect(await page.evaluate(() => window.stretchcoachXR!.sessionMode)).toBe('immersive-vr')
  await headsetShot(page, `${SHOTS}/headset-end-answered.png`)
  // A ray is drawn from the controller that points at the panel, and none from one
  // that points at nothing (both turned to point behind the user, over the floor).
  const rays = () =>
    page.evaluate(
      () =>
        (window.stretchcoachXR!.describeScene?.() ?? []).filter((d) => d.includes('pointer-ray'))
          .length,
    )
  expect(await rays()).toBeGreaterThanOrEqual(1)
  await page.evaluate(() => {
    for (const hand of ['left', 'right'] as const) {
      const c = window.xrDevice!.controllers[hand]!
      // pointing up and backwards: away from the panel, the coach and the room's contents
      c.quaternion.set(Math.sin(Math.PI / 3), 0, 0, Math.cos(Math.PI / 3))
    }
  })
  await expect.poll(rays).toBe(0)
  await page.getByRole('button', { name: 'End session' }).click()
  const wrap = page.getByTestId('wrap-up')
  await expect(wrap).toContainText('Pain after: 5 / 10 (given in the headset)')
  await expect(wrap.getByRole('heading', { name: 'Session finished' })).toBeVisible()
  await page.getByRole('link', { name: 'Progress', exact: true }).click()
  const session = page.getByTestId('sessions').locator('li.session').first()
  await expect(session.locator('.session-pain')).toContainText('after 5 / 10')
})
