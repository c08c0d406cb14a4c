import { useEffect, useRef, useState } from 'react'
import { achievementById } from '../../core/history/achievements.ts'
import { celebrationFor, type Celebration, type Tone } from '../../core/history/celebration.ts'
import type { UnlockRecord } from '../../core/history/records.ts'
import { dismissCelebrations } from '../../services/storage/progress.ts'
import { prefersReducedMotion } from './download.ts'

function playTune(tune: readonly Tone[]): void {
  // Only after the user interacted with the page (autoplay rules), synthesised, no file fetched.
  const active = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } })
    .userActivation
  if (!active?.hasBeenActive || typeof AudioContext === 'undefined') return
  try {
    const ctx = new AudioContext()
    const t0 = ctx.currentTime + 0.05
    let end = 0
    for (const tone of tune) {
      const osc = ctx.createOscillator()
      const gain = ctx.createGain()
      osc.type = 'sine'
      osc.frequency.value = tone.frequencyHz
      gain.gain.setValueAtTime(0, t0 + tone.startS)
      gain.gain.linearRampToValueAtTime(tone.gain, t0 + tone.startS + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + tone.startS + tone.durationS)
      osc.connect(gain).connect(ctx.destination)
      osc.start(t0 + tone.startS)
      osc.stop(t0 + tone.startS + tone.durationS + 0.05)
      end = Math.max(end, tone.startS + tone.durationS)
    }
    window.setTimeout(() => void ctx.close(), (end + 0.5) * 1000)
  } catch {
    // No sound is fine; the badge and text carry the news.
  }
}

async function throwConfetti(c: Celebration): Promise<void> {
  if (prefersReducedMotion()) return
  try {
    const { default: confetti } = await import('canvas-confetti')
    await confetti({
      particleCount: c.confettiParticles,
      spread: 75,
      origin: { y: 0.3 },
      disableForReducedMotion: true,
    })
  } catch {
    // Decoration only.
  }
}

/** Props: the unlocks not yet shown; quiet: mark them shown without any celebration. */
export interface CelebrationBannerProps {
  pending: readonly UnlockRecord[]
  /** after a pain stop (docs/product.md: it never brings a celebration); the wrap-up lists them instead */
  quiet?: boolean
}

/**
 * Celebrates new unlocks once: badge, confetti (not under reduced motion) and
 * a short chime; when quiet, marks them shown and shows nothing.
 */
export function CelebrationBanner({ pending, quiet = false }: CelebrationBannerProps) {
  const [showing, setShowing] = useState<Celebration[]>([])
  const celebrated = useRef(new Set<string>())
  const closeRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    const fresh = pending.filter((u) => !celebrated.current.has(u.id))
    if (fresh.length === 0) return
    for (const u of fresh) celebrated.current.add(u.id)
    const cs = fresh
      .map((u) => achievementById(u.id))
      .filter((a) => a !== undefined)
      .map(celebrationFor)
    // Shown once: marked as shown as soon as it is on screen (or, quiet, at once and for good).
    void dismissCelebrations(fresh.map((u) => u.id))
    if (quiet || cs.length === 0) return
    setShowing((prev) => [...prev, ...cs])
    void throwConfetti(cs[0]!)
    playTune(cs[0]!.tune)
  }, [pending, quiet])

  if (quiet || showing.length === 0) return null
  return (
    <section className="celebration" aria-labelledby="celebration-title" data-testid="celebration">
      <h3 id="celebration-title">
        {showing.length === 1 ? 'New achievement!' : `${showing.length} new achievements!`}
      </h3>
      <ul>
        {showing.map((c) => (
          <li key={c.achievementId}>
            <span className="celebration-badge" style={{ background: c.colour }} aria-hidden="true">
              {c.glyph}
            </span>
            <span>{c.message}</span>
          </li>
        ))}
      </ul>
      <button
        ref={closeRef}
        type="button"
        className="button secondary"
        onClick={() => setShowing([])}
      >
        Close
      </button>
    </section>
  )
}
