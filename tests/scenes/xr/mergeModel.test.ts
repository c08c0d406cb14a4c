import { describe, expect, it } from 'vitest'
import { BoxGeometry, Group, Mesh, MeshStandardMaterial, Vector3 } from 'three'
import { mergeModel } from '../../../src/scenes/xr/MergedController.tsx'
import { createCountertop, createRoomShell } from '../../../src/scenes/roomShell.ts'

// Fewer draw calls, the same picture: merged meshes keep every triangle where it was.
describe('mergeModel (the controllers, one mesh per material)', () => {
  it('merges the meshes of each material, with their transforms baked in', () => {
    const body = new MeshStandardMaterial()
    const light = new MeshStandardMaterial()
    const root = new Group()
    root.position.set(5, 0, 0) // the model's own place does not move its parts
    const shell = new Mesh(new BoxGeometry(1, 1, 1), body)
    const button = new Mesh(new BoxGeometry(0.1, 0.1, 0.1), body)
    button.position.set(0, 0.6, 0)
    const nested = new Group()
    nested.rotation.y = Math.PI / 2
    nested.add(button)
    const led = new Mesh(new BoxGeometry(0.05, 0.05, 0.05), light)
    root.add(shell, nested, led)
    const merged = mergeModel(root)
    expect(merged).not.toBeNull()
    const meshes = merged!.children as Mesh[]
    expect(meshes).toHaveLength(2)
    expect(meshes.map((m) => m.material).sort()).toEqual([body, light].sort())
    const bodyMesh = meshes.find((m) => m.material === body)!
    expect(bodyMesh.geometry.index!.count).toBe(36 * 2)
    bodyMesh.geometry.computeBoundingBox()
    const box = bodyMesh.geometry.boundingBox!
    // the button sits on top of the shell, in the model's frame (not moved by root's x = 5)
    expect(box.max.y).toBeCloseTo(0.65, 5)
    expect(box.getCenter(new Vector3()).x).toBeCloseTo(0, 5)
  })

  it('gives up (null) when meshes cannot merge, so the model is shown as it is', () => {
    const root = new Group()
    const a = new Mesh(new BoxGeometry(1, 1, 1), new MeshStandardMaterial())
    const b = new Mesh(new BoxGeometry(1, 1, 1), a.material)
    b.geometry.deleteAttribute('uv')
    root.add(a, b)
    expect(mergeModel(root)).toBeNull()
    expect(mergeModel(new Group())).toBeNull()
  })
})

describe('the room in one mesh, the countertop in another', () => {
  it('keeps the floor, both walls and the mat, each in its own colour', () => {
    const withMat = createRoomShell(true)
    const without = createRoomShell(false)
    expect(without.attributes.position!.count).toBe(3 * 6)
    expect(withMat.attributes.position!.count).toBe(3 * 6 + 36)
    const colours = new Set<string>()
    const c = withMat.attributes.color!
    for (let i = 0; i < c.count; i++) colours.add(`${c.getX(i).toFixed(3)},${c.getY(i).toFixed(3)}`)
    expect(colours.size).toBe(4)
  })

  it('shows the countertop see-through at a measured counter by vertex alpha', () => {
    const solid = createCountertop(0.9, false).attributes.color!
    const seeThrough = createCountertop(0.9, true).attributes.color!
    expect(solid.itemSize).toBe(4)
    const alphas = (a: typeof solid) =>
      new Set(Array.from({ length: a.count }, (_, i) => Math.round(a.getW(i) * 100) / 100))
    expect([...alphas(solid)]).toEqual([1])
    expect([...alphas(seeThrough)].sort()).toEqual([0.25, 0.55])
  })
})
