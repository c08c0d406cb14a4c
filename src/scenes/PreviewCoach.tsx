/**
 * The coach in the desktop preview: on the mat, or at the countertop for
 * cat-cow, playing the chosen stretch's demonstration.
 */
import { Suspense, useMemo } from 'react'
import { useThree } from '@react-three/fiber'
import { CoachAvatar } from '../avatar/CoachAvatar.tsx'
import { statureFromEyeHeight } from '../core/bodyModel.ts'
import { COUNTER_EDGE_Z_H } from '../core/coach/keyframes.ts'
import type { StretchId } from '../core/stretches.ts'
import { useEyeHeightM } from '../services/settings.ts'
import { coachLive, prefersReducedMotion, useCoachStore } from '../services/preview/coachStore.ts'
import { COUNTER } from './roomLayout.ts'

/** Where the preview coach stands for a stretch: on the mat, lengthwise; at the counter for cat-cow. */
function previewPlacement(
  stretch: StretchId,
  statureM: number,
): { x: number; z: number; yaw: number } {
  if (stretch === 'cat-cow') {
    const edgeX = COUNTER.centre[0] + COUNTER.depthM / 2
    return { x: edgeX + COUNTER_EDGE_Z_H * statureM, z: COUNTER.centre[2], yaw: -Math.PI / 2 }
  }
  return { x: 0, z: 0, yaw: Math.PI / 2 }
}

/** The rigged coach on the mat of the desktop preview, playing the chosen stretch. */
export function PreviewCoach() {
  const stretch = useCoachStore((s) => s.stretch)
  const playing = useCoachStore((s) => s.playing)
  const statureM = statureFromEyeHeight(useEyeHeightM())
  const invalidateFrame = useThree((s) => s.invalidate)
  const place = previewPlacement(stretch, statureM)
  const reducedMotion = useMemo(prefersReducedMotion, [])
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
      </Suspense>
    </group>
  )
}
