// Node module hooks: `import ... from 'electron'` gets the stand-in.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') {
    return { url: new URL('./electron.js', import.meta.url).href, shortCircuit: true };
  }
  return next(specifier, context);
}
