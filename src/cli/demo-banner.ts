import type { AppConfig } from '../config/config';

export interface DemoLogin {
  email: string;
  password: string;
  role: string;
}

/**
 * The demo's environment: the mail sink on, and links in emails pointing at the port the demo
 * really listens on when no PUBLIC_BASE_URL is given (`PORT=4000 npm run demo` would otherwise
 * print and send links to port 3000).
 */
export function demoEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    MAIL_SINK_ENABLED: 'true',
    ...env,
    // The demo may run with the development link secret; nothing else may (config.ts).
    DEMO_MODE: 'true',
    ...(env.PUBLIC_BASE_URL ? {} : { PUBLIC_BASE_URL: `http://localhost:${env.PORT ?? 3000}` }),
  };
}

/** The welcome banner, with the port the server actually listens on and the base URL links use. */
export function formatWelcome(
  config: Pick<AppConfig, 'PUBLIC_BASE_URL' | 'MAIL_SINK_ENABLED' | 'SMTP_HOST'>,
  listeningPort: number,
  seeded: boolean,
  logins: readonly DemoLogin[],
): string {
  const base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  return `
──────────────────────────────────────────────────────────────
 nahbar demo is running${seeded ? ' (demo agency Hamburg-Altona loaded)' : ''}
   Listening    port ${listeningPort}, links use ${base}
   Public pages ${base}/   (help request, volunteer sign-up, …)
   API docs     ${base}/api/docs
   Health       ${base}/api/health
   Mailbox      ${config.MAIL_SINK_ENABLED ? `${base}/demo/mail` : `(mail sink off: mail goes to ${config.SMTP_HOST})`}
   Console      ${base}/console
${logins.map((user) => `   Staff login  ${user.email} / ${user.password}   (${user.role}, demo only)`).join('\n')}
 Stop with Ctrl+C.
──────────────────────────────────────────────────────────────`;
}
