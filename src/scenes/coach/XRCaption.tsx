/**
 * The coach's caption in the headset: the stretch, the step being shown, the
 * side and the hold countdown, drawn into a canvas texture (no font file is
 * fetched). The canvas is redrawn only when what it says changes (a new step,
 * side or countdown second), never as a per-frame allocation.
 */
import { useEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { CanvasTexture, SRGBColorSpace } from 'three'
import { STRETCHES, type StretchId } from '../../core/stretches.ts'
import type { CoachClock } from '../../avatar/CoachAvatar.tsx'

const W = 1024
const HGT = 320
const SIDE_TEXT = { left: 'Left side', right: 'Right side', both: 'Both sides' } as const

/** Splits text into lines that fit `maxWidth` pixels. */
function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    const next = line ? line + ' ' + word : word
    if (ctx.measureText(next).width > maxWidth && line) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

function draw(canvas: HTMLCanvasElement, stretch: StretchId, clock: CoachClock): void {
  const ctx = canvas.getContext('2d')
  if (!ctx) return
  const s = STRETCHES[stretch]
  ctx.fillStyle = 'rgba(20, 35, 43, 0.88)'
  ctx.fillRect(0, 0, W, HGT)
  ctx.fillStyle = '#ffffff'
  ctx.textBaseline = 'top'
  ctx.font = '700 52px system-ui, sans-serif'
  ctx.fillText(s.name, 36, 28)
  ctx.font = '500 40px system-ui, sans-serif'
  const step = s.steps[Math.min(clock.step, s.steps.length - 1)] ?? ''
  wrap(ctx, step, W - 72)
    .slice(0, 3)
    .forEach((l, i) => ctx.fillText(l, 36, 102 + i * 50))
  ctx.fillStyle = '#9be3d6'
  ctx.font = '600 38px system-ui, sans-serif'
  let status: string = SIDE_TEXT[clock.side]
  if (clock.holdRemaining > 0) status += ' · hold ' + Math.ceil(clock.holdRemaining) + ' s'
  if (clock.rep > 0) status += ' · repetition ' + clock.rep
  ctx.fillText(status, 36, HGT - 62)
}

/** A caption panel 0.8 m wide, facing +Z of its parent (the XR coach turns it toward the user). */
export function XRCaption({ stretch, clock }: { stretch: StretchId; clock: CoachClock }) {
  const canvas = useMemo(() => {
    const c = document.createElement('canvas')
    c.width = W
    c.height = HGT
    return c
  }, [])
  const texture = useMemo(() => {
    const t = new CanvasTexture(canvas)
    t.colorSpace = SRGBColorSpace
    return t
  }, [canvas])
  useEffect(() => () => texture.dispose(), [texture])
  // what the canvas last showed: redraw only when one of these changes
  const shown = useRef({ stretch: '', step: -1, side: '', second: -1, rep: -1 })
  useFrame(() => {
    const last = shown.current
    const second = Math.ceil(clock.holdRemaining)
    if (
      last.stretch === stretch &&
      last.step === clock.step &&
      last.side === clock.side &&
      last.second === second &&
      last.rep === clock.rep
    ) {
      return
    }
    last.stretch = stretch
    last.step = clock.step
    last.side = clock.side
    last.second = second
    last.rep = clock.rep
    draw(canvas, stretch, clock)
    texture.needsUpdate = true
  })
  return (
    <mesh name="xr-coach-caption">
      <planeGeometry args={[0.8, (0.8 * HGT) / W]} />
      <meshBasicMaterial map={texture} toneMapped={false} transparent />
    </mesh>
  )
}
