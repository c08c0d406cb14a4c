// Where the coach and the panel go in the headset (docs/product.md "The session",
// issue 8): for users of 1.50, 1.75 and 1.95 m standing, at a counter,
// kneeling, seated, face down and on the back, anywhere on the floor and
// facing any way, the head pose gives the posture class; both the coach (the
// whole of what it is about to do) and the panel are centred within 35° of
// where the face points and wholly inside a ±45° view, the panel is above the
// floor and never covers the coach. A broken head pose moves nothing. The
// follower places at once, then re-places only after the head has stayed
// turned away (or in another posture) for more than a second: no swimming
// with glances or cat-cow's nods.
import { describe, expect, it } from 'vitest'
import type { Phase } from '../../../src/core/phase.ts'
import { STRETCH_IDS, STRETCHES, type StretchId } from '../../../src/core/stretches.ts'
import { rotateVec } from '../../../src/core/vec.ts'
import {
  angleFromFaceDeg,
  AWAY_SECONDS,
  classifyPosture,
  coachWorldBounds,
  copyViewPlacement,
  createViewFollower,
  FOLLOWER_DT,
  FOLLOWER_STATURE,
  createViewPlacement,
  viewerInCoachFrame,
  GLIDE_S,
  IN_VIEW_DEG,
  PANEL_HEIGHT_M,
  PANEL_WIDTH_M,
  panelWorldBounds,
  placeView,
  POSTURE_CLASSES,
  postureClassOfStretch,
  updateViewFollower,
  type PostureClass,
  type ViewFollower,
  type ViewPlacement,
} from '../../../src/core/session/viewPlacement.ts'
import { corners, headIn, routeBoxOf, seen } from './viewGeometry.ts'

const STATURES = [1.5, 1.75, 1.95] as const
/** Headings (rad): the four axes (where a world box is the coach's own box) and three others. */
const HEADINGS = [0, Math.PI / 2, Math.PI, -Math.PI / 2, 1, 2.5, -2] as const
/** Floor positions of the user (m). */
const SPOTS = [
  [0, 0],
  [1.2, -0.7],
  [-2, 1.5],
] as const
/** The most a corner of the coach or the panel may be off the face direction, across or up (deg). */
const VIEW_HALF_DEG = 45

/** A user's head in a keyframe of a stretch, and the posture class it must give. */
interface Posture {
  name: string
  stretch: StretchId
  key: string
  cls: PostureClass
  /** the coach's route boxes to place for (stretch and phase) */
  boxes: [StretchId, Phase][]
}

const inPose = (id: StretchId): [StretchId, Phase][] => [
  [id, 'demonstrate'],
  [id, 'getIntoPosition'],
  [id, STRETCHES[id].dose.kind === 'reps' ? 'reps' : 'hold'],
  [id, 'rest'],
]

const POSTURES: Posture[] = [
  {
    name: 'standing, watching the coach',
    stretch: 'childs-pose',
    key: 'stand',
    cls: 'standing',
    boxes: STRETCH_IDS.flatMap((id): [StretchId, Phase][] => [
      [id, 'demonstrate'],
      [id, 'rest'],
    ]),
  },
  {
    name: 'at a counter (cat-cow)',
    stretch: 'cat-cow',
    key: 'neutral',
    cls: 'standing',
    boxes: inPose('cat-cow'),
  },
  {
    name: 'kneeling (hip flexor)',
    stretch: 'hip-flexor',
    key: 'target',
    cls: 'kneeling',
    boxes: inPose('hip-flexor'),
  },
  {
    name: 'seated (hamstring)',
    stretch: 'hamstring-stretch',
    key: 'start',
    cls: 'seated',
    boxes: inPose('hamstring-stretch'),
  },
  {
    name: 'face down (child’s pose)',
    stretch: 'childs-pose',
    key: 'target',
    cls: 'faceDown',
    boxes: inPose('childs-pose'),
  },
  {
    name: 'face down (side reach)',
    stretch: 'childs-pose-side',
    key: 'target',
    cls: 'faceDown',
    boxes: inPose('childs-pose-side'),
  },
  {
    name: 'on the back (knee to chest)',
    stretch: 'knee-to-chest',
    key: 'target',
    cls: 'onBack',
    boxes: inPose('knee-to-chest'),
  },
  {
    name: 'on the back (supine twist)',
    stretch: 'supine-twist',
    key: 'target',
    cls: 'onBack',
    boxes: inPose('supine-twist'),
  },
  {
    name: 'on the back (bridge)',
    stretch: 'bridge',
    key: 'top',
    cls: 'onBack',
    boxes: inPose('bridge'),
  },
]

const boxCache = new Map<string, Float64Array>()
function box(id: StretchId, phase: Phase): Float64Array {
  const k = id + '|' + phase
  let b = boxCache.get(k)
  if (!b) boxCache.set(k, (b = routeBoxOf(id, phase)))
  return b
}

/** The 8 corners of the coach's own box, placed (world m). */
function coachCorners(vp: ViewPlacement, bounds: ArrayLike<number>, statureM: number): number[][] {
  const k = statureM * vp.coachScale
  const v = new Float64Array(3)
  return corners(bounds).map((c) => {
    rotateVec(v, 0, vp.coachQuaternion, 0, c[0]! * k, c[1]! * k, c[2]! * k)
    return [
      v[0]! + vp.coachPosition[0]!,
      v[1]! + vp.coachPosition[1]!,
      v[2]! + vp.coachPosition[2]!,
    ]
  })
}

/** The panel's 4 corners (world m). */
function panelCorners(vp: ViewPlacement): number[][] {
  const out: number[][] = []
  const v = new Float64Array(3)
  for (const sx of [-0.5, 0.5])
    for (const sy of [-0.5, 0.5]) {
      const w = PANEL_WIDTH_M * vp.panelScale
      const h = PANEL_HEIGHT_M * vp.panelScale
      rotateVec(v, 0, vp.panelQuaternion, 0, sx * w, sy * h, 0)
      out.push([
        v[0]! + vp.panelPosition[0]!,
        v[1]! + vp.panelPosition[1]!,
        v[2]! + vp.panelPosition[2]!,
      ])
    }
  return out
}

const centre = (b: ArrayLike<number>) => [
  (b[0]! + b[3]!) / 2,
  (b[1]! + b[4]!) / 2,
  (b[2]! + b[5]!) / 2,
]
const range = (xs: number[]) => [Math.min(...xs), Math.max(...xs)] as const

/** What is wrong with a placement seen from `head`, as readable lines (none: all is well). */
function placementProblems(
  head: number[],
  vp: ViewPlacement,
  bounds: Float64Array,
  statureM: number,
  axisHeading: boolean,
): string[] {
  const out: string[] = []
  const cw = new Float64Array(6)
  const pw = new Float64Array(6)
  coachWorldBounds(cw, vp, bounds, [statureM])
  panelWorldBounds(pw, vp)
  const [cx, cy, cz] = centre(cw)
  const coachAngle = angleFromFaceDeg(head, cx!, cy!, cz!)
  if (!(coachAngle <= IN_VIEW_DEG)) out.push(`coach centre ${coachAngle.toFixed(1)}° off the face`)
  const [px, py, pz] = centre(pw)
  const panelAngle = angleFromFaceDeg(head, px!, py!, pz!)
  if (!(panelAngle <= IN_VIEW_DEG)) out.push(`panel centre ${panelAngle.toFixed(1)}° off the face`)
  const coach = coachCorners(vp, bounds, statureM).map((c) => seen(head, c))
  const panel = panelCorners(vp).map((c) => seen(head, c))
  const check = (what: string, views: [number, number, number][]) => {
    for (const [az, el] of views)
      if (!(Math.abs(az) <= VIEW_HALF_DEG && Math.abs(el) <= VIEW_HALF_DEG)) {
        out.push(`${what} corner at az ${az.toFixed(1)}°, el ${el.toFixed(1)}°`)
        return
      }
  }
  check('coach', coach)
  check('panel', panel)
  // where the box is the coach's own box (the four axes), the world boxes the e2e tests project too
  if (axisHeading) {
    check(
      'coach world-box',
      corners(cw).map((c) => seen(head, c)),
    )
    check(
      'panel world-box',
      corners(pw).map((c) => seen(head, c)),
    )
  }
  if (!(pw[1]! > 0)) out.push(`panel's lowest corner at y ${pw[1]!.toFixed(3)} m`)
  // what is drawn is turned, not also stretched or skewed: unit quaternions
  for (const [what, q] of [
    ['coach', vp.coachQuaternion],
    ['panel', vp.panelQuaternion],
    ['caption', vp.captionQuaternion],
  ] as const) {
    const len = Math.hypot(q[0]!, q[1]!, q[2]!, q[3]!)
    if (!(Math.abs(len - 1) < 1e-9)) out.push(`${what} rotation of length ${len.toFixed(4)}`)
  }
  // the panel never covers the coach: where they overlap in the view, the panel is behind it
  const [caz0, caz1] = range(coach.map((v) => v[0]))
  const [cel0, cel1] = range(coach.map((v) => v[1]))
  const [paz0, paz1] = range(panel.map((v) => v[0]))
  const [pel0, pel1] = range(panel.map((v) => v[1]))
  const overlap =
    Math.min(caz1, paz1) > Math.max(caz0, paz0) && Math.min(cel1, pel1) > Math.max(cel0, pel0)
  if (overlap && Math.min(...panel.map((v) => v[2])) < Math.max(...coach.map((v) => v[2])))
    out.push('the panel covers the coach')
  return out
}

/** One follower frame of 1/72 s for a 1.75 m user (the per-frame numbers go in typed slots). */
function follow(
  f: ViewFollower,
  head: ArrayLike<number>,
  tracked: boolean,
  cls: PostureClass,
  bounds: ArrayLike<number>,
  force: boolean,
): void {
  f.num[FOLLOWER_STATURE] = 1.75
  f.num[FOLLOWER_DT] = 1 / 72
  updateViewFollower(f, head, tracked, cls, bounds, force)
}

describe('posture class from the head pose', () => {
  for (const p of POSTURES)
    it(`${p.name}: ${p.cls}, at every stature, heading and place`, () => {
      const wrong: string[] = []
      for (const H of STATURES)
        for (const yaw of HEADINGS)
          for (const [x, z] of SPOTS) {
            const head = headIn(p.stretch, p.key, H, x, z, yaw)
            const cls = classifyPosture(head, true, [H], postureClassOfStretch(p.stretch))
            if (cls !== p.cls) wrong.push(`${H} m, yaw ${yaw.toFixed(2)}: ${cls}`)
          }
      expect(wrong).toEqual([])
    })

  it('the head decides over the stretch when it can tell: upright, face down, on the back, seated', () => {
    for (const H of STATURES)
      for (const p of POSTURES.filter((q) => q.key === 'stand' || q.cls !== 'kneeling')) {
        const head = headIn(p.stretch, p.key, H)
        for (const fallback of POSTURE_CLASSES)
          expect(
            classifyPosture(head, true, [H], fallback),
            `${p.name}, ${H} m, stretch says ${fallback}`,
          ).toBe(p.cls)
      }
  })

  it('without a usable head, the stretch’s own posture', () => {
    const head = headIn('childs-pose', 'target', 1.75)
    for (const fallback of POSTURE_CLASSES) {
      expect(classifyPosture(head, false, [1.75], fallback)).toBe(fallback)
      expect(classifyPosture([Number.NaN, ...head.slice(1)], true, [1.75], fallback)).toBe(fallback)
      expect(classifyPosture([0, 1, 0, 0, 0, 0, 0], true, [1.75], fallback)).toBe(fallback)
    }
    expect(postureClassOfStretch(null)).toBe('standing')
    expect(postureClassOfStretch('childs-pose')).toBe('faceDown')
    expect(postureClassOfStretch('childs-pose-side')).toBe('faceDown')
    expect(postureClassOfStretch('knee-to-chest')).toBe('onBack')
    expect(postureClassOfStretch('hamstring-stretch')).toBe('seated')
    expect(postureClassOfStretch('hip-flexor')).toBe('kneeling')
    expect(postureClassOfStretch('cat-cow')).toBe('standing')
  })
})

describe('the coach and the panel in view', () => {
  for (const H of STATURES)
    for (const p of POSTURES)
      it(`${H} m, ${p.name}`, () => {
        const problems: string[] = []
        for (const yaw of HEADINGS)
          for (const [x, z] of SPOTS) {
            const head = headIn(p.stretch, p.key, H, x, z, yaw)
            const cls = classifyPosture(head, true, [H], postureClassOfStretch(p.stretch))
            const axis = Math.abs(Math.sin(2 * yaw)) < 1e-9
            for (const [id, phase] of p.boxes) {
              const bounds = box(id, phase)
              const vp = createViewPlacement()
              expect(placeView(vp, head, cls, bounds, H)).toBe(true)
              for (const problem of placementProblems(head, vp, bounds, H, axis))
                problems.push(`${id} ${phase}, yaw ${yaw.toFixed(2)} at (${x}, ${z}): ${problem}`)
            }
          }
        expect(problems).toEqual([])
      })

  it('where docs/product.md puts them: upright 1.5–2.5 m ahead; face down on the floor; on the back above the face; seated low', () => {
    for (const H of STATURES)
      for (const p of POSTURES) {
        const head = headIn(p.stretch, p.key, H, 0.4, -0.3, 2.5)
        const bounds = box(p.boxes[0]![0], p.boxes[0]![1])
        const vp = createViewPlacement()
        placeView(vp, head, p.cls, bounds, H)
        const cw = new Float64Array(6)
        const pw = new Float64Array(6)
        coachWorldBounds(cw, vp, bounds, [H])
        panelWorldBounds(pw, vp)
        const [cx, cy, cz] = centre(cw) as [number, number, number]
        const label = `${H} m, ${p.name}`
        if (p.cls === 'standing' || p.cls === 'kneeling') {
          const ahead = Math.hypot(cx - head[0]!, cz - head[2]!)
          expect(ahead, label).toBeGreaterThanOrEqual(1.5 - 1e-9)
          expect(ahead, label).toBeLessThanOrEqual(2.5)
        } else if (p.cls === 'faceDown') {
          // the coach stands on the floor, small, below the eyes; the panel lies on the floor
          expect(cw[1], label).toBeGreaterThanOrEqual(0)
          expect(cw[1], label).toBeLessThan(0.01)
          expect(cw[4], label).toBeLessThan(head[1]!)
          expect(pw[4], label).toBeLessThan(0.05)
        } else if (p.cls === 'onBack') {
          expect(cw[1], label).toBeGreaterThan(head[1]!)
          expect(pw[1], label).toBeGreaterThan(head[1]!)
        } else {
          expect(cy, label).toBeLessThan(head[1]!)
        }
      }
  })

  it('the same at any heading and place on the floor (up to the turn)', () => {
    const H = 1.75
    for (const p of POSTURES) {
      const bounds = box(p.boxes[0]![0], p.boxes[0]![1])
      const seenFrom = (yaw: number, x: number, z: number) => {
        const head = headIn(p.stretch, p.key, H, x, z, yaw)
        const vp = createViewPlacement()
        placeView(vp, head, p.cls, bounds, H)
        return {
          scales: [vp.coachScale, vp.panelScale, vp.captionScale, vp.stageRaised ? 1 : 0],
          views: [...coachCorners(vp, bounds, H), ...panelCorners(vp), [...vp.captionPosition]].map(
            (c) => seen(head, c),
          ),
        }
      }
      const ref = seenFrom(0, 0, 0)
      for (const yaw of HEADINGS)
        for (const [x, z] of SPOTS) {
          const other = seenFrom(yaw, x, z)
          const label = `${p.name}, yaw ${yaw.toFixed(2)} at (${x}, ${z})`
          for (let i = 0; i < ref.scales.length; i++)
            expect(other.scales[i], label).toBeCloseTo(ref.scales[i]!, 9)
          for (let i = 0; i < ref.views.length; i++)
            for (let k = 0; k < 3; k++)
              expect(other.views[i]![k], `${label}, point ${i}`).toBeCloseTo(ref.views[i]![k]!, 6)
        }
    }
  })

  it('a head pose that is NaN, infinite or not a rotation changes nothing', () => {
    const good = headIn('cat-cow', 'neutral', 1.75)
    const bounds = box('cat-cow', 'reps')
    const vp = createViewPlacement()
    expect(placeView(vp, good, 'standing', bounds, 1.75)).toBe(true)
    const before = createViewPlacement()
    copyViewPlacement(before, vp)
    const broken = [
      [Number.NaN, ...good.slice(1)],
      [...good.slice(0, 3), Number.NaN, ...good.slice(4)],
      [good[0]!, Number.POSITIVE_INFINITY, ...good.slice(2)],
      [...good.slice(0, 3), 0, 0, 0, 0],
      [...good.slice(0, 3), 0, 0, 0, 3],
    ]
    for (const head of broken)
      for (const cls of POSTURE_CLASSES) {
        expect(placeView(vp, head, cls, bounds, 1.75), `${head.join(',')}`).toBe(false)
        expect(vp).toEqual(before)
      }
  })
})

describe('the follower: no swimming', () => {
  const H = 1.75
  const DT = 1 / 72
  /** The position of a user's eyes at the counter (m). */
  const EYES = headIn('cat-cow', 'neutral', H, 0.3, -0.2).slice(0, 3)
  /** That user's head turned yawDeg (+: left) from facing −Z and pitched pitchDeg (−: down). */
  function head(yawDeg: number, pitchDeg = -10): number[] {
    const a = (yawDeg * Math.PI) / 360
    const b = (pitchDeg * Math.PI) / 360
    // about +Y by the heading, then about +X by the pitch (half angles a and b)
    const [sy, cy, sx, cx] = [Math.sin(a), Math.cos(a), Math.sin(b), Math.cos(b)]
    return [...EYES, cy * sx, sy * cx, -sy * sx, cy * cx]
  }
  const numbers = (vp: ViewPlacement) => [
    vp.cls,
    ...vp.coachPosition,
    ...vp.coachQuaternion,
    vp.coachScale,
    ...vp.panelPosition,
    ...vp.panelQuaternion,
    vp.panelScale,
    ...vp.captionPosition,
  ]
  /** Two placements equal but for rounding (the follower keeps its head pose in a typed array). */
  const expectSame = (a: ViewPlacement, b: ViewPlacement, label = '') => {
    const x = numbers(a)
    const y = numbers(b)
    expect(x[0], label).toBe(y[0])
    for (let i = 1; i < x.length; i++)
      expect(x[i], `${label} number ${i}`).toBeCloseTo(y[i] as number, 9)
  }
  const placed = (h: number[], cls: PostureClass, bounds: Float64Array) => {
    const vp = createViewPlacement()
    placeView(vp, h, cls, bounds, H)
    return vp
  }
  /** Steps the follower for `seconds` with the same head; `each` after every frame. */
  function hold(
    f: ViewFollower,
    h: number[],
    cls: PostureClass,
    bounds: Float64Array,
    seconds: number,
    each: (t: number) => void = () => undefined,
  ): void {
    const n = Math.round(seconds / DT)
    for (let i = 1; i <= n; i++) {
      follow(f, h, true, cls, bounds, false)
      each(i * DT)
    }
  }
  const bounds = box('cat-cow', 'reps')

  it('places at once the first time, and not before the head is tracked', () => {
    const f = createViewFollower()
    follow(f, [Number.NaN, 0, 0, 0, 0, 0, 1], false, 'standing', bounds, false)
    expect(f.placed).toBe(false)
    follow(f, head(0), true, 'standing', bounds, false)
    expect(f.placed).toBe(true)
    expectSame(f.shown, placed(head(0), 'standing', bounds))
  })

  it('a head turned 20° for 5 s moves nothing', () => {
    const f = createViewFollower()
    follow(f, head(0), true, 'standing', bounds, false)
    const first = numbers(f.shown)
    hold(f, head(20), 'standing', bounds, 5, (t) =>
      expect(numbers(f.shown), `t = ${t}`).toEqual(first),
    )
    hold(f, head(-20), 'standing', bounds, 5, (t) =>
      expect(numbers(f.shown), `t = ${t}`).toEqual(first),
    )
  })

  it(`a head turned 60° re-places after more than ${AWAY_SECONDS} s, gliding there`, () => {
    const f = createViewFollower()
    follow(f, head(0), true, 'standing', bounds, false)
    const first = numbers(f.shown)
    hold(f, head(60), 'standing', bounds, 0.9)
    expect(numbers(f.shown), 'after 0.9 s').toEqual(first)
    hold(f, head(60), 'standing', bounds, 0.6 + GLIDE_S)
    expectSame(f.shown, placed(head(60), 'standing', bounds), `after ${1.5 + GLIDE_S} s`)
    // and it is in view again
    expect(placementProblems(head(60), f.shown, bounds, H, false)).toEqual([])
  })

  it('nodding through cat-cow (pitch −35° ± 25°, every 3 s) never re-places', () => {
    const f = createViewFollower()
    follow(f, head(0, -35), true, 'standing', bounds, false)
    const first = numbers(f.shown)
    for (let i = 1; i <= 30 / DT; i++) {
      const t = i * DT
      const h = head(0, -35 + 25 * Math.sin((2 * Math.PI * t) / 3))
      const cls = classifyPosture(h, true, [H], postureClassOfStretch('cat-cow'))
      follow(f, h, true, cls, bounds, false)
      expect(numbers(f.shown), `t = ${t.toFixed(2)}`).toEqual(first)
    }
  })

  it('lying down (standing → face down) re-places after about a second', () => {
    const f = createViewFollower()
    const standing = headIn('childs-pose', 'stand', H, 0.3, -0.2, Math.PI)
    const faceDown = headIn('childs-pose', 'target', H, 0.3, -0.2, Math.PI)
    const standBox = box('childs-pose', 'demonstrate')
    follow(f, standing, true, 'standing', standBox, false)
    const first = numbers(f.shown)
    const cls = classifyPosture(faceDown, true, [H], 'faceDown')
    expect(cls).toBe('faceDown')
    hold(f, faceDown, cls, standBox, 0.9)
    expect(numbers(f.shown), 'after 0.9 s').toEqual(first)
    hold(f, faceDown, cls, standBox, 0.3)
    expect(f.to.cls, 'after 1.2 s').toBe('faceDown')
    hold(f, faceDown, cls, standBox, GLIDE_S)
    expectSame(f.shown, placed(faceDown, 'faceDown', standBox))
  })

  it('told to (the space was reset): re-places at once', () => {
    const f = createViewFollower()
    follow(f, head(0), true, 'standing', bounds, false)
    follow(f, head(30), true, 'standing', bounds, true)
    expectSame(f.to, placed(head(30), 'standing', bounds))
    hold(f, head(30), 'standing', bounds, GLIDE_S + DT)
    expectSame(f.shown, f.to)
  })

  it('a coach about to do something bigger is refitted where it stands, not moved to the glance', () => {
    const f = createViewFollower()
    follow(f, head(0), true, 'standing', bounds, false)
    const bigger = box('childs-pose', 'demonstrate')
    follow(f, head(20), true, 'standing', bigger, false)
    expectSame(f.to, placed(head(0), 'standing', bigger))
  })

  it('an untracked or broken head for 5 s moves nothing', () => {
    const f = createViewFollower()
    follow(f, head(0), true, 'standing', bounds, false)
    const first = numbers(f.shown)
    const away = head(90)
    for (let i = 0; i < 5 / DT; i++) {
      follow(f, away, false, 'standing', bounds, false)
      follow(f, [Number.NaN, 1, 0, 0, 0, 0, 1], true, 'faceDown', bounds, false)
    }
    expect(numbers(f.shown)).toEqual(first)
  })
})

describe('viewerInCoachFrame: where the user is, as the coach looks for them', () => {
  it('a head 1 m in front of a coach turned a quarter round is straight ahead of it, at eye height', () => {
    const vp = createViewPlacement()
    vp.coachPosition.set([1, 0, 2])
    // a quarter turn about +Y: the coach's +Z (where it faces) points along world +X
    vp.coachQuaternion.set([0, Math.SQRT1_2, 0, Math.SQRT1_2])
    vp.coachScale = 1
    const out = new Float64Array(3)
    viewerInCoachFrame(out, 0, vp, [1.6], [2, 1.5, 2], 0)
    expect(out[0]).toBeCloseTo(0, 9)
    expect(out[1]).toBeCloseTo(1.5 / 1.6, 9)
    expect(out[2]).toBeCloseTo(1 / 1.6, 9)
  })

  it("to the coach's left is +x; a smaller coach (scale 0.5) sees the same head twice as far in its heights", () => {
    const vp = createViewPlacement()
    vp.coachQuaternion.set([0, 0, 0, 1])
    vp.coachScale = 0.5
    const out = new Float64Array(4)
    viewerInCoachFrame(out, 1, vp, [1.6], [0.8, 0, 0], 0)
    expect(out[1]).toBeCloseTo(1, 9)
    expect(out[2]).toBeCloseTo(0, 9)
    expect(out[3]).toBeCloseTo(0, 9)
  })
})
