/**
 * The in-headset panel: what to do now, the hold timer or the repetitions,
 * range and steadiness, the breathing pacer, the last stretch's result, and
 * the controls (pause, skip, stop for pain). Before the routine it measures
 * the user standing; at the end it lists every result, asks the pain
 * check-out (0–10, pointable), shows what was unlocked, and stays until the
 * user ends the session.
 *
 * Its size is fixed (PANEL_WIDTH_M × PANEL_HEIGHT_M, so placement knows it);
 * the session loop places it and writes the per-frame numbers with uikit's
 * setProperties, only when a shown value changes; React renders only on the
 * session store's edges.
 *
 * Only the panel's face and its buttons take the controllers' rays: everything
 * inside the face is pointerEvents "none" (uikit passes it down; the buttons
 * say "auto"). uikit otherwise makes every text and box a ray target, tested by
 * both rays on every frame one of them points at the panel.
 */
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import { Container, Text, type VanillaContainer, type VanillaText } from '@react-three/uikit'
import { Quaternion, Vector3, type Group, type Mesh } from 'three'
import { calibrationProgress } from '../../core/calibration.ts'
import { BREATH_FULLNESS, BREATH_INHALING, readBreath } from '../../core/session/breathing.ts'
import { CLOCK_SESSION } from '../../core/session/runner.ts'
import { PANEL_HEIGHT_M, PANEL_WIDTH_M } from '../../core/session/viewPlacement.ts'
import { instructionText, PHASE_TITLE, sideText } from '../../core/session/sessionTexts.ts'
import { STRETCHES } from '../../core/stretches.ts'
import {
  liveCheckOut,
  liveSkip,
  liveStopForPain,
  liveTogglePause,
  savedEyeHeight,
  applySavedEyeHeight,
  type LiveSession,
} from '../../services/session/liveSession.ts'
import { useSessionStore, type FinishedSummary } from '../../services/session/sessionStore.ts'
import { xrHooks } from '../../services/testHooks.ts'
import { PANEL_FONT_FAMILIES } from './panelFont.ts'
import { useSessionViews } from './sessionViews.ts'

/** 1 uikit pixel = 1 mm. */
const PIXEL_M = 0.001
const W_PX = Math.round(PANEL_WIDTH_M / PIXEL_M)
const H_PX = Math.round(PANEL_HEIGHT_M / PIXEL_M)
const BAR_PX = 260
/** The control row's height and the footer's under it (px): the row's place is fixed from the bottom. */
const BUTTON_ROW_PX = 58
const FOOTER_PX = 16
const PADDING_PX = 20
const GAP_PX = 9
/** The end screen's rows, fixed from the bottom (px): End session, then the 0–10 ratings above it. */
const END_ROW_PX = 52
const RATING_PX = 44
const RATING_W_PX = 38
const RATING_GAP_PX = 4

/** Where the panel's "Stop: pain" button is, in the panel's frame (m, at scale 1, from its centre). */
const STOP_BUTTON_IN_PANEL: readonly [number, number] = [
  ((-W_PX / 2 + PADDING_PX + 110 + 10 + 90 + 10 + (W_PX / 2 - PADDING_PX)) / 2) * PIXEL_M,
  (-H_PX / 2 + PADDING_PX + FOOTER_PX + GAP_PX + BUTTON_ROW_PX / 2) * PIXEL_M,
]
/** Where the end screen's rating n is, in the panel's frame (m, at scale 1): x of rating 0, the step, y. */
const RATING_X0_M = (-W_PX / 2 + PADDING_PX + RATING_W_PX / 2) * PIXEL_M
const RATING_STEP_M = (RATING_W_PX + RATING_GAP_PX) * PIXEL_M
const RATING_Y_M = (-H_PX / 2 + PADDING_PX + END_ROW_PX + GAP_PX + RATING_PX / 2) * PIXEL_M

const _v = new Vector3()
const _breath = new Float64Array(2)
const _pq = new Quaternion()

/** Mirrors where the headset's Stop: pain button and the end screen's ratings are (world m) and which way the panel faces, for tests. */
function publishStopButton(pos: Float64Array, q: Float64Array, scale: number): void {
  const c = xrHooks.controls
  _pq.set(q[0]!, q[1]!, q[2]!, q[3]!)
  _v.set(STOP_BUTTON_IN_PANEL[0] * scale, STOP_BUTTON_IN_PANEL[1] * scale, 0).applyQuaternion(_pq)
  c.stopPain[0] = pos[0]! + _v.x
  c.stopPain[1] = pos[1]! + _v.y
  c.stopPain[2] = pos[2]! + _v.z
  for (let i = 0; i < 4; i++) c.panelQuaternion[i] = q[i]!
  for (let n = 0; n < 11; n++) {
    _v.set((RATING_X0_M + n * RATING_STEP_M) * scale, RATING_Y_M * scale, 0).applyQuaternion(_pq)
    c.painRatings[n * 3] = pos[0]! + _v.x
    c.painRatings[n * 3 + 1] = pos[1]! + _v.y
    c.painRatings[n * 3 + 2] = pos[2]! + _v.z
  }
}

/** Bars move in steps of 2 %: a change, not every frame, updates the layout. */
const BAR_STEP_PX = 5

const DARK = '#17201c'
const MUTED = '#3d4a44'
const PAPER = '#f4f7f5'
const GREEN = '#2e7d5b'
const STOP_RED = '#9b1c12'
const WARN = '#8a4b00'

// Texts the frame loop shows, made once so that updating them allocates nothing.
const NUMBER_TEXT: string[] = []
for (let i = 0; i <= 600; i++) NUMBER_TEXT.push(String(i))
const BREATHE_IN = { text: 'Breathe in' }
const BREATHE_OUT = { text: 'Breathe out' }
const NO_BREATH = { text: '' }
const TRACKED = { text: '' }
const NOT_TRACKED = { text: 'Cannot see you well: keep your hands in view.' }
const HOLD_UNIT = { text: 's held' }
const REPS_UNIT = { text: 'repetitions' }
const _count = { text: '0' }
const _target = { text: '' }
const _rangeWidth = { width: 0 }
const _stabilityWidth = { width: 0 }
const _calWidth = { width: 0 }
const TARGET_TEXT: string[] = []
for (let i = 0; i <= 200; i++) TARGET_TEXT.push('of ' + i)

function Button({
  label,
  onPress,
  color = '#dde5e1',
  textColor = DARK,
  grow = false,
  width,
  height = 64,
  fontSize = 22,
}: {
  label: string
  onPress: () => void
  color?: string
  textColor?: string
  grow?: boolean
  width?: number
  height?: number
  fontSize?: number
}) {
  // Press and release on the button acts, however slowly the trigger is pulled (a click
  // would need the release within a fraction of a second, and Stop: pain must never miss).
  const armed = useRef(false)
  return (
    <Container
      pointerEvents="auto"
      flexGrow={grow ? 1 : 0}
      width={width}
      height={height}
      alignItems="center"
      justifyContent="center"
      backgroundColor={color}
      borderRadius={14}
      hover={{ borderWidth: 3, borderColor: DARK }}
      onPointerDown={(e) => {
        e.stopPropagation()
        armed.current = true
      }}
      onPointerLeave={() => {
        armed.current = false
      }}
      onPointerUp={(e) => {
        e.stopPropagation()
        if (!armed.current) return
        armed.current = false
        onPress()
      }}
    >
      <Text pointerEvents="none" fontSize={fontSize} fontWeight="bold" color={textColor}>
        {label}
      </Text>
    </Container>
  )
}

/** A rounded track with a green fill whose width the frame loop sets through `fillRef`. */
function FillBar({
  width,
  height,
  fillRef,
}: {
  width: number
  height: number
  fillRef: RefObject<VanillaContainer | null>
}) {
  const round = height / 2
  return (
    <Container width={width} height={height} backgroundColor="#d5dfda" borderRadius={round}>
      <Container
        ref={fillRef}
        width={0}
        height={height}
        backgroundColor={GREEN}
        borderRadius={round}
      />
    </Container>
  )
}

/** A labelled bar whose fill width the frame loop sets through `fillRef`. */
function MeterBar({
  label,
  fillRef,
}: {
  label: string
  fillRef: RefObject<VanillaContainer | null>
}) {
  return (
    <Container flexDirection="row" alignItems="center" gap={10}>
      <Text fontSize={18} width={130} color={DARK}>
        {label}
      </Text>
      <FillBar width={BAR_PX} height={16} fillRef={fillRef} />
    </Container>
  )
}

function resultLine(f: FinishedSummary): string {
  const name = STRETCHES[f.stretch].name
  if (f.pain) return name + ': stopped for pain'
  const held = f.sides
    .map((s) => (s.reps !== null ? s.reps + ' reps' : Math.round(s.holdSeconds) + ' s'))
    .join(' / ')
  const range = Math.round(
    (f.sides.reduce((a, s) => a + s.range, 0) / Math.max(1, f.sides.length)) * 100,
  )
  const steady = Math.round(
    (f.sides.reduce((a, s) => a + s.stability, 0) / Math.max(1, f.sides.length)) * 100,
  )
  return name + ': ' + held + ', range ' + range + '%, steady ' + steady + '% - ' + f.score
}

/** The live numbers of the routine: count, bars, pacer, tracking line. */
function LiveNumbers({ live, onExit }: { live: LiveSession; onExit: () => void }) {
  const views = useSessionViews()
  const countRef = useRef<VanillaText>(null)
  const unitRef = useRef<VanillaText>(null)
  const targetRef = useRef<VanillaText>(null)
  const rangeRef = useRef<VanillaContainer>(null)
  const stabilityRef = useRef<VanillaContainer>(null)
  const breathRef = useRef<VanillaText>(null)
  const trackedRef = useRef<VanillaText>(null)
  const calRef = useRef<VanillaContainer>(null)
  const ringRef = useRef<Mesh>(null)
  const groupRef = useRef<Group>(null)
  useEffect(() => {
    const last = {
      count: -1,
      target: -1,
      range: -1,
      stability: -1,
      breath: -2,
      tracked: -1,
      reps: -1,
      cal: -1,
    }
    views.panel = (ls: LiveSession) => {
      const g = groupRef.current
      if (!g) return
      const lf = ls.frame
      const f = lf.follower
      g.visible = f.placed
      if (!f.placed) return
      const vp = f.shown
      g.position.set(vp.panelPosition[0]!, vp.panelPosition[1]!, vp.panelPosition[2]!)
      g.quaternion.set(
        vp.panelQuaternion[0]!,
        vp.panelQuaternion[1]!,
        vp.panelQuaternion[2]!,
        vp.panelQuaternion[3]!,
      )
      g.scale.setScalar(vp.panelScale)
      publishStopButton(vp.panelPosition, vp.panelQuaternion, vp.panelScale)
      if (lf.calibrating) {
        const px = Math.round(calibrationProgress(lf.calibration) * BAR_PX)
        if (px !== last.cal && calRef.current) {
          last.cal = px
          _calWidth.width = px
          calRef.current.setProperties(_calWidth)
        }
      }
      const r = lf.runner
      if (!r) return
      const e = r.engine.live
      const reps = e.targetReps > 0 ? 1 : 0
      const count = reps === 1 ? e.reps : Math.floor(e.holdSeconds)
      if (count !== last.count && countRef.current) {
        last.count = count
        _count.text = NUMBER_TEXT[count < 600 ? count : 600]!
        countRef.current.setProperties(_count)
      }
      const target = reps === 1 ? e.targetReps : Math.round(e.targetHoldSeconds)
      if ((target !== last.target || reps !== last.reps) && targetRef.current && unitRef.current) {
        last.target = target
        last.reps = reps
        _target.text = TARGET_TEXT[target < 200 ? target : 200]!
        targetRef.current.setProperties(_target)
        unitRef.current.setProperties(reps === 1 ? REPS_UNIT : HOLD_UNIT)
      }
      const rangePx = Math.round((e.range * BAR_PX) / BAR_STEP_PX) * BAR_STEP_PX
      if (rangePx !== last.range && rangeRef.current) {
        last.range = rangePx
        _rangeWidth.width = rangePx
        rangeRef.current.setProperties(_rangeWidth)
      }
      const stabilityPx = Math.round((e.stability * BAR_PX) / BAR_STEP_PX) * BAR_STEP_PX
      if (stabilityPx !== last.stability && stabilityRef.current) {
        last.stability = stabilityPx
        _stabilityWidth.width = stabilityPx
        stabilityRef.current.setProperties(_stabilityWidth)
      }
      const counting = r.phase === 'hold' || r.phase === 'reps' || r.phase === 'getIntoPosition'
      const tracked = e.tracked || !counting ? 1 : 0
      if (tracked !== last.tracked && trackedRef.current) {
        last.tracked = tracked
        trackedRef.current.setProperties(tracked === 1 ? TRACKED : NOT_TRACKED)
      }
      // Breathing pacer: a ring that grows breathing in and shrinks breathing out, on the session clock.
      const breathing = (r.phase === 'hold' || r.phase === 'reps') && !r.paused
      readBreath(_breath, 0, r.clock, CLOCK_SESSION)
      const ring = ringRef.current
      if (ring) {
        ring.visible = breathing
        ring.scale.setScalar(0.55 + 0.45 * _breath[BREATH_FULLNESS]!)
      }
      const breath = breathing ? _breath[BREATH_INHALING]! : -1
      if (breath !== last.breath && breathRef.current) {
        last.breath = breath
        breathRef.current.setProperties(
          breath === 1 ? BREATHE_IN : breath === 0 ? BREATHE_OUT : NO_BREATH,
        )
      }
    }
    return () => {
      views.panel = null
    }
  }, [views])
  return (
    <group ref={groupRef} visible={false} name="coaching-panel">
      <PanelBody
        live={live}
        onExit={onExit}
        countRef={countRef}
        unitRef={unitRef}
        targetRef={targetRef}
        rangeRef={rangeRef}
        stabilityRef={stabilityRef}
        breathRef={breathRef}
        trackedRef={trackedRef}
        calRef={calRef}
      />
      <mesh ref={ringRef} position={[0.19, 0.035, 0.002]} visible={false} name="breathing-pacer">
        <ringGeometry args={[0.026, 0.034, 48]} />
        <meshBasicMaterial color={GREEN} toneMapped={false} />
      </mesh>
    </group>
  )
}

interface BodyRefs {
  countRef: RefObject<VanillaText | null>
  unitRef: RefObject<VanillaText | null>
  targetRef: RefObject<VanillaText | null>
  rangeRef: RefObject<VanillaContainer | null>
  stabilityRef: RefObject<VanillaContainer | null>
  breathRef: RefObject<VanillaText | null>
  trackedRef: RefObject<VanillaText | null>
  calRef: RefObject<VanillaContainer | null>
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <Container
      pixelSize={PIXEL_M}
      fontFamilies={PANEL_FONT_FAMILIES}
      width={W_PX}
      height={H_PX}
      flexDirection="column"
      padding={PADDING_PX}
      backgroundColor={PAPER}
      borderRadius={22}
      borderWidth={2}
      borderColor="#9bb0a7"
      overflow="hidden"
    >
      {/* the face takes the rays; on it only the buttons do */}
      <Container pointerEvents="none" flexGrow={1} flexDirection="column" gap={GAP_PX}>
        {children}
      </Container>
    </Container>
  )
}

/** What the panel shows, by the session store's status (React renders on its edges only). */
function PanelBody({
  live,
  onExit,
  ...refs
}: { live: LiveSession; onExit: () => void } & BodyRefs) {
  const status = useSessionStore((s) => s.status)
  if (status === 'calibrating') return <CalibrationBody live={live} calRef={refs.calRef} />
  if (status === 'finished') return <EndBody live={live} onExit={onExit} />
  return <RoutineBody live={live} {...refs} />
}

function CalibrationBody({
  live,
  calRef,
}: {
  live: LiveSession
  calRef: RefObject<VanillaContainer | null>
}) {
  const saved = savedEyeHeight()
  return (
    <Frame>
      <Text fontSize={30} fontWeight="bold" color={DARK}>
        First, your height
      </Text>
      <Text fontSize={21} color={DARK}>
        Stand tall, look straight ahead and keep still for two seconds. The coach and every measure
        are sized to you.
      </Text>
      <FillBar width={BAR_PX + 120} height={18} fillRef={calRef} />
      {saved ? (
        <Button
          label={'Use my saved height (eyes ' + saved.eyeHeightM.toFixed(2) + ' m)'}
          onPress={() => applySavedEyeHeight(live)}
          fontSize={18}
          height={52}
        />
      ) : (
        <Text fontSize={16} color={MUTED}>
          Cannot stand? Type your height in the app&apos;s settings on the page.
        </Text>
      )}
      <Container flexGrow={1} />
      <Button
        label="Stop: pain"
        onPress={() => liveStopForPain(live)}
        color={STOP_RED}
        textColor="#ffffff"
        height={60}
      />
    </Frame>
  )
}

function RoutineBody({ live, ...refs }: { live: LiveSession } & BodyRefs) {
  const stretch = useSessionStore((s) => s.stretch)
  const side = useSessionStore((s) => s.side)
  const phase = useSessionStore((s) => s.phase)
  const paused = useSessionStore((s) => s.paused)
  const stretchIndex = useSessionStore((s) => s.stretchIndex)
  const stretchCount = useSessionStore((s) => s.stretchCount)
  const last = useSessionStore((s) => s.finished[s.finished.length - 1])
  const next = live.options.routine.stretches[stretchIndex + 1] ?? null
  const title =
    stretch === null
      ? 'Routine'
      : `${stretchIndex + 1} of ${stretchCount}: ${STRETCHES[stretch].name}`
  const heading =
    (paused ? 'Paused' : phase ? PHASE_TITLE[phase] : '') +
    (sideText(side) ? ' - ' + sideText(side) : '')
  const showResult = (phase === 'rest' || phase === 'demonstrate') && last !== undefined
  return (
    <Frame>
      <Text fontSize={24} fontWeight="bold" color={DARK}>
        {title}
      </Text>
      <Text fontSize={21} fontWeight="bold" color={GREEN}>
        {heading}
      </Text>
      <Text fontSize={18} color={DARK} height={44}>
        {paused
          ? 'Take your time. Press Resume, or A or X, to carry on.'
          : instructionText(phase, stretch, side, next)}
      </Text>
      <Container flexDirection="row" alignItems="flex-end" gap={8} height={52}>
        <Text ref={refs.countRef} fontSize={50} fontWeight="bold" color={DARK}>
          0
        </Text>
        <Text ref={refs.targetRef} fontSize={22} color={DARK} paddingBottom={8}>
          {''}
        </Text>
        <Text ref={refs.unitRef} fontSize={22} color={DARK} paddingBottom={8}>
          {''}
        </Text>
        <Container flexGrow={1} />
        <Text ref={refs.breathRef} fontSize={18} color={GREEN} paddingBottom={8} marginRight={80}>
          {''}
        </Text>
      </Container>
      <MeterBar label="Range" fillRef={refs.rangeRef} />
      <MeterBar label="Steadiness" fillRef={refs.stabilityRef} />
      <Text ref={refs.trackedRef} fontSize={16} color={WARN} height={20}>
        {''}
      </Text>
      <Text fontSize={16} color={MUTED} height={20}>
        {showResult ? resultLine(last) : ''}
      </Text>
      {/* the controls sit at the bottom, at a fixed place (pointer tests aim at them) */}
      <Container flexGrow={1} />
      <Container flexDirection="row" gap={10} height={BUTTON_ROW_PX}>
        <Button
          label={paused ? 'Resume' : 'Pause'}
          onPress={() => liveTogglePause(live)}
          width={110}
          height={BUTTON_ROW_PX}
        />
        <Button label="Skip" onPress={() => liveSkip(live)} width={90} height={BUTTON_ROW_PX} />
        <Button
          label="Stop: pain"
          onPress={() => liveStopForPain(live)}
          color={STOP_RED}
          textColor="#ffffff"
          grow
          fontSize={24}
          height={BUTTON_ROW_PX}
        />
      </Container>
      <Text fontSize={14} color={MUTED} height={FOOTER_PX}>
        A or X: pause. B or Y: stop for pain.
      </Text>
    </Frame>
  )
}

const PAIN_RATINGS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const

function EndBody({ live, onExit }: { live: LiveSession; onExit: () => void }) {
  const finished = useSessionStore((s) => s.finished)
  const stopped = useSessionStore((s) => s.stoppedForPain)
  const painAfter = useSessionStore((s) => s.painAfter)
  const endSave = useSessionStore((s) => s.endSave)
  const unlocked = useSessionStore((s) => s.unlocked)
  const pending = useSessionStore((s) => s.pendingSaves)
  const [titles, setTitles] = useState<string[]>([])
  useEffect(() => {
    if (unlocked.length === 0) return
    let on = true
    void import('../../core/history/achievements.ts').then(({ achievementById }) => {
      if (on) setTitles(unlocked.map((id) => achievementById(id)?.title ?? id))
    })
    return () => {
      on = false
    }
  }, [unlocked])
  const rows = finished.slice(0, 10)
  return (
    <Frame>
      <Text fontSize={26} fontWeight="bold" color={stopped ? STOP_RED : GREEN}>
        {stopped ? 'Stopped for pain' : 'Routine finished. Well done!'}
      </Text>
      {stopped && (
        <Text fontSize={16} color={DARK}>
          Stopping was right. Rest; if the pain is sharp or spreads, ask a clinician first.
        </Text>
      )}
      <Container flexDirection="column" gap={2}>
        {rows.length === 0 ? (
          <Text fontSize={16} color={DARK}>
            No stretch was scored.
          </Text>
        ) : (
          rows.map((f, i) => (
            <Text key={i} fontSize={15} color={DARK}>
              {resultLine(f)}
            </Text>
          ))
        )}
        {pending > 0 && (
          <Text fontSize={15} color={MUTED}>
            Saving...
          </Text>
        )}
      </Container>
      {!stopped && titles.length > 0 && (
        <Text fontSize={17} fontWeight="bold" color={GREEN}>
          {'Unlocked: ' + titles.join(', ')}
        </Text>
      )}
      <Container flexGrow={1} />
      {painAfter === null ? (
        <Container flexDirection="column" gap={6}>
          <Text fontSize={18} color={DARK} height={22}>
            How is your back now? 0 = no pain, 10 = worst
          </Text>
          <Container flexDirection="row" gap={RATING_GAP_PX} height={RATING_PX}>
            {PAIN_RATINGS.map((n) => (
              <Button
                key={n}
                label={String(n)}
                onPress={() => void liveCheckOut(live, n)}
                width={RATING_W_PX}
                height={RATING_PX}
                fontSize={18}
              />
            ))}
          </Container>
        </Container>
      ) : (
        <Text fontSize={18} color={DARK}>
          {'Pain after: ' +
            painAfter +
            ' / 10' +
            (endSave === 'saved' ? ' - saved' : endSave === 'failed' ? ' - not saved' : '')}
        </Text>
      )}
      <Container flexDirection="row" alignItems="center" gap={10} height={END_ROW_PX}>
        <Text fontSize={15} color={MUTED} flexShrink={1}>
          Your results are on the page too.
        </Text>
        <Container flexGrow={1} />
        <Button label="End session" onPress={onExit} width={170} height={END_ROW_PX} />
      </Container>
    </Frame>
  )
}

/** The coaching panel, placed and updated by the session loop; `onExit` ends the headset session. */
export function CoachingPanel({ live, onExit }: { live: LiveSession; onExit: () => void }) {
  return <LiveNumbers live={live} onExit={onExit} />
}
