/** A provider's reference made from its name when staff give only the name ("Riverside Farm" → "riverside-farm"). */
export function providerIdFor(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * What staff typed into a new-placement or part-time timetable form, tidied the same way on every
 * platform before the decision checks it: pupil reference and initials in capitals, and a provider
 * named without a reference given one from its name.
 */
export function tidyNewPlacementInput(input: Record<string, unknown>): Record<string, unknown> {
  const tidy: Record<string, unknown> = { ...input };
  const pupil = input['pupil'];
  if (pupil !== null && typeof pupil === 'object') {
    const { ref, initials, ...rest } = pupil as Record<string, unknown>;
    tidy['pupil'] = { ...rest, ...(typeof ref === 'string' ? { ref: ref.trim().toUpperCase() } : { ref }), ...(typeof initials === 'string' ? { initials: initials.trim().toUpperCase() } : { initials }) };
  }
  const provider = input['provider'];
  if (provider !== null && typeof provider === 'object') {
    const { id, name } = provider as Record<string, unknown>;
    if ((id === undefined || id === '') && typeof name === 'string' && name.trim() !== '') tidy['provider'] = { ...provider, id: providerIdFor(name), name: name.trim() };
  }
  return tidy;
}

/** "One a line" text as a list, blank lines dropped. */
export function linesOf(text: string | undefined): string[] {
  return (text ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
}
