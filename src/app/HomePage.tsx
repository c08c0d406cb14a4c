import { lazy, Suspense, useEffect } from 'react'
import { TodayStatusLoading } from './progress/TodayStatusLoading.tsx'
import { SessionLauncher } from './session/SessionLauncher.tsx'
import { SessionWrapUp } from './session/SessionWrapUp.tsx'
import { SettingsSection } from './settings/SettingsSection.tsx'
import { STRETCH_LIST, type Stretch } from '../core/stretches.ts'
import { chooseSessionMode, type RequestedMode } from '../services/xr/launchParams.ts'
import { checkXRSupport, useXRSupport } from '../services/xr/xrSupport.ts'

// The streak reads the history (Dexie, zod): a chunk of its own, so the first screen paints at once.
const TodayStatus = lazy(() => import('./progress/TodayStatus.tsx'))

/** The coach's still picture and its size in CSS pixels (scripts/build-home-image.ts). */
const COACH_IMAGE = `${import.meta.env.BASE_URL}images/coach-home.jpg`
const HOME_IMAGE_SIZE = { width: 640, height: 400 } as const

function doseText(s: Stretch): string {
  const per = s.dose.kind === 'hold' ? `hold ${s.dose.holdSeconds} s` : `${s.dose.reps} repetitions`
  return s.sided ? `${per}, each side` : per
}

/** Props: the mode the address asked for (?mode=vr|ar), or null. */
export interface HomePageProps {
  requestedMode: RequestedMode | null
}

/**
 * The home page, plain React DOM with no three.js. Its first screen holds the
 * coach's picture, today's streak and the way to start; progress, achievements
 * and the user's data are one click away ("Progress").
 */
export function HomePage({ requestedMode }: HomePageProps) {
  const support = useXRSupport((s) => s.support)
  useEffect(() => {
    void checkXRSupport()
  }, [])
  const mode = support ? chooseSessionMode(requestedMode, support) : null
  let headsetNote: string
  if (!support) headsetNote = 'Looking for a headset…'
  else if (!mode)
    headsetNote =
      'No immersive headset here. Open this page in a headset browser (for example the Meta Quest Browser) to stretch with the coach.'
  else
    headsetNote =
      mode === 'immersive-ar'
        ? 'Passthrough: you see your room, the mat outline and the coach.'
        : 'Virtual room: the coach and a mat in a calm room.'
  return (
    <main className="home" data-ready={support ? 'true' : 'false'}>
      <header className="home-bar">
        <h1>StretchCoach XR</h1>
        <nav aria-label="Views">
          <a className="button secondary" href="#/progress">
            Progress
          </a>
        </nav>
      </header>
      {/* The results of a session just finished come first, then the ways to start. */}
      <SessionWrapUp />
      <div className="home-top">
        <section className="today" aria-label="Today">
          {/* a still picture (npm run build:home-image): the home page loads no three.js */}
          <img
            className="hero-coach"
            src={COACH_IMAGE}
            width={HOME_IMAGE_SIZE.width}
            height={HOME_IMAGE_SIZE.height}
            alt="The coach in child's pose on the exercise mat"
            data-testid="home-coach"
          />
          <Suspense fallback={<TodayStatusLoading />}>
            <TodayStatus />
          </Suspense>
          <p className="lead">
            A few minutes of gentle back care each day, with a 3D coach on the mat beside you. Your
            headset and controllers measure each hold, so you can see your form improve.
          </p>
        </section>
        <SessionLauncher disabled={!mode} headsetNote={headsetNote} />
      </div>
      <p className="preview-offer">
        <a className="button secondary" href="#/preview">
          Desktop preview
        </a>{' '}
        Watch any stretch from the front, the side or above; pause it or scrub through it.
      </p>
      <p className="preview-offer">
        <a className="button secondary" href="#/replay">
          Open a recorded session
        </a>{' '}
        Replay a session recorded in the headset: its scores, and your head and hands beside the
        coach.
      </p>
      <section aria-labelledby="stretches-title">
        <h2 id="stretches-title">The ten stretches</h2>
        <ol className="stretch-list">
          {STRETCH_LIST.map((s) => (
            <li key={s.id} data-stretch={s.id}>
              <h3>{s.name}</h3>
              <p>{s.purpose}</p>
              <p className="dose">{doseText(s)}</p>
            </li>
          ))}
        </ol>
      </section>
      <SettingsSection />
      <footer className="footer">
        <p>
          Stretching should feel like a gentle pull, never pain. Stop if a movement hurts, and ask a
          health professional about back pain that lasts or spreads.
        </p>
      </footer>
    </main>
  )
}
