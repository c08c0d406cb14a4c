import { Canvas } from '@react-three/fiber'

/** The desktop 3D preview (lazy chunk). */
export default function PreviewPage() {
  return (
    <div style={{ position: 'fixed', inset: 0 }}>
      <Canvas frameloop="demand" camera={{ position: [2, 1.6, 3] }}>
        <ambientLight intensity={0.6} />
        <mesh rotation-x={-Math.PI / 2}>
          <planeGeometry args={[6, 6]} />
          <meshStandardMaterial color="#c9d6cf" />
        </mesh>
      </Canvas>
    </div>
  )
}
