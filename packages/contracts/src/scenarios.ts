import { z } from 'zod';
import { Count, PaginationQuery, CompanyScopeQuery, RowId, Timestamp, displayText, paged } from './common';

/**
 * The contact fields a scenario's variables may read (API.md "Contacts"), and any key of a
 * contact's `metadata` as `metadata.<key>` (the other columns of an uploaded sheet).
 */
export const CONTACT_FIELDS = ['phone_number', 'name', 'email', 'source', 'status', 'notes'] as const;
const METADATA_FIELD = /^metadata\.[A-Za-z0-9_-]{1,64}$/;

/** Where a placeholder appears: `{{name}}`, spaces allowed inside the braces. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The variable names a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

// Like displayText (common.ts), but a prompt has lines and tabs: other C0/C1 controls and the
// bidi overrides and isolates are refused.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SAFE_LONG_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/;
const longText = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`).regex(SAFE_LONG_TEXT, 'no control or bidi override characters');

const VariableName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _, starting with a letter, at most 40 characters');

export const ContactField = z
  .string()
  .trim()
  .refine(
    (f) => (CONTACT_FIELDS as readonly string[]).includes(f) || METADATA_FIELD.test(f),
    `a contact field (${CONTACT_FIELDS.join(', ')}) or metadata.<key>`,
  );

export const ScenarioVariable = z.strictObject({
  name: VariableName,
  field: ContactField,
  /** Said instead when the contact has no value for the field. */
  fallback: displayText(200).optional(),
});
export type ScenarioVariable = z.infer<typeof ScenarioVariable>;

/** A BCP 47 language tag the browser and Node both accept, e.g. fa-IR, he, en-US. */
const LanguageTag = z
  .string()
  .trim()
  .max(35, 'at most 35 characters')
  .refine((tag) => {
    try {
      return tag.length > 0 && Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'a language tag such as fa-IR, he or en-US');

/**
 * What an AI voice agent is told for a call (PRODUCT.md "Scenario"): its instructions, what it
 * says first, the language and voice, and the variables filled from the contact called. Every
 * `{{name}}` in the prompt or the first message must be a declared variable. All fields are
 * optional (a scenario for human agents needs none); unknown fields are refused.
 */
export const ScenarioConfig = z
  .strictObject({
    prompt: longText(20_000).optional(),
    first_message: longText(2_000).optional(),
    language: LanguageTag.optional(),
    voice: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, "the provider's voice id: letters, digits and _ . : - (at most 100)")
      .optional(),
    variables: z.array(ScenarioVariable).max(50, 'at most 50 variables').optional(),
  })
  .superRefine((c, ctx) => {
    const names = new Set<string>();
    (c.variables ?? []).forEach((v, i) => {
      if (names.has(v.name)) ctx.addIssue({ code: 'custom', path: ['variables', i, 'name'], message: `${v.name} is declared twice` });
      names.add(v.name);
    });
    for (const key of ['prompt', 'first_message'] as const) {
      const unknown = placeholdersOf(c[key] ?? '').filter((n) => !names.has(n));
      if (unknown.length > 0)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `uses ${unknown.map((n) => `{{${n}}}`).join(', ')}, not declared in variables`,
        });
    }
  });
export type ScenarioConfig = z.infer<typeof ScenarioConfig>;

/** Machine name: what dialers and exports refer to; unique in the company. */
const ScenarioName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits and _ . - only, starting with a letter or digit');
const ScenarioDisplayName = displayText(100, { min: 1 });

export const CreateScenarioRequest = z.strictObject({
  name: ScenarioName,
  display_name: ScenarioDisplayName,
  is_active: z.boolean().optional(),
  config: ScenarioConfig.optional(),
});
export type CreateScenarioRequest = z.infer<typeof CreateScenarioRequest>;

export const UpdateScenarioRequest = z.strictObject({
  name: ScenarioName.optional(),
  display_name: ScenarioDisplayName.optional(),
  is_active: z.boolean().optional(),
  /** Replaces the whole config. */
  config: ScenarioConfig.optional(),
});
export type UpdateScenarioRequest = z.infer<typeof UpdateScenarioRequest>;

/** What refers to a scenario: while anything does, it cannot be deleted (deactivate it instead). */
export const ScenarioUsage = z.object({ calls: Count });
export type ScenarioUsage = z.infer<typeof ScenarioUsage>;

export const ScenarioResponse = z.object({
  id: RowId,
  name: z.string(),
  display_name: z.string(),
  is_active: z.boolean(),
  config: ScenarioConfig,
  used_by: ScenarioUsage,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ScenarioResponse = z.infer<typeof ScenarioResponse>;

export const ListScenariosQuery = PaginationQuery.extend(CompanyScopeQuery.shape).extend({
  is_active: z.enum(['true', 'false']).optional(),
  search: z.string().trim().max(100).optional(),
});
export type ListScenariosQuery = z.infer<typeof ListScenariosQuery>;

export const ListScenariosResponse = paged(ScenarioResponse).extend({ total: Count });
export type ListScenariosResponse = z.infer<typeof ListScenariosResponse>;
