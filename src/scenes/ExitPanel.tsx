import { useEffect, useMemo, useRef } from 'react'
import { CanvasTexture, SRGBColorSpace } from 'three'

/** Draws a label into a canvas texture: text without fetching any font file. */
function makeLabelTexture(text: string, widthPx: number, heightPx: number): CanvasTexture {
  const canvas = document.createElement('canvas')
  canvas.width = widthPx
  canvas.height = heightPx
  const ctx = canvas.getContext('2d')
  if (ctx) {
    ctx.fillStyle = '#7a1c12'
    ctx.fillRect(0, 0, widthPx, heightPx)
    ctx.strokeStyle = '#ffffff'
    ctx.lineWidth = heightPx * 0.06
    ctx.strokeRect(0, 0, widthPx, heightPx)
    ctx.fillStyle = '#ffffff'
    ctx.font = `600 ${Math.round(heightPx * 0.42)}px system-ui, sans-serif`
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText(text, widthPx / 2, heightPx / 2)
  }
  const texture = new CanvasTexture(canvas)
  texture.colorSpace = SRGBColorSpace
  return texture
}

/** The in-headset stop control: a panel at waist height, front left; pointing and selecting it ends the session. */
export function ExitPanel({ onExit }: { onExit: () => void }) {
  const texture = useMemo(() => makeLabelTexture('End session', 512, 128), [])
  useEffect(() => () => texture.dispose(), [texture])
  // Press and release on the panel ends the session however slowly the trigger is pulled
  // (a click event would need the release within 300 ms).
  const armed = useRef(false)
  return (
    <mesh
      position={[-0.55, 1.0, -0.75]}
      rotation={[-0.35, 0.5, 0]}
      name="exit-panel"
      onPointerDown={(e) => {
        e.stopPropagation()
        armed.current = true
      }}
      onPointerLeave={() => {
        armed.current = false
      }}
      onPointerUp={(e) => {
        e.stopPropagation()
        if (!armed.current) return
        armed.current = false
        onExit()
      }}
    >
      <planeGeometry args={[0.32, 0.08]} />
      <meshBasicMaterial map={texture} toneMapped={false} />
    </mesh>
  )
}
