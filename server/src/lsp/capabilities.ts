// What the connected client can take, read once from `initialize`. The server sends nothing a
// plain LSP client (Neovim's built-in client, eglot, ALE, Helix) cannot take: settings are asked
// with workspace/configuration only when the client offers it, a capability is registered
// dynamically only when the client offers that, and markdown goes only to clients that list it.
import type { ClientCapabilities, MarkupContent } from 'vscode-languageserver/node';

export interface ClientFeatures {
  /** workspace/configuration requests are answered. */
  configuration: boolean;
  /** workspace/didChangeConfiguration may be registered with client/registerCapability. */
  configurationRegistration: boolean;
  /** Hover contents may be markdown. */
  markdownHover: boolean;
  /** Completion documentation may be markdown. */
  markdownCompletion: boolean;
}

export function clientFeatures(caps: ClientCapabilities | undefined): ClientFeatures {
  const configuration = !!caps?.workspace?.configuration;
  const hoverFormats = caps?.textDocument?.hover?.contentFormat;
  const completionFormats = caps?.textDocument?.completion?.completionItem?.documentationFormat;
  return {
    configuration,
    configurationRegistration: configuration && !!caps?.workspace?.didChangeConfiguration?.dynamicRegistration,
    // LSP: without contentFormat the client takes what it is sent; VS Code lists markdown.
    markdownHover: hoverFormats === undefined || hoverFormats.includes('markdown'),
    markdownCompletion: completionFormats === undefined || completionFormats.includes('markdown'),
  };
}

/** Markdown as the client can show it: as is, or as plain text without the emphasis marks. */
export function markup(value: string, markdown: boolean): MarkupContent {
  if (markdown) return { kind: 'markdown', value };
  const plain = value
    .replace(/^---$/gm, '')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/ {2}\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
  return { kind: 'plaintext', value: plain };
}
