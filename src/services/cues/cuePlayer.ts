/**
 * Cues that need no looking (docs/product.md, The session): short synthesized
 * sounds (Web Audio, no audio files), a vibration pulse on the controllers
 * where the device has one, spoken step prompts (speechSynthesis) and the
 * breathing pacer's soft sound. Volume, mute and each kind of cue follow the
 * user's settings, read at every call.
 *
 * Nothing here throws or logs: a missing AudioContext, speech engine or
 * actuator (Node, a headless browser, hands instead of controllers) makes the
 * matching part a no-op.
 */
import { useSettings, type SoundSettings } from '../settings.ts'
import {
  BREATH_SOUND,
  CUE_PULSES,
  CUE_SOUNDS,
  TICK_SOUND,
  fillBreathNoise,
  type ToneNote,
} from './sounds.ts'

import type { CueKind } from '../../core/session/cues.ts'

/** The cues of a session (core/session/cues.ts decides when each fires; the test hooks log them). */
export type { CueKind }

/** Plays cues. One per page (getCuePlayer). */
export interface CuePlayer {
  /** the sound and the vibration pulse of a cue */
  cue(kind: CueKind): void
  /** a soft countdown tick (each of the last seconds of a hold) */
  tick(): void
  /** the breathing pacer: called when breathing in starts (true) and breathing out starts (false) */
  breath(inhale: boolean): void
  /** speaks a short prompt, cancelling the one before; nothing where speech is missing or off */
  say(text: string): void
  /** the XR session whose controllers vibrate, or null when none runs */
  setXRSession(session: XRSession | null): void
  /** stops any speech and sound under way */
  silence(): void
}

/** An AudioParam as the player automates it (times in the context's seconds). */
export interface AudioParamLike {
  value: number
  setValueAtTime(value: number, startTime: number): unknown
  linearRampToValueAtTime(value: number, endTime: number): unknown
  exponentialRampToValueAtTime(value: number, endTime: number): unknown
  cancelScheduledValues(cancelTime: number): unknown
}

/** An AudioNode as the player wires it. */
export interface AudioNodeLike {
  connect(destination: AudioNodeLike): unknown
  disconnect(): void
}

/** A source node started and stopped on the context's clock. */
export interface ScheduledSourceLike extends AudioNodeLike {
  start(when?: number): void
  stop(when?: number): void
  onended: ((ev: Event) => unknown) | null
}

/** An OscillatorNode. */
export interface OscillatorLike extends ScheduledSourceLike {
  type: OscillatorType
  readonly frequency: AudioParamLike
}

/** A GainNode. */
export interface GainLike extends AudioNodeLike {
  readonly gain: AudioParamLike
}

/** A BiquadFilterNode. */
export interface FilterLike extends AudioNodeLike {
  type: BiquadFilterType
  readonly frequency: AudioParamLike
  readonly Q: AudioParamLike
}

/** An AudioBuffer (mono is enough). */
export interface AudioBufferLike {
  getChannelData(channel: number): Float32Array
}

/** An AudioBufferSourceNode. */
export interface BufferSourceLike extends ScheduledSourceLike {
  buffer: AudioBufferLike | null
  loop: boolean
}

/** The part of an AudioContext the player uses (a real one fits; tests pass fakes). */
export interface AudioContextLike {
  readonly currentTime: number
  readonly sampleRate: number
  readonly state: string
  readonly destination: AudioNodeLike
  resume(): Promise<void>
  createOscillator(): OscillatorLike
  createGain(): GainLike
  createBiquadFilter(): FilterLike
  createBuffer(numberOfChannels: number, length: number, sampleRate: number): AudioBufferLike
  createBufferSource(): BufferSourceLike
}

/** A speech voice (SpeechSynthesisVoice fits). */
export interface VoiceLike {
  readonly name: string
  readonly lang: string
  readonly default: boolean
  readonly localService: boolean
}

/** One prompt to speak: volume 0–1, rate 1 = normal, the chosen voice or null for the default. */
export interface SpeechRequest<V extends VoiceLike = VoiceLike> {
  text: string
  volume: number
  rate: number
  lang: string
  voice: V | null
}

/** A speech engine (the page's wraps speechSynthesis). */
export interface SpeechLike<V extends VoiceLike = VoiceLike> {
  speak(request: SpeechRequest<V>): void
  cancel(): void
  getVoices(): readonly V[]
}

/** What a cue player is made from: the audio context when it may be had, speech, the settings. */
export interface CuePlayerDeps<V extends VoiceLike = VoiceLike> {
  /** the context to play on, or null (none in this browser, or no user gesture yet) */
  audioContext: () => AudioContextLike | null
  speech: SpeechLike<V> | null
  settings: () => SoundSettings
}

// A sound scheduled a moment ahead starts cleanly even when the main thread is late.
const START_AHEAD_S = 0.01
// Exponential ramps cannot reach 0: decay to this, then a short linear step to 0.
const SILENT_GAIN = 1e-4
const RELEASE_S = 0.015
const DEFAULT_ATTACK_S = 0.01
// Quieter than this is not worth the nodes.
const MIN_PEAK = 1e-3
const SILENCE_FADE_S = 0.05
// A context that never runs (no gesture) never fires onended: cap what waits on it.
const MAX_VOICES = 32

interface Voice {
  readonly source: ScheduledSourceLike
  readonly env: GainLike
  readonly nodes: readonly AudioNodeLike[]
  readonly startS: number
}

interface HapticSource {
  readonly gamepad?: {
    readonly hapticActuators?: ArrayLike<unknown>
    readonly vibrationActuator?: unknown
  } | null
}

interface HapticSession {
  readonly inputSources: ArrayLike<HapticSource | undefined>
}

type PulseFn = (intensity: number, durationMs: number) => unknown
type PlayEffectFn = (type: string, params: Record<string, number>) => unknown

// A rejected vibration or resume promise is expected (no actuator, page hidden).
function swallow(result: unknown): void {
  if (typeof result === 'object' && result !== null && 'then' in result) {
    const then = (result as { then: unknown }).then
    if (typeof then === 'function') {
      ;(then as (ok: () => void, fail: () => void) => unknown).call(
        result,
        () => undefined,
        () => undefined,
      )
    }
  }
}

function pulseActuator(actuator: unknown, intensity: number, durationMs: number): void {
  if (typeof actuator !== 'object' || actuator === null) return
  const a = actuator as { pulse?: unknown; playEffect?: unknown }
  try {
    if (typeof a.pulse === 'function') {
      swallow((a.pulse as PulseFn).call(actuator, intensity, durationMs))
    } else if (typeof a.playEffect === 'function') {
      swallow(
        (a.playEffect as PlayEffectFn).call(actuator, 'dual-rumble', {
          duration: durationMs,
          startDelay: 0,
          strongMagnitude: intensity,
          weakMagnitude: intensity,
        }),
      )
    }
  } catch {
    // an actuator that throws is as good as none
  }
}

function pulseSession(session: HapticSession, intensity: number, durationMs: number): void {
  const sources = session.inputSources
  const n = sources.length
  for (let i = 0; i < n; i++) {
    const gamepad = sources[i]?.gamepad
    if (!gamepad) continue // tracked hands have no actuator
    pulseActuator(gamepad.hapticActuators?.[0] ?? gamepad.vibrationActuator, intensity, durationMs)
  }
}

const ENGLISH = /^en(?:[-_]|$)/i

// The browser's default voice when it is English, else a local English one, else any English one.
function englishVoice<V extends VoiceLike>(voices: readonly V[]): V | null {
  let local: V | null = null
  let any: V | null = null
  for (const v of voices) {
    if (!ENGLISH.test(v.lang)) continue
    if (v.default) return v
    if (v.localService && !local) local = v
    if (!any) any = v
  }
  return local ?? any
}

/** Creates a cue player over injected audio, speech and settings (the page's: getCuePlayer). */
export function createCuePlayer<V extends VoiceLike>(deps: CuePlayerDeps<V>): CuePlayer {
  const voices = new Set<Voice>()
  const pulseTimers = new Set<ReturnType<typeof setTimeout>>()
  let session: HapticSession | null = null
  let breathVoice: Voice | null = null
  let noise: { ctx: AudioContextLike; buffer: AudioBufferLike } | null = null

  function readSettings(): SoundSettings | null {
    try {
      return deps.settings()
    } catch {
      return null
    }
  }

  function volumeOf(s: SoundSettings): number {
    const v = s.soundVolume
    return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0
  }

  function audio(): AudioContextLike | null {
    const ctx = deps.audioContext()
    if (!ctx || ctx.state === 'closed') return null
    if (ctx.state === 'suspended') {
      try {
        swallow(ctx.resume())
      } catch {
        // stays suspended; the sound plays when the context runs
      }
    }
    return ctx
  }

  function release(v: Voice): void {
    voices.delete(v)
    if (breathVoice === v) breathVoice = null
    v.source.onended = null
    for (const node of v.nodes) {
      try {
        node.disconnect()
      } catch {
        // already disconnected
      }
    }
  }

  function track(v: Voice): Voice {
    if (voices.size >= MAX_VOICES) {
      const oldest = voices.values().next().value
      if (oldest) {
        try {
          oldest.source.stop()
        } catch {
          // never started or already stopped
        }
        release(oldest)
      }
    }
    voices.add(v)
    v.source.onended = () => release(v)
    return v
  }

  function fadeOut(ctx: AudioContextLike, v: Voice, fadeS: number): void {
    const now = ctx.currentTime
    try {
      if (now < v.startS) {
        // Not yet audible: drop it.
        v.source.stop()
        release(v)
        return
      }
      const g = v.env.gain
      const from = g.value
      g.cancelScheduledValues(now)
      g.setValueAtTime(from, now)
      g.linearRampToValueAtTime(0, now + fadeS)
      v.source.stop(now + fadeS + RELEASE_S)
    } catch {
      release(v)
    }
  }

  function playNotes(notes: readonly ToneNote[]): void {
    const s = readSettings()
    if (!s || s.soundMuted) return
    const volume = volumeOf(s)
    if (volume <= 0) return
    const ctx = audio()
    if (!ctx) return
    const t0 = ctx.currentTime + START_AHEAD_S
    for (const note of notes) {
      const peak = note.peak * volume
      if (peak < MIN_PEAK) continue
      const start = t0 + note.atS
      const end = start + note.durS
      const osc = ctx.createOscillator()
      osc.type = note.wave
      osc.frequency.setValueAtTime(note.freqHz, start)
      if (note.toHz !== undefined) osc.frequency.exponentialRampToValueAtTime(note.toHz, end)
      const env = ctx.createGain()
      const g = env.gain
      // 0 from now on, so nothing sounds at the param's default of 1 before the note.
      g.setValueAtTime(0, ctx.currentTime)
      g.setValueAtTime(0, start)
      g.linearRampToValueAtTime(peak, start + (note.attackS ?? DEFAULT_ATTACK_S))
      g.exponentialRampToValueAtTime(SILENT_GAIN, end)
      g.linearRampToValueAtTime(0, end + RELEASE_S)
      osc.connect(env)
      env.connect(ctx.destination)
      track({ source: osc, env, nodes: [osc, env], startS: start })
      osc.start(start)
      osc.stop(end + RELEASE_S)
    }
  }

  function noiseBuffer(ctx: AudioContextLike): AudioBufferLike {
    if (noise && noise.ctx === ctx) return noise.buffer
    const rate = ctx.sampleRate
    const buffer = ctx.createBuffer(1, Math.max(1, Math.round(BREATH_SOUND.noiseS * rate)), rate)
    fillBreathNoise(buffer.getChannelData(0))
    noise = { ctx, buffer }
    return buffer
  }

  function playBreath(inhale: boolean): void {
    const s = readSettings()
    const peak = s && !s.soundMuted && s.breathingSound ? BREATH_SOUND.peak * volumeOf(s) : 0
    if (!breathVoice && peak < MIN_PEAK) return
    const ctx = audio()
    // The swell under way gives way to the new one (or to nothing).
    if (breathVoice && ctx) fadeOut(ctx, breathVoice, BREATH_SOUND.fadeS)
    breathVoice = null
    if (!ctx || peak < MIN_PEAK) return
    const src = ctx.createBufferSource()
    src.buffer = noiseBuffer(ctx)
    src.loop = true
    const filter = ctx.createBiquadFilter()
    filter.type = 'lowpass'
    const env = ctx.createGain()
    const now = ctx.currentTime
    const t = now + START_AHEAD_S
    const { fadeS, lowHz, highHz } = BREATH_SOUND
    const f = filter.frequency
    const g = env.gain
    filter.Q.setValueAtTime(0.5, t)
    g.setValueAtTime(0, now)
    let stopAt: number
    if (inhale) {
      const top = t + BREATH_SOUND.inhaleS
      f.setValueAtTime(lowHz, t)
      f.exponentialRampToValueAtTime(highHz, top)
      g.linearRampToValueAtTime(peak, top)
      // Fades by itself when no exhale follows.
      g.linearRampToValueAtTime(0, top + fadeS)
      stopAt = top + fadeS + RELEASE_S
    } else {
      const end = t + BREATH_SOUND.exhaleS
      f.setValueAtTime(highHz, t)
      f.exponentialRampToValueAtTime(lowHz, end)
      g.linearRampToValueAtTime(peak, t + fadeS)
      g.linearRampToValueAtTime(0, end)
      stopAt = end + RELEASE_S
    }
    src.connect(filter)
    filter.connect(env)
    env.connect(ctx.destination)
    breathVoice = track({ source: src, env, nodes: [src, filter, env], startS: t })
    src.start(t)
    src.stop(stopAt)
  }

  function vibrate(kind: CueKind): void {
    const s = readSettings()
    if (!s || !s.vibration || !session) return
    const target = session
    for (const p of CUE_PULSES[kind]) {
      if (p.atMs <= 0) {
        pulseSession(target, p.intensity, p.durationMs)
        continue
      }
      const id = setTimeout(() => {
        pulseTimers.delete(id)
        // Only while the same session runs.
        if (session === target) {
          try {
            pulseSession(target, p.intensity, p.durationMs)
          } catch {
            // an ended session's input sources may throw
          }
        }
      }, p.atMs)
      pulseTimers.add(id)
    }
  }

  function clearPulses(): void {
    for (const id of pulseTimers) clearTimeout(id)
    pulseTimers.clear()
  }

  return {
    cue(kind) {
      try {
        vibrate(kind)
      } catch {
        // vibration is a bonus
      }
      try {
        const notes = CUE_SOUNDS[kind]
        if (notes) playNotes(notes)
      } catch {
        // so is sound
      }
    },
    tick() {
      try {
        playNotes(TICK_SOUND)
      } catch {
        // a missed tick is harmless
      }
    },
    breath(inhale) {
      try {
        playBreath(inhale === true)
      } catch {
        breathVoice = null
      }
    },
    say(text) {
      try {
        const s = readSettings()
        const speech = deps.speech
        if (!s || !speech || s.soundMuted || !s.voicePrompts) return
        const volume = volumeOf(s)
        const words = typeof text === 'string' ? text.trim() : ''
        if (volume <= 0 || !words) return
        let voice: V | null = null
        try {
          voice = englishVoice(speech.getVoices())
        } catch {
          // no voice list: the browser's default voice speaks
        }
        speech.cancel()
        speech.speak({ text: words, volume, rate: 1, lang: voice?.lang ?? 'en-US', voice })
      } catch {
        // speech is a bonus
      }
    },
    setXRSession(next) {
      if (next !== session) clearPulses()
      session = next
    },
    silence() {
      clearPulses()
      try {
        deps.speech?.cancel()
      } catch {
        // nothing was speaking
      }
      breathVoice = null
      if (voices.size === 0) return
      let ctx: AudioContextLike | null = null
      try {
        ctx = deps.audioContext()
      } catch {
        ctx = null
      }
      for (const v of [...voices]) {
        if (ctx) fadeOut(ctx, v, SILENCE_FADE_S)
        else release(v)
      }
    },
  }
}

// The page's AudioContext, made on the first sound after a user gesture.
let pageAudio: AudioContext | null = null
let pagePlayer: CuePlayer | null = null

// Chromium warns when audio or speech starts before any user gesture; wait for one.
function pageHasBeenActive(): boolean {
  try {
    const activation = globalThis.navigator?.userActivation
    return activation ? activation.hasBeenActive : true
  } catch {
    return true
  }
}

function pageAudioContext(inGesture: boolean): AudioContext | null {
  if (pageAudio && pageAudio.state !== 'closed') return pageAudio
  if (typeof AudioContext !== 'function') return null
  if (!inGesture && !pageHasBeenActive()) return null
  try {
    pageAudio = new AudioContext({ latencyHint: 'interactive' })
  } catch {
    pageAudio = null
  }
  return pageAudio
}

function pageSpeech(): SpeechLike<SpeechSynthesisVoice> | null {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance !== 'function') {
    return null
  }
  const synth = speechSynthesis
  return {
    speak(r) {
      if (!pageHasBeenActive()) return
      const u = new SpeechSynthesisUtterance(r.text)
      u.lang = r.lang
      u.volume = r.volume
      u.rate = r.rate
      if (r.voice) u.voice = r.voice
      // No voices (headless), or cut short by the next prompt: nothing to report.
      u.onerror = () => undefined
      synth.speak(u)
    },
    cancel: () => synth.cancel(),
    getVoices: () => synth.getVoices(),
  }
}

/** The page's cue player (created on first use). */
export function getCuePlayer(): CuePlayer {
  if (pagePlayer) return pagePlayer
  let speech: SpeechLike<SpeechSynthesisVoice> | null = null
  try {
    speech = pageSpeech()
  } catch {
    speech = null
  }
  const player = createCuePlayer({
    audioContext: () => pageAudioContext(false),
    speech,
    settings: () => useSettings.getState(),
  })
  // Muting mid-prompt stops the prompt and the breathing sound at once.
  useSettings.subscribe((s, prev) => {
    if (s.soundMuted && !prev.soundMuted) player.silence()
  })
  pagePlayer = player
  return player
}

/** Call from a click handler (a user gesture): lets the browser start audio for the session's cues. */
export function unlockCueAudio(): void {
  try {
    const ctx = pageAudioContext(true)
    if (ctx && ctx.state === 'suspended') swallow(ctx.resume())
  } catch {
    // no audio in this browser: the cues stay silent
  }
}
