// Reading what the email API's stand-in (test/support/email-stub.ts) received, and following a
// link in it as the mail's reader would. No Node imports: the workerd tests use it too.

export interface SentEmail {
  to: string;
  subject: string;
  text: string;
}

/** The mail sent to `address` so far (addresses are unique, so no test reads another's). */
export async function sentTo(stubUrl: string, address: string): Promise<SentEmail[]> {
  const url = `${stubUrl}/_stub/sent?to=${encodeURIComponent(address)}`;
  return (await (await fetch(url)).json()) as SentEmail[];
}

/** The latest mail to `address` whose subject matches. Mail is sent after the response: polls. */
export async function mailTo(
  stubUrl: string,
  address: string,
  subject: RegExp,
): Promise<SentEmail | undefined> {
  for (let i = 0; i < 150; i++) {
    const found = (await sentTo(stubUrl, address)).findLast((email) => subject.test(email.subject));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}

/** The token of the mail's link (the first one whose path starts with `path`). */
export function linkToken(email: SentEmail | undefined, path = ""): string {
  const link = email?.text
    .match(/https?:\/\/\S+/g)
    ?.find((url) => new URL(url).pathname.startsWith(path));
  return link ? (new URL(link).searchParams.get("token") ?? "") : "";
}

/**
 * Confirms an address as its owner does: the token of the link the signup mailed, posted to
 * POST /v1/auth/email/verify as the app's page does (`post` sends it).
 */
export async function verifyThroughMail(
  stubUrl: string,
  address: string,
  post: (token: string) => Promise<Response>,
): Promise<void> {
  const token = linkToken(await mailTo(stubUrl, address, /Confirm/));
  if (!token) throw new Error(`no verification mail reached ${address}`);
  const response = await post(token);
  if (response.status !== 200)
    throw new Error(`verification failed: ${response.status} ${await response.text()}`);
}
