// The modules `npm run bench` measures, in one esbuild bundle (dist/bench/modules.js, made by
// scripts/build.mjs) so the figures are those of bundled code, as the server and the CLI ship,
// not of the file-by-file test build (where every call into another module goes through an
// export getter).
export * as treesitter from '../server/src/syntax/treesitter';
export * as document from '../server/src/core/document';
export * as analyze from '../server/src/analyze';
export * as metadataGenerate from '../server/src/metadata/generate';
export * as lvmconfBench from '../server/src/lvmconf/bench';
export * as backupsBench from '../server/src/backups/bench';
export * as kickstartBench from './kickstart/bench-kickstart';
export * as lspBench from './lsp/bench-lsp';
export * as lvmconfCliBench from './lvmconf/bench-cli';
export * as sshd from './harness/sshd';
export * as fleetBench from './harness/fleet-bench';
export * as map from '../server/src/map/index';
export * as hostileBench from './harness/hostile-bench';
export * as remoteReport from '../server/src/remote/report';
export * as inventory from '../server/src/remote/inventory';
export * as hugeBench from './lsp/bench-huge';
export * as lvmconfFolding from '../server/src/lvmconf/folding';
export * as lvmconfSymbols from '../server/src/lvmconf/symbols';
export * as reportsBench from './cli/bench-reports';
export * as editorsBench from './editors/bench-editors';
export * as templateBench from './template/bench-templates';
