/** Teams reads a message as markdown with some HTML, so `<pupil ref>` would vanish as a tag: said as typed instead. */
export function asTyped(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
