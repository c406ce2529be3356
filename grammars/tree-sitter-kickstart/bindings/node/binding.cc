// N-API entry point of the tree-sitter-kickstart Node binding: exports { name, language }, where
// language is an External holding the TSLanguage pointer, tagged so the native tree-sitter
// runtime accepts it in Parser.setLanguage().
#include <napi.h>

extern "C" {
typedef struct TSLanguage TSLanguage;
const TSLanguage *tree_sitter_kickstart(void);
}

// The type tag the tree-sitter Node runtime checks on a language External.
static const napi_type_tag kLanguageTag = {0x8AF2E5212AD58ABF, 0xD5006CAD83ABBA16};

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto language = Napi::External<TSLanguage>::New(env, const_cast<TSLanguage *>(tree_sitter_kickstart()));
  language.TypeTag(&kLanguageTag);
  exports.Set("name", Napi::String::New(env, "kickstart"));
  exports.Set("language", language);
  return exports;
}

NODE_API_MODULE(tree_sitter_kickstart_binding, Init)
