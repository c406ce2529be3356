# node-gyp build of the Node binding: the generated parser, our external scanner and a small
# N-API wrapper (bindings/node/binding.cc). Built offline by scripts/build-native.mjs.
{
  "targets": [
    {
      "target_name": "tree_sitter_lvm_binding",
      "dependencies": [
        "<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"
      ],
      "include_dirs": ["src"],
      "sources": [
        "bindings/node/binding.cc",
        "src/parser.c",
        "src/scanner.c"
      ],
      "cflags_c": ["-std=c11"]
    }
  ]
}
