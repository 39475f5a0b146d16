import type { School } from '../../core/policy/schoolConfig.ts';
import type { RequestHandler } from '../../ports/chatAdapter.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, schools: readonly School[], body: string): string {
  const names = schools.map((s) => escape(s.config.school.name)).join(', ');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}: apbot</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:1.6rem}nav a{margin-right:1rem}</style>
</head><body>
<nav><a href="/">apbot</a><a href="/privacy">Privacy</a><a href="/terms">Terms of use</a></nav>
<h1>${escape(title)}</h1>
<p>This apbot is run by ${names} for their staff.</p>
${body}
</body></html>`;
}

const HOME = `<p>apbot reminds school staff, in Microsoft Teams or Slack, of the duties the school has to pupils in
alternative provision: reviews, risk assessments, visits to providers, attendance, approvals. Staff record what
they decided, and the school keeps each decision as its record.</p>
<p>It is for the staff of the school only. If you are a parent or a pupil, please contact the school.</p>`;

const PRIVACY = `<h2>Who is responsible</h2>
<p>The school (or the trust for its schools) is the data controller for everything apbot holds, and runs apbot
on its own servers or its own cloud account. Questions about your data go to the school's data protection officer.</p>
<h2>What apbot holds about pupils</h2>
<p>The school's own reference for the pupil and their initials, never their name; the dates, provider and kind of
each placement; the timetable; flags that change the school's duties (EHCP, looked after, social worker, SEND, free
school meals); and the decisions staff record: reviews, visits, approvals, attendance marks, concerns.</p>
<p>The details of a concern are shown only to the designated safeguarding leads. Shared channels and logs name a
pupil by reference and initials only, and never show a concern.</p>
<h2>What apbot holds about staff</h2>
<p>Each member of staff's name, work email, roles, and their Teams and Slack account ids, so that reminders reach
them; and who recorded each decision and when.</p>
<h2>Where it goes</h2>
<p>Reminders and cards are sent through Microsoft Teams or Slack, whichever the school uses, under the school's
agreement with that provider. Nothing is sold or shared with anyone else. Records are kept in the school's own
database for as long as the school's records policy says, and the school can export or delete them.</p>`;

const TERMS = `<h2>Using apbot</h2>
<p>apbot is provided to the school's staff to help them keep track of their duties. It does not replace the school's
policies, the statutory guidance, or anyone's professional judgement: a reminder that did not arrive does not
remove a duty, and the school stays responsible for every pupil on its roll.</p>
<h2>Your part</h2>
<p>Record only what happened, in your own name. Keep concern details for the concern form, which goes to the
designated safeguarding leads alone. Do not paste pupils' names or other personal details where they are not
asked for.</p>
<h2>Changes and questions</h2>
<p>The school decides how apbot is set up and who may do what in it. Ask your AP lead or headteacher.</p>`;

/** The pages the Teams manifest links to (website, privacy, terms of use), served by the bot itself. */
export function aboutPages(schools: readonly School[]): Record<string, RequestHandler> {
  const serve = (html: string): RequestHandler => (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=3600' }).end(req.method === 'HEAD' ? undefined : html);
  };
  return {
    '/': serve(page('apbot', schools, HOME)),
    '/privacy': serve(page('Privacy notice', schools, PRIVACY)),
    '/terms': serve(page('Terms of use', schools, TERMS)),
  };
}
