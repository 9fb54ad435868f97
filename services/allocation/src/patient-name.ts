/**
 * What makes two spellings of a name the same patient on a shared phone (DESIGN.md §3 step 1):
 * case, spacing and punctuation are ignored; letters and marks of every script are kept, so
 * "Asha  Rao", "asha rao" and "Asha-Rao." match, while "राम" and "रम" do not.
 */
export function nameKey(name: string): string {
  const key = name
    .normalize('NFKC')
    .toLocaleLowerCase('en-IN')
    .replace(/[\s\p{P}\p{S}\p{Cf}]/gu, '');
  return key === '' ? name.trim().toLocaleLowerCase('en-IN') : key;
}
