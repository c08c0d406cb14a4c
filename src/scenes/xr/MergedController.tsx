/**
 * The controllers as the user sees them, in as few draw calls as possible.
 * The library's model is the input profile's glTF with every button a mesh of
 * its own (seven per Quest controller: fourteen draw calls per eye for two).
 * Here the same model is merged into one mesh per material at load, so a
 * controller costs one draw call per eye; the buttons no longer move when
 * pressed (the app's cues say what a press did). The ray's pointing is the
 * library's own, so pointing at the panel works as before; the ray is drawn
 * only where it points at something (see TargetRay). There is no grab
 * pointer: nothing in the headset is grabbed, the panel is pressed with the
 * ray and trigger, and the library's grab pointer tested a sphere against
 * every one of the panel's parts on every frame. If the meshes cannot be
 * merged (different attributes), the model is shown as is.
 */
import { Suspense, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import {
  PointerCursorModel,
  XRSpace,
  defaultRayPointerOpacity,
  useLoadXRControllerModel,
  usePointerXRInputSourceEvents,
  useRayPointer,
  useXRInputSourceStateContext,
} from '@react-three/xr'
import { PointerRayMaterial, updatePointerRayModel } from '@pmndrs/xr/internals'
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

type RayPointer = ReturnType<typeof useRayPointer>

/**
 * The library's look for the ray and cursor (white; the opacity rises while a
 * button is down). White as a number: the library sets the colour every frame,
 * and its default, the string 'white', is parsed again each time.
 */
const RAY_LOOK = { color: 0xffffff, opacity: defaultRayPointerOpacity }

/**
 * Whether a ray is drawn: only while it points at something (the panel), as
 * the library already does for its cursor. Pointing at nothing, the pointer
 * hits the library's "void" sphere, and the library would still draw a metre
 * of ray. During a routine the hands move through the stretches, so a ray
 * swinging from each hand across the room is noise the user did not ask for;
 * and each drawn ray costs a draw call per eye.
 */
export function raysShowOn(hit: { object: object } | undefined | null): boolean {
  return hit != null && (hit.object as { isVoidObject?: boolean }).isVoidObject !== true
}

/** The ray from the controller to what it points at; nothing when it points at nothing. */
function TargetRay({ pointer }: { pointer: RayPointer }) {
  const material = useMemo(() => new PointerRayMaterial(), [])
  const mesh = useRef<Mesh>(null)
  useFrame(() => {
    const m = mesh.current
    if (m === null) return
    updatePointerRayModel(m, material, pointer, RAY_LOOK)
    if (m.visible && !raysShowOn(pointer.getIntersection())) m.visible = false
  })
  return (
    <mesh
      ref={mesh}
      name="pointer-ray"
      matrixAutoUpdate={false}
      visible={false}
      renderOrder={2}
      material={material}
    >
      <boxGeometry />
    </mesh>
  )
}

/**
 * The library's ray pointer (DefaultXRInputSourceRayPointer: the same options,
 * events and cursor) with TargetRay for its ray.
 */
function ControllerRayPointer() {
  const state = useXRInputSourceStateContext()
  const space = useRef<Group>(null)
  const pointer = useRayPointer(space, state, RAY_POINTER_OPTIONS)
  usePointerXRInputSourceEvents(pointer, state.inputSource, 'select', state.events)
  return (
    <XRSpace ref={space} space="target-ray-space">
      <TargetRay pointer={pointer} />
      <PointerCursorModel pointer={pointer} {...RAY_LOOK} />
    </XRSpace>
  )
}

/** As the library's default controller sets its ray pointer. */
const RAY_POINTER_OPTIONS = { makeDefault: true, minDistance: 0.2 }

/** The controller implementation given to the XR store: merged model, the ray pointer. */
export function MergedController() {
  return (
    <>
      <Suspense fallback={null}>
        <MergedControllerModel />
      </Suspense>
      <ControllerRayPointer />
    </>
  )
}
