/**
 * The values of a generated protobuf enum as the wire names them, without the UNSPECIFIED zero
 * value: what a validation message lists, so a caller can copy it into a request.
 *
 * @example wireNames(Source) // ['SOURCE_EMERGENCY', 'SOURCE_PAID', …, 'SOURCE_ONLINE']
 */
export function wireNames(enumObject: Readonly<Record<string, string | number>>): string[] {
  return Object.entries(enumObject)
    .filter(([name, value]) => typeof value === 'number' && value > 0 && name !== 'UNRECOGNIZED')
    .sort(([, a], [, b]) => Number(a) - Number(b))
    .map(([name]) => name);
}
