/** The templates escape with the same function as the app's pages. */
export { escapeHtml } from '../../common/html';
