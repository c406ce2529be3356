// Entry of dist/server/cli-yaml.js: the YAML parser .blockwise.yaml is read with, as a bundle of
// its own, so that `blockwise check` (dist/server/cli-check.js, compiled on every pre-commit run)
// does not carry it; it is loaded only when a config file is found (config/yaml-loader.ts).
export { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
