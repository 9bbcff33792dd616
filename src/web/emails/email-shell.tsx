import type { ComponentChildren } from 'preact';
import { renderPage } from '../shell/render';
import { safeUrl } from '../shell/safe-url';
import {
  agencyFooterLines,
  assertSafeUrl,
  normaliseNewlines,
  oneLine,
  type EmailAction,
  type EmailBlock,
  type EmailContent,
  type EmailFact,
  type EmailListItem,
} from './email-content';

/*
 * The HTML part of every email: one shell (table layout and inline styles, because mail clients
 * ignore style sheets) that carries the agency's identity in its footer. Text is escaped by the
 * renderer; links go through safeUrl(), so a `javascript:` text never becomes an href.
 */

const COLOR = {
  text: '#1a1a1a',
  muted: '#404040',
  page: '#f2f2f2',
  card: '#ffffff',
  // White on this blue is about 8:1, above WCAG AAA for normal text.
  accent: '#0b4f8a',
  noticeBackground: '#fff8e1',
  noticeBorder: '#8a6d00',
  rule: '#d0d0d0',
} as const;

const FONT = 'Arial, Helvetica, sans-serif';
const LINK_STYLE = `color:${COLOR.accent};text-decoration:underline;`;

/** Keeps the line breaks of a multi-line value (an address) as `<br>`. */
function Lines({ text }: { text: string }) {
  const lines = normaliseNewlines(text).split('\n');
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

function Paragraph({ style = '', children }: { style?: string; children: ComponentChildren }) {
  return <p style={`margin:0 0 16px 0;${style}`}>{children}</p>;
}

function Link({ url, children }: { url: string; children: ComponentChildren }) {
  return (
    <a href={safeUrl(assertSafeUrl(url))} style={LINK_STYLE}>
      {children}
    </a>
  );
}

function Fact({ fact }: { fact: EmailFact }) {
  const href = safeUrl(fact.href);
  return (
    <Paragraph>
      <strong>{fact.label}</strong>
      <br />
      {href ? (
        <a href={href} style={LINK_STYLE}>
          <Lines text={fact.value} />
        </a>
      ) : (
        <Lines text={fact.value} />
      )}
    </Paragraph>
  );
}

function Action({ action }: { action: EmailAction }) {
  const primary = action.variant === 'primary';
  const style = [
    'display:block',
    'padding:14px 20px',
    'border-radius:6px',
    `border:2px solid ${COLOR.accent}`,
    `background-color:${primary ? COLOR.accent : COLOR.card}`,
    `color:${primary ? COLOR.card : COLOR.accent}`,
    `font-family:${FONT}`,
    'font-size:20px',
    'font-weight:bold',
    'line-height:1.3',
    'text-align:center',
    'text-decoration:none',
  ].join(';');
  return (
    <p style="margin:0 0 12px 0;">
      <a href={safeUrl(assertSafeUrl(action.url))} style={style}>
        {action.label}
      </a>
    </p>
  );
}

function ListItem({ item }: { item: EmailListItem }) {
  return <li style="margin:0 0 8px 0;">{item.url ? <Link url={item.url}>{item.text}</Link> : item.text}</li>;
}

function Block({ block }: { block: EmailBlock }) {
  switch (block.type) {
    case 'paragraph':
      return (
        <Paragraph>
          <Lines text={block.text} />
        </Paragraph>
      );
    case 'subheading':
      return (
        <h2
          style={`margin:24px 0 12px 0;font-family:${FONT};font-size:22px;line-height:1.3;color:${COLOR.text};`}
        >
          {block.text}
        </h2>
      );
    case 'list':
      return (
        <ul style="margin:0 0 16px 0;padding-left:24px;">
          {block.items.map((item) => (
            <ListItem item={item} />
          ))}
        </ul>
      );
    case 'facts':
      return (
        <>
          {block.facts.map((fact) => (
            <Fact fact={fact} />
          ))}
        </>
      );
    case 'actions':
      return (
        <div style="margin:8px 0 20px 0;">
          {block.actions.map((action) => (
            <Action action={action} />
          ))}
        </div>
      );
    case 'notice':
      return (
        <div
          style={`margin:0 0 16px 0;padding:16px;background-color:${COLOR.noticeBackground};border-left:6px solid ${COLOR.noticeBorder};`}
        >
          {block.title ? (
            <Paragraph style="margin-bottom:8px;">
              <strong>{block.title}</strong>
            </Paragraph>
          ) : null}
          {/* The box's padding already spaces the last paragraph. */}
          {block.paragraphs.map((text, i, all) => (
            <Paragraph style={i === all.length - 1 ? 'margin-bottom:0;' : ''}>
              <Lines text={text} />
            </Paragraph>
          ))}
        </div>
      );
  }
}

/** Who sent this and how to reach them: name, address, phone, email, opening hours. */
function EmailFooter({ content }: { content: EmailContent }) {
  const { t, agency } = content;
  const [identity, ...contact] = agencyFooterLines(t, agency);
  const links = content.footerLinks ?? [];
  const small = `margin:0;font-size:16px;line-height:1.5;color:${COLOR.muted};`;
  return (
    <>
      <hr style={`border:none;border-top:1px solid ${COLOR.rule};margin:24px 0 16px 0;`} />
      <address style={`${small}font-style:normal;`}>
        <strong>{identity.label}</strong>
        <br />
        {identity.value}
        {contact.map((line) => {
          const href = safeUrl(line.href);
          return (
            <>
              <br />
              {href ? (
                <a href={href} style={LINK_STYLE}>
                  {line.value}
                </a>
              ) : (
                line.value
              )}
            </>
          );
        })}
      </address>
      <p style={`${small}margin-top:12px;`}>{t.t('email.footer.sentBy')}</p>
      {links.length > 0 ? (
        <p style={`${small}margin-top:12px;`}>
          {links.map((link, i) => (
            <>
              {i > 0 ? <br /> : null}
              {link.url ? <Link url={link.url}>{link.text}</Link> : link.text}
            </>
          ))}
        </p>
      ) : null}
    </>
  );
}

/** The one shell of every email; `lang` and `dir` from the reader's language (Arabic, Farsi: rtl). */
export function EmailShell({ content }: { content: EmailContent }) {
  const { t } = content;
  const align = t.dir === 'rtl' ? 'right' : 'left';
  return (
    <html lang={t.lang} dir={t.dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{oneLine(content.subject)}</title>
      </head>
      <body style={`margin:0;padding:0;background-color:${COLOR.page};`}>
        <table
          role="presentation"
          width="100%"
          cellPadding="0"
          cellSpacing="0"
          style={`background-color:${COLOR.page};`}
        >
          <tr>
            <td align="center" style="padding:16px 8px;">
              <table
                role="presentation"
                width="100%"
                cellPadding="0"
                cellSpacing="0"
                style={`max-width:600px;background-color:${COLOR.card};`}
              >
                <tr>
                  <td
                    dir={t.dir}
                    style={`padding:24px 20px;font-family:${FONT};font-size:18px;line-height:1.5;color:${COLOR.text};text-align:${align};`}
                  >
                    <h1
                      style={`margin:0 0 20px 0;font-family:${FONT};font-size:26px;line-height:1.3;color:${COLOR.text};`}
                    >
                      {content.heading}
                    </h1>
                    <Paragraph>{content.greeting}</Paragraph>
                    {content.blocks.map((block) => (
                      <Block block={block} />
                    ))}
                    {content.signOff.length > 0 ? (
                      <Paragraph>
                        <Lines text={content.signOff.join('\n')} />
                      </Paragraph>
                    ) : null}
                    <EmailFooter content={content} />
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
}

export function renderEmailHtml(content: EmailContent): string {
  return `${renderPage(<EmailShell content={content} />)}\n`;
}
