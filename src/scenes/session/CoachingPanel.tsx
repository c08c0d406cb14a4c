import { memo, useRef, type RefObject } from 'react'
import { useFrame } from '@react-three/fiber'
import { Container, Text, type VanillaContainer, type VanillaText } from '@react-three/uikit'
import type { Group, Mesh } from 'three'
import type { Phase } from '../../core/phase.ts'
import { STRETCHES, type StretchId } from '../../core/stretches.ts'
import { activeRunner, skipStep, stopForPain } from '../../services/session/liveController.ts'
import { useSessionStore } from '../../services/session/sessionStore.ts'
import { xrHooks } from '../../services/testHooks.ts'
import { readPanelTarget } from './panelPlacement.ts'

/** 1 uikit pixel = 1 mm: the panel is 0.56 m wide, readable at about 1 m. */
const PIXEL_M = 0.001
const PANEL_PX = 560
const BAR_PX = 300
/** Bars move in steps of this many pixels (2 %): a change, not every frame, updates the layout. */
const BAR_STEP_PX = 6
/** The breathing pacer: 4 s in, 6 s out (about six slow breaths a minute). */
const BREATH_IN_S = 4
const BREATH_S = 10
/** How fast the panel follows the head (1/s): lazy, so it does not swim with every nod. */
const FOLLOW_RATE = 1.5

const DARK = '#17201c'
const PAPER = '#f4f7f5'
const GREEN = '#2e7d5b'
const STOP_RED = '#9b1c12'

// Texts the frame loop shows, made once so that updating them allocates nothing.
const SECONDS_TEXT: string[] = []
for (let i = 0; i <= 600; i++) SECONDS_TEXT.push(String(i))
const BREATHE_IN = { text: 'Breathe in' }
const BREATHE_OUT = { text: 'Breathe out' }
const TRACKED = { text: '' }
const NOT_TRACKED = { text: 'The headset cannot see you well: check your hands are in view.' }
// Reused property objects: uikit copies them, so one of each serves every update.
const _count = { text: '0' }
const _rangeWidth = { width: 0 }
const _stabilityWidth = { width: 0 }
// Scratch for the panel's target position (filled and read within one frame).
const _target = new Float64Array(3)

function phaseCaption(phase: Phase, stretch: StretchId | null, side: string | null): string {
  if (stretch === null) return 'Well done. Take off the headset to check in.'
  const s = STRETCHES[stretch]
  const sideText = side === 'left' || side === 'right' ? ` (${side} side)` : ''
  switch (phase) {
    case 'demonstrate':
      return `Watch the coach${sideText}. ${s.steps.join(' ')}`
    case 'getIntoPosition':
      return stretch === 'cat-cow'
        ? 'Stand at your real counter and rest both hands flat on it, then begin.'
        : `Get into position${sideText}: ${s.steps[s.steps.length - 1] ?? ''}`
    case 'hold':
      return 'Hold it there. A gentle pull is right; sharp pain means stop.'
    case 'reps':
      return 'Move slowly through each repetition, with the breath.'
    case 'switchSide':
      return `Well done. Now the ${side ?? 'other'} side.`
    case 'rest':
      return `Rest and breathe. Next: ${s.name}.`
    case 'done':
      return 'Session over. Take off the headset to check in.'
  }
}

function saveCaption(save: string | undefined, pending: number): string {
  if (pending > 0 || save === 'saving') return 'Saving...'
  if (save === 'saved') return 'Saved'
  if (save === 'failed') return 'Not saved: see the page when you take off the headset.'
  return ''
}

/** Hold or repetitions, range and steadiness: updated from the engine's live values in the frame loop. */
const LiveNumbers = memo(function LiveNumbers({ ringRef }: { ringRef: RefObject<Mesh | null> }) {
  const countRef = useRef<VanillaText>(null)
  const unitRef = useRef<VanillaText>(null)
  const rangeRef = useRef<VanillaContainer>(null)
  const stabilityRef = useRef<VanillaContainer>(null)
  const breathRef = useRef<VanillaText>(null)
  const trackedRef = useRef<VanillaText>(null)
  const shown = useRef({ count: -1, range: -1, stability: -1, breathIn: -1, tracked: -1, unit: '' })
  useFrame(() => {
    const r = activeRunner()
    const ring = ringRef.current
    if (!r) return
    const live = r.engine.live
    const last = shown.current
    const reps = live.targetReps > 0
    const count = reps ? live.reps : Math.floor(live.holdSeconds)
    if (count !== last.count && countRef.current) {
      last.count = count
      _count.text = SECONDS_TEXT[count < 600 ? count : 600]!
      countRef.current.setProperties(_count)
    }
    const unit = reps ? 'repetitions' : 'seconds held'
    if (unit !== last.unit && unitRef.current) {
      last.unit = unit
      unitRef.current.setProperties(reps ? REPS_UNIT : HOLD_UNIT)
    }
    const rangePx = Math.round((live.range * BAR_PX) / BAR_STEP_PX) * BAR_STEP_PX
    if (rangePx !== last.range && rangeRef.current) {
      last.range = rangePx
      _rangeWidth.width = rangePx
      rangeRef.current.setProperties(_rangeWidth)
    }
    const stabilityPx = Math.round((live.stability * BAR_PX) / BAR_STEP_PX) * BAR_STEP_PX
    if (stabilityPx !== last.stability && stabilityRef.current) {
      last.stability = stabilityPx
      _stabilityWidth.width = stabilityPx
      stabilityRef.current.setProperties(_stabilityWidth)
    }
    const tracked = live.tracked || r.phase === 'demonstrate' || r.phase === 'rest' ? 1 : 0
    if (tracked !== last.tracked && trackedRef.current) {
      last.tracked = tracked
      trackedRef.current.setProperties(tracked === 1 ? TRACKED : NOT_TRACKED)
    }
    // Breathing pacer: a ring that grows while breathing in and shrinks while breathing out.
    const breathing = r.phase === 'hold' || r.phase === 'reps'
    const t = r.lastT % BREATH_S
    const breathIn = t < BREATH_IN_S ? 1 : 0
    const k =
      breathIn === 1
        ? 0.5 - 0.5 * Math.cos((Math.PI * t) / BREATH_IN_S)
        : 0.5 + 0.5 * Math.cos((Math.PI * (t - BREATH_IN_S)) / (BREATH_S - BREATH_IN_S))
    if (ring) {
      ring.visible = breathing
      const s = 0.55 + 0.45 * k
      ring.scale.set(s, s, s)
    }
    if (breathIn !== last.breathIn && breathRef.current) {
      last.breathIn = breathIn
      breathRef.current.setProperties(breathIn === 1 ? BREATHE_IN : BREATHE_OUT)
    }
  }, -80)
  return (
    <>
      <Container flexDirection="row" alignItems="flex-end" gap={12}>
        <Text ref={countRef} fontSize={64} fontWeight="bold" color={DARK}>
          0
        </Text>
        <Text ref={unitRef} fontSize={24} color={DARK} paddingBottom={10}>
          seconds held
        </Text>
      </Container>
      <MeterBar label="Range" fillRef={rangeRef} />
      <MeterBar label="Steadiness" fillRef={stabilityRef} />
      <Container flexDirection="row" alignItems="center" gap={16}>
        <Text ref={breathRef} fontSize={22} color={DARK}>
          Breathe in
        </Text>
        <Text ref={trackedRef} fontSize={18} color={STOP_RED} flexShrink={1}>
          {''}
        </Text>
      </Container>
    </>
  )
})

const HOLD_UNIT = { text: 'seconds held' }
const REPS_UNIT = { text: 'repetitions' }

/**
 * The in-headset coaching panel: the stretch and its step caption, the hold
 * timer or repetition count, range and steadiness bars, a breathing pacer
 * during holds, and the big "Stop: pain" button. It floats where
 * panelPlacement.ts puts it and turns to face the user, without allocating.
 */

/** A labelled bar whose fill width the frame loop sets through `fillRef` (no React render). */
function MeterBar({
  label,
  fillRef,
}: {
  label: string
  fillRef: RefObject<VanillaContainer | null>
}) {
  return (
    <Container flexDirection="row" alignItems="center" gap={12}>
      <Text fontSize={20} width={160} color={DARK}>
        {label}
      </Text>
      <Container width={BAR_PX} height={18} backgroundColor="#d5dfda" borderRadius={9}>
        <Container ref={fillRef} width={0} height={18} backgroundColor={GREEN} borderRadius={9} />
      </Container>
    </Container>
  )
}

export function CoachingPanel() {
  const groupRef = useRef<Group>(null)
  const ringRef = useRef<Mesh>(null)
  const placed = useRef(false)
  const status = useSessionStore((s) => s.status)
  const stretch = useSessionStore((s) => s.stretch)
  const side = useSessionStore((s) => s.side)
  const phase = useSessionStore((s) => s.phase)
  const stretchIndex = useSessionStore((s) => s.stretchIndex)
  const stretchCount = useSessionStore((s) => s.stretchCount)
  const lastSave = useSessionStore((s) => s.finished[s.finished.length - 1]?.save)
  const pendingSaves = useSessionStore((s) => s.pendingSaves)
  const stopped = useSessionStore((s) => s.stoppedForPain)
  const blocked = useSessionStore((s) => s.blockedMessage)

  useFrame((_state, delta) => {
    const g = groupRef.current
    if (!g) return
    const pose = xrHooks.pose
    if (!readPanelTarget(_target, pose.poses, pose.tracked[0] === 1)) return
    const a = placed.current ? 1 - Math.exp(-FOLLOW_RATE * Math.min(delta, 0.1)) : 1
    placed.current = true
    g.position.x += (_target[0]! - g.position.x) * a
    g.position.y += (_target[1]! - g.position.y) * a
    g.position.z += (_target[2]! - g.position.z) * a
    // Face the eyes: Object3D.lookAt works on three's own module scratch, allocation-free.
    g.lookAt(pose.poses[0]!, pose.poses[1]!, pose.poses[2]!)
  }, -85)

  const running = status === 'running' || status === 'finished' || blocked !== null
  const title =
    blocked !== null
      ? 'Safety first'
      : stretch === null
        ? stopped
          ? 'Stopped for pain'
          : 'Routine finished'
        : `${stretchIndex + 1} of ${stretchCount}: ${STRETCHES[stretch].name}`
  return (
    <group ref={groupRef} name="coaching-panel" visible={running}>
      <Container
        pixelSize={PIXEL_M}
        width={PANEL_PX}
        flexDirection="column"
        padding={24}
        gap={14}
        backgroundColor={PAPER}
        borderRadius={24}
        borderWidth={2}
        borderColor="#9bb0a7"
      >
        <Text fontSize={30} fontWeight="bold" color={DARK}>
          {title}
        </Text>
        <Text fontSize={22} color={DARK}>
          {blocked ?? phaseCaption(phase, stretch, side)}
        </Text>
        <Text fontSize={20} color={GREEN}>
          {saveCaption(lastSave, pendingSaves)}
        </Text>
        <LiveNumbers ringRef={ringRef} />
        <Container flexDirection="row" gap={16} marginTop={8}>
          <Container
            flexGrow={1}
            height={96}
            alignItems="center"
            justifyContent="center"
            backgroundColor={STOP_RED}
            borderRadius={16}
            onClick={(e) => {
              e.stopPropagation()
              stopForPain()
            }}
          >
            <Text fontSize={34} fontWeight="bold" color="#ffffff">
              Stop: pain
            </Text>
          </Container>
          <Container
            width={140}
            height={96}
            alignItems="center"
            justifyContent="center"
            backgroundColor="#dde5e1"
            borderRadius={16}
            onClick={(e) => {
              e.stopPropagation()
              skipStep()
            }}
          >
            <Text fontSize={26} color={DARK}>
              Skip
            </Text>
          </Container>
        </Container>
        <Text fontSize={16} color={DARK}>
          B or Y on a controller also stops for pain.
        </Text>
      </Container>
      <mesh ref={ringRef} position={[0.38, 0.12, 0]} visible={false} name="breathing-pacer">
        <ringGeometry args={[0.05, 0.065, 48]} />
        <meshBasicMaterial color={GREEN} toneMapped={false} />
      </mesh>
    </group>
  )
}
