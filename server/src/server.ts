// The Blockwise language server: LSP wiring only, the entry the build bundles. Every feature is
// answered by the language's handler (server/src/languages.ts); the modules of server/src/lsp/
// route requests by language id and make sure no handler error or odd request order can stop the
// process:
//   rules.ts      the server's own rules (grammar-missing, internal-error)
//   grammars.ts   the grammars, loaded once at start
//   connection.ts the connection; log, warnUser, guard
//   settings.ts   client capabilities, settings per document, the analysis options they give
//   pool.ts       the analysis workers
//   registry.ts   open documents, diagnostics (debounced, published), requests sent to workers
//   convert.ts    findings, symbols, completions as LSP types
//   lifecycle.ts  initialize, configuration, document notifications, shutdown
//   features.ts   hover, completion, definition, references, code actions, formatting, outline,
//                 folding, semantic tokens
//   pictures.ts   blockwise/map, blockwise/mapChange, blockwise/backupDiff
//   requests.ts   blockwise/detectLanguage, analyzeRefresh, release, hostRelease, status
//   capabilities.ts, documents.ts  what a plain LSP client can take; a document's language
import { configureTokens } from './features/tokens';
import { grammarErrors } from './lsp/grammars';
import { connection, log } from './lsp/connection';
import { registerLifecycle } from './lsp/lifecycle';
import { registerFeatures } from './lsp/features';
import { registerPictures } from './lsp/pictures';
import { registerRequests } from './lsp/requests';
import './lsp/rules';

configureTokens({ available: (g) => !grammarErrors.has(g), warn: log });

registerLifecycle(connection);
registerFeatures(connection);
registerPictures(connection);
registerRequests(connection);

// Last line of defence: an unexpected error is logged, the process keeps serving.
process.on('uncaughtException', (e) => log(`blockwise: uncaught ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => log(`blockwise: unhandled rejection ${(e as Error)?.stack ?? e}`));

connection.listen();
