import { describe, expect, it } from 'vitest';
import { checkProviderUrl } from './outbound-fetch.ts';
import { applyPatch, ENTERPRISE_USER, parseFilter, personFromBody, type ScimPerson } from './scim.resource.ts';

const person: ScimPerson = { userName: 'a@example.com', externalId: null, active: true, givenName: 'A', familyName: 'B', displayName: null, title: null, department: null };

describe('SCIM resources', () => {
  it('reads Entra ID’s PATCH dialect (capitalised ops, "False" as text, path-shaped keys) and Okta’s', () => {
    expect(applyPatch(person, { Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }).active).toBe(false);
    expect(applyPatch(person, { Operations: [{ op: 'replace', value: { active: false, 'name.givenName': 'C' } }] })).toMatchObject({ active: false, givenName: 'C' });
    expect(applyPatch(person, { Operations: [{ op: 'Add', path: `${ENTERPRISE_USER}:department`, value: '华东区' }] }).department).toBe('华东区');
    expect(applyPatch(person, { Operations: [{ op: 'remove', path: 'name.givenName' }] }).givenName).toBeNull();
  });

  it('refuses what it cannot apply', () => {
    expect(() => applyPatch(person, { Operations: [{ op: 'move', path: 'active' }] })).toThrow(/unknown op/);
    expect(() => applyPatch(person, { Operations: [{ op: 'replace', path: 'active', value: 'maybe' }] })).toThrow(/active/);
    expect(() => applyPatch(person, { Operations: [{ op: 'replace', path: 'userName', value: 'no' }] })).toThrow(/e-mail/);
    expect(() => applyPatch(person, {})).toThrow(/Operations/);
  });

  it('takes the login e-mail from userName, or from the primary e-mail when userName is not one', () => {
    expect(personFromBody({ userName: 'mchen', emails: [{ value: 'other@example.com' }, { value: 'm.chen@example.com', primary: true }] }).userName).toBe('m.chen@example.com');
    expect(() => personFromBody({ userName: 'mchen' })).toThrow(/e-mail/);
  });

  it('understands the equality filters identity providers send, and nothing else', () => {
    expect(parseFilter('userName eq "a\\"b@example.com"')).toEqual({ attribute: 'userName', value: 'a"b@example.com' });
    expect(parseFilter('externalId eq "00u1"')).toEqual({ attribute: 'externalId', value: '00u1' });
    expect(parseFilter('emails.value eq "x@example.com"')).toEqual({ attribute: 'userName', value: 'x@example.com' });
    expect(parseFilter(undefined)).toBeNull();
    for (const bad of ['userName sw "a"', 'userName eq "a" or userName eq "b"', 'title eq "x"']) expect(() => parseFilter(bad)).toThrow(/filters/);
  });
});

describe('identity provider URLs', () => {
  it('allows https to public names; refuses plain http, credentials and private or loopback addresses unless allowed', () => {
    expect(checkProviderUrl('https://login.microsoftonline.com/tenant/v2.0', false).host).toBe('login.microsoftonline.com');
    for (const url of ['http://idp.example.com', 'https://user:pw@idp.example.com', 'https://127.0.0.1:8443', 'https://10.0.0.5', 'https://localhost', 'https://[::1]/']) {
      expect(() => checkProviderUrl(url, false), url).toThrow();
    }
    expect(checkProviderUrl('http://127.0.0.1:8080/realms/x', true).port).toBe('8080');
  });
});
