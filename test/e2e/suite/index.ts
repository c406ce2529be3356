// Entry point of the end-to-end suite, in the @vscode/test-electron shape: VS Code loads this file
// in its extension host (given as extensionTestsPath) and calls run(). It runs the same under
// code-server (test/e2e/run.mjs) and under a desktop VS Code with @vscode/test-electron.
import { join } from 'node:path';

export function run(): Promise<void> {
  // mocha is required here, not at the top: the extension host must call our run(), not mocha's.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require('mocha');
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  mocha.addFile(join(__dirname, 'extension.e2e.js'));
  mocha.addFile(join(__dirname, 'features.e2e.js'));
  mocha.addFile(join(__dirname, 'remote.e2e.js'));
  mocha.addFile(join(__dirname, 'maps.e2e.js'));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures: number) => (failures ? reject(new Error(`${failures} end-to-end tests failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}
