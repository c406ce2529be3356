// Remote refresh bench (needs root for the loopback sshd): one host, and 50 aliases of it.
//   node scripts/remote-bench.mjs            (after `node scripts/build.mjs`)
// Prints one JSON line per mode: coalescing aliases of one machine (default) and not.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { benchRemoteRefresh } = require('../dist/test/test/harness/sshd.js');
for (const coalesce of [true, false]) {
  const r = await benchRemoteRefresh({ coalesce });
  console.log(JSON.stringify({ bench: 'remote-refresh', coalesce, ...r }));
}
