// The preview server that `npm run perf` and `npm run build:home-image` measure:
// it serves the build asked for, or fails, never something else on the port.
import { createServer, type Server } from 'node:http'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startPreviewServer } from '../../scripts/builtApp.ts'

const dirs: string[] = []
const servers: Server[] = []

afterEach(() => {
  for (const s of servers.splice(0)) s.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A build folder holding only an index.html with `marker` in it. */
function fakeBuild(marker: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stretchcoach-preview-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>${marker}</title>\n`)
  return dir
}

/** An HTTP server that answers every request with `body`; resolves with its port. */
function occupyPort(body: string): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer((_req, res) => res.end(body))
    servers.push(s)
    s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port))
  })
}

describe('startPreviewServer', () => {
  it('refuses a port that already answers, instead of measuring whatever is there', async () => {
    const dir = fakeBuild('the build asked for')
    const port = await occupyPort('<!doctype html><title>an earlier build</title>\n')
    await expect(startPreviewServer(dir, port)).rejects.toThrow(/already answers/)
  })

  it('serves the build asked for on a free port', async () => {
    const dir = fakeBuild('build ' + process.pid)
    const port = await occupyPort('')
    // the port is freed again, so the preview server can take it
    await new Promise<void>((r) => servers.pop()!.close(() => r()))
    const server = await startPreviewServer(dir, port)
    try {
      const body = await (await fetch(`http://localhost:${port}/`)).text()
      expect(body).toContain('build ' + process.pid)
    } finally {
      server.kill()
    }
  }, 30_000)
})
