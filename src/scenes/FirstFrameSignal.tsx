import { useRef } from 'react'
import { useFrame } from '@react-three/fiber'

/**
 * Calls `onFirstFrame` once, after the canvas drew its first frame: the
 * preview's app-ready signal, and the moment entering XR becomes possible
 * (earlier it rejects: "not connected to three.js").
 */
export function FirstFrameSignal({ onFirstFrame }: { onFirstFrame: () => void }) {
  const done = useRef(false)
  useFrame(() => {
    if (done.current) return
    done.current = true
    // after the frame (its render included), not inside the frame loop: the callback sets state
    queueMicrotask(onFirstFrame)
  })
  return null
}
