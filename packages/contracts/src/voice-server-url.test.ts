import { describe, expect, it } from 'vitest';
import { isLinkLocalAddress } from './link-local';
import { CreateVoiceServerRequest, voiceServerUrlProblem } from './voice-servers';

describe('isLinkLocalAddress', () => {
  it.each([
    '169.254.169.254',
    '169.254.0.1',
    '169.254.255.255',
    'fe80::1',
    '[fe80::1]',
    'FE80::abcd:1',
    'fe80::1%eth0',
    'febf:ffff::1', // the top of fe80::/10
    '::ffff:169.254.169.254', // IPv4-mapped, dotted
    '::ffff:a9fe:a9fe', // IPv4-mapped, as new URL() spells it
    '[::ffff:a9fe:101]',
    '0:0:0:0:0:ffff:a9fe:0101',
    '::ffff:0:169.254.1.1', // IPv4-translated
    '::169.254.1.1', // IPv4-compatible (deprecated)
    '64:ff9b::169.254.169.254', // NAT64
  ])('%s is link-local', (host) => expect(isLinkLocalAddress(host)).toBe(true));

  it.each([
    '169.253.255.255',
    '169.255.0.1',
    '127.0.0.1',
    '10.0.0.1',
    '::1',
    'fec0::1', // just above fe80::/10
    'fe7f::1',
    '::ffff:127.0.0.1',
    '2001:db8::169.254.1.1', // an embedded-looking tail under a global prefix
    'voice.example.com',
    '169.254.1', // not an address (new URL() normalises it before it gets here)
    '1::2::3',
    '',
  ])('%s is not link-local', (host) => expect(isLinkLocalAddress(host)).toBe(false));
});

describe('voice-server url', () => {
  it.each(['ws://127.0.0.1:8080/voice', 'wss://voice.example.com/stream?x=1', 'wss://[2001:db8::1]:443', 'WSS://Voice.Example.com'])(
    'accepts %s',
    (url) => expect(voiceServerUrlProblem(url)).toBeUndefined(),
  );

  it.each([
    ['http://voice.example.com', 'ws://'],
    ['https://voice.example.com', 'ws://'],
    ['ftp://x', 'ws://'],
    ['voice.example.com', 'ws://'],
    ['ws://voice.example.com/#frag', 'fragment'],
    ['ws://169.254.169.254/latest/meta-data', 'link-local'],
    ['ws://0xa9fea9fe/', 'link-local'], // the same address in hexadecimal
    ['ws://169.254.43518/', 'link-local'], // and with its last two bytes as one number
    ['wss://[fe80::1]:8443/', 'link-local'],
    ['ws://[::ffff:169.254.169.254]/', 'link-local'],
  ])('refuses %s (%s)', (url, why) => expect(voiceServerUrlProblem(url)).toContain(why));

  it('is a field error on url in the create request', () => {
    const r = CreateVoiceServerRequest.safeParse({ name: 'eu-1', url: 'http://x' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['url']);
  });
});
