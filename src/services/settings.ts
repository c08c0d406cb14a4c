import { create } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { safeLocalStorage } from './safeLocalStorage.ts'
import { eyeHeightFromStature, isValidEyeHeight } from '../core/bodyModel.ts'
import { isRewardUnlocked, STREAK_REWARDS, type StreakReward } from '../core/history/rewards.ts'

/** Standing eye height (m) used to size the coach and the room until a calibration is known. */
export const DEFAULT_EYE_HEIGHT_M = 1.6

/** Cue volume (0–1) until the user picks one. */
export const DEFAULT_SOUND_VOLUME = 0.7

/** The statures (m) a user may type: [lowest, highest]. */
export const TYPED_STATURE_RANGE_M = [1.0, 2.4] as const

/** The room until the user picks another unlocked one (a streak reward id). */
export const DEFAULT_ROOM_ENVIRONMENT = 'studio'

/** The coach's clothing colour until the user picks another unlocked one (a streak reward id). */
export const DEFAULT_COACH_COLOUR = 'teal'

/** The default of each kind of streak reward. */
const REWARD_DEFAULTS = {
  environment: DEFAULT_ROOM_ENVIRONMENT,
  'coach-colour': DEFAULT_COACH_COLOUR,
} as const satisfies Record<StreakReward['kind'], string>

/** The streak reward `id` of `kind`, or undefined when there is none. */
export function findReward(kind: StreakReward['kind'], id: unknown): StreakReward | undefined {
  return STREAK_REWARDS.find((r) => r.kind === kind && r.id === id)
}

/**
 * The reward of `kind` to show: `id` when it is a known reward of that kind
 * and (when `bestStreak` is given) unlocked by it, else the kind's default.
 */
export function chosenReward(
  kind: StreakReward['kind'],
  id: unknown,
  bestStreak?: number,
): StreakReward {
  const r = findReward(kind, id)
  if (r && (bestStreak === undefined || isRewardUnlocked(r, bestStreak))) return r
  return findReward(kind, REWARD_DEFAULTS[kind])!
}

/** Small user settings, persisted to localStorage (not the history: that lives in IndexedDB). */
export interface SettingsState {
  /** calibrated standing eye height in metres, or null when never calibrated */
  calibratedEyeHeightM: number | null
  /** stores a calibrated eye height; an invalid value is refused and changes nothing */
  setCalibratedEyeHeight: (eyeHeightM: number) => boolean
  /** forgets the calibration (the typed height, else the default eye height applies again) */
  clearCalibration: () => void
  /** loudness of cue sounds and speech, 0–1 */
  soundVolume: number
  /** stores a volume, clamped to 0–1; a value that is not a finite number is refused */
  setSoundVolume: (volume: number) => boolean
  /** no sound and no speech at all (vibration follows its own setting) */
  soundMuted: boolean
  setSoundMuted: (muted: boolean) => void
  /** spoken step prompts */
  voicePrompts: boolean
  setVoicePrompts: (on: boolean) => void
  /** controller vibration with each cue */
  vibration: boolean
  setVibration: (on: boolean) => void
  /** the breathing pacer's soft sound during holds */
  breathingSound: boolean
  setBreathingSound: (on: boolean) => void
  /** the stature the user typed, in metres (1.0–2.4), or null */
  typedStatureM: number | null
  /** stores a typed stature in metres; an invalid value is refused and changes nothing */
  setTypedStature: (statureM: number) => boolean
  clearTypedStature: () => void
  /** measure the standing eye height at the start of each headset session; false: use the typed height */
  measureStanding: boolean
  setMeasureStanding: (on: boolean) => void
  /** the room's look (an environment streak reward id) */
  roomEnvironment: string
  /** the coach's clothing colour (a coach-colour streak reward id) */
  coachColour: string
  /**
   * picks a streak reward (environment or coach colour) by id; one that is
   * unknown, or locked at `bestStreak` counted days, is refused and changes nothing
   */
  chooseReward: (id: string, bestStreak: number) => boolean
  /** puts back the default of any chosen reward that `bestStreak` no longer unlocks */
  settleRewards: (bestStreak: number) => void
}

/** The settings the cue player reads at each cue. */
export type SoundSettings = Pick<
  SettingsState,
  'soundVolume' | 'soundMuted' | 'voicePrompts' | 'vibration' | 'breathingSound'
>

type SettingsData = Pick<
  SettingsState,
  | 'calibratedEyeHeightM'
  | 'soundVolume'
  | 'soundMuted'
  | 'voicePrompts'
  | 'vibration'
  | 'breathingSound'
  | 'typedStatureM'
  | 'measureStanding'
  | 'roomEnvironment'
  | 'coachColour'
>

const DEFAULTS: SettingsData = {
  calibratedEyeHeightM: null,
  soundVolume: DEFAULT_SOUND_VOLUME,
  soundMuted: false,
  voicePrompts: true,
  vibration: true,
  breathingSound: true,
  typedStatureM: null,
  measureStanding: true,
  roomEnvironment: DEFAULT_ROOM_ENVIRONMENT,
  coachColour: DEFAULT_COACH_COLOUR,
}

/** Whether a typed stature (m) is usable: finite, within TYPED_STATURE_RANGE_M. */
export function isValidTypedStature(statureM: number): boolean {
  return (
    Number.isFinite(statureM) &&
    statureM >= TYPED_STATURE_RANGE_M[0] &&
    statureM <= TYPED_STATURE_RANGE_M[1] &&
    isValidEyeHeight(eyeHeightFromStature(statureM))
  )
}

function isVolume(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1
}

// Whatever localStorage holds (another version, a hand edit, a broken write)
// is read field by field: a value that is not valid takes the default.
function validData(persisted: unknown): SettingsData {
  const p: Record<string, unknown> =
    typeof persisted === 'object' && persisted !== null
      ? (persisted as Record<string, unknown>)
      : {}
  const bool = (k: keyof SettingsData, d: boolean): boolean =>
    typeof p[k] === 'boolean' ? (p[k] as boolean) : d
  const eye = p.calibratedEyeHeightM
  const stature = p.typedStatureM
  return {
    calibratedEyeHeightM: typeof eye === 'number' && isValidEyeHeight(eye) ? eye : null,
    soundVolume: isVolume(p.soundVolume) ? p.soundVolume : DEFAULTS.soundVolume,
    soundMuted: bool('soundMuted', DEFAULTS.soundMuted),
    voicePrompts: bool('voicePrompts', DEFAULTS.voicePrompts),
    vibration: bool('vibration', DEFAULTS.vibration),
    breathingSound: bool('breathingSound', DEFAULTS.breathingSound),
    typedStatureM: typeof stature === 'number' && isValidTypedStature(stature) ? stature : null,
    measureStanding: bool('measureStanding', DEFAULTS.measureStanding),
    // the history is not at hand here: whether a reward is still unlocked is settled by settleRewards
    roomEnvironment: chosenReward('environment', p.roomEnvironment).id,
    coachColour: chosenReward('coach-colour', p.coachColour).id,
  }
}

function isStreak(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0
}

/** Creates the settings store over a storage (the app passes localStorage; tests pass a Map). */
export function createSettingsStore(storage: StateStorage = safeLocalStorage) {
  return create<SettingsState>()(
    persist(
      (set, get) => {
        // A setter given something other than a boolean (untyped callers) changes nothing.
        const flag =
          (
            key: 'soundMuted' | 'voicePrompts' | 'vibration' | 'breathingSound' | 'measureStanding',
          ) =>
          (on: boolean) => {
            if (typeof on === 'boolean') set({ [key]: on })
          }
        return {
          ...DEFAULTS,
          setCalibratedEyeHeight: (eyeHeightM) => {
            if (!isValidEyeHeight(eyeHeightM)) return false
            set({ calibratedEyeHeightM: eyeHeightM })
            return true
          },
          clearCalibration: () => set({ calibratedEyeHeightM: null }),
          setSoundVolume: (volume) => {
            if (typeof volume !== 'number' || !Number.isFinite(volume)) return false
            set({ soundVolume: Math.min(1, Math.max(0, volume)) })
            return true
          },
          setSoundMuted: flag('soundMuted'),
          setVoicePrompts: flag('voicePrompts'),
          setVibration: flag('vibration'),
          setBreathingSound: flag('breathingSound'),
          setTypedStature: (statureM) => {
            if (typeof statureM !== 'number' || !isValidTypedStature(statureM)) return false
            set({ typedStatureM: statureM })
            return true
          },
          clearTypedStature: () => set({ typedStatureM: null }),
          setMeasureStanding: flag('measureStanding'),
          chooseReward: (id, bestStreak) => {
            const r = STREAK_REWARDS.find((x) => x.id === id)
            if (!r || !isStreak(bestStreak) || !isRewardUnlocked(r, bestStreak)) return false
            set(r.kind === 'environment' ? { roomEnvironment: r.id } : { coachColour: r.id })
            return true
          },
          settleRewards: (bestStreak) => {
            if (!isStreak(bestStreak)) return
            const s = get()
            const room = chosenReward('environment', s.roomEnvironment, bestStreak).id
            const colour = chosenReward('coach-colour', s.coachColour, bestStreak).id
            if (room !== s.roomEnvironment || colour !== s.coachColour)
              set({ roomEnvironment: room, coachColour: colour })
          },
        }
      },
      {
        name: 'stretchcoach-settings',
        // 2: sound, voice, vibration, typed height and the standing measurement were added.
        // The room and coach colour came later without a bump: a value without them takes the defaults.
        version: 2,
        storage: createJSONStorage(() => storage),
        partialize: (s): SettingsData => ({
          calibratedEyeHeightM: s.calibratedEyeHeightM,
          soundVolume: s.soundVolume,
          soundMuted: s.soundMuted,
          voicePrompts: s.voicePrompts,
          vibration: s.vibration,
          breathingSound: s.breathingSound,
          typedStatureM: s.typedStatureM,
          measureStanding: s.measureStanding,
          roomEnvironment: s.roomEnvironment,
          coachColour: s.coachColour,
        }),
        // Version 1 held only calibratedEyeHeightM, which keeps its meaning; merge
        // validates every field, so any other version passes through it unchanged.
        migrate: (persisted) => persisted as SettingsState,
        merge: (persisted, current) => ({ ...current, ...validData(persisted) }),
      },
    ),
  )
}

/** The settings store. */
export const useSettings = createSettingsStore()

/** The eye height (m) of the typed stature, or null when none was typed. */
export function typedEyeHeightM(s: Pick<SettingsState, 'typedStatureM'>): number | null {
  const h = s.typedStatureM
  return h !== null && isValidTypedStature(h) ? eyeHeightFromStature(h) : null
}

/** The eye height (m) to size things with: the calibration, else the typed height, else the default. */
export function effectiveEyeHeightM(
  s: Pick<SettingsState, 'calibratedEyeHeightM'> & Partial<Pick<SettingsState, 'typedStatureM'>>,
): number {
  return (
    s.calibratedEyeHeightM ??
    typedEyeHeightM({ typedStatureM: s.typedStatureM ?? null }) ??
    DEFAULT_EYE_HEIGHT_M
  )
}

/** React hook: the eye height (m) to size the coach and the room with. */
export function useEyeHeightM(): number {
  return useSettings(effectiveEyeHeightM)
}
