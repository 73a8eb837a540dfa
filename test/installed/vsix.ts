import { existsSync } from 'node:fs';

/** The .vsix under test: scripts/test.mjs packages it (tier `installed`) and passes its path in ML_CAREER_VSIX. */
export function installedVsix(): string {
  const vsix = process.env.ML_CAREER_VSIX;
  if (!vsix || !existsSync(vsix)) {
    throw new Error(`ML_CAREER_VSIX is ${vsix ? `${vsix}, which does not exist` : 'not set'}; run this tier with: node scripts/test.mjs --only installed`);
  }
  return vsix;
}
