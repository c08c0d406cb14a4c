// The routine in the emulated headset (IWER Quest 3, VR), followed as a user
// would: Morning mobility with short test holds, the user standing to watch,
// face down in child's pose, at the counter for cat-cow, on the back for
// knee-to-chest. At each moment that matters (demonstrate, hold or
// repetitions, rest) the headset view is photographed without the page, and
// the coach's and the panel's world boxes, seen from the head pose the app
// read, must both lie inside the emulated field of view and be centred within
// 35° of the face. On every frame the coach shows the runner's stretch, side
// and phase; the cues come in the order a user hears them, as synthesized
// sound, speech and controller pulses, with no audio file requested.
import { test, expect } from './helpers/guard'
import {
  bodyPose,
  countPulses,
  cueKinds,
  cyclePoses,
  expectBothInView,
  headsetQuery,
  headsetShot,
  holdPose,
  instrumentOutputs,
  readCoachCheck,
  readOutputs,
  standingPose,
  startCoachCheck,
  startHeadsetRoutine,
  waitForPhase,
} from './helpers/headset'

test.describe.configure({ timeout: 240_000 })

const SHOTS = 'tests/e2e/screenshots'
const H = 1.75
const EYE = 0.93 * H

test('Morning mobility in the headset: led by the coach, both in view standing, face down and on the back, cues without looking', async ({
  page,
  guard,
}) => {
  await instrumentOutputs(page)
  await page.goto(headsetQuery(`&eyeHeight=${EYE}`))
  await startHeadsetRoutine(page, { routine: 'Morning mobility' })
  await countPulses(page)
  await startCoachCheck(page)

  // Child's pose: watched standing, held face down.
  await holdPose(page, standingPose(EYE))
  await waitForPhase(page, 'demonstrate', 'childs-pose')
  await page.waitForTimeout(900)
  await expectBothInView(page, "child's pose, demonstrate, standing")
  await headsetShot(page, `${SHOTS}/headset-childs-pose-demonstrate.png`)
  await waitForPhase(page, 'getIntoPosition', 'childs-pose')
  await holdPose(page, bodyPose('childs-pose', 'target', H, 'both'))
  await waitForPhase(page, 'hold', 'childs-pose')
  await expectBothInView(page, "child's pose, hold, face down")
  await headsetShot(page, `${SHOTS}/headset-childs-pose-hold.png`)
  await waitForPhase(page, 'rest', 'cat-cow')
  await page.waitForTimeout(900)
  await expectBothInView(page, "rest after child's pose, face down")
  await headsetShot(page, `${SHOTS}/headset-childs-pose-rest.png`)

  // Cat-cow: at the counter, standing; a repetition is a cat and a cow.
  const neutral = bodyPose('cat-cow', 'neutral', H, 'both')
  await holdPose(page, neutral)
  await waitForPhase(page, 'demonstrate', 'cat-cow')
  await expectBothInView(page, 'cat-cow, demonstrate, at the counter')
  await headsetShot(page, `${SHOTS}/headset-cat-cow-demonstrate.png`)
  await waitForPhase(page, 'getIntoPosition', 'cat-cow')
  // the baseline is taken in a still second at neutral, then the cycle starts
  await page.waitForTimeout(1500)
  await cyclePoses(
    page,
    [
      neutral,
      bodyPose('cat-cow', 'cat', H, 'both'),
      neutral,
      bodyPose('cat-cow', 'cow', H, 'both'),
    ],
    1.4,
  )
  await waitForPhase(page, 'reps', 'cat-cow')
  await page.waitForFunction(
    () => window.stretchcoachXR!.cues.some((c) => c.kind === 'repCounted'),
    undefined,
    {
      timeout: 30_000,
    },
  )
  // look while the head passes neutral (the posture's own face direction)
  await page.waitForFunction(() => (window as unknown as { __cycleKey?: number }).__cycleKey === 0)
  await expectBothInView(page, 'cat-cow, repetitions, neutral')
  await headsetShot(page, `${SHOTS}/headset-cat-cow-reps.png`)
  // enough of cat-cow: the user moves on from the page
  await page.getByRole('button', { name: 'Skip' }).click()
  await waitForPhase(page, 'rest', 'knee-to-chest')

  // Knee-to-chest: watched standing, held on the back, both sides.
  await holdPose(page, standingPose(EYE))
  await waitForPhase(page, 'demonstrate', 'knee-to-chest')
  // stepping back from the counter: the coach glides from there onto its stage
  await page.waitForTimeout(1500)
  await expectBothInView(page, 'knee-to-chest, demonstrate, standing')
  await headsetShot(page, `${SHOTS}/headset-knee-to-chest-demonstrate.png`)
  await waitForPhase(page, 'getIntoPosition', 'knee-to-chest')
  await holdPose(page, bodyPose('knee-to-chest', 'target', H, 'left'))
  await waitForPhase(page, 'hold', 'knee-to-chest')
  await expectBothInView(page, 'knee-to-chest, hold, on the back')
  await headsetShot(page, `${SHOTS}/headset-knee-to-chest-hold.png`)
  await page.waitForFunction(() => window.stretchcoachXR!.session.side === 'right')
  // straight to the other knee, never out of the pose: the new grip, held still, is the switch
  await holdPose(page, bodyPose('knee-to-chest', 'target', H, 'right'))
  await waitForPhase(page, 'rest', 'supine-twist')
  await page.waitForTimeout(900)
  await expectBothInView(page, 'rest after knee-to-chest, on the back')
  await headsetShot(page, `${SHOTS}/headset-knee-to-chest-rest.png`)

  // On every frame the app read, the coach showed the runner's stretch, side and phase.
  const check = await readCoachCheck(page)
  expect(check.mismatches).toEqual([])
  expect(check.checked).toBeGreaterThan(200)
  expect(check.checked / check.read, 'share of frames checked').toBeGreaterThan(0.9)
  for (const phase of ['demonstrate', 'getIntoPosition', 'hold', 'reps', 'switchSide', 'rest'])
    expect(check.phases, `the check passed through ${phase}`).toContain(phase)

  // The cues, in the order heard: child's pose held to the end, a repetition, a side switch.
  const kinds = await cueKinds(page)
  const childs = kinds.slice(0, 4)
  expect(childs).toEqual(['inPosition', 'lastFive', 'holdComplete', 'stretchDone'])
  expect(kinds).toContain('repCounted')
  const knee = kinds.slice(kinds.lastIndexOf('repCounted') + 1)
  expect(knee.slice(0, 4)).toEqual(['stretchDone', 'inPosition', 'lastFive', 'holdComplete'])
  expect(knee).toContain('switchSide')
  expect(knee.indexOf('switchSide')).toBe(4)
  // …heard and felt: synthesized tones, the steps spoken, the controllers pulsed; no sound file.
  const out = await readOutputs(page)
  expect(out.oscillators).toBeGreaterThan(kinds.length)
  expect(out.spoken).toContain("Child's pose. Watch the coach.")
  expect(out.spoken.some((t) => t.startsWith('Switch to the right side'))).toBe(true)
  expect(out.pulses).toBeGreaterThanOrEqual(kinds.length)
  expect(
    guard.requests.filter((u) => /\.(mp3|wav|ogg|oga|m4a|aac|flac|opus|weba)(\?|$)/i.test(u)),
  ).toEqual([])

  await page.getByRole('button', { name: 'End session' }).click()
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
})
