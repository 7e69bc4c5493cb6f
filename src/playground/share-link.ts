// The shareable link: the editor text deflated (CompressionStream) and base64url-encoded into the URL
// fragment, with the Kubernetes version and the rules turned off. A fragment never leaves the browser:
// the server that serves the page does not see it.

export interface SharedState {
  readonly text: string;
  readonly kubernetesVersion?: string;
  readonly disabledRules?: readonly string[];
}

export async function encodeSharedState(state: SharedState): Promise<string> {
  const params = new URLSearchParams();
  params.set('code', toBase64Url(await transform(new TextEncoder().encode(state.text), new CompressionStream('deflate-raw'))));
  if (state.kubernetesVersion) params.set('k8s', state.kubernetesVersion);
  if (state.disabledRules?.length) params.set('off', state.disabledRules.join(','));
  return params.toString();
}

/** The state in a fragment (with or without `#`); undefined when there is none or it is damaged. */
export async function decodeSharedState(fragment: string): Promise<SharedState | undefined> {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const code = params.get('code');
  if (!code) return undefined;
  try {
    const text = new TextDecoder().decode(await transform(fromBase64Url(code), new DecompressionStream('deflate-raw')));
    const off = params.get('off');
    return { text, kubernetesVersion: params.get('k8s') ?? undefined, disabledRules: off ? off.split(',').filter(Boolean) : [] };
  } catch {
    return undefined;
  }
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
