// The WebXR store (imported only by the lazy session chunk: it pulls in three.js).
import { createXRStore, type XRStore, type XRStoreOptions } from '@react-three/xr'
import { DefaultGltfLoader } from '@pmndrs/xr'
import { decodeImagesWithImgElements } from '../gltfLoader.ts'

let store: XRStore | null = null

/**
 * The app's single XR store. Emulation is ours (src/app/xr/emulation.ts), so the
 * library's is off; only the features the app uses are requested (local-floor and
 * optional hand tracking, no anchors, planes, meshes, layers, hit tests or DOM
 * overlay); controller and hand profiles come from our own origin.
 */
export function getXRStore(
  /** the controller implementation (scenes/xr/MergedController); read on the first call only */
  controller?: XRStoreOptions['controller'],
): XRStore {
  if (!store) {
    // The controller and hand models embed their textures: decode them within the CSP.
    decodeImagesWithImgElements(DefaultGltfLoader)
    const baseAssetPath = new URL('./xr-profiles/', document.baseURI).href
    store = createXRStore({
      emulate: false,
      offerSession: false,
      enterGrantedSession: false,
      handTracking: true,
      anchors: false,
      layers: false,
      meshDetection: false,
      planeDetection: false,
      hitTest: false,
      domOverlay: false,
      depthSensing: false,
      bodyTracking: false,
      baseAssetPath,
      ...(controller === undefined ? {} : { controller }),
    })
  }
  return store
}
