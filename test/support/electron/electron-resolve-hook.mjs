// Module-resolution hook (registered with `module.register`): resolves the bare specifier
// 'electron' to the recording double, for every importer (the built main bundle, electron-store).
let doubleUrl = null;

export async function initialize(data) {
  doubleUrl = data.doubleUrl;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: doubleUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}
