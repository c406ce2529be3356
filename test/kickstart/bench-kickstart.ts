// Kickstart benchmarks (issue 6): a full review (document + model + every rule family, i.e.
// analyzeDocument on a fresh ParsedDocument) of a generated 20,000-line kickstart, target < 50 ms
// warm; and CLI throughput of one `node bin/blockwise.js check DIR` process over 1,000 kickstarts.
// scripts/bench.mjs calls benchKickstartReview() and benchKickstartCli() from the bench bundle
// (dist/bench/modules.js). Figures are printed, never asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/analyze';
import { ParsedDocument } from '../../server/src/core/document';
import { buildModel } from '../../server/src/kickstart/model';
import { kickstartEvidence } from '../../server/src/kickstart/evidence';
import { anacondaFindings } from '../../server/src/kickstart/rules/anaconda';
import { storageGraph } from '../../server/src/kickstart/storage';
import { kickstartClues } from '../../server/src/kickstart/clues';
import { resolveKickstartRelease } from '../../server/src/kickstart/release';
import { loadAll, parse } from '../../server/src/syntax/treesitter';
import { repoRoot } from '../support/util';

const root = repoRoot();

/** A small deterministic PRNG (so a generated file is the same on every run). */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

function disk(i: number): string {
  // sda..sdz, sdaa..sdzz: a large storage server's disk names.
  const a = 'abcdefghijklmnopqrstuvwxyz';
  return i < 26 ? `sd${a[i]}` : `sd${a[Math.floor(i / 26) - 1]}${a[i % 26]}`;
}

/**
 * A kickstart of exactly `lines` lines in the shape a large storage server's file takes: the
 * usual header commands, an explicit disk scope, a guard %pre, and then storage groups (one data
 * disk pair per group: two raid members, a raid1 PV, a volume group, two logical volumes, a
 * comment and a blank line), a %post and a long %packages list. Clean: a review has no errors.
 */
export function generateKickstart(lines = 20000, seed = 1): string {
  const rnd = prng(seed);
  const head: string[] = [
    '#version=RHEL9',
    '# Generated storage server kickstart (Blockwise benchmark).',
    'text',
    'url --url=http://mirror.example.com/rhel9/BaseOS/x86_64/os/',
    'repo --name=AppStream --baseurl=http://mirror.example.com/rhel9/AppStream/x86_64/os/',
    'lang en_US.UTF-8',
    'keyboard --vckeymap=us --xlayouts=us',
    'timezone Etc/UTC --utc',
    'rootpw --lock',
    'user --name=ops --groups=wheel --iscrypted --password=$6$rounds=4096$salt$hashhashhash',
    'network --bootproto=dhcp --device=link --hostname=store01.example.com --activate',
    'firewall --enabled --service=ssh',
    'selinux --enforcing',
    'services --enabled=sshd,chronyd',
    'bootloader --location=mbr --boot-drive=sda',
  ];
  const pre = [
    '%pre --erroronfail --log=/tmp/ks-guard.log',
    "if lvm vgs --noheadings -o vg_name 2>/dev/null | grep -q '[^[:space:]]'; then",
    '  echo "existing volume groups found; refusing to re-install this host" >&2',
    '  exit 1',
    'fi',
    "if mdadm --examine --scan 2>/dev/null | grep -q '^ARRAY'; then",
    '  echo "md RAID superblocks found; refusing to re-install this host" >&2',
    '  exit 1',
    'fi',
    '%end',
    '',
  ];
  const tail1 = ['', '%post --log=/root/ks-post.log'];
  const tail2 = ['%end', '', '%packages', '@^minimal-environment'];
  const tail3 = ['%end', 'reboot'];
  // Budget: ~70% storage groups, ~10% %post shell, the rest %packages.
  const fixed = head.length + 3 + pre.length + 5 + tail1.length + tail2.length + tail3.length;
  const budget = Math.max(0, lines - fixed);
  const groups = Math.floor((budget * 0.7) / 8);
  const postLines = Math.floor(budget * 0.1);
  const pkgLines = budget - groups * 8 - postLines;
  const disks = groups * 2 + 1;
  const diskList = Array.from({ length: disks }, (_, i) => disk(i)).join(',');

  const out: string[] = [...head];
  out.push(`ignoredisk --only-use=${diskList}`);
  out.push('zerombr');
  out.push(`clearpart --all --initlabel --drives=${diskList}`);
  out.push(...pre);
  out.push('part /boot --fstype=xfs --size=1024 --ondisk=sda');
  out.push('part /boot/efi --fstype=efi --size=600 --ondisk=sda');
  out.push('part pv.0000 --size=1 --grow --ondisk=sda');
  out.push('volgroup vg_sys pv.0000');
  out.push('logvol / --vgname=vg_sys --name=root --fstype=xfs --size=51200');
  for (let g = 0; g < groups; g++) {
    const n = String(g + 1).padStart(5, '0');
    const a = disk(1 + 2 * g);
    const b = disk(2 + 2 * g);
    const size = 1024 * (1 + Math.floor(rnd() * 64));
    out.push(`# data group ${g + 1}: ${a} + ${b}, raid1, ${size} MiB`);
    out.push(`part raid.a${n} --size=${size} --grow --ondisk=${a}`);
    out.push(`part raid.b${n} --size=${size} --grow --ondisk=${b}`);
    out.push(`raid pv.d${n} --level=1 --device=md${n} raid.a${n} raid.b${n}`);
    out.push(`volgroup vg_d${n} --pesize=4096 pv.d${n}`);
    out.push(`logvol /srv/d${n} --vgname=vg_d${n} --name=data --fstype=xfs --size=${Math.floor(size / 2)} --grow`);
    out.push(`logvol /srv/d${n}/log --vgname=vg_d${n} --name=log --fstype=ext4 --size=512 --fsoptions="noatime,nodiratime"`);
    out.push('');
  }
  out.push(...tail1);
  for (let i = 0; i < postLines; i++) {
    const k = i % 5;
    if (k === 0) out.push(`mkdir -p /srv/app${i} && chmod 0750 /srv/app${i}`);
    else if (k === 1) out.push(`echo "export APP_${i}=/srv/app${i - 1}" >> /etc/profile.d/apps.sh`);
    else if (k === 2) out.push(`if [ -d /srv/app${i - 2} ]; then chown ops:ops /srv/app${i - 2}; fi`);
    else if (k === 3) out.push(`systemctl enable app-${i}.service || true`);
    else out.push(`# step ${i}`);
  }
  out.push(...tail2);
  for (let i = 0; i < pkgLines; i++) out.push(i % 7 === 6 ? `-pkg-unwanted-${i}` : `pkg-${i}-${Math.floor(rnd() * 1000)}`);
  out.push(...tail3);
  return out.join('\n') + '\n';
}

/** Small kickstarts of the kinds admins keep in a PXE tree: clean ones and ones with findings. */
export function generateKickstartCorpus(files = 1000, seed = 7): { name: string; text: string }[] {
  const rnd = prng(seed);
  const corpusDir = join(root, 'test/fixtures/kickstart/corpus');
  const real = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.ks'))
    .sort()
    .map((f) => readFileSync(join(corpusDir, f), 'utf8'));
  const out: { name: string; text: string }[] = [];
  for (let i = 0; i < files; i++) {
    const name = `host${String(i).padStart(4, '0')}.ks`;
    // One in four is a real corpus file as is; the rest are generated hosts of 60-400 lines.
    if (i % 4 === 3 && real.length) {
      out.push({ name, text: real[i % real.length] });
      continue;
    }
    const n = 60 + Math.floor(rnd() * 340);
    let text = generateKickstart(n, seed + i);
    text = text.replace('store01.example.com', `host${i}.example.com`);
    // Every fifth host has the incident's shape: no disk scope.
    if (i % 5 === 0) text = text.replace(/^ignoredisk .*\n/m, '').replace(/^clearpart --all --initlabel --drives=.*$/m, 'clearpart --all --initlabel');
    out.push({ name, text });
  }
  return out;
}

export interface ReviewBench {
  lines: number;
  /** Warm runs (after `warmup` unmeasured ones): a fresh ParsedDocument + analyzeDocument (model + every rule family). */
  msWarm: number;
  msWarmP90: number;
  msWarmMin: number;
  /** The first run in this process (code not yet optimized, tables cold). */
  msCold: number;
  /** Median of the warm runs' parts: the document (text and line index), and analyzeDocument. */
  msDocument: number;
  msAnalyze: number;
  /** A tree-sitter parse of the same text, for comparison: the review does not parse (semantic tokens do). */
  msTreeSitter: number;
  /** Of the review: the installer's storage checks (rules/anaconda) on a built model and storage graph, median. */
  msAnaconda: number;
  runs: number;
  findings: number;
}

/** Full review of a 20,000-line kickstart. */
export async function benchKickstartReview(o: { lines?: number; runs?: number; warmup?: number } = {}): Promise<ReviewBench> {
  await loadAll();
  const text = generateKickstart(o.lines ?? 20000);
  const lines = text.split('\n').length - 1;
  const once = (): { ms: number; doc: number; findings: number } => {
    const t0 = process.hrtime.bigint();
    const doc = new ParsedDocument('file:///bench.ks', 'kickstart', text);
    const t1 = process.hrtime.bigint();
    const fs = analyzeDocument(doc, {});
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    doc.dispose();
    return { ms, doc: Number(t1 - t0) / 1e6, findings: fs.length };
  };
  const cold = once();
  for (let i = 0; i < (o.warmup ?? 10); i++) once();
  const runs: { ms: number; doc: number }[] = [];
  for (let i = 0; i < (o.runs ?? 30); i++) runs.push(once());
  const tsRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    parse('kickstart', text).delete();
    tsRuns.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const anaRuns: number[] = [];
  for (let i = 0; i < 11; i++) {
    const doc = new ParsedDocument('file:///bench.ks', 'kickstart', text);
    const model = buildModel(doc, {});
    storageGraph(model);
    const t = process.hrtime.bigint();
    anacondaFindings(model);
    anaRuns.push(Number(process.hrtime.bigint() - t) / 1e6);
    doc.dispose();
  }
  const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
  const median = (xs: number[]): number => sorted(xs)[Math.floor(xs.length / 2)];
  const round = (x: number): number => Math.round(x * 10) / 10;
  const all = sorted(runs.map((r) => r.ms));
  return {
    lines,
    msWarm: round(median(all)),
    msWarmP90: round(all[Math.floor(all.length * 0.9)]),
    msWarmMin: round(all[0]),
    msCold: round(cold.ms),
    msDocument: round(median(runs.map((r) => r.doc))),
    msAnalyze: round(median(runs.map((r) => r.ms - r.doc))),
    msTreeSitter: round(median(tsRuns)),
    msAnaconda: round(median(anaRuns)),
    runs: runs.length,
    findings: cold.findings,
  };
}

export interface CliBench {
  files: number;
  seconds: number;
  filesPerSecond: number;
  exitCode: number | null;
}

/** One `node bin/blockwise.js check DIR` process over 1,000 kickstarts (wall time, text output). */
export function benchKickstartCli(o: { files?: number } = {}): CliBench {
  const dir = mkdtempSync(join(tmpdir(), 'blockwise-ks-bench-'));
  try {
    const corpus = generateKickstartCorpus(o.files ?? 1000);
    for (const f of corpus) writeFileSync(join(dir, f.name), f.text);
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(root, 'bin/blockwise.js'), 'check', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0 && r.status !== 1) throw new Error(`blockwise check failed (${r.status}): ${r.stderr}`);
    return { files: corpus.length, seconds: Math.round(seconds * 1000) / 1000, filesPerSecond: Math.round(corpus.length / seconds), exitCode: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node dist/test/test/kickstart/bench-kickstart.js` prints both figures.
if (require.main === module) {
  void (async () => {
    console.log(JSON.stringify({ bench: 'kickstart-review', ...(await benchKickstartReview()) }));
    console.log(JSON.stringify({ bench: 'kickstart-cli', ...benchKickstartCli() }));
  })();
}

export interface ReleaseBench {
  kb: number;
  /** Median ms of the evidence pass (release.ts) over the model of a 100 KB file without #version=. */
  msEvidence: number;
  /** Median ms of a whole release choice when evidence picks another release than the first one tried (the model is built again). */
  msRebuild: number;
  /** Median ms of the resolver on text and path alone (clues.ts scan + release.ts weighing), a 100 KB file whose install URL names its release. */
  msClues: number;
  /** The same for a file with no clue at all (the scan finds nothing; the default). */
  msNoClue: number;
  /** Median ms of the resolver when clues leave a family open and syntax acceptance narrows it (evidence given precomputed). */
  msNarrow: number;
  runs: number;
}

/**
 * The kickstart release resolver's cost per file: the evidence pass over a ~100 KB file (run for
 * #version=DEVEL and files without the line), and the extra model build when the evidence points to
 * another release than the first one tried (#version=DEVEL on a file that uses timezone --isUtc).
 */
export async function benchKickstartRelease(o: { runs?: number } = {}): Promise<ReleaseBench> {
  await loadAll();
  let lines = 1000;
  let text = generateKickstart(lines);
  while (text.length < 100 * 1024) text = generateKickstart((lines += 100));
  const noHeader = text.replace(/^#version=[^\n]*\n/, '\n');
  const devel = text.replace(/^#version=[^\n]*/, '#version=DEVEL').replace('timezone Etc/UTC --utc', 'timezone Etc/UTC --isUtc --nontp');
  const runs = o.runs ?? 30;
  const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
  const ev: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const d1 = new ParsedDocument('file:///r1.ks', 'kickstart', noHeader);
    const m = buildModel(d1, {});
    let t0 = performance.now();
    kickstartEvidence(m);
    const e = performance.now() - t0;
    d1.dispose();
    const d2 = new ParsedDocument('file:///r2.ks', 'kickstart', devel);
    const d3 = new ParsedDocument('file:///r3.ks', 'kickstart', devel.replace('#version=DEVEL', '#version=RHEL9'));
    t0 = performance.now();
    buildModel(d2, {});
    const both = performance.now() - t0;
    t0 = performance.now();
    buildModel(d3, {});
    const one = performance.now() - t0;
    d2.dispose();
    d3.dispose();
    if (i >= 10) {
      ev.push(e);
      whole.push(both - one);
    }
  }
  // The resolver itself: text and path in, a release out (no model built).
  const clueless = noHeader.replace(/rhel9/g, 'dist');
  const withUrl = clueless.replace(/\n/, '\nurl --url=https://download.rockylinux.org/pub/rocky/9/BaseOS/x86_64/os/\n');
  const fedoraFamily = clueless.replace(/\n/, '\nurl --mirrorlist=https://mirrors.fedoraproject.org/mirrorlist?repo=fedora-$releasever&arch=x86_64\n');
  const dn = new ParsedDocument('file:///r4.ks', 'kickstart', fedoraFamily);
  const evidence = kickstartEvidence(buildModel(dn, { target: 'f45' }));
  dn.dispose();
  const clues: number[] = [];
  const none: number[] = [];
  const narrow: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    let t0 = performance.now();
    const a = resolveKickstartRelease({ clues: kickstartClues(withUrl, '/srv/ks/web.ks') });
    const c = performance.now() - t0;
    t0 = performance.now();
    const b = resolveKickstartRelease({ clues: kickstartClues(clueless, '/srv/ks/web.ks') });
    const n = performance.now() - t0;
    t0 = performance.now();
    const f = resolveKickstartRelease({ clues: kickstartClues(fedoraFamily, '/srv/ks/web.ks'), acceptance: () => evidence });
    const w = performance.now() - t0;
    if (a.release.table !== 'RHEL9' || b.source !== 'default' || !f.release.table.startsWith('F')) throw new Error(`resolver bench: ${a.release.table} ${b.source} ${f.release.table}`);
    if (i >= 10) {
      clues.push(c);
      none.push(n);
      narrow.push(w);
    }
  }
  return { kb: Math.round(noHeader.length / 1024), msEvidence: med(ev), msRebuild: med(whole), msClues: med(clues), msNoClue: med(none), msNarrow: med(narrow), runs };
}
