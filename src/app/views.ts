// The 3D views' chunks. One place, so that the router's lazy() and the home
// page's preload hint ask for the same module (a second import() is free).

/** Loads the desktop preview's chunk (three.js and the room). */
export const loadPreviewPage = () => import('./preview/PreviewPage.tsx')

/** Loads the headset view's chunk (three.js, the XR store, the room). */
export const loadSessionPage = () => import('./session/SessionPage.tsx')

/** Loads the desktop routine's chunk (three.js, the room, the coach on the session's clock). */
export const loadPracticePage = () => import('./practice/PracticePage.tsx')

/** Loads the replay view's chunk (the trace reader in a worker, the ghost, the coach). */
export const loadReplayPage = () => import('./replay/ReplayPage.tsx')

/** Loads the report's chunk (the history, the report's figures and its print charts; no three.js). */
export const loadReportPage = () => import('./report/ReportPage.tsx')

/** Loads the progress view's chunk (the history in IndexedDB, charts, achievements, data controls; no three.js). */
export const loadProgressPage = () => import('./progress/ProgressPage.tsx')
