// The usage text of each subcommand `--help` prints (exit 0), also shown after a usage error.
export const CHECK_USAGE = `usage: blockwise check [OPTIONS] PATH...|-
  Check lvm.conf/lvmlocal.conf/profiles, LVM metadata backups and archives, and kickstarts.
  Folders are walked; only files of these kinds are checked. - reads standard input.
options:
  --format text|json|sarif|github|codeclimate
                           text (default); json; SARIF 2.1.0 for code scanning; GitHub Actions
                           annotations; GitLab Code Quality
  --target T               release to check against: RHEL6..RHEL11, F40..F45 (kickstart),
                           2.02.x/2.03.x (lvm2); wins over .blockwise.yaml
  --language L             lvm-conf, lvm-metadata or kickstart (else told by name and content)
  --severity CODE=LEVEL    off, info, warning or error for one rule (repeatable); wins over
                           .blockwise.yaml
  --fail-on error|warning|info
                           lowest severity that makes the exit code 1 (default error)
  --stdin-filename NAME    the name standard input is reported (and configured) as
  --no-config              do not read .blockwise.yaml
  -h, --help               this text
  Settings for a repository go in .blockwise.yaml (severity, ignore, targets), found in the file's
  folder or the nearest parent up to the repository root.
exit codes: 0 no errors, 1 error findings (or warnings with --fail-on warning), 2 usage or I/O error
`;

export const MAP_USAGE = `usage: blockwise map [--format svg|json|text] [--language L] [--target T] FILE|-
  The extent map of an LVM metadata file (backup or archive), or the storage plan of a kickstart.
options:
  --format svg|json|text   svg (default), the drawing's data as json, or a text summary
  --language L             lvm-metadata or kickstart (else told by name and content)
  --target T               release the kickstart is read as (RHEL6..RHEL11, F40..F45)
  -h, --help               this text
`;

export const RULES_USAGE = `usage: blockwise rules [--format text|json]
  Every rule code with its default severity, languages and title (json: also why and fix).
options:
  --format text|json       text (default) or json
  -h, --help               this text
`;

/** Whether argv asks for help (before a `--`). */
export function wantsHelp(argv: string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '-h' || a === '--help') return true;
  }
  return false;
}
