import { z } from 'zod';
import { ErrorResponse, IdParams } from '@dialdeck/contracts/common';
import {
  CreateVoiceServerRequest,
  ListVoiceServersResponse,
  UpdateVoiceServerRequest,
  VerifyVoiceServerResponse,
  VoiceServerResponse,
} from '@dialdeck/contracts/voice-servers';
import { principalOf, type Guards } from '../../lib/auth';
import type { App } from '../../lib/http';
import { verifyView, voiceServerView } from './voice-server-view';
import type { VoiceServersService } from './voice-servers.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** The AI voice-server registry: the operator's, so a superuser's alone (admins and agents get 403). */
export function voiceServersRoutes(app: App, { guards, voiceServers }: { guards: Guards; voiceServers: VoiceServersService }) {
  const superuser = guards.user('voice-servers.manage');
  const tags = ['voice-servers'];
  const zone = (req: Parameters<typeof principalOf>[0]) => principalOf(req).company.timezone;

  app.get('/api/voice-servers', {
    onRequest: superuser,
    schema: {
      tags,
      summary: 'List voice servers (superuser)',
      description:
        'Every WebSocket server registered to stream AI voice, highest priority first, with its status (`pending`, `verified`, `failed`), the last handshake time and error. Superuser only.',
      response: { 200: ListVoiceServersResponse, ...errors },
    },
    handler: async (req) => ({ items: (await voiceServers.list()).map((v) => voiceServerView(v, zone(req))) }),
  });

  // Registered before /:id only for the reader: a static segment wins over a parameter anyway.
  app.get('/api/voice-servers/pick', {
    onRequest: superuser,
    schema: {
      tags,
      summary: 'Pick the voice server for a new AI call (superuser)',
      description:
        'The highest-priority verified active server; among equal priorities the least recently picked, which this call marks as picked. 404 when no server is verified and active. Superuser only.',
      response: { 200: VoiceServerResponse, ...errors },
    },
    handler: async (req) => voiceServerView(await voiceServers.pick(), zone(req)),
  });

  app.get('/api/voice-servers/:id', {
    onRequest: superuser,
    schema: {
      tags,
      summary: 'One voice server (superuser)',
      description: 'One registered voice server by id; 404 when there is none. Superuser only.',
      params: IdParams,
      response: { 200: VoiceServerResponse, ...errors },
    },
    handler: async (req) => voiceServerView(await voiceServers.get(req.params.id), zone(req)),
  });

  app.post('/api/voice-servers', {
    onRequest: superuser,
    schema: {
      tags,
      summary: 'Register a voice server (superuser)',
      description:
        'Adds a server as `pending` until it is verified. `url` must be ws:// or wss:// and not a link-local address (400 naming `url`); a name already taken, whatever its case, is 409 naming `name`. Superuser only.',
      body: CreateVoiceServerRequest,
      response: { 201: VoiceServerResponse, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(voiceServerView(await voiceServers.create(req.body), zone(req))),
  });

  app.put('/api/voice-servers/:id', {
    onRequest: superuser,
    schema: {
      tags,
      summary: 'Change a voice server (superuser)',
      description:
        'Changes the fields given and leaves the rest. A new `url` sends the server back to `pending` (out of the pick) until it is verified again. Superuser only.',
      params: IdParams,
      body: UpdateVoiceServerRequest,
      response: { 200: VoiceServerResponse, ...errors },
    },
    handler: async (req) => voiceServerView(await voiceServers.update(req.params.id, req.body), zone(req)),
  });

  app.delete('/api/voice-servers/:id', {
    onRequest: superuser,
    schema: {
      tags,
      summary: 'Remove a voice server (superuser)',
      description: 'Removes the server from the registry; it is never picked again. 404 when there is none. Superuser only.',
      params: IdParams,
      response: { 204: z.void(), ...errors },
    },
    handler: async (req, reply) => {
      await voiceServers.remove(req.params.id);
      return reply.status(204).send();
    },
  });

  app.post('/api/voice-servers/:id/verify', {
    onRequest: superuser,
    schema: {
      tags,
      summary: 'Verify a voice server with a WebSocket handshake (superuser)',
      description:
        'Opens a real WebSocket connection to the url (TLS for wss://, 5 s at most, a host resolving to a link-local address refused before connecting) and records the outcome: `verified`, or `failed` with the reason in `error`. A failed server leaves the pick at once. Superuser only.',
      params: IdParams,
      response: { 200: VerifyVoiceServerResponse, ...errors },
    },
    handler: async (req) => verifyView(await voiceServers.verify(req.params.id), zone(req)),
  });
}
