/**
 * Webview → host messages of the roadmap protocol (protocol.ts has the other direction), validated by the host.
 * The webview imports only their type, so none of these schemas reach its bundle.
 */
import * as z from 'zod/mini';
import { proofPlaceSchema } from '../core/evidence/evidenceArgs';
import { skillStatuses } from '../core/progress/status';
import { id, parseWith, text, type Parsed } from './protocol';

/** Webview → host, one schema per message. Strict: a message with keys the protocol does not know is not this protocol. */
export const webviewMessageVariants = [
  /** The webview has loaded and listens: the host may post state. */
  z.strictObject({ type: z.literal('ready') }),
  /** `skillId` names anything with a status: a skill or a level expectation. */
  z.strictObject({ type: z.literal('setStatus'), skillId: id, status: z.enum(skillStatuses) }),
  z.strictObject({ type: z.literal('setCurrentLevel'), levelId: id }),
  /** The host opens it only if it is one of the roadmap's https resources. */
  z.strictObject({ type: z.literal('openLink'), url: text(2048) }),
  /** The host opens it only if it is evidence it found (or proof the user accepted). */
  z.strictObject({ type: z.literal('openEvidence'), place: proofPlaceSchema }),
  /** Opens the note on a skill in an editor (a new one when there is none). */
  z.strictObject({ type: z.literal('editNote'), skillId: id }),
] as const;

export const webviewMessageSchema = z.discriminatedUnion('type', [...webviewMessageVariants]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

export function parseWebviewMessage(raw: unknown): Parsed<WebviewMessage> {
  return parseWith(webviewMessageSchema, raw);
}
