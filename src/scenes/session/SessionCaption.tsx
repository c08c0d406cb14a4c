/**
 * The coach's caption in the headset: the stretch, the step the coach shows,
 * the side and the count, drawn into a canvas texture (no font file is
 * fetched). The canvas is cleared and redrawn only when what it says changes
 * (a new step, side, phase, second or repetition), so the old text never
 * shows through the new; it is redrawn between frames, not inside one.
 */
import { useEffect, useMemo, useRef } from 'react'
import { useThree } from '@react-three/fiber'
import { CanvasTexture, SRGBColorSpace, type Group } from 'three'
import { CAPTION_HEIGHT_M, CAPTION_WIDTH_M } from '../../core/session/viewPlacement.ts'
import { PHASE_TITLE, sideText, stepText } from '../../core/session/sessionTexts.ts'
import { STRETCHES, type StretchId } from '../../core/stretches.ts'
import type { Phase } from '../../core/phase.ts'
import type { LiveSession } from '../../services/session/liveSession.ts'
import { useSessionViews } from './sessionViews.ts'

const W = 1024
const H = Math.round((W * CAPTION_HEIGHT_M) / CAPTION_WIDTH_M)

/** What the caption shows; redrawn when any of it changes. */
interface Shown {
  stretch: StretchId | null
  step: number
  side: string
  phase: Phase | null
  /** whole seconds of hold left, or −1 */
  second: number
  reps: number
  paused: boolean
  /** the routine ended with Stop: pain (no "well done" then) */
  stopped: boolean
}

function draw(ctx: CanvasRenderingContext2D, s: Shown, targetReps: number): void {
  ctx.clearRect(0, 0, W, H)
  ctx.fillStyle = 'rgba(20, 35, 43, 0.9)'
  ctx.beginPath()
  ctx.roundRect(0, 0, W, H, 28)
  ctx.fill()
  ctx.fillStyle = '#ffffff'
  ctx.textBaseline = 'top'
  const name = s.stretch
    ? STRETCHES[s.stretch].name
    : s.phase === 'done'
      ? s.stopped
        ? 'Stopped for pain'
        : 'Routine finished'
      : 'Your coach'
  ctx.font = '700 50px system-ui, sans-serif'
  ctx.fillText(name, 36, 22, W - 72)
  ctx.font = '500 38px system-ui, sans-serif'
  const step = s.paused
    ? 'Paused'
    : stepText(s.stretch, s.step) ||
      (s.phase === 'done'
        ? s.stopped
          ? 'Rest now.'
          : 'Well done.'
        : s.phase
          ? PHASE_TITLE[s.phase]
          : 'Stand tall')
  ctx.fillText(step, 36, 88, W - 72)
  ctx.fillStyle = '#9be3d6'
  ctx.font = '600 36px system-ui, sans-serif'
  let status = sideText(s.side as 'left' | 'right' | 'both' | null)
  if (s.phase) status += (status ? ' - ' : '') + PHASE_TITLE[s.phase]
  if (s.second >= 0) status += ' - ' + s.second + ' s left'
  if (targetReps > 0 && (s.phase === 'reps' || s.phase === 'getIntoPosition'))
    status += ' - ' + s.reps + ' of ' + targetReps
  ctx.fillText(status, 36, H - 62, W - 72)
}

/** The caption panel; the session loop places it above the coach and redraws it on change. */
export function SessionCaption() {
  const views = useSessionViews()
  const gl = useThree((s) => s.gl)
  const group = useRef<Group>(null)
  const canvas = useMemo(() => {
    const c = document.createElement('canvas')
    c.width = W
    c.height = H
    return c
  }, [])
  const texture = useMemo(() => {
    const t = new CanvasTexture(canvas)
    t.colorSpace = SRGBColorSpace
    return t
  }, [canvas])
  useEffect(() => () => texture.dispose(), [texture])
  useEffect(() => {
    const ctx = canvas.getContext('2d')
    const shown: Shown = {
      stretch: null,
      step: -2,
      side: '',
      phase: null,
      second: -2,
      reps: -1,
      paused: false,
      stopped: false,
    }
    let drawn = false
    let targetReps = 0
    let timer: ReturnType<typeof setTimeout> | null = null
    // Drawn and uploaded in a task between frames, not inside the headset's
    // frame: the text rasterises on the CPU and the upload waits for the GPU
    // process. The new words show one frame later.
    const redraw = (): void => {
      timer = null
      if (!ctx) return
      draw(ctx, shown, targetReps)
      texture.needsUpdate = true
      gl.initTexture(texture)
    }
    views.caption = (live: LiveSession) => {
      const g = group.current
      if (!g || !ctx) return
      const lf = live.frame
      const f = lf.follower
      g.visible = f.placed
      if (!f.placed) return
      const vp = f.shown
      g.position.set(vp.captionPosition[0]!, vp.captionPosition[1]!, vp.captionPosition[2]!)
      g.quaternion.set(
        vp.captionQuaternion[0]!,
        vp.captionQuaternion[1]!,
        vp.captionQuaternion[2]!,
        vp.captionQuaternion[3]!,
      )
      g.scale.setScalar(vp.captionScale)
      const d = lf.director
      const r = lf.runner
      const live2 = r?.engine.live
      const holding = r !== null && (r.phase === 'hold' || r.phase === 'getIntoPosition') && live2
      const second =
        holding && live2.targetHoldSeconds > 0
          ? Math.max(0, Math.ceil(live2.targetHoldSeconds - live2.holdSeconds - 1e-6))
          : -1
      const reps = live2 ? live2.reps : 0
      const side = d.stretch === null ? '' : d.side
      const paused = r !== null && r.paused
      const stopped = r !== null && r.stoppedForPain
      if (
        drawn &&
        shown.stretch === d.stretch &&
        shown.step === d.step &&
        shown.side === side &&
        shown.phase === d.phase &&
        shown.second === second &&
        shown.reps === reps &&
        shown.paused === paused &&
        shown.stopped === stopped
      )
        return
      drawn = true
      shown.stretch = d.stretch
      shown.step = d.step
      shown.side = side
      shown.phase = d.phase
      shown.second = second
      shown.reps = reps
      shown.paused = paused
      shown.stopped = stopped
      targetReps = live2 ? live2.targetReps : 0
      if (timer === null) timer = setTimeout(redraw, 0)
    }
    return () => {
      views.caption = null
      if (timer !== null) clearTimeout(timer)
    }
  }, [views, canvas, texture, gl])
  return (
    <group ref={group} visible={false} name="xr-coach-caption" intersectChildren={false}>
      <mesh>
        <planeGeometry args={[CAPTION_WIDTH_M, CAPTION_HEIGHT_M]} />
        <meshBasicMaterial map={texture} toneMapped={false} transparent depthWrite={false} />
      </mesh>
    </group>
  )
}
