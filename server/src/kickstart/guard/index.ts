// What a %pre script does about existing storage (guard/analyze.ts), split by concern:
// shell.ts (reading bash nodes), nodes.ts, inspect.ts + taint.ts (what looks at storage),
// stops.ts, writes.ts, vars.ts, wipes.ts, drives.ts, verdict.ts.
export { analyzeScript, isShellInterpreter, MAX_SCRIPT_DEPTH } from './analyze';
export { guardVerdict } from './verdict';
export type { GuardStrength, GuardVerdict } from './verdict';
export type { GeneratedDrives, ScriptAnalysis, ScriptStop, ScriptWipe, ScriptWrite, ShellCommand, WipeWidth } from './types';
