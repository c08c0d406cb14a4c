/**
 * Where things stand in the room, in the local-floor frame (metres, +Y up,
 * the user starts at the origin looking down −Z). The preview and the headset
 * session share it, so the coach helper can place the coach against it.
 */

/** The exercise mat: centred on the origin, long side along X (a common 183 × 61 cm mat). */
export const MAT = { centre: [0, 0, 0], lengthM: 1.83, widthM: 0.61, thicknessM: 0.006 } as const

/** The countertop for cat-cow: to the user's left, long side along Z; its height is 0.51 H. */
export const COUNTER = { centre: [-1.75, 0, -0.2], lengthM: 1.4, depthM: 0.6 } as const

/** Fraction of stature H of the countertop's top surface (docs/product.md: about 0.51 H). */
export const COUNTER_HEIGHT_FRACTION = 0.51

/** Countertop height in metres for a stature in metres. */
export function counterHeightM(statureM: number): number {
  return COUNTER_HEIGHT_FRACTION * statureM
}

/** The virtual room's floor size and wall distances, metres. */
export const ROOM = { floorM: 9, backWallZ: -3, leftWallX: -3, wallHeightM: 2.7 } as const

/**
 * The room's inside, metres: the back wall (−Z) and the left wall (−X), the
 * floor's far edges on the open sides, and the walls' top as its ceiling.
 */
export const ROOM_INTERIOR = {
  minX: ROOM.leftWallX,
  maxX: ROOM.floorM / 2,
  minZ: ROOM.backWallZ,
  maxZ: ROOM.floorM / 2,
  maxY: ROOM.wallHeightM,
} as const

/**
 * Fixed world views of the room: eye position and the point looked at, metres.
 * The desktop preview no longer uses them (its views follow the coach:
 * src/scenes/previewCamera.ts); kept for scenes that want a view of the room.
 */
export const CAMERA_PRESETS = {
  front: { label: 'Front', position: [0.3, 1.35, 3.4], target: [-0.3, 0.75, 0] },
  side: { label: 'Side', position: [3.6, 1.3, 0.2], target: [-0.3, 0.75, 0] },
  top: { label: 'Top', position: [-0.3, 5.2, 0.01], target: [-0.3, 0, 0] },
} as const

/** A camera preset's name. */
export type CameraPreset = keyof typeof CAMERA_PRESETS
