// The server's one LSP connection, and the helpers every handler uses to log, warn and survive its
// own errors.
import { ProposedFeatures, createConnection, type Connection } from 'vscode-languageserver/node';

export const connection: Connection = createConnection(ProposedFeatures.all);
export const log = (s: string) => {
  try {
    connection.console.log(s);
  } catch {
    /* the connection may be gone */
  }
};

/** A warning the user sees (window/showMessage); never throws. */
export function warnUser(message: string): void {
  try {
    // A notification (window/showMessage), not the request showWarningMessage sends: nothing waits.
    void connection.sendNotification('window/showMessage', { type: 2, message });
  } catch {
    /* the connection may be gone */
  }
}

/** Run a handler; a throw is logged and answered with the fallback, never propagated. */
export function guard<T>(what: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    log(`blockwise: ${what} failed: ${(e as Error)?.stack ?? e}`);
    return fallback;
  }
}

export async function guardAsync<T>(what: string, fallback: T, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    log(`blockwise: ${what} failed: ${(e as Error)?.stack ?? e}`);
    return fallback;
  }
}
