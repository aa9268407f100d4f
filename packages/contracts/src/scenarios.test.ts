import { describe, expect, it } from 'vitest';
import { CreateScenarioRequest, ScenarioConfig, placeholdersOf } from './scenarios';

const issues = (input: unknown) => {
  const r = ScenarioConfig.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('scenario config', () => {
  it('accepts an AI scenario whose placeholders are all declared variables', () => {
    const config = {
      prompt: 'You call {{ name }} about their order.\nBe brief.',
      first_message: 'Hello {{name}}, this is {{company}}.',
      language: 'fa-IR',
      voice: 'alloy',
      variables: [
        { name: 'name', field: 'name', fallback: 'dear customer' },
        { name: 'company', field: 'metadata.company_name' },
      ],
    };
    expect(issues(config)).toEqual([]);
    expect(ScenarioConfig.parse({})).toEqual({});
  });

  it('names the field of every mistake', () => {
    expect(
      issues({
        prompt: 'Hi {{first}} and {{ last }}',
        language: 'not a tag!',
        voice: 'bad voice',
        variables: [
          { name: 'x', field: 'phone_number' },
          { name: 'x', field: 'salary' },
          { name: 'Bad', field: 'metadata.' },
        ],
      }),
    ).toEqual([
      'language: a language tag such as fa-IR, he or en-US',
      "voice: the provider's voice id: letters, digits and _ . : - (at most 100)",
      'variables.1.field: a contact field (phone_number, name, email, source, status, notes) or metadata.<key>',
      'variables.2.name: lowercase letters, digits and _, starting with a letter, at most 40 characters',
      'variables.2.field: a contact field (phone_number, name, email, source, status, notes) or metadata.<key>',
      'variables.1.name: x is declared twice',
      'prompt: uses {{first}}, {{last}}, not declared in variables',
    ]);
  });

  it('refuses unknown keys and hidden control or bidi characters, keeps line breaks', () => {
    expect(issues({ prompt: 'ok', temperature: 2 })).toEqual([': Unrecognized key: "temperature"']);
    expect(issues({ prompt: 'line one\nline two\ttabbed' })).toEqual([]);
    expect(issues({ prompt: 'pay \u202Eevil' })).toEqual(['prompt: no control or bidi override characters']);
    expect(issues({ first_message: 'x'.repeat(2_001) })).toEqual(['first_message: at most 2000 characters']);
  });

  it('reads placeholders once each, in order of use', () => {
    expect(placeholdersOf('{{a}} {{ b }} {{a}} {c} {{}}')).toEqual(['a', 'b', '']);
  });

  it('a scenario needs a machine name and a display name', () => {
    const r = CreateScenarioRequest.safeParse({ name: 'has space', display_name: '  ' });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['name', 'display_name']);
    expect(CreateScenarioRequest.parse({ name: 'sales-fa', display_name: 'فروش' })).toEqual({ name: 'sales-fa', display_name: 'فروش' });
  });
});
