// Where the coaching panel floats for the three body positions, from the head pose alone.
import { describe, expect, it } from 'vitest'
import { createPoseFrame } from '../../../src/core/poseFrame.ts'
import { readPanelTarget } from '../../../src/scenes/session/panelPlacement.ts'

/** A head at (x, y, z), turned by yaw about +Y then pitched by pitch about its own X (degrees). */
function head(x: number, y: number, z: number, yawDeg: number, pitchDeg: number): Float64Array {
  const f = createPoseFrame()
  const hy = (yawDeg * Math.PI) / 360
  const hp = (pitchDeg * Math.PI) / 360
  // q = qYaw * qPitch
  const [yx, yy, yz, yw] = [0, Math.sin(hy), 0, Math.cos(hy)]
  const [px, py, pz, pw] = [Math.sin(hp), 0, 0, Math.cos(hp)]
  f.poses.set([
    x,
    y,
    z,
    yw * px + yx * pw + yy * pz - yz * py,
    yw * py - yx * pz + yy * pw + yz * px,
    yw * pz + yx * py - yy * px + yz * pw,
    yw * pw - yx * px - yy * py - yz * pz,
  ])
  return f.poses
}

describe('readPanelTarget', () => {
  const t = new Float64Array(3)

  it('standing: ahead and to the left at eye level, whatever the heading', () => {
    expect(readPanelTarget(t, head(1, 1.6, 2, 0, 0), true)).toBe(true)
    expect(t[0]).toBeCloseTo(1 - 0.35, 6)
    expect(t[1]).toBeCloseTo(1.6, 6)
    expect(t[2]).toBeCloseTo(2 - 0.9, 6)
    // turned 90° to the left (facing −X): ahead is −X, left is +Z
    readPanelTarget(t, head(0, 1.5, 0, 90, 0), true)
    expect(t[0]).toBeCloseTo(-0.9, 6)
    expect(t[2]).toBeCloseTo(0.35, 6)
  })

  it("face down (child's pose): low, ahead along the crown, where the eyes look", () => {
    readPanelTarget(t, head(0, 0.2, 0, 0, -70), true)
    expect(t[0]).toBeCloseTo(0, 6)
    expect(t[2]).toBeCloseTo(-0.55, 6)
    expect(t[1]).toBeGreaterThanOrEqual(0.12)
    expect(t[1]).toBeLessThan(0.2)
  })

  it('lying on the back: above the face, a little toward the crown', () => {
    // lying with the crown toward −Z: looking up is a +90° pitch from facing −Z... the crown then points +Z
    readPanelTarget(t, head(0, 0.12, 0, 0, 80), true)
    expect(t[1]).toBeCloseTo(0.12 + 0.75, 6)
    expect(Math.hypot(t[0]!, t[2]!)).toBeCloseTo(0.25, 6)
    expect(t[2]).toBeGreaterThan(0)
  })

  it('refuses an untracked or broken head and leaves the target alone', () => {
    t.set([7, 8, 9])
    expect(readPanelTarget(t, head(0, 1.6, 0, 0, 0), false)).toBe(false)
    const bad = head(0, 1.6, 0, 0, 0)
    bad[1] = Number.NaN
    expect(readPanelTarget(t, bad, true)).toBe(false)
    const zero = head(0, 1.6, 0, 0, 0)
    zero.fill(0, 3, 7)
    expect(readPanelTarget(t, zero, true)).toBe(false)
    expect(Array.from(t)).toEqual([7, 8, 9])
  })
})
