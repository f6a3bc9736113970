// zod probes for eval support with `new Function('')` the first time it parses an
// object; under the CSP (no 'unsafe-eval') the probe is caught but still reported as
// a violation. jitless skips the probe. zod keeps its global config on this global,
// so setting it here works whether or not zod has been evaluated yet.
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = Object.assign(holder.__zod_globalConfig ?? {}, { jitless: true });
