/** One entry of src/node-types.json. */
interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, { multiple: boolean; required: boolean; types: { type: string; named: boolean }[] }>;
  children?: { multiple: boolean; required: boolean; types: { type: string; named: boolean }[] };
  subtypes?: { type: string; named: boolean }[];
}

/** What Parser.setLanguage() of the `tree-sitter` package takes. */
interface Language {
  /** The grammar's name. */
  name: string;
  /** The TSLanguage pointer (an N-API External). */
  language: unknown;
  nodeTypeInfo?: NodeTypeInfo[];
}

declare const language: Language;
export = language;
