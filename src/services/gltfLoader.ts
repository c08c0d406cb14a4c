/**
 * glTF loading that keeps to the app's Content-Security-Policy.
 *
 * three's GLTFLoader decodes embedded images with ImageBitmapLoader, which
 * `fetch`es a `blob:` URL: `connect-src 'self'` refuses that (the controller
 * models of @pmndrs/xr embed their textures). An `<img>` may load `blob:`
 * under `img-src`, so loaders made or patched here decode with TextureLoader
 * instead. Also spares the app three-stdlib's second copy of GLTFLoader.
 */
import { TextureLoader } from 'three'
import { GLTFLoader, type GLTFParser } from 'three/examples/jsm/loaders/GLTFLoader.js'

const PATCHED = new WeakSet<GLTFLoader>()

function imagesThroughImgElements(parser: GLTFParser): { name: string } {
  // Plugins are created right after the parser, before any texture is read.
  const p = parser as unknown as {
    textureLoader: unknown
    options: { manager?: never; crossOrigin?: string }
  }
  const loader = new TextureLoader(p.options.manager)
  loader.setCrossOrigin(p.options.crossOrigin ?? 'anonymous')
  p.textureLoader = loader
  return { name: 'stretchcoach_images_through_img' }
}

/** Makes `loader` decode embedded images through `<img>` (idempotent). */
export function decodeImagesWithImgElements(loader: GLTFLoader): GLTFLoader {
  if (!PATCHED.has(loader)) {
    PATCHED.add(loader)
    loader.register(imagesThroughImgElements)
  }
  return loader
}

/** A GLTFLoader that decodes embedded images through `<img>` (for R3F's useLoader). */
export class PolicySafeGLTFLoader extends GLTFLoader {
  constructor(...args: ConstructorParameters<typeof GLTFLoader>) {
    super(...args)
    decodeImagesWithImgElements(this)
  }
}
