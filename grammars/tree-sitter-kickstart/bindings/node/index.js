// The Node binding of this grammar: the compiled addon (build/Release after `node-gyp rebuild`,
// or prebuilds/<platform>-<arch>), found by node-gyp-build, plus the node types of src/.
'use strict';
const { join } = require('node:path');

const binding = require('node-gyp-build')(join(__dirname, '..', '..'));
try {
  binding.nodeTypeInfo = require('../../src/node-types.json');
} catch {
  // node-types.json is optional at run time.
}
module.exports = binding;
