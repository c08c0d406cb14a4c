/**
 * The replay (#/replay, a lazy chunk): open a recorded pose trace (.jsonl or
 * .jsonl.gz, picked or dropped, or handed over by the session wrap-up), score it
 * off the main thread with the command line's reader, and show its results, the
 * recorded head and hands as a ghost beside the coach, and the score timeline, with
 * one scrubber for both. A refused file shows the command line's message
 * (`<file>:<line>: <reason>`); what was shown before stays.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import type { StretchResult } from '../../core/result.ts'
import { STRETCH_IDS, STRETCHES } from '../../core/stretches.ts'
import { takeReplayHandoff } from '../../services/replay/handoff.ts'
import { scoreReplayFile, type ReplayJob } from '../../services/replay/replayClient.ts'
import { NO_SIDE, NO_STRETCH, type ReplayTrack } from '../../services/replay/replayScore.ts'
import ReplayScene from '../../scenes/replay/ReplayScene.tsx'
import type { Playhead } from '../../scenes/replay/ReplayGhost.tsx'
import { sampleAt } from '../../scenes/replay/replayPlacement.ts'
import { prewarmCoach } from '../../scenes/prewarmCoach.ts'
import { ReplayResults } from './ReplayResults.tsx'
import { ScoreTimeline } from './ScoreTimeline.tsx'
import './replay.css'

/** A scored trace on show. */
interface Shown {
  name: string
  results: StretchResult[]
  track: ReplayTrack
}

/** A file being read. */
interface Reading {
  name: string
  read: number
  total: number
  done: boolean
}

function clock(s: number): string {
  const t = Math.max(0, Math.floor(s))
  const h = Math.floor(t / 3600)
  const m = Math.floor((t % 3600) / 60)
  const sec = t % 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return (h > 0 ? h + ':' : '') + mm + ':' + String(sec).padStart(2, '0')
}

function megabytes(n: number): string {
  return (n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0) + ' MB'
}

/** The live figures at the playhead, as a line of text. */
function NowLine({ track, timeS }: { track: ReplayTrack; timeS: number }) {
  if (track.timeT.length === 0) return <p className="replay-now">No usable frame in this trace.</p>
  const i = sampleAt(track.timeT, timeS)
  const st = track.stretch[i]!
  const sd = track.side[i]!
  const name = st === NO_STRETCH ? 'Before the first stretch' : STRETCHES[STRETCH_IDS[st]!].name
  const side = sd === NO_SIDE || sd === 0 ? '' : sd === 1 ? ' (left)' : ' (right)'
  return (
    <p className="replay-now" data-testid="replay-now">
      <strong>
        {name}
        {side}
      </strong>{' '}
      · {track.inPose[i] === 1 ? 'in the pose' : 'not in the pose'} · progress{' '}
      {Math.round(track.progress[i]! * 100)} % · hold {track.hold[i]!.toFixed(1)} s · steadiness{' '}
      {Math.round(track.stability[i]! * 100)} %
    </p>
  )
}

/** Start times of the results' stretches: consecutive segments of one stretch are one result. */
function resultStarts(track: ReplayTrack, results: readonly StretchResult[]): number[] | null {
  const starts: number[] = []
  let prev: string | null = null
  for (const seg of track.segments) {
    if (seg.stretch !== prev) starts.push(seg.start)
    prev = seg.stretch
  }
  return starts.length === results.length ? starts : null
}

export default function ReplayPage() {
  const [shown, setShown] = useState<Shown | null>(null)
  const [reading, setReading] = useState<Reading | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const [timeS, setTimeS] = useState(0)
  // the 3D view takes a new track a task after the results are drawn: one long task split in two
  const [sceneTrack, setSceneTrack] = useState<ReplayTrack | null>(null)
  const [ready, setReady] = useState(false)
  const [dragging, setDragging] = useState(false)
  const playhead = useMemo<Playhead>(() => ({ timeS: 0 }), [])
  const job = useRef<ReplayJob | null>(null)
  const onFirstFrame = useCallback(() => setReady(true), [])

  const moveTo = useCallback(
    (t: number) => {
      playhead.timeS = t
      setTimeS(t)
    },
    [playhead],
  )

  const open = useCallback(
    (file: Blob, name: string) => {
      job.current?.cancel()
      setRefusal(null)
      setReading({ name, read: 0, total: file.size, done: false })
      const j = scoreReplayFile(file, name, (read, total) =>
        setReading((r) => (r && r.name === name && !r.done ? { ...r, read, total } : r)),
      )
      job.current = j
      void j.done.then((d) => {
        if (job.current !== j) return
        job.current = null
        setReading((r) => (r ? { ...r, read: r.total, done: true } : r))
        if (!d.ok) {
          setRefusal(d.message)
          return
        }
        setShown({ name: d.name, results: d.results, track: d.track })
        setTimeout(() => setSceneTrack(d.track), 0)
        // open on the first stretch's hold: the ghost and the coach side by side in the pose
        const first = d.track.segments[0]
        moveTo(first ? Math.min(first.end, first.start + 12) : 0)
      })
    },
    [moveTo],
  )

  // the coach's keyframes, solved a few at a time before the playhead needs them
  useEffect(() => prewarmCoach(STRETCH_IDS), [])

  useEffect(() => {
    const handed = takeReplayHandoff()
    if (handed) open(handed.file, handed.name)
    return () => job.current?.cancel()
  }, [open])

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault()
    setDragging(false)
    const file = e.dataTransfer.files[0]
    if (file) open(file, file.name)
  }

  const track = shown?.track ?? null
  const starts = useMemo(() => (shown ? resultStarts(shown.track, shown.results) : null), [shown])

  return (
    <main
      className={'replay' + (dragging ? ' dragging' : '')}
      onDragOver={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <header className="replay-bar">
        <a className="button secondary" href="#/">
          ← Home
        </a>
        <h1>Replay a recorded session</h1>
        <label className="button replay-pick">
          Open a trace…
          <input
            type="file"
            accept=".jsonl,.gz,.jsonl.gz"
            data-testid="replay-file"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0]
              if (file) open(file, file.name)
              e.currentTarget.value = ''
            }}
          />
        </label>
        <span className="replay-hint">or drop a .jsonl or .jsonl.gz file on the page</span>
      </header>

      {reading && (
        <div className="replay-reading">
          <progress
            value={reading.read}
            max={Math.max(reading.total, 1)}
            aria-label={'Reading ' + reading.name}
            data-testid="replay-progress"
          />
          <span role="status">
            {reading.done
              ? 'Read ' + reading.name + ' (' + megabytes(reading.total) + ').'
              : 'Reading ' +
                reading.name +
                ': ' +
                megabytes(reading.read) +
                ' of ' +
                megabytes(reading.total) +
                '…'}
          </span>
        </div>
      )}
      {refusal && (
        <p role="alert" className="replay-refusal" data-testid="replay-refusal">
          {refusal}
          {shown && <span className="replay-still"> (still showing {shown.name})</span>}
        </p>
      )}

      <div className="replay-main">
        <section className="replay-stage" aria-label="Ghost and coach">
          <div
            className="replay-view"
            data-testid="replay-view"
            data-ready={ready ? 'true' : 'false'}
            role="img"
            aria-label="3D view: the recorded head and hands as a ghost beside the coach doing the same stretch. Drag to turn the view, scroll to zoom."
          >
            <ReplayScene
              track={sceneTrack}
              timeS={timeS}
              playhead={playhead}
              onFirstFrame={onFirstFrame}
            />
            {!track && (
              <p className="replay-empty">
                Open a recorded session (a pose trace): its head and hands play as the blue ghost
                beside the coach.
              </p>
            )}
          </div>
          {track && (
            <div className="replay-scrub">
              <ScoreTimeline track={track} timeS={timeS} />
              <label className="replay-scrubber">
                <span>
                  Time {clock(timeS)} / {clock(track.durationS)}
                </span>
                <input
                  type="range"
                  min={0}
                  max={Math.max(track.durationS, 0.1)}
                  step={0.1}
                  value={timeS}
                  aria-label="Replay time"
                  aria-valuetext={clock(timeS) + ' of ' + clock(track.durationS)}
                  data-testid="replay-scrubber"
                  onChange={(e) => moveTo(Number(e.currentTarget.value))}
                />
              </label>
              <NowLine track={track} timeS={timeS} />
            </div>
          )}
        </section>
        {/* always there, so the 3D view keeps its size when results come (a resize costs a frame) */}
        <section className="replay-side" aria-labelledby="replay-results-title">
          {shown ? (
            <>
              <h2 id="replay-results-title">Results of {shown.name}</h2>
              <ReplayResults
                results={shown.results}
                onPick={starts ? (i) => moveTo(starts[i]! + 0.05) : undefined}
              />
            </>
          ) : (
            <>
              <h2 id="replay-results-title">Results</h2>
              <p className="replay-result-note">
                Each stretch's hold or repetitions, range, steadiness and score appear here: the
                same numbers as the command line (npm run -s score) gives for the file.
              </p>
            </>
          )}
        </section>
      </div>
    </main>
  )
}
