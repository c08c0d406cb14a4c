/**
 * The coach in the desktop preview: on the mat, or at the countertop for
 * cat-cow, playing the chosen stretch's demonstration.
 */
import { Suspense, useEffect, useMemo } from 'react'
import { useThree } from '@react-three/fiber'
import { CoachAvatar } from '../avatar/CoachAvatar.tsx'
import { statureFromEyeHeight } from '../core/bodyModel.ts'
import { useEyeHeightM } from '../services/settings.ts'
import { coachLive, prefersReducedMotion, useCoachStore } from '../services/preview/coachStore.ts'
import { previewViewHooks } from '../services/preview/viewHooks.ts'
import { CoachClothing } from './useCoachClothing.ts'
import { demonstrationShape, previewPlacement, worldSpheres } from './previewCamera.ts'

/** The rigged coach on the mat of the desktop preview, playing the chosen stretch. */
export function PreviewCoach() {
  const stretch = useCoachStore((s) => s.stretch)
  const playing = useCoachStore((s) => s.playing)
  const statureM = statureFromEyeHeight(useEyeHeightM())
  const invalidateFrame = useThree((s) => s.invalidate)
  const place = useMemo(() => previewPlacement(stretch, statureM), [stretch, statureM])
  const reducedMotion = useMemo(prefersReducedMotion, [])

  // Tell the test hooks where the coach is and where its demonstration goes (world m).
  useEffect(() => {
    const h = previewViewHooks
    h.coach.stretch = stretch
    h.coach.x = place.x
    h.coach.z = place.z
    h.coach.yaw = place.yaw
    h.coachSpheres = worldSpheres(demonstrationShape(stretch, statureM).spheres, place)
  }, [stretch, statureM, place])

  return (
    <group position={[place.x, 0, place.z]} rotation-y={place.yaw} name="preview-coach">
      <Suspense fallback={null}>
        <CoachAvatar
          stretch={stretch}
          statureM={statureM}
          playing={playing}
          clock={coachLive}
          onFrame={playing ? invalidateFrame : undefined}
          startAtHold={reducedMotion}
        />
        <CoachClothing />
      </Suspense>
    </group>
  )
}
