// Reads a stage's SST secrets the way the SST CLI stores them, with the caller's credentials: the SSM
// parameter /sst/bootstrap names the state bucket; `secret/<app>/<stage>.json` there is AES-256-GCM
// (12-byte nonce first, 16-byte tag last) under the stage's passphrase, the SecureString
// /sst/passphrase/<app>/<stage>. Secrets set with --fallback live under the stage `_fallback`.
// (sst/sst pkg/project/provider: provider.go GetSecrets/getData, aws.go pathForData, pathForPassphrase,
// AwsBootstrap.)
import { createDecipheriv } from "node:crypto";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { GetParameterCommand, type SSMClient } from "@aws-sdk/client-ssm";

/** The control-plane clients the secret reader calls. */
export interface SecretClients {
  ssm: Pick<SSMClient, "send">;
  s3: Pick<S3Client, "send">;
}

const isNamed = (error: unknown, ...names: string[]) =>
  error instanceof Error && names.includes((error as { name: string }).name);

async function parameter(
  clients: SecretClients,
  name: string,
  decrypt: boolean,
): Promise<string | undefined> {
  try {
    const answer = await clients.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: decrypt }));
    return answer.Parameter?.Value;
  } catch (error) {
    if (isNamed(error, "ParameterNotFound")) return undefined;
    throw error;
  }
}

/** Decrypts what the SST CLI wrote: nonce | ciphertext | tag, with the base64 passphrase as the key. */
export function openSecrets(sealed: Uint8Array, passphrase: string): Record<string, string> {
  const key = Buffer.from(passphrase, "base64");
  const data = Buffer.from(sealed);
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(data.length - 16));
  const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
  return JSON.parse(plain.toString("utf8")) as Record<string, string>;
}

/**
 * The secrets of `app`/`stage` (an empty object when none were ever set).
 * @example
 * const secrets = await stageSecrets(clients, "stock-patterns", "production");
 */
export async function stageSecrets(
  clients: SecretClients,
  app: string,
  stage: string,
): Promise<Record<string, string>> {
  const bootstrap = await parameter(clients, "/sst/bootstrap", false);
  if (!bootstrap) return {};
  const { state } = JSON.parse(bootstrap) as { state?: string };
  if (!state) return {};
  let sealed: Uint8Array;
  try {
    const object = await clients.s3.send(
      new GetObjectCommand({ Bucket: state, Key: `secret/${app}/${stage}.json` }),
    );
    sealed = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  } catch (error) {
    if (isNamed(error, "NoSuchKey", "NotFound")) return {};
    throw error;
  }
  const passphrase = await parameter(clients, `/sst/passphrase/${app}/${stage}`, true);
  if (!passphrase)
    throw new Error(`secrets of ${stage} exist but its passphrase /sst/passphrase/${app}/${stage} does not`);
  return openSecrets(sealed, passphrase);
}
