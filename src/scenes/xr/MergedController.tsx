/**
 * The controllers as the user sees them, in as few draw calls as possible.
 * The library's model is the input profile's glTF with every button a mesh of
 * its own (seven per Quest controller: fourteen draw calls per eye for two).
 * Here the same model is merged into one mesh per material at load, so a
 * controller costs one draw call per eye; the buttons no longer move when
 * pressed (the app's cues say what a press did). The ray and grab pointers
 * are the library's own, so pointing at the panel works as before. If the
 * meshes cannot be merged (different attributes), the model is shown as is.
 */
import { Suspense, useMemo } from 'react'
import {
  CombinedPointer,
  DefaultXRControllerGrabPointer,
  DefaultXRInputSourceRayPointer,
  XRSpace,
  useLoadXRControllerModel,
  useXRInputSourceStateContext,
} from '@react-three/xr'
import { Group, Matrix4, Mesh, type BufferGeometry, type Material, type Object3D } from 'three'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'

/** One mesh per material of `model` (world transforms baked in), or null when it cannot merge. */
export function mergeModel(model: Object3D): Group | null {
  model.updateMatrixWorld(true)
  const toRoot = new Matrix4().copy(model.matrixWorld).invert()
  const byMaterial = new Map<Material, BufferGeometry[]>()
  let failed = false
  model.traverse((o) => {
    const m = o as Mesh
    if (!m.isMesh) return
    if (Array.isArray(m.material)) {
      failed = true
      return
    }
    const g = m.geometry.clone()
    g.applyMatrix4(new Matrix4().multiplyMatrices(toRoot, m.matrixWorld))
    const list = byMaterial.get(m.material) ?? []
    list.push(g)
    byMaterial.set(m.material, list)
  })
  if (failed || byMaterial.size === 0) return null
  const out = new Group()
  out.name = 'controller-merged'
  for (const [material, geometries] of byMaterial) {
    const merged = mergeGeometries(geometries, false)
    for (const g of geometries) g.dispose()
    if (!merged) return null
    const mesh = new Mesh(merged, material)
    mesh.name = 'controller-mesh'
    out.add(mesh)
  }
  return out
}

function MergedControllerModel() {
  const state = useXRInputSourceStateContext('controller')
  const model = useLoadXRControllerModel(state.layout)
  const shown = useMemo(() => mergeModel(model) ?? model, [model])
  // as the library's model does: the input source's state knows its object
  state.object = shown
  return (
    <XRSpace space="grip-space">
      <primitive object={shown} />
    </XRSpace>
  )
}

/** The controller implementation given to the XR store: merged model, library pointers. */
export function MergedController() {
  return (
    <>
      <Suspense fallback={null}>
        <MergedControllerModel />
      </Suspense>
      <CombinedPointer>
        <DefaultXRControllerGrabPointer />
        <DefaultXRInputSourceRayPointer makeDefault minDistance={0.2} />
      </CombinedPointer>
    </>
  )
}
