// Copies the WebXR input profiles the app uses into public/, so that
// @pmndrs/xr loads controller and hand models from our own origin (no CDN).
// Textures over 512² are shrunk on the way (scripts/shrink-glb-textures.mjs).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { shrinkGlbTextures } from './shrink-glb-textures.mjs'

/** The largest side a controller's texture keeps. */
const MAX_TEXTURE = 512

const SRC = 'node_modules/@webxr-input-profiles/assets/dist/profiles'
const DEST = 'public/xr-profiles'
const PROFILES = [
  'meta-quest-touch-plus',
  'meta-quest-touch-pro',
  'oculus-touch-v3',
  'generic-trigger',
  'generic-trigger-squeeze-thumbstick',
  'generic-hand',
]

mkdirSync(DEST, { recursive: true })
const list = JSON.parse(readFileSync(join(SRC, 'profilesList.json'), 'utf8'))
const kept = {}
for (const id of PROFILES) {
  if (!list[id]) throw new Error(`profile ${id} missing from profilesList.json`)
  kept[id] = list[id]
  mkdirSync(join(DEST, id), { recursive: true })
  for (const file of readdirSync(join(SRC, id))) {
    // Only the profile and the plain left/right/none models: the rest are unused variants.
    if (file === 'profile.json') cpSync(join(SRC, id, file), join(DEST, id, file))
    else if (/^(left|right|none)\.glb$/.test(file)) {
      const glb = readFileSync(join(SRC, id, file))
      writeFileSync(join(DEST, id, file), shrinkGlbTextures(glb, MAX_TEXTURE))
    }
  }
}
writeFileSync(join(DEST, 'profilesList.json'), JSON.stringify(kept))
if (!existsSync(join(DEST, 'profilesList.json'))) process.exit(1)
