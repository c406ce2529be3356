// Safety rules: which disks the kickstart will wipe, and whether anything stops it on a host that
// already holds data. The incident these exist for: a PXE default with `clearpart --all` that
// re-installed a production host and destroyed a 10-disk RAID10 with LVM on top.
//
// Facts used (Anaconda 45 / pykickstart 3.74): only the last clearpart, ignoredisk and zerombr
// count; `--drives=` absent or empty means every disk; `ignoredisk --only-use` is the only
// allow-list (`--drives` is a deny-list); a %pre that exits non-zero stops the install only with
// `--erroronfail`; custom storage commands run by type, not by line.
import type { ParsedDocument } from '../../core/document';
import { defineRules } from '../../core/rules';
import type { AnalysisOptions, Finding, Fix, Range } from '../../core/types';
import { addErroronfailFix, insertGuardPreFix, scopeWithIgnorediskFix } from '../fixes';
import { isShellInterpreter } from '../guard';
import { kickstartIncludes } from '../includes';
import { generatedFindings, includeScopes } from './generated';
import { interpreterOf, preGuards, type PreGuard } from './pre-guards';
import { OPT_UNKNOWN, type KickstartModel, type KsCommand, type KsOption, type KsSection } from '../model';
import {
  commaItems,
  commandsNamed,
  diskKey,
  diskOfDevice,
  isKernelDiskName,
  isPatternDiskSpec,
  optionsOf,
  option,
} from '../storage';

export { preGuards, type PreGuard } from './pre-guards';

defineRules([
  {
    code: 'unguarded-clearpart',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'clearpart removes data on every disk the installer sees, and nothing limits or stops it',
    why: 'A kickstart served by PXE or left as a boot default runs again on any machine that boots it. With clearpart --all (or --linux) and no disk scope or guard, a re-installed production host loses every partition, RAID array and volume group on every disk it can see.',
    fix: 'Limit the disks with `ignoredisk --only-use=<disks>` or `clearpart --drives=<disks>` (explicit names, no globs), or add a `%pre --erroronfail` that exits non-zero when volume groups or md arrays already exist.',
  },
  {
    code: 'unguarded-pre-wipe',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'a %pre script wipes whole disks before anything can stop the install',
    why: 'A %pre runs before Anaconda reads a single storage command. `dd of=/dev/...`, `wipefs -a`, `sgdisk --zap-all`, `parted ... mklabel`, `mdadm --zero-superblock`, `pvremove -ff` and `blkdiscard` there destroy a disk at once: ignoredisk, clearpart --drives and the installer\'s own questions do not apply to them. A disk named through a variable is as wide as the variable: a loop over `/dev/sd?` or over what lsblk prints is every disk of the host.',
    fix: 'Before the wipe, stop on existing data: a check (vgs, mdadm --examine, blkid...) that exits non-zero in a %pre --erroronfail, or powers off. Better, let clearpart do the wiping, scoped with `ignoredisk --only-use=`.',
  },
  {
    code: 'empty-generated-drives',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'a %pre writes clearpart --drives=$variable, and the variable can be empty',
    why: 'When the variable is empty the generated line is `clearpart --all --drives=`: an empty list, which clears every disk the installer sees on releases that accept it, and is refused (stopping the install) on others.',
    fix: 'Stop the %pre (with --erroronfail) when the variable is empty, e.g. `[ -n "$disk" ] || exit 1`, or write ignoredisk --only-use with the same disk.',
  },
  {
    code: 'unscoped-zerombr',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'zerombr initialises every disk with unrecognised contents, on all disks',
    why: 'zerombr makes Anaconda re-label, without asking, any disk whose contents it does not recognise: disks used raw by a database, encrypted with an unknown scheme, or holding another OS. Without an allow-list of disks this applies to every disk attached.',
    fix: 'Add `ignoredisk --only-use=<disks>` naming the disks meant for the OS, or a `%pre --erroronfail` guard that stops on existing data.',
  },
  {
    code: 'ineffective-pre-guard',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'this %pre exits non-zero, but the install carries on',
    why: 'Anaconda only stops when a %pre fails if the section has --erroronfail; otherwise the failure is logged and installation (including clearpart) continues. An `exit` inside a pipeline or ( ) only ends that subshell, not the script.',
    fix: 'Add --erroronfail to the %pre header, and put the `exit` in the main script (not inside `cmd | while ...`).',
  },
  {
    code: 'weak-clearpart-scope',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'the disk list uses a pattern, so which disks are wiped is decided at install time',
    why: 'Globs like `sd*` or alternatives like `sda|sdb` match whatever disks the host has when it boots: a new shelf, a SAN LUN or a re-cabled data disk all match.',
    fix: 'Name each disk explicitly, preferably by a stable path such as /dev/disk/by-path/... or /dev/disk/by-id/....',
  },
  {
    code: 'empty-drive-list',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'an empty disk list (`--drives=`) means no restriction at all',
    why: 'pykickstart drops empty items, so `--drives=` (typically a template variable that expanded to nothing) leaves the list empty, and Anaconda then clears every disk it can see.',
    fix: 'Fill in the disks, or remove the option and scope the install with `ignoredisk --only-use=`.',
  },
  {
    code: 'clearpart-redefined',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'clearpart appears more than once; only the last one counts',
    why: 'clearpart is a single-instance command: every earlier line is silently ignored, so a careful scope on an earlier line gives no protection.',
    fix: 'Keep one clearpart line with the scope you mean.',
  },
  {
    code: 'clearpart-type-conflict',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'clearpart has more than one of --all, --linux, --none and --list',
    why: 'They set the same thing: the last of --all/--linux/--none wins silently, and --list overrides them. `clearpart --none --all` wipes everything.',
    fix: 'Keep exactly one of --all, --linux, --none or --list.',
  },
  {
    code: 'disk-not-selected',
    languages: ['kickstart'],
    severity: 'error',
    title: 'this disk is excluded by `ignoredisk --only-use`',
    why: 'Anaconda hides every disk not in the --only-use list, so a part, clearpart or bootloader naming another disk fails at install time with "Disk ... does not exist".',
    fix: 'Add the disk to `ignoredisk --only-use=`, or name one of the selected disks.',
  },
  {
    code: 'interactive-storage',
    languages: ['kickstart'],
    severity: 'info',
    title: 'no storage commands: the installer stops and asks how to partition',
    why: 'Without autopart, part/raid/volgroup/logvol, btrfs or mount (and no %include), Anaconda waits at the storage screen. In cmdline mode it cannot ask and the install fails.',
    fix: 'Add the storage commands (with ignoredisk --only-use), or use graphical/text mode on purpose for an attended install.',
  },
]);

export interface ClearpartEffect {
  cmd: KsCommand;
  type: 'all' | 'linux' | 'none' | 'list';
  /** Options that set the type, in line order. */
  typeOptions: KsOption[];
}

/** What one clearpart line does: the last of --all/--linux/--none wins, --list overrides them. */
export function clearpartEffect(cmd: KsCommand): ClearpartEffect {
  const typeOptions = optionsOf(cmd, 'all', 'linux', 'none', 'list');
  let type: ClearpartEffect['type'] = 'none';
  for (const o of typeOptions) if (o.name !== 'list') type = o.name as ClearpartEffect['type'];
  if (typeOptions.some((o) => o.name === 'list')) type = 'list';
  return { cmd, type, typeOptions };
}

/** Offsets in a script body -> document range. */
function bodyRange(doc: ParsedDocument, s: KsSection, start: number, end: number): Range {
  return doc.lines.range(s.bodyStart + start, s.bodyStart + end);
}

const STORAGE_COMMANDS = ['autopart', 'part', 'raid', 'volgroup', 'logvol', 'btrfs', 'mount'];
const INSTALL_COMMANDS = ['lang', 'keyboard', 'timezone', 'rootpw', 'url', 'cdrom', 'nfs', 'harddrive', 'liveimg', 'ostreesetup', 'ostreecontainer', 'bootc', 'text', 'graphical', 'cmdline', 'bootloader'];

/**
 * Does an exit stop the install anyway? When every exit comes before the only writes of a file the
 * kickstart %includes, a failed run leaves that file unwritten, and Anaconda stops on the %include
 * it cannot open, --erroronfail or not.
 */
function stopsThroughInclude(model: KickstartModel, guards: PreGuard[], g: PreGuard, exits: { end: number }[]): boolean {
  for (const inc of model.includes) {
    if (inc.kind !== 'include') continue;
    const writers = guards.flatMap((x) => x.verdict.analysis.writes.filter((w) => w.path === inc.path).map((w) => ({ x, w })));
    if (!writers.length || writers.some(({ x }) => x !== g)) continue;
    if (exits.every((e) => writers.every(({ w }) => e.end <= w.start))) return true;
  }
  return false;
}

export function safetyFindings(model: KickstartModel, doc: ParsedDocument, options: AnalysisOptions): Finding[] {
  const out: Finding[] = [];
  const clearparts = commandsNamed(model, 'clearpart');
  const ignoredisks = commandsNamed(model, 'ignoredisk');
  const zerombrs = commandsNamed(model, 'zerombr');
  const ignoredisk = ignoredisks[ignoredisks.length - 1];
  const onlyUseOpt = ignoredisk ? option(ignoredisk, 'only-use') : undefined;
  const onlyUse = onlyUseOpt ? commaItems(onlyUseOpt) : [];
  const onlyUseExplicit = onlyUse.length > 0 && !onlyUse.some((d) => isPatternDiskSpec(d.text));
  const guards = preGuards(model, doc);
  const realGuard = guards.find((g) => g.verdict.strength === 'guard');
  const incs = kickstartIncludes(model, doc, options);
  // ignoredisk --only-use or clearpart --drives from an included file (read beside this one, or
  // written by a %pre) scope clearpart and zerombr.
  const scopes = includeScopes(model, guards, incs);
  const hasStorage = STORAGE_COMMANDS.some((n) => commandsNamed(model, n).length > 0) || incs.read.some((f) => f.storage);

  // ---- the %pre sections themselves ----
  for (const g of guards) {
    const v = g.verdict;
    if (!v.analysis.analyzed) continue;
    const headerRange = g.section.header.range;
    if (!g.erroronfail) {
      const exits = v.analysis.stops.filter((s) => s.kind === 'exit' && !s.inSubshell && s.text !== 'exit' && s.status !== 0);
      const halts = v.analysis.stops.some((s) => s.kind === 'halt');
      if (exits.length && !halts && !stopsThroughInclude(model, guards, g, exits)) {
        const first = exits[0];
        out.push({
          code: 'ineffective-pre-guard',
          severity: 'warning',
          range: headerRange,
          message: `This %pre runs \`${first.text}\`${first.linked ? ' when it finds existing storage' : ''}, but without --erroronfail Anaconda logs the failure and installs anyway${clearparts.length ? ' (clearpart included)' : ''}.`,
          related: exits.map((e) => ({ range: bodyRange(doc, g.section, e.start, e.end), message: 'non-zero exit that does not stop the install' })),
          fixes: [addErroronfailFix(g.section)],
        });
        continue;
      }
    }
    if (v.strength !== 'guard' && v.subshellExits.length) {
      const e = v.subshellExits[0];
      out.push({
        code: 'ineffective-pre-guard',
        severity: 'warning',
        range: bodyRange(doc, g.section, e.start, e.end),
        message: `\`${e.text}\` runs in a subshell (a pipeline element or ( )), so it ends only that subshell; the %pre itself carries on and succeeds.`,
      });
    }
  }

  // ---- wipes in %pre ----
  preWipes(guards, doc, out);

  // ---- clearpart ----
  for (const cp of clearparts) {
    const eff = clearpartEffect(cp);
    const distinct = new Set(eff.typeOptions.map((o) => o.name));
    if (distinct.size > 1) {
      out.push({
        code: 'clearpart-type-conflict',
        severity: 'warning',
        range: cp.range,
        message: `clearpart has ${eff.typeOptions.map((o) => o.written).join(' and ')}: the result is --${eff.type}${eff.type === 'all' ? ', which wipes every disk in scope' : ''}.`,
      });
    }
    for (const o of optionsOf(cp, 'drives')) {
      const items = commaItems(o);
      if (!items.length) {
        out.push({
          code: 'empty-drive-list',
          severity: 'warning',
          range: o.range,
          message: `\`${o.written}${o.value !== undefined ? `=${o.value}` : ''}\` is an empty list, so clearpart is not restricted: ${eff.type === 'none' ? 'it would apply to' : 'it clears'} every disk the installer sees.`,
        });
      }
      for (const it of items) {
        if (isPatternDiskSpec(it.text)) {
          out.push({
            code: 'weak-clearpart-scope',
            severity: 'warning',
            range: it.range,
            message: `\`${it.text}\` is a pattern: clearpart wipes whatever disks match it on the day of the install.`,
          });
        }
      }
    }
  }
  if (clearparts.length > 1) {
    const last = clearparts[clearparts.length - 1];
    for (const cp of clearparts.slice(0, -1)) {
      out.push({
        code: 'clearpart-redefined',
        severity: 'warning',
        range: cp.nameRange,
        message: `This clearpart is ignored: the one on line ${last.range.start.line + 1} replaces it (${last.written} ${last.options.map((o) => o.written + (o.value !== undefined ? `=${o.value}` : '')).join(' ')}).`,
        related: [{ range: last.range, message: 'the clearpart that counts' }],
      });
    }
  }
  if (ignoredisk && onlyUseOpt && !onlyUse.length) {
    out.push({
      code: 'empty-drive-list',
      severity: 'warning',
      range: onlyUseOpt.range,
      message: `\`${onlyUseOpt.written}=\` is an empty list: it selects no disk and protects none.`,
    });
  }
  if (ignoredisk && onlyUseOpt) {
    for (const it of onlyUse) {
      if (isPatternDiskSpec(it.text)) {
        out.push({
          code: 'weak-clearpart-scope',
          severity: 'warning',
          range: it.range,
          message: `\`${it.text}\` is a pattern: the disks it selects (and exposes to clearpart) are decided at install time.`,
        });
      }
    }
  }

  const effective = clearparts.length ? clearpartEffect(clearparts[clearparts.length - 1]) : undefined;
  if (effective && (effective.type === 'all' || effective.type === 'linux')) {
    const cp = effective.cmd;
    const drives = option(cp, 'drives');
    const driveItems = drives ? commaItems(drives) : [];
    const drivesExplicit = driveItems.length > 0 && !driveItems.some((d) => isPatternDiskSpec(d.text));
    if (!drivesExplicit && !onlyUseExplicit && !realGuard && !scopes.length) {
      const why: string[] = [];
      if (ignoredisk && option(ignoredisk, 'drives') && !onlyUseOpt) why.push('`ignoredisk --drives` only hides the listed disks; every other disk is still cleared');
      for (const g of guards) {
        if (g.verdict.strength === 'ineffective') why.push(`the %pre on line ${g.section.header.range.start.line + 1} exits on existing storage but has no --erroronfail`);
        else if (g.verdict.strength === 'unknown' && !isShellInterpreter(interpreterOf(g.section)))
          why.push(`the %pre on line ${g.section.header.range.start.line + 1} uses ${interpreterOf(g.section)}, which Blockwise cannot check`);
      }
      if (incs.unresolved.length) why.push(`a guard in %include ${incs.unresolved[0].path} cannot be verified here`);
      const fixes: Fix[] = [];
      const scope = scopeWithIgnorediskFix(model, doc, cp);
      if (scope) fixes.push(scope);
      fixes.push(insertGuardPreFix(doc));
      out.push({
        code: 'unguarded-clearpart',
        severity: 'warning',
        range: cp.range,
        message: `\`${cp.written} --${effective.type}\` ${effective.type === 'all' ? 'erases every partition, RAID member and LVM PV' : 'erases every Linux partition, RAID member and LVM PV'} on every disk the installer sees, and nothing limits or stops it (no \`ignoredisk --only-use\`, no explicit \`--drives\`, no %pre --erroronfail guard).${why.length ? ` Note: ${why.join('; ')}.` : ''}`,
        fixes,
      });
    }
  }

  // ---- clearpart and zerombr in a file read from beside this one (at its %include) ----
  const incClear = clearparts.length ? undefined : incs.read.filter((f) => f.clearpart).pop();
  const incType = incClear?.clearpart?.type;
  if (incClear && (incType === 'all' || incType === 'linux') && !incClear.clearpart!.drives && !onlyUseExplicit && !realGuard && !scopes.length) {
    out.push({
      code: 'unguarded-clearpart',
      severity: 'warning',
      range: incClear.range,
      message: `${incClear.written} (read from ${incClear.file}) has \`clearpart --${incType}\` on its line ${incClear.clearpart!.line + 1}: it erases every ${incType === 'all' ? '' : 'Linux '}partition, RAID member and LVM PV on every disk the installer sees, and nothing limits or stops it (no \`ignoredisk --only-use\`, no explicit \`--drives\`, no %pre --erroronfail guard).`,
      fixes: [insertGuardPreFix(doc)],
    });
  }
  const incZero = zerombrs.length ? undefined : incs.read.find((f) => f.zerombr);
  if (incZero && !onlyUseExplicit && !realGuard && !scopes.length) {
    out.push({
      code: 'unscoped-zerombr',
      severity: 'warning',
      range: incZero.range,
      message: `${incZero.written} (read from ${incZero.file}) has zerombr: it re-initialises any disk whose contents Anaconda does not recognise, on every attached disk; no \`ignoredisk --only-use\` list or %pre guard limits it.`,
      fixes: [insertGuardPreFix(doc)],
    });
  }

  // ---- zerombr ----
  const narrow = realGuard && !onlyUseExplicit && !scopes.length && zerombrs.length ? narrowGuard(guards) : undefined;
  if (narrow) {
    const z = zerombrs[zerombrs.length - 1];
    const all = effective && (effective.type === 'all' || effective.type === 'linux') && !(option(effective.cmd, 'drives') && commaItems(option(effective.cmd, 'drives')!).length) ? effective : undefined;
    const fixes: Fix[] = [];
    const scope = scopeWithIgnorediskFix(model, doc, z);
    if (scope) fixes.push(scope);
    out.push({
      code: 'unscoped-zerombr',
      severity: 'warning',
      range: z.range,
      message: `The %pre guard on line ${narrow.section.header.range.start.line + 1} only stops the install when it finds ${narrow.what} (${narrow.checks.map((c) => `\`${c}\``).join(', ')}). A disk holding a ZFS pool, a Ceph OSD or a raw database device has neither, so the install goes on and zerombr${all ? ` and \`${all.cmd.written} --${all.type}\`` : ''} re-initialise it: no \`ignoredisk --only-use\` list limits them.`,
      related: [
        { range: narrow.section.header.range, message: `guard that checks only ${narrow.what}` },
        ...(all ? [{ range: all.cmd.range, message: 'clears every disk the installer sees' }] : []),
      ],
      fixes,
    });
  }
  if (zerombrs.length && !onlyUseExplicit && !realGuard && !scopes.length) {
    const z = zerombrs[zerombrs.length - 1];
    const fixes: Fix[] = [];
    const scope = scopeWithIgnorediskFix(model, doc, z);
    if (scope) fixes.push(scope);
    fixes.push(insertGuardPreFix(doc));
    out.push({
      code: 'unscoped-zerombr',
      severity: 'warning',
      range: z.range,
      message: 'zerombr re-initialises any disk whose contents Anaconda does not recognise, on every attached disk: no `ignoredisk --only-use` list or %pre guard limits it.',
      fixes,
    });
  }

  // ---- disks outside ignoredisk --only-use ----
  if (onlyUseExplicit) {
    const selected = new Set(onlyUse.map((d) => diskKey(d.text)));
    const allKernel = onlyUse.every((d) => isKernelDiskName(d.text));
    const comparable = (spec: string): boolean => {
      if (isKernelDiskName(spec)) return allKernel;
      const m = /^\/dev\/disk\/(by-[a-z-]+)\//.exec(spec);
      return !!m && onlyUse.every((d) => d.text.startsWith(`/dev/disk/${m[1]}/`));
    };
    // The same disk names repeat on thousands of part lines: decide each spelling once.
    const outside = new Map<string, boolean>();
    const isOutside = (spec: string): boolean => {
      let bad = outside.get(spec);
      if (bad === undefined) {
        const s = spec.trim();
        outside.set(spec, (bad = !(!s || isPatternDiskSpec(s) || selected.has(diskKey(s)) || !comparable(s))));
      }
      return bad;
    };
    // One finding per hidden disk (the mistake is one missing name in the list), on the first
    // line that uses it; the others, up to a limit, are related information.
    const hidden = new Map<string, Finding>();
    const check = (spec: string, range: Range, where: string, device?: string): void => {
      if (!isOutside(spec)) return;
      const s = spec.trim();
      const key = diskKey(s);
      const seen = hidden.get(key);
      if (seen) {
        if (seen.related!.length <= 20) seen.related!.push({ range, message: `${where} also ${device && device !== s ? `uses ${device}` : `names ${s}`}` });
        return;
      }
      const f: Finding = {
        code: 'disk-not-selected',
        severity: 'error',
        range,
        message: `${where} ${device && device !== s ? `uses ${device}, on disk ${s}` : `names ${s}`}, but \`ignoredisk --only-use=${onlyUseOpt!.value ?? ''}\` (line ${onlyUseOpt!.range.start.line + 1}) hides every other disk: Anaconda fails with "Disk ${s} ... does not exist".`,
        related: [{ range: onlyUseOpt!.range, message: `the disks the installer may use: ${s} is not among them` }],
      };
      hidden.set(key, f);
      out.push(f);
    };
    for (const cmd of model.commands) {
      if (cmd.name === 'part') {
        const t = cmd.optionTable;
        for (let j = cmd.optFirst; j < cmd.optEnd; j++) {
          const v = t.value[j];
          if (!(t.flags[j] & OPT_UNKNOWN) && t.key[j].name === 'ondisk' && v && isOutside(v)) check(v, t.valueRange(j) ?? t.range(j), `${cmd.written} ${t.key[j].written}`);
        }
      }
      if (cmd.name === 'part') {
        // An existing partition (or disk) to reuse: the disk it is on must be visible.
        for (const o of optionsOf(cmd, 'onpart')) {
          const disk = o.value ? diskOfDevice(o.value) : undefined;
          if (disk && isOutside(disk)) check(disk, o.valueRange ?? o.range, `${cmd.written} ${o.written}`, o.value);
        }
      }
      if (cmd.name === 'volgroup' || cmd.name === 'raid' || cmd.name === 'btrfs') {
        // Members given as existing devices (not pv.NN / raid.NN / btrfs.NN ids).
        for (const w of cmd.args.slice(1)) {
          const disk = /^(pv|raid|btrfs)\./.test(w.text) ? undefined : diskOfDevice(w.text);
          if (disk && isOutside(disk)) check(disk, w.range, `${cmd.written} ${cmd.args[0].text}`, w.text);
        }
      }
      if (cmd.name === 'clearpart') for (const o of optionsOf(cmd, 'drives')) for (const it of commaItems(o)) if (isOutside(it.text)) check(it.text, it.range, `clearpart ${o.written}`);
      if (cmd.name === 'bootloader') for (const o of optionsOf(cmd, 'boot-drive')) if (o.value) check(o.value, o.valueRange ?? o.range, `bootloader ${o.written}`);
    }
  }

  // ---- generated clearpart --drives=$var ----
  for (const g of guards) {
    for (const e of g.verdict.analysis.emptyDrives) {
      const inc = model.includes.find((i) => i.kind === 'include' && i.path === e.path);
      out.push({
        code: 'empty-generated-drives',
        severity: 'warning',
        range: bodyRange(doc, g.section, e.start, e.end),
        message: `This %pre writes \`${e.line}\` into ${e.path}, and ${e.why}: the generated line is then \`clearpart ... --drives=\`, an empty list that clears every disk the installer sees (or, on releases that refuse it, stops the install).${g.erroronfail ? '' : ' The %pre has no --erroronfail, so nothing stops it first.'}`,
        related: inc ? [{ range: inc.range, message: `${e.path} is included here` }] : undefined,
      });
    }
  }

  // ---- storage generated at install time, or read from beside this file ----
  generatedFindings(model, doc, { guards, includes: incs, realGuard, hasStorage, scoped: [clearparts.length ? `clearpart (line ${clearparts[clearparts.length - 1].line + 1})` : '', zerombrs.length ? `zerombr (line ${zerombrs[zerombrs.length - 1].line + 1})` : ''].filter(Boolean).join(' and '), lookedBeside: !!options.readInclude }, out);

  // ---- no storage at all ----
  const looksComplete = INSTALL_COMMANDS.some((n) => commandsNamed(model, n).length > 0);
  if (looksComplete && !hasStorage && !model.includes.length) {
    const cmdline = commandsNamed(model, 'cmdline')[0];
    out.push({
      code: 'interactive-storage',
      severity: cmdline ? 'warning' : 'info',
      range: cmdline?.range ?? doc.lines.lineRange(model.commands[0]?.range.start.line ?? 0),
      message: cmdline
        ? 'No storage commands and cmdline mode: Anaconda cannot ask how to partition, so the install stops with an error.'
        : 'No storage commands (autopart, part, raid, volgroup, logvol, btrfs, mount): the installer stops at the storage screen and waits for someone to choose disks.',
    });
  }
  return out;
}

/**
 * Wipes in %pre scripts that nothing stops: no earlier %pre guards the install, and no stop that
 * looks at storage runs before the wipe in the same script. One finding a %pre, on its first
 * such wipe, the others as related information.
 */
function preWipes(guards: PreGuard[], doc: ParsedDocument, out: Finding[]): void {
  let guardedBefore: PreGuard | undefined;
  for (const g of guards) {
    const a = g.verdict.analysis;
    if (a.analyzed && a.wipes.length && !guardedBefore) {
      // A stop that looks at storage and runs before the wipe (an exit ends the script there; a
      // halt ends the machine) keeps it from running on a host with data.
      const stopsFirst = (at: number): boolean => a.stops.some((st) => st.linked && !st.inSubshell && st.start < at);
      const open = a.wipes.filter((w) => !stopsFirst(w.start));
      if (open.length) {
        const first = open[0];
        const widest = open.find((w) => w.width === 'every-disk') ?? open.find((w) => w.width === 'chosen') ?? first;
        const targets = [...new Set(open.map((w) => w.disks))];
        const scope =
          widest.width === 'every-disk'
            ? widest.disks
            : targets.join('; ');
        out.push({
          code: 'unguarded-pre-wipe',
          severity: 'warning',
          range: bodyRange(doc, g.section, first.start, first.end),
          message: `This %pre wipes ${scope} (\`${first.text}\`${open.length > 1 ? ` and ${open.length - 1} more` : ''}) before Anaconda reads any storage command: ignoredisk and clearpart --drives do not limit it, and nothing before it stops the install on a host that holds data.`,
          related: open.map((w) => ({ range: bodyRange(doc, g.section, w.start, w.end), message: `${w.tool}: ${w.disks}` })),
        });
      }
    }
    if (g.verdict.strength === 'guard') guardedBefore = g;
  }
}

/** Commands and paths that only tell about LVM (device-mapper) or md RAID. */
const LVM_CHECKS = new Set(['vgs', 'pvs', 'lvs', 'vgscan', 'pvscan', 'lvscan', 'vgdisplay', 'pvdisplay', 'lvdisplay', 'lvm', 'vgck', 'dmsetup']);
const MD_CHECKS = new Set(['mdadm']);

function checkKind(c: string): 'LVM' | 'md RAID' | undefined {
  if (LVM_CHECKS.has(c) || c.startsWith('/dev/mapper')) return 'LVM';
  if (MD_CHECKS.has(c) || c === '/proc/mdstat' || /^\/dev\/md\b/.test(c)) return 'md RAID';
  return undefined;
}

/**
 * When every guard that stops the install looks only at LVM and md RAID, what it looks at;
 * undefined when some guard looks wider (blkid, lsblk, wipefs, partition tables...).
 */
function narrowGuard(guards: PreGuard[]): { section: KsSection; what: string; checks: string[] } | undefined {
  const checks = new Set<string>();
  let section: KsSection | undefined;
  for (const g of guards) {
    if (g.verdict.strength !== 'guard') continue;
    const stops = g.verdict.analysis.stops.filter((st) => st.linked && (st.kind === 'halt' || (!st.inSubshell && g.erroronfail)));
    for (const st of stops) for (const c of st.checks) checks.add(c);
    section ??= g.section;
  }
  if (!section || !checks.size) return undefined;
  const kinds = new Set<string>();
  for (const c of checks) {
    const k = checkKind(c);
    if (!k) return undefined;
    kinds.add(k);
  }
  return { section, what: [...kinds].sort().join(' or '), checks: [...checks] };
}
