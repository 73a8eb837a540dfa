// One registry of cleanup actions, run on normal completion and on SIGINT/SIGTERM/SIGHUP, so a server, a
// browser or a temp dir is never left behind whichever way a script ends.
const actions = new Set();
let installed = false;
let exiting = false;

/** Registers `fn` (sync or async) to run on a signal; returns a function that unregisters it. */
export function onCleanup(fn) {
  installSignalHandlers();
  actions.add(fn);
  return () => actions.delete(fn);
}

/** Runs every registered action once (newest first), swallowing their errors. */
export async function runAllCleanups() {
  const list = [...actions].reverse();
  actions.clear();
  for (const fn of list) {
    try {
      await fn();
    } catch (e) {
      console.error(`[cleanup] ${e?.message ?? e}`);
    }
  }
}

function installSignalHandlers() {
  if (installed) return;
  installed = true;
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [signal, code] of Object.entries(codes)) {
    process.on(signal, () => {
      if (exiting) return; // a second Ctrl-C while cleaning up is ignored; cleanup is bounded anyway
      exiting = true;
      console.error(`\n[cleanup] ${signal}: stopping servers and browsers, removing temp dirs...`);
      runAllCleanups().finally(() => process.exit(code));
    });
  }
}
