import { lazyBundle } from '../lazy/lazyBundle';

/** The export formats and import, read from dist/export.js on first use, so activation never parses them. */
export const exportBundle = lazyBundle('export');
