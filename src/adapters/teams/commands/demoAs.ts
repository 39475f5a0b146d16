import { roleName } from '../../../views/names.ts';
import type { Turn } from '../turn.ts';

/** Demo mode: `demo as <role>` switches whom the Playground user acts as. */
export async function demoAs(turn: Turn, roleText: string): Promise<void> {
  const personas = turn.deps.personas;
  if (!personas) return;
  const { self } = turn;
  const aadObjectId = turn.context.activity.from.aadObjectId ?? '';
  const result = personas.switch(aadObjectId, self.school, self.staff, roleText);
  if ('acting' in result) {
    const { name, roles } = result.acting;
    await turn.context.sendActivity(`You are now acting as **${name}** (${roles.map(roleName).join(', ')}). Say "demo as me" to go back.`);
  } else {
    await turn.context.sendActivity(`Try one of: ${result.unknownRole.map((r) => `demo as ${r.replaceAll('_', ' ')}`).join(', ')}, or demo as me.`);
  }
}
