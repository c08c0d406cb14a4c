import {
  createCalibrationWindow,
  updateCalibrationWindow,
  calibratedEyeHeight,
  calibrationProgress,
  calibrateEyeHeight,
} from '../../../src/core/calibration.ts'
for (const hz of [72, 90, 120])
  for (const eye of [1.8135, 1.395]) {
    const w = createCalibrationWindow()
    let done = -1
    const ts: number[] = [],
      ps: number[] = []
    let seed = 7
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let i = 0; i < hz * 3; i++) {
      const t = i / hz
      const y = eye + 0.005 * Math.sin(2 * Math.PI * 0.25 * t) + (rnd() - 0.5) * 0.002
      ts.push(t)
      ps.push(0.3, y, -0.2)
      if (updateCalibrationWindow(w, t, 0.3, y, -0.2, true) && done < 0) {
        done = t
        break
      }
    }
    const batch = calibrateEyeHeight(ts, ps)
    console.log(
      hz,
      eye,
      done.toFixed(3),
      calibratedEyeHeight(w).toFixed(4),
      calibrationProgress(w),
      batch.ok && batch.eyeHeightM === calibratedEyeHeight(w),
    )
  }
