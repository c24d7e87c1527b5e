/**
 * Peru's regions as people write them, for the reports and pages (record/labels.ts holds
 * the list). Its own module, so that a page that only names regions does not load the HTML
 * report with it. Browser-safe.
 * @module
 */
export { regionName } from '../record/labels.js';
