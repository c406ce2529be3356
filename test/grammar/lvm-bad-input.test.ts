// Hostile input for tree-sitter-lvm: random bytes, every truncation of a real file, very deep
// nesting, NUL bytes, CRLF. Parsing must never throw or hang, and the tree must carry an ERROR or
// MISSING node wherever lvm2 would refuse the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLanguage, parse } from '../../server/src/syntax/treesitter';
import { prng, repoRoot } from '../support/util';



function hasError(text: string): boolean {
  const tree = parse('lvm', text);
  try {
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

/** lvm2's verdict for one text, or undefined when lvmconfig is not installed. */
function lvm2Fails(text: string): boolean | undefined {
  const bin = ['/usr/sbin/lvmconfig', '/sbin/lvmconfig'].find((p) => existsSync(p));
  if (!bin) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'blockwise-lvmbad-'));
  try {
    writeFileSync(join(dir, 'lvm.conf'), text);
    const r = spawnSync(bin, [], { env: { ...process.env, LVM_SYSTEM_DIR: dir, LVM_SUPPRESS_FD_WARNINGS: '1' }, encoding: 'latin1' });
    return /Parse error at byte|Failed to read (?:int|float) token|Failed to load config file/.test(r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Brace depth at the end of a prefix, skipping quoted strings and comments the way lvm2's lexer
 * does; a cut inside a quoted string reports `inString`.
 */
function scanDepth(text: string): { depth: number; inString: boolean } {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c) i += c === '"' && text[i] === '\\' ? 2 : 1;
      if (i >= text.length) return { depth, inString: true };
      i++;
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      i++;
    }
  }
  return { depth, inString: false };
}

const SAMPLE = `# A profile in the shape Debian ships, with some of everything.
allocation {
	thin_pool_zero = 1
	thin_pool_discards = "passdown"
	thin_pool_chunk_size_policy = "generic"
	cache_settings {
		mq {
			migration_threshold = 2048
		}
	}
}
devices {
	filter = [ "a|^/dev/sd[a-z]$|", "r|.*|" ]
	global_filter = [ 'a|loop|', "r|.*|", ]
	types = [ "fd", 16 ]
}
backup {
	retain_min = 10   # at least ten
	retain_days = 30
	backup_dir = "/etc/lvm/backup"
}
report {
	units = b
	output_format = "basic"
	time_format = "%Y-%m-%d %T %z"
}
vg.data+1 {
	id = "abcdef-1234-5678"
	seqno = 7
	status = ["RESIZEABLE", "READ", "WRITE"]
	extent_size = 8192		# 4 Megabytes
	logical_volumes {
		lv+a.b_2 {
			segment_count = 1
			segment1 {
				start_extent = 0
				extent_count = 25
				type = "striped"
				stripe_count = 2
				stripe_size = 128
				stripes = [
					"pv0", 0,
					"pv1", 0
				]
			}
		}
	}
}
`;

test('random bytes never throw and parse quickly', { timeout: 60_000 }, async () => {
  await loadLanguage('lvm');
  const seed = Number(process.env.BLOCKWISE_SEED ?? 1);
  const r = prng(seed);
  const alphabet = '{}[],="\'#\\ \t\r\n\0abc019+-.é/|';
  for (let n = 0; n < 2000; n++) {
    const len = Math.floor(r() * 300);
    let s = '';
    for (let i = 0; i < len; i++) {
      const k = r();
      if (k < 0.5) s += alphabet[Math.floor(r() * alphabet.length)];
      else if (k < 0.9) s += String.fromCharCode(Math.floor(r() * 256));
      else s += String.fromCodePoint(Math.floor(r() * 0x10ffff) & ~0x800 | 0x80); // avoid lone surrogates
    }
    const t0 = Date.now();
    assert.doesNotThrow(() => hasError(s), `seed ${seed} input #${n}`);
    assert.ok(Date.now() - t0 < 2000, `seed ${seed} input #${n} took ${Date.now() - t0} ms`);
  }
});

test('every truncation of a real file parses, with an error when a section is left open', { timeout: 60_000 }, async () => {
  await loadLanguage('lvm');
  assert.equal(hasError(SAMPLE), false, 'the whole sample must parse');
  let open = 0;
  for (let cut = 0; cut <= SAMPLE.length; cut++) {
    const prefix = SAMPLE.slice(0, cut);
    const err = hasError(prefix);
    const { depth, inString } = scanDepth(prefix);
    if (depth > 0 || (inString && depth === 0 && /=\s*"[^"]$/.test(prefix))) {
      // Inside a section lvm2 always fails (EOF where a name or '}' is needed); a lone opening
      // quote at the top level is "expected a string token".
      if (depth > 0) {
        open++;
        assert.ok(err, `cut at ${cut}: section left open but no error node`);
      }
    }
  }
  assert.ok(open > SAMPLE.length / 2, 'most cuts should fall inside sections');
  // lvm2 itself on a sample of cuts (each run ~10 ms).
  const fails = lvm2Fails('');
  if (fails === undefined) return;
  let checked = 0;
  for (let cut = 0; cut <= SAMPLE.length; cut += 41) {
    const prefix = SAMPLE.slice(0, cut);
    assert.equal(hasError(prefix), lvm2Fails(prefix), `cut at ${cut}: tree-sitter and lvm2 disagree on ${JSON.stringify(prefix.slice(-40))}`);
    checked++;
  }
  assert.ok(checked > 20);
});

test('10,000-deep nesting parses without throwing; closed is valid, open is an error', { timeout: 60_000 }, async () => {
  await loadLanguage('lvm');
  const depth = 10_000;
  const closed = 'a{'.repeat(depth) + 'x=1' + '}'.repeat(depth);
  const open = 'a{'.repeat(depth) + 'x=1';
  const arrays = 'a=' + '['.repeat(depth);
  let t0 = Date.now();
  assert.equal(hasError(closed), false);
  assert.ok(Date.now() - t0 < 5000, `closed nesting took ${Date.now() - t0} ms`);
  t0 = Date.now();
  assert.equal(hasError(open), true);
  assert.ok(Date.now() - t0 < 5000, `open nesting took ${Date.now() - t0} ms`);
  assert.equal(hasError(arrays), true);
  const lvm = lvm2Fails(closed);
  if (lvm !== undefined) {
    assert.equal(lvm, false, 'lvm2 accepts the closed nesting');
    assert.equal(lvm2Fails(open), true, 'lvm2 refuses the open nesting');
  }
});

test('NUL bytes: lvm2 stops reading at the first NUL that starts a token', async () => {
  await loadLanguage('lvm');
  const cases: [string, boolean][] = [
    ['a = 1\0 anything {{{ "', false],
    ['a = 1 # comment\0 more', false],
    ['s {\0}', true],
    ['s { a = 1 }\0', false],
    ['a\0 = 1', true],
    ['a = "x\0y"', false], // the string ends at the NUL, open at the top level: lvm2 takes it
    ['s { a = "x\0y" }', true],
    ['a = [1\0]', true],
    ['\0', true],
  ];
  for (const [text, err] of cases) {
    assert.equal(hasError(text), err, JSON.stringify(text));
    const lvm = lvm2Fails(text);
    if (lvm !== undefined) assert.equal(lvm, err, `lvm2 on ${JSON.stringify(text)}`);
  }
});

test('CRLF line endings parse like LF, also for a real file', async () => {
  await loadLanguage('lvm');
  const root = repoRoot();
  const files = [join(root, 'samples/lvm/lvm.conf'), '/etc/lvm/lvm.conf'].filter((p) => existsSync(p));
  const texts = [SAMPLE, ...files.map((p) => readFileSync(p, 'utf8'))];
  for (const text of texts) {
    const crlf = text.replace(/\r?\n/g, '\r\n');
    assert.equal(hasError(text), false);
    assert.equal(hasError(crlf), false);
    const a = parse('lvm', text);
    const b = parse('lvm', crlf);
    assert.equal(b.rootNode.toString(), a.rootNode.toString(), 'CRLF changes only whitespace');
    a.delete();
    b.delete();
  }
  const lvm = lvm2Fails(SAMPLE.replace(/\n/g, '\r\n'));
  if (lvm !== undefined) assert.equal(lvm, false);
});
