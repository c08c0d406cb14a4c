// The cue player over fake Web Audio, speech and XR controllers: what it schedules,
// what the settings let through, and that nothing missing or broken throws.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createCuePlayer,
  getCuePlayer,
  unlockCueAudio,
  type AudioContextLike,
  type AudioParamLike,
  type CueKind,
  type CuePlayer,
  type SpeechLike,
  type SpeechRequest,
  type VoiceLike,
} from '../../../src/services/cues/cuePlayer.ts'
import { BREATH_SOUND, CUE_PULSES, CUE_SOUNDS } from '../../../src/services/cues/sounds.ts'
import type { SoundSettings } from '../../../src/services/settings.ts'

const KINDS = Object.keys(CUE_SOUNDS) as CueKind[]

type ParamEvent = { kind: string; value: number; time: number }

class FakeParam implements AudioParamLike {
  value: number
  events: ParamEvent[] = []
  constructor(value: number) {
    this.value = value
  }
  setValueAtTime(value: number, time: number) {
    this.events.push({ kind: 'set', value, time })
  }
  linearRampToValueAtTime(value: number, time: number) {
    this.events.push({ kind: 'linear', value, time })
  }
  exponentialRampToValueAtTime(value: number, time: number) {
    if (!(value > 0)) throw new RangeError('exponential ramp to a value that is not positive')
    this.events.push({ kind: 'exp', value, time })
  }
  cancelScheduledValues(time: number) {
    this.events = this.events.filter((e) => e.time < time)
  }
  max(): number {
    return Math.max(0, ...this.events.map((e) => e.value))
  }
  /** the time of the last event */
  last(): number {
    return Math.max(0, ...this.events.map((e) => e.time))
  }
}

class FakeNode {
  connectedTo: FakeNode[] = []
  disconnected = false
  constructor(readonly kind: string) {}
  connect(destination: FakeNode) {
    this.connectedTo.push(destination)
    return destination
  }
  disconnect() {
    this.disconnected = true
  }
}

class FakeSource extends FakeNode {
  startAt: number | null = null
  stopAt: number | null = null
  onended: ((ev: Event) => unknown) | null = null
  start(when = 0) {
    this.startAt = when
  }
  stop(when = 0) {
    this.stopAt = when
  }
  /** what the audio thread does when the source has played */
  end() {
    this.onended?.(new Event('ended'))
  }
}

class FakeOscillator extends FakeSource {
  type: OscillatorType = 'sine'
  frequency = new FakeParam(440)
}

class FakeGain extends FakeNode {
  gain = new FakeParam(1)
}

class FakeFilter extends FakeNode {
  type: BiquadFilterType = 'lowpass'
  frequency = new FakeParam(350)
  Q = new FakeParam(1)
}

class FakeBufferSource extends FakeSource {
  buffer: { getChannelData(c: number): Float32Array } | null = null
  loop = false
}

class FakeContext implements AudioContextLike {
  currentTime = 10
  sampleRate = 8000
  state = 'running'
  destination = new FakeNode('destination')
  resumes = 0
  buffers = 0
  nodes: FakeNode[] = []
  resume() {
    this.resumes++
    this.state = 'running'
    return Promise.resolve()
  }
  private add<T extends FakeNode>(n: T): T {
    this.nodes.push(n)
    return n
  }
  createOscillator() {
    return this.add(new FakeOscillator('oscillator'))
  }
  createGain() {
    return this.add(new FakeGain('gain'))
  }
  createBiquadFilter() {
    return this.add(new FakeFilter('filter'))
  }
  createBuffer(_channels: number, length: number) {
    this.buffers++
    const data = new Float32Array(length)
    return { getChannelData: () => data }
  }
  createBufferSource() {
    return this.add(new FakeBufferSource('buffer'))
  }
  sources(): FakeSource[] {
    return this.nodes.filter((n): n is FakeSource => n instanceof FakeSource)
  }
  gains(): FakeGain[] {
    return this.nodes.filter((n): n is FakeGain => n instanceof FakeGain)
  }
  /** the loudest gain any envelope reaches */
  peak(): number {
    return Math.max(0, ...this.gains().map((g) => g.gain.max()))
  }
  endAll() {
    for (const s of this.sources()) s.end()
  }
  reset() {
    this.nodes = []
  }
}

interface Voice extends VoiceLike {
  name: string
}

class FakeSpeech implements SpeechLike<Voice> {
  calls: string[] = []
  spoken: SpeechRequest<Voice>[] = []
  voices: Voice[] = []
  speak(r: SpeechRequest<Voice>) {
    this.calls.push(`speak:${r.text}`)
    this.spoken.push(r)
  }
  cancel() {
    this.calls.push('cancel')
  }
  getVoices() {
    return this.voices
  }
}

function settings(over: Partial<SoundSettings> = {}): SoundSettings {
  return {
    soundVolume: 1,
    soundMuted: false,
    voicePrompts: true,
    vibration: true,
    breathingSound: true,
    ...over,
  }
}

interface Rig {
  player: CuePlayer
  ctx: FakeContext
  speech: FakeSpeech
  s: SoundSettings
}

function rig(over: Partial<SoundSettings> = {}): Rig {
  const ctx = new FakeContext()
  const speech = new FakeSpeech()
  const s = settings(over)
  const player = createCuePlayer({ audioContext: () => ctx, speech, settings: () => s })
  return { player, ctx, speech, s }
}

class FakeActuator {
  pulses: [number, number][] = []
  pulse(intensity: number, durationMs: number) {
    this.pulses.push([intensity, durationMs])
    return Promise.resolve(true)
  }
}

function xrSession(sources: unknown[]): XRSession {
  return { inputSources: sources } as unknown as XRSession
}

function controller(actuator: unknown) {
  return { handedness: 'left', gamepad: { hapticActuators: [actuator] } }
}

describe('cue sounds', () => {
  it('each cue kind schedules notes whose gain is the recipe scaled by the volume', () => {
    for (const kind of KINDS) {
      const recipePeak = Math.max(...CUE_SOUNDS[kind].map((n) => n.peak))
      for (const volume of [1, 0.5, 0.2]) {
        const { player, ctx } = rig({ soundVolume: volume })
        player.cue(kind)
        const oscillators = ctx.sources()
        expect(oscillators.length, kind).toBe(CUE_SOUNDS[kind].length)
        expect(ctx.peak(), `${kind} at ${volume}`).toBeCloseTo(recipePeak * volume, 12)
        for (const g of ctx.gains()) {
          // silent before and after: no clicks
          expect(g.gain.events[0]!.value).toBe(0)
          expect(g.gain.events.at(-1)!.value).toBe(0)
        }
        for (const o of oscillators) {
          expect(o.startAt).toBeGreaterThanOrEqual(ctx.currentTime)
          expect(o.stopAt! - ctx.currentTime, `${kind} is short`).toBeLessThanOrEqual(0.65)
          // wired oscillator → envelope → speakers
          expect(o.connectedTo[0]!.connectedTo[0]).toBe(ctx.destination)
        }
      }
    }
  })

  it('the cue kinds sound different from one another', () => {
    const shapes = new Set(
      KINDS.map((k) =>
        JSON.stringify(CUE_SOUNDS[k].map((n) => [n.atS, n.freqHz, n.toHz ?? n.freqHz, n.durS])),
      ),
    )
    expect(shapes.size).toBe(KINDS.length)
  })

  it('releases every node once it has played (nothing kept over a long session)', () => {
    const { player, ctx } = rig()
    for (let i = 0; i < 200; i++) {
      player.cue(KINDS[i % KINDS.length]!)
      player.tick()
      ctx.endAll()
      ctx.reset()
    }
    player.cue('holdComplete')
    player.breath(true)
    ctx.endAll()
    expect(ctx.nodes.length).toBeGreaterThan(0)
    for (const n of ctx.nodes) expect(n.disconnected, n.kind).toBe(true)
    for (const s of ctx.sources()) expect(s.onended).toBeNull()
  })

  it('caps what waits on a context that never runs', () => {
    const { player, ctx } = rig()
    ctx.state = 'suspended'
    ctx.resume = () => new Promise<void>(() => undefined)
    for (let i = 0; i < 500; i++) player.tick()
    const live = ctx.nodes.filter((n) => !n.disconnected)
    expect(live.length).toBeLessThanOrEqual(64)
  })

  it('the tick is very short and quieter than the cues', () => {
    const { player, ctx } = rig()
    player.tick()
    const [osc] = ctx.sources()
    expect(osc!.stopAt! - osc!.startAt!).toBeLessThan(0.06)
    const tickPeak = ctx.peak()
    for (const kind of KINDS) {
      expect(tickPeak).toBeLessThan(Math.max(...CUE_SOUNDS[kind].map((n) => n.peak)))
    }
  })

  it('resumes a suspended context, and a failing resume is swallowed', async () => {
    const { player, ctx } = rig()
    ctx.state = 'suspended'
    player.cue('inPosition')
    expect(ctx.resumes).toBe(1)
    ctx.state = 'suspended'
    ctx.resume = () => Promise.reject(new Error('not allowed'))
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    player.cue('inPosition')
    await new Promise((r) => setTimeout(r, 0))
    process.off('unhandledRejection', unhandled)
    expect(unhandled).not.toHaveBeenCalled()
  })
})

describe('the breathing sound', () => {
  it('swells softly for the inhale (about 4 s) and falls for the exhale (about 6 s)', () => {
    for (const volume of [1, 0.5]) {
      const { player, ctx } = rig({ soundVolume: volume })
      player.breath(true)
      const inhale = ctx.gains()[0]!.gain
      expect(inhale.max()).toBeCloseTo(BREATH_SOUND.peak * volume, 12)
      expect(inhale.max()).toBeLessThanOrEqual(0.05 * volume)
      const top = inhale.events.find((e) => e.value === inhale.max())!
      expect(top.time - ctx.currentTime).toBeCloseTo(4, 1)
      ctx.currentTime += 4
      player.breath(false)
      const exhale = ctx.gains()[1]!.gain
      expect(exhale.max()).toBeCloseTo(BREATH_SOUND.peak * volume, 12)
      expect(exhale.last() - ctx.currentTime).toBeCloseTo(6, 1)
      expect(exhale.events.at(-1)!.value).toBe(0)
      // the inhale gives way: ramped to 0 and stopped soon
      expect(inhale.events.at(-1)!.value).toBe(0)
      const inhaleSource = ctx.sources()[0]!
      expect(inhaleSource.stopAt! - ctx.currentTime).toBeLessThan(0.5)
    }
  })

  it('makes its noise once per context and loops it through a low-pass filter', () => {
    const { player, ctx } = rig()
    for (let i = 0; i < 10; i++) player.breath(i % 2 === 0)
    expect(ctx.buffers).toBe(1)
    const src = ctx.sources()[0] as FakeBufferSource
    expect(src.loop).toBe(true)
    expect(src.connectedTo[0]!.kind).toBe('filter')
  })

  it('is silent when the breathing sound is off or sound is muted', () => {
    for (const over of [{ breathingSound: false }, { soundMuted: true }, { soundVolume: 0 }]) {
      const { player, ctx } = rig(over)
      player.breath(true)
      player.breath(false)
      expect(ctx.nodes).toEqual([])
    }
  })
})

describe('settings gate the cues', () => {
  it('mute silences sounds and speech, not the vibration', () => {
    const { player, ctx, speech } = rig({ soundMuted: true })
    const a = new FakeActuator()
    player.setXRSession(xrSession([controller(a)]))
    for (const kind of KINDS) player.cue(kind)
    player.tick()
    player.say('Hold it there')
    expect(ctx.nodes).toEqual([])
    expect(speech.calls).toEqual([])
    expect(a.pulses.length).toBe(KINDS.length)
  })

  it('vibration off: no pulses, sounds still play', () => {
    const { player, ctx } = rig({ vibration: false })
    const a = new FakeActuator()
    player.setXRSession(xrSession([controller(a)]))
    player.cue('holdComplete')
    expect(a.pulses).toEqual([])
    expect(ctx.sources().length).toBeGreaterThan(0)
  })

  it('volume 0 plays nothing', () => {
    const { player, ctx, speech } = rig({ soundVolume: 0 })
    for (const kind of KINDS) player.cue(kind)
    player.say('Breathe out')
    expect(ctx.nodes).toEqual([])
    expect(speech.calls).toEqual([])
  })

  it('reads the settings at every call', () => {
    const { player, ctx, s } = rig()
    player.cue('repCounted')
    const n = ctx.nodes.length
    expect(n).toBeGreaterThan(0)
    s.soundMuted = true
    player.cue('repCounted')
    expect(ctx.nodes.length).toBe(n)
    s.soundMuted = false
    s.soundVolume = 0.25
    ctx.reset()
    player.cue('repCounted')
    expect(ctx.peak()).toBeCloseTo(CUE_SOUNDS.repCounted[0]!.peak * 0.25, 12)
  })
})

describe('controller vibration', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('pulses each controller once per cue pulse, by the cue pattern', () => {
    const { player } = rig()
    const left = new FakeActuator()
    const right = new FakeActuator()
    player.setXRSession(xrSession([controller(left), controller(right)]))
    for (const kind of KINDS) {
      left.pulses = []
      right.pulses = []
      player.cue(kind)
      expect(left.pulses.length, kind).toBe(1)
      expect(right.pulses.length, kind).toBe(1)
      vi.advanceTimersByTime(1000)
      const expected = CUE_PULSES[kind].map((p) => [p.intensity, p.durationMs])
      expect(left.pulses, kind).toEqual(expected)
      expect(right.pulses, kind).toEqual(expected)
    }
  })

  it('no pulses for ticks and breaths, nor without an XR session', () => {
    const { player } = rig()
    const a = new FakeActuator()
    player.cue('stretchDone')
    player.setXRSession(xrSession([controller(a)]))
    player.tick()
    player.breath(true)
    expect(a.pulses).toEqual([])
    player.setXRSession(null)
    player.cue('stretchDone')
    expect(a.pulses).toEqual([])
  })

  it('a pattern stops when its session ends or on silence()', () => {
    const { player } = rig()
    const a = new FakeActuator()
    player.setXRSession(xrSession([controller(a)]))
    player.cue('switchSide')
    player.setXRSession(null)
    vi.advanceTimersByTime(1000)
    expect(a.pulses.length).toBe(1)
    player.setXRSession(xrSession([controller(a)]))
    player.cue('holdPaused')
    player.silence()
    vi.advanceTimersByTime(1000)
    expect(a.pulses.length).toBe(2)
  })

  it('uses playEffect where there is no pulse, and skips hands and odd actuators', () => {
    const { player } = rig()
    const effects: unknown[][] = []
    const rumble = { playEffect: (...args: unknown[]) => void effects.push(args) }
    const vibrationOnly = {
      gamepad: { hapticActuators: [], vibrationActuator: new FakeActuator() },
    }
    player.setXRSession(
      xrSession([
        controller(rumble),
        { handedness: 'right', hand: {} }, // tracked hand: no gamepad
        { gamepad: null },
        { gamepad: {} },
        controller(null),
        controller({ pulse: 'not a function' }),
        vibrationOnly,
        undefined,
      ]),
    )
    expect(() => player.cue('inPosition')).not.toThrow()
    expect(effects).toEqual([
      ['dual-rumble', { duration: 60, startDelay: 0, strongMagnitude: 0.5, weakMagnitude: 0.5 }],
    ])
    expect(vibrationOnly.gamepad.vibrationActuator.pulses).toEqual([[0.5, 60]])
  })

  it('an actuator that throws or rejects breaks nothing', async () => {
    vi.useRealTimers()
    const { player, ctx } = rig()
    const good = new FakeActuator()
    const throwing = {
      pulse: () => {
        throw new Error('gone')
      },
    }
    const rejecting = { pulse: () => Promise.reject(new Error('busy')) }
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    player.setXRSession(xrSession([controller(throwing), controller(rejecting), controller(good)]))
    expect(() => player.cue('holdComplete')).not.toThrow()
    await new Promise((r) => setTimeout(r, 0))
    process.off('unhandledRejection', unhandled)
    expect(unhandled).not.toHaveBeenCalled()
    expect(good.pulses.length).toBe(1)
    expect(ctx.sources().length).toBeGreaterThan(0)
  })

  it('a session whose input sources throw breaks nothing', () => {
    const { player, ctx } = rig()
    const broken = {
      get inputSources(): never {
        throw new Error('ended')
      },
    } as unknown as XRSession
    player.setXRSession(broken)
    expect(() => player.cue('stretchDone')).not.toThrow()
    expect(ctx.sources().length).toBeGreaterThan(0)
  })
})

describe('spoken prompts', () => {
  it('cancel the prompt before, then speak at the settings volume and rate 1', () => {
    const { player, speech } = rig({ soundVolume: 0.6 })
    player.say('Left side')
    player.say('  Hold for thirty seconds ')
    expect(speech.calls).toEqual([
      'cancel',
      'speak:Left side',
      'cancel',
      'speak:Hold for thirty seconds',
    ])
    expect(speech.spoken[1]).toMatchObject({ volume: 0.6, rate: 1, lang: 'en-US', voice: null })
  })

  it('are silent when voice prompts are off, and skip empty text', () => {
    const { player, speech } = rig({ voicePrompts: false })
    player.say('Switch sides')
    expect(speech.calls).toEqual([])
    const on = rig()
    on.player.say('   ')
    expect(on.speech.calls).toEqual([])
  })

  it('prefer an English voice: the default one, else a local one, else any', () => {
    const v = (name: string, lang: string, isDefault = false, local = false): Voice => ({
      name,
      lang,
      default: isDefault,
      localService: local,
    })
    const cases: [Voice[], string | null][] = [
      [[], null],
      [[v('Anna', 'de-DE', true, true)], null],
      [[v('Anna', 'de-DE', true), v('Net', 'en-GB'), v('Local', 'en-US', false, true)], 'Local'],
      [[v('Net', 'en-GB'), v('Main', 'en_US', true)], 'Main'],
      [[v('Anna', 'de-DE', true), v('Net', 'EN-au')], 'Net'],
      [[v('Enrique', 'es-ES', true), v('Ben', 'en')], 'Ben'],
    ]
    for (const [voices, expected] of cases) {
      const { player, speech } = rig()
      speech.voices = voices
      player.say('Breathe in')
      const r = speech.spoken[0]!
      expect(r.voice?.name ?? null).toBe(expected)
      if (r.voice) expect(r.lang).toBe(r.voice.lang)
    }
  })

  it('silence() cancels speech and fades the sounds under way', () => {
    const { player, ctx, speech } = rig()
    player.cue('stretchDone')
    player.breath(true)
    ctx.currentTime += 0.1
    player.silence()
    expect(speech.calls).toEqual(['cancel'])
    for (const s of ctx.sources()) {
      if (s.startAt! > ctx.currentTime) {
        // not yet heard: dropped at once
        expect(s.disconnected).toBe(true)
      } else {
        expect(s.stopAt! - ctx.currentTime).toBeLessThanOrEqual(0.1)
      }
    }
    for (const g of ctx.gains().filter((n) => !n.disconnected)) {
      const last = g.gain.events.at(-1)!
      expect(last.value).toBe(0)
      expect(last.time - ctx.currentTime).toBeLessThanOrEqual(0.1)
    }
  })
})

describe('nothing missing or broken throws', () => {
  it('no AudioContext, no speech, no session', () => {
    const player = createCuePlayer({
      audioContext: () => null,
      speech: null,
      settings: () => settings(),
    })
    for (const kind of KINDS) expect(() => player.cue(kind)).not.toThrow()
    expect(() => {
      player.tick()
      player.breath(true)
      player.breath(false)
      player.say('Hello')
      player.setXRSession(null)
      player.silence()
    }).not.toThrow()
  })

  it('audio, speech and settings that throw', () => {
    const boom = () => {
      throw new Error('boom')
    }
    const speech: SpeechLike = { speak: boom, cancel: boom, getVoices: boom }
    for (const deps of [
      { audioContext: boom, speech, settings: () => settings() },
      { audioContext: () => new FakeContext(), speech, settings: boom },
    ]) {
      const player = createCuePlayer(deps)
      for (const kind of KINDS) expect(() => player.cue(kind)).not.toThrow()
      expect(() => {
        player.tick()
        player.breath(true)
        player.say('Hello')
        player.silence()
      }).not.toThrow()
    }
    const ctx = new FakeContext()
    ctx.createOscillator = boom
    ctx.createBufferSource = boom
    const player = createCuePlayer({ audioContext: () => ctx, speech, settings: () => settings() })
    expect(() => {
      player.cue('inPosition')
      player.tick()
      player.breath(true)
      player.silence()
    }).not.toThrow()
  })

  it('the page player is a no-op in Node (no AudioContext, no speechSynthesis)', () => {
    expect(typeof AudioContext).toBe('undefined')
    expect(() => unlockCueAudio()).not.toThrow()
    const player = getCuePlayer()
    expect(getCuePlayer()).toBe(player)
    for (const kind of KINDS) expect(() => player.cue(kind)).not.toThrow()
    expect(() => {
      player.tick()
      player.breath(true)
      player.say('Hello')
      player.silence()
    }).not.toThrow()
  })
})
