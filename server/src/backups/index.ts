// Pure LVM backup/archive logic shared by the CLI and the VS Code client.
export * from './header';
export * from './timeline';
export * from './diff';
export * from './restore';
export { runBackupsCommand } from './cli';
