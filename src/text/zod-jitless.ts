/**
 * Imported first by every browser entry (the pane, its consolidation worker, the workbench, the offline page),
 * before any module that makes a schema (zod reads the setting as each schema is made):
 * zod probes for eval (new Function) before its first object parse, and the pages' Content-Security-Policy,
 * which has no 'unsafe-eval', reports the probe as a violation. Jitless parsing never tries it. The command
 * line keeps zod's compiled parsers.
 */
import { config } from "zod";

config({ jitless: true });
