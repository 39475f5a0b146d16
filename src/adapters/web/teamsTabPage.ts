import { html } from './html.ts';
import { page } from './layout.ts';

/** What the Teams personal tab shows: how to open the register, and nothing about any pupil. */
export function teamsTabPage(botId: string | undefined): string {
  const chat = botId ? `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botId)}` : undefined;
  return page(
    'The AP register',
    html`<p>The register shows every open placement on one page, with each pupil's chronology.</p>
<p>To open it, type <strong>register</strong> in your chat with apbot, or press <strong>Open the register</strong> under <strong>status</strong>.
You get a link of your own that works for 15 minutes.</p>
${chat ? html`<p><a href="${chat}" target="_top">Go to your chat with apbot</a></p>` : ''}`,
  );
}
