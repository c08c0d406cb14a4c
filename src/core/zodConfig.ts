/**
 * zod's configuration, imported before any schema is made (zod reads it when a
 * schema is created). `jitless`: zod would otherwise compile object parsers
 * with `new Function`, which the app's Content-Security-Policy (no
 * 'unsafe-eval') forbids, and even its probe for that is reported as a
 * violation. Interpreted parsing is fast enough for stored records.
 */
import { z } from 'zod'

z.config({ jitless: true })
