// Issue 9, item 1: the engine counts every repetition of bridge exactly across bodies, frame
// rates, noise and timings (seeded random sweep; scripts/synth/sweep.ts draws the traces).
import { defineRepSweep } from './repSweepKit.ts'

defineRepSweep('bridge')
