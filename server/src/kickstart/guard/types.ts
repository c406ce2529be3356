// The shapes of what the %pre analysis finds (guard/analyze.ts) and what the safety rules read.

export interface ShellCommand {
  name: string;
  args: string[];
  /** Offsets in the script body. */
  start: number;
  end: number;
}

export interface ScriptStop {
  kind: 'exit' | 'halt';
  /** Exit status when literal; undefined when computed (`exit $rc`). */
  status?: number;
  /** The command text, e.g. `exit 1` or `poweroff -f`. */
  text: string;
  start: number;
  end: number;
  /** Runs only under a condition (if/elif/while/case/&&/||). */
  conditional: boolean;
  /** The governing condition inspects existing storage (directly or through a variable or loop list). */
  linked: boolean;
  /** Runs in a subshell (pipeline element, `( )`, `$( )`): an `exit` there ends only the subshell. */
  inSubshell: boolean;
  /** What the governing conditions look at: inspection commands and storage paths (`vgs`, `/proc/mdstat`). */
  checks: string[];
}

export interface ScriptWrite {
  /** Target path as written (may contain expansions). */
  path: string;
  /** Text we can see going into it (heredoc bodies, echo/printf arguments). */
  text: string;
  append: boolean;
  start: number;
  end: number;
  /** The content comes from elsewhere and cannot be read here (`downloaded by curl from URL`). */
  from?: string;
}

/** How many disks a wipe's target can name. */
export type WipeWidth =
  /** A fixed disk (literal, or a variable that only ever holds literal disk names). */
  | 'disk'
  /** Every disk the host has of some kind: a glob, a list printed by lsblk/ls, a `lsblk | while read` loop. */
  | 'every-disk'
  /** One disk chosen at install time (a variable set from a command, the kernel command line...). */
  | 'chosen';

export interface ScriptWipe {
  /** dd, wipefs, sgdisk, parted, mdadm, pvremove, blkdiscard. */
  tool: string;
  /** The command as written (shortened). */
  text: string;
  /** The target word as written, e.g. `/dev/$disk`. */
  target: string;
  width: WipeWidth;
  /** What the target can be, in words: `/dev/vda`, `every disk \`lsblk -dno NAME\` prints`. */
  disks: string;
  /** Offsets in the script body (the call site, for a wipe inside a function). */
  start: number;
  end: number;
}

export interface GeneratedDrives {
  /** The variable, e.g. `selected_disk`. */
  variable: string;
  /** The generated line as written in the script. */
  line: string;
  /** Why it can be empty, in words. */
  why: string;
  /** The file written. */
  path: string;
  /** Offsets of the write in the script body. */
  start: number;
  end: number;
}

export interface ScriptAnalysis {
  /** False when the interpreter is not a shell or the bash grammar is not loaded: nothing below is known. */
  analyzed: boolean;
  reason?: string;
  /** Commands that look at existing storage. */
  inspections: ShellCommand[];
  /** Every way the script can stop the install, as the shell sees it. */
  stops: ScriptStop[];
  writes: ScriptWrite[];
  /** Commands that destroy what is on a whole disk (or on what a variable can make one). */
  wipes: ScriptWipe[];
  /** Generated `clearpart --drives=$var` lines whose variable can be empty when the script writes them. */
  emptyDrives: GeneratedDrives[];
  /** The parse had errors: the shell may not even run. */
  hasErrors: boolean;
}
