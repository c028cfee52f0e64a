import { describe, expect, it } from 'vitest';
import {
  addVariation,
  defaultVariations,
  emptyForm,
  keyFromName,
  type NewFlagForm,
  newFlagRequest,
  parseVariationValue,
  removeVariation,
  updateVariation,
  withKey,
  withName,
  withType,
} from '../../src/flags/create/new-flag-form';

const values = (form: NewFlagForm) => form.variations.map((variation) => variation.value);

describe('the create-flag form', () => {
  it('derives the key from the name until the key is typed in', () => {
    expect(keyFromName('New checkout (v2)!')).toBe('new-checkout-v2');
    expect(keyFromName('  Crème brûlée  ')).toBe('creme-brulee');
    expect(keyFromName('--Already.dotted_key--')).toBe('already.dotted_key');
    expect(keyFromName('x'.repeat(200))).toHaveLength(128);

    let form = withName(emptyForm(), 'New checkout');
    expect(form.key).toBe('new-checkout');
    form = withKey(form, 'checkout-v2');
    form = withName(form, 'Checkout, second try');
    expect(form.key).toBe('checkout-v2');
    // Cleared, the key follows the name again.
    form = withKey(form, '');
    expect(form).toMatchObject({ key: 'checkout-second-try', keyEdited: false });
  });

  it('starts each type with two variations of that type', () => {
    expect(defaultVariations('boolean').map(({ key, value }) => [key, value])).toEqual([
      ['on', 'true'],
      ['off', 'false'],
    ]);
    for (const type of ['string', 'number', 'json'] as const) {
      const request = newFlagRequest({ ...withType(emptyForm(), type), key: 'k' });
      expect(request.ok).toBe(true);
    }
    expect(values(withType(emptyForm(), 'number'))).toEqual(['0', '1']);
  });

  it('adds variations with free keys, keeps at least two, renames one', () => {
    let form = withType(emptyForm(), 'string');
    form = addVariation(addVariation(form));
    expect(form.variations.map((variation) => variation.key)).toEqual([
      'control',
      'treatment',
      'variation-3',
      'variation-4',
    ]);
    form = removeVariation(form, form.variations[2]?.id ?? '');
    expect(form.variations.map((variation) => variation.key)).toEqual(['control', 'treatment', 'variation-4']);
    form = addVariation(form);
    expect(form.variations.at(-1)?.key).toBe('variation-5');
    form = removeVariation(removeVariation(form, form.variations[3]?.id ?? ''), form.variations[2]?.id ?? '');
    expect(removeVariation(form, form.variations[0]?.id ?? '').variations).toHaveLength(2);
    form = updateVariation(form, form.variations[1]?.id ?? '', { key: 'blue', name: 'Blue' });
    expect(form.variations[1]).toMatchObject({ key: 'blue', name: 'Blue' });
  });

  it('types each value for the flag’s type', () => {
    expect(parseVariationValue('string', ' a ')).toEqual({ ok: true, value: ' a ' });
    expect(parseVariationValue('number', '-3.5')).toEqual({ ok: true, value: -3.5 });
    expect(parseVariationValue('number', '0x10')).toEqual({ ok: false, message: 'Must be a number, like 42 or 3.5' });
    expect(parseVariationValue('boolean', 'false')).toEqual({ ok: true, value: false });
    expect(parseVariationValue('json', '{"plans": [1, 2]}')).toEqual({ ok: true, value: { plans: [1, 2] } });
    const broken = parseVariationValue('json', '{"plans": [1, 2}');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/^Not valid JSON: /);
    expect(parseVariationValue('json', '  ')).toEqual({ ok: false, message: 'Needs a JSON value, like {} or [1, 2]' });
  });

  it('makes the request the API takes', () => {
    let form = withName(emptyForm(), ' Pricing config ');
    form = { ...withType(form, 'json'), description: '  For the pricing page ', tags: ['pricing'], temporary: false };
    form = updateVariation(form, form.variations[1]?.id ?? '', { value: '{"trialDays": 14}', name: ' Trial ' });
    expect(newFlagRequest(form)).toEqual({
      ok: true,
      flag: {
        key: 'pricing-config',
        name: 'Pricing config',
        description: 'For the pricing page',
        type: 'json',
        variations: [
          { key: 'default', value: {} },
          { key: 'alternative', value: { trialDays: 14 }, name: 'Trial' },
        ],
        temporary: false,
        clientSideAvailable: false,
        tags: ['pricing'],
      },
    });
  });

  it('names every field at fault with the server’s paths', () => {
    let form = withType(emptyForm(), 'number');
    form = updateVariation(form, form.variations[0]?.id ?? '', { key: 'same' });
    form = updateVariation(form, form.variations[1]?.id ?? '', { key: 'same', value: 'many' });
    form = addVariation(form);
    form = updateVariation(form, form.variations[2]?.id ?? '', { key: 'bad key' });
    expect(newFlagRequest(form)).toEqual({
      ok: false,
      errors: [
        { path: 'key', message: 'Needs a key (or a name to derive it from)' },
        { path: 'variations[1].key', message: 'Another variation is already called "same"' },
        { path: 'variations[1].value', message: 'Must be a number, like 42 or 3.5' },
        { path: 'variations[2].key', message: 'Use 1–128 letters, digits, "-", "_" or "."' },
      ],
    });
    expect(newFlagRequest(withKey(emptyForm(), 'has space'))).toEqual({
      ok: false,
      errors: [{ path: 'key', message: 'Use 1–128 letters, digits, "-", "_" or "."' }],
    });
  });
});
