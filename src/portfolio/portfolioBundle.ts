// Entry point of dist/portfolio.js: the Portfolio view's scanning and its markdown-it checklist parser, loaded when
// the view first shows or one of its commands runs (see src/lazy/lazyFeature.ts).
export { registerPortfolio } from './portfolioView';
