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
    // The nudges for whoever is acted as now reach this chat too, so nothing is only on the console.
    const reference = await turn.deps.stores.conversations.get(self.school.id, self.staff.id, 'teams');
    if (reference && result.acting.id !== self.staff.id)
      await turn.deps.stores.conversations.save(self.school.id, result.acting.id, 'teams', reference.reference, turn.deps.clock.now());
    await turn.context.sendActivity(`You are now acting as **${name}** (${roles.map(roleName).join(', ')}). Say "demo as me" to go back.`);
  } else {
    await turn.context.sendActivity(`Try one of: ${result.unknownRole.map((r) => `demo as ${r.replaceAll('_', ' ')}`).join(', ')}, or demo as me.`);
  }
}
