import { lazyBundle } from '../lazy/lazyBundle';

/** The templates, read from dist/templates.js on first use, so activation never parses them. */
export const templateBundle = lazyBundle('templates');
