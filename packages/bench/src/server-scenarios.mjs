// Scenarios for plugins that talk to a backend, each against its local
// protocol-faithful test server (never the real service). Filled in as the
// plugins land; a plugin that cannot be benchmarked says why.
/**
 * @param {{ node: string, bin: string, work: string }} context
 * @returns {Promise<{ scenarios: import('./measure.mjs').Scenario[], skipped: string[], close: () => Promise<void> }>}
 */
export async function serverScenarios(context) {
  void context;
  return { scenarios: [], skipped: ['vault and secrets-manager scenarios: not wired yet'], close: async () => undefined };
}
