import { useId, useRef, useState, type FormEvent } from 'react'
import { statureFromEyeHeight } from '../../core/bodyModel.ts'
import { TYPED_STATURE_RANGE_M, useSettings } from '../../services/settings.ts'
import { getCuePlayer, unlockCueAudio } from '../../services/cues/cuePlayer.ts'
import './settings.css'

const MIN_CM = Math.round(TYPED_STATURE_RANGE_M[0] * 100)
const MAX_CM = Math.round(TYPED_STATURE_RANGE_M[1] * 100)

function formatCm(statureM: number): string {
  // Whole centimetres as such, else one decimal (174.5).
  return String(Math.round(statureM * 1000) / 10)
}

// A typed height in centimetres ("174", "174.5", "174,5") → metres, or null.
function parseHeightCm(text: string): number | null {
  const t = text.trim().replace(',', '.')
  if (!/^\d+(?:\.\d+)?$/.test(t)) return null
  const cm = Number(t)
  return cm >= MIN_CM && cm <= MAX_CM ? cm / 100 : null
}

function playTestSound() {
  unlockCueAudio()
  getCuePlayer().cue('holdComplete')
}

function SoundSettingsGroup() {
  const id = useId()
  const volume = useSettings((s) => s.soundVolume)
  const muted = useSettings((s) => s.soundMuted)
  const voice = useSettings((s) => s.voicePrompts)
  const vibration = useSettings((s) => s.vibration)
  const breathing = useSettings((s) => s.breathingSound)
  const percent = Math.round(volume * 100)
  const actions = useSettings.getState()
  return (
    <div className="settings-group" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Sound and voice</h3>
      <div className="settings-volume">
        <label htmlFor={`${id}-volume`}>Volume</label>
        <input
          id={`${id}-volume`}
          type="range"
          min={0}
          max={100}
          step={5}
          value={percent}
          aria-valuetext={`${percent} %`}
          onChange={(e) => actions.setSoundVolume(Number(e.currentTarget.value) / 100)}
        />
        {/* The slider tells assistive technology its value; this is for the eye. */}
        <span className="settings-value" aria-hidden="true">
          {percent} %
        </span>
      </div>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={muted}
          aria-describedby={`${id}-mute-note`}
          onChange={(e) => actions.setSoundMuted(e.currentTarget.checked)}
        />
        Mute all sounds
      </label>
      <p id={`${id}-mute-note`} className="settings-note">
        {muted
          ? 'Muted: no sounds and no spoken steps. Vibration follows its own setting.'
          : 'Sounds and spoken steps let you follow the routine without looking.'}
      </p>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={voice}
          onChange={(e) => actions.setVoicePrompts(e.currentTarget.checked)}
        />
        Speak the steps
      </label>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={vibration}
          onChange={(e) => actions.setVibration(e.currentTarget.checked)}
        />
        Vibrate the controllers
      </label>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={breathing}
          onChange={(e) => actions.setBreathingSound(e.currentTarget.checked)}
        />
        Breathing sound during holds
      </label>
      <button
        type="button"
        className="button secondary"
        disabled={muted || percent === 0}
        aria-describedby={`${id}-mute-note`}
        onClick={playTestSound}
      >
        Play a test sound
      </button>
    </div>
  )
}

function HeightSettingsGroup() {
  const id = useId()
  const eyeM = useSettings((s) => s.calibratedEyeHeightM)
  const typedM = useSettings((s) => s.typedStatureM)
  const measureStanding = useSettings((s) => s.measureStanding)
  const actions = useSettings.getState()
  const [text, setText] = useState(() => (typedM === null ? '' : formatCm(typedM)))
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  // The buttons that remove what they stand next to hand focus on, not to the page.
  const measuredRef = useRef<HTMLParagraphElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)

  const onSave = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const statureM = parseHeightCm(text)
    if (statureM === null || !actions.setTypedStature(statureM)) {
      setSaved(null)
      setError(`Enter your height in centimetres, a number from ${MIN_CM} to ${MAX_CM}.`)
      return
    }
    setError(null)
    setText(formatCm(statureM))
    setSaved(`Saved: ${formatCm(statureM)} cm.`)
  }

  return (
    <div className="settings-group" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Your height</h3>
      <p>
        At the start of each headset session the app measures your eye height while you stand tall
        for two seconds, and sizes the coach and the targets to you.
      </p>
      {eyeM !== null ? (
        <p className="settings-measured" ref={measuredRef} tabIndex={-1}>
          <span>
            Last measured: eyes at {eyeM.toFixed(2)} m (height about{' '}
            {statureFromEyeHeight(eyeM).toFixed(2)} m)
          </span>{' '}
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              actions.clearCalibration()
              measuredRef.current?.focus()
            }}
          >
            Forget it
          </button>
        </p>
      ) : (
        <p className="settings-measured" ref={measuredRef} tabIndex={-1}>
          Not measured yet.
        </p>
      )}
      <label className="settings-check">
        <input
          type="checkbox"
          checked={!measureStanding}
          aria-describedby={`${id}-stand-note`}
          onChange={(e) => actions.setMeasureStanding(!e.currentTarget.checked)}
        />
        I can&apos;t stand to be measured: use my typed height
      </label>
      <p id={`${id}-stand-note`} className="settings-note">
        {measureStanding
          ? 'Until you are measured, the height you type below is used.'
          : typedM === null
            ? 'Type your height below so the coach can be sized to you.'
            : 'The coach is sized from the height you typed.'}
      </p>
      <form className="settings-height" noValidate onSubmit={onSave}>
        <label htmlFor={`${id}-cm`}>Your height (cm)</label>
        <div className="settings-row">
          <input
            id={`${id}-cm`}
            ref={inputRef}
            type="number"
            inputMode="decimal"
            min={MIN_CM}
            max={MAX_CM}
            step="any"
            autoComplete="off"
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => {
              setText(e.currentTarget.value)
              setSaved(null)
            }}
          />
          <button type="submit" className="button">
            Save height
          </button>
          {typedM !== null && (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                actions.clearTypedStature()
                setText('')
                setError(null)
                setSaved(null)
                inputRef.current?.focus()
              }}
            >
              Clear height
            </button>
          )}
        </div>
        {error && (
          <p id={`${id}-error`} role="alert" className="settings-error">
            {error}
          </p>
        )}
        <p role="status" className="settings-saved">
          {saved}
        </p>
      </form>
    </div>
  )
}

/** The home page's settings: cue sound, voice and vibration, and the user's height. */
export function SettingsSection() {
  const id = useId()
  return (
    <section className="settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Settings</h2>
      <SoundSettingsGroup />
      <HeightSettingsGroup />
    </section>
  )
}
