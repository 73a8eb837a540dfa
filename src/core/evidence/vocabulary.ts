/** The evidence rules' closed vocabularies, free of zod so the worker and the extension bundle stay small. */
export const signalKinds = ['api', 'import', 'config', 'dependency', 'file-kind'] as const;
export type SignalKind = (typeof signalKinds)[number];

export const ecosystems = ['python', 'npm', 'cargo'] as const;
export type Ecosystem = (typeof ecosystems)[number];

/** Group kinds whose skills are proven by code; soft skills and break-in steps have no code evidence. */
export const evidenceGroupKinds: ReadonlySet<string> = new Set(['must-have', 'rising', 'practice']);
