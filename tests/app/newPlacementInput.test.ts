import { describe, expect, it } from 'vitest';
import { linesOf, providerIdFor, tidyNewPlacementInput } from '../../src/app/newPlacementInput.ts';

describe('what staff type into a new-placement form', () => {
  it('puts the pupil reference and initials in capitals, and leaves the rest of the pupil as typed', () => {
    expect(tidyNewPlacementInput({ pupil: { ref: ' y9-0412 ', initials: 'js', ehcp: true } })).toEqual({ pupil: { ref: 'Y9-0412', initials: 'JS', ehcp: true } });
  });

  it('gives a provider named without a reference one from its name, and keeps a reference given', () => {
    expect(tidyNewPlacementInput({ provider: { name: ' Riverside Farm & Stables! ' } })).toEqual({ provider: { id: 'riverside-farm-stables', name: 'Riverside Farm & Stables!' } });
    expect(tidyNewPlacementInput({ provider: { id: 'PR-7', name: 'Riverside Farm' } })).toEqual({ provider: { id: 'PR-7', name: 'Riverside Farm' } });
    expect(providerIdFor('Hilltop Gym')).toBe('hilltop-gym');
  });

  it('leaves what is missing or of the wrong type for the decision to refuse', () => {
    expect(tidyNewPlacementInput({ pupil: { ref: 42 } })).toEqual({ pupil: { ref: 42, initials: undefined } });
    expect(tidyNewPlacementInput({ provider: { name: '' } })).toEqual({ provider: { name: '' } });
    expect(tidyNewPlacementInput({ kind: 'off_site_ap' })).toEqual({ kind: 'off_site_ap' });
  });

  it('reads objectives one a line, blank lines dropped', () => {
    expect(linesOf('  Attend every session \n\n Level 1 \n')).toEqual(['Attend every session', 'Level 1']);
    expect(linesOf(undefined)).toEqual([]);
  });
});
