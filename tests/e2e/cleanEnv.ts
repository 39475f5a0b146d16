/**
 * The environment of a fresh clone: this process's, without anything apbot reads (no Teams or Slack
 * secrets, no schools directory, no demo clock, no store settings), plus `extra`.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(Microsoft|SLACK_|SCHOOLS_DIR$|DEMO_NOW$|STORE$|MONGODB_URI$|DATA_DIR$|PORT$|HOST$|LOG_LEVEL$)/.test(key)) env[key] = value;
  return { ...env, ...extra };
}
