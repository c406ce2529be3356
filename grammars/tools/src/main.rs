// ts-generate [ABI]: generate src/parser.c, src/grammar.json, src/node-types.json and
// src/tree_sitter/parser.h for the grammar in the current directory (grammar.js), like
// `tree-sitter generate --abi ABI --no-bindings`. ABI defaults to 14.
#[macro_use]
extern crate serde_derive;
#[macro_use]
extern crate lazy_static;
#[macro_use]
extern crate log;

mod generate;

fn main() {
    let abi: usize = match std::env::args().nth(1) {
        Some(a) => a.parse().expect("ABI must be a number"),
        None => 14,
    };
    let here = std::env::current_dir().expect("no current directory");
    if let Err(e) = generate::generate_parser_in_directory(&here, None, abi, false, None) {
        eprintln!("ts-generate: {:#}", e);
        std::process::exit(1);
    }
}
