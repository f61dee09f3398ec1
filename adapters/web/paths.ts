// Where the web channel lives on the bot's HTTP port.
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths';

/** Browsers connect their WebSocket here. */
export const WEB_SOCKET_PATH = '/ws';
/** Botkit's webhook mode: POST a message, the replies come back in the response. */
export const WEBHOOK_PATH = '/api/messages';
/** The chat page (static files, not compiled by tsc). */
export const PUBLIC_DIR = join(PACKAGE_ROOT, 'adapters', 'web', 'public');
