import { html, type Html } from './html.ts';
import { page } from './layout.ts';

/** How to open the register from chat: what the tab shows outside Teams, without single sign-on, or when sign-on fails. */
function fromChat(botId: string | undefined): Html {
  const chat = botId ? `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botId)}` : undefined;
  return html`<p>The register shows every open placement on one page, with each pupil's chronology.</p>
<p>To open it from chat, type <strong>register</strong> in your chat with apbot, or press <strong>Open the register</strong> under <strong>status</strong>.
You get a link of your own that works for 15 minutes.</p>
${chat ? html`<p><a href="${chat}" target="_top">Go to your chat with apbot</a></p>` : ''}`;
}

/**
 * The Teams personal tab. With single sign-on set up, it asks Teams (its JavaScript library, served
 * from the bot itself) for a token and posts it to the bot, which opens the viewer's own register;
 * until then, and whenever that fails, it shows only how to open the register from chat.
 */
export function teamsTabPage(botId: string | undefined, sso: boolean): string {
  const signOn = sso
    ? html`<p id="sso-status" role="status">Opening your register…</p>
<form id="sso-form" method="post" action="/register/tab/sso"><input type="hidden" name="token"></form>
<script src="/register/tab/teams.js"></script>
<script src="/register/tab/tab.js"></script>`
    : '';
  return page('The AP register', html`${signOn}${fromChat(botId)}`);
}

/**
 * The tab's own script (no inline script: the page's policy allows scripts from the bot only).
 * Outside Teams `app.initialize` fails (or never answers: after five seconds the page gives up);
 * either way the page says so and keeps the way in from chat.
 */
export const TEAMS_TAB_SCRIPT = `(function () {
  var status = document.getElementById('sso-status');
  var form = document.getElementById('sso-form');
  var done = false;
  function fallback(text) { if (!done) { done = true; status.textContent = text; } }
  var outside = 'This page opens your register inside Teams. Here, open it from chat:';
  setTimeout(function () { fallback(outside); }, 5000);
  if (!window.microsoftTeams) return fallback(outside);
  microsoftTeams.app.initialize().then(function () {
    microsoftTeams.authentication.getAuthToken().then(function (token) {
      if (done) return;
      done = true;
      form.elements.token.value = token;
      form.submit();
    }, function () {
      fallback('Teams could not sign you in here. Open the register from chat:');
    });
  }, function () {
    fallback(outside);
  });
})();
`;
