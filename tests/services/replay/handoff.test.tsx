// "Open in replay": the wrap-up offers it beside the download of a recorded trace, and
// the trace reaches the replay page in memory, once (a later visit starts empty).
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { WrapUpView, type WrapUpSession } from '../../../src/app/session/SessionWrapUp.tsx'
import { handToReplay, takeReplayHandoff } from '../../../src/services/replay/handoff.ts'

function wrapUp(traceText: string | null): string {
  const session: WrapUpSession = {
    prepared: {
      routineId: 'morning-mobility',
      sessionId: 'ses-1',
      painBefore: 2,
      storageMessage: null,
      holdSeconds: 30,
      record: traceText !== null,
    },
    routineName: 'Morning mobility',
    finished: [],
    stoppedForPain: false,
    pendingSaves: 0,
    painAfter: null,
    endSave: null,
    unlocked: [],
    traceText,
    traceFileName: traceText === null ? null : 'session.trace.jsonl',
  }
  return renderToStaticMarkup(<WrapUpView session={session} />)
}

describe('Open in replay', () => {
  it('is offered beside the download only when the session was recorded', () => {
    const recorded = wrapUp('{"format":"pose-trace"}\n')
    expect(recorded).toContain('Download the recording')
    expect(recorded).toContain('Open in replay')
    const plain = wrapUp(null)
    expect(plain).not.toContain('Open in replay')
  })

  it('hands the trace over once, as a Blob with its name', async () => {
    expect(takeReplayHandoff()).toBeNull()
    handToReplay('line 1\nline 2\n', 'session.trace.jsonl')
    const h = takeReplayHandoff()
    expect(h?.name).toBe('session.trace.jsonl')
    expect(await h!.file.text()).toBe('line 1\nline 2\n')
    expect(takeReplayHandoff()).toBeNull()
  })
})
