/**
 * The two passkey ceremonies, each asking the authenticator to evaluate the PRF extension on
 * PRF_INPUT (derive.ts): `createPasskey` makes a discoverable credential for this site (the phone's
 * fingerprint, face or screen-lock prompt), `usePasskey` asks for any of this site's passkeys.
 * The result is the PRF output, or `prf: undefined` when the authenticator has no PRF (the caller
 * then offers the PIN fallback). The relying party is the page's own host (the default), so a
 * passkey belongs to the origin the app is served from (see the README: one origin per community).
 */
import { PRF_INPUT } from './derive.ts';

export interface PasskeyResult {
  credentialId: string;
  prf: Uint8Array<ArrayBuffer> | undefined;
}

interface PrfOutputs {
  prf?: { enabled?: boolean; results?: { first?: BufferSource } };
}

function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

function prfOf(cred: PublicKeyCredential): Uint8Array<ArrayBuffer> | undefined {
  const first = (cred.getClientExtensionResults() as PrfOutputs).prf?.results?.first;
  if (!first) return undefined;
  return new Uint8Array(first instanceof ArrayBuffer ? first : (first.buffer.slice(first.byteOffset, first.byteOffset + first.byteLength) as ArrayBuffer));
}

const prfRequest = { prf: { eval: { first: PRF_INPUT } } } as AuthenticationExtensionsClientInputs;

/** Asks for one of this site's passkeys (any, or the one named) and its PRF output. */
export async function getPasskey(credentialId?: string): Promise<PasskeyResult> {
  const cred = (await navigator.credentials.get({
    publicKey: {
      challenge: randomBytes(32),
      userVerification: 'required',
      ...(credentialId ? { allowCredentials: [{ type: 'public-key', id: base64urlToBytes(credentialId) }] } : {}),
      extensions: prfRequest,
    },
  })) as PublicKeyCredential | null;
  if (!cred) throw new DOMException('no passkey chosen', 'NotAllowedError');
  return { credentialId: cred.id, prf: prfOf(cred) };
}

/**
 * Makes a passkey named after the community (what the phone's passkey list shows) and returns its
 * PRF output. Authenticators that evaluate PRF only on use (not at creation) get a second prompt.
 */
export async function createPasskey(label: string): Promise<PasskeyResult> {
  const cred = (await navigator.credentials.create({
    publicKey: {
      rp: { name: 'Compartilha' },
      user: { id: randomBytes(16), name: label, displayName: label },
      challenge: randomBytes(32),
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
      extensions: prfRequest,
    },
  })) as PublicKeyCredential | null;
  if (!cred) throw new DOMException('no passkey made', 'NotAllowedError');
  const prf = prfOf(cred);
  if (prf) return { credentialId: cred.id, prf };
  const enabled = (cred.getClientExtensionResults() as PrfOutputs).prf?.enabled;
  if (enabled === false) return { credentialId: cred.id, prf: undefined };
  return getPasskey(cred.id);
}

function base64urlToBytes(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(s.length / 4) * 4, '=');
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
