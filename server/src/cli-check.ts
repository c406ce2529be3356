// Entry of dist/server/cli-check.js, the `blockwise check` command bundled alone.
// bin/blockwise.js loads this bundle for `check` and dist/server/cli.js for everything else: a check
// (pre-commit hooks run one per file) then reads and compiles only the analysis, not the fleet,
// backups and map code or the YAML reader, about a third of the full bundle.
import { runCheckCommand } from './cli';

/** argv as bin/blockwise.js passes it, starting with `check`. */
export function main(argv: string[]): Promise<number> {
  return runCheckCommand(argv.slice(1));
}
